//! Seeds from a power analysis: how many runs per arm detect a given gain.

use serde::Serialize;

/// Quantile of the standard normal distribution (the inverse CDF), for 0 < p < 1.
///
/// Peter J. Acklam's rational approximation (2003), relative error below 1.2e-9,
/// ample for sample sizes that are rounded up to whole runs anyway.
///
/// ```
/// use evidence_ladder::model::stats::normal_quantile;
/// assert!((normal_quantile(0.975) - 1.959964).abs() < 1e-6);
/// ```
pub fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    const P_LOW: f64 = 0.02425;
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    if p < P_LOW {
        tail((-2.0 * p.ln()).sqrt())
    } else if p > 1.0 - P_LOW {
        -tail((-2.0 * (1.0 - p).ln()).sqrt())
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    }
}

/// Quantile of Student's t distribution with `df` degrees of freedom.
///
/// Cornish–Fisher expansion around the normal quantile (Abramowitz & Stegun
/// 26.7.5); for df ≥ 2 and the probabilities a power analysis uses it is
/// within 0.2% of the exact value, which does not change a rounded-up n.
/// A two-sample test has df = 2n − 2 ≥ 2, so df = 1 (whose closed form needs
/// `tan`, 6 KB of wasm) is not supported.
pub fn t_quantile(p: f64, df: f64) -> f64 {
    // Exact closed form where the expansion is weakest (Hill 1970).
    if df == 2.0 {
        return (2.0 * p - 1.0) / (2.0 * p * (1.0 - p)).sqrt();
    }
    let z = normal_quantile(p);
    let z2 = z * z;
    let g1 = (z2 + 1.0) * z / 4.0;
    let g2 = ((5.0 * z2 + 16.0) * z2 + 3.0) * z / 96.0;
    let g3 = (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) * z / 384.0;
    let g4 = ((((79.0 * z2 + 776.0) * z2 + 1482.0) * z2 - 1920.0) * z2 - 945.0) * z / 92160.0;
    z + g1 / df + g2 / df.powi(2) + g3 / df.powi(3) + g4 / df.powi(4)
}

/// Most runs per arm the power analysis reports; beyond this the gain is too
/// small to chase with seeds and the plan says so instead.
pub const MAX_SEEDS: u32 = 1_000_000;

/// The result of a power analysis for comparing two arms (method vs baseline).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PowerAnalysis {
    /// Cohen's d: smallest gain worth detecting divided by the seed-to-seed std.
    pub cohen_d: f64,
    /// Runs needed in each arm, rounded up; capped at [`MAX_SEEDS`].
    pub seeds_per_arm: u32,
    /// True when the cap was hit.
    pub capped: bool,
    pub method: &'static str,
}

const METHOD: &str = "Two-sided two-sample t-test with equal variances: the smallest n per arm \
whose power reaches the target, the noncentral t approximated as in Abramowitz & Stegun 26.7.10; \
agrees with G*Power's exact answer (d = 0.5, α = 0.05, power 0.8 gives 64).";

/// Power of a two-sided two-sample t-test with `n` runs per arm at effect size `d`.
///
/// The noncentral t distribution is approximated by a normal one (Abramowitz &
/// Stegun 26.7.10), which is within about 0.01 of the exact power from n = 3 on.
pub fn t_test_power(n: f64, d: f64, alpha: f64) -> f64 {
    let df = 2.0 * n - 2.0;
    let critical = t_quantile(1.0 - alpha / 2.0, df);
    let noncentrality = d * (n / 2.0).sqrt();
    let z = (critical * (1.0 - 1.0 / (4.0 * df)) - noncentrality)
        / (1.0 + critical * critical / (2.0 * df)).sqrt();
    1.0 - normal_cdf(z)
}

/// Standard normal CDF via the complementary error function (W. J. Cody's
/// rational approximation as given in Numerical Recipes, erfcc, |error| < 1.2e-7).
pub fn normal_cdf(z: f64) -> f64 {
    let x = z.abs() / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.5 * x);
    let poly = -x * x - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let erfc = t * poly.exp();
    if z >= 0.0 {
        1.0 - 0.5 * erfc
    } else {
        0.5 * erfc
    }
}

/// Seeds per arm to detect a gain of `effect` when runs vary by `noise` (one std),
/// with a two-sided test at level `alpha` and the given `power`.
///
/// ```
/// use evidence_ladder::model::stats::power_analysis;
/// // Cohen's d = 0.5 at α = 0.05 and power 0.8: G*Power says 64 per group.
/// assert_eq!(power_analysis(0.5, 1.0, 0.05, 0.8).seeds_per_arm, 64);
/// ```
pub fn power_analysis(effect: f64, noise: f64, alpha: f64, power: f64) -> PowerAnalysis {
    let d = effect / noise;
    // Start from the normal approximation 2(z₁₋α/₂ + z₁₋β)²/d², then walk to
    // the smallest n whose t-test power reaches the target; it moves a few steps at most.
    let z = normal_quantile(1.0 - alpha / 2.0) + normal_quantile(power);
    let start = (2.0 * z * z / (d * d)).ceil().max(2.0);
    if start.is_nan() || start > f64::from(MAX_SEEDS) {
        return PowerAnalysis {
            cohen_d: d,
            seeds_per_arm: MAX_SEEDS,
            capped: true,
            method: METHOD,
        };
    }
    let mut n = start;
    while n > 2.0 && t_test_power(n - 1.0, d, alpha) >= power {
        n -= 1.0;
    }
    while t_test_power(n, d, alpha) < power && n < f64::from(MAX_SEEDS) {
        n += 1.0;
    }
    PowerAnalysis {
        cohen_d: d,
        seeds_per_arm: n as u32,
        capped: false,
        method: METHOD,
    }
}

