//! The lexicon through the library: one per process, installed by the first conversion that
//! names it. One test only, as the process is shared by the tests of a file.

use weijian::ingest::Input;
use weijian::{Error, Options};

#[test]
fn a_lexicon_is_installed_once_per_process() {
    let dir = tempfile::tempdir().unwrap();
    let mine = dir.path().join("mine.yaml");
    std::fs::write(&mine, "classes:\n  change.up:\n    words: [攀升]\n").unwrap();
    let other = dir.path().join("other.yaml");
    std::fs::write(&other, "classes:\n  change.up:\n    words: [飙升]\n").unwrap();
    let input = Input::from_bytes("r.txt", "全县门诊量攀升12.5%。\n".as_bytes().to_vec());

    let options = Options {
        lexicon: Some(mine.clone()),
        ..Options::default()
    };
    let doc = weijian::convert_with(&input, &options).unwrap();
    assert_eq!(doc.metrics[0].kind, weijian::model::MetricKind::Change);
    // the same file again, or none: the lexicon in use
    assert!(weijian::convert_with(&input, &options).is_ok());
    weijian::install_lexicon(&mine).unwrap();
    let doc = weijian::convert(&input).unwrap();
    assert_eq!(doc.metrics[0].kind, weijian::model::MetricKind::Change);
    // another file: refused, typed, before the input is read
    let another = Options {
        lexicon: Some(other.clone()),
        ..Options::default()
    };
    match weijian::convert_with(&input, &another) {
        Err(e @ Error::LexiconInUse { .. }) => {
            assert_eq!(e.code(), "E116");
            let Error::LexiconInUse { requested, in_use } = e else {
                unreachable!()
            };
            assert_eq!(requested, other);
            assert_eq!(in_use, Some(std::fs::canonicalize(&mine).unwrap()));
        }
        r => panic!("expected LexiconInUse, got {r:?}"),
    }
}
