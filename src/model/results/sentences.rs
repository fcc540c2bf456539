//! The results in words: the verdict naming both arms and the direction, the
//! prediction for the next rung, what would settle an unclear verdict, and
//! how the numbers were computed. Numbers come from `format`; names are made
//! safe for where they go ([`Style`]).

use super::verdict::{Verdict, MOST_PROJECTED_SEEDS};
use super::Analysis;
use crate::model::format;

/// How the numbers were computed, with sources, for the method section and exports.
pub const STATISTICS: &str = "Each rung's gain is the difference between the method's and the \
baseline's mean over seeds, with Welch's t interval, which uses the spread of both arms without \
assuming they are equal (Welch 1947; degrees of freedom by Satterthwaite 1946). The trend is the \
least-squares line of the gains against log10(scale), each rung weighted by its seed counts; its \
95% interval and the prediction for the next rung add up every rung's seed-to-seed variance, again \
with Satterthwaite's degrees of freedom, so they widen when seeds are few or noisy. The gain \
\"holds\" only with evidence of no decline: the slope's interval rules out losing more than half \
the mean gain per tenfold scale, and the next rung's 95% prediction interval and the largest \
rung's interval are both above zero.";

/// Where a sentence goes, which decides how user text in it is made safe.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// The page (Yew escapes HTML): invisible characters shown as `<U+200B>`.
    Page,
    /// Markdown exports: escaped by [`format::markdown_text`].
    Markdown,
}

impl Style {
    /// A name the user gave, safe for this style.
    pub fn name(self, text: &str) -> String {
        match self {
            Style::Page => format::visible(text),
            Style::Markdown => format::markdown_text(text),
        }
    }
}

/// Column names that say nothing about the metric.
const GENERIC_METRICS: [&str; 3] = ["value", "metric", "result"];

/// The metric's name for a sentence: its column header, or "metric".
pub fn metric_name(analysis: &Analysis, style: Style) -> String {
    match analysis.metric.as_deref().map(str::trim) {
        Some(m) if !m.is_empty() && !GENERIC_METRICS.contains(&m.to_ascii_lowercase().as_str()) => {
            style.name(m)
        }
        _ => "metric".to_owned(),
    }
}

/// "lower val_loss is better" / "higher metric is better".
pub fn direction_text(analysis: &Analysis, style: Style) -> String {
    format!(
        "{} {} is better",
        if analysis.higher_is_better {
            "higher"
        } else {
            "lower"
        },
        metric_name(analysis, style)
    )
}

fn size_with_unit(params: f64, scale_unit: &str) -> String {
    if scale_unit.is_empty() {
        format::size(params)
    } else {
        format!("{} {scale_unit}", format::size(params))
    }
}

/// "+1.2 points (95% CI 0.8 to 1.6)", or without the interval when there is none.
fn estimate_with_interval(
    value: f64,
    interval: Option<(f64, f64)>,
    unit: &str,
    missing: &str,
    plus: bool,
) -> String {
    let unit = if unit.is_empty() {
        String::new()
    } else {
        format!(" {unit}")
    };
    match interval {
        Some((lo, hi)) => {
            let d = format::decimals_for(Some(hi - lo), value);
            format!(
                "{}{unit} (95% CI {} to {})",
                format::signed(value, d, plus),
                format::signed(lo, d, false),
                format::signed(hi, d, false)
            )
        }
        None => format!(
            "{}{unit} ({missing})",
            format::signed(value, format::decimals_for(None, value), plus)
        ),
    }
}

/// "myopt's val_loss is lower than adamw's by 0.03 (95% CI 0.01 to 0.05)":
/// the raw difference at the largest rung in the direction it points.
fn comparison_at_top(analysis: &Analysis, metric_unit: &str, style: Style) -> String {
    let Some(top) = analysis.rungs.last() else {
        return String::new();
    };
    let (m, b) = (style.name(&analysis.method), style.name(&analysis.baseline));
    let metric = metric_name(analysis, style);
    let raw = top.method_mean - top.baseline_mean;
    // The gain is direction × raw; turn its interval into one for the shown difference.
    let to_raw = if analysis.higher_is_better { 1.0 } else { -1.0 };
    let shown_sign = if raw >= 0.0 { 1.0 } else { -1.0 };
    let interval = top.ci_low.zip(top.ci_high).map(|(lo, hi)| {
        let (a, b) = (shown_sign * to_raw * lo, shown_sign * to_raw * hi);
        (a.min(b), a.max(b))
    });
    format!(
        "{m}\u{2019}s {metric} is {} than {b}\u{2019}s by {}",
        if raw >= 0.0 { "higher" } else { "lower" },
        estimate_with_interval(
            raw.abs(),
            interval,
            metric_unit,
            "no interval: fewer than 2 seeds per arm",
            false
        )
    )
}

