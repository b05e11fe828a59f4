//! Reading the language of reports, shared by every stage: numbers as they are written
//! ([`numerals`]), measure words and units ([`units`]), the marks of a date, and the words
//! that name a report. Each reads classes of the lexicon; none depends on a stage, so that
//! ingest, clean, structure and extract all import it and none of them imports another
//! backwards.

pub mod numerals;
pub mod units;

use crate::lexicon::class;

/// Which part of a date the character `c` marks (`year` for 年), from `meta.date_marks`.
pub fn date_mark(c: char) -> Option<&'static str> {
    let mut buf = [0u8; 4];
    class!("meta.date_marks").value_of(c.encode_utf8(&mut buf))
}

/// Whether a line names a report by its kind (`2023年工作总结`, `卫生健康统计公报`), by the
/// words of `meta.title_words`.
pub fn names_a_report(line: &str) -> bool {
    class!("meta.title_words").in_text(line)
}

/// Where the pinyin annotations of a text end: for each character of `chars`, whether it is
/// part of a bracketed reading in pinyin written after a Han character, as copies made by
/// automatic conversion to traditional characters carry them (`衛(wèi)生`, `1.6萬(wàn)張`). A
/// reading is one to six lowercase Latin letters with at least one tone mark (or ü) between
/// round brackets, right after a Han character.
pub fn pinyin_marks(chars: &[char]) -> Vec<bool> {
    let mut marks = vec![false; chars.len()];
    let mut at = 1;
    while at < chars.len() {
        if matches!(chars[at], '(' | '（') && crate::textkit::is_han(chars[at - 1]) {
            let letters = chars[at + 1..]
                .iter()
                .take(7)
                .take_while(|&&c| c.is_ascii_lowercase() || is_tone_letter(c))
                .count();
            let close = at + 1 + letters;
            if (1..=6).contains(&letters)
                && chars.get(close).is_some_and(|&c| matches!(c, ')' | '）'))
                && chars[at + 1..close].iter().any(|&c| is_tone_letter(c))
            {
                marks[at..=close].iter_mut().for_each(|m| *m = true);
                at = close + 1;
                continue;
            }
        }
        at += 1;
    }
    marks
}

/// A vowel with a tone mark, or ü, as pinyin writes them.
pub fn is_tone_letter(c: char) -> bool {
    "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ".contains(c)
}

/// `chars` without their pinyin annotations ([`pinyin_marks`]), and for each character kept
/// its index in `chars`.
pub fn without_pinyin(chars: &[char]) -> (Vec<char>, Vec<usize>) {
    let marks = pinyin_marks(chars);
    chars
        .iter()
        .enumerate()
        .filter(|&(i, _)| !marks[i])
        .map(|(i, &c)| (c, i))
        .unzip()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: &str) -> String {
        let chars: Vec<char> = s.chars().collect();
        without_pinyin(&chars).0.into_iter().collect()
    }

    #[test]
    fn pinyin_readings_after_han_characters_are_marked() {
        assert_eq!(
            plain("西藏自治區(qū)衛(wèi)生健康委員會"),
            "西藏自治區衛生健康委員會"
        );
        assert_eq!(plain("發(fā)放1.6萬(wàn)張"), "發放1.6萬張");
        // not a reading: no tone mark, not after a Han character, too long, a label in brackets
        assert_eq!(plain("门诊部(站)"), "门诊部(站)");
        assert_eq!(plain("高血压(gxy)"), "高血压(gxy)");
        assert_eq!(plain("5(wèi)"), "5(wèi)");
        assert_eq!(plain("医(wèiwèiwèi)"), "医(wèiwèiwèi)");
    }
}
