//! The fatal errors of the library: conditions under which no document can be produced.
//!
//! Everything short of these is a [`Diagnostic`](crate::diagnostic::Diagnostic) inside the
//! document. Each error has a stable code (`E1xx`) that the CLI prints and docs/diagnostics.md
//! explains.

use std::path::PathBuf;

/// A failure that stops a conversion.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file that was being read.
        path: PathBuf,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// An output could not be written (nothing is left behind).
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file that was being written.
        path: PathBuf,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The input holds no bytes at all.
    #[error("the input is empty (0 bytes)")]
    Empty,
    /// The input is larger than the configured limit.
    #[error("the input is {size} bytes, over the limit of {limit} bytes")]
    TooLarge {
        /// The size of the input in bytes (at least this much was seen).
        size: u64,
        /// The limit in force.
        limit: u64,
    },
    /// The input looks like a binary file, not a text report.
    #[error("the input looks binary, not text ({reason})")]
    Binary {
        /// Why it was judged binary.
        reason: String,
    },
    /// The input is a document format this version does not read.
    #[error("the input is a {format} file, which weijian cannot read yet")]
    UnsupportedFormat {
        /// The format that was recognised.
        format: &'static str,
    },
    /// A Word, PDF or HTML file that is damaged, protected, or over a safety limit.
    #[error("cannot read the {format} file: {message}")]
    Document {
        /// The format that was recognised (`Word .docx`, `PDF`, `HTML`).
        format: &'static str,
        /// What went wrong.
        message: String,
    },
    /// A PDF without a text layer (a scan) or a document with no text at all.
    #[error("the {format} file holds no text (a scanned document without a text layer?)")]
    NoText {
        /// The format that was recognised.
        format: &'static str,
    },
    /// The bytes are neither UTF-8, UTF-16 with BOM, nor GB18030.
    #[error("cannot decode the input: byte {offset} is not valid UTF-8, UTF-16 or GB18030")]
    Undecodable {
        /// Byte offset of the first byte that no supported encoding accepts.
        offset: usize,
    },
    /// A document could not be serialised.
    #[error("cannot serialise the document: {0}")]
    Serialise(String),
    /// A workbook cannot be written, or cannot be read as a weijian workbook.
    #[error("workbook {}{}: {message}", path.display(), cell.as_ref().map(|c| format!(" ({c})")).unwrap_or_default())]
    Workbook {
        /// The workbook.
        path: PathBuf,
        /// The cell concerned (`Metrics!F12`), when there is one.
        cell: Option<String>,
        /// What is wrong.
        message: String,
    },
    /// A JSON or YAML file is not a document of the shared schema.
    #[error("{} is not a weijian document: {message}", path.display())]
    NotADocument {
        /// The file.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// An indicator catalogue cannot be used.
    #[error("catalogue {}{}: {message}", path.display(), line.map(|l| format!(":{l}:{}", column.unwrap_or(1))).unwrap_or_default())]
    Catalogue {
        /// The catalogue file.
        path: PathBuf,
        /// 1-based line of the problem, when known.
        line: Option<usize>,
        /// 1-based column, when known.
        column: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// A lexicon file (`--lexicon`) cannot be used.
    #[error("lexicon {}{}: {message}", path.display(), line.map(|l| format!(":{l}:{}", column.unwrap_or(1))).unwrap_or_default())]
    Lexicon {
        /// The lexicon file.
        path: PathBuf,
        /// 1-based line of the problem, when known.
        line: Option<usize>,
        /// 1-based column, when known.
        column: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// A lexicon was asked for after another one came into use in this process: the lexicon
    /// is one per process and cannot change once read ([`crate::Options::lexicon`]).
    #[error("cannot use lexicon {}: {}", requested.display(), in_use.as_ref().map_or_else(|| "the lexicon in use (the built-in one, unless another was installed) has been read already".to_string(), |p| format!("lexicon {} is in use in this process already", p.display())))]
    LexiconInUse {
        /// The lexicon file asked for.
        requested: PathBuf,
        /// The lexicon file in use, when one was installed with [`crate::install_lexicon`].
        in_use: Option<PathBuf>,
    },
    /// A validation rules file cannot be used.
    #[error("rules file {}{}: {message}", path.display(), line.map(|l| format!(":{l}:{}", column.unwrap_or(1))).unwrap_or_default())]
    Rules {
        /// The rules file.
        path: PathBuf,
        /// 1-based line of the problem, when known.
        line: Option<usize>,
        /// 1-based column of the problem, when known.
        column: Option<usize>,
        /// What is wrong.
        message: String,
    },
}

impl Error {
    /// The stable code of this error, as documented in docs/diagnostics.md.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Io { .. } => "E101",
            Error::Empty => "E102",
            Error::Write { .. } => "E108",
            Error::TooLarge { .. } => "E103",
            Error::Binary { .. } => "E104",
            Error::UnsupportedFormat { .. } => "E105",
            Error::Undecodable { .. } => "E106",
            Error::Serialise(_) => "E107",
            Error::Document { .. } => "E113",
            Error::NoText { .. } => "E114",
            Error::Rules { .. } => "E109",
            Error::Workbook { .. } => "E110",
            Error::NotADocument { .. } => "E111",
            Error::Catalogue { .. } => "E112",
            Error::Lexicon { .. } => "E115",
            Error::LexiconInUse { .. } => "E116",
        }
    }

    /// What the user can do about it.
    pub fn help(&self) -> &'static str {
        match self {
            Error::Io { .. } => "check the path and that the file is readable",
            Error::Write { .. } => {
                "check that the directory exists and is writable, and that the disk has space"
            }
            Error::Empty => "the file has no content; check that it was saved completely",
            Error::TooLarge { .. } => "split the file, or raise the limit with --max-bytes",
            Error::Binary { .. } => {
                "weijian reads text, .docx, .html and .pdf reports; save the report as one of those"
            }
            Error::UnsupportedFormat { format } if format.starts_with("legacy") => {
                "open it in Word or WPS and save it as .docx (or as .txt), then convert that"
            }
            Error::UnsupportedFormat { format } if format.starts_with("Excel") => {
                "a workbook is read with `weijian import` (or checked with `weijian validate`)"
            }
            Error::UnsupportedFormat { .. } => {
                "save the report as .docx, .html or plain text (.txt, UTF-8 or GB18030) and convert that"
            }
            Error::Document { .. } => {
                "the file may be damaged or password-protected: open it and save a fresh copy (or a .txt)"
            }
            Error::NoText { .. } => {
                "it is probably a scan: run OCR on it (e.g. `ocrmypdf in.pdf out.pdf`) and convert the result"
            }
            Error::Undecodable { .. } => {
                "re-save the file as UTF-8; the byte offset shows where the damage starts"
            }
            Error::Serialise(_) => "this is a bug in weijian; please report it with the input",
            Error::Rules { .. } => {
                "fix the rules file at the place shown; docs/validation.md describes its format"
            }
            Error::Lexicon { .. } => {
                "fix the lexicon at the place shown; schema/lexicon.schema.json defines its form and `weijian lexicon` lists the classes"
            }
            Error::LexiconInUse { .. } => {
                "a process has one lexicon: install it before the first conversion and name the same file (or none) afterwards"
            }
            Error::Catalogue { .. } => {
                "fix the catalogue at the place shown; schema/indicators.schema.json defines its form"
            }
            Error::NotADocument { .. } => {
                "run `weijian validate` on it to see every problem with its place"
            }
            Error::Workbook { .. } => {
                "use a workbook written by `weijian export` or `weijian template`; docs/excel.md lists its sheets and columns"
            }
        }
    }
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
