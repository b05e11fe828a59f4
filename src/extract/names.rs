//! Names: the bodies (organisations, facility types) and programmes (projects, campaigns,
//! policies) a report speaks of.
//!
//! Bodies are found by the endings of their names (`…卫生院`, `…疾控中心`, `…卫健委`) read
//! back to the start of the phrase; programmes by their quotation marks (`“两卡制”`), book-title
//! marks (`《…实施方案》`) and endings (`…项目`, `…行动`, `…制度`).

use std::sync::LazyLock;

use crate::model::{Body, Programme};
use crate::text::Cleaned;
use crate::textkit::{CharSet, WordSet, is_han};

/// Endings of body names, longest first, with the kind of body and whether the ending alone
/// names a body (`卫生院` does, `中心` does not).
const BODY_ENDINGS: &[(&str, &str, bool)] = &[
    ("社区卫生服务中心", "primary_care", true),
    ("社区卫生服务站", "primary_care", true),
    ("疾病预防控制中心", "public_health", true),
    ("卫生健康委员会", "government", true),
    ("基层医疗卫生机构", "primary_care", true),
    ("卫生服务中心", "primary_care", false),
    ("医疗卫生机构", "other", true),
    ("妇幼保健院", "hospital", true),
    ("中心卫生院", "primary_care", false),
    ("乡镇卫生院", "primary_care", true),
    ("卫生健康委", "government", true),
    ("卫生健康局", "government", true),
    ("监督协管站", "public_health", true),
    ("直报单位", "public_health", false),
    ("人民医院", "hospital", true),
    ("红十字会", "other", true),
    ("医疗机构", "other", true),
    ("托育机构", "other", true),
    ("养老机构", "other", true),
    ("普惠机构", "other", false),
    ("医疗集团", "hospital", false),
    ("疾控中心", "public_health", true),
    ("急救中心", "public_health", false),
    ("指挥中心", "public_health", false),
    ("质控中心", "public_health", true),
    ("防治中心", "public_health", false),
    ("研究中心", "academic", false),
    ("委员会", "government", false),
    ("卫健委", "government", true),
    ("卫健局", "government", true),
    ("卫计委", "government", true),
    ("卫生局", "government", true),
    ("医保局", "government", true),
    ("教体局", "government", true),
    ("教育局", "government", true),
    ("民政局", "government", true),
    ("财政局", "government", true),
    ("爱卫办", "government", true),
    ("健康办", "government", true),
    ("迎检办", "government", false),
    ("卫生办", "government", false),
    ("办公室", "government", false),
    ("卫健工委", "government", true),
    ("纪工委", "government", true),
    ("县政府", "government", true),
    ("区政府", "government", true),
    ("市政府", "government", true),
    ("省政府", "government", true),
    ("县委", "government", true),
    ("区委", "government", true),
    ("市委", "government", true),
    ("中医院", "hospital", true),
    ("保健院", "hospital", false),
    ("护理院", "hospital", true),
    ("医学院", "academic", false),
    ("卫生院", "primary_care", true),
    ("卫生室", "primary_care", true),
    ("中医馆", "primary_care", true),
    ("医共体", "hospital", false),
    ("医联体", "hospital", false),
    ("优秀单位", "other", false),
    ("示范单位", "other", false),
    ("分院", "hospital", false),
    ("附院", "hospital", false),
    ("街道", "place", false),
    ("镇", "place", false),
    ("乡", "place", false),
    ("村", "place", false),
    ("医院", "hospital", true),
    ("大学", "academic", false),
    ("中心", "other", false),
];

/// Endings of programme names.
const PROGRAMME_ENDINGS: &[&str] = &[
    "签约服务",
    "专项治理",
    "专项行动",
    "公共卫生服务项目",
    "项目",
    "工程",
    "行动",
    "运动",
    "制度",
    "改革",
    "政策",
    "试点",
    "活动",
    "规划",
    "计划",
    "建设",
    "创建",
    "筛查",
    "监测",
    "示范区",
    "示范县",
    "专项",
    // creation campaigns and their reviews: 省级健康县, 国家卫生城市复审
    "健康县",
    "健康城市",
    "卫生县城",
    "卫生城市",
    "复审",
    // strategies: 人才强卫, 科教强卫, 健康优先战略
    "强卫",
    "战略",
    // national services known by their short names: 免费婚检, 农村妇女增补叶酸, 家庭病床
    "婚检",
    "增补叶酸",
    "家庭病床",
    "对口帮扶",
];

