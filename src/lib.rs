//! weijian (卫健) turns Chinese health-commission work reports into one shared schema, with
//! every figure grounded by a character span in the source.
//!
//! # The API
//!
//! - [`convert`] and [`convert_with`]: one report ([`ingest::Input`]: text in UTF-8, UTF-16
//!   or GB18030, Word .docx, HTML, PDF with a text layer) to a [`Document`], with
//!   [`Options`]: an indicator [`Catalogue`] of your own, a lexicon file of your own
//!   ([`install_lexicon`]; one per process), limits on the input ([`Limits`]).
//!   [`ingest::plain`] and [`convert_plain_with`] do it in two steps, keeping the plain text
//!   every span points into (for [`explain`]).
//! - [`model`]: the serde types of the shared schema ([`Document`], its metrics, sections,
//!   bodies, programmes and [`diagnostic`]s), written with [`Document::to_json`] and
//!   [`Document::to_yaml`]; [`read_document`] reads one back.
//! - [`validate`]: submissions checked against the schema, the built-in rules of health
//!   reporting and rules from a file.
//! - [`excel`]: documents to a workbook and back, and fill-in templates; [`compare`]: reports
//!   side by side, indicator by indicator.
//! - [`catalogue`], [`lexicon`], [`rules`]: the indicators, the word classes and the named
//!   rules the converter reads, for listing them.
//! - [`Error`]: why no document could be made, each with a stable code.
//!
//! Internally a conversion reads the input as plain text, cleans it (boilerplate, page-break
//! markers, OCR damage, full-width and traditional characters) keeping an offset map back to
//! the source, finds the section tree and the report's metadata, reads numbers as metrics
//! (labels, units, roles, targets), links them to the bodies and programmes they concern,
//! codes them by the catalogue and checks figures that contradict each other
//! (docs/pipeline.md). Those stages are not part of the API.
//!
//! The command line (`weijian`, the default feature `cli`) is built on this API. A library
//! user depends on it with `default-features = false` and does not build the command line's
//! crates.
//!
//! # Example
//!
//! ```
//! use weijian::ingest::Input;
//!
//! # fn main() -> weijian::Result<()> {
//! let report = "一、基本情况\n全区建立居民电子健康档案476094份,建档率为85.6%(全年任务80%)。";
//! let input = Input::from_bytes("report.txt", report.as_bytes().to_vec());
//! let doc = weijian::convert(&input)?;
//! assert_eq!(doc.metrics.len(), 2);
//! assert_eq!(doc.metrics[0].value, 476094.0);
//! assert_eq!(doc.metrics[1].unit, "%");
//! assert_eq!(doc.metrics[1].target.as_ref().unwrap().value, 80.0);
//!
//! // a province's own indicators get codes too
//! let own = weijian::Catalogue::from_yaml(
//!     "indicators:\n  - {code: LOCAL.EHR, name: 建档率, unit: \"%\", direction: higher}\n",
//! )
//! .expect("a valid catalogue");
//! let options = weijian::Options {
//!     catalogue: Some(weijian::Catalogue::builtin().merged(&own).expect("no clash")),
//!     ..weijian::Options::default()
//! };
//! let doc = weijian::convert_with(&input, &options)?;
//! assert_eq!(doc.metrics[1].indicator.as_deref(), Some("LOCAL.EHR"));
//! println!("{}", doc.to_json()?);
//! # Ok(())
//! # }
//! ```

pub mod catalogue;
pub mod compare;
pub mod excel;
pub mod ingest;
pub mod lexicon;
pub mod model;
pub mod rules;
pub mod validate;

// Internal: public only for the weijian binary and the tests of this crate. Not part of the
// API; they may change or go in any release.
#[doc(hidden)]
pub mod batch;
#[doc(hidden)]
pub mod output;
#[doc(hidden)]
pub mod text;
#[doc(hidden)]
pub mod textkit;
#[doc(hidden)]
pub mod yaml;

mod check;
mod error;
mod explain;
mod extract;
mod link;
mod reading;
mod structure;

