//! The shared schema as serde types: what `weijian convert` writes and what every later stage
//! (validate, export, import) reads.
//!
//! The JSON Schema in `schema/weijian.schema.json` describes the same shape; a test checks
//! that every document the converter writes validates against it. All YAML I/O lives in
//! [`crate::yaml`], so the YAML backend can be swapped in one place.

use serde::{Deserialize, Serialize, Serializer};

pub mod diagnostic;

use crate::lexicon::class;
use crate::rules::rule;
use diagnostic::Diagnostic;

/// Version of the schema this crate writes. Bump the minor version for added optional fields,
/// the major version for anything that changes the meaning of existing fields.
pub const SCHEMA_VERSION: &str = "1.5.0";

/// A half-open range of Unicode character offsets into the decoded source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First character, counted from 0.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (exclusive).
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Whether `other` lies within this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// One converted report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Version of the schema, see [`SCHEMA_VERSION`].
    pub schema_version: String,
    /// Where the text came from.
    pub source: Source,
    /// What the report is.
    pub report: Report,
    /// The section tree, flattened in document order; `parent` links children to parents.
    pub sections: Vec<Section>,
    /// Named organisations and facility types.
    pub bodies: Vec<Body>,
    /// Named programmes, projects, campaigns and policies.
    pub programmes: Vec<Programme>,
    /// Every numeric fact, in document order.
    pub metrics: Vec<Metric>,
    /// What the converter repaired or doubts.
    pub diagnostics: Vec<Diagnostic>,
}

/// The input file as read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// File name as given (`-` for standard input).
    pub file: String,
    /// SHA-256 of the raw bytes, lowercase hex.
    pub sha256: String,
    /// Input format (`text`).
    pub format: String,
    /// Detected encoding (`UTF-8`, `UTF-16LE`, `UTF-16BE`, `GB18030`).
    pub encoding: String,
    /// Size of the raw input in bytes.
    pub bytes: u64,
    /// Number of Unicode characters in the decoded source; every span lies within it.
    pub chars: usize,
}

#[doc(hidden)]
/// The id of the `n`-th (from 1) record of a list, as the schema writes it: `m12` for a metric,
/// `s3` for a section, `b2` for a body, `p5` for a programme.
pub fn record_id(prefix: char, n: usize) -> String {
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(n);
    let mut id = String::with_capacity(1 + digits.len());
    id.push(prefix);
    id.push_str(digits);
    id
}

impl Source {
    /// The SHA-256 of `bytes` as [`Source::sha256`] records it: lowercase hex.
    pub fn sha256_of(bytes: &[u8]) -> String {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(bytes))
    }
}

/// Administrative level of a jurisdiction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// 省, 自治区, 直辖市.
    Province,
    /// 市, 州, 盟.
    City,
    /// 县, 县级市, 旗.
    County,
    /// 区.
    District,
    /// 乡, 镇, 街道.
    Township,
    /// A hospital or other institution.
    Institution,
    /// Not stated.
    Unknown,
}

/// What kind of report this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    /// 工作总结.
    Summary,
    /// 工作计划, 工作要点.
    Plan,
    /// A summary with next year's plan.
    SummaryAndPlan,
    /// 统计公报.
    Bulletin,
    /// Anything else.
    Other,
}

/// The body whose territory the report covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Jurisdiction {
    /// Name as written (may be redacted, e.g. `XX县`).
    pub name: String,
    /// Administrative level.
    pub level: Level,
}

/// Report metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The report's own title, as written.
    pub title: String,
    /// Where the title stands in the source.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub title_span: Option<Span>,
    /// The body that wrote it, as written (`""` when unknown).
    pub issuer: String,
    /// The territory it covers.
    pub jurisdiction: Jurisdiction,
    /// Reporting period: `2023`, `2023H1`, `2023Q3`, `2023-01..2023-05`; `""` when unknown.
    pub period: String,
    /// Summary, plan, both, bulletin.
    pub kind: ReportKind,
    /// Publication date `YYYY-MM-DD`, from a page's metadata.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub published: Option<String>,
    /// Index number (索引号) from a page's metadata table.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub index_number: Option<String>,
}

/// What a section is about, judged from its title (or its parent's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionRole {
    /// Work done, results.
    Achievements,
    /// Problems and shortcomings.
    Problems,
    /// Plans for the next period.
    Plan,
    /// Anything else.
    Other,
}

