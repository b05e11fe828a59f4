//! Ingest: read the raw bytes of a report, recognise its format, and turn it into *plain
//! text* with a [`Layout`] that says where each part came from.
//!
//! The plain text is what `weijian text FILE` prints and what every span points into. For a
//! text file it is the decoded text; for Word, HTML and PDF it is the text a reader sees, one
//! paragraph per line, table rows as tab-separated lines (docs/formats.md).
//! Formats are recognised by content first and by file extension second.

mod docx;
mod html;
mod line_table;
mod pdf;
mod text_table;
mod zipfile;

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};
use crate::model::Span;

/// Default upper bound on the size of one input, in bytes.
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The raw input: a name for messages and the bytes.
#[derive(Debug, Clone)]
pub struct Input {
    /// File name as given, `-` for standard input.
    pub name: String,
    /// The raw bytes.
    pub bytes: Vec<u8>,
}

impl Input {
    /// An input from bytes already in memory.
    pub fn from_bytes(name: impl Into<String>, bytes: Vec<u8>) -> Self {
        Input {
            name: name.into(),
            bytes,
        }
    }

    /// Reads a file, refusing files over `max_bytes`.
    pub fn from_path(path: &Path, max_bytes: u64) -> Result<Self> {
        let io = |source| Error::Io {
            path: path.to_path_buf(),
            source,
        };
        let file = std::fs::File::open(path).map_err(io)?;
        let size = file.metadata().map_err(io)?.len();
        if size > max_bytes {
            return Err(Error::TooLarge {
                size,
                limit: max_bytes,
            });
        }
        let bytes = read_limited(file, max_bytes).map_err(io)?;
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        Input::checked(name, bytes, max_bytes)
    }

    /// Reads a whole stream (standard input), refusing more than `max_bytes`.
    pub fn from_reader(name: &str, reader: impl Read, max_bytes: u64) -> Result<Self> {
        let bytes = read_limited(reader, max_bytes).map_err(|source| Error::Io {
            path: name.into(),
            source,
        })?;
        Input::checked(name.to_string(), bytes, max_bytes)
    }

    fn checked(name: String, bytes: Vec<u8>, max_bytes: u64) -> Result<Self> {
        // offsets are kept in 32 bits during clean-up
        let max_bytes = max_bytes.min(u64::from(u32::MAX));
        if bytes.len() as u64 > max_bytes {
            return Err(Error::TooLarge {
                size: bytes.len() as u64,
                limit: max_bytes,
            });
        }
        if bytes.is_empty() {
            return Err(Error::Empty);
        }
        Ok(Input { name, bytes })
    }
}

/// Reads at most `max + 1` bytes, so that an over-long stream is detected without reading it
/// all.
fn read_limited(reader: impl Read, max: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Formats weijian recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text in any supported encoding.
    Text,
    /// A Word document (Office Open XML).
    Docx,
    /// A web page.
    Html,
    /// A PDF with a text layer.
    Pdf,
}

impl Format {
    /// The name written to `source.format`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Docx => "docx",
            Format::Html => "html",
            Format::Pdf => "pdf",
        }
    }

    /// The name used in messages.
    pub const fn title(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Docx => "Word .docx",
            Format::Html => "HTML",
            Format::Pdf => "PDF",
        }
    }
}

/// A table of the document: the character spans of its cells in the plain text, row by row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The whole table in the plain text.
    pub span: Span,
    /// The cells' text spans on the table's grid, row by row (a cell's span may be empty;
    /// a merged cell's span stands in every grid place it covers).
    pub rows: Vec<Vec<Span>>,
    /// How the table was laid out in the input.
    pub layout: TableLayout,
}

/// How a table was laid out in the input: a grid of the document (Word, HTML), or a table
/// flattened into plain text, as a table copied out of Excel, Word, a PDF or a web page
/// arrives in a `.txt` report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TableLayout {
    /// A table of the document's markup.
    #[default]
    Grid,
    /// One row a line, the cells split by tabs, `|` or runs of spaces.
    RowPerLine,
    /// One cell a line, a row of as many lines as the header has.
    CellPerLine,
    /// The whole table on one line, its cells split by single spaces.
    OneLine,
}

