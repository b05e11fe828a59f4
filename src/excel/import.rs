//! Workbooks back into documents with calamine: the sheets `weijian export` writes, or a
//! filled `weijian template`. A workbook written by export reads back into the very documents
//! it was written from; a filled template gets defaults for what a district cannot know
//! (ids, spans). Every cell that cannot be read is a [`Problem`] with its address.

use std::path::Path;

use calamine::{Data, Range, Reader, Xlsx};
use rustc_hash::FxHashMap;

use super::*;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{
    Body, Document, Jurisdiction, Level, Metric, MetricKind, Origin, Programme, Qualifier, Report,
    ReportKind, Role, Section, SectionRole, Source, Span, Target,
};

/// What is wrong with a cell or a sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// Text where a number belongs (`约62`).
    NotANumber,
    /// A required cell left empty.
    Required,
    /// A value outside its list (`kind`, `role`, `level`…), or unreadable text (a span).
    NotAllowed,
    /// A date where text or a number belongs (Excel turned `2023-05` into a date).
    Date,
    /// Cells merged inside the data.
    Merged,
    /// A row whose `report` is not on the Reports sheet.
    UnknownReport,
    /// An empty row inside the data, skipped.
    BlankRow,
    /// An Excel error value (`#N/A`) or a formula result.
    ErrorValue,
}

/// A cell or sheet that could not be read as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// What is wrong.
    pub kind: ProblemKind,
    /// The cell (`Metrics!F12`).
    pub cell: String,
    /// In words, Chinese first: `不是数字 "约62" (not a number)`.
    pub message: String,
}

/// Where each record of a document stands in the workbook: the sheet row (zero-based) of
/// each report, metric, section, body, programme and finding.
#[derive(Debug, Clone, Default)]
pub struct Places {
    /// Column of each field, by sheet, as the workbook has them.
    pub columns: std::sync::Arc<FxHashMap<&'static str, FxHashMap<String, usize>>>,
    /// Row of the document on the Reports sheet.
    pub report: usize,
    /// Rows on the Metrics sheet, by metric index.
    pub metrics: Vec<usize>,
    /// Rows on the Sections sheet.
    pub sections: Vec<usize>,
    /// Rows on the Bodies sheet.
    pub bodies: Vec<usize>,
    /// Rows on the Programmes sheet.
    pub programmes: Vec<usize>,
    /// Rows on the Findings sheet.
    pub findings: Vec<usize>,
}

impl Places {
    /// The cell of a JSON pointer into the document (`/metrics/3/value` → `Metrics!H5`),
    /// else the row's first cell, else `None`.
    pub fn cell_of(&self, pointer: &str) -> Option<String> {
        let parts: Vec<&str> = pointer.trim_start_matches('/').split('/').collect();
        let index = |k: usize| parts.get(k).and_then(|p| p.parse::<usize>().ok());
        let (sheet, row, field) = match parts.first().copied() {
            Some("metrics") => (
                METRICS,
                *self.metrics.get(index(1)?)?,
                match parts.get(2..) {
                    Some(["target", f, ..]) => format!("target_{f}"),
                    Some(["span", f, ..]) => format!("span_{f}"),
                    Some([f, ..]) => (*f).to_string(),
                    _ => String::new(),
                },
            ),
            Some(list @ ("sections" | "bodies" | "programmes" | "diagnostics")) => {
                let (sheet, rows) = match list {
                    "sections" => (SECTIONS, &self.sections),
                    "bodies" => (BODIES, &self.bodies),
                    "programmes" => (PROGRAMMES, &self.programmes),
                    _ => (FINDINGS, &self.findings),
                };
                let field = parts.get(2).map_or(String::new(), |f| f.to_string());
                (sheet, *rows.get(index(1)?)?, field)
            }
            _ => {
                let field = match parts.as_slice() {
                    ["report", "jurisdiction", "name"] => "jurisdiction".to_string(),
                    ["report", "jurisdiction", "level"] => "level".to_string(),
                    ["report", f, ..] => (*f).to_string(),
                    ["source", "file"] => "source_file".to_string(),
                    ["source", f] => (*f).to_string(),
                    _ => String::new(),
                };
                (REPORTS, self.report, field)
            }
        };
        let field = field.as_str();
        // a field the sheet has no column for: the row's first cell
        let col = self
            .columns
            .get(sheet)
            .and_then(|c| c.get(field))
            .copied()
            .unwrap_or(0);
        Some(cell_address(sheet, row, col))
    }
}

