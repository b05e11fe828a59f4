//! Numerals: Arabic (`476094`, `4120.38`, `1,234`) and Chinese (`十二`, `两千`, `一万二`,
//! `百分之九十五`), read exactly as decimals so that `13.7189万` is 137189, not 137188.99999.
//! The digits and units of Chinese numerals are the classes `number.digits` and
//! `number.units` of data/lexicon/number.yaml.

use crate::lexicon::class;

/// An exact decimal: `mantissa × 10^-scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal {
    /// The digits.
    pub mantissa: i128,
    /// Number of digits after the point.
    pub scale: u32,
}

impl Decimal {
    /// A whole number.
    pub fn integer(n: i128) -> Self {
        Decimal {
            mantissa: n,
            scale: 0,
        }
    }

    /// Multiplies by 10^k exactly (万 is k = 4, 亿 is k = 8).
    pub fn shift(self, k: u32) -> Self {
        let mut d = self;
        let mut k = k;
        while k > 0 && d.scale > 0 {
            d.scale -= 1;
            k -= 1;
        }
        d.mantissa = d.mantissa.saturating_mul(10i128.saturating_pow(k));
        d
    }

    /// The value as a float, correctly rounded from the exact decimal.
    pub fn to_f64(self) -> f64 {
        // both operands exact in f64, so the one IEEE division is correctly rounded
        if self.mantissa.unsigned_abs() < (1 << 53) && self.scale <= 22 {
            return self.mantissa as f64 / 10f64.powi(self.scale as i32);
        }
        format!("{}", self).parse().unwrap_or(f64::NAN)
    }
}

impl std::fmt::Display for Decimal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.mantissa < 0 { "-" } else { "" };
        let digits = self.mantissa.unsigned_abs().to_string();
        let scale = self.scale as usize;
        if scale == 0 {
            return write!(f, "{sign}{digits}");
        }
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (int, frac) = padded.split_at(padded.len() - scale);
        write!(f, "{sign}{int}.{frac}")
    }
}

/// Reads an Arabic number at the start of `chars`: digits, optional thousands groups
/// (`1,234,567`), optional decimals. Returns the value and the number of characters read.
pub fn parse_arabic(chars: &[char]) -> Option<(Decimal, usize)> {
    let mut mantissa: i128 = 0;
    let mut i = 0;
    let mut seen = 0;
    let mut group = 0; // digits since the start or the last thousands comma
    let mut grouped = false;
    while let Some(c) = chars.get(i) {
        if let Some(d) = c.to_digit(10).filter(|_| c.is_ascii_digit()) {
            mantissa = mantissa.checked_mul(10)?.checked_add(d as i128)?;
            seen += 1;
            group += 1;
            i += 1;
        } else if *c == ' ' && (1..=3).contains(&group) && spaced_groups_end(&chars[i..]) {
            // 1 234 567人次: thousands set apart by spaces, the whole run before a unit
            grouped = true;
            group = 0;
            i += 1;
        } else if *c == ','
            && (if grouped {
                group == 3
            } else {
                (1..=3).contains(&group)
            })
            && chars
                .get(i + 1..i + 4)
                .is_some_and(|g| g.iter().all(char::is_ascii_digit))
            && !chars.get(i + 4).is_some_and(char::is_ascii_digit)
        {
            grouped = true;
            group = 0;
            i += 1;
        } else {
            break;
        }
    }
    if seen == 0 {
        return None;
    }
    let mut scale = 0;
    if chars.get(i) == Some(&'.') && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
        i += 1;
        while let Some(d) = chars
            .get(i)
            .filter(|c| c.is_ascii_digit())
            .and_then(|c| c.to_digit(10))
        {
            mantissa = mantissa.checked_mul(10)?.checked_add(d as i128)?;
            scale += 1;
            i += 1;
        }
    }
    Some((Decimal { mantissa, scale }, i))
}

