//! Results analysis: after running the ladder, is the method worth a
//! compute multiplier over its baseline, and does that grow, hold or shrink
//! with scale? Pure Rust: no browser, no UI.
//!
//! - [`parse`] reads pasted text, within [`limits`];
//! - [`input`] checks what `analyze` is given; [`direction`] reads a metric's direction from its name;
//! - [`t_dist`] (in `model`, shared with the planner) is the t distribution everything uses;
//! - [`welch`] compares the arms at each rung (paired where seeds pair), [`tasks`]
//!   aggregates several tasks ([`bootstrap`]: their intervals, within a
//!   budget); [`estimate`] carries seed noise into every estimate;
//! - [`curve`] fits the baseline's scaling curve and [`multiplier`] reads compute multipliers off it;
//! - [`trend`] fits a line against log scale; [`verdict`] decides and says what would settle it;
//! - [`note`] is what it noticed on the way, as facts; [`export`] writes the runs as CSV;
//! - [`pasted`] is what the page keeps and asks.
//!
//! Its words (the verdict sentence, the notes, the Markdown, the JSON's
//! prose fields) are `text::results`'s.

pub mod bootstrap;
pub mod curve;
pub mod direction;
pub mod estimate;
pub mod export;
pub mod input;
pub mod limits;
pub mod multiplier;
pub mod note;
pub mod parse;
pub mod pasted;
/// The t distribution lives beside the planner's statistics (`model::t_dist`),
/// which use the same one; this keeps `results::t_dist` paths working.
pub use super::t_dist;
pub mod tasks;
pub mod trend;
pub mod verdict;
pub mod welch;

use serde::{Deserialize, Serialize};

pub use curve::{Curve, CurveKind};
pub use export::{results_csv, results_template_csv, CSV_HEADER};
pub use input::{AnalysisError, AnalysisInput, ResultRow};
pub use multiplier::NoMultiplier;
pub use note::Note;
pub use parse::{
    looks_like_results, parse_paced, parse_results_text, parse_scale, results_or_why, BadLine,
    ParsedResults,
};
pub use pasted::{
    too_large, Ask, PastedResults, PlanScale, ResultsExport, ResultsReading, TEMPLATE_ARMS,
};
pub use t_dist::{student_t_cdf, student_t_quantile};
pub use verdict::{Settle, Verdict};
pub use welch::RungGain;

use crate::model::pace::{run_now, Pace, Unpaced};
use estimate::RungNoise;
use trend::{predict, Line, Series};
use welch::Compared;

/// The trend of the gain as `analyze` reports it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Trend {
    /// Change of the gain per tenfold increase in scale.
    pub slope: f64,
    /// 95% interval for the slope.
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub df: Option<f64>,
    /// The fitted gain at scale 1 (log10 = 0); with `slope`, the line.
    pub intercept: f64,
    /// How many rungs the line is fitted to.
    pub rungs_used: usize,
    /// The analysis's verdict (the same as `Analysis::verdict`).
    pub verdict: Verdict,
}

/// The gain expected one step up the ladder.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Prediction {
    pub params: f64,
    pub gain: f64,
    /// 95% prediction interval for the gain measured there with as many seeds
    /// as the largest rung, if the trend continues.
    pub pi_low: Option<f64>,
    pub pi_high: Option<f64>,
}

/// The trend of the compute multiplier with scale.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MultiplierTrend {
    /// Change of log10(multiplier) per tenfold increase in scale (0 = a constant multiplier).
    pub slope: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    pub df: Option<f64>,
    /// log10(multiplier) at scale 1; with `slope`, the line.
    pub intercept: f64,
    pub rungs_used: usize,
}

/// The multiplier expected at a larger size if the trend continues.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MultiplierPrediction {
    pub params: f64,
    pub multiplier: f64,
    /// 95% prediction interval for the multiplier measured there.
    pub pi_low: f64,
    pub pi_high: f64,
}

