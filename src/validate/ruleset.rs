//! Validation rules from a YAML file, in the shape of DHIS2's validation rules: a left and a
//! right expression over metrics, an operator, an importance and a missing-value strategy;
//! plus profiles of metrics a kind of report must carry. docs/validation.md shows the format;
//! examples/rules.yaml is a working file.

use std::path::Path;

use serde::Deserialize;

use super::expr::{self, Expr};
use super::{Finding, FindingCode, Severity};
use crate::model::{Document, Level, Metric, ReportKind, Role};

/// A comparison between the two sides of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operator {
    /// `==`, equal_to (within the rule's tolerance).
    Equal,
    /// `!=`, not_equal_to.
    NotEqual,
    /// `<`, less_than.
    Less,
    /// `<=`, less_than_or_equal_to.
    LessOrEqual,
    /// `>`, greater_than.
    Greater,
    /// `>=`, greater_than_or_equal_to.
    GreaterOrEqual,
    /// compulsory_pair: either both sides have values or neither.
    CompulsoryPair,
    /// exclusive_pair: at most one side has values.
    ExclusivePair,
}

impl Operator {
    fn parse(s: &str) -> Option<Operator> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "==" | "=" | "equal_to" => Operator::Equal,
            "!=" | "not_equal_to" => Operator::NotEqual,
            "<" | "less_than" => Operator::Less,
            "<=" | "less_than_or_equal_to" => Operator::LessOrEqual,
            ">" | "greater_than" => Operator::Greater,
            ">=" | "greater_than_or_equal_to" => Operator::GreaterOrEqual,
            "compulsory_pair" => Operator::CompulsoryPair,
            "exclusive_pair" => Operator::ExclusivePair,
            _ => return None,
        })
    }

    fn symbol(self) -> &'static str {
        match self {
            Operator::Equal => "=",
            Operator::NotEqual => "≠",
            Operator::Less => "<",
            Operator::LessOrEqual => "≤",
            Operator::Greater => ">",
            Operator::GreaterOrEqual => "≥",
            Operator::CompulsoryPair => "compulsory pair",
            Operator::ExclusivePair => "exclusive pair",
        }
    }
}

/// When a rule whose metrics are missing is still evaluated (missing values count as 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MissingValues {
    /// Skip the rule when any metric it names is missing (the default).
    SkipIfAnyMissing,
    /// Skip the rule only when every metric it names is missing.
    SkipIfAllMissing,
    /// Always evaluate.
    NeverSkip,
}

/// One rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Stable code, e.g. `BPHS-01`.
    pub code: String,
    /// Name shown in findings.
    pub name: String,
    /// Left side.
    pub left: Expr,
    /// The comparison.
    pub operator: Operator,
    /// Right side.
    pub right: Expr,
    /// Severity of a violation.
    pub severity: Severity,
    /// Missing-value strategy.
    pub missing: MissingValues,
    /// Absolute tolerance of the comparisons `==`, `!=`, `<=`, `>=`.
    pub tolerance: f64,
}

/// Which reports a profile applies to; an absent field matches every report.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppliesTo {
    /// Report kinds.
    #[serde(default)]
    pub kind: Option<Vec<ReportKind>>,
    /// Jurisdiction levels.
    #[serde(default)]
    pub level: Option<Vec<Level>>,
    /// `annual` (2023), `half_year` (2023H1), `quarter` (2023Q3) or `months` (2023-01..2023-05).
    #[serde(default)]
    pub period: Option<PeriodKind>,
}

/// The kinds of reporting period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// A year: `2023`.
    Annual,
    /// A half year: `2023H1`.
    HalfYear,
    /// A quarter: `2023Q3`.
    Quarter,
    /// A range of months: `2023-01..2023-05`.
    Months,
}

impl PeriodKind {
    fn of(period: &str) -> Option<PeriodKind> {
        if period.contains("..") {
            Some(PeriodKind::Months)
        } else if period.contains('H') {
            Some(PeriodKind::HalfYear)
        } else if period.contains('Q') {
            Some(PeriodKind::Quarter)
        } else if period.len() == 4 {
            Some(PeriodKind::Annual)
        } else {
            None
        }
    }
}

