//! Structure: headings and the section tree, and the report's metadata.
//!
//! Heading styles, from the outside in as Chinese official documents number them: `一、`,
//! `(一)`, `1.`/`1、`, `(1)`, plus bare heading lines (`下一步工作打算`). Levels come from the
//! order in which styles nest in the document, not from a fixed table, so a report that goes
//! straight from `一、` to `1.` gets two levels. Headings may run inline inside a flattened
//! paragraph (`…。(一)健康建设取得新进展。…`); an inline candidate is accepted only when its
//! number is the next one expected at its level.

pub mod meta;

use crate::diagnostic::{Code, Diagnostic};
use crate::lexicon::class;
use crate::model::{Section, SectionRole, Span};
use crate::text::Cleaned;
use crate::textkit::{self, CharSet, WordSet};

/// Heading numbering styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// `第一部分`
    Part,
    /// `①`, at the start of a line only
    Circled,
    /// `一、`
    ChineseComma,
    /// `(一)`
    ParenChinese,
    /// `1.` or `1、`
    ArabicDot,
    /// `(1)`
    ParenArabic,
    /// A heading line without a number.
    Bare,
    /// A line the document marks as a heading of this outline level (Word heading styles).
    Outline(u8),
}

/// A heading found in the cleaned text.
#[derive(Debug, Clone)]
struct Candidate {
    style: Style,
    ordinal: u32,
    /// Cleaned index of the number's first character.
    start: usize,
    /// Cleaned index one past the number.
    number_end: usize,
    /// Cleaned index one past the title.
    title_end: usize,
    line_start: bool,
}

/// Sections with their cleaned extents, for linking metrics to them.
#[derive(Debug, Clone, Default)]
pub struct Structure {
    /// The sections, in document order.
    pub sections: Vec<Section>,
    /// Cleaned `(start, end)` of each section's extent.
    pub extents: Vec<(usize, usize)>,
}

impl Structure {
    /// Index of the innermost section containing cleaned position `at`: sections nest and
    /// are in document order, so it is the last one starting at or before `at` that has not
    /// yet ended.
    pub fn innermost(&self, at: usize) -> Option<usize> {
        let started = self.extents.partition_point(|(s, _)| *s <= at);
        (0..started).rev().find(|&i| self.extents[i].1 > at)
    }
}

/// Finds the headings of a cleaned text and builds the section tree. `outline` lists the
/// lines the document itself marks as headings: source offset of the line start and outline
/// level (from Word heading styles; empty for text).
pub fn structure(
    c: &Cleaned,
    source: &[char],
    outline: &[(usize, u8)],
    diags: &mut Vec<Diagnostic>,
) -> Structure {
    let t = &c.norm;
    // cleaned positions of the marked heading lines, skipping leading spaces
    let marked: Vec<(usize, u8)> = outline
        .iter()
        .map(|&(at, level)| {
            let mut p = c.cleaned_pos(at);
            while t.get(p) == Some(&' ') {
                p += 1;
            }
            (p, level)
        })
        .collect();
    let mut accepted: Vec<(Candidate, u8)> = Vec::new();
    // Stack of (style, last ordinal).
    let mut stack: Vec<(Style, u32)> = Vec::new();
    let first_line_end = t.iter().position(|&ch| ch == '\n').unwrap_or(t.len());
    let starts: &CharSet = &NUMBER_STARTS;
    let mut i = 0;
    while i < t.len() {
        // a heading starts with a number or at the start of a line
        let may_start = i == 0 || matches!(t[i - 1], '\n' | ' ') || starts.contains(t[i]);
        if !may_start {
            i += 1;
            continue;
        }
        let marked_here = marked
            .binary_search_by_key(&i, |m| m.0)
            .ok()
            .map(|k| marked[k].1);
        // where the heading accepted last ends its title: a heading glued right after it
        // (一、基本情况(一)居民健康档案) runs inline too
        let after_heading = accepted.last().is_some_and(|(prev, _)| {
            let back = t[..i].iter().rev().take_while(|&&c| c == ' ').count();
            (i - back..=i).contains(&prev.title_end)
        });
        let Some(cand) = candidate_at(t, i, first_line_end, after_heading)
            .or_else(|| marked_here.and_then(|level| outline_candidate(t, i, level)))
        else {
            i += 1;
            continue;
        };
        let pos = stack.iter().position(|(s, _)| *s == cand.style);
        let expected = pos.map_or(1, |k| stack[k].1 + 1);
        let ok = match cand.style {
            Style::Bare | Style::Outline(_) => true,
            _ if cand.line_start => true,
            _ => cand.ordinal == expected,
        };
        if !ok {
            i += 1;
            continue;
        }
        let numbered = !matches!(cand.style, Style::Bare | Style::Outline(_));
        if numbered && cand.line_start && cand.ordinal != expected {
            let number = c.written_string(cand.start, cand.number_end);
            diags.push(Diagnostic::new(
                Code::HeadingSequence,
                format!(
                    "heading \"{number}\" is number {} where {expected} was expected",
                    cand.ordinal
                ),
                Some(c.span(cand.start, cand.number_end)),
            ));
        }
        let level = match (cand.style, pos) {
            (Style::Bare, _) => {
                stack.clear();
                stack.push((Style::Bare, 0));
                1
            }
            (_, Some(k)) => {
                stack.truncate(k);
                stack.push((cand.style, cand.ordinal));
                (k + 1) as u8
            }
            (_, None) => {
                stack.push((cand.style, cand.ordinal));
                stack.len() as u8
            }
        };
        i = cand.title_end.max(i + 1);
        accepted.push((cand, level));
    }
    build_sections(c, source, &accepted)
}

