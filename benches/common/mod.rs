//! What the benches share: a converted document of exactly 100 metrics.

use weijian::ingest::Input;

/// The first dev report, its metrics repeated under new ids (references dropped from the
/// copies) or cut to make exactly 100.
pub fn hundred_metric_document() -> weijian::Document {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/000_6e427e49ff9af0f7.txt");
    let mut doc = weijian::convert(&Input::from_path(&path, u64::MAX).unwrap()).unwrap();
    let n = doc.metrics.len();
    for k in n..100 {
        let mut copy = doc.metrics[k % n].clone();
        copy.id = format!("m{}", k + 1);
        (copy.parent, copy.numerator, copy.denominator) = (None, None, None);
        doc.metrics.push(copy);
    }
    doc.metrics.truncate(100);
    let kept: Vec<String> = doc.metrics.iter().map(|m| m.id.clone()).collect();
    for m in &mut doc.metrics {
        for r in [&mut m.parent, &mut m.numerator, &mut m.denominator] {
            if r.as_ref().is_some_and(|id| !kept.contains(id)) {
                *r = None;
            }
        }
    }
    doc
}
