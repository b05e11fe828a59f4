//! Attached targets: a figure followed by the target it was held against, as reports write it:
//! `63.9%(全年任务62%)`, `签约率90.2%(任务85%)`, `目标值(80%)`, and in damaged copies without
//! the opening bracket, `51.2%任务50%)`.

use crate::extract::scan::Quantity;
use crate::model::MetricKind;

/// Words that may open a target phrase, before its core.
const PREFIXES: &[&str] = &[
    "",
    "全年",
    "年度",
    "本年",
    "上级",
    "上级下达",
    "省",
    "市",
    "区",
    "县",
    "省定",
    "市定",
    "省下达",
    "市下达",
    "下达",
    "考核",
    "国家",
];

/// The core of a target phrase.
const CORES: &[&str] = &[
    "任务",
    "目标",
    "目标值",
    "目标任务",
    "任务数",
    "任务值",
    "任务目标",
    "指标",
    "目标要求",
    "要求",
    "考核目标",
    "考核指标",
];

/// Whether the text between a figure and the next one is a target phrase.
pub fn is_target_phrase(between: &[char]) -> bool {
    names_target(between.iter().copied())
}

/// Whether `phrase` (brackets, blanks, colons, 为, 是 and 的 aside) is a target's name: a
/// prefix of [`PREFIXES`] and a core of [`CORES`] (`全年任务`, `省定目标`).
fn names_target(phrase: impl Iterator<Item = char>) -> bool {
    let core: String = phrase
        .filter(|&c| !matches!(c, '(' | ')' | ' ' | ':' | '为' | '是' | '的' | '（' | '）'))
        .collect();
    if core.is_empty() || core.chars().count() > 10 {
        return false;
    }
    CORES.iter().any(|c| {
        core.strip_suffix(c)
            .is_some_and(|prefix| PREFIXES.contains(&prefix))
    })
}

/// Verbs that hold a figure against a target named after it: `72.1%,超额完成市下达的70%目标任务`.
const HELD_AGAINST: &[&str] = &[
    "超额完成",
    "提前完成",
    "完成",
    "达到",
    "超过",
    "高于",
    "超出",
];

/// Whether `between` (from a figure to the next one) holds the figure against the next one,
/// which `after` names as a target (`,超额完成市下达的` + `70%` + `目标任务`) or `between`
/// names before it (`,均超额完成省定目标(` + `90%`).
pub fn is_held_against(between: &[char], after: &[char]) -> bool {
    let core: String = between
        .iter()
        .filter(|&&c| !matches!(c, ',' | ' ' | '，'))
        .collect();
    // 均 and 分别: the figures before were all held against it
    let core = ["均", "分别", "都"]
        .iter()
        .find_map(|w| core.strip_prefix(w))
        .unwrap_or(&core);
    let Some(rest) = HELD_AGAINST.iter().find_map(|v| core.strip_prefix(v)) else {
        return false;
    };
    let rest = rest.strip_prefix('了').unwrap_or(rest);
    if names_target(rest.chars()) {
        // 完成全年目标任务的103%: the share of the target that was reached, not the target
        return !rest.ends_with('的');
    }
    let rest = rest.strip_suffix('的').unwrap_or(rest);
    let named = CORES.iter().any(|c| crate::textkit::starts_with(after, c));
    named && PREFIXES.contains(&rest)
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
