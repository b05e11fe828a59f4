//! Clean-up: from the decoded source to the cleaned text the rules read, never losing the way
//! back. Every pass keeps, for each character, the source character it came from
//! ([`Tracked`]), so removals and repairs never move a span off its text.
//!
//! Passes, in order:
//! 1. character normalisation: full-width ASCII to ASCII, ideographic space to space, BOM out;
//! 2. lines: web-site boilerplate and metadata tables out (the table's fields are kept for the
//!    report metadata), paywall markers out, everything after a "read the rest" marker out;
//! 3. OCR damage inside numbers repaired (`L17万` → `1.17万`, `IOoOO` → `10000`);
//! 4. page-break markers (`19\n2、9名`) and fixed-width line breaks out, rejoining the words
//!    and numbers they split;
//! 5. traditional characters read as simplified (for matching only; labels stay as written).

use crate::diagnostic::{Code, Diagnostic};
use crate::lexicon::class;
use crate::reading::units;
use crate::text::offset::{Cleaned, Tracked};
use crate::textkit;

/// The result of clean-up.
#[derive(Debug, Clone, Default)]
pub struct CleanOutput {
    /// The cleaned text and its offset map.
    pub cleaned: Cleaned,
    /// What was removed or repaired.
    pub diagnostics: Vec<Diagnostic>,
    /// Key–value fields of a web page's metadata table and publication line
    /// (`发布机构` → `无锡市滨湖区卫生健康委员会`).
    pub page_fields: Vec<(String, String)>,
    /// Where the first publication line or dateline under a headline stood, as an offset
    /// into the source (the line itself is removed): the report's title is the line before.
    pub dateline: Option<usize>,
}

/// Cleans decoded source text.
pub fn clean(source: &str) -> CleanOutput {
    let chars: Vec<char> = source.chars().collect();
    clean_chars(&chars)
}

/// Cleans the decoded source given as characters (what [`crate::convert`] already holds).
pub fn clean_chars(source: &[char]) -> CleanOutput {
    let mut out = CleanOutput::default();
    let chars = normalize_chars(source);
    let source_len = source.len();
    let chars = if chars.iter().any(|t| t.ch == '#') {
        let mut kept = Vec::with_capacity(chars.len());
        strip_inline_markers(&chars, &mut kept, &mut out.diagnostics);
        kept
    } else {
        chars
    };
    let (chars, readings) = strip_readings(chars, &mut out.diagnostics);
    let chars = strip_lines(chars, &readings, &mut out);
    let chars = repair_ocr(chars, &mut out.diagnostics);
    let chars = strip_page_breaks(chars, &mut out.diagnostics, source_len);
    let chars = rejoin_wrapped_lines(chars, &mut out.diagnostics);
    let table = simplified_table();
    let display: Vec<char> = chars.iter().map(|t| t.ch).collect();
    let map: Vec<usize> = chars.iter().map(Tracked::at).collect();
    let mut norm: Vec<char> = display.iter().map(|&c| simplified_in(table, c)).collect();
    let changed = display.iter().zip(&norm).filter(|(a, b)| a != b).count();
    // quotation marks of other forms read as “ ” (〝…〞 of rewritten copies, 「…」)
    let quotes = class!("clean.quote_forms");
    for c in norm.iter_mut().filter(|c| quotes.has_char(**c)) {
        let mut buf = [0u8; 4];
        if let Some(q) = quotes
            .value_of(c.encode_utf8(&mut buf))
            .and_then(|v| v.chars().next())
        {
            *c = q;
        }
    }
    read_rewritten_words(&mut norm);
    if changed > 0 {
        out.diagnostics.push(Diagnostic::new(
            Code::Traditional,
            format!("{changed} traditional characters read as simplified for matching"),
            None,
        ));
    }
    out.cleaned = Cleaned::new(norm, display, map, source_len);
    out.cleaned.readings = readings;
    out
}

/// Reads the words that copies rewritten against plagiarism detection put for the usual ones
/// (`效劳` for 服务, `根本公共卫生` for 基本公共卫生, `到达` for 达到: `clean.rewritten_words`) as
/// the usual ones, in the matching characters only (each pair has words of one length, so no
/// offset moves; the text stays as written).
fn read_rewritten_words(norm: &mut [char]) {
    let words = class!("clean.rewritten_words");
    let starts = words.starts();
    let mut k = 0;
    while k < norm.len() {
        let Some(w) = starts.longest_at(&norm[k..]) else {
            k += 1;
            continue;
        };
        let n = w.chars().count();
        if let Some(usual) = words.value_of(w)
            && usual.chars().count() == n
        {
            for (slot, ch) in norm[k..k + n].iter_mut().zip(usual.chars()) {
                *slot = ch;
            }
        }
        k += n;
    }
}

/// Removes the pinyin readings that automatic conversion to traditional characters writes
/// after Han characters (`衛(wèi)生`, `1.6萬(wàn)張`, [`crate::reading::pinyin_marks`]), so that
/// words, units and numbers read whole again; returns the characters kept and the readings,
/// each after the source index of the character it followed (names and titles put them back).
fn strip_readings(
    chars: Vec<Tracked>,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Tracked>, Vec<(usize, String)>) {
    // a reading holds a tone mark: most texts have none, and cost one scan
    if !chars
        .iter()
        .any(|t| !t.ch.is_ascii() && crate::reading::is_tone_letter(t.ch))
    {
        return (chars, Vec::new());
    }
    let plain: Vec<char> = chars.iter().map(|t| t.ch).collect();
    let marks = crate::reading::pinyin_marks(&plain);
    let mut readings: Vec<(usize, String)> = Vec::new();
    let mut kept = Vec::with_capacity(chars.len());
    let mut first: Option<(usize, usize)> = None;
    for (k, t) in chars.iter().enumerate() {
        if !marks[k] {
            kept.push(*t);
            continue;
        }
        if k > 0 && !marks[k - 1] {
            readings.push((chars[k - 1].at(), String::new()));
            first.get_or_insert((t.at(), t.at()));
        }
        if let Some(last) = readings.last_mut() {
            last.1.push(t.ch);
        }
        if let Some(f) = first.as_mut()
            && f.1 <= t.at()
            && readings.len() == 1
        {
            f.1 = t.at() + 1;
        }
    }
    if !readings.is_empty() {
        diags.push(Diagnostic::new(
            Code::Reading,
            format!(
                "removed {} pinyin readings after Han characters, such as \"{}\" (names and titles keep them)",
                readings.len(),
                readings[0].1
            ),
            first.map(|(a, b)| crate::model::Span::new(a, b)),
        ));
    }
    (kept, readings)
}

