//! Word documents (.docx): paragraphs in order, one per line; Word heading styles and
//! outline levels become heading hints; list numbers are written out as Word shows them
//! (`一、`, `（一）`, `1.`), so the structure stage reads them like typed numbers; tables
//! become tab-separated rows with the spans of their cells; footnotes follow the body after
//! a blank line; running headers and footers are kept out of the text.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::zipfile::Container;
use super::{Format, Layout, Plain, RawCell, TextBuilder};
use crate::error::{Error, Result};

const FORMAT: &str = Format::Docx.title();

/// Reads a Word document as plain text.
pub fn read(bytes: &[u8]) -> Result<Plain> {
    let mut zip = Container::open(bytes, FORMAT)?;
    let document = zip
        .text("word/document.xml")?
        .ok_or_else(|| Error::Document {
            format: FORMAT,
            message: "no word/document.xml".into(),
        })?;
    let styles = match zip.text("word/styles.xml")? {
        Some(xml) => Styles::parse(&xml)?,
        None => Styles::default(),
    };
    let numbering = match zip.text("word/numbering.xml")? {
        Some(xml) => Numbering::parse(&xml)?,
        None => Numbering::default(),
    };
    let mut out = Builder {
        styles,
        numbering,
        text: TextBuilder::default(),
        layout: Layout::default(),
    };
    for block in blocks(&document)? {
        out.block(block);
    }
    if let Some(notes) = zip.text("word/footnotes.xml")? {
        let notes: Vec<String> = blocks(&notes)?
            .into_iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some(p.text.trim().to_string()),
                Block::Table(_) => None,
            })
            .filter(|t| !t.is_empty())
            .collect();
        if !notes.is_empty() {
            out.text.end_line();
            out.text.push("\n");
            out.layout.notes_start = Some(out.text.chars);
            for note in notes {
                out.text.push(&note);
                out.text.push("\n");
            }
        }
    }
    let mut parts = zip.names();
    parts.sort();
    for part in parts {
        let furniture = part.starts_with("word/header") || part.starts_with("word/footer");
        if furniture && part.ends_with(".xml") {
            let xml = zip.text(&part)?.unwrap_or_default();
            for block in blocks(&xml)? {
                if let Block::Paragraph(p) = block {
                    let t = p.text.trim();
                    if !t.is_empty() && !out.layout.furniture.iter().any(|f| f == t) {
                        out.layout.furniture.push(t.to_string());
                    }
                }
            }
        }
    }
    if out.text.text.trim().is_empty() {
        return Err(Error::NoText { format: FORMAT });
    }
    Ok(Plain {
        text: out.text.text,
        format: Format::Docx,
        encoding: "UTF-8",
        layout: out.layout,
    })
}

/// A paragraph as read from the XML, before numbering is applied.
#[derive(Debug, Default)]
struct Paragraph {
    text: String,
    style: Option<String>,
    outline: Option<u8>,
    num: Option<(String, usize)>,
}

/// A block of the body.
#[derive(Debug)]
enum Block {
    Paragraph(Paragraph),
    /// Rows of cells, each cell's text.
    Table(Vec<Vec<RawCell>>),
}

struct Builder {
    styles: Styles,
    numbering: Numbering,
    text: TextBuilder,
    layout: Layout,
}

impl Builder {
    fn block(&mut self, block: Block) {
        match block {
            Block::Paragraph(p) => self.paragraph(p),
            Block::Table(rows) => self.table(rows),
        }
    }

