//! Seeds from a power analysis: how many runs per arm detect a given gain, or
//! show two arms equivalent. Exact powers from the noncentral t distribution
//! (`model::t_dist`), the same t the results analysis uses.

use serde::Serialize;

pub use super::t_dist::{normal_cdf, normal_quantile, t_test_power, tost_power};

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
whose exact power (noncentral t) reaches the target, as G*Power computes it (d = 0.5, α = 0.05, \
power 0.8 gives 64).";

/// How [`equivalence_seeds`] counts, for the plan's assumptions.
pub const EQUIVALENCE_METHOD: &str = "Two one-sided tests (TOST) with the effect as the \
equivalence margin and no true difference: the smallest n per arm whose exact power (Owen 1965, \
noncentral t) reaches the target (margin d = 0.5 / 1 / 2 at α 0.05, power 0.8: 70 / 18 / 6).";

/// Most power evaluations [`smallest_n`] makes: doubling from the start to
/// [`MAX_SEEDS`] takes at most 20 steps (2²⁰ > 10⁶) and bisecting the bracket
/// as many again; the bound is what keeps a 43-character link from asking for
/// a million exact power integrals (issue 34).
pub const MAX_POWER_EVALUATIONS: u32 = 2 * 21 + 1;

/// The smallest n ≥ 2 with `power(n) ≥ target`, or `None` past [`MAX_SEEDS`].
/// Power rises with n, so a bracket found by doubling away from the normal
/// approximation `start` and then bisected gives the same n as stepping by
/// one, in at most [`MAX_POWER_EVALUATIONS`] evaluations.
fn smallest_n(start: f64, target: f64, power: impl Fn(f64) -> f64) -> Option<u32> {
    smallest_n_counted(start, target, power).0
}

/// [`smallest_n`] and how many times it evaluated `power`.
fn smallest_n_counted(start: f64, target: f64, power: impl Fn(f64) -> f64) -> (Option<u32>, u32) {
    let max = MAX_SEEDS;
    if !start.is_finite() || start > f64::from(max) {
        return (None, 0);
    }
    let mut calls = 0;
    let mut reaches = |n: u32| {
        calls += 1;
        power(f64::from(n)) >= target
    };
    // `low` never reaches the target (or is 1, below the smallest n), `high` does.
    let guess = (start.ceil().max(2.0) as u32).min(max);
    let (mut low, mut high);
    if reaches(guess) {
        high = guess;
        low = guess;
        let mut step = 1;
        loop {
            if low <= 2 {
                low = 1;
                break;
            }
            let next = low.saturating_sub(step).max(2);
            if !reaches(next) {
                low = next;
                break;
            }
            high = next;
            low = next;
            step *= 2;
        }
    } else {
        low = guess;
        let mut step = 1;
        loop {
            if low >= max {
                return (None, calls);
            }
            let next = low.saturating_add(step).min(max);
            if reaches(next) {
                high = next;
                break;
            }
            low = next;
            step *= 2;
        }
    }
    while high - low > 1 {
        let mid = low + (high - low) / 2;
        if reaches(mid) {
            high = mid;
        } else {
            low = mid;
        }
    }
    (Some(high), calls)
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
    // The normal approximation 2(z₁₋α/₂ + z₁₋β)²/d² starts the search.
    let z = normal_quantile(1.0 - alpha / 2.0) + normal_quantile(power);
    let n = smallest_n(2.0 * z * z / (d * d), power, |n| t_test_power(n, d, alpha));
    PowerAnalysis {
        cohen_d: d,
        seeds_per_arm: n.unwrap_or(MAX_SEEDS),
        capped: n.is_none(),
        method: METHOD,
    }
}

