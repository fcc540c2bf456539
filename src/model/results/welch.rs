//! Each rung's comparison: the difference of the two arms' means over seeds,
//! paired where every seed ran in both arms (a paired t interval), else with
//! Welch's t interval (Welch 1947; degrees of freedom by Satterthwaite 1946);
//! and each rung's seed noise, which every later estimate carries.

use serde::{Deserialize, Serialize};

use super::estimate::{interval, variance, RungNoise};
use super::input::ResultRow;
use super::note::{NoMultiplier, Note};

/// One rung's comparison. Intervals are `None` (null in JSON) when an arm has
/// fewer than two seeds. Paired seeds give a paired t interval.
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
    /// How much more compute the baseline would need to reach the method's
    /// value here (1 = no gain), with its 95% interval; `None` where no
    /// multiplier applies (`multiplier_note` says why).
    pub multiplier: Option<f64>,
    pub multiplier_low: Option<f64>,
    pub multiplier_high: Option<f64>,
    /// True when the method's value lies beyond the baseline's fitted range,
    /// so the multiplier extrapolates the baseline's curve.
    pub extrapolated: bool,
    /// Why there is no multiplier here (worded as the JSON's `multiplier_note`).
    #[serde(skip)]
    pub multiplier_note: Option<NoMultiplier>,
    /// True when the arms' seeds were paired (the same labels in both), and
    /// compared pair by pair.
    #[serde(default)]
    pub paired: bool,
}

/// One arm at one rung.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ArmSummary {
    pub n: usize,
    pub mean: f64,
    /// Sample variance (n − 1 divisor), when n ≥ 2.
    pub variance: Option<f64>,
}

/// Mean and sample variance, by Welford's update so that large values with
/// small spreads keep their digits.
pub fn summarize(values: &[f64]) -> Option<ArmSummary> {
    if values.is_empty() {
        return None;
    }
    let (mut mean, mut m2) = (0.0, 0.0);
    for (i, v) in values.iter().enumerate() {
        let delta = v - mean;
        mean += delta / (i + 1) as f64;
        m2 += delta * (v - mean);
    }
    let n = values.len();
    Some(ArmSummary {
        n,
        mean,
        variance: (n >= 2).then(|| m2 / (n - 1) as f64),
    })
}

/// The rungs compared, ascending: what the page shows, each rung's seed
/// noise, and whether it has an interval (two or more seeds per arm).
#[derive(Default)]
pub struct Compared {
    pub rungs: Vec<RungGain>,
    pub noise: Vec<RungNoise>,
    pub usable: Vec<bool>,
}

impl Compared {
    /// Adds a rung, with its gain's interval when both arms have 2+ seeds.
    pub fn push(&mut self, mut rung: RungGain, noise: RungNoise, direction: f64) {
        let usable = noise.n_method >= 2.0 && noise.n_baseline >= 2.0;
        if usable {
            let (variance, df) = variance(&[noise], &vec![[direction, -direction]]);
            let (lo, hi) = interval(rung.gain, variance, df);
            rung.ci_low = Some(lo);
            rung.ci_high = Some(hi);
            rung.se = Some(variance.sqrt());
            rung.df = df;
        }
        rung.paired = noise.paired.is_some();
        self.rungs.push(rung);
        self.noise.push(noise);
        self.usable.push(usable);
    }
}

/// The two arms' runs at one rung, and whether their seeds pair up: every
/// seed label once in each arm, the same labels in both (same data order and
/// initialisation), as the plan's template asks.
fn arm_runs<'a>(group: &[&'a ResultRow], arm: &str) -> Vec<&'a ResultRow> {
    let mut runs: Vec<&ResultRow> = group.iter().copied().filter(|r| r.arm == arm).collect();
    runs.sort_by(|a, b| a.seed.cmp(&b.seed));
    runs
}

fn duplicate_seed<'a>(runs: &[&'a ResultRow]) -> Option<&'a str> {
    runs.windows(2)
        .find(|w| w[0].seed == w[1].seed)
        .map(|w| w[0].seed.as_str())
}

/// Covariance of the two means over paired seeds, when they pair.
fn paired_covariance(m: &[&ResultRow], b: &[&ResultRow], means: (f64, f64)) -> Option<f64> {
    let n = m.len();
    let pairs = n >= 2
        && n == b.len()
        && m.iter().zip(b).all(|(x, y)| x.seed == y.seed)
        && duplicate_seed(m).is_none();
    pairs.then(|| {
        let sum: f64 = m
            .iter()
            .zip(b)
            .map(|(x, y)| (x.value - means.0) * (y.value - means.1))
            .sum();
        sum / (n - 1) as f64 / n as f64
    })
}

