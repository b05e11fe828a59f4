//! The fill-in workbook for districts that do not write YAML: a Reports sheet and a Metrics
//! sheet in the layout `weijian import` reads, dropdowns for every enumeration from a hidden
//! Codes sheet, number checks on number columns, and instructions in Chinese.

use std::path::Path;

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, Format,
    FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};

use super::*;

/// Rows of the Metrics sheet prepared with dropdowns and checks.
const ROWS: u32 = 2000;

/// The columns of the Reports sheet a district fills in.
pub const REPORT_FILL: &[&str] = &[
    "report",
    "title",
    "issuer",
    "jurisdiction",
    "level",
    "period",
    "kind",
    "published",
    "source_file",
];
/// The columns of the Metrics sheet a district fills in.
pub const METRIC_FILL: &[&str] = &[
    "report",
    "label",
    "indicator",
    "kind",
    "role",
    "value",
    "unit",
    "qualifier",
    "as_written",
    "target_value",
    "target_unit",
    "target_qualifier",
    "population",
];

/// Lists of the Codes sheet: (column header, values).
fn codes(indicators: &[String]) -> Vec<(&'static str, Vec<String>)> {
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    vec![
        (
            "kind",
            s(&["count", "amount", "rate", "change", "density", "duration"]),
        ),
        ("role", s(&["actual", "target"])),
        (
            "qualifier",
            s(&[
                "exact",
                "about",
                "more_than",
                "at_least",
                "at_most",
                "less_than",
            ]),
        ),
        (
            "level",
            s(&[
                "province",
                "city",
                "county",
                "district",
                "township",
                "institution",
                "unknown",
            ]),
        ),
        (
            "report_kind",
            s(&["summary", "plan", "summary_and_plan", "bulletin", "other"]),
        ),
        (
            "unit",
            s(&[
                "%",
                "‰",
                "‱",
                "1/万",
                "1/10万",
                "元",
                "人",
                "人次",
                "户",
                "家",
                "个",
                "所",
                "张",
                "份",
                "名",
                "次",
                "项",
                "场",
                "台",
                "剂次",
                "天",
                "岁",
                "年",
                "百分点",
                "张/千人",
                "人/千人",
                "个/千人",
                "人/万人",
            ]),
        ),
        ("indicator", indicators.to_vec()),
    ]
}

/// The instructions sheet, line by line.
const INSTRUCTIONS: &[&str] = &[
    "卫健工作报告数据填报模板 (weijian)",
    "",
    "填写说明：",
    "1. 在 Reports 表第 2 行填写报告信息：report 保持 r1；title 报告标题；issuer 报送单位；jurisdiction 地区名称；level 行政级别（下拉选择）；period 报告期，如 2023、2023H1、2023-01..2023-05（请按文本填写）；kind 报告类型（下拉选择）；published 发布日期 YYYY-MM-DD。",
    "2. 在 Metrics 表每行填写一项指标：label 指标名称（按报告原文，如 高血压患者规范管理率）；indicator 指标编码（可选）；kind 类型：count 数量、amount 金额、rate 率、change 增减、density 每千人口、duration 时长；role：actual 实际完成、target 目标；value 数值。",
    "3. value 只填数字：不要带单位、不要写“约”“余”“以上”等字样——这些用 qualifier 表示（about 约、more_than 超过/余、at_least 不少于、at_most 不超过、less_than 不足）。率填 95.16 表示 95.16%，单位填 %。",
    "4. 金额统一以“元”为单位：4120.38万元 填 41203800，单位 元。",
    "5. 有目标值的指标，在 target_value 填目标数值（如 任务90% 填 90），target_unit 与 value 单位一致。",
    "6. as_written 可填报告原文写法（如 3.4万余人次），不填则按数值和单位生成。",
    "7. 不要合并单元格，不要插入空行；下拉框以外的单位可以填写，但会提示确认。",
    "8. 填好后运行：weijian validate 本文件.xlsx --rules 规则.yaml，每个问题都会给出单元格位置（如 Metrics!F12）。",
    "",
    "Codes 表（隐藏）列出所有下拉选项；docs/excel.md 说明每一列。",
];

fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_font_color("#FFFFFF")
        .set_background_color("#1F4E78")
        .set_border_bottom(FormatBorder::Thin)
}

