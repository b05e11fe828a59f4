//! `weijian convert`: a report to the shared schema.

use std::io::Write;
use std::path::{Path, PathBuf};

use weijian::ingest::{DEFAULT_MAX_BYTES, Input};

use crate::Failure;

/// Output formats.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum OutputFormat {
    /// Pretty-printed JSON.
    Json,
    /// YAML.
    Yaml,
}

/// Arguments of `weijian convert`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The report to convert; `-` reads standard input.
    pub file: String,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    pub format: OutputFormat,
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
    let doc = weijian::convert(&input).map_err(|e| Failure::from_error(&args.file, &e))?;
    let mut text = match args.format {
        OutputFormat::Json => doc.to_json(),
        OutputFormat::Yaml => doc.to_yaml(),
    }
    .map_err(|e| Failure::from_error(&args.file, &e))?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    match &args.output {
        Some(path) => write_atomically(path, text.as_bytes()),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|()| out.flush())
                .map_err(|e| Failure::io("standard output", e))
        }
    }
}

/// Writes `bytes` to `path`, whole or not at all.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    weijian::output::write(path, bytes).map_err(|e| Failure::io(&path.display().to_string(), e))
}
