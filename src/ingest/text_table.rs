//! Tables in plain text: rows of cells set apart by tabs or by runs of spaces, as a table
//! copied out of Word, Excel or a web page arrives in a `.txt` report:
//!
//! ```text
//! 指标名称        2023年   2022年   增长率
//! 门诊人次（万）  45.6     41.2     10.7%
//! ```
//!
//! A table is two or more consecutive lines split into the same number (at least three) of
//! cells, of which at least one line (a data row) has a label first and figures after it.
//! The first line may be a header row without figures. Each cell keeps its character span in
//! the text, so the table's metrics point at their cells like those of a Word table.

use crate::model::Span;

use super::{Table, TableLayout};

/// The tables of a plain text, in order.
pub fn find(text: &str) -> Vec<Table> {
    let mut tables = Vec::new();
    // the rows under way
    let mut block: Vec<Row> = Vec::new();
    // where the line before the block under way states the table's unit (单位:万元)
    let mut unit: Option<Span> = None;
    let mut unit_before: Option<Span> = None;
    // the last line with text: a row there may be cut short by the end of the copy
    let last = text.trim_end().chars().count();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        // three cells need two runs of blanks between them: most lines of prose, and the
        // long paragraphs of a flattened report, have fewer blanks than that
        let body = line.trim_end_matches(['\n', '\r']).trim_end();
        let len = line.chars().count();
        let piped = body.matches(['|', '｜']).nth(1).is_some();
        if piped && is_rule_line(body) {
            // the line under a header of a Markdown table: |---|---|
            at += len;
            continue;
        }
        if !piped && !blanks_at_least(body, 1) && !may_state_unit(body) {
            // a line of one piece: no row, and the end of any table under way
            close(&mut block, unit.take(), &mut tables);
            unit_before = None;
            at += len;
            continue;
        }
        let chars: Vec<char> = body.chars().collect();
        let cut = at + chars.len() >= last && !block.is_empty();
        let cells = if piped {
            split_pipes(&chars, at)
        } else if blanks_at_least(body, 2) || (cut && blanks_at_least(body, 1)) {
            cells_of(&chars, at, if cut { 2 } else { 3 })
        } else {
            None
        };
        let row = cells.map(|cells| {
            let text = |s: &Span| -> String { chars[s.start - at..s.end - at].iter().collect() };
            let data =
                !is_figure(&text(&cells[0])) && cells[1..].iter().any(|s| is_figure(&text(s)));
            let unit = if data { None } else { unit_marked(&chars, at) };
            (cells, data, unit)
        });
        if row.is_none() && blanks_at_least(body, 10) {
            let found = super::line_table::find(&chars, at);
            if !found.is_empty() {
                close(&mut block, unit.take(), &mut tables);
                tables.extend(found);
            }
        }
        let fits = row.as_ref().is_some_and(|(c, data, _)| {
            block.first().is_none_or(|(first, ..)| {
                first.len() == c.len() || (cut && *data && c.len() < first.len())
            })
        });
        if !fits {
            close(&mut block, unit.take(), &mut tables);
        }
        if block.is_empty() && row.is_some() {
            unit = unit_before;
        }
        unit_before = if row.is_none() {
            unit_marked(&chars, at)
        } else {
            None
        };
        block.extend(row);
        at += len;
    }
    close(&mut block, unit.take(), &mut tables);
    tables.extend(cell_per_line(text));
    tables.sort_by_key(|t| t.span.start);
    tables
}

/// A row of a table under way: its cells, whether it is a data row (a label, then figures),
/// and where it states the table's unit (`单位:万元`), if it does.
type Row = (Vec<Span>, bool, Option<Span>);

/// Whether a line is the rule under a Markdown table's header (`|---|:---:|`).
fn is_rule_line(body: &str) -> bool {
    body.chars().any(|c| c == '-')
        && body
            .chars()
            .all(|c| matches!(c, '|' | '｜' | '-' | ':' | ' ' | '\t'))
}