impl Table {
    /// The text of every cell, row by row, from the plain text the spans point into.
    pub fn cell_texts(&self, text: &str) -> Vec<Vec<String>> {
        let chars = crate::text::chars_of(text);
        let at = |s: &Span| -> String {
            chars[s.start.min(chars.len())..s.end.min(chars.len())]
                .iter()
                .collect()
        };
        self.rows
            .iter()
            .map(|row| row.iter().map(at).collect())
            .collect()
    }
}

/// Where the parts of the plain text came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    /// Character offset at which each page starts (PDF only).
    pub pages: Vec<usize>,
    /// The tables, in order.
    pub tables: Vec<Table>,
    /// Lines the document itself marks as headings (Word heading styles and outline levels):
    /// the character offset of the line start and the outline level, 1 outermost.
    pub headings: Vec<(usize, u8)>,
    /// Character offset at which the footnotes (set after the body) start.
    pub notes_start: Option<usize>,
    /// Running headers and footers, kept out of the body.
    pub furniture: Vec<String>,
}

/// An input as plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plain {
    /// The text every span points into.
    pub text: String,
    /// The recognised format.
    pub format: Format,
    /// The character encoding of the text (or of the markup it came from).
    pub encoding: &'static str,
    /// Where its parts came from.
    pub layout: Layout,
}

/// Recognises the input's format and reads it as plain text.
pub fn plain(input: &Input) -> Result<Plain> {
    let format = sniff_named(&input.bytes, &input.name)?;
    match format {
        Format::Text => {
            let decoded = crate::text::decode(&input.bytes)?;
            let layout = Layout {
                tables: text_table::find(&decoded.text),
                ..Layout::default()
            };
            Ok(Plain {
                text: decoded.text,
                format,
                encoding: decoded.encoding,
                layout,
            })
        }
        Format::Docx => docx::read(&input.bytes),
        Format::Html => html::read(&input.bytes),
        Format::Pdf => pdf::read(&input.bytes),
    }
}

/// Plain text under construction, counting characters as it grows.
#[derive(Debug, Default)]
pub(crate) struct TextBuilder {
    pub text: String,
    pub chars: usize,
}

impl TextBuilder {
    /// Appends `s`.
    pub fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.chars += s.chars().count();
    }

    /// Ends the current line unless the text is empty or already ends one.
    pub fn end_line(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.push("\n");
        }
    }
}

/// A table cell as the markup gives it, before it is placed on the table's grid.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RawCell {
    /// The cell's text on one line.
    pub text: String,
    /// Columns it spans (`colspan`, `w:gridSpan`), at least 1.
    pub colspan: usize,
    /// Rows it spans (`rowspan`), at least 1.
    pub rowspan: usize,
    /// A Word cell continuing the merged cell above it (`w:vMerge` without `restart`).
    pub continues: bool,
}

impl RawCell {
    /// A plain cell of one column and one row.
    pub fn new(text: String) -> RawCell {
        RawCell {
            text,
            colspan: 1,
            rowspan: 1,
            continues: false,
        }
    }
}

