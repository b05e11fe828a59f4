//! Validation of submissions in the shared schema (JSON or YAML, written by weijian or by
//! hand): the JSON Schema, the built-in rules of health reporting, and rules from a file.
//!
//! Every finding carries a stable code (`V1xx` unusable input, `V2xx` schema, `V3xx` built-in
//! rules, `V4xx` rules from a file), a JSON pointer, and, where the text has one, the line and
//! column of the offending node. docs/validation.md explains each code.

mod builtin;
pub mod expr;
pub mod locate;
pub mod ruleset;
mod schema;

use std::path::Path;

use serde::Serialize;

pub use crate::diagnostic::Severity;
use crate::model::Document;
pub use locate::{Locations, Position};
pub use ruleset::RuleSet;

/// Declares the finding codes from one table: variant, code, default severity, doc, help.
macro_rules! finding_codes {
    ($($variant:ident = $code:literal, $severity:ident, $doc:literal, $help:literal;)+) => {
        /// The finding codes of `weijian validate`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum FindingCode {
            $(#[doc = concat!($code, ": ", $doc)] $variant,)+
        }

        impl FindingCode {
            /// Every code, in order (for documentation and tests).
            pub const ALL: &'static [FindingCode] = &[$(FindingCode::$variant,)+];

            /// The stable code, e.g. `V201`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(FindingCode::$variant => $code,)+
                }
            }

            /// The severity the code has unless a rules file says otherwise.
            pub fn severity(self) -> Severity {
                match self {
                    $(FindingCode::$variant => Severity::$severity,)+
                }
            }

            /// What to do about it, in a sentence.
            pub fn help(self) -> &'static str {
                match self {
                    $(FindingCode::$variant => $help,)+
                }
            }
        }
    };
}

