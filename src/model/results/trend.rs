//! The gain's trend with scale: the least-squares line of the rungs' gains on
//! log10(size), each rung weighted by 1/(1/n_method + 1/n_baseline). The slope
//! is a fixed linear combination of the arms' means, so its variance is the
//! same combination of their s²/n, with Satterthwaite's df; with two rungs this
//! is exactly Welch's interval for the difference of the two gains per decade.
//! The interval is for the least-squares trend through the true gains; when
//! they are not on a straight line the analysis warns.

use serde::{Deserialize, Serialize};

use super::t_dist::student_t_quantile;
use super::verdict::Verdict;
use super::welch::{interval, satterthwaite, Component, RungGain, TrendPoint};
use crate::model::format;

/// The trend as `analyze` reports it.
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

/// A fitted line and what follows from it, before any verdict.
#[derive(Clone, Debug)]
pub struct Fit {
    pub slope: f64,
    pub intercept: f64,
    /// The slope's 95% interval and df; `None` without two rungs of 2+ seeds per arm.
    pub slope_ci: Option<((f64, f64), Option<f64>)>,
    /// The weighted mean gain over the fitted rungs.
    pub mean_gain: f64,
    pub rungs_used: usize,
    pub next_gain: f64,
    pub next_pi: Option<(f64, f64)>,
}

/// A weighted least-squares line through (x, gain, weight): the total
/// weight, the weighted mean of x and, for each point, the coefficient cᵢ
/// with slope = Σ cᵢ·gainᵢ.
fn line(points: &[(f64, f64, f64)]) -> (f64, f64, Vec<f64>) {
    let total: f64 = points.iter().map(|p| p.2).sum();
    let mean_x = points.iter().map(|p| p.2 * p.0).sum::<f64>() / total;
    let sxx: f64 = points.iter().map(|p| p.2 * (p.0 - mean_x).powi(2)).sum();
    let c: Vec<f64> = points.iter().map(|p| p.2 * (p.0 - mean_x) / sxx).collect();
    (total, mean_x, c)
}

/// Fits the line to `points` (rungs with 2+ seeds per arm) and predicts the
/// gain at `next_x` = log10(next size) for a new measurement with the largest
/// rung's seeds and spread. Needs at least two points.
pub fn fit_points(points: &[TrendPoint], next_x: f64) -> Fit {
    let fit_points: Vec<(f64, f64, f64)> =
        points.iter().map(|p| (p.x, p.gain, p.weight())).collect();
    let (total, mean_x, c) = line(&fit_points);
    let slope: f64 = c.iter().zip(points).map(|(c, p)| c * p.gain).sum();
    let mean_gain = points.iter().map(|p| p.weight() * p.gain).sum::<f64>() / total;
    let intercept = mean_gain - slope * mean_x;
    let slope_parts: Vec<Component> = c
        .iter()
        .zip(points)
        .flat_map(|(c, p)| p.components(c * c))
        .collect();
    let (slope_var, slope_df) = satterthwaite(&slope_parts);
    let slope_ci = interval(slope, slope_var, slope_df);
    // The fitted line at next_x plus a new measurement there: the largest
    // rung's variance estimate enters twice, so its coefficients are added,
    // not listed twice.
    let last = points.len() - 1;
    let next_parts: Vec<Component> = c
        .iter()
        .zip(points)
        .enumerate()
        .flat_map(|(i, (c, p))| {
            let d = p.weight() / total + (next_x - mean_x) * c;
            let new_run = if i == last { 1.0 } else { 0.0 };
            p.components(d * d + new_run)
        })
        .collect();
    let next_gain = intercept + slope * next_x;
    let (next_var, next_df) = satterthwaite(&next_parts);
    Fit {
        slope,
        intercept,
        slope_ci: Some((slope_ci, slope_df)),
        mean_gain,
        rungs_used: points.len(),
        next_gain,
        next_pi: Some(interval(next_gain, next_var, next_df)),
    }
}

