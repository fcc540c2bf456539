//! Results analysis: after running the ladder, does the method's gain over its
//! baseline grow, hold or shrink with scale?
//!
//! Per rung, the gain is the difference of the two arms' means over seeds with
//! Welch's t interval. Across rungs, the trend is a least-squares line of the
//! gain on log10(scale), weighted by seed counts; its interval and the
//! prediction for the next rung combine every rung's seed-to-seed variance with
//! Satterthwaite's degrees of freedom. Pure Rust: no browser, no UI.

use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Two-sided 95% intervals everywhere: the upper quantile used is 0.975.
const UPPER: f64 = 0.975;

/// The two sentences the method section shows.
pub const STATISTICS: &str = "Each rung's gain is the difference between the method's and the \
baseline's mean over seeds, with Welch's t interval, which uses the spread of both arms without \
assuming they are equal (Welch 1947; degrees of freedom by Satterthwaite 1946). The trend is the \
least-squares line of the gains against log10(scale), each rung weighted by its seed counts; its \
95% interval and the prediction for the next rung add up every rung's seed-to-seed variance, again \
with Satterthwaite's degrees of freedom, so they widen when seeds are few or noisy.";

// ---------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------

/// One run: the metric one arm reached with one seed at one rung.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultRow {
    /// The rung's size in the plan's scaling unit (parameters when pretraining); > 0.
    pub params: f64,
    /// Which arm ran: the method, a baseline, an ablation.
    pub arm: String,
    /// Any label; only used to spot a run pasted twice.
    pub seed: String,
    /// The metric; finite.
    pub value: f64,
}

/// What `analyze` needs: the runs, which two arms to compare, and the metric's direction.
///
/// Deserialising (from JS or stored JSON) is lenient on purpose and then checked
/// field by field, so a missing or mistyped field gives our message with the
/// row's index (`results[3].value is missing`), not serde's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawInput")]
pub struct AnalysisInput {
    pub results: Vec<ResultRow>,
    pub method: String,
    pub baseline: String,
    /// True for accuracy-like metrics, false for loss-like ones.
    pub higher_is_better: bool,
    /// The next rung's size, when the plan knows it; otherwise 10× the largest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_params: Option<f64>,
}

/// Why an input cannot be analysed. Its text names the field and, for a row, its index.
#[derive(Clone, Debug, PartialEq)]
pub enum AnalysisError {
    /// A field is absent or null, e.g. `results[3].value`.
    Missing { field: String },
    /// A field has the wrong type or value; `expected` says what it must be.
    Invalid {
        field: String,
        expected: &'static str,
    },
    /// `method` or `baseline` names no arm in the results.
    UnknownArm {
        role: &'static str,
        name: String,
        arms: Vec<String>,
    },
    /// `method` and `baseline` are the same arm.
    SameArm { name: String },
    /// Fewer than two rungs have runs of both arms.
    TooFewRungs { found: usize },
}

impl fmt::Display for AnalysisError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing { field } => write!(f, "{field} is missing"),
            Self::Invalid { field, expected } => write!(f, "{field} must be {expected}"),
            Self::UnknownArm { role, name, arms } => write!(
                f,
                "{role} \"{name}\" is not an arm in results (arms found: {})",
                if arms.is_empty() {
                    "none".to_owned()
                } else {
                    arms.join(", ")
                }
            ),
            Self::SameArm { name } => write!(
                f,
                "method and baseline are both \"{name}\": choose two different arms"
            ),
            Self::TooFewRungs { found } => write!(
                f,
                "results need at least two rungs (distinct params) with runs of both the method \
                 and the baseline; found {found}"
            ),
        }
    }
}

impl std::error::Error for AnalysisError {}

/// A JSON/JS scalar of any type, so that type errors are reported by us.
#[derive(Deserialize)]
#[serde(untagged)]
enum Scalar {
    Bool(bool),
    Number(f64),
    Text(String),
    Other(IgnoredAny),
}

#[derive(Deserialize)]
struct RawRow {
    params: Option<Scalar>,
    arm: Option<Scalar>,
    seed: Option<Scalar>,
    value: Option<Scalar>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawRowOrOther {
    Row(RawRow),
    Other(IgnoredAny),
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawRows {
    List(Vec<RawRowOrOther>),
    Other(IgnoredAny),
}

#[derive(Deserialize)]
struct RawInput {
    results: Option<RawRows>,
    method: Option<Scalar>,
    baseline: Option<Scalar>,
    higher_is_better: Option<Scalar>,
    next_params: Option<Scalar>,
}

fn number(field: &str, s: Option<Scalar>) -> Result<f64, AnalysisError> {
    match s {
        None => Err(AnalysisError::Missing {
            field: field.to_owned(),
        }),
        Some(Scalar::Number(x)) => Ok(x),
        Some(_) => Err(AnalysisError::Invalid {
            field: field.to_owned(),
            expected: "a number",
        }),
    }
}

/// A name or label: text, or a number written as text (seed 1 → "1").
fn label(field: &str, s: Option<Scalar>) -> Result<String, AnalysisError> {
    match s {
        None => Err(AnalysisError::Missing {
            field: field.to_owned(),
        }),
        Some(Scalar::Text(t)) => Ok(t),
        Some(Scalar::Number(x)) => Ok(x.to_string()),
        Some(_) => Err(AnalysisError::Invalid {
            field: field.to_owned(),
            expected: "text or a number",
        }),
    }
}

impl TryFrom<RawInput> for AnalysisInput {
    type Error = AnalysisError;

    fn try_from(raw: RawInput) -> Result<Self, AnalysisError> {
        let rows = match raw.results {
            None => {
                return Err(AnalysisError::Missing {
                    field: "results".to_owned(),
                })
            }
            Some(RawRows::Other(_)) => {
                return Err(AnalysisError::Invalid {
                    field: "results".to_owned(),
                    expected: "an array of { params, arm, seed, value }",
                })
            }
            Some(RawRows::List(rows)) => rows,
        };
        let mut results = Vec::with_capacity(rows.len());
        for (i, row) in rows.into_iter().enumerate() {
            let RawRowOrOther::Row(row) = row else {
                return Err(AnalysisError::Invalid {
                    field: format!("results[{i}]"),
                    expected: "an object { params, arm, seed, value }",
                });
            };
            results.push(ResultRow {
                params: number(&format!("results[{i}].params"), row.params)?,
                arm: label(&format!("results[{i}].arm"), row.arm)?,
                seed: label(&format!("results[{i}].seed"), row.seed)?,
                value: number(&format!("results[{i}].value"), row.value)?,
            });
        }
        let higher_is_better = match raw.higher_is_better {
            None => {
                return Err(AnalysisError::Missing {
                    field: "higher_is_better".to_owned(),
                })
            }
            Some(Scalar::Bool(b)) => b,
            Some(_) => {
                return Err(AnalysisError::Invalid {
                    field: "higher_is_better".to_owned(),
                    expected: "true (accuracy-like metric) or false (loss-like metric)",
                })
            }
        };
        let next_params = match raw.next_params {
            None => None,
            s => Some(number("next_params", s)?),
        };
        Ok(Self {
            results,
            method: label("method", raw.method)?,
            baseline: label("baseline", raw.baseline)?,
            higher_is_better,
            next_params,
        })
    }
}

// ---------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------

/// One rung's comparison. Intervals are `None` (null in JSON) when an arm has
/// fewer than two seeds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RungGain {
    pub params: f64,
    pub method_mean: f64,
    pub baseline_mean: f64,
    /// Method over baseline, positive when the method is better whatever the metric's direction.
    pub gain: f64,
    /// Welch's 95% t interval for the gain.
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// Standard error of the gain and Welch–Satterthwaite degrees of freedom.
    pub se: Option<f64>,
    pub df: Option<f64>,
    pub n_method: usize,
    pub n_baseline: usize,
    /// One-sample 95% t intervals for each arm's mean, for the chart.
    pub method_ci_low: Option<f64>,
    pub method_ci_high: Option<f64>,
    pub baseline_ci_low: Option<f64>,
    pub baseline_ci_high: Option<f64>,
}

/// Whether the gain grows, holds or shrinks with scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The slope's interval is above 0.
    Grows,
    /// The slope's interval contains 0 and the gain's interval at the largest rung is above 0.
    Holds,
    /// The slope's interval is below 0.
    Shrinks,
    /// Anything else.
    Unclear,
}

