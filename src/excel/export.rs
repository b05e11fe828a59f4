//! Documents to one workbook with rust_xlsxwriter: a tidy sheet per kind of record, header
//! styled and frozen, Excel tables with autofilter, widths that fit Chinese text, number
//! formats with the report's decimals, unmet targets highlighted. Worksheets are written in
//! constant-memory mode, so a million metric rows need no more memory than ten.

use std::path::Path;

use rust_xlsxwriter::{
    ConditionalFormatFormula, DocProperties, Format, FormatBorder, Table, TableColumn, TableStyle,
    Workbook, Worksheet, XlsxError,
};
use rustc_hash::FxHashMap;
use unicode_width::UnicodeWidthStr;

use super::*;
use crate::diagnostic::Severity;
use crate::model::{Document, Metric, Origin, decimals};

/// One document to export, with its decoded source when at hand (for the sentence text).
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    /// The document.
    pub document: &'a Document,
    /// Its decoded source, as characters.
    pub source: Option<&'a [char]>,
}

/// The longest text Excel keeps in a cell.
const CELL_LIMIT: usize = 32_767;
/// Rows read to size the columns.
const WIDTH_SAMPLE: usize = 1000;
/// The most cells a sheet written as an Excel table may have.
const TABLE_CELLS: usize = 1_000_000;
/// The widest column, in character cells.
const MAX_WIDTH: usize = 60;

/// Something a row is written to: the worksheet, or the column-width meter.
trait Sink {
    fn text(&mut self, s: &str) -> Result<(), XlsxError>;
    fn number(&mut self, v: f64, decimals: usize) -> Result<(), XlsxError>;
    fn boolean(&mut self, b: bool) -> Result<(), XlsxError>;
    fn empty(&mut self) -> Result<(), XlsxError>;

    fn opt_text(&mut self, s: Option<&str>) -> Result<(), XlsxError> {
        match s {
            Some(s) => self.text(s),
            None => self.empty(),
        }
    }

    fn integer(&mut self, v: usize) -> Result<(), XlsxError> {
        self.number(v as f64, 0)
    }

    /// An offset, a count of bytes: a plain number, no thousands separator.
    fn plain(&mut self, v: usize) -> Result<(), XlsxError> {
        self.integer(v)
    }
}

/// Measures the display width of each column (CJK characters count two).
struct Meter {
    widths: Vec<usize>,
    col: usize,
}

impl Meter {
    fn new(headers: &[&str]) -> Self {
        Meter {
            widths: headers.iter().map(|h| h.width() + 2).collect(),
            col: 0,
        }
    }

    fn fit(&mut self, w: usize) {
        if let Some(x) = self.widths.get_mut(self.col) {
            *x = (*x).max(w.min(MAX_WIDTH));
        }
        self.col += 1;
    }
}

impl Sink for Meter {
    fn text(&mut self, s: &str) -> Result<(), XlsxError> {
        let w = s.lines().next().unwrap_or("").width();
        self.fit(w + 2);
        Ok(())
    }
    fn number(&mut self, v: f64, decimals: usize) -> Result<(), XlsxError> {
        let w = format!("{v:.decimals$}").len() + v.abs().log10().max(0.0) as usize / 3;
        self.fit(w + 2);
        Ok(())
    }
    fn boolean(&mut self, _: bool) -> Result<(), XlsxError> {
        self.fit(7);
        Ok(())
    }
    fn empty(&mut self) -> Result<(), XlsxError> {
        self.fit(0);
        Ok(())
    }
}

/// Writes one row of a worksheet, cell by cell.
struct RowWriter<'w> {
    sheet: &'w mut Worksheet,
    formats: &'w Formats,
    row: u32,
    col: u16,
}

impl Sink for RowWriter<'_> {
    fn text(&mut self, s: &str) -> Result<(), XlsxError> {
        if !s.is_empty() {
            if s.chars().count() > CELL_LIMIT {
                return Err(XlsxError::MaxStringLengthExceeded);
            }
            // always a string: a label starting with = + - @ never becomes a formula
            self.sheet.write_string(self.row, self.col, s)?;
        }
        self.col += 1;
        Ok(())
    }
    fn number(&mut self, v: f64, decimals: usize) -> Result<(), XlsxError> {
        let format = &self.formats.numbers[decimals.min(self.formats.numbers.len() - 1)];
        self.sheet
            .write_number_with_format(self.row, self.col, v, format)?;
        self.col += 1;
        Ok(())
    }
    fn boolean(&mut self, b: bool) -> Result<(), XlsxError> {
        self.sheet.write_boolean(self.row, self.col, b)?;
        self.col += 1;
        Ok(())
    }
    fn empty(&mut self) -> Result<(), XlsxError> {
        self.col += 1;
        Ok(())
    }
    fn plain(&mut self, v: usize) -> Result<(), XlsxError> {
        // no format: rust_xlsxwriter hashes a cell's format on every write
        self.sheet.write_number(self.row, self.col, v as f64)?;
        self.col += 1;
        Ok(())
    }
}

