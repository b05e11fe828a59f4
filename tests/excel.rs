//! Excel: `weijian export` on the dev corpus read back with calamine, no formula cells ever,
//! `weijian import` giving back the very documents, `weijian template`, and a filled template
//! with planted errors reported at their cells by `weijian validate`.

mod common;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::{REPORTS, convert_fixture, fixture, weijian};
use rust_xlsxwriter::{ExcelDateTime, Workbook};
use serde_json::Value;
use weijian::excel::template::{METRIC_FILL, REPORT_FILL};

fn export(inputs: &[String], out: &std::path::Path) {
    let mut args = vec!["export".to_string()];
    args.extend(inputs.iter().cloned());
    args.push("-o".into());
    args.push(out.to_str().unwrap().into());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = weijian(&args, None);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

fn assert_no_formulas(book: &mut Xlsx<std::io::BufReader<std::fs::File>>) {
    for sheet in book.sheet_names() {
        let formulas = book.worksheet_formula(&sheet).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{sheet} has a formula"
        );
    }
}

/// The first row of a sheet, as text.
fn header_of(range: &calamine::Range<Data>) -> Vec<String> {
    range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect()
}

fn dev_reports() -> Vec<String> {
    REPORTS
        .iter()
        .map(|r| fixture(r).to_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_dev_corpus_exports_sheet_by_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let book_path = dir.path().join("book.xlsx");
    export(&dev_reports(), &book_path);
    let docs: Vec<Value> = REPORTS.iter().map(|r| convert_fixture(r)).collect();
    let mut book: Xlsx<_> = open_workbook(&book_path).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "Reports",
            "Metrics",
            "Sections",
            "Bodies",
            "Programmes",
            "Findings"
        ]
    );
    let count = |key: &str| {
        docs.iter()
            .map(|d| d[key].as_array().unwrap().len())
            .sum::<usize>()
    };
    for (sheet, key) in [
        ("Metrics", "metrics"),
        ("Sections", "sections"),
        ("Bodies", "bodies"),
        ("Programmes", "programmes"),
        ("Findings", "diagnostics"),
    ] {
        let range = book.worksheet_range(sheet).unwrap();
        assert_eq!(
            range.height(),
            count(key) + 1,
            "{sheet}: a header and one row per record"
        );
    }
    let reports = book.worksheet_range("Reports").unwrap();
    assert_eq!(reports.height(), 5);
    assert_eq!(reports.get((0, 0)), Some(&Data::String("report".into())));
    assert_eq!(
        reports.get((1, 1)),
        Some(&Data::String(
            docs[0]["report"]["title"].as_str().unwrap().into()
        ))
    );

    // every metric's value, unit and label, in order, with full precision
    let metrics = book.worksheet_range("Metrics").unwrap();
    let header = header_of(&metrics);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let mut row = 1;
    for doc in &docs {
        for m in doc["metrics"].as_array().unwrap() {
            assert_eq!(
                metrics.get((row, col("value"))),
                Some(&Data::Float(m["value"].as_f64().unwrap()))
            );
            assert_eq!(
                metrics.get((row, col("unit"))),
                Some(&Data::String(m["unit"].as_str().unwrap().into()))
            );
            let label = m["label"].as_str().unwrap();
            if !label.is_empty() {
                assert_eq!(
                    metrics.get((row, col("label"))),
                    Some(&Data::String(label.into()))
                );
            }
            assert_eq!(
                metrics.get((row, col("as_written"))),
                Some(&Data::String(m["as_written"].as_str().unwrap().into()))
            );
            row += 1;
        }
    }
    // sentences come from the source when the input is a report
    assert!(
        matches!(metrics.get((1, col("sentence_text"))), Some(Data::String(s)) if !s.is_empty())
    );
    // no formula anywhere
    assert_no_formulas(&mut book);
}