impl Verdict {
    pub fn word(self) -> &'static str {
        match self {
            Self::Grows => "grows",
            Self::Holds => "holds",
            Self::Shrinks => "shrinks",
            Self::Unclear => "unclear",
        }
    }
}

/// The gain's trend with scale: the least-squares line of the rungs' gains on
/// log10(params), each rung weighted by 1/(1/n_method + 1/n_baseline). The slope
/// is a fixed linear combination of the arms' means, so its variance is the same
/// combination of their s²/n, with Satterthwaite's df; with two rungs this is
/// exactly Welch's interval for the difference of the two gains per decade.
/// The interval is for the least-squares trend through the true gains; when
/// they are not on a straight line the analysis warns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Trend {
    /// Change of the gain per tenfold increase in params.
    pub slope: f64,
    /// 95% interval for the slope (t with Satterthwaite df).
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub df: Option<f64>,
    /// The fitted gain at params = 1 (log10 = 0); with `slope`, the line.
    pub intercept: f64,
    /// How many rungs the line is fitted to.
    pub rungs_used: usize,
    pub verdict: Verdict,
}

/// The gain expected one step up the ladder.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Prediction {
    pub params: f64,
    pub gain: f64,
    /// 95% prediction interval for the gain measured there with as many seeds
    /// as the largest rung, if the trend stays a straight line in log scale.
    pub pi_low: Option<f64>,
    pub pi_high: Option<f64>,
}

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
    /// How the numbers were computed, with sources.
    pub statistics: String,
}

// ---------------------------------------------------------------------------
// Student's t distribution
// ---------------------------------------------------------------------------

/// ln Γ(x) for x > 0: Lanczos approximation with g = 7, n = 9 (coefficients of
/// Godfrey, as in Numerical Recipes 3rd ed. §6.1 and Wikipedia's "Lanczos
/// approximation"), relative error about 1e-15.
pub fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Γ(x) = Γ(x + 1) / x keeps us off the reflection formula (and its sine).
        return ln_gamma(x + 1.0) - x.ln();
    }
    let x = x - 1.0;
    let mut a = C[0];
    for (i, c) in C.iter().enumerate().skip(1) {
        a += c / (x + i as f64);
    }
    let t = x + G + 0.5;
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
}

/// Regularised incomplete beta function I_x(a, b), by its continued fraction
/// evaluated with the modified Lentz method (Numerical Recipes 3rd ed. §6.4,
/// `betai`/`betacf`; DLMF 8.17.22).
pub fn incomplete_beta(a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let front = (ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (-x).ln_1p()).exp();
    // The fraction converges fast for x below (a + 1)/(a + b + 2); use the symmetry otherwise.
    if x < (a + 1.0) / (a + b + 2.0) {
        front * beta_fraction(a, b, x) / a
    } else {
        1.0 - front * beta_fraction(b, a, 1.0 - x) / b
    }
}

fn beta_fraction(a: f64, b: f64, x: f64) -> f64 {
    const EPS: f64 = 1e-16;
    const TINY: f64 = 1e-300;
    // Iterations grow like √max(a, b) (NR §6.4); 10,000 covers df up to ~10¹⁰.
    const MAX_ITERATIONS: u32 = 10_000;
    let guard = |v: f64| if v.abs() < TINY { TINY } else { v };
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 / guard(1.0 - qab * x / qap);
    let mut h = d;
    for m in 1..=MAX_ITERATIONS {
        let m = f64::from(m);
        let m2 = 2.0 * m;
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 / guard(1.0 + aa * d);
        c = guard(1.0 + aa / c);
        h *= d * c;
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 / guard(1.0 + aa * d);
        c = guard(1.0 + aa / c);
        let step = d * c;
        h *= step;
        if (step - 1.0).abs() < EPS {
            break;
        }
    }
    h
}

/// P(T > t) for t ≥ 0 under Student's t with `df` degrees of freedom:
/// ½·I_{df/(df+t²)}(df/2, ½) (Abramowitz & Stegun 26.5.27 / 26.7.1).
fn t_upper_tail(t: f64, df: f64) -> f64 {
    0.5 * incomplete_beta(df / 2.0, 0.5, df / (df + t * t))
}

