//! The indicator catalogue: one stable code for one indicator across every report, with its
//! names and variants. `data/indicators.yaml` is built in; a user catalogue adds indicators or
//! overrides them by code. Labels are matched through a folding that forgives the variants of
//! the wild (病患/患者, 服务率/率, 2型 or not, traditional characters, 0～6岁/0-6岁).

use std::sync::LazyLock;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::lexicon::class;
use crate::model::{Metric, MetricKind, Target};
use crate::rules::rule;

/// Which way an indicator improves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Higher is better (管理率).
    Higher,
    /// Lower is better (死亡率).
    Lower,
}

/// One indicator of the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Stable ASCII code, e.g. `HTN.STD`.
    pub code: String,
    /// The standard Chinese name.
    pub name: String,
    /// Other names seen in reports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub synonyms: Vec<String>,
    /// Populations that, with one of the `generic` labels, name this indicator.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub population: Vec<String>,
    /// Generic labels (健康管理率) that name it with one of its populations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub generic: Vec<String>,
    /// Unit: `%`, `‰`, `1/10万`, `张/千人`, a measure word; `""` for a ratio written without
    /// one (出生人口性别比 105∶100).
    pub unit: String,
    /// Other units its figures are written in, meaning the same (`家`, `所` for `个`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_units: Vec<String>,
    /// What a quotient is multiplied by to give the unit (100 for %).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor: Option<f64>,
    /// Code of the count indicator the rate is computed from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerator: Option<String>,
    /// Code of the count indicator it is computed over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<String>,
    /// Plausible range [min, max].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bounds: Option<[f64; 2]>,
    /// Which way is better.
    pub direction: Direction,
    /// The programme it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub programme: Option<String>,
    /// Where the definition comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    #[allow(dead_code)]
    anchors: Option<serde_json::Value>,
    indicators: Vec<Indicator>,
}

/// Why a catalogue cannot be used, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueError {
    /// What is wrong.
    pub message: String,
    /// 1-based line and column, when known.
    pub location: Option<(usize, usize)>,
}

/// Indicators with their names folded for matching.
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    indicators: Vec<Indicator>,
    /// Folded name → (indicator, the name as listed).
    by_name: FxHashMap<String, (usize, String)>,
    /// Folded generic label → (folded population, indicator) for each of its populations.
    by_population: FxHashMap<String, Vec<(String, usize)>>,
    /// The last character of every folded name: a label ending otherwise names nothing here,
    /// which [`Catalogue::lookup`] tells without folding it.
    endings: rustc_hash::FxHashSet<char>,
}

/// The JSON Schema of catalogues, as shipped in schema/.
pub const SCHEMA: &str = include_str!("../schema/indicators.schema.json");
/// The built-in catalogue, as shipped in data/.
pub const BUILTIN: &str = include_str!("../data/indicators.yaml");

/// The built-in catalogue as JSON: the value of data/indicators.yaml, made by build.rs, read
/// at start-up without the YAML parser or the schema (a test checks it against both).
const BUILTIN_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/indicators.json"));

static DEFAULT: LazyLock<Catalogue> = LazyLock::new(|| {
    let file: File =
        serde_json::from_str(BUILTIN_JSON).expect("data/indicators.yaml is a catalogue");
    Catalogue::new(file.indicators).expect("data/indicators.yaml is a valid catalogue")
});

/// Folds a name for matching: simplified and half-width characters, no spaces or quotes,
/// 0～6岁 as 0-6岁 (and 0至6岁, by `scan.range_words`), then the words of
/// `catalogue.fold_first` replaced (病患 and 患者 go), then those of `catalogue.fold_second`
/// (服务率 becomes 率, 2型 and 原发性 go).
pub fn fold(name: &str) -> String {
    let mut s: Vec<char> = Vec::with_capacity(name.len());
    s.extend(
        name.chars()
            .map(|c| crate::text::clean::simplified(crate::text::clean::normalize_char(c)))
            .filter(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '"' | '\'' | '《' | '》'))
            .map(|c| {
                if matches!(c, '～' | '~' | '—' | '–') {
                    '-'
                } else {
                    c
                }
            }),
    );
    // 0至6岁 → 0-6岁 (a replaced 至 is no digit, so the order of replacing does not matter)
    for i in 1..s.len().saturating_sub(1) {
        if class!("scan.range_words").has_char(s[i])
            && s[i - 1].is_ascii_digit()
            && s[i + 1].is_ascii_digit()
        {
            s[i] = '-';
        }
    }
    // two passes, as replacing one word after another would: first 病患 and 患者 go, then
    // 服务率 becomes 率 and 2型, 原发性 go
    rewrite(&mut s, class!("catalogue.fold_first"));
    rewrite(&mut s, class!("catalogue.fold_second"));
    let mut folded = String::with_capacity(s.len() * 3);
    folded.extend(s);
    folded
}

