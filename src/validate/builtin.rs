//! The built-in rules of health reporting: ids, references, units, shares, parts and wholes,
//! rates against their counts, targets, spans and periods.

use std::path::Path;

use rustc_hash::FxHashMap;

use super::{Finding, FindingCode};
use crate::model::{Document, Metric, MetricKind, RATE_UNITS, Span, decimals};

/// Every built-in rule over one document.
pub fn check(doc: &Document) -> Vec<Finding> {
    let mut out = Vec::new();
    let sections = ids(
        &mut out,
        "sections",
        doc.sections.iter().map(|s| s.id.as_str()),
    );
    let bodies = ids(&mut out, "bodies", doc.bodies.iter().map(|b| b.id.as_str()));
    let programmes = ids(
        &mut out,
        "programmes",
        doc.programmes.iter().map(|p| p.id.as_str()),
    );
    let metrics = ids(
        &mut out,
        "metrics",
        doc.metrics.iter().map(|m| m.id.as_str()),
    );

    // messages are built only for a reference that does not resolve
    let mut reference = |item: (&str, usize, &str),
                         field: &str,
                         id: &Option<String>,
                         known: &FxHashMap<&str, usize>,
                         what: &str| {
        if let Some(id) = id
            && !known.contains_key(id.as_str())
        {
            let (list, i, own_id) = item;
            let who = match list {
                "sections" => "section",
                _ => "metric",
            };
            out.push(Finding::new(
                FindingCode::UnresolvedReference,
                format!("/{list}/{i}/{field}"),
                format!(
                    "`{field}` of {who} {own_id} refers to {what} `{id}`, which the document does not have"
                ),
            ));
        }
    };
    for (i, s) in doc.sections.iter().enumerate() {
        let item = ("sections", i, s.id.as_str());
        reference(item, "parent", &s.parent, &sections, "section");
    }
    for (i, m) in doc.metrics.iter().enumerate() {
        let item = ("metrics", i, m.id.as_str());
        reference(item, "section", &m.section, &sections, "section");
        reference(item, "body", &m.body, &bodies, "body");
        reference(item, "programme", &m.programme, &programmes, "programme");
        reference(item, "parent", &m.parent, &metrics, "metric");
        reference(item, "numerator", &m.numerator, &metrics, "metric");
        reference(item, "denominator", &m.denominator, &metrics, "metric");
    }
    for (i, m) in doc.metrics.iter().enumerate() {
        let by_id = |id: &Option<String>| {
            id.as_deref()
                .and_then(|id| metrics.get(id))
                .map(|&k| &doc.metrics[k])
        };
        // without stated counts, the catalogue's definition names them, when the document
        // has exactly one of each
        let (numerator, denominator) = match (by_id(&m.numerator), by_id(&m.denominator)) {
            (None, None) => defined_counts(doc, m),
            stated => stated,
        };
        metric(&mut out, i, m, by_id(&m.parent), numerator, denominator);
    }
    spans(&mut out, doc);
    period(&mut out, &doc.report.period);
    out
}

/// The numerator and denominator of a coded rate by the catalogue: the document's only
/// actual metric of each count code (`MCH.EARLY.N` and `MCH.LB` for `MCH.EARLY`).
fn defined_counts<'a>(doc: &'a Document, m: &Metric) -> (Option<&'a Metric>, Option<&'a Metric>) {
    let Some(ind) = m
        .indicator
        .as_deref()
        .and_then(|c| crate::catalogue::Catalogue::builtin().get(c))
    else {
        return (None, None);
    };
    let only = |code: Option<&str>| {
        let code = code?;
        let mut found = doc.metrics.iter().filter(|x| {
            x.role == crate::model::Role::Actual && x.indicator.as_deref() == Some(code)
        });
        let first = found.next()?;
        found.next().is_none().then_some(first)
    };
    match (
        only(ind.numerator.as_deref()),
        only(ind.denominator.as_deref()),
    ) {
        (Some(n), Some(d)) => (Some(n), Some(d)),
        _ => (None, None),
    }
}

/// Reports ids used twice; returns the index of each id's first use.
fn ids<'a>(
    out: &mut Vec<Finding>,
    list: &str,
    items: impl Iterator<Item = &'a str>,
) -> FxHashMap<&'a str, usize> {
    let mut seen = FxHashMap::default();
    for (i, id) in items.enumerate() {
        if let Some(first) = seen.get(id) {
            out.push(Finding::new(
                FindingCode::DuplicateId,
                format!("/{list}/{i}/id"),
                format!("id `{id}` is used twice: by /{list}/{first} and by /{list}/{i}"),
            ));
        } else {
            seen.insert(id, i);
        }
    }
    seen
}

fn label(m: &Metric) -> String {
    if m.label.is_empty() {
        format!("metric {}", m.id)
    } else {
        format!("{} ({})", m.label, m.id)
    }
}

