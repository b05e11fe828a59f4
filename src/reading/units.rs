//! Units: measure words of counts, money, rates, and how each is written in the output.
//!
//! The words are classes of data/lexicon/unit.yaml (`unit.measure_words`, …); the functions
//! here give them to the other stages.

use crate::lexicon::class;

/// Measure words of counts (`unit.measure_words`), sorted by code point: match them with
/// [`measure_word_at`] (the longest wins, so that `人次` wins over `人`).
pub fn measure_words() -> &'static [&'static str] {
    class!("unit.measure_words").words()
}

/// The longest measure word `chars` starts with (`人剂次` before `人次` before `人`).
pub fn measure_word_at(chars: &[char]) -> Option<&'static str> {
    class!("unit.measure_words").at(chars)
}

/// Whether a numeric expression could continue at `chars`: a multiplier, a qualifier, a
/// percent sign or a measure word. Used to tell OCR-damaged numbers from Latin words.
pub fn continues_number(chars: &[char]) -> bool {
    match chars.first() {
        Some('%' | '‰') => true,
        Some(&c)
            if crate::reading::numerals::is_big_multiplier(c)
                || class!("scan.more_than").has_char(c)
                || class!("unit.money").has_char(c) =>
        {
            true
        }
        Some(_) => measure_word_at(chars).is_some(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn longest_measure_word_wins() {
        assert_eq!(measure_word_at(&c("人剂次,")), Some("人剂次"));
        assert_eq!(measure_word_at(&c("人次。")), Some("人次"));
        assert_eq!(measure_word_at(&c("人,")), Some("人"));
        assert_eq!(measure_word_at(&c("年")), None);
    }

    #[test]
    fn the_measure_words_are_the_lexicon_class() {
        assert!(measure_words().contains(&"人次"));
    }

    #[test]
    fn a_number_continues_at_a_multiplier_a_qualifier_or_a_unit() {
        for s in ["万人", "亿元", "余人", "多户", "元", "%", "人次"] {
            assert!(continues_number(&c(s)), "{s}");
        }
        for s in ["千", "KB", "年", ""] {
            assert!(!continues_number(&c(s)), "{s}");
        }
    }
}