/// Whether a line may state a table's unit: it holds the first character of a word of
/// `table.unit_markers` (a quick test before [`unit_marked`]).
fn may_state_unit(body: &str) -> bool {
    crate::lexicon::class!("table.unit_markers")
        .words()
        .iter()
        .filter_map(|w| w.chars().next())
        .any(|c| body.contains(c))
}

/// Where a line states a table's unit (`单位:万元`, `（单位：人）`): from the marker to the
/// next blank or the end.
fn unit_marked(line: &[char], at: usize) -> Option<Span> {
    let norm: Vec<char> = line
        .iter()
        .map(|&c| crate::text::clean::normalize_char(c))
        .collect();
    let markers = crate::lexicon::class!("table.unit_markers");
    let start = (0..norm.len()).find(|&k| markers.at(&norm[k..]).is_some())?;
    let end = (start..norm.len())
        .find(|&k| is_blank(norm[k]))
        .unwrap_or(norm.len());
    Some(Span::new(at + start, at + end))
}

/// The cells of a line split at `|` (a leading and a trailing `|` open and close the row):
/// at least two.
fn split_pipes(line: &[char], at: usize) -> Option<Vec<Span>> {
    let mut cells = Vec::new();
    let mut start = 0;
    for k in 0..=line.len() {
        if k == line.len() || matches!(line[k], '|' | '｜') {
            let mut s = start;
            let mut e = k;
            while s < e && is_blank(line[s]) {
                s += 1;
            }
            while e > s && is_blank(line[e - 1]) {
                e -= 1;
            }
            cells.push(Span::new(at + s, at + e));
            start = k + 1;
        }
    }
    if cells.first().is_some_and(|c| c.start == c.end) {
        cells.remove(0);
    }
    if cells.last().is_some_and(|c| c.start == c.end) {
        cells.pop();
    }
    (cells.len() >= 2).then_some(cells)
}

/// Ends the block of rows under way, keeping it as a table if every row but a header row is
/// a data row, and there is one; a line above it that states its unit is its first row.
fn close(block: &mut Vec<Row>, unit: Option<Span>, tables: &mut Vec<Table>) {
    let mut rows = std::mem::take(block);
    // of the rows without figures before the first data row, the last is the header; those
    // above it (a caption set out in cells) are no part of the table but may state its unit
    let lead = rows.iter().take_while(|r| !r.1).count();
    let unit = unit.or_else(|| rows[..lead.saturating_sub(1)].iter().find_map(|r| r.2));
    if lead > 1 {
        rows.drain(..lead - 1);
    }
    let data = rows.iter().filter(|r| r.1).count();
    if rows.len() < 2 || data == 0 || data + usize::from(!rows[0].1) < rows.len() {
        return;
    }
    let mut rows: Vec<Vec<Span>> = rows.into_iter().map(|(cells, ..)| cells).collect();
    if let Some(u) = unit {
        rows.insert(0, vec![u]);
    }
    let start = rows[0][0].start;
    let end = rows[rows.len() - 1].last().map_or(start, |s| s.end);
    tables.push(Table {
        span: Span::new(start, end),
        rows,
        layout: TableLayout::RowPerLine,
    });
}

/// Tables copied one cell a line: a run of short lines whose first lines without figures are
/// the header and whose rows are a label and as many figures as the header has columns (the
/// header may lack the label column's own header; the last row may be cut short).
fn cell_per_line(text: &str) -> Vec<Table> {
    let mut lines: Vec<(Span, &str)> = Vec::new();
    let mut tables = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let cell = body.trim();
        // a cell: short, one piece, no sentence in it
        let n = cell.chars().take(17).count();
        let is_cell = n > 0
            && n <= 16
            && !cell
                .chars()
                .any(|c| is_blank(c) || matches!(c, '。' | '，' | '；' | ',' | ';'));
        if is_cell {
            let lead = body.chars().take_while(|&c| is_blank(c)).count();
            lines.push((Span::new(at + lead, at + lead + n), cell));
        } else if !lines.is_empty() {
            tables.extend(cells_to_table(&lines));
            lines.clear();
        }
        at += line.chars().count();
    }
    tables.extend(cells_to_table(&lines));
    tables
}

