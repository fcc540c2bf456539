//! The compute multiplier at each rung: how much more compute the baseline
//! would need to reach the method's value there (1 = no gain). This is how
//! scaling-law papers report a method's worth (Kaplan et al. 2020; Hoffmann
//! et al. 2022; Porian et al. 2024), and what a constant gain looks like on a
//! loss that follows a power law: the gap in loss shrinks with scale while
//! the multiplier stays.
//!
//! The baseline's curve (`curve`) is fitted to its rung means against
//! log10(compute); a rung's multiplier is the horizontal distance, in
//! decades of compute, between the method's and the baseline's values on that
//! curve. Seed noise reaches it through both means and through the fit: the
//! fit's part by central differences of a refit, so intervals and trends
//! propagate it like any other linear combination (`estimate`).

use super::curve::{fit, Curve};
use super::estimate::Coefficients;
use super::trend::{fit_line, Series};
use super::welch::Compared;

/// Why a rung has no multiplier lives with the other notes (welch.rs marks rungs with it).
pub use super::note::NoMultiplier;

/// The multipliers of every rung, as log10 values with their coefficients.
pub struct Multipliers {
    pub curve: Curve,
    /// log10 of each rung's multiplier, with its coefficients on the means.
    pub series: Series,
    /// Per rung: true when the method's value needs the curve beyond the
    /// baseline's own rungs.
    pub extrapolated: Vec<bool>,
}

/// Relative step of the central differences through the fit: small against
/// any seed spread, large against the fit's own precision (1e-9). Ours.
const STEP: f64 = 1e-5;

/// Most decades of compute a multiplier may span: beyond a millionfold the
/// curve is read so far from its rungs that the number means nothing. Ours.
const MOST_DECADES: f64 = 6.0;

/// log10 multipliers at every rung under one fit of the baseline means `ys`.
fn log_multipliers(curve: &Curve, methods: &[f64], ys: &[f64]) -> Vec<Option<f64>> {
    methods
        .iter()
        .zip(ys)
        .map(|(m, b)| {
            let q = curve.compute_for(*m)? - curve.compute_for(*b)?;
            (q.abs() <= MOST_DECADES).then_some(q)
        })
        .collect()
}

/// Whether the baseline clearly improves with scale: the least-squares
/// slope of its means against log scale is below zero with its 95%
/// interval. Without that, any curve through them is noise, and so is
/// the compute read off it.
fn baseline_improves(compared: &Compared, xs: &[f64]) -> bool {
    let means = compared
        .rungs
        .iter()
        .map(|r| Some(r.baseline_mean))
        .collect();
    let series = Series::per_rung(means, [0.0, 1.0]);
    let k = compared.rungs.len();
    let all_rungs = vec![true; k];
    fit_line(xs, &series, &compared.noise, &all_rungs)
        .and_then(|line| line.slope_ci)
        .is_some_and(|((_, hi), _)| hi < 0.0)
}

/// The compute multiplier at every rung, or why there is none.
/// `compute_exponent`: how compute grows with the scale column (2 on the
/// pretraining axis, where data grows with the model: C = 6·N·20N; 1 on data
/// or fine-tuning axes, where one factor of C = 6·N·D grows).
pub fn multipliers(
    compared: &Compared,
    compute_exponent: f64,
    higher_is_better: bool,
) -> Result<Multipliers, NoMultiplier> {
    if higher_is_better {
        return Err(NoMultiplier::HigherIsBetter);
    }
    let rungs = &compared.rungs;
    let ys: Vec<f64> = rungs.iter().map(|r| r.baseline_mean).collect();
    let methods: Vec<f64> = rungs.iter().map(|r| r.method_mean).collect();
    if ys.iter().chain(&methods).any(|v| v.is_nan() || *v <= 0.0) {
        return Err(NoMultiplier::NotPositive);
    }
    let xs: Vec<f64> = rungs
        .iter()
        .map(|r| compute_exponent * r.params.log10())
        .collect();
    let ws: Vec<f64> = rungs.iter().map(|r| r.n_baseline as f64).collect();
    if !baseline_improves(compared, &xs) {
        return Err(NoMultiplier::BaselineFlat);
    }
    let curve = fit(&xs, &ys, &ws).ok_or(NoMultiplier::BaselineFlat)?;
    let values = log_multipliers(&curve, &methods, &ys);
    let k = rungs.len();
    let mut coefficients: Vec<Coefficients> = vec![vec![[0.0; 2]; k]; k];
    for (r, c) in coefficients.iter_mut().enumerate() {
        c[r][0] = curve.decades_per_unit(methods[r]).unwrap_or(0.0);
    }
    // Each baseline mean moves its own rung's value and, through the refit, every rung's.
    for j in 0..k {
        let h = STEP * ys[j];
        let shifted = |sign: f64| {
            let mut moved = ys.clone();
            moved[j] += sign * h;
            fit(&xs, &moved, &ws).map(|c| log_multipliers(&c, &methods, &moved))
        };
        if let (Some(up), Some(down)) = (shifted(1.0), shifted(-1.0)) {
            for (r, c) in coefficients.iter_mut().enumerate() {
                if let (Some(u), Some(d)) = (up[r], down[r]) {
                    c[j][1] = (u - d) / (2.0 * h);
                }
            }
        }
    }
    let (lowest, highest) = xs
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
            (lo.min(*x), hi.max(*x))
        });
    // A little slack: a method a hair beyond the largest rung is not an extrapolation.
    let slack = 0.01 * (highest - lowest);
    let extrapolated = methods
        .iter()
        .map(|m| {
            curve
                .compute_for(*m)
                .is_some_and(|x| x > highest + slack || x < lowest - slack)
        })
        .collect();
    Ok(Multipliers {
        curve,
        series: Series {
            values,
            coefficients,
        },
        extrapolated,
    })
}
