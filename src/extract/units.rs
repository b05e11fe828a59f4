//! Units: measure words of counts, money, rates, and how each is written in the output.

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

/// The longest entry of `words` that `chars` begins with.
pub fn match_word<'a>(chars: &[char], words: &[&'a str]) -> Option<&'a str> {
    words.iter().copied().find(|w| starts_with(chars, w))
}

/// Whether `chars` begins with `word`.
pub fn starts_with(chars: &[char], word: &str) -> bool {
    word.chars()
        .enumerate()
        .all(|(i, w)| chars.get(i) == Some(&w))
}

/// Whether `chars` ends with `word`.
pub fn ends_with(chars: &[char], word: &str) -> bool {
    let mut rest = chars.iter().rev();
    word.chars().rev().all(|w| rest.next() == Some(&w))
}

/// Whether `c` is a CJK unified ideograph (basic block), the characters names are made of.
pub fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// The longest measure word `chars` starts with (`人剂次` before `人次` before `人`).
pub fn measure_word_at(chars: &[char]) -> Option<&'static str> {
    static MEASURES: std::sync::LazyLock<Lexicon> =
        std::sync::LazyLock::new(|| Lexicon::new(MEASURE_WORDS));
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

/// A set of characters with constant-time membership (a bitmap over the Basic Multilingual
/// Plane), for the per-character tests of the hot loops.
pub struct CharSet {
    bits: Box<[u64; 1024]>,
}

impl CharSet {
    /// The set of the given characters (those outside the BMP are ignored).
    pub fn new(chars: impl IntoIterator<Item = char>) -> Self {
        let mut bits = Box::new([0u64; 1024]);
        for c in chars {
            let n = c as u32;
            if n < 0x10000 {
                bits[(n >> 6) as usize] |= 1 << (n & 63);
            }
        }
        CharSet { bits }
    }

    /// Whether `c` is in the set.
    #[inline]
    pub fn contains(&self, c: char) -> bool {
        let n = c as u32;
        n < 0x10000 && self.bits[(n >> 6) as usize] & (1 << (n & 63)) != 0
    }
}

/// The characters of a string literal as a [`CharSet`] built once, for membership tests in
/// hot loops (`"一二三".contains(c)` runs a substring search for each non-ASCII `c`).
macro_rules! char_set {
    ($chars:expr) => {{
        static SET: std::sync::LazyLock<$crate::extract::units::CharSet> =
            std::sync::LazyLock::new(|| $crate::extract::units::CharSet::new($chars.chars()));
        &*SET
    }};
}
pub(crate) use char_set;

/// A word list for the hot loops: which of its words a text starts (or ends) with, found
/// through an index on the first (last) character instead of trying every word.
pub struct Lexicon {
    words: Vec<Entry>,
    first: CharSet,
    /// Key characters that are a word by themselves.
    single: CharSet,
    /// The key character and the one next to it (the second, or the one before the last) of
    /// every longer word, hashed into a bitmap: most texts that start with a key character
    /// are refused here, before the search among its words.
    pairs: Box<[u64; PAIR_WORDS]>,
    /// For each block of 64 characters of `first`, how many key characters come before it:
    /// a key character's rank among the keys is found without hashing.
    rank: Box<[u32; 1024]>,
    /// For each key character, by rank, the range of `words` that it keys.
    ranges: Vec<(u32, u32)>,
}

/// A word of a [`Lexicon`]: its characters, itself, and its place in the list it was made from.
struct Entry {
    chars: Vec<char>,
    word: &'static str,
    index: usize,
}

/// Size of [`Lexicon`]'s pair bitmap, in 64-bit words.
const PAIR_WORDS: usize = 256;

/// The bit of a pair of characters in [`Lexicon`]'s pair bitmap.
#[inline]
fn pair_bit(key: char, next: char) -> (usize, u64) {
    let h = (key as u32).wrapping_mul(0x9E37_79B1) ^ (next as u32).wrapping_mul(0x85EB_CA77);
    let h = (h >> 18) as usize % (PAIR_WORDS * 64);
    (h / 64, 1 << (h % 64))
}