/// The documents of a workbook, with the problems found and where each record stands.
#[derive(Debug, Default)]
pub struct Imported {
    /// One document per row of the Reports sheet.
    pub documents: Vec<Document>,
    /// Where the records of each document stand.
    pub places: Vec<Places>,
    /// Cells that could not be read as written (their records get defaults or are skipped).
    pub problems: Vec<Problem>,
}

/// One sheet with its header: column indexes by name.
struct Sheet {
    name: &'static str,
    range: Range<Data>,
    columns: FxHashMap<String, usize>,
    first_col: u32,
}

impl Sheet {
    fn rows(&self) -> std::ops::Range<usize> {
        let end = self.range.end().map_or(0, |e| e.0 as usize + 1);
        1..end
    }

    fn raw(&self, row: usize, field: &str) -> Option<(&Data, usize)> {
        let col = *self.columns.get(field)?;
        let value = self
            .range
            .get_value((row as u32, self.first_col + col as u32))?;
        Some((value, col + self.first_col as usize))
    }

    fn blank(&self, row: usize) -> bool {
        self.columns.keys().all(|f| {
            self.raw(row, f).is_none_or(|(d, _)| {
                matches!(d, Data::Empty) || matches!(d, Data::String(s) if s.trim().is_empty())
            })
        })
    }
}

/// Reads cells, collecting problems.
struct Reading<'p> {
    problems: &'p mut Vec<Problem>,
}

