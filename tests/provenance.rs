//! Provenance: every metric says, in `because`, the named rules that made it and the lexicon
//! words that fired; every rule is applied somewhere and fires on its own documented example;
//! `convert --explain` renders it for a person.

mod common;

use common::{REPORTS, fixture, weijian};
use weijian::ingest::Input;
use weijian::lexicon::Lexicon;
use weijian::model::{Document, Metric};
use weijian::rules::{RULES, is_rule};

fn convert(text: &str) -> Document {
    weijian::convert(&Input::from_bytes("r.txt", text.as_bytes().to_vec())).unwrap()
}

fn metric<'a>(doc: &'a Document, as_written: &str) -> &'a Metric {
    doc.metrics
        .iter()
        .find(|m| m.as_written == as_written)
        .unwrap_or_else(|| panic!("no metric {as_written} in {:#?}", doc.metrics))
}

/// Every `rule!("…")` in src/, with the file it stands in.
fn rules_named_in_src() -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut stack = vec![std::path::PathBuf::from("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") && !path.ends_with("rules.rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for (at, _) in text.match_indices("rule!(\"") {
                    let rest = &text[at + 7..];
                    let name = &rest[..rest.find('"').unwrap()];
                    found.push((name.to_string(), path.display().to_string()));
                }
            }
        }
    }
    found
}

#[test]
fn every_rule_is_applied_by_the_code() {
    let named = rules_named_in_src();
    let unused: Vec<&str> = RULES
        .iter()
        .map(|r| r.name)
        .filter(|n| !named.iter().any(|(m, _)| m == n))
        .collect();
    assert!(unused.is_empty(), "rules no code applies: {unused:?}");
}