/// The simplified form of a traditional character (itself for any other), from fast2s's
/// table, remembered per character: conversion is one character for one, so the offset map
/// is untouched.
pub fn simplified(c: char) -> char {
    simplified_in(simplified_table(), c)
}

/// [`simplified`] for each character of `s`: the same number of characters, so a range of
/// characters found in the result is the same range of `s`.
pub fn simplify(s: &str) -> String {
    let table = simplified_table();
    s.chars().map(|c| simplified_in(table, c)).collect()
}

/// The per-character memory of [`simplified`]: 0 for a character not yet looked up.
fn simplified_table() -> &'static [std::sync::atomic::AtomicU32] {
    static TABLE: std::sync::LazyLock<Vec<std::sync::atomic::AtomicU32>> =
        std::sync::LazyLock::new(|| {
            (0..0x10000)
                .map(|_| std::sync::atomic::AtomicU32::new(0))
                .collect()
        });
    &TABLE
}

#[inline]
fn simplified_in(table: &[std::sync::atomic::AtomicU32], c: char) -> char {
    use std::sync::atomic::Ordering;
    let n = c as u32;
    if !(0x3400..0x10000).contains(&n) {
        return c;
    }
    match table[n as usize].load(Ordering::Relaxed) {
        0 => simplified_first(&table[n as usize], c),
        v => char::from_u32(v).unwrap_or(c),
    }
}

/// [`simplified_in`] for a character not looked up before: asks fast2s and remembers.
#[cold]
fn simplified_first(slot: &std::sync::atomic::AtomicU32, c: char) -> char {
    let mut buf = [0u8; 4];
    let s = fast2s::convert(c.encode_utf8(&mut buf));
    let mut it = s.chars();
    let out = match (it.next(), it.next()) {
        (Some(one), None) => one,
        _ => c,
    };
    slot.store(out as u32, std::sync::atomic::Ordering::Relaxed);
    out
}

/// Pass 1: one character for one, except the BOM, which is dropped.
#[inline(never)]
fn normalize_chars(source: &[char]) -> Vec<Tracked> {
    let mut out: Vec<Tracked> = source
        .iter()
        .enumerate()
        .map(|(src, &c)| Tracked {
            ch: normalize_char(c),
            src: u32::try_from(src).unwrap_or(u32::MAX),
        })
        .collect();
    if source.contains(&'\u{feff}') {
        out.retain(|t| t.ch != '\u{feff}');
    }
    out
}

/// Full-width ASCII forms to ASCII, odd spaces to a space, small percent sign to `%`.
#[inline]
pub fn normalize_char(c: char) -> char {
    match c {
        // most characters of a report: ASCII text and the CJK ideographs
        ' '..='~' | '\u{4e00}'..='\u{9fff}' => c,
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' | '\u{a0}' | '\t' | '\u{2002}' | '\u{2003}' => ' ',
        '\u{fe6a}' => '%',
        _ => c,
    }
}

/// The characters a line needs for a line rule to apply whatever its length: the keys of the
/// tail markers (`clean.tail_marker_keys`, and the first character of any marker that holds
/// none of them), a table's bar and the arrows of a trail of links.
static LINE_KEYS: std::sync::LazyLock<textkit::CharSet> = std::sync::LazyLock::new(|| {
    let keys = class!("clean.tail_marker_keys");
    let unkeyed = class!("clean.tail_markers")
        .words()
        .iter()
        .filter(|w| !w.chars().any(|c| keys.has_char(c)))
        .filter_map(|w| w.chars().next());
    textkit::CharSet::new(
        keys.words()
            .iter()
            .filter_map(|w| w.chars().next())
            .chain(unkeyed)
            .chain(ARROWS)
            .chain(['|']),
    )
});

/// Inline paywall markers.
const INLINE_MARKERS: &[&str] = &["##paidbegin##", "##paidend##", "##paid##"];