/// Everything `analyze` finds. Its public JSON (its notes in words) is
/// `text::results::analysis_json`'s; it is not read back.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Analysis {
    /// One per distinct params with runs of both arms, ascending (in JSON
    /// with their notes worded, by `text::results::analysis_json`).
    #[serde(skip_serializing)]
    pub rungs: Vec<RungGain>,
    /// The trend of the gain in the metric's units.
    pub trend: Trend,
    /// The gain predicted at the next rung.
    pub next: Prediction,
    /// grows, holds, shrinks, no_gain or unclear: about the compute
    /// multiplier where there is one, else about the gain.
    pub verdict: Verdict,
    /// The trend of log10(multiplier); `None` where no multiplier applies.
    pub multiplier_trend: Option<MultiplierTrend>,
    /// The multiplier predicted at the next rung and at the plan's top.
    pub predictions: Vec<MultiplierPrediction>,
    /// Why there is no multiplier, when there is none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_multiplier: Option<NoMultiplier>,
    /// The baseline's fitted curve against log10(compute), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub curve: Option<Curve>,
    /// How compute grows with the scale column (2 when pretraining).
    pub compute_exponent: f64,
    /// True when the rungs scatter around the trend more than seed noise
    /// explains, so that scatter set the trend's interval.
    pub rung_scatter: bool,
    /// What the analysis noticed (worded as the JSON's `warnings`).
    #[serde(skip)]
    pub warnings: Vec<Note>,
    pub method: String,
    pub baseline: String,
    pub higher_is_better: bool,
    /// The metric's name, when known (a column header such as `val_loss`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<String>,
    /// When the verdict is unclear: what would settle it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_settle: Option<Settle>,
}

/// Each rung's gain, with its coefficients on the rung's two means.
fn gain_series(compared: &Compared, direction: f64) -> Series {
    let gains = compared.rungs.iter().map(|r| Some(r.gain)).collect();
    Series::per_rung(gains, [direction, -direction])
}

/// The rungs' multipliers and their intervals, from a log10 series.
fn fill_multipliers(compared: &mut Compared, m: &multiplier::Multipliers) {
    for (i, rung) in compared.rungs.iter_mut().enumerate() {
        match m.series.values[i] {
            Some(q) => {
                rung.multiplier = Some(10f64.powf(q));
                if compared.usable[i] {
                    let (lo, hi) = estimate::ci(q, &compared.noise, &m.series.coefficients[i]);
                    rung.multiplier_low = Some(10f64.powf(lo));
                    rung.multiplier_high = Some(10f64.powf(hi));
                }
                rung.extrapolated = m.extrapolated[i];
            }
            None => rung.multiplier_note = Some(NoMultiplier::BeyondFloor),
        }
    }
}

/// The gain's trend for the page, from its line (or, without one, a
/// least-squares slope through the rungs with no interval).
fn gain_trend(line: Option<&Line>, xs: &[f64], gains: &[f64], verdict: Verdict) -> Trend {
    let (slope, intercept, ci, df, used) = match line {
        Some(l) => {
            let (ci, df) = l.slope_ci.map_or((None, None), |(ci, df)| (Some(ci), df));
            (l.slope, l.intercept, ci, df, l.used.len())
        }
        None => {
            let n = xs.len() as f64;
            let (mx, mg) = (xs.iter().sum::<f64>() / n, gains.iter().sum::<f64>() / n);
            let sxx: f64 = xs.iter().map(|x| (x - mx).powi(2)).sum();
            let sxg: f64 = xs.iter().zip(gains).map(|(x, g)| (x - mx) * (g - mg)).sum();
            let slope = if sxx > 0.0 { sxg / sxx } else { 0.0 };
            (slope, mg - slope * mx, None, None, 0)
        }
    };
    Trend {
        slope,
        ci_low: ci.map(|c| c.0),
        ci_high: ci.map(|c| c.1),
        df,
        intercept,
        rungs_used: used,
        verdict,
    }
}

/// Multiplier predictions at each size in `at` above the largest rung.
fn multiplier_predictions(
    line: &Line,
    series: &Series,
    noise: &[RungNoise],
    at: &[f64],
) -> Vec<MultiplierPrediction> {
    let Some(&like) = line.used.last() else {
        return Vec::new();
    };
    at.iter()
        .map(|&params| {
            let (q, (lo, hi)) = predict(line, series, noise, params.log10(), like);
            MultiplierPrediction {
                params,
                multiplier: 10f64.powf(q),
                pi_low: 10f64.powf(lo),
                pi_high: 10f64.powf(hi),
            }
        })
        .collect()
}

/// Compares the method with the baseline rung by rung, in compute
/// multipliers where the metric has a scaling law, and fits their trend.
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
///         results.push(row(params, "base", seed, 50.0 - noise * 0.5));
///     }
/// }
/// let input = AnalysisInput {
///     results, method: "ours".into(), baseline: "base".into(),
///     higher_is_better: true, metric: None, next_params: None,
///     top_params: None, compute_exponent: None,
/// };
/// let analysis = analyze(&input).unwrap();
/// assert_eq!(analysis.verdict, Verdict::Grows);
/// assert!((analysis.trend.slope - 1.0).abs() < 1e-9);
/// ```
pub fn analyze(input: &AnalysisInput) -> Result<Analysis, AnalysisError> {
    run_now(analyze_paced(input, &mut Unpaced))
}

