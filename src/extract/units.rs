//! Units: measure words of counts, money, rates, and how each is written in the output.

use crate::textkit::WordSet;

/// Measure words of counts, longest first so that `人次` wins over `人`.
pub const MEASURE_WORDS: &[&str] = &[
    "人剂次",
    "平方米",
    "人份",
    "人次",
    "场次",
    "剂次",
    "家次",
    "户次",
    "例次",
    "台次",
    "车次",
    "批次",
    "人",
    "家",
    "份",
    "名",
    "个",
    "次",
    "所",
    "台",
    "张",
    "瓶",
    "盒",
    "项",
    "例",
    "辆",
    "箱",
    "本",
    "条",
    "件",
    "批",
    "种",
    "类",
    "场",
    "户",
    "支",
    "套",
    "床",
    "篇",
    "期",
    "册",
    "座",
    "间",
    "处",
    "位",
    "剂",
    "袋",
    "包",
    "片",
    "轮",
    "栋",
    "亩",
    "吨",
    "㎡",
    // cases and incidents: 查处案件56起, 发生医疗纠纷3宗
    "起",
    "宗",
];

/// Measure words that may follow a Chinese numeral (一次, 十二项). Narrower than
/// [`MEASURE_WORDS`]: 一批, 一线, 一体 and the like are words, not counts.
pub const CHINESE_NUMERAL_MEASURES: &[&str] = &[
    "人次", "场次", "个", "项", "次", "家", "名", "人", "所", "件", "场", "类", "种", "台", "张",
    "例", "条", "支", "户", "座", "位",
];

/// Units of durations.
pub const DURATION_UNITS: &[&str] = &[
    "个工作日",
    "个月",
    "小时",
    "分钟",
    "工作日",
    "天",
    "日",
    "周",
];

/// Nouns for people, after which a bare `万` count is a count of people (`55.6万居民`).
pub const PEOPLE_NOUNS: &[&str] = &[
    "常住人口",
    "人民群众",
    "老年人",
    "孕产妇",
    "新生儿",
    "居民",
    "群众",
    "人口",
    "老人",
    "儿童",
    "学生",
    "妇女",
    "患者",
    "职工",
    "农民",
    "村民",
    "市民",
    "育龄妇女",
];

/// The longest measure word `chars` starts with (`人剂次` before `人次` before `人`).
pub fn measure_word_at(chars: &[char]) -> Option<&'static str> {
    static MEASURES: std::sync::LazyLock<WordSet> =
        std::sync::LazyLock::new(|| WordSet::new(MEASURE_WORDS));
    MEASURES.longest_at(chars)
}

/// Whether a numeric expression could continue at `chars`: a multiplier, a qualifier, a
/// percent sign or a measure word. Used to tell OCR-damaged numbers from Latin words.
pub fn continues_number(chars: &[char]) -> bool {
    match chars.first() {
        Some('万' | '亿' | '%' | '‰' | '余' | '多' | '元') => true,
        Some(_) => measure_word_at(chars).is_some(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::textkit::match_word;

    fn c(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn longest_measure_word_wins() {
        assert_eq!(match_word(&c("人剂次,"), MEASURE_WORDS), Some("人剂次"));
        assert_eq!(match_word(&c("人次。"), MEASURE_WORDS), Some("人次"));
        assert_eq!(match_word(&c("人,"), MEASURE_WORDS), Some("人"));
        assert_eq!(match_word(&c("年"), MEASURE_WORDS), None);
    }

    #[test]
    fn measure_words_are_sorted_longest_first_within_prefixes() {
        for (i, a) in MEASURE_WORDS.iter().enumerate() {
            for b in &MEASURE_WORDS[..i] {
                assert!(!a.starts_with(b) || a == b, "{a} is shadowed by {b}");
            }
        }
    }
}
