//! Extraction: numbers to metrics. [`scan`] finds the numbers and their units; this module
//! gives each its label, kind, role, attached target and population.
//!
//! Rules are grouped by what they decide (numbers and measure words are read by
//! [`crate::reading`]): [`scan`] says what is a fact, [`label`] names it, [`targets`] finds what it is held
//! against, and [`names`] finds the bodies and programmes a report speaks of.

pub mod columns;
pub mod label;
pub mod names;
pub mod scan;
pub mod subject;
pub mod table;
pub mod targets;

use crate::lexicon::class;
use crate::model::{Because, Metric, MetricKind, Role, SectionRole, Target};
use crate::rules::rule;
use crate::structure::Structure;
use crate::text::Cleaned;
use crate::textkit::{self, is_han};
use scan::Quantity;

/// Characters that end a sentence.
pub fn sentence_break(c: char) -> bool {
    matches!(c, '。' | ';' | '!' | '?' | '\n' | '；')
}

/// The sentence breaks of a text, for finding the sentence around a position in log time.
pub struct Sentences {
    breaks: Vec<usize>,
    len: usize,
}

impl Sentences {
    /// Indexes the sentence breaks of `t`.
    pub fn new(t: &[char]) -> Self {
        let breaks = t
            .iter()
            .enumerate()
            .filter(|(_, c)| sentence_break(**c))
            .map(|(i, _)| i)
            .collect();
        Sentences {
            breaks,
            len: t.len(),
        }
    }

    /// The sentence (start, end) around position `at`: from after the previous sentence
    /// break to the next one.
    pub fn around(&self, at: usize) -> (usize, usize) {
        let k = self.breaks.partition_point(|&b| b < at);
        let start = k.checked_sub(1).map_or(0, |p| self.breaks[p] + 1);
        let end = self.breaks.get(k).copied().unwrap_or(self.len);
        (start, end)
    }
}

/// A change verb right before a figure: its sign, where the verb stands (with any `了`
/// after it) and the lexicon entry that fired.
struct ChangeVerb {
    sign: f64,
    start: usize,
    end: usize,
    fired: Because,
}

/// The change verb stated right before `start` (`增长29.20%` +1, `下降1.2%` −1). A qualifier
/// may stand between them: `提高近5%`, `下降约3%`.
fn change_verb(t: &[char], start: usize) -> Option<ChangeVerb> {
    let mut end = start - scan::qualifier_word_before(t, start).map_or(0, |(_, n)| n);
    let verb_end = end;
    if end > 0 && perfective(t[end - 1]) {
        end -= 1;
    }
    let before = &t[..end];
    let (sign, class) = [(1.0, class!("change.up")), (-1.0, class!("change.down"))]
        .into_iter()
        .find(|(_, class)| class.ending(before).is_some())?;
    let w = class.ending(before)?;
    Some(ChangeVerb {
        sign,
        start: end - w.chars().count(),
        end: verb_end,
        fired: class.fired(w),
    })
}

/// The denominator a label names for a per-capita density: `千人口托位数`, `每万人口全科医生数`,
/// `每千常住人口拥有…托位数`, `每10万人口…` (`extract.density_bases`). Where a label names
/// several (每十万人口 holds 万人口), the base of the longest unit wins, of equal length the
/// greater in code-point order (10万人 over 千人 over 万人). Returns the unit and the word.
fn density_of(label: &[char]) -> Option<(&'static str, &'static str)> {
    let bases = class!("extract.density_bases");
    let set = bases.starts();
    // only the places that hold the first character of a base are tried
    std::iter::successors(set.next_key(label, 0, label.len()), |&p| {
        set.next_key(label, p + 1, label.len())
    })
    .filter_map(|p| set.longest_index_at(&label[p..]))
    .map(|i| (bases.value_at(i), bases.words()[i]))
    .max_by_key(|(v, _)| (v.chars().count(), *v))
}

/// A metric under construction with the cleaned positions it came from and the rules that
/// made it so far.
struct Draft<'q> {
    q: &'q Quantity,
    label: (usize, usize),
    /// The rule that gave `label` (a later pass may replace it).
    label_rule: &'static str,
    /// Take the label of the next quantity (composite counts such as 6类10项).
    label_from_next: bool,
    sign: f64,
    /// The change verb as it stands (`增长`, `减少了`).
    verb: Option<(usize, usize)>,
    kind: MetricKind,
    unit: String,
    /// The figure's qualifier, or that of its change verb (约增长5%).
    qualifier: crate::model::Qualifier,
    role: Role,
    target: Option<&'q Quantity>,
    sentence: (usize, usize),
    /// Why: how the figure was read, its qualifier, kind and unit, then (from `role_at`) its
    /// role; the label's rules go in before the role's when the label is final.
    because: Vec<Because>,
    role_at: usize,
}

/// What every pass of [`extract`] reads.
struct Context<'a> {
    c: &'a Cleaned,
    t: &'a [char],
    structure: &'a Structure,
    plan_document: bool,
    sentences: Sentences,
}

