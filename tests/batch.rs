//! Batch conversion through the binary: folders and files, an output folder or JSON Lines,
//! bad files reported while the good ones are kept, the same output on any number of threads.

mod common;

use std::path::Path;

use serde_json::Value;

/// A folder of the dev reports (one in a subfolder, one as Word) with a corrupt, an empty
/// and a binary file among them.
fn folder(dir: &Path) {
    let sub = dir.join("in/街道");
    std::fs::create_dir_all(&sub).unwrap();
    for (k, report) in common::REPORTS.iter().enumerate() {
        let target = if k == 1 {
            sub.join(report)
        } else {
            dir.join("in").join(report)
        };
        std::fs::copy(common::fixture(report), target).unwrap();
    }
    let text = std::fs::read_to_string(common::fixture(common::REPORTS[0])).unwrap();
    std::fs::write(sub.join("word.docx"), common::formats::docx(&text, None)).unwrap();
    let docx = common::formats::docx(&text, None);
    std::fs::write(dir.join("in/corrupt.docx"), &docx[..docx.len() / 3]).unwrap();
    std::fs::write(dir.join("in/empty.txt"), b"").unwrap();
    std::fs::write(dir.join("in/binary.txt"), [0u8, 159, 146, 150, 0, 1, 2, 3]).unwrap();
    std::fs::write(dir.join("in/notes.json"), b"{}").unwrap(); // not a report: not taken
}

#[test]
fn good_files_are_written_and_bad_ones_listed() {
    let dir = tempfile::tempdir().unwrap();
    folder(dir.path());
    let input = dir.path().join("in");
    let out_dir = dir.path().join("out");
    let out = common::weijian(
        &[
            "convert",
            input.to_str().unwrap(),
            "-o",
            out_dir.to_str().unwrap(),
            "-j",
            "2",
        ],
        None,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("converted 5 of 8 files"), "{stderr}");
    // piped: no progress bar, only the summary and the failures
    assert!(
        !stderr.contains('\r') && !stderr.contains('\u{1b}'),
        "{stderr:?}"
    );
    assert!(
        stderr.contains("3 of 8 files could not be converted"),
        "{stderr}"
    );
    for (name, code) in [
        ("binary.txt", "E104"),
        ("corrupt.docx", "E113"),
        ("empty.txt", "E102"),
    ] {
        let line = stderr
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_default();
        assert!(line.contains(&format!("error[{code}]")), "{name}: {stderr}");
    }
    let mut written: Vec<String> = walk(&out_dir);
    written.sort();
    assert_eq!(
        written,
        [
            "000_6e427e49ff9af0f7.json",
            "002_47eab20a937527cb.json",
            "004_66e329daecd2f51b.json",
            "街道/001_4e7b4439fa0c07a9.json",
            "街道/word.json",
        ]
    );
    // each written document is the one `convert FILE` makes
    let single = common::weijian(
        &[
            "convert",
            common::fixture(common::REPORTS[2]).to_str().unwrap(),
        ],
        None,
    );
    let batch = std::fs::read(out_dir.join("002_47eab20a937527cb.json")).unwrap();
    assert_eq!(single.stdout, batch);
    // no temporary files are left behind
    assert!(walk(&out_dir).iter().all(|f| !f.contains(".weijian-")));
}

fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            out.extend(walk(&path).into_iter().map(|f| format!("{name}/{f}")));
        } else {
            out.push(path.file_name().unwrap().to_string_lossy().to_string());
        }
    }
    out
}

#[test]
fn json_lines_come_in_input_order_on_any_number_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    folder(dir.path());
    let input = dir.path().join("in");
    let run = |jobs: &str| {
        let out = common::weijian(
            &["convert", input.to_str().unwrap(), "--jsonl", "-j", jobs],
            None,
        );
        assert_eq!(out.status.code(), Some(1));
        out.stdout
    };
    let one = run("1");
    assert_eq!(one, run("2"));
    assert_eq!(one, run("4"));
    let files: Vec<String> = String::from_utf8(one)
        .unwrap()
        .lines()
        .map(|l| {
            let doc: Value = serde_json::from_str(l).unwrap();
            doc["source"]["file"].as_str().unwrap().to_string()
        })
        .collect();
    // walk order: files of a folder by name, subfolders in their place
    assert_eq!(
        files,
        [
            "000_6e427e49ff9af0f7.txt",
            "002_47eab20a937527cb.txt",
            "004_66e329daecd2f51b.txt",
            "001_4e7b4439fa0c07a9.txt",
            "word.docx",
        ]
    );
}

#[test]
fn several_inputs_need_an_output_folder() {
    let a = common::fixture(common::REPORTS[0]);
    let b = common::fixture(common::REPORTS[1]);
    let out = common::weijian(&["convert", a.to_str().unwrap(), b.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("-o OUTDIR"));
    let dir = tempfile::tempdir().unwrap();
    let out = common::weijian(
        &[
            "convert",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            "-o",
            dir.path().to_str().unwrap(),
            "--format",
            "yaml",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(dir.path().join("000_6e427e49ff9af0f7.yaml").is_file());
    assert!(dir.path().join("001_4e7b4439fa0c07a9.yaml").is_file());
    // one input into an existing folder lands inside it
    let c = common::fixture(common::REPORTS[2]);
    let out = common::weijian(
        &[
            "convert",
            c.to_str().unwrap(),
            "-o",
            dir.path().to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(dir.path().join("002_47eab20a937527cb.json").is_file());
}