struct Formats {
    header: Format,
    /// `#,##0`, `#,##0.0`, … by decimals shown.
    numbers: Vec<Format>,
    unmet: Format,
}

impl Formats {
    fn new() -> Self {
        let numbers = (0..=6)
            .map(|d| {
                let pattern = if d == 0 {
                    "#,##0".to_string()
                } else {
                    format!("#,##0.{}", "0".repeat(d))
                };
                Format::new().set_num_format(pattern)
            })
            .collect();
        Formats {
            header: Format::new()
                .set_bold()
                .set_font_color("#FFFFFF")
                .set_background_color("#1F4E78")
                .set_border_bottom(FormatBorder::Thin),
            numbers,
            unmet: Format::new()
                .set_background_color("#FFC7CE")
                .set_font_color("#9C0006"),
        }
    }
}

/// What a document's rows need besides the document: its key and names by id.
struct Context<'a> {
    key: String,
    entry: Entry<'a>,
    section_paths: FxHashMap<&'a str, String>,
    body_names: FxHashMap<&'a str, &'a str>,
    programme_names: FxHashMap<&'a str, &'a str>,
}

impl<'a> Context<'a> {
    fn new(k: usize, entry: Entry<'a>) -> Self {
        let doc = entry.document;
        let by_id: FxHashMap<&str, &crate::model::Section> =
            doc.sections.iter().map(|s| (s.id.as_str(), s)).collect();
        let section_paths = doc
            .sections
            .iter()
            .map(|s| {
                let mut parts = vec![format!("{}{}", s.number, s.title)];
                let mut at = s.parent.as_deref();
                // bounded: a cycle in a hand-made document must not hang the export
                while let Some(p) = at.and_then(|p| by_id.get(p))
                    && parts.len() < 8
                {
                    parts.push(format!("{}{}", p.number, p.title));
                    at = p.parent.as_deref();
                }
                parts.reverse();
                (s.id.as_str(), parts.join(" > "))
            })
            .collect();
        Context {
            key: format!("r{}", k + 1),
            entry,
            section_paths,
            body_names: doc
                .bodies
                .iter()
                .map(|b| (b.id.as_str(), b.name.as_str()))
                .collect(),
            programme_names: doc
                .programmes
                .iter()
                .map(|p| (p.id.as_str(), p.name.as_str()))
                .collect(),
        }
    }

