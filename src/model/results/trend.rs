//! The trend of a per-rung estimate (the gain, or log10 of the compute
//! multiplier) with scale: the weighted least-squares line against
//! log10(scale), and predictions from it.
//!
//! Its interval counts two kinds of noise. Seed noise reaches the slope as a
//! linear combination of the rungs' means (`estimate`). Anything shared by
//! all seeds of one arm at one rung (its tuned learning rate, its data order,
//! the rung's luck) scatters the rungs around the line instead; the residual
//! variance measures it with k − 2 degrees of freedom. The interval uses the
//! larger of the two, as the modified Knapp–Hartung meta-regression does
//! (Knapp & Hartung 2003; Röver et al. 2015), and so do the predictions,
//! so a bent line widens them (Bouthillier et al. 2021 on variance sources).

use super::estimate::{
    combine, components, interval, satterthwaite, structural_variance, Coefficients, Component,
    RungNoise,
};

/// Per-rung estimates of one quantity, each with its coefficients on the
/// rungs' means. `None` where the quantity is not defined at a rung.
#[derive(Clone, Debug, Default)]
pub struct Series {
    pub values: Vec<Option<f64>>,
    pub coefficients: Vec<Coefficients>,
}

impl Series {
    /// Values that each depend on their own rung's means only, with the
    /// same `coefficient` (method, baseline): gains, or one arm's means.
    pub fn per_rung(values: Vec<Option<f64>>, coefficient: [f64; 2]) -> Self {
        let k = values.len();
        let coefficients = (0..k)
            .map(|i| {
                let mut c = vec![[0.0; 2]; k];
                c[i] = coefficient;
                c
            })
            .collect();
        Self {
            values,
            coefficients,
        }
    }
}

/// A fitted line.
#[derive(Clone, Debug)]
pub struct Line {
    pub slope: f64,
    pub intercept: f64,
    /// The slope's 95% interval and its degrees of freedom.
    pub slope_ci: Option<((f64, f64), Option<f64>)>,
    /// Indices of the rungs it was fitted to.
    pub used: Vec<usize>,
    /// True when the rungs scatter around the line more than seed noise
    /// explains, so the residual variance set the slope's interval.
    pub scattered: bool,
    /// The residual variance per unit weight, with k − 2 degrees of freedom
    /// (`None` with two rungs, which leave none).
    residual: Option<(f64, f64)>,
    weights: Vec<f64>,
    mean_x: f64,
    slope_coefficients: Vec<f64>,
}

impl Line {
    /// The fitted value at `x`.
    pub fn at(&self, x: f64) -> f64 {
        self.intercept + self.slope * x
    }

    /// Weights of the used rungs' estimates in the fitted value at `x`.
    fn weights_at(&self, x: f64) -> Vec<f64> {
        let total: f64 = self.weights.iter().sum();
        self.weights
            .iter()
            .zip(&self.slope_coefficients)
            .map(|(w, c)| w / total + (x - self.mean_x) * c)
            .collect()
    }

    /// The larger of the seed-based variance of an estimate (its components)
    /// and the residual-based one (`Σ dᵢ²/wᵢ`, plus `extra` per-weight
    /// units), with the degrees of freedom of whichever is used; and whether
    /// the residual one was.
    fn larger(&self, mut parts: Vec<Component>, residual_units: f64) -> (f64, Option<f64>, bool) {
        parts.retain(|c| c.df >= 1.0);
        let (seed, seed_df) = satterthwaite(&parts);
        match self.residual {
            Some((per_weight, df)) if per_weight * residual_units > seed => {
                (per_weight * residual_units, Some(df), true)
            }
            _ => (seed, seed_df, false),
        }
    }
}