/// A run of one-cell lines read as a table, if it is one: the header is the lines without
/// figures before the first row's label (the lines above it, a heading say, are left out).
fn cells_to_table(lines: &[(Span, &str)]) -> Option<Table> {
    let first = lines.iter().position(|(_, t)| is_figure(t))?;
    let label = first.checked_sub(1)?;
    (0..label).find_map(|top| {
        let header = &lines[top..label];
        // with the label column's header (指标 2022年 2023年) or without it (2022年 2023年)
        [header.len(), header.len() + 1]
            .into_iter()
            .find_map(|width| rows_of_cells(header, &lines[label..], width))
    })
}

/// The grid of a header and the lines after it in rows of `width` (a label, then figures),
/// as long as they are rows; at least two whole rows.
fn rows_of_cells(header: &[(Span, &str)], body: &[(Span, &str)], width: usize) -> Option<Table> {
    if width < 2 {
        return None;
    }
    let row_ok = |row: &[(Span, &str)]| {
        row.len() >= 2 && !is_figure(row[0].1) && row[1..].iter().all(|(_, t)| is_figure(t))
    };
    let rows: Vec<&[(Span, &str)]> = body.chunks(width).take_while(|r| row_ok(r)).collect();
    // a row cut short by the end of the run is the last
    let whole = rows.iter().take_while(|r| r.len() == width).count();
    if whole < 2 {
        return None;
    }
    let rows = &rows[..rows.len().min(whole + 1)];
    let mut head: Vec<Span> = header.iter().map(|(s, _)| *s).collect();
    if head.len() < width {
        head.insert(0, Span::new(head[0].start, head[0].start));
    }
    let mut grid = vec![head];
    grid.extend(rows.iter().map(|r| r.iter().map(|(s, _)| *s).collect()));
    let start = header[0].0.start;
    let end = grid.last()?.last().map_or(start, |s| s.end);
    Some(Table {
        span: Span::new(start, end),
        rows: grid,
        layout: TableLayout::CellPerLine,
    })
}

/// The cells of one line (character spans, `at` being the line's offset), if the line is
/// split into at least three of them by tabs or by runs of two or more spaces (ideographic
/// spaces count as two), or by single spaces where the line is a row of figures after its
/// label (`门诊人次 45.6 41.2 10.7%`) or a row of short headers.
fn cells_of(line: &[char], at: usize, min_cells: usize) -> Option<Vec<Span>> {
    if let Some(cells) = split(line, at, 2, min_cells) {
        return Some(cells);
    }
    // single spaces: a unit or a qualifier standing alone joins its number (`不少于12 种`)
    let cells = super::line_table::cells(line, at);
    if cells.len() < min_cells {
        return None;
    }
    let text = |s: &Span| -> String { line[s.start - at..s.end - at].iter().collect() };
    let figures = || cells[1..].iter().all(|s| is_figure(&text(s)));
    let headers = || {
        cells.len() <= 8
            && cells
                .iter()
                .all(|s| s.end - s.start <= 10 && !is_figure(&text(s)))
    };
    (figures() || headers()).then_some(cells)
}

/// `line` split at tabs, or at runs of at least `gap` blanks; `None` under `min_cells` cells.
fn split(line: &[char], at: usize, min_gap: usize, min_cells: usize) -> Option<Vec<Span>> {
    let tabbed = line.contains(&'\t');
    let mut cells = Vec::new();
    let mut k = 0;
    while k < line.len() {
        while k < line.len() && is_blank(line[k]) {
            k += 1;
        }
        if k == line.len() {
            break;
        }
        let start = k;
        let mut end = k;
        while end < line.len() {
            let gap = || {
                line[end..]
                    .iter()
                    .take_while(|&&c| is_blank(c))
                    .map(|&c| if c == '\u{3000}' { 2 } else { 1 })
                    .sum::<usize>()
            };
            let separates = if tabbed {
                line[end] == '\t'
            } else {
                is_blank(line[end]) && gap() >= min_gap
            };
            if separates {
                break;
            }
            end += 1;
        }
        // a cell's own trailing blanks
        let mut e = end;
        while e > start && is_blank(line[e - 1]) {
            e -= 1;
        }
        cells.push(Span::new(at + start, at + e));
        k = end;
    }
    (cells.len() >= min_cells).then_some(cells)
}

