//! The offset map: every character of the cleaned text remembers the character of the decoded
//! source it came from, so spans found in cleaned text point back into the source.

use crate::model::Span;

/// Cleaned text with its map back to the decoded source.
///
/// `norm` is the text the rules match against (traditional characters read as simplified);
/// `display` is the same text without that conversion, used for labels and titles so that
/// they stay as written. Both have the same length as `map`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleaned {
    /// Characters for matching.
    pub norm: Vec<char>,
    /// Characters for display, as written (after clean-up).
    pub display: Vec<char>,
    /// For each cleaned character, the index of its source character.
    pub map: Vec<usize>,
    /// Number of characters in the decoded source.
    pub source_len: usize,
    /// The pinyin readings clean-up removed (`衛(wèi)生`), each after the source character it
    /// followed (its source index), in source order: put back by [`Cleaned::written_string`]
    /// into names and titles, which stay as written.
    pub readings: Vec<(usize, String)>,
}

impl Cleaned {
    /// Cleaned text from its characters for matching and for display and its offset map.
    pub fn new(norm: Vec<char>, display: Vec<char>, map: Vec<usize>, source_len: usize) -> Self {
        debug_assert!(norm.len() == display.len() && display.len() == map.len());
        Cleaned {
            norm,
            display,
            map,
            source_len,
            readings: Vec::new(),
        }
    }

    /// Number of cleaned characters.
    pub fn len(&self) -> usize {
        self.norm.len()
    }

    /// Whether there is no cleaned text at all.
    pub fn is_empty(&self) -> bool {
        self.norm.is_empty()
    }

    /// The source span of cleaned characters `start..end`: from the source character of the
    /// first to one past the source character of the last.
    pub fn span(&self, start: usize, end: usize) -> Span {
        debug_assert!(start < end && end <= self.map.len());
        Span::new(self.map[start], self.map[end - 1] + 1)
    }

    /// The source position of cleaned position `at` (the end of the text maps to the end of
    /// the source).
    pub fn source_pos(&self, at: usize) -> usize {
        self.map.get(at).copied().unwrap_or(self.source_len)
    }

    /// Cleaned characters `start..end` as written.
    pub fn display_string(&self, start: usize, end: usize) -> String {
        let mut s = String::new();
        self.push_display(&mut s, start, end);
        s
    }

    /// Appends cleaned characters `start..end` as written to `s`.
    pub fn push_display(&self, s: &mut String, start: usize, end: usize) {
        s.reserve((end - start) * 3);
        s.extend(&self.display[start..end]);
    }

    /// Cleaned characters `start..end` as matched.
    pub fn norm_string(&self, start: usize, end: usize) -> String {
        let mut s = String::with_capacity((end - start) * 3);
        s.extend(&self.norm[start..end]);
        s
    }

    /// Cleaned characters `start..end` as written: the display characters with the pinyin
    /// readings clean-up removed from among them put back (`衛(wèi)生院`), for names and titles.
    pub fn written_string(&self, start: usize, end: usize) -> String {
        let mut s = String::new();
        self.push_written(&mut s, start, end);
        s
    }

    /// [`Cleaned::written_string`] appended to `s`.
    pub fn push_written(&self, s: &mut String, start: usize, end: usize) {
        if self.readings.is_empty() {
            self.push_display(s, start, end);
            return;
        }
        for k in start..end.min(self.len()) {
            s.push(self.display[k]);
            if let Ok(r) = self
                .readings
                .binary_search_by_key(&self.map[k], |(at, _)| *at)
            {
                s.push_str(&self.readings[r].1);
            }
        }
    }

    /// The cleaned position of the first cleaned character at or after source position `pos`.
    pub fn cleaned_pos(&self, pos: usize) -> usize {
        self.map.partition_point(|&m| m < pos)
    }
}

/// A character of text under clean-up, with the source character it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tracked {
    /// The character as it now reads.
    pub ch: char,
    /// Index of its source character (u32 keeps the clean-up passes' vectors small; inputs
    /// are limited far below 4 G characters).
    pub src: u32,
}

impl Tracked {
    /// Index of the source character, as an offset.
    #[inline]
    pub fn at(&self) -> usize {
        self.src as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_covers_removed_characters_between() {
        // "19\n2、9名" cleaned to "199名"
        let c = Cleaned::new(
            "199名".chars().collect(),
            "199名".chars().collect(),
            vec![10, 11, 15, 16],
            20,
        );
        assert_eq!(c.span(0, 4), Span::new(10, 17));
        assert_eq!(c.cleaned_pos(12), 2);
        assert_eq!(c.source_pos(4), 20);
        assert_eq!(c.display_string(2, 4), "9名");
        assert_eq!(c.display_string(0, 0), "");
    }
}