/// The last character of `fold(label)`, when it can be told from the label's end alone
/// (not when the label ends in a word of `catalogue.fold_first`, 患者 or 病患, which folding
/// removes, nor in a dash or a `scan.range_words` character, which it may rewrite).
fn folded_ending(label: &str) -> Option<char> {
    let first = class!("catalogue.fold_first");
    let longest = first
        .words()
        .iter()
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(0)
        .max(1);
    // the last characters, as folding sees them, in text order (on the stack when the
    // longest word is short, as the built-in ones are)
    let mut kept = ['\0'; 8];
    let mut longer = Vec::new();
    let mut n = 0;
    for c in label
        .chars()
        .rev()
        .map(|c| crate::text::clean::simplified(crate::text::clean::normalize_char(c)))
        .filter(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '"' | '\'' | '《' | '》'))
    {
        if n == longest {
            break;
        }
        if longest <= kept.len() {
            kept[n] = c;
        } else {
            longer.push(c);
        }
        n += 1;
    }
    let tail = if longest <= kept.len() {
        &mut kept[..n]
    } else {
        &mut longer[..]
    };
    tail.reverse();
    let tail: &[char] = tail;
    let &last = tail.last()?;
    if first.ending(tail).is_some()
        || matches!(last, '～' | '~' | '—' | '–')
        || class!("scan.range_words").has_char(last)
    {
        None
    } else {
        Some(last)
    }
}

/// One left-to-right pass replacing each word of `rules` (a class of pairs, word →
/// replacement) by its replacement, the longest word where several start at a place. In
/// place while no replacement is longer than its word (the text written never overtakes the
/// text read); a longer one, as a user lexicon may add, makes the pass write a copy.
fn rewrite(chars: &mut Vec<char>, rules: &'static crate::lexicon::Class) {
    let set = rules.starts();
    let mut read = 0;
    let mut out: Vec<char> = Vec::new();
    let mut in_place = true;
    let mut write = 0;
    while read < chars.len() {
        let found = set.longest_index_at(&chars[read..]);
        let Some(i) = found else {
            if in_place {
                chars[write] = chars[read];
                write += 1;
            } else {
                out.push(chars[read]);
            }
            read += 1;
            continue;
        };
        let word_len = rules.words()[i].chars().count();
        let by = rules.value_at(i);
        let by_len = by.chars().count();
        if in_place && write + by_len > read + word_len {
            in_place = false;
            out.extend_from_slice(&chars[..write]);
        }
        if in_place {
            for c in by.chars() {
                chars[write] = c;
                write += 1;
            }
        } else {
            out.extend(by.chars());
        }
        read += word_len;
    }
    if in_place {
        chars.truncate(write);
    } else {
        *chars = out;
    }
}

/// Whether a count is written before its noun (`对20所乡镇卫生院进行改造`, `建成3个社区卫生服务中心`):
/// the object of its clause's verb, how many were done something to, not how many there are,
/// so it is no count of the catalogue.
fn counts_an_object(m: &Metric) -> bool {
    m.kind == MetricKind::Count
        && m.because
            .iter()
            .any(|b| b == rule!("label.noun_after") || b == rule!("label.noun_after_de"))
}

impl Indicator {
    /// Whether a figure in `unit` is a figure of this indicator: its unit or one of its
    /// other units.
    pub fn measured_in(&self, unit: &str) -> bool {
        self.unit == unit || self.other_units.iter().any(|u| u == unit)
    }
}

