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

use super::Table;

/// The tables of a plain text, in order.
pub fn find(text: &str) -> Vec<Table> {
    let mut tables = Vec::new();
    // the rows under way, each with whether it is a data row (a label, then figures)
    let mut block: Vec<(Vec<Span>, bool)> = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        // three cells need two runs of blanks between them: most lines of prose, and the
        // long paragraphs of a flattened report, have fewer blanks than that
        let body = line.trim_end_matches(['\n', '\r']).trim_end();
        let row = if blanks_at_least(body, 2) {
            let chars: Vec<char> = body.chars().collect();
            cells_of(&chars, at).map(|cells| {
                let text =
                    |s: &Span| -> String { chars[s.start - at..s.end - at].iter().collect() };
                let data =
                    !is_figure(&text(&cells[0])) && cells[1..].iter().any(|s| is_figure(&text(s)));
                (cells, data)
            })
        } else {
            None
        };
        at += line.chars().count();
        let fits = row.as_ref().is_some_and(|(c, _)| {
            block
                .first()
                .is_none_or(|(first, _)| first.len() == c.len())
        });
        if !fits {
            close(&mut block, &mut tables);
        }
        block.extend(row);
    }
    close(&mut block, &mut tables);
    tables
}

/// Ends the block of rows under way, keeping it as a table if every row but a header row is
/// a data row, and there is one.
fn close(block: &mut Vec<(Vec<Span>, bool)>, tables: &mut Vec<Table>) {
    let rows = std::mem::take(block);
    let data = rows.iter().filter(|(_, d)| *d).count();
    if rows.len() < 2 || data == 0 || data + usize::from(!rows[0].1) < rows.len() {
        return;
    }
    let rows: Vec<Vec<Span>> = rows.into_iter().map(|(cells, _)| cells).collect();
    let start = rows[0][0].start;
    let end = rows[rows.len() - 1].last().map_or(start, |s| s.end);
    tables.push(Table {
        span: Span::new(start, end),
        rows,
    });
}

/// The cells of one line (character spans, `at` being the line's offset), if the line is
/// split into at least three of them by tabs or by runs of two or more spaces (ideographic
/// spaces count as two), or by single spaces where the line is a row of figures after its
/// label (`门诊人次 45.6 41.2 10.7%`) or a row of short headers.
fn cells_of(line: &[char], at: usize) -> Option<Vec<Span>> {
    if let Some(cells) = split(line, at, 2) {
        return Some(cells);
    }
    let cells = split(line, at, 1)?;
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

/// `line` split at tabs, or at runs of at least `gap` blanks; `None` under three cells.
fn split(line: &[char], at: usize, min_gap: usize) -> Option<Vec<Span>> {
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
    (cells.len() >= 3).then_some(cells)
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
    let body = cell.strip_prefix(['-', '+', '－']).unwrap_or(cell);
    let digits = body
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '.'))
        .count();
    let starts = body.chars().next().is_some_and(|c| c.is_ascii_digit());
    let rest: String = body.chars().skip(digits).collect();
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
