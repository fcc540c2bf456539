//! The verdict's power: how often the plan's own rungs and seeds would make
//! the results analysis say "holds" for a method worth the assumed compute
//! multiplier, and how often it would invent a trend when there is no gain.
//!
//! The data a plan would produce are simulated as the analysis sees them:
//! rung means on a loss curve (Chinchilla's fitted law, Hoffmann et al. 2022,
//! approach 3, along its compute-optimal path, as the shape of a typical
//! loss against compute), the method's means where the baseline would be
//! with the multiplier's extra compute, and seed noise of the assumed size.
//! The analysis's own linearisation (`results::multiplier`) turns the means
//! into log10 multipliers; each simulated data set then goes through a copy
//! of the verdict's rules (`results::verdict::decide`): the same line, the
//! larger of the seed-based and residual variance, the same thresholds, but
//! on precomputed weights and a table of t quantiles, because the analysis's
//! own path (allocations, an exact quantile at about 10 µs) is too slow for
//! thousands of data sets per plan. A change to the rules must be made in
//! both places; `tests/calibration.rs` checks the rates shown against the
//! full analysis on simulated raw results, so the two cannot drift apart
//! unnoticed.

use serde::Serialize;

use super::results::bootstrap::iqm_in_place;
use super::results::estimate::{Coefficients, RungNoise};
use super::results::multiplier::multipliers;
use super::results::t_dist::student_t_quantile;
use super::results::trend::Series;
use super::results::verdict::MOST_DECLINE_PER_DECADE;
use super::results::welch::{rung_gain, ArmSummary, Compared};
use super::rng::Xorshift;

/// Seed-to-seed standard deviation of a final loss assumed when the plan is
/// not told one (nats). Ours: the size the calibration tests use; measure
/// yours from the first stage's seeds and enter it as Loss noise.
pub const DEFAULT_LOSS_SD: f64 = 0.01;

/// The power a plan aims for: Cohen (1988)'s conventional 0.8.
pub const TARGET: f64 = 0.8;

/// Most seeds per arm the advice considers. Ours.
pub const MOST_SEEDS: u32 = 64;

/// Most seeds per arm the placement gives any rung. Cheap small rungs would
/// otherwise take the advice's 64: a few hundred runs of a small model cost
/// little in FLOPs, but every run also costs launching, evaluating and
/// bookkeeping that FLOPs do not count, and past about 20 seeds a rung's
/// interval narrows slowly (as 1/√n). Ours.
pub const MOST_PLACED_SEEDS: u32 = 20;

/// Simulated data sets per rate when searching for seeds: coarser, as the
/// answer is a whole number of seeds. Ours.
const SEARCH_DATA_SETS: usize = 250;

/// Simulated data sets per rate: the rates' standard error is at most
/// 1.6 percentage points (√(0.25/1000)), 1.3 at 0.8. Ours.
const DATA_SETS: usize = 1_000;

/// What the plan asks the results to show, rung by rung.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// Each rung's scale in the axis's unit, ascending.
    pub scales: Vec<f64>,
    /// FLOPs of one run at each rung.
    pub flops_per_run: Vec<f64>,
    /// Seeds per arm at each rung for the method against its strongest baseline.
    pub seeds: Vec<u32>,
    /// How compute grows with the scale (2 on the pretraining axis).
    pub compute_exponent: f64,
}

/// The verdict's power for one plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VerdictPower {
    /// The compute multiplier assumed (the input `multiplier`), where the
    /// verdict is read in multipliers (a loss); `None` where it is read in
    /// gains (deep RL's returns).
    pub multiplier: Option<f64>,
    /// The gain assumed on every task, in the metric's units, where the
    /// verdict is read in gains; `None` with a multiplier.
    pub gain: Option<f64>,
    /// Tasks the verdict aggregates at each rung (the interquartile mean
    /// over them when more than one).
    pub tasks: u32,
    /// The seed-to-seed standard deviation assumed: of the loss with a
    /// multiplier, of the metric with a gain.
    pub seed_sd: f64,
    /// Probability that the results say "holds" for that multiplier.
    pub holds: f64,
    /// Probability of "holds" or "grows".
    pub holds_or_grows: f64,
    /// Probability of a false "grows" or "shrinks" when the multiplier is 1.
    pub false_trend: f64,
    /// Probability of "no gain" when the multiplier is 1: a negative result's power.
    pub no_gain_when_none: f64,
    /// Probability of "no gain" when the method is worth the assumed multiplier:
    /// how often a negative result would miss a real gain of that size.
    pub no_gain_when_worth: f64,
    /// Seeds per arm at each rung that these rates assume.
    pub seeds: Vec<u32>,
    /// When "holds" falls short of [`TARGET`]: the seeds per arm at every
    /// rung that would reach it, if at most [`MOST_SEEDS`] do.
    pub seeds_to_reach_target: Option<u32>,
    /// Simulated data sets behind each rate.
    pub data_sets: u32,
}