/// A required-metric profile: the metrics a kind of report must carry.
#[derive(Debug, Clone)]
pub struct Profile {
    /// Name shown in findings.
    pub name: String,
    /// Which reports it concerns.
    pub applies_to: AppliesTo,
    /// Indicator codes or labels that must be reported.
    pub required: Vec<String>,
    /// Severity of a missing metric.
    pub severity: Severity,
}

/// Rules and profiles loaded from a rules file.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    /// The rules.
    pub rules: Vec<Rule>,
    /// The profiles.
    pub profiles: Vec<Profile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    #[serde(default)]
    rules: Vec<RuleSpec>,
    #[serde(default)]
    profiles: Vec<ProfileSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSpec {
    code: String,
    name: String,
    #[serde(default)]
    #[allow(dead_code)]
    description: Option<String>,
    left: String,
    operator: String,
    right: String,
    #[serde(default)]
    importance: Option<String>,
    #[serde(default)]
    severity: Option<String>,
    #[serde(default)]
    missing_value_strategy: Option<String>,
    #[serde(default)]
    tolerance: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileSpec {
    name: String,
    #[serde(default)]
    applies_to: AppliesTo,
    required: Vec<String>,
    #[serde(default)]
    importance: Option<String>,
    #[serde(default)]
    severity: Option<String>,
}

/// Why a rules file cannot be used, and where (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulesError {
    /// What is wrong.
    pub message: String,
    /// Line and column, when known.
    pub location: Option<(usize, usize)>,
}

/// DHIS2's importance (high, medium, low) or a severity (error, warning, info).
fn severity(importance: &Option<String>, severity: &Option<String>) -> Result<Severity, String> {
    let Some(word) = severity.as_ref().or(importance.as_ref()) else {
        return Ok(Severity::Error);
    };
    Ok(match word.trim().to_ascii_lowercase().as_str() {
        "high" | "error" => Severity::Error,
        "medium" | "warning" => Severity::Warning,
        "low" | "info" => Severity::Info,
        other => {
            return Err(format!(
                "importance `{other}` is not one of high, medium, low (or severity error, warning, info)"
            ));
        }
    })
}

