//! Text: decoding bytes to the source text, and cleaning it with an offset map back to it.

pub mod clean;
pub mod decode;
pub mod offset;

pub use clean::{CleanOutput, clean};
pub use decode::{Decoded, decode};
pub use offset::Cleaned;