pub use catalogue::Catalogue;
pub use error::{Error, Result};
pub use explain::explain;
pub use model::Document;
pub use model::diagnostic;

use std::path::{Path, PathBuf};

/// How [`convert_with`] converts: the catalogue that codes the metrics, a lexicon of your
/// own, limits on the input. The default is what [`convert`] uses: the built-in catalogue,
/// the lexicon in use (the built-in one unless another was installed), inputs up to
/// [`ingest::DEFAULT_MAX_BYTES`].
///
/// ```
/// # fn main() -> weijian::Result<()> {
/// let options = weijian::Options {
///     limits: weijian::Limits { max_bytes: 1 << 20 },
///     ..weijian::Options::default()
/// };
/// let input = weijian::ingest::Input::from_bytes("report.txt", "全区建立居民电子健康档案476094份。".as_bytes().to_vec());
/// let doc = weijian::convert_with(&input, &options)?;
/// assert_eq!(doc.metrics[0].value, 476094.0);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The indicator catalogue that gives metrics their codes (`indicator`), and whose
    /// directions and bounds decide whether a coded metric met its target and whether a rate
    /// may exceed 100%. `None`: the built-in catalogue (data/indicators.yaml).
    ///
    /// [`Catalogue::with_file`] reads a province's own catalogue file merged over the built-in
    /// one (as `weijian convert --catalogue FILE` does); [`Catalogue::from_yaml`] alone gives
    /// a catalogue of only those indicators.
    pub catalogue: Option<Catalogue>,
    /// A lexicon file of your own (YAML, as data/lexicon/*.yaml) whose words are added to the
    /// built-in lexicon, as `weijian --lexicon FILE` does.
    ///
    /// **The lexicon is one per process, not per call.** The first conversion that names a
    /// file here installs it (see [`install_lexicon`]); from then on every conversion in the
    /// process uses it, including those whose options name none. A conversion naming a
    /// different file, or naming one after the built-in lexicon was already used (by any
    /// earlier conversion, validation or listing), fails with [`Error::LexiconInUse`] before
    /// reading the input. So name it in the first conversion, or call [`install_lexicon`]
    /// once at start-up, and pass the same file (or `None`) afterwards.
    pub lexicon: Option<PathBuf>,
    /// Limits on the input.
    pub limits: Limits,
}

/// Limits on what [`convert_with`] accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest input accepted, in bytes; a larger one fails with [`Error::TooLarge`].
    /// Capped at 4 GiB - 1 whatever is asked (offsets are kept in 32 bits). Default:
    /// [`ingest::DEFAULT_MAX_BYTES`] (64 MiB).
    pub max_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: ingest::DEFAULT_MAX_BYTES,
        }
    }
}

impl Options {
    /// The catalogue in use: the one given, or the built-in one.
    fn catalogue_in_use(&self) -> &Catalogue {
        self.catalogue
            .as_ref()
            .unwrap_or_else(|| Catalogue::builtin())
    }

    /// Checks an input of `len` bytes against the limits and puts the lexicon asked for in
    /// place.
    fn prepare(&self, len: usize) -> Result<()> {
        let limit = self.limits.max_bytes.min(u64::from(u32::MAX));
        if len as u64 > limit {
            return Err(Error::TooLarge {
                size: len as u64,
                limit,
            });
        }
        match &self.lexicon {
            Some(path) => install_lexicon(path),
            None => Ok(()),
        }
    }
}

/// The lexicon file [`install_lexicon`] installed, as it was found on disk.
static LEXICON_FILE: std::sync::Mutex<Option<PathBuf>> = std::sync::Mutex::new(None);