/// The smallest standardised effect (Cohen's d) that `n` seeds per arm detect
/// with a two-sided two-sample t-test at level `alpha` with the given power:
/// the d at which [`t_test_power`] reaches `power`, to 1e-9 in power, by the
/// Illinois variant of regula falsi (Dowell & Jarratt 1971), which needs about
/// ten power evaluations where bisection needs forty.
///
/// ```
/// use evidence_ladder::model::stats::detectable_effect;
/// // G*Power 3.1, sensitivity: n = 5 per group, α 0.05, power 0.8 → d = 2.0244.
/// assert!((detectable_effect(5, 0.05, 0.8) - 2.0244).abs() < 1e-3);
/// ```
pub fn detectable_effect(n: u32, alpha: f64, power: f64) -> f64 {
    // Every plan asks this for a handful of (n, α, power); each answer costs
    // about ten exact power integrals, so recent answers are kept.
    /// (n, α's bits, power's bits) and the answer.
    type Answer = ((u32, u64, u64), f64);
    thread_local! {
        static RECENT: std::cell::RefCell<Vec<Answer>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }
    const KEPT: usize = 32;
    let key = (n, alpha.to_bits(), power.to_bits());
    if let Some(d) = RECENT.with(|r| r.borrow().iter().find(|(k, _)| *k == key).map(|(_, d)| *d)) {
        return d;
    }
    let d = solve_detectable_effect(n, alpha, power);
    RECENT.with(|r| {
        let mut r = r.borrow_mut();
        if r.len() == KEPT {
            r.remove(0);
        }
        r.push((key, d));
    });
    d
}

fn solve_detectable_effect(n: u32, alpha: f64, power: f64) -> f64 {
    let n = f64::from(n.max(2));
    smallest_d(|d| t_test_power(n, d, alpha), power)
}

/// The smallest equivalence margin (in standard deviations) that `n` seeds
/// per arm can establish by TOST at this α and power, when the arms truly do
/// not differ: what a negative result's seeds can show.
///
/// ```
/// use evidence_ladder::model::stats::{equivalence_margin, equivalence_seeds};
/// let d = equivalence_margin(6, 0.05, 0.8);
/// assert_eq!(equivalence_seeds(d, 1.0, 0.05, 0.8).0, 6);
/// ```
pub fn equivalence_margin(n: u32, alpha: f64, power: f64) -> f64 {
    let n = f64::from(n.max(2));
    smallest_d(|d| tost_power(n, d, alpha), power)
}

/// The smallest d at which `power_at(d)`, rising with d, reaches `power`
/// (Illinois regula falsi on 0..50); 50 when even that falls short.
fn smallest_d(power_at: impl Fn(f64) -> f64, power: f64) -> f64 {
    let excess = |d: f64| power_at(d) - power;
    // Power rises with d; at d = 50 every n ≥ 2 reaches any power below 0.999.
    let (mut low, mut high) = (0.0_f64, 50.0_f64);
    let (mut f_low, mut f_high) = (excess(low), excess(high));
    if f_high < 0.0 {
        return high;
    }
    let mut side = 0;
    for _ in 0..100 {
        let d = (low * f_high - high * f_low) / (f_high - f_low);
        let f = excess(d);
        if f.abs() < 1e-9 || high - low < 1e-12 {
            // The smallest d whose power reaches the target: step up past rounding.
            return if f >= 0.0 { d } else { d + 1e-9 };
        }
        if f > 0.0 {
            high = d;
            f_high = f;
            if side == 1 {
                f_low /= 2.0;
            }
            side = 1;
        } else {
            low = d;
            f_low = f;
            if side == -1 {
                f_high /= 2.0;
            }
            side = -1;
        }
    }
    high
}

