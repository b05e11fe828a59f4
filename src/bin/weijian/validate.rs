//! `weijian validate`: submissions checked against the schema, the built-in rules and a rules
//! file; findings rendered like a compiler's, or as a stable JSON report.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use weijian::validate::{self, FileReport, Finding, Options, RuleSet, Severity};

use crate::Failure;

/// Output formats of findings.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ReportFormat {
    /// For people: each finding with its line, underlined, and what to do.
    Human,
    /// A stable JSON report: {status, counts, findings}.
    Json,
}

/// The lowest severity that fails the run.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum FailOn {
    /// Errors fail the run (exit 1); warnings are shown only.
    Error,
    /// Warnings and errors fail the run.
    Warning,
}

/// Arguments of `weijian validate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Submissions in the shared schema (JSON or YAML), or workbooks (.xlsx) from
    /// `weijian export` or a filled `weijian template`.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Validation rules and required-metric profiles (YAML; see examples/rules.yaml).
    #[arg(long)]
    pub rules: Option<PathBuf>,
    /// The source report, or a directory of source reports named as in each document's
    /// source.file: checks that every span holds its figure as written.
    #[arg(long)]
    pub source: Option<PathBuf>,
    /// How to report findings.
    #[arg(long, value_enum, default_value = "human")]
    pub format: ReportFormat,
    /// The lowest severity that makes the run fail (exit 1).
    #[arg(long, value_enum, default_value = "error")]
    pub fail_on: FailOn,
    /// Refuse submissions larger than this many bytes.
    #[arg(long, default_value_t = validate::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
}

/// Runs the command; returns the exit code.
pub fn run(args: &Args) -> Result<u8, Failure> {
    let rules = match &args.rules {
        Some(path) => Some(
            RuleSet::from_path(path)
                .map_err(|e| Failure::from_error(&path.display().to_string(), &e))?,
        ),
        None => None,
    };
    let options = Options {
        rules,
        source: args.source.clone(),
        max_bytes: Some(args.max_bytes),
    };
    let renderer = if std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = std::io::stdout().lock();
    // each file is shown as soon as it is checked, and its text then let go: memory stays
    // flat over ten thousand files
    let mut reports = Vec::with_capacity(args.files.len());
    for file in &args.files {
        let mut report = validate::validate_file(file, &options);
        if let ReportFormat::Human = args.format {
            out.write_all(human_file(&renderer, &report).as_bytes())
                .map_err(|e| Failure::io("the report", e))?;
        }
        report.text = String::new();
        reports.push(report);
    }
    let fail_on = match args.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
    };
    let summary = validate::summarize(&reports, fail_on);
    let text = match args.format {
        ReportFormat::Json => {
            let mut s = serde_json::to_string_pretty(&summary)
                .map_err(|e| Failure::Report(format!("error[E107]: {e}")))?;
            s.push('\n');
            s
        }
        ReportFormat::Human => totals(&summary.counts),
    };
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| Failure::io("the report", e))?;
    Ok(summary.status.exit_code())
}

/// The findings of one file, or that it is valid.
fn human_file(renderer: &Renderer, r: &FileReport) -> String {
    if r.findings.is_empty() {
        return format!("{}: valid\n", r.file);
    }
    let mut s = String::new();
    for f in &r.findings {
        s.push_str(&renderer.render(&render(r, f)));
        s.push_str("\n\n");
    }
    s
}

/// The totals line: `2 files, 3 errors, 1 warning`.
fn totals(counts: &validate::Counts) -> String {
    let plural = |n: usize, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
    let mut s = format!(
        "{}, {}, {}",
        plural(counts.files, "file"),
        plural(counts.errors, "error"),
        plural(counts.warnings, "warning")
    );
    if counts.infos > 0 {
        s.push_str(&format!(", {}", plural(counts.infos, "note")));
    }
    if counts.unusable > 0 {
        s.push_str(&format!(" ({} could not be read)", counts.unusable));
    }
    s.push('\n');
    s
}

fn render<'a>(r: &'a FileReport, f: &'a Finding) -> Vec<Group<'a>> {
    let level = match f.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::NOTE,
    };
    let title = level.primary_title(f.message.as_str()).id(f.code.as_str());
    let pointer = if f.pointer.is_empty() {
        None
    } else {
        Some(Level::NOTE.message(format!("at {}", f.pointer)))
    };
    let help = Level::HELP.message(f.help.as_str());
    let group = match (
        f.line,
        f.column,
        r.text.lines().nth(f.line.unwrap_or(1).saturating_sub(1)),
    ) {
        (Some(line), Some(column), Some(text)) => {
            // byte range of the underlined characters on that line
            let start = text
                .char_indices()
                .nth(column - 1)
                .map_or(text.len(), |(i, _)| i);
            let end = text[start..]
                .char_indices()
                .nth(f.len.max(1))
                .map_or(text.len(), |(i, _)| start + i);
            let snippet = Snippet::source(text)
                .line_start(line)
                .path(r.file.as_str())
                .annotation(AnnotationKind::Primary.span(start..end.max(start)));
            title.element(snippet)
        }
        _ => match &f.cell {
            Some(cell) => title.element(annotate_snippets::Origin::path(format!(
                "{} {cell}",
                r.file
            ))),
            None => title.element(annotate_snippets::Origin::path(r.file.as_str())),
        },
    };
    let group = match pointer {
        Some(p) => group.element(p),
        None => group,
    };
    vec![group.element(help)]
}
