//! Bad input: a clear one-line error with a documented exit code, never a panic, never a
//! half-written output file.

mod common;

use common::weijian;

fn fails_with(args: &[&str], stdin: Option<&[u8]>, code: &str) -> String {
    let out = weijian(args, stdin);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.starts_with(&format!("error[{code}]")), "{stderr}");
    assert!(stderr.contains("help:"), "{stderr}");
    assert!(out.stdout.is_empty());
    stderr
}

#[test]
fn empty_input() {
    fails_with(&["convert", "-"], Some(b""), "E102");
}

#[test]
fn missing_file() {
    let err = fails_with(&["convert", "/nonexistent/report.txt"], None, "E101");
    assert!(err.contains("/nonexistent/report.txt"));
}

#[test]
fn binary_and_other_formats() {
    fails_with(
        &["convert", "-"],
        Some(b"\x7fELF\x02\x01\x01\0\0\0\0"),
        "E104",
    );
    // a damaged PDF or zip archive: recognised, and refused as damaged
    fails_with(&["convert", "-"], Some(b"%PDF-1.7\n%\xe2\xe3"), "E113");
    fails_with(&["convert", "-"], Some(b"PK\x03\x04\x14\0\x06\0"), "E113");
    fails_with(
        &["convert", "-"],
        Some(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0"),
        "E105",
    );
}

#[test]
fn undecodable_bytes() {
    let err = fails_with(&["convert", "-"], Some(b"\xe5\x8d\xab\xff\xff"), "E106");
    assert!(err.contains("byte 3"), "{err}");
}

#[test]
fn input_over_the_size_limit() {
    let big = vec![b'a'; 4096];
    let err = fails_with(&["convert", "-", "--max-bytes", "1000"], Some(&big), "E103");
    assert!(err.contains("1000"));
}

#[test]
fn unwritable_output_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("missing-dir/out.json");
    let out = weijian(
        &["convert", "-", "-o", target.to_str().unwrap()],
        Some("签约率51.2%".as_bytes()),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(!target.exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn a_report_without_figures_is_an_empty_valid_document() {
    let out = weijian(
        &["convert", "-"],
        Some("工作总结\n一、加强领导\n认真贯彻落实各项工作。".as_bytes()),
    );
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["metrics"].as_array().unwrap().len(), 0);
    let validator = jsonschema::validator_for(&common::schema()).unwrap();
    assert!(validator.is_valid(&doc));
}

#[test]
fn usage_errors_exit_2_and_help_documents_exit_codes() {
    let out = weijian(&["convert"], None);
    assert_eq!(out.status.code(), Some(2));
    let help = weijian(&["convert", "--help"], None);
    assert!(String::from_utf8_lossy(&help.stdout).contains("Exit codes"));
}
