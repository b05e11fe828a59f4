//! The scanner and the labels read a qualifier before a figure (约, 近, 不足, ≥) the same way:
//! the label trimmer cuts exactly the word the scanner took as the qualifier (with the word
//! that links it to the figure: 约为, 约占), at the same place and nowhere else, and the words
//! that only end like one (签约, 合约, 续约, 临近, 最近) are one list, `scan.not_qualifiers`,
//! for both.

use weijian::ingest::Input;
use weijian::model::Qualifier;

/// The label, value and qualifier of the only metric of `text`.
fn only(text: &str) -> (String, f64, Qualifier) {
    let doc = weijian::convert(&Input::from_bytes("r.txt", text.as_bytes().to_vec())).unwrap();
    assert_eq!(doc.metrics.len(), 1, "{text}: {:#?}", doc.metrics);
    let m = &doc.metrics[0];
    (m.label.clone(), m.value, m.qualifier)
}

#[test]
fn a_word_ending_in_a_qualifier_character_stays_in_the_label() {
    // 合约 (contract) ends in 约; the second 约 is the qualifier
    assert_eq!(
        only("全县签订服务合约约20份。"),
        ("签订服务合约".to_string(), 20.0, Qualifier::About)
    );
    assert_eq!(
        only("合约约20人。"),
        ("合约".to_string(), 20.0, Qualifier::About)
    );
    // 临近 (nearby) is no 近 (nearly): exact, and the label keeps it whole
    assert_eq!(
        only("签约服务临近5家。"),
        ("签约服务临近".to_string(), 5.0, Qualifier::Exact)
    );
    assert_eq!(
        only("全区家庭医生累计签约61026人。"),
        ("家庭医生累计签约".to_string(), 61026.0, Qualifier::Exact)
    );
    assert_eq!(
        only("就近转诊患者320人。"),
        ("就近转诊患者".to_string(), 320.0, Qualifier::Exact)
    );
    // 续约 (renewal) is a word like 签约: its 约 is no qualifier, the 约 after it is
    assert_eq!(
        only("全年家庭医生续约约5000人。"),
        ("家庭医生续约".to_string(), 5000.0, Qualifier::About)
    );
    assert_eq!(
        only("全年家庭医生续约5000人。"),
        ("家庭医生续约".to_string(), 5000.0, Qualifier::Exact)
    );
    // 邻近 and 靠近 (next to), like 临近, are no 近 (nearly)
    assert_eq!(
        only("签约服务邻近5家。"),
        ("签约服务邻近".to_string(), 5.0, Qualifier::Exact)
    );
    assert_eq!(
        only("签约服务靠近5家。"),
        ("签约服务靠近".to_string(), 5.0, Qualifier::Exact)
    );
    // and a qualifier after 签约 is one
    assert_eq!(
        only("全县签约约2万人。"),
        ("签约".to_string(), 20000.0, Qualifier::About)
    );
}

#[test]
fn the_qualifier_the_scanner_reads_is_cut_from_the_label() {
    for (text, label, value, qualifier) in [
        (
            "全县服务群众约20万人次。",
            "服务群众",
            200000.0,
            Qualifier::About,
        ),
        (
            "全年培训乡村医生近300人次。",
            "培训乡村医生",
            300.0,
            Qualifier::About,
        ),
        (
            "累计投入资金将近5000万元。",
            "投入资金",
            5.0e7,
            Qualifier::About,
        ),
        (
            "全县健康体检人数接近9万人。",
            "健康体检人数",
            90000.0,
            Qualifier::About,
        ),
        ("全年义诊大约30场。", "义诊", 30.0, Qualifier::About),
        (
            "35岁以下青年骨干不足30人。",
            "35岁以下青年骨干",
            30.0,
            Qualifier::LessThan,
        ),
        (
            "儿童免疫规划疫苗接种率不低于95%。",
            "儿童免疫规划疫苗接种率",
            95.0,
            Qualifier::AtLeast,
        ),
        (
            "新增床位超过200张。",
            "新增床位",
            200.0,
            Qualifier::MoreThan,
        ),
        (
            "孕产妇死亡率≤10/10万。",
            "孕产妇死亡率",
            10.0,
            Qualifier::AtMost,
        ),
    ] {
        let (l, v, q) = only(text);
        assert_eq!((l.as_str(), v, q), (label, value, qualifier), "{text}");
    }
}