    fn paragraph(&mut self, p: Paragraph) {
        let style = p.style.as_deref().unwrap_or_default();
        let num = p
            .num
            .clone()
            .or_else(|| self.styles.inherited(style, |s| s.num.clone()));
        let number = num
            .and_then(|(id, level)| self.numbering.next(&id, level))
            .unwrap_or_default();
        let body = p.text.trim();
        if body.is_empty() {
            return;
        }
        let outline = p
            .outline
            .or_else(|| self.styles.inherited(style, |s| s.outline))
            .filter(|&l| l < 9);
        self.text.end_line();
        // templates often give the document's title an outline level; it is the title, not
        // a section
        let title = self.text.chars == 0 && number.is_empty() && names_a_report(body);
        if let Some(level) = outline.filter(|_| !title) {
            self.layout.headings.push((self.text.chars, level + 1));
        }
        self.text.push(&number);
        self.text.push(body);
        self.text.push("\n");
    }

    fn table(&mut self, rows: Vec<Vec<RawCell>>) {
        super::push_table(&mut self.text, &mut self.layout, rows);
    }
}

/// Whether a line reads as a report's title: a year and a kind of report.
fn names_a_report(line: &str) -> bool {
    let year = line
        .chars()
        .any(|c| crate::reading::date_mark(c) == Some("year"))
        && line.chars().any(|c| c.is_ascii_digit());
    year && crate::reading::names_a_report(line)
}

/// The value of attribute `name` (`w:val`), unescaped.
fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.try_get_attribute(name).ok().flatten().and_then(|a| {
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .ok()
            .map(|v| v.into_owned())
    })
}

fn xml_error(e: impl std::fmt::Display) -> Error {
    Error::Document {
        format: FORMAT,
        message: format!("broken XML ({e})"),
    }
}

