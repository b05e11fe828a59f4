//! Labels: the name of the metric a number belongs to, as written.
//!
//! Chinese reports put the name before the number (`签约率51.2%`, `建立居民电子健康档案476094份`)
//! or, for counts, a number and measure word before the noun (`成立88个公共卫生委员会`,
//! `为78名失独老人`). The label is read from the clause the number stands in, with leading
//! scope words (全县, 其中, 累计) and trailing linking verbs (为, 达到) stripped.

use crate::textkit::{self, char_set};

/// Characters that end a clause.
pub fn clause_break(c: char) -> bool {
    matches!(
        c,
        ',' | '。' | ';' | ':' | '!' | '?' | '、' | '\n' | '(' | ')' | '，' | '；' | '：'
    )
}

/// Words that open a clause without naming anything.
const LEADING: &[&str] = &[
    "截至目前",
    "截止目前",
    "截至",
    "截止",
    "其中",
    "全区",
    "全县",
    "全市",
    "全省",
    "全镇",
    "全乡",
    "全委",
    "辖区",
    "我区",
    "我县",
    "我市",
    "我委",
    "本区",
    "本县",
    "共计",
    "累计",
    "合计",
    "总计",
    "目前",
    "今年",
    "全年",
    "当年",
    "上半年",
    "下半年",
    "同时",
    "此外",
    "另有",
    "共有",
    "现有",
    "拥有",
    "共",
    "另",
    "并",
    "还",
    "均",
    "分别",
    "年度",
    "年",
    "底",
    "月",
    "份",
    "先后",
    "我院",
    "本院",
    "包括",
    "包含",
    "含",
    "我中心",
    "力争",
    "确保",
    "争取",
    "实现",
    "年内",
    "年底前",
];

static LEADING_LEX: std::sync::LazyLock<textkit::WordSet> =
    std::sync::LazyLock::new(|| textkit::WordSet::new(LEADING));
static TRAILING_LEX: std::sync::LazyLock<textkit::WordSet> =
    std::sync::LazyLock::new(|| textkit::WordSet::endings(TRAILING));

/// Words that link a name to its number.
const TRAILING: &[&str] = &[
    "分别达到",
    "分别",
    "均在",
    "均达",
    "均为",
    "突破",
    "均",
    "分别为",
    "分别达",
    "达到了",
    "提高到",
    "提高至",
    "提升至",
    "提升到",
    "增长到",
    "增长至",
    "增加到",
    "增加至",
    "下降到",
    "下降至",
    "降低到",
    "降低至",
    "减少到",
    "减少至",
    "缩短到",
    "缩短至",
    "延长到",
    "延长至",
    "上升到",
    "上升至",
    "控制在",
    "保持在",
    "稳定在",
    "达到",
    "增至",
    "降至",
    "升至",
    "共计",
    "累计",
    "总计",
    "合计",
    "超过",
    "不少于",
    "不低于",
    "不高于",
    "不超过",
    "低于",
    "高于",
    "每年",
    "年均",
    "年底",
    "年末",
    "月底",
    "届时",
    "力争",
    "确保",
    "争取",
    "≥",
    "≤",
    "⩾",
    "⩽",
    ">",
    "<",
    "大约",
    "接近",
    "预计",
    "预期",
    "估计",
    "为",
    "达",
    "仅",
    "只有",
    "保持",
    "是",
    "了",
    "有",
    "约",
    "近",
    "逾",
    "共",
    "计",
    "至",
    "到",
    "的",
    "在",
];

/// Characters before 约 and 近 that make them part of a word (签约, 最近), not a qualifier.
const KEEP_BEFORE_TRAILING: &[(&str, &str)] = &[
    ("约", "签预履节制契"),
    ("近", "最附就接临"),
    // 人均, 户均, 次均, 日均: per head, not "all"
    ("均", "人户次日月年床"),
];

/// Scope words at the end of a clause before a count whose noun follows (`全县14家乡镇卫生院`).
const SCOPE: &[&str] = &[
    "全区", "全县", "全市", "全省", "全镇", "辖区", "我区", "我县", "我市", "共", "共计", "累计",
    "其中", "已",
];

