//! Attached targets: a figure followed by the target it was held against, as reports write it:
//! `63.9%(全年任务62%)`, `签约率90.2%(任务85%)`, `目标值(80%)`, and in damaged copies without
//! the opening bracket, `51.2%任务50%)`.

use crate::extract::scan::Quantity;
use crate::lexicon::{Class, class};
use crate::model::MetricKind;

/// The longest word of `class` that `text` starts with, and the rest of `text` after it.
fn strip_word<'a>(class: &'static Class, text: &'a str) -> Option<&'a str> {
    if !text.chars().next().is_some_and(|c| class.has_char(c)) {
        return None;
    }
    class
        .words()
        .iter()
        .filter(|w| text.starts_with(*w))
        .max_by_key(|w| w.len())
        .map(|w| &text[w.len()..])
}

/// Whether `prefix` may open a target phrase before its core: nothing, or a word of
/// `target.phrase_prefixes` (`全年`, `省定`, `市下达`).
fn is_prefix(prefix: &str) -> bool {
    prefix.is_empty() || class!("target.phrase_prefixes").has(prefix)
}

/// Whether the text between a figure and the next one is a target phrase.
pub fn is_target_phrase(between: &[char]) -> bool {
    names_target(between.iter().copied())
}

/// Whether `phrase` (brackets, blanks, colons and the words of `target.phrase_fillers`
/// aside) is a target's name: a prefix of `target.phrase_prefixes` (or none) and a core of
/// `target.phrase_cores` (`全年任务`, `省定目标`).
fn names_target(phrase: impl Iterator<Item = char>) -> bool {
    let fillers = class!("target.phrase_fillers");
    let core: String = phrase
        .filter(|&c| !matches!(c, '(' | ')' | ' ' | ':' | '（' | '）') && !fillers.has_char(c))
        .collect();
    if core.is_empty() || core.chars().count() > 10 {
        return false;
    }
    class!("target.phrase_cores")
        .words()
        .iter()
        .any(|c| core.strip_suffix(c).is_some_and(is_prefix))
}

/// Whether `between` (from a figure to the next one) holds the figure against the next one,
/// which `after` names as a target (`,超额完成市下达的` + `70%` + `目标任务`) or `between`
/// names before it (`,均超额完成省定目标(` + `90%`).
pub fn is_held_against(between: &[char], after: &[char]) -> bool {
    let core: String = between
        .iter()
        .filter(|&&c| !matches!(c, ',' | ' ' | '，'))
        .collect();
    // 均 and 分别: the figures before were all held against it
    let core = strip_word(class!("target.all_of"), &core).unwrap_or(&core);
    // 超额完成 and the like (`target.held_against`)
    let Some(rest) = strip_word(class!("target.held_against"), core) else {
        return false;
    };
    let perfective = class!("extract.perfective");
    let rest = rest
        .strip_prefix(|c| perfective.has_char(c))
        .unwrap_or(rest);
    let attributive = class!("extract.attributive");
    if names_target(rest.chars()) {
        // 完成全年目标任务的103%: the share of the target that was reached, not the target
        return !rest.ends_with(|c| attributive.has_char(c));
    }
    let rest = rest
        .strip_suffix(|c| attributive.has_char(c))
        .unwrap_or(rest);
    let named = class!("target.phrase_cores").at(after).is_some();
    named && is_prefix(rest)
}

/// Pairs (figure, target) of indices into `qs` where the target directly follows the figure.
pub fn attach(t: &[char], qs: &[Quantity]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for k in 0..qs.len().saturating_sub(1) {
        let (q, next) = (&qs[k], &qs[k + 1]);
        if out.iter().any(|&(_, tk)| tk == k) {
            continue;
        }
        if next.start < q.tail_end || next.start - q.tail_end > 14 {
            continue;
        }
        let compatible =
            q.unit == next.unit || (q.kind == MetricKind::Rate && next.kind == MetricKind::Rate);
        let between = &t[q.tail_end..next.start];
        let after = &t[next.tail_end..(next.tail_end + 4).min(t.len())];
        if compatible && (is_target_phrase(between) || is_held_against(between, after)) {
            out.push((k, k + 1));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn target_phrases() {
        for s in [
            "(全年任务",
            "(任务",
            "全年任务",
            "任务",
            "目标值(",
            "(年度目标:",
            "(上级下达任务",
        ] {
            assert!(is_target_phrase(&c(s)), "{s}");
        }
        for s in [",", ",签约率", "(其中", "完成", ""] {
            assert!(!is_target_phrase(&c(s)), "{s}");
        }
    }

    #[test]
    fn attaches_bracketed_and_damaged_targets() {
        let t = c("服务率63.9%全年任务62%);管理率74.2%(全年任务70%),签约率1.4%(任务1.1%)");
        let qs = crate::extract::scan::scan(&t);
        assert_eq!(attach(&t, &qs), [(0, 1), (2, 3), (4, 5)]);
    }

    #[test]
    fn attaches_targets_named_after_them() {
        let t = c("体检率达72.1%,超额完成市下达的70%目标任务;签约率51%,完成70%的群众");
        let qs = crate::extract::scan::scan(&t);
        assert_eq!(attach(&t, &qs), [(0, 1)]);
        // named before the figure, after 均 (both figures met it)
        let t = c("管理率为95.8%,系统管理率为93.2%,均超额完成省定目标(90%);完成了40%的工作");
        let qs = crate::extract::scan::scan(&t);
        assert_eq!(attach(&t, &qs), [(1, 2)]);
        // the share of a target that was reached is no target
        let t = c("满意度达98.5%,完成全年目标任务的103%");
        let qs = crate::extract::scan::scan(&t);
        assert_eq!(attach(&t, &qs), []);
    }
}