/// Seeds per arm for an equivalence test (two one-sided tests, TOST) to show
/// that two arms differ by less than `margin`, when they truly do not differ:
/// the smallest n whose exact TOST power reaches `power` (see [`tost_power`]),
/// at least 2; `(MAX_SEEDS, true)` when capped.
///
/// ```
/// use evidence_ladder::model::stats::equivalence_seeds;
/// // δ/σ = 0.5, α 0.05, power 0.8: 70 per arm (the normal approximation says 69).
/// assert_eq!(equivalence_seeds(0.5, 1.0, 0.05, 0.8), (70, false));
/// ```
pub fn equivalence_seeds(margin: f64, noise: f64, alpha: f64, power: f64) -> (u32, bool) {
    let d = margin / noise;
    // Chow, Shao & Wang (2008) §3.2.3: n ≈ 2·(z₁₋α + z₁₋β/₂)²/d² starts the search.
    let z = normal_quantile(1.0 - alpha) + normal_quantile(1.0 - (1.0 - power) / 2.0);
    match smallest_n(2.0 * z * z / (d * d), power, |n| tost_power(n, d, alpha)) {
        Some(n) => (n, false),
        None => (MAX_SEEDS, true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_g_power() {
        // G*Power 3.1, t-test, two independent means, two-tailed, α 0.05, power 0.8.
        for (d, n) in [(0.2, 394), (0.5, 64), (0.8, 26), (1.0, 17), (2.0, 6)] {
            assert_eq!(power_analysis(d, 1.0, 0.05, 0.8).seeds_per_arm, n, "d={d}");
        }
    }

    #[test]
    fn tost_seeds_are_exact() {
        // Exact TOST power (noncentral t), α 0.05 per test, power 0.8, no true difference.
        for (d, n) in [(0.5, 70), (1.0, 18), (1.5, 9), (2.0, 6), (2.5, 4)] {
            assert_eq!(equivalence_seeds(d, 1.0, 0.05, 0.8), (n, false), "d={d}");
            // One fewer seed falls short: the smallest n, not just enough.
            assert!(tost_power(f64::from(n - 1), d, 0.05) < 0.8, "d={d}");
        }
        // The issue's example: 5 seeds at d = 2 have power 0.78.
        assert!((tost_power(5.0, 2.0, 0.05) - 0.78).abs() < 0.01);
    }

    #[test]
    fn power_rises_with_n() {
        let mut last = 0.0;
        for n in 2..200 {
            let p = t_test_power(f64::from(n), 0.5, 0.05);
            assert!(p >= last, "n={n}: {p} < {last}");
            last = p;
        }
    }

    #[test]
    fn tiny_effects_are_capped() {
        let p = power_analysis(1e-9, 1e9, 0.05, 0.8);
        assert!(p.capped);
        assert_eq!(p.seeds_per_arm, MAX_SEEDS);
        assert_eq!(equivalence_seeds(1e-9, 1e9, 0.05, 0.8), (MAX_SEEDS, true));
    }

    #[test]
    fn detectable_effect_matches_g_power() {
        // G*Power 3.1 sensitivity analysis, two independent means, two-tailed,
        // α 0.05, power 0.8: n per group → d.
        for (n, d) in [(5, 2.0244), (10, 1.3249), (20, 0.9091), (64, 0.4997)] {
            let got = detectable_effect(n, 0.05, 0.8);
            assert!((got - d).abs() < 2e-3, "n={n}: {got} vs {d}");
        }
    }

    #[test]
    fn detectable_effect_inverts_the_power_analysis() {
        for n in [3, 5, 10, 40, 200] {
            let d = detectable_effect(n, 0.05, 0.8);
            assert!(power_analysis(d * 1.001, 1.0, 0.05, 0.8).seeds_per_arm <= n);
            assert!(power_analysis(d * 0.99, 1.0, 0.05, 0.8).seeds_per_arm > n);
        }
    }

    #[test]
    fn the_search_matches_stepping_by_one() {
        // Any rising power curve: the bracket-and-bisect answer is the first n
        // that reaches the target, from any starting guess, within the bound.
        for first in [2_u32, 3, 7, 64, 1000, 65_537, 999_999, 1_000_000] {
            for start in [0.5, 2.0, 5.0, 63.0, 64.0, 900.0, 1e5, 1e6] {
                let power = |n: f64| if n >= f64::from(first) { 0.9 } else { 0.1 };
                let (n, calls) = smallest_n_counted(start, 0.5, power);
                assert_eq!(n, Some(first), "first={first} start={start}");
                assert!(calls <= MAX_POWER_EVALUATIONS, "{calls} calls");
            }
        }
        let never = |_: f64| 0.0;
        let (n, calls) = smallest_n_counted(3.0, 0.5, never);
        assert_eq!(n, None);
        assert!(calls <= MAX_POWER_EVALUATIONS, "{calls} calls");
    }

    // Native only: wasm32-unknown-unknown has no clock for Instant.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn a_tiny_effect_at_a_loose_alpha_plans_fast() {
        // Issue 34: `?effect=0.001&noise=1&alpha=0.5&power=0.5` stepped n down
        // by one from the normal approximation (909,000) for 28 s. At α 0.5 a
        // test's power never falls below 0.5, so 2 seeds reach power 0.5.
        for (effect, alpha, power) in [(0.001, 0.5, 0.5), (0.004, 0.3, 0.9), (0.0015, 0.001, 0.5)] {
            let started = std::time::Instant::now();
            let p = power_analysis(effect, 1.0, alpha, power);
            let (tost, tost_capped) = equivalence_seeds(effect, 1.0, alpha, power);
            let took = started.elapsed();
            // Debug builds are ~10x slower than release; 2 s still fails the old search.
            assert!(
                took.as_millis() < 2000,
                "{effect} {alpha} {power}: {took:?}"
            );
            // Still the smallest n: n reaches the power and n − 1 does not.
            let exact = |n: u32, capped: bool, at: &dyn Fn(f64) -> f64| {
                capped || (at(f64::from(n)) >= power && (n == 2 || at(f64::from(n - 1)) < power))
            };
            assert!(exact(p.seeds_per_arm, p.capped, &|n| t_test_power(
                n, effect, alpha
            )));
            assert!(exact(tost, tost_capped, &|n| tost_power(n, effect, alpha)));
        }
        assert_eq!(power_analysis(0.001, 1.0, 0.5, 0.5).seeds_per_arm, 2);
        assert_eq!(power_analysis(0.004, 1.0, 0.3, 0.9).seeds_per_arm, 670_311);
        assert!(power_analysis(0.0015, 1.0, 0.001, 0.5).capped);
    }

    // proptest is a native dev-dependency.
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

        /// Every in-range statistics input (fields.rs: effect and noise 1e-9..1e9,
        /// α 1e-6..0.5, power 0.5..0.999) costs at most MAX_POWER_EVALUATIONS
        /// exact powers per search, t-test and TOST alike.
        #[test]
        fn every_search_is_bounded(
            effect in -9.0_f64..9.0,
            noise in -9.0_f64..9.0,
            alpha in 1e-6_f64..=0.5,
            power in 0.5_f64..=0.999,
        ) {
            let d = 10_f64.powf(effect) / 10_f64.powf(noise);
            let z = normal_quantile(1.0 - alpha / 2.0) + normal_quantile(power);
            let (_, calls) = smallest_n_counted(2.0 * z * z / (d * d), power, |n| t_test_power(n, d, alpha));
            proptest::prop_assert!(calls <= MAX_POWER_EVALUATIONS, "{} t-test powers", calls);
            let z = normal_quantile(1.0 - alpha) + normal_quantile(1.0 - (1.0 - power) / 2.0);
            let (_, calls) = smallest_n_counted(2.0 * z * z / (d * d), power, |n| tost_power(n, d, alpha));
            proptest::prop_assert!(calls <= MAX_POWER_EVALUATIONS, "{} TOST powers", calls);
        }
    }

    #[test]
    fn huge_effects_need_two_runs() {
        assert_eq!(power_analysis(1e9, 1e-9, 0.05, 0.8).seeds_per_arm, 2);
    }
}
