//! `weijian export`: documents or reports to one Excel workbook.

use std::path::PathBuf;

use weijian::excel::export::{Entry, write_workbook};
use weijian::ingest::DEFAULT_MAX_BYTES;

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

/// A document with its decoded source, when it was converted from a report.
pub type Loaded = (weijian::Document, Option<Vec<char>>);

/// Reads or converts every input, in order.
pub fn load(inputs: &[PathBuf], max_bytes: u64) -> Result<Vec<Loaded>, Failure> {
    inputs
        .iter()
        .map(|path| {
            weijian::read_or_convert(path, max_bytes)
                .map_err(|e| Failure::from_error(&path.display().to_string(), &e))
        })
        .collect()
}

/// Runs the command.
pub fn run(args: &Args) -> Result<(), Failure> {
    let documents = load(&args.inputs, args.max_bytes)?;
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
