//! Property tests: clean-up never moves a span off its text, conversion never panics, the
//! model survives JSON and YAML round trips; validation never panics, places every node where
//! it stands in JSON and YAML, finds nothing wrong with the form of converted documents; rule
//! expressions evaluate as arithmetic.

use proptest::prelude::*;
use weijian::text::clean::{normalize_char, simplified};

/// Fragments of real report text, noise included, to build arbitrary reports from.
const FRAGMENTS: &[&str] = &[
    "一、基本情况\n",
    "（二）医疗服务\n",
    "1.家庭医生签约\n",
    "全区建立居民电子健康档案476094份,",
    "签约率51.2%(任务50%),",
    "投资1.6亿元",
    "参与居民L17万余人次,",
    "受益居民IOoOO余人。",
    "产后访视率98.63%o预防接种",
    "聘任卫生监督协管员19\n2、9名,",
    "这是一段足够长的文字用来模拟一页的内容并且不以句号结束的那种文字协管员",
    "##paidbegin##",
    "发布时间:2024-03-13 17:41 [ 大 中 小 ]\n",
    "信息索引号 | 014028901/2023-11651 | 生成日期 | 2024-03-13 |\n",
    "- 3 -\n",
    "簽約２．５萬人，",
    "较2022年增长29.20%。",
    "千人口托位数3.2个,",
    "共有十二项,",
    "“1+N”",
    "《健康安徽2030规划纲要》",
    "\r\n",
    "\n",
    "。",
    "XX万人",
    "636.69/10 万",
    "65岁及以上老年人健康管理45777人",
    "其中镇卫生院1家,",
];

fn report() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..40).prop_map(|parts| parts.concat())
}

/// Characters clean-up may put in place of a source character.
fn may_stand_for(cleaned: char, source: char) -> bool {
    let n = normalize_char(source);
    cleaned == n
        || cleaned == simplified(n)
        || matches!(
            (cleaned, source),
            ('1' | '.', 'L') | ('1', 'l' | 'I') | ('0', 'O' | 'o') | ('。', 'o')
        )
}

proptest! {
    #[test]
    fn offset_map_is_monotonic_in_bounds_and_faithful(text in report()) {
        let decoded = weijian::text::decode::normalize_newlines(text.clone());
        let source: Vec<char> = decoded.chars().collect();
        let out = weijian::text::clean(&decoded);
        let c = &out.cleaned;
        prop_assert_eq!(c.map.len(), c.display.len());
        prop_assert_eq!(c.norm.len(), c.display.len());
        prop_assert!(c.map.windows(2).all(|w| w[0] <= w[1]), "map goes backwards");
        for (k, &src) in c.map.iter().enumerate() {
            prop_assert!(src < source.len());
            prop_assert!(may_stand_for(c.display[k], source[src]),
                "{:?} at {} stands for {:?}", c.display[k], k, source[src]);
        }
    }

    #[test]
    fn clean_up_is_idempotent(text in report()) {
        let once: String = weijian::text::clean(&text).cleaned.display.iter().collect();
        let twice: String = weijian::text::clean(&once).cleaned.display.iter().collect();
        prop_assert_eq!(once, twice);
    }

    #[test]
    fn every_span_is_the_figure_as_written(text in report()) {
        let input = weijian::ingest::Input::from_bytes("p.txt", text.clone().into_bytes());
        let Ok(doc) = weijian::convert(&input) else { return Ok(()) };
        let source: Vec<char> = weijian::text::decode::normalize_newlines(text).chars().collect();
        for m in &doc.metrics {
            prop_assert!(m.span.start < m.span.end && m.span.end <= source.len());
            let written: String = source[m.span.start..m.span.end].iter().collect();
            prop_assert_eq!(&written, &m.as_written);
            prop_assert!(m.value.is_finite());
        }
        for d in &doc.diagnostics {
            if let Some(s) = d.span {
                prop_assert!(s.start <= s.end && s.end <= source.len(), "{:?}", d);
            }
        }
    }

    #[test]
    fn conversion_never_panics_on_arbitrary_text(text in "\\PC{0,300}") {
        let input = weijian::ingest::Input::from_bytes("p.txt", text.into_bytes());
        let _ = weijian::convert(&input);
    }

    #[test]
    fn documents_survive_json_and_yaml(text in report()) {
        let input = weijian::ingest::Input::from_bytes("p.txt", text.into_bytes());
        let Ok(doc) = weijian::convert(&input) else { return Ok(()) };
        let json: weijian::Document = serde_json::from_str(&doc.to_json().unwrap()).unwrap();
        prop_assert_eq!(&json, &doc);
        let yaml: weijian::Document = weijian::yaml::from_str(&doc.to_yaml().unwrap()).unwrap();
        prop_assert_eq!(&yaml, &doc);
    }
}