impl Reading<'_> {
    fn problem(
        &mut self,
        kind: ProblemKind,
        sheet: &Sheet,
        row: usize,
        col: usize,
        message: String,
    ) {
        self.problems.push(Problem {
            kind,
            cell: cell_address(sheet.name, row, col),
            message,
        });
    }

    /// Text of a cell; numbers read as their shortest form; `None` when empty.
    fn text(&mut self, sheet: &Sheet, row: usize, field: &str) -> Option<String> {
        let (value, col) = sheet.raw(row, field)?;
        match value {
            Data::Empty => None,
            Data::String(s) => Some(s.clone()),
            Data::Float(f) => Some(f.to_string()),
            Data::Int(i) => Some(i.to_string()),
            Data::Bool(b) => Some(if *b { "TRUE" } else { "FALSE" }.to_string()),
            Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => {
                self.problem(ProblemKind::Date, sheet, row, col, format!("是日期，不是文本 (a date where text belongs: {value}); 请将单元格设为文本格式"));
                None
            }
            Data::Error(e) => {
                self.problem(
                    ProblemKind::ErrorValue,
                    sheet,
                    row,
                    col,
                    format!("错误值 {e} (an Excel error value)"),
                );
                None
            }
        }
    }

    fn required_text(&mut self, sheet: &Sheet, row: usize, field: &str) -> Option<String> {
        let before = self.problems.len();
        let t = self
            .text(sheet, row, field)
            .filter(|t| !t.trim().is_empty());
        // an empty cell, not one already reported as a date or an error value
        if t.is_none()
            && self.problems.len() == before
            && let Some(&col) = sheet.columns.get(field)
        {
            let col = col + sheet.first_col as usize;
            self.problem(
                ProblemKind::Required,
                sheet,
                row,
                col,
                format!("必填项 `{field}` 为空 (a required cell is empty)"),
            );
        }
        t
    }

    fn number(&mut self, sheet: &Sheet, row: usize, field: &str) -> Option<f64> {
        let (value, col) = sheet.raw(row, field)?;
        match value {
            Data::Empty => None,
            Data::Float(f) => Some(*f),
            Data::Int(i) => Some(*i as f64),
            Data::String(s) if s.trim().is_empty() => None,
            Data::String(s) => match s.trim().replace(',', "").parse::<f64>() {
                Ok(v) if v.is_finite() => Some(v),
                _ => {
                    self.problem(
                        ProblemKind::NotANumber,
                        sheet,
                        row,
                        col,
                        format!("不是数字 \"{s}\" (a number is expected)"),
                    );
                    None
                }
            },
            other => {
                let kind = if matches!(other, Data::DateTime(_) | Data::DateTimeIso(_)) {
                    ProblemKind::Date
                } else {
                    ProblemKind::NotANumber
                };
                self.problem(
                    kind,
                    sheet,
                    row,
                    col,
                    format!("不是数字 \"{other}\" (a number is expected)"),
                );
                None
            }
        }
    }

    fn required_number(&mut self, sheet: &Sheet, row: usize, field: &str) -> Option<f64> {
        let before = self.problems.len();
        let v = self.number(sheet, row, field);
        if v.is_none() && self.problems.len() == before && sheet.columns.contains_key(field) {
            let col = sheet.columns[field] + sheet.first_col as usize;
            self.problem(
                ProblemKind::Required,
                sheet,
                row,
                col,
                format!("必填项 `{field}` 为空 (a required number is empty)"),
            );
        }
        v
    }

    fn count(&mut self, sheet: &Sheet, row: usize, field: &str) -> Option<usize> {
        let v = self.number(sheet, row, field)?;
        if v >= 0.0 && v.fract() == 0.0 && v < 9.0e15 {
            Some(v as usize)
        } else {
            let col = sheet.columns[field] + sheet.first_col as usize;
            self.problem(
                ProblemKind::NotANumber,
                sheet,
                row,
                col,
                format!("不是非负整数 {v} (a whole number of zero or more is expected)"),
            );
            None
        }
    }

    fn boolean(&mut self, sheet: &Sheet, row: usize, field: &str) -> Option<bool> {
        let (value, col) = sheet.raw(row, field)?;
        match value {
            Data::Empty => None,
            Data::Bool(b) => Some(*b),
            Data::String(s) => match s.trim().to_lowercase().as_str() {
                "" => None,
                "true" | "是" | "yes" | "1" => Some(true),
                "false" | "否" | "no" | "0" => Some(false),
                _ => {
                    self.problem(
                        ProblemKind::NotAllowed,
                        sheet,
                        row,
                        col,
                        format!("不是 是/否 \"{s}\" (TRUE or FALSE is expected)"),
                    );
                    None
                }
            },
            Data::Float(f) => Some(*f != 0.0),
            Data::Int(i) => Some(*i != 0),
            other => {
                self.problem(
                    ProblemKind::NotAllowed,
                    sheet,
                    row,
                    col,
                    format!("不是 是/否 \"{other}\" (TRUE or FALSE is expected)"),
                );
                None
            }
        }
    }

    /// A value of an enumeration by its serde name (`summary_and_plan`).
    fn choice<T: serde::de::DeserializeOwned>(
        &mut self,
        sheet: &Sheet,
        row: usize,
        field: &str,
    ) -> Option<T> {
        let text = self.text(sheet, row, field)?;
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        match serde_json::from_value(serde_json::Value::String(t.to_string())) {
            Ok(v) => Some(v),
            Err(_) => {
                let col = sheet.columns[field] + sheet.first_col as usize;
                self.problem(ProblemKind::NotAllowed, sheet, row, col, format!("不在可选值中 \"{t}\" (not one of the values of `{field}`; see the Codes sheet of the template)"));
                None
            }
        }
    }

    fn span(&mut self, sheet: &Sheet, row: usize, field: &str) -> Option<Span> {
        let text = self.text(sheet, row, field)?;
        if text.trim().is_empty() {
            return None;
        }
        let span = parse_span(&text);
        if span.is_none() {
            let col = sheet.columns[field] + sheet.first_col as usize;
            self.problem(
                ProblemKind::NotAllowed,
                sheet,
                row,
                col,
                format!("不是区间 \"{text}\" (a span is written start..end)"),
            );
        }
        span
    }

    fn origin(&mut self, sheet: &Sheet, row: usize) -> Option<Origin> {
        let text = self.text(sheet, row, "origin")?;
        if text.trim().is_empty() {
            return None;
        }
        let origin = Origin::from_short(&text);
        if origin.is_none() {
            let col = sheet.columns["origin"] + sheet.first_col as usize;
            self.problem(
                ProblemKind::NotAllowed,
                sheet,
                row,
                col,
                format!("不是来源 \"{text}\" (an origin reads like p12, t1 r2 c3, page 3 p12)"),
            );
        }
        origin
    }

    fn spans(&mut self, sheet: &Sheet, row: usize, field: &str) -> Vec<Span> {
        let Some(text) = self.text(sheet, row, field) else {
            return Vec::new();
        };
        match parse_spans(&text) {
            Some(spans) => spans,
            None => {
                let col = sheet.columns[field] + sheet.first_col as usize;
                self.problem(
                    ProblemKind::NotAllowed,
                    sheet,
                    row,
                    col,
                    format!("不是区间列表 \"{text}\" (spans are written 1..3; 5..8)"),
                );
                Vec::new()
            }
        }
    }
}

