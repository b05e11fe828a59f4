//! `weijian export`: documents or reports to one Excel workbook.

use std::path::{Path, PathBuf};

use weijian::excel::export::{Entry, write_workbook};
use weijian::ingest::{DEFAULT_MAX_BYTES, Input};

use crate::Failure;

/// Arguments of `weijian export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Converted documents (.json, .yaml) or reports (anything else, converted on the way).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// The workbook to write (written whole or not at all).
    #[arg(short, long)]
    pub output: PathBuf,
    /// Refuse reports larger than this many bytes.
    #[arg(long, default_value_t = DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
}

fn is_document(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("json" | "yaml" | "yml")
    )
}

/// Runs the command.
pub fn run(args: &Args) -> Result<(), Failure> {
    let mut documents = Vec::with_capacity(args.inputs.len());
    for path in &args.inputs {
        let shown = path.display().to_string();
        if is_document(path) {
            let doc = weijian::read_document(path).map_err(|e| Failure::from_error(&shown, &e))?;
            documents.push((doc, None));
        } else {
            let input = Input::from_path(path, args.max_bytes)
                .map_err(|e| Failure::from_error(&shown, &e))?;
            let doc = weijian::convert(&input).map_err(|e| Failure::from_error(&shown, &e))?;
            let source: Vec<char> = weijian::text::decode(&input.bytes)
                .map(|d| d.text.chars().collect())
                .unwrap_or_default();
            documents.push((doc, Some(source)));
        }
    }
    let entries: Vec<Entry> = documents
        .iter()
        .map(|(document, source)| Entry {
            document,
            source: source.as_deref(),
        })
        .collect();
    write_workbook(&entries, &args.output)
        .map_err(|e| Failure::from_error(&args.output.display().to_string(), &e))
}