finding_codes! {
    Empty = "V100", Error, "the file is empty.",
        "the file has no content; export the submission again";
    NotUtf8 = "V101", Error, "the file is not UTF-8 text.",
        "save the file as UTF-8 (in most editors: Save As, encoding UTF-8)";
    Syntax = "V102", Error, "the text is not valid JSON or YAML.",
        "fix the syntax at the place shown; a missing comma, quote or bracket, or wrong indentation, is the usual cause";
    TooLarge = "V103", Error, "the file is over the size limit.",
        "split the submission, or raise the limit with --max-bytes";
    TooComplex = "V104", Error, "nesting or aliases beyond the parser's limits.",
        "the file nests too deeply or repeats an alias too often; write the values out plainly";
    NotJsonOrYaml = "V105", Error, "the file is neither JSON, YAML nor an .xlsx workbook (a PDF, an old .xls…).",
        "submit the document as JSON or YAML (`weijian convert` writes both), or as .xlsx (`weijian template`)";
    Unreadable = "V106", Error, "the file cannot be read (missing, a directory, no permission).",
        "check the path and that the file is readable";
    NotAWorkbook = "V107", Error, "a workbook that is corrupt or lacks a sheet or column weijian needs.",
        "start from `weijian template` or `weijian export`; docs/excel.md lists the sheets and columns";
    WrongType = "V200", Error, "a value of the wrong type.",
        "write the value in the type shown (a number without quotes or units, a string in quotes, true or false)";
    MissingField = "V201", Error, "a required field is missing.",
        "add the field; docs/schema.md lists every field and its meaning";
    UnknownField = "V202", Error, "a field the schema does not know.",
        "remove the field or correct its spelling; docs/schema.md lists the fields";
    NotAllowed = "V203", Error, "a value outside the allowed list.",
        "use one of the values listed";
    BadFormat = "V204", Error, "a value not in the form the schema requires (a date, an id pattern, …).",
        "write the value in the form the message shows (dates as YYYY-MM-DD, ids as m1, s2, b3)";
    OutOfRange = "V205", Error, "a value out of range (negative offset, empty name, level 9).",
        "correct the value to lie within the range shown";
    DuplicateId = "V300", Error, "an id used twice.",
        "give each item its own id (m1, m2, … for metrics)";
    UnresolvedReference = "V301", Error, "a reference to an id that does not exist.",
        "point the reference at an id that exists, or remove it";
    UnitMismatch = "V302", Error, "a unit that does not fit the metric's kind.",
        "use a unit of the metric's kind: 元 for amounts, % ‰ ‱ 1/万 1/10万 for rates, a measure word for counts";
    ShareOutOfRange = "V303", Error, "a share outside 0–100% (or ‰ outside 0–1000).",
        "a share lies between 0 and 100%; check the figure against the report";
    RateAbove100 = "V304", Warning, "a rate above 100% that can be right (a warning).",
        "a completion or growth rate, or one the report defines so, can exceed 100%; confirm the figure against the report";
    PartAboveWhole = "V305", Error, "a part above its whole, or a numerator above its denominator.",
        "a part cannot exceed its whole; check both figures and the parent, numerator or denominator reference";
    RateDisagrees = "V306", Error, "a rate that does not agree with its numerator and denominator.",
        "recompute the rate from its counts, or correct the counts";
    TargetMetWrong = "V307", Error, "`target.met` that contradicts the value and the target.",
        "set met to whether the value reaches the target";
    SpanOutOfBounds = "V308", Error, "a span outside the source text.",
        "spans count Unicode characters of the source; re-convert the source or correct the span";
    SpanTextDiffers = "V309", Error, "a span whose source text is not the metric's `as_written`.",
        "the span must point at the figure as written; re-convert the source or correct the span";
    BadPeriod = "V310", Error, "a period whose start is after its end, or an impossible month.",
        "write the period as 2023, 2023H1, 2023Q3 or 2023-01..2023-05 with the start first";
    SourceDiffers = "V311", Warning, "the source file given is not the one the document was made from.",
        "the source file has changed since conversion; check it is the right file";
    RuleViolated = "V400", Error, "a rule of the rules file does not hold.",
        "check the figures the rule names against the report";
    RequiredMissing = "V401", Error, "a metric a profile requires is missing.",
        "report the metric, or label it so that it matches the name the profile requires";
    CellNotANumber = "V500", Error, "a workbook cell that should hold a number holds text (`约62`).",
        "write the number alone; 约, 余, 以上 go in the qualifier column, the unit in the unit column";
    CellRequired = "V501", Error, "a required workbook cell is empty.",
        "fill in the cell; the row is skipped until then";
    CellNotAllowed = "V502", Error, "a workbook cell holds a value outside its list, an unreadable span, or an Excel error value (#N/A).",
        "choose a value from the cell's dropdown (the Codes sheet lists them)";
    CellDate = "V503", Error, "Excel turned the cell into a date.",
        "format the column as text and type the value again (2023-05, not a date)";
    CellsMerged = "V504", Error, "merged cells in a workbook's data.",
        "unmerge the cells so that each row holds one record";
    CellUnknownReport = "V505", Error, "a workbook row names a report that is not on the Reports sheet.",
        "use a key from the report column of the Reports sheet (r1)";
    BlankRow = "V506", Info, "a blank row inside a workbook's data, skipped.",
        "delete the blank row";
}

impl FindingCode {
    /// Whether the code means the file could not be read as a submission at all.
    pub fn is_unusable(self) -> bool {
        self.as_str().starts_with("V1")
    }
}

impl Serialize for FindingCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One problem found in a submission.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Stable code.
    pub code: FindingCode,
    /// How much it matters.
    pub severity: Severity,
    /// JSON pointer of the offending node (`/metrics/3/value`); empty for the whole document.
    pub pointer: String,
    /// 1-based line of the offending node, when the text has one.
    pub line: Option<usize>,
    /// 1-based column (in characters) of the offending node.
    pub column: Option<usize>,
    /// For a workbook: the cell (`Metrics!F12`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// Characters to underline from the column.
    #[serde(skip)]
    pub len: usize,
    /// What is wrong, in words.
    pub message: String,
    /// What to do.
    pub help: String,
    /// The schema keyword or the rule code violated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// For a rule from a file: the value of its left side.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub left: Option<f64>,
    /// For a rule from a file: the value of its right side.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub right: Option<f64>,
}

