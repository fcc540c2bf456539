//! Results analysis: the t distribution against tables, Welch's interval
//! against R, coverage of every interval in simulation, verdicts, bad input.
#![cfg(not(target_arch = "wasm32"))]
// In tests a None where a number is due is the failure being tested for.
#![allow(clippy::unwrap_used)]

use evidence_ladder::model::analysis::{
    analyze, student_t_cdf, student_t_quantile, AnalysisInput, ResultRow, Verdict,
};

fn row(params: f64, arm: &str, seed: &str, value: f64) -> ResultRow {
    ResultRow {
        params,
        arm: arm.to_owned(),
        seed: seed.to_owned(),
        value,
    }
}

fn input(results: Vec<ResultRow>, higher_is_better: bool) -> AnalysisInput {
    AnalysisInput {
        results,
        method: "ours".to_owned(),
        baseline: "base".to_owned(),
        higher_is_better,
        next_params: None,
    }
}

// ---------------------------------------------------------------------------
// Student's t
// ---------------------------------------------------------------------------

#[test]
fn t_quantiles_match_tables() {
    // Two-sided 5% critical values, e.g. Abramowitz & Stegun Table 26.10 /
    // any Student's t table (R: qt(0.975, df)).
    for (df, t) in [
        (1.0, 12.706_204_736),
        (2.0, 4.302_652_730),
        (3.0, 3.182_446_305),
        (4.0, 2.776_445_105),
        (5.0, 2.570_581_836),
        (10.0, 2.228_138_852),
        (30.0, 2.042_272_456),
        (120.0, 1.979_930_405),
    ] {
        let got = student_t_quantile(0.975, df);
        assert!((got - t).abs() < 1e-6, "df={df}: {got} vs {t}");
    }
    // One-sided 99.5% (R: qt(0.995, df)).
    for (df, t) in [
        (1.0, 63.656_741_16),
        (3.0, 5.840_909_309),
        (10.0, 3.169_272_673),
    ] {
        let got = student_t_quantile(0.995, df);
        assert!((got - t).abs() < 1e-6, "df={df}: {got} vs {t}");
    }
    assert!((student_t_quantile(0.975, 1e12) - 1.959_963_985).abs() < 1e-6);
}

#[test]
fn t_quantiles_match_closed_forms_at_any_p() {
    for i in 1..200 {
        let p = f64::from(i) / 200.0;
        // df = 1 is the Cauchy distribution: tan(π(p − ½)).
        let cauchy = (std::f64::consts::PI * (p - 0.5)).tan();
        assert!((student_t_quantile(p, 1.0) - cauchy).abs() < 1e-9 * cauchy.abs().max(1.0));
        // df = 2 (Hill 1970): (2p − 1)/√(2p(1 − p)).
        let two = (2.0 * p - 1.0) / (2.0 * p * (1.0 - p)).sqrt();
        assert!((student_t_quantile(p, 2.0) - two).abs() < 1e-9 * two.abs().max(1.0));
    }
}

#[test]
fn t_quantile_at_non_integer_df_inverts_an_independent_cdf() {
    // Welch's df are not integers. Check the CDF against the density integrated
    // by Simpson's rule, and the quantile against the CDF.
    for df in [1.3, 2.5, 3.7, 7.25, 17.776] {
        let density = |t: f64| {
            let c = libm_gamma_ratio(df);
            c * (1.0 + t * t / df).powf(-(df + 1.0) / 2.0)
        };
        let q = student_t_quantile(0.975, df);
        let n = 20_000;
        let h = q / f64::from(n);
        let mut s = density(0.0) + density(q);
        for i in 1..n {
            s += density(f64::from(i) * h) * if i % 2 == 1 { 4.0 } else { 2.0 };
        }
        let integral = 0.5 + s * h / 3.0;
        assert!((integral - 0.975).abs() < 1e-8, "df={df}: {integral}");
        assert!((student_t_cdf(q, df) - 0.975).abs() < 1e-12);
    }
    // Monotone between integer df.
    let (a, b, c) = (
        student_t_quantile(0.975, 2.0),
        student_t_quantile(0.975, 2.5),
        student_t_quantile(0.975, 3.0),
    );
    assert!(a > b && b > c);
}