impl VerdictPower {
    /// What the rates assume the method is worth, in the verdict's unit
    /// (a gain in seed SDs).
    pub fn worth(&self) -> Worth {
        match (self.multiplier, self.gain) {
            (Some(m), _) => Worth::Multiplier(m),
            (None, gain) => Worth::Gain {
                sds: gain.unwrap_or(0.0) / self.seed_sd.max(f64::MIN_POSITIVE),
                tasks: self.tasks,
            },
        }
    }
}

/// Chinchilla's fitted loss (Hoffmann et al. 2022, approach 3: E 1.69,
/// A 406.4, B 410.7, α 0.34, β 0.28) at compute C on its compute-optimal
/// path D = 20·N, C = 6·N·D.
pub fn loss_at_compute(c: f64) -> f64 {
    let n = (c / 120.0).sqrt();
    1.69 + 406.4 / n.powf(0.34) + 410.7 / (20.0 * n).powf(0.28)
}

/// FLOPs of one run at `scale`, interpolated in log–log scale between the
/// rungs (and extended along the last segment beyond them).
fn flops_at(c: &Comparison, scale: f64) -> f64 {
    let k = c.scales.len();
    let i = c
        .scales
        .iter()
        .position(|&s| s >= scale)
        .unwrap_or(k)
        .clamp(1, k - 1);
    let (s0, s1) = (c.scales[i - 1].log10(), c.scales[i].log10());
    let (f0, f1) = (c.flops_per_run[i - 1].log10(), c.flops_per_run[i].log10());
    let slope = if s1 > s0 {
        (f1 - f0) / (s1 - s0)
    } else {
        c.compute_exponent
    };
    10f64.powf(f0 + slope * (scale.log10() - s0))
}

/// The rungs as the analysis would see their expected means. The analysis
/// measures compute as scale^exponent, so a method worth `multiplier` there
/// reaches at each rung the baseline's loss at scale × multiplier^(1/exponent).
fn expected(c: &Comparison, multiplier: f64, sd: f64) -> Compared {
    let mut compared = Compared::default();
    let step = multiplier.powf(1.0 / c.compute_exponent);
    for ((&scale, &flops), &n) in c.scales.iter().zip(&c.flops_per_run).zip(&c.seeds) {
        let n = n.max(1) as usize;
        let arm = |mean: f64| ArmSummary {
            n,
            mean,
            variance: (n >= 2).then_some(sd * sd),
        };
        let (m, b) = (
            arm(loss_at_compute(flops_at(c, scale * step))),
            arm(loss_at_compute(flops)),
        );
        compared.push(rung_gain(scale, &m, &b, -1.0), rung_noise(n, sd), -1.0);
    }
    compared
}

/// The noise of one rung's two means with `n` seeds per arm.
fn rung_noise(n: usize, sd: f64) -> RungNoise {
    let v = sd * sd / n as f64;
    RungNoise {
        method: v,
        baseline: v,
        // Paired seeds, as the plan runs them; no correlation between the
        // arms' seeds is the cautious case (pairing only narrows intervals).
        paired: Some(0.0),
        n_method: n as f64,
        n_baseline: n as f64,
    }
}

/// t quantiles at 0.975 for the degrees of freedom the simulation meets,
/// from a table built once (the exact quantile costs about 10 µs, and a
/// rate needs thousands): 1 to 4 df in steps of 0.05, then in 1/df.
struct Quantiles(Vec<f64>);

const FINE_STEPS: usize = 60;
const COARSE_STEPS: usize = 64;

impl Quantiles {
    /// The table, built once per thread.
    fn shared() -> std::rc::Rc<Self> {
        thread_local! {
            static TABLE: std::rc::Rc<Quantiles> = std::rc::Rc::new(Quantiles::new());
        }
        TABLE.with(std::rc::Rc::clone)
    }

    fn new() -> Self {
        let fine = (0..=FINE_STEPS).map(|i| 1.0 + 3.0 * i as f64 / FINE_STEPS as f64);
        // 1/df from 1/4 down to 1/4000.
        let coarse = (1..=COARSE_STEPS)
            .map(|i| 1.0 / (0.25 - (0.25 - 0.00025) * i as f64 / COARSE_STEPS as f64));
        Self(
            fine.chain(coarse)
                .map(|df| student_t_quantile(0.975, df))
                .collect(),
        )
    }

    fn at(&self, df: f64) -> f64 {
        let df = df.max(1.0);
        let (position, table) = if df <= 4.0 {
            ((df - 1.0) / 3.0 * FINE_STEPS as f64, &self.0[..=FINE_STEPS])
        } else {
            let u = ((0.25 - 1.0 / df) / (0.25 - 0.00025)).min(1.0);
            (u * COARSE_STEPS as f64, &self.0[FINE_STEPS..])
        };
        let i = (position.floor() as usize).min(table.len() - 2);
        let f = position - i as f64;
        table[i] * (1.0 - f) + table[i + 1] * f
    }
}

/// The shared fixed-seed generator with normal and χ² draws: the same plan
/// always shows the same power.
struct Rng {
    state: Xorshift,
    /// The polar method makes normals in pairs: the second, until asked for.
    spare: Option<f64>,
}

