//! Excel workbooks: every document as tidy sheets (`export`), the same sheets read back into
//! documents (`import`), and an empty fill-in workbook for districts (`template`).
//!
//! One layout serves all three: the sheets and their column headers below. docs/excel.md
//! describes each column.

pub mod export;
pub mod import;
pub mod template;

use crate::model::Span;

/// The sheet of reports: one row per document.
pub const REPORTS: &str = "Reports";
/// The sheet of metrics: one row per metric.
pub const METRICS: &str = "Metrics";
/// The sheet of sections.
pub const SECTIONS: &str = "Sections";
/// The sheet of bodies.
pub const BODIES: &str = "Bodies";
/// The sheet of programmes.
pub const PROGRAMMES: &str = "Programmes";
/// The sheet of the converter's findings (diagnostics).
pub const FINDINGS: &str = "Findings";

/// Columns of the Reports sheet. `metrics`, `errors`, `warnings`, `infos` are derived.
pub const REPORT_COLUMNS: &[&str] = &[
    "report",
    "title",
    "issuer",
    "jurisdiction",
    "level",
    "period",
    "kind",
    "published",
    "index_number",
    "source_file",
    "metrics",
    "errors",
    "warnings",
    "infos",
    "title_span",
    "sha256",
    "format",
    "encoding",
    "bytes",
    "chars",
    "schema_version",
];

/// Columns of the Metrics sheet. `section_path`, `body_name`, `programme_name` and
/// `sentence_text` are derived, for reading; import ignores them.
pub const METRIC_COLUMNS: &[&str] = &[
    "report",
    "id",
    "section_path",
    "label",
    "indicator",
    "kind",
    "role",
    "value",
    "unit",
    "approximate",
    "qualifier",
    "as_written",
    "target_value",
    "target_unit",
    "target_qualifier",
    "target_as_written",
    "target_met",
    "population",
    "subject",
    "body_name",
    "programme_name",
    "sentence_text",
    "span_start",
    "span_end",
    "section",
    "body",
    "programme",
    "parent",
    "numerator",
    "denominator",
    "indicator_match",
    "label_span",
    "target_span",
    "sentence",
    "origin",
    "because",
    "period",
];

/// Columns of the Sections sheet.
pub const SECTION_COLUMNS: &[&str] = &[
    "report", "id", "parent", "number", "title", "level", "role", "span", "extent",
];

/// Columns of the Bodies sheet; `mentions` is a list of spans, `12..15; 30..33`.
pub const BODY_COLUMNS: &[&str] = &["report", "id", "name", "type", "mentions"];

/// Columns of the Programmes sheet.
pub const PROGRAMME_COLUMNS: &[&str] = &["report", "id", "name", "mentions"];

/// Columns of the Findings sheet.
pub const FINDING_COLUMNS: &[&str] = &["report", "code", "severity", "message", "span"];

/// Saves a workbook to `path`, whole or not at all ([`crate::output::replace`]).
pub(crate) fn save_atomically(
    book: &mut rust_xlsxwriter::Workbook,
    path: &std::path::Path,
) -> crate::Result<()> {
    let fail = |message: String| crate::Error::Workbook {
        path: path.to_path_buf(),
        cell: None,
        message,
    };
    crate::output::replace(path, |tmp| {
        book.save(tmp)
            .map_err(|e| std::io::Error::other(e.to_string()))
    })
    .map_err(|e: std::io::Error| fail(format!("cannot write the workbook: {e}")))
}

/// A span as a cell's text: `12..15`.
pub(crate) fn span_text(s: Span) -> String {
    format!("{}..{}", s.start, s.end)
}

/// A span read back from `12..15`.
pub(crate) fn parse_span(text: &str) -> Option<Span> {
    let (a, b) = text.trim().split_once("..")?;
    Some(Span::new(a.trim().parse().ok()?, b.trim().parse().ok()?))
}

/// Spans as a cell's text: `12..15; 30..33`.
pub(crate) fn spans_text(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| span_text(*s))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Spans read back from `12..15; 30..33` (empty text: none).
pub(crate) fn parse_spans(text: &str) -> Option<Vec<Span>> {
    text.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(parse_span)
        .collect()
}

/// The A1 name of a zero-based column: 0 → `A`, 27 → `AB`.
pub(crate) fn column_name(mut col: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// The address of a cell: sheet, zero-based row and column → `Metrics!F12`.
pub(crate) fn cell_address(sheet: &str, row: usize, col: usize) -> String {
    format!("{sheet}!{}{}", column_name(col), row + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_and_addresses() {
        assert_eq!(parse_span("12..15"), Some(Span::new(12, 15)));
        assert_eq!(
            parse_spans(&spans_text(&[Span::new(1, 2), Span::new(30, 33)])),
            Some(vec![Span::new(1, 2), Span::new(30, 33)])
        );
        assert_eq!(parse_spans(""), Some(vec![]));
        assert_eq!(parse_span("12-15"), None);
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(27), "AB");
        assert_eq!(cell_address("Metrics", 11, 5), "Metrics!F12");
    }
}
