//! Subjects: what a bare rate is of, read from its context.
//!
//! Reports name the patients or the service once and then list its rates bare:
//! `高血压建档30245人,实际管理30206人,管理率:99.87%,…,规范管理率88.16%`, a section
//! `(三)糖尿病患者健康管理` whose paragraph gives `规范管理率87.59%`, `家庭医生签约28.4万人,
//! 签约率51.2%`. The label stays as written; the subject found here goes to the metric's
//! `subject`, which the catalogue reads with the label (`高血压` + `规范管理率`).
//!
//! A rate is bare when its label is a word of `label.bare_rates` (规范管理率, 签约率) and
//! nothing more. Its subject is, going back
//! clause by clause through its paragraph and its section:
//! 1. a word of `label.subjects` (with the 患者 after it), the nearest before the rate
//!    (`label.subject_before`);
//! 2. or, in a clause of its own sentence that counts what the rate is a rate of (the rate's
//!    name without its 率: 签约 of 签约率), the words before that verb (`有偿签约3.4万人,签约率6.1%`: 有偿;
//!    `血压控制人数14530人,控制率82.7%`: 血压; `label.subject_of_count`); a clause with nothing
//!    before the verb, or only a word of `label.same_thing` (实际管理), says nothing and the
//!    search goes on;
//! 3. failing both, a word of `label.subjects` in the title of the section it stands in, or
//!    of the sections around that (`label.subject_of_section`).
//!
//! A count of what institutions have (床位, 卫生技术人员: `label.bare_counts`) after a count of one
//! kind of institution in its sentence (`妇幼保健机构105家,床位13818张`) is of those
//! institutions (`label.subject_institution`), and the catalogue reads it only with them.

use crate::lexicon::class;
use crate::model::{Because, Metric, MetricKind};
use crate::rules::rule;
use crate::structure::Structure;
use crate::text::Cleaned;
use crate::text::clean::simplified;
use crate::textkit::is_han;

/// How far back (in characters) the search for a subject goes within a paragraph.
const REACH: usize = 240;

/// Whether a label is a bare rate: a word of `label.bare_rates` and nothing more.
pub fn is_bare_rate(label: &str) -> bool {
    let simple: String = label.chars().map(simplified).collect();
    class!("label.bare_rates").has(&simple)
}

/// Whether a count's label is only what institutions have (床位, 卫生技术人员): a word of
/// `label.bare_counts`.
pub fn is_bare_count(label: &str) -> bool {
    let simple: String = label.chars().map(simplified).collect();
    class!("label.bare_counts").has(&simple)
}

/// The kind of institution (`label.institution_kinds`) named last before `from` in the
/// sentence of `m`: `妇幼保健机构105家,床位13818张` counts the beds of those institutions.
fn institutions_before(c: &Cleaned, t: &[char], m: &Metric, from: usize) -> Option<Found> {
    let kinds = class!("label.institution_kinds");
    let set = kinds.starts();
    let start = c.cleaned_pos(m.sentence.start).min(from);
    let (s, w) = (start..from)
        .filter_map(|p| {
            set.longest_index_at(&t[p..from])
                .map(|i| (p, kinds.words()[i]))
        })
        .max_by_key(|&(p, w)| (p + w.chars().count(), std::cmp::Reverse(p)))?;
    Some(Found {
        subject: c.display_string(s, s + w.chars().count()),
        rule: rule!("label.subject_institution"),
        fired: Some(kinds.fired(w)),
    })
}

/// A subject found: the words as written, the rule that found it and the lexicon word that
/// fired, if any.
struct Found {
    subject: String,
    rule: &'static str,
    fired: Option<Because>,
}

/// Gives every bare rate of `metrics` the subject its context names (pass 8b of
/// [`super::extract`]). `labels` are the cleaned ranges of the metrics' labels, `starts`
/// where their figures start.
pub(super) fn complete(
    c: &Cleaned,
    structure: &Structure,
    metrics: &mut [Metric],
    labels: &[(usize, usize)],
    starts: &[usize],
) {
    let t = &c.norm;
    for (k, m) in metrics.iter_mut().enumerate() {
        if m.kind == MetricKind::Count && is_bare_count(&m.label) {
            let (ls, le) = labels[k];
            let from = if le > ls { ls } else { starts[k] };
            if let Some(f) = institutions_before(c, t, m, from) {
                m.subject = Some(f.subject);
                m.because.push(f.rule.into());
                m.because.extend(f.fired);
            }
            continue;
        }
        if m.kind != MetricKind::Rate || !is_bare_rate(&m.label) {
            continue;
        }
        let (ls, le) = labels[k];
        let from = if le > ls { ls } else { starts[k] };
        let stem = stem_of(&m.label);
        let found = in_paragraph(c, t, structure, from, &stem)
            .or_else(|| in_sections(structure, starts[k]));
        if let Some(f) = found {
            m.subject = Some(f.subject);
            m.because.push(f.rule.into());
            m.because.extend(f.fired);
        }
    }
}

/// The rate's name without its 率 (`extract.rate_endings`), in simplified characters: what a
/// clause counting it holds (签约 of 签约率).
fn stem_of(label: &str) -> Vec<char> {
    let mut simple: Vec<char> = label.chars().map(simplified).collect();
    if simple
        .last()
        .is_some_and(|&c| class!("extract.rate_endings").has_char(c))
    {
        simple.pop();
    }
    simple
}