impl Rng {
    fn new(seed: u64) -> Self {
        Self {
            state: Xorshift(seed),
            spare: None,
        }
    }

    /// A uniform draw from (0, 1): never 0, so its logarithm is finite.
    fn uniform(&mut self) -> f64 {
        (self.state.bits53() as f64 + 0.5) / (1u64 << 53) as f64
    }

    /// A standard normal by Marsaglia's polar method (Marsaglia & Bray 1964):
    /// one logarithm per pair and no trigonometry, which made Box–Muller's
    /// sine and cosine most of a plan's time.
    fn normal(&mut self) -> f64 {
        if let Some(z) = self.spare.take() {
            return z;
        }
        loop {
            let (u, v) = (2.0 * self.uniform() - 1.0, 2.0 * self.uniform() - 1.0);
            let s = u * u + v * v;
            if s < 1.0 {
                let f = (-2.0 * s.ln() / s).sqrt();
                self.spare = Some(v * f);
                return u * f;
            }
        }
    }

    /// χ²(df)/df for a whole df ≥ 1: a variance estimate's relative error.
    /// A squared normal for 1 df, else a gamma(df/2) draw by Marsaglia &
    /// Tsang (2000), exact at any df for about one normal and one uniform,
    /// so the work does not grow with the number of seeds.
    fn variance_ratio(&mut self, df: usize) -> f64 {
        if df <= 1 {
            return self.normal().powi(2);
        }
        let shape = df as f64 / 2.0;
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / (9.0 * d).sqrt();
        loop {
            let x = self.normal();
            let v = (1.0 + c * x).powi(3);
            if v <= 0.0 {
                continue;
            }
            let u = self.uniform();
            if u < 1.0 - 0.0331 * x.powi(4) || u.ln() < 0.5 * x * x + d * (1.0 - v + v.ln()) {
                return d * v / shape;
            }
        }
    }
}

/// Everything about the line that does not change between data sets.
struct Design {
    xs: Vec<f64>,
    weights: Vec<f64>,
    mean_x: f64,
    sxx: f64,
    /// Slope coefficients on the rungs' estimates.
    slope: Vec<f64>,
}

impl Design {
    fn new(xs: &[f64], series: &Series, noise: &[RungNoise]) -> Self {
        let weights: Vec<f64> = series
            .coefficients
            .iter()
            .map(|c| {
                1.0 / super::results::estimate::structural_variance(noise, c).max(f64::MIN_POSITIVE)
            })
            .collect();
        let total: f64 = weights.iter().sum();
        let mean_x = xs.iter().zip(&weights).map(|(x, w)| w * x).sum::<f64>() / total;
        let sxx: f64 = xs
            .iter()
            .zip(&weights)
            .map(|(x, w)| w * (x - mean_x).powi(2))
            .sum();
        let slope = xs
            .iter()
            .zip(&weights)
            .map(|(x, w)| w * (x - mean_x) / sxx)
            .collect();
        Self {
            xs: xs.to_vec(),
            weights,
            mean_x,
            sxx,
            slope,
        }
    }
}

/// Variance and Satterthwaite df of an estimate with per-rung coefficients
/// `c` (method, baseline), each rung's variance scaled by `ratio` and
/// counted with that rung's degrees of freedom `df`.
fn variance(c: &Coefficients, noise: &[RungNoise], ratio: &[f64], df: &[f64]) -> (f64, f64) {
    // Σ vᵢ and Σ vᵢ²/dfᵢ in one pass: Satterthwaite's df is (Σ vᵢ)² / Σ vᵢ²/dfᵢ.
    let (mut total, mut squares) = (0.0, 0.0);
    for ((([a, b], n), g), d) in c.iter().zip(noise).zip(ratio).zip(df) {
        let v = g * (a * a * n.method + b * b * n.baseline);
        total += v;
        squares += v * v / d;
    }
    (
        total,
        if squares > 0.0 {
            total * total / squares
        } else {
            f64::INFINITY
        },
    )
}

/// The outcomes of `results::verdict::decide`, mirrored for one simulated data set.
#[derive(Clone, Copy, PartialEq)]
enum Outcome {
    Grows,
    Holds,
    Shrinks,
    NoGain,
    Unclear,
}

/// One rung that aggregates several tasks as the analysis does
/// (`results::tasks`): each task's gain from `n` seeds per arm, the
/// interquartile mean over tasks, with the variance of a bootstrap that
/// resamples seeds within each task. Units: one seed SD, no true gain (the
/// simulation adds the gain). The estimate is drawn afresh for every data
/// set; the bootstrap's variance, too slow to repeat per data set, comes
/// from a pool of draws made once, as a ratio to one task's gain's
/// variance (2/n), as `Simulation::df` and `RungNoise` expect. It depends
/// little on where the tasks' gains sit, only on how they spread, so the
/// two are drawn apart.
///
/// The pool depends only on the number of tasks and seeds, so one serves
/// every rung, data set and plan that share them. Tasks are assumed alike
/// in seed noise relative to their range, where the analysis normalises
/// each (our assumption).
struct TaskPool {
    tasks: usize,
    n: usize,
    ratios: Vec<f64>,
}

