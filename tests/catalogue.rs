//! The indicator catalogue on the dev corpus: exactly the metrics listed in
//! tests/fixtures/indicators-dev.tsv carry an indicator code, and the right one; and
//! `weijian indicators` lists the catalogue.

mod common;

use common::{REPORTS, convert_fixture, fixture, weijian};

#[test]
fn dev_corpus_metrics_carry_their_indicator_codes() {
    // label, population, subject, code
    let listed: Vec<[String; 4]> = std::fs::read_to_string(fixture("indicators-dev.tsv"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            [f[0], f[1], f[2], f[3]].map(str::to_string)
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    for r in REPORTS {
        let doc = convert_fixture(r);
        for m in doc["metrics"].as_array().unwrap() {
            let field = |k: &str| m[k].as_str().unwrap_or("").to_string();
            let key = [field("label"), field("population"), field("subject")];
            let code = m["indicator"].as_str().map(str::to_string);
            let expected = listed.iter().find(|l| l[..3] == key).map(|l| l[3].clone());
            assert_eq!(code, expected, "{r}: {key:?}");
            if let Some(c) = expected {
                assert!(m["indicator_match"].is_string());
                seen.insert((key, c));
            }
        }
    }
    assert_eq!(
        seen.len(),
        listed.len(),
        "every listed label occurs in the dev corpus"
    );
}

#[test]
fn the_indicators_command_lists_the_catalogue() {
    let out = weijian(&["indicators", "--format", "json"], None);
    assert!(out.status.success());
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["code"].as_str().unwrap())
        .collect();
    assert!(codes.len() >= 40);
    assert!(codes.contains(&"HTN.STD") && codes.contains(&"MCH.MMR"));

    let table = weijian(&["indicators"], None);
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(
        text.contains("HTN.STD") && text.contains("高血压患者规范管理率"),
        "{text}"
    );
}

#[test]
fn a_user_catalogue_adds_and_overrides_and_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("province.yaml");
    std::fs::write(
        &good,
        "indicators:\n  - {code: HTN.STD, name: 高血压患者规范管理率, synonyms: [高血压患者规范健康管理率], unit: '%', direction: higher}\n  - {code: LOCAL.X, name: 家医团队覆盖率, unit: '%', direction: higher}\n",
    )
    .unwrap();
    let out = weijian(
        &[
            "indicators",
            "--format",
            "json",
            "--catalogue",
            good.to_str().unwrap(),
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let find = |code: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|i| i["code"] == code)
            .cloned()
    };
    assert!(find("LOCAL.X").is_some());
    assert_eq!(
        find("HTN.STD").unwrap()["synonyms"][0],
        "高血压患者规范健康管理率"
    );

    let bad = dir.path().join("bad.yaml");
    std::fs::write(
        &bad,
        "indicators:\n  - {code: htn, name: x, unit: '%', direction: up}\n",
    )
    .unwrap();
    let out = weijian(&["indicators", "--catalogue", bad.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error[E112]") && err.contains("bad.yaml:2"),
        "{err}"
    );
}

#[test]
fn convert_codes_by_a_user_catalogue() {
    let dir = tempfile::tempdir().unwrap();
    let own = dir.path().join("province.yaml");
    std::fs::write(
        &own,
        "indicators:\n  - {code: LOCAL.X, name: 家医团队覆盖率, unit: '%', direction: higher}\n",
    )
    .unwrap();
    let report = dir.path().join("r.txt");
    std::fs::write(
        &report,
        "全区家医团队覆盖率为92.5%,居民电子健康档案建档率为85.6%。\n",
    )
    .unwrap();
    let r = report.to_str().unwrap();
    let codes = |args: &[&str]| -> Vec<serde_json::Value> {
        let out = weijian(args, None);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        doc["metrics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["indicator"].clone())
            .collect()
    };
    let plain = codes(&["convert", r]);
    let with = codes(&["convert", r, "--catalogue", own.to_str().unwrap()]);
    assert_eq!(plain[0], serde_json::Value::Null);
    assert_eq!(with[0], "LOCAL.X");
    // merged over the built-in catalogue: its codes stay
    assert_eq!(plain[1], "EHR.RATE");
    assert_eq!(with[1], "EHR.RATE");
    let out = weijian(&["convert", r, "--catalogue", r], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("error[E112]"));
}

#[test]
fn compare_writes_json_csv_and_a_compare_sheet() {
    use calamine::{Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    let reports: Vec<String> = REPORTS
        .iter()
        .map(|r| fixture(r).to_str().unwrap().to_string())
        .collect();
    let run = |out: &std::path::Path| {
        let mut args = vec!["compare".to_string()];
        args.extend(reports.iter().cloned());
        args.extend(["-o".to_string(), out.to_str().unwrap().to_string()]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = weijian(&args, None);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    let json = dir.path().join("c.json");
    run(&json);
    let c: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(c["reports"].as_array().unwrap().len(), 4);
    let htn = c["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == "HTN.STD")
        .unwrap();
    // 000 gives 65.5%, 002 gives 68%: 002 ranks first
    assert_eq!(htn["entries"][0]["value"], 65.5);
    assert_eq!(htn["entries"][0]["rank"], 2);
    assert_eq!(htn["entries"][2]["rank"], 1);
    assert!(htn["entries"][1].is_null());

    let csv = dir.path().join("c.csv");
    run(&csv);
    let text = std::fs::read_to_string(&csv).unwrap();
    let rows = text.lines().count() - 1;
    let expected: usize = c["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            i["entries"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|e| !e.is_null())
                .count()
        })
        .sum();
    assert_eq!(
        rows, expected,
        "one long-table row per indicator and report"
    );

    let xlsx = dir.path().join("c.xlsx");
    run(&xlsx);
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let sheet = book.worksheet_range("Compare").unwrap();
    assert_eq!(
        sheet.height(),
        c["indicators"].as_array().unwrap().len().max(expected) + 1
    );
    assert_eq!(sheet.get((0, 0)).unwrap().to_string(), "indicator");
}
