//! Report metadata: title, issuer, jurisdiction, period, kind, and a web page's publication
//! fields.

use crate::lexicon::{Class, class};
use crate::model::{Jurisdiction, Level, Report, ReportKind, Section, SectionRole, Span};
use crate::reading::{date_mark, without_pinyin};
use crate::text::Cleaned;
use crate::textkit::{WordSet, char_set, is_han};

/// File-name endings a title copied from a download site may carry.
const FILE_ENDINGS: &[&str] = &[
    ".docx", ".doc", ".pdf", ".txt", ".wps", ".html", ".htm", ".xlsx", ".xls", ".et",
];

/// Reads the report metadata from the cleaned text, the page fields, the place of the
/// dateline under the headline (an offset into the source) and the sections; and whether the
/// report is a plan by its text, not its title (rule `kind.text_plans`).
pub fn report_meta(
    c: &Cleaned,
    page_fields: &[(String, String)],
    dateline: Option<usize>,
    sections: &[Section],
) -> (Report, bool) {
    let field = |keys: &'static Class| field_of(page_fields, keys);
    let (title, title_span) = match field(class!("meta.title_keys")) {
        Some(t) => (t, None),
        None => title(c, dateline),
    };
    // words are matched in simplified characters (總結 is 总结) without pinyin readings
    // (衛(wèi)生 is 卫生), names kept as written
    let title_norm = plain_of(&title);
    let issuer = field(class!("meta.issuer_keys"))
        .or_else(|| issuer_named(&title, true))
        .or_else(|| {
            // a dateline's source (来源:县卫生健康局), when it names a health body
            page_fields
                .iter()
                .filter(|(k, _)| class!("meta.source_keys").has(k))
                .find_map(|(_, v)| issuer_named(v, true))
        })
        .or_else(|| {
            // a form's reporting unit (填报单位 某某镇卫生院) near the top
            let n = c.len().min(FORM_KEYS_WITHIN);
            form_issuer(c, n)
        })
        .or_else(|| {
            // in the body, only a health administration is taken for the author
            let n = c.len().min(300);
            issuer_in(&c.norm[..n], false).map(|(s, e)| c.written_string(s, e))
        })
        .unwrap_or_default();
    let issuer_norm = plain_of(&issuer);
    let mut jurisdiction = jurisdiction(&issuer_norm, &title_norm);
    if jurisdiction.level == Level::Unknown {
        jurisdiction.level = level_of_text(c);
    }
    if jurisdiction.level == Level::Unknown
        && let Some(place) = place_opening_the_text(c)
    {
        jurisdiction = place;
    }
    for (written, norm) in [(&issuer, &issuer_norm), (&title, &title_norm)] {
        if jurisdiction.name.is_empty() {
            break;
        }
        if let Some(at) = norm.find(&jurisdiction.name) {
            let start = norm[..at].chars().count();
            let n = jurisdiction.name.chars().count();
            jurisdiction.name = written_range(written, (start, start + n));
            break;
        }
    }
    let mut kind = kind_of(&title_norm, sections);
    let planned_by_text = matches!(kind, ReportKind::Summary | ReportKind::Other) && text_plans(c);
    if planned_by_text {
        kind = ReportKind::Plan;
    }
    let mut period = period_of(&title_norm);
    if period.is_empty() {
        // the text after the dateline, where there is one
        let from = dateline.map_or(0, |d| {
            let at = c.cleaned_pos(d);
            // a dateline kept in the text is skipped to its end; a removed one is gone
            if at < c.len() && c.source_pos(at) == d {
                c.norm[at..]
                    .iter()
                    .position(|&ch| ch == '\n')
                    .map_or(c.len(), |p| at + p)
            } else {
                at
            }
        });
        period = period_of_text(c, from, &title_norm);
    }
    let report = Report {
        period,
        title,
        title_span,
        issuer,
        jurisdiction,
        kind,
        published: field(class!("meta.published_keys"))
            .and_then(|d| crate::text::clean::find_date(&d)),
        index_number: field(class!("meta.index_number_keys")),
    };
    (report, planned_by_text)
}

/// `s` as the rules read it: simplified, without pinyin readings.
fn plain_of(s: &str) -> String {
    let chars: Vec<char> = crate::text::clean::simplify(s).chars().collect();
    without_pinyin(&chars).0.into_iter().collect()
}

/// The characters of `written` that make characters `start..end` of [`plain_of`]`(written)`,
/// pinyin readings inside the range kept.
fn written_range(written: &str, (start, end): (usize, usize)) -> String {
    let chars: Vec<char> = written.chars().collect();
    let (_, at) = without_pinyin(&chars);
    match (at.get(start), end.checked_sub(1).and_then(|e| at.get(e))) {
        (Some(&s), Some(&e)) => chars[s..=e].iter().collect(),
        _ => String::new(),
    }
}

/// The health body `written` names ([`issuer_in`]), as written.
fn issuer_named(written: &str, institutions: bool) -> Option<String> {
    let plain: Vec<char> = plain_of(written).chars().collect();
    issuer_in(&plain, institutions).map(|r| written_range(written, r))
}

