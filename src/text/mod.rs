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

/// The index of the first `x` in `t`, or `None`. Sixteen characters are compared at a time
/// without a branch per character (the compiler makes vector code of it): the scans for a
/// rare character over a whole text are the callers.
pub fn find_char(t: &[char], x: char) -> Option<usize> {
    const LANES: usize = 16;
    let mut chunks = t.chunks_exact(LANES);
    let mut base = 0;
    for chunk in chunks.by_ref() {
        if chunk.iter().fold(false, |seen, &c| seen | (c == x)) {
            return chunk.iter().position(|&c| c == x).map(|p| base + p);
        }
        base += LANES;
    }
    chunks
        .remainder()
        .iter()
        .position(|&c| c == x)
        .map(|p| base + p)
}

/// Whether any of `words` occurs in the short text `label`: the words are tried at each
/// character, which for a label of a few dozen bytes is cheaper than building a substring
/// searcher per word as `str::contains` does.
pub fn contains_any(label: &str, words: &[&str]) -> bool {
    label
        .char_indices()
        .any(|(at, _)| words.iter().any(|w| label[at..].starts_with(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_char_finds_the_first_in_and_after_the_full_chunks() {
        let t: Vec<char> = "一二三四五六七八九十一二三四五六X七八X".chars().collect();
        assert_eq!(find_char(&t, 'X'), Some(16));
        assert_eq!(find_char(&t[17..], 'X'), Some(2));
        assert_eq!(find_char(&t, '零'), None);
        assert_eq!(find_char(&[], 'X'), None);
        let early: Vec<char> = "aXbbbbbbbbbbbbbbbbbbbX".chars().collect();
        assert_eq!(find_char(&early, 'X'), Some(1));
    }

    #[test]
    fn contains_any_finds_a_word_anywhere() {
        assert!(contains_any("孕产妇死亡率", &["病死率", "死亡率"]));
        assert!(!contains_any("孕产妇系统管理率", &["死亡率"]));
        assert!(!contains_any("", &["死亡率"]));
    }

    proptest::proptest! {
        #[test]
        fn find_char_agrees_with_position(s in "[aX中]{0,70}") {
            let t: Vec<char> = s.chars().collect();
            proptest::prop_assert_eq!(find_char(&t, 'X'), t.iter().position(|&c| c == 'X'));
        }
    }
}