/// Makes the built-in lexicon with the words of the file at `path` added the lexicon of this
/// process, for every conversion after it ([`Options::lexicon`]). Calling it again with the
/// same file does nothing.
///
/// Fails with [`Error::Lexicon`] (or [`Error::Io`]) when the file cannot be used, and with
/// [`Error::LexiconInUse`] when another file was installed already, or when the lexicon in use
/// was read before (the built-in one by an earlier conversion, or one installed with
/// [`lexicon::install`]): a lexicon cannot be changed once it has been read.
pub fn install_lexicon(path: &Path) -> Result<()> {
    let found = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut installed = LEXICON_FILE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    match installed.as_ref() {
        Some(file) if *file == found => return Ok(()),
        Some(file) => {
            return Err(Error::LexiconInUse {
                requested: path.to_path_buf(),
                in_use: Some(file.clone()),
            });
        }
        None => {}
    }
    let lexicon = lexicon::Lexicon::with_file(path)?;
    lexicon::install(lexicon).map_err(|_| Error::LexiconInUse {
        requested: path.to_path_buf(),
        in_use: None,
    })?;
    *installed = Some(found);
    Ok(())
}

/// Converts one input into a document of the shared schema, with the default [`Options`].
pub fn convert(input: &ingest::Input) -> Result<Document> {
    convert_with(input, &Options::default())
}

/// Converts one input into a document of the shared schema, with these options.
pub fn convert_with(input: &ingest::Input, options: &Options) -> Result<Document> {
    options.prepare(input.bytes.len())?;
    let plain = ingest::plain(input)?;
    Ok(convert_plain(
        &input.name,
        &input.bytes,
        &plain,
        options.catalogue_in_use(),
    ))
}

/// Converts an input already read as plain text by [`ingest::plain`], with these options;
/// `bytes` are the raw input, for the source record and the limits. Spans point into
/// `plain.text` (what [`explain`] needs beside the document).
///
/// The lexicon should be in place before [`ingest::plain`] reads the input (Word and HTML
/// reading use it): with [`Options::lexicon`], call [`install_lexicon`] first.
pub fn convert_plain_with(
    name: &str,
    bytes: &[u8],
    plain: &ingest::Plain,
    options: &Options,
) -> Result<Document> {
    options.prepare(bytes.len())?;
    Ok(convert_plain(
        name,
        bytes,
        plain,
        options.catalogue_in_use(),
    ))
}

/// Converts an input already read as plain text, coding its metrics by `catalogue`.
fn convert_plain(
    name: &str,
    bytes: &[u8],
    plain: &ingest::Plain,
    catalogue: &Catalogue,
) -> Document {
    let source = text::chars_of(&plain.text);
    let layout = &plain.layout;
    let text::CleanOutput {
        cleaned,
        mut diagnostics,
        page_fields,
        dateline,
    } = text::clean::clean_chars(&source);
    for line in &layout.furniture {
        diagnostics.push(diagnostic::Diagnostic::new(
            diagnostic::Code::Furniture,
            format!("running header or footer \"{line}\" kept out of the text"),
            None,
        ));
    }
    let structure = structure::structure(&cleaned, &source, &layout.headings, &mut diagnostics);
    let (report, planned_by_text) =
        structure::meta::report_meta(&cleaned, &page_fields, dateline, &structure.sections);
    let mut names = extract::names::find(&cleaned);
    extract::names::add_issuer(&mut names, &report.issuer, &source);
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
    let columns = extract::columns::find(&cleaned, &source);
    if !columns.is_empty() {
        // a page set in columns is read column by column, not line by line
        metrics.retain(|m| !columns.iter().any(|b| b.span.contains(m.span)));
        metrics.extend(extract::columns::metrics(
            &columns,
            &cleaned,
            &source,
            &structure,
            plan_document,
        ));
        extract::renumber(&mut metrics);
    }
    if planned_by_text {
        // the plan is the text's, not the title's: said before the role it gives
        for m in &mut metrics {
            if let Some(at) = m
                .because
                .iter()
                .position(|b| b == rules::rule!("role.plan"))
            {
                m.because.insert(at, rules::rule!("kind.text_plans").into());
            }
        }
    }
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
    catalogue.assign(&mut metrics);
    check::redactions(&cleaned, &mut diagnostics);
    check::check(catalogue, &mut metrics, &mut diagnostics);
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
/// Internal, for the command line: not part of the API.
#[doc(hidden)]
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
    let doc = convert_plain(&input.name, &input.bytes, &plain, Catalogue::builtin());
    Ok((doc, Some(text::chars_of(&plain.text))))
}