/// Extracts the metrics of a cleaned text.
///
/// In a plan (`plan_document`), every figure is an aim unless its clause says it is done.
///
/// The passes, in order (each may only refine what the passes before it decided, never
/// what a later one will):
///
/// | pass | function | decides | rules |
/// |---|---|---|---|
/// | 1. find numbers | [`scan::scan`] | what is a figure, its value, unit, qualifier | `figure.*`, `qualifier.*` |
/// | 2. link targets | [`targets::attach`] | which figures are the targets of the figure before them (they make no metric) | `target.attached` |
/// | 3. classify | [`draft`] | kind and sign: a change verb before the figure | `kind.by_unit`, `kind.change` |
/// | 4. label | [`first_label`] | the label from the figure's own clause | `label.clause_before`, `label.noun_after`, `label.noun_after_de`, `label.noun_after_verb`, `label.bound_word` |
/// | 5. kind from the label | [`draft`] | durations only where the label names one; densities and rates per 100,000 named in the label | `kind.duration_label`, `kind.density`, `kind.rate_per_100k_words` |
/// | 6. role | [`role_of`] | actual or target | `role.*` |
/// | 7. labels across figures | [`borrow_labels`], [`respectively`], [`listed_labels`] | composite counts and ranges, figures after 分别, labels listed before 分别 | `label.from_next`, `kind.change_conjoined`, `label.respectively`, `label.listed` |
/// | 8. relabel and finish | [`finish`] | a label from the figure before it where the figure has none of its own; the target's value and whether it was met; section and population | `label.*_of_previous`, `label.same_as_*`, `label.without_*`, `kind.density_of_previous`, `target.met_*` |
/// | 8b. subjects | [`subject::complete`] | what a bare rate is of (规范管理率 of 高血压), from the clauses, paragraph and section before it; the label stays as written | `label.subject_*` |
/// | 9. parts | [`link_parents`] | the counts after 其中 and in brackets as parts of a whole | |
///
/// Conflicts: a change verb (pass 3) wins over the unit's kind, and a change keeps its kind
/// whatever its label says (pass 5 applies to counts and durations only); a label listed
/// before 分别 (pass 7) wins over the figure's own clause, and a subject before 分别 over
/// both; the relabelling of pass 8 only fills a label that is empty (or a change's); the
/// catalogue, after extraction, decides the indicator and, where it knows the indicator's
/// direction, whether a target was met (`target.met_direction` over
/// `target.met_label_fallback`).
pub fn extract(
    c: &Cleaned,
    source: &[char],
    structure: &Structure,
    plan_document: bool,
) -> Vec<Metric> {
    let t = &c.norm;
    let cx = Context {
        c,
        t,
        structure,
        plan_document,
        sentences: Sentences::new(t),
    };
    // 1. find numbers
    let qs = scan::scan(t);
    // 2. link targets: target_of[k] is the quantity attached to quantity k as its target
    let mut target_of = vec![None; qs.len()];
    let mut is_target = vec![false; qs.len()];
    for (m, tk) in targets::attach(t, &qs) {
        target_of[m] = Some(tk);
        is_target[tk] = true;
    }
    // 3–6. classify, label, kind from the label, role: one draft per figure
    let mut drafts: Vec<Draft> = Vec::new();
    for k in 0..qs.len() {
        if is_target[k] {
            continue;
        }
        let target = target_of[k].map(|tk| &qs[tk]);
        if let Some(d) = draft(&cx, &qs, k, drafts.last(), target) {
            drafts.push(d);
        }
    }
    // 7. labels across figures
    borrow_labels(t, &mut drafts);
    let lists = listed_after_fenbie(t, &drafts);
    let subjects = respectively(t, &mut drafts, &lists);
    let listed = listed_labels(t, &drafts, &subjects, &lists);
    // 8. relabel and finish
    let mut metrics = finish(&cx, source, &mut drafts, &subjects, &listed);
    // 8b. what bare rates are of, from their context
    let labels: Vec<(usize, usize)> = drafts.iter().map(|d| d.label).collect();
    let starts: Vec<usize> = drafts.iter().map(|d| d.q.start).collect();
    subject::complete(c, structure, &mut metrics, &labels, &starts);
    // 9. parts
    link_parents(t, &drafts, &mut metrics);
    metrics
}

/// The rules that read a quantity (its number, its unit when not written after it, its
/// qualifier) and gave it its kind by its unit.
fn read_rules(q: &Quantity) -> Vec<Because> {
    // room for the role's, the label's, the target's and the indicator's rules too
    let mut why: Vec<Because> = Vec::with_capacity(10);
    why.push(q.read.0.into());
    why.extend(q.read.1.map(Because::from));
    let after = q.qualifier_word.map_or(
        q.qualifier != crate::model::Qualifier::Exact,
        |(class, _)| class != class!("scan.qualifiers_before").name() && class != "sign",
    );
    if q.qualifier_word.is_some() || after {
        why.push(if after {
            rule!("qualifier.after").into()
        } else {
            rule!("qualifier.before").into()
        });
    }
    if let Some((class, word)) = q.qualifier_word {
        why.push(match crate::lexicon::get().class(class) {
            Some(c) => c.fired(word),
            // a sign of comparison (≥) is no lexicon word
            None => format!("{class}[{word}]").into(),
        });
    }
    why.push(rule!("kind.by_unit").into());
    why
}

