//! The named rules of extraction: every decision that makes a metric (that it is a figure,
//! its kind and unit, its qualifier, role, label, target, whether the target was met, its
//! indicator) is taken by one of these, and each metric records, in `because`, the rules that
//! made it and the lexicon words that fired (`change.up[增长]`).
//!
//! Code names a rule with [`rule!`](crate::rules::rule), which refuses at compile time a name
//! that is not listed here; docs/rules.md is generated from this list ([`markdown`]) and a
//! test keeps the two equal.

/// What a rule decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Decides {
    /// That a number is a figure at all, and how it is read.
    Figure,
    /// The kind and unit of the metric.
    Kind,
    /// Its label.
    Label,
    /// Whether it is an actual or a target.
    Role,
    /// The target it is held against, and whether that was met.
    Target,
    /// The indicator of the catalogue it names.
    Indicator,
}

impl Decides {
    /// The heading of the rules of this kind in docs/rules.md.
    pub fn heading(self) -> &'static str {
        match self {
            Decides::Figure => "Figures: what is a figure and how it is read",
            Decides::Kind => "Kind and unit",
            Decides::Label => "Labels",
            Decides::Role => "Roles: actual or target",
            Decides::Target => "Targets and whether they were met",
            Decides::Indicator => "Indicators",
        }
    }
}

/// One named rule.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Its name, `topic.rule`, as metrics record it.
    pub name: &'static str,
    /// What it decides.
    pub decides: Decides,
    /// What it does, for a person.
    pub what: &'static str,
    /// A sentence it acts on, and what it makes of it.
    pub example: &'static str,
}

const fn def(
    name: &'static str,
    decides: Decides,
    what: &'static str,
    example: &'static str,
) -> Rule {
    Rule {
        name,
        decides,
        what,
        example,
    }
}

use Decides::*;