/// Variances per pool, and bootstrap resamples per variance. The analysis
/// uses 2,000 resamples; 64 leave each variance an 18% relative error,
/// which widens the simulated intervals' spread a little, and 128 of them
/// fix the mean variance within about 4%: the calibration test finds the
/// rates within a point of the full analysis's. Each resampled task mean
/// is drawn as a normal with the plug-in variance, the bootstrap of a
/// mean's limit (Efron & Tibshirani 1993, §5): 128 × 64 normals per task,
/// about 0.8 ms per pool natively. Ours.
const POOL_DRAWS: usize = 128;
const POOL_RESAMPLES: usize = 64;

impl TaskPool {
    /// The pool for `tasks` tasks and `n` seeds per arm, built once per thread.
    fn shared(tasks: u32, n: u32) -> std::rc::Rc<Self> {
        type Pools = std::cell::RefCell<Vec<std::rc::Rc<TaskPool>>>;
        thread_local! {
            static POOLS: Pools = const { std::cell::RefCell::new(Vec::new()) };
        }
        let (tasks, n) = (tasks as usize, n as usize);
        POOLS.with(|pools| {
            if let Some(pool) = pools.borrow().iter().find(|p| (p.tasks, p.n) == (tasks, n)) {
                return std::rc::Rc::clone(pool);
            }
            let pool = std::rc::Rc::new(Self::new(tasks, n));
            pools.borrow_mut().push(std::rc::Rc::clone(&pool));
            pool
        })
    }

    fn new(tasks: usize, n: usize) -> Self {
        let mut rng = Rng::new(0x2545_F491_4F6C_DD1D ^ ((tasks as u64) << 32) ^ n as u64);
        let nf = n as f64;
        let mut gains = vec![0.0; tasks];
        let mut spread = vec![0.0; tasks];
        let mut scratch = vec![0.0; tasks];
        let ratios = (0..POOL_DRAWS)
            .map(|_| {
                for (g, s) in gains.iter_mut().zip(&mut spread) {
                    *g = Self::task_gain(&mut rng, nf);
                    // The bootstrap's variance of a task's gain: each arm's
                    // plug-in variance (divided by n, not n − 1) over n.
                    let arms = rng.variance_ratio(n - 1) + rng.variance_ratio(n - 1);
                    *s = (arms * (nf - 1.0) / nf / nf).sqrt();
                }
                let (mut sum, mut squares) = (0.0, 0.0);
                for _ in 0..POOL_RESAMPLES {
                    for ((x, g), s) in scratch.iter_mut().zip(&gains).zip(&spread) {
                        *x = g + s * rng.normal();
                    }
                    let v = iqm_in_place(&mut scratch);
                    sum += v;
                    squares += v * v;
                }
                let m = POOL_RESAMPLES as f64;
                let bootstrap = (squares - sum * sum / m) / (m - 1.0);
                bootstrap / (2.0 / nf)
            })
            .collect();
        Self { tasks, n, ratios }
    }

    /// One task's gain with no true gain: the difference of two means of
    /// `n` seeds with unit spread.
    fn task_gain(rng: &mut Rng, n: f64) -> f64 {
        (rng.normal() - rng.normal()) / n.sqrt()
    }

    /// One data set's estimate at this rung (its deviation from the true
    /// gain) and its variance ratio; `scratch` holds the tasks' gains.
    fn draw(&self, rng: &mut Rng, scratch: &mut Vec<f64>) -> (f64, f64) {
        let n = self.n as f64;
        scratch.clear();
        scratch.extend((0..self.tasks).map(|_| Self::task_gain(rng, n)));
        let estimate = iqm_in_place(scratch);
        (estimate, self.ratios[rng.state.below(self.ratios.len())])
    }
}

/// Whether the results could reach a verdict at all: two or more rungs,
/// each with two or more seeds per arm (one gives a rung no interval).
fn reachable(c: &Comparison) -> bool {
    c.seeds.len() >= 2 && c.seeds.iter().all(|&n| n >= 2)
}

/// One comparison's simulation: the expected estimates, their noise and
/// the line's weights, prepared once for all data sets.
struct Simulation {
    design: Design,
    series: Series,
    noise: Vec<RungNoise>,
    /// Each rung's degrees of freedom as the analysis counts them: n − 1
    /// for a paired difference, 2(n − 1) for a bootstrap over tasks, whose
    /// arms it counts apart.
    df: Vec<f64>,
    /// Where a rung aggregates several tasks, draws of its estimate and
    /// variance as the analysis makes them; elsewhere seed noise is drawn
    /// directly.
    pools: Vec<Option<std::rc::Rc<TaskPool>>>,
    slope_coefficients: Coefficients,
    t: std::rc::Rc<Quantiles>,
}

