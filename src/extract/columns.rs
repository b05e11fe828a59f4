//! Pages set in columns and copied line by line, as an OCR'd yearbook page arrives: each line
//! holds one line of every column, the columns set apart by runs of blanks.
//!
//! ```text
//!    全县共有健康自助检测站20          人,管理率为97.22%。体检在管患者798
//!    个,目前管理高危人群2500人。       例,体检率87.86%。
//! ```
//!
//! A block of such lines (four or more in a row, most split into the same number of pieces at
//! the same display columns) is read column by column: each column's pieces, line after line,
//! are one text, so that `检测站20` takes its unit from the start of its column's next line
//! (`个`) and the label of a figure is the words of its own column. The text of a column maps
//! back to the source character by character, each piece in order, so every span still points
//! at its text; a figure broken across a column's lines is spanned by its part on the first.

use crate::model::{Metric, Span};
use crate::rules::rule;
use crate::structure::Structure;
use crate::text::Cleaned;

/// A block of lines set in columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The block in the source.
    pub span: Span,
    /// Each column's pieces, top to bottom: cleaned ranges.
    columns: Vec<Vec<(usize, usize)>>,
}

/// The display width of a character: two for CJK and full-width forms.
fn width(c: char) -> usize {
    if c >= '\u{2E80}' { 2 } else { 1 }
}

fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{a0}')
}

/// The pieces of one line (cleaned ranges and display column of their start), split at runs
/// of three or more blanks.
fn pieces(t: &[char], start: usize, end: usize) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut k = start;
    let mut col = 0;
    while k < end {
        if is_blank(t[k]) {
            col += width(t[k]);
            k += 1;
            continue;
        }
        let s = k;
        let at = col;
        // the piece ends at a run of three blanks
        while k < end
            && !(t[k..end.min(k + 3)].len() == 3 && t[k..k + 3].iter().all(|&c| is_blank(c)))
        {
            col += width(t[k]);
            k += 1;
        }
        let mut e = k;
        while e > s && is_blank(t[e - 1]) {
            e -= 1;
        }
        out.push((s, e, at));
    }
    out
}

/// The blocks of the text set in columns, found on the lines of the source (clean-up may
/// have joined them as the wrapped lines of a PDF copy).
pub fn find(c: &Cleaned, source: &[char]) -> Vec<Block> {
    let t = source;
    // each line's pieces
    let mut lines: Vec<Vec<(usize, usize, usize)>> = Vec::new();
    let mut start = 0;
    for (k, &ch) in t
        .iter()
        .enumerate()
        .chain(std::iter::once((t.len(), &'\n')))
    {
        if ch == '\n' {
            // only a line with a run of three blanks may hold two columns
            let gap = t[start..k]
                .windows(3)
                .any(|w| w.iter().all(|&c| is_blank(c)));
            lines.push(if gap { pieces(t, start, k) } else { Vec::new() });
            start = k + 1;
        }
    }
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let run = lines[i..].iter().take_while(|l| l.len() >= 2).count();
        // a column may run on for a line or two after the others end
        let tail = lines[i + run..]
            .iter()
            .take(2)
            .take_while(|l| l.len() == 1)
            .count();
        if run >= 4
            && let Some(block) = block_of(t, c, &lines[i..i + run], &lines[i + run..i + run + tail])
        {
            blocks.push(block);
        }
        i += run.max(1);
    }
    blocks
}