impl Finding {
    /// A finding with the code's severity and help, not yet located.
    pub fn new(code: FindingCode, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Finding {
            code,
            severity: code.severity(),
            pointer: pointer.into(),
            line: None,
            column: None,
            cell: None,
            len: 1,
            message: message.into(),
            help: code.help().to_string(),
            rule: None,
            left: None,
            right: None,
        }
    }

    fn at(mut self, p: Option<Position>) -> Self {
        self.place(p);
        self
    }

    fn place(&mut self, p: Option<Position>) {
        if let Some(p) = p {
            self.line = Some(p.line);
            self.column = Some(p.column);
            self.len = p.len;
        }
    }
}

/// The syntax of a submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Syntax {
    /// JSON.
    Json,
    /// YAML.
    Yaml,
    /// An Excel workbook (`weijian export` or a filled template).
    Xlsx,
}

/// The findings for one file.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    /// The file as named on the command line.
    pub file: String,
    /// The syntax it was read as.
    pub syntax: Option<Syntax>,
    /// Its findings, in the order of the text.
    pub findings: Vec<Finding>,
    /// The text (for showing the offending lines).
    #[serde(skip)]
    pub text: String,
}

impl FileReport {
    /// Whether the file could not be read as a submission.
    pub fn is_unusable(&self) -> bool {
        self.findings.iter().any(|f| f.code.is_unusable())
    }

    /// Findings of exactly this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

/// What to validate against besides the schema and the built-in rules.
#[derive(Debug, Default)]
pub struct Options {
    /// Rules and profiles from a rules file.
    pub rules: Option<RuleSet>,
    /// The source report: a file, or a directory holding the files the documents name.
    pub source: Option<std::path::PathBuf>,
    /// The largest file read, in bytes.
    pub max_bytes: Option<u64>,
}

/// The default size limit of a submission: 64 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 64 << 20;

/// Validates one file.
pub fn validate_file(path: &Path, options: &Options) -> FileReport {
    let name = path.display().to_string();
    let limit = options.max_bytes.unwrap_or(DEFAULT_MAX_BYTES);
    // refuse an over-size file before reading any of it
    if let Ok(meta) = std::fs::metadata(path)
        && meta.is_file()
        && meta.len() > limit
    {
        return unusable(
            name,
            Finding::new(
                FindingCode::TooLarge,
                "",
                format!(
                    "the file is {} bytes, over the limit of {limit}",
                    meta.len()
                ),
            ),
        );
    }
    let read = std::fs::File::open(path).and_then(|f| {
        use std::io::Read;
        let mut bytes = Vec::new();
        f.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
        Ok(bytes)
    });
    match read {
        Ok(bytes) if bytes.len() as u64 > limit => unusable(
            name,
            Finding::new(
                FindingCode::TooLarge,
                "",
                format!("the file is over the limit of {limit} bytes"),
            ),
        ),
        Ok(bytes) => validate_bytes(&name, &bytes, options),
        Err(e) => unusable(
            name,
            Finding::new(
                FindingCode::Unreadable,
                "",
                format!("cannot read the file: {e}"),
            ),
        ),
    }
}

fn unusable(file: String, finding: Finding) -> FileReport {
    FileReport {
        file,
        syntax: None,
        findings: vec![finding],
        text: String::new(),
    }
}

/// Validates the bytes of one submission named `name` (its extension chooses JSON or YAML;
/// without one the first character does).
pub fn validate_bytes(name: &str, bytes: &[u8], options: &Options) -> FileReport {
    if let Some(limit) = options.max_bytes
        && bytes.len() as u64 > limit
    {
        return unusable(
            name.to_string(),
            Finding::new(
                FindingCode::TooLarge,
                "",
                format!(
                    "the file is {} bytes, over the limit of {limit}",
                    bytes.len()
                ),
            ),
        );
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return unusable(
            name.to_string(),
            Finding::new(FindingCode::Empty, "", "the file is empty"),
        );
    }
    // a zip is read as a workbook: a filled template or an export
    if bytes.starts_with(b"PK\x03\x04") {
        return validate_workbook(name, bytes, options);
    }
    if bytes.starts_with(b"%PDF") || bytes.starts_with(b"\xd0\xcf\x11\xe0") {
        return unusable(
            name.to_string(),
            Finding::new(
                FindingCode::NotJsonOrYaml,
                "",
                "the file is a PDF, an old .xls/.doc or another binary file, not JSON, YAML or .xlsx",
            ),
        );
    }
    let text = match std::str::from_utf8(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)) {
        Ok(t) => t,
        Err(e) => {
            let lossy = String::from_utf8_lossy(bytes).into_owned();
            let (line, column) = locate::line_column(&lossy, e.valid_up_to());
            let mut report = unusable(
                name.to_string(),
                Finding::new(
                    FindingCode::NotUtf8,
                    "",
                    format!(
                        "byte {} is not UTF-8 (GBK or another encoding?)",
                        e.valid_up_to()
                    ),
                )
                .at(Some(Position {
                    line,
                    column,
                    len: 1,
                })),
            );
            report.text = lossy;
            return report;
        }
    };
    let syntax = syntax_of(name, text);
    let findings = match parse(text, syntax) {
        Ok(value) => check_value(&value, text, syntax, options),
        Err(f) => vec![*f],
    };
    FileReport {
        file: name.to_string(),
        syntax: Some(syntax),
        // the text is kept only to show the lines of findings
        text: if findings.is_empty() {
            String::new()
        } else {
            text.to_string()
        },
        findings,
    }
}

