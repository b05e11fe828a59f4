//! Tables flattened into text, on constructed reports in the language of such tables: one
//! row a line split by tabs, `|` or spaces; one cell a line; a whole table on one line; a
//! header of years or of target, actual and score columns; units in the header or above the
//! table; rows marked 其中 or #; list numbers stuck to labels; statistical tables; a row cut
//! by the end of the copy.

use weijian::ingest::Input;
use weijian::model::{Document, Metric, Role};

fn convert(text: &str) -> Document {
    weijian::convert(&Input::from_bytes("r.txt", text.as_bytes().to_vec())).unwrap()
}

/// The metric whose figure is written `as_written` in the row labelled `label`.
fn metric<'a>(doc: &'a Document, label: &str, as_written: &str) -> &'a Metric {
    doc.metrics
        .iter()
        .find(|m| m.label == label && m.as_written == as_written)
        .unwrap_or_else(|| {
            let got: Vec<_> = doc
                .metrics
                .iter()
                .map(|m| (&m.label, &m.as_written, m.value, &m.unit))
                .collect();
            panic!("no {label} {as_written} in {got:#?}")
        })
}

fn has_rule(m: &Metric, rule: &str) -> bool {
    m.because.iter().any(|b| b == rule)
}

#[test]
fn a_self_evaluation_table_on_one_line() {
    let doc = convert(
        "某镇卫生院2022年度项目支出绩效自评表\n\
         项目名称 基本公共卫生服务 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 \
         产出指标 数量指标 指标1:老年人健康体检人数 3600人 3415人 3 2.8 \
         指标2:健康教育讲座 不少于12 次 14次 2 2 \
         指标3:适龄儿童疫苗接种率 95% 98.20% 3 3 \
         指标4:高血压患者规范管理人数 1250人 1180人 3 2.8 质量指标\n",
    );
    let exam = metric(&doc, "老年人健康体检人数", "3415人");
    assert_eq!(
        (exam.value, exam.unit.as_str(), exam.role),
        (3415.0, "人", Role::Actual)
    );
    let target = exam.target.as_ref().expect("the 年度指标值 is its target");
    assert_eq!(target.value, 3600.0);
    assert!(!target.met);
    assert!(has_rule(exam, "table.one_line"));
    assert!(has_rule(exam, "table.target_column"));
    assert!(has_rule(exam, "table.row_label"));
    let talks = metric(&doc, "健康教育讲座", "14次");
    let t = talks.target.as_ref().unwrap();
    assert_eq!((t.value, t.as_written.as_str()), (12.0, "12 次"));
    assert!(t.met);
    assert_eq!(metric(&doc, "适龄儿童疫苗接种率", "98.20%").value, 98.2);
    // weights and scores are no figures of the report
    assert!(
        doc.metrics
            .iter()
            .all(|m| !["3", "2.8", "2"].contains(&m.as_written.as_str())),
        "{:#?}",
        doc.metrics
    );
    assert_eq!(doc.metrics.len(), 4, "{:#?}", doc.metrics);
}

#[test]
fn a_self_evaluation_header_wrapped_in_its_cells() {
    // 年度\n指标值 and 实际\n完成值 flattened row by row; the score columns further on
    let doc = convert(
        "绩效自评表 年度 实际 指标值 完成值 指标1:家庭医生签约人数 8000人 二级指标 \
         指标2:孕产妇系统管理人数 分值 得分 7650人 3 2.9 410人 2 2 \
         指标3:新生儿访视人数 420人 405人 2 1.9 指标4:健康档案建档人数 26000人 25480人 3 3\n",
    );
    let signed = metric(&doc, "家庭医生签约人数", "8000人");
    assert_eq!(signed.role, Role::Target);
    // an actual with its scores stands right of the target column
    let first = metric(&doc, "孕产妇系统管理人数", "7650人");
    assert_eq!(first.role, Role::Actual);
    let visits = metric(&doc, "新生儿访视人数", "405人");
    assert_eq!(visits.target.as_ref().map(|t| t.value), Some(420.0));
    let records = metric(&doc, "健康档案建档人数", "25480人");
    assert_eq!(records.target.as_ref().map(|t| t.value), Some(26000.0));
}