/// [`analyze`] in slices: `pace` may let the page run between the checks
/// and the comparison, and during the bootstrap over several tasks (the
/// heaviest part: seconds for 100 tasks at 50 rungs).
pub async fn analyze_paced(
    input: &AnalysisInput,
    pace: &mut dyn Pace,
) -> Result<Analysis, AnalysisError> {
    let checked = input::check(input)?;
    let mut warnings = checked.warnings;
    let direction = if input.higher_is_better { 1.0 } else { -1.0 };
    let several = tasks::several(&checked.rows);
    let arms = (checked.method.as_str(), checked.baseline.as_str());
    pace.pause().await;
    let compared = if several {
        tasks::compare_rungs(&checked.rows, arms, direction, &mut warnings, pace).await
    } else {
        welch::compare_rungs(&checked.rows, arms.0, arms.1, direction, &mut warnings)
    };
    judge(
        input,
        compared,
        several,
        warnings,
        (checked.method, checked.baseline),
    )
}

/// The analysis from the rungs compared: multipliers, verdicts, predictions.
fn judge(
    input: &AnalysisInput,
    mut compared: Compared,
    several: bool,
    mut warnings: Vec<Note>,
    (method, baseline): (String, String),
) -> Result<Analysis, AnalysisError> {
    let direction = if input.higher_is_better { 1.0 } else { -1.0 };
    let Some(top) = compared
        .rungs
        .last()
        .filter(|_| compared.rungs.len() >= 2)
        .map(|r| r.params)
    else {
        return Err(AnalysisError::TooFewRungs {
            found: compared.rungs.len(),
        });
    };
    warnings.extend(welch::sign_change(&compared.rungs));
    let compute_exponent = input.compute_exponent.unwrap_or(2.0);
    let multipliers = if several {
        Err(NoMultiplier::SeveralTasks)
    } else {
        multiplier::multipliers(&compared, compute_exponent, input.higher_is_better)
    };
    match &multipliers {
        Ok(m) => fill_multipliers(&mut compared, m),
        Err(why) => {
            for r in &mut compared.rungs {
                r.multiplier_note = Some(*why);
            }
        }
    }
    let next_params = input.next_params.unwrap_or(10.0 * top);
    let mut sizes = vec![next_params];
    sizes.extend(input.top_params.filter(|t| *t > top && *t != next_params));
    sizes.sort_by(f64::total_cmp);
    let judged = Judgements::of(&compared, direction, multipliers.as_ref().ok(), &sizes);
    warnings.extend(about_trend(
        judged.main().line.as_ref(),
        &compared,
        top,
        next_params,
    ));
    let gain_values: Vec<f64> = compared.rungs.iter().map(|r| r.gain).collect();
    let analysis = Analysis {
        trend: gain_trend(
            judged.gain.line.as_ref(),
            &judged.xs,
            &gain_values,
            judged.main().verdict,
        ),
        next: judged.next_gain(next_params),
        verdict: judged.main().verdict,
        multiplier_trend: judged.multiplier_trend(),
        predictions: judged.predictions.clone(),
        no_multiplier: multipliers.as_ref().err().copied(),
        curve: multipliers.as_ref().ok().map(|m| m.curve),
        compute_exponent,
        rung_scatter: judged.main().line.as_ref().is_some_and(|l| l.scattered),
        to_settle: judged.to_settle(&compared, next_params),
        rungs: compared.rungs,
        warnings,
        method,
        baseline,
        higher_is_better: input.higher_is_better,
        metric: input.metric.clone(),
    };
    ensure_finite(analysis)
}

/// What the trend can and cannot say, whether the method is worse at the
/// largest rung, and whether the next rung asked for lies above it.
pub fn about_trend(line: Option<&Line>, compared: &Compared, top: f64, next: f64) -> Vec<Note> {
    let mut notes = Vec::new();
    match line {
        None => notes.push(Note::NoTrend),
        Some(l) if l.used.len() == 2 => notes.push(Note::TwoRungs),
        Some(l) if l.scattered => notes.push(Note::Scattered),
        Some(_) => {}
    }
    if let Some(r) = compared
        .rungs
        .last()
        .filter(|r| r.ci_high.is_some_and(|hi| hi < 0.0))
    {
        notes.push(Note::WorseAtTop { params: r.params });
    }
    if next <= top {
        notes.push(Note::NextNotLarger { next, top });
    }
    notes
}