/// The [`PROGRAMME_ENDINGS`] that name a service by themselves (`开展家庭病床服务`).
const SHORT_NAMES: &[&str] = &["增补叶酸", "家庭病床", "对口帮扶"];

/// Where a quoted list of slogans that ends right before `i` opens (`“大讨论、大反思”专项行动`):
/// a quote holding a list names no programme of its own, but is part of the one after it.
fn listy_quote_before(t: &[char], i: usize) -> Option<usize> {
    if i == 0 || t[i - 1] != '”' {
        return None;
    }
    let open = (i.saturating_sub(22)..i - 1).rev().find(|&p| t[p] == '“')?;
    t[open + 1..i - 1].contains(&'、').then_some(open)
}

/// Words before a name that are not part of it.
const STOP_WORDS: &[&str] = &[
    "开展", "推进", "实施", "落实", "完成", "做好", "抓好", "加强", "深化", "启动", "推动", "全面",
    "深入", "持续", "积极", "扎实", "大力", "稳步", "规范", "继续", "组织", "依托", "联合", "通过",
    "推荐", "获评", "创建", "争创", "成立", "设立", "新建", "建成", "承担", "支持", "实现", "加快",
    "建立", "打造", "指导", "协调", "覆盖", "用好", "推行", "围绕", "坚持", "强化", "提升", "优化",
    "完善", "健全", "开设", "设置", "招聘", "培养", "引进", "参加", "参与", "举办", "召开", "制定",
    "印发", "下发", "出台", "统筹", "同步", "年度", "现有", "新增", "获得", "成为", "命名", "接入",
    "全区", "全县", "全市", "全省", "全镇", "全乡", "全委", "共计", "共有", "强抓", "做实", "巩固",
    "迎接", "聚焦", "探索", "创新", "贯彻", "执行", "牵头", "安排", "选取", "其中", "组建", "年内",
    "确保", "力争", "加速",
];

/// Endings of a report's own kind (`下半年工作计划`, `2024年工作要点`): the document or one
/// of its parts, not a programme it speaks of.
const DOCUMENT_ENDINGS: &[&str] = &["工作计划", "工作规划", "工作要点", "工作总结", "工作打算"];

/// Times that, with a two-character ending after them (`全年计划`, `年度任务`), name no
/// programme.
const TIME_PREFIXES: &[&str] = &[
    "全年",
    "年度",
    "本年",
    "今年",
    "明年",
    "上半年",
    "下半年",
    "年内",
];

/// Reads back from `end` to the start of the name phrase, at most `cap` characters.
fn walk_back(t: &[char], end: usize, cap: usize) -> usize {
    let (stop_chars, measure_chars, stop_words): (&CharSet, &CharSet, &WordSet) =
        (&STOP_CHARS, &MEASURE_CHARS, &STOP_LEX);
    let mut k = end;
    while k > 0 && end - k < cap {
        let c = t[k - 1];
        if c.is_ascii_digit() {
            // digits inside a name (XX县120急救指挥中心), not a count before it
            let run = t[..k]
                .iter()
                .rev()
                .take_while(|c| c.is_ascii_digit())
                .count();
            if k > run
                && (is_han(t[k - run - 1]) || t[k - run - 1] == 'X')
                && end - (k - run) <= cap
            {
                k -= run;
                continue;
            }
            break;
        }
        if !(is_han(c) || c == 'X') || stop_chars.contains(c) {
            break;
        }
        // a measure word after a number or a determiner (28家乡镇卫生院, 每个卫生院, 两个中心);
        // after a numeral only 个: 七台河 and 五家渠 are places
        if k >= 2
            && measure_chars.contains(c)
            && (t[k - 2].is_ascii_digit()
                || matches!(t[k - 2], '每' | '各' | '这' | '那' | '该' | '几')
                || (c == '个'
                    && (t[k - 2] == '两' || crate::extract::numerals::is_cn_digit(t[k - 2]))))
        {
            break;
        }
        // a verb before the name, unless it is part of a word such as 规范化
        if k >= 2 && stop_words.longest_ending(&t[..k]).is_some() && t.get(k) != Some(&'化') {
            break;
        }
        k -= 1;
    }
    // 二级以上公立医院: the 上 of 以上 is no start of a name
    if k > 0 && k < end && t[k - 1] == '以' && matches!(t[k], '上' | '下') {
        k += 1;
    }
    // a number at the start is a count, not part of the name
    while k < end && t[k].is_ascii_digit() {
        k += 1;
    }
    // the base of a density: 每千人口医疗机构床位数 names 医疗机构
    for base in ["十万人口", "千人口", "万人口"] {
        if crate::textkit::starts_with(&t[k..end], base) {
            k += base.chars().count();
            break;
        }
    }
    k
}