/// Arbitrary JSON values with short keys and mixed-script strings.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i32>().prop_map(Value::from),
        (-1.0e6f64..1.0e6).prop_map(Value::from),
        "[a-z0-9 签约率%:#-]{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map("[a-z][a-z0-9_]{0,6}", inner, 0..5)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Every scalar of `v` with its JSON pointer.
fn scalars(v: &serde_json::Value, pointer: String, out: &mut Vec<(String, serde_json::Value)>) {
    match v {
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                scalars(x, format!("{pointer}/{i}"), out);
            }
        }
        serde_json::Value::Object(o) => {
            for (k, x) in o {
                scalars(x, format!("{pointer}/{k}"), out);
            }
        }
        other => out.push((pointer, other.clone())),
    }
}

/// The text of `text` from a 1-based line and character column.
fn text_at(text: &str, line: usize, column: usize) -> String {
    text.lines()
        .nth(line - 1)
        .map(|l| l.chars().skip(column - 1).collect())
        .unwrap_or_default()
}

/// Arithmetic over small constants, printed with full brackets, with its value (`None` when
/// it divides by zero somewhere).
fn arithmetic() -> impl Strategy<Value = (String, Option<f64>)> {
    let leaf = (0u32..1000).prop_map(|n| (n.to_string(), Some(f64::from(n))));
    leaf.prop_recursive(4, 20, 2, |inner| {
        (
            inner.clone(),
            prop::sample::select(vec!['+', '-', '×', '÷', '*', '/', '−']),
            inner,
        )
            .prop_map(|((a, x), op, (b, y))| {
                let v = match (x, y) {
                    (Some(x), Some(y)) => match op {
                        '+' => Some(x + y),
                        '-' | '−' => Some(x - y),
                        '×' | '*' => Some(x * y),
                        _ if y == 0.0 => None,
                        _ => Some(x / y),
                    },
                    _ => None,
                };
                (format!("({a} {op} {b})"), v)
            })
    })
}

proptest! {
    #[test]
    fn json_positions_point_at_their_values(v in json_value()) {
        let text = serde_json::to_string_pretty(&v).unwrap();
        let at = weijian::validate::Locations::of_json(&text);
        let mut found = Vec::new();
        scalars(&v, String::new(), &mut found);
        for (pointer, scalar) in found {
            let p = at.value(&pointer).unwrap();
            let here = text_at(&text, p.line, p.column);
            prop_assert!(here.starts_with(&scalar.to_string()), "{pointer}: {here:?} for {scalar}");
        }
    }

    #[test]
    fn yaml_positions_point_at_their_values(v in json_value()) {
        let text = weijian::yaml::to_string(&v).unwrap();
        let at = weijian::validate::Locations::of_yaml(&text);
        let mut found = Vec::new();
        scalars(&v, String::new(), &mut found);
        for (pointer, scalar) in found {
            let p = at.value(&pointer).unwrap();
            let here = text_at(&text, p.line, p.column);
            let plain = match &scalar {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Null => "null".into(),
                other => other.to_string(),
            };
            prop_assert!(
                here.starts_with(&plain) || here.starts_with(['\'', '"']),
                "{pointer}: {here:?} for {scalar}\n{text}"
            );
        }
    }

    #[test]
    fn validation_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..300), text in "\\PC{0,200}") {
        let options = weijian::validate::Options::default();
        for name in ["a.json", "a.yaml", "a"] {
            let _ = weijian::validate::validate_bytes(name, &bytes, &options);
            let _ = weijian::validate::validate_bytes(name, text.as_bytes(), &options);
        }
    }

    #[test]
    fn converted_documents_are_structurally_valid(text in report()) {
        let input = weijian::ingest::Input::from_bytes("p.txt", text.into_bytes());
        let Ok(doc) = weijian::convert(&input) else { return Ok(()) };
        let options = weijian::validate::Options::default();
        for (name, bytes) in [("d.json", doc.to_json().unwrap()), ("d.yaml", doc.to_yaml().unwrap())] {
            let report = weijian::validate::validate_bytes(name, bytes.as_bytes(), &options);
            // what the report's own figures say (shares, parts, rates) may be findings; the
            // form of the document never is
            let structural: Vec<_> = report
                .findings
                .iter()
                .filter(|f| !["V303", "V304", "V305", "V306"].contains(&f.code.as_str()))
                .collect();
            prop_assert!(structural.is_empty(), "{name}: {structural:?}");
        }
    }

    #[test]
    fn expressions_never_panic(text in "\\PC{0,60}") {
        if let Ok(e) = weijian::validate::expr::parse(&text) {
            let _ = e.eval(&|_| 1.0);
        }
    }

    #[test]
    fn expressions_evaluate_as_arithmetic((text, value) in arithmetic()) {
        let e = weijian::validate::expr::parse(&text).unwrap();
        match (e.eval(&|_| 0.0), value) {
            (Some(v), Some(value)) => prop_assert!((v - value).abs() <= 1e-9 * value.abs().max(1.0), "{text}: {v} vs {value}"),
            (got, want) => prop_assert_eq!(got, want, "{}", text),
        }
    }
}

