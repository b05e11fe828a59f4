//! `weijian convert`: reports to the shared schema, one file or many.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use weijian::batch::{self, Syntax};
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
    /// Reports (text, .docx, .html, .pdf) or folders of them; `-` reads standard input.
    #[arg(required = true, value_name = "FILE|DIR")]
    pub inputs: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    pub format: OutputFormat,
    /// One input: the file to write (whole or not at all) instead of standard output.
    /// Several inputs or a folder: the folder to write one document per input to, at the
    /// input's relative path.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Stream one JSON document per line to standard output, in input order.
    #[arg(long, conflicts_with_all = ["output", "format"])]
    pub jsonl: bool,
    /// Convert this many files at once (default: one per core).
    #[arg(short = 'j', long = "jobs", value_name = "N")]
    pub jobs: Option<usize>,
    /// Refuse inputs larger than this many bytes.
    #[arg(long, default_value_t = DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
    /// Instead of the document, print for a person why each figure came out as it did: its
    /// place, what it was read as, and the rules and lexicon words that made it so
    /// (docs/rules.md).
    #[arg(long, conflicts_with_all = ["jsonl", "format"])]
    pub explain: bool,
    /// With --explain: only these metrics (ids such as m3; repeat or separate by commas).
    #[arg(long, value_name = "ID", value_delimiter = ',', requires = "explain")]
    pub metric: Vec<String>,
    /// A catalogue of your own (YAML, as data/indicators.yaml), merged over the built-in one:
    /// metrics naming its indicators get their codes (see `weijian indicators`).
    #[arg(long, value_name = "FILE")]
    pub catalogue: Option<PathBuf>,
}

/// The conversion options of the arguments: the catalogue asked for and the size limit (the
/// lexicon, global, is installed by `main`).
fn options(args: &Args) -> Result<weijian::Options, Failure> {
    let catalogue = match &args.catalogue {
        Some(path) => Some(
            weijian::Catalogue::with_file(path)
                .map_err(|e| Failure::from_error(&path.display().to_string(), &e))?,
        ),
        None => None,
    };
    Ok(weijian::Options {
        catalogue,
        limits: weijian::Limits {
            max_bytes: args.max_bytes,
        },
        ..weijian::Options::default()
    })
}

/// Runs the command; the exit code is 1 when some files of a batch failed.
pub fn run(args: &Args) -> Result<u8, Failure> {
    // an existing folder as output also makes one input a batch of one
    let batch = args.jsonl
        || args.inputs.len() > 1
        || args.inputs.iter().any(|i| Path::new(i).is_dir())
        || args.output.as_deref().is_some_and(Path::is_dir);
    if batch && args.explain {
        return Err(Failure::usage(
            "--explain explains one report at a time",
            "give one input: `weijian convert report.txt --explain`",
        ));
    }
    if batch {
        return run_batch(args);
    }
    let options = options(args)?;
    let file = &args.inputs[0];
    let input = if file == "-" {
        Input::from_reader("-", std::io::stdin().lock(), args.max_bytes)
    } else {
        Input::from_path(Path::new(file), args.max_bytes)
    }
    .map_err(|e| Failure::from_error(file, &e))?;
    let plain = weijian::ingest::plain(&input).map_err(|e| Failure::from_error(file, &e))?;
    let doc = weijian::convert_plain_with(&input.name, &input.bytes, &plain, &options)
        .map_err(|e| Failure::from_error(file, &e))?;
    let mut text = if args.explain {
        let source = weijian::text::chars_of(&plain.text);
        Ok(weijian::explain(&doc, &source, &args.metric))
    } else {
        match args.format {
            OutputFormat::Json => doc.to_json(),
            OutputFormat::Yaml => doc.to_yaml(),
        }
    }
    .map_err(|e| Failure::from_error(file, &e))?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    match &args.output {
        Some(path) => write_atomically(path, text.as_bytes()),
        None => write_stdout(text.as_bytes()),
    }
    .map(|()| 0)
}

