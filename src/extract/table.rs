//! Table cells to metrics: a cell holding a figure is a metric whose label is its row
//! header and its column header (`家庭医生签约率` + `城区`), less what the header only says
//! about time (`2023年`), about the figure's role (`目标值`, `完成值`) or its unit (`(%)`,
//! `单位：万元`). A target column's figure becomes the target of the actual figure in the
//! same row; without one it is a metric of role target.
//!
//! The leading rows without figures are header rows (up to three; a merged header cell
//! stands over every column it spans); the leading columns without figures are the row
//! header (`城区` + `签约率(%)`; a merged cell stands beside every row it spans).

use crate::ingest::{Table, TableLayout};
use crate::model::{Because, Metric, MetricKind, Origin, Role, Span, Target};
use crate::structure::Structure;
use crate::text::Cleaned;
use crate::text::clean::normalize_char;

use super::scan;
use crate::lexicon::class;
use crate::rules::rule;

/// Where the unit of a header is stated (`单位:万元`): the byte offset of the first word of
/// `table.unit_markers` in `norm`, and the word.
fn unit_marker(norm: &str) -> Option<(usize, &'static str)> {
    class!("table.unit_markers")
        .words()
        .iter()
        .filter_map(|w| norm.find(w).map(|at| (at, *w)))
        .min()
}

/// The metrics of the tables. `source` is the plain text the cell spans point into.
pub fn metrics(
    tables: &[Table],
    source: &[char],
    c: &Cleaned,
    structure: &Structure,
) -> Vec<Metric> {
    let mut out = Vec::new();
    for (t, table) in tables.iter().enumerate() {
        table_metrics(t + 1, table, source, c, structure, &mut out);
    }
    out
}

/// A figure read from one cell.
struct Figure {
    value: f64,
    unit: String,
    kind: MetricKind,
    qualifier: crate::model::Qualifier,
    span: Span,
}

fn text_of(source: &[char], span: Span) -> String {
    source[span.start.min(source.len())..span.end.min(source.len())]
        .iter()
        .collect()
}

/// The unit a header states in brackets or after 单位: `签约率(%)`, `经费（万元）`.
fn header_unit(header: &str) -> Option<String> {
    let norm: String = header.chars().map(normalize_char).collect();
    if let Some((at, marker)) = unit_marker(&norm) {
        let unit = norm[at + marker.len()..].trim().trim_end_matches(')');
        return (!unit.is_empty()).then(|| unit.to_string());
    }
    let open = norm.rfind('(')?;
    let close = norm[open..].find(')')? + open;
    let unit = norm[open + 1..close].trim();
    if unit.chars().count() == 1 && class!("number.multipliers").has(unit) {
        // 门诊人次(万): the multiplier of the measure word that ends the name
        let name: Vec<char> = norm[..open].trim().chars().collect();
        let measure = class!("unit.measure_words").ending(&name)?;
        return Some(format!("{unit}{measure}"));
    }
    (!unit.is_empty() && unit.chars().count() <= 6 && reads_as_unit(unit)).then(|| unit.to_string())
}

/// Whether a header's bracketed words are a unit a figure can take (`%`, `个`, `万元`,
/// `1/10万`), not a note (`(七普)`, `(单位)`).
fn reads_as_unit(unit: &str) -> bool {
    let mut probe: Vec<char> = vec!['1'];
    probe.extend(unit.strip_prefix('1').unwrap_or(unit).chars());
    matches!(scan::scan(&probe).as_slice(), [q] if q.start == 0 && q.end == probe.len())
}

/// The measure word of a header that names a count without one (`发病数` 例, `出院人数` 人),
/// from `unit.count_names`.
fn count_unit(name: &str) -> Option<&'static str> {
    let counts = class!("unit.count_names");
    let chars: Vec<char> = name.chars().collect();
    counts.ending(&chars).and_then(|w| counts.value_of(w))
}