    fn sentence(&self, m: &Metric) -> Option<String> {
        let source = self.entry.source?;
        let (a, b) = (m.sentence.start, m.sentence.end.min(source.len()));
        let text: String = source.get(a..b)?.iter().take(2000).collect();
        Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

fn report_row(s: &mut dyn Sink, c: &Context) -> Result<(), XlsxError> {
    let d = c.entry.document;
    let r = &d.report;
    let count = |sev| d.diagnostics.iter().filter(|x| x.severity == sev).count();
    s.text(&c.key)?;
    s.text(&r.title)?;
    s.text(&r.issuer)?;
    s.text(&r.jurisdiction.name)?;
    s.text(enum_text(&r.jurisdiction.level).as_str())?;
    s.text(&r.period)?;
    s.text(enum_text(&r.kind).as_str())?;
    s.opt_text(r.published.as_deref())?;
    s.opt_text(r.index_number.as_deref())?;
    s.text(&d.source.file)?;
    s.integer(d.metrics.len())?;
    s.integer(count(Severity::Error))?;
    s.integer(count(Severity::Warning))?;
    s.integer(count(Severity::Info))?;
    s.opt_text(r.title_span.map(span_text).as_deref())?;
    s.text(&d.source.sha256)?;
    s.text(&d.source.format)?;
    s.text(&d.source.encoding)?;
    s.plain(d.source.bytes as usize)?;
    s.plain(d.source.chars)?;
    s.text(&d.schema_version)
}

fn metric_row(s: &mut dyn Sink, c: &Context, m: &Metric) -> Result<(), XlsxError> {
    let shown = decimals(&m.as_written) as usize;
    s.text(&c.key)?;
    s.text(&m.id)?;
    s.opt_text(
        m.section
            .as_deref()
            .and_then(|id| c.section_paths.get(id))
            .map(String::as_str),
    )?;
    s.text(&m.label)?;
    s.opt_text(m.indicator.as_deref())?;
    s.text(enum_text(&m.kind).as_str())?;
    s.text(enum_text(&m.role).as_str())?;
    s.number(
        m.value,
        shown.max(decimals(&m.value.to_string()) as usize).min(6),
    )?;
    s.text(&m.unit)?;
    s.boolean(m.approximate)?;
    s.text(enum_text(&m.qualifier).as_str())?;
    s.text(&m.as_written)?;
    match &m.target {
        Some(t) => {
            s.number(t.value, decimals(&t.as_written) as usize)?;
            s.text(&t.unit)?;
            s.text(enum_text(&t.qualifier).as_str())?;
            s.text(&t.as_written)?;
            s.boolean(t.met)?;
        }
        None => {
            for _ in 0..5 {
                s.empty()?;
            }
        }
    }
    s.opt_text(m.population.as_deref())?;
    s.opt_text(m.subject.as_deref())?;
    s.opt_text(
        m.body
            .as_deref()
            .and_then(|id| c.body_names.get(id).copied()),
    )?;
    s.opt_text(
        m.programme
            .as_deref()
            .and_then(|id| c.programme_names.get(id).copied()),
    )?;
    s.opt_text(c.sentence(m).as_deref())?;
    s.plain(m.span.start)?;
    s.plain(m.span.end)?;
    s.opt_text(m.section.as_deref())?;
    s.opt_text(m.body.as_deref())?;
    s.opt_text(m.programme.as_deref())?;
    s.opt_text(m.parent.as_deref())?;
    s.opt_text(m.numerator.as_deref())?;
    s.opt_text(m.denominator.as_deref())?;
    s.opt_text(m.indicator_match.as_deref())?;
    s.opt_text(m.label_span.map(span_text).as_deref())?;
    s.opt_text(m.target.as_ref().map(|t| span_text(t.span)).as_deref())?;
    s.text(&span_text(m.sentence))?;
    s.opt_text(m.origin.as_ref().map(Origin::to_short).as_deref())?;
    // the rules and lexicon words that made the metric, separated by spaces
    s.opt_text(
        (!m.because.is_empty())
            .then(|| m.because.join(" "))
            .as_deref(),
    )?;
    s.opt_text(m.period.as_deref())
}

/// The serde name of an enum value (`summary_and_plan`).
pub(crate) fn enum_text<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// One sheet: its name, headers, and rows written by `row` for each item.
fn sheet<'a, T: 'a>(
    book: &mut Workbook,
    formats: &Formats,
    name: &str,
    headers: &[&str],
    items: impl Iterator<Item = (&'a Context<'a>, T)> + Clone,
    row: impl Fn(&mut dyn Sink, &Context, &T) -> Result<(), XlsxError>,
    prepare: impl FnOnce(&mut Worksheet, u32) -> Result<(), XlsxError>,
) -> Result<u32, XlsxError> {
    let mut meter = Meter::new(headers);
    for (c, item) in items.clone().take(WIDTH_SAMPLE) {
        meter.col = 0;
        row(&mut meter, c, &item)?;
    }
    let count = items.clone().count();
    let ws = book.add_worksheet_with_constant_memory()?;
    ws.set_name(name)?;
    for (i, w) in meter.widths.iter().enumerate() {
        ws.set_column_width(i as u16, *w as f64)?;
    }
    let last_col = headers.len() as u16 - 1;
    // rust_xlsxwriter keeps an entry per table cell (to refuse overlapping tables): past a
    // million cells the sheet gets a plain autofilter instead of a table, and memory stays flat
    if count > 0 && count * headers.len() > TABLE_CELLS {
        for (i, h) in headers.iter().enumerate() {
            ws.write_string_with_format(0, i as u16, *h, &formats.header)?;
        }
        ws.autofilter(0, 0, count as u32, last_col)?;
    } else if count > 0 {
        let columns: Vec<TableColumn> = headers
            .iter()
            .map(|h| {
                TableColumn::new()
                    .set_header(*h)
                    .set_header_format(&formats.header)
            })
            .collect();
        let table = Table::new()
            .set_columns(&columns)
            .set_style(TableStyle::Light9);
        ws.add_table(0, 0, count as u32, last_col, &table)?;
    } else {
        for (i, h) in headers.iter().enumerate() {
            ws.write_string_with_format(0, i as u16, *h, &formats.header)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    prepare(ws, count as u32)?;
    let mut r = 1;
    for (c, item) in items {
        let mut w = RowWriter {
            sheet: &mut *ws,
            formats,
            row: r,
            col: 0,
        };
        row(&mut w, c, &item)?;
        r += 1;
    }
    Ok(r - 1)
}

/// Writes the documents to a workbook at `path`, whole or not at all.
pub fn write_workbook(entries: &[Entry], path: &Path) -> crate::Result<()> {
    let mut book = build(entries).map_err(|e| crate::Error::Workbook {
        path: path.to_path_buf(),
        cell: None,
        message: e.to_string(),
    })?;
    save_atomically(&mut book, path)
}

/// Builds the workbook in memory (its worksheets stream to temporary files).
pub fn build(entries: &[Entry]) -> Result<Workbook, XlsxError> {
    let contexts: Vec<Context> = entries
        .iter()
        .enumerate()
        .map(|(k, e)| Context::new(k, *e))
        .collect();
    let formats = Formats::new();
    let mut book = Workbook::new();
    // deflate at level 1: half the export's time went to compression at the default level 6,
    // for a file about a third smaller
    book.set_zip_compression_level(1);
    let title = match entries {
        [one] => one.document.report.title.clone(),
        _ => format!("{} reports", entries.len()),
    };
    book.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_subject("Health-commission report figures in the weijian shared schema")
            .set_author("weijian")
            .set_comment("Written by weijian export; read back with weijian import"),
    );

    sheet(
        &mut book,
        &formats,
        REPORTS,
        REPORT_COLUMNS,
        contexts.iter().map(|c| (c, ())),
        |s, c, _| report_row(s, c),
        |_, _| Ok(()),
    )?;
    let metrics = contexts
        .iter()
        .flat_map(|c| c.entry.document.metrics.iter().map(move |m| (c, m)));
    let met = METRIC_COLUMNS
        .iter()
        .position(|h| *h == "target_met")
        .unwrap_or(0);
    sheet(
        &mut book,
        &formats,
        METRICS,
        METRIC_COLUMNS,
        metrics,
        |s, c, m| metric_row(s, c, m),
        |ws, rows| {
            if rows > 0 {
                // an unmet target shows its whole row in red
                let rule = ConditionalFormatFormula::new()
                    .set_rule(format!("=${}2=FALSE", column_name(met)).as_str())
                    .set_format(&formats.unmet);
                ws.add_conditional_format(1, 0, rows, METRIC_COLUMNS.len() as u16 - 1, &rule)?;
            }
            Ok(())
        },
    )?;
    let sections = contexts
        .iter()
        .flat_map(|c| c.entry.document.sections.iter().map(move |x| (c, x)));
    sheet(
        &mut book,
        &formats,
        SECTIONS,
        SECTION_COLUMNS,
        sections,
        |s, c, x| {
            s.text(&c.key)?;
            s.text(&x.id)?;
            s.opt_text(x.parent.as_deref())?;
            s.text(&x.number)?;
            s.text(&x.title)?;
            s.plain(usize::from(x.level))?;
            s.text(&enum_text(&x.role))?;
            s.text(&span_text(x.span))?;
            s.text(&span_text(x.extent))
        },
        |_, _| Ok(()),
    )?;
    let bodies = contexts
        .iter()
        .flat_map(|c| c.entry.document.bodies.iter().map(move |x| (c, x)));
    sheet(
        &mut book,
        &formats,
        BODIES,
        BODY_COLUMNS,
        bodies,
        |s, c, x| {
            s.text(&c.key)?;
            s.text(&x.id)?;
            s.text(&x.name)?;
            s.text(&x.body_type)?;
            s.text(&spans_text(&x.mentions))
        },
        |_, _| Ok(()),
    )?;
    let programmes = contexts
        .iter()
        .flat_map(|c| c.entry.document.programmes.iter().map(move |x| (c, x)));
    sheet(
        &mut book,
        &formats,
        PROGRAMMES,
        PROGRAMME_COLUMNS,
        programmes,
        |s, c, x| {
            s.text(&c.key)?;
            s.text(&x.id)?;
            s.text(&x.name)?;
            s.text(&spans_text(&x.mentions))
        },
        |_, _| Ok(()),
    )?;
    let findings = contexts
        .iter()
        .flat_map(|c| c.entry.document.diagnostics.iter().map(move |x| (c, x)));
    sheet(
        &mut book,
        &formats,
        FINDINGS,
        FINDING_COLUMNS,
        findings,
        |s, c, x| {
            s.text(&c.key)?;
            s.text(&x.code)?;
            s.text(&enum_text(&x.severity))?;
            s.text(&x.message)?;
            s.opt_text(x.span.map(span_text).as_deref())
        },
        |_, _| Ok(()),
    )?;
    Ok(book)
}
