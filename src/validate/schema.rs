//! The schema layer: schema/weijian.schema.json applied with the jsonschema crate, formats
//! on, every violation reported in words with its JSON pointer.

use std::sync::LazyLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value;

use super::{Finding, FindingCode};

/// The shared schema, as shipped in schema/.
pub const SCHEMA: &str = include_str!("../../schema/weijian.schema.json");

static VALIDATOR: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    let schema: Value = serde_json::from_str(SCHEMA).expect("schema/weijian.schema.json is JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema/weijian.schema.json is a valid schema")
});

/// Every schema violation of `value`.
pub fn check(value: &Value) -> Vec<Finding> {
    let validator: &jsonschema::Validator = &VALIDATOR;
    let mut out = Vec::new();
    // the common case, a valid document, costs a quarter of collecting errors
    if validator.is_valid(value) {
        return out;
    }
    for e in validator.iter_errors(value) {
        let pointer = e.instance_path().as_str().to_string();
        let keyword = e.kind().keyword().to_string();
        let instance = e.instance();
        let what = field_name(value, &pointer);
        let mut push = |code, pointer: String, message: String| {
            let mut f = Finding::new(code, pointer, message);
            f.rule = Some(keyword.clone());
            out.push(f);
        };
        match e.kind() {
            ValidationErrorKind::Type { kind } => {
                let expected = match kind {
                    TypeKind::Single(t) => article(&t.to_string()),
                    TypeKind::Multiple(ts) => ts
                        .iter()
                        .map(|t| article(&t.to_string()))
                        .collect::<Vec<_>>()
                        .join(" or "),
                };
                push(
                    FindingCode::WrongType,
                    pointer,
                    format!("{what} should be {expected}, not {}", shown(instance)),
                );
            }
            ValidationErrorKind::Required { property } => {
                let name = property.as_str().unwrap_or_default();
                push(
                    FindingCode::MissingField,
                    pointer,
                    format!("{what} lacks the required field `{name}`"),
                );
            }
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                for name in unexpected {
                    let member =
                        format!("{pointer}/{}", name.replace('~', "~0").replace('/', "~1"));
                    push(
                        FindingCode::UnknownField,
                        member,
                        format!("{what} has a field `{name}` that the schema does not know"),
                    );
                }
            }
            ValidationErrorKind::Enum { options } => {
                let allowed: Vec<String> = options
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .map(|v| v.as_str().map_or(v.to_string(), str::to_string))
                            .collect()
                    })
                    .unwrap_or_default();
                push(
                    FindingCode::NotAllowed,
                    pointer,
                    format!(
                        "{what} is {}, not one of: {}",
                        shown(instance),
                        allowed.join(", ")
                    ),
                );
            }
            ValidationErrorKind::Constant { expected_value } => push(
                FindingCode::NotAllowed,
                pointer,
                format!("{what} is {}, not {expected_value}", shown(instance)),
            ),
            ValidationErrorKind::Format { format } => push(
                FindingCode::BadFormat,
                pointer,
                format!(
                    "{what} is {}, not a valid {format}{}",
                    shown(instance),
                    if format == "date" {
                        " (YYYY-MM-DD)"
                    } else {
                        ""
                    }
                ),
            ),
            ValidationErrorKind::Pattern { pattern } => push(
                FindingCode::BadFormat,
                pointer,
                format!(
                    "{what} is {}, which does not have the form {pattern}",
                    shown(instance)
                ),
            ),
            ValidationErrorKind::Minimum { limit }
            | ValidationErrorKind::ExclusiveMinimum { limit } => push(
                FindingCode::OutOfRange,
                pointer,
                format!("{what} is {}, below the minimum {limit}", shown(instance)),
            ),
            ValidationErrorKind::Maximum { limit }
            | ValidationErrorKind::ExclusiveMaximum { limit } => push(
                FindingCode::OutOfRange,
                pointer,
                format!("{what} is {}, above the maximum {limit}", shown(instance)),
            ),
            ValidationErrorKind::MinLength { limit } => push(
                FindingCode::OutOfRange,
                pointer,
                format!(
                    "{what} is {}, shorter than {limit} character(s)",
                    shown(instance)
                ),
            ),
            ValidationErrorKind::MaxLength { limit } => push(
                FindingCode::OutOfRange,
                pointer,
                format!(
                    "{what} is {}, longer than {limit} characters",
                    shown(instance)
                ),
            ),
            _ => push(FindingCode::BadFormat, pointer, format!("{what}: {e}")),
        }
    }
    out
}

/// `a number`, `an object`.
fn article(t: &str) -> String {
    match t.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => format!("an {t}"),
        _ => format!("a {t}"),
    }
}

/// A value as a reader sees it: strings in quotes, long values shortened.
fn shown(v: &Value) -> String {
    let s = match v {
        Value::Object(_) => return "an object".into(),
        Value::Array(_) => return "a list".into(),
        Value::Null => return "empty (null)".into(),
        Value::String(s) => format!("\"{s}\""),
        other => other.to_string(),
    };
    if s.chars().count() > 60 {
        let cut: String = s.chars().take(57).collect();
        format!("{cut}…")
    } else {
        s
    }
}

/// How a pointer is named in a message: `the document`, `metric m6`, `` `value` of metric
/// m6``, `` `report.period` ``.
pub(super) fn field_name(root: &Value, pointer: &str) -> String {
    if pointer.is_empty() {
        return "the document".into();
    }
    let parts: Vec<&str> = pointer.trim_start_matches('/').split('/').collect();
    let singular = match parts[0] {
        "metrics" => Some("metric"),
        "sections" => Some("section"),
        "bodies" => Some("body"),
        "programmes" => Some("programme"),
        "diagnostics" => Some("diagnostic"),
        _ => None,
    };
    if let (Some(kind), Some(Ok(n))) = (singular, parts.get(1).map(|p| p.parse::<usize>())) {
        let id = root
            .pointer(&format!("/{}/{n}/id", parts[0]))
            .and_then(Value::as_str)
            .map_or(format!("no. {}", n + 1), str::to_string);
        let item = format!("{kind} {id}");
        return if parts.len() > 2 {
            format!("`{}` of {item}", parts[2..].join("."))
        } else {
            item
        };
    }
    format!("`{}`", parts.join("."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_compiles() {
        let _ = &*VALIDATOR;
    }

    #[test]
    fn every_violation_is_reported() {
        let v: Value = serde_json::json!({"schema_version": 1, "bogus": true});
        let found = check(&v);
        let codes: Vec<&str> = found.iter().map(|f| f.code.as_str()).collect();
        assert!(codes.contains(&"V200"), "{codes:?}");
        assert!(codes.contains(&"V201"), "{codes:?}");
        assert!(codes.contains(&"V202"), "{codes:?}");
        let unknown = found
            .iter()
            .find(|f| f.code == FindingCode::UnknownField)
            .unwrap();
        assert_eq!(unknown.pointer, "/bogus");
    }
}
