//! `weijian convert` on the real dev reports: the figures users rely on, their spans, and the
//! schema every document must follow.

mod common;

use common::{REPORTS, convert_fixture, fixture, schema, weijian};
use serde_json::Value;

fn metrics(doc: &Value) -> &Vec<Value> {
    doc["metrics"].as_array().unwrap()
}

fn source_chars(name: &str) -> Vec<char> {
    std::fs::read_to_string(fixture(name))
        .unwrap()
        .chars()
        .collect()
}

fn span_text(chars: &[char], span: &Value) -> String {
    let (s, e) = (
        span["start"].as_u64().unwrap() as usize,
        span["end"].as_u64().unwrap() as usize,
    );
    chars[s..e].iter().collect()
}

/// The metric whose span text is `surface` and that follows the unique `context`.
fn metric_at<'a>(doc: &'a Value, name: &str, context: &str, surface: &str) -> &'a Value {
    let text = std::fs::read_to_string(fixture(name)).unwrap();
    let at = text
        .find(context)
        .unwrap_or_else(|| panic!("{context} not in {name}"));
    let start = text[..at + context.find(surface).unwrap()].chars().count() as u64;
    metrics(doc)
        .iter()
        .find(|m| m["span"]["start"].as_u64() == Some(start))
        .unwrap_or_else(|| panic!("no metric at {surface:?} in {context:?}"))
}

