//! `weijian compare`: reports side by side, indicator by indicator.

use std::path::PathBuf;

use weijian::ingest::DEFAULT_MAX_BYTES;

use crate::Failure;
use crate::convert::write_atomically;

/// Arguments of `weijian compare`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Converted documents (.json, .yaml) or reports (converted on the way).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// The comparison to write: .xlsx (a Compare sheet with colour scales and the long table),
    /// .csv (the long table) or .json.
    #[arg(short, long)]
    pub output: PathBuf,
    /// A catalogue of your own, merged over the built-in one (see `weijian indicators`).
    #[arg(long)]
    pub catalogue: Option<PathBuf>,
    /// Refuse reports larger than this many bytes.
    #[arg(long, default_value_t = DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
}

/// Runs the command.
pub fn run(args: &Args) -> Result<(), Failure> {
    let catalogue = crate::indicators::catalogue(args.catalogue.as_deref())?;
    let mut docs: Vec<weijian::Document> = crate::export::load(&args.inputs, args.max_bytes)?
        .into_iter()
        .map(|(d, _)| d)
        .collect();
    for d in &mut docs {
        catalogue.assign(&mut d.metrics);
    }
    let comparison = weijian::compare::compare(&docs, &catalogue);
    let shown = args.output.display().to_string();
    let ext = args
        .output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("xlsx") => comparison
            .write_xlsx(&args.output)
            .map_err(|e| Failure::from_error(&shown, &e)),
        Some("csv") => {
            let bytes = comparison
                .to_csv()
                .map_err(|e| Failure::from_error(&shown, &e))?;
            write_atomically(&args.output, &bytes)
        }
        Some("json") => {
            let mut text = serde_json::to_string_pretty(&comparison)
                .map_err(|e| Failure::Report(format!("error[E107]: {e}")))?;
            text.push('\n');
            write_atomically(&args.output, text.as_bytes())
        }
        _ => Err(Failure::Report(format!(
            "error: cannot tell the format of {shown}\n  help: name the output .xlsx, .csv or .json"
        ))),
    }
}
