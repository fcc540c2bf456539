//! The results in words: the verdict naming both arms and the direction, the
//! prediction for the next rung, what would settle an unclear verdict, and
//! the multipliers in table cells. Numbers come from `format`; names are
//! made safe for where they go ([`Style`]).

use crate::model::results::verdict::{Verdict, MOST_PROJECTED_SEEDS};
use crate::model::results::welch::RungGain;
use crate::model::results::Analysis;
use crate::text::format;

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

/// "ours’" or "myopt’s": English's possessive, an apostrophe alone after a final s.
fn possessive(name: &str) -> String {
    if name.ends_with('s') || name.ends_with('S') {
        format!("{name}\u{2019}")
    } else {
        format!("{name}\u{2019}s")
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
        "{} {metric} is {} than {} by {}",
        possessive(&m),
        if raw >= 0.0 { "higher" } else { "lower" },
        possessive(&b),
        estimate_with_interval(
            raw.abs(),
            interval,
            metric_unit,
            "no interval: fewer than 2 seeds per arm",
            false
        )
    )
}

/// "2.0× (95% CI 1.8× to 2.2×)": a multiplier with its interval.
pub fn multiplier_text(value: f64, interval: Option<(f64, f64)>) -> String {
    let x = |m: f64| format!("{}\u{00D7}", times(m));
    match interval {
        Some((lo, hi)) => format!("{} (95% CI {} to {})", x(value), x(lo), x(hi)),
        None => format!("{} (no interval: fewer than 2 seeds per arm)", x(value)),
    }
}

/// A multiplier to two decimals below 10 ("1.04", "2.5"), else as a number.
pub fn times(m: f64) -> String {
    if m < 10.0 {
        let text = format!("{m:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        format::number(m)
    }
}

/// A rung's numbers for a row of the gains table, as the page and the
/// Markdown both show them.
pub struct GainCells {
    pub method_mean: String,
    pub baseline_mean: String,
    pub gain: String,
    /// The interval's ends, when the rung has one.
    pub ci: Option<(String, String)>,
}

/// A rung's numbers to the precision its interval supports: the gain and
/// its interval resolve a quarter of the width, the means one decimal more;
/// with zero spread, each number its own figures ([`format::decimals_for`]).
pub fn gain_cells(r: &RungGain) -> GainCells {
    let interval = r.ci_low.zip(r.ci_high);
    let width = interval.map(|(lo, hi)| hi - lo);
    let d = format::decimals_for(width, r.gain);
    GainCells {
        method_mean: format::signed(
            r.method_mean,
            format::decimals_beside(width, r.gain, r.method_mean),
            false,
        ),
        baseline_mean: format::signed(
            r.baseline_mean,
            format::decimals_beside(width, r.gain, r.baseline_mean),
            false,
        ),
        gain: format::signed(r.gain, d, true),
        ci: interval.map(|(lo, hi)| (format::signed(lo, d, false), format::signed(hi, d, false))),
    }
}

/// A rung's multiplier for a table cell: "2.1× (1.8× to 2.4×)", marked
/// when it reads the baseline's curve beyond its rungs; "none" without one.
pub fn multiplier_cell(r: &RungGain) -> String {
    let Some(m) = r.multiplier else {
        return "none".into();
    };
    let mut text = format!("{}\u{00D7}", times(m));
    if let (Some(lo), Some(hi)) = (r.multiplier_low, r.multiplier_high) {
        text.push_str(&format!(
            " ({}\u{00D7} to {}\u{00D7})",
            times(lo),
            times(hi)
        ));
    }
    if r.extrapolated {
        text.push_str(" extrapolated");
    }
    text
}

/// The subject of the verdict: "compute multiplier" or "gain".
fn advantage(analysis: &Analysis) -> &'static str {
    if analysis.multiplier_trend.is_some() {
        "compute multiplier"
    } else {
        "gain"
    }
}

