//! Ingest: read the raw bytes of a report and recognise its format.
//!
//! This version reads plain-text reports. Other document formats are recognised by their
//! magic bytes so that the user gets a clear error instead of garbage.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};

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
}

impl Format {
    /// The name written to `source.format`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
        }
    }
}

/// Recognises the format of the bytes by content; refuses formats this version cannot read.
pub fn sniff(bytes: &[u8]) -> Result<Format> {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(b"%PDF-") {
        return Err(Error::UnsupportedFormat { format: "PDF" });
    }
    if starts(b"PK\x03\x04") {
        return Err(Error::UnsupportedFormat {
            format: "zip (Word .docx or Excel .xlsx)",
        });
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
        if let Some(at) = head.iter().position(|&b| b == 0) {
            return Err(Error::Binary {
                reason: format!("a NUL byte at offset {at}"),
            });
        }
        let controls = head
            .iter()
            .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
            .count();
        if controls * 10 > head.len() {
            return Err(Error::Binary {
                reason: format!("{controls} control bytes in the first {} bytes", head.len()),
            });
        }
    }
    Ok(Format::Text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_known_binary_formats() {
        assert!(matches!(
            sniff(b"%PDF-1.7 ..."),
            Err(Error::UnsupportedFormat { .. })
        ));
        assert!(matches!(
            sniff(b"PK\x03\x04rest"),
            Err(Error::UnsupportedFormat { .. })
        ));
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
