//! Scanning: every number in the cleaned text with what follows it (multiplier, qualifier,
//! unit), and the rules that say which numbers are not facts (dates, ages, ordinals, codes,
//! names made of numbers). The words are the classes of data/lexicon/scan.yaml, with the units
//! of unit.yaml and the numerals of number.yaml.

use crate::model::{MetricKind, Qualifier};
use crate::reading::numerals::{self, Decimal};
use crate::reading::units;

/// A number with its unit, before labels and roles are known.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Cleaned index of the first character of the surface form.
    pub start: usize,
    /// Cleaned index one past the surface form (number, multiplier, 余/多, unit).
    pub end: usize,
    /// Cleaned index one past any trailing qualifier (以上, 左右).
    pub tail_end: usize,
    /// The value with 万/亿 multiplied out.
    pub value: Decimal,
    /// Output unit.
    pub unit: String,
    /// Kind before context (a change verb or a density label may still change it).
    pub kind: MetricKind,
    /// Qualifier from the words around the number.
    pub qualifier: Qualifier,
    /// Whether the unit came from a people noun rather than a measure word (`55.6万居民`).
    pub implied_unit: bool,
    /// Whether the number is a Chinese numeral.
    pub chinese: bool,
    /// How it was read: the rule of its number and, when the unit was not written after it,
    /// the rule that gave the unit.
    pub read: (&'static str, Option<&'static str>),
    /// The qualifier word that fired: its lexicon class and the word (`约`, `≥`).
    pub qualifier_word: Option<(&'static str, &'static str)>,
}

use crate::lexicon::class;
use crate::rules::rule;
use crate::textkit::{self, CharSet};
use std::sync::LazyLock;

/// Every quantity in the text, in order.
pub fn scan(t: &[char]) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut masked = vec![false; t.len()];
    mask_brackets(t, &mut masked);
    let numeral = numerals::numeral_chars();
    let percent = class!("number.percent_words");
    let percent_first = percent.chars();
    while i < t.len() {
        let c = t[i];
        let found =
            if c.is_ascii_digit() && !(i > 0 && (t[i - 1].is_ascii_digit() || t[i - 1] == '.')) {
                arabic_at(t, i)
            } else if let Some(w) = percent_first
                .contains(c)
                .then(|| percent.at(&t[i..]))
                .flatten()
            {
                percent_words_at(t, i, w)
            } else if numeral.contains(c) && !(i > 0 && numeral.contains(t[i - 1])) {
                chinese_at(t, i)
            } else {
                None
            };
        match found {
            Some(q) if !masked[q.start] && !in_numeric_name(t, q.start) && !excluded(t, &q) => {
                i = q.end;
                out.push(q);
            }
            Some(q) => i = q.end.max(i + 1),
            // skip the rest of a number that is not a fact
            None if c.is_ascii_digit() => {
                i += t[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            }
            None => i += 1,
        }
    }
    out
}

/// Whether position `p` lies inside a name made of numbers (`1+N`, `十四五`): a name
/// starting at most the longest name's length before it reaches it. Asked only where a
/// number was found, instead of marking the names of the whole text.
fn in_numeric_name(t: &[char], p: usize) -> bool {
    let names = class!("scan.numeric_names").starts();
    static LONGEST: LazyLock<usize> = LazyLock::new(|| {
        class!("scan.numeric_names")
            .words()
            .iter()
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(1)
    });
    (p.saturating_sub(*LONGEST - 1)..=p).any(|i| {
        names
            .longest_at(&t[i..])
            .is_some_and(|name| i + name.chars().count() > p)
    })
}

/// Reads a multiplier after a number (`万`, `亿`, `千万`): the power of ten and the
/// characters read. A weak multiplier (`千`) counts only before 元 or a measure word, not
/// before a noun made with one (3千元, 5千人次, 5千余册; not 千人口, a density's base).
fn multiplier(t: &[char], j: usize) -> (u32, usize) {
    let multipliers = class!("number.multipliers");
    let rest = &t[j.min(t.len())..];
    let Some(w) = multipliers.at(rest) else {
        return (0, 0);
    };
    let n = w.chars().count();
    if n == 1 && class!("number.weak_multipliers").has_char(rest[0]) {
        let k = j + 1 + usize::from(t.get(j + 1).is_some_and(|&c| more_than_char(c)));
        let counted = t.get(k).is_some_and(|&c| class!("unit.money").has_char(c))
            || (units::measure_word_at(&t[k.min(t.len())..]).is_some()
                && !t
                    .get(k + 1)
                    .is_some_and(|&c| class!("unit.compound_ends").has_char(c)));
        if !counted {
            return (0, 0);
        }
    }
    let power = multipliers.value_of(w).and_then(|v| v.parse().ok());
    power.map_or((0, 0), |p| (p, n))
}

/// Whether `c` after a figure makes it a lower bound (余, 多), wherever it stands.
fn more_than_char(c: char) -> bool {
    class!("scan.more_than").has_char(c)
}

