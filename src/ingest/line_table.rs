//! Tables flattened onto one line: a sheet or a web table copied as text whose cells all run
//! on, split by single spaces, as a performance self-evaluation table (绩效自评表) often
//! arrives:
//!
//! ```text
//! 年度指标值 实际完成值 分值 得分 指标1:健康档案 3800人 3650人 2 1.9 指标2:讲座 12次 15次 2 2
//! ```
//!
//! The words are tokens between blanks; a unit or a qualifier standing alone joins its
//! number (`不少于12 种`), a bracketed unit the name before it (`项目资金 (万元)`), a lone
//! character the word it was wrapped from (`报告 数`). A token is a figure (a number with at
//! most a short unit), an empty cell (`—`, `/`) or text. A run of header words (names of
//! quantities: `发病数`, `执行率`, `年度指标值`; years; score columns) before the figures is
//! the header row; a header wrapped in its cells and flattened row by row (`年度 实际 指标值
//! 完成值`) is joined back (`年度指标值`, `实际完成值`). The text right before a run of
//! figures is the row's label, as are numbered labels (`指标24:…`) queued before it. A run
//! of figures is cut into rows of at most as many cells as there are columns, each row set
//! against the columns where every cell fits its column (a bare number in a score column or
//! a column with a unit, a figure with a unit in a value column): a row cut short keeps its
//! cells under the columns they fit.
//!
//! Each block of the line under one header becomes a [`Table`] with a header row and its rows
//! on the grid, so that the table's metrics are read like those of any other table.

use crate::lexicon::class;
use crate::model::Span;
use crate::reading::{is_period_header, list_number_len};

use super::{Table, TableLayout};
use std::collections::VecDeque;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A number, `bare` when it has no unit.
    Figure {
        bare: bool,
    },
    /// An empty cell.
    Empty,
    Text,
}

#[derive(Debug, Clone)]
struct Token {
    /// Characters of the line, absolute.
    span: Span,
    /// Its text without blanks.
    text: String,
    kind: Kind,
}

/// A column of a block: the span of its header and what its header says.
#[derive(Debug, Clone)]
struct Column {
    span: Span,
    score: bool,
    unit: bool,
}

/// The tables of one line (`line` its characters, `at` the offset of its first), if the
/// line is a table flattened onto it.
pub fn find(line: &[char], at: usize) -> Vec<Table> {
    // a quick count first: the numbers standing alone after a blank
    let standalone = (0..line.len())
        .filter(|&k| line[k].is_ascii_digit() && (k == 0 || is_blank(line[k - 1])))
        .count();
    if standalone < 6 {
        return Vec::new();
    }
    let tokens = tokens(line, at);
    let figures = tokens
        .iter()
        .filter(|t| matches!(t.kind, Kind::Figure { .. }))
        .count();
    // a table, not a sentence with a few numbers set apart: many figures standing alone, and
    // little of the punctuation of prose
    let digit = |k: usize| line.get(k).is_some_and(char::is_ascii_digit);
    let prose = (0..line.len())
        .filter(|&k| match line[k] {
            '。' | '，' | '；' | ';' => true,
            // not the point or the comma inside a number
            '.' | ',' => !(k > 0 && digit(k - 1) && digit(k + 1)),
            _ => false,
        })
        .count();
    if figures < 6 || figures * 4 < tokens.len() || prose * 2 > figures {
        return Vec::new();
    }
    read(&tokens)
}

fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{a0}' | '|' | '｜')
}

