//! `weijian lexicon` and `weijian rules`: the words and the rules the converter reads.

use std::io::Write;

use weijian::lexicon::{self, Shape};

use crate::Failure;

/// Arguments of `weijian lexicon`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Classes to print with all their words (e.g. change.up); none: every class, one a line.
    #[arg(value_name = "CLASS")]
    pub classes: Vec<String>,
}

/// Arguments of `weijian rules`.
#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// Print docs/rules.md (Markdown) instead of one rule a line.
    #[arg(long)]
    pub markdown: bool,
}

fn print(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| Failure::io("standard output", e))
}

/// Lists the classes of the lexicon in use, or the words of the classes asked for.
pub fn run(args: &Args) -> Result<(), Failure> {
    let lex = lexicon::get();
    let mut text = String::new();
    if args.classes.is_empty() {
        for c in lex.classes() {
            let first = c
                .meaning()
                .split_inclusive(". ")
                .next()
                .unwrap_or("")
                .trim();
            text.push_str(&format!(
                "{:<32} {:>4}  {first}\n",
                c.name(),
                c.words().len()
            ));
        }
    }
    for name in &args.classes {
        let Some(c) = lex.class(name) else {
            let hint = weijian::textkit::closest(name, lex.classes().map(|c| c.name()))
                .map(|c| format!("did you mean {c}? "))
                .unwrap_or_default();
            return Err(Failure::usage(
                &format!("the lexicon has no class {name}"),
                &format!("{hint}`weijian lexicon` lists the classes"),
            ));
        };
        let c: &'static lexicon::Class = c;
        text.push_str(&format!(
            "# {} ({}): {}\n",
            c.name(),
            c.origin(),
            c.meaning().trim()
        ));
        for (i, w) in c.words().iter().enumerate() {
            match c.shape() {
                Shape::Pairs => text.push_str(&format!("{w}\t{}\n", c.value_at(i))),
                _ => text.push_str(&format!("{w}\n")),
            }
        }
    }
    print(&text)
}

/// Lists the named rules.
pub fn rules(args: &RulesArgs) -> Result<(), Failure> {
    if args.markdown {
        return print(&weijian::rules::markdown());
    }
    let text: String = weijian::rules::RULES
        .iter()
        .map(|r| format!("{:<32} {}\n", r.name, r.what))
        .collect();
    print(&text)
}