/// The unit at `j` and what it makes of the number.
enum UnitAt {
    Percent(&'static str, usize),
    Points(usize),
    Money(usize),
    /// `倍`: a multiple of an earlier level (增长2.3倍, 是上年的1.5倍).
    Times,
    Measure(String, usize),
    Duration(String, usize),
    People,
    None,
}

fn unit_at(t: &[char], j: usize, multiplied: bool) -> UnitAt {
    let rest = &t[j.min(t.len())..];
    match rest.first() {
        Some('%') => return UnitAt::Percent("%", 1),
        Some('‰') => return UnitAt::Percent("‰", 1),
        Some(&c) if class!("unit.money").has_char(c) => return UnitAt::Money(1),
        Some(&c) if class!("unit.multiple").has_char(c) => return UnitAt::Times,
        Some('/') => {
            // 636.69/10万, 636.69/10 万, /十万
            return match class!("unit.per_hundred_thousand").at(&rest[1..]) {
                Some(w) => UnitAt::Percent("1/10万", w.chars().count() + 1),
                None => UnitAt::None,
            };
        }
        _ => {}
    }
    if let Some(w) = class!("unit.points").at(rest) {
        return UnitAt::Points(w.chars().count());
    }
    let durations = class!("unit.duration_units");
    if let Some(d) = durations.at(rest) {
        let unit = durations.value_of(d).unwrap_or(d);
        return UnitAt::Duration(unit.to_string(), d.chars().count());
    }
    if let Some(m) = units::measure_word_at(rest) {
        return UnitAt::Measure(m.to_string(), m.chars().count());
    }
    if multiplied && class!("unit.people_nouns").at(rest).is_some() {
        return UnitAt::People;
    }
    UnitAt::None
}

/// Reads 余/多 at `j`.
fn more_than_at(t: &[char], j: usize) -> usize {
    match t.get(j) {
        Some(&c) if more_than_char(c) && !class!("scan.more_than_before_unit").has_char(c) => 1,
        // 多 as a qualifier only before a unit: 3万多人, 2000多户, not 多渠道
        Some(&c)
            if more_than_char(c)
                && (t.get(j + 1).is_some_and(|&n| {
                    numerals::is_big_multiplier(n) || class!("unit.money").has_char(n)
                }) || units::measure_word_at(&t[(j + 1).min(t.len())..]).is_some()) =>
        {
            1
        }
        _ => 0,
    }
}

fn arabic_at(t: &[char], i: usize) -> Option<Quantity> {
    let (mut value, len) = numerals::parse_arabic(&t[i..])?;
    // a minus sign: 自然增长率为-1.2‰
    // (not the dash of a range: 65%-70%)
    let negative = i > 0
        && matches!(t[i - 1], '-' | '−' | '－')
        && !(i > 1 && (t[i - 2].is_ascii_alphanumeric() || matches!(t[i - 2], '.' | '%' | '‰')));
    if negative {
        value.mantissa = -value.mantissa;
    }
    let mut j = i + len;
    let mut more = more_than_at(t, j);
    j += more;
    let (power, mlen) = multiplier(t, j);
    j += mlen;
    if more == 0 {
        more = more_than_at(t, j);
        j += more;
    }
    // A space between the number and its unit (`10 万`, `5 月`) is tolerated only for /10 万.
    let mut unit = unit_at(t, j, power > 0);
    let mut unit_rule = None;
    let mut try_rule = |unit: &mut UnitAt, rule: &'static str, f: &dyn Fn() -> UnitAt| {
        if matches!(unit, UnitAt::None) {
            *unit = f();
            if !matches!(unit, UnitAt::None) {
                unit_rule = Some(rule);
            }
        }
    };
    if ends_clause(t.get(j).copied()) {
        try_rule(&mut unit, rule!("figure.listed_label_unit"), &|| {
            listed_label_unit(t, start_of_number(t, i))
        });
    }
    try_rule(&mut unit, rule!("figure.listed_unit"), &|| {
        listed_unit(t, j)
    });
    try_rule(&mut unit, rule!("figure.range"), &|| range_unit(t, i, j));
    if power > 0 || ends_clause(t.get(j).copied()) {
        try_rule(&mut unit, rule!("figure.unit_before"), &|| {
            unit_before(t, start_of_number(t, i))
        });
    }
    if value.mantissa == 0 && ends_clause(t.get(j).copied()) {
        try_rule(&mut unit, rule!("figure.zero_rate"), &|| {
            zero_rate_before(t, i)
        });
    }
    let start = if negative { i - 1 } else { i };
    let mut q = finish(t, start, j, value.shift(power), unit, more > 0, false)?;
    q.read = (rule!("figure.arabic"), unit_rule);
    Some(q)
}

/// `before` without the word that links a name to its figure at its end (`达到`, `为`, `共计`,
/// `保持在`), for the rules that read the name before a figure written without a unit.
fn without_link(before: &[char]) -> &[char] {
    class!("scan.linking_words")
        .ending(before)
        .map_or(before, |w| &before[..before.len() - w.chars().count()])
}

/// The unit of a rate reported as a bare zero (`孕产妇死亡率为0`): per 100,000 for maternal
/// mortality, per mille for infant and child mortality, percent for any other rate. Death and
/// incidence rates of other kinds are left alone: their unit cannot be told.
fn zero_rate_before(t: &[char], i: usize) -> UnitAt {
    let before = without_link(&t[..i]);
    let rates = class!("unit.zero_rate_units");
    match rates.ending(before).and_then(|w| rates.value_of(w)) {
        Some(u) if !u.is_empty() => UnitAt::Percent(u, 0),
        _ => UnitAt::None,
    }
}

/// Whether `c`, after a number, ends its clause (or the text).
fn ends_clause(c: Option<char>) -> bool {
    c.is_none_or(|c| matches!(c, ',' | '。' | ';' | '、' | '，' | '；' | '\n'))
}

