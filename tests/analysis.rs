//! Results analysis: the t distribution against tables, Welch's interval
//! against R, coverage of every interval in simulation, verdicts, bad input.
#![cfg(not(target_arch = "wasm32"))]
// In tests a None where a number is due is the failure being tested for.
#![allow(clippy::unwrap_used)]

mod common;
use common::input;
use evidence_ladder::model::results::parse::{BadValue, CellProblem, LineProblem, Refusal};
use evidence_ladder::model::results::{
    analyze, parse_results_text, results_csv, results_template_csv, student_t_cdf,
    student_t_quantile, Analysis, AnalysisInput, Note, ResultRow, Verdict,
};
use evidence_ladder::text::results::{
    analysis_json, errors, markdown_section, note, prediction_sentence, verdict_sentence,
};
use proptest::prelude::*;

fn row(params: f64, arm: &str, seed: &str, value: f64) -> ResultRow {
    ResultRow {
        params,
        arm: arm.to_owned(),
        seed: seed.to_owned(),
        value,
        task: None,
    }
}

/// The analysis's notes in words, as the page and the JSON give them.
fn said(a: &Analysis) -> Vec<String> {
    a.warnings.iter().map(note).collect()
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

/// R's sleep data as two arms; `paired` gives both arms the same seed labels.
fn sleep_rows_as(params: f64, shift: f64, paired: bool) -> Vec<ResultRow> {
    let mut rows = Vec::new();
    for (i, (a, b)) in SLEEP_1.iter().zip(SLEEP_2).enumerate() {
        let other = if paired {
            i.to_string()
        } else {
            format!("b{i}")
        };
        rows.push(row(params, "base", &other, *a));
        rows.push(row(params, "ours", &i.to_string(), b + shift));
    }
    rows
}

fn sleep_rows(params: f64, shift: f64) -> Vec<ResultRow> {
    sleep_rows_as(params, shift, false)
}

#[test]
fn paired_seeds_match_r_paired_t_test() {
    // t.test(extra ~ group, data = sleep, paired = TRUE): 1.58, 95% CI 0.7001142 to 2.4598858, df 9.
    let mut results = sleep_rows_as(1e8, 0.0, true);
    results.extend(sleep_rows_as(1e9, 1.0, true));
    let a = analyze(&input(results, true)).expect("valid");
    let r = &a.rungs[0];
    assert!(r.paired);
    assert!(
        (r.ci_low.unwrap() - 0.700_114_2).abs() < 1e-6,
        "{:?}",
        r.ci_low
    );
    assert!(
        (r.ci_high.unwrap() - 2.459_885_8).abs() < 1e-6,
        "{:?}",
        r.ci_high
    );
    assert_eq!(r.df, Some(9.0));
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
    // The slope's interval contains 0 and the largest rung's gain (2.58) is
    // clearly above 0, but the interval also allows losing more than half the
    // mean gain (2.08) per tenfold: not evidence that the gain holds.
    assert!(a.rungs[1].ci_low.unwrap() > 0.0);
    assert!(a.trend.ci_low.unwrap() < -0.5 * 2.08);
    assert_eq!(a.trend.verdict, Verdict::Unclear);
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

/// Rung intervals near 95%; the slope and the prediction at least as wide
/// as seed noise alone needs and wider when the rungs scatter by chance, so
/// they cover more (never less) than 95% when there is no rung effect.
fn assert_covers(name: &str, c: &Coverage) {
    assert!(
        (0.90..=0.98).contains(&c.rung),
        "{name}: rung coverage {}",
        c.rung
    );
    for (what, v) in [("slope", c.slope), ("next", c.next)] {
        assert!((0.93..=0.998).contains(&v), "{name}: {what} coverage {v}");
    }
}

#[test]
fn intervals_cover_the_truth_with_three_seeds_and_unequal_noise() {
    // With no rung-to-rung effects the trend's interval is conservative (it
    // takes the larger of the seed-based and the residual variance).
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
    for (what, v) in [("rung", c.rung), ("slope", c.slope), ("next", c.next)] {
        assert!((0.94..=0.999).contains(&v), "{what} coverage {v}");
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
    let none = make([0.0, 0.0, 0.0, 0.0], 1.0);
    for (scenario, want, seed, least) in [
        (&grows, Verdict::Grows, 1, 0.99),
        (&shrinks, Verdict::Shrinks, 2, 0.99),
        // Four rungs leave the rungs' scatter 2 degrees of freedom: when it
        // exceeds seed noise by chance (about a third of data sets), the
        // slope's interval uses t with 2 df, and "holds" is missed more often.
        (&holds, Verdict::Holds, 3, 0.8),
        (&none, Verdict::NoGain, 4, 0.8),
    ] {
        let rate = verdict_rate(scenario, want, seed);
        assert!(rate > least, "{}: {rate}", want.word());
    }
    // Behind at every size, the deficit narrowing by a point per rung: the
    // slope is clearly positive, but there is no advantage to claim, so
    // "grows" (and with it the last gate) never, in 200 data sets.
    let catching_up = make([-3.5, -2.5, -1.5, -0.5], 0.2);
    assert_eq!(verdict_rate(&catching_up, Verdict::Grows, 5), 0.0);
    assert!(verdict_rate(&catching_up, Verdict::Unclear, 5) > 0.99);
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
    assert_eq!(make(&[0.0, 0.01, 0.0]).trend.verdict, Verdict::NoGain);
    // Behind at every size, the deficit narrowing: catching up is no gain to
    // claim, so neither "grows" nor a passed gate.
    let catching_up = make(&[-3.0, -2.0, -1.0]);
    assert_eq!(catching_up.trend.verdict, Verdict::Unclear);
    let s = verdict_sentence(&catching_up, "", "");
    assert!(s.contains("rises from 100M to 10B without the method getting clearly ahead, so there is no advantage to claim yet"), "{s}");
    // Overtaking by the largest size does grow.
    assert_eq!(make(&[-1.0, 1.0, 3.0]).trend.verdict, Verdict::Grows);
    let straight = make(&[1.0, 2.0, 3.0, 4.0]);
    assert!(!straight.rung_scatter);
    assert!(!straight.warnings.contains(&Note::Scattered));
    // A bent trend is scatter around the line: it widens the interval, not only a warning.
    let curved = make(&[1.0, 4.0, 1.0, 4.0]);
    assert!(curved.rung_scatter);
    assert!(
        curved.warnings.contains(&Note::Scattered),
        "{:?}",
        curved.warnings
    );
    assert_eq!(curved.trend.df, Some(2.0));
    let flips = make(&[-0.5, 0.5, 1.5]);
    assert!(
        flips
            .warnings
            .iter()
            .any(|w| matches!(w, Note::SignChange { ahead, behind } if ahead.len() == 2 && behind.len() == 1)),
        "{:?}",
        flips.warnings
    );
}

// ---------------------------------------------------------------------------
// Bad input
// ---------------------------------------------------------------------------

fn good_rows() -> Vec<ResultRow> {
    let mut rows = Vec::new();
    for params in [1e8, 1e9] {
        for seed in ["1", "2", "3"] {
            rows.push(row(params, "ours", seed, 61.0 + seed.len() as f64));
            rows.push(row(params, "base", seed, 60.0));
        }
    }
    rows
}

fn error_of(input: &AnalysisInput) -> String {
    analyze(input).expect_err("should be refused").to_string()
}

#[test]
fn bad_rows_are_refused_with_their_index() {
    let mut rows = good_rows();
    rows[3].value = f64::NAN;
    assert_eq!(
        error_of(&input(rows, true)),
        "results[3].value must be a finite number"
    );
    let mut rows = good_rows();
    rows[4].value = f64::INFINITY;
    assert!(error_of(&input(rows, true)).starts_with("results[4].value"));
    let mut rows = good_rows();
    rows[2].params = 0.0;
    assert!(error_of(&input(rows, true)).starts_with("results[2].params must be"));
    let mut rows = good_rows();
    rows[5].params = -1e9;
    assert!(error_of(&input(rows, true)).starts_with("results[5].params"));
    let mut rows = good_rows();
    rows[1].arm = " ".to_owned();
    assert!(error_of(&input(rows, true)).starts_with("results[1].arm"));
}

#[test]
fn bad_arms_and_too_few_rungs_are_refused() {
    let mut i = input(good_rows(), true);
    i.method = "theirs".to_owned();
    let e = error_of(&i);
    assert!(
        e.contains("method \"theirs\"") && e.contains("ours, base"),
        "{e}"
    );
    let mut i = input(good_rows(), true);
    i.baseline = "ours".to_owned();
    assert!(error_of(&i).contains("both \"ours\""));
    let one_rung: Vec<ResultRow> = good_rows()
        .into_iter()
        .filter(|r| r.params == 1e8)
        .collect();
    assert!(error_of(&input(one_rung, true)).contains("at least two rungs"));
    assert!(error_of(&input(Vec::new(), true)).contains("found 0"));
    // Two sizes, but one has only the method: still one usable rung.
    let mut rows = good_rows();
    rows.retain(|r| !(r.params == 1e9 && r.arm == "base"));
    assert!(error_of(&input(rows, true)).contains("found 1"));
    let mut i = input(good_rows(), true);
    i.next_params = Some(f64::NAN);
    assert!(error_of(&i).starts_with("next_params"));
}

#[test]
fn json_input_with_missing_or_mistyped_fields_names_them() {
    let parse = |json: &str| -> Result<AnalysisInput, String> {
        serde_json::from_str::<AnalysisInput>(json).map_err(|e| e.to_string())
    };
    let ok = r#"{"results":[{"params":1e8,"arm":"ours","seed":1,"value":61},
        {"params":1e8,"arm":"base","seed":"a","value":60}],
        "method":"ours","baseline":"base","higher_is_better":true}"#;
    let i = parse(ok).expect("valid");
    assert_eq!(i.results[0].seed, "1");
    assert_eq!(i.results[1].seed, "a");
    for (json, message) in [
        (
            r#"{"method":"a","baseline":"b","higher_is_better":true}"#,
            "results is missing",
        ),
        (
            r#"{"results":3,"method":"a","baseline":"b","higher_is_better":true}"#,
            "results must be an array",
        ),
        (
            r#"{"results":[{"params":1,"arm":"a","seed":1,"value":2},{"params":1,"arm":"a","seed":1}],"method":"a","baseline":"b","higher_is_better":true}"#,
            "results[1].value is missing",
        ),
        (
            r#"{"results":[{"arm":"a","seed":1,"value":2}],"method":"a","baseline":"b","higher_is_better":true}"#,
            "results[0].params is missing",
        ),
        (
            r#"{"results":[{"params":1,"seed":1,"value":2}],"method":"a","baseline":"b","higher_is_better":true}"#,
            "results[0].arm is missing",
        ),
        (
            r#"{"results":[{"params":1,"arm":"a","value":2}],"method":"a","baseline":"b","higher_is_better":true}"#,
            "results[0].seed is missing",
        ),
        (
            r#"{"results":[{"params":1,"arm":"a","seed":1,"value":"x"}],"method":"a","baseline":"b","higher_is_better":true}"#,
            "results[0].value must be a number",
        ),
        (
            r#"{"results":[{"params":1,"arm":"a","seed":1,"value":null}],"method":"a","baseline":"b","higher_is_better":true}"#,
            "results[0].value is missing",
        ),
        (
            r#"{"results":[7],"method":"a","baseline":"b","higher_is_better":true}"#,
            "results[0] must be an object",
        ),
        (
            r#"{"results":[],"baseline":"b","higher_is_better":true}"#,
            "method is missing",
        ),
        (
            r#"{"results":[],"method":"a","higher_is_better":true}"#,
            "baseline is missing",
        ),
        (
            r#"{"results":[],"method":"a","baseline":"b"}"#,
            "higher_is_better is missing",
        ),
        (
            r#"{"results":[],"method":"a","baseline":"b","higher_is_better":"yes"}"#,
            "higher_is_better must be true",
        ),
    ] {
        let e = parse(json).expect_err(message);
        assert!(e.starts_with(message), "{message}: got {e}");
    }
}

#[test]
fn analysis_serialises_with_the_issue_field_names() {
    let a = analyze(&input(good_rows(), true)).expect("valid");
    let v = serde_json::to_value(analysis_json(&a)).expect("serialises");
    for key in [
        "params",
        "method_mean",
        "baseline_mean",
        "gain",
        "ci_low",
        "ci_high",
        "n_method",
        "n_baseline",
    ] {
        assert!(v["rungs"][0].get(key).is_some(), "rungs[0].{key}");
    }
    for key in ["slope", "ci_low", "ci_high", "verdict"] {
        assert!(v["trend"].get(key).is_some(), "trend.{key}");
    }
    assert!(v["trend"]["verdict"].is_string());
    assert!(v["next"]["gain"].is_number() && v["warnings"].is_array());
    // The notes and the method text are words in the JSON, written from the
    // analysis's facts: one sentence per note, none dropped.
    assert_eq!(
        v["warnings"].as_array().map(Vec::len),
        Some(a.warnings.len())
    );
    assert!(v["warnings"]
        .as_array()
        .is_some_and(|w| w.iter().all(|w| w.is_string())));
    assert!(v["statistics"]
        .as_str()
        .is_some_and(|s| s.contains("Welch")));
    assert_eq!(v["rungs"].as_array().map(Vec::len), Some(a.rungs.len()));
}

#[test]
fn rungs_with_one_arm_or_one_seed_are_reported() {
    let mut rows = good_rows();
    rows.push(row(1e10, "ours", "1", 70.0));
    rows.push(row(1e7, "base", "1", 70.0));
    rows.push(row(1e7, "ours", "1", 71.0));
    rows.push(row(1e9, "ablation", "1", 1.0));
    let a = analyze(&input(rows, true)).expect("valid");
    assert_eq!(a.rungs.len(), 3);
    assert!(a.rungs[0].ci_low.is_none() && a.rungs[0].gain == 1.0);
    let all = said(&a).join("\n");
    assert!(all.contains("At 10B only ours has results"), "{all}");
    assert!(
        all.contains("At 10M ours has 1 seed and base has 1 seed"),
        "{all}"
    );
    assert!(all.contains("left out: ablation"), "{all}");
    assert_eq!(a.trend.rungs_used, 2);
}

// ---------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------

#[test]
fn verdict_sentence_reads_like_the_issue() {
    let mut rows = Vec::new();
    for (params, gain) in [(1.3e8, 1.3), (1.3e9, 1.2)] {
        for (s, e) in [-0.1, 0.0, 0.1].iter().enumerate() {
            rows.push(row(params, "ours", &s.to_string(), 60.0 + gain + e));
            rows.push(row(params, "base", &s.to_string(), 60.0 - e / 2.0));
        }
    }
    let a = analyze(&input(rows, true)).expect("valid");
    let s = verdict_sentence(&a, "", "points");
    assert!(
        s.starts_with(
            "The gain holds from 130M to 1.3B: at 1.3B, ours\u{2019} metric is higher than \
             base\u{2019}s by 1.2 points (95% CI "
        ),
        "{s}"
    );
    assert!(
        s.contains("; per tenfold scale the gain changes by \u{2212}0.1"),
        "{s}"
    );
    let md = markdown_section(&a, "", "points");
    assert!(
        md.contains("| 130M |") && md.contains("**Verdict: holds.**"),
        "{md}"
    );
    assert!(md.contains("Welch 1947"));
}

// ---------------------------------------------------------------------------
// Pasted tables
// ---------------------------------------------------------------------------

#[test]
fn long_form_with_commas_any_column_order() {
    let p = parse_results_text("Value,ARM,seed,params\n61.5,ours,1,130M\n60.1,base,1,1.3e8\n");
    assert!(p.bad_lines.is_empty(), "{:?}", p.bad_lines);
    assert_eq!(
        p.rows,
        vec![row(1.3e8, "ours", "1", 61.5), row(1.3e8, "base", "1", 60.1)]
    );
    assert_eq!(p.arms, vec!["ours", "base"]);
}

#[test]
fn wide_form_with_tabs_and_windows_line_endings() {
    let text = "params\tseed\tours\tbase\r\n1.3B\t1\t61.5\t60.1\r\n1.3B\t2\t\t60.3\r\n";
    let p = parse_results_text(text);
    assert!(p.bad_lines.is_empty(), "{:?}", p.bad_lines);
    assert_eq!(
        p.rows,
        vec![
            row(1.3e9, "ours", "1", 61.5),
            row(1.3e9, "base", "1", 60.1),
            row(1.3e9, "base", "2", 60.3)
        ]
    );
    // Without a seed column, lines of one size are seeds 1, 2, 3…
    let p = parse_results_text("params,ours,base\n1e8,1,2\n1e8,3,4\n1e9,5,6\n");
    let seeds: Vec<&str> = p.rows.iter().map(|r| r.seed.as_str()).collect();
    assert_eq!(seeds, ["1", "1", "2", "2", "1", "1"]);
}

#[test]
fn bad_lines_are_listed_and_nothing_else_is_lost() {
    let text = "params,arm,seed,value\n\
                1e8,ours,1,61\n\
                big,ours,2,61\n\
                \n\
                1e8,ours,3,sixty\n\
                1e8,,4,60\n\
                1e8,base,1,\n\
                1,300,ours,5,60\n\
                1e8,base,2,NaN\n\
                1e8,base,3,60.5\n";
    let p = parse_results_text(text);
    assert_eq!(
        p.rows,
        vec![row(1e8, "ours", "1", 61.0), row(1e8, "base", "3", 60.5)]
    );
    let lines: Vec<usize> = p.bad_lines.iter().map(|b| b.line).collect();
    assert_eq!(lines, [3, 5, 6, 8, 9], "{:?}", p.bad_lines);
    assert_eq!(
        p.bad_lines[0].why,
        LineProblem::BadParams { text: "big".into() }
    );
    assert!(matches!(
        &p.bad_lines[1].why,
        LineProblem::Cells(cells) if matches!(
            &cells[..],
            [CellProblem::BadValue { text, why: BadValue::NotANumber, .. }] if text == "sixty"
        )
    ));
    assert_eq!(
        p.bad_lines[2].why,
        LineProblem::Cells(vec![CellProblem::EmptyArm])
    );
    assert!(matches!(
        p.bad_lines[3].why,
        LineProblem::TooManyCells { cells: 5, width: 4 }
    ));
    assert_eq!(p.unfilled_lines, [7]);
    // Wide form: one bad cell loses only that cell.
    let p = parse_results_text("params,seed,ours,base\n1e8,1,x,60\n");
    assert_eq!(p.rows, vec![row(1e8, "base", "1", 60.0)]);
    assert_eq!(p.bad_lines[0].line, 2);
    assert!(errors::line_problem(&p.bad_lines[0].why).contains("ours value \"x\""));
}

#[test]
fn headers_without_params_or_arms_are_explained() {
    for text in [
        "size_m,arm,value\n1,a,2\n",
        "params\n1\n",
        "a,a,params\n",
        "params,arm,seed,accuracy,loss\n1e8,ours,1,2,3\n",
        "params,arm,seed\n1e8,ours,1\n",
        "params,seed,value\n1e8,1,2\n",
    ] {
        let p = parse_results_text(text);
        assert!(p.rows.is_empty());
        assert_eq!(p.bad_lines.len(), 1, "{text}");
        assert_eq!(p.bad_lines[0].line, 1);
    }
    assert_eq!(parse_results_text(""), Default::default());
}

#[test]
fn quoted_fields_semicolons_and_a_byte_order_mark() {
    let p =
        parse_results_text("\u{feff}params;arm;seed;value\n1e8;\"ours; v2\";\"a \"\"b\"\"\";1.5\n");
    assert!(p.bad_lines.is_empty(), "{:?}", p.bad_lines);
    assert_eq!(p.rows, vec![row(1e8, "ours; v2", "a \"b\"", 1.5)]);
}

#[test]
fn template_reads_back_as_unfilled_lines() {
    let csv = results_template_csv(&[1.2e8, 1.3e9], &["ours", "base, tuned"], 2);
    assert!(csv.contains("1300000000,\"base, tuned\",2,\n"), "{csv}");
    let p = parse_results_text(&csv);
    assert!(p.rows.is_empty() && p.bad_lines.is_empty());
    assert_eq!(p.unfilled_lines, (2..=9).collect::<Vec<_>>());
    // Filled in, it analyses.
    let filled: String = csv
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                format!("{l}\n")
            } else {
                format!("{l}{}\n", 60 + i % 3)
            }
        })
        .collect();
    let p = parse_results_text(&filled);
    assert_eq!(p.rows.len(), 8);
    let mut i = input(p.rows, true);
    i.baseline = "base, tuned".to_owned();
    assert!(analyze(&i).is_ok());
}

