//! Results over several tasks (deep RL's environments): each rung's gain is
//! the interquartile mean (IQM) over tasks of the per-task gain, with a 95%
//! stratified bootstrap interval, as Agarwal et al. (2021, "Deep RL at the
//! Edge of the Statistical Precipice", rliable) recommend: the IQM is robust
//! to a few outlying tasks, and resampling runs within each task keeps every
//! task in every resample.

use super::input::ResultRow;
use super::welch::{Compared, RungGain, TrendPoint};
use crate::model::format;

/// Bootstrap resamples per rung: 2,000 keep the 2.5% and 97.5% percentiles
/// within about 0.5 percentage points of their limit (Efron & Tibshirani
/// 1993 suggest 1,000 or more for percentile intervals). Our calibration.
const RESAMPLES: usize = 2_000;

/// Whether these runs span several tasks.
pub fn several(rows: &[ResultRow]) -> bool {
    let mut first = None;
    rows.iter().filter_map(|r| r.task.as_deref()).any(|t| {
        let other = first.is_some_and(|f| f != t);
        first.get_or_insert(t);
        other
    })
}

/// The interquartile mean: the mean of the middle half, a quarter trimmed
/// from each end (fractional ends weighted, as scipy's `trim_mean` and
/// rliable compute it for sizes that are not multiples of four).
///
/// ```
/// use evidence_ladder::model::results::tasks::iqm;
/// assert_eq!(iqm(&[1.0, 2.0, 3.0, 100.0]), 2.5);
/// assert_eq!(iqm(&[5.0]), 5.0);
/// ```
pub fn iqm(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len() as f64;
    let (low, high) = (0.25 * n, 0.75 * n);
    let mut total = 0.0;
    for (i, v) in sorted.iter().enumerate() {
        // The share of this value's unit interval [i, i + 1) inside [low, high).
        let share = ((i as f64 + 1.0).min(high) - (i as f64).max(low)).max(0.0);
        total += share * v;
    }
    total / (high - low)
}

/// A small, fixed-seed generator (xorshift64*, Marsaglia 2003; Vigna 2016):
/// the same results always give the same interval.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let x = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D);
        ((x >> 11) as f64 / (1u64 << 53) as f64 * n as f64) as usize % n.max(1)
    }
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

/// One task at one rung: the method's and the baseline's values.
struct TaskRuns {
    method: Vec<f64>,
    baseline: Vec<f64>,
}

impl TaskRuns {
    fn gain(&self, direction: f64) -> f64 {
        direction * (mean(&self.method) - mean(&self.baseline))
    }
}

