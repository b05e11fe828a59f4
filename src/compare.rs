//! Comparison across reports: an indicator × report matrix of values, targets and met flags,
//! each report's rank per indicator (respecting which way is better), the spread (min,
//! median, max), and values more than 3 robust standard deviations (1.4826 × MAD) from the
//! median flagged. Written as JSON, CSV (the tidy long table) or Excel.

use std::path::Path;

use serde::Serialize;

use crate::catalogue::{Catalogue, Direction};
use crate::model::{Document, Role, Target};

/// A report, a column of the matrix.
#[derive(Debug, Clone, Serialize)]
pub struct ReportColumn {
    /// `r1`, `r2`, … in input order.
    pub key: String,
    /// The report's title.
    pub title: String,
    /// Its jurisdiction.
    pub jurisdiction: String,
    /// Its period.
    pub period: String,
    /// Its source file.
    pub file: String,
}

/// One report's figure for one indicator.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// The value.
    pub value: f64,
    /// The metric it comes from.
    pub metric: String,
    /// The target held against it, when there is one.
    pub target: Option<f64>,
    /// Whether the target is met.
    pub met: Option<bool>,
    /// 1 for the best value among the reports (ties share a rank).
    pub rank: usize,
    /// More than 3 robust standard deviations from the median.
    pub outlier: bool,
}

/// One indicator, a row of the matrix.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorRow {
    /// Catalogue code.
    pub code: String,
    /// Standard name.
    pub name: String,
    /// Unit.
    pub unit: String,
    /// Which way is better.
    pub direction: Direction,
    /// One entry per report, `None` where the report does not give the indicator.
    pub entries: Vec<Option<Entry>>,
    /// Smallest value.
    pub min: f64,
    /// Median value.
    pub median: f64,
    /// Largest value.
    pub max: f64,
    /// 1.4826 × the median absolute deviation.
    pub robust_sd: f64,
}

/// The comparison of a set of reports.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// The reports, in input order.
    pub reports: Vec<ReportColumn>,
    /// The indicators any report gives, in catalogue order.
    pub indicators: Vec<IndicatorRow>,
}