/// Whether `rest` (from a space after digits) is one or more ` ddd` groups followed by a
/// unit or a Chinese word, so that a row of separate numbers (`56 123 456`) is not read as one.
fn spaced_groups_end(rest: &[char]) -> bool {
    let mut k = 0;
    while rest.get(k) == Some(&' ')
        && rest
            .get(k + 1..k + 4)
            .is_some_and(|g| g.iter().all(char::is_ascii_digit))
        && !rest.get(k + 4).is_some_and(char::is_ascii_digit)
    {
        k += 4;
    }
    k > 0
        && rest
            .get(k)
            .is_some_and(|&c| matches!(c, '%' | '‰' | '.') || crate::textkit::is_han(c))
}

/// A table from characters to values built from a class of pairs whose values are integers
/// (`number.digits`, `number.units`), searched by binary search on the character.
fn char_values(class: &'static crate::lexicon::Class) -> Vec<(char, i128)> {
    let mut table: Vec<(char, i128)> = class
        .words()
        .iter()
        .enumerate()
        .filter_map(|(i, w)| {
            let mut cs = w.chars();
            let c = cs.next().filter(|_| cs.next().is_none())?;
            Some((c, class.value_at(i).parse().ok()?))
        })
        .collect();
    table.sort_unstable();
    table
}

fn lookup(table: &[(char, i128)], c: char) -> Option<i128> {
    table
        .binary_search_by_key(&c, |e| e.0)
        .ok()
        .map(|i| table[i].1)
}

/// The value of a Chinese digit (`number.digits`): 一 and 壹 are 1, 两 is 2.
fn chinese_digit(c: char) -> Option<i128> {
    static DIGITS: std::sync::LazyLock<Vec<(char, i128)>> =
        std::sync::LazyLock::new(|| char_values(class!("number.digits")));
    lookup(&DIGITS, c)
}

/// The value of a Chinese numeral unit (`number.units`): 十 10, 百 100, 万 10000.
pub(crate) fn chinese_unit(c: char) -> Option<i128> {
    static UNITS: std::sync::LazyLock<Vec<(char, i128)>> =
        std::sync::LazyLock::new(|| char_values(class!("number.units")));
    lookup(&UNITS, c)
}

/// Whether `c` is one of the Chinese digits 一 to 十 (not 零 or 两), as in ordinals and
/// heading numbers.
pub fn is_cn_digit(c: char) -> bool {
    class!("number.plain_digits").has_char(c)
}

/// Whether `c` can be part of a Chinese numeral.
pub fn is_chinese_numeral_char(c: char) -> bool {
    numeral_chars().contains(c)
}

/// The characters of Chinese numerals (the digits and the units), as a set that hot loops
/// fetch once.
pub fn numeral_chars() -> &'static crate::textkit::CharSet {
    static SET: std::sync::LazyLock<crate::textkit::CharSet> = std::sync::LazyLock::new(|| {
        let words = class!("number.digits")
            .words()
            .iter()
            .chain(class!("number.units").words());
        crate::textkit::CharSet::new(words.filter_map(|w| w.chars().next()))
    });
    &SET
}

/// Whether `c` is a multiplier of one character that multiplies wherever it follows a figure
/// (万, 亿): one of `number.multipliers`, not one of `number.weak_multipliers` (千).
pub(crate) fn is_big_multiplier(c: char) -> bool {
    let mut buf = [0u8; 4];
    class!("number.multipliers").has(c.encode_utf8(&mut buf))
        && !class!("number.weak_multipliers").has_char(c)
}

