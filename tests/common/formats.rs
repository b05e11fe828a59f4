//! Builds .docx, .html and .pdf versions of a plain-text report, the way Word, a government
//! web site and a PDF printer would lay it out, so tests can check that each format yields
//! the metrics of the text.
//!
//! - docx: one paragraph per line; lines opening with `一、` or `（一）` become Heading 1/2
//!   paragraphs numbered by a Word list (the number is not typed, Word supplies it); a line
//!   `#N title` becomes an unnumbered Heading N; a running header and a footnote.
//! - html: a page titled by the report's first line, with navigation, a metadata table, the
//!   report in `<p>`s, a share bar and a footer with an ICP line.
//! - pdf: lines broken at 40 columns, 30 lines a page, a running header and a page number on
//!   every page; CJK text in a Type0 font with a ToUnicode map (as printers write it).

use std::io::Write;

/// Lines of the report; blank lines dropped.
fn lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty())
        .collect()
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const CN_DIGITS: &str = "一二三四五六七八九十";

/// `一、基本情况` → (0, `基本情况`); `（二）措施` → (1, `措施`).
fn list_heading(line: &str) -> Option<(usize, &str)> {
    let n = line.chars().take_while(|c| CN_DIGITS.contains(*c)).count();
    if n > 0 && n <= 2 {
        let rest: &str = &line[line.char_indices().nth(n)?.0..];
        if let Some(title) = rest.strip_prefix('、') {
            return Some((0, title));
        }
    }
    let inner = line.strip_prefix('（')?;
    let n = inner.chars().take_while(|c| CN_DIGITS.contains(*c)).count();
    if n == 0 || n > 2 {
        return None;
    }
    let rest: &str = &inner[inner.char_indices().nth(n)?.0..];
    rest.strip_prefix('）').map(|t| (1, t))
}

