//! The stratified bootstrap of the IQM gain over tasks, with its work
//! bounded. Resampling every run of both arms in every task 2,000 times
//! costs 2,000 draws per run: 33 million for the 16,000 runs the JS API
//! reads (about 0.3 s in the browser, and `analyze()` answers in one piece),
//! 180 million for the 90,000 a paste may hold (issue 34 asks that no task
//! of the page's thread run over 200 ms). So:
//!
//! - while the exact bootstrap costs at most [`EXACT_DRAWS`] draws, it runs
//!   as written (every run redrawn; small analyses, the usual case);
//! - beyond, each task's resampled gain is drawn from its normal limit: the
//!   mean of n runs drawn with replacement from values with plug-in
//!   variance s² (divided by n) has mean x̄ and variance s²/n exactly, and
//!   tends to the normal with those moments as n grows (the central limit
//!   theorem; its validity for the bootstrap of a mean is Bickel & Freedman
//!   1981, "Some asymptotic theory for the bootstrap", Ann. Statist. 9(6)).
//!   A task's gain, the difference of two independent arm means, is one
//!   normal draw with the two variances summed, so a resample costs one draw
//!   per task instead of one per run. The IQM over tasks is then taken of
//!   those draws as before; with many tasks it averages dozens of them,
//!   which smooths what is left of each task's shape. Tested against the
//!   exact bootstrap: the interval's ends within 10% of its width wherever
//!   this is chosen (two exact bootstraps with other draws differ by 2–7%);
//! - and the resamples drop from 2,000 towards [`FEWEST_RESAMPLES`] only
//!   when tasks × rungs × 2,000 exceeds [`NORMAL_DRAWS`] (more than 750
//!   task-rungs; at most 100 tasks × 50 rungs = 5,000, which gets 300).

use crate::model::pace::Pace;
use crate::model::rng::Xorshift as Rng;
use crate::model::t_dist::normal_quantile_rough;

/// Bootstrap resamples per rung: 2,000 keep the 2.5% and 97.5% percentiles
/// within about 0.06 bootstrap standard deviations of their limit (one
/// Monte Carlo standard error, √(0.025 · 0.975 / 2000) / φ(1.96); Efron &
/// Tibshirani 1993 suggest 1,000 or more for percentile intervals). Ours.
pub const RESAMPLES: usize = 2_000;

/// Most runs drawn by the exact bootstrap in one analysis (resamples × runs):
/// 2,000 resamples of 2,000 runs, about 40 ms in the browser (10 ns a draw,
/// measured in Chromium on a 2-core machine). Ours.
pub const EXACT_DRAWS: usize = 4_000_000;

/// Most task gains drawn from their normal limit in one analysis
/// (resamples × tasks summed over rungs), each with its share of an IQM
/// (two selections among up to 100 tasks, 2 µs in the browser): about
/// 40 ms. Ours: at 2.5 million, 100 tasks × 50 rungs of the JS API's most
/// took 255 ms in all in Chromium on a loaded machine.
pub const NORMAL_DRAWS: usize = 1_500_000;

/// The fewest resamples per rung: 300 keep the percentile ends within
/// about 0.15 bootstrap standard deviations (one Monte Carlo standard
/// error), 8% of the interval's half-width. The limits (100 tasks, 50
/// rungs) never ask for fewer under [`NORMAL_DRAWS`]. Ours.
pub const FEWEST_RESAMPLES: usize = 300;

/// One task at one rung: the method's and the baseline's normalised values.
pub struct TaskRuns {
    pub method: Vec<f64>,
    pub baseline: Vec<f64>,
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

/// The bootstrap variance of a mean of `values`: the plug-in variance
/// (divided by n, not n − 1) over n, exactly the variance of the mean of n
/// draws with replacement.
fn variance_of_mean(values: &[f64]) -> f64 {
    let (m, n) = (mean(values), values.len() as f64);
    values.iter().map(|v| (v - m).powi(2)).sum::<f64>() / (n * n)
}

impl TaskRuns {
    /// The method's mean minus the baseline's, turned by `direction`.
    pub fn gain(&self, direction: f64) -> f64 {
        direction * (mean(&self.method) - mean(&self.baseline))
    }

    fn runs(&self) -> usize {
        self.method.len() + self.baseline.len()
    }
}

/// How each task's resampled gain is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Draws {
    /// Every run of both arms redrawn with replacement.
    Runs,
    /// One draw per task from the normal limit of its resampled gain.
    Normal,
}

/// How one analysis bootstraps: the same for every rung, so no rung's
/// interval is rougher than another's.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bootstrap {
    pub draws: Draws,
    pub resamples: usize,
}