/// CDF of Student's t distribution with `df` > 0 degrees of freedom (any real df).
///
/// ```
/// use evidence_ladder::model::analysis::student_t_cdf;
/// assert!((student_t_cdf(12.706_204_7, 1.0) - 0.975).abs() < 1e-8);
/// ```
pub fn student_t_cdf(t: f64, df: f64) -> f64 {
    let tail = t_upper_tail(t.abs(), df);
    if t >= 0.0 {
        1.0 - tail
    } else {
        tail
    }
}

fn student_t_density(t: f64, df: f64) -> f64 {
    (ln_gamma((df + 1.0) / 2.0)
        - ln_gamma(df / 2.0)
        - 0.5 * (df * std::f64::consts::PI).ln()
        - (df + 1.0) / 2.0 * (t * t / df).ln_1p())
    .exp()
}

/// Quantile of Student's t with `df` > 0 degrees of freedom, for 0 < p < 1,
/// accurate to about 1e-12 for any real df (Welch's df is rarely an integer).
///
/// Solves P(T > t) = 1 − p by Newton's method on the exact CDF, kept inside a
/// bracket by bisection. Beyond 1e10 df the t is the normal to 1e-10.
///
/// ```
/// use evidence_ladder::model::analysis::student_t_quantile;
/// assert!((student_t_quantile(0.975, 3.0) - 3.182_446_3).abs() < 1e-6);
/// ```
pub fn student_t_quantile(p: f64, df: f64) -> f64 {
    if !(p > 0.0 && p < 1.0) || df.is_nan() || df <= 0.0 {
        return f64::NAN;
    }
    if p < 0.5 {
        return -student_t_quantile(1.0 - p, df);
    }
    if p == 0.5 {
        return 0.0;
    }
    if df > 1e10 {
        return super::stats::normal_quantile(p);
    }
    let tail = 1.0 - p;
    let mut lo = 0.0;
    let mut hi = super::stats::normal_quantile(p).max(1.0);
    let mut guard = 0;
    while t_upper_tail(hi, df) > tail && guard < 2_000 {
        lo = hi;
        hi *= 2.0;
        guard += 1;
    }
    let mut t = 0.5 * (lo + hi);
    for _ in 0..200 {
        let excess = t_upper_tail(t, df) - tail; // > 0 means t is too small
        if excess > 0.0 {
            lo = t;
        } else {
            hi = t;
        }
        let newton = t + excess / student_t_density(t, df);
        let next = if newton > lo && newton < hi {
            newton
        } else {
            0.5 * (lo + hi)
        };
        if (next - t).abs() <= 1e-14 * t.max(1.0) {
            return next;
        }
        t = next;
    }
    t
}

// ---------------------------------------------------------------------------
// Analysis
// ---------------------------------------------------------------------------

/// One arm at one rung.
#[derive(Clone, Copy)]
struct ArmSummary {
    n: usize,
    mean: f64,
    /// Sample variance (n − 1 divisor), when n ≥ 2.
    variance: Option<f64>,
}

fn summarize(values: &[f64]) -> Option<ArmSummary> {
    if values.is_empty() {
        return None;
    }
    let n = values.len();
    let mean = values.iter().sum::<f64>() / n as f64;
    let variance =
        (n >= 2).then(|| values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1) as f64);
    Some(ArmSummary { n, mean, variance })
}

/// One variance component of an estimate: coefficient × (s²/n), with n − 1 df.
#[derive(Clone, Copy)]
struct Component {
    coefficient: f64,
    variance_of_mean: f64,
    df: f64,
}

/// The variance Σ aᵢ·s²ᵢ/nᵢ of a linear combination of independent means, and
/// its Welch–Satterthwaite degrees of freedom (Satterthwaite 1946, eq. 17;
/// Welch 1947). `None` df when the variance is zero.
fn satterthwaite(components: &[Component]) -> (f64, Option<f64>) {
    let variance: f64 = components
        .iter()
        .map(|c| c.coefficient * c.variance_of_mean)
        .sum();
    if !variance.is_finite() {
        // Values so large their squares overflow: an honest interval is (−∞, ∞).
        return (f64::INFINITY, Some(1.0));
    }
    if variance <= 0.0 {
        return (0.0, None);
    }
    // Dividing by the variance first keeps tiny variances from underflowing.
    let inverse_df: f64 = components
        .iter()
        .map(|c| (c.coefficient * c.variance_of_mean / variance).powi(2) / c.df)
        .sum();
    (variance, Some(1.0 / inverse_df))
}

/// A 95% t interval around `estimate`; zero width when there is no spread at all.
fn interval(estimate: f64, variance: f64, df: Option<f64>) -> (f64, f64) {
    match df {
        Some(df) => {
            let half = student_t_quantile(UPPER, df) * variance.sqrt();
            (estimate - half, estimate + half)
        }
        None => (estimate, estimate),
    }
}

/// What the trend needs from a rung with at least two seeds per arm.
struct TrendPoint {
    x: f64,
    gain: f64,
    weight: f64,
    components: [Component; 2],
}

/// The rung's gain variance components, scaled by `coefficient`.
fn scaled(components: &[Component; 2], coefficient: f64) -> [Component; 2] {
    components.map(|c| Component {
        coefficient: c.coefficient * coefficient,
        ..c
    })
}

/// A weighted least-squares line through (x, gain): returns the weighted mean
/// of x and, for each point, the coefficient cᵢ with slope = Σ cᵢ·gainᵢ.
fn line(points: &[(f64, f64, f64)]) -> (f64, f64, Vec<f64>) {
    let total: f64 = points.iter().map(|p| p.2).sum();
    let mean_x = points.iter().map(|p| p.2 * p.0).sum::<f64>() / total;
    let sxx: f64 = points.iter().map(|p| p.2 * (p.0 - mean_x).powi(2)).sum();
    let c: Vec<f64> = points.iter().map(|p| p.2 * (p.0 - mean_x) / sxx).collect();
    (total, mean_x, c)
}

