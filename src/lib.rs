//! weijian (卫健) turns Chinese health-commission work reports into one shared schema, with
//! every figure grounded by a character span in the source.
//!
//! # The pipeline
//!
//! One module per stage, each feeding the next:
//!
//! 1. [`ingest`]: read the bytes, recognise the format, refuse what cannot be read;
//! 2. [`text`]: decode to the *decoded source* (the text all spans point into), then clean it
//!    (boilerplate, page-break markers, OCR damage, full-width and traditional characters)
//!    keeping an offset map back to the source;
//! 3. [`structure`]: headings, the section tree and the report's metadata;
//! 4. [`extract`]: numbers to metrics with labels, units, roles and targets; bodies and
//!    programmes;
//! 5. [`link`]: metrics to the bodies and programmes they concern;
//! 6. [`check`]: figures that contradict each other;
//! 7. [`model`]: the serde types of the shared schema, written as JSON or YAML.
//!
//! # Example
//!
//! ```
//! let input = weijian::ingest::Input::from_bytes("report.txt", "一、基本情况\n全区建立居民电子健康档案476094份,建档率为85.6%(全年任务80%)。".as_bytes().to_vec());
//! let doc = weijian::convert(&input).unwrap();
//! assert_eq!(doc.metrics.len(), 2);
//! assert_eq!(doc.metrics[0].value, 476094.0);
//! assert_eq!(doc.metrics[1].unit, "%");
//! assert_eq!(doc.metrics[1].target.as_ref().unwrap().value, 80.0);
//! ```

pub mod batch;
pub mod catalogue;
pub mod check;
pub mod compare;
pub mod error;
pub mod excel;
pub mod explain;
pub mod extract;
pub mod ingest;
pub mod lexicon;
pub mod link;
pub mod model;
pub mod output;
pub mod reading;
pub mod rules;
pub mod structure;
pub mod text;
pub mod textkit;
pub mod validate;
pub mod yaml;

pub use error::{Error, Result};
pub use model::Document;
pub use model::diagnostic;

/// Converts one input into a document of the shared schema.
pub fn convert(input: &ingest::Input) -> Result<Document> {
    let plain = ingest::plain(input)?;
    Ok(convert_plain(&input.name, &input.bytes, &plain))
}

/// Converts an input already read as plain text; `bytes` are the raw input, for the source
/// record. Spans point into `plain.text`.
pub fn convert_plain(name: &str, bytes: &[u8], plain: &ingest::Plain) -> Document {
    let source = text::chars_of(&plain.text);
    let layout = &plain.layout;
    let text::CleanOutput {
        cleaned,
        mut diagnostics,
        page_fields,
    } = text::clean::clean_chars(&source);
    for line in &layout.furniture {
        diagnostics.push(diagnostic::Diagnostic::new(
            diagnostic::Code::Furniture,
            format!("running header or footer \"{line}\" kept out of the text"),
            None,
        ));
    }
    let structure = structure::structure(&cleaned, &source, &layout.headings, &mut diagnostics);
    let report = structure::meta::report_meta(&cleaned, &page_fields, &structure.sections);
    let names = extract::names::find(&cleaned);
    let mut structure = structure;
    if report.kind == model::ReportKind::Plan {
        // in a plan, a section that does not say otherwise is part of the plan
        for s in &mut structure.sections {
            if structure::role_of(&s.title) == model::SectionRole::Other {
                s.role = model::SectionRole::Plan;
            }
        }
    }
    let plan_document = report.kind == model::ReportKind::Plan;
    let mut metrics = extract::extract(&cleaned, &source, &structure, plan_document);
    if !layout.tables.is_empty() {
        // a table's figures are read cell by cell, not as running text
        metrics.retain(|m| !layout.tables.iter().any(|t| t.span.contains(m.span)));
        metrics.extend(extract::table::metrics(
            &layout.tables,
            &source,
            &cleaned,
            &structure,
        ));
        extract::renumber(&mut metrics);
    }
    link::link(&cleaned, &names, &mut metrics);
    link::origins(&source, layout, &mut metrics);
    catalogue::Catalogue::builtin().assign(&mut metrics);
    check::redactions(&cleaned, &mut diagnostics);
    check::check(&mut metrics, &mut diagnostics);
    diagnostics.sort_by_key(|d| d.span.map_or(0, |s| s.start));
    Document {
        schema_version: model::SCHEMA_VERSION.to_string(),
        source: model::Source {
            file: name.to_string(),
            sha256: model::Source::sha256_of(bytes),
            format: plain.format.name().to_string(),
            encoding: plain.encoding.to_string(),
            bytes: bytes.len() as u64,
            chars: source.len(),
        },
        report,
        sections: structure.sections,
        bodies: names.bodies,
        programmes: names.programmes,
        metrics,
        diagnostics,
    }
}

/// Reads a document of the shared schema from a JSON or YAML file (by extension; otherwise
/// JSON when the text starts with `{` or `[`, as `validate` decides).
pub fn read_document(path: &std::path::Path) -> Result<Document> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let yaml = validate::syntax_of(&path.to_string_lossy(), &text) == validate::Syntax::Yaml;
    let parsed = if yaml {
        yaml::from_str(&text).map_err(|e| e.to_string())
    } else {
        serde_json::from_str(&text).map_err(|e| e.to_string())
    };
    parsed.map_err(|message| Error::NotADocument {
        path: path.to_path_buf(),
        message,
    })
}

/// A document from a file: read as a document when it is `.json`, `.yaml` or `.yml`,
/// converted as a report otherwise (then with its decoded source, as characters).
pub fn read_or_convert(
    path: &std::path::Path,
    max_bytes: u64,
) -> Result<(Document, Option<Vec<char>>)> {
    let is_document = matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("json" | "yaml" | "yml")
    );
    if is_document {
        return Ok((read_document(path)?, None));
    }
    let input = ingest::Input::from_path(path, max_bytes)?;
    let plain = ingest::plain(&input)?;
    let doc = convert_plain(&input.name, &input.bytes, &plain);
    Ok((doc, Some(text::chars_of(&plain.text))))
}
