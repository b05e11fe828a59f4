//! PDF: the text layer, page by page (pdf-extract), made into paragraphs:
//!
//! - running headers and footers (a line at the top or bottom of most pages, digits aside)
//!   and page-number lines (`- 3 -`, `第3页`, `3/12`) are removed and listed in the layout;
//! - lines that a full line width broke are joined again, within a page and across a page
//!   break, so a word or number split by the break reads whole (`…签约率达到` + `75%。`);
//! - a PDF without a text layer (a scan) is refused with advice to run OCR.

use std::collections::HashMap;

use super::{Format, Layout, Plain, TextBuilder};
use crate::error::{Error, Result};

const FORMAT: &str = Format::Pdf.title();

/// Reads a PDF's text layer as plain text.
pub fn read(bytes: &[u8]) -> Result<Plain> {
    let pages = extract_pages(bytes)?;
    let pages: Vec<Vec<String>> = pages
        .iter()
        .map(|p| {
            let spaced = letter_spaced(p);
            p.lines()
                .map(|l| tighten(l.trim_end(), spaced))
                .filter(|l| !l.trim().is_empty())
                .collect()
        })
        .collect();
    if pages.iter().all(Vec::is_empty) {
        return Err(Error::NoText { format: FORMAT });
    }
    let (pages, furniture) = strip_furniture(pages);
    let mut text = TextBuilder::default();
    let mut layout = Layout {
        furniture,
        ..Layout::default()
    };
    let full = full_width(&pages);
    let mut open = false; // the last line written runs on
    for page in pages {
        layout.pages.push(text.chars);
        for line in page {
            let trimmed = line.trim();
            // a line broken by the page width continues on the next, unless that one opens
            // a paragraph of its own
            if !open || opens_paragraph(trimmed) {
                text.end_line();
            }
            text.push(trimmed);
            open = width(&line) >= full && !ends_paragraph(trimmed);
        }
    }
    text.end_line();
    Ok(Plain {
        text: text.text,
        format: Format::Pdf,
        encoding: "UTF-8",
        layout,
    })
}

/// The text of each page; a PDF the library cannot read (or that makes it fail) is an error,
/// never a panic.
fn extract_pages(bytes: &[u8]) -> Result<Vec<String>> {
    let fail = |message: String| Error::Document {
        format: FORMAT,
        message,
    };
    let result = quiet_catch(|| pdf_extract::extract_text_from_mem_by_pages(bytes));
    match result {
        Ok(Ok(pages)) => Ok(pages),
        Ok(Err(e)) => Err(fail(e.to_string())),
        Err(()) => Err(fail("the PDF reader failed on this file".into())),
    }
}

thread_local! {
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, turning a panic inside it into `Err(())` without printing it.
fn quiet_catch<T>(f: impl FnOnce() -> T) -> std::result::Result<T, ()> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    result.map_err(|_| ())
}

/// Whether a character is set in Chinese type: Han, CJK punctuation, full-width forms.
fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// Removes the spaces a PDF reader puts between letters set apart on the page (justified
/// Chinese text, letter spacing): Chinese has no spaces between words, so a run of spaces
/// between two Chinese characters, or between a Chinese character and a digit, goes.
/// Spaces between Latin words stay.
///
/// On a page set with letter spacing throughout (`letter_spaced`), every gap between
/// characters is a space, digits and letters of one word included: single gaps go and wider
/// ones (a word gap on top of the letter gap) become one space.
fn tighten(line: &str, letter_spaced: bool) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != ' ' {
            out.push(c);
            i += 1;
            continue;
        }
        let run = chars[i..].iter().take_while(|&&c| c == ' ').count();
        let before = out.chars().last();
        let after = chars.get(i + run).copied();
        let numeric = |c: char| c.is_ascii_digit() || matches!(c, '%' | '.');
        let joins = match (before, after) {
            // letter gaps are single spaces; a word gap is wider
            (Some(_), Some(_)) if letter_spaced => run == 1,
            (Some(b), Some(a)) => {
                (is_cjk(b) && (is_cjk(a) || numeric(a))) || (numeric(b) && is_cjk(a))
            }
            _ => false,
        };
        if !joins {
            if letter_spaced {
                out.push(' ');
            } else {
                out.extend(&chars[i..i + run]);
            }
        }
        i += run;
    }
    out
}

