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
