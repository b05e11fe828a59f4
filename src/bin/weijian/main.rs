//! The weijian command line: parses arguments, calls the library, renders the result.

mod compare;
mod convert;
mod export;
mod import;
mod indicators;
mod lexicon;
mod template;
mod text;
mod validate;

/// mimalloc: the converter allocates many small strings; the system allocator spends a fifth
/// of the run on them (docs/performance.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  convert (several files or a folder): some files could not be converted (the others
     are written, the failures listed); validate: findings at or above --fail-on;
     import: cells that could not be read
  2  usage error, an input that cannot be read, decoded or written, or (validate) a
     submission that is not JSON/YAML at all or a rules file that cannot be used";

/// Turn Chinese health-commission work reports into one shared schema, every figure grounded
/// by a character span in the source.
#[derive(Debug, Parser)]
#[command(name = "weijian", version, about, after_help = EXIT_CODES)]
struct Cli {
    /// A lexicon file of your own (YAML, as data/lexicon/*.yaml) whose words are added to the
    /// classes it names, for every command that converts (see `weijian lexicon`).
    #[arg(long, global = true, value_name = "FILE")]
    lexicon: Option<std::path::PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Convert reports (text in UTF-8, UTF-16 with BOM or GB18030/GBK; Word .docx; web pages;
    /// PDF with a text layer) to the shared schema: one file, or many files and folders in
    /// parallel to an output folder or as JSON Lines.
    #[command(after_help = EXIT_CODES)]
    Convert(convert::Args),
    /// Validate submissions (JSON or YAML in the shared schema): the schema, the built-in
    /// rules of health reporting, and rules from a file. Every problem, with its place.
    #[command(after_help = EXIT_CODES)]
    Validate(validate::Args),
    /// Export documents (JSON/YAML) or reports (converted on the way) to one Excel workbook:
    /// sheets Reports, Metrics, Sections, Bodies, Programmes, Findings.
    #[command(after_help = EXIT_CODES)]
    Export(export::Args),
    /// Read a workbook written by `weijian export` (or a filled template) back into
    /// documents; cells that cannot be read are listed with their addresses (exit 1).
    #[command(after_help = EXIT_CODES)]
    Import(import::Args),
    /// Write an empty fill-in workbook for a district: Reports and Metrics sheets with
    /// dropdowns and number checks, instructions in Chinese. Check it with `weijian validate`.
    #[command(after_help = EXIT_CODES)]
    Template(template::Args),
    /// Print the plain text of a report (text, .docx, .html, .pdf): the text every span of
    /// its converted document points into.
    #[command(after_help = EXIT_CODES)]
    Text(text::Args),
    /// List the indicator catalogue (codes, names, synonyms, units, direction).
    #[command(after_help = EXIT_CODES)]
    Indicators(indicators::Args),
    /// Compare reports indicator by indicator: values, targets, met flags, ranks (respecting
    /// which way is better), min/median/max, outliers; to .xlsx, .csv or .json.
    #[command(after_help = EXIT_CODES)]
    Compare(compare::Args),
    /// List the lexicon: the word classes the converter reads (change verbs, qualifiers,
    /// target cues, measure words, name endings…), or the words of the classes named.
    #[command(after_help = EXIT_CODES)]
    Lexicon(lexicon::Args),
    /// List the named rules that make each metric (as its `because` field records them).
    #[command(after_help = EXIT_CODES)]
    Rules(lexicon::RulesArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // installed before anything reads the lexicon, for every command
    if let Some(path) = &cli.lexicon
        && let Err(e) = weijian::install_lexicon(path)
    {
        if let Failure::Report(text) = Failure::from_error(&path.display().to_string(), &e) {
            let _ = writeln!(std::io::stderr(), "{text}");
        }
        return ExitCode::from(2);
    }
    let result = match cli.command {
        Command::Convert(args) => convert::run(&args),
        Command::Validate(args) => validate::run(&args),
        Command::Export(args) => export::run(&args).map(|()| 0),
        Command::Import(args) => import::run(&args),
        Command::Template(args) => template::run(&args).map(|()| 0),
        Command::Indicators(args) => indicators::run(&args).map(|()| 0),
        Command::Text(args) => text::run(&args).map(|()| 0),
        Command::Compare(args) => compare::run(&args).map(|()| 0),
        Command::Lexicon(args) => lexicon::run(&args).map(|()| 0),
        Command::Rules(args) => lexicon::rules(&args).map(|()| 0),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(Failure::BrokenPipe) => ExitCode::SUCCESS,
        Err(Failure::Report(text)) => {
            let _ = writeln!(std::io::stderr(), "{text}");
            ExitCode::from(2)
        }
    }
}

/// Why a command failed, rendered for people.
#[derive(Debug)]
pub enum Failure {
    /// The reader of standard output went away: not an error.
    BrokenPipe,
    /// A rendered error message.
    Report(String),
}

impl Failure {
    /// Renders a library error for `file` like a compiler does: code, message, location, help.
    pub fn from_error(file: &str, err: &weijian::Error) -> Self {
        Failure::Report(format!(
            "error[{}]: {err}\n  --> {file}\n  help: {}",
            err.code(),
            err.help()
        ))
    }

    /// A request that cannot be carried out as given, with what to do instead.
    pub fn usage(message: &str, help: &str) -> Self {
        Failure::Report(format!("error: {message}\n  help: {help}"))
    }

    /// An I/O failure while writing `what`.
    pub fn io(what: &str, err: std::io::Error) -> Self {
        if err.kind() == std::io::ErrorKind::BrokenPipe {
            return Failure::BrokenPipe;
        }
        Failure::Report(format!(
            "error[E108]: cannot write {what}: {err}\n  help: check that the directory exists and is writable"
        ))
    }
}