/// Γ((ν+1)/2) / (Γ(ν/2)·√(νπ)) by the product formula for Γ, independent of the module's Lanczos.
fn libm_gamma_ratio(df: f64) -> f64 {
    fn ln_gamma_stirling(x: f64) -> f64 {
        // Shift up to x ≥ 30, then Stirling's series (A&S 6.1.40), error < 1e-14.
        let mut shift = 0.0;
        let mut x = x;
        while x < 30.0 {
            shift -= x.ln();
            x += 1.0;
        }
        shift + (x - 0.5) * x.ln() - x + 0.5 * (2.0 * std::f64::consts::PI).ln() + 1.0 / (12.0 * x)
            - 1.0 / (360.0 * x.powi(3))
            + 1.0 / (1260.0 * x.powi(5))
    }
    (ln_gamma_stirling((df + 1.0) / 2.0)
        - ln_gamma_stirling(df / 2.0)
        - 0.5 * (df * std::f64::consts::PI).ln())
    .exp()
}

// ---------------------------------------------------------------------------
// Welch's interval against R
// ---------------------------------------------------------------------------

/// R's `sleep` data; `t.test(extra ~ group, data = sleep)` prints (Welch):
/// t = -1.8608, df = 17.776, 95% CI -3.3654832 0.2054832 for group 1 − group 2.
const SLEEP_1: [f64; 10] = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const SLEEP_2: [f64; 10] = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

fn sleep_rows(params: f64, shift: f64) -> Vec<ResultRow> {
    let mut rows = Vec::new();
    for (i, (a, b)) in SLEEP_1.iter().zip(SLEEP_2).enumerate() {
        rows.push(row(params, "base", &i.to_string(), *a));
        rows.push(row(params, "ours", &i.to_string(), b + shift));
    }
    rows
}

#[test]
fn welch_interval_matches_r_t_test() {
    let mut results = sleep_rows(1e8, 0.0);
    results.extend(sleep_rows(1e9, 1.0));
    let a = analyze(&input(results, true)).expect("valid");
    let r = &a.rungs[0];
    assert!((r.gain - 1.58).abs() < 1e-12);
    assert!(
        (r.ci_low.unwrap() + 0.205_483_2).abs() < 1e-6,
        "{:?}",
        r.ci_low
    );
    assert!(
        (r.ci_high.unwrap() - 3.365_483_2).abs() < 1e-6,
        "{:?}",
        r.ci_high
    );
    assert!((r.df.unwrap() - 17.776).abs() < 1e-3);
    assert!((r.gain / r.se.unwrap() - 1.8608).abs() < 1e-4);
    assert_eq!((r.n_method, r.n_baseline), (10, 10));

    // Lower is better: the same numbers with the sign of the gain flipped.
    let mut results = sleep_rows(1e8, 0.0);
    results.extend(sleep_rows(1e9, 1.0));
    let a = analyze(&input(results, false)).expect("valid");
    let r = &a.rungs[0];
    assert!((r.gain + 1.58).abs() < 1e-12);
    assert!((r.ci_low.unwrap() + 3.365_483_2).abs() < 1e-6);
    assert!((r.ci_high.unwrap() - 0.205_483_2).abs() < 1e-6);
}

#[test]
fn slope_with_two_rungs_is_the_difference_of_gains() {
    // Two rungs a decade apart: slope = gain₂ − gain₁, its variance the sum of
    // both rungs' variances, as a Welch interval on four means.
    let mut results = sleep_rows(1e8, 0.0);
    results.extend(sleep_rows(1e9, 1.0));
    let a = analyze(&input(results, true)).expect("valid");
    assert!((a.trend.slope - 1.0).abs() < 1e-12);
    let se = a.rungs[0].se.unwrap() * 2f64.sqrt();
    let t = student_t_quantile(0.975, a.trend.df.unwrap());
    assert!((a.trend.ci_low.unwrap() - (1.0 - t * se)).abs() < 1e-9);
    // The same two variances twice: Satterthwaite's df double.
    assert!((a.trend.df.unwrap() - 2.0 * a.rungs[0].df.unwrap()).abs() < 1e-9);
    // The slope's interval contains 0; the largest rung's gain (2.58) is clearly above 0.
    assert!(a.rungs[1].ci_low.unwrap() > 0.0);
    assert_eq!(a.trend.verdict, Verdict::Holds);
    assert!((a.next.params - 1e10).abs() < 1.0);
    assert!((a.next.gain - 3.58).abs() < 1e-9);
}

// ---------------------------------------------------------------------------
// Simulation: coverage of the 95% intervals
// ---------------------------------------------------------------------------

/// PCG32 (O'Neill 2014), seeded: the simulations are reproducible.
struct Pcg(u64);