impl RuleSet {
    /// Reads a rules file.
    pub fn from_path(path: &Path) -> crate::Result<RuleSet> {
        let text = std::fs::read_to_string(path).map_err(|source| crate::Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        RuleSet::from_yaml(&text).map_err(|e| crate::Error::Rules {
            path: path.to_path_buf(),
            line: e.location.map(|l| l.0),
            column: e.location.map(|l| l.1),
            message: e.message,
        })
    }

    /// Reads the text of a rules file.
    pub fn from_yaml(text: &str) -> Result<RuleSet, RulesError> {
        let spec: FileSpec = crate::yaml::from_str(text).map_err(|e| RulesError {
            message: e.message,
            location: e.location,
        })?;
        let positions = crate::yaml::node_positions(text).unwrap_or_default();
        let at = |pointer: &str, offset: usize| -> Option<(usize, usize)> {
            positions.iter().find(|(p, _)| p == pointer).map(|(_, n)| {
                // a quoted scalar starts one column before its text
                let quoted = usize::from(
                    n.len > 1
                        && text.lines().nth(n.line - 1).is_some_and(|l| {
                            l.chars()
                                .nth(n.column - 1)
                                .is_some_and(|c| c == '"' || c == '\'')
                        }),
                );
                (n.line, n.column + quoted + offset)
            })
        };
        let mut set = RuleSet::default();
        for (i, r) in spec.rules.into_iter().enumerate() {
            let expression = |field: &str, text: &str| {
                expr::parse(text).map_err(|e| RulesError {
                    message: format!("rule {}: {field} expression: {}", r.code, e.message),
                    location: at(&format!("/rules/{i}/{field}"), e.column - 1),
                })
            };
            let left = expression("left", &r.left)?;
            let right = expression("right", &r.right)?;
            let operator = Operator::parse(&r.operator).ok_or_else(|| RulesError {
                message: format!(
                    "rule {}: operator `{}` is not one of == != < <= > >= compulsory_pair exclusive_pair",
                    r.code, r.operator
                ),
                location: at(&format!("/rules/{i}/operator"), 0),
            })?;
            let severity = severity(&r.importance, &r.severity).map_err(|message| RulesError {
                message: format!("rule {}: {message}", r.code),
                location: at(&format!("/rules/{i}"), 0),
            })?;
            let missing = match r
                .missing_value_strategy
                .as_deref()
                .map(|s| s.trim().to_ascii_lowercase())
                .as_deref()
            {
                None | Some("skip_if_any_value_missing") => MissingValues::SkipIfAnyMissing,
                Some("skip_if_all_values_missing") => MissingValues::SkipIfAllMissing,
                Some("never_skip") => MissingValues::NeverSkip,
                Some(other) => {
                    return Err(RulesError {
                        message: format!(
                            "rule {}: missing_value_strategy `{other}` is not one of skip_if_any_value_missing, skip_if_all_values_missing, never_skip",
                            r.code
                        ),
                        location: at(&format!("/rules/{i}/missing_value_strategy"), 0),
                    });
                }
            };
            if set.rules.iter().any(|x| x.code == r.code) {
                return Err(RulesError {
                    message: format!("rule code {} is used twice", r.code),
                    location: at(&format!("/rules/{i}/code"), 0),
                });
            }
            set.rules.push(Rule {
                code: r.code,
                name: r.name,
                left,
                operator,
                right,
                severity,
                missing,
                tolerance: r.tolerance.unwrap_or(0.0).abs(),
            });
        }
        for (i, p) in spec.profiles.into_iter().enumerate() {
            let severity = severity(&p.importance, &p.severity).map_err(|message| RulesError {
                message: format!("profile {}: {message}", p.name),
                location: at(&format!("/profiles/{i}"), 0),
            })?;
            set.profiles.push(Profile {
                name: p.name,
                applies_to: p.applies_to,
                required: p.required,
                severity,
            });
        }
        Ok(set)
    }

    /// Every rule and every applicable profile over one document.
    pub fn check(&self, doc: &Document) -> Vec<Finding> {
        let mut out = Vec::new();
        let names = Names::new(doc);
        for rule in &self.rules {
            if let Some(f) = rule.check(&names) {
                out.push(f);
            }
        }
        for p in &self.profiles {
            if !p.applies(doc) {
                continue;
            }
            for name in &p.required {
                if names.find(name).is_none() {
                    let mut f = Finding::new(
                        FindingCode::RequiredMissing,
                        "/metrics",
                        format!(
                            "profile \"{}\" requires {name}, which the document does not report",
                            p.name
                        ),
                    );
                    f.severity = p.severity;
                    f.rule = Some(p.name.clone());
                    out.push(f);
                }
            }
        }
        out
    }
}

impl Profile {
    fn applies(&self, doc: &Document) -> bool {
        let a = &self.applies_to;
        a.kind.as_ref().is_none_or(|k| k.contains(&doc.report.kind))
            && a.level
                .as_ref()
                .is_none_or(|l| l.contains(&doc.report.jurisdiction.level))
            && a.period
                .is_none_or(|p| PeriodKind::of(&doc.report.period) == Some(p))
    }
}

/// The actual metrics of a document by name: indicator code, and label with traditional
/// characters read as simplified. The first metric of a name wins.
pub struct Names<'a> {
    doc: &'a Document,
    by_name: rustc_hash::FxHashMap<String, usize>,
}

fn simple(s: &str) -> String {
    s.trim()
        .chars()
        .map(crate::text::clean::simplified)
        .collect()
}

impl<'a> Names<'a> {
    /// Indexes the actual metrics of `doc`.
    pub fn new(doc: &'a Document) -> Self {
        let mut by_name = rustc_hash::FxHashMap::default();
        for (i, m) in doc.metrics.iter().enumerate() {
            if m.role != Role::Actual {
                continue;
            }
            if let Some(code) = &m.indicator {
                by_name.entry(code.trim().to_string()).or_insert(i);
            }
            by_name.entry(simple(&m.label)).or_insert(i);
        }
        Names { doc, by_name }
    }