fn any_row() -> impl Strategy<Value = ResultRow> {
    (
        prop::sample::select(vec![1.2e8, 3.5e8, 1.3e9, 7e9, 123.456, 1e-3]),
        "[A-Za-z0-9_ ,;\t\"#-]{0,3}[A-Za-z0-9_\"]{1,8}",
        "[A-Za-z0-9 ,\"-]{0,3}[A-Za-z0-9]{1,4}",
        // Every value the analysis accepts (beyond ±1e100 is refused).
        prop_oneof![-1e100f64..1e100, Just(0.0)],
    )
        .prop_map(|(params, arm, seed, value)| ResultRow {
            params,
            // Arm names are read without outer spaces (one arm, not two that look alike).
            arm: arm.trim().to_owned(),
            seed,
            value,
            task: None,
        })
}

proptest! {
    #[test]
    fn any_text_parses_without_panic(text in "(?s).{0,400}") {
        let p = parse_results_text(&text);
        for b in &p.bad_lines {
            prop_assert!(b.line >= 1 && b.line <= text.split('\n').count());
        }
    }

    #[test]
    fn table_like_text_parses_without_panic(
        lines in prop::collection::vec("[a-z0-9.,;\t\" eEMB+-]{0,30}", 0..12),
        header in prop::sample::select(vec!["params,arm,seed,value", "params\tseed\tours\tbase", "params;arm;value", "x"]),
    ) {
        let text = format!("{header}\n{}", lines.join("\r\n"));
        let p = parse_results_text(&text);
        for r in &p.rows {
            prop_assert!(r.params > 0.0 && r.params.is_finite() && r.value.is_finite());
        }
    }

    #[test]
    fn csv_round_trips(rows in prop::collection::vec(any_row(), 0..20)) {
        let p = parse_results_text(&results_csv(&rows, None));
        prop_assert!(p.bad_lines.is_empty(), "{:?}", p.bad_lines);
        prop_assert_eq!(p.rows, rows);
    }

    #[test]
    fn analysis_never_panics_and_orders_its_intervals(
        rows in prop::collection::vec(
            (prop::sample::select(vec![1e8, 1e9, 1e10]), prop::sample::select(vec!["ours", "base"]), -1e6f64..1e6),
            0..30,
        ),
        higher in any::<bool>(),
    ) {
        let results = rows.iter().enumerate().map(|(i, (p, a, v))| row(*p, a, &i.to_string(), *v)).collect();
        if let Ok(a) = analyze(&input(results, higher)) {
            for r in &a.rungs {
                if let (Some(lo), Some(hi)) = (r.ci_low, r.ci_high) {
                    prop_assert!(lo <= r.gain && r.gain <= hi);
                }
            }
            if let (Some(lo), Some(hi)) = (a.trend.ci_low, a.trend.ci_high) {
                prop_assert!(lo <= a.trend.slope && a.trend.slope <= hi);
            }
            prop_assert!(!verdict_sentence(&a, "", "").is_empty());
        }
    }
}