/// One simulated data set's seed noise: how far it moves each rung's
/// estimate, and each rung's variance estimate relative to the truth.
#[derive(Default)]
struct Draw {
    /// Each rung's two means' deviations from the truth.
    deviations: Vec<[f64; 2]>,
    moved: Vec<f64>,
    ratio: Vec<f64>,
    /// The tasks' gains at a rung that aggregates several.
    tasks: Vec<f64>,
}

impl Simulation {
    /// Fills `draw` with a new data set's noise (buffers reused between sets).
    fn draw(&self, rng: &mut Rng, draw: &mut Draw) {
        draw.deviations.clear();
        draw.deviations.extend(self.noise.iter().map(|n| {
            [
                n.method.sqrt() * rng.normal(),
                n.baseline.sqrt() * rng.normal(),
            ]
        }));
        draw.ratio.clear();
        draw.ratio.extend(
            self.noise
                .iter()
                .map(|n| rng.variance_ratio(n.n_method as usize - 1)),
        );
        draw.moved.clear();
        draw.moved
            .extend(self.series.coefficients.iter().map(|coefficients| {
                coefficients
                    .iter()
                    .zip(&draw.deviations)
                    .map(|([a, b], [dm, db])| a * dm + b * db)
                    .sum::<f64>()
            }));
        for (r, pool) in self.pools.iter().enumerate() {
            if let Some(pool) = pool {
                (draw.moved[r], draw.ratio[r]) = pool.draw(rng, &mut draw.tasks);
            }
        }
    }

    /// The verdict on one data set, its means moved by `shift` in log10 multiplier.
    fn outcome(&self, draw: &Draw, shift: &[f64]) -> Outcome {
        let k = self.design.xs.len();
        let q = |r: usize| self.series.values[r].unwrap_or(0.0) + shift[r] + draw.moved[r];
        let d = &self.design;
        let total: f64 = d.weights.iter().sum();
        let slope: f64 = d.slope.iter().enumerate().map(|(r, c)| c * q(r)).sum();
        let intercept = d
            .weights
            .iter()
            .enumerate()
            .map(|(r, w)| w * q(r))
            .sum::<f64>()
            / total
            - slope * d.mean_x;
        let (seed, seed_df) =
            variance(&self.slope_coefficients, &self.noise, &draw.ratio, &self.df);
        let (v, df) = if k > 2 {
            let scatter: f64 = (0..k)
                .map(|r| d.weights[r] * (q(r) - intercept - slope * d.xs[r]).powi(2))
                .sum::<f64>()
                / (k - 2) as f64
                / d.sxx;
            if scatter > seed {
                (scatter, (k - 2) as f64)
            } else {
                (seed, seed_df)
            }
        } else {
            (seed, seed_df)
        };
        let half = self.t.at(df) * v.sqrt();
        let rung_interval = |r: usize| {
            let (v, df) = variance(
                &self.series.coefficients[r],
                &self.noise,
                &draw.ratio,
                &self.df,
            );
            let half = self.t.at(df) * v.sqrt();
            (q(r) - half, q(r) + half)
        };
        if (0..k).all(|r| {
            let (lo, hi) = rung_interval(r);
            lo <= 0.0 && 0.0 <= hi
        }) {
            return Outcome::NoGain;
        }
        let at_top = intercept + slope * d.xs[k - 1];
        // Only where a verdict needs it, cheapest test first: the top
        // rung's interval costs a variance, and this runs for thousands of
        // data sets per plan.
        let ahead_at_top = || at_top > 0.0 && rung_interval(k - 1).0 > 0.0;
        if slope - half > 0.0 {
            return if ahead_at_top() {
                Outcome::Grows
            } else {
                Outcome::Unclear
            };
        }
        if slope + half < 0.0 {
            return Outcome::Shrinks;
        }
        if slope - half > -MOST_DECLINE_PER_DECADE * at_top && ahead_at_top() {
            Outcome::Holds
        } else {
            Outcome::Unclear
        }
    }
}

impl Simulation {
    /// The simulation of a comparison's data, or `None` when the verdict
    /// cannot be reached (fewer than two rungs, a rung with fewer than two
    /// seeds, or a loss curve the analysis reads no multiplier off).
    fn new(c: &Comparison, multiplier: f64, seed_sd: f64) -> Option<Self> {
        if !reachable(c) {
            return None;
        }
        let assumed = expected(c, multiplier, seed_sd);
        let series = multipliers(&assumed, c.compute_exponent, false)
            .ok()?
            .series;
        let df = c.seeds.iter().map(|&n| f64::from(n) - 1.0).collect();
        let pools = vec![None; c.seeds.len()];
        Some(Self::of(c, series, assumed.noise, df, pools))
    }