/// How far from the top of a text the fields of a form (填报单位, 实施单位) are looked for.
const FORM_KEYS_WITHIN: usize = 1000;

/// The reporting unit of a form flattened into text: the health body named right after a key
/// of `meta.form_issuer_keys` (`填报单位:某某镇卫生院`, `实施单位 某某镇卫生院`) among the
/// first `n` characters.
fn form_issuer(c: &Cleaned, n: usize) -> Option<String> {
    let keys = class!("meta.form_issuer_keys");
    // (clean-up took the pinyin readings out of the cleaned text)
    let plain = &c.norm[..n];
    (0..plain.len()).find_map(|k| {
        let key = keys.at(&plain[k..])?;
        let mut from = k + key.chars().count();
        while plain
            .get(from)
            .is_some_and(|&ch| ch == ' ' || ch == ':' || ch == '\n')
        {
            from += 1;
        }
        let to = (from..plain.len())
            .find(|&i| plain[i].is_whitespace())
            .unwrap_or(plain.len());
        let (s, e) = issuer_in(&plain[from..to], true)?;
        (s == 0).then(|| c.written_string(from + s, from + e))
    })
}

/// The value of the page field whose key is of `keys` with the lowest rank (the value paired
/// with the key; a key of a class of words has no rank), the first such field for a tie.
fn field_of(page_fields: &[(String, String)], keys: &'static Class) -> Option<String> {
    let rank = |k: &str| {
        keys.value_of(k)
            .and_then(|r| r.parse::<u32>().ok())
            .unwrap_or(u32::MAX)
    };
    page_fields
        .iter()
        .filter(|(k, _)| keys.has(k))
        .min_by_key(|(k, _)| rank(k))
        .map(|(_, v)| v.clone())
}

/// The endings of the names of health administrations and of the institutions that write
/// reports.
fn issuer_endings() -> (&'static WordSet, &'static WordSet) {
    (
        class!("meta.administration_endings").starts(),
        class!("meta.institution_endings").starts(),
    )
}

/// How many lines from the top of a text may hold its title (site furniture, breadcrumbs
/// and a notice's heading may stand before it).
const TITLE_LINES: usize = 12;

/// The report's title: among the first lines of the text, the best that names a report by
/// its kind (`meta.title_words`): one that ends in a title ending (`…工作要点`, not
/// `…工作要点的通知`), then one that states a year, then the first. The headline right above
/// a web article's dateline (`dateline`, an offset into the source) is a title whatever its
/// words, ranked with those ending in a title ending. A line of prose (a clause break in it),
/// a breadcrumb of a few characters or a line of over 80 characters is no title; a text none
/// of whose first lines names a report has no title (the first line of a copy that starts
/// mid-report is prose or a heading). A title set on two lines, the issuer's name over the
/// kind of report (`XX县卫生健康局` / `2022年度工作总结`), is both. Chrome around the title
/// (`第1篇`, `1350字`, `Page 3 -`, a file name's ending) is left out; the title of a
/// collection (`…工作总结汇编(5篇)`) gives way to that of its first document; a yearbook
/// entry's 【heading】 at the top of the text, and a title glued to the text of a copy
/// flattened onto one line, are titles too.
fn title(c: &Cleaned, dateline: Option<usize>) -> (String, Option<Span>) {
    let mut best: Option<(u8, usize, usize)> = None;
    let mut headline: Option<(usize, usize)> = None;
    let mut from = 0;
    let mut first = true;
    for _ in 0..TITLE_LINES {
        let Some((start, mut end)) = next_line(c, from) else {
            break;
        };
        from = end;
        if let Some((s, e)) = first_of_collection(c, start, end) {
            best = Some((u8::MAX, s, e));
            break;
        }
        if let Some((s, e, entry)) = glued_title(c, start, end) {
            // a yearbook entry's heading, or a glued title on the first line or stating a year
            let score = if entry {
                Some(2)
            } else {
                title_score(&c.norm[s..e])
            };
            if first || entry || score >= Some(3) {
                consider(&mut best, score, s, e);
                first = false;
                if e < end {
                    continue;
                }
            }
        }
        first = false;
        let line = &c.norm[start..end];
        if (class!("meta.administration_endings").ending(line).is_some()
            || class!("meta.institution_endings").ending(line).is_some())
            && let Some((s2, e2)) = next_line(c, end)
            && e2 - s2 <= 40
        {
            let second: String = c.norm[s2..e2].iter().collect();
            if class!("meta.report_kinds").in_text(&second) {
                end = e2;
                from = e2;
            }
        }
        // a title wrapped onto a second line: 枞阳县2023年度国家基本公共卫生 / 服务项目绩效评价自评报告
        let mut score = title_score(&c.norm[start..end]);
        // (a line of 80 characters or more joins no second line: tested first, as the cheapest)
        if end - start < 80
            && score.is_none()
            && has_year(&c.norm[start..end])
            && let Some((s2, e2)) = next_line(c, end)
            && title_score(&c.norm[s2..e2]).is_some()
            && !has_year(&c.norm[s2..e2])
            && e2 - start <= 80
        {
            end = e2;
            from = e2;
            score = title_score(&c.norm[start..end]);
        }
        let (s, e) = without_chrome(c, start, end);
        if dateline.is_some_and(|d| c.source_pos(e - 1) < d) && is_title_shaped(&c.norm[s..e]) {
            headline = Some((s, e));
        }
        let score = if (s, e) == (start, end) {
            score
        } else {
            title_score(&c.norm[s..e])
        };
        consider(&mut best, score, s, e);
    }
    if let Some((start, end)) = headline {
        consider(&mut best, Some(2), start, end);
    }
    let Some((_, start, end)) = best else {
        return (String::new(), None);
    };
    let mut title: String = c
        .written_string(start, end)
        .chars()
        .filter(|&ch| ch != '\n')
        .collect();
    let mut kept = end;
    for ending in FILE_ENDINGS {
        if let Some(stripped) = title.strip_suffix(ending) {
            title = stripped.to_string();
            kept -= ending.chars().count();
        }
    }
    if title.is_empty() {
        return (String::new(), None);
    }
    (title, Some(c.span(start, kept)))
}