/// Strips scope words from the front and linking words from the back of a label.
pub fn trim_label(chars: &[char]) -> (usize, usize) {
    let mut s = 0;
    let mut e = chars.len();
    loop {
        let before = (s, e);
        while s < e && chars[s] == ' ' {
            s += 1;
        }
        // a leading date: 2023年, 2023年度, 5月底
        let digits = chars[s..e]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if digits > 0 && matches!(chars.get(s + digits), Some('年' | '月' | '日')) {
            s += digits;
        }
        s += list_marker_len(&chars[s..e]);
        if let Some(w) = LEADING_LEX.longest_at(&chars[s..e]) {
            // 年, 月, 底 are scope only after a date: 2023年度, 5月底
            let dated = matches!(w, "年度" | "年" | "月" | "份" | "底");
            if !dated || date_like_before(chars, s) {
                s += w.chars().count();
            }
        }
        // a conjunction joining this figure to the one before (签约医生480名和护士356名),
        // unless it starts a word (和谐, 及时率, 及格)
        if e > s + 1 {
            let joins = match chars[s] {
                '和' => !char_set!("谐平美睦").contains(chars[s + 1]),
                '及' => !char_set!("时格早").contains(chars[s + 1]),
                '以' => chars[s + 1] == '及',
                _ => false,
            };
            if joins {
                s += if chars[s] == '以' { 2 } else { 1 };
            }
        }
        // 有 before what is counted (全市有卫生技术人员5.68万人), unless it starts a word
        // (有效接种率, 有害生物, 有偿服务)
        if e > s + 2
            && chars[s] == '有'
            && !char_set!("效关序力偿机害线色益利意为形毒限氧").contains(chars[s + 1])
        {
            s += 1;
        }
        // blanks, and the dash of a range (65%-70%)
        while e > s && matches!(chars[e - 1], ' ' | '-' | '~' | '—' | '－' | '～') {
            e -= 1;
        }
        // the starting level of a change to a level: 床位数由上年的6.21张(增加到6.45张)
        e = s + without_starting_point(&chars[s..e]);
        // how long a level has held: 接种率连续三年(保持在98%以上)
        e = s + without_run_of_years(&chars[s..e]);
        // the time a level was reached: 由2022年的25.3%提高到2023年的(28.6%)
        let time = chars[s..e]
            .iter()
            .rev()
            .take_while(|&&c| char_set!(TIME_WORD_CHARS).contains(c))
            .count();
        if time > 0 && e - time > s && matches!(chars[e - time - 1], '到' | '至') {
            e -= time;
        }
        if let Some(w) = TRAILING_LEX.longest_ending(&chars[s..e]) {
            let n = w.chars().count();
            let kept = KEEP_BEFORE_TRAILING
                .iter()
                .any(|(t, before)| *t == w && e > s + n && before.contains(chars[e - n - 1]));
            if !kept {
                e -= n;
            }
        }
        if (s, e) == before {
            break;
        }
    }
    (s, e)
}

/// The length of a list marker at the start of `chars`: `2.`, `3、`, `(1)`, `①`, `一是`,
/// `二、` (0 if there is none). A list item's first clause names its metric after it.
fn list_marker_len(chars: &[char]) -> usize {
    if let Some(end) = crate::structure::number_end(chars) {
        return end;
    }
    // 一是, 二是: the enumerations of a paragraph
    let cn = chars
        .iter()
        .take(2)
        .take_while(|&&c| crate::extract::numerals::is_cn_digit(c))
        .count();
    if cn > 0 && chars.get(cn) == Some(&'是') {
        cn + 1
    } else {
        0
    }
}

/// Characters of the time words that a comparison or a starting point names: 上年, 年初,
/// 2022年, 去年同期.
const TIME_WORD_CHARS: &str = "0123456789年初上去同期末底度前月季半";

