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

/// Whether a table header only says when (`2023年`, `1-6月`, `2023年第一季度`, `上半年`,
/// `年度`): a digit and a period unit (`table.period_units`) or part (`table.period_parts`),
/// or a word of `table.periods`.
pub fn is_period_header(header: &str) -> bool {
    let has_digit = header.chars().any(|c| c.is_ascii_digit());
    let dated = header
        .chars()
        .last()
        .is_some_and(|c| class!("table.period_units").has_char(c))
        || class!("table.period_parts").in_text(header);
    (has_digit && dated) || class!("table.periods").has(header)
}

/// How many characters of `chars` are a list number stuck before a row's label, with the
/// blanks after it: `1.`, `2、`, `(3)`, `（四）`, `五、`, `①`, or a word of
/// `table.row_number_words` and a number (`指标12:`); 0 when there is none. A decimal
/// (`1.5万`) is no list number.
pub fn list_number_len(chars: &[char]) -> usize {
    let digit = |c: char| c.is_ascii_digit() || numerals::is_chinese_numeral_char(c);
    let mut i = class!("table.row_number_words")
        .at(chars)
        .map_or(0, |w| w.chars().count());
    let worded = i > 0;
    let end = match chars.get(i) {
        Some('(' | '（') => {
            let close = chars[i + 1..]
                .iter()
                .take(4)
                .position(|&c| c == ')' || c == '）');
            match close {
                Some(k) if k > 0 && chars[i + 1..i + 1 + k].iter().all(|&c| digit(c)) => i + k + 2,
                _ => return 0,
            }
        }
        Some(c) if ('①'..='⑳').contains(c) => i + 1,
        Some(&c) if digit(c) => {
            let arabic = c.is_ascii_digit();
            while chars
                .get(i)
                .is_some_and(|&c| digit(c) && c.is_ascii_digit() == arabic)
            {
                i += 1;
            }
            match chars.get(i) {
                Some('、') => i + 1,
                Some('.' | '．')
                    if arabic && !chars.get(i + 1).is_some_and(char::is_ascii_digit) =>
                {
                    i + 1
                }
                Some(':' | '：') if worded => i + 1,
                _ => return 0,
            }
        }
        _ => return 0,
    };
    end + chars[end..]
        .iter()
        .take_while(|c| c.is_whitespace())
        .count()
}

/// A figure's text without the qualifier it starts with (`不少于`, `≥`).
pub fn without_qualifier(cell: &str) -> &str {
    let chars: Vec<char> = cell.chars().take(4).collect();
    let n = class!("scan.qualifiers_before")
        .at(&chars)
        .map(|w| w.len())
        .or_else(|| {
            cell.starts_with(['≥', '≤', '>', '<'])
                .then(|| cell.chars().next().map_or(0, char::len_utf8))
        })
        .unwrap_or(0);
    &cell[n..]
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