/// Readable size: 1.3e9 → "1.3B", 1.2e8 → "120M", 350 → "350".
pub fn format_scale(x: f64) -> String {
    let (value, suffix) = match x.abs() {
        a if a >= 1e12 => (x / 1e12, "T"),
        a if a >= 1e9 => (x / 1e9, "B"),
        a if a >= 1e6 => (x / 1e6, "M"),
        a if a >= 1e3 => (x / 1e3, "K"),
        _ => (x, ""),
    };
    format!("{}{suffix}", significant(value, 3))
}

/// `x` with at most `digits` significant digits, trailing zeros dropped.
fn significant(x: f64, digits: i32) -> String {
    if x == 0.0 || !x.is_finite() {
        return format!("{x}");
    }
    let magnitude = x.abs().log10().floor() as i32;
    let decimals = (digits - 1 - magnitude).clamp(0, 12) as usize;
    let text = format!("{x:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

/// Compares the method with the baseline rung by rung and fits the gain's trend.
///
/// ```
/// use evidence_ladder::model::analysis::{analyze, AnalysisInput, ResultRow, Verdict};
/// let row = |params: f64, arm: &str, seed: &str, value: f64| ResultRow {
///     params, arm: arm.into(), seed: seed.into(), value,
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
///     higher_is_better: true, next_params: None,
/// };
/// let analysis = analyze(&input).unwrap();
/// assert_eq!(analysis.trend.verdict, Verdict::Grows);
/// assert!((analysis.trend.slope - 1.0).abs() < 1e-9);
/// ```
pub fn analyze(input: &AnalysisInput) -> Result<Analysis, AnalysisError> {
    for (i, row) in input.results.iter().enumerate() {
        if !(row.params.is_finite() && row.params > 0.0) {
            return Err(AnalysisError::Invalid {
                field: format!("results[{i}].params"),
                expected: "a finite number > 0 (the rung's size)",
            });
        }
        if row.arm.trim().is_empty() {
            return Err(AnalysisError::Invalid {
                field: format!("results[{i}].arm"),
                expected: "a non-empty name",
            });
        }
        if !row.value.is_finite() {
            return Err(AnalysisError::Invalid {
                field: format!("results[{i}].value"),
                expected: "a finite number",
            });
        }
    }
    if let Some(next) = input.next_params {
        if !(next.is_finite() && next > 0.0) {
            return Err(AnalysisError::Invalid {
                field: "next_params".to_owned(),
                expected: "a finite number > 0 (the next rung's size)",
            });
        }
    }
    if input.method == input.baseline {
        return Err(AnalysisError::SameArm {
            name: input.method.clone(),
        });
    }
    let mut arms: Vec<String> = Vec::new();
    for row in &input.results {
        if !arms.contains(&row.arm) {
            arms.push(row.arm.clone());
        }
    }
    if input.results.is_empty() {
        return Err(AnalysisError::TooFewRungs { found: 0 });
    }
    for (role, name) in [("method", &input.method), ("baseline", &input.baseline)] {
        if !arms.contains(name) {
            return Err(AnalysisError::UnknownArm {
                role,
                name: name.clone(),
                arms,
            });
        }
    }

    let mut warnings = Vec::new();
    let others: Vec<&str> = arms
        .iter()
        .filter(|a| **a != input.method && **a != input.baseline)
        .map(String::as_str)
        .collect();
    if !others.is_empty() {
        warnings.push(format!(
            "Arms other than the method and the baseline are left out: {}.",
            others.join(", ")
        ));
    }

    let direction = if input.higher_is_better { 1.0 } else { -1.0 };
    let mut sorted: Vec<&ResultRow> = input.results.iter().collect();
    sorted.sort_by(|a, b| a.params.total_cmp(&b.params));
    let mut rungs = Vec::new();
    let mut points = Vec::new();
    for group in sorted.chunk_by(|a, b| a.params == b.params) {
        let params = group[0].params;
        let size = format_scale(params);
        let values_of = |arm: &str| -> Vec<f64> {
            group
                .iter()
                .filter(|r| r.arm == arm)
                .map(|r| r.value)
                .collect()
        };
        for arm in [&input.method, &input.baseline] {
            let mut seeds: Vec<&str> = group
                .iter()
                .filter(|r| &r.arm == arm)
                .map(|r| r.seed.as_str())
                .collect();
            seeds.sort_unstable();
            if let Some(w) = seeds.windows(2).find(|w| w[0] == w[1]) {
                warnings.push(format!(
                    "At {size}, {arm} has seed \"{}\" more than once; each row counts as a separate run.",
                    w[0]
                ));
            }
        }
        let (m, b) = match (
            summarize(&values_of(&input.method)),
            summarize(&values_of(&input.baseline)),
        ) {
            (Some(m), Some(b)) => (m, b),
            (m, _) => {
                let (has, lacks) = if m.is_some() {
                    (&input.method, &input.baseline)
                } else {
                    (&input.baseline, &input.method)
                };
                if m.is_some() || group.iter().any(|r| r.arm == input.baseline) {
                    warnings.push(format!(
                        "At {size} only {has} has results (no {lacks}); that rung is left out."
                    ));
                }
                continue;
            }
        };
        let arm_interval = |a: &ArmSummary| match a.variance {
            Some(v) => {
                let (lo, hi) =
                    interval(a.mean, v / a.n as f64, (v > 0.0).then(|| (a.n - 1) as f64));
                (Some(lo), Some(hi))
            }
            None => (None, None),
        };
        let (method_ci_low, method_ci_high) = arm_interval(&m);
        let (baseline_ci_low, baseline_ci_high) = arm_interval(&b);
        let gain = direction * (m.mean - b.mean);
        let mut rung = RungGain {
            params,
            method_mean: m.mean,
            baseline_mean: b.mean,
            gain,
            ci_low: None,
            ci_high: None,
            se: None,
            df: None,
            n_method: m.n,
            n_baseline: b.n,
            method_ci_low,
            method_ci_high,
            baseline_ci_low,
            baseline_ci_high,
        };
        match (m.variance, b.variance) {
            (Some(vm), Some(vb)) => {
                let components = [
                    Component {
                        coefficient: 1.0,
                        variance_of_mean: vm / m.n as f64,
                        df: (m.n - 1) as f64,
                    },
                    Component {
                        coefficient: 1.0,
                        variance_of_mean: vb / b.n as f64,
                        df: (b.n - 1) as f64,
                    },
                ];
                let (variance, df) = satterthwaite(&components);
                let (lo, hi) = interval(gain, variance, df);
                rung.ci_low = Some(lo);
                rung.ci_high = Some(hi);
                rung.se = Some(variance.sqrt());
                rung.df = df;
                if variance == 0.0 {
                    warnings.push(format!(
                        "At {size} every seed gave the same value in both arms, so the interval has \
                         zero width; check that the seeds really differ."
                    ));
                }
                points.push(TrendPoint {
                    x: params.log10(),
                    gain,
                    // Inverse variance of the gain if both arms had the same noise.
                    // Not 1/SE²: with 2–5 seeds the estimated SEs are so noisy that
                    // weighting by them favours rungs that look precise by chance;
                    // in the 3-seed simulation (tests/analysis.rs) that cut the
                    // slope interval's coverage from 94% to 90%.
                    weight: 1.0 / (1.0 / m.n as f64 + 1.0 / b.n as f64),
                    components,
                });
            }
            _ => {
                let few: Vec<String> = [(&input.method, m.n), (&input.baseline, b.n)]
                    .iter()
                    .filter(|(_, n)| *n < 2)
                    .map(|(arm, n)| format!("{arm} has {n} seed"))
                    .collect();
                warnings.push(format!(
                    "At {size} {}: no interval for the gain there, and the trend leaves it out \
                     (it needs at least 2 seeds per arm; 3 or more give usable intervals).",
                    few.join(" and ")
                ));
            }
        }
        rungs.push(rung);
    }
    if rungs.len() < 2 {
        return Err(AnalysisError::TooFewRungs { found: rungs.len() });
    }

    let positive: Vec<String> = rungs
        .iter()
        .filter(|r| r.gain > 0.0)
        .map(|r| format_scale(r.params))
        .collect();
    let negative: Vec<String> = rungs
        .iter()
        .filter(|r| r.gain < 0.0)
        .map(|r| format_scale(r.params))
        .collect();
    if !positive.is_empty() && !negative.is_empty() {
        warnings.push(format!(
            "The gain changes sign across rungs: the method is ahead at {} and behind at {}.",
            positive.join(", "),
            negative.join(", ")
        ));
    }

    let largest = rungs[rungs.len() - 1].params;
    let next_params = input.next_params.unwrap_or(10.0 * largest);
    let next_x = next_params.log10();
    let (trend_slope, intercept, slope_interval, rungs_used, next_gain, next_interval) =
        if points.len() >= 2 {
            let fit_points: Vec<(f64, f64, f64)> =
                points.iter().map(|p| (p.x, p.gain, p.weight)).collect();
            let (total, mean_x, c) = line(&fit_points);
            let slope: f64 = c.iter().zip(&points).map(|(c, p)| c * p.gain).sum();
            let mean_gain = points.iter().map(|p| p.weight * p.gain).sum::<f64>() / total;
            let intercept = mean_gain - slope * mean_x;
            let slope_parts: Vec<Component> = c
                .iter()
                .zip(&points)
                .flat_map(|(c, p)| scaled(&p.components, c * c))
                .collect();
            let (slope_var, slope_df) = satterthwaite(&slope_parts);
            let slope_ci = interval(slope, slope_var, slope_df);

            // Prediction: fitted line at next_x plus a new measurement with the
            // largest rung's seeds and spread. That rung's variance estimate
            // enters twice, so its coefficients are added, not listed twice.
            let last = points.len() - 1;
            let next_parts: Vec<Component> = c
                .iter()
                .zip(&points)
                .enumerate()
                .flat_map(|(i, (c, p))| {
                    let d = p.weight / total + (next_x - mean_x) * c;
                    let new_run = if i == last { 1.0 } else { 0.0 };
                    scaled(&p.components, d * d + new_run)
                })
                .collect();
            let next_gain = intercept + slope * next_x;
            let (next_var, next_df) = satterthwaite(&next_parts);
            let next_pi = interval(next_gain, next_var, next_df);

            // Is a straight line a fair summary? Test each rung's residual
            // (Bonferroni over rungs) against its own Satterthwaite variance.
            if points.len() >= 3 {
                let k = points.len();
                let upper = 1.0 - (1.0 - 0.95) / (2.0 * k as f64);
                for (i, p) in points.iter().enumerate() {
                    let fitted = intercept + slope * p.x;
                    let parts: Vec<Component> = c
                        .iter()
                        .zip(&points)
                        .enumerate()
                        .flat_map(|(j, (cj, q))| {
                            let h = q.weight / total + (p.x - mean_x) * cj;
                            let a = if i == j { 1.0 - h } else { -h };
                            scaled(&q.components, a * a)
                        })
                        .collect();
                    let (var, df) = satterthwaite(&parts);
                    if let Some(df) = df {
                        if (p.gain - fitted).abs() > student_t_quantile(upper, df) * var.sqrt() {
                            warnings.push(format!(
                                "At {} the gain ({}) is off the straight line through the other \
                                 rungs (about {}): the gain does not change linearly with log \
                                 scale, so read the slope as an average trend.",
                                format_scale(10f64.powf(p.x)),
                                significant(p.gain, 3),
                                significant(fitted, 3)
                            ));
                        }
                    }
                }
            } else {
                warnings.push(
                    "With two rungs the trend is the line through them; a third rung would show \
                     whether it is straight."
                        .to_owned(),
                );
            }
            (
                slope,
                intercept,
                Some((slope_ci, slope_df)),
                points.len(),
                next_gain,
                Some(next_pi),
            )
        } else {
            warnings.push(
                "The trend has no interval: fewer than two rungs have at least 2 seeds in each arm."
                    .to_owned(),
            );
            let fit_points: Vec<(f64, f64, f64)> = rungs
                .iter()
                .map(|r| {
                    let w = 1.0 / (1.0 / r.n_method as f64 + 1.0 / r.n_baseline as f64);
                    (r.params.log10(), r.gain, w)
                })
                .collect();
            let (total, mean_x, c) = line(&fit_points);
            let slope: f64 = c.iter().zip(&fit_points).map(|(c, p)| c * p.1).sum();
            let mean_gain = fit_points.iter().map(|p| p.2 * p.1).sum::<f64>() / total;
            let intercept = mean_gain - slope * mean_x;
            (
                slope,
                intercept,
                None,
                fit_points.len(),
                intercept + slope * next_x,
                None,
            )
        };

    let top = &rungs[rungs.len() - 1];
    let verdict = match slope_interval {
        Some(((lo, _), _)) if lo > 0.0 => Verdict::Grows,
        Some(((_, hi), _)) if hi < 0.0 => Verdict::Shrinks,
        Some(_) if top.ci_low.is_some_and(|lo| lo > 0.0) => Verdict::Holds,
        _ => Verdict::Unclear,
    };
    if top.ci_high.is_some_and(|hi| hi < 0.0) {
        warnings.push(format!(
            "At the largest size ({}) the method is worse than the baseline.",
            format_scale(top.params)
        ));
    }
    if next_params <= largest {
        warnings.push(format!(
            "The next rung ({}) is not larger than the largest rung with results ({}).",
            format_scale(next_params),
            format_scale(largest)
        ));
    }

    Ok(Analysis {
        trend: Trend {
            slope: trend_slope,
            ci_low: slope_interval.map(|((lo, _), _)| lo),
            ci_high: slope_interval.map(|((_, hi), _)| hi),
            df: slope_interval.and_then(|(_, df)| df),
            intercept,
            rungs_used,
            verdict,
        },
        next: Prediction {
            params: next_params,
            gain: next_gain,
            pi_low: next_interval.map(|(lo, _)| lo),
            pi_high: next_interval.map(|(_, hi)| hi),
        },
        rungs,
        warnings,
        method: input.method.clone(),
        baseline: input.baseline.clone(),
        higher_is_better: input.higher_is_better,
        statistics: STATISTICS.to_owned(),
    })
}

// ---------------------------------------------------------------------------
// Pasted tables and CSV
// ---------------------------------------------------------------------------

/// A line of pasted text that could not be read, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BadLine {
    /// 1-based, counting the header and blank lines, as a text editor does.
    pub line: usize,
    pub message: String,
}

/// What `parse_results_text` read: the runs, the lines it could not read, and
/// the lines whose value is still empty (a template not yet filled in).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ParsedResults {
    pub rows: Vec<ResultRow>,
    pub bad_lines: Vec<BadLine>,
    pub unfilled_lines: Vec<usize>,
    /// Arm names in the order they first appear.
    pub arms: Vec<String>,
}