/// Dashes and words that join the two ends of a range: `7-8天`, `85%~90%`, `3至5家`.
pub(crate) fn is_range_joint(c: char) -> bool {
    matches!(c, '-' | '~' | '～' | '—' | '－') || class!("scan.range_words").has_char(c)
}

/// Where the first number of a range ends before the number at `p` starts (`7-8天`: the
/// range `7-` before `8天`), if there is one: a plain number after a character that makes it
/// no date or code (`2024-03-15`, `2023-11651`, `H7N9-2`, `3月7-8日` are none).
fn range_start(t: &[char], p: usize) -> Option<usize> {
    if p < 2 || !is_range_joint(t[p - 1]) {
        return None;
    }
    let digits = t[..p - 1]
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_digit() || **c == '.' || **c == '%')
        .count();
    let start = p - 1 - digits;
    let plain = digits > 0
        && t[start].is_ascii_digit()
        && !t[..start].last().is_some_and(|&c| {
            c.is_ascii_alphanumeric()
                || matches!(c, '-' | '/' | '.' | ':')
                || class!("scan.range_blockers").has_char(c)
        });
    plain.then_some(start)
}

/// Units that make a range a span of dates or times (`1-6月`, `7-8日`, `2023-2025年`).
fn is_date_unit(unit: &str) -> bool {
    class!("scan.date_units").has(unit)
}

/// The unit the first number of a range shares with its second (`7-8天`, `3至5家`), when
/// the range is no span of dates and its second number is a figure.
fn range_unit(t: &[char], i: usize, j: usize) -> UnitAt {
    if !t.get(j).is_some_and(|&c| is_range_joint(c))
        || !t.get(j + 1).is_some_and(char::is_ascii_digit)
    {
        return UnitAt::None;
    }
    if range_start(t, j + 1) != Some(i) {
        return UnitAt::None;
    }
    match arabic_at(t, j + 1) {
        Some(next) if !is_date_unit(&next.unit) && !next.implied_unit && !excluded(t, &next) => {
            unit_of(next)
        }
        _ => UnitAt::None,
    }
}

/// The measure word that the label before a number ends with, when the number has none of
/// its own: `诊疗人次1856.3万`, `出院患者人次达42.6万` (a linking word may stand between).
fn unit_before(t: &[char], i: usize) -> UnitAt {
    let before = without_link(&t[..i]);
    // 每万人, 千人: the base of a density is no measure of the number
    let base = |n: usize| {
        before.len() > n && class!("scan.density_bases").has_char(before[before.len() - n - 1])
    };
    match class!("unit.label_measures").ending(before) {
        Some(m) if !base(m.chars().count()) => UnitAt::Measure(m.to_string(), 0),
        _ => UnitAt::None,
    }
}

/// The measure word of a bare figure listed after 分别 that its listed name ends with
/// (`门急诊人次、出院病人数分别为998514、16648`: 人次 for the first, 人 for the second), by
/// `unit.label_measures` or `unit.count_names`.
fn listed_label_unit(t: &[char], i: usize) -> UnitAt {
    // the figures listed before this one, back to 分别为
    let mut k = i;
    let mut place = 0;
    while k > 1 && t[k - 1] == '、' && t[k - 2].is_ascii_digit() {
        k -= 1;
        while k > 0 && (t[k - 1].is_ascii_digit() || matches!(t[k - 1], '.' | ',')) {
            k -= 1;
        }
        place += 1;
    }
    let before = without_link(&t[..k]);
    let Some(word) = class!("extract.respectively").ending(before) else {
        return UnitAt::None;
    };
    let names = &before[..before.len() - word.chars().count()];
    let clause = names
        .iter()
        .rposition(|&c| matches!(c, ',' | '，' | '。' | ';' | '；' | ':' | '：' | '\n'))
        .map_or(0, |p| p + 1);
    let names: Vec<&[char]> = names[clause..].split(|&c| c == '、').collect();
    let Some(name) = names.get(place).filter(|_| names.len() >= 2) else {
        return UnitAt::None;
    };
    if let Some(m) = class!("unit.label_measures").ending(name) {
        return UnitAt::Measure(m.to_string(), 0);
    }
    let counts = class!("unit.count_names");
    match counts.ending(name).and_then(|w| counts.value_of(w)) {
        Some(m) => UnitAt::Measure(m.to_string(), 0),
        None => UnitAt::None,
    }
}

/// The unit of a number written without one in a list of figures whose last one has it
/// (`门诊、急诊人次分别为125.3万、8.6万人次`, `分别提高1.2、0.8个百分点`): that of the next
/// figure, if a `、` is all that stands between them.
fn listed_unit(t: &[char], j: usize) -> UnitAt {
    if t.get(j) != Some(&'、') || !t.get(j + 1).is_some_and(char::is_ascii_digit) {
        return UnitAt::None;
    }
    let Some(next) = arabic_at(t, j + 1) else {
        return UnitAt::None;
    };
    unit_of(next)
}