fn fail(path: &Path, cell: Option<String>, message: impl Into<String>) -> crate::Error {
    crate::Error::Workbook {
        path: path.to_path_buf(),
        cell,
        message: message.into(),
    }
}

/// Opens one sheet and reads its header row; `required` columns must be there.
fn open_sheet<RS: std::io::Read + std::io::Seek>(
    book: &mut Xlsx<RS>,
    path: &Path,
    name: &'static str,
    required: &[&str],
    problems: &mut Vec<Problem>,
) -> crate::Result<Option<Sheet>> {
    if !book.sheet_names().iter().any(|n| n == name) {
        if required.is_empty() {
            return Ok(None);
        }
        return Err(fail(
            path,
            None,
            format!("the workbook has no sheet \"{name}\""),
        ));
    }
    let range = book
        .worksheet_range(name)
        .map_err(|e| fail(path, None, format!("cannot read sheet \"{name}\": {e}")))?;
    let Some((first_row, first_col)) = range.start() else {
        if required.is_empty() {
            return Ok(None);
        }
        return Err(fail(
            path,
            Some(format!("{name}!A1")),
            format!("sheet \"{name}\" is empty; its first row must name the columns"),
        ));
    };
    let end_col = range.end().map_or(first_col, |e| e.1);
    let mut columns = FxHashMap::default();
    for c in first_col..=end_col {
        if let Some(Data::String(h)) = range.get_value((first_row, c)) {
            columns.insert(h.trim().to_string(), (c - first_col) as usize);
        }
    }
    if first_row != 0 {
        return Err(fail(
            path,
            Some(cell_address(name, 0, 0)),
            format!("the first row of sheet \"{name}\" must name the columns"),
        ));
    }
    for r in required {
        if !columns.contains_key(*r) {
            return Err(fail(
                path,
                Some(cell_address(name, 0, 0)),
                format!("sheet \"{name}\" has no column \"{r}\""),
            ));
        }
    }
    if let Ok(merged) = book.merge_cells_by_sheet_name(name) {
        for d in merged {
            problems.push(Problem {
                kind: ProblemKind::Merged,
                cell: cell_address(name, d.start.0 as usize, d.start.1 as usize),
                message: format!(
                    "合并单元格 {}:{} (merged cells; unmerge them so each row holds one record)",
                    cell_address(name, d.start.0 as usize, d.start.1 as usize),
                    super::column_name(d.end.1 as usize) + &(d.end.0 + 1).to_string()
                ),
            });
        }
    }
    Ok(Some(Sheet {
        name,
        range,
        columns,
        first_col,
    }))
}