fn build_sections(c: &Cleaned, source: &[char], accepted: &[(Candidate, u8)]) -> Structure {
    let mut out = Structure::default();
    let mut parents: Vec<usize> = Vec::new();
    let mut seen_problem_or_plan = false;
    for (k, (cand, level)) in accepted.iter().enumerate() {
        let end = accepted[k + 1..]
            .iter()
            .find(|(_, l)| l <= level)
            .map_or(c.len(), |(next, _)| next.start);
        while parents
            .last()
            .is_some_and(|&p| out.sections[p].level >= *level)
        {
            parents.pop();
        }
        let parent = parents.last().copied();
        let number_span =
            (cand.number_end > cand.start).then(|| c.span(cand.start, cand.number_end));
        let number =
            number_span.map_or_else(String::new, |s| source[s.start..s.end].iter().collect());
        let title = c
            .written_string(cand.number_end, cand.title_end)
            .trim()
            .trim_end_matches(['。', ':', ';', ',', '.', ' '])
            .to_string();
        // roles are read in the matching characters (總結 is 总结)
        let own = role_of_chars(&c.norm[cand.number_end..cand.title_end]);
        let role = match (own, parent) {
            (SectionRole::Other, Some(p)) => out.sections[p].role,
            (SectionRole::Other, None) if !seen_problem_or_plan => SectionRole::Achievements,
            (r, _) => r,
        };
        if *level == 1 && matches!(role, SectionRole::Problems | SectionRole::Plan) {
            seen_problem_or_plan = true;
        }
        let id = crate::model::record_id('s', out.sections.len() + 1);
        out.sections.push(Section {
            id,
            parent: parent.map(|p| out.sections[p].id.clone()),
            number,
            title,
            level: *level,
            role,
            span: c.span(cand.start, cand.title_end.max(cand.start + 1)),
            extent: Span::new(
                c.source_pos(cand.start),
                c.source_pos(end).max(c.source_pos(cand.start) + 1),
            ),
        });
        out.extents.push((cand.start, end));
        parents.push(out.sections.len() - 1);
    }
    out
}

/// The classes of the role words of titles, in the order problems, plan, achievements,
/// programme names.
fn role_classes() -> [&'static crate::lexicon::Class; 4] {
    [
        class!("structure.problem_words"),
        class!("structure.plan_words"),
        class!("structure.achievement_words"),
        class!("structure.programme_names"),
    ]
}

/// The role words of titles, in the order of [`role_classes`].
static ROLE_LEX: std::sync::LazyLock<WordSet> = std::sync::LazyLock::new(|| {
    let words: Vec<&'static str> = role_classes()
        .iter()
        .flat_map(|c| c.words().iter().copied())
        .collect();
    WordSet::new(&words)
});

/// The role a title states by its own words: problems before plan before achievements, in
/// one pass over the title. The names of programmes (`structure.programme_names`) are read
/// over.
pub fn role_of(title: &str) -> SectionRole {
    role_of_chars(&crate::text::chars_of(title))
}