impl Bootstrap {
    /// The exact bootstrap if it fits [`EXACT_DRAWS`], else normal draws
    /// with as many resamples (up to [`RESAMPLES`]) as fit [`NORMAL_DRAWS`].
    /// `rungs` gives each rung's tasks.
    ///
    /// ```
    /// use evidence_ladder::model::results::bootstrap::{Bootstrap, Draws, TaskRuns};
    /// let task = || TaskRuns { method: vec![1.0; 20], baseline: vec![0.0; 20] };
    /// let rungs = |rungs: usize, tasks: usize| -> Vec<Vec<TaskRuns>> {
    ///     (0..rungs).map(|_| (0..tasks).map(|_| task()).collect()).collect()
    /// };
    /// // 5 tasks at 4 rungs, 20 runs per arm: 800 runs, 1.6 million draws.
    /// let small = rungs(4, 5);
    /// assert_eq!(Bootstrap::for_rungs(small.iter().map(Vec::as_slice)).draws, Draws::Runs);
    /// // 100 tasks at 50 rungs: normal draws, 300 resamples.
    /// let large = rungs(50, 100);
    /// assert_eq!(
    ///     Bootstrap::for_rungs(large.iter().map(Vec::as_slice)),
    ///     Bootstrap { draws: Draws::Normal, resamples: 300 }
    /// );
    /// ```
    pub fn for_rungs<'a>(rungs: impl Iterator<Item = &'a [TaskRuns]>) -> Self {
        let (mut runs, mut tasks) = (0usize, 0usize);
        for rung in rungs {
            runs += rung.iter().map(TaskRuns::runs).sum::<usize>();
            tasks += rung.len();
        }
        if runs.saturating_mul(RESAMPLES) <= EXACT_DRAWS {
            return Self {
                draws: Draws::Runs,
                resamples: RESAMPLES,
            };
        }
        Self {
            draws: Draws::Normal,
            resamples: (NORMAL_DRAWS / tasks.max(1)).clamp(FEWEST_RESAMPLES, RESAMPLES),
        }
    }
}

/// The interquartile mean of `values`, reordering them: the mean of the
/// middle half, a quarter trimmed from each end, fractional ends weighted
/// (as scipy's `trim_mean` and rliable compute it for sizes that are not
/// multiples of four). Two selections rather than a sort: the bootstrap
/// takes an IQM of up to 100 tasks per resample, hundreds of thousands of
/// times. 0 for no values.
pub fn iqm_in_place(values: &mut [f64]) -> f64 {
    let count = values.len();
    if count == 0 {
        return 0.0;
    }
    let n = count as f64;
    let (low, high) = (0.25 * n, 0.75 * n);
    // The first and last positions (in sorted order) with any weight.
    let first = low.floor() as usize;
    let last = ((high.ceil() as usize).max(1) - 1).max(first);
    // The share of position i's unit interval [i, i + 1) inside [low, high).
    let share = |i: usize| ((i as f64 + 1.0).min(high) - (i as f64).max(low)).max(0.0);
    let (_, &mut at_first, above) = values.select_nth_unstable_by(first, f64::total_cmp);
    let mut total = share(first) * at_first;
    if last > first {
        let (between, &mut at_last, _) =
            above.select_nth_unstable_by(last - first - 1, f64::total_cmp);
        total += between.iter().sum::<f64>() + share(last) * at_last;
    }
    total / (high - low)
}

/// Grid points of the standard normal's quantile function for
/// [`NormalDraws`]: 2¹⁰ equal-probability bins.
const BINS: usize = 1 << 10;

/// Bins at each end drawn by Acklam's approximation (where the function
/// curves too much for a straight line between grid points).
const EXACT_TAIL_BINS: usize = 8;

/// Standard normal draws by the inverse CDF: 53 random bits pick a point
/// of (0, 1); its quantile is interpolated between grid points computed
/// once, by Acklam's approximation in the tails. A draw costs a few nanoseconds where the
/// Box–Muller transform's logarithm and cosine (software functions in wasm)
/// cost tens. Within 5e-4 of the exact quantile everywhere (tested).
pub struct NormalDraws {
    grid: Vec<f64>,
}

impl Default for NormalDraws {
    fn default() -> Self {
        let grid = (0..=BINS)
            .map(|i| match i {
                0 | BINS => 0.0, // never read: the end bins use the exact quantile
                i => normal_quantile_rough(i as f64 / BINS as f64),
            })
            .collect();
        Self { grid }
    }
}

impl NormalDraws {
    /// One draw from N(0, 1).
    pub fn draw(&self, rng: &mut Rng) -> f64 {
        self.at(rng.bits53())
    }