/// Whether `s` may hold at least `n` blanks: counts spaces, tabs, U+3000 (`E3 80 80`) and
/// `C2` lead bytes (as of U+00A0) over its bytes, so never fewer than there are.
fn blanks_at_least(s: &str, n: usize) -> bool {
    // the searcher for U+3000 is built once: `memmem::find` builds one at every call
    static IDEOGRAPHIC: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(IDEOGRAPHIC_SPACE));
    let b = s.as_bytes();
    memchr::memchr3_iter(b' ', b'\t', 0xC2, b)
        .chain(IDEOGRAPHIC.find_iter(b))
        .nth(n - 1)
        .is_some()
}

/// U+3000 in UTF-8.
const IDEOGRAPHIC_SPACE: &[u8] = "\u{3000}".as_bytes();

fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{a0}')
}

/// Whether a cell holds a figure: a number, perhaps signed, with separators, a decimal part
/// and a short unit (`45.6`, `-1.2%`, `12,345人`, `3.5万`).
fn is_figure(cell: &str) -> bool {
    let cell = cell.trim();
    // a qualifier before it: 不少于12种, ≥95%
    let cell = crate::reading::without_qualifier(cell);
    let body = cell.strip_prefix(['-', '+', '－']).unwrap_or(cell);
    let digits = body
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '.'))
        .count();
    let starts = body.chars().next().is_some_and(|c| c.is_ascii_digit());
    let rest: String = body
        .chars()
        .skip(digits)
        .filter(|&c| !is_blank(c))
        .collect();
    // 2023年 is a period, not a figure
    starts
        && rest.chars().count() <= 3
        && rest
            .chars()
            .next()
            .is_none_or(|c| crate::reading::date_mark(c).is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, table: &Table) -> Vec<Vec<String>> {
        table.cell_texts(text)
    }

    #[test]
    fn tables_set_apart_by_spaces_or_tabs() {
        let text = "二、主要指标\n指标名称    2023年   2022年   增长率\n门诊人次（万）  45.6  41.2  10.7%\n出院人次（人）\t12345\t11234\t9.9%\n正文。\n";
        let tables = find(text);
        assert_eq!(tables.len(), 1, "{tables:?}");
        assert_eq!(
            texts(text, &tables[0]),
            [
                ["指标名称", "2023年", "2022年", "增长率"],
                ["门诊人次（万）", "45.6", "41.2", "10.7%"],
                ["出院人次（人）", "12345", "11234", "9.9%"],
            ]
        );
        // single spaces, as a web page's table is often copied
        let single = "指标 2023年 2022年\n门诊人次 45.6 41.2\n";
        assert_eq!(
            texts(single, &find(single)[0])[1],
            ["门诊人次", "45.6", "41.2"]
        );
        let chars: Vec<char> = text.chars().collect();
        let span = tables[0].span;
        assert!(
            chars[span.start..span.end]
                .iter()
                .collect::<String>()
                .starts_with("指标名称")
        );
    }

    #[test]
    fn prose_and_furniture_are_not_tables() {
        for text in [
            "发布时间：2024-07-15  浏览次数：1234\n正文\n",
            "第 1 页 共 3 页\n第 2 页 共 3 页\n",
            "一、基本情况  全县医院5家  卫生院12家\n",
            "甲  乙  丙\n丁  戊  己\n",
            "Hello big world\nsee you all\n",
        ] {
            assert!(find(text).is_empty(), "{text}");
        }
    }
}
