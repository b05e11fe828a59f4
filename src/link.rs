//! Linking: each metric to the body and programme it concerns.
//!
//! A metric concerns a body named in its label (`社区卫生服务站67家`) or, failing that, the
//! nearest body named earlier in its clause; likewise for programmes within its sentence.

use crate::extract::names::{Mention, Names};
use crate::model::Metric;
use crate::text::Cleaned;

/// Sets `body` and `programme` on every metric.
pub fn link(c: &Cleaned, names: &Names, metrics: &mut [Metric]) {
    for m in metrics.iter_mut() {
        let number = c.cleaned_pos(m.span.start);
        let (label_start, label_end) = match m.label_span {
            Some(s) => (c.cleaned_pos(s.start), c.cleaned_pos(s.end)),
            None => (number, number),
        };
        let sentence_start = c.cleaned_pos(m.sentence.start);
        let sentence_end = c.cleaned_pos(m.sentence.end);
        m.body = nearest(
            &names.body_mentions,
            label_start,
            label_end,
            sentence_start,
            number,
        )
        .map(|i| names.bodies[i].id.clone());
        m.programme = nearest(
            &names.programme_mentions,
            label_start,
            label_end,
            sentence_start,
            sentence_end,
        )
        .map(|i| names.programmes[i].id.clone());
    }
}

/// The mention inside the label, else the last one in `from..to`. Mentions are in text order,
/// so only those starting in `from..to` are looked at.
fn nearest(
    mentions: &[Mention],
    label_start: usize,
    label_end: usize,
    from: usize,
    to: usize,
) -> Option<usize> {
    let lo = mentions.partition_point(|m| m.start < from.min(label_start));
    let hi = mentions.partition_point(|m| m.start < to.max(label_end));
    let near = &mentions[lo..hi];
    let in_label = near
        .iter()
        .filter(|m| m.start < label_end && label_start < m.end)
        .max_by_key(|m| m.end - m.start);
    in_label
        .or_else(|| near.iter().rfind(|m| m.start >= from && m.end <= to))
        .map(|m| m.index)
}

/// Records where each metric came from: its paragraph (non-empty line of the plain text),
/// its page, and whether it stands in a footnote. Table cells already know their origin.
pub fn origins(source: &[char], layout: &crate::ingest::Layout, metrics: &mut [Metric]) {
    use crate::model::{Origin, Part};
    // start of each non-empty line, in order
    let mut paragraphs = Vec::new();
    let mut line_start = 0;
    for line in source.split(|&c| c == '\n') {
        if line.iter().any(|c| !c.is_whitespace()) {
            paragraphs.push(line_start);
        }
        line_start += line.len() + 1;
    }
    for m in metrics {
        let at = m.span.start;
        let page = (!layout.pages.is_empty()).then(|| layout.pages.partition_point(|&p| p <= at));
        let origin = m.origin.get_or_insert(Origin::new(Part::Body));
        if origin.part != Part::Table {
            origin.paragraph = Some(paragraphs.partition_point(|&p| p <= at).max(1));
            if layout.notes_start.is_some_and(|n| at >= n) {
                origin.part = Part::Footnote;
            }
        }
        origin.page = page.filter(|&p| p > 0);
    }
}