/// Pass 2: boilerplate lines, metadata tables, paywall markers.
#[inline(never)]
fn strip_lines(
    mut chars: Vec<Tracked>,
    readings: &[(usize, String)],
    out: &mut CleanOutput,
) -> Vec<Tracked> {
    // lines to drop, as ranges of `chars`, and where the report ends
    let mut dropped: Vec<(usize, usize)> = Vec::new();
    let mut cut_at = None;
    let lines: Vec<&[Tracked]> = chars.split_inclusive(|t| t.ch == '\n').collect();
    let mut in_table = false;
    let mut offset = 0;
    let line_keys: &textkit::CharSet = &LINE_KEYS;
    let tails = class!("clean.tail_markers").starts();
    let boilerplate = class!("clean.boilerplate").starts();
    let publication = class!("clean.publication_lines");
    let dateline_keys = class!("clean.dateline_keys");
    let table = simplified_table();
    let mut plain: Vec<char> = Vec::new();
    let mut plain_at: Vec<usize> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let at = offset;
        offset += line.len();
        let mut drop = || dropped.push((at, at + line.len()));
        // what a line must have for one of the rules below to apply to it, read off its
        // characters so that lines of body text are never made into a string: a tail marker,
        // a table bar or an arrow has a key character; the other rules need a short line
        let has_key = line.iter().any(|t| line_keys.contains(t.ch));
        let blank_start = line.iter().take_while(|t| t.ch.is_whitespace()).count();
        let blank_end = line[blank_start..]
            .iter()
            .rev()
            .take_while(|t| t.ch.is_whitespace())
            .count();
        let trimmed_len = line.len() - blank_start - blank_end;
        if !has_key && trimmed_len > 200 {
            in_table = false;
            continue;
        }
        // the line's characters as the rules read them: simplified (發布日期 is 发布日期),
        // without pinyin readings (發(fā)布), each with its index in the trimmed line
        plain.clear();
        plain.extend(
            line[blank_start..line.len() - blank_end]
                .iter()
                .map(|t| simplified_in(table, t.ch)),
        );
        // the line as written, the pinyin readings taken out before put back, and where each
        // character of `plain` stands in it: made only for the lines whose fields are read
        let written_line = |plain_at: &mut Vec<usize>| {
            let mut written: Vec<char> = Vec::with_capacity(trimmed_len);
            plain_at.clear();
            for t in &line[blank_start..line.len() - blank_end] {
                plain_at.push(written.len());
                written.push(t.ch);
                if let Ok(r) = readings.binary_search_by_key(&t.at(), |(at, _)| *at) {
                    written.extend(readings[r].1.chars());
                }
            }
            written
        };
        let short = trimmed_len <= 200;
        let found =
            |words: &textkit::WordSet| (0..plain.len()).find_map(|k| words.longest_at(&plain[k..]));
        let marker = if has_key { found(tails) } else { None };
        let (bars, arrows) = if has_key {
            (
                plain.iter().filter(|&&c| c == '|').count(),
                plain.iter().filter(|&&c| is_arrow(c)).count(),
            )
        } else {
            (0, 0)
        };
        let furniture = short && found(boilerplate).is_some();
        let published = publication.at(&plain).is_some();
        let breadcrumb = short && arrows > 0;
        if trimmed_len > 80
            && marker.is_none()
            && bars < 2
            && !breadcrumb
            && !furniture
            && !published
        {
            in_table = false;
            continue;
        }
        let text: String = line[blank_start..line.len() - blank_end]
            .iter()
            .map(|t| t.ch)
            .collect();
        let trimmed = text.as_str();
        let span = || match (line.first(), line.last()) {
            (Some(a), Some(b)) => Some(crate::model::Span::new(a.at(), b.at() + 1)),
            _ => None,
        };
        if let Some(marker) = marker {
            let rest: usize = lines[i..].iter().map(|l| l.len()).sum();
            let first = line.first().map_or(0, |t| t.at());
            let last = lines
                .last()
                .and_then(|l| l.last())
                .map_or(first, |t| t.at() + 1);
            out.diagnostics.push(Diagnostic::new(
                Code::Paywall,
                format!("removed {rest} characters from the marker \"{marker}\" to the end"),
                Some(crate::model::Span::new(first, last)),
            ));
            cut_at = Some(at);
            break;
        }
        if bars >= 2 && (in_table || class!("clean.page_keys").in_text(trimmed)) {
            in_table = true;
            read_table_row(trimmed, &mut out.page_fields);
            out.diagnostics.push(Diagnostic::new(
                Code::MetadataTable,
                "metadata table row read into the report metadata and set aside",
                span(),
            ));
            drop();
            continue;
        }
        in_table = false;
        // a metadata field on a line of its own: 索引号:11320000/2024-00123
        if trimmed_len <= 80
            && let Some(key) = class!("clean.page_keys").words().iter().find(|k| {
                trimmed
                    .strip_prefix(*k)
                    .is_some_and(|rest| rest.trim_start().starts_with(':'))
            })
        {
            out.page_fields.extend(line_fields(trimmed));
            out.diagnostics.push(Diagnostic::new(
                Code::MetadataTable,
                format!(
                    "metadata field \"{}\" read into the report metadata and set aside",
                    key.replace(' ', "")
                ),
                span(),
            ));
            drop();
            continue;
        }
        if is_page_number(trimmed) && !trimmed.is_empty() {
            out.diagnostics.push(Diagnostic::new(
                Code::PageBreak,
                format!("removed page number line \"{trimmed}\""),
                span(),
            ));
            drop();
            // a number the page break split (监督员1,2 / 第2页 / 36人次): the line break
            // before the page number goes too, so that its two parts meet again
            let before = i.checked_sub(1).map(|p| lines[p]);
            let after = lines.get(i + 1);
            // the line before ends in a digit, or in a digit and a thousands comma
            let ends_in_digits = before.is_some_and(|l| {
                let mut back = l.iter().rev().map(|t| t.ch).skip_while(|&c| c == '\n');
                match back.next() {
                    Some(',') => back.next().is_some_and(|c| c.is_ascii_digit()),
                    last => last.is_some_and(|c| c.is_ascii_digit()),
                }
            });
            let starts_with_digit =
                after.is_some_and(|l| l.first().is_some_and(|t| t.ch.is_ascii_digit()));
            let newline_kept = at > 0
                && chars[at - 1].ch == '\n'
                && !dropped.iter().any(|&(s, e)| s < at && at <= e);
            if ends_in_digits && starts_with_digit && newline_kept {
                dropped.push((at - 1, at));
                out.diagnostics.push(Diagnostic::new(
                    Code::PageBreak,
                    "rejoined a number split by the page break",
                    span(),
                ));
            }
            continue;
        }
        // a dateline under a headline: a short line stating a date, with its source or author
        // (日期:2024年1月18日 来源:县卫生健康局); read, and kept in the text
        if short
            && !published
            && out.dateline.is_none()
            && i < DATELINE_WITHIN
            && trimmed_len <= 120
            && find_date(trimmed).is_some()
        {
            let written = written_line(&mut plain_at);
            let fields = fields_of(&plain, &plain_at, &written, dateline_keys.words(), true);
            let keyed = (0..plain.len()).any(|k| {
                dateline_keys.at(&plain[k..]).is_some_and(|key| {
                    let after = k + key.chars().count();
                    plain[after..].iter().find(|ch| **ch != ' ') == Some(&':')
                })
            });
            if keyed {
                out.page_fields.extend(fields);
                out.dateline = Some(line.first().map_or(0, |t| t.at()));
            }
        }
        if short && published {
            if let Some(date) = find_date(trimmed) {
                let key = publication
                    .at(&plain)
                    .map_or(publication.value_at(0), |start| {
                        publication.value_of(start).unwrap_or(start)
                    });
                out.page_fields.push((key.into(), date));
            }
            let written = written_line(&mut plain_at);
            out.page_fields.extend(fields_of(
                &plain,
                &plain_at,
                &written,
                dateline_keys.words(),
                true,
            ));
            out.dateline
                .get_or_insert(line.first().map_or(0, |t| t.at()));
            out.diagnostics.push(Diagnostic::new(
                Code::Boilerplate,
                format!("removed publication line \"{}\"", truncate(trimmed, 40)),
                span(),
            ));
            drop();
            continue;
        }
        if short && (furniture || is_breadcrumb(arrows, trimmed)) {
            out.diagnostics.push(Diagnostic::new(
                Code::Boilerplate,
                format!("removed site boilerplate \"{}\"", truncate(trimmed, 40)),
                span(),
            ));
            drop();
            continue;
        }
    }
    drop(lines);
    if let Some(at) = cut_at {
        chars.truncate(at);
    }
    if dropped.is_empty() {
        return chars;
    }
    let n = chars.len();
    let mut mask = vec![false; n];
    for (a, b) in dropped {
        mask[a.min(n)..b.min(n)].iter_mut().for_each(|m| *m = true);
    }
    remove_marked(chars, &mask)
}