proptest! {
    // each case writes and reads a workbook: fewer cases
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn export_then_import_gives_back_the_documents(
        a in report(),
        b in prop_oneof![report(), "\\PC{0,300}"],
    ) {
        use weijian::excel::{export, import};
        let docs: Vec<weijian::Document> = [a, b]
            .into_iter()
            .enumerate()
            .filter_map(|(k, text)| {
                let input = weijian::ingest::Input::from_bytes(format!("r{k}.txt"), text.into_bytes());
                weijian::convert(&input).ok()
            })
            .collect();
        prop_assume!(!docs.is_empty());
        let entries: Vec<export::Entry> = docs
            .iter()
            .map(|document| export::Entry { document, source: None })
            .collect();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("book.xlsx");
        export::write_workbook(&entries, &path).unwrap();
        let back = import::read_workbook(&path).unwrap();
        prop_assert!(back.problems.is_empty(), "{:?}", back.problems);
        prop_assert_eq!(back.documents, docs);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Damaged Word, PDF and HTML files are refused or read, never a panic: arbitrary bytes
    /// behind each format's opening, and markup made of tags and text in any order.
    #[test]
    fn format_readers_never_panic(
        tail in prop::collection::vec(any::<u8>(), 0..600),
        pieces in prop::collection::vec(
            prop_oneof![
                Just("<table>".to_string()), Just("</table>".to_string()),
                Just("<tr>".to_string()), Just("<td colspan=\"3\">".to_string()),
                Just("<td rowspan=\"9\">".to_string()), Just("</td>".to_string()),
                Just("<p>".to_string()), Just("<div class=\"nav\">".to_string()),
                Just("</div>".to_string()), Just("<h1>".to_string()),
                Just("索引号：".to_string()), Just("<br>".to_string()),
                "[0-9.%万元家人率]{1,6}".prop_map(|s| s),
                "\\PC{0,12}".prop_map(|s| s),
            ],
            0..60,
        ),
    ) {
        for magic in [&b"%PDF-1.7\n"[..], &b"PK\x03\x04"[..], &b"<!DOCTYPE html>"[..]] {
            let mut bytes = magic.to_vec();
            bytes.extend(&tail);
            let input = weijian::ingest::Input::from_bytes("x", bytes);
            let _ = weijian::convert(&input);
        }
        let page = format!("<html><body>{}</body></html>", pieces.concat());
        let input = weijian::ingest::Input::from_bytes("x.html", page.into_bytes());
        if let Ok(doc) = weijian::convert(&input) {
            // every span still points into the plain text
            let plain = weijian::ingest::plain(&input).unwrap();
            let chars: Vec<char> = plain.text.chars().collect();
            for m in &doc.metrics {
                let at: String = chars[m.span.start..m.span.end].iter().collect();
                prop_assert_eq!(at, m.as_written.clone());
            }
        }
    }
}