/// Reads a workbook written by `weijian export` or a filled `weijian template`.
pub fn read_workbook(path: &Path) -> crate::Result<Imported> {
    let bytes = std::fs::read(path).map_err(|source| crate::Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    read_workbook_bytes(path, &bytes)
}

/// Reads the bytes of a workbook; `path` names it in messages and gives the source file
/// name of a filled template.
pub fn read_workbook_bytes(path: &Path, bytes: &[u8]) -> crate::Result<Imported> {
    let mut book = Xlsx::new(std::io::Cursor::new(bytes))
        .map_err(|e| fail(path, None, format!("not a readable .xlsx workbook ({e})")))?;
    let mut out = Imported::default();
    let problems = &mut out.problems;
    let reports = open_sheet(&mut book, path, REPORTS, &["report"], problems)?.expect("required");
    let metrics = open_sheet(
        &mut book,
        path,
        METRICS,
        &["label", "kind", "value", "unit"],
        problems,
    )?
    .expect("required");
    let sections = open_sheet(&mut book, path, SECTIONS, &[], problems)?;
    let bodies = open_sheet(&mut book, path, BODIES, &[], problems)?;
    let programmes = open_sheet(&mut book, path, PROGRAMMES, &[], problems)?;
    let findings = open_sheet(&mut book, path, FINDINGS, &[], problems)?;
    let mut rd = Reading { problems };
    let columns: FxHashMap<&'static str, FxHashMap<String, usize>> = [
        Some(&reports),
        Some(&metrics),
        sections.as_ref(),
        bodies.as_ref(),
        programmes.as_ref(),
        findings.as_ref(),
    ]
    .into_iter()
    .flatten()
    .map(|sh| {
        let cols = sh
            .columns
            .iter()
            .map(|(k, v)| (k.clone(), v + sh.first_col as usize))
            .collect();
        (sh.name, cols)
    })
    .collect();
    let columns = std::sync::Arc::new(columns);

    let digest = crate::model::Source::sha256_of(bytes);
    let file_name = path
        .file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
    let mut keys: FxHashMap<String, usize> = FxHashMap::default();
    for row in reports.rows() {
        if reports.blank(row) {
            continue;
        }
        let key = rd
            .required_text(&reports, row, "report")
            .unwrap_or_else(|| format!("r{}", row));
        let t = |rd: &mut Reading, f| rd.text(&reports, row, f).unwrap_or_default();
        let report = Report {
            title: t(&mut rd, "title"),
            title_span: rd.span(&reports, row, "title_span"),
            issuer: t(&mut rd, "issuer"),
            jurisdiction: Jurisdiction {
                name: t(&mut rd, "jurisdiction"),
                level: rd.choice(&reports, row, "level").unwrap_or(Level::Unknown),
            },
            period: t(&mut rd, "period"),
            kind: rd
                .choice(&reports, row, "kind")
                .unwrap_or(ReportKind::Other),
            published: rd.text(&reports, row, "published"),
            index_number: rd.text(&reports, row, "index_number"),
        };
        let source = Source {
            file: rd
                .text(&reports, row, "source_file")
                .unwrap_or_else(|| file_name.clone()),
            sha256: rd
                .text(&reports, row, "sha256")
                .unwrap_or_else(|| digest.clone()),
            format: rd
                .text(&reports, row, "format")
                .unwrap_or_else(|| "xlsx".into()),
            encoding: rd
                .text(&reports, row, "encoding")
                .unwrap_or_else(|| "xlsx".into()),
            bytes: rd
                .count(&reports, row, "bytes")
                .map_or(bytes.len() as u64, |b| b as u64),
            chars: rd.count(&reports, row, "chars").unwrap_or(0),
        };
        keys.insert(key, out.documents.len());
        out.documents.push(Document {
            schema_version: rd
                .text(&reports, row, "schema_version")
                .unwrap_or_else(|| crate::model::SCHEMA_VERSION.into()),
            source,
            report,
            sections: Vec::new(),
            bodies: Vec::new(),
            programmes: Vec::new(),
            metrics: Vec::new(),
            diagnostics: Vec::new(),
        });
        out.places.push(Places {
            columns: columns.clone(),
            report: row,
            ..Places::default()
        });
    }
    if out.documents.is_empty() {
        return Err(fail(
            path,
            Some(cell_address(REPORTS, 1, 0)),
            "sheet \"Reports\" has no report row; fill in row 2",
        ));
    }

    // the document a row belongs to: by its `report` key; with one report, an empty key is it
    let single = out.documents.len() == 1;
    let owner = |rd: &mut Reading, sheet: &Sheet, row: usize| -> Option<usize> {
        match rd
            .text(sheet, row, "report")
            .filter(|k| !k.trim().is_empty())
        {
            Some(k) => {
                match keys.get(k.trim()) {
                    Some(&d) => Some(d),
                    None => {
                        let col = sheet.columns.get("report").copied().unwrap_or(0);
                        rd.problem(ProblemKind::UnknownReport, sheet, row, col, format!("报告 \"{k}\" 不在 Reports 表中 (no such report on the Reports sheet)"));
                        None
                    }
                }
            }
            None if single => Some(0),
            None => {
                let col = sheet.columns.get("report").copied().unwrap_or(0);
                rd.problem(
                    ProblemKind::Required,
                    sheet,
                    row,
                    col,
                    "必填项 `report` 为空 (which report the row belongs to)".into(),
                );
                None
            }
        }
    };
    // the non-blank rows of a sheet with the document each belongs to
    let owned = |rd: &mut Reading, sheet: &Sheet| -> Vec<(usize, usize)> {
        sheet
            .rows()
            .filter(|&row| !sheet.blank(row))
            .filter_map(|row| owner(rd, sheet, row).map(|d| (d, row)))
            .collect()
    };
    let blank_row = |rd: &mut Reading, sheet: &Sheet, row: usize, last: usize| {
        if row < last {
            rd.problem(
                ProblemKind::BlankRow,
                sheet,
                row,
                0,
                "空行已跳过 (a blank row, skipped)".into(),
            );
        }
    };

    let last = metrics
        .rows()
        .rev()
        .find(|&r| !metrics.blank(r))
        .unwrap_or(0);
    for row in metrics.rows() {
        if metrics.blank(row) {
            blank_row(&mut rd, &metrics, row, last);
            continue;
        }
        let Some(d) = owner(&mut rd, &metrics, row) else {
            continue;
        };
        let label = rd.text(&metrics, row, "label").unwrap_or_default();
        let kind: Option<MetricKind> = rd.choice(&metrics, row, "kind");
        if kind.is_none() && rd.text(&metrics, row, "kind").is_none() {
            rd.required_text(&metrics, row, "kind");
        }
        let value = rd.required_number(&metrics, row, "value");
        let unit = rd.required_text(&metrics, row, "unit");
        let (Some(kind), Some(value), Some(unit)) = (kind, value, unit) else {
            continue;
        };
        let n = out.documents[d].metrics.len();
        let qualifier: Qualifier = rd
            .choice(&metrics, row, "qualifier")
            .unwrap_or(Qualifier::Exact);
        let as_written = rd
            .text(&metrics, row, "as_written")
            .unwrap_or_else(|| format!("{value}{unit}"));
        let target = match rd.number(&metrics, row, "target_value") {
            Some(tv) => {
                let tq: Qualifier = rd
                    .choice(&metrics, row, "target_qualifier")
                    .unwrap_or(Qualifier::Exact);
                let tunit = rd
                    .text(&metrics, row, "target_unit")
                    .unwrap_or_else(|| unit.clone());
                Some(Target {
                    value: tv,
                    as_written: rd
                        .text(&metrics, row, "target_as_written")
                        .unwrap_or_else(|| format!("{tv}{tunit}")),
                    unit: tunit,
                    qualifier: tq,
                    span: rd
                        .span(&metrics, row, "target_span")
                        .unwrap_or(Span::new(0, 0)),
                    met: rd
                        .boolean(&metrics, row, "target_met")
                        .unwrap_or_else(|| Target::is_met(value, tv, tq, &label)),
                })
            }
            None => None,
        };
        let start = rd.count(&metrics, row, "span_start").unwrap_or(0);
        let end = rd.count(&metrics, row, "span_end").unwrap_or(start);
        let metric = Metric {
            id: rd
                .text(&metrics, row, "id")
                .unwrap_or_else(|| crate::model::record_id('m', n + 1)),
            label_span: rd.span(&metrics, row, "label_span"),
            kind,
            role: rd.choice(&metrics, row, "role").unwrap_or(Role::Actual),
            value,
            unit,
            as_written,
            approximate: rd
                .boolean(&metrics, row, "approximate")
                .unwrap_or(qualifier != Qualifier::Exact),
            qualifier,
            span: Span::new(start, end),
            target,
            population: rd.text(&metrics, row, "population"),
            period: rd.text(&metrics, row, "period"),
            subject: rd.text(&metrics, row, "subject"),
            indicator: rd.text(&metrics, row, "indicator"),
            indicator_match: rd.text(&metrics, row, "indicator_match"),
            section: rd.text(&metrics, row, "section"),
            body: rd.text(&metrics, row, "body"),
            programme: rd.text(&metrics, row, "programme"),
            parent: rd.text(&metrics, row, "parent"),
            numerator: rd.text(&metrics, row, "numerator"),
            denominator: rd.text(&metrics, row, "denominator"),
            sentence: rd
                .span(&metrics, row, "sentence")
                .unwrap_or(Span::new(start, end)),
            origin: rd.origin(&metrics, row),
            because: rd
                .text(&metrics, row, "because")
                .map(|b| b.split_whitespace().map(|e| e.to_string().into()).collect())
                .unwrap_or_default(),
            label,
        };
        out.documents[d].metrics.push(metric);
        out.places[d].metrics.push(row);
    }

    if let Some(sheet) = &sections {
        for (d, row) in owned(&mut rd, sheet) {
            let n = out.documents[d].sections.len();
            let span = rd.span(sheet, row, "span").unwrap_or(Span::new(0, 0));
            let level = rd.count(sheet, row, "level").unwrap_or(1);
            let section = Section {
                id: rd
                    .text(sheet, row, "id")
                    .unwrap_or_else(|| crate::model::record_id('s', n + 1)),
                parent: rd.text(sheet, row, "parent"),
                number: rd.text(sheet, row, "number").unwrap_or_default(),
                title: rd.text(sheet, row, "title").unwrap_or_default(),
                level: u8::try_from(level).unwrap_or(u8::MAX),
                role: rd.choice(sheet, row, "role").unwrap_or(SectionRole::Other),
                extent: rd.span(sheet, row, "extent").unwrap_or(span),
                span,
            };
            out.documents[d].sections.push(section);
            out.places[d].sections.push(row);
        }
    }
    if let Some(sheet) = &bodies {
        for (d, row) in owned(&mut rd, sheet) {
            let n = out.documents[d].bodies.len();
            let body = Body {
                id: rd
                    .text(sheet, row, "id")
                    .unwrap_or_else(|| crate::model::record_id('b', n + 1)),
                name: rd.text(sheet, row, "name").unwrap_or_default(),
                body_type: rd
                    .text(sheet, row, "type")
                    .unwrap_or_else(|| "other".into()),
                mentions: rd.spans(sheet, row, "mentions"),
            };
            out.documents[d].bodies.push(body);
            out.places[d].bodies.push(row);
        }
    }
    if let Some(sheet) = &programmes {
        for (d, row) in owned(&mut rd, sheet) {
            let n = out.documents[d].programmes.len();
            let programme = Programme {
                id: rd
                    .text(sheet, row, "id")
                    .unwrap_or_else(|| crate::model::record_id('p', n + 1)),
                name: rd.text(sheet, row, "name").unwrap_or_default(),
                mentions: rd.spans(sheet, row, "mentions"),
            };
            out.documents[d].programmes.push(programme);
            out.places[d].programmes.push(row);
        }
    }
    if let Some(sheet) = &findings {
        for (d, row) in owned(&mut rd, sheet) {
            let diagnostic = Diagnostic {
                code: rd.text(sheet, row, "code").unwrap_or_default(),
                severity: rd.choice(sheet, row, "severity").unwrap_or(Severity::Info),
                message: rd.text(sheet, row, "message").unwrap_or_default(),
                span: rd.span(sheet, row, "span"),
            };
            out.documents[d].diagnostics.push(diagnostic);
            out.places[d].findings.push(row);
        }
    }
    Ok(out)
}