/// One-sample 95% t interval of an arm's mean, for the chart.
fn arm_interval(a: &ArmSummary) -> (Option<f64>, Option<f64>) {
    match a.variance {
        Some(v) => {
            let (lo, hi) = interval(a.mean, v / a.n as f64, (v > 0.0).then(|| (a.n - 1) as f64));
            (Some(lo), Some(hi))
        }
        None => (None, None),
    }
}

/// The rung's summary before intervals.
pub fn rung_gain(params: f64, m: &ArmSummary, b: &ArmSummary, direction: f64) -> RungGain {
    let (method_ci_low, method_ci_high) = arm_interval(m);
    let (baseline_ci_low, baseline_ci_high) = arm_interval(b);
    RungGain {
        params,
        method_mean: m.mean,
        baseline_mean: b.mean,
        gain: direction * (m.mean - b.mean),
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
        multiplier: None,
        multiplier_low: None,
        multiplier_high: None,
        extrapolated: false,
        multiplier_note: None,
        paired: false,
    }
}

/// Compares `method` with `baseline` at every size where both ran, pairing
/// seeds where they pair. `direction` is +1 when higher is better, −1 when
/// lower is. Notes in `warnings` what it leaves out and why.
pub fn compare_rungs(
    rows: &[ResultRow],
    method: &str,
    baseline: &str,
    direction: f64,
    warnings: &mut Vec<Note>,
) -> Compared {
    let mut sorted: Vec<&ResultRow> = rows.iter().collect();
    sorted.sort_by(|a, b| a.params.total_cmp(&b.params));
    let mut compared = Compared::default();
    for group in sorted.chunk_by(|a, b| a.params == b.params) {
        let params = group[0].params;
        let (m_runs, b_runs) = (arm_runs(group, method), arm_runs(group, baseline));
        for (runs, arm) in [(&m_runs, method), (&b_runs, baseline)] {
            if let Some(seed) = duplicate_seed(runs) {
                warnings.push(Note::DuplicateSeed {
                    params,
                    arm: arm.to_owned(),
                    seed: seed.to_owned(),
                });
            }
        }
        let values = |runs: &[&ResultRow]| runs.iter().map(|r| r.value).collect::<Vec<f64>>();
        let (Some(m), Some(b)) = (summarize(&values(&m_runs)), summarize(&values(&b_runs))) else {
            if !m_runs.is_empty() || !b_runs.is_empty() {
                let (has, lacks) = if m_runs.is_empty() {
                    (baseline, method)
                } else {
                    (method, baseline)
                };
                warnings.push(Note::OneArmOnly {
                    params,
                    has: has.to_owned(),
                    lacks: lacks.to_owned(),
                });
            }
            continue;
        };
        let noise = RungNoise {
            method: m.variance.unwrap_or(0.0) / m.n as f64,
            baseline: b.variance.unwrap_or(0.0) / b.n as f64,
            paired: paired_covariance(&m_runs, &b_runs, (m.mean, b.mean)),
            n_method: m.n as f64,
            n_baseline: b.n as f64,
        };
        if m.n < 2 || b.n < 2 {
            let arms = [(method, m.n), (baseline, b.n)]
                .into_iter()
                .filter(|(_, n)| *n < 2)
                .map(|(arm, n)| (arm.to_owned(), n))
                .collect();
            warnings.push(Note::FewSeeds { params, arms });
        } else if noise.method == 0.0 && noise.baseline == 0.0 {
            warnings.push(Note::ZeroSpread { params });
        }
        compared.push(rung_gain(params, &m, &b, direction), noise, direction);
    }
    compared
}

/// The sizes where the method is ahead and where it is behind, when it is
/// ahead somewhere and behind elsewhere.
pub fn sign_change(rungs: &[RungGain]) -> Option<Note> {
    let sizes = |keep: fn(f64) -> bool| -> Vec<f64> {
        rungs
            .iter()
            .filter(|r| keep(r.gain))
            .map(|r| r.params)
            .collect()
    };
    let (ahead, behind) = (sizes(|g| g > 0.0), sizes(|g| g < 0.0));
    (!ahead.is_empty() && !behind.is_empty()).then_some(Note::SignChange { ahead, behind })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn welford_keeps_digits_of_large_values() {
        let s = summarize(&[1e9 + 1.0, 1e9 + 2.0, 1e9 + 3.0]).expect("values");
        assert_eq!(s.mean, 1e9 + 2.0);
        assert!((s.variance.expect("n ≥ 2") - 1.0).abs() < 1e-9);
        assert_eq!(summarize(&[4.0]).map(|s| s.variance), Some(None));
        assert!(summarize(&[]).is_none());
    }
}
