//! Plans and targets (issue 17, kind 1), on short reports of our own: a plan the title does
//! not name, requirements in a summary, bounds and deadlines in plans.

mod common;

use serde_json::Value;

use common::convert_text as convert;

/// (role, label) of the metric written `written`.
fn role_of(doc: &Value, written: &str) -> (String, String) {
    let m = doc["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["as_written"] == written)
        .unwrap_or_else(|| panic!("no metric {written}: {:#}", doc["metrics"]));
    (
        m["role"].as_str().unwrap().to_string(),
        m["label"].as_str().unwrap().to_string(),
    )
}

#[test]
fn an_untitled_text_that_states_aims_is_a_plan_and_its_figures_targets() {
    let doc = convert(
        "强化妇幼健康服务。实现孕产妇系统管理率92%以上、儿童健康管理率90%以上的目标。年内建成3家示范性托育机构,基层医疗机构中医药服务占比不少于85%,住院费用自付比例控制在15%以内,确保免费为3000名儿童开展窝沟封闭,力争家庭医生签约率达到45%。\n",
    );
    assert_eq!(doc["report"]["kind"], "plan");
    for written in ["92%", "90%", "3家", "85%", "15%", "3000名", "45%"] {
        assert_eq!(role_of(&doc, written).0, "target", "{written}");
    }
    let because = doc["metrics"][0]["because"].as_array().unwrap();
    assert!(
        because.iter().any(|b| b == "kind.text_plans"),
        "{because:?}"
    );
}

#[test]
fn a_summary_that_reports_results_stays_a_summary() {
    let doc = convert(
        "2023年工作总结\n全县共有医疗机构120家,门诊量同比增长5%,已建立居民健康档案32万份,累计签约8.6万人,力争明年签约率达到60%以上。\n",
    );
    assert_eq!(doc["report"]["kind"], "summary");
    assert_eq!(role_of(&doc, "120家").0, "actual");
    assert_eq!(role_of(&doc, "60%").0, "target");
}

#[test]
fn a_requirement_in_a_summary_is_a_target_labelled_by_what_it_requires() {
    let doc = convert(
        "2023年工作总结\n全县电子建档率为88.2%,达到上级要求85%的指标;老年人健康管理率72.1%,超过65%的要求。\n",
    );
    // held against the rate before it: its target, met
    assert_eq!(role_of(&doc, "88.2%").0, "actual");
    assert_eq!(doc["metrics"][0]["target"]["value"], 85.0);
    assert_eq!(doc["metrics"][0]["target"]["met"], true);
    // stated on its own: a target labelled by the rate it requires, not by 要求
    let (role, label) = role_of(&doc, "65%");
    assert_eq!(role, "target");
    assert_eq!(label, "老年人健康管理率");
}
