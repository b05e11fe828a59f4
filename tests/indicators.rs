//! Indicator codes on constructed reports (written for these tests, not copied from any
//! report): bare rates completed from their context (the clause, the paragraph, the section
//! heading), and the indicators of statistical bulletins, maternal and child health
//! releases, notifiable diseases and population.

use weijian::ingest::Input;
use weijian::model::{Document, Metric};

fn convert(text: &str) -> Document {
    weijian::convert(&Input::from_bytes("r.txt", text.as_bytes().to_vec())).unwrap()
}

/// The metric whose surface form is `as_written` (the first of them).
fn metric<'a>(doc: &'a Document, as_written: &str) -> &'a Metric {
    doc.metrics
        .iter()
        .find(|m| m.as_written == as_written)
        .unwrap_or_else(|| {
            let got: Vec<_> = doc.metrics.iter().map(|m| &m.as_written).collect();
            panic!("no metric {as_written} in {got:?}")
        })
}

/// The code each figure gets (`None`: no code), checked all at once.
fn assert_codes(doc: &Document, expected: &[(&str, Option<&str>)]) {
    let wrong: Vec<String> = expected
        .iter()
        .filter_map(|&(as_written, code)| {
            let m = metric(doc, as_written);
            (m.indicator.as_deref() != code).then(|| {
                format!(
                    "{as_written} ({}, subject {:?}): {:?}, expected {code:?}",
                    m.label, m.subject, m.indicator
                )
            })
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_county_summary_lists_bare_rates_after_naming_the_patients() {
    let doc = convert(
        "某县2024年基本公共卫生服务工作总结\n\
         一、慢性病患者健康管理\n\
         全县登记高血压患者41236人,实际管理40118人,管理率97.29%,规范管理33507人,规范管理率81.25%,血压控制率76.40%。\
         2型糖尿病患者登记12890人;随访12011人,规范管理率78.66%,控制率:61.05%。\n\
         (三)严重精神障碍患者管理\n\
         在册1530人,在管1519人,规范管理1466人,规范管理率95.82%,规律服药率90.17%。\n\
         二、家庭医生签约服务\n\
         全县家庭医生签约31.6万人,签约率45.3%;重点人群签约14.2万人,签约率82.6%;有偿签约2.1万人,签约率3.4%。\n",
    );
    assert_codes(
        &doc,
        &[
            ("97.29%", Some("HTN.MGT")),
            ("81.25%", Some("HTN.STD")),
            ("76.40%", Some("HTN.CTRL")),
            ("78.66%", Some("DM.STD")),
            ("61.05%", Some("DM.CTRL")),
            ("95.82%", Some("SMI.STD")),
            ("90.17%", Some("SMI.MED")),
            ("45.3%", Some("FDS.SIGN")),
            ("82.6%", Some("FDS.KEY")),
            // 有偿签约 is a sign-up of its own: no code rather than a wrong one
            ("3.4%", None),
        ],
    );
    // the label stays as written; the subject and the rule say where the rest came from
    let m = metric(&doc, "81.25%");
    assert_eq!(m.label, "规范管理率");
    assert_eq!(m.subject.as_deref(), Some("高血压患者"));
    assert!(
        m.because.iter().any(|b| b == "label.subject_before"),
        "{m:?}"
    );
    assert!(
        m.because.iter().any(|b| b == "indicator.with_subject"),
        "{m:?}"
    );
    let m = metric(&doc, "95.82%");
    assert_eq!(m.subject.as_deref(), Some("严重精神障碍患者"));
    assert!(
        m.because.iter().any(|b| b == "label.subject_of_section"),
        "{m:?}"
    );
    // a colon between the name and the figure
    assert_eq!(metric(&doc, "61.05%").label, "控制率");
}

#[test]
fn a_rate_of_two_subjects_or_of_none_gets_no_code() {
    let doc = convert(
        "高血压和糖尿病患者规范管理率均达到70%以上,控制率均在60%以上。\
         开展健康教育讲座126场,规范管理率100%。",
    );
    assert_codes(&doc, &[("60%", None), ("100%", None)]);
    assert!(metric(&doc, "60%").subject.is_none());
}

#[test]
fn a_count_of_what_is_rated_names_the_subject() {
    let doc = convert(
        "管理高血压患者8120人,血压控制人数6031人,控制率74.27%;管理糖尿病患者2264人,血糖控制1502人,控制率66.34%。\
         累计建立居民电子健康档案38.6万份,建档率91.12%。",
    );
    assert_codes(
        &doc,
        &[
            ("74.27%", Some("HTN.CTRL")),
            ("66.34%", Some("DM.CTRL")),
            ("91.12%", Some("EHR.RATE")),
        ],
    );
    assert_eq!(metric(&doc, "74.27%").subject.as_deref(), Some("血压"));
}

#[test]
fn a_statistical_bulletin_codes_institutions_beds_staff_and_visits() {
    let doc = convert(
        "某市2023年卫生健康事业发展统计公报\n\
         一、卫生资源\n\
         年末全市医疗卫生机构2816个,其中医院96个,基层医疗卫生机构2641个,专业公共卫生机构61个。\
         全市卫生机构床位3.12万张,其中医院床位2.48万张。每千人口医疗卫生机构床位数6.82张。\
         全市卫生人员5.27万人,其中卫生技术人员4.16万人,执业(助理)医师1.58万人,注册护士1.83万人。\
         每千人口执业(助理)医师3.45人,每千人口注册护士4.01人,每万人口全科医生3.6人。\n\
         二、医疗服务\n\
         全市总诊疗人次2586.4万人次,入院人数86.2万人。医院病床使用率81.6%,出院者平均住院日8.4天。\
         门诊病人次均医药费用286.5元,住院病人人均医药费用9630.2元。\n",
    );
    assert_codes(
        &doc,
        &[
            ("2816个", Some("RES.INST")),
            ("96个", Some("RES.HOSP")),
            ("2641个", Some("RES.PHC")),
            ("61个", Some("RES.PUB")),
            ("3.12万张", Some("RES.BEDN")),
            ("2.48万张", Some("RES.HBEDN")),
            ("6.82张", Some("RES.BEDS")),
            ("5.27万人", Some("RES.STAFF")),
            ("4.16万人", Some("RES.HW")),
            ("1.58万人", Some("RES.DOC")),
            ("1.83万人", Some("RES.NURSE")),
            ("3.45人", Some("RES.DOCS")),
            ("4.01人", Some("RES.NURSES")),
            ("3.6人", Some("RES.GPS")),
            ("2586.4万人次", Some("SVC.VISITS")),
            ("86.2万人", Some("SVC.ADM")),
            ("81.6%", Some("RES.BEDUSE")),
            ("8.4天", Some("SVC.ALOS")),
            ("286.5元", Some("SVC.OPCOST")),
            ("9630.2元", Some("SVC.INPCOST")),
        ],
    );
}

#[test]
fn older_names_read_as_the_names_of_today() {
    let doc = convert(
        "全县有卫生机构312个,村卫生室268个,乡镇卫生院18所。新型农村合作医疗参合率98.2%,新农合参合率较上年提高1.1个百分点。",
    );
    assert_codes(
        &doc,
        &[
            ("312个", Some("RES.INST")),
            ("268个", Some("RES.VC")),
            ("18所", Some("RES.THC")),
            ("98.2%", Some("INS.NCMS")),
            // a change of an indicator is not the indicator
            ("1.1个百分点", None),
        ],
    );
}

#[test]
fn a_maternal_and_child_health_release_codes_its_mortality_rates() {
    let doc = convert(
        "2023年全省妇幼健康监测主要指标发布\n\
         全省活产数41.3万人,住院分娩率99.96%,孕产妇系统管理率93.1%。\
         全省孕产妇死亡率为8.62/10万,户籍孕产妇死亡率为7.9/10万;新生儿、婴儿和5岁以下儿童死亡率分别为1.21‰、2.36‰、3.52‰。\
         新生儿遗传代谢性疾病筛查率98.7%,新生儿听力筛查率97.4%。\n\
         孕产妇活产2566人,系统管理2401人,系统管理率93.57%;产后访视2455人,访视率95.67%。",
    );
    assert_codes(
        &doc,
        &[
            ("41.3万人", Some("MCH.LB")),
            ("99.96%", Some("MCH.HOSP")),
            ("93.1%", Some("MCH.SYS")),
            ("8.62/10万", Some("MCH.MMR")),
            ("7.9/10万", Some("MCH.MMR")),
            ("1.21‰", Some("CH.NMR")),
            ("2.36‰", Some("CH.IMR")),
            ("3.52‰", Some("CH.U5MR")),
            ("98.7%", Some("CH.NBS")),
            ("97.4%", Some("CH.HEAR")),
            ("93.57%", Some("MCH.SYS")),
        ],
    );
    assert_eq!(metric(&doc, "2.36‰").label, "婴儿死亡率");
}

#[test]
fn notifiable_diseases_are_coded_by_class() {
    let doc = convert(
        "2023年全市共报告法定传染病31254例,死亡12人,法定传染病报告发病率为512.37/10万。\
         其中甲乙类传染病报告发病数8862例,报告死亡11人,甲乙类传染病报告发病率为145.28/10万,报告死亡率为0.18/10万;\
         丙类传染病报告发病数22392例,丙类传染病报告发病率为367.09/10万。肺结核报告发病率为38.6/10万。",
    );
    assert_codes(
        &doc,
        &[
            ("512.37/10万", Some("CD.INC")),
            ("8862例", Some("CD.AB.CASES")),
            ("145.28/10万", Some("CD.AB.INC")),
            ("22392例", Some("CD.C.CASES")),
            ("367.09/10万", Some("CD.C.INC")),
            ("38.6/10万", Some("TB.INC")),
        ],
    );
}

#[test]
fn population_indicators_are_coded() {
    let doc = convert("全市常住人口出生率为7.86‰,人口自然增长率为1.52‰,人均预期寿命达到79.6岁。");
    assert_codes(
        &doc,
        &[
            ("7.86‰", Some("POP.BR")),
            ("1.52‰", Some("POP.NGR")),
            ("79.6岁", Some("POP.LE")),
        ],
    );
    let doc = convert("全县人口出生率为8.1‰,出生人口5216人。");
    assert_codes(
        &doc,
        &[("8.1‰", Some("POP.BR")), ("5216人", Some("POP.BIRTHS"))],
    );
}

#[test]
fn every_indicator_has_a_direction_and_every_rate_its_bounds() {
    let c = weijian::Catalogue::builtin();
    assert!(c.indicators().len() >= 100);
    for ind in c.indicators() {
        let rate = ["%", "‰", "1/10万"].contains(&ind.unit.as_str()) || ind.unit.contains('/');
        if rate {
            let [low, high] = ind
                .bounds
                .unwrap_or_else(|| panic!("{} has no bounds", ind.code));
            assert!(low < high, "{}", ind.code);
            assert!(ind.factor.is_some(), "{} has no factor", ind.code);
        }
    }
}

#[test]
fn a_count_written_before_its_noun_counts_objects_not_all_there_are() {
    let doc = convert(
        "全县共有乡镇卫生院16个。投入资金2400万元对9所乡镇卫生院进行改造,新建6个村卫生室。",
    );
    assert_codes(
        &doc,
        &[("16个", Some("RES.THC")), ("9所", None), ("6个", None)],
    );
}

#[test]
fn the_level_a_rate_is_compared_with_is_the_same_rate() {
    let doc = convert(
        "全市孕产妇死亡率为6.35/10万,较上年7.12/10万下降了10.81%;婴儿死亡率为2.05‰,比上年2.31‰下降0.26个千分点。",
    );
    assert_codes(
        &doc,
        &[
            ("6.35/10万", Some("MCH.MMR")),
            ("7.12/10万", Some("MCH.MMR")),
            ("2.05‰", Some("CH.IMR")),
            ("2.31‰", Some("CH.IMR")),
        ],
    );
    let m = metric(&doc, "7.12/10万");
    assert_eq!(m.label, "孕产妇死亡率");
    assert!(
        m.because
            .iter()
            .any(|b| b == "label.compared_with_previous")
    );
    assert_eq!(metric(&doc, "10.81%").label, "孕产妇死亡率下降");
}

#[test]
fn beds_and_staff_after_one_kind_of_institution_are_theirs() {
    let doc = convert(
        "全省妇幼保健机构98家,床位12650张,卫生技术人员20318人。全市医院87个,床位2.16万张。\
         全市卫生技术人员4.02万人,床位3.3万张。",
    );
    assert_codes(
        &doc,
        &[
            // the beds and staff of the MCH institutions are no totals of the province
            ("12650张", None),
            ("20318人", None),
            ("2.16万张", Some("RES.HBEDN")),
            ("4.02万人", Some("RES.HW")),
            ("3.3万张", Some("RES.BEDN")),
        ],
    );
    let m = metric(&doc, "12650张");
    assert_eq!(m.subject.as_deref(), Some("妇幼保健机构"));
    assert!(m.because.iter().any(|b| b == "label.subject_institution"));
}