/// One heading and the text it governs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// `s1`, `s2`, … in document order.
    pub id: String,
    /// Id of the enclosing section.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub parent: Option<String>,
    /// The number as written: `一、`, `(一)`, `1.`; `""` for a bare heading line.
    pub number: String,
    /// The title, without trailing punctuation.
    pub title: String,
    /// Depth in the tree, 1 for top level.
    pub level: u8,
    /// What the section is about.
    pub role: SectionRole,
    /// The heading itself (number and title).
    pub span: Span,
    /// The heading and everything up to the next heading of the same or a higher level.
    pub extent: Span,
}

/// A named organisation or facility type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Body {
    /// `b1`, `b2`, …
    pub id: String,
    /// Name as written.
    pub name: String,
    /// Kind of body: `hospital`, `primary_care`, `public_health`, `government`, `academic`,
    /// `place`, `other`.
    #[serde(rename = "type")]
    pub body_type: String,
    /// Where it is mentioned.
    pub mentions: Vec<Span>,
}

/// A named programme, project, campaign or policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Programme {
    /// `p1`, `p2`, …
    pub id: String,
    /// Name as written, without quotes.
    pub name: String,
    /// Where it is mentioned.
    pub mentions: Vec<Span>,
}

/// What a metric measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricKind {
    /// Number of people, facilities, events, items.
    Count,
    /// Money, in 元.
    Amount,
    /// A share or rate: %, ‰, per 100,000.
    Rate,
    /// A change: growth or decline, in percent, percentage points or units.
    Change,
    /// Per 1,000 or 10,000 people.
    Density,
    /// Days, hours, minutes.
    Duration,
}

/// Units of rates, with the factor a quotient is multiplied by to give them.
pub const RATE_UNITS: &[(&str, f64)] = &[
    ("%", 100.0),
    ("‰", 1000.0),
    ("‱", 10_000.0),
    ("1/万", 10_000.0),
    ("1/10万", 100_000.0),
];

impl MetricKind {
    /// Whether `unit` is a unit of this kind: 元 for amounts (`unit.money`), a rate
    /// unit for rates, a per-population unit (`张/千人`) for densities, a time for durations
    /// (`model.duration_units`), a measure word for counts (not money, not 百分点 of
    /// `unit.points`); a change takes any unit.
    pub fn accepts_unit(self, unit: &str) -> bool {
        let is_rate = RATE_UNITS.iter().any(|(u, _)| *u == unit);
        match self {
            MetricKind::Amount => class!("unit.money").has(unit),
            MetricKind::Rate => is_rate,
            MetricKind::Density => unit.contains('/') && !is_rate,
            MetricKind::Duration => class!("model.duration_units").has(unit),
            MetricKind::Count => {
                !unit.is_empty()
                    && !is_rate
                    && !unit.contains('/')
                    && !class!("unit.money").ends_str(unit)
                    && !class!("unit.points").has(unit)
            }
            MetricKind::Change => !unit.is_empty(),
        }
    }
}

#[doc(hidden)]
/// Whether a rate so labelled may exceed 100% (a completion or growth rate): its label holds
/// a word of `model.may_exceed_100`.
pub fn may_exceed_100(label: &str) -> bool {
    class!("model.may_exceed_100").in_text(label)
}

#[doc(hidden)]
/// Digits after the decimal point of a figure as written (`95.16%` has 2).
pub fn decimals(as_written: &str) -> u32 {
    let digits: String = as_written
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    digits.split_once('.').map_or(0, |(_, f)| f.len() as u32)
}

/// Whether a figure is achieved or aimed at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Achieved, measured.
    Actual,
    /// Aimed at, planned.
    Target,
}

/// How exact a figure is, from the words around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// As written.
    Exact,
    /// 约, 左右, 近.
    About,
    /// 余, 多, 超过, 逾.
    MoreThan,
    /// 以上, 不少于, 不低于.
    AtLeast,
    /// 以内, 以下, 不超过.
    AtMost,
    /// 不足, 低于, 少于.
    LessThan,
}

impl Qualifier {
    /// Whether the figure is approximate in the gold sense (anything but exact).
    pub fn is_approximate(self) -> bool {
        self != Qualifier::Exact
    }
}

/// A target held against a metric, e.g. `(全年任务62%)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// The target value, normalised like the metric's.
    #[serde(serialize_with = "serialize_number")]
    pub value: f64,
    /// Its unit.
    pub unit: String,
    /// How exact it is.
    pub qualifier: Qualifier,
    /// The target number's surface form in the source.
    pub span: Span,
    /// The target as written.
    pub as_written: String,
    /// Whether the metric's value meets the target (direction from the metric's name).
    pub met: bool,
}