/// Every rule, in the order of the pipeline.
pub const RULES: &[Rule] = &[
    def(
        "figure.arabic",
        Figure,
        "A number in Arabic digits (full-width, with thousands commas, decimals, spaces of a PDF copy inside it) with the multiplier (万, 亿) and unit after it.",
        "建立居民电子健康档案47.6万份 → 476000 份",
    ),
    def(
        "figure.chinese",
        Figure,
        "A number in Chinese numerals followed by a measure word, as a count (never a date, an ordinal or an idiom).",
        "开展义诊三十场 → 30 场",
    ),
    def(
        "figure.percent_in_words",
        Figure,
        "A percentage written out in words (百分之, 成).",
        "门诊量下降三成 → 30 %",
    ),
    def(
        "figure.range",
        Figure,
        "Both ends of a range of figures are figures, each with the unit written once after the second.",
        "新增3至5家 → 3 家, 5 家",
    ),
    def(
        "figure.listed_unit",
        Figure,
        "Figures listed before the one that has the unit take its unit.",
        "分别为12、15、20个 → 12 个, 15 个, 20 个",
    ),
    def(
        "figure.unit_before",
        Figure,
        "A bare number after a label ending in a measure word takes it as its unit.",
        "诊疗人次1856.3万 → 18563000 人次",
    ),
    def(
        "figure.listed_label_unit",
        Figure,
        "Bare figures listed after 分别 take, each, the measure word its listed name ends with (人次, 例; a count's name such as 出院病人数 the word it implies, unit.count_names).",
        "门急诊人次、出院病人数分别为998514、16648 → 998514 人次, 16648 人",
    ),
    def(
        "figure.in_columns",
        Figure,
        "A page set in columns and copied line by line (four or more lines split at the same display columns into pieces of prose) is read column by column, so a figure at the end of a column's line takes its unit from the start of the column's next line.",
        "全县共有健康自助检测站20          管理率为97.22%,体检在管患者\n个,目前管理高危人群2500人。     达到规定要求,较上年有所提高。\n2016年共收集报告卡298张,其中    各乡镇卫生院均已开展此项工作\n无效卡片41张,有效卡片257张。     全年未发生重大突发公共卫生事件 → 20 个",
    ),
    def(
        "figure.zero_rate",
        Figure,
        "A rate reported as a bare zero, in the unit its name implies.",
        "孕产妇死亡率为0 → 0 1/10万",
    ),
    def(
        "kind.by_unit",
        Kind,
        "The kind follows the unit: % ‰ 1/10万 a rate, 元 an amount, a time unit a duration, a measure word a count.",
        "签约率51.2% → rate",
    ),
    def(
        "kind.change",
        Kind,
        "A verb of growth or decline right before the figure makes it a change, signed; the verb is recorded as change.up[…] or change.down[…].",
        "门诊量同比增长12.5% → change +12.5 %",
    ),
    def(
        "kind.change_conjoined",
        Kind,
        "A figure joined by 和 or 、 to a change is a change of the same sign.",
        "分别增长8.2%和5.1% → both changes",
    ),
    def(
        "kind.duration_label",
        Kind,
        "A time figure is a duration only when its label names one (平均住院日, 寿命); otherwise it is no figure.",
        "平均住院日7.5天 → duration",
    ),
    def(
        "kind.density",
        Kind,
        "A count per thousand or ten thousand people is a density, its unit the measure word per base.",
        "每千人口床位数6.45张 → 6.45 张/千人",
    ),
    def(
        "kind.rate_per_100k_words",
        Kind,
        "A rate per 100,000 written out in words is a rate in 1/10万.",
        "发病率为每10万人口32.5例 → 32.5 1/10万",
    ),
    def(
        "kind.density_of_previous",
        Kind,
        "A second level of a density, with no label of its own, is the same density.",
        "每千人口床位数由6.21张增加到6.45张 → both 张/千人",
    ),
    def(
        "qualifier.before",
        Kind,
        "A qualifier word right before the figure (约, 近, 超过) is recorded; the word is named.",
        "服务约20万人次 → about",
    ),
    def(
        "qualifier.after",
        Kind,
        "A qualifier word right after the figure or its unit (余, 多, 以上, 以内) is recorded.",
        "2000余份 → over",
    ),
    def(
        "label.clause_before",
        Label,
        "The words before the figure in its clause, cut of scope words, list numbers, linking verbs and time words.",
        "全区建立居民电子健康档案476094份 → 建立居民电子健康档案",
    ),
    def(
        "label.noun_after",
        Label,
        "A count whose clause has no name before it, or which is followed by what it counts, is named by the noun after it.",
        "全县有3家医院 → 医院",
    ),
    def(
        "label.noun_after_de",
        Label,
        "A figure followed by 的 is named by the noun after 的.",
        "占全部的35%的患者 → 患者",
    ),
    def(
        "label.noun_after_verb",
        Label,
        "A figure whose clause before holds only a verb (label.count_verbs: 申请, 争取, 投入) is named by the noun after it, whatever its kind.",
        "申请50亿元专项债资金 → 专项债资金",
    ),
    def(
        "label.bound_word",
        Label,
        "A figure followed by a bound word (之间, 以内) takes the words before it.",
        "门诊次均费用控制在200元之内 → 门诊次均费用",
    ),
    def(
        "label.from_next",
        Label,
        "A composite count written with the next one (6类10项) takes its label, as does the first end of a range.",
        "6类10项 → both named by 项's label",
    ),
    def(
        "label.listed",
        Label,
        "Labels listed before 分别, as many as the figures after it, name them in order; the shared ending goes to each.",
        "高血压、糖尿病患者规范管理率分别为72.1%、70.5% → 高血压患者规范管理率, 糖尿病患者规范管理率",
    ),
    def(
        "label.respectively",
        Label,
        "Figures listed after 分别 speak, in order, of the figures listed before it in the sentence.",
        "门诊52.3万人次,住院3.6万人次,分别同比增长8.2%和5.1% → 门诊人次增长, 住院人次增长",
    ),
    def(
        "label.change_of_previous",
        Label,
        "A change with no label of its own is named after the figure before it, with its verb.",
        "投入资金2.35亿元,增长17.5% → 投入资金增长",
    ),
    def(
        "label.same_as_conjoined",
        Label,
        "A change joined to another with nothing to pair them with takes the same label.",
        "分别增长8.2%和5.1% → the same label",
    ),
    def(
        "label.generic_rate_of_previous",
        Label,
        "A generic rate (达标率, 完成率) is the rate of what the figure before it named.",
        "开展健康教育讲座120场,达标率100% → 开展健康教育讲座达标率",
    ),
    def(
        "label.patients_of_previous",
        Label,
        "A management rate after a count of patients is named for them.",
        "管理高血压患者2868人,规范管理率65.3% → 高血压患者规范管理率",
    ),
    def(
        "label.before_colon",
        Label,
        "A figure right after a colon is named by the clause before the colon.",
        "随访29651人,管理率:99.87% → 管理率",
    ),
    def(
        "label.subject_before",
        Label,
        "A bare rate (label.bare_rates: 规范管理率, 控制率, 签约率) whose label names no subject takes, as its subject, the word of label.subjects named nearest before it in its paragraph; the label stays as written.",
        "高血压建档30245人,实际管理30206人,规范管理率88.16% → subject 高血压",
    ),
    def(
        "label.subject_of_count",
        Label,
        "A bare rate after a clause that counts what it rates (its name without 率) takes the words before that verb as its subject, unless they are only label.same_thing (实际).",
        "有偿签约3.4万人,签约率6.1% → subject 有偿",
    ),
    def(
        "label.subject_of_section",
        Label,
        "A bare rate whose paragraph names no subject takes the word of label.subjects in the title of its section.",
        "四、严重精神障碍患者管理\n规范管理2197人,规范管理率96.32% → subject 严重精神障碍患者",
    ),
    def(
        "label.subject_institution",
        Label,
        "A count of what institutions have (label.bare_counts: 床位, 卫生技术人员) after a count of one kind of institution (label.institution_kinds) in its sentence is of those institutions; the catalogue reads it only with them.",
        "全省妇幼保健机构105家,床位13818张 → subject 妇幼保健机构",
    ),
    def(
        "label.compared_with_previous",
        Label,
        "A figure named only by a comparison (较上年, 比去年同期) is the level the figure before it, of the same unit, is compared with: it takes that figure's label.",
        "孕产妇死亡率为9.80/10万,较上年9.87/10万下降了0.71% → 孕产妇死亡率",
    ),
    def(
        "label.same_as_previous",
        Label,
        "A figure with no label speaks of the same thing as the figure before it in the sentence.",
        "发放宣传资料4种,共计1300余份 → 宣传资料",
    ),
    def(
        "label.without_comparison",
        Label,
        "A change's label loses the comparison (同比, 较上年).",
        "较上年增长5% → 增长",
    ),
    def(
        "label.without_base_of_multiple",
        Label,
        "A multiple's label loses its base (是…的).",
        "是上年的2倍 → without 是上年的",
    ),
    def(
        "label.basis_cleared",
        Label,
        "A label that only states the basis of a comparison (按当年价格) names nothing and is dropped.",
        "按当年价格比上年上涨2.1% → no label",
    ),
    def(
        "role.actual",
        Role,
        "A figure is an actual unless a rule below makes it a target.",
        "签约率51.2% → actual",
    ),
    def(
        "role.target_cue",
        Role,
        "A target cue in the clauses before the figure makes it an aim; the cue is named (target.cues[力争]).",
        "力争签约率达到75% → target",
    ),
    def(
        "role.aims_at_year",
        Role,
        "到 a year at the head of the sentence sets an aim for that year.",
        "到2025年,人均预期寿命达到79岁 → target",
    ),
    def(
        "role.secures_a_level",
        Role,
        "争取 followed by a level aimed at (达到, 提高到) makes the figure an aim.",
        "争取规范管理率达到65% → target",
    ),
    def(
        "role.plan",
        Role,
        "In a plan (a plan document, or a section of plans), a figure is an aim unless its clause says it is done (已, 累计, 同比).",
        "二、2024年工作计划\n全区建档率达到90% → target",
    ),
    def(
        "role.plan_scope",
        Role,
        "In a plan, a count of institutions or programmes whose name follows it, with no verb of making or reaching before it in its clause, states the scope of a measure: it is actual.",
        "二、2024年工作计划\n在72所乡镇卫生院实施基本药物制度 → 72所 actual",
    ),
    def(
        "role.requirement",
        Role,
        "A figure followed by 的 and the name of a target (要求, 指标, 任务, 目标: target.phrase_cores) states a requirement: it is an aim, in a summary too.",
        "建档率已达到上级要求78%的指标 → 78% target",
    ),
    def(
        "kind.text_plans",
        Role,
        "A report titled a summary, or untitled, whose text states aims (力争, 确保, 以上, 不少于, 年内) at least 8 times and results (已, 累计, 同比, 共有, 增长) less than once for every 6 aims is a plan: its figures are aims by role.plan.",
        "加大重点人群健康保障力度。实现产前筛查率90%以上、新生儿疾病筛查率95%以上的目标。年内二级以上综合医院设老年医学科比例达60%以上,全市母婴设施配置率达90%以上,专项救治病种不少于30种,住院费用自付比例控制在10%以内。 → all targets",
    ),
    def(
        "role.aimed_change",
        Role,
        "The change of an aimed figure right after it is aimed too.",
        "二、2024年工作计划\n专项资金达到3000万元,比上年增长10% → both targets",
    ),
    def(
        "target.attached",
        Target,
        "A target stated beside the figure (in brackets, or after 任务/目标) is attached to it and no metric of its own.",
        "签约率51.2%(任务50%) → target 50 %",
    ),
    def(
        "target.met_direction",
        Target,
        "Whether the target was met: from below when the target is a ceiling or the indicator's direction (catalogue) is lower-is-better, from above otherwise.",
        "孕产妇死亡率8.5/10万(目标10/10万) → met",
    ),
    def(
        "target.met_label_fallback",
        Target,
        "For a metric the catalogue does not know, lower-is-better is read from its label (model.lower_is_better).",
        "床位空置率降至8%(目标10%) → met",
    ),
    def(
        "table.cell",
        Label,
        "A table cell's figure is named by its row and column headers, with the column's unit and role; a year column is its period.",
        "卫生机构数(个) | 2022 | 112 → 卫生机构数 112 个",
    ),
    def(
        "table.row_per_line",
        Label,
        "A table copied as text, one row a line, its cells split by tabs, `|` or runs of spaces (a cut last row keeps the cells it has), is read cell by cell.",
        "指标 | 2022年 | 2023年\n门诊人次(万人次) | 45.6 | 48.2 → 456000 人次, 482000 人次",
    ),
    def(
        "table.cell_per_line",
        Label,
        "A table copied as text one cell a line: its header's lines (no figures) give the width, and each row is the label and as many lines as there are columns.",
        "指标\n2022年\n2023年\n床位数(张)\n650\n700\n卫生技术人员(人)\n820\n860 → 650 张 … 860 人",
    ),
    def(
        "table.one_line",
        Label,
        "A table flattened onto one line: a run of header words is the header (a header wrapped in its cells joined back: 年度 实际 指标值 完成值), the text before each run of figures its row's label, and each run cut into rows set where every cell fits its column (a bare number under a score or a unit, a figure with a unit under a value column).",
        "指标 年度指标值 实际完成值 分值 得分 指标1:健康档案 3800人 3650人 2 1.9 指标2:健康讲座 12次 15次 2 2 → 3650 人 (target 3800 人), 15 次 (target 12 次)",
    ),
    def(
        "table.header_unit",
        Kind,
        "A bare figure takes the unit its column or row header states in brackets or after 单位 (`(%)`, `(万元)`, `(1/10万)`, `(万)` before a measure word).",
        "病种\t发病数\t发病率(1/10万)\n肺结核\t326\t45.61 → 45.61 1/10万",
    ),
    def(
        "table.unit_of_table",
        Kind,
        "A bare figure whose headers state no unit takes the table's: a `单位:万元` line right above the table, or a unit over the row labels (`项目资金(万元)`).",
        "单位:万元\n项目\t2022年\t2023年\n财政投入\t4120.38\t4500 → 41203800 元",
    ),
    def(
        "table.count_header",
        Kind,
        "A bare figure under a header naming a count without its measure word takes the word it implies (发病数 例, 死亡数 人, 出院人数 人; unit.count_names).",
        "病种\t发病数\t死亡数\n肺结核\t326\t2 → 326 例, 2 人",
    ),
    def(
        "table.target_column",
        Role,
        "A target column's figure (目标值, 任务数; 年度指标值 beside 实际完成值) is a target: held against the row's actual figure, or a metric of role target when the row has none. Weight and score columns (分值, 得分) grade the row and give no figure.",
        "指标\t年度指标值\t实际完成值\t分值\t得分\n老年人健康体检人数\t5000人\t4800人\t2\t1.9 → 4800 人, target 5000 人",
    ),
    def(
        "table.period_column",
        Label,
        "A column headed by a year or a part of one (2022年, 上半年) gives the figure its period, and is left out of its label.",
        "指标\t2022年\t2023年\n床位数(张)\t650\t700 → 650 张 period 2022年",
    ),
    def(
        "table.row_label",
        Label,
        "A row label loses the list number stuck to it (1., 2、, (三), 指标12:) and the mark of a part (其中:, #).",
        "指标\t2022年\t2023年\n1.医院数(个)\t12\t13 → 医院数",
    ),
    def(
        "table.part_row",
        Label,
        "A row marked 其中: or # is a part of the row above it that is no part: each of its figures has that row's figure in the same column as its parent, and its unit when it states none.",
        "指标\t2022年\t2023年\n卫生机构数(个)\t112\t115\n其中:医院\t12\t13 → 医院 12 个, part of 卫生机构数 112 个",
    ),
    def(
        "indicator.catalogue",
        Indicator,
        "The label (folded: 病患/患者, traditional characters, 服务率) names an indicator of the catalogue, by name, synonym or population and generic label.",
        "高血压病患规范管理服务率为65.3% → HTN.STD",
    ),
    def(
        "indicator.with_subject",
        Indicator,
        "A label that names no indicator by itself names one with the subject its context gave it (label.subject_*): by population and generic label, or the two read together.",
        "2型糖尿病建档7548人,实际管理7530人,规范管理率87.59% → DM.STD",
    ),
];