// ---------------------------------------------------------------------------
// "holds" needs evidence of no decline
// ---------------------------------------------------------------------------

/// Five seeds per arm at each size with a fixed spread (sample sd `sd`) around the given gains.
fn five_seed_rows(gains: &[(f64, f64)], sd: f64) -> Vec<ResultRow> {
    // Deviations with mean 0 and sample sd 1.
    let wobble = [-1.264_911, -0.632_456, 0.0, 0.632_456, 1.264_911];
    let mut rows = Vec::new();
    for &(params, gain) in gains {
        for (s, w) in wobble.iter().enumerate() {
            rows.push(row(params, "ours", &s.to_string(), 60.0 + gain + sd * w));
            rows.push(row(params, "base", &format!("b{s}"), 60.0 - sd * w));
        }
    }
    rows
}

#[test]
fn a_declining_gain_with_wide_intervals_does_not_hold() {
    // The issue's case: gains 1.6 / 1.4 / 1.2 at 100M / 350M / 1.3B with 5 seeds.
    let a = analyze(&input(
        five_seed_rows(&[(1e8, 1.6), (3.5e8, 1.4), (1.3e9, 1.2)], 0.5),
        true,
    ))
    .unwrap();
    // The old rule would have said "holds": the slope's interval contains 0
    // and the largest rung's gain is clearly above 0.
    assert!(a.trend.ci_low.unwrap() < 0.0 && a.trend.ci_high.unwrap() > 0.0);
    assert!(a.rungs[2].ci_low.unwrap() > 0.0);
    // But losing more than half the mean gain per tenfold is not ruled out.
    assert!(a.trend.ci_low.unwrap() < -0.5 * 1.4);
    assert_eq!(a.trend.verdict, Verdict::Unclear);
    let s = verdict_sentence(&a, "", "");
    assert!(s.contains("To settle it:"), "{s}");
    assert!(s.contains("or results at the next rung (13B)"), "{s}");
    let settle = a.to_settle.expect("what would settle it");
    let needed = settle.seeds_needed.expect("a seed count");
    assert!(needed > 5, "{needed}");
    // The same gains with that many seeds at that rung do settle it.
    let sizes = [1e8, 3.5e8, 1.3e9];
    assert!(sizes.iter().any(|s| (s / settle.params - 1.0).abs() < 1e-9));
}