/// Keeps the line `start..end` as the best title so far when its score beats the best's.
fn consider(best: &mut Option<(u8, usize, usize)>, score: Option<u8>, start: usize, end: usize) {
    if let Some(score) = score
        && best.is_none_or(|(b, _, _)| score > b)
    {
        *best = Some((score, start, end));
    }
}

/// The line `start..end` without the chrome of a download site around its title: a leading
/// `第1篇` or `Page 446 -` (`meta.title_chrome_before`: a word, digits and the word's closing
/// mark, then a blank), a trailing word count `1350字` (`meta.title_chrome_after`, after a
/// blank).
fn without_chrome(c: &Cleaned, mut start: usize, mut end: usize) -> (usize, usize) {
    let digits = |chars: &[char]| chars.iter().take_while(|ch| ch.is_ascii_digit()).count();
    let before = class!("meta.title_chrome_before");
    let line = &c.norm[start..end];
    if let Some(lead) = before.at(line) {
        let mut k = lead.chars().count();
        k += line[k..].iter().take_while(|ch| **ch == ' ').count();
        let d = digits(&line[k..]);
        k += d;
        k += line[k..].iter().take_while(|ch| **ch == ' ').count();
        let close = before.value_of(lead).unwrap_or_default();
        if d > 0 && !close.is_empty() && line[k..].starts_with(&close.chars().collect::<Vec<_>>()) {
            k += close.chars().count();
            let blanks = line[k..].iter().take_while(|ch| ch.is_whitespace()).count();
            if blanks > 0 && k + blanks < line.len() {
                start += k + blanks;
            }
        }
    }
    let line = &c.norm[start..end];
    if let Some(word) = class!("meta.title_chrome_after").ending(line) {
        let n = line.len() - word.chars().count();
        let d = line[..n]
            .iter()
            .rev()
            .take_while(|ch| ch.is_ascii_digit())
            .count();
        if d > 0 && n > d && line[n - d - 1] == ' ' {
            end = start + n - d - 1;
        }
    }
    (start, end)
}

/// Whether a line has the shape of a headline: 6 to 80 characters, no clause break, not a
/// numbered heading and not a row of cells.
fn is_title_shaped(line: &[char]) -> bool {
    (6..=80).contains(&line.len())
        && !line.iter().any(|&ch| is_clause_break(ch))
        && super::number_end(line).is_none()
        && !line.contains(&'|')
}

/// A mark that breaks a sentence or a clause, which no title holds.
fn is_clause_break(ch: char) -> bool {
    matches!(ch, ',' | '。' | ';' | '!' | '?' | '，' | '；')
}

/// The title at the start of a first line that goes on with the text (a copy flattened onto
/// one line: `慢性病综合防治工作总结按照…`, `上半年卫生健康总结及下半年方案2023年以来,…`),
/// or a yearbook entry's 【heading】 at the start: up to the first title ending before any
/// clause break (carried on over a joining word to a second ending: `总结及下半年方案`),
/// with a bracketed period right after it (`自评表 (2021年度)`).
fn glued_title(c: &Cleaned, start: usize, end: usize) -> Option<(usize, usize, bool)> {
    let line = &c.norm[start..end];
    if line.first() == Some(&'【')
        && let Some(close) = line.iter().take(40).position(|&ch| ch == '】')
        && close > 2
        && close + 1 < line.len()
    {
        return Some((start + 1, start + close, true));
    }
    if line.len() <= 80 {
        return None;
    }
    // a page marker before it: 第1页共3页
    let marker = page_marker_len(line);
    let (start, line) = (start + marker, &line[marker..]);
    let limit = line
        .iter()
        .take(60)
        .position(|&ch| is_clause_break(ch))
        .unwrap_or(line.len().min(60));
    let endings = class!("meta.report_kinds");
    let ending_at = |from: usize| {
        (from..limit).find_map(|k| endings.at(&line[k..]).map(|w| k + w.chars().count()))
    };
    let mut cut = ending_at(0)?;
    if cut < 6 {
        return None;
    }
    // 总结及下半年方案: a joining word and a second ending close after
    if line
        .get(cut)
        .is_some_and(|&ch| class!("meta.title_joins").has_char(ch))
        && let Some(second) = ending_at(cut + 1)
        && second - cut <= 12
    {
        cut = second;
    }
    // 自评表 (2021年度): a bracketed period
    let blanks = line[cut..].iter().take_while(|&&ch| ch == ' ').count();
    if matches!(line.get(cut + blanks), Some('(' | '（'))
        && let Some(close) = line[cut + blanks..]
            .iter()
            .take(12)
            .position(|&ch| matches!(ch, ')' | '）'))
        && has_year(&line[cut + blanks..cut + blanks + close])
    {
        cut += blanks + close + 1;
    }
    Some((start, start + cut, false))
}

