//! `weijian template`: the fill-in workbook for districts.

use std::path::PathBuf;

use crate::Failure;

/// Arguments of `weijian template`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The workbook to write.
    #[arg(short, long)]
    pub output: PathBuf,
}

/// Runs the command.
pub fn run(args: &Args) -> Result<(), Failure> {
    let codes: Vec<String> = weijian::catalogue::Catalogue::builtin()
        .indicators()
        .iter()
        .map(|i| i.code.clone())
        .collect();
    weijian::excel::template::write_template(&args.output, &codes)
        .map_err(|e| Failure::from_error(&args.output.display().to_string(), &e))
}