#[test]
fn every_rule_fires_on_its_own_example() {
    let mut failures = Vec::new();
    // a table cell is a cell of a table in the layout (HTML, Word), not a line of text: see
    // `a_table_cell_is_named_by_its_row_and_column`
    for rule in RULES.iter().filter(|r| r.name != "table.cell") {
        let text = rule.example.split(" → ").next().unwrap();
        let doc = convert(text);
        if !doc
            .metrics
            .iter()
            .any(|m| m.because.iter().any(|b| b == rule.name))
        {
            let got: Vec<_> = doc.metrics.iter().map(|m| (&m.label, &m.because)).collect();
            failures.push(format!("{}: {text:?} gives {got:?}", rule.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_table_cell_is_named_by_its_row_and_column() {
    let html = "<html><body><h1>某县卫生健康统计</h1><table>\
        <tr><td>指标</td><td>2023年</td></tr>\
        <tr><td>卫生机构数(个)</td><td>112</td></tr></table></body></html>";
    let doc = weijian::convert(&Input::from_bytes("t.html", html.as_bytes().to_vec())).unwrap();
    let m = metric(&doc, "112");
    assert_eq!(m.because.first().map(|b| b.as_ref()), Some("table.cell"));
}

/// Whether a provenance entry names a rule, or a word of a lexicon class as `class[word]`
/// (`sign[≥]` for a comparison sign before a figure).
fn is_known(lex: &'static Lexicon, entry: &str) -> bool {
    if is_rule(entry) {
        return true;
    }
    let Some((class, word)) = entry.strip_suffix(']').and_then(|e| e.split_once('[')) else {
        return false;
    };
    class == "sign" || lex.class(class).is_some_and(|c| c.words().contains(&word))
}

#[test]
fn every_metric_of_every_report_says_why() {
    let lex = weijian::lexicon::get();
    let mut files: Vec<_> = REPORTS.iter().map(|r| fixture(r)).collect();
    for dir in ["tests/fixtures/constructed", "examples"] {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "txt") {
                files.push(p);
            }
        }
    }
    let mut metrics = 0;
    for path in &files {
        let doc = weijian::convert(&Input::from_path(path, u64::MAX).unwrap()).unwrap();
        for m in &doc.metrics {
            metrics += 1;
            assert!(
                !m.because.is_empty(),
                "{}: {} says nothing",
                path.display(),
                m.id
            );
            for b in &m.because {
                assert!(
                    is_known(lex, b),
                    "{}: {} says {b}, which is no rule and no lexicon word",
                    path.display(),
                    m.id
                );
            }
        }
    }
    assert!(metrics > 500, "only {metrics} metrics checked");
}

#[test]
fn a_change_verb_and_a_target_cue_are_named_with_their_words() {
    let doc = convert("全县门诊量同比增长12.5%,力争签约率达到75%。");
    let change = metric(&doc, "12.5%");
    assert!(change.because.iter().any(|b| b == "kind.change"));
    assert!(change.because.iter().any(|b| b == "change.up[同比增长]"));
    let target = metric(&doc, "75%");
    assert!(target.because.iter().any(|b| b == "role.target_cue"));
    assert!(target.because.iter().any(|b| b == "target.cues[力争]"));
}

#[test]
fn a_lengthened_life_is_a_change_not_a_duration() {
    // 延长 is a verb of growth, in change.up: once missing from one of two copied lists
    let doc = convert("全市人均预期寿命达到78.6岁,比上年延长0.5岁。");
    let m = metric(&doc, "0.5岁");
    assert_eq!(m.kind, weijian::model::MetricKind::Change);
    assert_eq!(m.value, 0.5);
    assert!(
        m.because.iter().any(|b| b == "change.up[延长]"),
        "{:?}",
        m.because
    );
    let doc = convert("全区居民平均寿命延长1.2岁。");
    let m = metric(&doc, "1.2岁");
    assert_eq!(m.kind, weijian::model::MetricKind::Change);
    assert!(m.label.ends_with("平均寿命"), "{}", m.label);
}

#[test]
fn whether_a_target_was_met_follows_the_catalogue_direction() {
    // the catalogue says the reported prevalence of severe mental disorders is better higher
    // (more patients found), whatever the word 患病率 in the label suggests
    let doc = convert("严重精神障碍患者报告患病率为4.5‰(任务4‰)。");
    let m = metric(&doc, "4.5‰");
    assert_eq!(m.indicator.as_deref(), Some("SMI.PREV"));
    let t = m.target.as_ref().unwrap();
    assert!(t.met, "{m:#?}");
    assert!(m.because.iter().any(|b| b == "target.met_direction"));
    assert!(!m.because.iter().any(|b| b == "target.met_label_fallback"));
    // a lower-is-better indicator of the catalogue, under its target: met
    let doc = convert("孕产妇死亡率为8.5/10万(目标10/10万)。");
    assert!(metric(&doc, "8.5/10万").target.as_ref().unwrap().met);
    // a metric the catalogue does not know: the label decides, and says so
    let doc = convert("院内感染发生率为3.2‰(目标4‰)。");
    let m = metric(&doc, "3.2‰");
    assert_eq!(m.indicator, None);
    assert!(m.target.as_ref().unwrap().met);
    assert!(m.because.iter().any(|b| b == "target.met_label_fallback"));
    // and validate agrees with the converter on both
    for text in [
        "严重精神障碍患者报告患病率为4.5‰(任务4‰)。",
        "院内感染发生率为3.2‰(目标4‰)。",
    ] {
        let doc = convert(text);
        let json = serde_json::to_vec(&doc).unwrap();
        let report = weijian::validate::validate_bytes(
            "doc.json",
            &json,
            &weijian::validate::Options::default(),
        );
        assert!(
            !report
                .findings
                .iter()
                .any(|f| f.message.contains("met should be")),
            "{:?}",
            report.findings
        );
    }
}

#[test]
fn explain_says_why_for_a_dev_report() {
    let out = weijian(
        &[
            "convert",
            fixture(REPORTS[1]).to_str().unwrap(),
            "--explain",
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    insta::assert_snapshot!("explain-001", String::from_utf8(out.stdout).unwrap());
}

#[test]
fn whether_a_rate_may_exceed_its_full_scale_follows_the_catalogue_bounds() {
    let flagged = |text: &str| convert(text).diagnostics.iter().any(|d| d.code == "M401");
    // bed occupancy may run above 100% (the catalogue bounds it at 150%)
    assert!(!flagged("全县病床使用率为105.2%。"));
    // a share of residents with a health record cannot
    assert!(flagged("全县居民电子健康档案建档率为105.2%。"));
    // a rate the catalogue does not know: its label says it is a completion rate
    assert!(!flagged("全年任务完成率为105.2%。"));
}
