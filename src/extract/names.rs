//! Names: the bodies (organisations, facility types) and programmes (projects, campaigns,
//! policies) a report speaks of.
//!
//! Bodies are found by the endings of their names (`…卫生院`, `…疾控中心`, `…卫健委`) read
//! back to the start of the phrase; programmes by their quotation marks (`“两卡制”`), book-title
//! marks (`《…实施方案》`) and endings (`…项目`, `…行动`, `…制度`).

use std::sync::LazyLock;

use crate::lexicon::class;
use crate::model::{Body, Programme, Span};
use crate::text::Cleaned;
use crate::textkit::{CharSet, is_han};

/// Where a quoted list of slogans that ends right before `i` opens (`“大讨论、大反思”专项行动`):
/// a quote holding a list names no programme of its own, but is part of the one after it.
fn listy_quote_before(t: &[char], i: usize) -> Option<usize> {
    if i == 0 || t[i - 1] != '”' {
        return None;
    }
    let open = (i.saturating_sub(22)..i - 1).rev().find(|&p| t[p] == '“')?;
    t[open + 1..i - 1].contains(&'、').then_some(open)
}

/// Reads back from `end` to the start of the name phrase, at most `cap` characters.
fn walk_back(t: &[char], end: usize, cap: usize) -> usize {
    let stop_chars = class!("name.stop_chars").chars();
    let measure_chars: &CharSet = &MEASURE_CHARS;
    let stop_words = class!("name.stop_words").ends();
    let determiners = class!("name.determiner_chars");
    let numeral_measures = class!("name.numeral_measure_chars");
    let colloquial_numerals = class!("name.colloquial_numerals");
    let word_endings = class!("name.word_endings");
    let mut k = end;
    while k > 0 && end - k < cap {
        let c = t[k - 1];
        if c.is_ascii_digit() {
            // digits inside a name (XX县120急救指挥中心), not a count before it
            let run = t[..k]
                .iter()
                .rev()
                .take_while(|c| c.is_ascii_digit())
                .count();
            if k > run
                && (is_han(t[k - run - 1]) || t[k - run - 1] == 'X')
                && end - (k - run) <= cap
            {
                k -= run;
                continue;
            }
            break;
        }
        if !(is_han(c) || c == 'X') || stop_chars.contains(c) {
            break;
        }
        // a measure word after a number or a determiner (28家乡镇卫生院, 每个卫生院, 两个中心);
        // after a numeral only 个: 七台河 and 五家渠 are places
        if k >= 2
            && measure_chars.contains(c)
            && (t[k - 2].is_ascii_digit()
                || determiners.has_char(t[k - 2])
                || (numeral_measures.has_char(c)
                    && (colloquial_numerals.has_char(t[k - 2])
                        || crate::reading::numerals::is_cn_digit(t[k - 2]))))
        {
            break;
        }
        // a verb before the name, unless it is part of a word such as 规范化
        if k >= 2
            && stop_words.longest_ending(&t[..k]).is_some()
            && !t.get(k).is_some_and(|&n| word_endings.has_char(n))
        {
            break;
        }
        k -= 1;
    }
    // 二级以上公立医院: the 上 of 以上 is no start of a name
    if k > 0 && k < end && class!("name.bound_words").at(&t[k - 1..end]).is_some() {
        k += 1;
    }
    // a number at the start is a count, not part of the name
    while k < end && t[k].is_ascii_digit() {
        k += 1;
    }
    // the base of a density: 每千人口医疗机构床位数 names 医疗机构
    if let Some(base) = class!("name.density_bases").at(&t[k..end]) {
        k += base.chars().count();
    }
    k
}

/// A name found in the cleaned text: its text and cleaned range.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Index into the bodies or programmes list.
    pub index: usize,
    /// Cleaned start.
    pub start: usize,
    /// Cleaned end.
    pub end: usize,
}