    /// The simulation of a comparison read in gains: a gain of `sds` seed
    /// SDs on each of `tasks` tasks at every rung, in units of the seed SD
    /// (the verdict's rules give the same answer in any unit). One task is
    /// a paired difference per rung; several are aggregated as the analysis
    /// does (`results::tasks`), drawn from a [`TaskPool`].
    fn on_gains(c: &Comparison, tasks: u32, sds: f64) -> Option<Self> {
        if !reachable(c) {
            return None;
        }
        let k = c.seeds.len();
        let series = Series::per_rung(vec![Some(sds); k], [1.0, -1.0]);
        let noise = c
            .seeds
            .iter()
            .map(|&n| rung_noise(n as usize, 1.0))
            .collect();
        let several = tasks >= 2;
        let df = c
            .seeds
            .iter()
            .map(|&n| (f64::from(n) - 1.0) * if several { 2.0 } else { 1.0 })
            .collect();
        let pools = c
            .seeds
            .iter()
            .map(|&n| several.then(|| TaskPool::shared(tasks, n)))
            .collect();
        Some(Self::of(c, series, noise, df, pools))
    }

    fn of(
        c: &Comparison,
        series: Series,
        noise: Vec<RungNoise>,
        df: Vec<f64>,
        pools: Vec<Option<std::rc::Rc<TaskPool>>>,
    ) -> Self {
        let xs: Vec<f64> = c.scales.iter().map(|s| s.log10()).collect();
        let design = Design::new(&xs, &series, &noise);
        let mut slope_coefficients = vec![[0.0; 2]; xs.len()];
        for (r, s) in design.slope.iter().enumerate() {
            for (t, c) in slope_coefficients.iter_mut().zip(&series.coefficients[r]) {
                t[0] += s * c[0];
                t[1] += s * c[1];
            }
        }
        Self {
            design,
            series,
            noise,
            df,
            pools,
            slope_coefficients,
            t: Quantiles::shared(),
        }
    }

    /// The same comparison with other seeds per rung: the expected means,
    /// and so the multipliers' coefficients, do not depend on the seeds.
    fn with_seeds(&self, c: &Comparison, seeds: &[u32], seed_sd: f64) -> Self {
        let noise = seeds
            .iter()
            .map(|&n| rung_noise(n.max(2) as usize, seed_sd))
            .collect();
        let df = seeds.iter().map(|&n| f64::from(n.max(2)) - 1.0).collect();
        Self::of(c, self.series.clone(), noise, df, vec![None; seeds.len()])
    }

    /// The outcomes of `sets` data sets with the gain and, when asked,
    /// the same data sets moved to a multiplier of 1 (common random numbers).
    fn run(&self, sets: usize, without_gain: bool) -> (Vec<Outcome>, Vec<Outcome>) {
        let k = self.design.xs.len();
        let to_none: Vec<f64> = self
            .series
            .values
            .iter()
            .map(|q| -q.unwrap_or(0.0))
            .collect();
        let stay = vec![0.0; k];
        let mut rng = Rng::new(0x5DEE_CE66_D1CE_4E5B);
        let mut draw = Draw::default();
        let mut with = Vec::with_capacity(sets);
        let mut without = Vec::with_capacity(if without_gain { sets } else { 0 });
        for _ in 0..sets {
            self.draw(&mut rng, &mut draw);
            with.push(self.outcome(&draw, &stay));
            if without_gain {
                without.push(self.outcome(&draw, &to_none));
            }
        }
        (with, without)
    }

    /// How often "holds" comes out of `sets` data sets.
    fn holds(&self, sets: usize) -> f64 {
        rate(&self.run(sets, false).0, &[Outcome::Holds])
    }
}

fn rate(outcomes: &[Outcome], wanted: &[Outcome]) -> f64 {
    outcomes.iter().filter(|o| wanted.contains(o)).count() as f64 / outcomes.len().max(1) as f64
}

/// What the method is assumed to be worth, in the unit the verdict reads.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Worth {
    /// A compute multiplier, read off a loss curve (the input `multiplier`).
    Multiplier(f64),
    /// A gain of `sds` seed SDs on each of `tasks` tasks at every rung
    /// (deep RL's returns, normalised per task).
    Gain { sds: f64, tasks: u32 },
}

impl Worth {
    /// The simulation of `c` for this worth.
    fn simulation(self, c: &Comparison, seed_sd: f64) -> Option<Simulation> {
        match self {
            Self::Multiplier(m) => Simulation::new(c, m, seed_sd),
            Self::Gain { sds, tasks } => Simulation::on_gains(c, tasks, sds),
        }
    }

    /// Whether the method is worth anything at all: power is only sought then.
    pub fn assumes_a_gain(self) -> bool {
        match self {
            Self::Multiplier(m) => m > 1.0,
            Self::Gain { sds, .. } => sds > 0.0,
        }
    }
}

/// Seed counts the search for gains over tasks tries: each needs a pool of
/// bootstrap variances (`TaskPool`), so it steps about 25% at a time
/// rather than by one seed. Ours.
const GAIN_SEED_COUNTS: [u32; 15] = [2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 32, 40, 48, 64];