    /// The first actual metric named `name` (indicator code or label), with its index.
    pub fn find(&self, name: &str) -> Option<(usize, &'a Metric)> {
        let i = match self.by_name.get(name.trim()) {
            Some(&i) => i,
            None => *self.by_name.get(&simple(name))?,
        };
        Some((i, &self.doc.metrics[i]))
    }
}

impl Rule {
    fn check(&self, index: &Names) -> Option<Finding> {
        let names: Vec<&str> = self
            .left
            .names()
            .into_iter()
            .chain(self.right.names())
            .collect();
        let found: Vec<Option<(usize, &Metric)>> = names.iter().map(|n| index.find(n)).collect();
        let present = |e: &Expr| e.names().iter().any(|n| index.find(n).is_some());
        let value_of = |n: &str| index.find(n).map_or(0.0, |(_, m)| m.value);
        let pointer = found
            .iter()
            .flatten()
            .next()
            .map_or("/metrics".to_string(), |(i, _)| {
                format!("/metrics/{i}/value")
            });
        let (holds, left, right) = match self.operator {
            Operator::CompulsoryPair => {
                let (l, r) = (present(&self.left), present(&self.right));
                (l == r, None, None)
            }
            Operator::ExclusivePair => {
                let (l, r) = (present(&self.left), present(&self.right));
                (!(l && r), None, None)
            }
            op => {
                let missing = found.iter().filter(|f| f.is_none()).count();
                let skip = match self.missing {
                    MissingValues::SkipIfAnyMissing => missing > 0,
                    MissingValues::SkipIfAllMissing => !names.is_empty() && missing == names.len(),
                    MissingValues::NeverSkip => false,
                };
                if skip {
                    return None;
                }
                let l = self.left.eval(&value_of)?;
                let r = self.right.eval(&value_of)?;
                let t = self.tolerance;
                let holds = match op {
                    Operator::Equal => (l - r).abs() <= t,
                    Operator::NotEqual => (l - r).abs() > t,
                    Operator::Less => l < r,
                    Operator::LessOrEqual => l <= r + t,
                    Operator::Greater => l > r,
                    Operator::GreaterOrEqual => l + t >= r,
                    Operator::CompulsoryPair | Operator::ExclusivePair => true,
                };
                (holds, Some(l), Some(r))
            }
        };
        if holds {
            return None;
        }
        let message = match (left, right) {
            (Some(l), Some(r)) => format!(
                "rule {} \"{}\" does not hold: left side {} is not {} right side {}",
                self.code,
                self.name,
                shown(l),
                self.operator.symbol(),
                shown(r)
            ),
            _ => format!(
                "rule {} \"{}\" does not hold: the two sides must form a {}",
                self.code,
                self.name,
                self.operator.symbol()
            ),
        };
        let mut f = Finding::new(FindingCode::RuleViolated, pointer, message);
        f.severity = self.severity;
        f.rule = Some(self.code.clone());
        f.left = left;
        f.right = right;
        Some(f)
    }
}

fn shown(v: f64) -> String {
    let s = format!("{v:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_file_errors_point_at_the_field() {
        let text = "rules:\n  - code: R1\n    name: x\n    left: \"a + \"\n    operator: \"<=\"\n    right: b\n";
        let e = RuleSet::from_yaml(text).unwrap_err();
        assert_eq!(e.location, Some((4, 16)), "{e:?}");
        let text =
            "rules:\n  - code: R1\n    name: x\n    left: a\n    operator: about\n    right: b\n";
        let e = RuleSet::from_yaml(text).unwrap_err();
        assert_eq!(e.location, Some((5, 15)), "{e:?}");
        let e = RuleSet::from_yaml("rules:\n  - code: R1\n    nam: x\n").unwrap_err();
        assert!(e.location.is_some() && e.message.contains("nam"), "{e:?}");
    }

    #[test]
    fn operators_by_symbol_and_dhis2_name() {
        for (s, op) in [
            ("<=", Operator::LessOrEqual),
            ("LESS_THAN_OR_EQUAL_TO", Operator::LessOrEqual),
            ("compulsory_pair", Operator::CompulsoryPair),
            ("!=", Operator::NotEqual),
        ] {
            assert_eq!(Operator::parse(s), Some(op));
        }
        assert_eq!(Operator::parse("about"), None);
    }
}