#[test]
fn a_pipe_table_with_a_year_header() {
    let doc = convert(
        "表1 医疗资源情况\n\
         | 指标 | 2021年 | 2022年 | 2023年 |\n\
         |---|---|---|---|\n\
         | 卫生机构数(个) | 356 | 361 | 365 |\n\
         | 床位数(张) | 2810 | 2936 | 3050 |\n\
         | 门诊人次(万人次) | 210.5 | 236.8 | 251.2 |\n",
    );
    assert_eq!(doc.metrics.len(), 9, "{:#?}", doc.metrics);
    let beds = metric(&doc, "床位数", "2936");
    assert_eq!((beds.value, beds.unit.as_str()), (2936.0, "张"));
    assert_eq!(beds.period.as_deref(), Some("2022年"));
    assert!(has_rule(beds, "table.row_per_line"));
    assert!(has_rule(beds, "table.period_column"));
    assert!(has_rule(beds, "table.header_unit"));
    let visits = metric(&doc, "门诊人次", "251.2");
    assert_eq!((visits.value, visits.unit.as_str()), (2_512_000.0, "人次"));
    assert_eq!(visits.period.as_deref(), Some("2023年"));
    let origin = visits.origin.as_ref().unwrap();
    assert_eq!((origin.row, origin.column), (Some(4), Some(4)));
}

#[test]
fn a_tab_separated_table_of_notifiable_diseases() {
    let doc = convert(
        "二、传染病疫情\n\
         病种\t发病数\t死亡数\t发病率(1/10万)\n\
         肺结核\t326\t2\t45.61\n\
         乙型肝炎\t512\t0\t71.63\n\
         梅毒\t98\t0\t13.71\n",
    );
    let cases = metric(&doc, "肺结核发病数", "326");
    assert_eq!((cases.value, cases.unit.as_str()), (326.0, "例"));
    assert!(has_rule(cases, "table.count_header"));
    let deaths = metric(&doc, "肺结核死亡数", "2");
    assert_eq!(deaths.unit, "人");
    let rate = metric(&doc, "乙型肝炎发病率", "71.63");
    assert_eq!((rate.value, rate.unit.as_str()), (71.63, "1/10万"));
    assert_eq!(rate.kind, weijian::model::MetricKind::Rate);
    assert_eq!(doc.metrics.len(), 9, "{:#?}", doc.metrics);
}

#[test]
fn the_unit_stated_above_the_table() {
    let doc = convert(
        "三、经费投入情况\n\
         表2 卫生健康经费投入  单位:万元\n\
         项目    2022年    2023年\n\
         财政投入    4120.38    4536.2\n\
         其中:基本公共卫生    1200    1320\n\
         医疗服务收入    8650    9012.5\n",
    );
    let funds = metric(&doc, "财政投入", "4120.38");
    assert_eq!((funds.value, funds.unit.as_str()), (41_203_800.0, "元"));
    assert!(has_rule(funds, "table.unit_of_table"));
    let part = metric(&doc, "基本公共卫生", "1320");
    assert_eq!(part.value, 13_200_000.0);
    let whole = metric(&doc, "财政投入", "4536.2");
    assert_eq!(part.parent.as_deref(), Some(whole.id.as_str()));
    assert!(has_rule(part, "table.part_row"));
    assert_eq!(metric(&doc, "医疗服务收入", "9012.5").parent, None);
}

#[test]
fn parts_marked_with_a_hash_and_list_numbers_stuck_to_labels() {
    let doc = convert(
        "指标\t2023年\t2022年\n\
         1.卫生机构数(个)\t365\t361\n\
         #医院\t25\t24\n\
         #乡镇卫生院\t18\t18\n\
         2.卫生技术人员(人)\t4620\t4410\n\
         其中:执业(助理)医师\t1850\t1760\n",
    );
    let hospitals = metric(&doc, "医院", "25");
    assert_eq!(hospitals.unit, "个");
    let all = metric(&doc, "卫生机构数", "365");
    assert_eq!(hospitals.parent.as_deref(), Some(all.id.as_str()));
    assert!(has_rule(all, "table.row_label"));
    let doctors = metric(&doc, "执业(助理)医师", "1760");
    let staff = metric(&doc, "卫生技术人员", "4410");
    assert_eq!(doctors.parent.as_deref(), Some(staff.id.as_str()));
    assert_eq!(doctors.unit, "人");
}