fn median(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

/// Compares documents indicator by indicator (metrics coded by the catalogue).
pub fn compare(docs: &[Document], catalogue: &Catalogue) -> Comparison {
    let reports = docs
        .iter()
        .enumerate()
        .map(|(k, d)| ReportColumn {
            key: format!("r{}", k + 1),
            title: d.report.title.clone(),
            jurisdiction: d.report.jurisdiction.name.clone(),
            period: d.report.period.clone(),
            file: d.source.file.clone(),
        })
        .collect();
    let mut indicators = Vec::new();
    for ind in catalogue.indicators() {
        let lower = ind.direction == Direction::Lower;
        let mut entries: Vec<Option<Entry>> = docs
            .iter()
            .map(|d| {
                let coded = |role| {
                    d.metrics.iter().find(|m| {
                        m.role == role && m.indicator.as_deref() == Some(ind.code.as_str())
                    })
                };
                let m = coded(Role::Actual)?;
                let target = m
                    .target
                    .as_ref()
                    .map(|t| t.value)
                    .or_else(|| coded(Role::Target).map(|t| t.value));
                let met = match (&m.target, target) {
                    (Some(t), _) => Some(t.met),
                    (None, Some(t)) => Some(if lower {
                        m.value <= t
                    } else {
                        Target::is_met(m.value, t, m.qualifier, &m.label)
                    }),
                    _ => None,
                };
                Some(Entry {
                    value: m.value,
                    metric: m.id.clone(),
                    target,
                    met,
                    rank: 0,
                    outlier: false,
                })
            })
            .collect();
        let mut values: Vec<f64> = entries.iter().flatten().map(|e| e.value).collect();
        if values.is_empty() {
            continue;
        }
        values.sort_by(f64::total_cmp);
        let med = median(&values);
        let mut deviations: Vec<f64> = values.iter().map(|v| (v - med).abs()).collect();
        deviations.sort_by(f64::total_cmp);
        let robust_sd = 1.4826 * median(&deviations);
        for e in entries.iter_mut().flatten() {
            let better = values
                .iter()
                .filter(|&&v| if lower { v < e.value } else { v > e.value })
                .count();
            e.rank = better + 1;
            e.outlier = robust_sd > 0.0 && (e.value - med).abs() > 3.0 * robust_sd;
        }
        indicators.push(IndicatorRow {
            code: ind.code.clone(),
            name: ind.name.clone(),
            unit: ind.unit.clone(),
            direction: ind.direction,
            entries,
            min: values[0],
            median: med,
            max: values[values.len() - 1],
            robust_sd,
        });
    }
    Comparison {
        reports,
        indicators,
    }
}

/// Columns of the long table.
pub const LONG_COLUMNS: &[&str] = &[
    "indicator",
    "name",
    "unit",
    "better",
    "report",
    "title",
    "jurisdiction",
    "period",
    "value",
    "target",
    "met",
    "rank",
    "outlier",
    "min",
    "median",
    "max",
];

impl Comparison {
    /// The tidy long table: one row per indicator and report that gives it.
    pub fn long_rows(&self) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        for ind in &self.indicators {
            for (r, e) in self.reports.iter().zip(&ind.entries) {
                let Some(e) = e else { continue };
                rows.push(vec![
                    ind.code.clone(),
                    ind.name.clone(),
                    ind.unit.clone(),
                    better(ind.direction).into(),
                    r.key.clone(),
                    r.title.clone(),
                    r.jurisdiction.clone(),
                    r.period.clone(),
                    e.value.to_string(),
                    e.target.map_or(String::new(), |t| t.to_string()),
                    e.met.map_or(String::new(), |m| m.to_string()),
                    e.rank.to_string(),
                    e.outlier.to_string(),
                    ind.min.to_string(),
                    ind.median.to_string(),
                    ind.max.to_string(),
                ]);
            }
        }
        rows
    }

    /// The long table as CSV (UTF-8 with a byte-order mark, so Excel reads the Chinese).
    pub fn to_csv(&self) -> crate::Result<Vec<u8>> {
        let mut out = b"\xef\xbb\xbf".to_vec();
        {
            let mut w = csv::Writer::from_writer(&mut out);
            let fail = |e: csv::Error| crate::Error::Serialise(e.to_string());
            w.write_record(LONG_COLUMNS).map_err(fail)?;
            for row in self.long_rows() {
                w.write_record(&row).map_err(fail)?;
            }
            w.flush()
                .map_err(|e| crate::Error::Serialise(e.to_string()))?;
        }
        Ok(out)
    }

    /// A `Compare` sheet (indicator × report, a colour scale per row, outliers in bold
    /// italics, min/median/max) with the long table beside it.
    pub fn write_xlsx(&self, path: &Path) -> crate::Result<()> {
        self.build_xlsx()
            .map_err(|e| crate::Error::Workbook {
                path: path.to_path_buf(),
                cell: None,
                message: e.to_string(),
            })
            .and_then(|mut book| crate::excel::save_atomically(&mut book, path))
    }

    fn build_xlsx(&self) -> Result<rust_xlsxwriter::Workbook, rust_xlsxwriter::XlsxError> {
        use rust_xlsxwriter::{
            ConditionalFormat3ColorScale, DocProperties, Format, FormatBorder, Workbook,
        };
        let mut book = Workbook::new();
        book.set_properties(
            &DocProperties::new()
                .set_title(format!("{} reports compared", self.reports.len()))
                .set_author("weijian"),
        );
        let header = Format::new()
            .set_bold()
            .set_font_color("#FFFFFF")
            .set_background_color("#1F4E78")
            .set_border_bottom(FormatBorder::Thin)
            .set_text_wrap();
        let outlier = Format::new()
            .set_bold()
            .set_italic()
            .set_font_color("#9C0006");
        let ws = book.add_worksheet();
        ws.set_name("Compare")?;
        let fixed = ["indicator", "name", "unit", "better"];
        for (c, h) in fixed.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &header)?;
        }
        let first = fixed.len() as u16;
        for (k, r) in self.reports.iter().enumerate() {
            let title = format!("{} {} {}", r.key, r.jurisdiction, r.period);
            ws.write_string_with_format(0, first + k as u16, title.trim(), &header)?;
            ws.set_column_width(first + k as u16, 14)?;
        }
        let after = first + self.reports.len() as u16;
        for (i, h) in ["min", "median", "max"].iter().enumerate() {
            ws.write_string_with_format(0, after + i as u16, *h, &header)?;
        }
        ws.set_column_width(1, 30)?;
        for (i, ind) in self.indicators.iter().enumerate() {
            let row = i as u32 + 1;
            ws.write_string(row, 0, &ind.code)?;
            ws.write_string(row, 1, &ind.name)?;
            ws.write_string(row, 2, &ind.unit)?;
            ws.write_string(row, 3, better(ind.direction))?;
            for (k, e) in ind.entries.iter().enumerate() {
                if let Some(e) = e {
                    let col = first + k as u16;
                    if e.outlier {
                        ws.write_number_with_format(row, col, e.value, &outlier)?;
                    } else {
                        ws.write_number(row, col, e.value)?;
                    }
                }
            }
            ws.write_number(row, after, ind.min)?;
            ws.write_number(row, after + 1, ind.median)?;
            ws.write_number(row, after + 2, ind.max)?;
            if !self.reports.is_empty() {
                // green is better: high values for higher-is-better, low ones otherwise
                let (low, high) = match ind.direction {
                    Direction::Higher => ("#F8696B", "#63BE7B"),
                    Direction::Lower => ("#63BE7B", "#F8696B"),
                };
                let scale = ConditionalFormat3ColorScale::new()
                    .set_minimum_color(low)
                    .set_midpoint_color("#FFEB84")
                    .set_maximum_color(high);
                ws.add_conditional_format(row, first, row, after - 1, &scale)?;
            }
        }
        ws.set_freeze_panes(1, first)?;
        // the long table beside the matrix, after an empty column
        let start = after + 4;
        for (c, h) in LONG_COLUMNS.iter().enumerate() {
            ws.write_string_with_format(0, start + c as u16, *h, &header)?;
        }
        for (r, row) in self.long_rows().iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let col = start + c as u16;
                let numeric = matches!(
                    LONG_COLUMNS[c],
                    "value" | "target" | "rank" | "min" | "median" | "max"
                );
                match v.parse::<f64>() {
                    Ok(n) if numeric => ws.write_number(r as u32 + 1, col, n)?,
                    _ if v.is_empty() => ws,
                    _ => ws.write_string(r as u32 + 1, col, v)?,
                };
            }
        }
        Ok(book)
    }
}

