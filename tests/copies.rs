//! Numbers as copies write them (issue 17, kind 2), on short reports of our own: pinyin
//! readings inside traditional characters and numbers.

mod common;

use common::convert_text as convert;

#[test]
fn pinyin_readings_leave_numbers_units_and_labels_whole_and_names_as_written() {
    let doc = convert(
        "全區(qū)共有醫(yī)療衛(wèi)生機構(gòu)1650個,全年發(fā)放健康手冊1.6萬(wàn)張,拉薩市人民醫(yī)院門診量12萬人次。\n",
    );
    let metrics = doc["metrics"].as_array().unwrap();
    let find = |written: &str| {
        metrics
            .iter()
            .find(|m| m["as_written"] == written)
            .unwrap_or_else(|| panic!("no metric {written}: {metrics:#?}"))
    };
    // the number and its unit across a reading; the span still holds the text as written
    let cards = find("1.6萬(wàn)張");
    assert_eq!(cards["value"], 16000.0);
    assert_eq!(cards["unit"], "张");
    // labels read without the readings, names keep them
    assert_eq!(find("1650個")["label"], "醫療衛生機構");
    let bodies: Vec<&str> = doc["bodies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["name"].as_str().unwrap())
        .collect();
    assert!(bodies.contains(&"拉薩市人民醫(yī)院"), "{bodies:?}");
    let codes: Vec<&str> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"T209"), "{codes:?}");
}