/// The line through every rung's gain when fewer than two rungs have an
/// interval: a slope and a prediction, without intervals.
fn fit_without_intervals(rungs: &[RungGain], next_x: f64) -> Fit {
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
    Fit {
        slope,
        intercept,
        slope_ci: None,
        mean_gain,
        rungs_used: fit_points.len(),
        next_gain: intercept + slope * next_x,
        next_pi: None,
    }
}

/// Is a straight line a fair summary? Tests each rung's residual
/// (Bonferroni over rungs) against its own Satterthwaite variance.
fn linearity_warnings(points: &[TrendPoint], fit: &Fit) -> Vec<String> {
    let fit_points: Vec<(f64, f64, f64)> =
        points.iter().map(|p| (p.x, p.gain, p.weight())).collect();
    let (total, mean_x, c) = line(&fit_points);
    let k = points.len();
    let upper = 1.0 - (1.0 - 0.95) / (2.0 * k as f64);
    let mut warnings = Vec::new();
    for (i, p) in points.iter().enumerate() {
        let fitted = fit.intercept + fit.slope * p.x;
        let parts: Vec<Component> = c
            .iter()
            .zip(points)
            .enumerate()
            .flat_map(|(j, (cj, q))| {
                let h = q.weight() / total + (p.x - mean_x) * cj;
                let a = if i == j { 1.0 - h } else { -h };
                q.components(a * a)
            })
            .collect();
        let (var, df) = satterthwaite(&parts);
        if let Some(df) = df {
            if (p.gain - fitted).abs() > student_t_quantile(upper, df) * var.sqrt() {
                let d = format::decimals_for(None, p.gain.abs().max(fitted.abs())).max(1);
                warnings.push(format!(
                    "At {} the gain ({}) is off the straight line through the other rungs \
                     (about {}): the gain does not change linearly with log scale, so read the \
                     slope as an average trend.",
                    format::size(10f64.powf(p.x)),
                    format::signed(p.gain, d, true),
                    format::signed(fitted, d, true)
                ));
            }
        }
    }
    warnings
}

/// The trend through the compared rungs, with its warnings.
pub fn fit(
    points: &[TrendPoint],
    rungs: &[RungGain],
    next_x: f64,
    warnings: &mut Vec<String>,
) -> Fit {
    if points.len() < 2 {
        warnings.push(
            "The trend has no interval: fewer than two rungs have at least 2 seeds in each arm."
                .to_owned(),
        );
        return fit_without_intervals(rungs, next_x);
    }
    let fit = fit_points(points, next_x);
    if points.len() >= 3 {
        warnings.extend(linearity_warnings(points, &fit));
    } else {
        warnings.push(
            "With two rungs the trend is the line through them; a third rung would show whether \
             it is straight."
                .to_owned(),
        );
    }
    fit
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(x: f64, gain: f64) -> TrendPoint {
        TrendPoint {
            x,
            gain,
            arms: [(0.04, 5.0), (0.04, 5.0)],
        }
    }

    #[test]
    fn a_straight_line_is_recovered() {
        let points: Vec<TrendPoint> = (0..4)
            .map(|i| point(8.0 + f64::from(i), 1.0 + 0.5 * f64::from(i)))
            .collect();
        let f = fit_points(&points, 12.0);
        assert!((f.slope - 0.5).abs() < 1e-12);
        assert!((f.next_gain - 3.0).abs() < 1e-12);
        assert!((f.mean_gain - 1.75).abs() < 1e-12);
        let ((lo, hi), _) = f.slope_ci.expect("interval");
        assert!(lo < 0.5 && 0.5 < hi);
        let (plo, phi) = f.next_pi.expect("interval");
        assert!(plo < 3.0 && 3.0 < phi);
        assert!(linearity_warnings(&points, &f).is_empty());
    }

    #[test]
    fn more_seeds_narrow_the_slope() {
        let few: Vec<TrendPoint> = (0..3).map(|i| point(8.0 + f64::from(i), 1.0)).collect();
        let mut many = few.clone();
        many[0].arms = [(0.04, 50.0), (0.04, 50.0)];
        let width = |p: &[TrendPoint]| {
            let ((lo, hi), _) = fit_points(p, 11.0).slope_ci.expect("interval");
            hi - lo
        };
        assert!(width(&many) < width(&few));
    }
}