/// The unit a figure written without one shares with `next`, the figure whose unit it is.
fn unit_of(next: Quantity) -> UnitAt {
    match next.kind {
        _ if next.implied_unit => UnitAt::None,
        MetricKind::Rate => match next.unit.as_str() {
            "%" => UnitAt::Percent("%", 0),
            "‰" => UnitAt::Percent("‰", 0),
            "1/10万" => UnitAt::Percent("1/10万", 0),
            _ => UnitAt::None,
        },
        MetricKind::Change if next.unit == "百分点" => UnitAt::Points(0),
        MetricKind::Amount => UnitAt::Money(0),
        MetricKind::Count => UnitAt::Measure(next.unit, 0),
        MetricKind::Duration => UnitAt::Duration(next.unit, 0),
        _ => UnitAt::None,
    }
}

fn chinese_at(t: &[char], i: usize) -> Option<Quantity> {
    let (value, len) = numerals::parse_chinese(&t[i..]).or_else(|| lone_unit_at(t, i))?;
    let j = i + len;
    let more = more_than_at(t, j);
    // money in words: 三十二亿元, 五千万元 (万 and 亿 are read as part of the numeral, but
    // not across 余: 两千余万元)
    let (power, mlen) = match t.get(j + more) {
        Some(&c) if more > 0 && numerals::is_big_multiplier(c) => multiplier(t, j + more),
        _ => (0, 0),
    };
    let j = j + more + mlen;
    // tenths: 下降三成 (30%), 占比四成以上
    let tenths = t
        .get(j)
        .is_some_and(|&c| class!("number.tenths").has_char(c))
        && len == 1
        && more == 0
        && (1..=9).contains(&value)
        && t.get(j + 1)
            .is_none_or(|&c| !textkit::is_han(c) || class!("number.after_tenths").has_char(c));
    let power = if tenths { 1 } else { power };
    let unit = if tenths {
        UnitAt::Percent("%", 1)
    } else if t.get(j).is_some_and(|&c| class!("unit.money").has_char(c)) {
        UnitAt::Money(1)
    } else if let Some(w) = class!("unit.points").at(&t[j..]) {
        // 提高两个百分点
        UnitAt::Points(w.chars().count())
    } else if t
        .get(j)
        .is_some_and(|&c| class!("unit.multiple").has_char(c))
    {
        // 增长近一倍
        UnitAt::Times
    } else {
        let measure = class!("unit.numeral_measures").at(&t[j..])?;
        UnitAt::Measure(measure.to_string(), measure.chars().count())
    };
    let mut q = finish(
        t,
        i,
        j,
        Decimal::integer(value).shift(power),
        unit,
        more > 0,
        true,
    )?;
    if tenths {
        q.read.0 = rule!("figure.percent_in_words");
    }
    if len == 1 && i > 0 && class!("number.more_than_before").has_char(t[i - 1]) {
        // 上千人次: a thousand or more, 上 part of the figure as written
        q.qualifier = Qualifier::MoreThan;
        q.start = i - 1;
    }
    chinese_is_count(t, &q).then_some(q)
}

/// 百, 千 or 万 standing alone for a hundred, a thousand or ten thousand, where a qualifier
/// makes it a round figure: `百余人`, `千余家`, `上千人次`, `逾千人`, `近万人`. Not otherwise:
/// 千人口 is the base of a density, 百姓 a word.
fn lone_unit_at(t: &[char], i: usize) -> Option<(i128, usize)> {
    if !class!("number.lone_units").has_char(t[i]) {
        return None;
    }
    let value = numerals::chinese_unit(t[i])?;
    let before = i > 0 && class!("number.round_before").has_char(t[i - 1]);
    let after = t.get(i + 1).is_some_and(|&c| more_than_char(c));
    (before || after).then_some((value, 1))
}

/// 百分之九十五 → 95%: `words` (`百分之`) at `i`, then the numeral.
fn percent_words_at(t: &[char], i: usize, words: &'static str) -> Option<Quantity> {
    let j = i + words.chars().count();
    let unit = class!("number.percent_words").value_of(words)?;
    let (value, len) = if t.get(j).is_some_and(char::is_ascii_digit) {
        numerals::parse_arabic(&t[j..])?
    } else if t
        .get(j)
        .is_some_and(|&c| numerals::chinese_unit(c) == Some(100))
        && !t
            .get(j + 1)
            .is_some_and(|&c| numerals::is_chinese_numeral_char(c))
    {
        (Decimal::integer(100), 1) // 百分之百
    } else {
        numerals::parse_chinese_decimal(&t[j..])?
    };
    // the qualifiers around it as around any rate: 百分之九十以上, 约百分之八十
    let mut q = finish(t, i, j + len, value, UnitAt::Percent(unit, 0), false, true)?;
    q.read.0 = rule!("figure.percent_in_words");
    Some(q)
}