/// How many lines from the top a dateline under the headline may stand.
const DATELINE_WITHIN: usize = 40;

/// The arrows of a web page's trail of links.
const ARROWS: [char; 4] = ['>', '»', '›', '→'];

fn is_arrow(c: char) -> bool {
    ARROWS.contains(&c)
}

/// A web page's trail of links (`首页 > 政务公开 > 工作总结`, `网站首页»新闻中心`), given the
/// line and how many arrows it has.
fn is_breadcrumb(arrows: usize, line: &str) -> bool {
    arrows >= 2 || (arrows == 1 && class!("clean.home_page").in_text(line))
}

/// A line that is only a page number: `- 3 -`, `—3—`, `12`, `第3页`, `第 3 页 共 12 页`, `3/12`.
fn is_page_number(line: &str) -> bool {
    if line.len() > 40 {
        return false;
    }
    let s: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let digits_only =
        |x: &str| !x.is_empty() && x.len() <= 4 && x.chars().all(|c| c.is_ascii_digit());
    let dashes = |c: char| matches!(c, '-' | '—' | '–' | '－' | '·');
    let core = s.trim_matches(dashes);
    if digits_only(core) {
        return true;
    }
    let ordinal = |c: char| class!("structure.ordinal_prefix").has_char(c);
    let page = |c: char| class!("clean.page_word").has_char(c);
    let total = |c: char| class!("clean.page_total").has_char(c);
    if let Some(rest) = s.strip_prefix(ordinal)
        && let Some((n, tail)) = rest.split_once(page)
        && digits_only(n)
    {
        return tail.is_empty()
            || tail
                .strip_prefix(total)
                .and_then(|t| t.strip_suffix(page))
                .is_some_and(digits_only);
    }
    if let Some((a, b)) = s.split_once('/') {
        return digits_only(a) && digits_only(b);
    }
    false
}

#[inline(never)]
fn strip_inline_markers(line: &[Tracked], kept: &mut Vec<Tracked>, diags: &mut Vec<Diagnostic>) {
    let chars: Vec<char> = line.iter().map(|t| t.ch).collect();
    let mut i = 0;
    while i < line.len() {
        if chars[i] == '#'
            && let Some(m) = INLINE_MARKERS
                .iter()
                .find(|m| textkit::starts_with(&chars[i..], m))
        {
            let n = m.chars().count();
            diags.push(Diagnostic::new(
                Code::Paywall,
                format!("removed paywall marker \"{m}\""),
                Some(crate::model::Span::new(
                    line[i].at(),
                    line[i + n - 1].at() + 1,
                )),
            ));
            i += n;
            continue;
        }
        kept.push(line[i]);
        i += 1;
    }
}

/// The `key:value` fields of a metadata line, which may hold several after one another
/// (`索引号:11320500/2024-00012  发布日期:2024-01-18`). Keys are those of `clean.page_keys`
/// followed by a colon, matched whatever the spaces between their characters (`文  号:`);
/// each value runs to the next key.
fn line_fields(line: &str) -> Vec<(String, String)> {
    let chars: Vec<char> = line.chars().collect();
    let at: Vec<usize> = (0..chars.len()).collect();
    fields_of(
        &chars,
        &at,
        &chars,
        class!("clean.page_keys").words(),
        false,
    )
}