/// Reads a Chinese numeral at the start of `chars` (`十二`, `三百五十`, `两千`, `一万二`,
/// `一千零八`). Returns the value and the number of characters read. A lone unit character
/// other than 十 (`万`, `千`) is not a numeral.
pub fn parse_chinese(chars: &[char]) -> Option<(i128, usize)> {
    let len = chars
        .iter()
        .take_while(|&&c| is_chinese_numeral_char(c))
        .count();
    if len == 0 {
        return None;
    }
    let s = &chars[..len];
    if s.len() == 1 && chinese_digit(s[0]).is_none() && chinese_unit(s[0]) != Some(10) {
        return None;
    }
    let mut total: i128 = 0; // completed 亿 groups
    let mut section: i128 = 0; // completed 万 groups below 亿
    let mut small: i128 = 0; // below 万
    let mut digit: Option<i128> = None;
    let mut last_unit: i128 = 1;
    for &c in s {
        if let Some(d) = chinese_digit(c) {
            if digit.is_some_and(|prev| prev != 0) {
                return None; // two digits in a row: 一二 is not a numeral
            }
            digit = Some(d);
        } else if let Some(u) = chinese_unit(c) {
            match u {
                10 | 100 | 1000 => {
                    small += digit.unwrap_or(1) * u;
                    last_unit = u;
                }
                10_000 => {
                    section = (section + small + digit.unwrap_or(0)) * 10_000;
                    small = 0;
                    last_unit = 10_000;
                }
                _ => {
                    total = (total + section + small + digit.unwrap_or(0)) * 100_000_000;
                    section = 0;
                    small = 0;
                    last_unit = 100_000_000;
                }
            }
            digit = None;
        }
    }
    // A trailing digit after a unit is colloquial shorthand: 一万二 = 12000, 三百五 = 350.
    let tail = match digit {
        Some(d) if last_unit >= 100 && !s.iter().any(|&c| chinese_digit(c) == Some(0)) => {
            d * last_unit / 10
        }
        Some(d) => d,
        None => 0,
    };
    Some((total + section + small + tail, len))
}