impl Target {
    /// Whether `value` meets a target of `target`: from below when the target is a ceiling
    /// (`不超过`, `以内`) or the label says lower is better (死亡率, 控制…), from above otherwise.
    /// For a metric whose indicator is catalogued, the catalogue's direction decides instead
    /// (`Catalogue::met`).
    pub fn is_met(value: f64, target: f64, qualifier: Qualifier, label: &str) -> bool {
        Target::meets(
            value,
            target,
            qualifier,
            lower_is_better_word(label).is_some(),
        )
    }

    /// Whether `value` meets a target of `target` when lower is better or not: a ceiling
    /// (`不超过`, `以内`) is met from below whatever the direction.
    pub fn meets(value: f64, target: f64, qualifier: Qualifier, lower_is_better: bool) -> bool {
        if Target::is_ceiling(qualifier) || lower_is_better {
            value <= target
        } else {
            value >= target
        }
    }

    /// Whether a target so qualified is a ceiling (`不超过`, `以内`, `<`).
    pub fn is_ceiling(qualifier: Qualifier) -> bool {
        matches!(qualifier, Qualifier::AtMost | Qualifier::LessThan)
    }

    /// [`Target::is_met`] with the rules that decided: `target.met_direction` for a ceiling,
    /// otherwise `target.met_label_fallback` and the word of `model.lower_is_better` that
    /// fired, if any.
    pub fn met_by_label(
        value: f64,
        target: f64,
        qualifier: Qualifier,
        label: &str,
    ) -> (bool, Vec<Because>) {
        if Target::is_ceiling(qualifier) {
            return (value <= target, vec![rule!("target.met_direction").into()]);
        }
        let word = lower_is_better_word(label);
        let mut why: Vec<Because> = vec![rule!("target.met_label_fallback").into()];
        why.extend(word.map(|w| class!("model.lower_is_better").fired(w)));
        (Target::meets(value, target, qualifier, word.is_some()), why)
    }
}

#[doc(hidden)]
/// The word of `model.lower_is_better` in a label (死亡率, 发病率), which makes lower better
/// for a metric the catalogue does not know.
pub fn lower_is_better_word(label: &str) -> Option<&'static str> {
    class!("model.lower_is_better").found_in(label)
}

/// One numeric fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Metric {
    /// `m1`, `m2`, … in document order.
    pub id: String,
    /// The metric's name as written, e.g. `高血压病患规范管理服务率`.
    pub label: String,
    /// Where the label stands in the source.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub label_span: Option<Span>,
    /// What is measured.
    pub kind: MetricKind,
    /// Achieved or aimed at.
    pub role: Role,
    /// The number, normalised: 万/亿 multiplied out, rates in their own unit (65.5 for 65.5%),
    /// changes signed.
    #[serde(serialize_with = "serialize_number")]
    pub value: f64,
    /// `%`, `‰`, `1/10万`, `元`, `百分点`, a measure word (`人`, `家`), or `个/千人` for densities.
    pub unit: String,
    /// The number's surface form in the source, e.g. `3.4万余人次`.
    pub as_written: String,
    /// How exact the number is.
    pub qualifier: Qualifier,
    /// Whether `qualifier` is anything but exact.
    pub approximate: bool,
    /// The number's surface form in the decoded source (Unicode characters, end exclusive).
    pub span: Span,
    /// The target held against it.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub target: Option<Target>,
    /// The population it concerns, when stated (`65岁及以上老年人`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub population: Option<String>,
    /// The period the figure is of, when it differs from the report's: the year or part of
    /// a year of its table column (`2022年`, `上半年`), as written.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub period: Option<String>,
    /// What a rate whose label leaves it out is of, as its context names it (`高血压` for a
    /// bare `规范管理率` in a paragraph on hypertension patients); the label stays as written
    /// and the catalogue reads the two together (`高血压规范管理率`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub subject: Option<String>,
    /// Indicator catalogue code, when known.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub indicator: Option<String>,
    /// The catalogue name (standard name or synonym) the label matched.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub indicator_match: Option<String>,
    /// Id of the section it stands in.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub section: Option<String>,
    /// Id of the body it concerns.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub body: Option<String>,
    /// Id of the programme it concerns.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub programme: Option<String>,
    /// Id of the metric it is part of (`其中…`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub parent: Option<String>,
    /// For a rate: id of the count it is computed from (`早孕建册人数`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub numerator: Option<String>,
    /// For a rate: id of the count it is computed over (`活产数`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub denominator: Option<String>,
    /// The sentence it stands in.
    pub sentence: Span,
    /// Where in the original document it came from (paragraph, table cell, page).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub origin: Option<Origin>,
    /// Provenance: the named rules that made the metric and the lexicon words that fired
    /// (`change.up[增长]`, `label.clause_before`), in the order they were applied.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub because: Vec<Because>,
}

