//! Batch throughput and its scaling from one thread to two: `cargo bench --bench batch`.
//!
//! Generates 10,000 reports (set `WEIJIAN_BATCH_REPORTS` for another count) from the dev
//! reports and bundled examples, each with its figures shifted so no two are alike, and
//! converts the folder with the release binary, `-j 1` and `-j 2`, three runs each, in two
//! modes: JSON Lines to /dev/null (conversion alone) and one JSON file per report into an
//! output folder. Prints wall times, files/s, MB/s of source and the scaling, and the peak
//! memory of the process (by /usr/bin/time when it is there). A control run gives the
//! machine's own scaling: two independent `-j 1` processes on the two halves at once.
//! Figures go to docs/performance.md.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

fn sources() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["tests/fixtures", "examples"] {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        out.extend(paths.iter().map(|p| std::fs::read_to_string(p).unwrap()));
    }
    out
}

/// Report `k`: a source report with every digit moved on by `k` (so figures differ).
fn report(sources: &[String], k: usize) -> String {
    let base = &sources[k % sources.len()];
    let shift = (k / sources.len()) as u32;
    base.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_digit((d + shift) % 10, 10).unwrap(),
            None => c,
        })
        .collect()
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// Runs the binary, returning wall seconds and peak resident memory in KiB (0 if unknown).
fn timed(args: &[&str], stdout_to_null: bool) -> (f64, u64) {
    let bin = env!("CARGO_BIN_EXE_weijian");
    let time = Path::new("/usr/bin/time");
    let mut cmd = if time.exists() {
        let mut c = Command::new(time);
        c.args(["-f", "%M", bin]);
        c
    } else {
        Command::new(bin)
    };
    cmd.args(args)
        .stdout(if stdout_to_null {
            Stdio::null()
        } else {
            Stdio::inherit()
        })
        .stderr(Stdio::piped());
    let start = Instant::now();
    let out = cmd.output().expect("run weijian");
    let secs = start.elapsed().as_secs_f64();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let peak = String::from_utf8_lossy(&out.stderr)
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or(0);
    (secs, peak)
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return; // `cargo test` builds benches; run only under `cargo bench`
    }
    let n: usize = std::env::var("WEIJIAN_BATCH_REPORTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("reports");
    let sources = sources();
    let mut bytes = 0usize;
    for k in 0..n {
        // two halves (for the control below), a hundred reports to a folder
        let half = if k < n / 2 { "a" } else { "b" };
        let sub = input.join(half).join(format!("{:03}", k / 100));
        std::fs::create_dir_all(&sub).unwrap();
        let text = report(&sources, k);
        bytes += text.len();
        std::fs::write(sub.join(format!("report-{k:05}.txt")), text).unwrap();
    }
    let mb = bytes as f64 / 1e6;
    println!("{n} reports, {mb:.1} MB of source text");
    let input_arg = input.to_str().unwrap();
    let mut run_no = 0;
    let mut j1_jsonl = 0.0;
    for mode in ["jsonl", "folder"] {
        let mut medians = Vec::new();
        for jobs in ["1", "2"] {
            let mut times = Vec::new();
            let mut peak = 0;
            for _ in 0..3 {
                // a fresh folder each run: deleting 10,000 files between runs makes the
                // next run's file creation slow (ext4 scans its recently freed inodes)
                run_no += 1;
                let out = dir.path().join(format!("out-{run_no}"));
                let (secs, kib) = if mode == "folder" {
                    timed(
                        &[
                            "convert",
                            input_arg,
                            "-o",
                            out.to_str().unwrap(),
                            "-j",
                            jobs,
                        ],
                        true,
                    )
                } else {
                    timed(&["convert", input_arg, "--jsonl", "-j", jobs], true)
                };
                times.push(secs);
                peak = peak.max(kib);
            }
            let t = median(times.clone());
            println!(
                "{mode:6} -j {jobs}: runs {} s; median {t:.2} s = {:.0} files/s = {:.1} MB/s; peak {:.0} MB",
                times
                    .iter()
                    .map(|t| format!("{t:.2}"))
                    .collect::<Vec<_>>()
                    .join(" / "),
                n as f64 / t,
                mb / t,
                peak as f64 / 1024.0
            );
            medians.push(t);
        }
        if mode == "jsonl" {
            j1_jsonl = medians[0];
        }
        println!(
            "{mode:6} scaling -j 1 → -j 2: {:.2}×",
            medians[0] / medians[1]
        );
    }
    // the control: what two cores of this machine give two independent single-threaded
    // processes, each converting one half at the same time
    let mut controls = Vec::new();
    for _ in 0..3 {
        let start = Instant::now();
        let halves: Vec<_> = ["a", "b"]
            .iter()
            .map(|h| {
                Command::new(env!("CARGO_BIN_EXE_weijian"))
                    .args([
                        "convert",
                        input.join(h).to_str().unwrap(),
                        "--jsonl",
                        "-j",
                        "1",
                    ])
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .expect("run weijian")
            })
            .collect();
        for mut h in halves {
            h.wait().expect("wait for weijian");
        }
        controls.push(start.elapsed().as_secs_f64());
    }
    let c = median(controls.clone());
    println!(
        "control: two -j 1 processes on the two halves at once: runs {} s; median {c:.2} s; machine scaling {:.2}×",
        controls
            .iter()
            .map(|t| format!("{t:.2}"))
            .collect::<Vec<_>>()
            .join(" / "),
        j1_jsonl / c
    );
}
