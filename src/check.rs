//! Checks while converting: figures that contradict each other or cannot be right, reported
//! as diagnostics. The values are always kept as written.

use crate::catalogue::Catalogue;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Metric, MetricKind, Role, decimals};
use crate::text::Cleaned;

/// Runs every check over the metrics of one document, with the catalogue that coded them. A
/// rate found to be computed from counts beside it gets their ids as its `numerator` and
/// `denominator`.
pub fn check(catalogue: &Catalogue, metrics: &mut [Metric], diags: &mut Vec<Diagnostic>) {
    for k in 0..metrics.len() {
        let m = &metrics[k];
        if m.kind == MetricKind::Rate
            && m.unit == "%"
            && m.value > 100.0
            && !catalogue.may_exceed_full_scale(m.indicator.as_deref(), &m.label, m.value, 100.0)
        {
            diags.push(Diagnostic::new(
                Code::ShareAbove100,
                format!(
                    "{} is {}%, above 100%; kept as written",
                    label_or(m),
                    m.as_written.trim_end_matches('%')
                ),
                Some(m.span),
            ));
        }
        if let Some(t) = &m.target
            && !t.met
        {
            diags.push(Diagnostic::new(
                Code::TargetNotMet,
                format!(
                    "{} {} does not meet its target {}",
                    label_or(m),
                    m.as_written,
                    t.as_written
                ),
                Some(m.span),
            ));
        }
        if m.kind == MetricKind::Rate
            && m.unit == "%"
            && m.role == Role::Actual
            && let Some((num, den)) = rate_against_counts(catalogue, metrics, k, diags)
        {
            metrics[k].numerator = Some(num);
            metrics[k].denominator = Some(den);
        }
    }
}

fn label_or(m: &Metric) -> String {
    if m.label.is_empty() {
        "the figure".to_string()
    } else {
        m.label.clone()
    }
}

/// A rate stated beside the counts it is computed from (`早孕建册人数2577人` over
/// `孕产妇活产数2708人` is `95.16%`) agrees with them when the quotient rounds or truncates to
/// it; said either way, and the counts returned (numerator, denominator).
fn rate_against_counts(
    catalogue: &Catalogue,
    metrics: &[Metric],
    k: usize,
    diags: &mut Vec<Diagnostic>,
) -> Option<(String, String)> {
    let rate = &metrics[k];
    let counts: Vec<&Metric> = metrics[..k]
        .iter()
        .rev()
        .take_while(|m| m.sentence == rate.sentence)
        .filter(|m| m.kind == MetricKind::Count && m.value > 0.0)
        .take(6)
        .collect();
    if counts.len() < 2 {
        return None;
    }
    let tolerance = 10f64.powi(-(decimals(&rate.as_written) as i32)) + 1e-9;
    let mut best: Option<(f64, &Metric, &Metric)> = None;
    for num in &counts {
        for den in &counts {
            if std::ptr::eq(*num, *den) || num.unit != den.unit {
                continue;
            }
            let q = 100.0 * num.value / den.value;
            if best.is_none_or(|(b, _, _)| (q - rate.value).abs() < (b - rate.value).abs()) {
                best = Some((q, num, den));
            }
        }
    }
    // the catalogue's definition, when the rate's indicator has one, names the pair
    let defined = catalogue_pair(catalogue, rate, &counts);
    let (q, num, den) = match defined {
        Some((num, den)) => (100.0 * num.value / den.value, num, den),
        None => best?,
    };
    let shown = format!("{q:.*}", decimals(&rate.as_written) as usize);
    let (code, verb) = if (q - rate.value).abs() <= tolerance {
        (Code::RateAgrees, "agrees")
    } else if defined.is_some()
        || num.value <= den.value
            && (q - rate.value).abs() <= 5.0
            && crate::lexicon::class!("check.count_endings").ends_str(&den.label)
    {
        (Code::RateDisagrees, "does not agree")
    } else {
        return None;
    };
    diags.push(Diagnostic::new(
        code,
        format!(
            "{} {} {verb} with {} / {} = {shown}%",
            label_or(rate),
            rate.as_written,
            num.as_written,
            den.as_written
        ),
        Some(rate.span),
    ));
    Some((num.id.clone(), den.id.clone()))
}

