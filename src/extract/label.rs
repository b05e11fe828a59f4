//! Labels: the name of the metric a number belongs to, as written.
//!
//! Chinese reports put the name before the number (`签约率51.2%`, `建立居民电子健康档案476094份`)
//! or, for counts, a number and measure word before the noun (`成立88个公共卫生委员会`,
//! `为78名失独老人`). The label is read from the clause the number stands in, with leading
//! scope words (全县, 其中, 累计) and trailing linking verbs (为, 达到) stripped. The words are
//! the classes of data/lexicon/label.yaml.

use crate::lexicon::{Class, class};

/// Characters that end a clause.
pub fn clause_break(c: char) -> bool {
    matches!(
        c,
        ',' | '。' | ';' | ':' | '!' | '?' | '、' | '\n' | '(' | ')' | '，' | '；' | '：'
    )
}

/// The longest word of `class` that `chars` starts with, if it is longer than `n` characters:
/// a word of its own that begins with a word of `n` characters the rules would cut.
fn longer_word_at(class: &'static Class, chars: &[char], n: usize) -> bool {
    class.at(chars).is_some_and(|w| w.chars().count() > n)
}

/// Whether `chars` is exactly a word of `class`.
fn is_word(class: &'static Class, chars: &[char]) -> bool {
    class
        .at(chars)
        .is_some_and(|w| w.chars().count() == chars.len())
}

/// `s` without the longest word of `class` it ends with, or `None` when it ends with none.
fn strip_longest_suffix<'a>(s: &'a str, class: &'static Class) -> Option<&'a str> {
    if !s
        .chars()
        .next_back()
        .is_some_and(|c| class.ends().has_key(c))
    {
        return None;
    }
    class
        .words()
        .iter()
        .filter_map(|w| s.strip_suffix(w))
        .min_by_key(|rest| rest.len())
}

/// `s` without the longest word of `class` it starts with, or `None` when it starts with none.
fn strip_longest_prefix<'a>(s: &'a str, class: &'static Class) -> Option<&'a str> {
    if !s.chars().next().is_some_and(|c| class.has_char(c)) {
        return None;
    }
    class
        .words()
        .iter()
        .filter_map(|w| s.strip_prefix(w))
        .min_by_key(|rest| rest.len())
}

/// The change verb (of `change.up` or `change.down`) followed by a word of `label.to` that
/// `chars` ends with (提高到, 下降至), as its length in characters: the verb of a change to a
/// level, which links the name to the level.
fn change_to_ending(chars: &[char]) -> Option<usize> {
    let (&last, before) = chars.split_last()?;
    if !class!("label.to").has_char(last) {
        return None;
    }
    let up = class!("change.up")
        .ending(before)
        .map(|w| w.chars().count());
    let down = class!("change.down")
        .ending(before)
        .map(|w| w.chars().count());
    up.max(down).map(|n| n + 1)
}