/// One entry of a metric's provenance: the name of a rule (`kind.change`), or a lexicon word
/// that fired, as `class[word]` (`change.up[增长]`). Borrowed when it is a rule's name, so
/// recording one costs no allocation.
pub type Because = std::borrow::Cow<'static, str>;

/// Which part of a document a metric came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// Running text.
    Body,
    /// A table cell.
    Table,
    /// A footnote.
    Footnote,
}

/// Where a metric came from in the original document. Numbers are 1-based.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// Body text, a table cell or a footnote.
    pub part: Part,
    /// The paragraph (non-empty line of the plain text) it stands in.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub paragraph: Option<usize>,
    /// The table (counted through the document).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub table: Option<usize>,
    /// The table row.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub row: Option<usize>,
    /// The table column.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub column: Option<usize>,
    /// The page (PDF).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub page: Option<usize>,
}

impl Origin {
    /// An origin in `part`, places unknown yet.
    pub fn new(part: Part) -> Origin {
        Origin {
            part,
            paragraph: None,
            table: None,
            row: None,
            column: None,
            page: None,
        }
    }

    /// A table cell (1-based).
    pub fn cell(table: usize, row: usize, column: usize) -> Origin {
        Origin {
            table: Some(table),
            row: Some(row),
            column: Some(column),
            ..Origin::new(Part::Table)
        }
    }

    /// A short form for one cell of a sheet: `p12`, `t1 r2 c3`, `note p40`, `page 3 p12`.
    pub fn to_short(&self) -> String {
        let mut parts = Vec::new();
        if self.part == Part::Footnote {
            parts.push("note".to_string());
        }
        if let Some(p) = self.page {
            parts.push(format!("page {p}"));
        }
        if let (Some(t), Some(r), Some(c)) = (self.table, self.row, self.column) {
            parts.push(format!("t{t} r{r} c{c}"));
        }
        if let Some(p) = self.paragraph {
            parts.push(format!("p{p}"));
        }
        parts.join(" ")
    }

    /// Reads [`to_short`](Self::to_short)'s form back.
    pub fn from_short(s: &str) -> Option<Origin> {
        let mut o = Origin::new(Part::Body);
        let mut words = s.split_whitespace().peekable();
        while let Some(w) = words.next() {
            let num = |t: &str| t.parse::<usize>().ok().filter(|&n| n > 0);
            match w {
                "note" => o.part = Part::Footnote,
                "page" => o.page = Some(num(words.next()?)?),
                _ if w.starts_with('t') => {
                    o.part = Part::Table;
                    o.table = Some(num(&w[1..])?);
                    o.row = Some(num(words.next()?.strip_prefix('r')?)?);
                    o.column = Some(num(words.next()?.strip_prefix('c')?)?);
                }
                _ if w.starts_with('p') => o.paragraph = Some(num(&w[1..])?),
                _ => return None,
            }
        }
        Some(o)
    }
}

#[doc(hidden)]
/// Writes integral values as integers (`476094`, not `476094.0`), others as the shortest
/// decimal that round-trips.
pub fn serialize_number<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 9.0e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

impl Document {
    /// The document as pretty JSON.
    pub fn to_json(&self) -> crate::Result<String> {
        serde_json::to_string_pretty(self).map_err(|e| crate::Error::Serialise(e.to_string()))
    }

    /// The document as compact JSON on one line (JSON Lines).
    pub fn to_json_line(&self) -> crate::Result<String> {
        serde_json::to_string(self).map_err(|e| crate::Error::Serialise(e.to_string()))
    }

    /// The document as YAML.
    pub fn to_yaml(&self) -> crate::Result<String> {
        crate::yaml::to_string(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_ids_are_a_prefix_and_a_number() {
        assert_eq!(record_id('m', 1), "m1");
        assert_eq!(record_id('p', 1234), "p1234");
    }

    #[test]
    fn sha256_is_lowercase_hex() {
        assert_eq!(
            Source::sha256_of(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