fn metric(
    out: &mut Vec<Finding>,
    i: usize,
    m: &Metric,
    parent: Option<&Metric>,
    numerator: Option<&Metric>,
    denominator: Option<&Metric>,
) {
    let at = |field: &str| format!("/metrics/{i}/{field}");
    if !m.kind.accepts_unit(&m.unit) {
        let kind = serde_json::to_value(m.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        out.push(Finding::new(
            FindingCode::UnitMismatch,
            at("unit"),
            format!("{} is a {kind} but its unit is `{}`", label(m), m.unit),
        ));
    }
    // a rate above its full scale that its own stated counts give is the report's arithmetic:
    // a definition to check (a warning), not a typo
    let computed = match (numerator, denominator) {
        (Some(num), Some(den)) => agrees(m, num, den),
        _ => false,
    };
    if m.kind == MetricKind::Rate && m.value.is_finite() {
        let full = match m.unit.as_str() {
            "%" => Some(100.0),
            "‰" => Some(1000.0),
            _ => None,
        };
        let growth = crate::catalogue::Catalogue::builtin().may_exceed_full_scale(
            m.indicator.as_deref(),
            &m.label,
            m.value,
            full.unwrap_or(f64::INFINITY),
        );
        if m.value < 0.0 && !growth {
            out.push(Finding::new(
                FindingCode::ShareOutOfRange,
                at("value"),
                format!(
                    "{} is {}{}, below zero; a decline is a change, not a rate",
                    label(m),
                    m.value,
                    m.unit
                ),
            ));
        } else if let Some(full) = full
            && m.value > full
        {
            let (code, why) = if growth {
                (
                    FindingCode::RateAbove100,
                    "a completion or growth rate can be".to_string(),
                )
            } else if computed {
                (
                    FindingCode::RateAbove100,
                    "the report's own counts give it, so check how the rate is defined".to_string(),
                )
            } else {
                (
                    FindingCode::ShareOutOfRange,
                    "a share cannot be".to_string(),
                )
            };
            out.push(Finding::new(
                code,
                at("value"),
                format!(
                    "{} is {}{}, above {full}{}; {why}",
                    label(m),
                    m.value,
                    m.unit,
                    m.unit
                ),
            ));
        }
    }
    if let Some(p) = parent
        && matches!(m.kind, MetricKind::Count | MetricKind::Amount)
        && p.kind == m.kind
        && p.unit == m.unit
        && m.value > p.value
    {
        out.push(Finding::new(
            FindingCode::PartAboveWhole,
            at("value"),
            format!(
                "{} is {} {}, more than the whole it is part of, {} {}",
                label(m),
                m.value,
                m.unit,
                label(p),
                p.value
            ),
        ));
    }
    if let (Some(num), Some(den)) = (numerator, denominator)
        && !computed
    {
        rate_against_counts(out, i, m, num, den);
    }
    if let Some(t) = &m.target {
        let expected = crate::catalogue::Catalogue::builtin().met(
            m.indicator.as_deref(),
            &m.label,
            m.value,
            t,
        );
        if expected != t.met {
            out.push(Finding::new(
                FindingCode::TargetMetWrong,
                at("target/met"),
                format!(
                    "{} is {} against a target of {}, so met should be {expected}",
                    label(m),
                    m.value,
                    t.value
                ),
            ));
        }
    }
}

fn rate_against_counts(out: &mut Vec<Finding>, i: usize, m: &Metric, num: &Metric, den: &Metric) {
    let at = |field: &str| format!("/metrics/{i}/{field}");
    if num.value > den.value && num.unit == den.unit {
        out.push(Finding::new(
            FindingCode::PartAboveWhole,
            at("numerator"),
            format!(
                "the numerator of {}, {} = {}, is above its denominator {} = {}",
                label(m),
                num.id,
                num.value,
                den.id,
                den.value
            ),
        ));
        return;
    }
    let Some(&(_, factor)) = RATE_UNITS.iter().find(|(u, _)| *u == m.unit) else {
        return;
    };
    if den.value == 0.0 {
        out.push(Finding::new(
            FindingCode::RateDisagrees,
            at("denominator"),
            format!("the denominator of {}, {}, is zero", label(m), den.id),
        ));
        return;
    }
    let q = factor * num.value / den.value;
    let places = stated_places(m);
    if !agrees(m, num, den) {
        out.push(Finding::new(
            FindingCode::RateDisagrees,
            at("value"),
            format!(
                "{} is {}{} but {} / {} gives {q:.*}{}",
                label(m),
                m.value,
                m.unit,
                num.value,
                den.value,
                places as usize,
                m.unit
            ),
        ));
    }
}

/// Digits after the decimal point the rate is stated with: as written, else as its value has.
fn stated_places(m: &Metric) -> u32 {
    if m.as_written.chars().any(|c| c.is_ascii_digit()) {
        decimals(&m.as_written)
    } else {
        decimals(&m.value.to_string())
    }
}

/// Whether a rate agrees with its numerator and denominator within the rounding (or
/// truncation) of its stated precision.
fn agrees(m: &Metric, num: &Metric, den: &Metric) -> bool {
    let Some(&(_, factor)) = RATE_UNITS.iter().find(|(u, _)| *u == m.unit) else {
        return false;
    };
    if den.value == 0.0 {
        return false;
    }
    let q = factor * num.value / den.value;
    let tolerance = 10f64.powi(-(stated_places(m) as i32)) + 1e-9;
    (q - m.value).abs() <= tolerance
}

/// Every span of the document lies within its source.
fn spans(out: &mut Vec<Finding>, doc: &Document) {
    let len = doc.source.chars;
    // pointers are built only for a span out of bounds
    let mut span = |pointer: &dyn Fn() -> String, s: Span| {
        if s.start > s.end || s.end > len {
            out.push(Finding::new(
                FindingCode::SpanOutOfBounds,
                pointer(),
                format!(
                    "span {}..{} does not lie within the source's {len} characters",
                    s.start, s.end
                ),
            ));
        }
    };
    if let Some(s) = doc.report.title_span {
        span(&|| "/report/title_span".into(), s);
    }
    for (i, s) in doc.sections.iter().enumerate() {
        span(&|| format!("/sections/{i}/span"), s.span);
        span(&|| format!("/sections/{i}/extent"), s.extent);
    }
    for (i, b) in doc.bodies.iter().enumerate() {
        for (k, s) in b.mentions.iter().enumerate() {
            span(&|| format!("/bodies/{i}/mentions/{k}"), *s);
        }
    }
    for (i, p) in doc.programmes.iter().enumerate() {
        for (k, s) in p.mentions.iter().enumerate() {
            span(&|| format!("/programmes/{i}/mentions/{k}"), *s);
        }
    }
    for (i, m) in doc.metrics.iter().enumerate() {
        span(&|| format!("/metrics/{i}/span"), m.span);
        span(&|| format!("/metrics/{i}/sentence"), m.sentence);
        if let Some(s) = m.label_span {
            span(&|| format!("/metrics/{i}/label_span"), s);
        }
        if let Some(t) = &m.target {
            span(&|| format!("/metrics/{i}/target/span"), t.span);
        }
    }
    for (i, d) in doc.diagnostics.iter().enumerate() {
        if let Some(s) = d.span {
            span(&|| format!("/diagnostics/{i}/span"), s);
        }
    }
}

/// A period range runs forwards through real months: `2023-01..2023-05`.
fn period(out: &mut Vec<Finding>, period: &str) {
    let Some((from, to)) = period.split_once("..") else {
        return;
    };
    let month = |s: &str| -> Option<(u32, u32)> {
        let (y, m) = s.split_once('-')?;
        let (y, m) = (y.parse().ok()?, m.parse().ok()?);
        (1..=12).contains(&m).then_some((y, m))
    };
    let message = match (month(from), month(to)) {
        (Some(a), Some(b)) if a <= b => return,
        (Some(_), Some(_)) => format!("period {period} ends before it starts"),
        _ => format!("period {period} names a month that does not exist"),
    };
    out.push(Finding::new(
        FindingCode::BadPeriod,
        "/report/period",
        message,
    ));
}

/// With the source report at hand: the document was made from it, and every metric's span
/// holds its `as_written` (in the plain text of a Word, HTML or PDF source). `source` is the report itself or a directory holding the file the
/// document names.
pub fn check_source(doc: &Document, source: &Path) -> Vec<Finding> {
    let path = if source.is_dir() {
        let name = Path::new(&doc.source.file)
            .file_name()
            .map(|n| n.to_os_string())
            .unwrap_or_default();
        source.join(name)
    } else {
        source.to_path_buf()
    };
    let read = crate::ingest::Input::from_path(&path, u64::MAX)
        .and_then(|input| crate::ingest::plain(&input).map(|p| (input.bytes, p.text)));
    let (bytes, text) = match read {
        Ok(read) => read,
        Err(e) => {
            return vec![Finding::new(
                FindingCode::SourceDiffers,
                "/source/file",
                format!("cannot read the source {}: {e}", path.display()),
            )];
        }
    };
    let mut out = Vec::new();
    let digest = crate::model::Source::sha256_of(&bytes);
    if digest != doc.source.sha256 {
        out.push(Finding::new(
            FindingCode::SourceDiffers,
            "/source/sha256",
            format!(
                "{} is not the file this document was made from (its SHA-256 differs)",
                path.display()
            ),
        ));
    }
    let chars: Vec<char> = text.chars().collect();
    let mut compare = |pointer: String, span: Span, as_written: &str| {
        if span.start <= span.end && span.end <= chars.len() {
            let found: String = chars[span.start..span.end].iter().collect();
            if found != as_written {
                out.push(Finding::new(
                    FindingCode::SpanTextDiffers,
                    pointer,
                    format!(
                        "the source holds \"{found}\" at {}..{}, not \"{as_written}\"",
                        span.start, span.end
                    ),
                ));
            }
        }
    };
    for (i, m) in doc.metrics.iter().enumerate() {
        compare(format!("/metrics/{i}/span"), m.span, &m.as_written);
        if let Some(t) = &m.target {
            compare(format!("/metrics/{i}/target/span"), t.span, &t.as_written);
        }
    }
    out
}
