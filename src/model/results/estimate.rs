//! How seed noise reaches every estimate. Each estimate (a rung's gain or
//! compute multiplier, the trend's slope, a prediction) is, to first order,
//! a linear combination of the rungs' arm means; its variance is the same
//! combination of the means' variances (and, where the arms' seeds are
//! paired, their covariance), with Welch–Satterthwaite degrees of freedom
//! (Satterthwaite 1946; Welch 1947).

use super::t_dist::student_t_quantile;

/// Two-sided 95% intervals everywhere: the upper quantile used is 0.975.
pub const UPPER: f64 = 0.975;

/// One variance component of an estimate: coefficient × (s²/n), with n − 1 df.
#[derive(Clone, Copy, Debug)]
pub struct Component {
    pub coefficient: f64,
    pub variance_of_mean: f64,
    pub df: f64,
}

/// The variance Σ aᵢ·s²ᵢ/nᵢ of a linear combination of independent means, and
/// its Welch–Satterthwaite degrees of freedom (Satterthwaite 1946, eq. 17;
/// Welch 1947). `None` df when the variance is zero or not finite (the
/// caller refuses values that large before they get here).
pub fn satterthwaite(components: &[Component]) -> (f64, Option<f64>) {
    let variance: f64 = components
        .iter()
        .map(|c| c.coefficient * c.variance_of_mean)
        .sum();
    if !(variance.is_finite() && variance > 0.0) {
        return (variance.max(0.0), None);
    }
    // Dividing by the variance first keeps tiny variances from underflowing.
    let inverse_df: f64 = components
        .iter()
        .map(|c| (c.coefficient * c.variance_of_mean / variance).powi(2) / c.df)
        .sum();
    (variance, Some(1.0 / inverse_df))
}

/// A 95% t interval around `estimate`; zero width when there is no spread at all.
pub fn interval(estimate: f64, variance: f64, df: Option<f64>) -> (f64, f64) {
    match df {
        Some(df) => {
            let half = student_t_quantile(UPPER, df) * variance.sqrt();
            (estimate - half, estimate + half)
        }
        None => (estimate, estimate),
    }
}

/// The seed noise of one rung's two means.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RungNoise {
    /// Variance of the method's mean (s²/n), and of the baseline's.
    pub method: f64,
    pub baseline: f64,
    /// Covariance of the two means when every seed ran in both arms
    /// (paired seeds: same data order and initialisation), else `None`.
    pub paired: Option<f64>,
    /// Seeds in each arm.
    pub n_method: f64,
    pub n_baseline: f64,
}

impl RungNoise {
    /// The same spreads measured with at least `n` seeds per arm.
    pub fn with_seeds(&self, n: f64) -> Self {
        let (nm, nb) = (self.n_method.max(n), self.n_baseline.max(n));
        let (sm, sb) = (self.n_method / nm, self.n_baseline / nb);
        Self {
            method: self.method * sm,
            baseline: self.baseline * sb,
            // Paired rungs have one count; the covariance shrinks with it.
            paired: self.paired.map(|c| c * sm),
            n_method: nm,
            n_baseline: nb,
        }
    }

    /// The variance components of `a`·method mean + `b`·baseline mean.
    fn components(&self, [a, b]: [f64; 2], out: &mut Vec<Component>) {
        match self.paired {
            Some(cov) => out.push(Component {
                coefficient: 1.0,
                variance_of_mean: (a * a * self.method + b * b * self.baseline + 2.0 * a * b * cov)
                    .max(0.0),
                df: self.n_method - 1.0,
            }),
            None => {
                for (c, v, n) in [
                    (a, self.method, self.n_method),
                    (b, self.baseline, self.n_baseline),
                ] {
                    if c != 0.0 {
                        out.push(Component {
                            coefficient: c * c,
                            variance_of_mean: v,
                            df: n - 1.0,
                        });
                    }
                }
            }
        }
    }
}

/// Per rung, the derivative of one estimate with respect to the method's
/// and the baseline's means there.
pub type Coefficients = Vec<[f64; 2]>;

/// `Σ weightᵢ · coefficientsᵢ`: the coefficients of a weighted sum of estimates.
pub fn combine<'a>(
    parts: impl IntoIterator<Item = (f64, &'a Coefficients)>,
    rungs: usize,
) -> Coefficients {
    let mut total = vec![[0.0; 2]; rungs];
    for (weight, coefficients) in parts {
        for (t, c) in total.iter_mut().zip(coefficients) {
            t[0] += weight * c[0];
            t[1] += weight * c[1];
        }
    }
    total
}

