//! `weijian indicators`: the indicator catalogue.

use std::io::Write;
use std::path::PathBuf;

use unicode_width::UnicodeWidthStr;
use weijian::catalogue::Catalogue;

use crate::Failure;

/// Output formats of the catalogue.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ListFormat {
    /// An aligned table for people.
    Table,
    /// JSON.
    Json,
    /// YAML.
    Yaml,
}

/// Arguments of `weijian indicators`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: ListFormat,
    /// A catalogue of your own (YAML, as data/indicators.yaml): its indicators are added, or
    /// replace the built-in ones of the same code.
    #[arg(long)]
    pub catalogue: Option<PathBuf>,
}

/// The built-in catalogue, or it with a user's file merged in.
pub fn catalogue(
    file: Option<&std::path::Path>,
) -> Result<std::borrow::Cow<'static, Catalogue>, Failure> {
    match file {
        Some(path) => Catalogue::with_file(path)
            .map(std::borrow::Cow::Owned)
            .map_err(|e| Failure::from_error(&path.display().to_string(), &e)),
        None => Ok(std::borrow::Cow::Borrowed(Catalogue::builtin())),
    }
}

/// Runs the command.
pub fn run(args: &Args) -> Result<(), Failure> {
    let catalogue = catalogue(args.catalogue.as_deref())?;
    let list = catalogue.indicators();
    let text = match args.format {
        ListFormat::Json => {
            serde_json::to_string_pretty(list)
                .map_err(|e| Failure::Report(format!("error[E107]: {e}")))?
                + "\n"
        }
        ListFormat::Yaml => {
            weijian::yaml::to_string(&list).map_err(|e| Failure::from_error("the catalogue", &e))?
        }
        ListFormat::Table => {
            let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(s.width())));
            let mut t = format!(
                "{}{}{}{}synonyms\n",
                pad("code", 12),
                pad("name", 40),
                pad("unit", 9),
                pad("better", 8)
            );
            for i in list {
                let better = match i.direction {
                    weijian::catalogue::Direction::Higher => "higher",
                    weijian::catalogue::Direction::Lower => "lower",
                };
                t.push_str(&format!(
                    "{}{}{}{}{}\n",
                    pad(&i.code, 12),
                    pad(&i.name, 40),
                    pad(&i.unit, 9),
                    pad(better, 8),
                    i.synonyms.join("、")
                ));
            }
            t
        }
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| Failure::io("standard output", e))
}
