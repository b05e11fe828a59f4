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
        let expected = facts(&convert(&txt));
        assert!(!expected.is_empty());
        let stem = report.trim_end_matches(".txt");
        for (ext, bytes) in [
            ("docx", formats::docx(&text, None)),
            ("html", formats::html(&text, None)),
            ("pdf", formats::pdf(&text)),
        ] {
            let path = dir.path().join(format!("{stem}.{ext}"));
            std::fs::write(&path, bytes).unwrap();
            let doc = convert(&path);
            assert_eq!(doc["source"]["format"], ext);
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
    std::fs::write(format!("{dir}/r.docx"), formats::docx(&text, None)).unwrap();
    std::fs::write(format!("{dir}/r.html"), formats::html(&text, None)).unwrap();
}