/// A header without its bracketed unit and spaces.
fn header_name(header: &str) -> String {
    let norm: String = header.chars().map(normalize_char).collect();
    let name = match norm.find('(') {
        Some(open) if header_unit(header).is_some() => norm[..open].to_string(),
        _ => norm,
    };
    let name = match unit_marker(&name) {
        Some((at, _)) => name[..at].to_string(),
        None => name,
    };
    name.chars().filter(|c| !c.is_whitespace()).collect()
}

use crate::reading::is_period_header as is_period;

/// Whether a cell's text is a number, with or without a unit (`51.2`, `4120.38万元`, `-1.2%`).
fn looks_numeric(text: &str) -> bool {
    let norm: String = crate::reading::without_qualifier(text.trim())
        .chars()
        .map(normalize_char)
        .filter(|c| !c.is_whitespace())
        .collect();
    let digits = norm.chars().filter(char::is_ascii_digit).count();
    norm.chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || c == '-' || class!("table.approx_marks").has_char(c))
        && digits * 2 >= norm.chars().count().min(8)
}

/// The figure of a cell, when the cell is a figure (with the header's unit when it has
/// none of its own).
fn figure(cell: &[char], unit: Option<&str>, at: usize) -> Option<Figure> {
    // the cell without its blanks (`不少于12 种`, as a sheet copied as text spaces it), each
    // character with its place in the cell
    let (pos, mut probe): (Vec<usize>, Vec<char>) = cell
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.is_whitespace())
        .map(|(k, &c)| (k, normalize_char(c)))
        .unzip();
    let len = probe.len();
    let bare = probe.last().is_some_and(char::is_ascii_digit);
    if bare && let Some(u) = unit {
        // 45.61 under 发病率(1/10万) is 45.61/10万
        let u = u
            .strip_prefix("1/")
            .map_or(u.to_string(), |rest| format!("/{rest}"));
        probe.extend(u.chars().map(normalize_char));
    }
    let qs = scan::scan(&probe);
    let [q] = qs.as_slice() else { return None };
    // the figure is the cell: at most a qualifier before it, nothing after its unit
    let qualifier = scan::qualifier_word_before(&probe, q.start).map_or(0, |(_, n)| n);
    if q.start > 2.max(qualifier) || q.tail_end < len.min(probe.len()) {
        return None;
    }
    let end = q.end.min(len);
    if end <= q.start {
        return None;
    }
    Some(Figure {
        value: q.value.to_f64(),
        unit: q.unit.clone(),
        kind: q.kind,
        qualifier: q.qualifier,
        span: Span::new(at + pos[q.start], at + pos[end - 1] + 1),
    })
}

/// What the metrics of one table row share.
struct Row<'a> {
    source: &'a [char],
    c: &'a Cleaned,
    structure: &'a Structure,
    /// The row header's span.
    label_span: Option<Span>,
    /// The whole row.
    span: Option<Span>,
    table: usize,
    /// 1-based.
    row: usize,
}

impl Row<'_> {
    /// The metric of the figure in column `k` (0-based).
    fn metric(&self, fig: Figure, label: String, role: Role, k: usize) -> Metric {
        let section = self
            .structure
            .innermost(self.c.cleaned_pos(fig.span.start))
            .map(|i| self.structure.sections[i].id.clone());
        Metric {
            id: String::new(),
            label,
            label_span: self.label_span,
            kind: fig.kind,
            role,
            value: fig.value,
            unit: fig.unit,
            as_written: text_of(self.source, fig.span),
            qualifier: fig.qualifier,
            approximate: fig.qualifier.is_approximate(),
            span: fig.span,
            target: None,
            population: None,
            period: None,
            subject: None,
            indicator: None,
            indicator_match: None,
            section,
            body: None,
            programme: None,
            parent: None,
            numerator: None,
            denominator: None,
            sentence: self.span.unwrap_or(fig.span),
            origin: Some(Origin::cell(self.table, self.row, k + 1)),
            because: vec![rule!("table.cell").into(), rule!("kind.by_unit").into()],
        }
    }
}