/// A run of lines of two or more pieces read as columns, if it is a page set in them: most
/// lines split into the same number of pieces, each column's pieces starting within a few
/// display columns of one another and made of prose (a table's cells are short).
fn block_of(
    t: &[char],
    c: &Cleaned,
    lines: &[Vec<(usize, usize, usize)>],
    tail: &[Vec<(usize, usize, usize)>],
) -> Option<Block> {
    let k = lines.iter().map(Vec::len).max()?;
    let full: Vec<&Vec<(usize, usize, usize)>> = lines.iter().filter(|l| l.len() == k).collect();
    if full.len() * 4 < lines.len() * 3 {
        return None;
    }
    // each column's start: the leftmost of the full lines' (a paragraph's first line is
    // indented)
    let starts: Vec<usize> = (0..k)
        .map(|j| full.iter().map(|l| l[j].2).min().unwrap_or(0))
        .collect();
    let aligned = full.iter().all(|l| (0..k).all(|j| l[j].2 <= starts[j] + 8));
    // prose: long pieces (the last line of a paragraph aside), most of them Chinese
    let all: Vec<(usize, usize)> = full
        .iter()
        .flat_map(|l| l.iter().map(|&(s, e, _)| (s, e)))
        .collect();
    let long = all.iter().filter(|(s, e)| e - s >= 8).count();
    let chars: usize = all.iter().map(|(s, e)| e - s).sum();
    let chinese: usize = all
        .iter()
        .map(|&(s, e)| t[s..e].iter().filter(|&&ch| width(ch) == 2).count())
        .sum();
    let prose = long * 4 >= all.len() * 3 && chinese * 2 >= chars;
    if !aligned || !prose {
        return None;
    }
    // the lines after, of one piece, that continue a column: as wide as it at most
    let widest = |j: usize| {
        lines
            .iter()
            .flat_map(|l| l.iter())
            .filter(|p| starts[j] <= p.2 + 4 && (j + 1 == k || p.2 + 4 < starts[j + 1]))
            .map(|&(s, e, _)| t[s..e].iter().map(|&ch| width(ch)).sum::<usize>())
            .max()
            .unwrap_or(0)
    };
    let continues = |l: &&Vec<(usize, usize, usize)>| {
        let (s, e, at) = l[0];
        let w: usize = t[s..e].iter().map(|&ch| width(ch)).sum();
        (0..k).any(|j| at + 4 >= starts[j] && at <= starts[j] + 8 && w <= widest(j) + 4)
    };
    let tail: Vec<&Vec<(usize, usize, usize)>> = tail.iter().take_while(continues).collect();
    // each column's pieces as cleaned ranges
    let mut columns: Vec<Vec<(usize, usize)>> = vec![Vec::new(); k];
    for l in lines.iter().chain(tail.iter().copied()) {
        for &(s, e, at) in l {
            let j = (0..k).rev().find(|&j| starts[j] <= at + 4).unwrap_or(0);
            let (s, e) = (c.cleaned_pos(s), c.cleaned_pos(e));
            if s < e {
                columns[j].push((s, e));
            }
        }
    }
    let first = lines.first()?.first()?.0;
    let last = tail.last().copied().or(lines.last())?.last()?.1;
    Some(Block {
        span: Span::new(first, last),
        columns,
    })
}

/// The metrics of the blocks, each column read as one text.
pub fn metrics(
    blocks: &[Block],
    c: &Cleaned,
    source: &[char],
    structure: &Structure,
    plan_document: bool,
) -> Vec<Metric> {
    let mut out = Vec::new();
    for (b, block) in blocks.iter().enumerate() {
        for (j, pieces) in block.columns.iter().enumerate() {
            let mut norm = Vec::new();
            let mut display = Vec::new();
            let mut map = Vec::new();
            // where each piece ends in the source
            let mut ends = Vec::new();
            for &(s, e) in pieces {
                norm.extend_from_slice(&c.norm[s..e]);
                display.extend_from_slice(&c.display[s..e]);
                map.extend_from_slice(&c.map[s..e]);
                ends.push(c.map[e - 1] + 1);
            }
            let column = Cleaned::new(norm, display, map, c.source_len);
            for mut m in super::extract(&column, source, &Structure::default(), plan_document) {
                // a figure broken across the column's lines: its part on the first
                if let Some(&end) = ends.iter().find(|&&e| e > m.span.start && e < m.span.end) {
                    m.span = Span::new(m.span.start, end);
                    m.as_written = source[m.span.start..m.span.end].iter().collect();
                }
                m.section = structure
                    .innermost(c.cleaned_pos(m.span.start))
                    .map(|i| structure.sections[i].id.clone());
                m.because.insert(0, rule!("figure.in_columns").into());
                // ids of their own, until the metrics are renumbered
                let prefix = format!("c{}.{}.", b + 1, j + 1);
                m.id = format!("{prefix}{}", m.id);
                for r in [&mut m.parent, &mut m.numerator, &mut m.denominator] {
                    *r = r.as_ref().map(|id| format!("{prefix}{id}"));
                }
                out.push(m);
            }
        }
    }
    out
}
