//! Build script: the built-in lexicon (data/lexicon/*.yaml) and indicator catalogue
//! (data/indicators.yaml) read at build time, so that a process does not parse YAML at its
//! start (docs/performance.md, issue 16).
//!
//! - The lexicon becomes static tables (`$OUT_DIR/lexicon.rs`, included by src/lexicon.rs):
//!   every class with its meaning, shape, words sorted without repeats, values and provenance
//!   entries (`change.up[增长]`), and the declared-disjoint pairs. The YAML is read with the
//!   same serde_yaml and the same field types as the runtime loader, so a scalar that YAML
//!   reads as a number or a boolean becomes the same string; a test
//!   (`lexicon::tests::the_generated_tables_are_the_yaml_files`) checks the tables against a
//!   parse of the files at run time. Example sentences are not turned into tables: only the
//!   tests and `weijian lexicon` read them, from the YAML, when asked.
//! - The catalogue becomes JSON (`$OUT_DIR/indicators.json`, the same value the runtime
//!   loader validates), which serde_json reads in a fraction of the time.
//!
//! A file that breaks a rule of the lexicon (a class outside its file, two of words, chars
//! and pairs, a class defined twice, a word in two disjoint classes) fails the build.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClass {
    #[serde(default)]
    meaning: String,
    #[serde(default)]
    words: Option<Vec<String>>,
    #[serde(default)]
    chars: Option<String>,
    #[serde(default)]
    pairs: Option<Vec<[String; 2]>>,
    #[serde(default)]
    #[allow(dead_code)]
    examples: serde::de::IgnoredAny,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    classes: BTreeMap<String, RawClass>,
    #[serde(default)]
    disjoint: Vec<[String; 2]>,
}

struct Class {
    topic: String,
    meaning: String,
    shape: &'static str,
    words: Vec<String>,
    values: Vec<String>,
}

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let dir = Path::new("data/lexicon");
    println!("cargo::rerun-if-changed=data/lexicon");
    println!("cargo::rerun-if-changed=data/indicators.yaml");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("data/lexicon/")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    let mut classes: BTreeMap<String, Class> = BTreeMap::new();
    let mut disjoint: Vec<[String; 2]> = Vec::new();
    for path in &files {
        println!("cargo::rerun-if-changed={}", path.display());
        let topic = path.file_stem().unwrap().to_str().unwrap().to_string();
        let text = std::fs::read_to_string(path).unwrap();
        let file: RawFile = serde_yaml::from_str(&text)
            .unwrap_or_else(|e| panic!("data/lexicon/{topic}.yaml: {e}"));
        for (name, raw) in file.classes {
            assert!(
                name.starts_with(&format!("{topic}.")),
                "class {name} belongs in data/lexicon/{}.yaml",
                name.split('.').next().unwrap_or(&name)
            );
            let (shape, mut entries): (&str, Vec<(String, String)>) =
                match (raw.words, raw.chars, raw.pairs) {
                    (words, None, None) => (
                        "Words",
                        words
                            .unwrap_or_default()
                            .into_iter()
                            .map(|w| (w, String::new()))
                            .collect(),
                    ),
                    (None, Some(chars), None) => (
                        "Chars",
                        chars
                            .chars()
                            .map(|c| (c.to_string(), String::new()))
                            .collect(),
                    ),
                    (None, None, Some(pairs)) => {
                        ("Pairs", pairs.into_iter().map(|[w, v]| (w, v)).collect())
                    }
                    _ => panic!("class {name} has more than one of words, chars, pairs"),
                };
            entries.sort();
            entries.dedup_by(|a, b| a.0 == b.0);
            let (words, values): (Vec<String>, Vec<String>) = entries.into_iter().unzip();
            let class = Class {
                topic: topic.clone(),
                meaning: raw.meaning,
                values: if shape == "Pairs" { values } else { Vec::new() },
                shape,
                words,
            };
            assert!(
                classes.insert(name.clone(), class).is_none(),
                "class {name} is defined twice"
            );
        }
        disjoint.extend(file.disjoint);
    }
    for [a, b] in &disjoint {
        let (Some(x), Some(y)) = (classes.get(a), classes.get(b)) else {
            panic!("disjoint names {a} and {b}, which must both be classes");
        };
        if let Some(w) = x.words.iter().find(|w| y.words.binary_search(w).is_ok()) {
            panic!("{w} is in both {a} and {b}, which are declared disjoint");
        }
    }
    let mut rs = String::from(
        "// Generated by build.rs from data/lexicon/*.yaml: do not edit.\n\n\
         /// Every built-in class, by name.\npub(crate) static CLASSES: &[Builtin] = &[\n",
    );
    for (name, c) in &classes {
        let list = |items: &mut dyn Iterator<Item = String>| {
            let mut s = String::from("&[");
            for (i, w) in items.enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                write!(s, "{w:?}").unwrap();
            }
            s.push(']');
            s
        };
        let words = list(&mut c.words.iter().cloned());
        let values = list(&mut c.values.iter().cloned());
        let entries = list(&mut c.words.iter().map(|w| format!("{name}[{w}]")));
        writeln!(
            rs,
            "    Builtin {{ name: {name:?}, topic: {:?}, meaning: {:?}, shape: Shape::{}, \
             words: {words}, values: {values}, entries: {entries} }},",
            c.topic, c.meaning, c.shape
        )
        .unwrap();
    }
    rs.push_str("];\n\n/// The pairs of classes declared disjoint.\n");
    rs.push_str("pub(crate) static DISJOINT: &[[&str; 2]] = &[\n");
    for [a, b] in &disjoint {
        writeln!(rs, "    [{a:?}, {b:?}],").unwrap();
    }
    rs.push_str("];\n");
    std::fs::write(Path::new(&out).join("lexicon.rs"), rs).unwrap();

    // the catalogue: the JSON value of the YAML, as the runtime loader reads it
    let text = std::fs::read_to_string("data/indicators.yaml").unwrap();
    let value: serde_json::Value =
        serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("data/indicators.yaml: {e}"));
    std::fs::write(
        Path::new(&out).join("indicators.json"),
        serde_json::to_string(&value).unwrap(),
    )
    .unwrap();
}