fn finish(
    t: &[char],
    start: usize,
    j: usize,
    value: Decimal,
    unit: UnitAt,
    more: bool,
    chinese: bool,
) -> Option<Quantity> {
    let (unit, kind, ulen, implied) = match unit {
        UnitAt::Percent(u, n) => (u.to_string(), MetricKind::Rate, n, false),
        UnitAt::Points(n) => ("百分点".to_string(), MetricKind::Change, n, false),
        UnitAt::Money(n) => ("元".to_string(), MetricKind::Amount, n, false),
        UnitAt::Times => ("倍".to_string(), MetricKind::Change, 1, false),
        UnitAt::Measure(m, n) => (m, MetricKind::Count, n, false),
        UnitAt::Duration(d, n) => (d, MetricKind::Duration, n, false),
        UnitAt::People => ("人".to_string(), MetricKind::Count, 0, true),
        UnitAt::None => return None,
    };
    let end = j + ulen;
    let mut qualifier = if more {
        Qualifier::MoreThan
    } else {
        Qualifier::Exact
    };
    let mut tail_end = end;
    // 余 and 多 within the figure (2000余份, 上千人次), named for its provenance
    let mut qualifier_word = if more {
        [class!("scan.more_than"), class!("number.more_than_before")]
            .into_iter()
            .find_map(|class| {
                let w = class.words().iter().copied().find(|w| {
                    let mut cs = w.chars();
                    cs.next()
                        .is_some_and(|c| cs.next().is_none() && t[start..end].contains(&c))
                })?;
                Some((class.name(), w))
            })
    } else {
        None
    };
    let after = class!("scan.qualifiers_after");
    if let Some(w) = after.at(&t[end..]) {
        qualifier = qualifier_named(after.value_of(w));
        tail_end = end + w.chars().count();
        qualifier_word = Some((after.name(), w));
    }
    if let Some((q, w, _)) = qualifier_entry_before(t, start) {
        qualifier = q;
        qualifier_word = Some(w);
    }
    Some(Quantity {
        start,
        end,
        tail_end,
        value,
        unit,
        kind,
        qualifier,
        implied_unit: implied,
        chinese,
        read: (
            if chinese {
                rule!("figure.chinese")
            } else {
                rule!("figure.arabic")
            },
            None,
        ),
        qualifier_word,
    })
}

/// Where the number at `i` starts with the qualifier word before it: at `约` in `约1.2万`.
fn start_of_number(t: &[char], i: usize) -> usize {
    i - qualifier_word_before(t, i).map_or(0, |(_, n)| n)
}

/// The qualifier word right before `start` (`约`, `不少于`, `≥`, or `约为` with the word that
/// links it to the figure) and its length in characters. The one reading of a qualifier
/// before a figure: the scanner takes its qualifier from it, and the label cuts exactly these
/// characters.
pub(crate) fn qualifier_word_before(t: &[char], start: usize) -> Option<(Qualifier, usize)> {
    qualifier_entry_before(t, start).map(|(q, _, n)| (q, n))
}

/// The qualifier right before `start` with the word that says it and the lexicon class of
/// the word (`scan.qualifiers_before`, or `sign` for `≥`), and how many characters it takes
/// before the figure (with a link between them, `约为`, `至少有`).
pub(crate) fn qualifier_entry_before(
    t: &[char],
    start: usize,
) -> Option<(Qualifier, (&'static str, &'static str), usize)> {
    let before = &t[..start];
    if let Some((q, w)) = qualifier_ending(before) {
        return Some((q, w, w.1.chars().count()));
    }
    // a word between the qualifier and its figure: 签约率约为51.2%, 老年人口约占18.5%
    let link = class!("scan.qualifier_links").ending(before)?;
    let n = link.chars().count();
    let (q, w) = qualifier_ending(&before[..before.len() - n])?;
    Some((q, w, w.1.chars().count() + n))
}

/// The qualifier `before` ends with, with its lexicon class and word.
fn qualifier_ending(before: &[char]) -> Option<(Qualifier, (&'static str, &'static str))> {
    // signs of comparison: 接种率≥95%
    let sign = |q, w| Some((q, ("sign", w)));
    match before.last() {
        Some('≥') => return sign(Qualifier::AtLeast, "≥"),
        Some('⩾') => return sign(Qualifier::AtLeast, "⩾"),
        Some('≤') => return sign(Qualifier::AtMost, "≤"),
        Some('⩽') => return sign(Qualifier::AtMost, "⩽"),
        Some('>') => return sign(Qualifier::MoreThan, ">"),
        Some('<') => return sign(Qualifier::LessThan, "<"),
        _ => {}
    }
    let qualifiers = class!("scan.qualifiers_before");
    let w = qualifiers.ending(before)?;
    // 最近, 附近, 就近 and 签约, 预约, 履约 are words, not qualifiers: 签约61026人
    if class!("scan.not_qualifiers")
        .ending(before)
        .is_some_and(|e| e.len() > w.len())
    {
        return None;
    }
    Some((
        qualifier_named(qualifiers.value_of(w)),
        (qualifiers.name(), w),
    ))
}

/// The qualifier a lexicon value names (`about`, `at_least`, as in the output).
fn qualifier_named(name: Option<&str>) -> Qualifier {
    match name {
        Some("about") => Qualifier::About,
        Some("more_than") => Qualifier::MoreThan,
        Some("at_least") => Qualifier::AtLeast,
        Some("at_most") => Qualifier::AtMost,
        Some("less_than") => Qualifier::LessThan,
        _ => Qualifier::Exact,
    }
}