    /// The quantile at the point of (0, 1) that 53 random bits pick.
    fn at(&self, bits: u64) -> f64 {
        const FRACTION_BITS: u32 = 53 - BINS.trailing_zeros();
        let bin = (bits >> FRACTION_BITS) as usize;
        if !(EXACT_TAIL_BINS..BINS - EXACT_TAIL_BINS).contains(&bin) {
            // The middle of the 2⁻⁵³-wide cell: never 0 or 1.
            return normal_quantile_rough((bits as f64 + 0.5) / (1u64 << 53) as f64);
        }
        let fraction = (bits & ((1 << FRACTION_BITS) - 1)) as f64 / (1u64 << FRACTION_BITS) as f64;
        self.grid[bin] + fraction * (self.grid[bin + 1] - self.grid[bin])
    }
}

/// Draws between two pauses of the bootstrap: about 1 ms natively (a draw
/// costs about 16 ns; issue 34's benchmark: 100 tasks at 50 rungs, 180
/// million draws, took 2.9 s in one piece).
const DRAWS_PER_PAUSE: usize = 65_536;

/// The bootstrap distribution of the IQM gain of `tasks` (one rung),
/// sorted: resampling within each task keeps every task in every resample.
/// `pace` may let the page run every [`DRAWS_PER_PAUSE`] draws or so.
pub async fn resampled_gains(
    tasks: &[TaskRuns],
    direction: f64,
    how: Bootstrap,
    (rng, normal): (&mut Rng, &NormalDraws),
    pace: &mut dyn Pace,
) -> Vec<f64> {
    // A resample's work in draws: its runs or its tasks' normal draws, and
    // its share of an IQM (about a draw per task, measured natively). With
    // a normal draw counted as one, 100 tasks never paused within a rung,
    // and 50 rungs ran as one 230 ms task in Chromium under load.
    let draws: usize = tasks.len()
        + match how.draws {
            Draws::Runs => tasks.iter().map(TaskRuns::runs).sum(),
            Draws::Normal => tasks.len(),
        };
    let every = (DRAWS_PER_PAUSE / draws.max(1)).max(1);
    // Per task, the gain and the standard deviation of its resampled value.
    let spread: Vec<(f64, f64)> = match how.draws {
        Draws::Runs => Vec::new(),
        Draws::Normal => tasks
            .iter()
            .map(|t| {
                let variance = variance_of_mean(&t.method) + variance_of_mean(&t.baseline);
                (t.gain(direction), variance.sqrt())
            })
            .collect(),
    };
    let mut gains = vec![0.0; tasks.len()];
    let mut out = Vec::with_capacity(how.resamples);
    for i in 0..how.resamples {
        match how.draws {
            Draws::Runs => {
                for (g, t) in gains.iter_mut().zip(tasks) {
                    *g = direction
                        * (resampled_mean(&t.method, rng) - resampled_mean(&t.baseline, rng));
                }
            }
            Draws::Normal => {
                for (g, &(gain, sd)) in gains.iter_mut().zip(&spread) {
                    *g = gain + sd * normal.draw(rng);
                }
            }
        }
        out.push(iqm_in_place(&mut gains));
        // And at the end of every rung, however few its resamples.
        if i % every == every - 1 || i + 1 == how.resamples {
            pace.pause().await;
        }
    }
    out.sort_by(f64::total_cmp);
    out
}

