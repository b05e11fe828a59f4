//! Rules the dev reports do not exercise, pinned down on short reports written in the language
//! of other kinds: a statistical bulletin, a work plan, a township health centre's summary.

mod common;

use serde_json::Value;

fn convert(name: &str) -> Value {
    let path = common::fixture(&format!("constructed/{name}"));
    let out = common::weijian(&["convert", path.to_str().unwrap()], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The elements of one of the document's lists (`metrics`, `sections`, `programmes`).
fn items<'a>(doc: &'a Value, list: &str) -> &'a [Value] {
    doc[list].as_array().map_or(&[], Vec::as_slice)
}

/// One text field of every element of a list: `strings(&doc, "sections", "role")`.
fn strings<'a>(doc: &'a Value, list: &str, field: &str) -> Vec<&'a str> {
    items(doc, list)
        .iter()
        .map(|v| v[field].as_str().unwrap_or_default())
        .collect()
}

/// (value, unit, kind, role) of the metric whose `as_written` is `surface` (the first one).
fn figure<'a>(doc: &'a Value, surface: &str) -> &'a Value {
    items(doc, "metrics")
        .iter()
        .find(|m| m["as_written"] == surface)
        .unwrap_or_else(|| panic!("no metric {surface:?}"))
}

fn check(doc: &Value, surface: &str, value: f64, unit: &str, kind: &str, role: &str) {
    let m = figure(doc, surface);
    assert_eq!(
        (
            m["value"].as_f64(),
            m["unit"].as_str(),
            m["kind"].as_str(),
            m["role"].as_str()
        ),
        (Some(value), Some(unit), Some(kind), Some(role)),
        "{m}"
    );
}

#[test]
fn a_statistical_bulletin() {
    let doc = convert("city-bulletin.txt");
    assert_eq!(doc["report"]["kind"], "bulletin");
    assert_eq!(doc["report"]["jurisdiction"]["level"], "city");
    check(&doc, "12个", 12.0, "个", "change", "actual");
    check(&doc, "6.85张", 6.85, "张/千人", "density", "actual");
    check(&doc, "3.12人", 3.12, "人/千人", "density", "actual");
    check(&doc, "3.2个百分点", 3.2, "百分点", "change", "actual");
    check(&doc, "0.3日", -0.3, "日", "change", "actual");
    check(&doc, "2.1%", -2.1, "%", "change", "actual");
    check(&doc, "-1.2‰", -1.2, "‰", "rate", "actual");
    check(&doc, "79.5岁", 79.5, "岁", "duration", "actual");
    check(&doc, "2,356.8万元", 23568000.0, "元", "amount", "actual");
    check(&doc, "1,234,567人次", 1234567.0, "人次", "count", "actual");
    check(&doc, "10/10万", 10.0, "1/10万", "rate", "target");
    // a level that changed: both levels are the density named before 由
    check(&doc, "0.42人", 0.42, "人/千人", "density", "actual");
    check(&doc, "0.46人", 0.46, "人/千人", "density", "actual");
    assert_eq!(figure(&doc, "0.46人")["label"], "每千人口药师(士)数");
    // 按当年价格 says how the change was reckoned, not what changed
    assert_eq!(figure(&doc, "1.8%")["label"], "住院病人人均医药费用上涨");
    assert_eq!(figure(&doc, "6.8%")["label"], "卫生总费用占GDP");
    // a level held is a result in a bulletin and an aim in its plan section
    check(&doc, "95%", 95.0, "%", "rate", "actual");
    check(&doc, "90%", 90.0, "%", "rate", "target");
    // 其中 opening a sentence: the parts of the total before it
    let total = figure(&doc, "2856个");
    assert_eq!(figure(&doc, "156个")["parent"], total["id"]);
    // ages bound populations and are not figures
    assert!(
        items(&doc, "metrics")
            .iter()
            .all(|m| m["unit"] != "岁" || m["value"] == 79.5)
    );
}

#[test]
fn a_work_plan() {
    let doc = convert("city-plan.txt");
    assert_eq!(doc["report"]["kind"], "plan");
    assert!(items(&doc, "sections").iter().all(|s| s["role"] == "plan"));
    assert!(items(&doc, "metrics").iter().all(|m| m["role"] == "target"));
    check(&doc, "4.5个", 4.5, "个/千人", "density", "target");
    let m = figure(&doc, "8/10万");
    assert_eq!(m["qualifier"], "at_most");
    assert!(m.get("population").is_none(), "{m}");
}