/// Whether `name` is the name of a rule (a `const fn`, for [`rule!`](crate::rules::rule)).
pub const fn is_rule(name: &str) -> bool {
    let mut i = 0;
    while i < RULES.len() {
        if str_eq(RULES[i].name, name) {
            return true;
        }
        i += 1;
    }
    false
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The name of a rule, checked at compile time against [`RULES`]: `rule!("label.listed")`.
/// Internal (exported only because macros are): not part of the API.
#[doc(hidden)]
#[macro_export]
macro_rules! rule {
    ($name:literal) => {{
        const _: () = assert!(
            $crate::rules::is_rule($name),
            concat!("no rule ", $name, " in src/rules.rs")
        );
        $name
    }};
}
#[doc(hidden)]
pub use rule;

/// The rule of that name.
pub fn get(name: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.name == name)
}

/// A provenance entry for a person: the rule's description, or for a lexicon entry
/// (`change.up[增长]`) the meaning of its class, first sentence only.
pub fn describe(entry: &str) -> String {
    if let Some(r) = get(entry) {
        return r.what.to_string();
    }
    let (class, word) = match entry.split_once('[') {
        Some((c, w)) => (c, w.trim_end_matches(']')),
        None => (entry, ""),
    };
    match crate::lexicon::get().class(class) {
        Some(c) => {
            let meaning = c
                .meaning()
                .split_inclusive(". ")
                .next()
                .unwrap_or("")
                .trim();
            format!("the word {word} is in {class}: {meaning}")
        }
        None => String::new(),
    }
}

