//! Text: decoding bytes to the source text, and cleaning it with an offset map back to it.

pub mod clean;
pub mod decode;
pub mod offset;

pub use clean::{CleanOutput, clean};
pub use decode::{Decoded, decode};
pub use offset::Cleaned;

/// The characters of `text`, counted first so that the vector is allocated once at its size
/// (the decoded source is held as characters: spans are character offsets).
pub fn chars_of(text: &str) -> Vec<char> {
    let mut chars = Vec::with_capacity(text.chars().count());
    chars.extend(text.chars());
    chars
}