/// The verdicts on the gain and, where there is one, on the multiplier.
struct Judgements<'a> {
    xs: Vec<f64>,
    gains: Series,
    gain: Judged,
    /// The multipliers' series and the verdict on it.
    multiplier: Option<(&'a Series, Judged)>,
    noise: &'a [RungNoise],
    usable: &'a [bool],
    predictions: Vec<MultiplierPrediction>,
}

impl<'a> Judgements<'a> {
    fn of(
        compared: &'a Compared,
        direction: f64,
        multipliers: Option<&'a multiplier::Multipliers>,
        sizes: &[f64],
    ) -> Self {
        let xs: Vec<f64> = compared.rungs.iter().map(|r| r.params.log10()).collect();
        let (noise, usable) = (&compared.noise[..], &compared.usable[..]);
        let gains = gain_series(compared, direction);
        let gain = verdict::judge(&xs, &gains, noise, usable);
        let multiplier =
            multipliers.map(|m| (&m.series, verdict::judge(&xs, &m.series, noise, usable)));
        let predictions = match &multiplier {
            Some((
                series,
                Judged {
                    line: Some(line), ..
                },
            )) => multiplier_predictions(line, series, noise, sizes),
            _ => Vec::new(),
        };
        Self {
            xs,
            gains,
            gain,
            multiplier,
            noise,
            usable,
            predictions,
        }
    }

    /// The verdict the analysis reports: on the multiplier where there is one.
    fn main(&self) -> &Judged {
        self.multiplier.as_ref().map_or(&self.gain, |(_, j)| j)
    }

    fn main_series(&self) -> &Series {
        self.multiplier.as_ref().map_or(&self.gains, |(s, _)| s)
    }

    fn multiplier_trend(&self) -> Option<MultiplierTrend> {
        let l = self.multiplier.as_ref()?.1.line.as_ref()?;
        let ((ci_low, ci_high), df) = l.slope_ci?;
        Some(MultiplierTrend {
            slope: l.slope,
            ci_low,
            ci_high,
            df,
            intercept: l.intercept,
            rungs_used: l.used.len(),
        })
    }

    /// The gain expected at the next rung, with its interval when the line has one.
    fn next_gain(&self, next_params: f64) -> Prediction {
        let x = next_params.log10();
        match &self.gain.line {
            Some(line) => {
                let like = line.used.last().copied().unwrap_or(0);
                let (g, (lo, hi)) = predict(line, &self.gains, self.noise, x, like);
                Prediction {
                    params: next_params,
                    gain: g,
                    pi_low: Some(lo),
                    pi_high: Some(hi),
                }
            }
            None => {
                let values: Vec<f64> = self.gains.values.iter().map(|v| v.unwrap_or(0.0)).collect();
                let t = gain_trend(None, &self.xs, &values, Verdict::Unclear);
                Prediction {
                    params: next_params,
                    gain: t.intercept + t.slope * x,
                    pi_low: None,
                    pi_high: None,
                }
            }
        }
    }

    /// For an unclear verdict: what would settle it.
    fn to_settle(&self, compared: &Compared, next_params: f64) -> Option<Settle> {
        let judged = self.main();
        if judged.verdict != Verdict::Unclear {
            return None;
        }
        let question = verdict::Question {
            xs: &self.xs,
            series: self.main_series(),
            noise: self.noise,
            usable: self.usable,
        };
        let params: Vec<f64> = compared.rungs.iter().map(|r| r.params).collect();
        verdict::settle(&question, judged.line.as_ref()?, &params, next_params)
    }
}

use verdict::Judged;

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
    if let Some(m) = &analysis.multiplier_trend {
        numbers.extend([m.slope, m.ci_low, m.ci_high, m.intercept]);
    }
    for p in &analysis.predictions {
        numbers.extend([p.params, p.multiplier, p.pi_low, p.pi_high]);
    }
    for r in &analysis.rungs {
        numbers.extend([r.method_mean, r.baseline_mean, r.gain]);
        numbers.extend(
            [r.multiplier, r.multiplier_low, r.multiplier_high]
                .into_iter()
                .flatten(),
        );
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