/// Splits one line on `delimiter`, honouring double-quoted fields ("" inside
/// quotes is a quote). Cells are trimmed outside the quotes only, so a quoted
/// name keeps its spaces.
fn split_line(line: &str, delimiter: char) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = String::new();
    let mut was_quoted = false;
    let mut in_quotes = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    quoted.push('"');
                } else {
                    in_quotes = false;
                }
            } else {
                quoted.push(c);
            }
        } else if c == delimiter {
            cells.push(finish_cell(&cell, &quoted, was_quoted));
            cell.clear();
            quoted.clear();
            was_quoted = false;
        } else if c == '"' && !was_quoted && cell.trim().is_empty() {
            in_quotes = true;
            was_quoted = true;
        } else {
            cell.push(c);
        }
    }
    cells.push(finish_cell(&cell, &quoted, was_quoted));
    cells
}

fn finish_cell(unquoted: &str, quoted: &str, was_quoted: bool) -> String {
    if was_quoted {
        // Text after the closing quote (rare, malformed) is kept rather than lost.
        format!("{quoted}{}", unquoted.trim())
    } else {
        unquoted.trim().to_owned()
    }
}

/// Reads a rung size: a plain number (`1300000000`, `1.3e9`) or one with a
/// K, M, B or T suffix (`130M`, `1.3B`, case-insensitive). Must be finite and > 0.
pub fn parse_scale(text: &str) -> Option<f64> {
    let text = text.trim();
    let (number, factor) = match text.char_indices().last() {
        Some((i, c)) => match c.to_ascii_uppercase() {
            'K' => (&text[..i], 1e3),
            'M' => (&text[..i], 1e6),
            'B' | 'G' => (&text[..i], 1e9),
            'T' => (&text[..i], 1e12),
            _ => (text, 1.0),
        },
        None => return None,
    };
    let value = number.trim().parse::<f64>().ok()? * factor;
    (value.is_finite() && value > 0.0).then_some(value)
}