/// The line's tokens, with stray units, qualifiers, bracketed units and wrapped characters
/// joined to the token they belong to.
fn tokens(line: &[char], at: usize) -> Vec<Token> {
    let mut raw: Vec<(usize, usize)> = Vec::new();
    let mut k = 0;
    while k < line.len() {
        if is_blank(line[k]) {
            k += 1;
            continue;
        }
        let start = k;
        while k < line.len() && !is_blank(line[k]) {
            k += 1;
        }
        raw.push((start, k));
    }
    let text = |s: usize, e: usize| -> String {
        line[s..e]
            .iter()
            .filter(|c| !is_blank(**c))
            .map(|&c| crate::text::clean::normalize_char(c))
            .collect()
    };
    // each token read once; a token joined to the one before is read again with it
    let mut out: Vec<Token> = Vec::new();
    for (s, e) in raw {
        let piece = text(s, e);
        let kind = kind_of(&piece);
        if let Some(last) = out.last_mut() {
            let joins = match last.kind {
                Kind::Figure { bare } => bare && is_unit(&piece) || (!bare && piece == "%"),
                Kind::Text if is_qualifier(&last.text) => matches!(kind, Kind::Figure { .. }),
                Kind::Text => {
                    (piece.starts_with('(') && piece.ends_with(')'))
                        || (piece.chars().count() == 1
                            && kind != Kind::Empty
                            && !piece.chars().all(|c| c.is_ascii_alphanumeric()))
                }
                Kind::Empty => false,
            };
            if joins {
                last.span.end = at + e;
                last.text.push_str(&piece);
                last.kind = kind_of(&last.text);
                continue;
            }
        }
        out.push(Token {
            span: Span::new(at + s, at + e),
            kind,
            text: piece,
        });
    }
    out
}

/// The cells of a line split at single blanks, with stray units, qualifiers, bracketed
/// units and wrapped characters joined to the cell they belong to.
pub(super) fn cells(line: &[char], at: usize) -> Vec<Span> {
    tokens(line, at).into_iter().map(|t| t.span).collect()
}

/// A qualifier written before a figure (`不少于`, `≥`).
fn is_qualifier(text: &str) -> bool {
    class!("scan.qualifiers_before").has(text) || matches!(text, "≥" | "≤" | ">" | "<")
}

/// A unit standing alone: `%`, a measure word, money (`万元`).
fn is_unit(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let rest = match chars.first() {
        Some(&c) if crate::reading::numerals::is_big_multiplier(c) => &chars[1..],
        _ => &chars[..],
    };
    let rest_text: String = rest.iter().collect();
    matches!(text, "%" | "‰")
        || class!("unit.money").has(&rest_text)
        || crate::reading::units::measure_word_at(rest)
            .is_some_and(|w| w.chars().count() == rest.len())
}

fn kind_of(text: &str) -> Kind {
    if !text.is_empty()
        && text
            .chars()
            .all(|c| matches!(c, '—' | '–' | '-' | '/' | '\\'))
    {
        return Kind::Empty;
    }
    let chars: Vec<char> = text.chars().collect();
    let lead = class!("scan.qualifiers_before")
        .at(&chars)
        .map(|w| w.chars().count())
        .or_else(|| matches!(chars.first(), Some('≥' | '≤' | '>' | '<')).then_some(1))
        .unwrap_or(0);
    let body = &chars[lead..];
    let digits = body
        .iter()
        .take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '.'))
        .count();
    if !body.first().is_some_and(char::is_ascii_digit) {
        return Kind::Text;
    }
    let rest = &body[digits..];
    let unit_ok = rest.len() <= 4
        && !rest.iter().any(char::is_ascii_digit)
        && rest
            .first()
            .is_none_or(|&c| crate::reading::date_mark(c).is_none() && c != '-' && c != '~');
    if !unit_ok {
        return Kind::Text;
    }
    Kind::Figure {
        bare: rest.is_empty(),
    }
}

/// A header that names a column and never a row (`分值`, `实际完成值`, `2023年`).
fn is_column_word(text: &str) -> bool {
    let name = name_of(text);
    class!("table.score_headers").has(&name)
        || class!("table.actual_headers").has(&name)
        || class!("table.planned_headers").has(&name)
        || class!("table.target_headers").has(&name)
        || is_period_header(&name)
}

/// A header without a bracketed unit after it.
fn name_of(text: &str) -> String {
    match text.find('(') {
        Some(open) if open > 0 && text.ends_with(')') => text[..open].to_string(),
        _ => text.to_string(),
    }
}

/// Whether a bracketed unit ends the header (`(万元)`, `(1/10万)`) or it states one after
/// 单位.
fn has_unit(text: &str) -> bool {
    let bracketed = text.find('(').is_some_and(|open| {
        let inner = &text[open + 1..text.len().saturating_sub(1)];
        text.ends_with(')') && !inner.is_empty() && inner.chars().count() <= 6 && {
            let probe: String = format!("1{inner}");
            is_unit(inner)
                || inner.starts_with("1/")
                || matches!(kind_of(&probe), Kind::Figure { bare: false })
        }
    });
    bracketed || class!("table.unit_markers").in_text(text)
}

