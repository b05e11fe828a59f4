//! Web pages (.html/.htm): the main content of a government page, without navigation,
//! share bars, footers and ICP lines.
//!
//! - The charset comes from the page (`<meta charset>` or `http-equiv`), else UTF-8 or
//!   GB18030 as detected.
//! - Navigation, headers, footers, forms, scripts and elements whose class or id names a
//!   site part (`nav`, `share`, `footer`, `breadcrumb`, …) are skipped; ICP and copyright
//!   lines that escape these rules go in clean-up, as for a text copy of a page.
//! - The page's metadata table (索引号, 发布机构, 发布日期, 文号, …) is written as
//!   `key：value` lines before the content, where the clean-up stage reads them into the
//!   report metadata.
//! - The main content is the element holding most of the page's remaining text: from
//!   `<body>` down, as long as one child holds 60% of its parent's text.
//! - The title (`<h1>`, else `<title>` without the site name) opens the text.
//! - A data `<table>` (rows of short cells) becomes tab-separated rows with the spans of its
//!   cells; a layout table is read as paragraphs.

use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node};

use super::{Format, Layout, Plain, RawCell, TextBuilder};
use crate::error::{Error, Result};

/// The keys of a government page's metadata table (`clean.page_keys`).
fn page_keys() -> &'static [&'static str] {
    crate::lexicon::class!("clean.page_keys").words()
}

const FORMAT: &str = Format::Html.title();

/// Whether the first bytes (and the file name) say this is a web page.
pub fn looks_like_html(head: &[u8], name: &str) -> bool {
    // markup opens with `<` (after a BOM and blank space): most reports end the test here
    let start = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    if start.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'<') {
        return false;
    }
    let text = String::from_utf8_lossy(&head[..head.len().min(1024)]).to_ascii_lowercase();
    let text = text.trim_start_matches('\u{feff}').trim_start();
    let by_content = text.starts_with("<!doctype html")
        || text.starts_with("<html")
        || ((text.starts_with("<?xml") || text.starts_with("<!--") || text.starts_with('<'))
            && (text.contains("<html") || text.contains("<body") || text.contains("<head")));
    let lower = name.to_ascii_lowercase();
    let by_name =
        (lower.ends_with(".html") || lower.ends_with(".htm") || lower.ends_with(".shtml"))
            && text.starts_with('<');
    by_content || by_name
}

/// Reads a web page as plain text.
pub fn read(bytes: &[u8]) -> Result<Plain> {
    let (markup, encoding) = decode(bytes)?;
    let page = Html::parse_document(&markup);
    let root = page.root_element();
    let mut text = TextBuilder::default();
    let mut layout = Layout::default();

    let body = find(root, &|e| e.value().name() == "body").unwrap_or(root);
    let metadata = metadata_element(body);
    let main = main_content(body, metadata.map(|m| m.id()));
    let title = title(root, main);
    if let Some(title) = &title {
        text.push(title);
        text.push("\n");
    }
    if let Some(m) = metadata {
        for (key, value) in fields(m) {
            text.push(&format!("{key}：{value}\n"));
        }
    }
    let mut r = Renderer {
        text,
        layout: &mut layout,
        skip: metadata.map(|m| m.id()),
        title: title.unwrap_or_default(),
    };
    r.node(*main);
    r.text.end_line();
    let text = r.text.text;
    if text.trim().is_empty() {
        return Err(Error::NoText { format: FORMAT });
    }
    Ok(Plain {
        text,
        format: Format::Html,
        encoding,
        layout,
    })
}

/// The page decoded by its declared charset, else as text is detected.
fn decode(bytes: &[u8]) -> Result<(String, &'static str)> {
    let declared = declared_charset(&bytes[..bytes.len().min(4096)])
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()));
    if let Some(enc) = declared.filter(|e| *e != encoding_rs::UTF_8)
        && let Some(text) = enc.decode_without_bom_handling_and_without_replacement(bytes)
    {
        let name = if enc == encoding_rs::GBK || enc == encoding_rs::GB18030 {
            "GB18030"
        } else {
            enc.name()
        };
        return Ok((
            crate::text::decode::normalize_newlines(text.into_owned()),
            name,
        ));
    }
    let decoded = crate::text::decode(bytes)?;
    Ok((decoded.text, decoded.encoding))
}