/// Whether a page's text is set with letter spacing: most Chinese characters are followed
/// by a single space.
fn letter_spaced(page: &str) -> bool {
    let chars: Vec<char> = page.chars().collect();
    let cjk = chars.iter().filter(|&&c| is_cjk(c)).count();
    let spaced = chars
        .windows(3)
        .filter(|w| is_cjk(w[0]) && w[1] == ' ' && w[2] != ' ')
        .count();
    spaced >= 3 && spaced * 2 >= cjk
}

/// Display width of a line: CJK characters count two.
fn width(line: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(line.trim_start())
}

/// The width of a full line: lines a page width broke all come within a few columns of the
/// widest lines (a CJK character or a word may not fit at the end); the last lines of
/// paragraphs fall short.
fn full_width(pages: &[Vec<String>]) -> usize {
    let mut widths: Vec<usize> = pages.iter().flatten().map(|l| width(l)).collect();
    widths.sort_unstable();
    if widths.is_empty() {
        return usize::MAX;
    }
    // the widest lines, ignoring a stray few (a table row, a long URL)
    let widest = widths[(widths.len() * 19 / 20).min(widths.len() - 1)];
    (widest - (widest / 10).max(4).min(widest / 2)).max(10)
}

/// Whether a line ends its paragraph by its last character (a closing quote counts after
/// a full stop only).
fn ends_paragraph(line: &str) -> bool {
    let line = line
        .trim_end_matches(['”', '」', '’', '"', ')', '）'])
        .trim_end();
    line.ends_with(['。', '！', '？', '：', '；', '!', '?', ':', ';'])
}

/// Whether a line opens a paragraph by its first characters: a heading or list number
/// (`一、`, `（一）`, `1.`, `2、`, `(1)`, `①`, `第一`).
fn opens_paragraph(line: &str) -> bool {
    let s = line.trim_start();
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if ('①'..='⑳').contains(&first) {
        return true;
    }
    let numeral = |c: char| c.is_ascii_digit() || crate::reading::numerals::is_cn_digit(c);
    let body = match first {
        '(' | '（' => s[first.len_utf8()..].trim_start(),
        _ => s,
    };
    let n: usize = body
        .chars()
        .take_while(|&c| numeral(c))
        .map(char::len_utf8)
        .sum();
    if n == 0 || n > 6 {
        return false;
    }
    let after = body[n..].chars().next();
    match first {
        '(' | '（' => matches!(after, Some(')' | '）')),
        _ => {
            let decimal = body[n..].chars().nth(1).is_some_and(|c| c.is_ascii_digit());
            after == Some('、') || (matches!(after, Some('.' | '．')) && !decimal)
        }
    }
}

/// A line's shape with digits as `#` and spaces removed: running headers differ only by
/// their page numbers.
fn shape(line: &str) -> String {
    line.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// Whether a line is only a page number: `3`, `- 3 -`, `—3—`, `第3页`, `第3页 共12页`, `3/12`.
fn is_page_number(line: &str) -> bool {
    let s: String = line
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '—' | '–' | '－'))
        .collect();
    if s.is_empty() {
        return false;
    }
    let digits = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    if digits(&s) && s.len() <= 3 {
        return true;
    }
    if let Some((a, b)) = s.split_once('/') {
        return digits(a) && digits(b);
    }
    let ordinal = |c: char| crate::lexicon::class!("structure.ordinal_prefix").has_char(c);
    let page = |c: char| crate::lexicon::class!("clean.page_word").has_char(c);
    let total = |c: char| crate::lexicon::class!("clean.page_total").has_char(c);
    let rest = s.strip_prefix(ordinal).unwrap_or(&s);
    let (n, tail) = rest.split_at(
        rest.find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len()),
    );
    // 页, or 页共…页
    let tail: Vec<char> = tail.chars().collect();
    let one_page = tail.len() == 1 && page(tail[0]);
    let of_pages = tail.len() >= 3 && page(tail[0]) && total(tail[1]) && page(tail[tail.len() - 1]);
    digits(n) && (one_page || of_pages)
}