#[test]
fn a_truly_constant_gain_with_many_seeds_mostly_holds() {
    // d = 2 (gain 2, noise 1) at 100M / 1B / 10B / 100B, 20 seeds per arm.
    let scenario = Scenario {
        rungs: vec![
            (1e8, 2.0, 1.0, 1.0),
            (1e9, 2.0, 1.0, 1.0),
            (1e10, 2.0, 1.0, 1.0),
            (1e11, 2.0, 1.0, 1.0),
        ],
        seeds: 20,
    };
    let rate = verdict_rate(&scenario, Verdict::Holds, 11);
    // About 80%: the rungs' scatter, with 2 degrees of freedom, sometimes sets the interval.
    assert!(rate > 0.75, "holds in {rate}");
    // With 3 seeds the same truth is rarely evidence enough.
    let few = Scenario {
        seeds: 3,
        ..scenario
    };
    let rate = verdict_rate(&few, Verdict::Holds, 12);
    assert!(rate < 0.5, "holds in {rate} with 3 seeds");
}

// ---------------------------------------------------------------------------
// Direction and arms in words
// ---------------------------------------------------------------------------

#[test]
fn the_sentence_names_both_arms_and_the_direction() {
    use evidence_ladder::model::results::PastedResults;
    // The issue's validation loss: the method's advantage shrinks from 0.049 to 0.011.
    let mut text = String::from("params,arm,seed,val_loss\n");
    for (params, advantage) in [(1.25e8, 0.049), (3.5e8, 0.03), (1.3e9, 0.011)] {
        for (s, e) in [-0.002, 0.0, 0.002].iter().enumerate() {
            let base = 3.5 - 0.2 * f64::log10(params / 1e8);
            text.push_str(&format!(
                "{params},myopt,{s},{}\n{params},adamw,{s},{}\n",
                base - advantage + e,
                base - e
            ));
        }
    }
    let reading = PastedResults {
        text,
        method: "myopt".into(),
        baseline: "adamw".into(),
        ..PastedResults::default()
    }
    .read(&Default::default());
    assert_eq!(reading.higher_is_better, Some(false));
    assert!(reading.direction_inferred);
    let a = reading.analysis.unwrap().unwrap();
    assert_eq!(a.verdict, Verdict::Shrinks);
    let s = verdict_sentence(&a, "", "");
    assert!(
        s.starts_with("The compute multiplier shrinks from 125M to 1.3B: at 1.3B, adamw would need 1.3\u{00D7}"),
        "{s}"
    );
    assert!(
        s.contains("myopt\u{2019}s val_loss is lower than adamw\u{2019}s by 0.011"),
        "{s}"
    );
    let md = markdown_section(&a, "", "");
    assert!(md.contains("| 125M |"), "{md}");
    assert!(md.contains("lower val_loss is better"), "{md}");
}