/// The fewest seeds per arm at every rung whose "holds" rate reaches
/// [`TARGET`], by bisection over the counts tried, up to [`MOST_SEEDS`].
fn seeds_to_reach(c: &Comparison, worth: Worth, seed_sd: f64) -> Option<u32> {
    let holds = |n: u32| {
        let uniform = Comparison {
            seeds: vec![n; c.seeds.len()],
            ..c.clone()
        };
        worth
            .simulation(&uniform, seed_sd)
            .map_or(0.0, |s| s.holds(SEARCH_DATA_SETS))
    };
    let fewest = c.seeds.iter().copied().min().unwrap_or(2).max(2);
    let counts: Vec<u32> = match worth {
        Worth::Multiplier(_) => (fewest..=MOST_SEEDS).collect(),
        Worth::Gain { .. } => GAIN_SEED_COUNTS
            .into_iter()
            .filter(|&n| n >= fewest)
            .collect(),
    };
    // The first count that reaches the target, if the most does: "holds"
    // rises with seeds, so bisection finds it in about log2(counts) runs.
    let (mut lo, mut hi) = (0, counts.len().checked_sub(1)?);
    if holds(counts[hi]) < TARGET {
        return None;
    }
    while lo < hi {
        let mid = (lo + hi) / 2;
        if holds(counts[mid]) >= TARGET {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Some(counts[hi])
}

/// Where a plan may put its seeds: rungs in one group share a count, as a
/// design's group of runs placed on several rungs runs the same seeds on each.
pub struct SeedLayout<'a> {
    /// The group of each rung.
    pub group: &'a [usize],
    /// FLOPs of one more seed per arm at each rung: every arm and setting
    /// of the groups that carry the verdict's comparison there.
    pub cost_per_seed: &'a [f64],
    /// The fewest seeds per arm at each rung (the level's at the smallest).
    pub least: &'a [u32],
}

/// How far above [`TARGET`] the seed search aims, so that the rate shown,
/// from more data sets, is not below it by sampling error alone. Ours: about
/// the search's own standard error at 0.8 (√(0.16/250) = 0.025); the rate
/// shown is the plan's honest estimate either way.
const SEARCH_MARGIN: f64 = 0.02;

/// Each seed group's Neyman share, √(variance weight ÷ cost per seed): the
/// weight is the group's rungs' share of the variance of the top rung's
/// multiplier plus their share of the slope's, at one seed per arm.
fn neyman_shape(sim: &Simulation, layout: &SeedLayout) -> Vec<f64> {
    let k = layout.group.len();
    let share = |coefficients: &Coefficients| {
        let v: Vec<f64> = coefficients.iter().map(|[a, b]| a * a + b * b).collect();
        let total: f64 = v.iter().sum::<f64>().max(f64::MIN_POSITIVE);
        v.into_iter().map(move |v| v / total)
    };
    let weight: Vec<f64> = share(&sim.series.coefficients[k - 1])
        .zip(share(&sim.slope_coefficients))
        .map(|(top, slope)| top + slope)
        .collect();
    let groups = layout.group.iter().copied().max().map_or(0, |g| g + 1);
    (0..groups)
        .map(|g| {
            let (w, cost) = (0..k)
                .filter(|&r| layout.group[r] == g)
                .fold((0.0, 0.0), |(w, cost), r| {
                    (w + weight[r], cost + layout.cost_per_seed[r])
                });
            (w / cost.max(f64::MIN_POSITIVE)).sqrt()
        })
        .collect()
}

/// Seeds per arm at each rung for the verdict's comparison: enough that
/// "holds" comes out with probability [`TARGET`] for a method worth
/// `multiplier`, at about the least compute. `None` when even
/// [`MOST_PLACED_SEEDS`] at every rung do not reach it.
///
/// Each rung's share follows Neyman's allocation for a cost per unit
/// (Neyman 1934; Cochran 1977, §5.5): seeds ∝ √(weight / cost), where the
/// weight is the rung's share of the variance of the two estimates the
/// verdict reads (the multiplier at the top rung, and the trend's slope).
/// Small rungs cost little and pin the curve, so they get more seeds;
/// the top gets what its own interval needs. One factor scales the
/// shares, found by bisection on the simulated rate, searched a little
/// above the target (`SEARCH_MARGIN`) so that the rate shown, from more
/// data sets, is at the target too.
pub fn place_seeds(
    c: &Comparison,
    layout: &SeedLayout,
    multiplier: f64,
    seed_sd: f64,
) -> Option<Vec<u32>> {
    if multiplier <= 1.0 {
        return None;
    }
    let k = c.scales.len();
    let least: Vec<u32> = layout.least.iter().map(|&n| n.max(2)).collect();
    let first = Simulation::new(
        &Comparison {
            seeds: least.clone(),
            ..c.clone()
        },
        multiplier,
        seed_sd,
    )?;
    let shape = neyman_shape(&first, layout);
    let most = shape.iter().copied().fold(f64::MIN_POSITIVE, f64::max);
    let fewest = shape.iter().copied().fold(most, f64::min);
    // `scale` is the seeds of the group that wants most; each group stops
    // at MOST_PLACED_SEEDS, so the search goes on until the one that wants fewest
    // reaches it too.
    // (Bounded so the doubling stays a few dozen steps at most.)
    let largest_scale = (f64::from(MOST_PLACED_SEEDS) * most / fewest.max(f64::MIN_POSITIVE))
        .ceil()
        .min(1e6) as u32;
    let seeds_at = |scale: u32| -> Vec<u32> {
        (0..k)
            .map(|r| {
                let n = (f64::from(scale) * shape[layout.group[r]] / most).ceil() as u32;
                n.max(least[r]).min(MOST_PLACED_SEEDS.max(least[r]))
            })
            .collect()
    };
    let reaches = |scale: u32| {
        first
            .with_seeds(c, &seeds_at(scale), seed_sd)
            .holds(SEARCH_DATA_SETS)
            >= TARGET + SEARCH_MARGIN
    };
    // Double until the target is reached, then bisect: about 2·log2 of the
    // largest scale simulations (a few dozen at most).
    let (mut lo, mut hi) = (1, 2);
    while !reaches(hi) {
        if hi >= largest_scale {
            return None;
        }
        lo = hi;
        hi = (hi * 2).min(largest_scale);
    }
    // Bisect in log scale until neighbours are within 20% (or one seed):
    // finer steps buy little compute for a simulation each.
    while hi - lo > 1 && f64::from(hi) > 1.2 * f64::from(lo) {
        let mid = ((f64::from(lo) * f64::from(hi)).sqrt().round() as u32).clamp(lo + 1, hi - 1);
        if reaches(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Some(seeds_at(hi))
}

/// The verdict's power for a comparison, or `None` when the verdict cannot
/// be reached at all (fewer than two rungs, an arm with one seed somewhere,
/// or a loss curve the analysis could not read a multiplier off).
/// `seed_sd` is the loss's seed SD with a multiplier, the metric's with a
/// gain (which it then only converts to the metric's units).
pub fn verdict_power(c: &Comparison, worth: Worth, seed_sd: f64) -> Option<VerdictPower> {
    let (with, without) = worth.simulation(c, seed_sd)?.run(DATA_SETS, true);
    let holds = rate(&with, &[Outcome::Holds]);
    let (multiplier, gain, tasks) = match worth {
        Worth::Multiplier(m) => (Some(m), None, 1),
        Worth::Gain { sds, tasks } => (None, Some(sds * seed_sd), tasks),
    };
    Some(VerdictPower {
        multiplier,
        gain,
        tasks,
        seed_sd,
        holds,
        holds_or_grows: rate(&with, &[Outcome::Holds, Outcome::Grows]),
        false_trend: rate(&without, &[Outcome::Grows, Outcome::Shrinks]),
        no_gain_when_none: rate(&without, &[Outcome::NoGain]),
        no_gain_when_worth: rate(&with, &[Outcome::NoGain]),
        seeds: c.seeds.clone(),
        seeds_to_reach_target: (holds < TARGET && worth.assumes_a_gain())
            .then(|| seeds_to_reach(c, worth, seed_sd))
            .flatten(),
        data_sets: DATA_SETS as u32,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn default_like(seeds: u32) -> Comparison {
        let scales = vec![71e6, 150e6, 320e6, 710e6];
        Comparison {
            flops_per_run: scales.iter().map(|n| 120.0 * n * n).collect(),
            scales,
            seeds: vec![seeds; 4],
            compute_exponent: 2.0,
        }
    }

    #[test]
    fn the_quantile_table_is_close_to_the_exact_quantile() {
        let t = Quantiles::new();
        for df in [1.0, 1.37, 2.0, 3.3, 4.0, 7.5, 19.2, 60.0, 500.0] {
            let exact = student_t_quantile(0.975, df);
            assert!(
                (t.at(df) - exact).abs() / exact < 0.005,
                "df {df}: {} vs {exact}",
                t.at(df)
            );
        }
    }

    #[test]
    fn power_rises_with_seeds_and_with_the_multiplier() {
        let p = |seeds, m| {
            verdict_power(&default_like(seeds), Worth::Multiplier(m), 0.01)
                .expect("power")
                .holds
        };
        assert!(
            p(2, 1.5) <= p(3, 1.5) && p(3, 1.5) <= p(5, 1.5),
            "{} {} {}",
            p(2, 1.5),
            p(3, 1.5),
            p(5, 1.5)
        );
        assert!(p(3, 1.2) <= p(3, 1.5) && p(3, 1.5) <= p(3, 2.0));
    }

    #[test]
    fn power_over_tasks_rises_with_seeds_and_with_the_gain() {
        let p = |seeds, sds| {
            let worth = Worth::Gain { sds, tasks: 3 };
            verdict_power(&default_like(seeds), worth, 1.0)
                .expect("power")
                .holds
        };
        let (few, more, most) = (p(5, 1.5), p(10, 1.5), p(20, 1.5));
        assert!(few < more && more < most, "{few} {more} {most}");
        let (small, large) = (p(10, 1.0), p(10, 2.0));
        assert!(small < more && more < large, "{small} {more} {large}");
        // No gain: no "holds".
        assert!(p(10, 0.0) < 0.05);
    }

    #[test]
    fn no_verdict_without_two_seeds() {
        assert!(verdict_power(&default_like(1), Worth::Multiplier(1.5), 0.01).is_none());
    }
}