/// A name found in the cleaned text: its text and cleaned range.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Index into the bodies or programmes list.
    pub index: usize,
    /// Cleaned start.
    pub start: usize,
    /// Cleaned end.
    pub end: usize,
}

/// Bodies and programmes with their cleaned mentions (in text order), for linking.
#[derive(Debug, Default)]
pub struct Names {
    body_index: rustc_hash::FxHashMap<String, usize>,
    programme_index: rustc_hash::FxHashMap<String, usize>,
    /// A name under lookup, reused so that a name seen before costs no allocation.
    buf: String,
    /// The bodies.
    pub bodies: Vec<Body>,
    /// The programmes.
    pub programmes: Vec<Programme>,
    /// Cleaned mentions of bodies.
    pub body_mentions: Vec<Mention>,
    /// Cleaned mentions of programmes.
    pub programme_mentions: Vec<Mention>,
}

/// Finds the bodies and programmes of a cleaned text.
pub fn find(c: &Cleaned) -> Names {
    let t = &c.norm;
    let mut names = Names::default();
    let bodies: &WordSet = &BODY_LEX;
    let mut i = 0;
    while i < t.len() {
        // (the 中 of 其中 starts no name: 其中医院12家 speaks of 医院, not 中医院)
        if let Some(&(ending, kind, alone)) = bodies
            .longest_index_at(&t[i..])
            .filter(|_| !(t[i] == '中' && i > 0 && t[i - 1] == '其'))
            .map(|k| &BODY_ENDINGS[k])
        {
            let end = i + ending.chars().count();
            let start = walk_back_with_brackets(t, i, 12);
            let place_ok = kind != "place"
                || (is_place_name(&t[start..end])
                    && !t.get(end).is_some_and(|&c| PLACE_WORD_GOES_ON.contains(c)));
            if (start < i || alone) && place_ok {
                add_body(&mut names, c, start, end, kind);
                if kind != "place" {
                    add_shared_ending(&mut names, c, start, (i, end), kind);
                }
            }
            i = end;
            continue;
        }
        // 市九院, 县一院: a numbered hospital of a city or county
        if t[i] == '院'
            && i >= 2
            && crate::extract::numerals::is_cn_digit(t[i - 1])
            && matches!(t[i - 2], '市' | '县' | '区' | '省')
        {
            add_body(&mut names, c, i - 2, i + 1, "hospital");
        }
        i += 1;
    }
    find_programmes(c, &mut names);
    names.body_mentions.sort_by_key(|m| m.start);
    names.programme_mentions.sort_by_key(|m| m.start);
    names
}

/// The body endings, found by their first character.
static BODY_LEX: LazyLock<WordSet> = LazyLock::new(|| {
    let endings: Vec<&'static str> = BODY_ENDINGS.iter().map(|(e, _, _)| *e).collect();
    WordSet::new(&endings)
});

/// The programme endings, found by their first character.
static PROGRAMME_LEX: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(PROGRAMME_ENDINGS));

/// The stop words, found by their last character.
static STOP_LEX: LazyLock<WordSet> = LazyLock::new(|| WordSet::endings(STOP_WORDS));

/// Measure words of one character: after a number they end a count, not a name.
static MEASURE_CHARS: LazyLock<CharSet> = LazyLock::new(|| {
    CharSet::new(
        crate::extract::units::MEASURE_WORDS
            .iter()
            .filter(|w| w.chars().count() == 1)
            .filter_map(|w| w.chars().next()),
    )
});