#[test]
fn every_document_validates_against_the_schema() {
    let schema = schema();
    jsonschema::meta::validate(&schema).expect("the schema is a valid 2020-12 schema");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    for name in REPORTS {
        let doc = convert_fixture(name);
        let errors: Vec<String> = validator
            .iter_errors(&doc)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
}

#[test]
fn spans_point_at_the_number_as_written() {
    for name in REPORTS {
        let doc = convert_fixture(name);
        let chars = source_chars(name);
        assert_eq!(doc["source"]["chars"].as_u64(), Some(chars.len() as u64));
        for m in metrics(&doc) {
            let text = span_text(&chars, &m["span"]);
            assert_eq!(text, m["as_written"].as_str().unwrap(), "{name}: {m}");
            assert!(
                text.chars()
                    .any(|c| c.is_ascii_digit() || "一二三四五六七八九十两IOoLl".contains(c)),
                "{name}: {text:?}"
            );
            if let Some(t) = m.get("target") {
                assert_eq!(
                    span_text(&chars, &t["span"]),
                    t["as_written"].as_str().unwrap()
                );
            }
        }
    }
}

#[test]
fn figures_of_a_download_site_copy() {
    let name = "000_6e427e49ff9af0f7.txt";
    let doc = convert_fixture(name);
    let check = |context: &str, surface: &str, value: f64, unit: &str| {
        let m = metric_at(&doc, name, context, surface);
        assert_eq!(m["value"].as_f64(), Some(value), "{m}");
        assert_eq!(m["unit"], unit, "{m}");
        m.clone()
    };
    check("基层医疗卫生机构99家", "99家", 99.0, "家");
    check("服务我区55.6万居民", "55.6万", 556000.0, "人");
    // a page-break marker split the number: 19 / 2、 / 9名
    let m = check("协管员19\n2、9名", "19\n2、9名", 199.0, "名");
    assert_eq!(m["as_written"], "19\n2、9名");
    check("服务资金4120.38万元", "4120.38万元", 41203800.0, "元");
    check("共有十二项", "十二项", 12.0, "项");
    check("服务率6\n3、5.5%", "6\n3、5.5%", 65.5, "%");
    // OCR damage
    let m = check("参与居民L17万余人次", "L17万余人次", 11700.0, "人次");
    assert_eq!(m["qualifier"], "more_than");
    check("受益居民IOoOO余人", "IOoOO余人", 10000.0, "人");
    check("产后访视率98.63%o", "98.63%", 98.63, "%");
    // attached targets, including one whose opening bracket was lost
    let m = check("健康管理服务率63.9%全年任务62%", "63.9%", 63.9, "%");
    assert_eq!(m["target"]["value"].as_f64(), Some(62.0));
    assert_eq!(m["target"]["met"], true);
    let m = check("签约率1.4%(任务Ll%)", "1.4%", 1.4, "%");
    assert_eq!(m["target"]["value"].as_f64(), Some(1.1));
    assert_eq!(m["population"], Value::Null);
    let m = check("65岁及以上老年人健康管理45777人", "45777人", 45777.0, "人");
    assert_eq!(m["population"], "65岁及以上老年人");
    // nested counts: 其中
    let parent = check("基层医疗卫生机构99家", "99家", 99.0, "家");
    let child = check("村卫生室21家", "21家", 21.0, "家");
    assert_eq!(child["parent"], parent["id"]);
    // no figures from the site boilerplate (15页珍藏版) or ordinals (第35个)
    assert!(metrics(&doc).iter().all(|m| m["unit"] != "页"));
    assert!(
        !metrics(&doc)
            .iter()
            .any(|m| m["value"].as_f64() == Some(35.0))
    );
}

#[test]
fn figures_of_a_county_report() {
    let name = "002_47eab20a937527cb.txt";
    let doc = convert_fixture(name);
    let m = metric_at(&doc, name, "较2022年增长29.20%", "29.20%");
    assert_eq!(
        (m["kind"].as_str(), m["value"].as_f64()),
        (Some("change"), Some(29.2))
    );
    let m = metric_at(&doc, name, "千人口托位数3.2个", "3.2个");
    assert_eq!(
        (m["kind"].as_str(), m["unit"].as_str()),
        (Some("density"), Some("个/千人"))
    );
    let m = metric_at(&doc, name, "报告患病率为6.24‰", "6.24‰");
    assert_eq!(m["unit"], "‰");
    let m = metric_at(&doc, name, "穴位注射等6类10项", "6类");
    assert_eq!(m["label"], "中医适宜技术服务");
    assert_eq!(doc["report"]["kind"], "summary_and_plan");
    assert_eq!(doc["report"]["jurisdiction"]["level"], "county");
    let titles: Vec<&str> = doc["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert!(titles.contains(&"下一步工作打算"));
    let plan = doc["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["title"] == "下一步工作打算")
        .unwrap();
    assert_eq!(plan["role"], "plan");
}

#[test]
fn figures_and_metadata_of_a_government_web_page() {
    let name = "004_66e329daecd2f51b.txt";
    let doc = convert_fixture(name);
    let r = &doc["report"];
    assert_eq!(r["issuer"], "无锡市滨湖区卫生健康委员会");
    assert_eq!(r["jurisdiction"]["level"], "district");
    assert_eq!(r["published"], "2024-03-13");
    assert_eq!(r["index_number"], "014028901/2023-11651");
    assert_eq!(r["period"], "2023");
    let m = metric_at(&doc, name, "发病率636.69/10 万", "636.69/10 万");
    assert_eq!(
        (m["value"].as_f64(), m["unit"].as_str()),
        (Some(636.69), Some("1/10万"))
    );
    let m = metric_at(&doc, name, "力争全区75%的基层医疗卫生机构", "75%");
    assert_eq!(m["role"], "target");
    let m = metric_at(&doc, name, "全区投入约1.7亿元", "1.7亿元");
    assert_eq!(
        (m["value"].as_f64(), m["qualifier"].as_str()),
        (Some(170000000.0), Some("about"))
    );
    // nothing from the metadata table
    assert!(
        !metrics(&doc)
            .iter()
            .any(|m| m["as_written"].as_str().unwrap().contains("11651"))
    );
}

#[test]
fn rates_are_checked_against_their_counts() {
    let doc = convert_fixture("001_4e7b4439fa0c07a9.txt");
    let diags = doc["diagnostics"].as_array().unwrap();
    let agrees: Vec<&str> = diags
        .iter()
        .filter(|d| d["code"] == "M402")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(
        agrees
            .iter()
            .any(|m| m.contains("70.20%") && m.contains("61026人 / 86927人")),
        "{agrees:#?}"
    );
    // 咨询随访率144.71% is a share above 100%
    assert!(
        diags
            .iter()
            .any(|d| d["code"] == "M401" && d["message"].as_str().unwrap().contains("144.71"))
    );
}

#[test]
fn yaml_output_reads_back_as_the_same_document() {
    let path = fixture(REPORTS[1]);
    let json = weijian(&["convert", path.to_str().unwrap()], None);
    let yaml = weijian(
        &["convert", path.to_str().unwrap(), "--format", "yaml"],
        None,
    );
    assert!(yaml.status.success());
    let from_json: weijian::Document = serde_json::from_slice(&json.stdout).unwrap();
    let from_yaml: weijian::Document =
        weijian::yaml::from_str(std::str::from_utf8(&yaml.stdout).unwrap()).unwrap();
    assert_eq!(from_json, from_yaml);
}

#[test]
fn standard_input_and_output_file() {
    let bytes = std::fs::read(fixture(REPORTS[2])).unwrap();
    let out = weijian(&["convert", "-"], Some(&bytes));
    assert!(out.status.success());
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["source"]["file"], "-");
    assert_eq!(
        metrics(&doc).len(),
        metrics(&convert_fixture(REPORTS[2])).len()
    );

    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.json");
    let out = weijian(
        &[
            "convert",
            fixture(REPORTS[2]).to_str().unwrap(),
            "-o",
            target.to_str().unwrap(),
        ],
        None,
    );
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&target).unwrap()).unwrap();
    assert_eq!(written["metrics"], doc["metrics"]);
}

