//! Report metadata read from the page around the report (issue 17, kind 4), on short copies
//! written as web pages, download sites and flattened forms give them: a headline above its
//! dateline, a title glued to the text, chrome around a title, a collection's first document,
//! a yearbook entry, the period and level read from the text.

mod common;

use serde_json::Value;

/// The report metadata of a text converted from standard input.
fn report(text: &str) -> Value {
    common::convert_text(text)["report"].clone()
}

#[test]
fn a_news_headline_above_its_dateline_is_the_title_and_its_source_the_issuer() {
    let r = report(
        "網站首頁 | 新聞中心\n某省衛(wèi)生健康委發(fā)布婦幼健康指標\n發(fā)布時間:2019年06月26日 來源: 某省衛(wèi)生健康委員會\n2018年,全省孕產(chǎn)婦死亡率為9.16/10萬。\n",
    );
    assert_eq!(r["title"], "某省衛(wèi)生健康委發(fā)布婦幼健康指標");
    // the body the headline names
    assert_eq!(r["issuer"], "某省衛(wèi)生健康委");
    assert_eq!(r["period"], "2018");
    assert_eq!(r["kind"], "bulletin");
    assert_eq!(r["published"], "2019-06-26");
}

#[test]
fn a_newspaper_named_as_the_source_is_no_issuer() {
    let r = report("某县开展义诊活动\n2023-05-08 10:00 来源:某某日报\n全县共义诊1200人次。\n");
    assert_eq!(r["title"], "某县开展义诊活动");
    assert_eq!(r["issuer"], "");
    assert_eq!(r["jurisdiction"]["level"], "county");
}

#[test]
fn a_title_glued_to_the_text_of_a_flattened_copy_is_cut_at_its_ending() {
    let r = report(
        "第1页共3页结核病防治工作总结按照省2023年结核病防治工作安排,县疾控中心在上级业务部门的指导下开展工作,现将全年工作总结如下:一、全县共发现肺结核患者120例,全县报告发病率为35.2/10万。\n",
    );
    assert_eq!(r["title"], "结核病防治工作总结");
    assert_eq!(r["kind"], "summary");
    assert_eq!(r["period"], "2023");
    assert_eq!(r["jurisdiction"]["level"], "county");
}

#[test]
fn chrome_around_a_title_and_a_collection_give_way_to_the_report() {
    let r = report(
        "第2篇 2022年县卫生健康局工作总结及工作计划 2100字\n一、工作完成情况\n培训1539人。\n",
    );
    assert_eq!(r["title"], "2022年县卫生健康局工作总结及工作计划");
    assert_eq!(r["issuer"], "县卫生健康局");
    assert_eq!(r["kind"], "summary_and_plan");
    let r = report(
        "某局2022年工作总结范文(3篇)\n目录 1. 市卫生健康委2022年工作总结和2023年工作思路 2 2.县卫生健康局2022年工作总结 8 市卫生健康委2022年工作总结和2023年工作思路 2022年,全市门诊量320万人次。\n",
    );
    assert_eq!(r["title"], "市卫生健康委2022年工作总结和2023年工作思路");
    assert_eq!(r["kind"], "summary_and_plan");
}

#[test]
fn a_yearbook_entry_is_titled_by_its_heading_and_dated_by_its_text() {
    let r = report(
        "【妇幼健康服务】2019年,某某区孕产妇系统管理率达95.2%,住院分娩率100%,全区无孕产妇死亡。\n",
    );
    assert_eq!(r["title"], "妇幼健康服务");
    assert_eq!(r["period"], "2019");
    assert_eq!(r["jurisdiction"]["level"], "district");
    // no whole-place word: the place the text opens with after its year
    let r = report("【疾病预防控制】2021年,某某县报告法定传染病1256例,报告及时率99.8%。\n");
    assert_eq!(r["jurisdiction"]["level"], "county");
    assert_eq!(r["jurisdiction"]["name"], "某某县");
    // nor a region (区域) for a place
    let r = report("【卫生规划】2021年,区域卫生规划稳步实施,新增床位120张。\n");
    assert_eq!(r["jurisdiction"]["level"], "unknown");
    // a bracketed period after the title's ending
    let r = report("项目支出绩效自评表 (2022年度)\n项目名称 基本公共卫生服务\n");
    assert_eq!(r["title"], "项目支出绩效自评表 (2022年度)");
}

#[test]
fn the_period_of_an_undated_title_comes_from_the_text() {
    // a running total: from January to the month it is stated at
    let r = report(
        "某某县疾病预防控制中心第二季度信息公开\n截至2022年6月30日,辖区常住居民电子建档率93.2%。\n",
    );
    assert_eq!(r["period"], "2022-01..2022-06");
    // a half year named in the title, the year in the text; a year compared with is not it
    let r = report("上半年卫生健康工作总结\n与2021年同期相比,2022年上半年全县门诊量增长5%。\n");
    assert_eq!(r["period"], "2022H1");
    // a quarter in a dated title is its three months
    let r = report("2023年第四季度全市医疗服务情况\n全市诊疗544.34万人次。\n");
    assert_eq!(r["period"], "2023-10..2023-12");
}

#[test]
fn the_level_comes_from_a_province_a_municipality_or_the_whole_place_the_text_speaks_of() {
    assert_eq!(
        report("2022年湖南卫生健康事业发展统计公报\n全省共有医疗卫生机构5.6万个。\n")["jurisdiction"]
            ["level"],
        "province"
    );
    assert_eq!(
        report("上海市卫生健康委员会2022年工作总结\n全市门诊量2.6亿人次。\n")["jurisdiction"]["level"],
        "province"
    );
    // no issuer or place in the title: the whole place the text names most
    let r = report(
        "实现产前筛查率90%以上的目标。全市建成3家示范机构,全市母婴设施配置率达90%以上,全县试点1家。\n",
    );
    assert_eq!(r["jurisdiction"]["level"], "city");
    // an autonomous region's 全区
    let r = report("在自治区党委的领导下,全区卫生健康系统稳步推进,全区共有医疗卫生机构1650个。\n");
    assert_eq!(r["jurisdiction"]["level"], "province");
}

#[test]
fn a_body_named_as_the_guide_of_the_work_is_not_its_author() {
    let r = report(
        "上半年工作总结\n在县委、县政府的正确领导和市卫健委的关心支持下,全县卫生健康工作稳步推进,全县共有村卫生室153个。\n",
    );
    assert_eq!(r["issuer"], "");
    assert_eq!(r["jurisdiction"]["level"], "county");
}

#[test]
fn a_forms_reporting_unit_is_its_issuer() {
    let r = report(
        "某某县项目支出绩效自评表 (2022年度) 项目名称 国家基本公共卫生服务 主管部门 某某县卫生健康局 实施单位 某某县某某镇卫生院 年度资金总额 全年预算数 全年执行数 分值 执行率 得分 120.5 120.5 10 100% 10\n",
    );
    assert_eq!(r["title"], "某某县项目支出绩效自评表 (2022年度)");
    assert_eq!(r["issuer"], "某某县某某镇卫生院");
    assert_eq!(r["jurisdiction"]["level"], "township");
    assert_eq!(r["period"], "2022");
    assert_eq!(r["kind"], "summary");
}