#[test]
fn a_table_copied_one_cell_a_line() {
    let doc = convert(
        "主要指标完成情况\n\
         指标\n目标值\n完成值\n\
         孕产妇系统管理率\n90%\n93.6%\n\
         儿童健康管理率\n90%\n91.2%\n\
         老年人健康管理人数\n4000人\n",
    );
    let mothers = metric(&doc, "孕产妇系统管理率", "93.6%");
    assert_eq!(mothers.target.as_ref().map(|t| t.value), Some(90.0));
    assert!(has_rule(mothers, "table.cell_per_line"));
    assert!(metric(&doc, "儿童健康管理率", "91.2%").target.is_some());
    // the last row, cut by the end of the copy, has its target only
    let elderly = metric(&doc, "老年人健康管理人数", "4000人");
    assert_eq!(elderly.role, Role::Target);
}

#[test]
fn a_row_cut_at_the_end_of_the_copy() {
    let doc = convert(
        "指标名称    2022年    2023年    增长率\n\
         门诊人次(人次)    245630    261208    6.3%\n\
         出院人数(人)    18250    19021    4.2%\n\
         手术例数(例)    3620",
    );
    let ops = metric(&doc, "手术例数", "3620");
    assert_eq!(
        (ops.unit.as_str(), ops.period.as_deref()),
        ("例", Some("2022年"))
    );
    let growth = metric(&doc, "出院人数增长率", "4.2%");
    assert_eq!(growth.kind, weijian::model::MetricKind::Change);
}

#[test]
fn a_statistical_table_on_one_line() {
    let doc = convert(
        "表3 甲乙类传染病发病情况 病种 发病数 死亡数 发病率(1/10万) 肺结核 326 2 45.61 \
         乙型肝炎 512 0 71.63 梅毒 98 0 13.71 细菌性痢疾 12 0 1.68\n",
    );
    let rate = metric(&doc, "梅毒发病率", "13.71");
    assert_eq!((rate.value, rate.unit.as_str()), (13.71, "1/10万"));
    assert!(has_rule(rate, "table.one_line"));
    assert_eq!(metric(&doc, "细菌性痢疾发病数", "12").unit, "例");
    assert_eq!(doc.metrics.len(), 12, "{:#?}", doc.metrics);
}

#[test]
fn prose_is_not_read_as_a_table() {
    let doc = convert(
        "全县共有医疗卫生机构365个,其中医院25家。全年门诊人次261208人次,出院人数19021人。\n\
         The hospital had 1,000 beds and 1115 open beds; visits were 998514 and 16648, up 21.34% and 20.21%.\n",
    );
    assert!(
        doc.metrics
            .iter()
            .all(|m| m.origin.as_ref().is_none_or(|o| o.table.is_none())),
        "{:#?}",
        doc.metrics
    );
}

#[test]
fn a_table_split_by_single_spaces_with_stray_units() {
    let doc = convert(
        "指标 年度指标值 实际完成值\n\
         发放健康教育资料 不少于12 种 14 种\n\
         举办健康讲座 ≥12次 15次\n",
    );
    let leaflets = metric(&doc, "发放健康教育资料", "14 种");
    assert_eq!((leaflets.value, leaflets.unit.as_str()), (14.0, "种"));
    let target = leaflets.target.as_ref().unwrap();
    assert_eq!((target.value, target.as_written.as_str()), (12.0, "12 种"));
    assert!(target.met);
    assert!(metric(&doc, "举办健康讲座", "15次").target.is_some());
}