/// The length of `chars` without a trailing starting point `由上年的`, `从2022年的`, `由`:
/// a level that changed names the metric before it.
fn without_starting_point(chars: &[char]) -> usize {
    let mut e = chars.len();
    if e > 0 && chars[e - 1] == '的' {
        e -= 1;
    }
    while e > 0 && char_set!(TIME_WORD_CHARS).contains(chars[e - 1]) {
        e -= 1;
    }
    // not the 由 of a word: 自由, 理由, 缘由, 经由
    if e > 1
        && matches!(chars[e - 1], '由' | '从')
        && !matches!(
            chars[e - 2],
            '自' | '理' | '缘' | '经' | '来' | '因' | '任' | '服' | '顺'
        )
    {
        e - 1
    } else {
        chars.len()
    }
}

/// The length of `chars` without a trailing `连续三年`, `连续5年`, `连续两个月`.
fn without_run_of_years(chars: &[char]) -> usize {
    let n = chars.len();
    let Some(at) = (0..n.saturating_sub(2))
        .rev()
        .find(|&k| chars[k] == '连' && chars[k + 1] == '续')
    else {
        return n;
    };
    let rest: String = chars[at + 2..].iter().collect();
    let count = rest.trim_end_matches(['年', '月', '天', '届', '次']);
    let count = count.strip_suffix('个').unwrap_or(count);
    let numeral = !count.is_empty()
        && count.len() < rest.len()
        && count
            .chars()
            .all(|c| c.is_ascii_digit() || c == '两' || crate::extract::numerals::is_cn_digit(c));
    if numeral { at } else { n }
}

fn date_like_before(chars: &[char], s: usize) -> bool {
    s > 0 && chars[s - 1].is_ascii_digit()
}

/// Whether a clause before a count only sets its scope or introduces it (so the noun follows
/// the count): `全县`, `共计成立`, `拂晓乡等`.
pub fn is_scope_only(chars: &[char]) -> bool {
    let (s, e) = trim_label(chars);
    if s >= e {
        return true;
    }
    let rest = &chars[s..e];
    static SCOPE_LEX: std::sync::LazyLock<textkit::WordSet> =
        std::sync::LazyLock::new(|| textkit::WordSet::endings(SCOPE));
    SCOPE_LEX.longest_ending(rest).is_some() || is_verb_like(rest) || rest.last() == Some(&'等')
}

/// Whether the words after a count open a new clause with a scope word (`18支共计216人`,
/// `5家其中3家`): they do not name what was counted.
pub fn starts_with_scope(chars: &[char]) -> bool {
    const SCOPE_OPENERS: &[&str] = &["共计", "累计", "合计", "总计", "其中", "共有", "另有"];
    SCOPE_OPENERS.iter().any(|w| textkit::starts_with(chars, w))
}

/// Whether the words after a count only say that what follows is among what was counted
/// (`卫生技术人员5.68万人中,执业医师2.13万人`, `1235例中有`): they name nothing. 中 that starts
/// a word (`5家中医馆`) is no such word.
pub fn is_among(after: &[char]) -> bool {
    matches!(after, ['中'] | ['之' | '当', '中'] | ['中', '有', ..])
}

/// Whether the words after a figure only bound it (`85%-90%之间`, `1万元以内`): no noun to
/// name it by.
pub fn starts_with_bound_word(after: &[char]) -> bool {
    matches!(after.first(), Some('之' | '以' | '范' | '区'))
        && ["之间", "之内", "以内", "范围内", "区间"]
            .iter()
            .any(|w| textkit::starts_with(after, w))
}

/// Whether the words after a count join the next figure to it (`签约医生480名和护士356名`):
/// the noun after the conjunction names that figure, not this one.
pub fn starts_with_conjunction(after: &[char]) -> bool {
    matches!(after.first(), Some('和' | '及' | '与' | '或'))
}