#[test]
fn a_method_behind_at_every_size_says_so_first() {
    let rows = five_seed_rows(&[(1e8, -1.0), (1e9, -1.2), (1e10, -1.1)], 0.2);
    let a = analyze(&input(rows, true)).unwrap();
    let s = verdict_sentence(&a, "", "");
    assert!(
        s.starts_with("ours is behind base at every size: its metric is lower at all 3 sizes."),
        "{s}"
    );
    assert!(
        s.contains("ours\u{2019} metric is lower than base\u{2019}s by 1.1"),
        "{s}"
    );
}

#[test]
fn long_form_reads_any_metric_column() {
    let p = parse_results_text("params,arm,seed,accuracy\n1e8,ours,1,61\n1e8,base,1,60\n");
    assert!(p.bad_lines.is_empty(), "{:?}", p.bad_lines);
    assert_eq!(p.metric.as_deref(), Some("accuracy"));
    assert_eq!(p.rows.len(), 2);
    let p = parse_results_text("env,params,arm,seed,return\nhopper,1e6,ppo,1,3000\n");
    assert_eq!(p.metric.as_deref(), Some("return"));
    assert_eq!(p.rows.len(), 1);
    // Several tasks are kept apart (and aggregated by the IQM), not pooled.
    let p = parse_results_text("task,params,arm,seed,return\na,1e6,ppo,1,3\nb,1e6,ppo,1,4\n");
    let tasks: Vec<Option<&str>> = p.rows.iter().map(|r| r.task.as_deref()).collect();
    assert_eq!(tasks, vec![Some("a"), Some("b")]);
}

#[test]
fn several_tasks_are_aggregated_by_the_interquartile_mean() {
    // Five environments whose scores differ by orders of magnitude; the
    // method gains 2 points in each, at every size.
    let mut csv = String::from("env,params,arm,seed,return\n");
    for params in ["1e6", "3.2e6", "1e7"] {
        for (env, scale) in [
            ("hopper", 1.0),
            ("walker", 10.0),
            ("ant", 100.0),
            ("cheetah", 3.0),
            ("humanoid", 30.0),
        ] {
            for seed in 1..=10 {
                let noise = f64::from(seed % 3) * 0.1;
                csv.push_str(&format!(
                    "{env},{params},ppo,{seed},{}\n",
                    scale + 2.0 + noise
                ));
                csv.push_str(&format!("{env},{params},sac,{seed},{}\n", scale + noise));
            }
        }
    }
    let p = parse_results_text(&csv);
    assert!(p.refused.is_none() && p.bad_lines.is_empty());
    let analysis = analyze(&AnalysisInput {
        results: p.rows.clone(),
        method: "ppo".into(),
        baseline: "sac".into(),
        higher_is_better: true,
        metric: p.metric.clone(),
        next_params: None,
        top_params: None,
        compute_exponent: None,
    })
    .expect("analysed");
    assert_eq!(analysis.rungs.len(), 3);
    // Normalised per task: each environment spans 2 + 0.2 of seed noise.
    let want = 2.0 / 2.2;
    for r in &analysis.rungs {
        assert!((r.gain - want).abs() < 1e-9, "{}", r.gain);
        assert!(r.ci_low.is_some_and(|lo| lo <= want) && r.ci_high.is_some_and(|hi| hi >= want));
        assert!(r.multiplier.is_none() && r.multiplier_note.is_some());
    }
    assert!(
        said(&analysis)
            .iter()
            .any(|w| w.contains("interquartile mean")),
        "{:?}",
        analysis.warnings
    );
    // The task column survives a CSV round trip.
    let again = parse_results_text(&results_csv(&p.rows, p.metric.as_deref()));
    assert_eq!(again.rows, p.rows);
}

// ---------------------------------------------------------------------------
// Limits and messages
// ---------------------------------------------------------------------------

#[test]
fn text_over_the_limit_is_refused_without_reading() {
    use evidence_ladder::model::results::limits::MAX_TEXT_BYTES;
    let big = format!(
        "params,arm,seed,value\n{}",
        "1e8,a,1,1\n".repeat(MAX_TEXT_BYTES / 10)
    );
    let start = std::time::Instant::now();
    let p = parse_results_text(&big);
    assert!(start.elapsed().as_millis() < 50, "{:?}", start.elapsed());
    assert!(matches!(p.refused, Some(Refusal::TooManyBytes { .. })));
    assert!(errors::refusal(p.refused.unwrap()).contains("2 MB"));
    assert!(p.rows.is_empty());
}