#[test]
fn names_listed_before_respectively_give_bare_figures_their_measure_words() {
    // a row of a table retold as a sentence: the names, then the bare figures
    let doc =
        convert("上半年住院人数、手术例数、门诊人次分别为12840、3620、256300,均较上年增长。\n");
    let got: Vec<(&str, f64, &str)> = doc
        .metrics
        .iter()
        .map(|m| (m.label.as_str(), m.value, m.unit.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("住院人数", 12840.0, "人"),
            ("手术例数", 3620.0, "例"),
            ("门诊人次", 256300.0, "人次")
        ]
    );
    assert!(
        doc.metrics
            .iter()
            .all(|m| has_rule(m, "figure.listed_label_unit"))
    );
}

#[test]
fn a_page_set_in_columns_is_read_column_by_column() {
    // an OCR'd yearbook page: each line holds one line of each column
    let doc = convert(
        "    全县建成村级健康小屋12             孕产妇系统管理率达到95.6%,\n\
         个,覆盖全部行政村。全年随访高          住院分娩率100%。全年产前筛查\n\
         血压患者8620人次,规范管理率为          孕妇3215人,筛查率为88.40%,\n\
         76.5%。建立家庭医生团队45              发现高危孕妇218例。\n\
         支,签约居民3.2万人。                   \n",
    );
    let huts = metric(&doc, "建成村级健康小屋", "12");
    assert_eq!((huts.value, huts.unit.as_str()), (12.0, "个"));
    assert!(has_rule(huts, "figure.in_columns"));
    let teams = metric(&doc, "建立家庭医生团队", "45");
    assert_eq!(teams.unit, "支");
    let rate = metric(&doc, "高血压患者规范管理率", "76.5%");
    assert_eq!(rate.value, 76.5);
    let screened = metric(&doc, "产前筛查孕妇", "3215人");
    assert_eq!(screened.value, 3215.0);
    assert_eq!(metric(&doc, "筛查率", "88.40%").value, 88.4);
}

#[test]
fn a_table_that_clean_up_takes_out_gives_no_metrics() {
    // the part of a download page after its "read the rest" marker is no part of the report
    let doc = convert(
        "全县卫生工作取得新进展。\n试读结束,剩余内容请付费阅读\n指标\t2022年\t2023年\n床位数(张)\t650\t700\n",
    );
    assert!(doc.metrics.is_empty(), "{:#?}", doc.metrics);
}

#[test]
fn a_table_of_years_on_one_line_with_units_in_its_row_labels() {
    let doc = convert(
        "表1 2021-2023年医疗资源 指标 2021年 2022年 2023年 卫生机构数(个) 356 361 365 \
         床位数(张) 2810 2936 3050 卫生技术人员(人) 4410 4620 4815\n",
    );
    let beds = metric(&doc, "床位数", "2936");
    assert_eq!((beds.value, beds.unit.as_str()), (2936.0, "张"));
    assert_eq!(beds.period.as_deref(), Some("2022年"));
    assert!(has_rule(beds, "table.one_line"));
    assert_eq!(
        metric(&doc, "卫生技术人员", "4815").period.as_deref(),
        Some("2023年")
    );
    assert_eq!(doc.metrics.len(), 9, "{:#?}", doc.metrics);
}

#[test]
fn a_money_table_on_one_line_with_its_unit_in_the_caption() {
    let doc = convert(
        "表2 卫生健康经费投入 单位:万元 项目 2022年 2023年 财政拨款 4120.38 4536.2 \
         其中:基本公共卫生服务 1200 1320 医疗服务收入 8650 9012.5\n",
    );
    let grants = metric(&doc, "财政拨款", "4536.2");
    assert_eq!((grants.value, grants.unit.as_str()), (45_362_000.0, "元"));
    assert!(has_rule(grants, "table.unit_of_table"));
    let part = metric(&doc, "基本公共卫生服务", "1320");
    assert_eq!(part.parent.as_deref(), Some(grants.id.as_str()));
    assert_eq!(metric(&doc, "医疗服务收入", "8650").value, 86_500_000.0);
}