/// Whether the words after a count are a verb phrase rather than the counted noun:
/// `村医260余人次参加培训`.
pub fn starts_with_verb(chars: &[char]) -> bool {
    const VERBS: &[&str] = &[
        "参加", "参与", "获得", "获评", "通过", "被", "均", "已", "正在", "完成", "达到", "实现",
        "接受", "开展", "得到", "受益", "次", "增加", "增长", "提高", "提升", "上升", "下降",
        "降低", "减少", "增至", "降至", "升至",
    ];
    static LEX: std::sync::LazyLock<textkit::WordSet> =
        std::sync::LazyLock::new(|| textkit::WordSet::new(VERBS));
    LEX.longest_at(chars).is_some()
}

/// Short verbs that introduce a count whose noun follows: 成立88个…, 培养21名…, 对433名….
fn is_verb_like(chars: &[char]) -> bool {
    const VERBS: &[&str] = &[
        "成立", "设立", "建成", "新建", "培养", "推荐", "安排", "引进", "招聘", "完成", "开展",
        "组织", "举办", "投入", "配备", "配有", "统筹", "覆盖", "涉及", "为", "对", "向", "有",
        "给", "帮助", "救助", "慰问", "资助", "发放", "创建", "创成", "命名", "确定", "遴选",
        "选派", "派出", "召开", "举行", "聘任", "聘用", "招录", "培训", "选取", "评选", "认定",
        "打造", "建立",
    ];
    static LEX: std::sync::LazyLock<textkit::WordSet> =
        std::sync::LazyLock::new(|| textkit::WordSet::endings(VERBS));
    LEX.longest_ending(chars).is_some()
}

/// Cuts a comparison off the end of a change's label: `门诊量较上年` → `门诊量`, `门诊人次环比` →
/// `门诊人次`, `管理率与去年同期相比` → `管理率`,
/// `接种率较年初` → `接种率`, `比2022年` → ``.
pub fn without_comparison(label: &str) -> &str {
    // words in simplified characters (較上年 is 较上年), the label as written
    let simple = crate::text::clean::simplified;
    for (at, c) in label.char_indices().rev() {
        if matches!(simple(c), '较' | '比') {
            let rest = &label[at + c.len_utf8()..];
            if rest
                .chars()
                .all(|r| char_set!(TIME_WORD_CHARS).contains(simple(r)))
                || is_average_of_a_place(rest)
            {
                let head = &label[..at];
                // 与去年同期相比, 和上年相比: the comparison starts at 与
                if let Some(h) = head.strip_suffix('相')
                    && let Some((w, first)) = h
                        .char_indices()
                        .rev()
                        .find(|&(_, c)| !char_set!(TIME_WORD_CHARS).contains(simple(c)))
                    && matches!(simple(first), '与' | '和' | '跟')
                {
                    return &h[..w];
                }
                // 同比, 环比
                return head.trim_end_matches(|c| matches!(simple(c), '同' | '环'));
            }
        }
    }
    label
}

/// Whether `s` is the average of a wider area a figure is compared with: `全省平均水平`,
/// `全国平均`, `市平均值`.
fn is_average_of_a_place(s: &str) -> bool {
    let s = s.strip_prefix('全').unwrap_or(s);
    let s = s
        .strip_prefix(['国', '省', '市', '区', '县', '國', '縣', '區'])
        .unwrap_or(s);
    matches!(s, "平均水平" | "平均值" | "平均")
}

/// Cuts the level a multiple is of off the end of its label: `达到上年的` (1.5倍) → ``,
/// `门诊量是2022年的` → `门诊量`.
pub fn without_base_of_multiple(label: &str) -> &str {
    let simple = crate::text::clean::simplified;
    let l = label.strip_suffix('的').unwrap_or(label);
    let kept = l.trim_end_matches(|c| char_set!(TIME_WORD_CHARS).contains(simple(c)));
    if kept.len() == l.len() {
        return label;
    }
    ["相当于", "达到", "是", "为", "达"]
        .iter()
        .find_map(|v| kept.strip_suffix(v))
        .unwrap_or(kept)
}

/// Whether a label only says how a figure was reckoned (`按当年价格`, `按可比口径计算`), so
/// the metric is the one named before it.
pub fn is_basis_only(label: &str) -> bool {
    label.starts_with('按')
        && crate::textkit::contains_any(label, &["价格", "计算", "口径", "可比"])
}

