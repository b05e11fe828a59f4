//! The lexicon: the words of the language of health reports that the rules read, as data.
//!
//! Every word class a stage uses (change verbs, qualifiers, target cues, measure words, label
//! cut words, name endings, boilerplate lines, …) is a class of `data/lexicon/*.yaml`, with its
//! meaning and example sentences, validated against `schema/lexicon.schema.json`. The files
//! are built in: build.rs reads them at build time into static tables (`$OUT_DIR/lexicon.rs`),
//! so that no process parses YAML to get its words; the example sentences are read from the
//! YAML only when asked for. A user lexicon (`--lexicon FILE`) adds words to the classes it
//! names and is installed before any conversion.
//!
//! Code names a class with [`class!`](crate::lexicon::class), which looks it up once:
//!
//! ```
//! let up = weijian::lexicon::get().class("change.up").unwrap();
//! assert!(up.has("增长"));
//! ```

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::textkit::{CharSet, WordSet};

/// The JSON Schema of lexicon files, as shipped in schema/.
pub const SCHEMA: &str = include_str!("../schema/lexicon.schema.json");

/// The built-in lexicon files, by name, as shipped in data/lexicon/. The first part of every
/// class name is the file's name (`change.up` is in `change.yaml`).
pub const BUILTIN: &[(&str, &str)] = &[
    ("catalogue", include_str!("../data/lexicon/catalogue.yaml")),
    ("change", include_str!("../data/lexicon/change.yaml")),
    ("check", include_str!("../data/lexicon/check.yaml")),
    ("clean", include_str!("../data/lexicon/clean.yaml")),
    ("extract", include_str!("../data/lexicon/extract.yaml")),
    ("ingest", include_str!("../data/lexicon/ingest.yaml")),
    ("label", include_str!("../data/lexicon/label.yaml")),
    ("meta", include_str!("../data/lexicon/meta.yaml")),
    ("model", include_str!("../data/lexicon/model.yaml")),
    ("name", include_str!("../data/lexicon/name.yaml")),
    ("number", include_str!("../data/lexicon/number.yaml")),
    ("scan", include_str!("../data/lexicon/scan.yaml")),
    ("structure", include_str!("../data/lexicon/structure.yaml")),
    ("table", include_str!("../data/lexicon/table.yaml")),
    ("target", include_str!("../data/lexicon/target.yaml")),
    ("unit", include_str!("../data/lexicon/unit.yaml")),
];

/// A sentence that shows a class at work, with what weijian must make of it (checked by a
/// test that converts it).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// A short report text.
    pub text: String,
    /// A metric the text must give.
    #[serde(default)]
    pub metric: Option<ExpectedMetric>,
    /// A metric the text must not give.
    #[serde(default)]
    pub no_metric: Option<ExpectedMetric>,
    /// How many metrics the text gives.
    #[serde(default)]
    pub metrics: Option<usize>,
    /// A body the text names.
    #[serde(default)]
    pub body: Option<String>,
    /// A programme the text names.
    #[serde(default)]
    pub programme: Option<String>,
    /// The title of a heading the text has.
    #[serde(default)]
    pub heading: Option<String>,
    /// A line that is no heading.
    #[serde(default)]
    pub no_heading: Option<String>,
    /// Characters that cleaning removes.
    #[serde(default)]
    pub absent: Option<String>,
    /// Report metadata the text gives.
    #[serde(default)]
    pub report: Option<BTreeMap<String, String>>,
}

/// The fields a metric of an [`Example`] must have (those stated).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedMetric {
    /// The value.
    pub value: Option<f64>,
    /// The unit.
    pub unit: Option<String>,
    /// The kind (`count`, `rate`, `change`, …).
    pub kind: Option<String>,
    /// `actual` or `target`.
    pub role: Option<String>,
    /// A part of the label.
    pub label: Option<String>,
    /// The qualifier (`about`, `over`, …).
    pub qualifier: Option<String>,
    /// The surface form.
    pub as_written: Option<String>,
    /// The value of the attached target.
    pub target: Option<f64>,
    /// Whether the target was met.
    pub met: Option<bool>,
    /// A provenance entry.
    pub because: Option<String>,
}