/// The `key:value` fields of a line whose characters read for matching are `plain` (the
/// `k`-th of them `written[plain_at[k]]` as written), for the keys `keys`: a key followed by a
/// colon, matched whatever the spaces between its characters, a key inside a longer one left
/// out; each value runs to the next key (with `gaps`, also to a run of two or more spaces),
/// trimmed, and is given as written.
fn fields_of(
    plain: &[char],
    plain_at: &[usize],
    written: &[char],
    keys: &[&'static str],
    gaps: bool,
) -> Vec<(String, String)> {
    // the end of `key` matched at `at`, spaces between its characters skipped
    let key_end = |at: usize, key: &str| {
        let mut i = at;
        for (n, k) in key.chars().filter(|&c| c != ' ').enumerate() {
            if n > 0 {
                while plain.get(i) == Some(&' ') {
                    i += 1;
                }
            }
            if plain.get(i) != Some(&k) {
                return None;
            }
            i += 1;
        }
        Some(i)
    };
    // (start of the key, end of its colon, key), in order
    let mut found: Vec<(usize, usize, &str)> = Vec::new();
    for at in 0..plain.len() {
        for key in keys {
            if let Some(end) = key_end(at, key) {
                let colon = end + plain[end..].iter().take_while(|&&c| c == ' ').count();
                if plain.get(colon) == Some(&':') {
                    found.push((at, colon + 1, key));
                }
            }
        }
    }
    found.sort_by_key(|&(at, end, _)| (at, std::cmp::Reverse(end)));
    found.dedup_by(|later, kept| later.0 < kept.1);
    found
        .iter()
        .enumerate()
        .filter_map(|(n, &(_, from, key))| {
            let mut to = found.get(n + 1).map_or(plain.len(), |next| next.0);
            if gaps
                && let Some(gap) = (from..to.saturating_sub(1))
                    .find(|&i| i > from && plain[i] == ' ' && plain[i + 1] == ' ')
            {
                to = gap;
            }
            if from >= to {
                return None;
            }
            let until = plain_at.get(to).copied().unwrap_or(written.len());
            let value: String = written[plain_at[from]..until].iter().collect();
            let value = value.trim();
            (!value.is_empty()).then(|| (key.replace(' ', ""), value.to_string()))
        })
        .collect()
}

fn read_table_row(row: &str, fields: &mut Vec<(String, String)>) {
    // a key cell may keep its colon: 发布机构: | 某某县卫生健康委员会
    let cells: Vec<&str> = row
        .split('|')
        .map(|c| c.trim().trim_end_matches(':').trim_end())
        .collect();
    for pair in cells.windows(2) {
        let keys = class!("clean.page_keys");
        if keys.has(pair[0]) && !pair[1].is_empty() && !keys.has(pair[1]) {
            fields.push((pair[0].to_string(), pair[1].to_string()));
        }
    }
}

/// The first `YYYY-MM-DD` (or `YYYY年M月D日`, `YYYY/MM/DD`) date in a line, as `YYYY-MM-DD`.
pub fn find_date(line: &str) -> Option<String> {
    let chars: Vec<char> = line.chars().collect();
    let date_mark_at = |at: usize, part: &str| {
        chars
            .get(at)
            .is_some_and(|&c| crate::reading::date_mark(c) == Some(part))
    };
    for start in 0..chars.len() {
        let digits = |from: usize, max: usize| {
            let n = chars[from.min(chars.len())..]
                .iter()
                .take(max)
                .take_while(|c| c.is_ascii_digit())
                .count();
            (n > 0).then(|| chars[from..from + n].iter().collect::<String>())
        };
        if start > 0 && chars[start - 1].is_ascii_digit() {
            continue;
        }
        let Some(year) = digits(start, 4).filter(|y| y.len() == 4) else {
            continue;
        };
        let sep = start + 4;
        if !(matches!(chars.get(sep), Some('-' | '/' | '.')) || date_mark_at(sep, "year")) {
            continue;
        }
        let Some(month) = digits(sep + 1, 2) else {
            continue;
        };
        let sep2 = sep + 1 + month.len();
        if !(matches!(chars.get(sep2), Some('-' | '/' | '.')) || date_mark_at(sep2, "month")) {
            continue;
        }
        let Some(day) = digits(sep2 + 1, 2) else {
            continue;
        };
        let (m, d): (u32, u32) = (month.parse().ok()?, day.parse().ok()?);
        if (1..=12).contains(&m) && (1..=31).contains(&d) {
            return Some(format!("{year}-{m:02}-{d:02}"));
        }
    }
    None
}

fn truncate(s: &str, n: usize) -> String {
    let mut t: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        t.push('…');
    }
    t
}

/// Characters that end a sentence or clause at a line end: a break after them is a real one.
fn ends_sentence(c: char) -> bool {
    matches!(
        c,
        '。' | '!' | '?' | ';' | ':' | '”' | '」' | '…' | ')' | '》' | '.'
    )
}

/// A line-start `N、` that may be a page-break marker.
struct PageMark {
    /// Index of the `\n` before it (`None` at the start of the text).
    newline: Option<usize>,
    /// Index of the first digit.
    start: usize,
    /// Index one past the `、`.
    end: usize,
    number: u32,
    /// The break falls inside a sentence of a long line: the text runs on across it.
    mid_sentence: bool,
}

/// Pass 3: page-break markers. Pages of documents copied from download sites start with
/// `N、` (N = page number), often in the middle of a sentence or a number. A run of line-start
/// `N、` with consecutive numbers, at least two of which split a sentence of a long line, is a
/// run of page markers; they are removed, and where they split a sentence the line break goes
/// too, so `协管员19\n2、9名` reads `协管员199名`.
#[inline(never)]
fn strip_page_breaks(
    chars: Vec<Tracked>,
    diags: &mut Vec<Diagnostic>,
    source_len: usize,
) -> Vec<Tracked> {
    const LONG_LINE: usize = 40;
    let mut marks = Vec::new();
    let mut line_start = 0;
    for i in 0..chars.len() {
        if i > 0 && chars[i - 1].ch != '\n' {
            continue;
        }
        let newline = i.checked_sub(1);
        let prev_len = newline.map_or(0, |n| n - line_start);
        line_start = i;
        let digits = chars[i..]
            .iter()
            .take(3)
            .take_while(|t| t.ch.is_ascii_digit())
            .count();
        if digits == 0 || chars.get(i + digits).map(|t| t.ch) != Some('、') {
            continue;
        }
        let number: u32 = chars[i..i + digits]
            .iter()
            .map(|t| t.ch)
            .collect::<String>()
            .parse()
            .unwrap_or(0);
        let before = newline.and_then(|n| n.checked_sub(1)).map(|p| chars[p].ch);
        let mid_sentence = prev_len >= LONG_LINE && before.is_some_and(|c| !ends_sentence(c));
        marks.push(PageMark {
            newline,
            start: i,
            end: i + digits + 1,
            number,
            mid_sentence,
        });
    }
    // Runs of consecutive numbers.
    let mut accepted: Vec<&PageMark> = Vec::new();
    let mut run: Vec<&PageMark> = Vec::new();
    fn flush<'a>(run: &mut Vec<&'a PageMark>, accepted: &mut Vec<&'a PageMark>) {
        if run.iter().filter(|m| m.mid_sentence).count() >= 2 {
            accepted.append(run);
        }
        run.clear();
    }
    for m in &marks {
        if run.last().is_some_and(|last| m.number == last.number + 1) || run.is_empty() {
            run.push(m);
        } else {
            flush(&mut run, &mut accepted);
            run.push(m);
        }
    }
    flush(&mut run, &mut accepted);
    if accepted.is_empty() {
        return chars;
    }
    let mut drop = vec![false; chars.len()];
    for m in &accepted {
        let from = if m.mid_sentence {
            m.newline.unwrap_or(m.start)
        } else {
            m.start
        };
        for d in &mut drop[from..m.end] {
            *d = true;
        }
        let span_start = chars[from].at();
        let span_end = chars.get(m.end - 1).map_or(source_len, |t| t.at() + 1);
        let what = if m.mid_sentence {
            format!(
                "removed page-break marker \"{}、\" and rejoined the text it split",
                m.number
            )
        } else {
            format!("removed page-break marker \"{}、\"", m.number)
        };
        diags.push(Diagnostic::new(
            Code::PageBreak,
            what,
            Some(crate::model::Span::new(span_start, span_end)),
        ));
    }
    remove_marked(chars, &drop)
}

