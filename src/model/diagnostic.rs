//! Findings of the converter: what it repaired in the text, what it doubts in the figures.
//!
//! A diagnostic never stops a conversion. Codes are stable and grouped by stage:
//! `T2xx` text clean-up, `S3xx` structure, `M4xx` metrics. docs/diagnostics.md lists them all.

use serde::{Deserialize, Serialize};

use super::Span;

/// How much a diagnostic matters to someone relying on the figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A repair or an observation; the output can be trusted.
    Info,
    /// Something a reader should look at before relying on the figure.
    Warning,
    /// A figure that cannot be right as written.
    Error,
}

/// One finding with a stable code and the place in the source it concerns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Stable code, e.g. `T203`.
    pub code: String,
    /// How much it matters.
    pub severity: Severity,
    /// A sentence that says what was found, quoting the text concerned.
    pub message: String,
    /// Where in the decoded source it applies.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub span: Option<Span>,
}

impl Diagnostic {
    /// A new diagnostic.
    pub fn new(code: Code, message: impl Into<String>, span: Option<Span>) -> Self {
        Diagnostic {
            code: code.as_str().to_string(),
            severity: code.severity(),
            message: message.into(),
            span,
        }
    }
}

/// The diagnostic codes weijian emits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    /// T201: web-site boilerplate removed.
    Boilerplate,
    /// T202: paywall or reading-limit marker removed.
    Paywall,
    /// T203: page-break marker removed, possibly rejoining a split number.
    PageBreak,
    /// T204: OCR damage inside a number repaired.
    OcrDigit,
    /// T205: stray character after a percent sign read as a full stop.
    StrayAfterPercent,
    /// T206: traditional characters read as simplified for matching.
    Traditional,
    /// T207: metadata table read and set aside.
    MetadataTable,
    /// T208: a running header or footer of a Word or PDF file kept out of the text.
    Furniture,
    /// T209: pinyin readings after Han characters removed (names and titles keep them).
    Reading,
    /// S301: heading numbers skip or repeat.
    HeadingSequence,
    /// M401: a share above 100%.
    ShareAbove100,
    /// M402: a rate agrees with the counts stated beside it.
    RateAgrees,
    /// M403: a rate disagrees with the counts stated beside it.
    RateDisagrees,
    /// M404: a figure replaced by a placeholder such as XX.
    Redacted,
    /// M405: a target was stated but not met.
    TargetNotMet,
}

impl Code {
    /// The stable code string.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Boilerplate => "T201",
            Code::Paywall => "T202",
            Code::PageBreak => "T203",
            Code::OcrDigit => "T204",
            Code::StrayAfterPercent => "T205",
            Code::Traditional => "T206",
            Code::MetadataTable => "T207",
            Code::Furniture => "T208",
            Code::Reading => "T209",
            Code::HeadingSequence => "S301",
            Code::ShareAbove100 => "M401",
            Code::RateAgrees => "M402",
            Code::RateDisagrees => "M403",
            Code::Redacted => "M404",
            Code::TargetNotMet => "M405",
        }
    }

    /// The severity every diagnostic of this code has.
    pub fn severity(self) -> Severity {
        match self {
            Code::ShareAbove100 | Code::RateDisagrees | Code::HeadingSequence => Severity::Warning,
            _ => Severity::Info,
        }
    }
}
