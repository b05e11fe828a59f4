//! Throughput of `weijian::convert` on the bundled dev corpus (tests/fixtures), in bytes of
//! source text per second on one core. Figures go to docs/performance.md.

use std::hint::black_box;

/// The same allocator as the `weijian` binary, so the figures are the command's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use weijian::ingest::Input;

fn corpus() -> Vec<Input> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut inputs: Vec<Input> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| Input::from_path(&p, u64::MAX).unwrap())
        .collect();
    inputs.sort_by(|a, b| a.name.cmp(&b.name));
    inputs
}

fn bench_convert(c: &mut Criterion) {
    let inputs = corpus();
    let bytes: usize = inputs.iter().map(|i| i.bytes.len()).sum();
    let mut group = c.benchmark_group("convert");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("dev corpus", |b| {
        b.iter(|| {
            for input in &inputs {
                black_box(weijian::convert(black_box(input)).unwrap());
            }
        })
    });
    // one large report of about 1 MB: the reports that run to their end (no paywall or
    // download-site cut-off, after which the converter reads nothing), concatenated
    let whole: Vec<u8> = inputs
        .iter()
        .filter(|i| {
            let doc = weijian::convert(i).unwrap();
            !doc.diagnostics
                .iter()
                .any(|d| d.message.contains("to the end"))
        })
        .flat_map(|i| i.bytes.iter().copied())
        .collect();
    let big_text = whole.repeat((1 << 20) / whole.len() + 1);
    let big = Input::from_bytes("big.txt", big_text);
    group.throughput(Throughput::Bytes(big.bytes.len() as u64));
    group.sample_size(20);
    group.bench_function("1 MB report", |b| {
        b.iter(|| black_box(weijian::convert(black_box(&big)).unwrap()))
    });
    group.finish();
}

criterion_group!(benches, bench_convert);
criterion_main!(benches);
