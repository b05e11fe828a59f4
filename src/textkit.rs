//! Text tools shared by every stage: character sets, word sets matched at the start or the
//! end of a text, and small matching helpers. They know nothing of reports; the words they
//! are built from come from the lexicon.

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

/// The index of the first character of `t` that is one of `keys` (a few), compared sixteen
/// characters at a time as [`find_char`] does.
fn find_any(t: &[char], keys: &[char; FEW_KEYS]) -> Option<usize> {
    const LANES: usize = 16;
    let hit = |c: char| (c == keys[0]) | (c == keys[1]) | (c == keys[2]) | (c == keys[3]);
    let mut chunks = t.chunks_exact(LANES);
    let mut base = 0;
    for chunk in chunks.by_ref() {
        if chunk.iter().fold(false, |seen, &c| seen | hit(c)) {
            return chunk.iter().position(|&c| hit(c)).map(|p| base + p);
        }
        base += LANES;
    }
    chunks
        .remainder()
        .iter()
        .position(|&c| hit(c))
        .map(|p| base + p)
}

/// The index of the last character of `t` that is one of `keys` (a few), compared sixteen
/// characters at a time from the end.
fn rfind_any(t: &[char], keys: &[char; FEW_KEYS]) -> Option<usize> {
    const LANES: usize = 16;
    let hit = |c: char| (c == keys[0]) | (c == keys[1]) | (c == keys[2]) | (c == keys[3]);
    let mut chunks = t.rchunks_exact(LANES);
    let mut end = t.len();
    for chunk in chunks.by_ref() {
        end -= LANES;
        if chunk.iter().fold(false, |seen, &c| seen | hit(c)) {
            return chunk.iter().rposition(|&c| hit(c)).map(|p| end + p);
        }
    }
    chunks.remainder().iter().rposition(|&c| hit(c))
}

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

/// A set of characters with constant-time membership (a bitmap over the Basic Multilingual
/// Plane), for the per-character tests of the hot loops.
pub struct CharSet {
    bits: Box<[u64; 1024]>,
}

impl std::fmt::Debug for CharSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n: u32 = self.bits.iter().map(|b| b.count_ones()).sum();
        write!(f, "CharSet({n} characters)")
    }
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
        static SET: std::sync::LazyLock<$crate::textkit::CharSet> =
            std::sync::LazyLock::new(|| $crate::textkit::CharSet::new($chars.chars()));
        &*SET
    }};
}
pub(crate) use char_set;

/// A word list for the hot loops: which of its words a text starts (or ends) with, found
/// through an index on the first (last) character instead of trying every word.
pub struct WordSet {
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
    /// The key characters, when there are at most [`FEW_KEYS`] of them (the first repeated
    /// to fill the array; empty when there are more): a search for the words in a text
    /// compares sixteen characters at a time with each instead of testing the bitmap at
    /// every place.
    few_keys: Option<[char; FEW_KEYS]>,
}

/// Up to how many key characters a [`WordSet`] looks for by comparing (above, by the bitmap).
const FEW_KEYS: usize = 4;

/// A word of a [`WordSet`]: its characters, itself, and its place in the list it was made from.
struct Entry {
    chars: Vec<char>,
    word: &'static str,
    index: usize,
}

/// Size of [`WordSet`]'s pair bitmap, in 64-bit words.
const PAIR_WORDS: usize = 256;

/// The bit of a pair of characters in [`WordSet`]'s pair bitmap.
#[inline]
fn pair_bit(key: char, next: char) -> (usize, u64) {
    let h = (key as u32).wrapping_mul(0x9E37_79B1) ^ (next as u32).wrapping_mul(0x85EB_CA77);
    let h = (h >> 18) as usize % (PAIR_WORDS * 64);
    (h / 64, 1 << (h % 64))
}

impl std::fmt::Debug for WordSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.words.iter().map(|e| e.word))
            .finish()
    }
}

