//! Timed export of 1,000,000 metric rows (10,000 documents of 100 metrics) in constant-memory
//! mode: rows per second and peak resident memory. Figures go to docs/performance.md.
//!
//! `cargo bench --bench export` (a plain timed program: one run takes seconds, so criterion's
//! repetitions would take minutes).

/// The same allocator as the `weijian` binary.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::time::Instant;

mod common;

use weijian::excel::export::{Entry, write_workbook};

/// Peak resident set of this process in MB (Linux), from /proc/self/status.
fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    // `cargo test` runs benches with --bench absent: skip the long run there
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let doc = common::hundred_metric_document();
    let entries: Vec<Entry> = (0..10_000)
        .map(|_| Entry {
            document: &doc,
            source: None,
        })
        .collect();
    let metric_rows = entries.len() * doc.metrics.len();
    let other_rows = entries.len()
        * (1 + doc.sections.len()
            + doc.bodies.len()
            + doc.programmes.len()
            + doc.diagnostics.len());
    let before = peak_mb().unwrap_or(0.0);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("million.xlsx");
    let start = Instant::now();
    write_workbook(&entries, &out).unwrap();
    let seconds = start.elapsed().as_secs_f64();
    let size = std::fs::metadata(&out).unwrap().len() as f64 / 1e6;
    println!(
        "export: {metric_rows} metric rows (+{other_rows} rows on the other sheets) in {seconds:.2} s"
    );
    println!(
        "        {:.0} metric rows/s, {:.0} rows/s in all; workbook {size:.1} MB",
        metric_rows as f64 / seconds,
        (metric_rows + other_rows) as f64 / seconds
    );
    println!(
        "        peak resident memory {:.1} MB (before export {before:.1} MB)",
        peak_mb().unwrap_or(f64::NAN)
    );
}