/// A Word document of the report.
pub fn docx(text: &str, table: Option<&[Vec<&str>]>) -> Vec<u8> {
    let mut body = String::new();
    // Word numbers lists from 1: only a heading whose typed number is the next one is
    // turned into a list paragraph
    let mut expected = [1u32, 1];
    for line in lines(text) {
        let heading = list_heading(line).filter(|(level, _)| {
            let typed = line
                .chars()
                .skip(usize::from(*level == 1))
                .take_while(|c| CN_DIGITS.contains(*c))
                .collect::<String>();
            cn_value(&typed) == Some(expected[*level])
        });
        // `#1 title`: a Heading 1 paragraph without a number
        if let Some((level, title)) = line
            .strip_prefix('#')
            .and_then(|l| l.split_once(' '))
            .and_then(|(n, t)| Some((n.parse::<usize>().ok()?, t)))
        {
            body.push_str(&format!(
                "<w:p><w:pPr><w:pStyle w:val=\"Heading{level}\"/></w:pPr><w:r><w:t>{}</w:t></w:r></w:p>",
                xml_escape(title)
            ));
            continue;
        }
        match heading {
            Some((level, title)) => {
                expected[level] += 1;
                if level == 0 {
                    expected[1] = 1;
                }
                body.push_str(&format!(
                    "<w:p><w:pPr><w:pStyle w:val=\"Heading{}\"/><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                    level + 1,
                    xml_escape(title)
                ));
            }
            None => {
                // split the paragraph into runs, as Word does at formatting changes
                let chars: Vec<char> = line.chars().collect();
                body.push_str("<w:p>");
                for chunk in chars.chunks(17) {
                    let s: String = chunk.iter().collect();
                    body.push_str(&format!(
                        "<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>",
                        xml_escape(&s)
                    ));
                }
                body.push_str("</w:p>");
            }
        }
    }
    if let Some(rows) = table {
        body.push_str("<w:tbl>");
        for row in rows {
            body.push_str("<w:tr>");
            for cell in row {
                body.push_str(&format!(
                    "<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>",
                    xml_escape(cell)
                ));
            }
            body.push_str("</w:tr>");
        }
        body.push_str("</w:tbl>");
    }
    let ns = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {ns}><w:body>{body}<w:p><w:r><w:t>注</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p><w:sectPr><w:headerReference w:type="default" r:id="rId3"/></w:sectPr></w:body></w:document>"#
    );
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:styles {ns}><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Heading1"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style></w:styles>"#
    );
    let numbering = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering {ns}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    );
    let footnotes = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:footnotes {ns}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>数据来源于卫生健康统计年报。</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    let header = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:hdr {ns}><w:p><w:r><w:t>某县卫生健康委员会文件</w:t></w:r></w:p></w:hdr>"#
    );
    let content_types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in [
        ("[Content_Types].xml", content_types.to_string()),
        ("_rels/.rels", rels.to_string()),
        ("word/document.xml", document),
        ("word/styles.xml", styles),
        ("word/numbering.xml", numbering),
        ("word/footnotes.xml", footnotes),
        ("word/header1.xml", header),
    ] {
        zip.start_file(name, options).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

fn cn_value(s: &str) -> Option<u32> {
    let digit = |c: char| CN_DIGITS.chars().position(|d| d == c).map(|p| p as u32 + 1);
    let cs: Vec<char> = s.chars().collect();
    match cs.as_slice() {
        [a] => digit(*a),
        ['十', b] => Some(10 + digit(*b)?),
        _ => None,
    }
}

/// A government web page holding the report.
pub fn html(text: &str, table: Option<&[Vec<&str>]>) -> Vec<u8> {
    let mut body = String::new();
    for line in lines(text) {
        body.push_str(&format!("<p>{}</p>\n", xml_escape(line)));
    }
    if let Some(rows) = table {
        body.push_str("<table border=\"1\">");
        for row in rows {
            body.push_str("<tr>");
            for cell in row {
                body.push_str(&format!("<td>{}</td>", xml_escape(cell)));
            }
            body.push_str("</tr>");
        }
        body.push_str("</table>\n");
    }
    let title = xml_escape(lines(text).first().copied().unwrap_or_default());
    format!(
        r#"<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}_某县人民政府门户网站</title>
<script>var _hmt = _hmt || []; document.write("统计 12345");</script></head>
<body>
<div class="top-header"><ul class="main-nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/bsfw">办事服务</a></li></ul></div>
<div class="container">
<div class="breadcrumb">您的位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 工作总结</div>
<table class="meta-table"><tr><td>索引号：</td><td>113209-2024-00012</td><td>发布机构：</td><td>某县卫生健康委员会</td></tr><tr><td>发布日期：</td><td>2024-01-15</td><td>文号：</td><td></td></tr></table>
<div class="article-content">
{body}</div>
<div class="bdshare">分享到：微信 微博 QQ空间</div>
</div>
<div class="footer"><p>主办单位：某县人民政府办公室 版权所有</p><p>苏ICP备12345678号-1 苏公网安备 32010202000123号 网站标识码：3209000012</p></div>
</body></html>"#
    )
    .into_bytes()
}

/// A PDF of the report with a text layer.
pub fn pdf(text: &str) -> Vec<u8> {
    pdf_with(text, false)
}

/// A PDF of the report set with letter spacing: every character placed apart (as justified
/// Chinese text is), so a PDF reader puts spaces between them.
pub fn pdf_letter_spaced(text: &str) -> Vec<u8> {
    pdf_with(text, true)
}

fn pdf_with(text: &str, letter_spaced: bool) -> Vec<u8> {
    use lopdf::content::{Content, Operation};
    use lopdf::{Document, Object, Stream, StringFormat, dictionary};

    const WIDTH: usize = 40; // columns a line holds (CJK counts two)
    const PER_PAGE: usize = 30;
    let mut printed: Vec<String> = Vec::new();
    for line in lines(text) {
        let mut current = String::new();
        let mut w = 0;
        for c in line.chars() {
            let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if w + cw > WIDTH {
                printed.push(std::mem::take(&mut current));
                w = 0;
            }
            current.push(c);
            w += cw;
        }
        if !current.is_empty() {
            printed.push(current);
        }
    }
    let pages: Vec<&[String]> = printed.chunks(PER_PAGE).collect();

    let encode = |s: &str| -> Object {
        let bytes: Vec<u8> = s
            .chars()
            .map(|c| if (c as u32) > 0xFFFF { '?' } else { c })
            .flat_map(|c| (c as u16).to_be_bytes())
            .collect();
        Object::String(bytes, StringFormat::Hexadecimal)
    };
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let blocks: Vec<u32> = (0u32..256).filter(|b| !(0xD8..=0xDF).contains(b)).collect();
    for group in blocks.chunks(100) {
        cmap.push_str(&format!("{} beginbfrange\n", group.len()));
        for b in group {
            cmap.push_str(&format!("<{b:02X}00> <{b:02X}FF> <{b:02X}00>\n"));
        }
        cmap.push_str("endbfrange\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    let to_unicode = doc.add_object(Stream::new(dictionary! {}, cmap.into_bytes()));
    let descriptor = doc.add_object(dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => "SimSun",
        "Flags" => 4,
        "FontBBox" => vec![0.into(), (-200).into(), 1000.into(), 900.into()],
        "ItalicAngle" => 0,
        "Ascent" => 880,
        "Descent" => -120,
        "CapHeight" => 700,
        "StemV" => 80,
    });
    let cid_font = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => "SimSun",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "FontDescriptor" => descriptor,
        "DW" => 1000,
        "CIDToGIDMap" => "Identity",
    });
    let font = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => "SimSun",
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![cid_font.into()],
        "ToUnicode" => to_unicode,
    });
    let resources = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font },
    });
    let mut kids = Vec::new();
    let count = pages.len();
    for (n, lines) in pages.iter().enumerate() {
        let mut ops = vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 10.into()]),
            Operation::new("TL", vec![16.into()]),
            Operation::new("Td", vec![72.into(), 800.into()]),
            Operation::new("Tj", vec![encode("某县卫生健康委员会工作报告")]),
            Operation::new("T*", vec![]),
            Operation::new("T*", vec![]),
        ];
        for line in lines.iter() {
            if letter_spaced {
                // each character its own string, moved 0.2 em apart
                let mut parts = Vec::new();
                for c in line.chars() {
                    parts.push(encode(&c.to_string()));
                    parts.push((-200).into());
                }
                ops.push(Operation::new("TJ", vec![Object::Array(parts)]));
            } else {
                ops.push(Operation::new("Tj", vec![encode(line)]));
            }
            ops.push(Operation::new("T*", vec![]));
        }
        ops.push(Operation::new("ET", vec![]));
        ops.push(Operation::new("BT", vec![]));
        ops.push(Operation::new("Tf", vec!["F1".into(), 10.into()]));
        ops.push(Operation::new("Td", vec![280.into(), 40.into()]));
        ops.push(Operation::new(
            "Tj",
            vec![encode(&format!("- {} -", n + 1))],
        ));
        ops.push(Operation::new("ET", vec![]));
        let content = Content { operations: ops };
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().unwrap()));
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
            "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        kids.push(page.into());
    }
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => count as i64,
        }),
    );
    let catalog = doc.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
    });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}
