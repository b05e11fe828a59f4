//! The library's modules import one another without circles: the stages follow the pipeline
//! (ingest → text → structure → extract → link → catalogue → check), and the shared tools
//! (textkit, yaml, lexicon, reading, rules, model) import no stage.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The top-level module of each file under src/ (the binary left out), with the text of its
/// code: comments and test modules left out.
fn modules() -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    let mut stack = vec![Path::new("src").to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let rel = path.strip_prefix("src").unwrap().to_path_buf();
            if rel.starts_with("bin") {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|x| x != "rs") || rel == Path::new("lib.rs") {
                continue;
            }
            let top = rel
                .components()
                .next()
                .unwrap()
                .as_os_str()
                .to_string_lossy();
            let module = top.trim_end_matches(".rs").to_string();
            let text = std::fs::read_to_string(&path).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap();
            let code: String = code
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            out.entry(module).or_default().push_str(&code);
        }
    }
    out
}

/// Which other top-level modules each module names as `crate::module`.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules();
    let names: BTreeSet<&String> = modules.keys().collect();
    modules
        .iter()
        .map(|(m, code)| {
            let used = code
                .match_indices("crate::")
                .map(|(at, _)| {
                    code[at + 7..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect::<String>()
                })
                .filter(|u| u != m && names.contains(u))
                .collect();
            (m.clone(), used)
        })
        .collect()
}

#[test]
fn modules_import_each_other_without_circles() {
    let graph = imports();
    // Kahn: repeatedly take the modules whose imports are all taken
    let mut done: BTreeSet<String> = BTreeSet::new();
    loop {
        let ready: Vec<String> = graph
            .iter()
            .filter(|(m, uses)| !done.contains(*m) && uses.iter().all(|u| done.contains(u)))
            .map(|(m, _)| m.clone())
            .collect();
        if ready.is_empty() {
            break;
        }
        done.extend(ready);
    }
    let circled: Vec<String> = graph
        .iter()
        .filter(|(m, _)| !done.contains(*m))
        .map(|(m, uses)| format!("{m} -> {uses:?}"))
        .collect();
    assert!(
        circled.is_empty(),
        "modules in a circle of imports:\n{}",
        circled.join("\n")
    );
}

#[test]
fn the_shared_tools_import_no_stage() {
    let graph = imports();
    let stages = [
        "ingest",
        "text",
        "structure",
        "extract",
        "link",
        "catalogue",
        "check",
        "validate",
        "excel",
        "compare",
        "batch",
    ];
    for tool in ["textkit", "yaml", "lexicon", "reading", "rules", "model"] {
        let bad: Vec<&String> = graph[tool]
            .iter()
            .filter(|u| stages.contains(&u.as_str()))
            .collect();
        assert!(bad.is_empty(), "{tool} imports the stages {bad:?}");
    }
}
