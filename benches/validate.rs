//! Throughput of `weijian::validate` on converted documents of 100 metrics: the schema, the
//! built-in rules and the example rules file. Figures go to docs/performance.md.

use std::hint::black_box;

/// The same allocator as the `weijian` binary, so the figures are the command's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use weijian::validate::{Options, RuleSet, validate_bytes};

mod common;

/// The 100-metric document as JSON.
fn document() -> Vec<u8> {
    let doc = common::hundred_metric_document();
    assert_eq!(doc.metrics.len(), 100);
    doc.to_json().unwrap().into_bytes()
}

fn bench_validate(c: &mut Criterion) {
    let json = document();
    let doc: weijian::Document = serde_json::from_slice(&json).unwrap();
    let yaml = doc.to_yaml().unwrap().into_bytes();
    let rules_path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/rules.yaml");
    let plain = Options::default();
    let with_rules = Options {
        rules: Some(RuleSet::from_path(&rules_path).unwrap()),
        ..Options::default()
    };
    // no error findings: the bench measures the path of a good submission
    let report = validate_bytes("doc.json", &json, &with_rules);
    assert_eq!(
        report.count(weijian::validate::Severity::Error),
        0,
        "{:?}",
        report.findings
    );

    let mut group = c.benchmark_group("validate");
    group.throughput(Throughput::Elements(1));
    group.bench_function("100-metric document, JSON", |b| {
        b.iter(|| black_box(validate_bytes("doc.json", black_box(&json), &plain)))
    });
    group.bench_function("100-metric document, JSON, example rules", |b| {
        b.iter(|| black_box(validate_bytes("doc.json", black_box(&json), &with_rules)))
    });
    group.bench_function("100-metric document, YAML", |b| {
        b.iter(|| black_box(validate_bytes("doc.yaml", black_box(&yaml), &plain)))
    });
    group.finish();
}

criterion_group!(benches, bench_validate);
criterion_main!(benches);