/// Characters that never stand inside a name.
static STOP_CHARS: LazyLock<CharSet> = LazyLock::new(|| {
    CharSet::new(
        "的在对为和与及或等了将由到是有从把被让给各其该此每已均并且而以于也又还再即如使应按则至"
            .chars(),
    )
});

/// Characters after 镇, 乡 or 村 that make it part of a word, not the end of a place name:
/// 乡村医生, 乡镇, 村民, 村医, 镇级.
static PLACE_WORD_GOES_ON: LazyLock<CharSet> =
    LazyLock::new(|| CharSet::new("村镇乡民医级".chars()));

/// Whether a name ending in 镇, 乡, 村 or 街道 names a place (胡埭镇富安村, 定城镇), not a kind
/// of place (乡镇, 农村, 卫生乡镇, 美丽乡村).
fn is_place_name(name: &[char]) -> bool {
    const KINDS: &[&str] = &[
        "城乡",
        "乡镇",
        "村镇",
        "农村",
        "乡村",
        "街道",
        "健康村",
        "健康镇",
        "卫生村",
    ];
    let s: String = name.iter().collect();
    name.len() >= 3 && !KINDS.iter().any(|k| s.ends_with(k))
}

/// Like [`walk_back`], but reads over a short bracketed part: `上海高级专家(无锡)诊疗服务中心`.
fn walk_back_with_brackets(t: &[char], end: usize, cap: usize) -> usize {
    let mut k = walk_back(t, end, cap);
    if k == end || k < 4 {
        return k;
    }
    if t[k - 1] == ')'
        && let Some(open) = t[k.saturating_sub(6)..k - 1]
            .iter()
            .rposition(|&c| c == '(')
    {
        let open = k.saturating_sub(6) + open;
        let before = walk_back(t, open, cap);
        if before < open {
            k = before;
        }
    }
    k
}

/// Looks a name up in `index` through the reusable buffer `buf` (no allocation for a name
/// seen before): `Ok(i)` for a known name, `Err(name)` for a new one.
fn lookup(
    index: &rustc_hash::FxHashMap<String, usize>,
    buf: &mut String,
    c: &Cleaned,
    start: usize,
    end: usize,
) -> Result<usize, String> {
    buf.clear();
    c.push_display(buf, start, end);
    let name = buf.trim();
    index.get(name).copied().ok_or_else(|| name.to_string())
}

fn add_body(names: &mut Names, c: &Cleaned, start: usize, end: usize, kind: &str) {
    let index = lookup(&names.body_index, &mut names.buf, c, start, end);
    add_body_as(names, c, (start, end), index, kind);
}

/// Names that share the ending of the body after them: `朱顶、武桥卫生院` names 朱顶卫生院 too.
/// `start` is the start of the body's name, `ending` its ending's range.
fn add_shared_ending(
    names: &mut Names,
    c: &Cleaned,
    start: usize,
    ending: (usize, usize),
    kind: &str,
) {
    let t = &c.norm;
    if start < 3 || t[start - 1] != '、' {
        return;
    }
    let shared = c.display_string(ending.0, ending.1);
    let mut k = start;
    while k >= 3 && t[k - 1] == '、' {
        let seg_end = k - 1;
        let seg_start = seg_end
            - t[..seg_end]
                .iter()
                .rev()
                .take(5)
                .take_while(|&&ch| is_han(ch) && !STOP_CHARS.contains(ch))
                .count();
        let seg: String = t[seg_start..seg_end].iter().collect();
        // a name of its own (县委、县政府) or a single character (省、市卫健委)
        let whole = BODY_ENDINGS.iter().any(|(e, _, _)| seg.ends_with(e));
        if !(2..=4).contains(&(seg_end - seg_start)) || whole {
            break;
        }
        let mut name = c.display_string(seg_start, seg_end);
        name.push_str(&shared);
        let index = names.body_index.get(&name).copied().ok_or(name);
        add_body_as(names, c, (seg_start, seg_end), index, kind);
        k = seg_start;
    }
}