impl Catalogue {
    /// The built-in catalogue (data/indicators.yaml).
    pub fn builtin() -> &'static Catalogue {
        &DEFAULT
    }

    /// Reads a catalogue from YAML, validated against its JSON Schema; every folded name must
    /// belong to one code only.
    pub fn from_yaml(text: &str) -> Result<Catalogue, CatalogueError> {
        let value: serde_json::Value = crate::yaml::from_str(text).map_err(|e| CatalogueError {
            message: e.message,
            location: e.location,
        })?;
        let schema: serde_json::Value =
            serde_json::from_str(SCHEMA).expect("schema/indicators.schema.json is JSON");
        let validator = jsonschema::validator_for(&schema).expect("a valid schema");
        if let Some(e) = validator.iter_errors(&value).next() {
            let pointer = e.instance_path().as_str().to_string();
            let location = crate::yaml::node_positions(text)
                .ok()
                .and_then(|p| p.into_iter().find(|(q, _)| *q == pointer))
                .map(|(_, n)| (n.line, n.column));
            return Err(CatalogueError {
                message: format!("{pointer}: {e}"),
                location,
            });
        }
        let file: File = serde_json::from_value(value).map_err(|e| CatalogueError {
            message: e.to_string(),
            location: None,
        })?;
        Catalogue::new(file.indicators)
    }

    /// A catalogue of these indicators; fails when a code or a folded name is used twice.
    pub fn new(indicators: Vec<Indicator>) -> Result<Catalogue, CatalogueError> {
        let mut c = Catalogue::default();
        let mut codes = FxHashMap::default();
        for (i, ind) in indicators.iter().enumerate() {
            if codes.insert(ind.code.clone(), i).is_some() {
                return Err(CatalogueError {
                    message: format!("code {} is used twice", ind.code),
                    location: None,
                });
            }
            for name in std::iter::once(&ind.name).chain(&ind.synonyms) {
                let key = fold(name);
                match c.by_name.get(&key) {
                    Some((j, other)) if *j != i => {
                        return Err(CatalogueError {
                            message: format!(
                                "{name} ({}) and {other} ({}) read as the same name",
                                ind.code, indicators[*j].code
                            ),
                            location: None,
                        });
                    }
                    Some(_) => {}
                    None => {
                        c.endings.extend(key.chars().last());
                        c.by_name.insert(key, (i, name.clone()));
                    }
                }
            }
            for g in &ind.generic {
                let g_key = fold(g);
                c.endings.extend(g_key.chars().last());
                for p in &ind.population {
                    let populations = c.by_population.entry(g_key.clone()).or_default();
                    let p_key = fold(p);
                    let known = populations
                        .iter()
                        .find(|(q, _)| *q == p_key)
                        .map(|&(_, j)| j);
                    if known.is_none() {
                        populations.push((p_key, i));
                    }
                    if let Some(j) = known
                        && j != i
                    {
                        return Err(CatalogueError {
                            message: format!(
                                "{g} for {p} names both {} and {}",
                                indicators[j].code, ind.code
                            ),
                            location: None,
                        });
                    }
                }
            }
        }
        // a count or a density is written without its 数 before its measure word
        // (医疗卫生机构2816个, 每千人口注册护士4.01人): a name ending in a word of
        // `catalogue.count_endings` is found without it too, where no name of its own reads so
        for (i, ind) in indicators.iter().enumerate() {
            for name in std::iter::once(&ind.name).chain(&ind.synonyms) {
                let key = fold(name);
                for ending in class!("catalogue.count_endings").words() {
                    if let Some(bare) = key.strip_suffix(ending)
                        && !bare.is_empty()
                        && !c.by_name.contains_key(bare)
                    {
                        c.endings.extend(bare.chars().last());
                        c.by_name.insert(bare.to_string(), (i, name.clone()));
                    }
                }
            }
        }
        for ind in &indicators {
            for code in [&ind.numerator, &ind.denominator].into_iter().flatten() {
                if !codes.contains_key(code) {
                    return Err(CatalogueError {
                        message: format!(
                            "{} names {code} as numerator or denominator, which the catalogue does not have",
                            ind.code
                        ),
                        location: None,
                    });
                }
            }
        }
        c.indicators = indicators;
        Ok(c)
    }

    /// The built-in catalogue with a user's catalogue file merged in.
    pub fn with_file(path: &std::path::Path) -> crate::Result<Catalogue> {
        let fail = |message: String, location: Option<(usize, usize)>| crate::Error::Catalogue {
            path: path.to_path_buf(),
            line: location.map(|l| l.0),
            column: location.map(|l| l.1),
            message,
        };
        let text = std::fs::read_to_string(path).map_err(|source| crate::Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let user = Catalogue::from_yaml(&text).map_err(|e| fail(e.message, e.location))?;
        Catalogue::builtin()
            .merged(&user)
            .map_err(|e| fail(e.message, e.location))
    }

    /// This catalogue with `other`'s indicators added, or replacing those of the same code.
    pub fn merged(&self, other: &Catalogue) -> Result<Catalogue, CatalogueError> {
        let mut all: Vec<Indicator> = self
            .indicators
            .iter()
            .filter(|i| !other.indicators.iter().any(|o| o.code == i.code))
            .cloned()
            .collect();
        all.extend(other.indicators.iter().cloned());
        Catalogue::new(all)
    }

    /// Every indicator, in catalogue order.
    pub fn indicators(&self) -> &[Indicator] {
        &self.indicators
    }

    /// The indicator of a code.
    pub fn get(&self, code: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.code == code)
    }

    /// The indicator a label names, with the catalogue name it matched: a generic label with
    /// its population first (健康管理率 of 65岁及以上老年人), then the label itself, then the
    /// population and the label together.
    pub fn lookup(&self, label: &str, population: Option<&str>) -> Option<(&Indicator, &str)> {
        // most labels name no indicator: their last character says so without folding
        if let Some(last) = folded_ending(label)
            && !self.endings.contains(&last)
        {
            return None;
        }
        let key = fold(label);
        if key.is_empty() {
            return None;
        }
        if let Some(p) = population
            && let Some(populations) = self.by_population.get(&key)
            && let p_key = fold(p)
            && let Some(&(_, i)) = populations.iter().find(|(q, _)| *q == p_key)
        {
            let ind = &self.indicators[i];
            return Some((ind, ind.name.as_str()));
        }
        let found = self
            .by_name
            .get(&key)
            .or_else(|| population.and_then(|p| self.by_name.get(&fold(&format!("{p}{label}")))))?;
        Some((&self.indicators[found.0], found.1.as_str()))
    }

    /// The indicator a label names with its subject (规范管理率 of 高血压, 床位 of 医院): a generic
    /// label with the subject as its population, or the two read together; never the label
    /// alone.
    pub fn lookup_with_subject(&self, label: &str, subject: &str) -> Option<(&Indicator, &str)> {
        let key = fold(label);
        if let Some(populations) = self.by_population.get(&key)
            && let p_key = fold(subject)
            && let Some(&(_, i)) = populations.iter().find(|(q, _)| *q == p_key)
        {
            let ind = &self.indicators[i];
            return Some((ind, ind.name.as_str()));
        }
        let (i, name) = self.by_name.get(&fold(&format!("{subject}{label}")))?;
        Some((&self.indicators[*i], name.as_str()))
    }

    /// Gives each metric (changes, and counts written before their noun, aside) whose label
    /// names an indicator of its unit that code
    /// and the name it matched (`indicator.catalogue`); a label that names none by itself is
    /// read with the subject its context gave it (`indicator.with_subject`: 规范管理率 of
    /// 高血压). Where it has a target, whether that was met follows the indicator's direction
    /// (`target.met_direction`), not its label.
    pub fn assign(&self, metrics: &mut [Metric]) {
        for m in metrics {
            if m.kind == MetricKind::Change || counts_an_object(m) {
                continue;
            }
            let of_unit = |(ind, _): &(&Indicator, &str)| ind.measured_in(&m.unit);
            // a count of what some institutions have is only theirs: 妇幼保健机构的床位
            let narrowed = m.kind == MetricKind::Count && m.subject.is_some();
            let own = if narrowed {
                None
            } else {
                self.lookup(&m.label, m.population.as_deref())
                    .filter(of_unit)
            };
            let with_subject = || {
                let subject = m.subject.as_deref()?;
                self.lookup_with_subject(&m.label, subject).filter(of_unit)
            };
            let (found, rule) = match own {
                Some(f) => (f, rule!("indicator.catalogue")),
                None => match with_subject() {
                    Some(f) => (f, rule!("indicator.with_subject")),
                    None => continue,
                },
            };
            let (ind, matched) = found;
            m.indicator = Some(ind.code.clone());
            m.indicator_match = Some(matched.to_string());
            m.because.push(rule.into());
            let lower = ind.direction == Direction::Lower;
            if let Some(t) = &mut m.target
                && !Target::is_ceiling(t.qualifier)
            {
                t.met = Target::meets(m.value, t.value, t.qualifier, lower);
                // the catalogue's direction replaces what the label said
                let fallback = rule!("target.met_label_fallback");
                if let Some(at) = m.because.iter().position(|b| b == fallback) {
                    let words = class!("model.lower_is_better").name();
                    let n = 1 + m.because[at + 1..]
                        .iter()
                        .take_while(|b| b.strip_prefix(words).is_some_and(|r| r.starts_with('[')))
                        .count();
                    m.because.drain(at..at + n);
                }
                m.because.push(rule!("target.met_direction").into());
            }
        }
    }

    /// Whether a rate of `value` may lie beyond its full scale `full` (above 100%, below zero)
    /// as a completion or growth rate can: by the bounds of its indicator where this catalogue
    /// gives them, otherwise by its label (`model.may_exceed_100`).
    pub fn may_exceed_full_scale(
        &self,
        indicator: Option<&str>,
        label: &str,
        value: f64,
        full: f64,
    ) -> bool {
        match indicator.and_then(|code| self.get(code)?.bounds) {
            Some([low, _]) if value < 0.0 => low < 0.0,
            Some([_, high]) => high > full,
            None => crate::model::may_exceed_100(label),
        }
    }

    /// Whether a metric meets its target: in the direction of its indicator when this
    /// catalogue knows it (a ceiling is met from below whatever the direction), otherwise as
    /// its label says ([`Target::is_met`]).
    pub fn met(&self, indicator: Option<&str>, label: &str, value: f64, target: &Target) -> bool {
        match indicator.and_then(|code| self.get(code)) {
            Some(ind) => Target::meets(
                value,
                target.value,
                target.qualifier,
                ind.direction == Direction::Lower,
            ),
            None => Target::is_met(value, target.value, target.qualifier, label),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_catalogue_loads_with_a_hundred_or_more_indicators() {
        assert!(Catalogue::builtin().indicators().len() >= 100);
    }

    #[test]
    fn the_builtin_catalogue_is_the_yaml_file_validated() {
        let read = Catalogue::from_yaml(BUILTIN).unwrap();
        assert_eq!(Catalogue::builtin().indicators(), read.indicators());
    }

    #[test]
    fn variants_fold_together() {
        let c = Catalogue::builtin();
        for (label, population, code) in [
            ("高血压病患规范管理服务率", None, "HTN.STD"),
            ("高血压患者规范管理率", None, "HTN.STD"),
            ("高血壓患者規範管理率", None, "HTN.STD"),
            ("糖尿病患者规范管理率", None, "DM.STD"),
            ("0～6岁儿童健康管理率", None, "CH.HM"),
            ("健康管理率", Some("65岁及以上老年人"), "ELD.HM"),
            ("健康管理率", Some("0-6岁儿童"), "CH.HM"),
            ("家庭医生签约率", None, "FDS.SIGN"),
            ("签约率", Some("重点人群"), "FDS.KEY"),
            ("规范管理率", Some("高血压患者"), "HTN.STD"),
            ("管理率", Some("结核病"), "TB.MGT"),
            ("全人口孕产妇死亡率", None, "MCH.MMR"),
            ("户籍孕产妇死亡率", None, "MCH.MMR"),
            ("卫生机构", None, "RES.INST"),
            ("新农合参合率", None, "INS.NCMS"),
            ("每千人口注册护士", None, "RES.NURSES"),
            ("常住人口出生率", None, "POP.BR"),
        ] {
            assert_eq!(
                c.lookup(label, population).map(|(i, _)| i.code.as_str()),
                Some(code),
                "{label}"
            );
        }
        // generic labels name no indicator without their population
        assert_eq!(c.lookup("签约率", None), None);
        assert_eq!(c.lookup("规范管理率", None), None);
        assert_eq!(c.lookup("健康管理率", None), None);
    }

    #[test]
    fn every_name_and_synonym_maps_to_its_own_code() {
        let c = Catalogue::builtin();
        for ind in c.indicators() {
            for name in std::iter::once(&ind.name).chain(&ind.synonyms) {
                let found = c.lookup(name, None).map(|(i, _)| i.code.as_str());
                assert_eq!(found, Some(ind.code.as_str()), "{name}");
            }
            for g in &ind.generic {
                for p in &ind.population {
                    let found = c.lookup(g, Some(p)).map(|(i, _)| i.code.as_str());
                    assert_eq!(found, Some(ind.code.as_str()), "{g} of {p}");
                }
            }
        }
    }

    #[test]
    fn a_catalogue_with_clashing_names_is_refused() {
        let e = Catalogue::from_yaml(
            "indicators:\n  - {code: A.B, name: 管理率, unit: '%', direction: higher}\n  - {code: C.D, name: 管理率, unit: '%', direction: higher}\n",
        )
        .unwrap_err();
        assert!(e.message.contains("same name"), "{e:?}");
        let e = Catalogue::from_yaml(
            "indicators:\n  - {code: ab, name: x, unit: '%', direction: up}\n",
        )
        .unwrap_err();
        assert!(e.location.is_some(), "{e:?}");
    }
}