/// The paragraphs and tables of a WordprocessingML part (document, footnotes, header), in
/// order. Text of a nested table is kept in the cell it sits in; a text box's paragraphs come
/// before the paragraph that anchors them.
fn blocks(xml: &str) -> Result<Vec<Block>> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    // open tables: rows of cells; the innermost is last
    let mut tables: Vec<Vec<Vec<RawCell>>> = Vec::new();
    // open paragraphs: a text box's paragraphs open inside the paragraph that anchors it
    let mut paras: Vec<Paragraph> = Vec::new();
    let mut in_text = false;
    let mut in_ppr = false;
    let mut skip_depth = 0usize;
    let mut skip_footnote = false;
    loop {
        let event = reader.read_event().map_err(xml_error)?;
        let (e, empty) = match &event {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            _ => (None, false),
        };
        if skip_depth > 0 {
            match &event {
                Event::Start(_) => skip_depth += 1,
                Event::End(_) => skip_depth -= 1,
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        if let Some(e) = e {
            match e.name().as_ref() {
                // alternative content is given twice; the fallback repeats the choice
                "mc:Fallback" | "w:delText" | "w:instrText" if !empty => skip_depth = 1,
                "w:footnote" => {
                    skip_footnote = attr(e, "w:type").is_some_and(|t| t != "normal");
                }
                "w:p" => {
                    paras.push(Paragraph::default());
                    in_ppr = false;
                }
                "w:pPr" if !empty => in_ppr = true,
                "w:pStyle" if in_ppr => {
                    if let Some(p) = paras.last_mut() {
                        p.style = attr(e, "w:val");
                    }
                }
                "w:outlineLvl" if in_ppr => {
                    if let Some(p) = paras.last_mut() {
                        p.outline = attr(e, "w:val").and_then(|v| v.parse().ok());
                    }
                }
                "w:ilvl" if in_ppr => {
                    if let Some(p) = paras.last_mut() {
                        let level = attr(e, "w:val").and_then(|v| v.parse().ok()).unwrap_or(0);
                        let id = p.num.take().map(|n| n.0).unwrap_or_default();
                        p.num = Some((id, level));
                    }
                }
                "w:numId" if in_ppr => {
                    if let Some(p) = paras.last_mut() {
                        let level = p.num.take().map_or(0, |n| n.1);
                        p.num = attr(e, "w:val").map(|id| (id, level));
                    }
                }
                "w:t" if !empty => in_text = true,
                "w:tab" | "w:br" | "w:cr" if !in_ppr => {
                    if let Some(p) = paras.last_mut() {
                        p.text.push(' ');
                    }
                }
                "w:tbl" if !empty => tables.push(Vec::new()),
                "w:tr" if !empty => {
                    if let Some(t) = tables.last_mut() {
                        t.push(Vec::new());
                    }
                }
                "w:tc" if !empty => {
                    if let Some(row) = tables.last_mut().and_then(|t| t.last_mut()) {
                        row.push(RawCell::new(String::new()));
                    }
                }
                "w:gridSpan" => {
                    if let Some(cell) = tables
                        .last_mut()
                        .and_then(|t| t.last_mut())
                        .and_then(|r| r.last_mut())
                    {
                        cell.colspan = attr(e, "w:val")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(1)
                            .clamp(1, 64);
                    }
                }
                "w:vMerge" => {
                    if let Some(cell) = tables
                        .last_mut()
                        .and_then(|t| t.last_mut())
                        .and_then(|r| r.last_mut())
                    {
                        cell.continues = attr(e, "w:val").is_none_or(|v| v == "continue");
                    }
                }
                _ => {}
            }
            if empty && e.name().as_ref() == "w:p" {
                paras.pop();
            }
            continue;
        }
        match event {
            Event::Text(t) if in_text => {
                if let Some(p) = paras.last_mut() {
                    p.text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) if in_text => {
                if let Some(p) = paras.last_mut() {
                    p.text.push_str(t.as_ref());
                }
            }
            Event::GeneralRef(r) if in_text => {
                let name = r.xml10_content();
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => quick_xml::escape::resolve_predefined_entity(&name).map(str::to_string),
                };
                if let (Some(p), Some(s)) = (paras.last_mut(), resolved) {
                    p.text.push_str(&s);
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_text = false,
                "w:pPr" => in_ppr = false,
                "w:p" => {
                    let Some(p) = paras.pop() else { continue };
                    if skip_footnote {
                        continue;
                    }
                    match tables
                        .last_mut()
                        .and_then(|t| t.last_mut())
                        .and_then(|r| r.last_mut())
                    {
                        Some(cell) => {
                            if !cell.text.is_empty() && !p.text.trim().is_empty() {
                                cell.text.push(' ');
                            }
                            cell.text.push_str(p.text.trim());
                        }
                        None => out.push(Block::Paragraph(p)),
                    }
                }
                "w:tbl" => {
                    let Some(rows) = tables.pop() else { continue };
                    match tables
                        .last_mut()
                        .and_then(|t| t.last_mut())
                        .and_then(|r| r.last_mut())
                    {
                        // a nested table reads as text inside its cell
                        Some(cell) => {
                            for row in rows {
                                for inner in row {
                                    cell.text.push(' ');
                                    cell.text.push_str(&inner.text);
                                }
                            }
                        }
                        None => out.push(Block::Table(rows)),
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// What a paragraph style contributes: its outline level and numbering.
#[derive(Debug, Clone, Default)]
struct Style {
    outline: Option<u8>,
    num: Option<(String, usize)>,
    based_on: Option<String>,
}

/// Paragraph styles by id, with outline levels inherited along `basedOn`.
#[derive(Debug, Default)]
struct Styles(HashMap<String, Style>);

impl Styles {
    fn parse(xml: &str) -> Result<Styles> {
        let mut reader = Reader::from_str(xml);
        let mut styles = HashMap::new();
        let mut current: Option<(String, Style)> = None;
        loop {
            match reader.read_event().map_err(xml_error)? {
                Event::Start(e) | Event::Empty(e) => {
                    let Some((_, style)) = current.as_mut() else {
                        if e.name().as_ref() == "w:style" {
                            current = attr(&e, "w:styleId").map(|id| (id, Style::default()));
                        }
                        continue;
                    };
                    match e.name().as_ref() {
                        "w:name" => {
                            let name = attr(&e, "w:val").unwrap_or_default().to_lowercase();
                            let level = crate::lexicon::class!("ingest.heading_styles")
                                .words()
                                .iter()
                                .find_map(|style| name.strip_prefix(style))
                                .and_then(|n| n.trim().parse::<u8>().ok());
                            if let Some(n) = level.filter(|n| (1..=9).contains(n)) {
                                style.outline.get_or_insert(n - 1);
                            }
                        }
                        "w:outlineLvl" => {
                            style.outline = attr(&e, "w:val").and_then(|v| v.parse().ok());
                        }
                        "w:basedOn" => style.based_on = attr(&e, "w:val"),
                        "w:numId" => {
                            let level = style.num.take().map_or(0, |n| n.1);
                            style.num = attr(&e, "w:val").map(|id| (id, level));
                        }
                        "w:ilvl" => {
                            let level = attr(&e, "w:val").and_then(|v| v.parse().ok()).unwrap_or(0);
                            let id = style.num.take().map(|n| n.0).unwrap_or_default();
                            style.num = Some((id, level));
                        }
                        _ => {}
                    }
                }
                Event::End(e) if e.name().as_ref() == "w:style" => {
                    if let Some((id, style)) = current.take() {
                        styles.insert(id, style);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(Styles(styles))
    }

    /// A property of style `id`, or of the style it is based on, following `basedOn` a few
    /// steps (`标题 2` based on `标题 1` inherits its numbering).
    fn inherited<T>(&self, id: &str, property: impl Fn(&Style) -> Option<T>) -> Option<T> {
        let mut at = self.0.get(id);
        for _ in 0..8 {
            let s = at?;
            if let Some(v) = property(s) {
                return Some(v);
            }
            at = s.based_on.as_deref().and_then(|b| self.0.get(b));
        }
        None
    }
}

/// One level of a list definition.
#[derive(Debug, Clone)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

/// List definitions and the running counters of each list.
#[derive(Debug, Default)]
struct Numbering {
    /// numId → abstractNumId
    nums: HashMap<String, String>,
    /// abstractNumId → levels
    abstracts: HashMap<String, Vec<Level>>,
    /// abstractNumId → counters per level
    counters: HashMap<String, [u32; 9]>,
}

impl Numbering {
    fn parse(xml: &str) -> Result<Numbering> {
        let mut reader = Reader::from_str(xml);
        let mut out = Numbering::default();
        let mut abstract_id: Option<String> = None;
        let mut num_id: Option<String> = None;
        let mut level: Option<Level> = None;
        loop {
            match reader.read_event().map_err(xml_error)? {
                Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                    "w:abstractNum" => abstract_id = attr(&e, "w:abstractNumId"),
                    "w:num" => num_id = attr(&e, "w:numId"),
                    "w:abstractNumId" => {
                        if let (Some(n), Some(a)) = (num_id.clone(), attr(&e, "w:val")) {
                            out.nums.insert(n, a);
                        }
                    }
                    "w:lvl" => {
                        level = Some(Level {
                            start: 1,
                            format: "decimal".into(),
                            text: String::new(),
                        });
                    }
                    "w:start" => {
                        if let Some(l) = level.as_mut() {
                            l.start = attr(&e, "w:val").and_then(|v| v.parse().ok()).unwrap_or(1);
                        }
                    }
                    "w:numFmt" => {
                        if let Some(l) = level.as_mut() {
                            l.format = attr(&e, "w:val").unwrap_or_default();
                        }
                    }
                    "w:lvlText" => {
                        if let Some(l) = level.as_mut() {
                            l.text = attr(&e, "w:val").unwrap_or_default();
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match e.name().as_ref() {
                    "w:lvl" => {
                        if let (Some(a), Some(l)) = (abstract_id.clone(), level.take()) {
                            out.abstracts.entry(a).or_default().push(l);
                        }
                    }
                    "w:abstractNum" => abstract_id = None,
                    "w:num" => num_id = None,
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(out)
    }

    /// Advances list `num_id` at `level` and returns the number as Word shows it.
    fn next(&mut self, num_id: &str, level: usize) -> Option<String> {
        let abstract_id = self.nums.get(num_id)?;
        let levels = self.abstracts.get(abstract_id)?;
        let level = level.min(8);
        let def = levels.get(level)?;
        if def.format == "bullet" || def.format == "none" {
            return None;
        }
        let counters = self.counters.entry(abstract_id.clone()).or_insert([0; 9]);
        counters[level] = if counters[level] == 0 {
            def.start
        } else {
            counters[level] + 1
        };
        for c in counters.iter_mut().skip(level + 1) {
            *c = 0;
        }
        let mut text = def.text.clone();
        for (k, l) in levels.iter().enumerate().take(9) {
            let placeholder = format!("%{}", k + 1);
            if text.contains(&placeholder) {
                let n = if counters[k] == 0 {
                    l.start
                } else {
                    counters[k]
                };
                text = text.replace(&placeholder, &format_number(n, &l.format));
            }
        }
        // Word puts a tab after a bare number; a space keeps the number apart from the title
        if text.chars().last().is_some_and(char::is_alphanumeric) {
            text.push(' ');
        }
        Some(text)
    }
}

/// A list counter in a Word number format.
fn format_number(n: u32, format: &str) -> String {
    let numerals = crate::lexicon::class!("ingest.list_numerals");
    let numeral = |d: u32| numerals.value_of(&d.to_string()).unwrap_or_default();
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "ideographTraditional"
        | "taiwaneseCounting"
        | "ideographDigital" => {
            let digit = |d: u32| numeral(d).to_string();
            let ones = |d: u32| if d == 0 { String::new() } else { digit(d) };
            match n {
                0..=9 => digit(n),
                10..=19 => format!("{}{}", numeral(10), ones(n % 10)),
                20..=99 => format!("{}{}{}", digit(n / 10), numeral(10), ones(n % 10)),
                _ => n.to_string(),
            }
        }
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32('①' as u32 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "lowerLetter" | "upperLetter" if (1..=26).contains(&n) => {
            let base = if format == "lowerLetter" { b'a' } else { b'A' };
            char::from(base + (n - 1) as u8).to_string()
        }
        "lowerRoman" | "upperRoman" => {
            let mut s = String::new();
            let mut v = n;
            for (value, sym) in [
                (1000, "m"),
                (900, "cm"),
                (500, "d"),
                (400, "cd"),
                (100, "c"),
                (90, "xc"),
                (50, "l"),
                (40, "xl"),
                (10, "x"),
                (9, "ix"),
                (5, "v"),
                (4, "iv"),
                (1, "i"),
            ] {
                while v >= value {
                    s.push_str(sym);
                    v -= value;
                }
            }
            if format == "upperRoman" {
                s.to_uppercase()
            } else {
                s
            }
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
            .collect(),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_number_formats() {
        assert_eq!(format_number(1, "chineseCounting"), "一");
        assert_eq!(format_number(10, "chineseCounting"), "十");
        assert_eq!(format_number(12, "chineseCountingThousand"), "十二");
        assert_eq!(format_number(23, "chineseCounting"), "二十三");
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(4, "upperRoman"), "IV");
        assert_eq!(format_number(2, "lowerLetter"), "b");
        assert_eq!(format_number(7, "decimal"), "7");
    }

    #[test]
    fn lists_count_and_nest() {
        let xml = r#"<w:numbering>
          <w:abstractNum w:abstractNumId="0">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
          </w:abstractNum>
          <w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num>
        </w:numbering>"#;
        let mut n = Numbering::parse(xml).unwrap();
        let seq: Vec<_> = [(0, 0), (1, 1), (1, 1), (0, 0), (1, 1)]
            .iter()
            .map(|&(_, l)| n.next("5", l).unwrap())
            .collect();
        assert_eq!(seq, ["一、", "（一）", "（二）", "二、", "（一）"]);
        assert_eq!(n.next("9", 0), None);
    }

    /// `w:gridSpan` and `w:vMerge` place merged cells on the grid like HTML's colspan and
    /// rowspan.
    #[test]
    fn merged_cells_take_their_grid_places() {
        let tc = |props: &str, text: &str| {
            format!("<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
        };
        let xml = format!(
            "<w:body><w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl></w:body>",
            tc("<w:vMerge w:val=\"restart\"/>", "指标"),
            tc("<w:gridSpan w:val=\"2\"/>", "2023年"),
            tc("<w:vMerge/>", ""),
            tc("", "实际"),
            tc("", "目标"),
            tc("", "签约率(%)"),
            tc("", "51.2"),
            tc("", "50"),
        );
        let mut b = Builder {
            styles: Styles::default(),
            numbering: Numbering::default(),
            text: TextBuilder::default(),
            layout: Layout::default(),
        };
        for block in blocks(&xml).unwrap() {
            b.block(block);
        }
        let grid = b.layout.tables[0].cell_texts(&b.text.text);
        assert_eq!(
            grid,
            [
                ["指标", "2023年", "2023年"],
                ["指标", "实际", "目标"],
                ["签约率(%)", "51.2", "50"]
            ]
        );
    }

    #[test]
    fn paragraphs_styles_and_tables() {
        let xml = r#"<w:document><w:body>
          <w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>基本情况</w:t></w:r></w:p>
          <w:p><w:r><w:t xml:space="preserve">建档</w:t></w:r><w:r><w:t>476094份&amp;。</w:t></w:r></w:p>
          <w:tbl><w:tr><w:tc><w:p><w:r><w:t>指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2023年</w:t></w:r></w:p></w:tc></w:tr>
          <w:tr><w:tc><w:p><w:r><w:t>签约率(%)</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>51.2</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
        </w:body></w:document>"#;
        let styles = Styles::parse(
            r#"<w:styles><w:style w:styleId="1"><w:name w:val="heading 1"/></w:style></w:styles>"#,
        )
        .unwrap();
        let mut b = Builder {
            styles,
            numbering: Numbering::default(),
            text: TextBuilder::default(),
            layout: Layout::default(),
        };
        assert_eq!(b.styles.inherited("1", |s| s.outline), Some(0));
        for block in blocks(xml).unwrap() {
            b.block(block);
        }
        assert_eq!(
            b.text.text,
            "基本情况\n建档476094份&。\n指标\t2023年\n签约率(%)\t51.2\n"
        );
        assert_eq!(b.layout.headings, vec![(0, 1)]);
        // a title with an outline level stays the title
        let mut titled = Builder {
            styles: Styles::default(),
            numbering: Numbering::default(),
            text: TextBuilder::default(),
            layout: Layout::default(),
        };
        for text in ["某县卫生健康委员会2023年工作总结", "基本情况"] {
            titled.paragraph(Paragraph {
                text: text.into(),
                outline: Some(0),
                ..Paragraph::default()
            });
        }
        assert_eq!(titled.layout.headings, vec![(19, 1)]);
        // a text box inside a paragraph loses neither text
        let boxed = r#"<w:body><w:p><w:r><w:t>全县</w:t></w:r><w:r><w:pict><w:txbxContent><w:p><w:r><w:t>图1</w:t></w:r></w:p></w:txbxContent></w:pict></w:r><w:r><w:t>卫生院12家。</w:t></w:r></w:p></w:body>"#;
        let texts: Vec<String> = blocks(boxed)
            .unwrap()
            .into_iter()
            .map(|b| match b {
                Block::Paragraph(p) => p.text,
                Block::Table(_) => String::new(),
            })
            .collect();
        assert_eq!(texts, ["图1", "全县卫生院12家。"]);
        let table = &b.layout.tables[0];
        let chars: Vec<char> = b.text.text.chars().collect();
        let cell = table.rows[1][1];
        assert_eq!(
            chars[cell.start..cell.end].iter().collect::<String>(),
            "51.2"
        );
    }
}