/// Passes 3 to 6 for the figure `qs[k]`: its kind, first label, kind from the label and
/// role. `prev` is the draft before it. None when the figure is no metric (a time that no
/// label names a duration).
fn draft<'q>(
    cx: &Context<'_>,
    qs: &'q [Quantity],
    k: usize,
    prev: Option<&Draft<'q>>,
    target: Option<&'q Quantity>,
) -> Option<Draft<'q>> {
    let (t, q) = (cx.t, &qs[k]);
    let sentence = cx.sentences.around(q.start);
    // the clause never reaches back past the figure before (a target included)
    let prev_end = k.checked_sub(1).map_or(0, |p| qs[p].tail_end);
    let clause_start = clause_start(t, q.start, prev_end.max(sentence.0));
    let after = after_clause(t, q.tail_end, sentence.1);
    let mut because = read_rules(q);
    // 3. classify: a change verb before the figure
    let mut kind = q.kind;
    let mut qualifier = q.qualifier;
    let mut sign = 1.0;
    let mut before_end = q.start;
    let mut verb = None;
    if let Some(v) = change_verb(t, q.start)
        && !(v.start > 0 && class!("extract.newly").has_char(t[v.start - 1]))
    {
        kind = MetricKind::Change;
        sign = v.sign;
        verb = Some((v.start, v.end));
        before_end = v.start;
        because.push(rule!("kind.change").into());
        because.push(v.fired);
        // a qualifier before the verb qualifies the change: 门诊量约增长5%
        if q.qualifier_word.is_none()
            && let Some((qual, (class, word), _)) = scan::qualifier_entry_before(t, v.start)
        {
            qualifier = qual;
            because.push(rule!("qualifier.before").into());
            because.push(match crate::lexicon::get().class(class) {
                Some(c) => c.fired(word),
                None => format!("{class}[{word}]").into(),
            });
        }
    }
    // 4. label; a name and a colon before a figure name it: 管理率:99.87%
    let (clause_start, before_end, colon) =
        match name_before_colon(t, clause_start, before_end, prev_end.max(sentence.0)) {
            Some((start, colon)) => (start, colon, true),
            None => (clause_start, before_end, false),
        };
    let (mut label, label_from_next, mut label_rule) =
        first_label(t, q, clause_start, before_end, after);
    if colon && label_rule == rule!("label.clause_before") {
        label_rule = rule!("label.before_colon");
    }
    // 5. kind from the label: durations only where the label names one (or the start of
    // their range did: 7-8天)
    let ends_range = prev.is_some_and(|p| p.kind == MetricKind::Duration && ranged(t, p.q, q));
    if kind == MetricKind::Duration && !ends_range {
        let l = cx.c.norm_string(label.0, label.1);
        let names = class!("extract.duration_labels");
        let w = names.found_in(&l)?;
        because.push(rule!("kind.duration_label").into());
        because.push(names.fired(w));
    }
    let mut unit = q.unit.clone();
    if kind == MetricKind::Count
        && let Some((per, word)) = density_of(&t[label.0..label.1])
    {
        // 肺结核发病率为每10万人口32.5例: a rate per 100,000 written out in words
        let bases = class!("extract.rate_bases");
        let rate = bases
            .value_of(per)
            .and_then(|rate| Some((rate, rate_per_base_at(t, label)?)));
        if let Some((rate, name_end)) = rate {
            kind = MetricKind::Rate;
            unit = rate.to_string();
            label.1 = name_end;
            because.push(rule!("kind.rate_per_100k_words").into());
            because.push(bases.fired(per));
        } else {
            kind = MetricKind::Density;
            unit = format!("{unit}/{per}");
            because.push(rule!("kind.density").into());
            because.push(class!("extract.density_bases").fired(word));
        }
    }
    // 6. role
    let role_at = because.len();
    let mut role = role_of(t, q, sentence, cx.structure, cx.plan_document, &mut because);
    // the change of an aimed figure, right after it, is aimed too: 专项资金不少于3000万元,
    // 比上年增长10% (the comparison with last year marks no result here)
    if kind == MetricKind::Change
        && role == Role::Actual
        && prev.is_some_and(|p| {
            p.role == Role::Target
                && p.sentence == sentence
                && p.q.tail_end <= q.start
                && q.start - p.q.tail_end <= 12
                && !t[p.q.tail_end..q.start].contains(&';')
        })
    {
        role = Role::Target;
        because.truncate(role_at);
        because.push(rule!("role.aimed_change").into());
    }
    Some(Draft {
        q,
        label,
        label_rule,
        label_from_next,
        sign,
        verb,
        kind,
        unit,
        qualifier,
        role,
        target,
        sentence,
        because,
        role_at,
    })
}

/// Pass 4: the label of a figure from its own clause (`clause_start..before_end` before it,
/// `after` the rest of the clause after it): the range, whether the figure takes the label
/// of the next one (a composite count, 6类10项) and the rule that decided.
fn first_label(
    t: &[char],
    q: &Quantity,
    clause_start: usize,
    before_end: usize,
    (after_start, after_end): (usize, usize),
) -> ((usize, usize), bool, &'static str) {
    let before = &t[clause_start..before_end];
    let (ls, le) = label::trim_label(before);
    let (ls, le) = (clause_start + ls, clause_start + le);
    let after = &t[after_start..after_end];
    let before_only = (le.saturating_sub(24).max(ls), le);
    if q.kind == MetricKind::Count
        && t.get(q.end).is_some_and(char::is_ascii_digit)
        && !starts_with_age(&t[q.end..])
    {
        return ((ls, le), true, rule!("label.from_next"));
    }
    // 78%的指标, 75%的要求: the name of a target after 的 is no noun of the figure's; its
    // label stands before it (role.requirement)
    let names_a_target = after.len() > 1 && class!("target.phrase_cores").at(&after[1..]).is_some();
    if after
        .first()
        .is_some_and(|&ch| class!("extract.attributive").has_char(ch))
        && !names_a_target
    {
        return (
            noun_after(t, after_start + 1, after_end),
            false,
            rule!("label.noun_after_de"),
        );
    }
    if label::starts_with_bound_word(after) {
        // 控制在85%-90%之间: the words after a range name nothing
        return (before_only, false, rule!("label.bound_word"));
    }
    // a noun, or a population bounded by age (4.5万名65周岁以上老人)
    let starts_noun = after
        .first()
        .is_some_and(|&ch| is_han(ch) || ch == '“' || ch == '"')
        || starts_with_age(after);
    if (ls >= le && !names_a_target)
        || (q.kind == MetricKind::Count
            && starts_noun
            && !label::starts_with_scope(after)
            && !label::is_among(after)
            && !label::starts_with_conjunction(after)
            && (label::is_scope_only(before) || !label::starts_with_verb(after)))
    {
        return (
            noun_after(t, after_start, after_end),
            false,
            rule!("label.noun_after"),
        );
    }
    // 申请超过50亿元地方政府专项债资金: a label that is only the verb before a figure of
    // any kind names nothing; the noun after it does
    let verb_only =
        le > ls && class!("label.count_verbs").has(&t[ls..le].iter().collect::<String>());
    if verb_only && starts_noun && !label::starts_with_verb(after) {
        return (
            noun_after(t, after_start, after_end),
            false,
            rule!("label.noun_after_verb"),
        );
    }
    (before_only, false, rule!("label.clause_before"))
}

