//! Helpers shared by the integration tests: run the real binary on real fixtures.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Path of a file under tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The dev-corpus fixtures.
pub const REPORTS: &[&str] = &[
    "000_6e427e49ff9af0f7.txt",
    "001_4e7b4439fa0c07a9.txt",
    "002_47eab20a937527cb.txt",
    "004_66e329daecd2f51b.txt",
];

/// Runs `weijian` with arguments and optional standard input.
pub fn weijian(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_weijian"));
    cmd.args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    let mut child = cmd.spawn().expect("weijian runs");
    if let Some(bytes) = stdin {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    child.wait_with_output().unwrap()
}

/// Converts a fixture through the binary and parses the JSON it prints.
pub fn convert_fixture(name: &str) -> serde_json::Value {
    let out = weijian(&["convert", fixture(name).to_str().unwrap()], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("convert prints JSON")
}

/// Converts a report given as text (on standard input) through the binary and parses the JSON
/// it prints.
pub fn convert_text(text: &str) -> serde_json::Value {
    let out = weijian(&["convert", "-"], Some(text.as_bytes()));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("convert prints JSON")
}

/// The JSON Schema of the shared schema.
pub fn schema() -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/weijian.schema.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

pub mod formats;