/// Reads a Chinese numeral with its decimal part, if any, at the start of `chars`:
/// `九十八点五` is 98.5 (`百分之九十八点五`). The part after 点 is read digit by digit; a 点
/// without digits after it (`三点半`) ends the numeral before it.
pub fn parse_chinese_decimal(chars: &[char]) -> Option<(Decimal, usize)> {
    let (whole, len) = parse_chinese(chars)?;
    let fraction: Vec<i128> = match chars.get(len) {
        Some(&c) if class!("number.decimal_point").has_char(c) => chars[len + 1..]
            .iter()
            .map_while(|&c| chinese_digit(c))
            .collect(),
        _ => Vec::new(),
    };
    if fraction.is_empty() {
        return Some((Decimal::integer(whole), len));
    }
    let mantissa = fraction
        .iter()
        .try_fold(whole, |m, &d| m.checked_mul(10)?.checked_add(d))?;
    let scale = u32::try_from(fraction.len()).ok()?;
    Some((Decimal { mantissa, scale }, len + 1 + fraction.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn c(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn chinese_decimals() {
        let read = |s: &str| parse_chinese_decimal(&c(s)).map(|(d, n)| (d.to_string(), n));
        assert_eq!(read("九十八点五"), Some(("98.5".into(), 5)));
        assert_eq!(read("八十七点零六%"), Some(("87.06".into(), 6)));
        assert_eq!(read("三点半"), Some(("3".into(), 1)));
        assert_eq!(read("十二项"), Some(("12".into(), 2)));
        assert_eq!(read("点五"), None);
    }

    #[test]
    fn arabic_numbers() {
        assert_eq!(
            parse_arabic(&c("476094份")),
            Some((Decimal::integer(476094), 6))
        );
        assert_eq!(
            parse_arabic(&c("4120.38万元")).unwrap().0.to_string(),
            "4120.38"
        );
        assert_eq!(
            parse_arabic(&c("1,234人")).unwrap(),
            (Decimal::integer(1234), 5)
        );
        assert_eq!(parse_arabic(&c("99家,其中")).unwrap().1, 2);
        assert_eq!(parse_arabic(&c("12,3456")).unwrap().1, 2);
        assert_eq!(parse_arabic(&c("1.")).unwrap(), (Decimal::integer(1), 1));
        assert_eq!(parse_arabic(&c("家")), None);
        // thousands set apart by spaces, only before a unit
        assert_eq!(
            parse_arabic(&c("1 234 567人次")).unwrap(),
            (Decimal::integer(1_234_567), 9)
        );
        assert_eq!(parse_arabic(&c("56 123 456 789")).unwrap().1, 2);
        assert_eq!(parse_arabic(&c("45.6 41.2")).unwrap().1, 4);
        assert_eq!(parse_arabic(&c("2022 2023年")).unwrap().1, 4);
    }

    #[test]
    fn numeral_set_agrees_with_the_parser() {
        for c in "零〇一壹二两贰兩三叁四肆五伍六陆陸七柒八捌九玖十拾百佰千仟万萬亿億".chars()
        {
            assert!(
                chinese_digit(c).is_some() || chinese_unit(c).is_some(),
                "{c}"
            );
        }
        for n in 0x4e00..0x9fff {
            let c = char::from_u32(n).unwrap();
            assert_eq!(
                is_chinese_numeral_char(c),
                chinese_digit(c).is_some() || chinese_unit(c).is_some(),
                "{c}"
            );
        }
    }

    #[test]
    fn shift_is_exact() {
        let (d, _) = parse_arabic(&c("13.7189")).unwrap();
        assert_eq!(d.shift(4).to_f64(), 137189.0);
        let (d, _) = parse_arabic(&c("4120.38")).unwrap();
        assert_eq!(d.shift(4).to_f64(), 41203800.0);
        let (d, _) = parse_arabic(&c("1.6")).unwrap();
        assert_eq!(d.shift(8).to_f64(), 160000000.0);
    }

    #[test]
    fn chinese_numerals() {
        for (s, v) in [
            ("十二项", 12),
            ("十项", 10),
            ("二十", 20),
            ("三百五十", 350),
            ("三百五", 350),
            ("两千", 2000),
            ("一万二", 12000),
            ("一千零八", 1008),
            ("一次", 1),
            ("十万", 100_000),
            ("三亿五千万", 350_000_000),
        ] {
            assert_eq!(parse_chinese(&c(s)).map(|p| p.0), Some(v), "{s}");
        }
        assert_eq!(parse_chinese(&c("万人")), None);
        assert_eq!(parse_chinese(&c("一二")), None);
    }

    fn to_chinese(n: u32) -> String {
        const D: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
        if n == 0 {
            return "零".into();
        }
        let mut out = String::new();
        let units = [(1000, '千'), (100, '百'), (10, '十')];
        let mut rest = n;
        let mut zero = false;
        for (u, ch) in units {
            let d = rest / u;
            rest %= u;
            if d > 0 {
                if zero {
                    out.push('零');
                    zero = false;
                }
                if !(u == 10 && d == 1 && out.is_empty()) {
                    out.push(D[d as usize]);
                }
                out.push(ch);
            } else if !out.is_empty() {
                zero = true;
            }
        }
        if rest > 0 {
            if zero {
                out.push('零');
            }
            out.push(D[rest as usize]);
        }
        out
    }

    proptest! {
        #[test]
        fn arabic_round_trips(int in 0u64..10_000_000_000, frac in 0u32..10_000, scale in 0u32..5) {
            let text = if scale == 0 { int.to_string() } else {
                format!("{int}.{:0>w$}", frac % 10u32.pow(scale), w = scale as usize)
            };
            let chars: Vec<char> = text.chars().collect();
            let (d, n) = parse_arabic(&chars).unwrap();
            prop_assert_eq!(n, chars.len());
            prop_assert_eq!(d.to_string(), text);
        }

        #[test]
        fn chinese_round_trips(n in 0u32..10_000) {
            let text = to_chinese(n);
            let chars: Vec<char> = text.chars().collect();
            prop_assert_eq!(parse_chinese(&chars), Some((n as i128, chars.len())));
        }

        #[test]
        fn shift_matches_float(int in 0u64..1_000_000, frac in 0u32..100) {
            let d = parse_arabic(&format!("{int}.{frac:02}").chars().collect::<Vec<_>>()).unwrap().0;
            let expected = (int as f64 * 100.0 + frac as f64) * 100.0;
            prop_assert_eq!(d.shift(4).to_f64(), expected);
        }
    }
}
