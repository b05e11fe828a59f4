//! The lexicon of data/lexicon/: well-formed, sorted, disjoint where declared, every class
//! used by the code and every example sentence converted to what it says.

use std::collections::BTreeSet;

use serde_json::Value;
use weijian::lexicon::{self, ExpectedMetric, Lexicon};

fn files() -> impl Iterator<Item = (&'static str, Value)> {
    lexicon::BUILTIN.iter().map(|(name, text)| {
        let v: Value = weijian::yaml::from_str(text)
            .unwrap_or_else(|e| panic!("data/lexicon/{name}.yaml: {e}"));
        (*name, v)
    })
}

#[test]
fn every_file_is_of_the_lexicon_schema() {
    let schema: Value = serde_json::from_str(lexicon::SCHEMA).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for (name, v) in files() {
        let errors: Vec<String> = validator
            .iter_errors(&v)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "data/lexicon/{name}.yaml: {errors:#?}");
    }
}

#[test]
fn words_are_sorted_without_repeats_and_every_class_has_a_meaning() {
    for (name, v) in files() {
        let Some(classes) = v["classes"].as_object() else {
            continue;
        };
        for (class, body) in classes {
            assert!(
                class.starts_with(&format!("{name}.")),
                "{class} is in data/lexicon/{name}.yaml"
            );
            assert!(
                body["meaning"].as_str().is_some_and(|m| m.len() > 10),
                "{class} says what it means"
            );
            let words: Vec<String> = match (&body["words"], &body["pairs"], &body["chars"]) {
                (Value::Array(w), _, _) => w.iter().map(|w| w.as_str().unwrap().into()).collect(),
                (_, Value::Array(p), _) => {
                    p.iter().map(|p| p[0].as_str().unwrap().into()).collect()
                }
                (_, _, Value::String(c)) => c.chars().map(String::from).collect(),
                _ => panic!("{class} has no words"),
            };
            assert!(!words.is_empty(), "{class} has no words");
            for pair in words.windows(2) {
                assert!(
                    pair[0] < pair[1],
                    "{class}: {} and {} are not in order (or repeat)",
                    pair[0],
                    pair[1]
                );
            }
        }
    }
}

#[test]
fn the_builtin_lexicon_loads_and_declared_disjoint_classes_share_nothing() {
    let lex = lexicon::get();
    assert!(lex.classes().count() > 0);
    for [a, b] in lex.disjoint() {
        let (a, b) = (lex.class(a).unwrap(), lex.class(b).unwrap());
        let shared: Vec<&str> = a.words().iter().copied().filter(|w| b.has(w)).collect();
        assert!(
            shared.is_empty(),
            "{} and {} share {shared:?}",
            a.name(),
            b.name()
        );
    }
}

/// Every `class!("…")` of src/, with the file it is in.
fn classes_named_in_src() -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut stack = vec![std::path::PathBuf::from("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for (at, _) in text.match_indices("class!(\"") {
                    let rest = &text[at + 8..];
                    let name = &rest[..rest.find('"').unwrap()];
                    found.push((name.to_string(), path.display().to_string()));
                }
                for (at, _) in text.match_indices("class_named(\"") {
                    let rest = &text[at + 13..];
                    let name = &rest[..rest.find('"').unwrap()];
                    found.push((name.to_string(), path.display().to_string()));
                }
            }
        }
    }
    found
}

#[test]
fn every_class_the_code_names_exists_and_every_class_is_used() {
    let lex = Lexicon::builtin().unwrap();
    let named = classes_named_in_src();
    for (name, file) in &named {
        assert!(
            lex.class(name).is_some(),
            "{file} names {name}, which data/lexicon/ lacks"
        );
    }
    let used: BTreeSet<&str> = named.iter().map(|(n, _)| n.as_str()).collect();
    let unused: Vec<&str> = lex
        .classes()
        .map(|c| c.name())
        .filter(|n| !used.contains(n))
        .collect();
    assert!(unused.is_empty(), "classes no code reads: {unused:?}");
}

fn matches(m: &weijian::model::Metric, e: &ExpectedMetric) -> bool {
    let json = serde_json::to_value(m).unwrap();
    let s = |k: &str| json[k].as_str().unwrap_or("").to_string();
    e.value.is_none_or(|v| (m.value - v).abs() < 1e-9)
        && e.unit.as_ref().is_none_or(|u| *u == m.unit)
        && e.kind.as_ref().is_none_or(|k| *k == s("kind"))
        && e.role
            .as_ref()
            .is_none_or(|r| *r == s("role") || (r == "actual" && s("role").is_empty()))
        && e.label
            .as_ref()
            .is_none_or(|l| m.label.contains(l.as_str()))
        && e.qualifier.as_ref().is_none_or(|q| *q == s("qualifier"))
        && e.as_written.as_ref().is_none_or(|w| *w == m.as_written)
        && e.target.is_none_or(|t| {
            m.target
                .as_ref()
                .is_some_and(|x| (x.value - t).abs() < 1e-9)
        })
        && e.met
            .is_none_or(|x| m.target.as_ref().is_some_and(|t| t.met == x))
        && e.because
            .as_ref()
            .is_none_or(|b| m.because.iter().any(|w| w == b))
}