/// Removes page numbers and running headers and footers: lines among the first two or the
/// last two of a page whose shape recurs at the edge of at least half the pages (two at
/// least).
fn strip_furniture(mut pages: Vec<Vec<String>>) -> (Vec<Vec<String>>, Vec<String>) {
    let edges = |p: &Vec<String>| -> Vec<usize> {
        let n = p.len();
        let mut idx: Vec<usize> = (0..n.min(2)).chain(n.saturating_sub(2)..n).collect();
        idx.dedup();
        idx
    };
    let mut counts: HashMap<String, usize> = HashMap::new();
    for p in &pages {
        let mut seen: Vec<String> = edges(p).iter().map(|&i| shape(&p[i])).collect();
        seen.sort();
        seen.dedup();
        for s in seen {
            *counts.entry(s).or_default() += 1;
        }
    }
    let need = (pages.len().div_ceil(2)).max(2);
    let mut furniture = Vec::new();
    for p in &mut pages {
        let drop: Vec<usize> = edges(p)
            .into_iter()
            .filter(|&i| {
                is_page_number(&p[i]) || counts.get(&shape(&p[i])).is_some_and(|&c| c >= need)
            })
            .collect();
        for &i in drop.iter().rev() {
            let line = p.remove(i);
            let line = line.trim().to_string();
            if !is_page_number(&line) && !furniture.contains(&line) {
                furniture.push(line);
            }
        }
    }
    (pages, furniture)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_spacing_goes_between_chinese_characters_only() {
        let page = "全 县 卫 生 院 1 2 家 ， 签 约 率 5 1 . 2 %\n划 . d o c x";
        assert!(letter_spaced(page));
        let lines: Vec<String> = page.lines().map(|l| tighten(l, true)).collect();
        assert_eq!(lines, ["全县卫生院12家，签约率51.2%", "划.docx"]);
        assert_eq!(tighten("通 过 A P P  开 放", true), "通过APP 开放");
        assert!(!letter_spaced(
            "签约率 51.2%，卫生院 12 家。Health Commission"
        ));
        assert_eq!(
            tighten("签约率 51.2%，卫生院 12 家", false),
            "签约率51.2%，卫生院12家"
        );
        assert_eq!(
            tighten("2023 年 Health Commission", false),
            "2023年 Health Commission"
        );
        assert_eq!(tighten("  一、基本情况", false), "  一、基本情况");
    }

    #[test]
    fn page_numbers() {
        for yes in ["3", "- 3 -", "—12—", "第3页", "第 3 页 共 12 页", "3/12"] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in ["2023", "一、基本情况", "3个", "第3章", ""] {
            assert!(!is_page_number(no), "{no}");
        }
    }

    #[test]
    fn paragraph_openings() {
        for yes in [
            "一、基本情况",
            "（一）措施",
            "(2)项目",
            "1.建档",
            "12、9名",
            "①健康",
        ] {
            assert!(opens_paragraph(yes), "{yes}");
        }
        for no in ["1.5万人", "2023年", "签约率", "(全年任务62%)", "12家"] {
            assert!(!opens_paragraph(no), "{no}");
        }
        assert!(ends_paragraph("完成。"));
        assert!(ends_paragraph("他说：“完成。”"));
        assert!(!ends_paragraph("开展以“宜居靓家园健康新生活”"));
    }

    #[test]
    fn running_headers_and_page_numbers_go() {
        let page = |n: usize, body: &[&str]| {
            let mut p = vec!["某县卫生健康委员会文件".to_string()];
            p.extend(body.iter().map(|s| s.to_string()));
            p.push(format!("- {n} -"));
            p
        };
        let (pages, furniture) = strip_furniture(vec![
            page(1, &["一、基本情况", "全县卫生院12家。"]),
            page(2, &["二、存在问题", "人员不足。"]),
        ]);
        assert_eq!(pages[0], ["一、基本情况", "全县卫生院12家。"]);
        assert_eq!(pages[1], ["二、存在问题", "人员不足。"]);
        assert_eq!(furniture, ["某县卫生健康委员会文件"]);
    }

    #[test]
    fn broken_lines_join() {
        let pages = vec![
            vec![
                "全县家庭医生签约服务覆盖常住人口".to_string(),
                "42万人，签约率达".to_string(),
            ],
            vec!["51.2%。".to_string()],
        ];
        let full = full_width(&pages);
        assert!(width(&pages[0][0]) >= full);
        assert!(width(&pages[0][1]) < full);
    }
}