/// Bodies and programmes with their cleaned mentions (in text order), for linking.
#[derive(Debug, Default)]
pub struct Names {
    body_index: rustc_hash::FxHashMap<String, usize>,
    programme_index: rustc_hash::FxHashMap<String, usize>,
    /// A name under lookup, reused so that a name seen before costs no allocation.
    buf: String,
    /// The bodies.
    pub bodies: Vec<Body>,
    /// The programmes.
    pub programmes: Vec<Programme>,
    /// Cleaned mentions of bodies.
    pub body_mentions: Vec<Mention>,
    /// Cleaned mentions of programmes.
    pub programme_mentions: Vec<Mention>,
}

/// Finds the bodies and programmes of a cleaned text.
pub fn find(c: &Cleaned) -> Names {
    let t = &c.norm;
    let mut names = Names::default();
    let endings = class!("name.body_endings");
    let bodies = endings.starts();
    let generic = class!("name.generic_body_endings");
    let overlapping = class!("name.overlapping_words").ends();
    let numbered = class!("name.numbered_hospital_chars").chars();
    let levels = class!("name.level_chars").chars();
    // what reading::numerals::is_cn_digit tests, fetched once for the loop
    let cn_digits = class!("number.plain_digits").chars();
    let goes_on = class!("name.place_word_chars");
    let mut i = 0;
    while i < t.len() {
        // (the 中 of 其中 starts no name: 其中医院12家 speaks of 医院, not 中医院)
        if let Some(k) = bodies
            .longest_index_at(&t[i..])
            .filter(|_| overlapping.longest_ending(&t[..=i]).is_none())
        {
            let (ending, kind) = (endings.words()[k], endings.value_at(k));
            let alone = !generic.has(ending);
            let end = i + ending.chars().count();
            let start = walk_back_with_brackets(t, i, 12);
            let place_ok = kind != "place"
                || (is_place_name(&t[start..end])
                    && !t.get(end).is_some_and(|&c| goes_on.has_char(c)));
            if (start < i || alone) && place_ok {
                add_body(&mut names, c, start, end, kind);
                if kind != "place" {
                    add_shared_ending(&mut names, c, start, (i, end), kind);
                }
            }
            i = end;
            continue;
        }
        // 市九院, 县一院: a numbered hospital of a city or county
        // (the numeral before tested first: most places have none)
        if i >= 2
            && cn_digits.contains(t[i - 1])
            && numbered.contains(t[i])
            && levels.contains(t[i - 2])
        {
            add_body(&mut names, c, i - 2, i + 1, "hospital");
        }
        i += 1;
    }
    find_programmes(c, &mut names);
    names.body_mentions.sort_by_key(|m| m.start);
    names.programme_mentions.sort_by_key(|m| m.start);
    names
}

/// Measure words of one character: after a number they end a count, not a name.
static MEASURE_CHARS: LazyLock<CharSet> = LazyLock::new(|| {
    CharSet::new(
        crate::reading::units::measure_words()
            .iter()
            .filter(|w| w.chars().count() == 1)
            .filter_map(|w| w.chars().next()),
    )
});

/// Whether a name ending in 镇, 乡, 村 or 街道 names a place (胡埭镇富安村, 定城镇), not a kind
/// of place (乡镇, 农村, 卫生乡镇, 美丽乡村).
fn is_place_name(name: &[char]) -> bool {
    let s: String = name.iter().collect();
    name.len() >= 3 && !class!("name.place_kinds").ends_str(&s)
}

/// Like [`walk_back`], but reads over a short bracketed part: `上海高级专家(无锡)诊疗服务中心`.
fn walk_back_with_brackets(t: &[char], end: usize, cap: usize) -> usize {
    let mut k = walk_back(t, end, cap);
    if k == end || k < 4 {
        return k;
    }
    if t[k - 1] == ')'
        && let Some(open) = t[k.saturating_sub(6)..k - 1]
            .iter()
            .rposition(|&c| c == '(')
    {
        let open = k.saturating_sub(6) + open;
        let before = walk_back(t, open, cap);
        if before < open {
            k = before;
        }
    }
    k
}

