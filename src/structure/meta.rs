//! Report metadata: title, issuer, jurisdiction, period, kind, and a web page's publication
//! fields.

use crate::model::{Jurisdiction, Level, Report, ReportKind, Section, SectionRole, Span};
use crate::text::Cleaned;
use crate::textkit::{CharSet, char_set, is_han};

/// Endings of the names of bodies that write health reports.
const ISSUER_ENDINGS: &[&str] = &[
    "卫生健康工作委员会",
    "卫生和计划生育委员会",
    "卫生健康委员会",
    "卫生健康委",
    "卫生健康局",
    "卫生计生委",
    "卫健委",
    "卫健局",
    "卫计委",
    "卫生局",
    "疾病预防控制中心",
    "疾控中心",
    "社区卫生服务中心",
    "妇幼保健院",
    "妇幼保健计划生育服务中心",
    "卫生院",
    "中医院",
    "人民医院",
    "医院",
];

/// How many of [`ISSUER_ENDINGS`] name health administrations (the rest are institutions).
const ADMINISTRATIONS: usize = 10;

/// Words that name a kind of report in its title (`2022年度工作总结`, `统计公报`).
const REPORT_WORDS: &[&str] = &[
    "总结", "计划", "要点", "报告", "公报", "打算", "规划", "安排", "方案",
];

/// File-name endings a title copied from a download site may carry.
const FILE_ENDINGS: &[&str] = &[".docx", ".doc", ".pdf", ".txt", ".wps", ".html", ".htm"];