/// The seed-noise variance components of an estimate with these coefficients.
pub fn components(noise: &[RungNoise], coefficients: &Coefficients) -> Vec<Component> {
    let mut out = Vec::new();
    for (n, c) in noise.iter().zip(coefficients) {
        if c[0] != 0.0 || c[1] != 0.0 {
            n.components(*c, &mut out);
        }
    }
    out
}

/// Variance and Satterthwaite degrees of freedom of an estimate. Arms with
/// one seed have no measured spread and add nothing (callers give no
/// interval at a rung where an arm has one seed, and say so).
pub fn variance(noise: &[RungNoise], coefficients: &Coefficients) -> (f64, Option<f64>) {
    let mut parts = components(noise, coefficients);
    parts.retain(|c| c.df >= 1.0);
    satterthwaite(&parts)
}

/// The 95% t interval of an estimate.
pub fn ci(value: f64, noise: &[RungNoise], coefficients: &Coefficients) -> (f64, f64) {
    let (v, df) = variance(noise, coefficients);
    interval(value, v, df)
}

/// Variance per seed of an estimate if every arm had unit spread: the
/// structure of its noise (seed counts and the curve's slope) without the
/// spreads' own sampling noise, which with 2–5 seeds would favour rungs that
/// look precise by chance. Its inverse weights the trend.
pub fn structural_variance(noise: &[RungNoise], coefficients: &Coefficients) -> f64 {
    noise
        .iter()
        .zip(coefficients)
        .map(|(n, [a, b])| a * a / n.n_method + b * b / n.n_baseline)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn noise(paired: Option<f64>) -> RungNoise {
        RungNoise {
            method: 0.2,
            baseline: 0.3,
            paired,
            n_method: 5.0,
            n_baseline: 5.0,
        }
    }

    #[test]
    fn an_unpaired_difference_is_welch() {
        let (v, df) = variance(&[noise(None)], &vec![[1.0, -1.0]]);
        assert!((v - 0.5).abs() < 1e-12);
        // Welch–Satterthwaite: 0.25 / (0.04/4 + 0.09/4) = 7.69…
        assert!((df.expect("spread") - 0.25 / (0.13 / 4.0)).abs() < 1e-9);
    }

    #[test]
    fn pairing_removes_shared_noise_and_uses_n_minus_one() {
        let (v, df) = variance(&[noise(Some(0.2))], &vec![[1.0, -1.0]]);
        assert!((v - 0.1).abs() < 1e-12);
        assert_eq!(df, Some(4.0));
    }

    #[test]
    fn more_seeds_shrink_the_variance_in_proportion() {
        let more = noise(Some(0.1)).with_seeds(10.0);
        assert!(
            (more.method - 0.1).abs() < 1e-12
                && (more.paired.expect("paired") - 0.05).abs() < 1e-12
        );
        let (v, _) = variance(&[more], &vec![[1.0, -1.0]]);
        assert!((v - 0.5 * 0.3).abs() < 1e-12);
    }

    #[test]
    fn an_arm_with_one_seed_adds_no_variance() {
        let one = RungNoise {
            n_method: 1.0,
            method: 0.0,
            ..noise(None)
        };
        let (v, df) = variance(&[one], &vec![[1.0, -1.0]]);
        assert!((v - 0.3).abs() < 1e-12 && df == Some(4.0));
    }

    #[test]
    fn satterthwaite_of_equal_parts_adds_their_df() {
        let part = Component {
            coefficient: 1.0,
            variance_of_mean: 0.5,
            df: 4.0,
        };
        let (v, df) = satterthwaite(&[part, part]);
        assert_eq!(v, 1.0);
        assert!((df.expect("spread") - 8.0).abs() < 1e-12);
        assert_eq!(
            satterthwaite(&[Component {
                variance_of_mean: 0.0,
                ..part
            }])
            .1,
            None
        );
    }

    #[test]
    fn interval_is_symmetric_with_the_t_quantile() {
        let (lo, hi) = interval(1.0, 4.0, Some(10.0));
        assert!((hi - 1.0 - 2.0 * 2.228_138_852).abs() < 1e-8);
        assert!((1.0 - lo - (hi - 1.0)).abs() < 1e-12);
        assert_eq!(interval(3.0, 0.0, None), (3.0, 3.0));
    }
}