/// Adds a mention of the body `index` (`Ok`) or of a new body of that name (`Err`) at the
/// cleaned range `at`.
fn add_body_as(
    names: &mut Names,
    c: &Cleaned,
    (start, end): (usize, usize),
    index: Result<usize, String>,
    kind: &str,
) {
    let span = c.span(start, end);
    let index = match index {
        Ok(p) => {
            names.bodies[p].mentions.push(span);
            p
        }
        Err(name) => {
            let p = names.bodies.len();
            names.body_index.insert(name.clone(), p);
            names.bodies.push(Body {
                id: crate::model::record_id('b', p + 1),
                name,
                body_type: kind.to_string(),
                mentions: vec![span],
            });
            p
        }
    };
    names.body_mentions.push(Mention { index, start, end });
}

fn add_programme(names: &mut Names, c: &Cleaned, start: usize, end: usize) {
    if end < start + 2 {
        return;
    }
    let span = c.span(start, end);
    let index = match lookup(&names.programme_index, &mut names.buf, c, start, end) {
        Ok(p) => {
            names.programmes[p].mentions.push(span);
            p
        }
        Err(name) if name.chars().count() < 2 => return,
        Err(name) if DOCUMENT_ENDINGS.iter().any(|e| name.ends_with(e)) => return,
        // 全年计划, 年度计划: a time, not a programme's name
        Err(name)
            if TIME_PREFIXES
                .iter()
                .any(|p| name.starts_with(p) && name.chars().count() <= p.chars().count() + 2) =>
        {
            return;
        }
        Err(name) => {
            let p = names.programmes.len();
            names.programme_index.insert(name.clone(), p);
            names.programmes.push(Programme {
                id: crate::model::record_id('p', p + 1),
                name,
                mentions: vec![span],
            });
            p
        }
    };
    names.programme_mentions.push(Mention { index, start, end });
}