/// The schema, the built-in rules and the rules file over a parsed submission, each finding
/// placed in `text`.
fn check_value(
    value: &serde_json::Value,
    text: &str,
    syntax: Syntax,
    options: &Options,
) -> Vec<Finding> {
    let mut findings = check_document(value, options);
    if !findings.is_empty() {
        let locations = match syntax {
            Syntax::Json => Locations::of_json(text),
            Syntax::Yaml => Locations::of_yaml(text),
            Syntax::Xlsx => Locations::default(),
        };
        for f in &mut findings {
            let at = if f.code == FindingCode::UnknownField {
                locations.key(&f.pointer)
            } else {
                locations.value(&f.pointer)
            };
            f.place(at);
        }
        findings.sort_by_key(|f| (f.line.unwrap_or(0), f.column.unwrap_or(0), f.code));
    }
    findings
}

/// The schema, the built-in rules and the rules file over one document.
fn check_document(value: &serde_json::Value, options: &Options) -> Vec<Finding> {
    let mut findings = schema::check(value);
    // the rules need the typed document; a document the schema rejects may still deserialise
    if let Ok(doc) = <Document as serde::Deserialize>::deserialize(value) {
        findings.extend(builtin::check(&doc));
        if let Some(source) = &options.source {
            findings.extend(builtin::check_source(&doc, source));
        }
        if let Some(rules) = &options.rules {
            findings.extend(rules.check(&doc));
        }
    }
    findings
}

/// JSON or YAML: by the name's extension, else JSON when the text opens with `{` or `[`.
pub(crate) fn syntax_of(name: &str, text: &str) -> Syntax {
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("json") => Syntax::Json,
        Some("yaml" | "yml") => Syntax::Yaml,
        _ if text.trim_start().starts_with(['{', '[']) => Syntax::Json,
        _ => Syntax::Yaml,
    }
}

fn parse(text: &str, syntax: Syntax) -> Result<serde_json::Value, Box<Finding>> {
    match syntax {
        Syntax::Json | Syntax::Xlsx => serde_json::from_str(text).map_err(|e| {
            let code = if e.to_string().contains("recursion limit") {
                FindingCode::TooComplex
            } else {
                FindingCode::Syntax
            };
            let message = e.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message);
            Box::new(
                Finding::new(code, "", format!("not valid JSON: {message}")).at(Some(Position {
                    line: e.line().max(1),
                    column: e.column().max(1),
                    len: 1,
                })),
            )
        }),
        Syntax::Yaml => crate::yaml::from_str::<serde_json::Value>(text).map_err(|e| {
            let code = if e.limit {
                FindingCode::TooComplex
            } else {
                FindingCode::Syntax
            };
            let at = e.location.map(|(line, column)| Position {
                line,
                column,
                len: 1,
            });
            Box::new(Finding::new(code, "", format!("not valid YAML: {}", e.message)).at(at))
        }),
    }
}