/// Fits the line to the rungs in `usable` (those with an interval) where the
/// series is defined, at `xs` = log10(scale). `None` with fewer than two.
pub fn fit_line(xs: &[f64], series: &Series, noise: &[RungNoise], usable: &[bool]) -> Option<Line> {
    let used: Vec<usize> = (0..xs.len())
        .filter(|&i| usable[i] && series.values[i].is_some())
        .collect();
    if used.len() < 2 {
        return None;
    }
    let value = |i: usize| series.values[i].unwrap_or(0.0);
    let weights: Vec<f64> = used
        .iter()
        .map(|&i| 1.0 / structural_variance(noise, &series.coefficients[i]).max(f64::MIN_POSITIVE))
        .collect();
    let total: f64 = weights.iter().sum();
    let mean_x = used
        .iter()
        .zip(&weights)
        .map(|(&i, w)| w * xs[i])
        .sum::<f64>()
        / total;
    let sxx: f64 = used
        .iter()
        .zip(&weights)
        .map(|(&i, w)| w * (xs[i] - mean_x).powi(2))
        .sum();
    if sxx.is_nan() || sxx <= 0.0 {
        return None;
    }
    let slope_coefficients: Vec<f64> = used
        .iter()
        .zip(&weights)
        .map(|(&i, w)| w * (xs[i] - mean_x) / sxx)
        .collect();
    let slope: f64 = used
        .iter()
        .zip(&slope_coefficients)
        .map(|(&i, c)| c * value(i))
        .sum();
    let mean_value = used
        .iter()
        .zip(&weights)
        .map(|(&i, w)| w * value(i))
        .sum::<f64>()
        / total;
    let intercept = mean_value - slope * mean_x;
    let k = used.len();
    let residual = (k > 2).then(|| {
        let scatter: f64 = used
            .iter()
            .zip(&weights)
            .map(|(&i, w)| w * (value(i) - intercept - slope * xs[i]).powi(2))
            .sum();
        (scatter / (k - 2) as f64, (k - 2) as f64)
    });
    let mut line = Line {
        slope,
        intercept,
        slope_ci: None,
        used,
        scattered: false,
        residual,
        weights,
        mean_x,
        slope_coefficients,
    };
    let coefficients = combine(
        line.used
            .iter()
            .zip(&line.slope_coefficients)
            .map(|(&i, c)| (*c, &series.coefficients[i])),
        xs.len(),
    );
    // Var(slope) from the residuals is σ²/Sxx in per-weight units.
    let (variance, df, scattered) = line.larger(components(noise, &coefficients), 1.0 / sxx);
    line.slope_ci = Some((interval(slope, variance, df), df));
    line.scattered = scattered;
    Some(line)
}

/// The value predicted at `x` and its 95% prediction interval for a new
/// measurement with the seed noise of rung `like` (the largest used rung).
pub fn predict(
    line: &Line,
    series: &Series,
    noise: &[RungNoise],
    x: f64,
    like: usize,
) -> (f64, (f64, f64)) {
    let at = line.weights_at(x);
    let fitted = combine(
        line.used
            .iter()
            .zip(&at)
            .map(|(&i, d)| (*d, &series.coefficients[i])),
        noise.len(),
    );
    let mut parts = components(noise, &fitted);
    // The new measurement is independent of the ones fitted.
    parts.extend(components(noise, &series.coefficients[like]));
    let like_weight = line
        .used
        .iter()
        .position(|&i| i == like)
        .map_or(f64::INFINITY, |j| line.weights[j]);
    let units = at
        .iter()
        .zip(&line.weights)
        .map(|(d, w)| d * d / w)
        .sum::<f64>()
        + 1.0 / like_weight;
    let (variance, df, _) = line.larger(parts, units);
    let value = line.at(x);
    (value, interval(value, variance, df))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gain_series(gains: &[f64]) -> (Series, Vec<RungNoise>) {
        let k = gains.len();
        let coefficients = (0..k)
            .map(|i| {
                let mut c = vec![[0.0; 2]; k];
                c[i] = [1.0, -1.0];
                c
            })
            .collect();
        let noise = RungNoise {
            method: 0.01,
            baseline: 0.01,
            paired: None,
            n_method: 5.0,
            n_baseline: 5.0,
        };
        (
            Series {
                values: gains.iter().map(|g| Some(*g)).collect(),
                coefficients,
            },
            vec![noise; k],
        )
    }

    #[test]
    fn a_straight_line_is_recovered_and_scatter_does_not_widen_it() {
        let (s, noise) = gain_series(&[1.0, 1.5, 2.0, 2.5]);
        let xs = [8.0, 9.0, 10.0, 11.0];
        let line = fit_line(&xs, &s, &noise, &[true; 4]).expect("line");
        assert!((line.slope - 0.5).abs() < 1e-12 && (line.at(12.0) - 3.0).abs() < 1e-12);
        assert!(!line.scattered);
        let ((lo, hi), _) = line.slope_ci.expect("interval");
        assert!(lo < 0.5 && 0.5 < hi);
        let (p, (plo, phi)) = predict(&line, &s, &noise, 12.0, 3);
        assert!((p - 3.0).abs() < 1e-12 && plo < 3.0 && 3.0 < phi);
    }

    #[test]
    fn scatter_beyond_seed_noise_widens_the_interval_with_k_minus_2_df() {
        let xs = [8.0, 9.0, 10.0, 11.0];
        let (straight, noise) = gain_series(&[1.0, 1.0, 1.0, 1.0]);
        let (bent, _) = gain_series(&[1.0, 2.0, 0.5, 1.5]);
        let width = |s: &Series| {
            let line = fit_line(&xs, s, &noise, &[true; 4]).expect("line");
            let ((lo, hi), df) = line.slope_ci.expect("interval");
            (hi - lo, df, line.scattered)
        };
        let (w0, _, scattered0) = width(&straight);
        let (w1, df1, scattered1) = width(&bent);
        assert!(!scattered0);
        assert!(scattered1 && df1 == Some(2.0) && w1 > 5.0 * w0);
    }
}