/// The verdict in words fit for a paper, e.g. "The gain holds from 130M to
/// 1.3B: at 1.3B, ours’s accuracy is higher than base’s by 1.2 points (95% CI
/// 0.8 to 1.6); per tenfold scale the gain changes by −0.1 (95% CI −0.5 to
/// 0.3)." A method behind at every size is said first; an unclear verdict
/// ends with what would settle it.
///
/// `scale_unit` follows each size ("" for parameter counts, e.g. "tokens");
/// `metric_unit` follows the difference (e.g. "points", or "" for none).
pub fn verdict_text(
    analysis: &Analysis,
    scale_unit: &str,
    metric_unit: &str,
    style: Style,
) -> String {
    let (Some(first), Some(last)) = (analysis.rungs.first(), analysis.rungs.last()) else {
        return String::new();
    };
    let mut sentences = Vec::new();
    if analysis.rungs.iter().all(|r| r.gain < 0.0) {
        sentences.push(format!(
            "{} is behind {} at every size: its {} is {} at all {} sizes.",
            style.name(&analysis.method),
            style.name(&analysis.baseline),
            metric_name(analysis, style),
            if analysis.higher_is_better {
                "lower"
            } else {
                "higher"
            },
            analysis.rungs.len()
        ));
    }
    let from = size_with_unit(first.params, scale_unit);
    let to = size_with_unit(last.params, scale_unit);
    let opening = match analysis.trend.verdict {
        Verdict::Unclear => {
            format!("Whether the gain grows, holds or shrinks from {from} to {to} is unclear")
        }
        v => format!("The gain {} from {from} to {to}", v.word()),
    };
    let t = &analysis.trend;
    let per_decade = estimate_with_interval(
        t.slope,
        t.ci_low.zip(t.ci_high),
        "",
        "no interval: too few seeds",
        true,
    );
    sentences.push(format!(
        "{opening}: at {to}, {}; per tenfold scale the gain changes by {per_decade}.",
        comparison_at_top(analysis, metric_unit, style)
    ));
    if analysis.trend.verdict == Verdict::Unclear {
        sentences.push(settle_sentence(analysis, scale_unit));
    }
    sentences.retain(|s| !s.is_empty());
    sentences.join(" ")
}

/// The verdict for the page.
pub fn verdict_sentence(analysis: &Analysis, scale_unit: &str, metric_unit: &str) -> String {
    verdict_text(analysis, scale_unit, metric_unit, Style::Page)
}

/// What would turn an unclear verdict into a clear one, or "" when nothing
/// measurable would (the method is behind on average).
pub fn settle_sentence(analysis: &Analysis, scale_unit: &str) -> String {
    let next = size_with_unit(analysis.next.params, scale_unit);
    if analysis.trend.ci_low.is_none() {
        return format!(
            "To settle it: run at least 3 seeds per arm at every rung, or add the next rung ({next})."
        );
    }
    let Some(s) = &analysis.to_settle else {
        return String::new();
    };
    let at = size_with_unit(s.params, scale_unit);
    match s.seeds_needed {
        Some(n) if s.every_rung => format!(
            "To settle it: about {n} seeds per arm at every rung (now as few as {}), if the \
             means and spreads stay as measured; or results at the next rung ({next}).",
            s.seeds_now
        ),
        Some(n) => format!(
            "To settle it: about {n} seeds per arm at {at} (now {}), if the means and spreads \
             stay as measured; or results at the next rung ({next}).",
            s.seeds_now
        ),
        None => format!(
            "To settle it: results at the next rung ({next}); more seeds at {at} (now {}) narrow \
             the trend most, but even {MOST_PROJECTED_SEEDS} per arm would not settle it at this spread.",
            s.seeds_now
        ),
    }
}

/// The prediction in one sentence: "At 13B the gain is expected to be +1.1
/// (95% prediction interval −0.3 to 2.5), if it keeps changing linearly with log scale."
pub fn prediction_sentence(analysis: &Analysis, scale_unit: &str, metric_unit: &str) -> String {
    let n = &analysis.next;
    let expected = estimate_with_interval(
        n.gain,
        n.pi_low.zip(n.pi_high),
        metric_unit,
        "no interval",
        true,
    )
    .replace("95% CI", "95% prediction interval");
    format!(
        "At {} the gain is expected to be {expected}, if it keeps changing linearly with log scale.",
        size_with_unit(n.params, scale_unit)
    )
}