#[test]
fn text_that_looks_like_a_formula_stays_text() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.txt");
    std::fs::write(
        &report,
        "=SUM(A1)签约率51.2%，+1建档476094份，@人民医院3家，-减少2家。\n",
    )
    .unwrap();
    let book_path = dir.path().join("book.xlsx");
    export(&[report.to_str().unwrap().to_string()], &book_path);
    let mut book: Xlsx<_> = open_workbook(&book_path).unwrap();
    assert_no_formulas(&mut book);
    let metrics = book.worksheet_range("Metrics").unwrap();
    let labels: Vec<String> = metrics.rows().skip(1).map(|r| r[3].to_string()).collect();
    assert!(labels.iter().any(|l| l.starts_with('=')), "{labels:?}");
}

#[test]
fn import_gives_back_the_documents() {
    let dir = tempfile::tempdir().unwrap();
    let book_path = dir.path().join("book.xlsx");
    export(&dev_reports(), &book_path);
    let out = dir.path().join("docs");
    let run = weijian(
        &[
            "import",
            book_path.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    for r in REPORTS {
        let stem = r.trim_end_matches(".txt");
        let back: Value = serde_json::from_str(
            &std::fs::read_to_string(out.join(format!("{stem}.json"))).unwrap(),
        )
        .unwrap();
        assert_eq!(back, convert_fixture(r), "{r}");
    }
}

#[test]
fn import_refuses_what_is_not_a_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("fake.xlsx");
    std::fs::write(&fake, b"PK\x03\x04 not really a zip").unwrap();
    let run = weijian(&["import", fake.to_str().unwrap()], None);
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("error[E110]") && err.contains("not a readable .xlsx"),
        "{err}"
    );
    let run = weijian(
        &["validate", "--format", "json", fake.to_str().unwrap()],
        None,
    );
    assert_eq!(run.status.code(), Some(2));
    let report: Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(report["findings"][0]["code"], "V107");

    // a workbook without the Metrics sheet
    let path = dir.path().join("partial.xlsx");
    let mut book = Workbook::new();
    book.add_worksheet()
        .set_name("Reports")
        .unwrap()
        .write_string(0, 0, "report")
        .unwrap();
    book.save(&path).unwrap();
    let run = weijian(&["import", path.to_str().unwrap()], None);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("no sheet \"Metrics\""));
}

#[test]
fn the_template_has_its_sheets_and_reads_back_empty() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("submission.xlsx");
    let run = weijian(&["template", "-o", path.to_str().unwrap()], None);
    assert!(run.status.success());
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), ["说明", "Reports", "Metrics", "Codes"]);
    let metrics = book.worksheet_range("Metrics").unwrap();
    let header = header_of(&metrics);
    assert_eq!(header, METRIC_FILL);
    let run = weijian(&["validate", path.to_str().unwrap()], None);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stdout)
    );
}