/// The length of a page marker at the start of `line` (`第1页共3页`, `第1页`), or 0.
fn page_marker_len(line: &[char]) -> usize {
    let ordinal = class!("structure.ordinal_prefix");
    let page = class!("clean.page_word");
    let total = class!("clean.page_total");
    let digits = |from: usize| {
        line[from.min(line.len())..]
            .iter()
            .take_while(|ch| ch.is_ascii_digit())
            .count()
    };
    let number_and_page = |from: usize| {
        let d = digits(from);
        (d > 0 && line.get(from + d).is_some_and(|&ch| page.has_char(ch))).then_some(from + d + 1)
    };
    if !line.first().is_some_and(|&ch| ordinal.has_char(ch)) {
        return 0;
    }
    let Some(end) = number_and_page(1) else {
        return 0;
    };
    if line.get(end).is_some_and(|&ch| total.has_char(ch))
        && let Some(end) = number_and_page(end + 1)
    {
        return end;
    }
    end
}

/// The title of the first document of a collection (`…工作总结汇编(5篇)`, `…范文(精选3篇)`):
/// the first entry of its table of contents (`目录 1. X 2`) or the first `第1篇 X`, when the
/// chosen title `start..end` names a collection (`meta.collection_words`).
fn first_of_collection(c: &Cleaned, start: usize, end: usize) -> Option<(usize, usize)> {
    let line: String = c.norm[start..end].iter().collect();
    if !class!("meta.collection_words").in_text(&line) {
        return None;
    }
    let within = c.len().min(end + 600);
    let text = &c.norm[end..within];
    let contents = class!("meta.contents_words");
    let at = (0..text.len()).find(|&k| contents.at(&text[k..]).is_some())?;
    let mut k = at + contents.at(&text[at..])?.chars().count();
    k += text[k..].iter().take_while(|ch| ch.is_whitespace()).count();
    // the entry's number: 1. or 1、
    let d = text[k..]
        .iter()
        .take_while(|ch| ch.is_ascii_digit())
        .count();
    if d == 0 || !matches!(text.get(k + d), Some('.' | '、')) {
        return None;
    }
    k += d + 1;
    k += text[k..].iter().take_while(|ch| ch.is_whitespace()).count();
    // the entry runs to its page number: a blank and digits
    let stop = (k..text.len().min(k + 80))
        .find(|&i| text[i] == ' ' && text.get(i + 1).is_some_and(char::is_ascii_digit))?;
    let entry = &text[k..stop];
    (title_score(entry).is_some()).then_some((end + k, end + stop))
}

/// How well a line (cleaned characters) reads as a report's title, or `None` when it is no
/// title at all: 2 for ending in a title ending, 1 for a year in it.
fn title_score(line: &[char]) -> Option<u8> {
    let n = line.len();
    // a line of a whole paragraph is refused before it is copied or searched
    if !(6..=80).contains(&n) {
        return None;
    }
    // a title holds no sentence or clause break (it may hold 、 and brackets)
    let prose = line.iter().any(|&ch| is_clause_break(ch));
    // a numbered heading (一、2024年工作总结) or a row of a table or a menu (a | b) is no title
    let heading = super::number_end(line).is_some();
    let row = line.contains(&'|');
    if prose || heading || row {
        return None;
    }
    let text: String = line.iter().filter(|&&ch| ch != '\n').collect();
    if !class!("meta.title_words").in_text(&text) {
        return None;
    }
    let bare = FILE_ENDINGS
        .iter()
        .find_map(|e| text.strip_suffix(e))
        .unwrap_or(&text);
    // a bracketed period after the ending is part of the title: 自评表 (2021年度)
    let bare = match bare.rfind(['(', '（']) {
        Some(open)
            if bare.ends_with([')', '）'])
                && has_year(&bare[open..].chars().collect::<Vec<_>>()) =>
        {
            bare[..open].trim_end()
        }
        _ => bare,
    };
    let ends = class!("structure.title_endings").ends_str(bare)
        || class!("meta.report_kinds").ends_str(bare);
    Some(2 * u8::from(ends) + u8::from(has_year(line)))
}

