//! Snapshot tests: the full table of figures of each dev report, and the CLI's error output.
//! A change to any figure, label, unit, role or target shows up as a snapshot diff.

mod common;

use common::{REPORTS, convert_fixture, weijian};

/// One line per metric: span, value, unit, kind, role, qualifier, label, target.
fn table(doc: &serde_json::Value) -> String {
    let mut out = String::new();
    for m in doc["metrics"].as_array().unwrap() {
        let target = m.get("target").map_or(String::new(), |t| {
            format!(
                " -> {} {} met={}",
                t["value"],
                t["unit"].as_str().unwrap(),
                t["met"]
            )
        });
        out.push_str(&format!(
            "{:>5}-{:<5} {:>12} {:<6} {:<8} {:<6} {:<9} {}{}\n",
            m["span"]["start"],
            m["span"]["end"],
            m["value"],
            m["unit"].as_str().unwrap(),
            m["kind"].as_str().unwrap(),
            m["role"].as_str().unwrap(),
            m["qualifier"].as_str().unwrap(),
            m["label"].as_str().unwrap(),
            target
        ));
    }
    out
}

#[test]
fn figures_of_every_dev_report() {
    for name in REPORTS {
        let doc = convert_fixture(name);
        insta::assert_snapshot!(format!("metrics-{}", &name[..3]), table(&doc));
    }
}

#[test]
fn headings_of_every_dev_report() {
    for name in REPORTS {
        let doc = convert_fixture(name);
        let headings: Vec<String> = doc["sections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                format!(
                    "{}{} {}{} ({})",
                    "  ".repeat(s["level"].as_u64().unwrap() as usize - 1),
                    s["level"],
                    s["number"].as_str().unwrap(),
                    s["title"].as_str().unwrap(),
                    s["role"].as_str().unwrap()
                )
            })
            .collect();
        insta::assert_snapshot!(format!("sections-{}", &name[..3]), headings.join("\n"));
    }
}

#[test]
fn error_messages() {
    let out = weijian(&["convert", "-"], Some(b"%PDF-1.7\n"));
    insta::assert_snapshot!("error-pdf", String::from_utf8_lossy(&out.stderr));
    let out = weijian(&["convert", "-"], Some(b"\xe5\x8d\xab\xff\xff"));
    insta::assert_snapshot!("error-undecodable", String::from_utf8_lossy(&out.stderr));
}