fn list(range: &str, title: &str, strict: bool) -> Result<DataValidation, XlsxError> {
    let style = if strict {
        DataValidationErrorStyle::Stop
    } else {
        DataValidationErrorStyle::Warning
    };
    DataValidation::new()
        .allow_list_formula(Formula::new(range))
        .set_error_style(style)
        .set_error_title(title)?
        .set_error_message("请从下拉列表中选择 (choose a value from the list)")
}

fn number_check() -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_decimal_number(DataValidationRule::Between(-1.0e15, 1.0e15))
        .set_error_title("不是数字")?
        .set_error_message("只填数字，不要带单位或“约”“余”等字样 (a number only)")
}

fn headers(ws: &mut Worksheet, columns: &[&str], format: &Format) -> Result<(), XlsxError> {
    for (i, h) in columns.iter().enumerate() {
        ws.write_string_with_format(0, i as u16, *h, format)?;
        ws.set_column_width(i as u16, (h.len() + 4).max(12) as f64)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Builds the template; `indicators` are the catalogue codes offered in the indicator
/// column (none: the column is free text).
pub fn build(indicators: &[String]) -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_title("卫健工作报告数据填报模板")
            .set_author("weijian")
            .set_comment("Fill in Reports and Metrics; check with weijian validate"),
    );
    let header = header_format();
    let codes = codes(indicators);
    let range_of = |name: &str| {
        let col = codes.iter().position(|(h, _)| *h == name).unwrap_or(0);
        let n = codes[col].1.len().max(1);
        let c = column_name(col);
        format!("=Codes!${c}$2:${c}${}", n + 1)
    };

    let ws = book.add_worksheet();
    ws.set_name("说明")?;
    ws.set_column_width(0, 120)?;
    let wrap = Format::new().set_text_wrap();
    for (i, line) in INSTRUCTIONS.iter().enumerate() {
        if i == 0 {
            ws.write_string_with_format(0, 0, *line, &Format::new().set_bold().set_font_size(14))?;
        } else {
            ws.write_string_with_format(i as u32, 0, *line, &wrap)?;
        }
    }

    let ws = book.add_worksheet();
    ws.set_name(REPORTS)?;
    headers(ws, REPORT_FILL, &header)?;
    ws.write_string(1, 0, "r1")?;
    let col = |name: &str| REPORT_FILL.iter().position(|c| *c == name).unwrap_or(0) as u16;
    ws.add_data_validation(
        1,
        col("level"),
        1,
        col("level"),
        &list(&range_of("level"), "行政级别", true)?,
    )?;
    ws.add_data_validation(
        1,
        col("kind"),
        1,
        col("kind"),
        &list(&range_of("report_kind"), "报告类型", true)?,
    )?;
    let text = Format::new().set_num_format("@");
    for c in ["period", "published"] {
        // text cells: Excel must not turn 2023-05 into a date
        ws.set_column_format(col(c), &text)?;
    }

    let ws = book.add_worksheet();
    ws.set_name(METRICS)?;
    headers(ws, METRIC_FILL, &header)?;
    let col = |name: &str| METRIC_FILL.iter().position(|c| *c == name).unwrap_or(0) as u16;
    ws.set_column_width(col("label"), 36)?;
    for (field, list_name, strict) in [
        ("kind", "kind", true),
        ("role", "role", true),
        ("qualifier", "qualifier", true),
        ("target_qualifier", "qualifier", true),
        ("unit", "unit", false),
        ("target_unit", "unit", false),
    ] {
        let c = col(field);
        ws.add_data_validation(1, c, ROWS, c, &list(&range_of(list_name), field, strict)?)?;
    }
    if !indicators.is_empty() {
        let c = col("indicator");
        ws.add_data_validation(
            1,
            c,
            ROWS,
            c,
            &list(&range_of("indicator"), "指标编码", true)?,
        )?;
    }
    for field in ["value", "target_value"] {
        let c = col(field);
        ws.add_data_validation(1, c, ROWS, c, &number_check()?)?;
    }
    ws.set_column_format(col("as_written"), &text)?;
    ws.set_active(true);

    let ws = book.add_worksheet();
    ws.set_name("Codes")?;
    for (c, (name, values)) in codes.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *name, &header)?;
        for (r, v) in values.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, v)?;
        }
    }
    ws.set_hidden(true);
    Ok(book)
}

/// Writes the template to `path`, whole or not at all.
pub fn write_template(path: &Path, indicators: &[String]) -> crate::Result<()> {
    let mut book = build(indicators).map_err(|e| crate::Error::Workbook {
        path: path.to_path_buf(),
        cell: None,
        message: e.to_string(),
    })?;
    save_atomically(&mut book, path)
}