#[test]
fn a_qualifier_before_the_word_that_links_it_to_the_figure_is_read() {
    for (text, label, value, qualifier) in [
        (
            "全县家庭医生签约率约为51.2%。",
            "家庭医生签约率",
            51.2,
            Qualifier::About,
        ),
        (
            "全县65岁以上老年人口约占18.5%。",
            "65岁以上老年人口",
            18.5,
            Qualifier::About,
        ),
        (
            "全年总诊疗人次近达120万人次。",
            "总诊疗人次",
            1.2e6,
            Qualifier::About,
        ),
        (
            "全年培训基层医务人员超过了500人次。",
            "培训基层医务人员",
            500.0,
            Qualifier::MoreThan,
        ),
        (
            "全县重点人群签约率约为三成。",
            "重点人群签约率",
            30.0,
            Qualifier::About,
        ),
        // a word that only ends like a qualifier stays one before a link
        (
            "全区家庭医生签约为61026人。",
            "家庭医生签约",
            61026.0,
            Qualifier::Exact,
        ),
        // and a link alone qualifies nothing
        (
            "全县门诊人次为30万人次。",
            "门诊人次",
            300000.0,
            Qualifier::Exact,
        ),
    ] {
        let (l, v, q) = only(text);
        assert_eq!((l.as_str(), v, q), (label, value, qualifier), "{text}");
    }
}

#[test]
fn the_label_loses_a_qualifier_only_where_the_figure_has_it() {
    for (text, label, value, qualifier) in [
        ("全县培训村医约200人。", "培训村医", 200.0, Qualifier::About),
        (
            "全县住院分娩将近5000人。",
            "住院分娩",
            5000.0,
            Qualifier::About,
        ),
        (
            "高血压患者规范管理率接近90%。",
            "高血压患者规范管理率",
            90.0,
            Qualifier::About,
        ),
        ("全县义诊大约30场。", "义诊", 30.0, Qualifier::About),
        // a scope or a total before the qualifier is cut as well
        (
            "全县村卫生室共约200家。",
            "村卫生室",
            200.0,
            Qualifier::About,
        ),
        (
            "全县村卫生室合计约200家。",
            "村卫生室",
            200.0,
            Qualifier::About,
        ),
        (
            "全年接诊患者累计约1.2万人次。",
            "接诊患者",
            12000.0,
            Qualifier::About,
        ),
        // or after it, between it and the figure
        (
            "全年培训乡村医生约计300人次。",
            "培训乡村医生",
            300.0,
            Qualifier::About,
        ),
        (
            "全县门诊人次约共计30万人次。",
            "门诊人次",
            300000.0,
            Qualifier::About,
        ),
        // a qualifier after a change verb qualifies the change
        (
            "全县住院人次同比下降约3%。",
            "住院人次",
            -3.0,
            Qualifier::About,
        ),
        // a word of the kind that is no qualifier where it stands stays in the label
        (
            "全县门诊量超过预期10%。",
            "门诊量超过",
            10.0,
            Qualifier::Exact,
        ),
    ] {
        let (l, v, q) = only(text);
        assert_eq!((l.as_str(), v, q), (label, value, qualifier), "{text}");
    }
}

#[test]
fn nearly_before_a_span_of_years_qualifies_no_figure() {
    // 近3年 is the last three years, not a figure: the count after it is exact
    let doc = weijian::convert(&Input::from_bytes(
        "r.txt",
        "近3年累计培训乡村医生1200人次。".as_bytes().to_vec(),
    ))
    .unwrap();
    let values: Vec<(f64, Qualifier)> =
        doc.metrics.iter().map(|m| (m.value, m.qualifier)).collect();
    assert_eq!(values, [(1200.0, Qualifier::Exact)]);
}

#[test]
fn a_qualifier_before_a_change_verb_qualifies_the_change() {
    for (text, label, value) in [
        ("全县门诊量约增长5%。", "门诊量", 5.0),
        ("门诊量同比增长约5%。", "门诊量", 5.0),
        ("住院人次近下降3%。", "住院人次", -3.0),
    ] {
        let (l, v, q) = only(text);
        assert_eq!(
            (l.as_str(), v, q),
            (label, value, Qualifier::About),
            "{text}"
        );
    }
}