/// The charset a page declares in its first bytes.
fn declared_charset(head: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = text.find("charset=")? + "charset=".len();
    let value: String = text[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect();
    (!value.is_empty()).then_some(value)
}

/// Tags whose content is never report text.
const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "iframe", "button", "select", "input", "textarea", "svg", "object", "head", "title", "map",
];

/// Words in a class or id that mark a site part rather than content.
const SKIP_NAMES: &[&str] = &[
    "nav",
    "menu",
    "share",
    "foot",
    "logo",
    "breadcrumb",
    "crumb",
    "copyright",
    "sidebar",
    "bdshare",
    "jiathis",
    "toolbar",
    "login",
    "search",
    "banner",
    "friend",
    "location",
    "position",
    "pagination",
    "comment",
    "print",
    "fontsize",
    "font-size",
    "qrcode",
    "erweima",
    "header",
    "topbar",
    "bottom",
    "related",
    "relevant",
    "xgwz",
    "fxdd",
];

fn skipped(e: ElementRef) -> bool {
    let el = e.value();
    if SKIP_TAGS.contains(&el.name()) {
        return true;
    }
    let named = |s: &str| {
        let s = s.to_ascii_lowercase();
        SKIP_NAMES.iter().any(|n| s.contains(n))
    };
    el.id().is_some_and(named) || el.classes().any(named)
}

/// The first element under `e` (itself included) that `pred` accepts, skipping site parts.
fn find<'a>(e: ElementRef<'a>, pred: &dyn Fn(ElementRef<'a>) -> bool) -> Option<ElementRef<'a>> {
    if pred(e) {
        return Some(e);
    }
    e.children()
        .filter_map(ElementRef::wrap)
        .find_map(|c| find(c, pred))
}

/// Characters of content text under a node (Han characters and digits count; links less).
fn weight(node: NodeRef<Node>) -> usize {
    match node.value() {
        Node::Text(t) => t
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_ascii_punctuation())
            .count(),
        Node::Element(el) => {
            let e = ElementRef::wrap(node).expect("an element node");
            if skipped(e) {
                return 0;
            }
            let w: usize = node.children().map(weight).sum();
            if el.name() == "a" { w / 4 } else { w }
        }
        _ => 0,
    }
}

/// The element holding the page's main content.
fn main_content<'a>(body: ElementRef<'a>, metadata: Option<ego_tree::NodeId>) -> ElementRef<'a> {
    let mut at = body;
    loop {
        let total = weight(*at);
        let best = at
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|c| Some(c.id()) != metadata)
            .map(|c| (weight(*c), c))
            .max_by_key(|(w, _)| *w);
        match best {
            Some((w, child)) if total > 0 && w * 10 >= total * 6 && !is_data_table(child) => {
                at = child;
            }
            _ => return at,
        }
    }
}

/// The page's metadata block: the short element naming the most metadata keys (two at
/// least).
fn metadata_element(body: ElementRef) -> Option<ElementRef> {
    fn keys(e: ElementRef) -> usize {
        let text: String = e
            .text()
            .collect::<String>()
            .replace([' ', '\u{a0}', '\u{3000}'], "");
        page_keys()
            .iter()
            .filter(|k| {
                text.match_indices(*k).any(|(i, _)| {
                    let rest = text[i + k.len()..].trim_start();
                    rest.starts_with('：') || rest.starts_with(':')
                })
            })
            .count()
    }
    // among the short elements (a metadata block is short; an article that names a key
    // or two is not one), the one naming the most keys, the innermost of equals
    fn best<'a>(e: ElementRef<'a>, found: &mut Option<(usize, ElementRef<'a>)>) {
        let short = e.text().map(|t| t.chars().count()).sum::<usize>() < 1500;
        if short {
            let k = keys(e);
            if k >= 2 && found.is_none_or(|(most, _)| k >= most) {
                *found = Some((k, e));
            }
            if k < 2 {
                return;
            }
        }
        for child in e.children().filter_map(ElementRef::wrap) {
            best(child, found);
        }
    }
    let mut found = None;
    best(body, &mut found);
    let (_, mut at) = found?;
    // a row or cell of a short table stands for the table
    let short = |e: ElementRef| e.text().map(|t| t.chars().count()).sum::<usize>() < 1500;
    while matches!(at.value().name(), "tbody" | "thead" | "tr" | "td" | "th")
        && let Some(parent) = at.parent().and_then(ElementRef::wrap)
        && short(parent)
    {
        at = parent;
    }
    Some(at)
}