fn parse_value(text: &str) -> Option<f64> {
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

const PARAMS_NAMES: [&str; 6] = ["params", "parameters", "param", "n_params", "size", "scale"];
const ARM_NAMES: [&str; 1] = ["arm"];
const SEED_NAMES: [&str; 2] = ["seed", "run"];
const VALUE_NAMES: [&str; 4] = ["value", "metric", "score", "result"];

/// Reads results pasted from a spreadsheet or a CSV file: tab-, comma- or
/// semicolon-separated (whichever the header row uses, in that order of
/// preference), with a header row, in long form (`params, arm, seed, value`, any
/// order, names case-insensitive) or wide form (`params, seed, <arm>, <arm>…`,
/// one column per arm; `seed` optional). Params accept `1.3e9` or `1.3B`.
/// Never panics; every line it cannot read is in `bad_lines` with its number,
/// and nothing else on that line is lost.
///
/// ```
/// use evidence_ladder::model::analysis::parse_results_text;
/// let parsed = parse_results_text("params\tseed\tours\tbase\n130M\t1\t61.2\t60.1\n");
/// assert_eq!(parsed.rows.len(), 2);
/// assert_eq!(parsed.rows[0].params, 1.3e8);
/// ```
pub fn parse_results_text(text: &str) -> ParsedResults {
    let mut parsed = ParsedResults::default();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
    let Some((header_line, header)) = lines.next() else {
        return parsed;
    };
    let delimiter = ['\t', ',', ';']
        .into_iter()
        .find(|d| header.contains(*d))
        .unwrap_or(',');
    let names = split_line(header, delimiter);
    let lower: Vec<String> = names.iter().map(|n| n.to_ascii_lowercase()).collect();
    let find = |aliases: &[&str]| lower.iter().position(|n| aliases.contains(&n.as_str()));
    let bad = |parsed: &mut ParsedResults, line: usize, message: String| {
        parsed.bad_lines.push(BadLine { line, message });
    };
    for (i, name) in lower.iter().enumerate() {
        if !name.is_empty() && lower[..i].contains(name) {
            bad(
                &mut parsed,
                header_line,
                format!("the header names column \"{}\" twice", names[i]),
            );
            return parsed;
        }
    }
    let Some(params_col) = find(&PARAMS_NAMES) else {
        bad(
            &mut parsed,
            header_line,
            "the header row needs a params column: params,arm,seed,value (long form) or \
             params,seed,<arm>,<arm> (wide form)"
                .to_owned(),
        );
        return parsed;
    };
    let seed_col = find(&SEED_NAMES);
    let long_form = find(&ARM_NAMES).zip(find(&VALUE_NAMES));
    if long_form.is_none() && (find(&ARM_NAMES).is_some() || find(&VALUE_NAMES).is_some()) {
        bad(
            &mut parsed,
            header_line,
            "the long form needs both an arm and a value column: params,arm,seed,value".to_owned(),
        );
        return parsed;
    }
    let arm_cols: Vec<usize> = match long_form {
        Some(_) => Vec::new(),
        None => (0..names.len())
            .filter(|&i| i != params_col && Some(i) != seed_col && !names[i].is_empty())
            .collect(),
    };
    if long_form.is_none() && arm_cols.is_empty() {
        bad(
            &mut parsed,
            header_line,
            "the header row needs arm and value columns (long form) or one column per arm \
             (wide form)"
                .to_owned(),
        );
        return parsed;
    }
    let width = names.len();
    let mut seeds_per_size: Vec<(f64, usize)> = Vec::new();

    for (number, line) in lines {
        let cells = split_line(line, delimiter);
        if cells.len() > width && cells[width..].iter().any(|c| !c.is_empty()) {
            bad(
                &mut parsed,
                number,
                format!(
                    "{} cells but the header has {width} (a delimiter inside a number? quote it)",
                    cells.len()
                ),
            );
            continue;
        }
        let cell = |i: usize| cells.get(i).map_or("", String::as_str);
        let Some(params) = parse_scale(cell(params_col)) else {
            let message = if cell(params_col).is_empty() {
                "params is empty".to_owned()
            } else {
                format!(
                    "params \"{}\" is not a size > 0 (like 1300000000, 1.3e9 or 1.3B)",
                    cell(params_col)
                )
            };
            bad(&mut parsed, number, message);
            continue;
        };
        let seed = match seed_col.map(cell) {
            Some(s) if !s.is_empty() => s.to_owned(),
            _ => match long_form {
                Some(_) => format!("line {number}"),
                None => {
                    // Wide form without seeds: number the lines of each size 1, 2, 3…
                    let count = match seeds_per_size.iter_mut().find(|(p, _)| *p == params) {
                        Some((_, c)) => {
                            *c += 1;
                            *c
                        }
                        None => {
                            seeds_per_size.push((params, 1));
                            1
                        }
                    };
                    count.to_string()
                }
            },
        };
        let push = |parsed: &mut ParsedResults, arm: &str, value: f64| {
            if !parsed.arms.iter().any(|a| a == arm) {
                parsed.arms.push(arm.to_owned());
            }
            parsed.rows.push(ResultRow {
                params,
                arm: arm.to_owned(),
                seed: seed.clone(),
                value,
            });
        };
        match long_form {
            Some((arm_col, value_col)) => {
                let arm = cell(arm_col);
                let value = cell(value_col);
                if arm.is_empty() {
                    bad(&mut parsed, number, "arm is empty".to_owned());
                } else if value.is_empty() {
                    parsed.unfilled_lines.push(number);
                } else if let Some(v) = parse_value(value) {
                    push(&mut parsed, arm, v);
                } else {
                    bad(
                        &mut parsed,
                        number,
                        format!("value \"{value}\" is not a number (use a point for decimals)"),
                    );
                }
            }
            None => {
                let mut problems = Vec::new();
                let mut filled = false;
                for &col in &arm_cols {
                    let value = cell(col);
                    if value.is_empty() {
                        continue;
                    }
                    filled = true;
                    match parse_value(value) {
                        Some(v) => push(&mut parsed, &names[col], v),
                        None => problems
                            .push(format!("{} value \"{value}\" is not a number", names[col])),
                    }
                }
                if !problems.is_empty() {
                    bad(&mut parsed, number, problems.join("; "));
                } else if !filled {
                    parsed.unfilled_lines.push(number);
                }
            }
        }
    }
    parsed
}

/// Quotes a CSV cell when it would not read back as itself.
fn csv_cell(text: &str) -> String {
    let needs_quotes =
        text.contains([',', '"', '\t', ';']) || text.trim() != text || text.starts_with('#');
    if needs_quotes {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// The header every CSV this module writes starts with.
pub const CSV_HEADER: &str = "params,arm,seed,value";

/// A long-form CSV of the plan's runs with empty values, for the researcher to fill in:
/// one line per rung × arm × seed (seeds numbered from 1).
///
/// ```
/// use evidence_ladder::model::analysis::results_template_csv;
/// let csv = results_template_csv(&[1.2e8, 1.3e9], &["ours", "baseline"], 3);
/// assert!(csv.starts_with("params,arm,seed,value\n120000000,ours,1,\n"));
/// assert_eq!(csv.lines().count(), 1 + 2 * 2 * 3);
/// ```
pub fn results_template_csv(rungs: &[f64], arms: &[&str], seeds: u32) -> String {
    let mut csv = format!("{CSV_HEADER}\n");
    for params in rungs {
        for arm in arms {
            for seed in 1..=seeds {
                csv.push_str(&format!("{params},{},{seed},\n", csv_cell(arm)));
            }
        }
    }
    csv
}

/// Runs as long-form CSV; reading it back with `parse_results_text` gives the same rows.
pub fn results_csv(rows: &[ResultRow]) -> String {
    let mut csv = format!("{CSV_HEADER}\n");
    for r in rows {
        csv.push_str(&format!(
            "{},{},{},{}\n",
            r.params,
            csv_cell(&r.arm),
            csv_cell(&r.seed),
            r.value
        ));
    }
    csv
}

// ---------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------

/// Decimals that resolve a quarter of the interval's width: enough to show
/// where the interval lies, not so many that noise looks like precision.
fn decimals_for(width: Option<f64>, value: f64) -> usize {
    let scale = match width {
        Some(w) if w > 0.0 && w.is_finite() => w / 4.0,
        _ => value.abs().max(1e-12) / 100.0,
    };
    (-scale.log10().floor()).clamp(0.0, 8.0) as usize
}

/// A number for prose: typographic minus, optional plus, no "−0.0".
fn signed(x: f64, decimals: usize, plus: bool) -> String {
    let text = format!("{:.decimals$}", x.abs());
    let is_zero = text.chars().all(|c| c == '0' || c == '.');
    let sign = match () {
        _ if is_zero => "",
        _ if x < 0.0 => "\u{2212}",
        _ if plus => "+",
        _ => "",
    };
    format!("{sign}{text}")
}

/// "+1.2 points (95% CI 0.8 to 1.6)", or without the interval when there is none.
fn estimate_with_interval(
    value: f64,
    low: Option<f64>,
    high: Option<f64>,
    unit: &str,
    missing: &str,
) -> String {
    let unit = if unit.is_empty() {
        String::new()
    } else {
        format!(" {unit}")
    };
    match (low, high) {
        (Some(lo), Some(hi)) => {
            let d = decimals_for(Some(hi - lo), value);
            format!(
                "{}{unit} (95% CI {} to {})",
                signed(value, d, true),
                signed(lo, d, false),
                signed(hi, d, false)
            )
        }
        _ => format!(
            "{}{unit} ({missing})",
            signed(value, decimals_for(None, value), true)
        ),
    }
}

fn size_with_unit(params: f64, scale_unit: &str) -> String {
    if scale_unit.is_empty() {
        format_scale(params)
    } else {
        format!("{} {scale_unit}", format_scale(params))
    }
}

/// The verdict in one sentence fit for a paper, e.g. "The gain holds from 130M
/// to 1.3B: +1.2 points (95% CI 0.8 to 1.6) at the largest size; per tenfold
/// scale it changes by −0.1 (95% CI −0.5 to 0.3)."
///
/// `scale_unit` follows each size ("" for parameter counts, e.g. "tokens");
/// `metric_unit` follows the gain (e.g. "points", or "" for none).
pub fn verdict_sentence(analysis: &Analysis, scale_unit: &str, metric_unit: &str) -> String {
    let (Some(first), Some(last)) = (analysis.rungs.first(), analysis.rungs.last()) else {
        return String::new();
    };
    let from = size_with_unit(first.params, scale_unit);
    let to = size_with_unit(last.params, scale_unit);
    let opening = match analysis.trend.verdict {
        Verdict::Unclear => {
            format!("Whether the gain grows, holds or shrinks from {from} to {to} is unclear")
        }
        v => format!("The gain {} from {from} to {to}", v.word()),
    };
    let at_top = estimate_with_interval(
        last.gain,
        last.ci_low,
        last.ci_high,
        metric_unit,
        "no interval: fewer than 2 seeds per arm",
    );
    let t = &analysis.trend;
    let per_decade = estimate_with_interval(
        t.slope,
        t.ci_low,
        t.ci_high,
        "",
        "no interval: too few seeds",
    );
    format!(
        "{opening}: {at_top} at the largest size; per tenfold scale it changes by {per_decade}."
    )
}

/// The prediction in one sentence: "At 13B the gain is expected to be +1.1
/// (95% prediction interval −0.3 to 2.5), if the trend continues."
pub fn prediction_sentence(analysis: &Analysis, scale_unit: &str, metric_unit: &str) -> String {
    let n = &analysis.next;
    let expected = estimate_with_interval(n.gain, n.pi_low, n.pi_high, metric_unit, "no interval")
        .replace("95% CI", "95% prediction interval");
    format!(
        "At {} the gain is expected to be {expected}, if it keeps changing linearly with log scale.",
        size_with_unit(n.params, scale_unit)
    )
}

/// The results as a Markdown section for the exports: the per-rung table, the
/// verdict, the prediction, the warnings and how the numbers were computed.
pub fn markdown_section(analysis: &Analysis, scale_unit: &str, metric_unit: &str) -> String {
    let escape = |s: &str| s.replace('|', "\\|");
    let mut md = String::from("## Results: does the gain scale?\n\n");
    md.push_str(&format!(
        "{} against {} ({} is better).\n\n",
        escape(&analysis.method),
        escape(&analysis.baseline),
        if analysis.higher_is_better {
            "higher"
        } else {
            "lower"
        }
    ));
    md.push_str(
        "| Size | Method mean | Baseline mean | Gain | 95% CI | Seeds (method / baseline) |\n",
    );
    md.push_str("|---|---|---|---|---|---|\n");
    for r in &analysis.rungs {
        let d = decimals_for(r.ci_low.zip(r.ci_high).map(|(lo, hi)| hi - lo), r.gain);
        let ci = match (r.ci_low, r.ci_high) {
            (Some(lo), Some(hi)) => format!("{} to {}", signed(lo, d, false), signed(hi, d, false)),
            _ => "–".to_owned(),
        };
        md.push_str(&format!(
            "| {} | {} | {} | {} | {ci} | {} / {} |\n",
            size_with_unit(r.params, scale_unit),
            signed(r.method_mean, d + 1, false),
            signed(r.baseline_mean, d + 1, false),
            signed(r.gain, d, true),
            r.n_method,
            r.n_baseline
        ));
    }
    md.push_str(&format!(
        "\n**Verdict: {}.** {}\n\n{}\n",
        analysis.trend.verdict.word(),
        verdict_sentence(analysis, scale_unit, metric_unit),
        prediction_sentence(analysis, scale_unit, metric_unit)
    ));
    if !analysis.warnings.is_empty() {
        md.push('\n');
        for w in &analysis.warnings {
            md.push_str(&format!("- {w}\n"));
        }
    }
    md.push_str(&format!("\n*Method.* {}\n", analysis.statistics));
    md
}
