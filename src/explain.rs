//! Why each figure came out as it did, for a person: `weijian convert --explain`.
//!
//! For every metric: where it stands (line:column of the decoded source), what it was read as
//! (value, unit, kind, role, label, target, indicator) and the rules and lexicon words that
//! made it so, each with its description ([`crate::rules::describe`]).

use std::fmt::Write;

use unicode_width::UnicodeWidthStr;

use crate::model::{Document, Metric};

/// The 1-based line and column (in characters) of each character offset, for a source text.
struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    fn new(source: &[char]) -> Self {
        let mut starts = vec![0];
        starts.extend(
            source
                .iter()
                .enumerate()
                .filter(|(_, c)| **c == '\n')
                .map(|(i, _)| i + 1),
        );
        Lines { starts }
    }

    fn at(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset);
        (line, offset - self.starts[line - 1] + 1)
    }
}

/// The explanation of every metric of `doc`, whose spans point into `source`; `only` keeps
/// the metrics of those ids (all when empty).
pub fn explain(doc: &Document, source: &[char], only: &[String]) -> String {
    let lines = Lines::new(source);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {} metrics ({})",
        doc.source.file,
        doc.metrics.len(),
        if doc.report.title.is_empty() {
            "no title"
        } else {
            doc.report.title.as_str()
        }
    );
    for m in doc
        .metrics
        .iter()
        .filter(|m| only.is_empty() || only.contains(&m.id))
    {
        out.push('\n');
        metric(&mut out, m, &lines);
    }
    out
}

/// A value as the documents write it: integers without a decimal point.
fn number(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 9.0e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn metric(out: &mut String, m: &Metric, lines: &Lines) {
    let (line, column) = lines.at(m.span.start);
    let kind = serde_json::to_value(m.kind).ok();
    let role = serde_json::to_value(m.role).ok();
    let word = |v: &Option<serde_json::Value>| {
        v.as_ref()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    };
    let _ = writeln!(
        out,
        "{} {line}:{column} \"{}\" → {} {} {}, {}, label {}",
        m.id,
        m.as_written,
        number(m.value),
        m.unit,
        word(&kind),
        word(&role),
        if m.label.is_empty() {
            "(none)"
        } else {
            m.label.as_str()
        }
    );
    if let Some(t) = &m.target {
        let (tl, tc) = lines.at(t.span.start);
        let _ = writeln!(
            out,
            "  target {} {} at {tl}:{tc} ({})",
            number(t.value),
            t.unit,
            if t.met { "met" } else { "not met" }
        );
    }
    if let Some(subject) = &m.subject {
        let _ = writeln!(out, "  subject {subject}");
    }
    if let Some(code) = &m.indicator {
        let _ = writeln!(
            out,
            "  indicator {code}{}",
            m.indicator_match
                .as_ref()
                .map(|h| format!(" (by {h})"))
                .unwrap_or_default()
        );
    }
    let width = m.because.iter().map(|b| b.width()).max().unwrap_or(0);
    for entry in &m.because {
        // Chinese words take two columns in a terminal
        let pad = width - entry.width();
        let _ = writeln!(
            out,
            "  because {entry}{:pad$}  {}",
            "",
            crate::rules::describe(entry)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_are_one_based_in_characters() {
        let src: Vec<char> = "一二\n三四五\n".chars().collect();
        let l = Lines::new(&src);
        assert_eq!(l.at(0), (1, 1));
        assert_eq!(l.at(1), (1, 2));
        assert_eq!(l.at(3), (2, 1));
        assert_eq!(l.at(5), (2, 3));
    }
}