/// A row header cut of what only numbers or marks the row: a list number stuck to it
/// (`1.医院`, `指标12:`) and the mark of a part (`其中:`, `#`). The name, whether the row is a
/// part of the row above, and whether anything was cut.
fn row_label(header: &str) -> (String, bool, bool) {
    let mut chars: Vec<char> = header.chars().map(normalize_char).collect();
    let mut part = false;
    let mut cut = false;
    loop {
        let blanks = chars.iter().take_while(|c| c.is_whitespace()).count();
        chars.drain(..blanks);
        if let Some(mark) = class!("table.part_marks").at(&chars) {
            chars.drain(..mark.chars().count());
            part = true;
        } else {
            let n = crate::reading::list_number_len(&chars);
            // a number alone is the label, not a list number
            if n == 0 || n == chars.len() {
                break;
            }
            chars.drain(..n);
            cut = true;
        }
    }
    let name: String = chars.into_iter().collect();
    (name, part, cut || part)
}

/// What a column's header makes of its figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    /// Figures of the row's indicator.
    Value,
    /// Targets (目标值; 指标值 beside 完成值).
    Target,
    /// A weight or a score of a graded table (分值, 得分): no figures of the report.
    Score,
}

fn table_metrics(
    number: usize,
    table: &Table,
    source: &[char],
    c: &Cleaned,
    structure: &Structure,
    out: &mut Vec<Metric>,
) {
    let cell = |r: usize, k: usize| -> String {
        table
            .rows
            .get(r)
            .and_then(|row| row.get(k))
            .map(|s| text_of(source, *s).trim().to_string())
            .unwrap_or_default()
    };
    let figure_at = |r: usize, k: usize, unit: Option<&str>| {
        let span = table.rows.get(r)?.get(k)?;
        figure(
            &source[span.start.min(source.len())..span.end.min(source.len())],
            unit,
            span.start,
        )
    };
    let width = table.rows.iter().map(Vec::len).max().unwrap_or(0);
    // header rows: the leading rows without figures (years aside); a merged header cell
    // stands over every column it spans
    let is_header = |r: usize| {
        (1..table.rows[r].len()).all(|k| {
            let text = cell(r, k);
            !looks_numeric(&text) || is_period(&text)
        })
    };
    let header_rows = (0..table.rows.len())
        .take_while(|&r| is_header(r))
        .count()
        .min(table.rows.len().saturating_sub(1))
        .min(3);
    // each column's header parts, top to bottom, a merged cell counted once
    let column_parts = |k: usize| -> Vec<String> {
        let mut parts: Vec<String> = Vec::new();
        let mut last = None;
        for r in 0..header_rows {
            let span = table.rows[r].get(k).copied();
            if span.is_some() && span == last {
                continue;
            }
            last = span;
            let text = cell(r, k);
            if !text.is_empty() {
                parts.push(text);
            }
        }
        parts
    };
    // label columns: the leading columns without a number in any data row (地区, 指标)
    let label_cols = (1..width)
        .take_while(|&k| (header_rows..table.rows.len()).all(|r| !looks_numeric(&cell(r, k))))
        .count()
        + 1;
    let parts: Vec<Vec<String>> = (0..width).map(column_parts).collect();
    let names: Vec<Vec<String>> = parts
        .iter()
        .map(|ps| ps.iter().map(|p| header_name(p)).collect())
        .collect();
    let named =
        |k: usize, class: &'static crate::lexicon::Class| names[k].iter().any(|n| class.has(n));
    // a column of what was achieved makes the value set beside it (指标值) a target
    let beside_actual = (label_cols..width).any(|k| named(k, class!("table.actual_headers")));
    let column = |k: usize| {
        if named(k, class!("table.score_headers")) {
            Column::Score
        } else if names[k]
            .iter()
            .any(|n| class!("table.target_headers").in_text(n))
            || (beside_actual && named(k, class!("table.planned_headers")))
        {
            Column::Target
        } else {
            Column::Value
        }
    };
    // the unit of the whole table, stated over its row labels (单位:万元, 项目资金(万元))
    let table_unit = (0..header_rows)
        .flat_map(|r| (0..label_cols).map(move |k| (r, k)))
        .find_map(|(r, k)| header_unit(&cell(r, k)));
    // the unit each column's header states, read once
    let column_units: Vec<Option<String>> = parts
        .iter()
        .map(|ps| ps.iter().rev().find_map(|p| header_unit(p)))
        .collect();
    let kept = |at: usize| c.map.get(c.cleaned_pos(at)) == Some(&at);
    let layout = match table.layout {
        TableLayout::Grid => None,
        TableLayout::RowPerLine => Some(rule!("table.row_per_line")),
        TableLayout::CellPerLine => Some(rule!("table.cell_per_line")),
        TableLayout::OneLine => Some(rule!("table.one_line")),
    };
    // a merged cell (across columns or rows) holds one figure, not one per place
    let mut seen = rustc_hash::FxHashSet::default();
    // each column's figure in the last row that is no part (the whole of a 其中 row)
    let mut wholes: Vec<Option<usize>> = vec![None; width];
    let mut whole_units: Vec<Option<String>> = vec![None; width];
    for r in header_rows..table.rows.len() {
        // the row's header: its label columns, a merged cell once
        let mut row_parts: Vec<String> = Vec::new();
        let mut part = false;
        let mut cut = false;
        for k in 0..label_cols.min(table.rows[r].len()) {
            let text = cell(r, k);
            if !text.is_empty() && row_parts.last() != Some(&text) {
                row_parts.push(text);
            }
        }
        let row_header = row_parts.concat();
        let row_unit = header_unit(&row_header);
        let row_names: Vec<String> = row_parts
            .iter()
            .map(|p| {
                let (name, is_part, was_cut) = row_label(p);
                part |= is_part;
                cut |= was_cut;
                header_name(&name)
            })
            .collect();
        let row_name: String = row_names.concat();
        let row_span = table.rows[r]
            .first()
            .zip(table.rows[r].last())
            .map(|(a, b)| Span::new(a.start, b.end.max(a.start + 1)));
        let row = Row {
            source,
            c,
            structure,
            label_span: table.rows[r].first().filter(|s| s.end > s.start).copied(),
            span: row_span,
            table: number,
            row: r + 1,
        };
        let mut actual: Option<usize> = None;
        let mut targets: Vec<(usize, Figure, Vec<Because>)> = Vec::new();
        for k in label_cols..width {
            let role = column(k);
            if role == Column::Score {
                continue;
            }
            let stated = column_units[k].clone().or_else(|| row_unit.clone());
            let (unit, unit_rule) = match stated {
                Some(u) => (Some(u), Some(rule!("table.header_unit"))),
                None => match table_unit.clone() {
                    Some(u) => (Some(u), Some(rule!("table.unit_of_table"))),
                    None => {
                        let counted = names[k]
                            .iter()
                            .rev()
                            .find_map(|n| count_unit(n))
                            .or_else(|| count_unit(&row_name));
                        (
                            counted.map(str::to_string),
                            counted.map(|_| rule!("table.count_header")),
                        )
                    }
                },
            };
            // a part row that states no unit counts in the unit of its whole
            let (unit, unit_rule) = match (&unit, &whole_units[k]) {
                (None, Some(u)) if part => (Some(u.clone()), Some(rule!("table.part_row"))),
                _ => (unit, unit_rule),
            };
            let Some(mut fig) = figure_at(r, k, unit.as_deref()) else {
                continue;
            };
            // a cell that clean-up took out of the text (boilerplate, a paywall, the part
            // after 试读结束) is no part of the report; a bare figure alone on its line, in a
            // table copied one cell a line, is taken out as a page number: its row's label
            // tells
            let label_kept = table.layout == TableLayout::CellPerLine
                && row.label_span.is_some_and(|s| kept(s.start));
            if !kept(fig.span.start) && !label_kept {
                continue;
            }
            if !part {
                let text = cell(r, k);
                let own =
                    text.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
                whole_units[k] = unit
                    .clone()
                    .or_else(|| (!own.is_empty()).then(|| own.to_string()));
            }
            if !seen.insert((fig.span.start, fig.span.end)) {
                continue;
            }
            // which rules made it, beyond the cell's own
            let mut why: Vec<Because> = Vec::new();
            why.extend(layout.map(Because::from));
            let own_unit = cell(r, k)
                .chars()
                .rev()
                .find(|c| !c.is_whitespace())
                .is_some_and(|c| !c.is_ascii_digit());
            if !own_unit {
                why.extend(unit_rule.map(Because::from));
            }
            if cut {
                why.push(rule!("table.row_label").into());
            }
            let period: Vec<&str> = names[k]
                .iter()
                .filter(|n| is_period(n))
                .map(String::as_str)
                .collect();
            let period = (!period.is_empty()).then(|| period.concat());
            if period.is_some() {
                why.push(rule!("table.period_column").into());
            }
            if role == Column::Target {
                why.push(rule!("table.target_column").into());
                targets.push((k, fig, why));
                continue;
            }
            if names[k]
                .iter()
                .any(|n| class!("table.change_headers").in_text(n))
                && fig.kind == MetricKind::Rate
            {
                fig.kind = MetricKind::Change;
            }
            let col_part: String = names[k]
                .iter()
                .filter(|n| {
                    !is_period(n)
                        && !class!("table.generic_headers").has(n)
                        && !class!("table.actual_headers").has(n)
                        && !class!("table.planned_headers").has(n)
                })
                .map(String::as_str)
                .collect();
            let label = format!("{row_name}{col_part}");
            let label = if label.is_empty() {
                format!("表{number}第{}列", k + 1)
            } else {
                label
            };
            if actual.is_none() {
                actual = Some(out.len());
            }
            let mut m = row.metric(fig, label, Role::Actual, k);
            m.id = format!("t{number}.{}.{}", r + 1, k + 1);
            m.period = period;
            m.because.extend(why);
            if part && let Some(w) = wholes[k] {
                m.parent = Some(out[w].id.clone());
                if !m.because.iter().any(|b| b == rule!("table.part_row")) {
                    m.because.push(rule!("table.part_row").into());
                }
            } else if !part {
                wholes[k] = Some(out.len());
            }
            out.push(m);
        }
        for (k, fig, why) in targets {
            match actual {
                // the row's figure is held against the target beside it
                Some(a) if out[a].target.is_none() => {
                    let m = &mut out[a];
                    let (met, met_why) =
                        Target::met_by_label(m.value, fig.value, fig.qualifier, &m.label);
                    m.because.push(rule!("target.attached").into());
                    m.because.extend(
                        why.into_iter()
                            .filter(|w| w == rule!("table.target_column")),
                    );
                    m.because.extend(met_why);
                    m.target = Some(Target {
                        met,
                        value: fig.value,
                        unit: fig.unit,
                        qualifier: fig.qualifier,
                        as_written: text_of(source, fig.span),
                        span: fig.span,
                    });
                }
                _ => {
                    let label = if row_name.is_empty() {
                        names[k].concat()
                    } else {
                        row_name.clone()
                    };
                    let mut m = row.metric(fig, label, Role::Target, k);
                    m.id = format!("t{number}.{}.{}", r + 1, k + 1);
                    m.because.extend(why);
                    out.push(m);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table_of(text: &str) -> (Vec<char>, Table) {
        let chars: Vec<char> = text.chars().collect();
        let mut rows = Vec::new();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            let mut cells = Vec::new();
            for cell in line.trim_end_matches('\n').split('\t') {
                let n = cell.chars().count();
                cells.push(Span::new(at, at + n));
                at += n + 1;
            }
            rows.push(cells);
        }
        (
            chars.clone(),
            Table {
                span: Span::new(0, chars.len()),
                rows,
                layout: crate::ingest::TableLayout::RowPerLine,
            },
        )
    }

    fn run(text: &str) -> Vec<Metric> {
        let (chars, table) = table_of(text);
        let cleaned = crate::text::clean::clean_chars(&chars).cleaned;
        metrics(&[table], &chars, &cleaned, &Structure::default())
    }

    #[test]
    fn row_and_column_headers_make_the_label() {
        let ms =
            run("指标\t2023年\t目标值\n家庭医生签约率(%)\t51.2\t50\n财政投入(万元)\t4120.38\t\n");
        assert_eq!(ms.len(), 2);
        assert_eq!(ms[0].label, "家庭医生签约率");
        assert_eq!((ms[0].value, ms[0].unit.as_str()), (51.2, "%"));
        assert_eq!(ms[0].as_written, "51.2");
        let target = ms[0].target.as_ref().unwrap();
        assert_eq!(target.value, 50.0);
        assert!(target.met);
        assert_eq!((ms[1].value, ms[1].unit.as_str()), (41_203_800.0, "元"));
        let origin = ms[1].origin.as_ref().unwrap();
        assert_eq!(
            (origin.table, origin.row, origin.column),
            (Some(1), Some(3), Some(2))
        );
    }

    #[test]
    fn places_by_measures() {
        let ms = run("地区\t签约率\t卫生院(家)\n城区\t51.2%\t12\n乡镇\t约60%\t20\n");
        let labels: Vec<_> = ms.iter().map(|m| m.label.as_str()).collect();
        assert_eq!(
            labels,
            ["城区签约率", "城区卫生院", "乡镇签约率", "乡镇卫生院"]
        );
        assert_eq!(ms[1].unit, "家");
        assert!(ms[2].approximate);
    }

    #[test]
    fn a_bare_multiplier_takes_the_measure_word_of_its_name() {
        let ms = run("指标	2023年	2022年
门诊人次(万)	45.6	41.2
床位(张)	650	600
");
        let got: Vec<_> = ms.iter().map(|m| (m.value, m.unit.as_str())).collect();
        assert_eq!(
            got,
            [
                (456_000.0, "人次"),
                (412_000.0, "人次"),
                (650.0, "张"),
                (600.0, "张")
            ]
        );
        assert_eq!(ms[0].label, "门诊人次");
    }

    /// Merged cells: `2023年` over two columns (实际, 目标), a row header over two rows.
    #[test]
    fn merged_headers_line_up() {
        // the grid as ingest builds it: a merged cell's span in every place it covers
        let text = "指标\t2023年\n\t实际\t目标\n签约率(%)\t51.2\t50\n";
        let chars: Vec<char> = text.chars().collect();
        let at = |s: &str| {
            let i = text.find(s).unwrap();
            let start = text[..i].chars().count();
            Span::new(start, start + s.chars().count())
        };
        let empty = Span::new(at("实际").start - 1, at("实际").start - 1);
        let table = Table {
            span: Span::new(0, chars.len()),
            layout: crate::ingest::TableLayout::Grid,
            rows: vec![
                vec![at("指标"), at("2023年"), at("2023年")],
                vec![empty, at("实际"), at("目标")],
                vec![at("签约率(%)"), at("51.2"), at("50")],
            ],
        };
        let cleaned = crate::text::clean::clean_chars(&chars).cleaned;
        let ms = metrics(&[table], &chars, &cleaned, &Structure::default());
        assert_eq!(ms.len(), 1);
        assert_eq!((ms[0].label.as_str(), ms[0].value), ("签约率", 51.2));
        assert_eq!(ms[0].target.as_ref().map(|t| t.value), Some(50.0));
    }

    #[test]
    fn text_cells_are_not_figures() {
        assert!(run("项目\t说明\n家庭医生\t全面推开\n").is_empty());
    }
}