/// `key：value` pairs of a metadata block, keys as `clean.page_keys` spells them.
fn fields(e: ElementRef) -> Vec<(String, String)> {
    let atoms: Vec<String> = e
        .text()
        .map(|t| t.replace(['\u{a0}', '\u{3000}'], " ").trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < atoms.len() {
        let atom = atoms[k].replace(' ', "");
        let key = page_keys()
            .iter()
            .filter(|key| atom.starts_with(*key))
            .max_by_key(|key| key.len());
        k += 1;
        let Some(key) = key else { continue };
        let rest = atom[key.len()..].trim_start_matches([':', '：']).trim();
        let value = if rest.is_empty() && k < atoms.len() && !starts_with_key(&atoms[k]) {
            k += 1;
            atoms[k - 1].trim().to_string()
        } else {
            rest.to_string()
        };
        if !value.is_empty() {
            out.push((key.to_string(), value));
        }
    }
    out
}

fn starts_with_key(s: &str) -> bool {
    let s = s.replace(' ', "");
    page_keys().iter().any(|k| s.starts_with(k))
}

/// The page title: the first `<h1>` (else a title-classed element) in or before the content,
/// else `<title>` without the site name.
fn title(root: ElementRef, main: ElementRef) -> Option<String> {
    let clean = |s: String| {
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        (!s.is_empty()).then_some(s)
    };
    // a heading that names a report, else the first h1, else an element classed as title
    let is_title_class = |e: ElementRef| {
        e.value().classes().any(|c| {
            let c = c.to_ascii_lowercase();
            c == "title" || c.ends_with("-title") || c.ends_with("_title") || c == "tit"
        })
    };
    let names_report = |e: ElementRef| {
        let t: String = e.text().collect();
        crate::reading::names_a_report(&t) && t.chars().count() <= 80
    };
    let heading = find(root, &|e| {
        (matches!(e.value().name(), "h1" | "h2") || is_title_class(e)) && names_report(e)
    })
    .or_else(|| find(root, &|e| e.value().name() == "h1"))
    .or_else(|| find(root, &is_title_class))
    .and_then(|h| clean(h.text().collect()));
    let in_main = |t: &str| main.text().collect::<String>().contains(t);
    if let Some(h) = heading {
        return (!in_main(&h)).then_some(h);
    }
    let title = find(root, &|e| e.value().name() == "title")?;
    let text = clean(title.text().collect())?;
    // 2023年工作总结_某某县人民政府 → 2023年工作总结
    let text = text
        .split(['_', '|'])
        .next()
        .unwrap_or(&text)
        .split(" - ")
        .next()
        .unwrap_or(&text)
        .trim()
        .to_string();
    (!text.is_empty() && !in_main(&text)).then_some(text)
}

/// Block-level tags: each starts a new line.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "dl",
    "center",
    "hr",
    "tbody",
    "thead",
    "caption",
    "figure",
    "figcaption",
];

