//! The baseline's scaling curve, fitted to its rung means, and its inverse:
//! what compute the baseline would need to reach a given value. This is what
//! turns a gap in loss into a compute multiplier (Kaplan et al. 2020;
//! Hoffmann et al. 2022, who report gains as "effective compute").
//!
//! The curve is y = E + 10^(a − b·x), x = log10(compute), with b > 0: a
//! power law in compute that saturates at an irreducible value E (Hoffmann
//! et al. 2022, eq. 2, along a fixed tokens-per-parameter ladder). Three or
//! more rungs fit E; with two, E = 0 (a pure power law, a straight line in
//! log–log scale through the rungs: a local fit that is only trusted near
//! them).

use serde::{Deserialize, Serialize};

/// Which form of the curve was fitted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CurveKind {
    /// y = E + 10^(a − b·x) with E fitted (three or more rungs).
    Saturating,
    /// y = 10^(a − b·x): a straight line in log–log scale (two rungs).
    Local,
}

/// Rungs with a baseline mean needed to fit the floor E as well: three
/// parameters through three rungs. A pure power law (E = 0) through a loss
/// with a floor reads a constant 2x as falling from 2.1x to 1.8x over a
/// decade (Chinchilla's law, 71M to 320M), so the floor is fitted as soon
/// as it can be. Ours.
pub const RUNGS_FOR_SATURATING: usize = 3;

/// A fitted baseline curve.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Curve {
    pub kind: CurveKind,
    /// The irreducible value E the curve approaches (0 for a local fit).
    pub floor: f64,
    /// a: log10(y − E) at x = 0.
    pub intercept: f64,
    /// b: how fast y − E falls per tenfold compute.
    pub exponent: f64,
}

impl Curve {
    /// The curve's value at `x` = log10(compute).
    pub fn value(&self, x: f64) -> f64 {
        self.floor + 10f64.powf(self.intercept - self.exponent * x)
    }

    /// log10 of the compute at which the curve reaches `y`; `None` at or
    /// below the floor, which no compute reaches.
    pub fn compute_for(&self, y: f64) -> Option<f64> {
        (y > self.floor).then(|| (self.intercept - (y - self.floor).log10()) / self.exponent)
    }

    /// d(log10 compute)/dy at `y`: how many decades of compute one unit of
    /// the metric is worth there (negative: lower values need more compute).
    pub fn decades_per_unit(&self, y: f64) -> Option<f64> {
        (y > self.floor)
            .then(|| -1.0 / (self.exponent * std::f64::consts::LN_10 * (y - self.floor)))
    }
}

/// Weighted least squares of log10(y − floor) on x: (intercept, slope).
fn log_line(xs: &[f64], ys: &[f64], ws: &[f64], floor: f64) -> Option<(f64, f64)> {
    let zs: Vec<f64> = ys.iter().map(|y| (y - floor).log10()).collect();
    let total: f64 = ws.iter().sum();
    let mean_x = xs.iter().zip(ws).map(|(x, w)| w * x).sum::<f64>() / total;
    let mean_z = zs.iter().zip(ws).map(|(z, w)| w * z).sum::<f64>() / total;
    let (mut sxz, mut sxx) = (0.0, 0.0);
    for ((x, z), w) in xs.iter().zip(&zs).zip(ws) {
        sxz += w * (x - mean_x) * (z - mean_z);
        sxx += w * (x - mean_x).powi(2);
    }
    let slope = sxz / sxx;
    (slope.is_finite() && sxx > 0.0).then_some((mean_z - slope * mean_x, slope))
}

/// The curve with this floor, and its weighted squared error in the
/// metric's own units; `None` when the baseline does not fall with compute.
fn with_floor(
    xs: &[f64],
    ys: &[f64],
    ws: &[f64],
    floor: f64,
    kind: CurveKind,
) -> Option<(Curve, f64)> {
    let (intercept, slope) = log_line(xs, ys, ws, floor)?;
    let curve = Curve {
        kind,
        floor,
        intercept,
        exponent: -slope,
    };
    if !(curve.exponent > 0.0 && curve.exponent.is_finite() && intercept.is_finite()) {
        return None;
    }
    let error = xs
        .iter()
        .zip(ys)
        .zip(ws)
        .map(|((x, y), w)| w * (y - curve.value(*x)).powi(2))
        .sum::<f64>();
    Some((curve, error))
}