/// Whether a line states a year: four digits and 年.
fn has_year(line: &[char]) -> bool {
    line.windows(5)
        .any(|w| w[..4].iter().all(char::is_ascii_digit) && date_mark(w[4]) == Some("year"))
}

/// The next line after `from` (a position in the line before, or 0) with text on it, without
/// its leading and trailing blanks, as a range of cleaned characters.
fn next_line(c: &Cleaned, from: usize) -> Option<(usize, usize)> {
    let mut start = if from == 0 {
        0
    } else {
        from + crate::textkit::find_char(&c.norm[from..], '\n')? + 1
    };
    while start < c.len() {
        let end = crate::textkit::find_char(&c.norm[start..], '\n').map_or(c.len(), |p| start + p);
        let line = &c.display[start..end];
        let lead = line.iter().take_while(|ch| ch.is_whitespace()).count();
        let trail = line[lead..]
            .iter()
            .rev()
            .take_while(|ch| ch.is_whitespace())
            .count();
        if lead < line.len() {
            return Some((start + lead, end - trail));
        }
        start = end + 1;
    }
    None
}

/// Characters `start..end` of `s`.
#[cfg(test)]
fn chars_of(s: &str, (start, end): (usize, usize)) -> String {
    s.chars().skip(start).take(end - start).collect()
}

/// The issuing body named in `chars`: the first name ending in a health administration's
/// ending (or, with `institutions`, an institution's), the longest ending there, read back to
/// the start of its phrase, as a range of characters.
fn issuer_in(chars: &[char], institutions: bool) -> Option<(usize, usize)> {
    let (administrations, institution) = issuer_endings();
    let best = (0..chars.len())
        .filter(|&at| {
            class!("meta.administration_endings").has_char(chars[at])
                || (institutions && class!("meta.institution_endings").has_char(chars[at]))
        })
        .find_map(|at| {
            let a = administrations.longest_at(&chars[at..]);
            let i = institutions
                .then(|| institution.longest_at(&chars[at..]))
                .flatten();
            let e = match (a, i) {
                (Some(a), Some(i)) if i.chars().count() > a.chars().count() => i,
                (a, i) => a.or(i)?,
            };
            (!under_guidance(chars, at)).then(|| (at, at + e.chars().count()))
        });
    let (at, end) = best?;
    let mut start = at;
    while start > 0 && at - start < 12 {
        let ch = chars[start - 1];
        if !(is_han(ch) || ch == 'X')
            || ch.is_ascii_digit()
            || class!("meta.name_stops").has_char(ch)
            || char_set!(",，。、 ").contains(ch)
        {
            break;
        }
        start -= 1;
    }
    Some((start, end))
}

/// Whether the name at `at` stands inside a frame that names a higher body's guidance, not
/// the author (`在县委、县政府的正确领导和州卫健委的关心支持下`): an opening word of
/// `meta.guidance_frames` earlier in its clause and the word that closes it later.
fn under_guidance(chars: &[char], at: usize) -> bool {
    let frames = class!("meta.guidance_frames");
    let clause_start = chars[..at]
        .iter()
        .rposition(|&ch| is_clause_break(ch) || ch == '\n')
        .map_or(0, |p| p + 1);
    let clause_end = chars[at..]
        .iter()
        .position(|&ch| is_clause_break(ch) || ch == '\n')
        .map_or(chars.len(), |p| at + p);
    (clause_start..at).any(|k| {
        frames.at(&chars[k..]).is_some_and(|open| {
            let close: Vec<char> = frames.value_of(open).unwrap_or_default().chars().collect();
            !close.is_empty() && chars[at..clause_end].ends_with(&close)
        })
    })
}

/// The level of the place a text speaks of, for a report whose issuer and title name none:
/// the level of the words for "the whole place" it uses most (`全县` three times, `全市`
/// once: a county), from `meta.whole_place_words`; where the text names an autonomous region
/// (`meta.region_words`), its 全区 is the region.
fn level_of_text(c: &Cleaned) -> Level {
    let words = class!("meta.whole_place_words");
    let region = class!("meta.region_words").starts();
    let named_region = (0..c.len()).any(|k| region.longest_at(&c.norm[k..]).is_some());
    let mut counts: Vec<(&str, usize)> = Vec::new();
    let mut k = 0;
    while k < c.len() {
        if let Some(w) = words.at(&c.norm[k..]) {
            let mut level = words.value_of(w).unwrap_or_default();
            if level == "district" && named_region {
                level = "province";
            }
            match counts.iter_mut().find(|(l, _)| *l == level) {
                Some((_, n)) => *n += 1,
                None => counts.push((level, 1)),
            }
            k += w.chars().count();
        } else {
            k += 1;
        }
    }
    // the most used, the first used for a tie
    let best = counts
        .iter()
        .fold(None, |best: Option<(&str, usize)>, &(l, n)| {
            if best.is_none_or(|(_, b)| n > b) {
                Some((l, n))
            } else {
                best
            }
        });
    best.map_or(Level::Unknown, |(l, _)| level_named(l))
}