#[test]
fn a_county_half_year_summary() {
    let doc = convert("county-half-year.txt");
    let r = &doc["report"];
    assert_eq!(
        (r["period"].as_str(), r["kind"].as_str()),
        (Some("2024H1"), Some("summary_and_plan"))
    );
    // numbered plan items that state rates are list items, not headings
    let titles: Vec<&str> = strings(&doc, "sections", "title");
    assert_eq!(titles.len(), 7, "{titles:?}");
    assert_eq!(titles.last(), Some(&"下半年工作计划"));
    // targets in brackets, under three names
    let m = figure(&doc, "58.9%");
    assert_eq!(
        (m["target"]["value"].as_f64(), m["target"]["met"].as_bool()),
        (Some(65.0), Some(false))
    );
    assert_eq!(figure(&doc, "63.2%")["target"]["value"], 60.0);
    // a list item's number is not part of its label
    check(&doc, "12/10万", 12.0, "1/10万", "rate", "target");
    assert_eq!(figure(&doc, "12/10万")["label"], "孕产妇死亡率");
    check(&doc, "2.1个百分点", 2.1, "百分点", "change", "actual");
    check(&doc, "3.4%", -3.4, "%", "change", "actual");
    check(&doc, "二十余场", 20.0, "场", "count", "actual");
    // months, phone numbers and postcodes are not figures
    let surfaces: Vec<&str> = strings(&doc, "metrics", "as_written");
    for not in ["1-6", "0571", "87654321", "311100", "1234"] {
        assert!(
            surfaces.iter().all(|s| !s.contains(not)),
            "{not} in {surfaces:?}"
        );
    }
    // the report's own parts are not programmes, and 其中 is not part of a name
    let programmes: Vec<&str> = strings(&doc, "programmes", "name");
    assert!(programmes.contains(&"宫颈癌筛查"), "{programmes:?}");
    assert!(
        !programmes
            .iter()
            .any(|p| p.ends_with("工作计划") || p.starts_with('中'))
    );
}

#[test]
fn a_report_in_traditional_characters() {
    let doc = convert("province-traditional.txt");
    let r = &doc["report"];
    // words are read in simplified characters, names kept as written
    assert_eq!(r["issuer"], "XX省衛生健康委員會");
    assert_eq!(r["jurisdiction"]["level"], "province");
    assert_eq!(r["kind"], "summary_and_plan");
    let roles: Vec<&str> = strings(&doc, "sections", "role");
    assert_eq!(roles, ["achievements", "problems", "plan"]);
    check(&doc, "8.6萬個", 86000.0, "个", "count", "actual");
    check(&doc, "6.12張", 6.12, "张/千人", "density", "actual");
    check(&doc, "2.1萬人", 21000.0, "人", "change", "actual");
    assert_eq!(figure(&doc, "2.1萬人")["label"], "衛生技術人員總數增加");
    check(&doc, "7.9/10萬", 7.9, "1/10万", "rate", "actual");
    // money written in words
    check(
        &doc,
        "三十二億元",
        3_200_000_000.0,
        "元",
        "amount",
        "actual",
    );
    check(&doc, "4人", 4.0, "人/万人", "density", "target");
}

#[test]
fn multiples_targets_named_after_and_per_head_figures() {
    let doc = convert("district-report-multiples.txt");
    let label = |surface: &str| figure(&doc, surface)["label"].as_str().unwrap().to_string();
    check(&doc, "2.3倍", 2.3, "倍", "change", "actual");
    check(&doc, "1.5倍", 1.5, "倍", "change", "actual");
    assert_eq!(label("1.5倍"), "二级以上公立医院门诊量");
    // 体检率达72.1%,超额完成市下达的70%目标任务
    let m = figure(&doc, "72.1%");
    assert_eq!(
        (m["target"]["value"].as_f64(), m["target"]["met"].as_bool()),
        (Some(70.0), Some(true))
    );
    assert_eq!(m["target"]["as_written"], "70%");
    assert_eq!(label("98%"), "适龄儿童疫苗接种率");
    assert_eq!(label("4.5万名"), "65周岁以上老人免费体检");
    assert_eq!(label("89元"), "基本公共卫生服务补助资金人均");
    assert_eq!(label("17.5%"), "投入卫生健康资金增长");
    check(&doc, "3500万元", 35_000_000.0, "元", "change", "actual");
    // a count followed by 共计 is named before it; thousands set apart by spaces
    assert_eq!(label("18支"), "组建流调队伍");
    assert_eq!(label("216人"), "组建流调队伍");
    check(
        &doc,
        "1 234 567人次",
        1_234_567.0,
        "人次",
        "count",
        "actual",
    );
    // page-number lines are furniture
    let surfaces: Vec<&str> = strings(&doc, "metrics", "as_written");
    assert!(!surfaces.iter().any(|s| s.contains('页')), "{surfaces:?}");
}