/// Validates a workbook: every cell that cannot be read, then each of its documents
/// through the schema and the rules, every finding at its cell.
fn validate_workbook(name: &str, bytes: &[u8], options: &Options) -> FileReport {
    use crate::excel::import::ProblemKind;
    let mut report = FileReport {
        file: name.to_string(),
        syntax: Some(Syntax::Xlsx),
        findings: Vec::new(),
        text: String::new(),
    };
    let imported = match crate::excel::import::read_workbook_bytes(Path::new(name), bytes) {
        Ok(i) => i,
        Err(e) => {
            let (cell, message) = match e {
                crate::Error::Workbook { cell, message, .. } => (cell, message),
                other => (None, other.to_string()),
            };
            let mut f = Finding::new(FindingCode::NotAWorkbook, "", message);
            f.cell = cell;
            report.findings.push(f);
            return report;
        }
    };
    for p in imported.problems {
        let code = match p.kind {
            ProblemKind::NotANumber => FindingCode::CellNotANumber,
            ProblemKind::Required => FindingCode::CellRequired,
            ProblemKind::NotAllowed => FindingCode::CellNotAllowed,
            ProblemKind::Date => FindingCode::CellDate,
            ProblemKind::Merged => FindingCode::CellsMerged,
            ProblemKind::UnknownReport => FindingCode::CellUnknownReport,
            ProblemKind::BlankRow => FindingCode::BlankRow,
            ProblemKind::ErrorValue => FindingCode::CellNotAllowed,
        };
        let mut f = Finding::new(code, "", p.message);
        f.cell = Some(p.cell);
        report.findings.push(f);
    }
    for (doc, places) in imported.documents.iter().zip(&imported.places) {
        let Ok(value) = serde_json::to_value(doc) else {
            continue;
        };
        for mut f in check_document(&value, options) {
            f.cell = places.cell_of(&f.pointer);
            report.findings.push(f);
        }
    }
    report
}

/// Totals over the files of one run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Files validated.
    pub files: usize,
    /// Files that could not be read as submissions.
    pub unusable: usize,
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Notes.
    pub infos: usize,
}

/// The outcome of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// No finding at or above the threshold.
    Valid,
    /// Findings at or above the threshold.
    Invalid,
    /// At least one file could not be read as a submission.
    Unusable,
}

impl Status {
    /// The exit code of `weijian validate` for this status: 0, 1 or 2.
    pub fn exit_code(self) -> u8 {
        match self {
            Status::Valid => 0,
            Status::Invalid => 1,
            Status::Unusable => 2,
        }
    }
}

/// A finding in the stable JSON report: the finding and its file.
#[derive(Debug, Serialize)]
pub struct FileFinding<'a> {
    /// The file it is in.
    pub file: &'a str,
    /// The finding.
    #[serde(flatten)]
    pub finding: &'a Finding,
}

/// The stable JSON report of a run: status, counts, findings.
#[derive(Debug, Serialize)]
pub struct Summary<'a> {
    /// valid, invalid or unusable.
    pub status: Status,
    /// Totals.
    pub counts: Counts,
    /// Every finding of every file.
    pub findings: Vec<FileFinding<'a>>,
}

/// Sums up the reports of a run; findings at or above `fail_on` make it invalid.
pub fn summarize(reports: &[FileReport], fail_on: Severity) -> Summary<'_> {
    let mut counts = Counts {
        files: reports.len(),
        ..Counts::default()
    };
    for r in reports {
        counts.unusable += usize::from(r.is_unusable());
        counts.errors += r.count(Severity::Error);
        counts.warnings += r.count(Severity::Warning);
        counts.infos += r.count(Severity::Info);
    }
    let failing = reports
        .iter()
        .flat_map(|r| &r.findings)
        .any(|f| f.severity >= fail_on);
    let status = if counts.unusable > 0 {
        Status::Unusable
    } else if failing {
        Status::Invalid
    } else {
        Status::Valid
    };
    let findings = reports
        .iter()
        .flat_map(|r| {
            r.findings.iter().map(|f| FileFinding {
                file: &r.file,
                finding: f,
            })
        })
        .collect();
    Summary {
        status,
        counts,
        findings,
    }
}