/// The place a text opens with as its subject, after the year (`2020年,吉阳区逐步完善…`): up
/// to six Han characters after the comma that end in a level word (`meta.place_levels`) not
/// going on into a longer word (区域, 县级), within the first 200 characters.
fn place_opening_the_text(c: &Cleaned) -> Option<Jurisdiction> {
    let t = &c.norm[..c.len().min(200)];
    let at = (0..t.len().saturating_sub(6)).find(|&i| {
        t[i..i + 4].iter().all(char::is_ascii_digit)
            && (i == 0 || !t[i - 1].is_ascii_digit())
            && date_mark(t[i + 4]) == Some("year")
            && t[i + 5] == ','
    })? + 6;
    let levels = class!("meta.place_levels");
    let goes_on = class!("name.place_word_chars");
    (at + 2..=(at + 6).min(t.len())).find_map(|end| {
        let run = &t[at..end];
        if !run.iter().all(|&ch| crate::textkit::is_han(ch)) {
            return None;
        }
        let word = levels.ending(run)?;
        let next = t.get(end).copied().unwrap_or(',');
        if goes_on.has_char(next)
            || crate::textkit::is_han(next) && levels.ending(&t[at..=end]).is_some()
        {
            return None;
        }
        let level = level_named(levels.value_of(word)?);
        (level != Level::Unknown && run.len() > word.chars().count()).then(|| Jurisdiction {
            name: c.written_string(at, end),
            level,
        })
    })
}

/// The level a lexicon value names.
fn level_named(name: &str) -> Level {
    match name {
        "province" => Level::Province,
        "city" => Level::City,
        "county" => Level::County,
        "district" => Level::District,
        "township" => Level::Township,
        _ => Level::Unknown,
    }
}

/// The jurisdiction: the place part of the issuer (or title) and its level.
fn jurisdiction(issuer: &str, title: &str) -> Jurisdiction {
    match (place_of(issuer), place_of(title)) {
        // 县卫健委 in a report titled XX县…: the title names the county
        (Some(i), Some(t)) if i.level == t.level && t.name.ends_with(&i.name) => t,
        (Some(i), _) => i,
        (None, Some(t)) => t,
        (None, None) if class!("meta.institution_tails").ends_str(issuer) => Jurisdiction {
            name: issuer.to_string(),
            level: Level::Institution,
        },
        (None, None) => Jurisdiction {
            name: String::new(),
            level: Level::Unknown,
        },
    }
}

/// The place a name or title starts with (the text before the body's name), and its level.
fn place_of(text: &str) -> Option<Jurisdiction> {
    // the first occurrence of a health administration's ending, or else of an institution's
    let chars: Vec<char> = text.chars().collect();
    let first_at =
        |set: &WordSet| (0..chars.len()).find(|&i| set.longest_at(&chars[i..]).is_some());
    let (administrations, institutions) = issuer_endings();
    let ending = first_at(administrations).or_else(|| first_at(institutions));
    let place = &chars[..ending.unwrap_or(chars.len())];
    let lead = place
        .iter()
        .take_while(|&&c| c.is_ascii_digit() || date_mark(c) == Some("year"))
        .count();
    let place = &place[lead..];
    // the place ends with its last level word, the longest ending there (自治区 before 区)
    let levels = class!("meta.place_levels");
    (1..=place.len())
        .rev()
        .find_map(|end| {
            let word = levels.ending(&place[..end])?;
            let mut level = level_named(levels.value_of(word)?);
            // a municipality (北京市) or a province named with its level word (广西壮族自治区)
            if let Some(province) = class!("meta.provinces").at(&place[..end])
                && (province.chars().count() + word.chars().count() == end
                    || level == Level::Province)
            {
                level = Level::Province;
            }
            (level != Level::Unknown).then(|| Jurisdiction {
                name: place[..end].iter().collect(),
                level,
            })
        })
        .or_else(|| {
            // a province named without its level word: 广西, 湖北发布…
            let name = class!("meta.provinces").at(place)?;
            Some(Jurisdiction {
                name: name.to_string(),
                level: Level::Province,
            })
        })
}