/// Bare rate names that say nothing without their subject: `完成率110%` after `新增托位440个`.
pub fn is_generic_rate(label: &str) -> bool {
    const GENERIC: &[&str] = &[
        "完成率",
        "占比",
        "比例",
        "比重",
        "增幅",
        "增速",
        "增长率",
        "达标率",
        "实现率",
    ];
    GENERIC.contains(&label) || label.chars().count() <= 1 || is_share_of(label)
}

/// Whether a label is a rate of managing patients that does not name them: `规范管理率`,
/// `血压控制率`, `管理率` (not `高血压患者规范管理率`).
pub fn is_management_rate(label: &str) -> bool {
    label.chars().count() <= 6
        && ["管理率", "控制率", "随访率", "服务率"]
            .iter()
            .any(|w| label.ends_with(w))
        && !label.contains("患者")
}

/// The patients a count's label names (`管理高血压患者` → `高血压患者`,
/// `登记在册严重精神障碍患者` → `严重精神障碍患者`): the label up to its last 患者, without the
/// verbs before the disease.
pub fn patients_named(label: &str) -> Option<&str> {
    const VERBS: &[&str] = &[
        "规范管理",
        "管理",
        "登记",
        "在册",
        "随访",
        "新发现",
        "发现",
        "筛查",
    ];
    let end = label.rfind("患者")? + "患者".len();
    let mut s = &label[..end];
    while let Some(rest) = VERBS.iter().find_map(|v| s.strip_prefix(v)) {
        s = rest;
    }
    (s.chars().count() > 2).then_some(s)
}