/// Whether a table holds data (rows of short cells, a figure among them) rather than layout.
fn is_data_table(e: ElementRef) -> bool {
    if e.value().name() != "table" {
        return false;
    }
    if find_below(e, "table") {
        return false;
    }
    let rows = rows_of(e);
    let cells: Vec<String> = rows.iter().flatten().map(|c| c.text.clone()).collect();
    rows.len() >= 2
        && rows.iter().any(|r| r.len() >= 2)
        && cells.iter().map(|c| c.chars().count()).sum::<usize>() <= cells.len() * 40
        && cells
            .iter()
            .any(|c| c.chars().any(|ch| ch.is_ascii_digit()))
}

fn find_below(e: ElementRef, tag: &str) -> bool {
    e.children()
        .filter_map(ElementRef::wrap)
        .any(|c| c.value().name() == tag || find_below(c, tag))
}

/// The cells of a table, row by row, with their spans.
fn rows_of(table: ElementRef) -> Vec<Vec<RawCell>> {
    let mut rows = Vec::new();
    collect_rows(table, &mut rows);
    rows
}

fn collect_rows(e: ElementRef, rows: &mut Vec<Vec<RawCell>>) {
    for c in e.children().filter_map(ElementRef::wrap) {
        match c.value().name() {
            "tr" => rows.push(
                c.children()
                    .filter_map(ElementRef::wrap)
                    .filter(|cell| matches!(cell.value().name(), "td" | "th"))
                    .map(|cell| {
                        let span = |name: &str| {
                            cell.value()
                                .attr(name)
                                .and_then(|v| v.trim().parse::<usize>().ok())
                                .unwrap_or(1)
                                .clamp(1, 64)
                        };
                        RawCell {
                            text: cell
                                .text()
                                .collect::<String>()
                                .split_whitespace()
                                .collect::<Vec<_>>()
                                .join(" "),
                            colspan: span("colspan"),
                            rowspan: span("rowspan"),
                            continues: false,
                        }
                    })
                    .collect(),
            ),
            "thead" | "tbody" | "tfoot" => collect_rows(c, rows),
            _ => {}
        }
    }
}

struct Renderer<'l> {
    text: TextBuilder,
    layout: &'l mut Layout,
    skip: Option<ego_tree::NodeId>,
    title: String,
}