/// [`role_of`] a title given as characters.
pub fn role_of_chars(chars: &[char]) -> SectionRole {
    let classes = role_classes();
    let ranks = [
        classes[0].words().len(),
        classes[1].words().len(),
        classes[2].words().len(),
    ];
    // the best rank seen (0 problems, 1 plan, 2 achievements)
    let mut best = ranks.len();
    let mut i = 0;
    while i < chars.len() {
        let Some(k) = ROLE_LEX.longest_index_at(&chars[i..]) else {
            i += 1;
            continue;
        };
        let mut rank = 0;
        let mut first = 0;
        while rank < ranks.len() && k >= first + ranks[rank] {
            first += ranks[rank];
            rank += 1;
        }
        if rank == ranks.len() {
            // a programme's name: its plan word is not the title's
            i += classes[3].words()[k - first].chars().count();
            continue;
        }
        best = best.min(rank);
        i += 1;
    }
    match best {
        0 => SectionRole::Problems,
        1 => SectionRole::Plan,
        2 => SectionRole::Achievements,
        _ => SectionRole::Other,
    }
}

/// The title without names of health programmes that contain plan words: 计划生育 (family
/// planning) and 计划免疫 (immunisation) are not plans.
pub fn without_programme_words(title: &str) -> String {
    let names = class!("structure.programme_names").starts();
    let chars = crate::text::chars_of(title);
    let mut out = String::with_capacity(title.len());
    let mut i = 0;
    while i < chars.len() {
        if let Some(name) = names.longest_at(&chars[i..]) {
            i += name.chars().count();
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// Whether `c` is a Chinese numeral of heading numbers (`number.plain_digits`).
fn is_cn_digit(c: char) -> bool {
    class!("number.plain_digits").has_char(c)
}

/// Whether `c` makes the number after it an ordinal (`第`, `structure.ordinal_prefix`).
fn is_ordinal_prefix(c: char) -> bool {
    class!("structure.ordinal_prefix").has_char(c)
}

/// The characters a heading number starts with (`第`, `(`, `①`, digits).
static NUMBER_STARTS: std::sync::LazyLock<CharSet> = std::sync::LazyLock::new(|| {
    let chars = |name: &'static crate::lexicon::Class| {
        name.words()
            .iter()
            .filter_map(|w| w.chars().next())
            .collect::<Vec<char>>()
    };
    CharSet::new(
        chars(class!("structure.ordinal_prefix"))
            .into_iter()
            .chain(['('])
            .chain('①'..='⑳')
            .chain('0'..='9')
            .chain(chars(class!("number.plain_digits"))),
    )
});

fn cn_ordinal(s: &[char]) -> Option<u32> {
    crate::reading::numerals::parse_chinese(s).and_then(|(v, n)| (n == s.len()).then_some(v as u32))
}

/// How many characters of an inline heading's title must state no figure: the rest may be the
/// text it heads, glued on in a flattened copy.
const INLINE_TITLE_OPENING: usize = 15;

/// Sentence ends before which an inline heading may start.
fn sentence_end(c: char) -> bool {
    matches!(c, '。' | ';' | '!' | '?' | '；')
}

/// A heading the document marks on the line at `i`: the whole line is its title.
fn outline_candidate(t: &[char], i: usize, level: u8) -> Option<Candidate> {
    let end = t[i..]
        .iter()
        .position(|&c| c == '\n')
        .map_or(t.len(), |k| i + k);
    let title_end = end - t[i..end].iter().rev().take_while(|&&c| c == ' ').count();
    (title_end > i && title_end - i <= 60).then_some(Candidate {
        style: Style::Outline(level),
        ordinal: 0,
        start: i,
        number_end: i,
        title_end,
        line_start: true,
    })
}

fn candidate_at(
    t: &[char],
    i: usize,
    first_line_end: usize,
    after_heading: bool,
) -> Option<Candidate> {
    let back = t[..i].iter().rev().take_while(|&&c| c == ' ').count();
    let line_start = i == back || t[i - back - 1] == '\n';
    // the character before, blanks skipped: a flattened copy keeps a blank after a sentence
    let before = (i > back).then(|| t[i - back - 1]);
    let (style, ordinal, number_end) =
        number_at(t, i).or_else(|| if line_start { bare_at(t, i) } else { None })?;
    // 现将全年工作总结如下:一、… opens the first heading after a colon
    let after_sentence = before.is_some_and(sentence_end)
        || after_heading
        || (style == Style::ChineseComma && before == Some(':'));
    if style == Style::Bare {
        if !line_start || i < first_line_end {
            return None;
        }
    } else if !line_start && !after_sentence {
        // A flattened document glues its first heading to the title line before it.
        let glued = style == Style::ChineseComma
            && ordinal == 1
            && class!("structure.title_endings").ending(&t[..i]).is_some();
        if !glued {
            return None;
        }
    }
    let title_end = title_end(t, number_end);
    if title_end <= number_end {
        return None;
    }
    // a title names a field of work; a line that states a figure is a list item
    // (1.继续推进签约服务,力争重点人群签约率达到80%以上。, (二)孕产妇死亡率控制在12/10万以内。,
    // 1.力争门急诊量突破50万人次)
    let title = &t[number_end..title_end];
    // a count ends at `k` (not an ordinal: 开展第35个爱国卫生月活动)
    let count_at = |k: usize| {
        let digits = title[..=k]
            .iter()
            .rev()
            .take_while(|&&c| c.is_ascii_digit() || c == '.')
            .count();
        title[k].is_ascii_digit()
            && !title
                .get(k + 1)
                .is_some_and(|&c| c.is_ascii_digit() || c == '.')
            && (k + 1 == digits || !is_ordinal_prefix(title[k - digits]))
            && crate::reading::units::continues_number(&title[k + 1..])
    };
    let per_population = |k: usize| {
        title[k] == '/'
            && title.get(k + 1).is_some_and(|&c| {
                c.is_ascii_digit() || class!("structure.rate_base_starts").has_char(c)
            })
    };
    // inline, a heading's title runs on into the text it heads: only its opening counts
    let window = if line_start {
        title.len()
    } else {
        title.len().min(INLINE_TITLE_OPENING)
    };
    if title[..window]
        .iter()
        .enumerate()
        .any(|(k, &c)| c == '%' || c == '‰' || per_population(k) || count_at(k))
    {
        return None;
    }
    if style == Style::Bare
        && (title_end - i > 25 || t[title_end..].first().is_some_and(|&c| c != '\n'))
    {
        return None;
    }
    Some(Candidate {
        style,
        ordinal,
        start: i,
        number_end,
        title_end,
        line_start,
    })
}

/// The heading number at `i`: its style, ordinal and end.
/// The end of a heading or list number at the start of `chars` (`一、`, `(一)`, `2.`, `(1)`,
/// `①`), for the label stage, which drops a list item's number.
pub(crate) fn number_end(chars: &[char]) -> Option<usize> {
    if chars.is_empty() {
        return None;
    }
    number_at(chars, 0).map(|(_, _, end)| end)
}

fn number_at(t: &[char], i: usize) -> Option<(Style, u32, usize)> {
    let c = t[i];
    if ('①'..='⑳').contains(&c) {
        let line_start = t[..i].iter().rev().take_while(|&&c| c == ' ').count();
        let at_start = i == line_start || t[i - line_start - 1] == '\n';
        return at_start.then(|| (Style::Circled, c as u32 - '①' as u32 + 1, i + 1));
    }
    if is_ordinal_prefix(c) {
        let n = t[i + 1..]
            .iter()
            .take(3)
            .take_while(|&&c| is_cn_digit(c))
            .count();
        if n > 0
            && let Some(part) = class!("structure.part_words").at(&t[i + 1 + n..])
        {
            let end = i + 1 + n + part.chars().count();
            return Some((Style::Part, cn_ordinal(&t[i + 1..i + 1 + n])?, end));
        }
        return None;
    }
    if is_cn_digit(c) {
        let n = t[i..]
            .iter()
            .take(3)
            .take_while(|&&c| is_cn_digit(c))
            .count();
        let sep = *t.get(i + n)?;
        if sep == '、' && !t.get(i + n + 1).is_some_and(|&c| is_cn_digit(c)) {
            if i > 0 && (is_cn_digit(t[i - 1]) || is_ordinal_prefix(t[i - 1])) {
                return None;
            }
            return Some((Style::ChineseComma, cn_ordinal(&t[i..i + n])?, i + n + 1));
        }
        return None;
    }
    if c == '(' {
        let inner = t[i + 1..].iter().take(3).take_while(|&&c| c != ')').count();
        if t.get(i + 1 + inner) != Some(&')') || inner == 0 {
            return None;
        }
        let s = &t[i + 1..i + 1 + inner];
        if s.iter().all(|&c| is_cn_digit(c)) {
            return Some((Style::ParenChinese, cn_ordinal(s)?, i + inner + 2));
        }
        if s.iter().all(char::is_ascii_digit) {
            return Some((
                Style::ParenArabic,
                s.iter().collect::<String>().parse().ok()?,
                i + inner + 2,
            ));
        }
        return None;
    }
    if c.is_ascii_digit() {
        if i > 0 && (t[i - 1].is_ascii_digit() || t[i - 1] == '.') {
            return None;
        }
        let n = t[i..]
            .iter()
            .take(3)
            .take_while(|c| c.is_ascii_digit())
            .count();
        let sep = *t.get(i + n)?;
        let next = t.get(i + n + 1).copied().unwrap_or('\n');
        if matches!(sep, '.' | '、') && !next.is_ascii_digit() && next != '\n' && next != ' ' {
            let ordinal: u32 = t[i..i + n].iter().collect::<String>().parse().ok()?;
            return (ordinal > 0 && ordinal < 100).then_some((
                Style::ArabicDot,
                ordinal,
                i + n + 1,
            ));
        }
        return None;
    }
    None
}

/// A bare heading line starting at `i`.
fn bare_at(t: &[char], i: usize) -> Option<(Style, u32, usize)> {
    let line_end = t[i..]
        .iter()
        .take(40)
        .position(|&c| c == '\n')
        .map_or((i + 40).min(t.len()), |p| i + p);
    if line_end - i > 30 {
        return None;
    }
    let line: String = t[i..line_end].iter().collect();
    let line = line.trim_end();
    if line.chars().count() <= 25
        && !line.ends_with(['。', ';', ',', '!', '?'])
        && class!("structure.bare_headings").in_text(line)
        && !line.chars().any(|c| c.is_ascii_digit())
    {
        return Some((Style::Bare, 0, i));
    }
    None
}

/// Where a heading's title ends: at the first sentence end or line end, at most 40 characters.
fn title_end(t: &[char], from: usize) -> usize {
    let mut end = from;
    while end < t.len() && end - from < 40 {
        if matches!(t[end], '。' | '\n' | ';' | '!' | '?') {
            break;
        }
        if end > from {
            // the first heading of the next level glued on: 一、基本情况(一)居民健康档案
            if matches!(number_at(t, end), Some((style, 1, _)) if style != Style::Circled)
                && !t[end - 1].is_ascii_digit()
            {
                break;
            }
            // a paragraph that opens with its year: (三)老年人管理2023年老年人建档人数
            if textkit::is_han(t[end - 1])
                && t.get(end..end + 4)
                    .is_some_and(|y| y.iter().all(char::is_ascii_digit))
                && t.get(end + 4)
                    .is_some_and(|&c| class!("extract.year").has_char(c))
            {
                break;
            }
        }
        // a run-in heading ends at its colon: 1.门诊服务:全年完成门诊诊疗38652人次
        if t[end] == ':' && end - from <= 15 && end > from {
            break;
        }
        end += 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_starts_are_the_characters_a_number_starts_with() {
        for c in (0..0x1_0000).filter_map(char::from_u32) {
            let starts =
                matches!(c, '第' | '(' | '①'..='⑳') || c.is_ascii_digit() || is_cn_digit(c);
            assert_eq!(NUMBER_STARTS.contains(c), starts, "{c}");
        }
    }

    fn headings(text: &str) -> Vec<(String, String, u8)> {
        let out = crate::text::clean(text);
        let source: Vec<char> = text.chars().collect();
        let s = structure(&out.cleaned, &source, &[], &mut Vec::new());
        s.sections
            .into_iter()
            .map(|s| (s.number, s.title, s.level))
            .collect()
    }

    #[test]
    fn headings_of_a_copy_flattened_onto_one_line() {
        let titles = |text: &str| -> Vec<String> {
            headings(text)
                .into_iter()
                .map(|(n, t, l)| format!("{l} {n}{t}"))
                .collect()
        };
        // a colon opens the first heading; a heading glued to the one before; a paragraph
        // opening with its year; a figure in the text a heading runs into
        assert_eq!(
            titles(
                "妇幼卫生工作总结现将全年工作总结如下:一、妇幼健康服务(一)孕产妇管理2023年全县孕产妇系统管理率95.2%。(二)儿童保健工作全县7岁以下儿童健康管理率达92.1%,较上年提高1.2个百分点。二、存在问题人员不足。"
            ),
            [
                "1 一、妇幼健康服务",
                "2 (一)孕产妇管理",
                // (where a glued title ends cannot be told: it runs to the sentence's end)
                "2 (二)儿童保健工作全县7岁以下儿童健康管理率达92.1%,较上年提高1.2个百分点",
                "1 二、存在问题人员不足",
            ]
        );
        // a blank after the sentence end, and a nested number after a blank
        assert_eq!(
            titles(
                "今年工作的总体要求是。 (一)深化医改,落实五项任务 1.巩固新农合制度。参合率稳定在95%以上。 2.推进基本药物制度。全面实施。"
            ),
            [
                "1 (一)深化医改,落实五项任务",
                "2 1.巩固新农合制度",
                "2 2.推进基本药物制度"
            ]
        );
        // a list item that states its figure early is no heading, inline or not
        assert!(titles("工作如下。(一)孕产妇死亡率控制在12/10万以内。").is_empty());
    }

    #[test]
    fn nested_headings_and_levels() {
        let indented = headings(
            "标题\n　　一、基本情况\n　　①机构\n全区医院5家。\n　　②人员\n内含①不是标题。\n",
        );
        let got: Vec<_> = indented
            .iter()
            .map(|(n, t, l)| format!("{l}{n}{t}"))
            .collect();
        assert_eq!(got, ["1一、基本情况", "2①机构", "2②人员"]);
        let parts = headings(
            "标题\n第一部分 2023年工作总结\n一、医疗服务\n第二部分 2024年工作打算\n一、目标任务\n",
        );
        let got: Vec<_> = parts.iter().map(|(n, t, l)| format!("{l}{n}{t}")).collect();
        assert_eq!(
            got,
            [
                "1第一部分2023年工作总结",
                "2一、医疗服务",
                "1第二部分2024年工作打算",
                "2一、目标任务"
            ]
        );
        let items = headings(
            "标题\n三、下半年工作计划\n1.推进签约服务,力争签约率达到80%以上。\n2.确保婴儿死亡率控制在4‰以内。\n",
        );
        assert_eq!(items.len(), 1, "{items:?}");
        let h = headings(
            "标题\n一、上半年工作\n(一)党建工作\n1.学习教育。一是学习。\n2.组织建设\n(二)医疗服务\n二、存在问题\n下一步工作打算\n（一）做好创建工作。全面落实。",
        );
        let got: Vec<_> = h.iter().map(|(n, t, l)| format!("{l}{n}{t}")).collect();
        assert_eq!(
            got,
            [
                "1一、上半年工作",
                "2(一)党建工作",
                "31.学习教育",
                "32.组织建设",
                "2(二)医疗服务",
                "1二、存在问题",
                "1下一步工作打算",
                "2（一）做好创建工作"
            ]
        );
    }

    #[test]
    fn inline_headings_in_a_flattened_document() {
        let h = headings(
            "区卫健委2023年工作总结和2024年工作计划一、重点工作指标平稳推进。(一)健康建设取得新进展。第一个是抓实基本公卫工作。与二、三级医院相比。",
        );
        let got: Vec<_> = h.iter().map(|(n, t, _)| format!("{n}{t}")).collect();
        assert_eq!(got, ["一、重点工作指标平稳推进", "(一)健康建设取得新进展"]);
    }

    #[test]
    fn roles_from_titles() {
        assert_eq!(role_of("存在问题及不足"), SectionRole::Problems);
        assert_eq!(role_of("下阶段工作计划"), SectionRole::Plan);
        assert_eq!(role_of("2023年卫生健康工作成效"), SectionRole::Achievements);
        assert_eq!(
            role_of("全面构建计划生育家庭发展支持体系"),
            SectionRole::Other
        );
    }
}
