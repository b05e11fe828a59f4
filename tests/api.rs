//! The library's API: `convert_with` and its options (catalogue, limits) as a program using
//! the crate sees them. The lexicon, one per process, is tested in tests/api_lexicon.rs.

use weijian::ingest::Input;
use weijian::{Catalogue, Error, Limits, Options};

const REPORT: &str = "一、基本情况\n全区慢病随访完成率为45.2%,建档率为85.6%。\n";

fn input(text: &str) -> Input {
    Input::from_bytes("report.txt", text.as_bytes().to_vec())
}

fn indicator_of<'a>(doc: &'a weijian::Document, label: &str) -> Option<&'a str> {
    let m = doc.metrics.iter().find(|m| m.label == label).unwrap();
    m.indicator.as_deref()
}

#[test]
fn a_catalogue_of_ones_own_gives_its_codes() {
    let yaml = "indicators:\n  - {code: JS.FOLLOW, name: 慢病随访完成率, unit: \"%\", direction: higher, bounds: [0, 100]}\n";
    let own = Catalogue::from_yaml(yaml).unwrap();
    let merged = Catalogue::builtin().merged(&own).unwrap();

    let plain = weijian::convert(&input(REPORT)).unwrap();
    assert_eq!(indicator_of(&plain, "慢病随访完成率"), None);

    let options = Options {
        catalogue: Some(merged),
        ..Options::default()
    };
    let doc = weijian::convert_with(&input(REPORT), &options).unwrap();
    assert_eq!(indicator_of(&doc, "慢病随访完成率"), Some("JS.FOLLOW"));
    let m = &doc.metrics[0];
    assert_eq!(m.indicator_match.as_deref(), Some("慢病随访完成率"));
    assert!(m.because.iter().any(|b| b == "indicator.catalogue"));
    // the built-in indicators are still there
    assert_eq!(indicator_of(&doc, "建档率"), indicator_of(&plain, "建档率"));

    // the user's catalogue alone knows only its own indicator
    let alone = Options {
        catalogue: Some(own),
        ..Options::default()
    };
    let doc = weijian::convert_with(&input(REPORT), &alone).unwrap();
    assert_eq!(indicator_of(&doc, "慢病随访完成率"), Some("JS.FOLLOW"));
    assert!(
        doc.metrics
            .iter()
            .all(|m| m.label == "慢病随访完成率" || m.indicator.is_none())
    );
}

#[test]
fn the_default_options_are_what_convert_does() {
    for name in [
        "examples/county-2023-summary-and-plan.txt",
        "examples/district-2023-web-page.txt",
    ] {
        let bytes = std::fs::read(name).unwrap();
        let input = Input::from_bytes(name, bytes);
        let by_default = weijian::convert(&input).unwrap().to_json().unwrap();
        let with = weijian::convert_with(&input, &Options::default())
            .unwrap()
            .to_json()
            .unwrap();
        assert!(by_default == with, "{name}");
        let plain = weijian::ingest::plain(&input).unwrap();
        let from_plain =
            weijian::convert_plain_with(&input.name, &input.bytes, &plain, &Options::default())
                .unwrap()
                .to_json()
                .unwrap();
        assert!(by_default == from_plain, "{name}");
    }
}

#[test]
fn an_input_over_the_limit_is_refused() {
    let options = Options {
        limits: Limits { max_bytes: 16 },
        ..Options::default()
    };
    let size = REPORT.len() as u64;
    match weijian::convert_with(&input(REPORT), &options) {
        Err(Error::TooLarge { size: s, limit: 16 }) => assert_eq!(s, size),
        other => panic!("expected TooLarge, got {other:?}"),
    }
    let plain = weijian::ingest::plain(&input(REPORT)).unwrap();
    assert!(matches!(
        weijian::convert_plain_with("report.txt", REPORT.as_bytes(), &plain, &options),
        Err(Error::TooLarge { limit: 16, .. })
    ));
    // at the limit it converts
    let exact = Options {
        limits: Limits { max_bytes: size },
        ..Options::default()
    };
    assert_eq!(
        weijian::convert_with(&input(REPORT), &exact)
            .unwrap()
            .metrics
            .len(),
        2
    );
    assert_eq!(
        Limits::default().max_bytes,
        weijian::ingest::DEFAULT_MAX_BYTES
    );
}

#[test]
fn a_lexicon_asked_for_after_the_built_in_one_was_read_is_refused() {
    // this process never installs a lexicon: the built-in one is in use once read
    weijian::convert(&input(REPORT)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mine = dir.path().join("mine.yaml");
    std::fs::write(&mine, "classes:\n  change.up:\n    words: [攀升]\n").unwrap();
    let options = Options {
        lexicon: Some(mine),
        ..Options::default()
    };
    assert!(matches!(
        weijian::convert_with(&input(REPORT), &options),
        Err(Error::LexiconInUse { in_use: None, .. })
    ));
}

#[test]
fn the_catalogue_given_also_decides_the_checks() {
    // a rate above 100% is reported (M401) unless its indicator's bounds allow it
    let report = "全区慢病随访覆盖率为150%。\n";
    let above = |doc: &weijian::Document| doc.diagnostics.iter().any(|d| d.code == "M401");
    assert!(above(&weijian::convert(&input(report)).unwrap()));
    let yaml = "indicators:\n  - {code: JS.COVER, name: 慢病随访覆盖率, unit: \"%\", direction: higher, bounds: [0, 200]}\n";
    let options = Options {
        catalogue: Some(Catalogue::from_yaml(yaml).unwrap()),
        ..Options::default()
    };
    let doc = weijian::convert_with(&input(report), &options).unwrap();
    assert_eq!(doc.metrics[0].indicator.as_deref(), Some("JS.COVER"));
    assert!(!above(&doc));
}