/// Strips scope words from the front and linking words from the back of a label.
///
/// `chars` ends where its figure (or the change verb before it) begins. A qualifier there is
/// cut exactly as the scanner reads it, with `scan::qualifier_word_before` at that very place
/// (合约约20人: the second 约; 签约率约为51.2%: 约为; 签约61026人: nothing), and no qualifier
/// is cut anywhere else: the label never drops a word the figure was not qualified by.
pub fn trim_label(chars: &[char]) -> (usize, usize) {
    let leading = class!("label.leading");
    let leading_after_date = class!("label.leading_after_date");
    let date_units = class!("meta.date_marks");
    let joining = class!("label.joining_words");
    let there_are = class!("label.there_are");
    let kept_openings = class!("label.kept_openings");
    let time_chars = class!("label.time_chars");
    let to = class!("label.to");
    let trailing = class!("label.trailing");
    let kept_endings = class!("label.kept_endings");
    let not_qualifiers = class!("scan.not_qualifiers");
    let mut s = 0;
    // a qualifier, as the scanner reads it (合约约20人: the second 约, not the first)
    let mut e = chars.len()
        - crate::extract::scan::qualifier_word_before(chars, chars.len()).map_or(0, |(_, n)| n);
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
        if digits > 0
            && chars
                .get(s + digits)
                .is_some_and(|&c| date_units.has_char(c))
        {
            s += digits;
        }
        s += list_marker_len(&chars[s..e]);
        // 年, 月, 底 are scope only after a date: 2023年度, 5月底
        let lead = leading.at(&chars[s..e]);
        let dated = if date_like_before(chars, s) {
            leading_after_date.at(&chars[s..e])
        } else {
            None
        };
        if let Some(w) = lead.into_iter().chain(dated).max_by_key(|w| w.len()) {
            s += w.chars().count();
        }
        // a conjunction joining this figure to the one before (签约医生480名和护士356名),
        // unless it starts a word (和谐, 及时率, 及格)
        if e > s + 1
            && let Some(w) = joining.at(&chars[s..e])
        {
            let n = w.chars().count();
            if !longer_word_at(kept_openings, &chars[s..e], n) {
                s += n;
            }
        }
        // 有 before what is counted (全市有卫生技术人员5.68万人), unless it starts a word
        // (有效接种率, 有害生物, 有偿服务)
        if e > s + 2
            && let Some(w) = there_are.at(&chars[s..e])
        {
            let n = w.chars().count();
            if !longer_word_at(kept_openings, &chars[s..e], n) {
                s += n;
            }
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
            .take_while(|&&c| time_chars.has_char(c))
            .count();
        if time > 0 && e - time > s && to.has_char(chars[e - time - 1]) {
            e -= time;
        }
        let linking = trailing.ending(&chars[s..e]).map(|w| w.chars().count());
        if let Some(n) = linking.max(change_to_ending(&chars[s..e])) {
            // 人均, 日均, and the words that only end like a qualifier (签约, 最近): words of
            // their own that end in a linking word
            let kept = [kept_endings, not_qualifiers].iter().any(|class| {
                class
                    .ending(&chars[s..e])
                    .is_some_and(|k| k.chars().count() > n)
            });
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
        .take_while(|&&c| crate::reading::numerals::is_cn_digit(c))
        .count();
    if cn > 0
        && chars
            .get(cn)
            .is_some_and(|&c| class!("label.enumeration").has_char(c))
    {
        cn + 1
    } else {
        0
    }
}

/// The length of `chars` without a trailing starting point `由上年的`, `从2022年的`, `由`:
/// a level that changed names the metric before it.
fn without_starting_point(chars: &[char]) -> usize {
    let time_chars = class!("label.time_chars");
    let mut e = chars.len();
    if e > 0 && class!("extract.attributive").has_char(chars[e - 1]) {
        e -= 1;
    }
    while e > 0 && time_chars.has_char(chars[e - 1]) {
        e -= 1;
    }
    // not the 由 of a word: 自由, 理由, 缘由, 经由
    if e > 1
        && class!("label.from").has_char(chars[e - 1])
        && !class!("label.before_from_in_words").has_char(chars[e - 2])
    {
        e - 1
    } else {
        chars.len()
    }
}

/// The length of `chars` without a trailing `连续三年`, `连续5年`, `连续两个月`.
fn without_run_of_years(chars: &[char]) -> usize {
    let n = chars.len();
    let run = class!("label.run_word");
    // the last place before the last character where a word of the class starts
    let Some((at, w)) = n.checked_sub(1).and_then(|end| {
        let k = run
            .starts()
            .rfind_start(&chars[..end], 0, n.saturating_sub(2))?;
        run.at(&chars[k..end]).map(|w| (k, w))
    }) else {
        return n;
    };
    let units = class!("label.run_units");
    let rest: String = chars[at + w.chars().count()..].iter().collect();
    let count = rest.trim_end_matches(|c| units.has_char(c));
    let count = count
        .strip_suffix(|c| class!("name.numeral_measure_chars").has_char(c))
        .unwrap_or(count);
    let numeral = !count.is_empty()
        && count.len() < rest.len()
        && count.chars().all(|c| {
            c.is_ascii_digit()
                || class!("name.colloquial_numerals").has_char(c)
                || crate::reading::numerals::is_cn_digit(c)
        });
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
    class!("label.scope").ending(rest).is_some()
        || is_verb_like(rest)
        || rest
            .last()
            .is_some_and(|&c| class!("label.and_so_on").has_char(c))
}

/// Whether the words after a count open a new clause with a scope word (`18支共计216人`,
/// `5家其中3家`): they do not name what was counted.
pub fn starts_with_scope(chars: &[char]) -> bool {
    class!("label.scope_openers").at(chars).is_some()
}

/// Whether the words after a count only say that what follows is among what was counted
/// (`卫生技术人员5.68万人中,执业医师2.13万人`, `1235例中有`): they name nothing. 中 that starts
/// a word (`5家中医馆`) is no such word.
pub fn is_among(after: &[char]) -> bool {
    is_word(class!("label.among"), after) || class!("label.among_openers").at(after).is_some()
}

/// Whether the words after a figure only bound it (`85%-90%之间`, `1万元以内`): no noun to
/// name it by.
pub fn starts_with_bound_word(after: &[char]) -> bool {
    class!("label.bounds").at(after).is_some()
}

/// Whether the words after a count join the next figure to it (`签约医生480名和护士356名`):
/// the noun after the conjunction names that figure, not this one.
pub fn starts_with_conjunction(after: &[char]) -> bool {
    after
        .first()
        .is_some_and(|&c| class!("label.conjunctions").has_char(c))
}

/// Whether the words after a count are a verb phrase rather than the counted noun:
/// `村医260余人次参加培训`, `门诊量12万人次增长5%`.
pub fn starts_with_verb(chars: &[char]) -> bool {
    class!("label.verbs_after_count").at(chars).is_some()
        || class!("change.up").at(chars).is_some()
        || class!("change.down").at(chars).is_some()
}

/// Short verbs that introduce a count whose noun follows: 成立88个…, 培养21名…, 对433名….
fn is_verb_like(chars: &[char]) -> bool {
    class!("label.count_verbs").ending(chars).is_some()
}

/// Cuts a comparison off the end of a change's label: `门诊量较上年` → `门诊量`, `门诊人次环比` →
/// `门诊人次`, `管理率与去年同期相比` → `管理率`,
/// `接种率较年初` → `接种率`, `比2022年` → ``.
pub fn without_comparison(label: &str) -> &str {
    // words in simplified characters (較上年 is 较上年), the label as written
    let simple = crate::text::clean::simplified;
    let time_chars = class!("label.time_chars");
    for (at, c) in label.char_indices().rev() {
        if class!("label.compared_with").has_char(simple(c)) {
            let rest = &label[at + c.len_utf8()..];
            if rest.chars().all(|r| time_chars.has_char(simple(r))) || is_average_of_a_place(rest) {
                let head = &label[..at];
                // 与去年同期相比, 和上年相比: the comparison starts at 与
                if let Some(h) =
                    head.strip_suffix(|c| class!("label.comparison_particle").has_char(c))
                    && let Some((w, first)) = h
                        .char_indices()
                        .rev()
                        .find(|&(_, c)| !time_chars.has_char(simple(c)))
                    && class!("label.compared_with_partner").has_char(simple(first))
                {
                    return &h[..w];
                }
                // 相比2021年末 opening the clause: no partner before it, the 相 goes too
                let head =
                    head.trim_end_matches(|c| class!("label.comparison_particle").has_char(c));
                // 同比, 环比
                return head
                    .trim_end_matches(|c| class!("label.period_comparisons").has_char(simple(c)));
            }
        }
    }
    label
}

/// Whether `s` is the average of a wider area a figure is compared with: `全省平均水平`,
/// `全国平均`, `市平均值`.
fn is_average_of_a_place(s: &str) -> bool {
    let s = s
        .strip_prefix(|c| class!("label.whole_of").has_char(c))
        .unwrap_or(s);
    let s = s
        .strip_prefix(|c| class!("label.place_levels").has_char(c))
        .unwrap_or(s);
    class!("label.averages").has(s)
}

/// Cuts the level a multiple is of off the end of its label: `达到上年的` (1.5倍) → ``,
/// `门诊量是2022年的` → `门诊量`.
pub fn without_base_of_multiple(label: &str) -> &str {
    let simple = crate::text::clean::simplified;
    let time_chars = class!("label.time_chars");
    let l = label
        .strip_suffix(|c| class!("extract.attributive").has_char(c))
        .unwrap_or(label);
    let kept = l.trim_end_matches(|c| time_chars.has_char(simple(c)));
    if kept.len() == l.len() {
        return label;
    }
    strip_longest_suffix(kept, class!("label.multiple_links")).unwrap_or(kept)
}

/// Whether a label only says how a figure was reckoned (`按当年价格`, `按可比口径计算`), so
/// the metric is the one named before it.
pub fn is_basis_only(label: &str) -> bool {
    class!("label.reckoning_opener").starts_str(label)
        && class!("label.reckoning_words").in_text(label)
}

/// Bare rate names that say nothing without their subject: `完成率110%` after `新增托位440个`.
pub fn is_generic_rate(label: &str) -> bool {
    class!("label.generic_rates").has(label) || label.chars().count() <= 1 || is_share_of(label)
}

/// Whether a label is a rate of managing patients that does not name them: `规范管理率`,
/// `血压控制率`, `管理率` (not `高血压患者规范管理率`).
pub fn is_management_rate(label: &str) -> bool {
    label.chars().count() <= 6
        && class!("label.management_rates").ends_str(label)
        && !class!("label.patients").in_text(label)
}

/// The patients a count's label names (`管理高血压患者` → `高血压患者`,
/// `登记在册严重精神障碍患者` → `严重精神障碍患者`): the label up to its last 患者, without the
/// verbs before the disease.
pub fn patients_named(label: &str) -> Option<&str> {
    let end = class!("label.patients")
        .words()
        .iter()
        .filter_map(|w| label.rfind(w).map(|at| at + w.len()))
        .max()?;
    let mut s = &label[..end];
    while let Some(rest) = strip_longest_prefix(s, class!("label.patient_verbs")) {
        s = rest;
    }
    (s.chars().count() > 2).then_some(s)
}

/// A share named by what it is a share of: `占GDP`, `占总数`, `占比` (the share's subject
/// stands before it: 卫生总费用…占GDP的6.8%).
fn is_share_of(label: &str) -> bool {
    class!("label.share_of").starts_str(label)
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
    fn cuts_the_qualifier_the_scanner_reads_and_no_other() {
        assert_eq!(trimmed("合约约"), "合约");
        assert_eq!(trimmed("家庭医生续约约"), "家庭医生续约");
        assert_eq!(trimmed("签约服务临近"), "签约服务临近");
        assert_eq!(trimmed("全县签约约"), "签约");
        assert_eq!(trimmed("签约率约为"), "签约率");
        assert_eq!(trimmed("村卫生室合计约"), "村卫生室");
        assert_eq!(trimmed("门诊人次约共计"), "门诊人次");
        assert_eq!(trimmed("接种率不低于"), "接种率");
        assert_eq!(trimmed("接种率≥"), "接种率");
        // 超过 before 预期 qualifies no figure: 门诊量超过预期10% is exact
        assert_eq!(trimmed("门诊量超过预期"), "门诊量超过");
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
        assert_eq!(without_comparison("相比2021年末"), "");
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