impl Renderer<'_> {
    fn node(&mut self, node: NodeRef<Node>) {
        match node.value() {
            Node::Text(t) => self.inline(t),
            Node::Element(el) => {
                let e = ElementRef::wrap(node).expect("an element node");
                if skipped(e) || Some(node.id()) == self.skip {
                    return;
                }
                if is_data_table(e) {
                    self.table(e);
                    return;
                }
                let block = BLOCK_TAGS.contains(&el.name());
                if block {
                    self.line_break();
                }
                for child in node.children() {
                    self.node(child);
                }
                if block {
                    self.line_break();
                }
            }
            _ => {}
        }
    }

    /// Text inside a line: whitespace runs become one space, none at a line start.
    fn inline(&mut self, t: &str) {
        let mut pending_space = false;
        for word in t.split(|c: char| c.is_ascii_whitespace() || c == '\u{a0}') {
            if word.is_empty() {
                pending_space = true;
                continue;
            }
            if pending_space && !self.text.text.is_empty() && !self.text.text.ends_with('\n') {
                self.text.push(" ");
            }
            self.text.push(word);
            pending_space = false;
        }
        if pending_space && !self.text.text.ends_with(['\n', ' ']) && !self.text.text.is_empty() {
            self.text.push(" ");
        }
    }

    /// Ends the current line, dropping it when it is blank or repeats the title (site
    /// furniture that escaped the markup rules, ICP lines and the like, is left to the
    /// clean-up stage, which removes it from every kind of input alike).
    fn line_break(&mut self) {
        let line_start = self.text.text.rfind('\n').map_or(0, |i| i + 1);
        let line = self.text.text[line_start..].trim();
        if line.is_empty() || (!self.title.is_empty() && line == self.title) {
            let removed = self.text.text[line_start..].chars().count();
            self.text.text.truncate(line_start);
            self.text.chars -= removed;
            return;
        }
        // trailing spaces go; a line keeps its place
        while self.text.text.ends_with(' ') {
            self.text.text.pop();
            self.text.chars -= 1;
        }
        self.text.push("\n");
    }

    fn table(&mut self, e: ElementRef) {
        self.line_break();
        super::push_table(&mut self.text, self.layout, rows_of(e));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>2023年工作总结_某县人民政府</title></head>
<body><div class="header"><ul class="nav"><li><a href="/">首页</a></li><li>政务公开</li></ul></div>
<div class="wrap"><div class="crumb">当前位置：首页 &gt; 工作总结</div>
<table class="xxgk"><tr><td>索引号：</td><td>113209-2024-00012</td><td>发布机构：</td><td>某县卫生健康委员会</td></tr>
<tr><td>发布日期：</td><td>2024-01-15</td><td>文号：</td><td></td></tr></table>
<h1>某县卫生健康委员会2023年工作总结</h1>
<div class="TRS_Editor"><p>一、基本情况</p><p>全县建立居民电子健康档案476094份，建档率85.6%。</p>
<table border="1"><tr><td>指标</td><td>2023年</td></tr><tr><td>家庭医生签约率(%)</td><td>51.2</td></tr></table>
<p>二、下一步工作打算</p><p>力争签约率达到75%。</p></div>
<div class="share">分享到：微信 微博</div></div>
<div class="footer">版权所有：某县人民政府 苏ICP备12345678号</div></body></html>"#;

    #[test]
    fn main_content_metadata_and_tables() {
        let plain = read(PAGE.as_bytes()).unwrap();
        assert_eq!(
            plain.text,
            "索引号：113209-2024-00012\n发布机构：某县卫生健康委员会\n发布日期：2024-01-15\n某县卫生健康委员会2023年工作总结\n一、基本情况\n全县建立居民电子健康档案476094份，建档率85.6%。\n指标\t2023年\n家庭医生签约率(%)\t51.2\n二、下一步工作打算\n力争签约率达到75%。\n"
        );
        assert_eq!(plain.layout.tables.len(), 1);
        let chars: Vec<char> = plain.text.chars().collect();
        let cell = plain.layout.tables[0].rows[1][1];
        assert_eq!(
            chars[cell.start..cell.end].iter().collect::<String>(),
            "51.2"
        );
    }

    /// An older site: layout tables, a logo in `<h1>`, the title in a cell, the text in
    /// `<br>`-separated lines inside `#zoom`.
    #[test]
    fn layout_tables_and_a_logo_heading() {
        let page = r#"<html><head><title>首页</title></head><body>
<table width="1000"><tr><td><h1 class="logo">某市卫生健康委员会</h1></td></tr></table>
<table width="1000"><tr><td width="200"><ul><li><a href="/a">机构设置</a></li><li><a href="/b">政策法规</a></li></ul></td>
<td><table><tr><td class="title">某市卫生健康委员会2024年上半年工作总结</td></tr>
<tr><td id="zoom">　　一、主要工作<br>　　全市建成社区卫生服务中心35个，家庭医生签约率达到52.3%。<br>　　二、下半年工作计划<br>　　力争签约率达到60%。</td></tr></table></td></tr></table>
<div class="foot">网站标识码：1234000001 京ICP备05012345号</div></body></html>"#;
        let plain = read(page.as_bytes()).unwrap();
        assert_eq!(
            plain.text,
            "某市卫生健康委员会2024年上半年工作总结\n　　一、主要工作\n　　全市建成社区卫生服务中心35个，家庭医生签约率达到52.3%。\n　　二、下半年工作计划\n　　力争签约率达到60%。\n"
        );
        assert!(plain.layout.tables.is_empty());
    }

    #[test]
    fn charset_from_the_page() {
        let page =
            "<html><head><meta charset=\"gbk\"></head><body><p>全县卫生院12家。</p></body></html>";
        let (bytes, _, _) = encoding_rs::GBK.encode(page);
        let plain = read(&bytes).unwrap();
        assert_eq!(plain.encoding, "GB18030");
        assert!(plain.text.contains("全县卫生院12家。"));
    }
}