impl Lexicon {
    /// A lexicon matched at the start of a text.
    pub fn new(words: &[&'static str]) -> Self {
        Lexicon::build(words, false)
    }

    /// A lexicon matched at the end of a text.
    pub fn endings(words: &[&'static str]) -> Self {
        Lexicon::build(words, true)
    }

    fn build(words: &[&'static str], from_end: bool) -> Self {
        let key = |w: &str| {
            if from_end {
                w.chars().last()
            } else {
                w.chars().next()
            }
        };
        let mut list: Vec<Entry> = words
            .iter()
            .enumerate()
            .map(|(index, w)| Entry {
                chars: w.chars().collect(),
                word: w,
                index,
            })
            .collect();
        // by key character, longest first within it
        list.sort_by_key(|e| (key(e.word), std::cmp::Reverse(e.chars.len())));
        let first = CharSet::new(words.iter().filter_map(|w| key(w)));
        let single = CharSet::new(
            words
                .iter()
                .filter(|w| w.chars().count() == 1)
                .filter_map(|w| key(w)),
        );
        let mut pairs = Box::new([0u64; PAIR_WORDS]);
        for Entry { chars, .. } in &list {
            if chars.len() >= 2 {
                let (k, n) = if from_end {
                    (chars[chars.len() - 1], chars[chars.len() - 2])
                } else {
                    (chars[0], chars[1])
                };
                let (at, bit) = pair_bit(k, n);
                pairs[at] |= bit;
            }
        }
        // `list` is in the order of its key characters, so ranges come in the order of rank
        let mut ranges: Vec<(u32, u32)> = Vec::new();
        let mut last_key = None;
        for (i, e) in list.iter().enumerate() {
            let Some(k) = key(e.word).filter(|&k| first.contains(k)) else {
                continue;
            };
            let i = u32::try_from(i).expect("a lexicon has fewer than 4 G words");
            match ranges.last_mut() {
                Some(r) if last_key == Some(k) => r.1 = i + 1,
                _ => ranges.push((i, i + 1)),
            }
            last_key = Some(k);
        }
        let mut rank = Box::new([0u32; 1024]);
        let mut before = 0;
        for (block, bits) in first.bits.iter().enumerate() {
            rank[block] = before;
            before += bits.count_ones();
        }
        Lexicon {
            words: list,
            first,
            single,
            pairs,
            rank,
            ranges,
        }
    }

    /// The words keyed by `key`, longest first.
    fn candidates(&self, key: char) -> &[Entry] {
        let n = key as u32;
        if !self.first.contains(key) {
            return &[];
        }
        let block = (n >> 6) as usize;
        let below = self.first.bits[block] & ((1u64 << (n & 63)) - 1);
        let (lo, hi) = self.ranges[(self.rank[block] + below.count_ones()) as usize];
        &self.words[lo as usize..hi as usize]
    }

    /// The longest word `chars` starts with.
    ///
    /// Inlined for the quick refusal of a character no word starts with, which is what the
    /// hot loops mostly see; the search among the candidates is not.
    #[inline]
    pub fn longest_at(&self, chars: &[char]) -> Option<&'static str> {
        self.longest_entry_at(chars).map(|e| e.word)
    }

    /// The place, in the list the lexicon was made from, of the longest word `chars` starts
    /// with.
    #[inline]
    pub fn longest_index_at(&self, chars: &[char]) -> Option<usize> {
        self.longest_entry_at(chars).map(|e| e.index)
    }

    #[inline]
    fn longest_entry_at(&self, chars: &[char]) -> Option<&Entry> {
        let &c0 = chars.first()?;
        if !self.first.contains(c0) || !self.may_match(c0, chars.get(1)) {
            return None;
        }
        self.longest_among(c0, chars)
    }

    /// Whether a word may match at a key character `key` followed (or, for endings,
    /// preceded) by `next`: refused when `key` is no word by itself and no longer word has
    /// `next` beside its key.
    #[inline]
    fn may_match(&self, key: char, next: Option<&char>) -> bool {
        if self.single.contains(key) {
            return true;
        }
        let Some(&next) = next else {
            return false;
        };
        let (at, bit) = pair_bit(key, next);
        self.pairs[at] & bit != 0
    }

    #[inline(never)]
    fn longest_among(&self, c0: char, chars: &[char]) -> Option<&Entry> {
        self.candidates(c0).iter().find(|e| {
            e.chars.len() <= chars.len() && e.chars.iter().zip(chars).all(|(a, b)| a == b)
        })
    }

    /// The longest word `chars` ends with (for a lexicon made with [`Lexicon::endings`]).
    #[inline]
    pub fn longest_ending(&self, chars: &[char]) -> Option<&'static str> {
        let &last = chars.last()?;
        let before = chars.len().checked_sub(2).map(|k| &chars[k]);
        if !self.first.contains(last) || !self.may_match(last, before) {
            return None;
        }
        self.longest_ending_among(last, chars)
    }

    #[inline(never)]
    fn longest_ending_among(&self, last: char, chars: &[char]) -> Option<&'static str> {
        self.candidates(last)
            .iter()
            .find(|e| {
                e.chars.len() <= chars.len()
                    && e.chars
                        .iter()
                        .rev()
                        .zip(chars.iter().rev())
                        .all(|(a, b)| a == b)
            })
            .map(|e| e.word)
    }
}

#[cfg(test)]
mod lexicon_tests {
    use super::*;

    #[test]
    fn longest_word_at_start_and_end() {
        let c: Vec<char> = "人剂次,共计".chars().collect();
        let lex = Lexicon::new(MEASURE_WORDS);
        assert_eq!(lex.longest_at(&c), Some("人剂次"));
        assert_eq!(lex.longest_at(&c[1..]), Some("剂次"));
        let ends = Lexicon::endings(&["计", "共计", "累计"]);
        assert_eq!(ends.longest_ending(&c), Some("共计"));
        assert_eq!(ends.longest_ending(&c[..3]), None);
    }

    #[test]
    fn the_pair_filter_keeps_single_character_words_and_every_word() {
        let lex = Lexicon::new(&["人", "人次", "家庭", "家庭医生", "床位"]);
        let at = |s: &str| lex.longest_at(&s.chars().collect::<Vec<_>>());
        assert_eq!(at("人员"), Some("人"));
        assert_eq!(at("人次数"), Some("人次"));
        assert_eq!(at("家庭医生签约"), Some("家庭医生"));
        let index = |s: &str| lex.longest_index_at(&s.chars().collect::<Vec<_>>());
        assert_eq!(index("家庭医生签约"), Some(3));
        assert_eq!(index("床位数"), Some(4));
        assert_eq!(index("家长"), None);
        assert_eq!(at("家长"), None);
        assert_eq!(at("家"), None);
        assert_eq!(at("床"), None);
        let ends = Lexicon::endings(&["院", "卫生院", "中心"]);
        let end = |s: &str| ends.longest_ending(&s.chars().collect::<Vec<_>>());
        assert_eq!(end("乡镇卫生院"), Some("卫生院"));
        assert_eq!(end("医院"), Some("院"));
        assert_eq!(end("服务中心"), Some("中心"));
        assert_eq!(end("重心"), None);
        assert_eq!(end("心"), None);
    }
}