/// The clause that names a figure written after a colon (`管理率:99.87%`, `血压控制率：79.15%`):
/// when nothing but blanks stands between the colon and the figure (or its change verb at
/// `before_end`) and a name ends right before the colon, the start of that name's clause and
/// where the colon stands. Never reaches back before `floor`.
fn name_before_colon(
    t: &[char],
    start: usize,
    before_end: usize,
    floor: usize,
) -> Option<(usize, usize)> {
    if t[start..before_end].iter().any(|&c| c != ' ') {
        return None;
    }
    let colon = start.checked_sub(1).filter(|&p| p > floor)?;
    if !matches!(t[colon], ':' | '：') || !is_han(t[colon - 1]) {
        return None;
    }
    let name_start = clause_start(t, colon, floor);
    (name_start < colon).then_some((name_start, colon))
}

/// Pass 7a: composite counts (6类10项) take the label of the count they are written with,
/// the first end of a range (新增3至5家三级医院) that of the second, when it has one.
fn borrow_labels(t: &[char], drafts: &mut [Draft<'_>]) {
    for k in (0..drafts.len().saturating_sub(1)).rev() {
        let (this, next) = (&drafts[k], &drafts[k + 1]);
        let composite = this.label_from_next && next.q.start == this.q.end;
        let range = ranged(t, this.q, next.q) && next.label.1 > next.label.0;
        if composite || range {
            drafts[k].label = drafts[k + 1].label;
            drafts[k].label_rule = rule!("label.from_next");
        } else if this.label_from_next {
            drafts[k].label_rule = rule!("label.clause_before");
        }
    }
}

/// Pass 8: each draft to its metric. A label is completed from the figures around it where
/// the figure's own clause names nothing (or names a change only by its verb); the target's
/// value and whether it was met, the section and the population are found here.
fn finish(
    cx: &Context<'_>,
    source: &[char],
    drafts: &mut [Draft<'_>],
    subjects: &[Option<usize>],
    listed: &[Option<Vec<(usize, usize)>>],
) -> Vec<Metric> {
    let (c, t) = (cx.c, cx.t);
    // the change verb as it stands (`增长`, `减少了`), to name a change after its subject
    let verb_of = |d: &Draft<'_>| {
        d.verb
            .map_or_else(String::new, |(s, e)| c.display_string(s, e))
    };
    let mut metrics: Vec<Metric> = Vec::with_capacity(drafts.len());
    // what each figure's label names when that is not the label itself (see `prev_base`)
    let mut bases: Vec<Option<String>> = Vec::with_capacity(drafts.len());
    for k in 0..drafts.len() {
        let d = &drafts[k];
        // the rules that cut the label, at most one of each
        let mut cuts: [&'static str; 3] = [""; 3];
        let mut n_cuts = 0;
        let mut cut_by = |rule: &'static str| {
            cuts[n_cuts] = rule;
            n_cuts += 1;
        };
        let mut label_rule = d.label_rule;
        let mut label = c.display_string(d.label.0, d.label.1.max(d.label.0));
        trim_in_place(&mut label);
        let prev_in_sentence = k
            .checked_sub(1)
            .filter(|&p| drafts[p].sentence == d.sentence)
            .map(|p| metrics[p].label.as_str());
        // what the previous figure's label names, without the verb of a change
        // (投入资金2.35亿元,较上年增加3500万元,增长17.5%: 投入资金增长, not 投入资金增加增长)
        let prev_base = k
            .checked_sub(1)
            .map(|p| bases[p].as_deref().unwrap_or(metrics[p].label.as_str()));
        let mut base = None;
        if d.kind == MetricKind::Change {
            let cut = label::without_comparison(&label);
            if cut.len() < label.len() {
                label = cut.to_string();
                cut_by(rule!("label.without_comparison"));
            }
        }
        if class!("unit.multiple").has(&d.unit) {
            let cut = label::without_base_of_multiple(&label);
            if cut.len() < label.len() {
                label = cut.to_string();
                cut_by(rule!("label.without_base_of_multiple"));
            }
        }
        if label::is_basis_only(&label) {
            // 次均门诊费用286.5元,按当年价格比上年上涨2.1%
            label.clear();
            cut_by(rule!("label.basis_cleared"));
        }
        let (mut kind, mut unit) = (d.kind, d.unit.clone());
        let mut because = std::mem::take(&mut drafts[k].because);
        let mut at = drafts[k].role_at;
        let d = &drafts[k];
        let subject = subjects[k].map(|s| metrics[s].label.clone());
        if let Some(parts) = &listed[k] {
            // 高血压、糖尿病患者规范管理率分别为72.1%、70.5%
            label.clear();
            for &(s, e) in parts {
                c.push_display(&mut label, s, e);
            }
            label.push_str(verb_of(d).trim_end_matches(perfective));
            label_rule = rule!("label.listed");
        } else if let Some(base) = subject
            .as_ref()
            .filter(|_| label.is_empty() || d.kind == MetricKind::Change)
        {
            // 门诊52.3万人次,住院3.6万人次,分别同比增长8.2%和5.1%
            label = format!("{base}{}", verb_of(d).trim_end_matches(perfective));
            label_rule = rule!("label.respectively");
        } else if let Some(prev) = prev_in_sentence {
            let after_change = k > 0
                && conjoined(t, &drafts[k - 1], d)
                && drafts[k - 1].kind == MetricKind::Change;
            if d.kind == MetricKind::Change && label.is_empty() && after_change {
                // 分别增长8.2%和5.1% with nothing to pair them with: the same label
                label = prev.to_string();
                label_rule = rule!("label.same_as_conjoined");
            } else if d.kind == MetricKind::Change && label.is_empty() {
                let named = prev_base.unwrap_or(prev).to_string();
                label = format!("{named}{}", verb_of(d).trim_end_matches(perfective));
                base = Some(named);
                label_rule = rule!("label.change_of_previous");
            } else if d.kind != MetricKind::Change
                && !label.is_empty()
                && label::without_comparison(&label).is_empty()
                && metrics[k - 1].unit == unit
            {
                // 孕产妇死亡率为9.80/10万,较上年9.87/10万: the level compared with is of the same
                label = prev.to_string();
                label_rule = rule!("label.compared_with_previous");
            } else if label::is_generic_rate(&label) && d.kind == MetricKind::Rate {
                label = format!("{prev}{label}");
                label_rule = rule!("label.generic_rate_of_previous");
            } else if let Some(patients) = (d.kind == MetricKind::Rate
                && label::is_management_rate(&label))
            .then(|| label::patients_named(prev))
            .flatten()
            {
                // 管理高血压患者2868人,规范管理率为65.3%: the rate of those patients
                label = format!("{patients}{label}");
                label_rule = rule!("label.patients_of_previous");
            } else if label.is_empty() {
                // 发放宣传资料4种,共计1300余份: the second figure speaks of the same thing
                label = prev.to_string();
                label_rule = rule!("label.same_as_previous");
                // 每千人口床位数由6.21张增加到6.45张: so does a density's second level
                let p = &metrics[k - 1];
                if kind == MetricKind::Count
                    && p.kind == MetricKind::Density
                    && p.unit.split('/').next() == Some(unit.as_str())
                {
                    kind = MetricKind::Density;
                    unit = p.unit.clone();
                    because.insert(at, rule!("kind.density_of_previous").into());
                    at += 1;
                }
            }
        }
        bases.push(base);
        let value = d.q.value.to_f64() * d.sign;
        let span = c.span(d.q.start, d.q.end);
        for rule in std::iter::once(label_rule).chain(cuts[..n_cuts].iter().copied()) {
            because.insert(at, rule.into());
            at += 1;
        }
        let d = &drafts[k];
        let target = d.target.as_ref().map(|tq| {
            let tspan = c.span(tq.start, tq.end);
            let tvalue = tq.value.to_f64();
            because.push(rule!("target.attached").into());
            let (met, why) = Target::met_by_label(value, tvalue, tq.qualifier, &label);
            because.extend(why);
            Target {
                value: tvalue,
                unit: if tq.unit.is_empty() {
                    unit.clone()
                } else {
                    tq.unit.clone()
                },
                qualifier: tq.qualifier,
                span: tspan,
                as_written: source[tspan.start..tspan.end].iter().collect(),
                met,
            }
        });
        let section = cx
            .structure
            .innermost(d.q.start)
            .map(|i| cx.structure.sections[i].id.clone());
        // a rate or a count of people may take its population from the clause before
        // (全区0-6岁儿童25303人,健康管理23761人); a count of other things only from its own
        // clause (…老年人体检率70.2%,签约服务1,256户)
        let people = class!("extract.people_units").has(&unit);
        let population_from = if kind == MetricKind::Count && !people {
            clause_start(t, d.q.start, d.sentence.0)
        } else {
            d.sentence.0.max(d.q.start.saturating_sub(30))
        };
        metrics.push(Metric {
            id: crate::model::record_id('m', k + 1),
            label_span: (d.label.1 > d.label.0).then(|| c.span(d.label.0, d.label.1)),
            label,
            kind,
            role: d.role,
            value,
            unit,
            as_written: source[span.start..span.end].iter().collect(),
            qualifier: d.qualifier,
            approximate: d.qualifier.is_approximate(),
            span,
            target,
            population: population(t, c, population_from, d.q.start, d.label),
            subject: None,
            indicator: None,
            indicator_match: None,
            section,
            body: None,
            programme: None,
            parent: None,
            period: None,
            numerator: None,
            denominator: None,
            sentence: c.span(d.sentence.0, d.sentence.1.max(d.sentence.0 + 1)),
            origin: None,
            because,
        });
    }
    metrics
}

/// Whether `a` and `b` are the two ends of a range: `7-8天`, `3至5家`.
fn ranged(t: &[char], a: &scan::Quantity, b: &scan::Quantity) -> bool {
    b.start == a.end + 1 && scan::is_range_joint(t[a.end])
}

/// Removes the white space at both ends of `s` without a new allocation.
fn trim_in_place(s: &mut String) {
    let end = s.trim_end().len();
    s.truncate(end);
    let start = s.len() - s.trim_start().len();
    s.drain(..start);
}

/// Where the base of a rate written out in words starts in its label (`发病率为每10万人口`:
/// at `为`), when the label names a rate before it.
fn rate_per_base_at(t: &[char], (start, end): (usize, usize)) -> Option<usize> {
    let base = (start..end).find(|&k| class!("scan.per").has_char(t[k]))?;
    let name_end = if base > start && class!("extract.copula").has_char(t[base - 1]) {
        base - 1
    } else {
        base
    };
    (name_end > start && class!("extract.rate_endings").has_char(t[name_end - 1]))
        .then_some(name_end)
}

/// Whether `c` is an aspect particle a verb may end in (`减少了`), trimmed from a change's
/// verb where it names the change.
fn perfective(c: char) -> bool {
    class!("extract.perfective").has_char(c)
}

/// Whether only conjunctions stand between two figures: `8.2%和5.1%`, `102.3%、98.7%`.
fn conjoined(t: &[char], a: &Draft<'_>, b: &Draft<'_>) -> bool {
    a.sentence == b.sentence
        && b.q.start >= a.q.tail_end
        && b.q.start - a.q.tail_end <= 2
        && t[a.q.tail_end..b.q.start]
            .iter()
            .all(|&c| matches!(c, '、' | ',') || class!("label.conjunctions").has_char(c))
}

/// Runs of two or more conjoined figures (`72.1%、70.5%`) with `分别` in the dozen characters
/// before the first: each run's drafts and where its `分别` stands. Whether figures are
/// conjoined depends on their places only, which [`respectively`] does not change.
fn listed_after_fenbie(t: &[char], drafts: &[Draft<'_>]) -> Vec<(std::ops::Range<usize>, usize)> {
    let mut out = Vec::new();
    let mut k0 = 0;
    while k0 < drafts.len() {
        let mut k1 = k0 + 1;
        while k1 < drafts.len() && conjoined(t, &drafts[k1 - 1], &drafts[k1]) {
            k1 += 1;
        }
        let first = &drafts[k0];
        let from = first.sentence.0.max(first.q.start.saturating_sub(12));
        let respectively = class!("extract.respectively").starts();
        let fenbie = respectively
            .find_start(t, from, first.q.start)
            .map(|(p, _)| p);
        if k1 - k0 >= 2
            && let Some(at) = fenbie
        {
            out.push((k0..k1, at));
        }
        k0 = k1;
    }
    out
}

/// Figures listed after `分别` belong, in order, to the figures listed before it in the
/// sentence: `门诊52.3万人次,住院3.6万人次,分别同比增长8.2%和5.1%`. A figure conjoined to a
/// change is a change too. Returns, for each draft, the draft it speaks of.
fn respectively(
    t: &[char],
    drafts: &mut [Draft<'_>],
    lists: &[(std::ops::Range<usize>, usize)],
) -> Vec<Option<usize>> {
    let mut subjects = vec![None; drafts.len()];
    for k in 1..drafts.len() {
        if conjoined(t, &drafts[k - 1], &drafts[k]) && drafts[k - 1].kind == MetricKind::Change {
            let (sign, verb) = (drafts[k - 1].sign, drafts[k - 1].verb);
            let d = &mut drafts[k];
            if d.kind != MetricKind::Change {
                d.kind = MetricKind::Change;
                d.sign = sign;
                d.verb = verb;
                d.because
                    .insert(d.role_at, rule!("kind.change_conjoined").into());
                d.role_at += 1;
            }
            d.label = (d.q.start, d.q.start);
        }
    }
    for (group, at) in lists.iter().cloned() {
        let first = &drafts[group.start];
        let m = group.len();
        let before: Vec<usize> = (0..group.start)
            .filter(|&p| drafts[p].sentence == first.sentence && drafts[p].q.end <= at)
            .collect();
        if before.len() >= m {
            for (i, k) in group.enumerate() {
                subjects[k] = Some(before[before.len() - m + i]);
            }
        }
    }
    subjects
}

/// Labels listed before `分别` for as many figures after it, when no figures before it name
/// them: `高血压、糖尿病患者规范管理率分别为72.1%、70.5%` gives 高血压患者规范管理率 and
/// 糖尿病患者规范管理率; `门诊、住院人次分别增长8%和5%` gives 门诊人次 and 住院人次. For each
/// draft, the cleaned ranges its label is made of: its own item, then the shared part.
fn listed_labels(
    t: &[char],
    drafts: &[Draft<'_>],
    subjects: &[Option<usize>],
    lists: &[(std::ops::Range<usize>, usize)],
) -> Vec<Option<Vec<(usize, usize)>>> {
    // the words with which the shared part of a list of labels begins: `高血压、糖尿病` +
    // `患者规范管理率`, `门诊、住院` + `人次`
    let heads = class!("extract.label_heads").starts();
    let mut out = vec![None; drafts.len()];
    for (group, at) in lists.iter().cloned() {
        let (first, m) = (&drafts[group.start], group.len());
        if subjects[group.clone()].iter().any(Option::is_some) {
            continue;
        }
        // the list: back from 分别 over names and their separators, to a clause break
        let floor = group.start.checked_sub(1).map_or(first.sentence.0, |p| {
            drafts[p].q.tail_end.max(first.sentence.0)
        });
        let mut start = at;
        while start > floor && (t[start - 1] == '、' || !label::clause_break(t[start - 1])) {
            start -= 1;
        }
        let (ls, le) = label::trim_label(&t[start..at]);
        let (ls, le) = (start + ls, start + le);
        let mut seps: Vec<usize> = (ls..le).filter(|&p| t[p] == '、').collect();
        // 新生儿、婴儿和5岁以下儿童死亡率: a conjunction before the last name of the list
        if seps.len() + 2 == m {
            let last = seps.last().map_or(ls, |p| p + 1);
            let and = (last + 1..le.saturating_sub(1))
                .find(|&p| class!("label.conjunctions").has_char(t[p]));
            seps.extend(and);
        }
        if seps.len() + 1 != m {
            continue;
        }
        let items: Vec<(usize, usize)> = std::iter::once(ls)
            .chain(seps.iter().map(|p| p + 1))
            .zip(seps.iter().copied().chain(std::iter::once(le)))
            .collect();
        if items.iter().any(|&(s, e)| e <= s || e - s > 16) {
            continue;
        }
        // the shared part starts at the first head word of the last item, after its own name
        let (last_start, last_end) = items[m - 1];
        let shared_at =
            (last_start + 1..last_end).find(|&p| heads.longest_at(&t[p..last_end]).is_some());
        let first_names_all =
            (items[0].0..items[0].1).any(|p| heads.longest_at(&t[p..items[0].1]).is_some());
        for (i, k) in group.enumerate() {
            let (s, e) = items[i];
            out[k] = Some(match shared_at {
                Some(shared) if i + 1 < m && !first_names_all => vec![(s, e), (shared, last_end)],
                _ => vec![(s, e)],
            });
        }
    }
    out
}

/// Where the clause of a number starts: after the last clause break (quotes do not break),
/// and never before the end of the previous number.
fn clause_start(t: &[char], at: usize, floor: usize) -> usize {
    let mut k = at;
    while k > floor {
        // a short aside in brackets belongs to the name: 执业(助理)医师, 脱贫户(监测对象)
        if t[k - 1] == ')' {
            let open = t[floor..k - 1].iter().rposition(|&c| c == '(' || c == ')');
            if let Some(o) = open
                .map(|o| floor + o)
                .filter(|&o| t[o] == '(' && k - 1 - o <= 8)
            {
                k = o;
                continue;
            }
        }
        if label::clause_break(t[k - 1]) {
            break;
        }
        k -= 1;
    }
    k
}

/// The rest of the clause after a number.
fn after_clause(t: &[char], from: usize, limit: usize) -> (usize, usize) {
    let mut k = from;
    if starts_with_age(&t[from.min(limit)..limit]) {
        // 4.5万名65周岁以上老人: the age is part of the noun phrase
        k += t[from..limit].iter().take_while(|c| !is_han(**c)).count();
    }
    while k < limit && !label::clause_break(t[k]) {
        if t[k].is_ascii_digit() && k > from {
            break;
        }
        k += 1;
    }
    (from, k)
}

/// Whether `chars` opens with an age: `65岁`, `65周岁`, `0-6岁`.
fn starts_with_age(chars: &[char]) -> bool {
    age_band_end(chars).is_some()
}

/// The end (after 岁) of an age band at the start of `chars`: `65岁`, `65周岁`, `0-6岁`,
/// `60至79岁`.
#[inline]
fn age_band_end(chars: &[char]) -> Option<usize> {
    if !chars.first()?.is_ascii_digit() {
        return None;
    }
    let n = chars
        .iter()
        .take_while(|&&c| {
            c.is_ascii_digit() || matches!(c, '-' | '~') || class!("scan.range_words").has_char(c)
        })
        .count();
    class!("unit.age_units")
        .at(&chars[n..])
        .map(|w| n + w.chars().count())
}

/// The noun phrase after a count: the rest of the clause, at most 16 characters.
fn noun_after(t: &[char], from: usize, end: usize) -> (usize, usize) {
    let from = from.min(end);
    let mut e = end.min(from + 16);
    while e > from && (t[e - 1] == ' ' || class!("extract.attributive").has_char(t[e - 1])) {
        e -= 1;
    }
    (from, e)
}

/// Pass 6: whether a number is an aim (a target cue earlier in its sentence, a year aimed
/// at, a plan section) and why, into `why`.
fn role_of(
    t: &[char],
    q: &Quantity,
    sentence: (usize, usize),
    structure: &Structure,
    plan_document: bool,
    why: &mut Vec<Because>,
) -> Role {
    // the cues that matter stand within the clauses just before the number
    let before = &t[sentence.0.max(q.start.saturating_sub(60))..q.start];
    let first_in = |class: &'static crate::lexicon::Class, from: usize| {
        class.starts().find_start(before, from, before.len())
    };
    // a requirement the figure states: 要求78%的指标, 均达到75%的要求
    let after = &t[q.tail_end.min(t.len())..];
    let cores = class!("target.phrase_cores");
    if after
        .first()
        .is_some_and(|&ch| class!("extract.attributive").has_char(ch))
        && let Some(w) = cores.at(&after[1..])
    {
        why.push(rule!("role.requirement").into());
        why.push(cores.fired(w));
        return Role::Target;
    }
    let cues = class!("target.cues");
    if let Some((_, w)) = first_in(cues, 0) {
        why.push(rule!("role.target_cue").into());
        why.push(cues.fired(w));
        return Role::Target;
    }
    if aims_at_a_year(before) {
        why.push(rule!("role.aims_at_year").into());
        return Role::Target;
    }
    // 争取 is "secure" (funds, projects) unless it aims at a level: 争取…达到
    let (strive, levels) = (class!("target.strive"), class!("target.aimed_levels"));
    if let Some((at, s)) = first_in(strive, 0)
        && let Some((_, l)) = first_in(levels, at)
    {
        why.push(rule!("role.secures_a_level").into());
        why.push(strive.fired(s));
        why.push(levels.fired(l));
        return Role::Target;
    }
    let in_plan = plan_document
        || structure
            .innermost(q.start)
            .is_some_and(|i| structure.sections[i].role == SectionRole::Plan);
    if in_plan {
        // words of what is done, in one lexicon: one pass over the clauses instead of one a word
        let done = class!("extract.done");
        match first_in(done, 0) {
            None if is_scope(t, q, sentence) => {
                why.push(rule!("role.plan_scope").into());
                return Role::Actual;
            }
            None => {
                why.push(rule!("role.plan").into());
                return Role::Target;
            }
            Some((_, w)) => {
                why.push(rule!("role.actual").into());
                why.push(done.fired(w));
                return Role::Actual;
            }
        }
    }
    why.push(rule!("role.actual").into());
    Role::Actual
}

/// Whether a count in a plan states the scope of a measure, not an aim (rule
/// `role.plan_scope`): a count of institutions or programmes (`extract.scope_units`: 所, 家,
/// 项) whose name follows it (`在72所乡镇中心卫生院实施…`, `实施5项重大公共卫生服务项目`),
/// with no verb of making or reaching (`extract.making_verbs`: 建成, 新增, 达到) in its clause
/// before it (`建成3家示范机构` is an aim).
fn is_scope(t: &[char], q: &Quantity, sentence: (usize, usize)) -> bool {
    if !class!("extract.scope_units").has(&q.unit) || q.kind != MetricKind::Count {
        return false;
    }
    let clause_start = t[sentence.0..q.start]
        .iter()
        .rposition(|&c| matches!(c, ',' | ';' | ':'))
        .map_or(sentence.0, |p| sentence.0 + p + 1);
    let making = class!("extract.making_verbs").starts();
    if (clause_start..q.start).any(|k| making.longest_at(&t[k..q.start]).is_some()) {
        return false;
    }
    // a name after it: a body's or a programme's ending within the next few characters,
    // before the clause ends
    let after_end = t[q.end..]
        .iter()
        .take(SCOPE_NAME_WITHIN)
        .position(|&c| matches!(c, ',' | '。' | ';' | '、' | '\n'))
        .map_or((q.end + SCOPE_NAME_WITHIN).min(t.len()), |p| q.end + p);
    let names = [
        class!("name.body_endings").starts(),
        class!("name.programme_endings").starts(),
    ];
    (q.end..after_end).any(|k| {
        names
            .iter()
            .any(|n| n.longest_at(&t[k..after_end]).is_some())
    })
}

/// How far after a count [`is_scope`] looks for the name of what it counts.
const SCOPE_NAME_WITHIN: usize = 14;

/// `到2025年` at the head of a sentence sets an aim for that year (`截至2023年` does not).
fn aims_at_a_year(before: &[char]) -> bool {
    (0..before.len().min(12)).any(|k| {
        class!("extract.aim_at_year").has_char(before[k])
            && !(k > 0 && class!("extract.up_to").has_char(before[k - 1]))
            && before
                .get(k + 1..k + 5)
                .is_some_and(|y| y.iter().all(char::is_ascii_digit))
            && before
                .get(k + 5)
                .is_some_and(|&c| class!("extract.year").has_char(c))
    })
}

/// An age band that bounds the population a metric concerns: `65岁及以上老年人`, `0-6岁儿童`,
/// between `from` and `to`. A label that names people of its own (`孕产妇系统管理率`,
/// `高血压患者规范管理率`) takes no age band from the clauses before it, only from itself.
fn population(
    t: &[char],
    c: &Cleaned,
    from: usize,
    to: usize,
    label: (usize, usize),
) -> Option<String> {
    let nouns = class!("extract.population_nouns").starts();
    let patients = class!("label.patients").starts();
    // an age band ends in 岁 within the range: most ranges have none
    static AGE_ENDS: std::sync::LazyLock<textkit::CharSet> = std::sync::LazyLock::new(|| {
        textkit::CharSet::new(
            class!("unit.age_units")
                .words()
                .iter()
                .filter_map(|w| w.chars().last()),
        )
    });
    if !t[from..to].iter().any(|&c| AGE_ENDS.contains(c)) {
        return None;
    }
    let (ls, le) = (label.0.min(to), label.1.min(to));
    let names_people = nouns.find_start(&t[..le], ls, le).is_some()
        || patients.find_start(&t[..le], ls, le).is_some();
    let from = if names_people { from.max(ls) } else { from };
    let mut k = from;
    while k < to {
        let starts = k == 0 || !(t[k - 1].is_ascii_digit() || t[k - 1] == '.');
        if starts && let Some(band) = age_band_end(&t[k..]) {
            let mut e = k + band;
            if let Some(q) = class!("extract.age_bounds").at(&t[e..]) {
                e += q.chars().count();
            }
            for gap in 0..=3 {
                // the noun follows the age band within a few characters of the same phrase
                if e + gap > to || (gap > 0 && !is_han(t[e + gap - 1])) {
                    break;
                }
                if let Some(n) = nouns.longest_at(&t[e + gap..]) {
                    let end = e + gap + n.chars().count();
                    if end <= to {
                        return Some(c.display_string(k, end));
                    }
                }
            }
        }
        k += 1;
    }
    None
}

/// `基层医疗卫生机构99家,其中镇卫生院1家,村卫生室21家`: the counts after 其中 are parts of
/// the last count before it with the same unit.
fn link_parents(t: &[char], drafts: &[Draft<'_>], metrics: &mut [Metric]) {
    for k in 0..drafts.len() {
        let d = &drafts[k];
        if d.kind != MetricKind::Count {
            continue;
        }
        let same = |p: usize| drafts[p].unit == d.unit && drafts[p].kind == MetricKind::Count;
        // 卫生技术人员48人(执业医师12人,…): counts in brackets right after a count are its parts
        let window = d.sentence.0.max(d.q.start.saturating_sub(60));
        let open = (window..d.q.start)
            .rev()
            .take_while(|&p| t[p] != ')')
            .find(|&p| t[p] == '(');
        let bracketed =
            open.and_then(|o| (0..k).rev().find(|&p| drafts[p].q.tail_end == o && same(p)));
        let parent = bracketed.or_else(|| {
            let qizhong = class!("extract.parts_follow").starts().rfind_start(
                t,
                d.sentence.0.max(d.q.start.saturating_sub(120)),
                d.q.start,
            )?;
            // 其中 opening a sentence refers to the sentence before it
            let opens = t[d.sentence.0..qizhong]
                .iter()
                .all(|c| !is_han(*c) && !c.is_ascii_digit());
            let whole = (0..k).rev().find(|&p| {
                let near = drafts[p].sentence == d.sentence
                    || (opens && drafts[p].sentence.1 + 1 >= d.sentence.0.saturating_sub(1));
                near && drafts[p].q.end <= qizhong && same(p)
            })?;
            // the list of parts ends at the first figure of another kind (a rate after the
            // parts) or once the parts add up to the whole
            let between = (whole + 1..k).filter(|&p| drafts[p].q.start > qizhong);
            let mut sum = 0.0;
            for p in between {
                if !same(p) {
                    return None;
                }
                if metrics[p].parent.as_deref() == Some(metrics[whole].id.as_str()) {
                    sum += metrics[p].value;
                }
            }
            (sum < metrics[whole].value).then_some(whole)
        });
        if let Some(p) = parent {
            metrics[k].parent = Some(metrics[p].id.clone());
        }
    }
}

/// Puts metrics in document order and numbers them `m1`, `m2`, …, keeping the references
/// between them (`parent`, `numerator`, `denominator`).
pub fn renumber(metrics: &mut [Metric]) {
    metrics.sort_by_key(|m| m.span.start);
    let map: rustc_hash::FxHashMap<String, String> = metrics
        .iter()
        .enumerate()
        .filter(|(_, m)| !m.id.is_empty())
        .map(|(k, m)| (m.id.clone(), crate::model::record_id('m', k + 1)))
        .collect();
    for (k, m) in metrics.iter_mut().enumerate() {
        m.id = crate::model::record_id('m', k + 1);
        for r in [&mut m.parent, &mut m.numerator, &mut m.denominator] {
            *r = r.as_ref().and_then(|id| map.get(id).cloned());
        }
    }
}