/// Removes the characters marked in `drop`, in place.
fn remove_marked(mut chars: Vec<Tracked>, drop: &[bool]) -> Vec<Tracked> {
    let mut k = 0;
    chars.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
    chars
}

/// Whether a line starts with a heading number (`一、`, `(一)`, `1.`, `(1)`): a wrapped
/// paragraph never continues into one.
fn starts_heading(line: &[char]) -> bool {
    let numerals = class!("number.plain_digits");
    let cn = |c: char| numerals.has_char(c);
    match line.first() {
        Some(&c) if cn(c) => {
            let n = line.iter().take_while(|&&c| cn(c)).count();
            line.get(n) == Some(&'、')
        }
        Some('(') => line.iter().skip(1).take(4).any(|&c| c == ')'),
        Some(c) if c.is_ascii_digit() => {
            let n = line.iter().take_while(|c| c.is_ascii_digit()).count();
            matches!(line.get(n), Some('.' | '、'))
                && !line.get(n + 1).is_some_and(char::is_ascii_digit)
        }
        _ => false,
    }
}

/// Pass 3b: text copied from a PDF or a fixed-width page breaks every line at the same width,
/// in the middle of words and numbers (`建立居民电子健康档\n案476094份`). When most long lines
/// end so, at about the same width and without closing punctuation, the breaks after those
/// lines are not paragraph ends and are removed.
#[inline(never)]
fn rejoin_wrapped_lines(chars: Vec<Tracked>, diags: &mut Vec<Diagnostic>) -> Vec<Tracked> {
    let plain: Vec<char> = chars.iter().map(|t| t.ch).collect();
    let mut drop = vec![false; chars.len()];
    let breaks: Vec<usize> = (0..plain.len()).filter(|&i| plain[i] == '\n').collect();
    // numbers broken by a line break, whatever the line widths
    type Rule = fn(&[char], usize) -> bool;
    let rules: [(Rule, &str); 2] = [
        (broken_at_point, "at their decimal point"),
        (broken_between_digits, "between their digits"),
    ];
    for (broken, how) in rules {
        let n = breaks
            .iter()
            .filter(|&&i| broken(&plain, i))
            .inspect(|&&i| drop[i] = true)
            .count();
        if n > 0 {
            diags.push(Diagnostic::new(
                Code::PageBreak,
                format!("rejoined {n} numbers broken {how} by a line break"),
                None,
            ));
        }
    }
    if let Some((joined, full)) = fixed_width_joins(&plain, &breaks, &mut drop) {
        diags.push(Diagnostic::new(
            Code::PageBreak,
            format!(
                "rejoined {joined} lines wrapped at a fixed width of about {} characters",
                full / 2
            ),
            None,
        ));
    }
    if drop.iter().any(|&d| d) {
        remove_marked(chars, &drop)
    } else {
        chars
    }
}

/// Whether the line break at `i` splits a number at its decimal point (`52.` / `3万人次`).
fn broken_at_point(plain: &[char], i: usize) -> bool {
    i >= 3
        && i + 1 < plain.len()
        && plain[i - 1] == '.'
        && plain[i - 2].is_ascii_digit()
        && plain[i - 3] != '\n'
        && plain[i + 1].is_ascii_digit()
}

/// Whether the line break at `i` splits a number between its digits in running text
/// (`建档率达到9` / `1.2%。`): the line ends in digits after a Chinese character, and the next
/// line goes on with digits that make a figure with its unit (not a list number: `1、`,
/// `2.加强`, nor a year).
fn broken_between_digits(plain: &[char], i: usize) -> bool {
    if i < 2 || i + 1 >= plain.len() || !plain[i - 1].is_ascii_digit() {
        return false;
    }
    let figure_char = |c: &&char| c.is_ascii_digit() || **c == '.';
    let run = plain[..i].iter().rev().take_while(figure_char).count();
    let next = &plain[i + 1..];
    let digits = next.iter().take_while(figure_char).count();
    run < i
        && textkit::is_han(plain[i - run - 1])
        && next[0].is_ascii_digit()
        && next[digits - 1] != '.'
        && units::continues_number(&next[digits..])
}

/// Marks in `drop` the line breaks (at `breaks`) of lines wrapped at a fixed width; returns how
/// many and the width, if the text is so wrapped.
#[inline(never)]
fn fixed_width_joins(
    plain: &[char],
    breaks: &[usize],
    drop: &mut [bool],
) -> Option<(usize, usize)> {
    let mut lines: Vec<(usize, usize)> = Vec::with_capacity(breaks.len() + 1);
    let mut start = 0;
    for &i in breaks {
        lines.push((start, i));
        start = i + 1;
    }
    lines.push((start, plain.len()));
    // display columns: a CJK character is two, an ASCII character one
    // display columns, counted no further than a fixed-width page could be wide
    let width = |&(s, e): &(usize, usize)| -> usize {
        plain[s..e.min(s + 130)]
            .iter()
            .filter(|c| !c.is_whitespace())
            .map(|c| if c.is_ascii() { 1 } else { 2 })
            .sum()
    };
    let mut widths: Vec<usize> = lines.iter().map(width).filter(|&w| w >= 20).collect();
    if widths.len() < 6 {
        return None;
    }
    widths.sort_unstable();
    let full = widths[widths.len() * 9 / 10];
    if !(30..=120).contains(&full) {
        return None;
    }
    let open = |&(s, e): &(usize, usize)| {
        let last = plain[s..e].iter().rev().find(|c| !c.is_whitespace());
        last.is_some_and(|&c| !ends_sentence(c) && c != ',')
    };
    let wrapped: Vec<bool> = lines
        .iter()
        .map(|l| width(l) * 100 >= full * 88 && open(l))
        .collect();
    let n_wrapped = wrapped.iter().filter(|&&w| w).count();
    if n_wrapped < 3 || n_wrapped * 10 < widths.len() * 3 {
        return None;
    }
    let mut joined = 0;
    for (k, l) in lines.iter().enumerate() {
        let Some(next) = lines.get(k + 1) else { break };
        let next_line = &plain[next.0..next.1];
        let next_text = &next_line[next_line.iter().take_while(|c| c.is_whitespace()).count()..];
        if wrapped[k] && !next_text.is_empty() && !starts_heading(next_text) {
            drop[l.1] = true;
            joined += 1;
        }
    }
    Some((joined, full))
}