/// A built-in class as build.rs writes it.
pub(crate) struct Builtin {
    name: &'static str,
    topic: &'static str,
    meaning: &'static str,
    shape: Shape,
    words: &'static [&'static str],
    values: &'static [&'static str],
    entries: &'static [&'static str],
}

mod generated {
    use super::{Builtin, Shape};
    include!(concat!(env!("OUT_DIR"), "/lexicon.rs"));
}

#[derive(Deserialize)]
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
    examples: Vec<Example>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    classes: BTreeMap<String, RawClass>,
    #[serde(default)]
    disjoint: Vec<[String; 2]>,
}

/// What a class holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Words.
    Words,
    /// Single characters.
    Chars,
    /// Words each with a value.
    Pairs,
}

/// One word class: its words (or characters, or word–value pairs), its meaning, its examples,
/// and the matchers built from it at first use.
///
/// The words of a built-in class are static; those a user file adds are kept for the life of
/// the process (a lexicon in use is never dropped), so that every class hands out
/// `&'static str` alike.
#[derive(Debug)]
pub struct Class {
    name: &'static str,
    meaning: &'static str,
    shape: Shape,
    /// The words (for a class of pairs, the first of each pair), sorted, without repeats.
    words: &'static [&'static str],
    /// The values of a class of pairs, in the order of `words`.
    values: &'static [&'static str],
    /// `name[word]` for each word, in the order of `words`: the provenance entries.
    entries: &'static [&'static str],
    /// The file the class comes from (`change`).
    origin: &'static str,
    /// Whether the class's examples are in its built-in file (read from the YAML when asked).
    builtin_examples: bool,
    /// Examples given with the class outside the built-in files (a user file, or a lexicon
    /// read from YAML), until [`Class::examples`] puts them all together.
    added_examples: Vec<Example>,
    examples: OnceLock<Vec<Example>>,
    starts: OnceLock<WordSet>,
    ends: OnceLock<WordSet>,
    char_set: OnceLock<CharSet>,
    /// The place of each word, for a class of more than [`SEARCHED`] words.
    places: OnceLock<rustc_hash::FxHashMap<&'static str, usize>>,
}

/// Up to how many words a class finds a word in by binary search (above, by hashing it).
const SEARCHED: usize = 8;

/// Keeps strings for the life of the process, as `&'static str`.
fn keep(strings: Vec<String>) -> &'static [&'static str] {
    let kept: Vec<&'static str> = strings
        .into_iter()
        .map(|s| &*Box::leak(s.into_boxed_str()))
        .collect();
    Box::leak(kept.into_boxed_slice())
}

/// The provenance entries `name[word]` of the words of a class.
fn entries_of(name: &str, words: &[&str]) -> &'static [&'static str] {
    keep(words.iter().map(|w| format!("{name}[{w}]")).collect())
}

/// The example sentences of every built-in class, read from the YAML files once, when first
/// asked for (only the tests and `weijian lexicon` read them).
fn builtin_examples(name: &str) -> Vec<Example> {
    static ALL: OnceLock<BTreeMap<String, Vec<Example>>> = OnceLock::new();
    let all = ALL.get_or_init(|| {
        let mut all = BTreeMap::new();
        for (file, text) in BUILTIN {
            let raw = parse(text, false)
                .unwrap_or_else(|e| panic!("data/lexicon/{file}.yaml: {}", e.message));
            for (class, raw) in raw.classes {
                all.insert(class, raw.examples);
            }
        }
        all
    });
    all.get(name).cloned().unwrap_or_default()
}

