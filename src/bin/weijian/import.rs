//! `weijian import`: a workbook back into documents.

use std::io::Write;
use std::path::{Path, PathBuf};

use weijian::excel::import::{ProblemKind, read_workbook};

use crate::Failure;
use crate::convert::{OutputFormat, write_atomically};

/// Arguments of `weijian import`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A workbook written by `weijian export`, or a filled `weijian template`.
    pub workbook: PathBuf,
    /// Write one file per document into this directory (named after each source file)
    /// instead of printing them.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    pub format: OutputFormat,
}

/// Runs the command; exit 1 when cells could not be read (their records are reported on
/// standard error and skipped or given defaults).
pub fn run(args: &Args) -> Result<u8, Failure> {
    let shown = args.workbook.display().to_string();
    let imported = read_workbook(&args.workbook).map_err(|e| Failure::from_error(&shown, &e))?;
    let mut err = std::io::stderr().lock();
    let mut serious = 0;
    for p in &imported.problems {
        let level = if p.kind == ProblemKind::BlankRow {
            "note"
        } else {
            serious += 1;
            "warning"
        };
        let _ = writeln!(err, "{level}: {shown}!{}: {}", p.cell, p.message);
    }
    let ext = match args.format {
        OutputFormat::Json => "json",
        OutputFormat::Yaml => "yaml",
    };
    let render = |value: &dyn erased::Render| -> Result<String, Failure> {
        value
            .render(args.format)
            .map_err(|e| Failure::from_error(&shown, &e))
    };
    match &args.output {
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| Failure::io(&dir.display().to_string(), e))?;
            let mut used = std::collections::HashSet::new();
            for (k, doc) in imported.documents.iter().enumerate() {
                let stem = Path::new(&doc.source.file)
                    .file_stem()
                    .map_or(format!("report-{}", k + 1), |s| {
                        s.to_string_lossy().into_owned()
                    });
                let name = if used.insert(stem.clone()) {
                    stem
                } else {
                    format!("{stem}-{}", k + 1)
                };
                let path = dir.join(format!("{name}.{ext}"));
                write_atomically(&path, render(doc)?.as_bytes())?;
            }
        }
        None => {
            let text = match imported.documents.as_slice() {
                [one] => render(one)?,
                many => render(&many.to_vec())?,
            };
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|()| out.flush())
                .map_err(|e| Failure::io("standard output", e))?;
        }
    }
    Ok(u8::from(serious > 0))
}

/// One document or several, as JSON or YAML.
mod erased {
    use super::OutputFormat;

    pub trait Render {
        fn render(&self, format: OutputFormat) -> weijian::Result<String>;
    }

    impl<T: serde::Serialize> Render for T {
        fn render(&self, format: OutputFormat) -> weijian::Result<String> {
            let mut text = match format {
                OutputFormat::Json => serde_json::to_string_pretty(self)
                    .map_err(|e| weijian::Error::Serialise(e.to_string()))?,
                OutputFormat::Yaml => weijian::yaml::to_string(self)?,
            };
            if !text.ends_with('\n') {
                text.push('\n');
            }
            Ok(text)
        }
    }
}