#[test]
fn a_table_in_plain_text() {
    let doc = convert("county-bulletin-table.txt");
    let cells: Vec<(String, f64, String, String)> = items(&doc, "metrics")
        .iter()
        .filter(|m| m["origin"]["part"] == "table")
        .map(|m| {
            (
                m["label"].as_str().unwrap().to_string(),
                m["value"].as_f64().unwrap(),
                m["unit"].as_str().unwrap().to_string(),
                m["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        ("门诊人次", 456_000.0, "人次", "count"),
        ("门诊人次", 412_000.0, "人次", "count"),
        ("门诊人次增长率", 10.7, "%", "change"),
        ("出院人次", 23456.0, "人", "count"),
        ("出院人次", 21234.0, "人", "count"),
        ("出院人次增长率", 10.5, "%", "change"),
        ("床位数", 650.0, "张", "count"),
        ("床位数", 600.0, "张", "count"),
        ("床位数增长率", 8.3, "%", "change"),
    ];
    let want: Vec<(String, f64, String, String)> = want
        .iter()
        .map(|(l, v, u, k)| (l.to_string(), *v, u.to_string(), k.to_string()))
        .collect();
    assert_eq!(cells, want);
    // the prose figure before the table is still read, once
    check(&doc, "45.6万人次", 456_000.0, "人次", "count", "actual");
    let m = figure(&doc, "650");
    assert_eq!(
        (m["origin"]["row"].as_u64(), m["origin"]["column"].as_u64()),
        (Some(4), Some(2))
    );
}

#[test]
fn ranges_and_bounds_in_a_plan() {
    let doc = convert("city-work-points.txt");
    assert_eq!(doc["report"]["kind"], "plan");
    let label = |surface: &str| figure(&doc, surface)["label"].as_str().unwrap().to_string();
    // a range of rates is two rates, neither of them negative
    check(&doc, "65%", 65.0, "%", "rate", "target");
    check(&doc, "70%", 70.0, "%", "rate", "target");
    assert_eq!(label("70%"), "高血压患者规范管理率");
    // bounds and cues are not part of labels
    assert_eq!(label("3‰"), "婴儿死亡率");
    assert_eq!(figure(&doc, "3‰")["qualifier"], "at_most");
    assert_eq!(label("90%"), "县域就诊率");
    check(&doc, "0.5个百分点", -0.5, "百分点", "change", "target");
    assert_eq!(label("0.5个百分点"), "儿童青少年总体近视率");
}

#[test]
fn a_township_health_centre() {
    let doc = convert("township-summary.txt");
    let r = &doc["report"];
    assert_eq!(r["issuer"], "XX镇卫生院");
    assert_eq!(r["jurisdiction"]["level"], "township");
    check(&doc, "42,356人次", 42356.0, "人次", "count", "actual");
    check(&doc, "125.4万元", 1254000.0, "元", "change", "actual");
    check(&doc, "4.1个百分点", 4.1, "百分点", "change", "actual");
    check(&doc, "4.5万人次", 45000.0, "人次", "count", "target");
    // parts in brackets belong to the count before the bracket
    let staff = figure(&doc, "48人");
    assert_eq!(figure(&doc, "12人")["parent"], staff["id"]);
    assert_eq!(figure(&doc, "95%")["label"], "接种率");
    assert_eq!(figure(&doc, "72.3%")["population"], "65岁以上老年人");
    let sections: Vec<&str> = strings(&doc, "sections", "role");
    assert_eq!(sections.last(), Some(&"plan"));
}

#[test]
fn parts_respectively_and_comparisons() {
    let doc = convert("district-summary-parts.txt");
    let sections: Vec<String> = items(&doc, "sections")
        .iter()
        .map(|s| {
            format!(
                "{}{}{}",
                s["level"],
                s["number"].as_str().unwrap(),
                s["role"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        sections,
        [
            "1第一部分achievements",
            "2一、achievements",
            "2二、achievements",
            "1第二部分plan",
            "2一、plan"
        ]
    );
    // 门诊…52.3万人次,住院…3.6万人次,分别同比增长8.2%和5.1%
    let m = figure(&doc, "8.2%");
    assert_eq!(
        (m["kind"].as_str(), m["label"].as_str()),
        (Some("change"), Some("接诊门诊患者同比增长"))
    );
    let m = figure(&doc, "5.1%");
    assert_eq!(
        (m["kind"].as_str(), m["label"].as_str()),
        (Some("change"), Some("住院患者同比增长"))
    );
    assert_eq!(figure(&doc, "98.7%")["label"], "两癌筛查完成率");
    assert_eq!(
        figure(&doc, "12.3个百分点")["label"],
        "新冠疫苗加强免疫接种率"
    );
    let part = figure(&doc, "245个");
    assert_eq!(
        (part["label"].as_str(), &part["parent"]),
        (Some("村卫生室"), &figure(&doc, "312个")["id"])
    );
    check(&doc, "10/10万", 10.0, "1/10万", "rate", "target");
}

#[test]
fn numerals_in_words_and_limiting_adverbs() {
    let doc = convert("county-summary-numerals-in-words.txt");
    check(&doc, "一百二十六個", 126.0, "个", "count", "actual");
    // a decimal part in words, after 點 (点)
    check(&doc, "百分之九十八點五", 98.5, "%", "rate", "actual");
    assert_eq!(figure(&doc, "百分之九十八點五")["label"], "接種率");
    // 僅 (only) and 保持 (held at) say how the figure stands, not what it is
    check(&doc, "2.1人", 2.1, "人/千人", "density", "actual");
    assert_eq!(figure(&doc, "2.1人")["label"], "每千人口執業(助理)醫師");
    check(&doc, "100%", 100.0, "%", "rate", "target");
    assert_eq!(figure(&doc, "100%")["label"], "貧困人口家庭醫生簽約率");
    check(&doc, "3家", 3.0, "家", "count", "target");
}

#[test]
fn a_city_report_with_shared_targets_and_one_line_metadata() {
    let doc = convert("city-report-to-congress.txt");
    let r = &doc["report"];
    // two metadata fields on one line
    assert_eq!(r["index_number"], "11320500MB1234567X/2024-00012");
    assert_eq!(r["published"], "2024-01-18");
    // 均超额完成省定目标(90%): a target named before its figure, after 均
    let m = figure(&doc, "93.2%");
    assert_eq!(m["target"]["value"], 90.0);
    assert_eq!(m["target"]["met"], true);
    assert!(
        !items(&doc, "metrics")
            .iter()
            .any(|m| m["as_written"] == "90%" && m["role"] == "actual")
    );
    // a label naming its own people takes no age band from the clause before
    assert_eq!(figure(&doc, "95.8%")["population"], "0-6岁儿童");
    assert!(figure(&doc, "93.2%")["population"].is_null());
    // no body made of 以上's 上, of a time and a verb, or of 乡 in 乡村医生
    let bodies = strings(&doc, "bodies", "name");
    assert!(bodies.contains(&"公立医院"), "{bodies:?}");
    assert!(
        !bodies
            .iter()
            .any(|b| b.starts_with('上') || b.starts_with("年内") || b.ends_with('乡')),
        "{bodies:?}"
    );
    check(&doc, "15%", 15.0, "%", "rate", "target");
}

#[test]
fn labels_listed_before_respectively_share_their_last_part() {
    let doc = convert("district-labels-listed-before-respectively.txt");
    let labels = strings(&doc, "metrics", "label");
    assert_eq!(
        labels,
        [
            "高血压患者规范管理率",
            "2型糖尿病患者规范管理率",
            "门诊人次增长",
            "住院人次增长",
            "孕产妇系统管理率",
            "3岁以下儿童系统管理率",
            "门诊",
            "住院",
            "门诊同比增长",
            "住院同比增长",
            "城乡居民参保率",
            "职工医保参保率",
        ]
    );
    assert_eq!(figure(&doc, "72.1%")["indicator"], "HTN.STD");
    assert_eq!(figure(&doc, "70.5%")["indicator"], "DM.STD");
}

#[test]
fn run_in_headings_end_at_their_colon() {
    let doc = convert("township-run-in-headings.txt");
    let titles = strings(&doc, "sections", "title");
    assert_eq!(
        titles,
        [
            "业务开展情况",
            "门诊服务",
            "公共卫生",
            "预防接种",
            "家庭医生签约",
            "存在的不足",
            "明年工作计划",
        ]
    );
    assert_eq!(doc["report"]["jurisdiction"]["level"], "township");
    check(&doc, "80%", 80.0, "%", "rate", "target");
    assert_eq!(figure(&doc, "80%")["label"], "高血压规范管理率");
}

#[test]
fn a_number_split_by_a_page_number_line() {
    let doc = convert("district-half-year-page-split.txt");
    // 监督员1,2 / 第2页 / 36人次: one number, its span over the page break
    check(
        &doc,
        "1,2\n第2页\n36人次",
        1236.0,
        "人次",
        "count",
        "actual",
    );
    assert_eq!(doc["report"]["period"], "2022H1");
    check(&doc, "8O.5%", 80.5, "%", "rate", "actual");
    // plan items that state a rate or a rate per 100,000 are list items, not headings
    let titles = strings(&doc, "sections", "title");
    assert_eq!(titles.last(), Some(&"下半年工作计划"), "{titles:?}");
    check(&doc, "12/10万", 12.0, "1/10万", "rate", "target");
}

#[test]
fn a_province_summary_of_levels_and_their_changes() {
    let doc = convert("province-summary-changes.txt");
    assert_eq!(doc["report"]["jurisdiction"]["level"], "province");
    // a change in years of life a clause after the life expectancy it changes
    check(&doc, "0.9岁", 0.9, "岁", "change", "actual");
    // levels reached, listed before 分别
    check(&doc, "3.8‰", 3.8, "‰", "rate", "actual");
    assert_eq!(figure(&doc, "3.8‰")["indicator"], "CH.IMR");
    assert_eq!(figure(&doc, "9.6/10万")["indicator"], "MCH.MMR");
    // 缩短至 says how the level was reached, not what it is
    check(&doc, "7.9天", 7.9, "天", "duration", "actual");
    assert_eq!(figure(&doc, "7.9天")["label"], "三级医院平均住院日");
    check(&doc, "0.3天", -0.3, "天", "change", "actual");
}

#[test]
fn a_bulletin_counting_among_what_it_counted() {
    let doc = convert("city-bulletin-resources.txt");
    assert_eq!(doc["report"]["kind"], "bulletin");
    // 卫生技术人员5.68万人中,执业医师…: the 中 says "among them", it names nothing
    check(&doc, "5.68万人", 56800.0, "人", "count", "actual");
    assert_eq!(figure(&doc, "5.68万人")["label"], "卫生技术人员");
    check(&doc, "0.3天", -0.3, "天", "change", "actual");
    assert_eq!(figure(&doc, "8.21/10万")["indicator"], "MCH.MMR");
}

#[test]
fn a_half_year_summary_listing_figures_before_their_unit() {
    let doc = convert("county-half-year-lists.txt");
    assert_eq!(doc["report"]["period"], "2024H1");
    // 门诊、急诊人次分别为125.3万、8.6万人次: the first figure takes the unit of the last
    check(&doc, "125.3万", 1_253_000.0, "人次", "count", "actual");
    assert_eq!(figure(&doc, "125.3万")["label"], "门诊人次");
    assert_eq!(figure(&doc, "8.6万人次")["label"], "急诊人次");
    // 两千余万元: 余 between the numeral and its multiplier
    check(&doc, "两千余万元", 20_000_000.0, "元", "amount", "actual");
    // 签约率年底达到45%以上: the time of the target is no part of the label
    check(&doc, "45%", 45.0, "%", "rate", "target");
    assert_eq!(figure(&doc, "45%")["label"], "家庭医生签约率");
}

#[test]
fn a_hospital_summary_with_shares_of_its_targets() {
    let doc = convert("city-hospital-summary.txt");
    // 完成全年目标任务的103%: the share of the target reached, a rate of its own
    check(&doc, "103%", 103.0, "%", "rate", "actual");
    assert!(figure(&doc, "98.5%").get("target").is_none());
    // a numbered plan line that states a count is a list item, not a heading
    let titles = strings(&doc, "sections", "title");
    assert_eq!(titles.last(), Some(&"2024年工作思路"), "{titles:?}");
    check(&doc, "50万人次", 500_000.0, "人次", "count", "target");
    check(&doc, "0.5天", -0.5, "天", "change", "actual");
}

#[test]
fn a_district_web_page_with_levels_reached_and_cases() {
    let doc = convert("district-web-summary-and-plan.txt");
    assert_eq!(doc["report"]["kind"], "summary_and_plan");
    // 由2022年的25.3%提高到2023年的28.6%: both levels of the same indicator
    check(&doc, "28.6%", 28.6, "%", "rate", "actual");
    assert_eq!(figure(&doc, "28.6%")["label"], "居民健康素养水平");
    // cases, points and multiples in words
    check(&doc, "56起", 56.0, "起", "count", "actual");
    check(&doc, "两个百分点", 2.0, "百分点", "change", "actual");
    check(&doc, "一倍", 1.0, "倍", "change", "actual");
    // the page's trail, font-size bar and footer are not the report
    let diagnostics = strings(&doc, "diagnostics", "code");
    assert_eq!(diagnostics.iter().filter(|&&c| c == "T201").count(), 4);
}

#[test]
fn a_county_summary_copied_from_a_pdf() {
    let doc = convert("county-summary-pdf-wrapped.txt");
    // the issuer's name over the kind of report: one title of two lines
    assert_eq!(doc["report"]["title"], "XX县卫生健康局2022年度工作总结");
    assert_eq!(doc["report"]["period"], "2022");
    // a number broken between its digits by the line's end: 达到9 / 1.2%
    let m = figure(&doc, "9\n1.2%");
    assert_eq!(m["value"].as_f64(), Some(91.2));
    assert_eq!(figure(&doc, "9\n5.6%")["value"].as_f64(), Some(95.6));
    // OCR damage
    check(&doc, "6l.5%", 61.5, "%", "rate", "actual");
    check(&doc, "1OO%", 100.0, "%", "rate", "actual");
}

#[test]
fn city_work_points_with_signs_and_aims() {
    let doc = convert("city-work-points-targets.txt");
    assert_eq!(doc["report"]["kind"], "plan");
    // 接种率≥95%: the sign is the qualifier, not part of the label
    let m = figure(&doc, "95%");
    assert_eq!(m["label"], "适龄儿童国家免疫规划疫苗接种率");
    assert_eq!(m["qualifier"], "at_least");
    // 力争 and 年底前实现 are no part of what is aimed at
    assert_eq!(figure(&doc, "35%")["label"], "公立医院医疗服务收入占比");
    assert_eq!(figure(&doc, "4.5个")["label"], "每千人口托位数");
    // 城乡 is no place; 全年计划 no programme
    assert!(
        !strings(&doc, "bodies", "name")
            .iter()
            .any(|b| b.ends_with("城乡"))
    );
    assert!(!strings(&doc, "programmes", "name").contains(&"全年计划"));
}

#[test]
fn a_city_summary_in_traditional_characters_and_full_width_digits() {
    let doc = convert("city-summary-traditional-full-width.txt");
    check(
        &doc,
        "１２５．６萬人次",
        1_256_000.0,
        "人次",
        "count",
        "actual",
    );
    check(&doc, "８．５個百分點", 8.5, "百分点", "change", "actual");
    let m = figure(&doc, "７０．２％");
    assert_eq!(m["target"]["value"].as_f64(), Some(65.0));
    assert_eq!(m["indicator"], "ELD.HM");
    // the base of a density is no part of a body's name
    let bodies = strings(&doc, "bodies", "name");
    assert!(!bodies.iter().any(|b| b.contains("人口")), "{bodies:?}");
}

#[test]
fn a_county_summary_of_ten_months_with_comparisons() {
    let doc = convert("county-ten-months-comparisons.txt");
    assert_eq!(doc["report"]["period"], "2023-01..2023-10");
    // 与去年同期相比下降1.3个百分点: the comparison is no part of the label
    check(&doc, "1.3个百分点", -1.3, "百分点", "change", "actual");
    assert_eq!(figure(&doc, "1.3个百分点")["label"], "孕产妇系统管理率下降");
    assert_eq!(figure(&doc, "6.8%")["label"], "门诊人次");
    // 签约医生480名和护士356名: each count is named by the words before it
    assert_eq!(figure(&doc, "480名")["label"], "签约医生");
    assert_eq!(figure(&doc, "356名")["label"], "护士");
}

#[test]
fn a_province_bulletin_with_size_bands_and_estimates() {
    let doc = convert("province-bulletin-bands.txt");
    assert_eq!(doc["report"]["kind"], "bulletin");
    assert_eq!(doc["report"]["jurisdiction"]["level"], "province");
    // 100张以下床位医院712个: the band names the class counted, it is no figure of its own
    let surfaces = strings(&doc, "metrics", "as_written");
    assert!(
        !surfaces.iter().any(|s| ["100张", "800张"].contains(s)),
        "{surfaces:?}"
    );
    assert_eq!(figure(&doc, "712个")["label"], "100张以下床位医院");
    check(&doc, "83个", 83.0, "个", "count", "actual");
    // 预计达: an estimate of a result, not an aim, and no part of the label
    check(
        &doc,
        "2,356.82亿元",
        235_682_000_000.0,
        "元",
        "amount",
        "actual",
    );
    assert_eq!(figure(&doc, "2,356.82亿元")["label"], "卫生总费用");
    check(&doc, "3.45‰", 3.45, "‰", "rate", "actual");
    check(&doc, "4.5个百分点", 4.5, "百分点", "change", "actual");
}

#[test]
fn a_county_plan_whose_changes_follow_their_aims() {
    let doc = convert("county-plan-aims.txt");
    assert_eq!(doc["report"]["kind"], "plan");
    // 专项资金不少于3000万元,比上年增长10%: the growth is aimed at, like the amount
    check(&doc, "3000万元", 30_000_000.0, "元", "amount", "target");
    check(&doc, "10%", 10.0, "%", "change", "target");
    check(&doc, "10/10万", 10.0, "1/10万", "rate", "target");
    check(&doc, "4.5个", 4.5, "个/千人", "density", "target");
    // 每个乡镇卫生院: the determiner and its measure word are no part of the name
    let bodies = strings(&doc, "bodies", "name");
    assert!(bodies.contains(&"乡镇卫生院"), "{bodies:?}");
    assert!(!bodies.iter().any(|b| b.starts_with('个')), "{bodies:?}");
}

#[test]
fn a_city_half_year_summary_from_a_web_page() {
    let doc = convert("city-half-year-web.txt");
    assert_eq!(doc["report"]["period"], "2024H1");
    // 诊疗人次1,856.3万: the measure word stands in the label before the number
    check(&doc, "1,856.3万", 18_563_000.0, "人次", "count", "actual");
    assert_eq!(figure(&doc, "7.2%")["kind"], "change");
    // tenths: 下降三成, 占比达到四成以上
    check(&doc, "三成", -30.0, "%", "change", "actual");
    check(&doc, "四成", 40.0, "%", "rate", "actual");
    assert_eq!(figure(&doc, "四成")["qualifier"], "at_least");
    // 百分之九十以上: the bound after a rate in words
    assert_eq!(figure(&doc, "百分之九十")["qualifier"], "at_least");
    check(&doc, "8/10万", 8.0, "1/10万", "rate", "target");
}

#[test]
fn a_change_whose_verb_and_figure_have_a_qualifier_between() {
    let doc = convert("city-bulletin-resources.txt");
    // 较上年提高约三成: a change, not a rate labelled with its verb
    check(&doc, "三成", 30.0, "%", "change", "actual");
    assert_eq!(figure(&doc, "三成")["qualifier"], "about");
}

#[test]
fn a_township_summary_copied_from_a_pdf_with_management_rates() {
    let doc = convert("township-pdf-wrapped-bphs.txt");
    // a number broken at its decimal point by the wrap: 91.7 / %
    check(&doc, "91.7\n%", 91.7, "%", "rate", "actual");
    check(&doc, "2.\n1%", -2.1, "%", "change", "actual");
    // 管理高血压患者2868人,规范管理率为65.3%: the rate of those patients
    let m = figure(&doc, "65.3%");
    assert_eq!(m["label"], "高血压患者规范管理率");
    assert_eq!(m["indicator"], "HTN.STD");
    assert_eq!(figure(&doc, "64.1%")["indicator"], "DM.STD");
    check(&doc, "5.6万人次", 56_000.0, "人次", "count", "actual");
}

#[test]
fn a_maternal_mortality_of_zero_is_a_figure() {
    // 孕产妇死亡率为0: a bare zero after a rate's name, in that rate's unit
    for name in ["district-summary-parts.txt", "county-bulletin-table.txt"] {
        let doc = convert(name);
        let m = figure(&doc, "0");
        assert_eq!(m["label"], "孕产妇死亡率", "{name}");
        check(&doc, "0", 0.0, "1/10万", "rate", "actual");
        assert_eq!(m["indicator"], "MCH.MMR", "{name}");
    }
}

#[test]
fn a_county_summary_of_vaccines_funds_and_referrals() {
    let doc = convert("county-summary-vaccines-and-funds.txt");
    check(&doc, "0", 0.0, "1/10万", "rate", "actual");
    check(&doc, "12.5万剂次", 125_000.0, "剂次", "count", "actual");
    check(&doc, "3000万元", 30_000_000.0, "元", "amount", "actual");
    check(&doc, "3500万元", 35_000_000.0, "元", "change", "actual");
    // 较全省平均水平高出5.1个百分点: a difference, named after the rate compared
    check(&doc, "5.1个百分点", 5.1, "百分点", "change", "actual");
    assert_eq!(
        figure(&doc, "5.1个百分点")["label"],
        "新冠肺炎疫苗加强针接种率高出"
    );
    assert_eq!(figure(&doc, "85.6%")["indicator"], "FDS.KEY");
}

#[test]
fn ranges_of_figures_in_work_points() {
    let doc = convert("city-work-points-ranges.txt");
    // 控制在85%-90%之间, 7-8天: both ends, each named by the words before the range
    for (surface, value, unit, kind) in [
        ("85%", 85.0, "%", "rate"),
        ("90%", 90.0, "%", "rate"),
        ("7", 7.0, "天", "duration"),
        ("8天", 8.0, "天", "duration"),
    ] {
        check(&doc, surface, value, unit, kind, "target");
    }
    assert_eq!(figure(&doc, "90%")["label"], "二级以上公立医院病床使用率");
    assert_eq!(figure(&doc, "7")["label"], "平均住院日");
    check(&doc, "1.5万张", 15_000.0, "张", "count", "target");
}

#[test]
fn rates_and_densities_in_their_written_forms() {
    let doc = convert("district-bulletin-rate-forms.txt");
    check(&doc, "188.6/10万", 188.6, "1/10万", "rate", "actual");
    check(&doc, "0.35/十万", 0.35, "1/10万", "rate", "actual");
    // 发病率为每10万人口32.5例: a rate per 100,000 in words, not a density of cases
    check(&doc, "32.5例", 32.5, "1/10万", "rate", "actual");
    assert_eq!(figure(&doc, "32.5例")["label"], "肺结核发病率");
    check(&doc, "3.12名", 3.12, "名/千人", "density", "actual");
    check(&doc, "4.2名", 4.2, "名/万人", "density", "actual");
    check(&doc, "1.2个百分点", -1.2, "百分点", "change", "actual");
}

#[test]
fn ocr_damaged_digits_before_a_decimal_point_or_a_thousands_comma() {
    let doc = convert("county-summary-ocr-digits.txt");
    check(&doc, "2l.6万份", 216_000.0, "份", "count", "actual");
    check(&doc, "9l.3%", 91.3, "%", "rate", "actual");
    check(&doc, "l,256户", 1256.0, "户", "count", "actual");
    // a count of households takes no population from the clause before (…老年人体检率)
    assert!(figure(&doc, "l,256户")["population"].is_null());
    assert_eq!(figure(&doc, "7O.2%")["population"], "65岁以上老年人");
    check(&doc, "3OO万元", 3_000_000.0, "元", "amount", "actual");
    check(&doc, "l5%", 15.0, "%", "change", "actual");
}