/// The counts among `counts` that the catalogue names as the rate's numerator and
/// denominator (早孕建册人数 `MCH.EARLY.N` over 活产数 `MCH.LB` for 早孕建册率 `MCH.EARLY`),
/// by the indicator codes the counts carry.
fn catalogue_pair<'a>(
    catalogue: &Catalogue,
    rate: &Metric,
    counts: &[&'a Metric],
) -> Option<(&'a Metric, &'a Metric)> {
    let ind = catalogue.get(rate.indicator.as_deref()?)?;
    let coded = |code: Option<&str>| {
        let code = code?;
        counts
            .iter()
            .copied()
            .find(|m| m.indicator.as_deref() == Some(code))
    };
    let num = coded(ind.numerator.as_deref())?;
    let den = coded(ind.denominator.as_deref())?;
    (!std::ptr::eq(num, den) && num.unit == den.unit && den.value > 0.0).then_some((num, den))
}

/// Figures replaced by a placeholder (`XX万人`, `XX万元`) are reported, so a reader knows a
/// number was there.
pub fn redactions(c: &Cleaned, diags: &mut Vec<Diagnostic>) {
    let t = &c.norm;
    let mut i = 0;
    while let Some(x) = crate::textkit::find_char(&t[i..], 'X') {
        i += x;
        if i + 2 >= t.len() {
            break;
        }
        if t[i + 1] == 'X' && (i == 0 || t[i - 1] != 'X') {
            let mut j = i + 2;
            while j < t.len() && t[j] == 'X' {
                j += 1;
            }
            if t.get(j)
                .is_some_and(|&c| crate::lexicon::class!("check.multipliers").has_char(c))
            {
                j += 1;
            }
            let rest = &t[j..];
            let unit = match rest.first() {
                Some(&c) if c == '%' || crate::lexicon::class!("unit.money").has_char(c) => Some(1),
                _ => crate::reading::units::measure_word_at(rest).map(|w| w.chars().count()),
            };
            if let Some(n) = unit {
                diags.push(Diagnostic::new(
                    Code::Redacted,
                    format!(
                        "figure redacted in the source: \"{}\"",
                        c.display_string(i, j + n)
                    ),
                    Some(c.span(i, j + n)),
                ));
            }
            i = j;
        } else {
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacted_figures_are_reported() {
        let out = crate::text::clean("签约XX万人,投入XX万元,XX县卫生院");
        let mut diags = Vec::new();
        redactions(&out.cleaned, &mut diags);
        let quoted: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(quoted.len(), 2, "{quoted:?}");
        assert!(quoted[0].contains("XX万人") && quoted[1].contains("XX万元"));
    }

    #[test]
    fn the_catalogue_names_the_counts_of_a_rate() {
        // 1900 / 2000 is 95.00%, but 早孕建册率 is 早孕建册人数 over 活产数: 1800 / 2000
        let input = crate::ingest::Input::from_bytes(
            "t.txt",
            "全区活产数2000人，早孕建册人数1800人，产后访视人数1900人，早孕建册率95.00%。"
                .as_bytes()
                .to_vec(),
        );
        let doc = crate::convert(&input).unwrap();
        let rate = doc
            .metrics
            .iter()
            .find(|m| m.label == "早孕建册率")
            .unwrap();
        assert_eq!(rate.indicator.as_deref(), Some("MCH.EARLY"));
        let by_id = |id: &Option<String>| {
            doc.metrics
                .iter()
                .find(|m| Some(&m.id) == id.as_ref())
                .unwrap()
                .label
                .clone()
        };
        assert_eq!(by_id(&rate.numerator), "早孕建册人数");
        assert_eq!(by_id(&rate.denominator), "活产数");
        assert!(
            doc.diagnostics.iter().any(|d| d.code == "M403"),
            "{:?}",
            doc.diagnostics
        );
    }

    #[test]
    fn decimals_as_written() {
        assert_eq!(decimals("95.16%"), 2);
        assert_eq!(decimals("100%"), 0);
        assert_eq!(decimals("6\n3、5.5%"), 1);
    }
}