/// docs/rules.md, generated from [`RULES`].
pub fn markdown() -> String {
    let mut out = String::from(
        "# Rules\n\n\
         Every decision that makes a metric is taken by a named rule; each metric lists the rules\n\
         that made it, and the lexicon words that fired (`change.up[增长]`, see\n\
         [data/lexicon/](../data/lexicon/README.md)), in its `because` field, and\n\
         `weijian convert --explain` prints them for a person. This page is generated from\n\
         `src/rules.rs` (`weijian rules`); a test keeps the two equal.\n",
    );
    let mut kinds: Vec<Decides> = RULES.iter().map(|r| r.decides).collect();
    kinds.sort();
    kinds.dedup();
    for d in kinds {
        out.push_str(&format!(
            "\n## {}\n\n| rule | what it does | example |\n| --- | --- | --- |\n",
            d.heading()
        ));
        for r in RULES.iter().filter(|r| r.decides == d) {
            out.push_str(&format!(
                "| `{}` | {} | {} |\n",
                r.name,
                r.what,
                r.example.replace('|', "\\|").replace('\n', "<br>")
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_known() {
        for (i, r) in RULES.iter().enumerate() {
            assert!(
                RULES[..i].iter().all(|o| o.name != r.name),
                "{} twice",
                r.name
            );
            assert!(r.name.contains('.'), "{}", r.name);
        }
        assert!(is_rule("label.listed"));
        assert!(!is_rule("label.liste"));
        assert_eq!(rule!("role.plan"), "role.plan");
    }

    #[test]
    fn entries_are_described() {
        assert!(describe("role.plan").contains("plan"));
        assert!(describe("change.up[增长]").starts_with("the word 增长 is in change.up"));
        assert_eq!(describe("no.such"), "");
    }
}