impl Class {
    /// The class name, `topic.class`.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// What the words mean to the rules.
    pub fn meaning(&self) -> &'static str {
        self.meaning
    }

    /// Words, characters or pairs.
    pub fn shape(&self) -> Shape {
        self.shape
    }

    /// The example sentences (those of the built-in file, read from it at the first call,
    /// then those a user file added).
    pub fn examples(&self) -> &[Example] {
        self.examples.get_or_init(|| {
            let mut all = if self.builtin_examples {
                builtin_examples(self.name)
            } else {
                Vec::new()
            };
            all.extend(self.added_examples.iter().cloned());
            all
        })
    }

    /// The file the class was read from.
    pub fn origin(&self) -> &'static str {
        self.origin
    }

    /// The words, sorted (for a class of characters, each character as a word).
    pub fn words(&self) -> &'static [&'static str] {
        self.words
    }

    /// Whether `word` is one of the words (refused without a search when no word starts with
    /// its first character).
    pub fn has(&self, word: &str) -> bool {
        word.chars()
            .next()
            .is_some_and(|c| self.chars().contains(c))
            && self.position(word).is_some()
    }

    fn position(&self, word: &str) -> Option<usize> {
        if self.words.len() <= SEARCHED {
            return self.words.binary_search(&word).ok();
        }
        let places = self.places.get_or_init(|| {
            self.words
                .iter()
                .enumerate()
                .map(|(i, &w)| (w, i))
                .collect()
        });
        places.get(word).copied()
    }

    /// The value paired with `word`, for a class of pairs.
    pub fn value_of(&self, word: &str) -> Option<&'static str> {
        self.position(word)
            .and_then(|i| self.values.get(i))
            .copied()
    }

    /// The value of the `i`-th word (as [`Class::words`] lists them), for a class of pairs.
    pub fn value_at(&self, i: usize) -> &'static str {
        self.values[i]
    }

    /// The words matched at the start of a text, longest first.
    pub fn starts(&'static self) -> &'static WordSet {
        self.starts.get_or_init(|| WordSet::new(self.words()))
    }

    /// The words matched at the end of a text, longest first.
    pub fn ends(&'static self) -> &'static WordSet {
        self.ends.get_or_init(|| WordSet::endings(self.words()))
    }

    /// The characters of a class of characters (or the first characters of a class of words).
    pub fn chars(&self) -> &CharSet {
        self.char_set
            .get_or_init(|| CharSet::new(self.words.iter().filter_map(|w| w.chars().next())))
    }

    /// Whether `c` is a character of the class.
    #[inline]
    pub fn has_char(&self, c: char) -> bool {
        self.chars().contains(c)
    }

    /// The longest word `chars` starts with.
    #[inline]
    pub fn at(&'static self, chars: &[char]) -> Option<&'static str> {
        self.starts().longest_at(chars)
    }

    /// The longest word `chars` ends with.
    #[inline]
    pub fn ending(&'static self, chars: &[char]) -> Option<&'static str> {
        self.ends().longest_ending(chars)
    }

    /// Whether any word of the class occurs in the short text `label`.
    pub fn in_text(&'static self, label: &str) -> bool {
        self.found_in(label).is_some()
    }

    /// The first word of the class (in the order of the words) found at the first place in
    /// the short text `label` where any occurs: what fired, for provenance. Only the places
    /// holding the first character of a word are tried.
    pub fn found_in(&'static self, label: &str) -> Option<&'static str> {
        let first = self.chars();
        label.char_indices().find_map(|(at, c)| {
            if !first.contains(c) {
                return None;
            }
            let rest = &label[at..];
            self.words().iter().copied().find(|w| rest.starts_with(w))
        })
    }

    /// Whether `text` ends with one of the words (refused at once when no word ends in its
    /// last character).
    pub fn ends_str(&'static self, text: &str) -> bool {
        text.chars()
            .next_back()
            .is_some_and(|c| self.ends().has_key(c))
            && self.words().iter().any(|w| text.ends_with(w))
    }

    /// Whether `text` starts with one of the words (refused at once when no word starts with
    /// its first character).
    pub fn starts_str(&'static self, text: &str) -> bool {
        text.chars()
            .next()
            .is_some_and(|c| self.chars().contains(c))
            && self.words().iter().any(|w| text.starts_with(w))
    }

    /// The provenance entry of a word of this class having fired: `change.up[增长]`. Made
    /// once per word (by build.rs for the built-in words), so recording one costs no
    /// allocation.
    pub fn fired(&self, word: &str) -> std::borrow::Cow<'static, str> {
        match self.position(word) {
            Some(i) => std::borrow::Cow::Borrowed(self.entries[i]),
            None => std::borrow::Cow::Owned(format!("{}[{word}]", self.name)),
        }
    }
}

/// Why a lexicon file cannot be used, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    /// What is wrong.
    pub message: String,
    /// 1-based line and column, when known.
    pub location: Option<(usize, usize)>,
}

impl std::fmt::Display for LexiconError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.location {
            Some((l, c)) => write!(f, "{l}:{c}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Every word class, by name, and the pairs of classes declared disjoint.
#[derive(Debug, Default)]
pub struct Lexicon {
    classes: BTreeMap<&'static str, Class>,
    disjoint: Vec<[String; 2]>,
}

static GLOBAL: OnceLock<Lexicon> = OnceLock::new();

/// The lexicon in use: the built-in one, or the one [`install`]ed before the first use.
pub fn get() -> &'static Lexicon {
    GLOBAL.get_or_init(|| Lexicon::builtin().expect("data/lexicon/ is a valid lexicon"))
}

/// Makes `lexicon` the one in use. Fails, giving it back, when a lexicon is in use already
/// (a class was read before): install it before the first conversion.
pub fn install(lexicon: Lexicon) -> Result<(), Lexicon> {
    GLOBAL.set(lexicon)
}

/// The class of that name in the lexicon in use. A name that is no class is a bug of the
/// caller: a test checks that every class the code names exists.
pub fn class_named(name: &str) -> &'static Class {
    get()
        .class(name)
        .unwrap_or_else(|| panic!("the lexicon has no class {name} (data/lexicon/)"))
}

/// The class of that name, looked up once per call site: `class!("change.up")`.
#[doc(hidden)]
#[macro_export]
macro_rules! class {
    ($name:literal) => {{
        static CLASS: std::sync::LazyLock<&'static $crate::lexicon::Class> =
            std::sync::LazyLock::new(|| $crate::lexicon::class_named($name));
        *CLASS
    }};
}
#[doc(hidden)]
pub use class;

impl Lexicon {
    /// The built-in lexicon (data/lexicon/), from the tables build.rs made of it: no YAML is
    /// read. (It cannot fail: build.rs refuses a lexicon that breaks a rule; the `Result` is
    /// that of [`Lexicon::from_builtin_yaml`].)
    pub fn builtin() -> Result<Lexicon, LexiconError> {
        let classes = generated::CLASSES
            .iter()
            .map(|b| {
                let class = Class {
                    name: b.name,
                    meaning: b.meaning,
                    shape: b.shape,
                    words: b.words,
                    values: b.values,
                    entries: b.entries,
                    origin: b.topic,
                    builtin_examples: true,
                    added_examples: Vec::new(),
                    examples: OnceLock::new(),
                    starts: OnceLock::new(),
                    ends: OnceLock::new(),
                    char_set: OnceLock::new(),
                    places: OnceLock::new(),
                };
                (b.name, class)
            })
            .collect();
        let disjoint = generated::DISJOINT
            .iter()
            .map(|[a, b]| [a.to_string(), b.to_string()])
            .collect();
        Ok(Lexicon { classes, disjoint })
    }

    /// The built-in lexicon read from its YAML files at run time, as the tables of
    /// [`Lexicon::builtin`] were made at build time (a test checks that the two agree).
    #[doc(hidden)]
    pub fn from_builtin_yaml() -> Result<Lexicon, LexiconError> {
        let mut lexicon = Lexicon::default();
        for (name, text) in BUILTIN {
            let file = parse(text, false).map_err(|e| LexiconError {
                message: format!("data/lexicon/{name}.yaml: {}", e.message),
                location: e.location,
            })?;
            lexicon.add_file(file, name, true)?;
        }
        lexicon.check_disjoint()?;
        Ok(lexicon)
    }

    /// The built-in lexicon with the words of a user's lexicon file added to its classes.
    pub fn with_file(path: &std::path::Path) -> crate::Result<Lexicon> {
        let fail = |e: LexiconError| crate::Error::Lexicon {
            path: path.to_path_buf(),
            line: e.location.map(|l| l.0),
            column: e.location.map(|l| l.1),
            message: e.message,
        };
        let text = std::fs::read_to_string(path).map_err(|source| crate::Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let mut lexicon = Lexicon::builtin().map_err(fail)?;
        lexicon
            .extend_from_yaml(&text, &path.display().to_string())
            .map_err(fail)?;
        Ok(lexicon)
    }

    /// Adds the words of a user lexicon (YAML text) to the classes it names; `origin` names
    /// it in messages. Every class must exist; the declared-disjoint classes stay disjoint.
    pub fn extend_from_yaml(&mut self, text: &str, origin: &str) -> Result<(), LexiconError> {
        let file = parse(text, true)?;
        let positions = crate::yaml::node_positions(text).unwrap_or_default();
        let at = |pointer: &str| {
            positions
                .iter()
                .find(|(p, _)| p == pointer)
                .map(|(_, n)| n.key.map_or((n.line, n.column), |(l, c, _)| (l, c)))
        };
        for name in file.classes.keys() {
            if !self.classes.contains_key(name.as_str()) {
                let hint = crate::textkit::closest(name, self.classes.keys().copied())
                    .map(|c| format!(" (did you mean {c}?)"))
                    .unwrap_or_default();
                return Err(LexiconError {
                    message: format!(
                        "there is no class {name} to add words to{hint}; `weijian lexicon` lists the classes"
                    ),
                    location: at(&format!("/classes/{}", escape_pointer(name))),
                });
            }
        }
        for [a, b] in &file.disjoint {
            for n in [a, b] {
                if !self.classes.contains_key(n.as_str()) {
                    return Err(LexiconError {
                        message: format!("disjoint names {n}, which is no class"),
                        location: at("/disjoint"),
                    });
                }
            }
        }
        self.add_file(file, origin, false)?;
        self.check_disjoint().map_err(|mut e| {
            e.message.push_str(&format!(" (after adding {origin})"));
            e
        })
    }

    fn add_file(&mut self, file: RawFile, origin: &str, builtin: bool) -> Result<(), LexiconError> {
        for (name, raw) in file.classes {
            if builtin && !name.starts_with(&format!("{origin}.")) {
                return Err(LexiconError {
                    message: format!("class {name} belongs in data/lexicon/{}.yaml", topic(&name)),
                    location: None,
                });
            }
            let shape = match (&raw.words, &raw.chars, &raw.pairs) {
                (_, None, None) => Shape::Words,
                (None, Some(_), None) => Shape::Chars,
                (None, None, Some(_)) => Shape::Pairs,
                _ => {
                    return Err(LexiconError {
                        message: format!("class {name} has more than one of words, chars, pairs"),
                        location: None,
                    });
                }
            };
            let mut entries: Vec<(String, String)> = match shape {
                Shape::Words => raw
                    .words
                    .unwrap_or_default()
                    .into_iter()
                    .map(|w| (w, String::new()))
                    .collect(),
                Shape::Chars => raw
                    .chars
                    .unwrap_or_default()
                    .chars()
                    .map(|c| (c.to_string(), String::new()))
                    .collect(),
                Shape::Pairs => raw
                    .pairs
                    .unwrap_or_default()
                    .into_iter()
                    .map(|[w, v]| (w, v))
                    .collect(),
            };
            match self.classes.get_mut(name.as_str()) {
                Some(class) if !builtin => {
                    if class.shape != shape {
                        return Err(LexiconError {
                            message: format!("class {name} holds {:?}, not {shape:?}", class.shape),
                            location: None,
                        });
                    }
                    let values = class
                        .values
                        .iter()
                        .map(|v| v.to_string())
                        .chain(std::iter::repeat(String::new()));
                    entries.extend(class.words.iter().map(|w| w.to_string()).zip(values));
                    entries.sort();
                    entries.dedup_by(|a, b| a.0 == b.0);
                    let (words, values): (Vec<String>, Vec<String>) = entries.into_iter().unzip();
                    class.words = keep(words);
                    class.values = if shape == Shape::Pairs {
                        keep(values)
                    } else {
                        &[]
                    };
                    class.entries = entries_of(class.name, class.words);
                    match class.examples.get_mut() {
                        Some(all) => all.extend(raw.examples),
                        None => class.added_examples.extend(raw.examples),
                    }
                    // what was made of the words before goes with them
                    class.starts = OnceLock::new();
                    class.ends = OnceLock::new();
                    class.char_set = OnceLock::new();
                    class.places = OnceLock::new();
                }
                Some(_) => {
                    return Err(LexiconError {
                        message: format!("class {name} is defined twice"),
                        location: None,
                    });
                }
                None => {
                    entries.sort();
                    entries.dedup_by(|a, b| a.0 == b.0);
                    let (words, values): (Vec<String>, Vec<String>) = entries.into_iter().unzip();
                    let name: &'static str = Box::leak(name.into_boxed_str());
                    let words = keep(words);
                    self.classes.insert(
                        name,
                        Class {
                            name,
                            meaning: Box::leak(raw.meaning.into_boxed_str()),
                            shape,
                            words,
                            values: if shape == Shape::Pairs {
                                keep(values)
                            } else {
                                &[]
                            },
                            entries: entries_of(name, words),
                            origin: Box::leak(origin.to_string().into_boxed_str()),
                            builtin_examples: false,
                            added_examples: raw.examples,
                            examples: OnceLock::new(),
                            starts: OnceLock::new(),
                            ends: OnceLock::new(),
                            char_set: OnceLock::new(),
                            places: OnceLock::new(),
                        },
                    );
                }
            }
        }
        self.disjoint.extend(file.disjoint);
        Ok(())
    }

    /// Fails when two classes declared disjoint share a word.
    fn check_disjoint(&self) -> Result<(), LexiconError> {
        for [a, b] in &self.disjoint {
            let (Some(x), Some(y)) = (self.classes.get(a.as_str()), self.classes.get(b.as_str()))
            else {
                return Err(LexiconError {
                    message: format!("disjoint names {a} and {b}, which must both be classes"),
                    location: None,
                });
            };
            if let Some(w) = x.words.iter().find(|w| y.has(w)) {
                return Err(LexiconError {
                    message: format!("{w} is in both {a} and {b}, which are declared disjoint"),
                    location: None,
                });
            }
        }
        Ok(())
    }

    /// The class of that name.
    pub fn class(&self, name: &str) -> Option<&Class> {
        self.classes.get(name)
    }

    /// Every class, by name.
    pub fn classes(&self) -> impl Iterator<Item = &Class> {
        self.classes.values()
    }

    /// The pairs of classes declared disjoint.
    pub fn disjoint(&self) -> &[[String; 2]] {
        &self.disjoint
    }
}

/// The topic of a class name: the part before its first dot.
fn topic(name: &str) -> &str {
    name.split('.').next().unwrap_or(name)
}

fn escape_pointer(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

/// Parses one lexicon file; a user file (`validate`) is checked against the JSON Schema, with
/// the place of the first problem.
fn parse(text: &str, validate: bool) -> Result<RawFile, LexiconError> {
    if !validate {
        return crate::yaml::from_str(text).map_err(|e| LexiconError {
            message: e.message,
            location: e.location,
        });
    }
    let value: serde_json::Value = crate::yaml::from_str(text).map_err(|e| LexiconError {
        message: e.message,
        location: e.location,
    })?;
    let schema: serde_json::Value =
        serde_json::from_str(SCHEMA).expect("schema/lexicon.schema.json is JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    if let Some(e) = validator.iter_errors(&value).next() {
        let pointer = e.instance_path().as_str().to_string();
        let location = crate::yaml::node_positions(text)
            .ok()
            .and_then(|p| p.into_iter().find(|(q, _)| *q == pointer))
            .map(|(_, n)| (n.line, n.column));
        let place = if pointer.is_empty() {
            "the file".to_string()
        } else {
            pointer
        };
        return Err(LexiconError {
            message: format!("{place}: {e}"),
            location,
        });
    }
    serde_json::from_value(value).map_err(|e| LexiconError {
        message: e.to_string(),
        location: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generated_tables_are_the_yaml_files() {
        let built = Lexicon::builtin().unwrap();
        let read = Lexicon::from_builtin_yaml().unwrap();
        let names = |l: &Lexicon| l.classes().map(Class::name).collect::<Vec<_>>();
        assert_eq!(names(&built), names(&read));
        for (a, b) in built.classes().zip(read.classes()) {
            assert_eq!(a.meaning(), b.meaning(), "{}", a.name());
            assert_eq!(a.shape(), b.shape(), "{}", a.name());
            assert_eq!(a.words(), b.words(), "{}", a.name());
            assert_eq!(a.values, b.values, "{}", a.name());
            assert_eq!(a.entries, b.entries, "{}", a.name());
            assert_eq!(a.origin(), b.origin(), "{}", a.name());
            assert_eq!(a.examples(), b.examples(), "{}", a.name());
        }
        assert_eq!(built.disjoint(), read.disjoint());
    }

    #[test]
    fn a_word_is_found_anywhere_in_a_label_and_named() {
        let lower = class!("model.lower_is_better");
        assert_eq!(lower.found_in("孕产妇死亡率"), Some("死亡率"));
        assert!(lower.in_text("全县孕产妇死亡率"));
        assert!(!lower.in_text("孕产妇系统管理率"));
        assert!(!lower.in_text(""));
        assert!(class!("unit.money").has("元"));
        assert!(!class!("unit.money").has("万元"));
        assert!(!class!("unit.money").has(""));
    }

    #[test]
    fn a_user_file_adds_words_to_a_class() {
        let mut lex = Lexicon::builtin().unwrap();
        lex.extend_from_yaml("classes:\n  change.up:\n    words: [攀升]\n", "mine.yaml")
            .unwrap();
        assert!(lex.class("change.up").unwrap().has("攀升"));
        assert!(lex.class("change.up").unwrap().has("增长"));
    }

    #[test]
    fn a_user_file_naming_no_class_is_refused_at_its_place() {
        let mut lex = Lexicon::builtin().unwrap();
        let e = lex
            .extend_from_yaml("classes:\n  change.upp:\n    words: [攀升]\n", "mine.yaml")
            .unwrap_err();
        assert!(e.message.contains("did you mean change.up?"), "{e}");
        assert_eq!(e.location, Some((2, 3)));
        let e = lex
            .extend_from_yaml("classes:\n  change.up:\n    word: [攀升]\n", "mine.yaml")
            .unwrap_err();
        assert!(e.message.contains("/classes/change.up"), "{e}");
        assert_eq!(e.location.map(|l| l.0), Some(3));
    }

    #[test]
    fn a_user_word_in_two_disjoint_classes_is_refused() {
        let mut lex = Lexicon::builtin().unwrap();
        let e = lex
            .extend_from_yaml("classes:\n  change.down:\n    words: [增长]\n", "mine.yaml")
            .unwrap_err();
        assert!(e.message.contains("增长 is in both"), "{e}");
    }
}
