//! Zip containers (Word documents), read with limits against zip bombs: the number of
//! entries, the unpacked size of each entry and of all entries read, and the packing ratio.

use std::io::{Cursor, Read};

use super::Format;
use crate::error::{Error, Result};

/// At most this many entries in the archive.
const MAX_ENTRIES: usize = 10_000;
/// At most this many unpacked bytes for one entry.
const MAX_ENTRY_BYTES: u64 = 256 * 1024 * 1024;
/// At most this many unpacked bytes over all entries read.
const MAX_TOTAL_BYTES: u64 = 512 * 1024 * 1024;
/// Entries over 1 MiB may unpack to at most this many times their packed size (text XML
/// packs 5 to 30 times; bombs pack thousands of times).
const MAX_RATIO: u64 = 200;

/// An archive being read, with the budget it has left.
pub(crate) struct Container<'a> {
    archive: zip::ZipArchive<Cursor<&'a [u8]>>,
    format: &'static str,
    read_so_far: u64,
}

impl<'a> Container<'a> {
    /// Opens the archive; `format` names it in errors.
    pub fn open(bytes: &'a [u8], format: &'static str) -> Result<Self> {
        let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| Error::Document {
            format,
            message: format!("not a readable zip archive ({e})"),
        })?;
        if archive.len() > MAX_ENTRIES {
            return Err(Error::Document {
                format,
                message: format!("{} entries, over the limit of {MAX_ENTRIES}", archive.len()),
            });
        }
        Ok(Container {
            archive,
            format,
            read_so_far: 0,
        })
    }

    /// Whether the archive has an entry of this name.
    pub fn has(&self, name: &str) -> bool {
        self.archive.index_for_name(name).is_some()
    }

    /// Entry names, in archive order.
    pub fn names(&self) -> Vec<String> {
        self.archive
            .file_names()
            .filter_map(|n| n.ok().map(|n| n.into_owned()))
            .collect()
    }

    /// The entry as UTF-8 text, or `None` when there is no such entry.
    pub fn text(&mut self, name: &str) -> Result<Option<String>> {
        let format = self.format;
        let fail = |message: String| Error::Document { format, message };
        let mut entry = match self.archive.by_name(name) {
            Ok(entry) => entry,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(fail(format!("entry {name}: {e}"))),
        };
        let (size, packed) = (entry.size(), entry.compressed_size());
        if size > MAX_ENTRY_BYTES {
            return Err(fail(format!(
                "entry {name} unpacks to {size} bytes, over the limit of {MAX_ENTRY_BYTES}"
            )));
        }
        if size > 1024 * 1024 && size > packed.saturating_mul(MAX_RATIO) {
            return Err(fail(format!(
                "entry {name} unpacks {packed} bytes to {size}, more than {MAX_RATIO} times (a zip bomb?)"
            )));
        }
        let budget = (MAX_ENTRY_BYTES).min(MAX_TOTAL_BYTES - self.read_so_far);
        let mut bytes = Vec::with_capacity(size.min(budget) as usize);
        // the declared size may lie: read at most the budget and one byte more
        (&mut entry)
            .take(budget + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| fail(format!("entry {name}: {e}")))?;
        if bytes.len() as u64 > budget {
            return Err(fail(format!(
                "entry {name} unpacks to more than {budget} bytes, over the limit"
            )));
        }
        self.read_so_far += bytes.len() as u64;
        String::from_utf8(bytes)
            .map(Some)
            .map_err(|e| fail(format!("entry {name} is not UTF-8 text ({e})")))
    }
}

/// What a zip archive holds: a Word document, or something weijian refuses with a reason.
pub(crate) fn kind(bytes: &[u8], name: &str) -> Result<Format> {
    let lower = name.to_ascii_lowercase();
    let format = if lower.ends_with(".docx") {
        Format::Docx.title()
    } else if lower.ends_with(".xlsx") {
        "Excel .xlsx"
    } else {
        "zip"
    };
    let archive = Container::open(bytes, format)?;
    if archive.has("word/document.xml") {
        Ok(Format::Docx)
    } else if archive.has("xl/workbook.xml") {
        Err(Error::UnsupportedFormat {
            format: "Excel workbook (.xlsx)",
        })
    } else if archive.has("content.xml") {
        Err(Error::UnsupportedFormat {
            format: "OpenDocument (.odt)",
        })
    } else {
        Err(Error::Document {
            format: "zip",
            message: "a zip archive that is not a Word document (no word/document.xml)".into(),
        })
    }
}