/// The mean of `values.len()` draws from `values` with replacement.
fn resampled_mean(values: &[f64], rng: &mut Rng) -> f64 {
    let n = values.len();
    (0..n).map(|_| values[rng.below(n)]).sum::<f64>() / n as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::pace::{run_now, Unpaced};
    use crate::model::t_dist::normal_quantile;

    fn sorted_iqm(values: &[f64]) -> f64 {
        // The definition, by sorting: each position weighted by its share.
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len() as f64;
        let (low, high) = (0.25 * n, 0.75 * n);
        let total: f64 = sorted
            .iter()
            .enumerate()
            .map(|(i, v)| ((i as f64 + 1.0).min(high) - (i as f64).max(low)).max(0.0) * v)
            .sum();
        total / (high - low)
    }

    #[test]
    fn the_selecting_iqm_is_the_sorting_one() {
        let mut rng = Rng(17);
        for n in 1..=120 {
            let values: Vec<f64> = (0..n).map(|_| (rng.unit() * 10.0).round()).collect();
            let want = sorted_iqm(&values);
            let got = iqm_in_place(&mut values.clone());
            assert!((got - want).abs() < 1e-12, "n = {n}: {got} vs {want}");
        }
        assert_eq!(iqm_in_place(&mut []), 0.0);
    }

    #[test]
    fn normal_draws_have_the_normal_quantiles_and_moments() {
        let normal = NormalDraws::default();
        // The interpolated quantile against the exact one, across the body and tails.
        for k in 1..2000 {
            let bits = (k as f64 / 2000.0 * (1u64 << 53) as f64) as u64;
            let (got, want) = (
                normal.at(bits),
                normal_quantile((bits as f64 + 0.5) / (1u64 << 53) as f64),
            );
            assert!((got - want).abs() < 5e-4, "{k}/2000: {got} vs {want}");
        }
        let mut rng = Rng(99);
        let draws: Vec<f64> = (0..400_000).map(|_| normal.draw(&mut rng)).collect();
        let m = draws.iter().sum::<f64>() / draws.len() as f64;
        let v = draws.iter().map(|d| (d - m).powi(2)).sum::<f64>() / draws.len() as f64;
        // Standard errors: 0.0016 for the mean, 0.0022 for the variance.
        assert!(m.abs() < 0.006 && (v - 1.0).abs() < 0.01, "{m} {v}");
        let below = draws.iter().filter(|d| **d < -1.959_964).count() as f64 / draws.len() as f64;
        assert!((below - 0.025).abs() < 0.001, "{below}");
    }

    /// `tasks` tasks of `runs` runs per arm: each task's own offset, spread
    /// and skew (a few large values), a gain of about 0.2.
    fn cells(tasks: usize, runs: usize, rng: &mut Rng) -> Vec<TaskRuns> {
        (0..tasks)
            .map(|t| {
                let spread = 0.05 + 0.1 * (t % 3) as f64;
                let mut arm = |shift: f64| -> Vec<f64> {
                    (0..runs)
                        .map(|_| {
                            let u = rng.unit();
                            // Exponential noise: skewed, as returns often are.
                            shift + 0.1 * t as f64 - spread * (1.0 - u).ln()
                        })
                        .collect()
                };
                let method = arm(0.2);
                TaskRuns {
                    method,
                    baseline: arm(0.0),
                }
            })
            .collect()
    }

    fn interval(tasks: &[TaskRuns], draws: Draws) -> (f64, f64) {
        let how = Bootstrap {
            draws,
            resamples: RESAMPLES,
        };
        let normal = NormalDraws::default();
        let gains = run_now(resampled_gains(
            tasks,
            1.0,
            how,
            (&mut Rng(0x9E37_79B9_7F4A_7C15), &normal),
            &mut Unpaced,
        ));
        let at = |q: f64| gains[(q * gains.len() as f64) as usize];
        (at(0.025), at(0.975))
    }

    /// The normal limit against the exact bootstrap on small cases, where
    /// both can run, with skewed runs: the interval's ends agree within 10%
    /// of its width wherever the analysis could choose the normal limit, and
    /// within 25% on the smallest cases, where it never does. Two exact
    /// bootstraps of 2,000 resamples with other draws already differ by
    /// 2–7%; the rest is the skew a normal draw leaves out (it shrinks as
    /// 1/√n, and the IQM over many tasks averages it away).
    #[test]
    fn normal_draws_agree_with_the_exact_bootstrap() {
        let mut rng = Rng(7);
        let mut worst: f64 = 0.0;
        for tasks in [2, 3, 5, 10, 30, 100] {
            for runs in [1, 2, 3, 5, 10, 30, 100] {
                let cells = cells(tasks, runs, &mut rng);
                let (lo, hi) = interval(&cells, Draws::Runs);
                let (nlo, nhi) = interval(&cells, Draws::Normal);
                if runs == 1 {
                    // Nothing to resample: both are the gain itself.
                    assert!(lo == hi && (nlo - lo).abs() < 1e-12 && (nhi - hi).abs() < 1e-12);
                    continue;
                }
                let off = (nlo - lo).abs().max((nhi - hi).abs()) / (hi - lo);
                // At 50 rungs, the normal limit is chosen only past 2,000 runs:
                // more than 20 runs per arm × tasks. Below, the exact
                // bootstrap always runs, and lumpy skewed cells of 2 or 3
                // runs differ more.
                let reachable = tasks * runs * 2 * 50 * RESAMPLES > EXACT_DRAWS;
                let tolerance = if reachable { 0.10 } else { 0.25 };
                assert!(
                    off < tolerance,
                    "{tasks} tasks × {runs} runs: {lo}..{hi} vs {nlo}..{nhi}"
                );
                worst = worst.max(off);
            }
        }
        eprintln!("worst disagreement: {:.1}% of the width", worst * 100.0);
    }

    #[test]
    fn one_run_per_arm_resamples_to_the_gain_itself() {
        let tasks = vec![TaskRuns {
            method: vec![0.7],
            baseline: vec![0.2],
        }];
        for draws in [Draws::Runs, Draws::Normal] {
            let (lo, hi) = interval(&tasks, draws);
            assert!(
                (lo - 0.5).abs() < 1e-12 && (hi - 0.5).abs() < 1e-12,
                "{lo}..{hi}"
            );
        }
    }
}
