//! Results analysis: after running the ladder, does the method's gain over its
//! baseline grow, hold or shrink with scale? Pure Rust: no browser, no UI.
//!
//! - [`parse`] reads pasted text, within [`limits`];
//! - [`input`] checks what `analyze` is given; [`direction`] reads a metric's direction from its name;
//! - [`t_dist`] is the t distribution (central and noncentral) everything uses;
//! - [`welch`] compares the arms at each rung; [`trend`] fits the gain against log scale;
//! - [`verdict`] decides grows / holds / shrinks / unclear and what would settle it;
//! - [`sentences`] and [`export`] put it into words, Markdown and CSV;
//! - [`pasted`] is what the page keeps and asks.

pub mod direction;
pub mod export;
pub mod input;
pub mod limits;
pub mod parse;
pub mod pasted;
pub mod sentences;
pub mod t_dist;
pub mod tasks;
pub mod trend;
pub mod verdict;
pub mod welch;

use serde::{Deserialize, Serialize};

pub use export::{markdown_section, results_csv, results_template_csv, CSV_HEADER};
pub use input::{AnalysisError, AnalysisInput, ResultRow};
pub use parse::{looks_like_results, parse_results_text, parse_scale, BadLine, ParsedResults};
pub use pasted::{
    scale_unit, too_large, Ask, PastedResults, ResultsExport, ResultsReading, TEMPLATE_ARMS,
};
pub use sentences::{prediction_sentence, verdict_sentence, STATISTICS};
pub use t_dist::{student_t_cdf, student_t_quantile};
pub use trend::{Prediction, Trend};
pub use verdict::{Settle, Verdict};
pub use welch::RungGain;

/// Everything `analyze` finds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// One per distinct params with runs of both arms, ascending.
    pub rungs: Vec<RungGain>,
    pub trend: Trend,
    pub next: Prediction,
    pub warnings: Vec<String>,
    pub method: String,
    pub baseline: String,
    pub higher_is_better: bool,
    /// The metric's name, when known (a column header such as `val_loss`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<String>,
    /// When the verdict is unclear: what would settle it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_settle: Option<Settle>,
    /// How the numbers were computed, with sources.
    pub statistics: String,
}

/// Compares the method with the baseline rung by rung and fits the gain's trend.
///
/// ```
/// use evidence_ladder::model::results::{analyze, AnalysisInput, ResultRow, Verdict};
/// let row = |params: f64, arm: &str, seed: &str, value: f64| ResultRow {
///     params, arm: arm.into(), seed: seed.into(), value, task: None,
/// };
/// let mut results = Vec::new();
/// for (params, gain) in [(1e8, 1.0), (1e9, 2.0), (1e10, 3.0)] {
///     for (seed, noise) in [("1", -0.1), ("2", 0.0), ("3", 0.1)] {
///         results.push(row(params, "ours", seed, 50.0 + gain + noise));
///         results.push(row(params, "base", seed, 50.0 - noise));
///     }
/// }
/// let input = AnalysisInput {
///     results, method: "ours".into(), baseline: "base".into(),
///     higher_is_better: true, metric: None, next_params: None,
/// };
/// let analysis = analyze(&input).unwrap();
/// assert_eq!(analysis.trend.verdict, Verdict::Grows);
/// assert!((analysis.trend.slope - 1.0).abs() < 1e-9);
/// ```
pub fn analyze(input: &AnalysisInput) -> Result<Analysis, AnalysisError> {
    let checked = input::check(input)?;
    let mut warnings = checked.warnings;
    let direction = if input.higher_is_better { 1.0 } else { -1.0 };
    // Several tasks (deep RL's environments) are aggregated by the
    // interquartile mean; one task, or none named, is compared by Welch.
    let compare = if tasks::several(&checked.rows) {
        tasks::compare_rungs
    } else {
        welch::compare_rungs
    };
    let compared = compare(
        &checked.rows,
        &checked.method,
        &checked.baseline,
        direction,
        &mut warnings,
    );
    let (rungs, points) = (compared.rungs, compared.points);
    let Some(top) = rungs.last().filter(|_| rungs.len() >= 2).cloned() else {
        return Err(AnalysisError::TooFewRungs { found: rungs.len() });
    };
    warnings.extend(welch::sign_change_warning(&rungs));

    let next_params = input.next_params.unwrap_or(10.0 * top.params);
    let fit = trend::fit(&points, &rungs, next_params.log10(), &mut warnings);
    let verdict = verdict::decide(&fit, top.ci_low);
    let to_settle = (verdict == Verdict::Unclear)
        .then(|| verdict::settle(&points, &fit, &top, next_params))
        .flatten();
    warnings.extend(position_warnings(&top, next_params));

    let analysis = Analysis {
        trend: Trend {
            slope: fit.slope,
            ci_low: fit.slope_ci.map(|((lo, _), _)| lo),
            ci_high: fit.slope_ci.map(|((_, hi), _)| hi),
            df: fit.slope_ci.and_then(|(_, df)| df),
            intercept: fit.intercept,
            rungs_used: fit.rungs_used,
            verdict,
        },
        next: Prediction {
            params: next_params,
            gain: fit.next_gain,
            pi_low: fit.next_pi.map(|(lo, _)| lo),
            pi_high: fit.next_pi.map(|(_, hi)| hi),
        },
        rungs,
        warnings,
        method: checked.method,
        baseline: checked.baseline,
        higher_is_better: input.higher_is_better,
        metric: input.metric.clone(),
        to_settle,
        statistics: STATISTICS.to_owned(),
    };
    ensure_finite(analysis)
}

/// Warnings about the largest rung and the next one.
fn position_warnings(top: &RungGain, next_params: f64) -> Vec<String> {
    let mut warnings = Vec::new();
    if top.ci_high.is_some_and(|hi| hi < 0.0) {
        warnings.push(format!(
            "At the largest size ({}) the method is worse than the baseline.",
            crate::model::format::size(top.params)
        ));
    }
    if next_params <= top.params {
        warnings.push(format!(
            "The next rung ({}) is not larger than the largest rung with results ({}).",
            crate::model::format::size(next_params),
            crate::model::format::size(top.params)
        ));
    }
    warnings
}

/// No ∞ or NaN ever reaches the page: values within the limits keep every
/// number finite, and this refuses anything that still overflowed.
fn ensure_finite(analysis: Analysis) -> Result<Analysis, AnalysisError> {
    let t = &analysis.trend;
    let n = &analysis.next;
    let mut numbers = vec![t.slope, t.intercept, n.params, n.gain];
    numbers.extend(
        [t.ci_low, t.ci_high, t.df, n.pi_low, n.pi_high]
            .into_iter()
            .flatten(),
    );
    for r in &analysis.rungs {
        numbers.extend([r.method_mean, r.baseline_mean, r.gain]);
        numbers.extend(
            [
                r.ci_low,
                r.ci_high,
                r.se,
                r.df,
                r.method_ci_low,
                r.method_ci_high,
                r.baseline_ci_low,
                r.baseline_ci_high,
            ]
            .into_iter()
            .flatten(),
        );
    }
    if numbers.iter().all(|x| x.is_finite()) {
        Ok(analysis)
    } else {
        Err(AnalysisError::TooLarge)
    }
}