/// The smallest standardised effect (Cohen's d) that `n` seeds per arm detect
/// with a two-sided two-sample t-test at level `alpha` with the given power:
/// the d at which [`t_test_power`] reaches `power`, found by bisection.
///
/// ```
/// use evidence_ladder::model::stats::detectable_effect;
/// // G*Power 3.1, sensitivity: n = 5 per group, α 0.05, power 0.8 → d = 2.02.
/// assert!((detectable_effect(5, 0.05, 0.8) - 2.02).abs() < 0.03);
/// ```
pub fn detectable_effect(n: u32, alpha: f64, power: f64) -> f64 {
    let n = f64::from(n.max(2));
    // Power rises with d; at d = 50 every n ≥ 2 reaches any power below 0.999.
    let (mut low, mut high) = (0.0_f64, 50.0_f64);
    for _ in 0..60 {
        let mid = 0.5 * (low + high);
        if t_test_power(n, mid, alpha) >= power {
            high = mid;
        } else {
            low = mid;
        }
    }
    high
}

/// Seeds per arm for an equivalence test (two one-sided tests, TOST) to show
/// that two arms differ by less than `margin`, when they truly do not differ:
/// n = 2·(z₁₋α + z₁₋β/₂)²·σ²/δ², rounded up (Chow, Shao & Wang 2008,
/// Sample Size Calculations in Clinical Research, §3.2.3), at least 2.
///
/// ```
/// use evidence_ladder::model::stats::equivalence_seeds;
/// // δ/σ = 0.5, α 0.05, power 0.8: 2·(1.645 + 1.282)²/0.25 = 68.5 → 69.
/// assert_eq!(equivalence_seeds(0.5, 1.0, 0.05, 0.8).0, 69);
/// ```
pub fn equivalence_seeds(margin: f64, noise: f64, alpha: f64, power: f64) -> (u32, bool) {
    let d = margin / noise;
    let z = normal_quantile(1.0 - alpha) + normal_quantile(1.0 - (1.0 - power) / 2.0);
    let n = (2.0 * z * z / (d * d)).ceil().max(2.0);
    if n.is_finite() && n <= f64::from(MAX_SEEDS) {
        (n as u32, false)
    } else {
        (MAX_SEEDS, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_quantiles_match_tables() {
        // Standard normal table values.
        for (p, z) in [
            (0.5, 0.0),
            (0.8, 0.841_621_2),
            (0.9, 1.281_551_6),
            (0.975, 1.959_964_0),
            (0.995, 2.575_829_3),
            (0.01, -2.326_347_9),
        ] {
            assert!((normal_quantile(p) - z).abs() < 1e-6, "p={p}");
        }
    }

    #[test]
    fn t_quantiles_match_tables() {
        // Student's t table: two-sided 5% critical values and one-sided 80%.
        for (p, df, t) in [
            (0.975, 10.0, 2.228_139),
            (0.975, 30.0, 2.042_272),
            (0.975, 126.0, 1.978_971),
            (0.8, 10.0, 0.879_058),
            (0.8, 48.0, 0.848_923),
        ] {
            let got = t_quantile(p, df);
            assert!((got / t - 1.0).abs() < 2e-3, "p={p} df={df}: {got} vs {t}");
        }
    }

    #[test]
    fn matches_g_power() {
        // G*Power 3.1, t-test, two independent means, two-tailed, α 0.05, power 0.8.
        for (d, n) in [(0.2, 394), (0.5, 64), (0.8, 26), (1.0, 17), (2.0, 6)] {
            assert_eq!(power_analysis(d, 1.0, 0.05, 0.8).seeds_per_arm, n, "d={d}");
        }
    }

    #[test]
    fn power_rises_with_n() {
        let mut last = 0.0;
        for n in 3..200 {
            let p = t_test_power(f64::from(n), 0.5, 0.05);
            assert!(p >= last, "n={n}: {p} < {last}");
            last = p;
        }
        assert!((normal_cdf(1.959_964) - 0.975).abs() < 1e-6);
    }

    #[test]
    fn tiny_effects_are_capped() {
        let p = power_analysis(1e-9, 1e9, 0.05, 0.8);
        assert!(p.capped);
        assert_eq!(p.seeds_per_arm, MAX_SEEDS);
    }

    #[test]
    fn detectable_effect_matches_g_power() {
        // G*Power 3.1 sensitivity analysis, two independent means, two-tailed,
        // α 0.05, power 0.8: n per group → d.
        for (n, d) in [(5, 2.0244), (10, 1.3249), (20, 0.9091), (64, 0.4997)] {
            let got = detectable_effect(n, 0.05, 0.8);
            assert!((got - d).abs() < 0.02, "n={n}: {got} vs {d}");
        }
    }

    #[test]
    fn detectable_effect_inverts_the_power_analysis() {
        for n in [3, 5, 10, 40, 200] {
            let d = detectable_effect(n, 0.05, 0.8);
            assert!(power_analysis(d * 1.001, 1.0, 0.05, 0.8).seeds_per_arm <= n);
        }
    }

    #[test]
    fn huge_effects_need_two_runs() {
        assert_eq!(power_analysis(1e9, 1e-9, 0.05, 0.8).seeds_per_arm, 2);
    }
}