/// Compares `method` with `baseline` at every size, aggregating tasks by
/// the IQM of per-task gains with a stratified bootstrap interval. A task
/// counts at a rung when both arms ran it there.
pub fn compare_rungs(
    rows: &[ResultRow],
    method: &str,
    baseline: &str,
    direction: f64,
    warnings: &mut Vec<String>,
) -> Compared {
    let mut sizes: Vec<f64> = rows.iter().map(|r| r.params).collect();
    sizes.sort_by(f64::total_cmp);
    sizes.dedup();
    let mut compared = Compared {
        rungs: Vec::new(),
        points: Vec::new(),
    };
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut task_counts = Vec::new();
    for params in sizes {
        let mut names: Vec<&str> = rows
            .iter()
            .filter(|r| r.params == params)
            .filter_map(|r| r.task.as_deref())
            .collect();
        names.sort_unstable();
        names.dedup();
        let values = |task: &str, arm: &str| -> Vec<f64> {
            rows.iter()
                .filter(|r| r.params == params && r.task.as_deref() == Some(task) && r.arm == arm)
                .map(|r| r.value)
                .collect()
        };
        let tasks: Vec<TaskRuns> = names
            .iter()
            .map(|t| TaskRuns {
                method: values(t, method),
                baseline: values(t, baseline),
            })
            .filter(|t| !t.method.is_empty() && !t.baseline.is_empty())
            .collect();
        if tasks.is_empty() {
            continue;
        }
        let gain = iqm(&tasks.iter().map(|t| t.gain(direction)).collect::<Vec<_>>());
        let mut resampled: Vec<f64> = (0..RESAMPLES)
            .map(|_| {
                let gains: Vec<f64> = tasks
                    .iter()
                    .map(|t| {
                        let pick = |v: &[f64], rng: &mut Rng| -> Vec<f64> {
                            (0..v.len()).map(|_| v[rng.below(v.len())]).collect()
                        };
                        let m = pick(&t.method, &mut rng);
                        let b = pick(&t.baseline, &mut rng);
                        direction * (mean(&m) - mean(&b))
                    })
                    .collect();
                iqm(&gains)
            })
            .collect();
        resampled.sort_by(f64::total_cmp);
        let at = |q: f64| resampled[((q * RESAMPLES as f64) as usize).min(RESAMPLES - 1)];
        let boot_mean = mean(&resampled);
        let variance = resampled
            .iter()
            .map(|g| (g - boot_mean).powi(2))
            .sum::<f64>()
            / (RESAMPLES - 1) as f64;
        let n_method: usize = tasks.iter().map(|t| t.method.len()).sum();
        let n_baseline: usize = tasks.iter().map(|t| t.baseline.len()).sum();
        let enough = tasks
            .iter()
            .all(|t| t.method.len() >= 2 && t.baseline.len() >= 2);
        let arm_mean = |pick: fn(&TaskRuns) -> &Vec<f64>| {
            iqm(&tasks.iter().map(|t| mean(pick(t))).collect::<Vec<_>>())
        };
        compared.rungs.push(RungGain {
            params,
            method_mean: arm_mean(|t| &t.method),
            baseline_mean: arm_mean(|t| &t.baseline),
            gain,
            ci_low: enough.then(|| at(0.025)),
            ci_high: enough.then(|| at(0.975)),
            se: enough.then(|| variance.sqrt()),
            df: None,
            n_method,
            n_baseline,
            method_ci_low: None,
            method_ci_high: None,
            baseline_ci_low: None,
            baseline_ci_high: None,
        });
        if enough {
            // The bootstrap variance stands in for the gain's, split evenly
            // between the arms, with the rung's runs as its weight.
            let n = (n_method.min(n_baseline)) as f64;
            compared.points.push(TrendPoint {
                x: params.log10(),
                gain,
                arms: [(variance * n / 2.0, n), (variance * n / 2.0, n)],
            });
        }
        task_counts.push(tasks.len());
    }
    if let (Some(&fewest), Some(&most)) = (task_counts.iter().min(), task_counts.iter().max()) {
        warnings.push(format!(
            "Aggregated over {} per size by the interquartile mean of per-task gains, with \
             stratified bootstrap 95% intervals ({} resamples; Agarwal et al. 2021).",
            if fewest == most {
                format::plural(most as u64, "task", "tasks")
            } else {
                format!("{fewest} to {most} tasks")
            },
            format::whole(RESAMPLES as u64)
        ));
    }
    compared
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(gains: &[(f64, f64)], seeds: u32) -> Vec<ResultRow> {
        // (params, gain) per rung; 5 tasks with different offsets and noise.
        let mut rows = Vec::new();
        for &(params, gain) in gains {
            for task in 0..5 {
                for seed in 0..seeds {
                    let noise = f64::from((seed * 7 + task * 3) % 5) * 0.01;
                    for (arm, shift) in [("method", gain), ("baseline", 0.0)] {
                        rows.push(ResultRow {
                            params,
                            arm: arm.into(),
                            seed: seed.to_string(),
                            value: 10.0 * f64::from(task) + shift + noise,
                            task: Some(format!("env{task}")),
                        });
                    }
                }
            }
        }
        rows
    }

    #[test]
    fn iqm_trims_a_quarter_from_each_end() {
        assert_eq!(iqm(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]), 4.5);
        // Five values: 1.25 trimmed from each end, the edges weighted 0.75.
        let five = iqm(&[0.0, 1.0, 2.0, 3.0, 100.0]);
        assert!((five - (0.75 * 1.0 + 2.0 + 0.75 * 3.0) / 2.5).abs() < 1e-12);
    }

    #[test]
    fn a_constant_gain_is_recovered_with_an_interval_around_it() {
        let rows = runs(&[(1e6, 1.0), (1e7, 1.0), (1e8, 1.0)], 10);
        assert!(several(&rows));
        let mut warnings = Vec::new();
        let c = compare_rungs(&rows, "method", "baseline", 1.0, &mut warnings);
        assert_eq!(c.rungs.len(), 3);
        assert_eq!(c.points.len(), 3);
        for r in &c.rungs {
            assert!((r.gain - 1.0).abs() < 1e-9, "{}", r.gain);
            let (lo, hi) = (r.ci_low.expect("ci"), r.ci_high.expect("ci"));
            assert!(lo <= 1.0 && 1.0 <= hi && hi - lo < 0.1, "{lo}..{hi}");
        }
        assert!(warnings[0].contains("5 tasks"), "{warnings:?}");
        // The same results give the same interval.
        let again = compare_rungs(&rows, "method", "baseline", 1.0, &mut Vec::new());
        assert_eq!(again.rungs, c.rungs);
    }

    #[test]
    fn lower_is_better_turns_the_gain_around() {
        let rows = runs(&[(1e6, -0.5), (1e7, -0.5)], 3);
        let c = compare_rungs(&rows, "method", "baseline", -1.0, &mut Vec::new());
        assert!(c.rungs.iter().all(|r| (r.gain - 0.5).abs() < 1e-9));
    }

    #[test]
    fn one_task_is_not_several() {
        let rows: Vec<ResultRow> = runs(&[(1e6, 1.0)], 2)
            .into_iter()
            .filter(|r| r.task.as_deref() == Some("env0"))
            .collect();
        assert!(!several(&rows));
    }
}