impl WordSet {
    /// A lexicon matched at the start of a text.
    pub fn new(words: &[&'static str]) -> Self {
        WordSet::build(words, false)
    }

    /// A lexicon matched at the end of a text.
    pub fn endings(words: &[&'static str]) -> Self {
        WordSet::build(words, true)
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
            let i = u32::try_from(i).expect("a word set has fewer than 4 G words");
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
        let mut keys: Vec<char> = list.iter().filter_map(|e| key(e.word)).collect();
        keys.dedup();
        let few_keys = (!keys.is_empty() && keys.len() <= FEW_KEYS)
            .then(|| std::array::from_fn(|i| keys.get(i).copied().unwrap_or(keys[0])));
        WordSet {
            words: list,
            first,
            single,
            pairs,
            rank,
            ranges,
            few_keys,
        }
    }

    /// The first place in `from..to` that holds a key character of the set (for a set of
    /// endings, a last character of a word).
    #[inline]
    pub fn next_key(&self, t: &[char], from: usize, to: usize) -> Option<usize> {
        let span = t.get(from..to)?;
        let found = match &self.few_keys {
            None if self.ranges.is_empty() => None,
            None => span.iter().position(|&c| self.first.contains(c)),
            Some(keys) if keys.iter().all(|&k| k == keys[0]) => find_char(span, keys[0]),
            Some(keys) => find_any(span, keys),
        };
        found.map(|p| from + p)
    }

    /// The first place `p` in `from..to` where a word of the set starts (`t[p..]` starts with
    /// it; the word may run past `to`), with the longest word there (a set made with
    /// [`WordSet::new`]): the same as trying
    /// [`WordSet::longest_at`] at every place in turn, but only the places that hold a key
    /// character are tried.
    pub fn find_start(&self, t: &[char], from: usize, to: usize) -> Option<(usize, &'static str)> {
        let to = to.min(t.len());
        let mut p = from;
        while p < to {
            p = self.next_key(t, p, to)?;
            if let Some(w) = self.longest_at(&t[p..]) {
                return Some((p, w));
            }
            p += 1;
        }
        None
    }

    /// The last place `p` in `from..to` where a word of the set starts (`t[p..]` starts with
    /// it; the word may run past `to`; a set made with [`WordSet::new`]): the same as trying [`WordSet::longest_at`] at every
    /// place from `to` back to `from`.
    pub fn rfind_start(&self, t: &[char], from: usize, to: usize) -> Option<usize> {
        let mut end = to.min(t.len());
        while end > from {
            let span = &t[from..end];
            let p = from
                + match &self.few_keys {
                    None => span.iter().rposition(|&c| self.first.contains(c)),
                    Some(keys) => rfind_any(span, keys),
                }?;
            if self.longest_at(&t[p..]).is_some() {
                return Some(p);
            }
            end = p;
        }
        None
    }

    /// Whether some word starts (for endings: ends) with `c`.
    #[inline]
    pub fn has_key(&self, c: char) -> bool {
        self.first.contains(c)
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

    /// The longest word `chars` ends with (for a lexicon made with [`WordSet::endings`]).
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

/// The candidate closest to `name` by edit distance, when it is close enough to be a likely
/// misspelling (at most a third of its characters, and at least one, differ).
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(name, c), c))
        .filter(|&(d, _)| d <= limit)
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod word_set_tests {
    use super::*;

    #[test]
    fn longest_word_at_start_and_end() {
        let c: Vec<char> = "人剂次,共计".chars().collect();
        let lex = WordSet::new(&["人", "人次", "人剂次", "剂次"]);
        assert_eq!(lex.longest_at(&c), Some("人剂次"));
        assert_eq!(lex.longest_at(&c[1..]), Some("剂次"));
        let ends = WordSet::endings(&["计", "共计", "累计"]);
        assert_eq!(ends.longest_ending(&c), Some("共计"));
        assert_eq!(ends.longest_ending(&c[..3]), None);
    }

    #[test]
    fn the_pair_filter_keeps_single_character_words_and_every_word() {
        let lex = WordSet::new(&["人", "人次", "家庭", "家庭医生", "床位"]);
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
        let ends = WordSet::endings(&["院", "卫生院", "中心"]);
        let end = |s: &str| ends.longest_ending(&s.chars().collect::<Vec<_>>());
        assert_eq!(end("乡镇卫生院"), Some("卫生院"));
        assert_eq!(end("医院"), Some("院"));
        assert_eq!(end("服务中心"), Some("中心"));
        assert_eq!(end("重心"), None);
        assert_eq!(end("心"), None);
    }
}

#[cfg(test)]
mod search_tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn find_start_and_rfind_start_agree_with_trying_every_place(
            s in "[人次家庭医生床位中X]{0,40}",
            from in 0usize..44,
            to in 0usize..44,
        ) {
            let t: Vec<char> = s.chars().collect();
            let sets: [&[&'static str]; 4] = [
                &["人"],
                &["人次", "家庭"],
                &["中心", "人次", "家庭", "床位"],
                &["人", "人次", "家庭", "家庭医生", "床位", "医生", "生", "中"],
            ];
            for words in sets {
                let set = WordSet::new(words);
                let to = to.min(t.len());
                let naive = (from..to).find_map(|p| set.longest_at(&t[p..]).map(|w| (p, w)));
                proptest::prop_assert_eq!(set.find_start(&t, from, to), naive);
                let last = (from..to).rev().find(|&p| set.longest_at(&t[p..]).is_some());
                proptest::prop_assert_eq!(set.rfind_start(&t, from, to), last);
                let key = (from..to).find(|&p| set.has_key(t[p]));
                proptest::prop_assert_eq!(set.next_key(&t, from, to), key);
            }
        }
    }

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

    proptest::proptest! {
        #[test]
        fn find_char_agrees_with_position(s in "[aX中]{0,70}") {
            let t: Vec<char> = s.chars().collect();
            proptest::prop_assert_eq!(find_char(&t, 'X'), t.iter().position(|&c| c == 'X'));
        }
    }
}