/// Reads the report metadata from the cleaned text, the page fields and the sections.
pub fn report_meta(c: &Cleaned, page_fields: &[(String, String)], sections: &[Section]) -> Report {
    let field = |keys: &[&str]| {
        keys.iter().find_map(|k| {
            page_fields
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
        })
    };
    let (title, title_span) = match field(&["标题"]) {
        Some(t) => (t, None),
        None => title(c),
    };
    // words are matched in simplified characters (總結 is 总结), names kept as written
    let title_norm = crate::text::clean::simplify(&title);
    let issuer = field(&["发布机构", "所属机构"])
        .or_else(|| {
            let chars: Vec<char> = title_norm.chars().collect();
            issuer_in(&chars, ISSUER_ENDINGS).map(|r| chars_of(&title, r))
        })
        .or_else(|| {
            // in the body, only a health administration is taken for the author
            let n = c.len().min(300);
            issuer_in(&c.norm[..n], &ISSUER_ENDINGS[..ADMINISTRATIONS])
                .map(|(s, e)| c.display_string(s, e))
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
        published: field(&["发布日期", "公开日期", "生成日期", "成文日期"])
            .and_then(|d| crate::text::clean::find_date(&d)),
        index_number: field(&["信息索引号", "索引号"]),
    }
}

/// The first non-empty line, without a file-name ending. A title set on two lines, the
/// issuer's name over the kind of report (`XX县卫生健康局` / `2022年度工作总结`), is both.
fn title(c: &Cleaned) -> (String, Option<Span>) {
    let Some((start, mut end)) = next_line(c, 0) else {
        return (String::new(), None);
    };
    let first: String = c.norm[start..end].iter().collect();
    if ISSUER_ENDINGS.iter().any(|e| first.ends_with(e))
        && let Some((s2, e2)) = next_line(c, end)
        && e2 - s2 <= 40
    {
        let second: String = c.norm[s2..e2].iter().collect();
        if REPORT_WORDS.iter().any(|w| second.contains(w)) {
            end = e2;
        }
    }
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
    if title.is_empty() || title.chars().count() > 80 {
        return (String::new(), None);
    }
    (title, Some(c.span(start, kept)))
}

/// The next line after `from` (a position in the line before, or 0) with text on it, without
/// its leading and trailing blanks, as a range of cleaned characters.
fn next_line(c: &Cleaned, from: usize) -> Option<(usize, usize)> {
    let mut start = if from == 0 {
        0
    } else {
        from + c.norm[from..].iter().position(|&ch| ch == '\n')? + 1
    };
    while start < c.len() {
        let end = c.norm[start..]
            .iter()
            .position(|&ch| ch == '\n')
            .map_or(c.len(), |p| start + p);
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

/// The issuing body named in `chars`: the first name ending in a health body's ending, read
/// back to the start of its phrase, as a range of characters. `endings` are
/// [`ISSUER_ENDINGS`] or a part of them.
fn issuer_in(chars: &[char], endings: &[&str]) -> Option<(usize, usize)> {
    // the earliest ending, and the first listed of those starting there
    static FIRSTS: std::sync::LazyLock<CharSet> = std::sync::LazyLock::new(|| {
        CharSet::new(ISSUER_ENDINGS.iter().filter_map(|e| e.chars().next()))
    });
    debug_assert!(endings.iter().all(|e| ISSUER_ENDINGS.contains(e)));
    let best = (0..chars.len())
        .filter(|&at| FIRSTS.contains(chars[at]))
        .find_map(|at| {
            endings
                .iter()
                .find(|e| crate::textkit::starts_with(&chars[at..], e))
                .map(|e| (at, at + e.chars().count()))
        });
    let (at, end) = best?;
    let mut start = at;
    while start > 0 && at - start < 12 {
        let ch = chars[start - 1];
        if !(is_han(ch) || ch == 'X')
            || ch.is_ascii_digit()
            || char_set!("的在对为和与及等了由向是年,，。、 ").contains(ch)
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
        (None, None) if issuer.ends_with("医院") || issuer.ends_with("中心") => Jurisdiction {
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
    // the first listed ending found in the text, at its first occurrence (the titles are
    // short: one pass over their characters instead of a searcher built per ending)
    let mut ending: Option<(usize, usize)> = None;
    for (at, _) in text.char_indices() {
        let rest = &text[at..];
        if let Some(k) = ISSUER_ENDINGS
            .iter()
            .position(|e| rest.starts_with(e))
            .filter(|&k| ending.is_none_or(|(best, _)| k < best))
        {
            ending = Some((k, at));
        }
    }
    let place = ending.map_or(text, |(_, at)| &text[..at]);
    let place = place.trim_start_matches(|c: char| c.is_ascii_digit() || c == '年');
    // the place ends with its last level word: 自治区 before 区, as listed
    const SUFFIXES: [(&str, Level); 10] = [
        ("自治区", Level::Province),
        ("省", Level::Province),
        ("市", Level::City),
        ("州", Level::City),
        ("县", Level::County),
        ("旗", Level::County),
        ("区", Level::District),
        ("镇", Level::Township),
        ("乡", Level::Township),
        ("街道", Level::Township),
    ];
    let mut best: Option<(usize, Level)> = None;
    for (at, _) in place.char_indices() {
        for (suffix, level) in SUFFIXES {
            let end = at + suffix.len();
            if place[at..].starts_with(suffix) && best.is_none_or(|(e, _)| end > e) {
                best = Some((end, level));
            }
        }
    }
    best.map(|(end, level)| Jurisdiction {
        name: place[..end].to_string(),
        level,
    })
}

/// The reporting period from the title.
pub fn period_of(title: &str) -> String {
    let chars: Vec<char> = title.chars().collect();
    let Some(at) = (0..chars.len().saturating_sub(4)).find(|&i| {
        chars[i..i + 4].iter().all(char::is_ascii_digit)
            && chars.get(i + 4) == Some(&'年')
            && (i == 0 || !chars[i - 1].is_ascii_digit())
    }) else {
        return String::new();
    };
    let year: String = chars[at..at + 4].iter().collect();
    let rest: String = chars[at + 5..].iter().take(12).collect();
    let rest = rest.as_str();
    if rest.starts_with("上半年") {
        return format!("{year}H1");
    }
    if rest.starts_with("下半年") {
        return format!("{year}H2");
    }
    if rest.starts_with("前三季度") {
        return format!("{year}-01..{year}-09");
    }
    for (q, name) in [
        ("第一季度", "Q1"),
        ("一季度", "Q1"),
        ("第二季度", "Q2"),
        ("第三季度", "Q3"),
        ("第四季度", "Q4"),
    ] {
        if rest.starts_with(q) {
            return format!("{year}{name}");
        }
    }
    // 1-5月, 1至5月, 1—5月
    let r: Vec<char> = rest.chars().collect();
    let digits = |from: usize| {
        r[from.min(r.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let a = digits(0);
    if a > 0 && matches!(r.get(a), Some('-' | '至' | '—' | '~')) {
        let b = digits(a + 1);
        if b > 0 && r.get(a + 1 + b) == Some(&'月') {
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

/// Words that make a line the title of a report (`…工作总结`, `…统计公报`, `…工作要点`).
pub const REPORT_TITLE_WORDS: &[&str] = &[
    "总结", "计划", "报告", "公报", "要点", "情况", "打算", "安排", "通报", "统计", "方案",
];

/// Whether a line names a report by its kind (`2023年工作总结`, `卫生健康统计公报`).
pub fn names_a_report(line: &str) -> bool {
    REPORT_TITLE_WORDS.iter().any(|w| line.contains(w))
}

/// The kind of report from its title, or from its sections when the title says nothing.
pub fn kind_of(title: &str, sections: &[Section]) -> ReportKind {
    let summary = title.contains("总结") || title.contains("回顾");
    let plan_title = super::without_programme_words(title);
    let plan = ["计划", "打算", "要点", "思路", "安排"]
        .iter()
        .any(|w| plan_title.contains(w));
    let has = |r| sections.iter().any(|s| s.level == 1 && s.role == r);
    match (summary, plan) {
        (true, true) => ReportKind::SummaryAndPlan,
        // 2023年工作总结 closing with 2024年工作思路
        (true, false) if has(SectionRole::Plan) => ReportKind::SummaryAndPlan,
        (true, false) => ReportKind::Summary,
        (false, true) => ReportKind::Plan,
        _ if title.contains("公报") || title.contains("统计") => ReportKind::Bulletin,
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
            issuer_in(&chars, ISSUER_ENDINGS).map(|r| chars_of(s, r))
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
            issuer_in(
                &"全市共有医院156个".chars().collect::<Vec<_>>(),
                &ISSUER_ENDINGS[..ADMINISTRATIONS]
            ),
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
