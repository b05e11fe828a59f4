//! Decoding: raw bytes to the *decoded source*, the text every span points into.
//!
//! The decoded source is what a UTF-8 text reader with universal newlines sees: a UTF-8
//! byte-order mark stays as character 0 (U+FEFF), and `\r\n` and lone `\r` become `\n`.
//! Non-UTF-8 input is decoded from UTF-16 (with BOM) or GB18030 (a superset of GBK and
//! GB2312) to the same kind of text.

use crate::error::{Error, Result};

/// The decoded source and how it was decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The decoded source text.
    pub text: String,
    /// The encoding that was detected.
    pub encoding: &'static str,
}

/// Decodes bytes as UTF-8, UTF-16 with a BOM, or GB18030, in that order of preference.
pub fn decode(bytes: &[u8]) -> Result<Decoded> {
    let (text, encoding) = if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let enc = if bytes[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (text, _, had_errors) = enc.decode(bytes);
        if had_errors {
            return Err(Error::Undecodable {
                offset: first_bad_utf16(bytes),
            });
        }
        (text.into_owned(), enc.name())
    } else {
        // simdutf8 validates Chinese text an order of magnitude faster than std; std tells
        // where invalid input goes wrong
        match simdutf8::basic::from_utf8(bytes).map_err(|_| std::str::from_utf8(bytes)) {
            Ok(text) => (text.to_string(), "UTF-8"),
            Err(Ok(text)) => (text.to_string(), "UTF-8"),
            Err(Err(utf8_err)) => {
                match encoding_rs::GB18030
                    .decode_without_bom_handling_and_without_replacement(bytes)
                {
                    Some(text) => (text.into_owned(), "GB18030"),
                    None => {
                        return Err(Error::Undecodable {
                            offset: utf8_err.valid_up_to(),
                        });
                    }
                }
            }
        }
    };
    Ok(Decoded {
        text: normalize_newlines(text),
        encoding,
    })
}

fn first_bad_utf16(bytes: &[u8]) -> usize {
    // encoding_rs does not report where; an odd length is the usual culprit.
    bytes.len() - bytes.len() % 2
}

/// `\r\n` and lone `\r` become `\n`, as in a universal-newline text reader.
pub fn normalize_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_keeps_the_bom_as_character_zero() {
        let d = decode("\u{feff}卫生".as_bytes()).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.text.chars().count(), 3);
    }

    #[test]
    fn gbk_bytes_decode_as_gb18030() {
        let (bytes, _, _) = encoding_rs::GBK.encode("建立居民电子健康档案476094份");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "GB18030");
        assert_eq!(d.text, "建立居民电子健康档案476094份");
    }

    #[test]
    fn utf16le_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "签约率51.2%".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "签约率51.2%");
    }

    #[test]
    fn crlf_becomes_lf() {
        let d = decode(b"a\r\nb\rc").unwrap();
        assert_eq!(d.text, "a\nb\nc");
    }

    #[test]
    fn undecodable_bytes_are_an_error() {
        assert!(matches!(
            decode(&[b'a', 0xFF]),
            Err(Error::Undecodable { offset: 1 })
        ));
    }
}