/// Adds the report's issuer to the bodies when the cleaned text does not name it (it stood in
/// a dateline or a metadata table that clean-up set aside): a body of the kind its ending
/// gives, mentioned where the source writes it. An issuer the source does not write (or
/// whose ending names no body) is left out.
pub fn add_issuer(names: &mut Names, issuer: &str, source: &[char]) {
    let name: Vec<char> = issuer.chars().collect();
    if name.is_empty() || names.body_index.contains_key(issuer) {
        return;
    }
    let simplified: Vec<char> = crate::text::clean::simplify(issuer).chars().collect();
    let endings = class!("name.body_endings");
    let Some(kind) = endings
        .ending(&simplified)
        .and_then(|w| endings.value_of(w))
    else {
        return;
    };
    let Some(at) =
        (0..source.len().saturating_sub(name.len() - 1)).find(|&i| source[i..].starts_with(&name))
    else {
        return;
    };
    let p = names.bodies.len();
    names.body_index.insert(issuer.to_string(), p);
    names.bodies.push(Body {
        id: crate::model::record_id('b', p + 1),
        name: issuer.to_string(),
        body_type: kind.to_string(),
        mentions: vec![Span::new(at, at + name.len())],
    });
}

/// Looks a name up in `index` through the reusable buffer `buf` (no allocation for a name
/// seen before): `Ok(i)` for a known name, `Err(name)` for a new one.
fn lookup(
    index: &rustc_hash::FxHashMap<String, usize>,
    buf: &mut String,
    c: &Cleaned,
    start: usize,
    end: usize,
) -> Result<usize, String> {
    buf.clear();
    c.push_written(buf, start, end);
    let name = buf.trim();
    index.get(name).copied().ok_or_else(|| name.to_string())
}

fn add_body(names: &mut Names, c: &Cleaned, start: usize, end: usize, kind: &str) {
    let index = lookup(&names.body_index, &mut names.buf, c, start, end);
    add_body_as(names, c, (start, end), index, kind);
}

/// Names that share the ending of the body after them: `朱顶、武桥卫生院` names 朱顶卫生院 too.
/// `start` is the start of the body's name, `ending` its ending's range.
fn add_shared_ending(
    names: &mut Names,
    c: &Cleaned,
    start: usize,
    ending: (usize, usize),
    kind: &str,
) {
    let t = &c.norm;
    let stop_chars = class!("name.stop_chars");
    if start < 3 || t[start - 1] != '、' {
        return;
    }
    let shared = c.written_string(ending.0, ending.1);
    let mut k = start;
    while k >= 3 && t[k - 1] == '、' {
        let seg_end = k - 1;
        let seg_start = seg_end
            - t[..seg_end]
                .iter()
                .rev()
                .take(5)
                .take_while(|&&ch| is_han(ch) && !stop_chars.has_char(ch))
                .count();
        let seg: String = t[seg_start..seg_end].iter().collect();
        // a name of its own (县委、县政府) or a single character (省、市卫健委)
        let whole = class!("name.body_endings").ends_str(&seg);
        if !(2..=4).contains(&(seg_end - seg_start)) || whole {
            break;
        }
        let mut name = c.written_string(seg_start, seg_end);
        name.push_str(&shared);
        let index = names.body_index.get(&name).copied().ok_or(name);
        add_body_as(names, c, (seg_start, seg_end), index, kind);
        k = seg_start;
    }
}

/// Adds a mention of the body `index` (`Ok`) or of a new body of that name (`Err`) at the
/// cleaned range `at`.
fn add_body_as(
    names: &mut Names,
    c: &Cleaned,
    (start, end): (usize, usize),
    index: Result<usize, String>,
    kind: &str,
) {
    let span = c.span(start, end);
    let index = match index {
        Ok(p) => {
            names.bodies[p].mentions.push(span);
            p
        }
        Err(name) => {
            let p = names.bodies.len();
            names.body_index.insert(name.clone(), p);
            names.bodies.push(Body {
                id: crate::model::record_id('b', p + 1),
                name,
                body_type: kind.to_string(),
                mentions: vec![span],
            });
            p
        }
    };
    names.body_mentions.push(Mention { index, start, end });
}