#[test]
fn gbk_crlf_and_full_width_copies_give_the_same_figures() {
    let text = std::fs::read_to_string(fixture(REPORTS[1])).unwrap();
    let reference: Vec<(f64, String)> = metrics(&convert_fixture(REPORTS[1]))
        .iter()
        .map(|m| {
            (
                m["value"].as_f64().unwrap(),
                m["unit"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let figures = |bytes: &[u8]| -> (Value, Vec<(f64, String)>) {
        let out = weijian(&["convert", "-"], Some(bytes));
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        let f = metrics(&doc)
            .iter()
            .map(|m| {
                (
                    m["value"].as_f64().unwrap(),
                    m["unit"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        (doc, f)
    };
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let (doc, f) = figures(&gbk);
    assert_eq!(doc["source"]["encoding"], "GB18030");
    assert_eq!(f, reference);
    let (doc, f) = figures(text.replace('\n', "\r\n").as_bytes());
    assert_eq!(f, reference);
    assert_eq!(
        doc["metrics"],
        convert_fixture(REPORTS[1])["metrics"],
        "CRLF does not move spans"
    );
    let wide: String = text
        .chars()
        .map(|c| match c {
            '0'..='9' | '%' | '.' | '(' | ')' => char::from_u32(c as u32 + 0xfee0).unwrap(),
            _ => c,
        })
        .collect();
    let (_, f) = figures(wide.as_bytes());
    assert_eq!(f, reference);
}

#[test]
fn traditional_characters_and_numerals() {
    let text = "一、基本情況\n全縣共有衛生院12個,簽約2.5萬人,開展培訓十二場次。";
    let out = weijian(&["convert", "-"], Some(text.as_bytes()));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let got: Vec<(f64, &str, &str)> = metrics(&doc)
        .iter()
        .map(|m| {
            (
                m["value"].as_f64().unwrap(),
                m["unit"].as_str().unwrap(),
                m["label"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (12.0, "个", "衛生院"),
            (25000.0, "人", "簽約"),
            (12.0, "场次", "開展培訓")
        ]
    );
}