/// Numbers that are not facts although a unit follows them.
fn excluded(t: &[char], q: &Quantity) -> bool {
    let before = |k: usize| q.start.checked_sub(k).map(|p| t[p]);
    let after = t.get(q.end).copied();
    // frequencies: 每年1次, 每月2次, 每周一次
    let per = class!("scan.per");
    if (2..=3).any(|k| before(k).is_some_and(|c| per.has_char(c)))
        && before(1).is_some_and(|c| class!("scan.frequency_periods").has_char(c))
    {
        return true;
    }
    // ordinals and per-unit denominators: 第35个, 每10万人
    if before(1).is_some_and(|c| class!("scan.ordinal_marks").has_char(c)) {
        return true;
    }
    // codes and Latin-bound numbers: H7N9, COVID-19, 5G, 2023-11651, 30.52KB (not the end
    // of a range of figures: 7-8天, 85%-90%)
    let range_end = range_start(t, q.start).is_some() && !is_date_unit(&q.unit);
    if before(1).is_some_and(|c| c.is_ascii_alphabetic())
        || after.is_some_and(|c| c.is_ascii_alphabetic())
        || (matches!(before(1), Some('-' | '/' | '.' | '~' | '—' | '－'))
            && before(2).is_some_and(|c| c.is_ascii_alphanumeric())
            && !range_end)
    {
        return true;
    }
    // ages bound populations (65岁及以上); only a life expectancy or an average age is a fact
    if class!("unit.age_units").has(&q.unit) {
        let names_age = |from: usize| {
            let window: String = t[from..q.start].iter().collect();
            class!("scan.age_facts").in_text(&window)
        };
        // a change of it may stand a clause later: 寿命达到78.6岁,比上年提高0.9岁
        let before = &t[..q.start];
        let before = match before.split_last() {
            Some((&c, rest)) if class!("extract.perfective").has_char(c) => rest,
            _ => before,
        };
        let changed = class!("change.up").ending(before).is_some()
            || class!("change.down").ending(before).is_some();
        let reach = if changed { 30 } else { 12 };
        if !names_age(q.start.saturating_sub(reach)) {
            return true;
        }
    }
    // a band naming the class of things counted next: 100张以下床位医院712个,
    // 500万元以上项目12个 (the class is a short noun, then its count)
    if is_band(t, q) {
        return true;
    }
    // windows of time, not durations: 3-7天内
    if q.kind == MetricKind::Duration
        && after.is_some_and(|c| class!("scan.time_windows").has_char(c))
    {
        return true;
    }
    false
}

/// Whether `q`, bounded by 以上 or 以下 or ending a range (`100-199张床位医院225个`), names a
/// class of things whose count follows: a noun of two to eight characters, with no
/// punctuation, between it and a number.
fn is_band(t: &[char], q: &Quantity) -> bool {
    let bounded =
        q.tail_end > q.end && matches!(q.qualifier, Qualifier::AtLeast | Qualifier::AtMost);
    if !bounded && range_start(t, q.start).is_none() {
        return false;
    }
    let noun = t[q.tail_end..]
        .iter()
        .take(9)
        .take_while(|&&c| textkit::is_han(c) && !numerals::is_cn_digit(c))
        .count();
    (2..=8).contains(&noun) && t.get(q.tail_end + noun).is_some_and(char::is_ascii_digit)
}

/// The brackets whose inside [`mask_brackets`] masks: opening, closing, longest inside.
const BRACKETS: &[(char, char, usize)] = &[
    ('“', '”', 20),
    ('《', '》', 60),
    ('〔', '〕', 10),
    ('[', ']', 10),
    ('【', '】', 20),
    ('"', '"', 20),
];

/// The opening characters of the [`BRACKETS`]: one test for the characters that open none.
static OPENERS: LazyLock<CharSet> = LazyLock::new(|| CharSet::new(BRACKETS.iter().map(|b| b.0)));

/// Marks the inside of short quotes (a name or slogan: `“1+N”`), book titles
/// (`《健康安徽2030规划纲要》`) and document-number brackets (`〔2023〕`) on one line: no number
/// there is a fact.
fn mask_brackets(t: &[char], masked: &mut [bool]) {
    let openers: &CharSet = &OPENERS;
    let mut i = 0;
    while i < t.len() {
        let Some(&(open, close, max)) = openers
            .contains(t[i])
            .then(|| BRACKETS.iter().find(|p| p.0 == t[i]))
            .flatten()
        else {
            i += 1;
            continue;
        };
        let inner = t[i + 1..]
            .iter()
            .take(max + 1)
            .position(|&c| c == close || c == '\n' || (c == open && open != close));
        match inner {
            Some(n) if n <= max && t[i + 1 + n] == close => {
                masked[i + 1..i + 1 + n].iter_mut().for_each(|m| *m = true);
                i += n + 2;
            }
            _ => i += 1,
        }
    }
}