#[test]
fn too_many_arms_or_rungs_are_refused_with_a_message() {
    let mut arms = String::from("params,arm,seed,value\n");
    for i in 0..21 {
        arms.push_str(&format!("1e8,arm{i},1,1\n"));
    }
    assert_eq!(
        parse_results_text(&arms).refused,
        Some(Refusal::TooManyArms { line: 22 })
    );
    let mut rungs = String::from("params,arm,seed,value\n");
    for i in 1..=51 {
        rungs.push_str(&format!("{i}e6,a,1,1\n"));
    }
    let refused = parse_results_text(&rungs).refused;
    assert_eq!(refused, Some(Refusal::TooManySizes { line: 52 }));
    assert!(errors::refusal(refused.unwrap()).contains("51 different sizes"));
    // The same limits hold for analyze() called directly.
    let rows: Vec<ResultRow> = (0..21)
        .map(|i| row(1e8, &format!("arm{i}"), "1", 1.0))
        .collect();
    let mut i = input(rows, true);
    i.method = "arm0".into();
    i.baseline = "arm1".into();
    assert!(error_of(&i).contains("more than the 20 this analysis reads"));
}

#[test]
fn bad_lines_list_twenty_then_count_the_rest() {
    let mut text = String::from("params,arm,seed,value\n");
    for i in 0..250 {
        text.push_str(&format!("1e8,a,{i},x{i}\n"));
    }
    let p = parse_results_text(&text);
    assert_eq!(p.bad_lines.len(), 20);
    assert_eq!(p.more_bad_lines, 230);
}

#[test]
fn messages_name_the_line_and_the_rule_and_quote_little() {
    let long = "z".repeat(5_000);
    let text = format!(
        "params,arm,seed,value\n1e8,a,1,NaN\n1e8,a,2,{long}\n1e8,a,3,1.7e308\n1e8,a,4,0,5\n{long},a,5,1\n"
    );
    let p = parse_results_text(&text);
    let messages: Vec<String> = p
        .bad_lines
        .iter()
        .map(|b| errors::line_problem(&b.why))
        .collect();
    assert!(
        messages[0].contains("\"NaN\" is not a number (NaN)"),
        "{messages:?}"
    );
    assert!(!messages[0].contains("decimals"), "{messages:?}");
    for m in &messages {
        assert!(m.len() < 250, "{m}");
    }
    assert!(messages[1].contains("(5,000 characters)"), "{messages:?}");
    assert!(messages[2].contains("too large"), "{messages:?}");
    // "0,5" on a comma-separated line is a fifth cell, said so.
    assert!(messages[3].contains("5 cells"), "{messages:?}");
    assert!(messages[4].starts_with("params \"zzz"), "{messages:?}");
}

#[test]
fn huge_values_never_give_infinity() {
    // Just inside the limit: every number in the analysis stays finite.
    let mut rows = good_rows();
    for r in &mut rows {
        r.value *= 1e98;
    }
    let a = analyze(&input(rows, true)).unwrap();
    for r in &a.rungs {
        assert!(
            r.gain.is_finite() && r.ci_low.unwrap().is_finite() && r.ci_high.unwrap().is_finite()
        );
    }
    assert!(a.trend.slope.is_finite() && a.next.gain.is_finite());
    // Beyond it: refused, naming the row.
    let mut rows = good_rows();
    rows[2].value = 1.7e308;
    assert!(
        error_of(&input(rows, true)).starts_with("results[2].value must be a number from -1e100")
    );
    let mut rows = good_rows();
    rows[0].params = 1.7e308;
    assert!(error_of(&input(rows, true)).starts_with("results[0].params"));
    let s = verdict_sentence(&a, "", "");
    assert!(!s.contains("inf") && !s.contains("NaN"), "{s}");
}

#[test]
fn invisible_characters_do_not_make_a_second_arm() {
    let p = parse_results_text(
        "params,arm,seed,value\n1e8,method,1,1\n1e8,method\u{200B},2,2\n1e8,baseline,1,0\n",
    );
    assert_eq!(p.arms, ["method", "baseline"]);
    assert!(
        note(&p.notes[0]).contains("method<U+200B>"),
        "{:?}",
        p.notes
    );
    let mut rows = good_rows();
    rows[0].arm = "ours\u{200B}".into();
    let a = analyze(&input(rows, true)).unwrap();
    assert_eq!(a.rungs[0].n_method, 3);
    assert!(
        said(&a).iter().any(|w| w.contains("ours<U+200B>")),
        "{:?}",
        a.warnings
    );
}

#[test]
fn only_results_are_accepted_as_results() {
    use evidence_ladder::model::results::looks_like_results;
    for text in [
        "\u{89}PNG\r\n\u{1a}\n\0\0\0\rIHDR",
        "PK\u{3}\u{4}\u{14}\0\u{6}\0", // an .xlsx is a zip
        "{\"inputs\": {\"generality\": 3}, \"version\": 1}",
        "Dear reviewer,\nthank you.",
        "",
    ] {
        assert!(looks_like_results(text).is_err(), "{text:?}");
    }
    assert!(looks_like_results("params,arm,seed,value\n1e8,a,1,\n").is_ok());
}

#[test]
fn the_largest_allowed_input_is_analysed_quickly() {
    use evidence_ladder::model::results::limits::{MAX_ROWS, MAX_RUNGS};
    // 50 rungs × 2 arms × 1,000 seeds = 100,000 runs.
    let seeds = MAX_ROWS / MAX_RUNGS / 2;
    let mut rng = Pcg(5);
    let mut text = String::from("params,arm,seed,val_loss\n");
    for k in 0..MAX_RUNGS {
        let params = evidence_ladder::text::format::size(1e7 * 10f64.powf(k as f64 / 10.0));
        for s in 0..seeds {
            text.push_str(&format!("{params},m,{s},{:.3}\n", 3.0 + 0.1 * rng.normal()));
            text.push_str(&format!("{params},b,{s},{:.3}\n", 3.1 + 0.1 * rng.normal()));
        }
    }
    assert!(
        text.len() <= evidence_ladder::model::results::limits::MAX_TEXT_BYTES,
        "{}",
        text.len()
    );
    let pasted = evidence_ladder::model::results::PastedResults {
        text,
        method: "m".into(),
        baseline: "b".into(),
        ..Default::default()
    };
    let start = std::time::Instant::now();
    let reading = pasted.read(&Default::default());
    let elapsed = start.elapsed();
    assert_eq!(reading.parsed.rows.len(), MAX_ROWS);
    assert!(reading.analysis.unwrap().is_ok());
    // Release builds (the page's) take a fraction of debug's time.
    let limit = if cfg!(debug_assertions) { 3_000 } else { 200 };
    assert!(elapsed.as_millis() < limit, "{elapsed:?}");
}

// ---------------------------------------------------------------------------
// Exports are inert
// ---------------------------------------------------------------------------