/// Whether a token may stand in a header row: a column word, a name of a quantity, a header
/// with its unit; never a numbered row label.
fn is_header_word(text: &str) -> bool {
    let chars: Vec<char> = name_of(text).chars().collect();
    is_column_word(text)
        || (list_number_len(&chars) == 0
            && chars.len() <= 12
            && (has_unit(text)
                || chars
                    .last()
                    .is_some_and(|&c| class!("table.quantity_name_ends").has_char(c))))
}

/// Header words wrapped in their cells and flattened row by row (`年度 实际 指标值 完成值`)
/// joined back into the names they make (`年度指标值`, `实际完成值`): the span of each is
/// that of its second part.
fn rejoin(run: &[&Token]) -> Option<Vec<(Span, String)>> {
    let k = run.len() / 2;
    if k == 0 || !run.len().is_multiple_of(2) {
        return None;
    }
    let joined: Vec<(Span, String)> = (0..k)
        .map(|i| {
            (
                run[k + i].span,
                format!("{}{}", run[i].text, run[k + i].text),
            )
        })
        .collect();
    // the names a wrapped header makes are words of the lexicon, never periods (指标 and
    // 2022年 make no header)
    let named = |name: &str| {
        class!("table.score_headers").has(name)
            || class!("table.actual_headers").has(name)
            || class!("table.planned_headers").has(name)
            || class!("table.target_headers").has(name)
    };
    joined.iter().all(|(_, name)| named(name)).then_some(joined)
}

/// The labels queued for the rows to come, each with whether it states its row's unit.
type Labels = VecDeque<(Span, bool)>;

/// A block of the line under one header.
struct Block {
    columns: Vec<Column>,
    /// A cell stating the unit of the whole block (`项目资金(万元)`), if any.
    unit: Option<Span>,
    /// Rows: the label's span, and the cells on the columns.
    rows: Vec<(Option<Span>, Vec<Option<Span>>)>,
    start: usize,
    end: usize,
}