/// Extra checks for Chinese numerals, which are words far more often than counts.
fn chinese_is_count(t: &[char], q: &Quantity) -> bool {
    let before = q.start.checked_sub(1).map(|p| t[p]);
    // 统一, 唯一, 同一, 进一步, 之一, 第一, 每一
    if before.is_some_and(|c| class!("number.not_count_before").has_char(c)) {
        return false;
    }
    // slogans: 一村一名, 一中心一品 — a numeral two characters back
    if q.start >= 2 && numerals::is_chinese_numeral_char(t[q.start - 2]) {
        return false;
    }
    let after = t.get(q.end).copied();
    // 一次性, 一个月, 两个维护 (unquoted), 三级, 一体化
    if after.is_some_and(|c| class!("number.not_count_after").has_char(c)) {
        return false;
    }
    let value = q.value.to_f64();
    // 一个, 一项, 一种, 一批: articles, not counts
    if value == 1.0 && class!("number.article_measures").has(&q.unit) {
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bracket_opener_is_tested_for() {
        for (open, _, _) in BRACKETS {
            assert!(OPENERS.contains(*open), "{open}");
        }
    }

    fn facts(s: &str) -> Vec<(String, String)> {
        let t: Vec<char> = s.chars().collect();
        scan(&t)
            .into_iter()
            .map(|q| (q.value.to_string(), q.unit))
            .collect()
    }

    fn pair(v: &str, u: &str) -> (String, String) {
        (v.into(), u.into())
    }

    #[test]
    fn a_measure_word_at_the_end_of_the_label_before() {
        assert_eq!(facts("诊疗人次1,856.3万,"), [pair("18563000", "人次")]);
        assert_eq!(facts("门急诊人次达254367。"), [pair("254367", "人次")]);
        assert_eq!(facts("签约户约3.2万户"), [pair("32000", "户")]);
        // not the base of a density, nor a number that runs on into other words
        assert_eq!(facts("每万人3.5,编号12345,建档人12号楼"), []);
    }

    #[test]
    fn both_ends_of_a_range_of_figures() {
        assert_eq!(facts("控制在7-8天。"), [pair("7", "天"), pair("8", "天")]);
        assert_eq!(facts("新增3至5家"), [pair("3", "家"), pair("5", "家")]);
        assert_eq!(facts("85%-90%之间"), [pair("85", "%"), pair("90", "%")]);
        // spans of dates and codes are no ranges of figures
        assert_eq!(facts("1-6月,3月7-8日,2023-2025年,编号2023-11651"), []);
        // nor is a range that names a class counted next
        assert_eq!(facts("100-199张床位医院225个"), [pair("225", "个")]);
        // nor a window of days
        assert_eq!(facts("3-7天内"), []);
    }

    #[test]
    fn a_rate_reported_as_zero() {
        assert_eq!(facts("孕产妇死亡率为0,"), [pair("0", "1/10万")]);
        assert_eq!(facts("新生儿死亡率为0。"), [pair("0", "‰")]);
        assert_eq!(facts("院内感染率为0;"), [pair("0", "%")]);
        // nor a zero that is no rate, nor a death rate whose unit cannot be told
        assert_eq!(facts("编号为0,甲类传染病死亡率为0,"), []);
    }

    #[test]
    fn tenths_are_percentages() {
        assert_eq!(facts("下降三成,"), [pair("30", "%")]);
        assert_eq!(facts("占比达到四成以上"), [pair("40", "%")]);
        // idioms and words with 成 are no figures
        assert_eq!(facts("一成不变,三五成群,建成两所"), [pair("2", "所")]);
    }

    #[test]
    fn a_band_naming_what_is_counted_next_is_no_figure() {
        assert_eq!(facts("100张以下床位医院712个"), [pair("712", "个")]);
        assert_eq!(
            facts("500万元以上项目12个,800张及以上床位医院83个"),
            [pair("12", "个"), pair("83", "个")]
        );
        // with no count after it, a bound is a figure: 新增床位200张以上
        assert_eq!(facts("新增床位200张以上。"), [pair("200", "张")]);
        assert_eq!(
            facts("接种率95%以上,3个"),
            [pair("95", "%"), pair("3", "个")]
        );
    }

    #[test]
    fn counts_money_rates() {
        assert_eq!(facts("基层医疗卫生机构99家,其中"), [pair("99", "家")]);
        assert_eq!(facts("资金4120.38万元"), [pair("41203800", "元")]);
        assert_eq!(facts("投资1.6亿元"), [pair("160000000", "元")]);
        assert_eq!(facts("参与居民3.4万余人次"), [pair("34000", "人次")]);
        assert_eq!(facts("服务我区55.6万居民"), [pair("556000", "人")]);
        assert_eq!(facts("签约率51.2%"), [pair("51.2", "%")]);
        assert_eq!(facts("患病率为6.24‰"), [pair("6.24", "‰")]);
        assert_eq!(facts("发病率636.69/10 万"), [pair("636.69", "1/10万")]);
        assert_eq!(facts("应种人数108997人剂次"), [pair("108997", "人剂次")]);
        assert_eq!(facts("提高2个百分点"), [pair("2", "百分点")]);
        assert_eq!(facts("百分之九十五"), [pair("95", "%")]);
        assert_eq!(facts("百分之百"), [pair("100", "%")]);
        assert_eq!(facts("出生率千分之七"), [pair("7", "‰")]);
        assert_eq!(facts("自然增长率为-1.2‰"), [pair("-1.2", "‰")]);
        assert_eq!(
            facts("管理率达到65%-70%"),
            [pair("65", "%"), pair("70", "%")]
        );
        assert_eq!(facts("投入3千万元"), [pair("30000000", "元")]);
        assert_eq!(
            facts("补助5千元,培训3千人次"),
            [pair("5000", "元"), pair("3000", "人次")]
        );
        // 千 with 余 or 多 before its measure word
        assert_eq!(
            facts("发放宣传册5千余册,慰问2千多户"),
            [pair("5000", "册"), pair("2000", "户")]
        );
        assert_eq!(facts("死亡率千分之三点五"), [pair("3.5", "‰")]);
        assert_eq!(facts("居民人均预期寿命达到79.5岁"), [pair("79.5", "岁")]);
        assert_eq!(
            facts("全省人均预期寿命达到78.6岁,比2020年提高0.9岁"),
            [pair("78.6", "岁"), pair("0.9", "岁")]
        );
        assert_eq!(
            facts("门诊量增长2.3倍,达到上年的1.5倍"),
            [pair("2.3", "倍"), pair("1.5", "倍")]
        );
    }

    #[test]
    fn chinese_numerals_only_as_counts() {
        assert_eq!(facts("国家基本公共卫生服务共有十二项"), [pair("12", "项")]);
        assert_eq!(facts("召开一次全面从严治党专题会议"), [pair("1", "次")]);
        assert_eq!(facts("三个年度惠民项目"), [pair("3", "个")]);
        assert!(facts("一次性奖补资金、统一部署、一个重要、进一步、第一个是、一村一名").is_empty());
        assert!(facts("争创三级综合医院,两个维护").is_empty());
        assert!(facts("每年一次,每月2次,每季度3次").is_empty());
        assert_eq!(facts("平均每天接诊200人次"), [pair("200", "人次")]);
        assert_eq!(
            facts("投入资金三十二亿元,另有五千万余元"),
            [pair("3200000000", "元"), pair("50000000", "元")]
        );
        assert!(facts("多元化、一元化").is_empty());
    }

    #[test]
    fn not_facts() {
        for s in [
            "2023年",
            "4月13日",
            "截至5月底",
            "65岁及以上",
            "第35个爱国卫生月",
            "014028901/2023-11651",
            "15页珍藏版",
            "30.52KB",
            "“1+N”",
            "健康66条",
            "“15分钟健康服务圈”",
            "3-7天内",
            "《健康安徽2030规划纲要》",
            "〔2023〕5号",
            "COVID-19",
            "H7N9",
            "每10万人",
            "XX县120急救指挥中心",
        ] {
            assert!(facts(s).is_empty(), "{s}: {:?}", facts(s));
        }
    }

    #[test]
    fn qualifiers() {
        let t: Vec<char> = "约1.7亿元,6项以上,60%左右,不少于5家".chars().collect();
        let q: Vec<Qualifier> = scan(&t).into_iter().map(|q| q.qualifier).collect();
        assert_eq!(
            q,
            [
                Qualifier::About,
                Qualifier::AtLeast,
                Qualifier::About,
                Qualifier::AtLeast
            ]
        );
    }

    #[test]
    fn figures_listed_before_the_one_with_the_unit_take_its_unit() {
        assert_eq!(
            facts("门诊、急诊人次分别为125.3万、8.6万人次"),
            [pair("1253000", "人次"), pair("86000", "人次")]
        );
        assert_eq!(
            facts("分别提高1.2、0.8个百分点"),
            [pair("1.2", "百分点"), pair("0.8", "百分点")]
        );
        assert_eq!(
            facts("分别为92.1、95.3%"),
            [pair("92.1", "%"), pair("95.3", "%")]
        );
        // a list marker or a date is no figure of the list
        assert_eq!(facts("1、2月份门诊3万人次"), [pair("30000", "人次")]);
        assert_eq!(facts("2022、2023年"), []);
    }

    #[test]
    fn round_figures_of_a_lone_hundred_or_thousand() {
        assert_eq!(facts("培训医务人员百余人"), [pair("100", "人")]);
        assert_eq!(facts("惠及群众逾千人"), [pair("1000", "人")]);
        assert_eq!(facts("受益群众上千人次"), [pair("1000", "人次")]);
        assert_eq!(facts("覆盖近万人"), [pair("10000", "人")]);
        // the base of a density, and words, are no figures
        assert!(facts("每千人口床位数").is_empty());
        assert!(facts("千家万户,百姓,千人口").is_empty());
    }

    #[test]
    fn chinese_numerals_of_points_and_multiples() {
        assert_eq!(facts("较上年提高两个百分点"), [pair("2", "百分点")]);
        assert_eq!(facts("下降三个百分点"), [pair("3", "百分点")]);
        assert_eq!(facts("门诊量增长近一倍"), [pair("1", "倍")]);
    }

    #[test]
    fn chinese_numerals_with_a_qualifier_before_the_multiplier() {
        assert_eq!(facts("投入资金两千余万元"), [pair("20000000", "元")]);
        assert_eq!(facts("惠及三万余人"), [pair("30000", "人")]);
    }

    #[test]
    fn a_qualifier_word_and_its_length() {
        let w = |s: &str| {
            let t: Vec<char> = s.chars().collect();
            qualifier_word_before(&t, t.len())
        };
        assert_eq!(w("增长约"), Some((Qualifier::About, 1)));
        assert_eq!(w("增长将近"), Some((Qualifier::About, 2)));
        assert_eq!(w("资金不少于"), Some((Qualifier::AtLeast, 3)));
        assert_eq!(w("接种率≥"), Some((Qualifier::AtLeast, 1)));
        assert_eq!(w("签约"), None);
        assert_eq!(w("门诊量"), None);
        // with the word that links it to the figure
        assert_eq!(w("签约率约为"), Some((Qualifier::About, 2)));
        assert_eq!(w("至少有"), Some((Qualifier::AtLeast, 3)));
        assert_eq!(w("签约为"), None);
        assert_eq!(w("门诊量为"), None);
    }

    #[test]
    fn words_ending_in_a_qualifier_character_are_not_qualifiers() {
        let t: Vec<char> = "累计签约61026人,预约300人次,最近5家,约20人"
            .chars()
            .collect();
        let q: Vec<Qualifier> = scan(&t).into_iter().map(|q| q.qualifier).collect();
        assert_eq!(
            q,
            [
                Qualifier::Exact,
                Qualifier::Exact,
                Qualifier::Exact,
                Qualifier::About
            ]
        );
    }
}
