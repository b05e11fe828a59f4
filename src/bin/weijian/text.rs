//! `weijian text`: the plain text of a report, as every span of its document points into it.

use std::io::Write;
use std::path::{Path, PathBuf};

use weijian::ingest::{DEFAULT_MAX_BYTES, Input};

use crate::Failure;

/// Arguments of `weijian text`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The report (text, .docx, .html or .pdf); `-` reads standard input.
    pub file: String,
    /// Write to this file instead of standard output (written whole or not at all).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Refuse inputs larger than this many bytes.
    #[arg(long, default_value_t = DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
}

/// Runs the command.
pub fn run(args: &Args) -> Result<(), Failure> {
    let input = if args.file == "-" {
        Input::from_reader("-", std::io::stdin().lock(), args.max_bytes)
    } else {
        Input::from_path(Path::new(&args.file), args.max_bytes)
    }
    .map_err(|e| Failure::from_error(&args.file, &e))?;
    let plain = weijian::ingest::plain(&input).map_err(|e| Failure::from_error(&args.file, &e))?;
    match &args.output {
        Some(path) => crate::convert::write_atomically(path, plain.text.as_bytes()),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(plain.text.as_bytes())
                .and_then(|()| out.flush())
                .map_err(|e| Failure::io("standard output", e))
        }
    }
}