/// Grid points, then golden-section steps, when searching the floor: about
/// 1e-9 of the search interval, far finer than the finite differences that
/// propagate seed noise through the fit (`multiplier`). Ours.
const FLOOR_GRID: usize = 24;
const GOLDEN_STEPS: usize = 48;

/// Fits the baseline curve to rung means `ys` (all > 0, lower is better) at
/// `xs` = log10(compute), weighted by `ws` (seeds per rung). `None` when the
/// baseline does not improve with compute.
///
/// ```
/// use evidence_ladder::model::results::curve::{fit, CurveKind};
/// let xs = [18.0, 19.0, 20.0, 21.0];
/// let ys: Vec<f64> = xs.iter().map(|x| 1.7 + 10f64.powf(4.0 - 0.2 * x)).collect();
/// let c = fit(&xs, &ys, &[1.0; 4]).unwrap();
/// assert_eq!(c.kind, CurveKind::Saturating);
/// assert!((c.floor - 1.7).abs() < 1e-3 && (c.exponent - 0.2).abs() < 1e-3);
/// ```
pub fn fit(xs: &[f64], ys: &[f64], ws: &[f64]) -> Option<Curve> {
    let lowest = ys.iter().copied().fold(f64::INFINITY, f64::min);
    if xs.len() < 2 || lowest.is_nan() || lowest <= 0.0 {
        return None;
    }
    let local = with_floor(xs, ys, ws, 0.0, CurveKind::Local);
    if xs.len() < RUNGS_FOR_SATURATING {
        return local.map(|(c, _)| c);
    }
    let kind = CurveKind::Saturating;
    let error = |floor: f64| with_floor(xs, ys, ws, floor, kind).map_or(f64::INFINITY, |(_, e)| e);
    // The floor lies in [0, lowest): search a grid, then refine around its best point.
    let top = lowest * (1.0 - 1e-6);
    let step = top / FLOOR_GRID as f64;
    let best = (0..=FLOOR_GRID)
        .map(|i| i as f64 * step)
        .min_by(|a, b| error(*a).total_cmp(&error(*b)))?;
    let (mut lo, mut hi) = ((best - step).max(0.0), (best + step).min(top));
    let ratio = (5f64.sqrt() - 1.0) / 2.0;
    for _ in 0..GOLDEN_STEPS {
        let (a, b) = (hi - ratio * (hi - lo), lo + ratio * (hi - lo));
        if error(a) <= error(b) {
            hi = b;
        } else {
            lo = a;
        }
    }
    with_floor(xs, ys, ws, 0.5 * (lo + hi), kind)
        .or(local)
        .map(|(c, _)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pure_power_law_is_recovered_from_two_rungs() {
        let xs = [19.0, 20.0];
        let ys = [4.0, 2.0];
        let c = fit(&xs, &ys, &[1.0, 1.0]).expect("falls");
        assert_eq!(c.kind, CurveKind::Local);
        assert!((c.exponent - 2f64.log10()).abs() < 1e-12);
        assert!((c.compute_for(2.0).expect("above floor") - 20.0).abs() < 1e-12);
        assert!((c.compute_for(1.0).expect("above floor") - 21.0).abs() < 1e-9);
    }

    #[test]
    fn a_baseline_that_does_not_improve_has_no_curve() {
        assert!(fit(&[19.0, 20.0, 21.0], &[2.0, 2.1, 2.2], &[1.0; 3]).is_none());
        assert!(fit(&[19.0, 20.0], &[0.0, -1.0], &[1.0; 2]).is_none());
    }

    #[test]
    fn nothing_reaches_below_the_floor() {
        let c = Curve {
            kind: CurveKind::Saturating,
            floor: 1.5,
            intercept: 1.0,
            exponent: 0.3,
        };
        assert!(c.compute_for(1.5).is_none() && c.compute_for(1.4).is_none());
        let x = c.compute_for(2.0).expect("above");
        assert!((c.value(x) - 2.0).abs() < 1e-12);
        // The derivative matches a finite difference of the inverse.
        let h = 1e-6;
        let numeric = (c.compute_for(2.0 + h).expect("above") - x) / h;
        assert!((numeric - c.decades_per_unit(2.0).expect("above")).abs() < 1e-4);
    }
}