/// How a Markdown line starts a block: the structure hostile text must not change.
fn block_kind(line: &str) -> &'static str {
    let t = line.trim_start();
    let ordered = t.chars().take_while(char::is_ascii_digit).count();
    if t.starts_with('#') {
        "heading"
    } else if t.starts_with("- [") || t.starts_with("* [") {
        "checkbox"
    } else if t.starts_with("- ") || t.starts_with("* ") || t.starts_with("+ ") {
        "list"
    } else if ordered > 0 && t[ordered..].starts_with(['.', ')']) {
        "ordered"
    } else if t.starts_with('>') {
        "quote"
    } else if t.starts_with('|') {
        "table"
    } else {
        "text"
    }
}

fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<img src=x onerror=alert(1)>".to_owned()),
        Just("[click me](javascript:alert(1))".to_owned()),
        Just("![x](https://evil.example/p.png)".to_owned()),
        Just("a\r- [x] reviewed and approved by PI".to_owned()),
        Just("x\n# Heading\n1. item".to_owned()),
        Just("=HYPERLINK(\"http://evil\")".to_owned()),
        Just("+cmd|' /C calc'!A0".to_owned()),
        Just("@SUM(1)".to_owned()),
        Just("-2+3".to_owned()),
        Just("**bold** _em_ `code` ~~s~~ | pipe \\ back".to_owned()),
        Just("\u{202E}evil\u{200B}".to_owned()),
        "[ -~\r\n\u{2028}\u{202E}]{1,30}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn hostile_names_stay_inert_in_every_export(method in hostile(), baseline in hostile(), metric in hostile()) {
        use evidence_ladder::model::results::input::clean_name;
        let (m, b) = (clean_name(&method), clean_name(&baseline));
        prop_assume!(!m.is_empty() && !b.is_empty() && m != b);
        let mut rows = good_rows();
        for r in &mut rows {
            r.arm = if r.arm == "ours" { method.clone() } else { baseline.clone() };
        }
        let analysis_input = AnalysisInput {
            results: rows.clone(),
            method: method.clone(),
            baseline: baseline.clone(),
            higher_is_better: true,
            metric: Some(metric.clone()),
            next_params: None,
            top_params: None,
            compute_exponent: None,
        };
        let a = analyze(&analysis_input).unwrap();
        let benign = analyze(&input(good_rows(), true)).unwrap();
        let md = markdown_section(&a, "", "");
        let plain = markdown_section(&benign, "", "");
        prop_assert!(!md.contains('<'), "{}", md);
        prop_assert!(!md.contains("]("), "{}", md);
        // The same blocks as with plain names; list items are our warnings
        // (hostile names can add one, such as a metric that reads as lower-is-better).
        let kinds = |text: &str| text.lines().map(block_kind).filter(|k| *k != "list").collect::<Vec<_>>();
        let lists = |text: &str| text.lines().filter(|l| block_kind(l) == "list").count();
        prop_assert_eq!(kinds(&md), kinds(&plain), "{}", md);
        prop_assert_eq!(lists(&md) - a.warnings.len(), lists(&plain) - benign.warnings.len());

        // The whole plan's Markdown with these results in it.
        use evidence_ladder::model::plan::Plan;
        use evidence_ladder::model::results::ResultsExport;
        let plan = Plan::new(Default::default());
        fn export<'a>(a: &'a Analysis, rows: &'a [ResultRow]) -> ResultsExport<'a> {
            ResultsExport {
                results: rows,
                method: &a.method,
                baseline: &a.baseline,
                higher_is_better: Some(true),
                metric: a.metric.as_deref(),
                analysis: Some(a),
            }
        }
        let full = evidence_ladder::text::report::markdown(&plan, "https://example.org/", Some(&export(&a, &rows)));
        let full_plain = evidence_ladder::text::report::markdown(&plan, "https://example.org/", Some(&export(&benign, &rows)));
        prop_assert_eq!(full.matches("](").count(), full_plain.matches("](").count());
        prop_assert_eq!(full.matches('<').count(), full_plain.matches('<').count());
        prop_assert_eq!(kinds(&full), kinds(&full_plain));
        prop_assert_eq!(lists(&full) - a.warnings.len(), lists(&full_plain) - benign.warnings.len());

        // CSV: no cell a spreadsheet would run as a formula, and every row one line.
        let csv = results_csv(&rows, Some(&metric));
        prop_assert_eq!(csv.lines().count(), rows.len() + 1);
        for line in csv.lines() {
            for cell in split_csv(line) {
                prop_assert!(!cell.starts_with(['=', '+', '-', '@']) || cell.parse::<f64>().is_ok(), "{}", line);
            }
        }
        let back = parse_results_text(&csv);
        prop_assert_eq!(back.rows.len(), rows.len());
        prop_assert_eq!(back.arms.len(), 2);
    }
}

/// CSV cells as a spreadsheet sees them: quotes removed, "" as ".
fn split_csv(line: &str) -> Vec<String> {
    let (mut cells, mut cell, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => cells.push(std::mem::take(&mut cell)),
            (c, _) => cell.push(c),
        }
    }
    cells.push(cell);
    cells
}

// ---------------------------------------------------------------------------
// Compute multipliers, deep RL normalisation, one seed
// ---------------------------------------------------------------------------

/// Losses on Chinchilla's fitted law (Hoffmann et al. 2022) at 48M–480M,
/// five seeds per arm with a fixed ±0.01 wobble, the method worth `m`× compute.
fn chinchilla_rows(m: f64) -> Vec<ResultRow> {
    let loss = |n: f64| 1.69 + 406.4 / n.powf(0.34) + 410.7 / (20.0 * n).powf(0.28);
    let wobble = [-0.012_649, -0.006_325, 0.0, 0.006_325, 0.012_649];
    let mut rows = Vec::new();
    for n in [48e6, 103.4e6, 222.8e6, 480e6] {
        for (s, w) in wobble.iter().enumerate() {
            rows.push(row(n, "ours", &s.to_string(), loss(n * m.sqrt()) + w));
            rows.push(row(n, "base", &s.to_string(), loss(n) - w * 0.5));
        }
    }
    rows
}