fn add_programme(names: &mut Names, c: &Cleaned, start: usize, end: usize) {
    if end < start + 2 {
        return;
    }
    let span = c.span(start, end);
    let index = match lookup(&names.programme_index, &mut names.buf, c, start, end) {
        Ok(p) => {
            names.programmes[p].mentions.push(span);
            p
        }
        Err(name) if name.chars().count() < 2 => return,
        Err(name) if class!("name.document_endings").ends_str(&name) => return,
        // 全年计划, 年度计划: a time, not a programme's name
        Err(name)
            if class!("name.time_prefixes")
                .words()
                .iter()
                .any(|p| name.starts_with(p) && name.chars().count() <= p.chars().count() + 2) =>
        {
            return;
        }
        Err(name) => {
            let p = names.programmes.len();
            names.programme_index.insert(name.clone(), p);
            names.programmes.push(Programme {
                id: crate::model::record_id('p', p + 1),
                name,
                mentions: vec![span],
            });
            p
        }
    };
    names.programme_mentions.push(Mention { index, start, end });
}

#[inline(never)]
fn find_programmes(c: &Cleaned, names: &mut Names) {
    let t = &c.norm;
    let endings = class!("name.programme_endings").starts();
    let short_names = class!("name.short_service_names");
    let body_endings = class!("name.body_endings").starts();
    let mut i = 0;
    while i < t.len() {
        let ch = t[i];
        if ch == '“' || ch == '《' {
            let close = if ch == '“' { '”' } else { '》' };
            let max = if ch == '“' { 20 } else { 60 };
            let inner = t[i + 1..]
                .iter()
                .take(max + 1)
                .position(|&c| c == close || c == '\n' || (ch == '“' && c == '“'));
            if let Some(n) = inner.filter(|&n| n >= 2 && n <= max && t[i + 1 + n] == close) {
                let body = &t[i + 1..i + 1 + n];
                let listy = body
                    .iter()
                    .any(|&c| matches!(c, '、' | ',' | '。' | ';' | '!' | '?'));
                if ch == '《' || !listy {
                    add_programme(names, c, i + 1, i + 1 + n);
                }
                i += n + 2;
                continue;
            }
        }
        if let Some(e) = endings.longest_at(&t[i..]) {
            let mut end = i + e.chars().count();
            let mut start = walk_back(t, i, 16);
            // a slogan list in quotes is part of the name after it:
            // 作风建设“大讨论、大反思、大整改、大提升”专项行动
            if start == i
                && let Some(open) = listy_quote_before(t, i)
            {
                start = walk_back(t, open, 16);
            }
            // a service known by its short name: 开展家庭病床服务
            if short_names.has(e)
                && let Some(w) = class!("name.service_words").at(&t[end..])
            {
                end += w.chars().count();
            }
            if i - start == 16 {
                // cut off mid-phrase: start after the last body named inside instead
                // (…基层医疗卫生机构妇幼健康规范化门诊创建 → 妇幼健康规范化门诊创建)
                if let Some(after) = (start..i).rev().find_map(|p| {
                    body_endings
                        .longest_at(&t[p..i])
                        .map(|e| p + e.chars().count())
                }) {
                    start = after;
                }
            }
            if i - start >= 2 || short_names.has(e) {
                add_programme(names, c, start, end);
            }
            i = end;
            continue;
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> (Vec<String>, Vec<String>) {
        let out = crate::text::clean(text);
        let n = find(&out.cleaned);
        (
            n.bodies.into_iter().map(|b| b.name).collect(),
            n.programmes.into_iter().map(|p| p.name).collect(),
        )
    }

    /// Asserts that every one of `names` was found.
    fn assert_found(found: &[String], names: &[&str]) {
        for name in names {
            assert!(found.iter().any(|f| f == name), "{name} not in {found:?}");
        }
    }

    #[test]
    fn bodies_by_their_endings() {
        let (b, _) = found(
            "东山街道社区卫生服务中心通过了推荐标准,对全县28家乡镇卫生院(社区卫生服务中心)开展督导,在省、市卫健委和县委、县政府领导下,以XX县人民医院急救中心为基础",
        );
        assert_found(
            &b,
            &[
                "东山街道社区卫生服务中心",
                "乡镇卫生院",
                "社区卫生服务中心",
                "市卫健委",
                "县委",
                "县政府",
                "XX县人民医院急救中心",
            ],
        );
    }

    #[test]
    fn names_sharing_an_ending() {
        let (b, _) = found("县人民医院改扩建、朱顶、武桥卫生院及龙河社区卫生服务中心项目");
        assert!(b.contains(&"朱顶卫生院".to_string()), "{b:?}");
        assert!(b.contains(&"武桥卫生院".to_string()), "{b:?}");
        assert!(!b.iter().any(|n| n.contains("改扩建")), "{b:?}");
        let (b, _) = found("东山、西山社区卫生服务中心");
        assert!(b.contains(&"东山社区卫生服务中心".to_string()), "{b:?}");
        let (b, _) =
            found("每个乡镇卫生院配备2名全科医生,建成两个社区卫生服务中心,七台河市人民医院");
        assert_eq!(
            b,
            ["乡镇卫生院", "社区卫生服务中心", "七台河市人民医院"].map(String::from)
        );
        let (b, _) = found("在县委、县政府领导下");
        assert_eq!(b, ["县委", "县政府"].map(String::from));
        let (b, _) = found("每千人口医疗机构床位数6.8张");
        assert_eq!(b, ["医疗机构"].map(String::from));
        let (b, _) = found("医疗机构共计156家,其中医院12家、中医院2家");
        assert_eq!(b, ["医疗机构", "医院", "中医院"].map(String::from));
    }

    #[test]
    fn programmes_by_quotes_titles_and_endings() {
        let (_, p) = found(
            "开展“优质服务基层行”工作。制定了《XX县120急救指挥中心建设实施方案》,扎实推进家庭医生签约服务工作,规范国家基本公共卫生服务项目。“首诊在基层、救治在医院”",
        );
        assert_found(
            &p,
            &[
                "优质服务基层行",
                "XX县120急救指挥中心建设实施方案",
                "家庭医生签约服务",
                "国家基本公共卫生服务项目",
            ],
        );
        assert!(!p.iter().any(|n| n.contains("首诊")));
    }

    #[test]
    fn campaigns_strategies_and_services_by_their_short_names() {
        let (_, p) = found(
            "积极创建国家卫生县城,深入实施人才强卫战略,开展免费婚检,为农村妇女增补叶酸,推进省级健康县创建,通过国家卫生城市复审。下半年工作计划",
        );
        assert_found(
            &p,
            &[
                "国家卫生县城",
                "人才强卫战略",
                "免费婚检",
                "农村妇女增补叶酸",
                "省级健康县",
                "国家卫生城市复审",
            ],
        );
        assert!(!p.iter().any(|n| n.ends_with("工作计划")), "{p:?}");
    }

    #[test]
    fn short_names_are_programme_endings_and_generic_endings_body_endings() {
        let endings = crate::lexicon::class!("name.programme_endings");
        for name in crate::lexicon::class!("name.short_service_names").words() {
            assert!(endings.has(name), "{name}");
        }
        let endings = crate::lexicon::class!("name.body_endings");
        for name in crate::lexicon::class!("name.generic_body_endings").words() {
            assert!(endings.has(name), "{name}");
        }
    }

    #[test]
    fn slogan_lists_in_quotes_and_services_by_short_name() {
        let (_, p) = found(
            "开展作风建设“大讨论、大反思、大整改”专项行动,扎实开展家庭病床服务,确保家庭病床建设",
        );
        assert_found(
            &p,
            &[
                "作风建设“大讨论、大反思、大整改”专项行动",
                "家庭病床服务",
                "家庭病床建设",
            ],
        );
        assert!(!p.iter().any(|n| n.starts_with("确保")), "{p:?}");
        // a quoted name on its own stays a programme of its own
        let (_, p) = found("开展“优质服务基层行”活动");
        assert_found(&p, &["优质服务基层行"]);
    }
}