fn better(d: Direction) -> &'static str {
    match d {
        Direction::Higher => "higher",
        Direction::Lower => "lower",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        crate::convert(&crate::ingest::Input::from_bytes(
            "t.txt",
            text.as_bytes().to_vec(),
        ))
        .unwrap()
    }

    #[test]
    fn ranks_respect_direction_and_outliers_are_flagged() {
        let docs: Vec<Document> = [95.0, 96.0, 94.0, 95.5, 40.0]
            .iter()
            .map(|v| doc(&format!("早孕建册率{v}%，孕产妇死亡率{}/10万。", 100.0 - v)))
            .collect();
        let c = compare(&docs, Catalogue::builtin());
        let early = c.indicators.iter().find(|i| i.code == "MCH.EARLY").unwrap();
        let ranks: Vec<usize> = early
            .entries
            .iter()
            .map(|e| e.as_ref().unwrap().rank)
            .collect();
        assert_eq!(ranks, [3, 1, 4, 2, 5]);
        assert_eq!((early.min, early.median, early.max), (40.0, 95.0, 96.0));
        let flagged: Vec<bool> = early
            .entries
            .iter()
            .map(|e| e.as_ref().unwrap().outlier)
            .collect();
        assert_eq!(flagged, [false, false, false, false, true]);
        // lower is better: maternal mortality 5, 4, 6, 4.5, 60 per 100,000 rank 3, 1, 4, 2, 5
        let mmr = c.indicators.iter().find(|i| i.code == "MCH.MMR").unwrap();
        let values: Vec<f64> = mmr
            .entries
            .iter()
            .map(|e| e.as_ref().unwrap().value)
            .collect();
        assert_eq!(values, [5.0, 4.0, 6.0, 4.5, 60.0]);
        let ranks: Vec<usize> = mmr
            .entries
            .iter()
            .map(|e| e.as_ref().unwrap().rank)
            .collect();
        assert_eq!(ranks, [3, 1, 4, 2, 5]);
    }
}