impl Pcg {
    fn next_u32(&mut self) -> u32 {
        let old = self.0;
        self.0 = old
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let xorshifted = (((old >> 18) ^ old) >> 27) as u32;
        xorshifted.rotate_right((old >> 59) as u32)
    }
    fn uniform(&mut self) -> f64 {
        (f64::from(self.next_u32()) + 0.5) / 4_294_967_296.0
    }
    /// Standard normal by Box–Muller.
    fn normal(&mut self) -> f64 {
        let (u, v) = (self.uniform(), self.uniform());
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }
}

/// A ladder scenario: per rung (params, true gain, method noise, baseline noise), seeds per arm.
struct Scenario {
    rungs: Vec<(f64, f64, f64, f64)>,
    seeds: usize,
}

impl Scenario {
    fn draw(&self, rng: &mut Pcg, higher_is_better: bool) -> AnalysisInput {
        let sign = if higher_is_better { 1.0 } else { -1.0 };
        let mut results = Vec::new();
        for &(params, gain, sm, sb) in &self.rungs {
            let base = 40.0 + params.log10();
            for s in 0..self.seeds {
                let seed = s.to_string();
                results.push(row(
                    params,
                    "ours",
                    &seed,
                    base + sign * gain + sm * rng.normal(),
                ));
                results.push(row(params, "base", &seed, base + sb * rng.normal()));
            }
        }
        input(results, higher_is_better)
    }
}

/// True gain = a + b·log10(params): the slope is b by construction.
fn linear_scenario(a: f64, b: f64, noise: [(f64, f64); 4], seeds: usize) -> Scenario {
    let sizes: [f64; 4] = [1.2e8, 3.5e8, 7.5e8, 1.3e9];
    Scenario {
        rungs: sizes
            .iter()
            .zip(noise)
            .map(|(&p, (sm, sb))| (p, a + b * p.log10(), sm, sb))
            .collect(),
        seeds,
    }
}

struct Coverage {
    rung: f64,
    slope: f64,
    next: f64,
}

fn coverage(scenario: &Scenario, slope: f64, trials: u32, seed: u64, higher: bool) -> Coverage {
    let mut rng = Pcg(seed);
    let (mut rung_hits, mut rung_total, mut slope_hits, mut next_hits) = (0u32, 0u32, 0u32, 0u32);
    let next_params = 10.0 * scenario.rungs.last().unwrap().0;
    let &(_, g0, _, _) = scenario.rungs.first().unwrap();
    let x0 = scenario.rungs[0].0.log10();
    for _ in 0..trials {
        let a = analyze(&scenario.draw(&mut rng, higher)).expect("valid simulated data");
        for (r, &(_, truth, _, _)) in a.rungs.iter().zip(&scenario.rungs) {
            rung_total += 1;
            if r.ci_low.unwrap() <= truth && truth <= r.ci_high.unwrap() {
                rung_hits += 1;
            }
        }
        if a.trend.ci_low.unwrap() <= slope && slope <= a.trend.ci_high.unwrap() {
            slope_hits += 1;
        }
        // A new measurement at the next rung, with the largest rung's noise and seeds.
        let &(_, _, sm, sb) = scenario.rungs.last().unwrap();
        let truth = g0 + slope * (next_params.log10() - x0);
        let n = scenario.seeds as f64;
        let mean =
            |s: f64, rng: &mut Pcg| (0..scenario.seeds).map(|_| s * rng.normal()).sum::<f64>() / n;
        let observed = truth + mean(sm, &mut rng) - mean(sb, &mut rng);
        if a.next.pi_low.unwrap() <= observed && observed <= a.next.pi_high.unwrap() {
            next_hits += 1;
        }
    }
    Coverage {
        rung: f64::from(rung_hits) / f64::from(rung_total),
        slope: f64::from(slope_hits) / f64::from(trials),
        next: f64::from(next_hits) / f64::from(trials),
    }
}

fn assert_covers(name: &str, c: &Coverage) {
    println!(
        "{name}: rung {:.3}, slope {:.3}, next {:.3}",
        c.rung, c.slope, c.next
    );
    for (what, v) in [("rung", c.rung), ("slope", c.slope), ("next", c.next)] {
        assert!((0.90..=0.98).contains(&v), "{name}: {what} coverage {v}");
    }
}

#[test]
fn intervals_cover_the_truth_with_three_seeds_and_unequal_noise() {
    // The hard case: 3 seeds per arm, noise differing by arm and by rung.
    let s = linear_scenario(
        1.0,
        0.5,
        [(0.8, 0.4), (0.5, 0.5), (0.3, 0.6), (0.2, 0.2)],
        3,
    );
    assert_covers(
        "3 seeds, unequal noise",
        &coverage(&s, 0.5, 1_000, 17, true),
    );
}