/// Writes a table as tab-separated rows, one line each, and records it on the layout with
/// its cells placed on the grid: a cell spanning columns or rows (merged cells) stands in
/// every grid place it covers, so the headers line up with the figures under them.
pub(crate) fn push_table(text: &mut TextBuilder, layout: &mut Layout, rows: Vec<Vec<RawCell>>) {
    text.end_line();
    let start = text.chars;
    let mut grid: Vec<Vec<Span>> = Vec::with_capacity(rows.len());
    // per grid column: the span carried down by a rowspan and how many rows it still covers
    let mut carried: Vec<Option<(Span, usize)>> = Vec::new();
    for row in rows {
        let mut placed: Vec<Span> = Vec::new();
        let take_carried = |placed: &mut Vec<Span>, carried: &mut Vec<Option<(Span, usize)>>| {
            while let Some(Some((span, left))) = carried.get_mut(placed.len()) {
                placed.push(*span);
                *left -= 1;
                if *left == 0 {
                    carried[placed.len() - 1] = None;
                }
            }
        };
        for (k, cell) in row.into_iter().enumerate() {
            take_carried(&mut placed, &mut carried);
            if k > 0 {
                text.push("\t");
            }
            let flat = cell.text.split_whitespace().collect::<Vec<_>>().join(" ");
            let at = text.chars;
            text.push(&flat);
            let own = Span::new(at, text.chars);
            let col = placed.len();
            let above = grid.last().and_then(|r| r.get(col)).copied();
            let span = match above {
                Some(above) if cell.continues && flat.is_empty() => above,
                _ => own,
            };
            for c in col..col + cell.colspan.max(1) {
                placed.push(span);
                if cell.rowspan > 1 {
                    if carried.len() <= c {
                        carried.resize(c + 1, None);
                    }
                    carried[c] = Some((span, cell.rowspan - 1));
                }
            }
        }
        take_carried(&mut placed, &mut carried);
        text.push("\n");
        grid.push(placed);
    }
    if grid.iter().any(|r| !r.is_empty()) {
        layout.tables.push(Table {
            span: Span::new(start, text.chars),
            rows: grid,
            layout: TableLayout::Grid,
        });
    }
}

/// Recognises the format of the bytes by content; refuses formats this version cannot read.
pub fn sniff(bytes: &[u8]) -> Result<Format> {
    sniff_named(bytes, "")
}

/// Recognises the format by content first, then by the extension of `name`.
pub fn sniff_named(bytes: &[u8], name: &str) -> Result<Format> {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(b"%PDF-") {
        return Ok(Format::Pdf);
    }
    if starts(b"PK\x03\x04") {
        return zipfile::kind(bytes, name);
    }
    if starts(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(Error::UnsupportedFormat {
            format: "legacy Office (.doc/.xls)",
        });
    }
    if starts(b"{\\rtf") {
        return Err(Error::UnsupportedFormat { format: "RTF" });
    }
    let utf16 = starts(&[0xFF, 0xFE]) || starts(&[0xFE, 0xFF]);
    if !utf16 {
        let head = &bytes[..bytes.len().min(4096)];
        if let Some(at) = memchr::memchr(0, head) {
            return Err(Error::Binary {
                reason: format!("a NUL byte at offset {at}"),
            });
        }
        // bytes below 0x20 are counted first (a loop the compiler turns into vector code):
        // in text they are few, and only then are the line and page controls told apart
        let low = head.iter().filter(|&&b| b < 0x20).count();
        let controls = if low * 10 > head.len() {
            head.iter()
                .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
                .count()
        } else {
            0
        };
        if controls * 10 > head.len() {
            return Err(Error::Binary {
                reason: format!("{controls} control bytes in the first {} bytes", head.len()),
            });
        }
        if html::looks_like_html(head, name) {
            return Ok(Format::Html);
        }
    }
    Ok(Format::Text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_formats_by_content() {
        assert_eq!(sniff(b"%PDF-1.7 ...").unwrap(), Format::Pdf);
        assert!(matches!(
            sniff(b"PK\x03\x04rest"),
            Err(Error::Document { .. })
        ));
        assert!(matches!(
            sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            Err(Error::UnsupportedFormat { .. })
        ));
        assert_eq!(
            sniff(b"<!DOCTYPE html><html><body>x</body></html>").unwrap(),
            Format::Html
        );
        assert_eq!(sniff_named(b"<p>x</p>", "a.htm").unwrap(), Format::Html);
        assert_eq!(sniff_named(b"<p>x</p>", "a.txt").unwrap(), Format::Text);
        assert!(matches!(sniff(b"abc\0def"), Err(Error::Binary { .. })));
        assert_eq!(sniff("卫生健康".as_bytes()).unwrap(), Format::Text);
    }

    #[test]
    fn stream_over_limit_is_refused() {
        let err = Input::from_reader("-", &b"0123456789"[..], 4).unwrap_err();
        assert!(matches!(err, Error::TooLarge { limit: 4, .. }));
        assert!(matches!(
            Input::from_reader("-", &b""[..], 4),
            Err(Error::Empty)
        ));
    }
}