/// A share named by what it is a share of: `占GDP`, `占总数`, `占比` (the share's subject
/// stands before it: 卫生总费用…占GDP的6.8%).
fn is_share_of(label: &str) -> bool {
    label.starts_with('占')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trimmed(s: &str) -> String {
        let c: Vec<char> = s.chars().collect();
        let (a, b) = trim_label(&c);
        c[a..b].iter().collect()
    }

    #[test]
    fn trims_scope_and_linking_words() {
        assert_eq!(trimmed("电子档案建档率为"), "电子档案建档率");
        assert_eq!(trimmed("全省卫生总费用预计达"), "卫生总费用");
        assert_eq!(trimmed("总费用合计"), "总费用");
        assert_eq!(trimmed("全县有偿签约服务"), "有偿签约服务");
        assert_eq!(trimmed("其中免费唐氏筛查"), "免费唐氏筛查");
        assert_eq!(trimmed("全区可提供托位总数达"), "可提供托位总数");
        assert_eq!(trimmed("新增托位"), "新增托位");
        assert_eq!(trimmed("资金支出率达全年资金的"), "资金支出率达全年资金");
        assert_eq!(trimmed("每千人口床位数由上年的"), "每千人口床位数");
        assert_eq!(trimmed("出院人数从2022年的"), "出院人数");
        assert_eq!(trimmed("门诊量由"), "门诊量");
        assert_eq!(trimmed("补助资金人均"), "补助资金人均");
        assert_eq!(trimmed("婴儿死亡率不高于"), "婴儿死亡率");
        assert_eq!(trimmed("实现县域就诊率"), "县域就诊率");
        assert_eq!(trimmed("近视率每年"), "近视率");
        assert_eq!(trimmed("接种率连续三年"), "接种率");
        assert_eq!(trimmed("连续5年"), "");
        assert_eq!(trimmed("连续开展"), "连续开展");
        assert_eq!(trimmed("两项指标均"), "两项指标");
        assert_eq!(trimmed("2.确保孕产妇死亡率控制在"), "孕产妇死亡率");
        assert_eq!(trimmed("(1)高血压患者规范管理率"), "高血压患者规范管理率");
        assert_eq!(trimmed("一是乡镇卫生院空编率达"), "乡镇卫生院空编率");
        assert_eq!(trimmed("①签约率"), "签约率");
        // not a marker: 一是 needs 是, 一线 is a word
        assert_eq!(trimmed("一线医务人员"), "一线医务人员");
        // 由 inside a name stays
        assert_eq!(trimmed("自由"), "自由");
        // 有 before the counted noun goes, 有 that starts a word stays
        assert_eq!(trimmed("全市有卫生技术人员"), "卫生技术人员");
        assert_eq!(trimmed("拥有执业医师"), "执业医师");
        assert_eq!(trimmed("有效接种率"), "有效接种率");
        assert_eq!(trimmed("和护士"), "护士");
        assert_eq!(trimmed("以及乡村医生"), "乡村医生");
        assert_eq!(trimmed("及时率"), "及时率");
        assert_eq!(trimmed("和谐医患关系"), "和谐医患关系");
        assert_eq!(trimmed("有害生物防制"), "有害生物防制");
        // when a level is to be reached: 签约率年底达到45%
        assert_eq!(trimmed("家庭医生签约率年底达到"), "家庭医生签约率");
        assert_eq!(trimmed("提高到2023年的"), "");
        assert_eq!(trimmed("收入占比力争达到"), "收入占比");
        assert_eq!(trimmed("接种率≥"), "接种率");
        assert_eq!(trimmed("年底前实现每千人口托位数"), "每千人口托位数");
        assert_eq!(trimmed("健康素养水平提高到2023年底的"), "健康素养水平");
    }

    #[test]
    fn comparisons_leave_a_change_label() {
        assert_eq!(without_comparison("门诊量较上年"), "门诊量");
        assert_eq!(without_comparison("接种率较全省平均水平"), "接种率");
        assert_eq!(without_comparison("较全国平均"), "");
        assert_eq!(without_comparison("比全省平均住院日"), "比全省平均住院日");
        assert_eq!(without_comparison("门诊人次环"), "门诊人次环");
        assert_eq!(without_comparison("门诊人次环比"), "门诊人次");
        assert_eq!(without_comparison("系统管理率与去年同期相比"), "系统管理率");
        assert_eq!(without_comparison("系统管理率和上年相比"), "系统管理率");
        assert_eq!(without_comparison("与去年同期相比"), "");
    }

    #[test]
    fn among_what_was_counted() {
        let c = |s: &str| s.chars().collect::<Vec<char>>();
        assert!(is_among(&c("中")));
        assert!(is_among(&c("之中")));
        assert!(is_among(&c("中有")));
        assert!(!is_among(&c("中医馆")));
        assert!(!is_among(&c("中心")));
    }

    #[test]
    fn base_of_a_multiple() {
        assert_eq!(without_base_of_multiple("达到上年的"), "");
        assert_eq!(without_base_of_multiple("门诊量是2022年的"), "门诊量");
        assert_eq!(without_base_of_multiple("门诊量"), "门诊量");
    }

    #[test]
    fn management_rates_take_the_patients_counted_before() {
        assert_eq!(patients_named("管理高血压患者"), Some("高血压患者"));
        assert_eq!(
            patients_named("登记在册严重精神障碍患者"),
            Some("严重精神障碍患者")
        );
        assert_eq!(patients_named("管理老年人"), None);
        assert_eq!(patients_named("患者"), None);
        assert!(is_management_rate("规范管理率"));
        assert!(is_management_rate("血压控制率"));
        assert!(!is_management_rate("高血压患者规范管理率"));
        assert!(!is_management_rate("建档率"));
    }

    #[test]
    fn basis_and_share_labels() {
        assert!(is_basis_only("按当年价格"));
        assert!(is_basis_only("按可比口径计算"));
        assert!(!is_basis_only("按时随访率"));
        assert!(is_generic_rate("占GDP"));
        assert!(!is_generic_rate("医院占"));
    }

    #[test]
    fn scope_only_clauses() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert!(is_scope_only(&c("全县")));
        assert!(is_scope_only(&c("共计成立")));
        assert!(is_scope_only(&c("")));
        assert!(!is_scope_only(&c("基层医疗卫生机构")));
    }
}