#[test]
fn intervals_cover_the_truth_with_five_seeds_and_a_loss_metric() {
    let s = linear_scenario(2.0, -0.3, [(0.3, 0.3); 4], 5);
    assert_covers("5 seeds, loss", &coverage(&s, -0.3, 1_000, 2024, false));
}

#[test]
fn intervals_cover_the_truth_with_two_rungs() {
    let s = Scenario {
        rungs: vec![(1e8, 0.5, 0.4, 0.4), (1e9, 1.0, 0.2, 0.3)],
        seeds: 3,
    };
    assert_covers("2 rungs, 3 seeds", &coverage(&s, 0.5, 1_000, 99, true));
}

#[test]
fn two_seeds_give_conservative_intervals() {
    // With 2 seeds per arm Welch's df fall between 1 and 2, where the
    // Satterthwaite approximation is known to be conservative: the intervals
    // are wide and cover more than 95%, never less.
    let s = Scenario {
        rungs: vec![(1e8, 0.5, 0.4, 0.4), (1e9, 1.0, 0.2, 0.3)],
        seeds: 2,
    };
    let c = coverage(&s, 0.5, 1_000, 99, true);
    println!(
        "2 seeds: rung {:.3}, slope {:.3}, next {:.3}",
        c.rung, c.slope, c.next
    );
    for v in [c.rung, c.slope, c.next] {
        assert!((0.94..=0.999).contains(&v), "{v}");
    }
}

// ---------------------------------------------------------------------------
// Verdicts
// ---------------------------------------------------------------------------

fn verdict_rate(scenario: &Scenario, want: Verdict, seed: u64) -> f64 {
    let mut rng = Pcg(seed);
    let hits = (0..200)
        .filter(|_| {
            analyze(&scenario.draw(&mut rng, true))
                .unwrap()
                .trend
                .verdict
                == want
        })
        .count();
    hits as f64 / 200.0
}

#[test]
fn verdicts_match_the_truth_in_clear_cases() {
    let sizes: [f64; 4] = [1.2e8, 3.5e8, 7.5e8, 1.3e9];
    let make = |gains: [f64; 4], noise: f64| Scenario {
        rungs: sizes
            .iter()
            .zip(gains)
            .map(|(&p, g)| (p, g, noise, noise))
            .collect(),
        seeds: 5,
    };
    let grows = make([0.5, 1.5, 2.5, 3.5], 0.2);
    let holds = make([2.0, 2.0, 2.0, 2.0], 0.2);
    let shrinks = make([3.5, 2.5, 1.5, 0.5], 0.2);
    let unclear = make([0.0, 0.0, 0.0, 0.0], 1.0);
    assert!(verdict_rate(&grows, Verdict::Grows, 1) > 0.99);
    assert!(verdict_rate(&shrinks, Verdict::Shrinks, 2) > 0.99);
    // "holds" is wrong only when the slope interval misses 0: about 5%.
    assert!(verdict_rate(&holds, Verdict::Holds, 3) > 0.9);
    assert!(verdict_rate(&unclear, Verdict::Unclear, 4) > 0.9);
}

#[test]
fn verdict_data_sets_by_hand() {
    let make = |gains: &[f64]| {
        let mut results = Vec::new();
        for (i, g) in gains.iter().enumerate() {
            let params = 1e8 * 10f64.powi(i as i32);
            for (s, e) in [-0.1, 0.0, 0.1].iter().enumerate() {
                results.push(row(params, "ours", &s.to_string(), 50.0 + g + e));
                results.push(row(params, "base", &s.to_string(), 50.0 - e));
            }
        }
        analyze(&input(results, true)).unwrap()
    };
    assert_eq!(make(&[1.0, 2.0, 3.0]).trend.verdict, Verdict::Grows);
    assert_eq!(make(&[3.0, 2.0, 1.0]).trend.verdict, Verdict::Shrinks);
    assert_eq!(make(&[1.0, 1.01, 1.0]).trend.verdict, Verdict::Holds);
    assert_eq!(make(&[0.0, 0.01, 0.0]).trend.verdict, Verdict::Unclear);
    let flips = make(&[-0.5, 0.5, 1.5]);
    assert!(
        flips.warnings.iter().any(|w| w.contains("changes sign")),
        "{:?}",
        flips.warnings
    );
}