fn read(tokens: &[Token]) -> Vec<Table> {
    // the runs: text then figures, alternately
    let mut runs: Vec<(Vec<&Token>, Vec<&Token>)> = Vec::new();
    let mut text: Vec<&Token> = Vec::new();
    let mut cells: Vec<&Token> = Vec::new();
    for t in tokens {
        match t.kind {
            Kind::Text => {
                if cells.iter().any(|c| matches!(c.kind, Kind::Figure { .. })) {
                    runs.push((std::mem::take(&mut text), std::mem::take(&mut cells)));
                }
                // empty cells among text separate nothing
                cells.clear();
                text.push(t);
            }
            _ => cells.push(t),
        }
    }
    if cells.iter().any(|c| matches!(c.kind, Kind::Figure { .. })) {
        runs.push((text, cells));
    }
    let mut blocks: Vec<Block> = Vec::new();
    // each run of cells with its block and the labels queued for its rows: the rows are
    // cut once every block has all its columns (score columns may come after some rows)
    let mut placed: Vec<(usize, Vec<&Token>, Labels)> = Vec::new();
    for (text, cells) in runs {
        // the row's label: the text right before the figures, unless it names a column
        let mut text = text;
        let label = match text.last() {
            Some(t) if !is_column_word(&t.text) => text.pop(),
            _ => None,
        };
        // the header: the header words right before the label, or the last run of two or
        // more before the words that only group the rows (产出指标 数量指标)
        let header_word: Vec<bool> = text.iter().map(|t| is_header_word(&t.text)).collect();
        let trailing = header_word.iter().rev().take_while(|&&h| h).count();
        let (mut header_at, header_end) = if trailing > 0 {
            (text.len() - trailing, text.len())
        } else {
            let mut end = text.len();
            loop {
                let len = header_word[..end].iter().rev().take_while(|&&h| h).count();
                if len >= 2 || end <= len {
                    break (end - len.min(end), end);
                }
                end -= len + 1;
            }
        };
        // a header wrapped in its cells: the first halves of its words may be no header
        // words of their own (年度 of 年度指标值)
        let header_len = header_end - header_at;
        if let Some(j) = (1..=header_len.min(header_at))
            .find(|&j| rejoin(&text[header_at - j..header_end]).is_some())
        {
            header_at -= j;
        }
        // each label with whether it states the unit of its row (`床位数(张)`, `发病数`)
        let labelled = |t: &Token| (t.span, has_unit(&t.text));
        let mut labels: Labels = text[..header_at]
            .iter()
            .chain(&text[header_end..])
            .filter(|t| list_number_len(&t.text.chars().collect::<Vec<_>>()) > 0)
            .map(|t| labelled(t))
            .collect();
        labels.extend(label.map(labelled));
        let run = &text[header_at..header_end];
        let header: Vec<(Span, String)> = match rejoin(run) {
            Some(joined) => joined,
            None if run.len() >= 2 || run.iter().any(|t| is_column_word(&t.text)) => {
                run.iter().map(|t| (t.span, t.text.clone())).collect()
            }
            None => Vec::new(),
        };
        if !header.is_empty() {
            let columns: Vec<Column> = header
                .iter()
                .map(|(span, name)| Column {
                    span: *span,
                    score: class!("table.score_headers").has(&name_of(name)),
                    unit: has_unit(name) || class!("unit.count_names").ends_str(&name_of(name)),
                })
                .collect();
            let unit = text[..header_at]
                .iter()
                .rev()
                .find(|t| has_unit(&t.text))
                .map(|t| t.span);
            let start = run.first().map_or(cells[0].span.start, |t| t.span.start);
            match blocks.last_mut() {
                // the score columns, flattened apart from the columns they grade, extend
                // them
                Some(b)
                    if columns.iter().all(|c| c.score) && !b.columns.iter().any(|c| c.score) =>
                {
                    b.columns.extend(columns)
                }
                _ => blocks.push(Block {
                    columns,
                    unit,
                    rows: Vec::new(),
                    start: unit.map_or(start, |u| u.start.min(start)),
                    end: start,
                }),
            }
        }
        let Some(block) = blocks.last_mut() else {
            continue;
        };
        block.end = cells.last().map_or(block.end, |c| c.span.end);
        placed.push((blocks.len() - 1, cells, labels));
    }
    for (b, cells, labels) in placed {
        let block = &mut blocks[b];
        let rows = rows_of(&cells, &block.columns, block.unit.is_some(), labels);
        block.rows.extend(rows);
    }
    blocks
        .into_iter()
        .filter(|b| {
            b.rows
                .iter()
                .any(|(_, cells)| cells.iter().any(Option::is_some))
        })
        .map(|b| {
            let empty = Span::new(b.start, b.start);
            let mut header = vec![b.unit.unwrap_or(empty)];
            header.extend(b.columns.iter().map(|c| c.span));
            let mut rows = vec![header];
            for (label, cells) in &b.rows {
                let at = cells.iter().flatten().next().map_or(b.start, |s| s.start);
                let gap = Span::new(at, at);
                let mut row = vec![label.unwrap_or(gap)];
                row.extend(cells.iter().map(|c| c.unwrap_or(gap)));
                rows.push(row);
            }
            Table {
                span: Span::new(b.start, b.end),
                rows,
                layout: TableLayout::OneLine,
            }
        })
        .collect()
}