/// The first sentence: what happens to the advantage from the smallest to the largest rung.
fn opening(analysis: &Analysis, from: &str, to: &str) -> String {
    let what = advantage(analysis);
    let rising = analysis.trend.ci_low.is_some_and(|lo| lo > 0.0);
    match analysis.verdict {
        // A clear rise with no advantage at the top (see `Verdict::Grows`).
        Verdict::Unclear if rising => format!(
            "The {what} rises from {from} to {to} without the method getting clearly ahead, \
             so there is no advantage to claim yet"
        ),
        Verdict::Unclear => {
            format!("Whether the {what} grows, holds or shrinks from {from} to {to} is unclear")
        }
        Verdict::NoGain => format!(
            "No gain from {from} to {to}: at every rung the 95% interval includes {}",
            if what == "gain" {
                "zero"
            } else {
                "1\u{00D7} (no gain)"
            }
        ),
        v => format!("The {what} {} from {from} to {to}", v.word()),
    }
}

/// At the largest rung: the multiplier (when there is one), then the raw difference.
fn at_top(analysis: &Analysis, to: &str, metric_unit: &str, style: Style) -> String {
    let difference = comparison_at_top(analysis, metric_unit, style);
    match analysis
        .rungs
        .last()
        .and_then(|r| r.multiplier.map(|m| (r, m)))
    {
        Some((r, m)) => format!(
            "at {to}, {} would need {} the compute to match {} ({difference})",
            style.name(&analysis.baseline),
            multiplier_text(m, r.multiplier_low.zip(r.multiplier_high)),
            style.name(&analysis.method),
        ),
        None => format!("at {to}, {difference}"),
    }
}

/// "per tenfold scale the multiplier changes by ×1.02 (95% CI ×0.85 to ×1.2)".
fn per_decade(analysis: &Analysis) -> Option<String> {
    if let Some(m) = &analysis.multiplier_trend {
        let x = |s: f64| format!("\u{00D7}{}", times(10f64.powf(s)));
        return Some(format!(
            "per tenfold scale the multiplier changes by {} (95% CI {} to {})",
            x(m.slope),
            x(m.ci_low),
            x(m.ci_high)
        ));
    }
    let t = &analysis.trend;
    let (lo, hi) = t.ci_low.zip(t.ci_high)?;
    Some(format!(
        "per tenfold scale the gain changes by {}",
        estimate_with_interval(t.slope, Some((lo, hi)), "", "", true)
    ))
}

/// The verdict in words fit for a paper, e.g. "The compute multiplier holds
/// from 48M to 480M: at 480M, base would need 2.0× (95% CI 1.8× to 2.2×) the
/// compute to match ours (ours’ val_loss is lower than base’s by 0.05 (95%
/// CI 0.04 to 0.06)); per tenfold scale the multiplier changes by ×1.0 (95%
/// CI ×0.9 to ×1.1)." A method behind at every size is said first; an
/// unclear verdict ends with what would settle it.
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
    let mut main = format!(
        "{}: {}",
        opening(analysis, &from, &to),
        at_top(analysis, &to, metric_unit, style)
    );
    if let Some(change) = per_decade(analysis) {
        main.push_str("; ");
        main.push_str(&change);
    }
    main.push('.');
    sentences.push(main);
    if analysis.verdict == Verdict::Unclear {
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
/// measurable would.
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
        None if analysis.rung_scatter => format!(
            "To settle it: results at the next rung ({next}); the rungs scatter around the trend \
             more than seed noise explains, which more seeds would not shrink."
        ),
        None => format!(
            "To settle it: results at the next rung ({next}); more seeds at {at} (now {}) narrow \
             the trend most, but even {MOST_PROJECTED_SEEDS} per arm would not settle it at this spread.",
            s.seeds_now
        ),
    }
}

/// The prediction in one sentence: "At 1.3B the method is expected to be
/// worth 1.6× to 2.4× compute (95% prediction interval), if the trend
/// continues", or, without a multiplier, the gain with its interval; ""
/// when there is no trend to extend.
pub fn prediction_sentence(analysis: &Analysis, scale_unit: &str, metric_unit: &str) -> String {
    if analysis.trend.ci_low.is_none() && analysis.multiplier_trend.is_none() {
        return String::new();
    }
    if !analysis.predictions.is_empty() {
        let each: Vec<String> = analysis
            .predictions
            .iter()
            .map(|p| {
                format!(
                    "at {} the method is expected to be worth {}\u{00D7} to {}\u{00D7} compute \
                     (95% prediction interval; {}\u{00D7} on the trend)",
                    size_with_unit(p.params, scale_unit),
                    times(p.pi_low),
                    times(p.pi_high),
                    times(p.multiplier)
                )
            })
            .collect();
        return format::capitalised(&format!("{}, if the trend continues.", each.join("; ")));
    }
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