#[inline(never)]
fn find_programmes(c: &Cleaned, names: &mut Names) {
    let t = &c.norm;
    let endings: &WordSet = &PROGRAMME_LEX;
    let mut i = 0;
    while i < t.len() {
        let ch = t[i];
        if ch == '“' || ch == '《' {
            let close = if ch == '“' { '”' } else { '》' };
            let max = if ch == '“' { 20 } else { 60 };
            let inner = t[i + 1..]
                .iter()
                .take(max + 1)
                .position(|&c| c == close || c == '\n' || (ch == '“' && c == '“'));
            if let Some(n) = inner.filter(|&n| n >= 2 && n <= max && t[i + 1 + n] == close) {
                let body = &t[i + 1..i + 1 + n];
                let listy = body
                    .iter()
                    .any(|&c| matches!(c, '、' | ',' | '。' | ';' | '!' | '?'));
                if ch == '《' || !listy {
                    add_programme(names, c, i + 1, i + 1 + n);
                }
                i += n + 2;
                continue;
            }
        }
        if let Some(e) = endings.longest_at(&t[i..]) {
            let mut end = i + e.chars().count();
            let mut start = walk_back(t, i, 16);
            // a slogan list in quotes is part of the name after it:
            // 作风建设“大讨论、大反思、大整改、大提升”专项行动
            if start == i
                && let Some(open) = listy_quote_before(t, i)
            {
                start = walk_back(t, open, 16);
            }
            // a service known by its short name: 开展家庭病床服务
            if SHORT_NAMES.contains(&e) && crate::textkit::starts_with(&t[end..], "服务") {
                end += 2;
            }
            if i - start == 16 {
                // cut off mid-phrase: start after the last body named inside instead
                // (…基层医疗卫生机构妇幼健康规范化门诊创建 → 妇幼健康规范化门诊创建)
                if let Some(after) = (start..i)
                    .rev()
                    .find_map(|p| BODY_LEX.longest_at(&t[p..i]).map(|e| p + e.chars().count()))
                {
                    start = after;
                }
            }
            if i - start >= 2 || SHORT_NAMES.contains(&e) {
                add_programme(names, c, start, end);
            }
            i = end;
            continue;
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> (Vec<String>, Vec<String>) {
        let out = crate::text::clean(text);
        let n = find(&out.cleaned);
        (
            n.bodies.into_iter().map(|b| b.name).collect(),
            n.programmes.into_iter().map(|p| p.name).collect(),
        )
    }

    /// Asserts that every one of `names` was found.
    fn assert_found(found: &[String], names: &[&str]) {
        for name in names {
            assert!(found.iter().any(|f| f == name), "{name} not in {found:?}");
        }
    }

    #[test]
    fn bodies_by_their_endings() {
        let (b, _) = found(
            "东山街道社区卫生服务中心通过了推荐标准,对全县28家乡镇卫生院(社区卫生服务中心)开展督导,在省、市卫健委和县委、县政府领导下,以XX县人民医院急救中心为基础",
        );
        assert_found(
            &b,
            &[
                "东山街道社区卫生服务中心",
                "乡镇卫生院",
                "社区卫生服务中心",
                "市卫健委",
                "县委",
                "县政府",
                "XX县人民医院急救中心",
            ],
        );
    }

    #[test]
    fn names_sharing_an_ending() {
        let (b, _) = found("县人民医院改扩建、朱顶、武桥卫生院及龙河社区卫生服务中心项目");
        assert!(b.contains(&"朱顶卫生院".to_string()), "{b:?}");
        assert!(b.contains(&"武桥卫生院".to_string()), "{b:?}");
        assert!(!b.iter().any(|n| n.contains("改扩建")), "{b:?}");
        let (b, _) = found("东山、西山社区卫生服务中心");
        assert!(b.contains(&"东山社区卫生服务中心".to_string()), "{b:?}");
        let (b, _) =
            found("每个乡镇卫生院配备2名全科医生,建成两个社区卫生服务中心,七台河市人民医院");
        assert_eq!(
            b,
            ["乡镇卫生院", "社区卫生服务中心", "七台河市人民医院"].map(String::from)
        );
        let (b, _) = found("在县委、县政府领导下");
        assert_eq!(b, ["县委", "县政府"].map(String::from));
        let (b, _) = found("每千人口医疗机构床位数6.8张");
        assert_eq!(b, ["医疗机构"].map(String::from));
        let (b, _) = found("医疗机构共计156家,其中医院12家、中医院2家");
        assert_eq!(b, ["医疗机构", "医院", "中医院"].map(String::from));
    }

    #[test]
    fn programmes_by_quotes_titles_and_endings() {
        let (_, p) = found(
            "开展“优质服务基层行”工作。制定了《XX县120急救指挥中心建设实施方案》,扎实推进家庭医生签约服务工作,规范国家基本公共卫生服务项目。“首诊在基层、救治在医院”",
        );
        assert_found(
            &p,
            &[
                "优质服务基层行",
                "XX县120急救指挥中心建设实施方案",
                "家庭医生签约服务",
                "国家基本公共卫生服务项目",
            ],
        );
        assert!(!p.iter().any(|n| n.contains("首诊")));
    }

    #[test]
    fn campaigns_strategies_and_services_by_their_short_names() {
        let (_, p) = found(
            "积极创建国家卫生县城,深入实施人才强卫战略,开展免费婚检,为农村妇女增补叶酸,推进省级健康县创建,通过国家卫生城市复审。下半年工作计划",
        );
        assert_found(
            &p,
            &[
                "国家卫生县城",
                "人才强卫战略",
                "免费婚检",
                "农村妇女增补叶酸",
                "省级健康县",
                "国家卫生城市复审",
            ],
        );
        assert!(!p.iter().any(|n| n.ends_with("工作计划")), "{p:?}");
    }

    #[test]
    fn short_names_are_programme_endings() {
        for name in SHORT_NAMES {
            assert!(PROGRAMME_ENDINGS.contains(name), "{name}");
        }
    }

    #[test]
    fn slogan_lists_in_quotes_and_services_by_short_name() {
        let (_, p) = found(
            "开展作风建设“大讨论、大反思、大整改”专项行动,扎实开展家庭病床服务,确保家庭病床建设",
        );
        assert_found(
            &p,
            &[
                "作风建设“大讨论、大反思、大整改”专项行动",
                "家庭病床服务",
                "家庭病床建设",
            ],
        );
        assert!(!p.iter().any(|n| n.starts_with("确保")), "{p:?}");
        // a quoted name on its own stays a programme of its own
        let (_, p) = found("开展“优质服务基层行”活动");
        assert_found(&p, &["优质服务基层行"]);
    }
}
