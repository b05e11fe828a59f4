//! Property tests: clean-up never moves a span off its text, conversion never panics, and the
//! model survives JSON and YAML round trips.

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
        let yaml: weijian::Document = weijian::model::yaml::from_str(&doc.to_yaml().unwrap()).unwrap();
        prop_assert_eq!(&yaml, &doc);
    }
}