/// Letters that OCR puts in place of digits.
fn ocr_digit(c: char) -> bool {
    matches!(c, 'l' | 'I' | 'O' | 'o' | 'L')
}

/// Pass 4: OCR damage inside numbers. A run of digits and digit-like letters (`l I O o L`) that
/// stands between non-Latin text and a numeric continuation (万, %, 余, a measure word) is a
/// damaged number: `l`/`I` read as 1, `O`/`o` as 0, and a leading `L` as `1.` (the digit and
/// the point fused). `%o` before Chinese text is a percent sign and a full stop.
#[inline(never)]
fn repair_ocr(chars: Vec<Tracked>, diags: &mut Vec<Diagnostic>) -> Vec<Tracked> {
    if !chars.iter().any(|t| ocr_digit(t.ch)) {
        return chars;
    }
    let plain: Vec<char> = chars.iter().map(|t| t.ch).collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = plain[i];
        if c == '%'
            && plain.get(i + 1) == Some(&'o')
            && !plain.get(i + 2).is_some_and(|n| n.is_ascii_alphanumeric())
        {
            out.push(chars[i]);
            out.push(Tracked {
                ch: '。',
                src: chars[i + 1].src,
            });
            diags.push(Diagnostic::new(
                Code::StrayAfterPercent,
                "read \"%o\" as \"%。\" (an OCR-damaged full stop); if the source meant ‰, check it",
                Some(crate::model::Span::new(chars[i].at(), chars[i + 1].at() + 1)),
            ));
            i += 2;
            continue;
        }
        let starts_run = (c.is_ascii_digit() || ocr_digit(c))
            && !(i > 0 && (plain[i - 1].is_ascii_alphanumeric() || plain[i - 1] == '.'));
        if starts_run {
            // a thousands comma belongs to the run: l,256户 is 1,256户
            let mut len = 0;
            while let Some(&ch) = plain.get(i + len) {
                let thousands = ch == ','
                    && len > 0
                    && plain[i + len + 1..]
                        .iter()
                        .take_while(|c| c.is_ascii_digit())
                        .count()
                        == 3;
                if !(ch.is_ascii_digit() || ocr_digit(ch) || ch == '.' || thousands) {
                    break;
                }
                len += 1;
            }
            let run = &plain[i..i + len];
            if let Some(fixed) = repair_run(run, &plain[i + len..]) {
                let original: String = run.iter().collect();
                let repaired: String = fixed.iter().map(|&(ch, _)| ch).collect();
                diags.push(Diagnostic::new(
                    Code::OcrDigit,
                    format!("read OCR-damaged number \"{original}\" as \"{repaired}\""),
                    Some(crate::model::Span::new(
                        chars[i].at(),
                        chars[i + len - 1].at() + 1,
                    )),
                ));
                out.extend(fixed.into_iter().map(|(ch, k)| Tracked {
                    ch,
                    src: chars[i + k].src,
                }));
            } else {
                out.extend_from_slice(&chars[i..i + len]);
            }
            i += len;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// The repaired characters of a damaged number (each with the index in `run` it came from), or
/// `None` when the run is not a damaged number.
fn repair_run(run: &[char], after: &[char]) -> Option<Vec<(char, usize)>> {
    if !run.iter().any(|&c| ocr_digit(c)) {
        return None;
    }
    if after.first().is_some_and(|c| c.is_ascii_alphabetic()) || !units::continues_number(after) {
        return None;
    }
    let has_digit = run.iter().any(|c| c.is_ascii_digit());
    if !has_digit && run.len() < 2 {
        return None;
    }
    let mut fixed = Vec::with_capacity(run.len() + 1);
    for (k, &c) in run.iter().enumerate() {
        match c {
            'L' if k == 0 && run.len() > 1 && run[1] != '.' => {
                fixed.push(('1', k));
                fixed.push(('.', k));
            }
            'L' => return None,
            'l' | 'I' => fixed.push(('1', k)),
            'O' | 'o' => fixed.push(('0', k)),
            _ => fixed.push((c, k)),
        }
    }
    let dots = fixed.iter().filter(|(c, _)| *c == '.').count();
    if dots > 1 || fixed.first().is_some_and(|(c, _)| *c == '.') || fixed.last()?.0 == '.' {
        return None;
    }
    Some(fixed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(s: &str) -> (String, CleanOutput) {
        let out = clean(s);
        (out.cleaned.display.iter().collect(), out)
    }

    #[test]
    fn several_metadata_fields_on_one_line() {
        assert_eq!(
            line_fields("信息索引号:11320500MB1234567X/2024-00012  发布日期: 2024-01-18"),
            [
                (
                    "信息索引号".to_string(),
                    "11320500MB1234567X/2024-00012".to_string()
                ),
                ("发布日期".to_string(), "2024-01-18".to_string()),
            ]
        );
        assert_eq!(line_fields("索引号:"), []);
    }

    #[test]
    fn page_break_markers_rejoin_split_numbers() {
        let long = "聘任卫生监督协管员这是一段足够长的文字用来模拟一页的内容并且不以句号结束所以它会被接上协管员19";
        let src = format!(
            "标题\n1、{long}\n2、9名,同时这是一段足够长的文字用来模拟一页的内容并且不以句号结束高血压服务率6\n3、5.5%(全年任务62%)。"
        );
        let (text, out) = cleaned(&src);
        assert!(text.contains("协管员199名"), "{text}");
        assert!(text.contains("服务率65.5%"), "{text}");
        assert!(!text.contains("1、"), "{text}");
        let span = out.cleaned.span(
            text.chars().position(|c| c == '9').unwrap() - 1,
            text.chars().count(),
        );
        assert!(span.end <= out.cleaned.source_len);
    }

    #[test]
    fn numbered_list_is_not_a_page_break() {
        let src = "一、总体情况\n1、这是一段足够长的文字用来模拟一个列表项的内容并且以句号结束的那种正常段落。\n2、这是一段足够长的文字用来模拟一个列表项的内容并且以句号结束的那种正常段落。\n3、再一项。";
        let (text, _) = cleaned(src);
        assert!(text.contains("\n2、") && text.contains("\n3、"));
    }

    #[test]
    fn ocr_damage_inside_numbers() {
        let (text, _) =
            cleaned("参与居民L17万余人次,签约率1.4%(任务Ll%),受益居民IOoOO余人,访视率98.63%o预防");
        assert!(text.contains("居民1.17万余人次"), "{text}");
        assert!(text.contains("任务1.1%"), "{text}");
        assert!(text.contains("居民10000余人"), "{text}");
        assert!(text.contains("98.63%。预防"), "{text}");
        // a damaged first digit before a thousands comma
        let (text, _) = cleaned("签约服务l,256户,投入3O,000元,共l,2个");
        assert!(text.contains("服务1,256户"), "{text}");
        assert!(text.contains("投入30,000元"), "{text}");
        assert!(text.contains("共l,2个"), "{text}");
    }

    #[test]
    fn latin_words_are_not_ocr_numbers() {
        let (text, _) = cleaned("通过APP和Word文档,COVID-19,IOS系统100人");
        assert_eq!(text, "通过APP和Word文档,COVID-19,IOS系统100人");
    }

    #[test]
    fn boilerplate_and_tables_are_removed_and_fields_kept() {
        let src = "标题\n发布时间:2024-03-13 17:41 [ 大 中 小 ]\n信息索引号 | 014028901/2023-11651 | 生成日期 | 2024-03-13 |\n文件下载 | |||||\n正文##paidbegin##内容\n............试读结束............\n查阅全文";
        let (text, out) = cleaned(src);
        assert_eq!(text, "标题\n正文内容\n");
        assert!(
            out.page_fields
                .contains(&("信息索引号".into(), "014028901/2023-11651".into()))
        );
        assert!(
            out.page_fields
                .contains(&("发布日期".into(), "2024-03-13".into()))
        );
    }

    #[test]
    fn numbers_broken_at_their_decimal_point_are_rejoined() {
        let (text, out) = cleaned("标题\n全年共接诊门诊患者52.\n3万人次。\n1.\n2023年\n");
        assert_eq!(text, "标题\n全年共接诊门诊患者52.3万人次。\n1.\n2023年\n");
        assert_eq!(out.diagnostics.len(), 1);
    }

    #[test]
    fn numbers_broken_between_their_digits_are_rejoined() {
        let (text, out) = cleaned("标题\n电子建档率达到9\n1.2%。门诊12\n3万人次\n");
        assert_eq!(text, "标题\n电子建档率达到91.2%。门诊123万人次\n");
        assert_eq!(out.diagnostics.len(), 1);
        // a list number, a year, or a table's column of figures goes on its own line
        for s in [
            "标题\n任务完成5\n1.加强管理\n",
            "标题\n截至9\n2023年\n",
            "指标 2022 2023\n门诊 12\n3万人次\n",
        ] {
            assert_eq!(cleaned(s).0, s, "{s}");
        }
    }

    #[test]
    fn breadcrumbs_are_furniture() {
        let (text, _) = cleaned(
            "首页 > 政务公开 > 工作总结\n网站首页»通知\n标题\n全县医院5家,比上年多2家>3家\n",
        );
        assert_eq!(text, "标题\n全县医院5家,比上年多2家>3家\n");
    }

    #[test]
    fn lines_wrapped_at_a_fixed_width_are_rejoined() {
        let src = "XX市卫生健康委员会2023年工作总结\n一、主要工作完成情况\n(一)基本公共卫生服务。全市累计建立居民电子健康档\n案476094份,电子档案建档率为85.6%;65岁及以上老年\n人健康管理45777人,健康管理率63.9%。高血压患者规范管\n理36035人,规范管理率为65.5%,较上年提高2.1个百分\n点。\n- 2 -\n(二)医疗服务能力。全市二级以上医院开展日间手术1256\n例,同比增长35.2%,日间手术占择期手术比例达到12\n.5%。\n";
        let (text, _) = cleaned(src);
        assert!(text.contains("电子健康档案476094份"), "{text}");
        assert!(text.contains("老年人健康管理"), "{text}");
        assert!(text.contains("2.1个百分点。\n(二)医疗服务能力"), "{text}");
        assert!(text.contains("手术1256例"), "{text}");
        assert!(text.contains("12.5%"), "{text}");
        assert!(
            text.contains("工作总结\n一、主要工作完成情况\n(一)"),
            "{text}"
        );
    }

    #[test]
    fn page_numbers_and_metadata_fields() {
        for line in ["- 3 -", "—12—", "12", "第3页", "第 3 页 共 12 页", "3/12"] {
            assert!(is_page_number(line), "{line}");
        }
        for line in ["3个", "第3个", "2023年", "1.5"] {
            assert!(!is_page_number(line), "{line}");
        }
        let (text, out) =
            cleaned("标题\n索引号:11320000/2024-00123\n发布机构:XX市卫生健康委员会\n正文");
        assert_eq!(text, "标题\n正文");
        assert!(
            out.page_fields
                .contains(&("发布机构".into(), "XX市卫生健康委员会".into()))
        );
    }

    #[test]
    fn every_tail_marker_has_a_key_character() {
        let keys = class!("clean.tail_marker_keys");
        for m in class!("clean.tail_markers").words() {
            assert!(m.chars().any(|c| keys.has_char(c)), "{m}");
        }
    }

    #[test]
    fn full_width_and_traditional() {
        let out = clean("簽約率５１．２％，２．５萬個");
        let display: String = out.cleaned.display.iter().collect();
        let norm: String = out.cleaned.norm.iter().collect();
        assert_eq!(display, "簽約率51.2%,2.5萬個");
        assert_eq!(norm, "签约率51.2%,2.5万个");
    }
}