#[test]
fn a_constant_2x_method_holds_in_compute_although_its_loss_gap_shrinks() {
    let a = analyze(&input(chinchilla_rows(2.0), false)).expect("valid");
    // The gap in loss falls with scale…
    assert!(a.rungs[0].gain > 1.5 * a.rungs[3].gain, "{:?}", a.rungs);
    assert!(
        a.trend.ci_high.unwrap() < 0.0,
        "the gain's own trend is down"
    );
    // …but the compute multiplier is 2 at every rung, and holds.
    for r in &a.rungs {
        let (m, lo, hi) = (
            r.multiplier.unwrap(),
            r.multiplier_low.unwrap(),
            r.multiplier_high.unwrap(),
        );
        assert!(
            (m - 2.0).abs() < 0.15 && lo < 2.0 && 2.0 < hi,
            "{m} ({lo} to {hi})"
        );
    }
    assert!(
        a.rungs[3].extrapolated,
        "the top rung reads the curve beyond 480M"
    );
    assert!(!a.rungs[0].extrapolated);
    assert_eq!(a.verdict, Verdict::Holds);
    let t = a.multiplier_trend.as_ref().expect("a multiplier trend");
    assert!(t.ci_low < 0.0 && 0.0 < t.ci_high);
    assert_eq!(
        a.curve.map(|c| c.kind),
        Some(evidence_ladder::model::results::CurveKind::Saturating)
    );
    let p = &a.predictions[0];
    assert!(p.pi_low < 2.0 && 2.0 < p.pi_high && (p.params - 4.8e9).abs() < 1.0);
    let s = verdict_sentence(&a, "", "");
    assert!(
        s.starts_with("The compute multiplier holds from 48M to 480M"),
        "{s}"
    );
    let predicted = prediction_sentence(&a, "", "");
    assert!(
        predicted.starts_with("At 4.8B the method is expected to be worth"),
        "{predicted}"
    );
}

#[test]
fn no_gain_is_its_own_verdict_in_json() {
    let a = analyze(&input(chinchilla_rows(1.0), false)).expect("valid");
    assert_eq!(a.verdict, Verdict::NoGain);
    let v = serde_json::to_value(analysis_json(&a)).expect("serialises");
    assert_eq!(v["verdict"], "no_gain");
    assert_eq!(v["trend"]["verdict"], "no_gain");
    for key in [
        "multiplier",
        "multiplier_low",
        "multiplier_high",
        "extrapolated",
    ] {
        assert!(v["rungs"][0].get(key).is_some(), "rungs[].{key}");
    }
    for key in ["slope", "ci_low", "ci_high"] {
        assert!(
            v["multiplier_trend"].get(key).is_some(),
            "multiplier_trend.{key}"
        );
    }
    for key in ["params", "multiplier", "pi_low", "pi_high"] {
        assert!(
            v["predictions"][0].get(key).is_some(),
            "predictions[].{key}"
        );
    }
}

#[test]
fn accuracy_has_no_multiplier_and_says_why() {
    let a = analyze(&input(good_rows(), true)).expect("valid");
    assert!(a.multiplier_trend.is_none() && a.predictions.is_empty());
    let v = serde_json::to_value(analysis_json(&a)).expect("serialises");
    assert!(v["rungs"][0]["multiplier"].is_null());
    let note = v["rungs"][0]["multiplier_note"].as_str().expect("a note");
    assert!(note.contains("higher is better"), "{note}");
}

#[test]
fn deep_rl_scores_are_normalised_per_task_before_aggregating() {
    // The issue's case: +20% on Pong, +10% on Breakout, −10% on Seaquest,
    // whose scores are 100× larger. Raw gains read as "worse".
    let mut rows = Vec::new();
    for params in [1e6, 1e7] {
        for (task, score, change) in [
            ("pong", 20.0, 0.2),
            ("breakout", 30.0, 0.1),
            ("seaquest", 2_000.0, -0.1),
        ] {
            for seed in 0..5 {
                let wobble = 0.01 * score * (f64::from(seed) - 2.0);
                rows.push(ResultRow {
                    params,
                    arm: "ours".into(),
                    seed: seed.to_string(),
                    value: score * (1.0 + change) + wobble,
                    task: Some(task.into()),
                });
                rows.push(ResultRow {
                    params,
                    arm: "base".into(),
                    seed: seed.to_string(),
                    value: score + wobble,
                    task: Some(task.into()),
                });
            }
        }
    }
    let a = analyze(&input(rows, true)).expect("valid");
    for r in &a.rungs {
        // Normalised: Pong +0.2·20/(0.2·20 + 0.04·20)… each task's gain is a share of its range.
        assert!(r.gain > 0.0, "{:?}", r);
        assert!(r.multiplier.is_none());
    }
    assert!(
        !a.warnings
            .iter()
            .any(|w| matches!(w, Note::WorseAtTop { .. })),
        "{:?}",
        a.warnings
    );
    assert!(a
        .warnings
        .iter()
        .any(|w| matches!(w, Note::TasksAggregated { .. })));
}

#[test]
fn one_seed_per_arm_prints_no_slope_or_prediction() {
    let mut rows = Vec::new();
    for (params, gain) in [(1e8, 1.0), (1e9, 2.0), (1e10, 3.0)] {
        rows.push(row(params, "ours", "1", 50.0 + gain));
        rows.push(row(params, "base", "1", 50.0));
    }
    let a = analyze(&input(rows, true)).expect("valid");
    assert_eq!(a.verdict, Verdict::Unclear);
    let s = verdict_sentence(&a, "", "");
    assert!(!s.contains("per tenfold"), "{s}");
    assert!(
        s.contains("To settle it: run at least 3 seeds per arm"),
        "{s}"
    );
    assert_eq!(prediction_sentence(&a, "", ""), "");
    assert!(a.warnings.contains(&Note::NoTrend), "{:?}", a.warnings);
}

/// Whether any number in `text` is padded with zeros after its point
/// ("0.04800000", "0.4380"): a digit run after a point ending in 0.
fn padded_numbers(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let number: String = chars[start..i].iter().collect();
            let number = number.trim_end_matches('.');
            let exponent = chars.get(i).is_some_and(|c| *c == 'e');
            if number.contains('.') && number.ends_with('0') && !exponent {
                found.push(number.to_owned());
            }
        } else {
            i += 1;
        }
    }
    found
}

/// Seeds that all give the same value leave intervals of zero width (or of
/// rounding noise): the numbers are then shown to their own figures, never
/// to eight padded decimals ("0.04800000", "0.438000000").
#[test]
fn zero_spread_results_show_unpadded_numbers() {
    let mut rows = Vec::new();
    for (i, &params) in [1.2e8, 3.5e8, 7.5e8].iter().enumerate() {
        for seed in ["0", "1", "2"] {
            rows.push(row(params, "ours", seed, [0.42, 0.438, 0.46][i]));
            rows.push(row(params, "base", seed, [0.372, 0.39, 0.412][i]));
        }
    }
    let a = analyze(&input(rows, true)).expect("analysed");
    let texts = [
        verdict_sentence(&a, "parameters", ""),
        prediction_sentence(&a, "parameters", ""),
        markdown_section(&a, "parameters", ""),
    ];
    for text in &texts {
        assert_eq!(padded_numbers(text), Vec::<String>::new(), "{text}");
    }
    assert!(
        texts[0].contains("by 0.048 (95% CI 0.048 to 0.048)"),
        "{}",
        texts[0]
    );
    assert!(
        texts[2].contains("| 0.438 | 0.39 | +0.048 | 0.048 to 0.048 |"),
        "{}",
        texts[2]
    );
}