#[test]
fn every_example_sentence_comes_out_as_it_says() {
    let lex = Lexicon::builtin().unwrap();
    let mut failures = Vec::new();
    let mut checked = 0;
    for class in lex.classes() {
        for ex in class.examples() {
            checked += 1;
            let input =
                weijian::ingest::Input::from_bytes("example.txt", ex.text.as_bytes().to_vec());
            let doc = weijian::convert(&input).unwrap();
            let mut fail =
                |what: String| failures.push(format!("{}: {:?}: {what}", class.name(), ex.text));
            let summary = || {
                doc.metrics
                    .iter()
                    .map(|m| {
                        format!(
                            "{}={}{} {:?} {:?}",
                            m.label, m.value, m.unit, m.kind, m.role
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            if let Some(e) = &ex.metric
                && !doc.metrics.iter().any(|m| matches(m, e))
            {
                fail(format!("no metric {e:?} among [{}]", summary()));
            }
            if let Some(e) = &ex.no_metric
                && doc.metrics.iter().any(|m| matches(m, e))
            {
                fail(format!("a metric {e:?} among [{}]", summary()));
            }
            if let Some(n) = ex.metrics
                && doc.metrics.len() != n
            {
                fail(format!(
                    "{} metrics, not {n}: [{}]",
                    doc.metrics.len(),
                    summary()
                ));
            }
            if let Some(b) = &ex.body
                && !doc.bodies.iter().any(|x| x.name == *b)
            {
                let got: Vec<&str> = doc.bodies.iter().map(|x| x.name.as_str()).collect();
                fail(format!("no body {b} among {got:?}"));
            }
            if let Some(p) = &ex.programme
                && !doc.programmes.iter().any(|x| x.name == *p)
            {
                let got: Vec<&str> = doc.programmes.iter().map(|x| x.name.as_str()).collect();
                fail(format!("no programme {p} among {got:?}"));
            }
            if let Some(h) = &ex.heading
                && !doc.sections.iter().any(|s| s.title == *h)
            {
                let got: Vec<&str> = doc.sections.iter().map(|s| s.title.as_str()).collect();
                fail(format!("no heading {h} among {got:?}"));
            }
            if let Some(h) = &ex.no_heading
                && doc.sections.iter().any(|s| s.title == *h)
            {
                fail(format!("{h} taken for a heading"));
            }
            if let Some(a) = &ex.absent {
                let text: String = weijian::text::clean(&ex.text)
                    .cleaned
                    .display
                    .iter()
                    .collect();
                if text.contains(a.as_str()) {
                    fail(format!("{a} is still in the cleaned text {text:?}"));
                }
            }
            if let Some(r) = &ex.report {
                let json = serde_json::to_value(&doc.report).unwrap();
                for (k, v) in r {
                    let got = match k.as_str() {
                        "level" => json["jurisdiction"]["level"].as_str().unwrap_or(""),
                        _ => json[k].as_str().unwrap_or(""),
                    };
                    if got != v {
                        fail(format!("report {k} is {got:?}, not {v:?}"));
                    }
                }
            }
        }
    }
    assert!(checked > 0);
    assert!(
        failures.is_empty(),
        "{} of {checked} examples fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn docs_rules_md_is_generated_from_the_rules() {
    let doc = std::fs::read_to_string("docs/rules.md").unwrap();
    assert!(
        doc == weijian::rules::markdown(),
        "docs/rules.md is out of date: run `weijian rules --markdown > docs/rules.md`"
    );
}

#[test]
fn a_user_lexicon_adds_words_for_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let lex = dir.path().join("mine.yaml");
    std::fs::write(&lex, "classes:\n  change.up:\n    words: [攀升]\n").unwrap();
    let report = dir.path().join("r.txt");
    std::fs::write(&report, "全县门诊量攀升12.5%。\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_weijian"))
        .arg("--lexicon")
        .arg(&lex)
        .arg("convert")
        .arg(&report)
        .output()
        .unwrap();
    assert!(out.status.success());
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["metrics"][0]["kind"], "change");
    std::fs::write(&lex, "classes:\n  change.up:\n    wordz: [攀升]\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_weijian"))
        .arg("--lexicon")
        .arg(&lex)
        .arg("convert")
        .arg(&report)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error[E115]") && err.contains("mine.yaml:3:5"),
        "{err}"
    );
}

/// Pairs of classes that hold the same words yet mean different things, each with why.
const SAME_WORDS_DIFFERENT_MEANING: &[(&str, &str, &str)] = &[(
    "extract.parts_follow",
    "name.overlapping_words",
    "其中 introduces the parts of a count, and it is also a word whose last character (中) \
     could begin a body ending (中医院): two roles of one word",
)];

#[test]
fn no_two_classes_hold_the_same_words_unless_they_mean_different_things() {
    let lex = weijian::lexicon::get();
    let classes: Vec<_> = lex.classes().collect();
    let mut same = Vec::new();
    for (i, a) in classes.iter().enumerate() {
        for b in &classes[i + 1..] {
            if a.words() == b.words() {
                let (x, y) = (a.name(), b.name());
                if !SAME_WORDS_DIFFERENT_MEANING
                    .iter()
                    .any(|(p, q, _)| (*p, *q) == (x, y) || (*q, *p) == (x, y))
                {
                    same.push(format!("{x} and {y}: {:?}", a.words()));
                }
            }
        }
    }
    assert!(
        same.is_empty(),
        "classes with the same words: merge them into one, or say why they differ\n{}",
        same.join("\n")
    );
}