/// A template as a district might fill it, with planted errors.
fn filled_with_errors(path: &std::path::Path) {
    let mut book = Workbook::new();
    let ws = book.add_worksheet().set_name("Reports").unwrap();
    for (c, h) in REPORT_FILL.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let rcol = |n: &str| REPORT_FILL.iter().position(|h| *h == n).unwrap() as u16;
    ws.write_string(1, rcol("report"), "r1").unwrap();
    ws.write_string(1, rcol("title"), "某区卫生健康局2023年工作总结")
        .unwrap();
    ws.write_string(1, rcol("level"), "district").unwrap();
    ws.write_string(1, rcol("kind"), "summary").unwrap();
    // planted: Excel turned the period into a date (Reports!F2)
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm");
    ws.write_datetime_with_format(
        1,
        rcol("period"),
        ExcelDateTime::from_ymd(2023, 5, 1).unwrap(),
        &date,
    )
    .unwrap();

    let ws = book.add_worksheet().set_name("Metrics").unwrap();
    for (c, h) in METRIC_FILL.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let col = |n: &str| METRIC_FILL.iter().position(|h| *h == n).unwrap() as u16;
    let row = |ws: &mut rust_xlsxwriter::Worksheet, r: u32, cells: &[(&str, &str)]| {
        for (field, v) in cells {
            match v.parse::<f64>() {
                Ok(n) if ["value", "target_value"].contains(field) => {
                    ws.write_number(r, col(field), n)
                }
                _ => ws.write_string(r, col(field), *v),
            }
            .unwrap();
        }
    };
    row(
        ws,
        1,
        &[
            ("report", "r1"),
            ("label", "孕产妇活产数"),
            ("kind", "count"),
            ("value", "2708"),
            ("unit", "人"),
        ],
    );
    row(
        ws,
        2,
        &[
            ("report", "r1"),
            ("label", "早孕建册人数"),
            ("kind", "count"),
            ("value", "2800"),
            ("unit", "人"),
        ],
    );
    // planted: text in a number cell (Metrics!F4)
    row(
        ws,
        3,
        &[
            ("report", "r1"),
            ("label", "早孕建册率"),
            ("kind", "rate"),
            ("value", "约62"),
            ("unit", "%"),
        ],
    );
    // planted: a kind not in the list (Metrics!D5)
    row(
        ws,
        4,
        &[
            ("report", "r1"),
            ("label", "家庭医生签约人数"),
            ("kind", "ratio"),
            ("value", "61026"),
            ("unit", "人"),
        ],
    );
    // planted: a required unit left empty (Metrics!G6)
    row(
        ws,
        5,
        &[
            ("report", "r1"),
            ("label", "重点人群签约人数"),
            ("kind", "count"),
            ("value", "30000"),
        ],
    );
    // planted: a blank row 7, then a row of a report that does not exist (Metrics!A8)
    row(
        ws,
        7,
        &[
            ("report", "r9"),
            ("label", "床位数"),
            ("kind", "count"),
            ("value", "500"),
            ("unit", "张"),
        ],
    );
    // planted: a share above 100% (Metrics!F9) and an amount in 万元 (Metrics!G10)
    row(
        ws,
        8,
        &[
            ("report", "r1"),
            ("label", "签约率"),
            ("kind", "rate"),
            ("value", "120"),
            ("unit", "%"),
        ],
    );
    row(
        ws,
        9,
        &[
            ("report", "r1"),
            ("label", "公共卫生服务经费"),
            ("kind", "amount"),
            ("value", "4120.38"),
            ("unit", "万元"),
        ],
    );
    // planted: merged cells (Metrics!M11:M12)
    row(
        ws,
        10,
        &[
            ("report", "r1"),
            ("label", "高血压患者管理人数"),
            ("kind", "count"),
            ("value", "100"),
            ("unit", "人"),
        ],
    );
    row(
        ws,
        11,
        &[
            ("report", "r1"),
            ("label", "糖尿病患者管理人数"),
            ("kind", "count"),
            ("value", "50"),
            ("unit", "人"),
        ],
    );
    ws.merge_range(
        10,
        col("population"),
        11,
        col("population"),
        "35岁及以上",
        &rust_xlsxwriter::Format::new(),
    )
    .unwrap();
    book.save(path).unwrap();
}

#[test]
fn a_filled_template_with_planted_errors_reports_each_at_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("filled.xlsx");
    filled_with_errors(&path);
    let run = weijian(
        &[
            "validate",
            "--format",
            "json",
            "--rules",
            "examples/rules.yaml",
            path.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(run.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&run.stdout).unwrap();
    let found: Vec<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["cell"].as_str().unwrap_or("-").to_string(),
            )
        })
        .collect();
    let expected = [
        ("V503", "Reports!F2"),
        ("V500", "Metrics!F4"),
        ("V502", "Metrics!D5"),
        ("V501", "Metrics!G6"),
        ("V506", "Metrics!A7"),
        ("V505", "Metrics!A8"),
        ("V504", "Metrics!M11"),
        ("V303", "Metrics!F9"),
        ("V302", "Metrics!G10"),
        // MCH-01: 2800 registered against 2708 live births
        ("V400", "Metrics!F3"),
    ];
    for (code, cell) in expected {
        assert!(
            found.contains(&(code.to_string(), cell.to_string())),
            "{code} at {cell} not among {found:?}"
        );
    }
    let human = weijian(&["validate", path.to_str().unwrap()], None);
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(
        text.contains("Metrics!F4") && text.contains("不是数字 \"约62\""),
        "{text}"
    );
}