fn write_stdout(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|e| Failure::io("standard output", e))
}

/// Writes `bytes` to `path`, whole or not at all.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    weijian::output::write(path, bytes).map_err(|e| Failure::io(&path.display().to_string(), e))
}

fn run_batch(args: &Args) -> Result<u8, Failure> {
    if args.inputs.iter().any(|i| i == "-") {
        return Err(Failure::usage(
            "standard input (`-`) cannot be converted together with other inputs",
            "convert standard input on its own: `weijian convert - -o out.json`",
        ));
    }
    if !args.jsonl && args.output.is_none() {
        return Err(Failure::usage(
            "several inputs (or a folder) need somewhere to go",
            "give an output folder with `-o OUTDIR`, or stream with `--jsonl`",
        ));
    }
    if let Some(out) = &args.output
        && out.is_file()
    {
        return Err(Failure::usage(
            &format!(
                "{} is a file; several inputs need an output folder",
                out.display()
            ),
            "give a folder (it is created if missing) with `-o OUTDIR`",
        ));
    }
    let convert = options(args)?;
    let paths: Vec<PathBuf> = args.inputs.iter().map(PathBuf::from).collect();
    let jobs = batch::inputs(&paths).map_err(|e| {
        let place = match &e {
            weijian::Error::Io { path, .. } => path.display().to_string(),
            _ => args.inputs.join(" "),
        };
        Failure::from_error(&place, &e)
    })?;
    let options = batch::Options {
        threads: args.jobs.unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
        }),
        convert,
        syntax: match (args.jsonl, args.format) {
            (true, _) => Syntax::JsonLine,
            (false, OutputFormat::Json) => Syntax::Json,
            (false, OutputFormat::Yaml) => Syntax::Yaml,
        },
        out_dir: if args.jsonl {
            None
        } else {
            args.output.clone()
        },
    };
    let progress = if std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new(jobs.len() as u64).with_style(
            indicatif::ProgressStyle::with_template(
                "{elapsed_precise} [{bar:40}] {pos}/{len} files, {per_sec}, eta {eta} {wide_msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
        )
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut failures: Vec<(usize, weijian::Error)> = Vec::new();
    let (mut converted, mut metrics) = (0usize, 0usize);
    let mut out = std::io::stdout().lock();
    let mut broken_pipe = None;
    batch::run(&jobs, &options, |k, result| {
        progress.inc(1);
        match result {
            Ok(c) => {
                converted += 1;
                metrics += c.metrics;
                if let Some(line) = c.text
                    && broken_pipe.is_none()
                    && let Err(e) = writeln!(out, "{line}")
                {
                    broken_pipe = Some(e);
                }
            }
            Err(e) => {
                progress.set_message(format!("failed: {}", jobs[k].input.display()));
                failures.push((k, e));
            }
        }
    })
    .map_err(|e| Failure::from_error("batch", &e))?;
    progress.finish_and_clear();
    if let Some(e) = broken_pipe {
        return Err(Failure::io("standard output", e));
    }
    out.flush().map_err(|e| Failure::io("standard output", e))?;
    let mut err = std::io::stderr().lock();
    let place = args.output.as_ref().filter(|_| !args.jsonl).map_or_else(
        || "standard output".to_string(),
        |o| o.display().to_string(),
    );
    let _ = writeln!(
        err,
        "converted {converted} of {} files ({metrics} metrics) to {place}",
        jobs.len()
    );
    if failures.is_empty() {
        return Ok(0);
    }
    let _ = writeln!(
        err,
        "error: {} of {} files could not be converted:",
        failures.len(),
        jobs.len()
    );
    for (k, e) in &failures {
        let _ = writeln!(
            err,
            "  {}: error[{}]: {e}\n      help: {}",
            jobs[*k].input.display(),
            e.code(),
            e.help()
        );
    }
    Ok(1)
}
