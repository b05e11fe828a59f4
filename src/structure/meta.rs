//! Report metadata: title, issuer, jurisdiction, period, kind, and a web page's publication
//! fields.

use crate::lexicon::{Class, class};
use crate::model::{Jurisdiction, Level, Report, ReportKind, Section, SectionRole, Span};
use crate::reading::date_mark;
use crate::text::Cleaned;
use crate::textkit::{WordSet, char_set, is_han};

/// File-name endings a title copied from a download site may carry.
const FILE_ENDINGS: &[&str] = &[".docx", ".doc", ".pdf", ".txt", ".wps", ".html", ".htm"];

/// Reads the report metadata from the cleaned text, the page fields and the sections.
pub fn report_meta(c: &Cleaned, page_fields: &[(String, String)], sections: &[Section]) -> Report {
    let field = |keys: &'static Class| field_of(page_fields, keys);
    let (title, title_span) = match field(class!("meta.title_keys")) {
        Some(t) => (t, None),
        None => title(c),
    };
    // words are matched in simplified characters (總結 is 总结), names kept as written
    let title_norm = crate::text::clean::simplify(&title);
    let issuer = field(class!("meta.issuer_keys"))
        .or_else(|| {
            let chars: Vec<char> = title_norm.chars().collect();
            issuer_in(&chars, true).map(|r| chars_of(&title, r))
        })
        .or_else(|| {
            // in the body, only a health administration is taken for the author
            let n = c.len().min(300);
            issuer_in(&c.norm[..n], false).map(|(s, e)| c.display_string(s, e))
        })
        .unwrap_or_default();
    let issuer_norm = crate::text::clean::simplify(&issuer);
    let mut jurisdiction = jurisdiction(&issuer_norm, &title_norm);
    for (written, norm) in [(&issuer, &issuer_norm), (&title, &title_norm)] {
        if let Some(at) = norm.find(&jurisdiction.name) {
            let start = norm[..at].chars().count();
            let n = jurisdiction.name.chars().count();
            jurisdiction.name = chars_of(written, (start, start + n));
            break;
        }
    }
    let kind = kind_of(&title_norm, sections);
    Report {
        period: period_of(&title_norm),
        title,
        title_span,
        issuer,
        jurisdiction,
        kind,
        published: field(class!("meta.published_keys"))
            .and_then(|d| crate::text::clean::find_date(&d)),
        index_number: field(class!("meta.index_number_keys")),
    }
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
/// `…工作要点的通知`), then one that states a year, then the first. A line of prose (a clause
/// break in it), a breadcrumb of a few characters or a line of over 80 characters is no
/// title; a text none of whose first lines names a report has no title (the first line of
/// a copy that starts mid-report is prose or a heading). A title set on two lines, the
/// issuer's name over the kind of report (`XX县卫生健康局` / `2022年度工作总结`), is both.
fn title(c: &Cleaned) -> (String, Option<Span>) {
    let mut best: Option<(u8, usize, usize)> = None;
    let mut from = 0;
    for _ in 0..TITLE_LINES {
        let Some((start, mut end)) = next_line(c, from) else {
            break;
        };
        from = end;
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
        let Some(score) = score else {
            continue;
        };
        if best.is_none_or(|(b, _, _)| score > b) {
            best = Some((score, start, end));
        }
    }
    let Some((_, start, end)) = best else {
        return (String::new(), None);
    };
    let mut title: String = c.display[start..end]
        .iter()
        .filter(|&&ch| ch != '\n')
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

/// How well a line (cleaned characters) reads as a report's title, or `None` when it is no
/// title at all: 2 for ending in a title ending, 1 for a year in it.
fn title_score(line: &[char]) -> Option<u8> {
    let n = line.len();
    // a line of a whole paragraph is refused before it is copied or searched
    if !(6..=80).contains(&n) {
        return None;
    }
    // a title holds no sentence or clause break (it may hold 、 and brackets)
    let prose = line
        .iter()
        .any(|&ch| matches!(ch, ',' | '。' | ';' | '!' | '?' | '，' | '；'));
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
fn chars_of(s: &str, (start, end): (usize, usize)) -> String {
    s.chars().skip(start).take(end - start).collect()
}

/// The issuing body named in `chars`: the first name ending in a health administration's
/// ending (or, with `institutions`, an institution's), the longest ending there, read back to
/// the start of its phrase, as a range of characters.
fn issuer_in(chars: &[char], institutions: bool) -> Option<(usize, usize)> {
    let (administrations, institution) = issuer_endings();
    let best = (0..chars.len()).find_map(|at| {
        let a = administrations.longest_at(&chars[at..]);
        let i = institutions
            .then(|| institution.longest_at(&chars[at..]))
            .flatten();
        let e = match (a, i) {
            (Some(a), Some(i)) if i.chars().count() > a.chars().count() => i,
            (a, i) => a.or(i)?,
        };
        Some((at, at + e.chars().count()))
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
    (1..=place.len()).rev().find_map(|end| {
        let word = levels.ending(&place[..end])?;
        let level = match levels.value_of(word)? {
            "province" => Level::Province,
            "city" => Level::City,
            "county" => Level::County,
            "district" => Level::District,
            "township" => Level::Township,
            _ => return None,
        };
        Some(Jurisdiction {
            name: place[..end].iter().collect(),
            level,
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
        let cleaned = crate::text::clean::clean_chars(&source).cleaned;
        title(&cleaned).0
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
