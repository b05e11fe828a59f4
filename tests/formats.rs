//! Word, web-page and PDF versions of the dev reports yield the metrics of the text version;
//! tables yield their cell metrics; bad files of each format fail clearly.

mod common;

use common::formats;
use serde_json::Value;

/// (label, value, unit, role) of each metric of a converted document.
fn facts(doc: &Value) -> Vec<(String, f64, String, String)> {
    doc["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["label"].as_str().unwrap().to_string(),
                m["value"].as_f64().unwrap(),
                m["unit"].as_str().unwrap().to_string(),
                m["role"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn convert(path: &std::path::Path) -> Value {
    let out = common::weijian(&["convert", path.to_str().unwrap()], None);
    assert!(
        out.status.success(),
        "{}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn every_format_yields_the_metrics_of_the_text() {
    let dir = tempfile::tempdir().unwrap();
    for report in common::REPORTS {
        let txt = common::fixture(report);
        let text = std::fs::read_to_string(&txt).unwrap();
        let txt_doc = convert(&txt);
        let expected = facts(&txt_doc);
        assert!(!expected.is_empty());
        let stem = report.trim_end_matches(".txt");
        for (ext, bytes) in [
            ("docx", formats::docx(&text, None)),
            ("html", formats::html(&text, None)),
            ("pdf", formats::pdf(&text)),
            ("spaced.pdf", formats::pdf_letter_spaced(&text)),
        ] {
            let path = dir.path().join(format!("{stem}.{ext}"));
            std::fs::write(&path, bytes).unwrap();
            let doc = convert(&path);
            assert_eq!(doc["source"]["format"], ext.trim_start_matches("spaced."));
            // the document is valid in the shared schema and by the built-in rules
            let json = dir.path().join(format!("{stem}.{ext}.json"));
            std::fs::write(&json, serde_json::to_vec(&doc).unwrap()).unwrap();
            let checked = common::weijian(&["validate", json.to_str().unwrap()], None);
            assert!(
                checked.status.success(),
                "{stem}.{ext}: {}",
                String::from_utf8_lossy(&checked.stdout)
            );
            // the same report: title, period, kind
            for field in ["title", "period", "kind"] {
                assert_eq!(
                    doc["report"][field], txt_doc["report"][field],
                    "{stem}.{ext} {field}"
                );
            }
            if ext == "html" && txt_doc["report"]["index_number"].is_null() {
                // the page's metadata table fills the report metadata (where the report's
                // own text does not carry one)
                assert_eq!(doc["report"]["published"], "2024-01-15");
                assert_eq!(doc["report"]["index_number"], "113209-2024-00012");
                assert_eq!(doc["report"]["issuer"], "某县卫生健康委员会");
            }
            let got = facts(&doc);
            let missing: Vec<_> = expected.iter().filter(|f| !got.contains(f)).collect();
            let extra: Vec<_> = got.iter().filter(|f| !expected.contains(f)).collect();
            assert!(
                missing.is_empty() && extra.is_empty() && got.len() == expected.len(),
                "{stem}.{ext}: missing {missing:?}\nextra {extra:?}"
            );
        }
    }
}

/// Writes the generated files of the first report to $WEIJIAN_DUMP, for looking at.
#[test]
fn dump_generated_files() {
    let Ok(dir) = std::env::var("WEIJIAN_DUMP") else {
        return;
    };
    let text = std::fs::read_to_string(common::fixture(common::REPORTS[0])).unwrap();
    std::fs::write(format!("{dir}/r.pdf"), formats::pdf(&text)).unwrap();
    std::fs::write(
        format!("{dir}/spaced.pdf"),
        formats::pdf_letter_spaced(&text),
    )
    .unwrap();
    std::fs::write(format!("{dir}/r.docx"), formats::docx(&text, None)).unwrap();
    std::fs::write(format!("{dir}/r.html"), formats::html(&text, None)).unwrap();
}

fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

const TABLE_REPORT: &str = "某县卫生健康委员会2023年工作总结\n一、基本情况\n全县建立居民电子健康档案476094份。\n二、主要指标完成情况\n";

fn table() -> Vec<Vec<&'static str>> {
    vec![
        vec!["指标", "2023年", "目标值"],
        vec!["家庭医生签约率(%)", "51.2", "50"],
        vec!["孕产妇系统管理率(%)", "93.42", "95"],
        vec!["基本公共卫生服务资金(万元)", "4120.38", ""],
    ]
}

#[test]
fn table_cells_become_metrics_in_docx_and_html() {
    let dir = tempfile::tempdir().unwrap();
    let rows = table();
    for (name, bytes) in [
        ("t.docx", formats::docx(TABLE_REPORT, Some(&rows))),
        ("t.html", formats::html(TABLE_REPORT, Some(&rows))),
    ] {
        let doc = convert(&write(dir.path(), name, &bytes));
        let ms = doc["metrics"].as_array().unwrap();
        let cells: Vec<_> = ms
            .iter()
            .filter(|m| m["origin"]["part"] == "table")
            .map(|m| {
                (
                    m["label"].as_str().unwrap(),
                    m["value"].as_f64().unwrap(),
                    m["unit"].as_str().unwrap(),
                    m["target"]["value"].as_f64(),
                    m["target"]["met"].as_bool(),
                    m["origin"]["row"].as_u64().unwrap(),
                    m["origin"]["column"].as_u64().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            cells,
            [
                ("家庭医生签约率", 51.2, "%", Some(50.0), Some(true), 2, 2),
                (
                    "孕产妇系统管理率",
                    93.42,
                    "%",
                    Some(95.0),
                    Some(false),
                    3,
                    2
                ),
                ("基本公共卫生服务资金", 41_203_800.0, "元", None, None, 4, 2),
            ],
            "{name}"
        );
        // the table sits in the section that holds it
        let section = ms.iter().find(|m| m["origin"]["part"] == "table").unwrap()["section"]
            .as_str()
            .unwrap();
        let title = doc["sections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == section)
            .unwrap()["title"]
            .clone();
        assert_eq!(title, "主要指标完成情况", "{name}");
        // and the running text keeps its own figure
        assert!(
            ms.iter()
                .any(|m| m["value"] == 476094.0 && m["origin"]["part"] == "body")
        );
    }
}

/// Every span of a converted document points at its text in what `weijian text` prints.
#[test]
fn spans_point_into_the_printed_text() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(common::fixture(common::REPORTS[1])).unwrap();
    let rows = table();
    for (name, bytes) in [
        ("s.docx", formats::docx(&text, Some(&rows))),
        ("s.html", formats::html(&text, Some(&rows))),
        ("s.pdf", formats::pdf(&text)),
    ] {
        let path = write(dir.path(), name, &bytes);
        let printed = common::weijian(&["text", path.to_str().unwrap()], None);
        assert!(printed.status.success());
        let chars: Vec<char> = String::from_utf8(printed.stdout).unwrap().chars().collect();
        let doc = convert(&path);
        assert_eq!(
            doc["source"]["chars"].as_u64().unwrap() as usize,
            chars.len()
        );
        for m in doc["metrics"].as_array().unwrap() {
            let (a, b) = (
                m["span"]["start"].as_u64().unwrap() as usize,
                m["span"]["end"].as_u64().unwrap() as usize,
            );
            let at: String = chars[a..b].iter().collect();
            assert_eq!(at, m["as_written"].as_str().unwrap(), "{name} {}", m["id"]);
        }
    }
}

#[test]
fn origins_name_paragraphs_pages_and_footnotes() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(common::fixture(common::REPORTS[0])).unwrap();
    let pdf = convert(&write(dir.path(), "o.pdf", &formats::pdf(&text)));
    let pages: Vec<u64> = pdf["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["origin"]["page"].as_u64().unwrap())
        .collect();
    assert!(pages.windows(2).all(|w| w[0] <= w[1]));
    assert!(pages.first() == Some(&1) && pages.last() > Some(&1));
    // running header and page numbers are not text; the header is reported
    let printed = common::weijian(&["text", dir.path().join("o.pdf").to_str().unwrap()], None);
    let printed = String::from_utf8(printed.stdout).unwrap();
    assert!(!printed.contains("某县卫生健康委员会工作报告"));
    assert!(!printed.lines().any(|l| l.trim() == "- 2 -"));
    assert!(
        pdf["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "T208")
    );

    let docx = write(
        dir.path(),
        "o.docx",
        &formats::docx("#1 工作成效\n全县卫生院12家。\n", None),
    );
    let printed = common::weijian(&["text", docx.to_str().unwrap()], None);
    assert_eq!(
        String::from_utf8(printed.stdout).unwrap(),
        "工作成效\n全县卫生院12家。\n注\n\n数据来源于卫生健康统计年报。\n"
    );
    let doc = convert(&docx);
    assert_eq!(doc["sections"][0]["title"], "工作成效");
    assert_eq!(doc["metrics"][0]["origin"]["paragraph"], 2);
}

#[test]
fn bad_files_of_each_format_fail_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let good = formats::docx("全县卫生院12家。\n", None);
    // a zip bomb: 4 MB of zeros packed a thousand times over
    let bomb = {
        use std::io::Write;
        let mut out = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("word/document.xml", options).unwrap();
        zip.write_all(&vec![b' '; 4 << 20]).unwrap();
        zip.finish().unwrap();
        out.into_inner()
    };
    let empty_pdf = formats::pdf("");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("truncated.docx", good[..good.len() / 2].to_vec(), "E113"),
        ("bomb.docx", bomb, "E113"),
        (
            "old.doc",
            vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0],
            "E105",
        ),
        ("scan.pdf", empty_pdf, "E114"),
        (
            "broken.pdf",
            b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF".to_vec(),
            "E113",
        ),
        (
            "empty.html",
            "<html><body><div class=\"nav\">首页</div></body></html>"
                .as_bytes()
                .to_vec(),
            "E114",
        ),
    ];
    for (name, bytes, code) in cases {
        let path = write(dir.path(), name, &bytes);
        let out = common::weijian(&["convert", path.to_str().unwrap()], None);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(
            stderr.contains(&format!("error[{code}]")),
            "{name}: {stderr}"
        );
        assert!(stderr.contains("help:"), "{name}: {stderr}");
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        assert!(out.stdout.is_empty());
    }
}

/// `validate --source` reads a Word or PDF source as convert did: every span holds its text.
#[test]
fn validate_checks_spans_against_a_word_or_pdf_source() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(common::fixture(common::REPORTS[3])).unwrap();
    let rows = table();
    for (name, bytes) in [
        ("v.docx", formats::docx(&text, Some(&rows))),
        ("v.pdf", formats::pdf(&text)),
    ] {
        let source = write(dir.path(), name, &bytes);
        let doc = dir.path().join(format!("{name}.json"));
        let out = common::weijian(
            &[
                "convert",
                source.to_str().unwrap(),
                "-o",
                doc.to_str().unwrap(),
            ],
            None,
        );
        assert!(out.status.success());
        let out = common::weijian(
            &[
                "validate",
                doc.to_str().unwrap(),
                "--source",
                source.to_str().unwrap(),
                "--fail-on",
                "warning",
                "--format",
                "json",
            ],
            None,
        );
        let report = String::from_utf8_lossy(&out.stdout);
        assert!(
            !report.contains("V309") && !report.contains("V311"),
            "{name}: {report}"
        );
    }
}

/// Merged cells: a year over two columns (实际, 目标) and a region over two rows line up
/// with the figures under and beside them.
#[test]
fn merged_cells_line_up_with_their_figures() {
    let dir = tempfile::tempdir().unwrap();
    let page = r#"<html><head><meta charset="utf-8"><title>2023年卫生健康统计公报</title></head><body>
<div class="content"><p>一、主要指标</p>
<table border="1">
<tr><td rowspan="2">地区</td><td rowspan="2">指标</td><td colspan="2">2023年</td></tr>
<tr><td>实际</td><td>目标</td></tr>
<tr><td rowspan="2">城区</td><td>签约率(%)</td><td>51.2</td><td>50</td></tr>
<tr><td>建档率(%)</td><td>85.6</td><td>90</td></tr>
<tr><td>乡镇</td><td>签约率(%)</td><td>60.5</td><td>55</td></tr>
</table></div></body></html>"#;
    let doc = convert(&write(dir.path(), "merged.html", page.as_bytes()));
    let targets: Vec<_> = doc["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["target"]["value"].as_f64(), m["target"]["met"].as_bool()))
        .collect();
    let got: Vec<_> = facts(&doc)
        .into_iter()
        .zip(targets)
        .map(|((label, value, unit, _), (target, met))| (label, value, unit, target, met))
        .collect();
    let want = [
        ("城区签约率", 51.2, "%", Some(50.0), Some(true)),
        ("城区建档率", 85.6, "%", Some(90.0), Some(false)),
        ("乡镇签约率", 60.5, "%", Some(55.0), Some(true)),
    ];
    assert_eq!(got.len(), want.len(), "{got:?}");
    for (g, w) in got.iter().zip(want) {
        assert_eq!((g.0.as_str(), g.1, g.2.as_str(), g.3, g.4), w);
    }
}