/// The reporting period from the title.
pub fn period_of(title: &str) -> String {
    let chars: Vec<char> = title.chars().collect();
    let Some(at) = (0..chars.len().saturating_sub(4)).find(|&i| {
        chars[i..i + 4].iter().all(char::is_ascii_digit)
            && chars
                .get(i + 4)
                .is_some_and(|&c| date_mark(c) == Some("year"))
            && (i == 0 || !chars[i - 1].is_ascii_digit())
    }) else {
        return String::new();
    };
    let year: String = chars[at..at + 4].iter().collect();
    let rest: String = chars[at + 5..].iter().take(12).collect();
    let rest = rest.as_str();
    let r: Vec<char> = rest.chars().collect();
    let periods = class!("meta.period_words");
    if let Some(template) = periods.at(&r).and_then(|w| periods.value_of(w)) {
        return template.replace("{year}", &year);
    }
    // 1-5月, 1至5月, 1—5月
    let digits = |from: usize| {
        r[from.min(r.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let a = digits(0);
    let joint = |c: char| matches!(c, '-' | '—' | '~') || class!("scan.range_words").has_char(c);
    if a > 0 && r.get(a).is_some_and(|&c| joint(c)) {
        let b = digits(a + 1);
        if b > 0
            && r.get(a + 1 + b)
                .is_some_and(|&c| date_mark(c) == Some("month"))
        {
            let m1: u32 = r[..a].iter().collect::<String>().parse().unwrap_or(0);
            let m2: u32 = r[a + 1..a + 1 + b]
                .iter()
                .collect::<String>()
                .parse()
                .unwrap_or(0);
            if (1..=12).contains(&m1) && (m1..=12).contains(&m2) {
                return format!("{year}-{m1:02}..{year}-{m2:02}");
            }
        }
    }
    year
}

/// The reporting period from the text, for a title that states no year: the first year the
/// opening of the text states (`2022年,是…`), not one it compares with (`与2006年同期相比`,
/// `meta.comparison_before`), with the part of the year the title names (`上半年…总结` and
/// `2023年以来` make 2023H1); a year stated as the end of a running total (`截至2023年9月30日`,
/// `meta.as_of_words`) gives the months from January to then.
fn period_of_text(c: &Cleaned, from: usize, title: &str) -> String {
    let text = &c.norm[from..c.len().min(from + PERIOD_WITHIN)];
    let comparison = class!("meta.comparison_before");
    let as_of = class!("meta.as_of_words");
    let ends_with = |at: usize, class: &'static Class| class.ending(&text[..at]).is_some();
    let Some(at) = (0..text.len().saturating_sub(4)).find(|&i| {
        text[i..i + 4].iter().all(char::is_ascii_digit)
            && text
                .get(i + 4)
                .is_some_and(|&ch| date_mark(ch) == Some("year"))
            && (i == 0 || !text[i - 1].is_ascii_digit())
            && !ends_with(i, comparison)
    }) else {
        return String::new();
    };
    let year: String = text[at..at + 4].iter().collect();
    if ends_with(at, as_of) {
        let m = &text[at + 5..];
        let d = m.iter().take_while(|ch| ch.is_ascii_digit()).count();
        if (1..=2).contains(&d) && m.get(d).is_some_and(|&ch| date_mark(ch) == Some("month")) {
            let month: u32 = m[..d].iter().collect::<String>().parse().unwrap_or(0);
            if (1..12).contains(&month) {
                return format!("{year}-01..{year}-{month:02}");
            }
        }
    }
    let title: Vec<char> = title.chars().collect();
    let periods = class!("meta.period_words");
    if let Some(template) = (0..title.len())
        .find_map(|k| periods.at(&title[k..]))
        .and_then(|w| periods.value_of(w))
    {
        return template.replace("{year}", &year);
    }
    year
}

/// How many words of aims a text must hold, at least, for [`text_plans`].
const PLAN_AIMS_AT_LEAST: usize = 8;

/// How many words of aims a text may hold, at most, for each word of results, for
/// [`text_plans`].
const AIMS_PER_RESULT: usize = 6;

/// Whether a text plans rather than reports (rule `kind.text_plans`): it states aims
/// (`target.cues`, `meta.aim_words`: 力争, 确保, 以上, 不少于, 年内) at least
/// [`PLAN_AIMS_AT_LEAST`] times and results (`extract.done`, `meta.result_words`: 已, 累计,
/// 同比, 共有, 增长) less than once for every [`AIMS_PER_RESULT`] aims. A report titled a
/// summary (or untitled) whose text plans so is a plan, and its figures are targets.
fn text_plans(c: &Cleaned) -> bool {
    let count = |classes: [&'static Class; 2]| {
        let mut n = 0;
        let mut k = 0;
        while k < c.len() {
            match classes.iter().find_map(|class| class.at(&c.norm[k..])) {
                Some(w) => {
                    n += 1;
                    k += w.chars().count();
                }
                None => k += 1,
            }
        }
        n
    };
    let aims = count([class!("target.cues"), class!("meta.aim_words")]);
    let results = count([class!("extract.done"), class!("meta.result_words")]);
    aims >= PLAN_AIMS_AT_LEAST && results * AIMS_PER_RESULT < aims
}

/// How far into the text [`period_of_text`] looks for the year.
const PERIOD_WITHIN: usize = 400;

/// The kind of report from its title, or from its sections when the title says nothing.
pub fn kind_of(title: &str, sections: &[Section]) -> ReportKind {
    let summary = class!("meta.summary_words").in_text(title);
    let plan_title = super::without_programme_words(title);
    let plan = class!("meta.plan_words").in_text(&plan_title);
    let has = |r| sections.iter().any(|s| s.level == 1 && s.role == r);
    match (summary, plan) {
        (true, true) => ReportKind::SummaryAndPlan,
        // 2023年工作总结 closing with 2024年工作思路
        (true, false) if has(SectionRole::Plan) => ReportKind::SummaryAndPlan,
        (true, false) => ReportKind::Summary,
        (false, true) => ReportKind::Plan,
        _ if class!("meta.bulletin_words").in_text(title) => ReportKind::Bulletin,
        _ => match (has(SectionRole::Achievements), has(SectionRole::Plan)) {
            (true, true) => ReportKind::SummaryAndPlan,
            (true, false) => ReportKind::Summary,
            (false, true) => ReportKind::Plan,
            _ => ReportKind::Other,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The title chosen for a copy of a report.
    fn title_of(text: &str) -> String {
        let source: Vec<char> = text.chars().collect();
        let out = crate::text::clean::clean_chars(&source);
        title(&out.cleaned, out.dateline).0
    }

    #[test]
    fn the_title_is_the_first_line_that_names_a_report_best() {
        // a breadcrumb and a notice's heading before the report's own title
        assert_eq!(
            title_of(
                "计划总结\n某省卫生健康委关于印发2023年某省卫生健康工作要点的通知\n\n各市卫生健康委:\n2023年全省卫生健康工作要点\n一、总体要求\n"
            ),
            "2023年全省卫生健康工作要点"
        );
        // a site's menu line before the title of a statistical bulletin
        assert_eq!(
            title_of(
                "首页 | 政务公开 | 统计信息\n2021年某省卫生健康事业发展统计公报\n一、卫生资源\n"
            ),
            "2021年某省卫生健康事业发展统计公报"
        );
        // a title wrapped onto two lines
        assert_eq!(
            title_of("某县2023年度国家基本公共卫生\n服务项目绩效评价自评报告\n一、项目基本情况\n"),
            "某县2023年度国家基本公共卫生服务项目绩效评价自评报告"
        );
        // the issuer over the kind of report
        assert_eq!(
            title_of("某某县卫生健康局\n2022年度工作总结\n一、主要工作\n"),
            "某某县卫生健康局2022年度工作总结"
        );
    }

    #[test]
    fn a_copy_that_starts_mid_report_has_no_title() {
        // prose first: no line names a report
        assert_eq!(
            title_of("2022年,是具有特殊重要意义的一年,全区卫生健康系统全力以赴。\n签约率51.2%。\n"),
            ""
        );
        // a numbered heading is a section, not the title
        assert_eq!(title_of("一、2024年工作总结\n全年门诊量12万人次。\n"), "");
        // a heading-like line that names no report
        assert_eq!(
            title_of("加大重点人群健康保障\n实现产前筛查率90%以上的目标。\n"),
            ""
        );
    }

    #[test]
    fn periods() {
        assert_eq!(
            period_of("县卫健委2023年上半年工作总结和下半年工作计划"),
            "2023H1"
        );
        assert_eq!(
            period_of("区卫生健康委2023年工作总结和2024年工作计划"),
            "2023"
        );
        assert_eq!(period_of("2023年1-5月卫生健康工作总结"), "2023-01..2023-05");
        assert_eq!(period_of("2024年前三季度工作总结"), "2024-01..2024-09");
        assert_eq!(period_of("工作总结"), "");
    }

    #[test]
    fn issuers_and_jurisdictions() {
        let issuer = |s: &str| {
            let chars: Vec<char> = s.chars().collect();
            issuer_in(&chars, true).map(|r| chars_of(s, r))
        };
        assert_eq!(
            issuer("区卫生健康委2023年工作总结").as_deref(),
            Some("区卫生健康委")
        );
        assert_eq!(
            issuer("2023年，县卫健委紧紧围绕").as_deref(),
            Some("县卫健委")
        );
        assert_eq!(
            issuer_in(&"全市共有医院156个".chars().collect::<Vec<_>>(), false),
            None
        );
        let j = jurisdiction("县卫健委", "2023年XX县健康中国工作总结");
        assert_eq!((j.name.as_str(), j.level), ("XX县", Level::County));
        let j = jurisdiction("无锡市滨湖区卫生健康委员会", "");
        assert_eq!(
            (j.name.as_str(), j.level),
            ("无锡市滨湖区", Level::District)
        );
        assert_eq!(jurisdiction("县卫健委", "").level, Level::County);
        assert_eq!(
            jurisdiction("", "2023年XX县健康中国工作总结").level,
            Level::County
        );
    }

    #[test]
    fn kinds() {
        assert_eq!(
            kind_of("2023年工作总结及明年工作计划", &[]),
            ReportKind::SummaryAndPlan
        );
        assert_eq!(kind_of("2024年卫生健康工作要点", &[]), ReportKind::Plan);
        assert_eq!(kind_of("2023年计划生育工作总结", &[]), ReportKind::Summary);
        assert_eq!(
            kind_of("2023年卫生健康事业发展统计公报", &[]),
            ReportKind::Bulletin
        );
    }
}