/// A run of cells cut into rows on `columns`: each row as many cells as fit, placed where
/// every cell fits its column; each row takes the next of `labels`.
fn rows_of(
    cells: &[&Token],
    columns: &[Column],
    block_unit: bool,
    mut labels: Labels,
) -> Vec<(Option<Span>, Vec<Option<Span>>)> {
    let n = columns.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < cells.len() {
        // a bare number fits a score column, or a column whose header, row label or block
        // states a unit
        let row_unit = labels.front().is_some_and(|l| l.1);
        let fits = |t: &Token, c: &Column| match t.kind {
            Kind::Empty => true,
            Kind::Figure { bare: true } => c.score || c.unit || block_unit || row_unit,
            Kind::Figure { bare: false } => !c.score,
            Kind::Text => false,
        };
        let placed = (1..=n.min(cells.len() - i)).rev().find_map(|w| {
            (0..=n - w)
                .find(|&off| (0..w).all(|j| fits(cells[i + j], &columns[off + j])))
                .map(|off| (w, off))
        });
        let Some((w, off)) = placed else {
            i += 1;
            continue;
        };
        let mut row = vec![None; n];
        for j in 0..w {
            if cells[i + j].kind != Kind::Empty {
                row[off + j] = Some(cells[i + j].span);
            }
        }
        i += w;
        if row.iter().any(Option::is_some) {
            out.push((labels.pop_front().map(|l| l.0), row));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(text: &str) -> Vec<Vec<Vec<String>>> {
        let chars: Vec<char> = text.chars().collect();
        find(&chars, 0)
            .iter()
            .map(|t| {
                t.rows
                    .iter()
                    .map(|r| {
                        r.iter()
                            .map(|s| chars[s.start..s.end].iter().collect())
                            .collect()
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_self_evaluation_table_on_one_line() {
        let g = grid(
            "指标 年度指标值 实际完成值 分值 得分 指标1:建立健康档案 3800人 3650人 2 1.9 指标2:健康讲座 12次 15次 2 2 指标3:随访人数 500人",
        );
        assert_eq!(g.len(), 1, "{g:?}");
        assert_eq!(g[0][0][1..], ["年度指标值", "实际完成值", "分值", "得分"]);
        assert_eq!(
            g[0][1],
            ["指标1:建立健康档案", "3800人", "3650人", "2", "1.9"]
        );
        assert_eq!(g[0][2], ["指标2:健康讲座", "12次", "15次", "2", "2"]);
        // a row cut at the end of the copy keeps its cell under its column
        assert_eq!(g[0][3], ["指标3:随访人数", "500人", "", "", ""]);
    }

    #[test]
    fn a_wrapped_header_is_joined_and_scores_stand_apart() {
        let g = grid(
            "年度 实际 指标值 完成值 指标1:家庭医生签约 2400人 指标2:高血压随访 分值 得分 2300人 2 1.8 900人 2 2 指标3:糖尿病随访 300人 280人 2 1.7",
        );
        assert_eq!(g.len(), 1, "{g:?}");
        assert_eq!(g[0][0][1..], ["指标值", "完成值", "分值", "得分"]);
        assert_eq!(g[0][1][..2], ["指标1:家庭医生签约", "2400人"]);
        // the actual and its scores, right of the target column
        assert_eq!(g[0][2], ["指标2:高血压随访", "", "2300人", "2", "1.8"]);
        assert_eq!(g[0][3][2], "900人");
        assert_eq!(g[0][4][1..3], ["300人", "280人"]);
    }

    #[test]
    fn a_statistical_table_on_one_line() {
        let g = grid(
            "病种 发病数 死亡数 发病率(1/10万) 肺结核 326 2 45.61 乙肝 512 0 71.63 梅毒 98 0 13.71",
        );
        assert_eq!(g.len(), 1, "{g:?}");
        assert_eq!(g[0][0][1..], ["发病数", "死亡数", "发病率(1/10万)"]);
        assert_eq!(g[0][2], ["乙肝", "512", "0", "71.63"]);
    }

    #[test]
    fn years_are_no_wrapped_header_and_a_caption_states_the_unit() {
        let g = grid(
            "表1 医疗资源 指标 2021年 2022年 2023年 卫生机构数(个) 356 361 365 床位数(张) 2810 2936 3050",
        );
        assert_eq!(g[0][0][1..], ["2021年", "2022年", "2023年"]);
        assert_eq!(g[0][2], ["床位数(张)", "2810", "2936", "3050"]);
        let g = grid(
            "表2 经费投入 单位:万元 项目 2022年 2023年 财政拨款 4120.38 4536.2 其中:公共卫生 1200 1320 医疗收入 8650 9012.5",
        );
        assert_eq!(g[0][0], ["单位:万元", "2022年", "2023年"]);
        assert_eq!(g[0][1], ["财政拨款", "4120.38", "4536.2"]);
        assert_eq!(g[0][2], ["其中:公共卫生", "1200", "1320"]);
    }

    #[test]
    fn prose_and_english_are_no_tables() {
        for text in [
            "The number of visits was 998514 and 16648, up by 21.34% and 20.21%; bed use 108.68%, 12.40 days, 137.31 yuan.",
            "全县 共有 医院 5家 卫生院 12家 村卫生室 120个",
        ] {
            assert!(grid(text).is_empty(), "{text}");
        }
    }
}