/// Clause by clause back from `from` through the paragraph (and the section) it stands in.
fn in_paragraph(
    c: &Cleaned,
    t: &[char],
    structure: &Structure,
    from: usize,
    stem: &[char],
) -> Option<Found> {
    let line_start = t[..from]
        .iter()
        .rposition(|&ch| ch == '\n')
        .map_or(0, |p| p + 1);
    let section_start = structure
        .innermost(from)
        .map_or(0, |i| structure.extents[i].0);
    let floor = line_start
        .max(section_start)
        .max(from.saturating_sub(REACH));
    let mut end = from;
    // a clause that counts what is rated speaks of the rate only in the rate's own sentence
    let mut same_sentence = true;
    while end > floor {
        let start = (floor..end)
            .rev()
            .find(|&p| super::label::clause_break(t[p]) || super::sentence_break(t[p]))
            .map_or(floor, |p| p + 1);
        match subject_word(c, t, start, end) {
            Some(Named::One(f)) => return Some(f),
            // 高血压和糖尿病…控制率均到达60%: a rate of both is of neither
            Some(Named::Several) => return None,
            None => {}
        }
        if same_sentence && let Some(f) = counted(c, t, start, end, stem) {
            return Some(f);
        }
        if start == floor {
            break;
        }
        end = start - 1;
        same_sentence &= !super::sentence_break(t[end]);
    }
    None
}

/// What a clause names of `label.subjects`.
enum Named {
    /// One subject.
    One(Found),
    /// Several joined by a conjunction (高血压和糖尿病): the rate is of all of them.
    Several,
}

/// The word of `label.subjects` that ends last in `t[start..end]` (of those ending there,
/// the longest), with the patients named right after it (高血压患者); or several, when a
/// conjunction joins it to another (高血压和糖尿病).
fn subject_word(c: &Cleaned, t: &[char], start: usize, end: usize) -> Option<Named> {
    let subjects = class!("label.subjects");
    let set = subjects.starts();
    let found: Vec<(usize, &'static str)> = (start..end)
        .filter_map(|p| {
            set.longest_index_at(&t[p..end])
                .map(|i| (p, subjects.words()[i]))
        })
        .collect();
    let &(s, w) = found
        .iter()
        .max_by_key(|&&(p, w)| (p + w.chars().count(), std::cmp::Reverse(p)))?;
    let joined = |a: usize, b: usize| {
        b == a + 1 && (t[a] == '、' || class!("label.conjunctions").has_char(t[a]))
    };
    // another subject right before it across a conjunction: 高血压和糖尿病
    if found
        .iter()
        .any(|&(p, v)| p < s && joined(p + v.chars().count(), s))
    {
        return Some(Named::Several);
    }
    let mut e = s + w.chars().count();
    if let Some(pw) = class!("label.patients").at(&t[e..end]) {
        e += pw.chars().count();
    }
    Some(Named::One(Found {
        subject: c.display_string(s, e),
        rule: rule!("label.subject_before"),
        fired: Some(subjects.fired(w)),
    }))
}

/// A clause that counts what the rate is of: the words before the rate's stem in it, when
/// they are words of their own (有偿 of 有偿签约3.4万人), not nothing or a word of
/// `label.same_thing` (实际管理30206人).
fn counted(c: &Cleaned, t: &[char], start: usize, end: usize, stem: &[char]) -> Option<Found> {
    if stem.len() < 2 || end < start + stem.len() {
        return None;
    }
    // the stem of a count, not of another rate (有偿签约率20.43% is a rate of its own)
    let at = (start..=end - stem.len()).find(|&p| {
        t[p..p + stem.len()] == *stem
            && t.get(p + stem.len())
                .is_none_or(|&ch| !class!("extract.rate_endings").has_char(ch))
    })?;
    let (s, e) = super::label::trim_label(&t[start..at]);
    let (s, e) = (start + s, start + e);
    let words = &t[s..e];
    let same = class!("label.same_thing");
    if words.is_empty()
        || !words.iter().all(|&ch| is_han(ch))
        || same
            .at(words)
            .is_some_and(|w| w.chars().count() == words.len())
    {
        return None;
    }
    Some(Found {
        subject: c.display_string(s, e),
        rule: rule!("label.subject_of_count"),
        fired: None,
    })
}

/// A word of `label.subjects` in the title of the innermost section around `at`, else of the
/// sections around that one.
fn in_sections(structure: &Structure, at: usize) -> Option<Found> {
    let subjects = class!("label.subjects");
    let mut open: Vec<usize> = (0..structure.sections.len())
        .filter(|&i| structure.extents[i].0 <= at && at < structure.extents[i].1)
        .collect();
    open.sort_by_key(|&i| std::cmp::Reverse(structure.extents[i].0));
    open.into_iter().find_map(|i| {
        let title = &structure.sections[i].title;
        let simple: Vec<char> = title.chars().map(simplified).collect();
        let set = subjects.starts();
        let (p, w) = (0..simple.len())
            .filter_map(|p| {
                set.longest_index_at(&simple[p..])
                    .map(|i| (p, subjects.words()[i]))
            })
            .max_by_key(|&(p, w)| (p + w.chars().count(), std::cmp::Reverse(p)))?;
        let mut e = p + w.chars().count();
        if let Some(pw) = class!("label.patients").at(&simple[e..]) {
            e += pw.chars().count();
        }
        Some(Found {
            subject: title.chars().skip(p).take(e - p).collect(),
            rule: rule!("label.subject_of_section"),
            fired: Some(subjects.fired(w)),
        })
    })
}
