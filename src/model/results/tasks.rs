//! Results over several tasks (deep RL's environments): scores normalised
//! per task (0 to 1 over both arms' range on it), then each rung's gain is
//! the interquartile mean (IQM) over tasks of the per-task gain, with a 95%
//! stratified bootstrap interval, as Agarwal et al. (2021, "Deep RL at the
//! Edge of the Statistical Precipice", rliable) recommend: the IQM is robust
//! to a few outlying tasks, and resampling runs within each task keeps every
//! task in every resample.

use std::collections::{BTreeMap, HashMap};

use super::bootstrap::{iqm_in_place, resampled_gains, Bootstrap, Draws, NormalDraws, TaskRuns};
use super::estimate::RungNoise;
use super::input::ResultRow;
use super::note::Note;
use super::welch::{rung_gain, ArmSummary, Compared};
use crate::model::pace::Pace;
use crate::model::rng::Xorshift as Rng;

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
    iqm_in_place(&mut values.to_vec())
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

/// Per task, the lowest and highest value either arm reached on it at any
/// rung: scores are normalised to 0–1 on this range before aggregating, so
/// a game scored in thousands does not outweigh one scored in tens
/// (Agarwal et al. 2021 normalise per task too, by reference scores; the
/// arms' own range is what a paste always has).
fn task_ranges<'a>(rows: &'a [ResultRow], arms: [&str; 2]) -> HashMap<&'a str, (f64, f64)> {
    let mut ranges: HashMap<&str, (f64, f64)> = HashMap::new();
    for r in rows.iter().filter(|r| arms.contains(&r.arm.as_str())) {
        if let Some(task) = r.task.as_deref() {
            let e = ranges.entry(task).or_insert((r.value, r.value));
            e.0 = e.0.min(r.value);
            e.1 = e.1.max(r.value);
        }
    }
    ranges
}

/// The runs of both arms per (size, task), normalised, grouped in one pass.
fn grouped<'a>(
    rows: &'a [ResultRow],
    method: &str,
    baseline: &str,
) -> BTreeMap<u64, BTreeMap<&'a str, TaskRuns>> {
    let ranges = task_ranges(rows, [method, baseline]);
    let mut sizes: BTreeMap<u64, BTreeMap<&str, TaskRuns>> = BTreeMap::new();
    for r in rows {
        let (Some(task), Some(&(lo, hi))) = (
            r.task.as_deref(),
            r.task.as_deref().and_then(|t| ranges.get(t)),
        ) else {
            continue;
        };
        let normalised = if hi > lo {
            (r.value - lo) / (hi - lo)
        } else {
            0.0
        };
        // Sizes are positive, so their bits order as the numbers do.
        let runs = sizes
            .entry(r.params.to_bits())
            .or_default()
            .entry(task)
            .or_insert(TaskRuns {
                method: Vec::new(),
                baseline: Vec::new(),
            });
        if r.arm == method {
            runs.method.push(normalised);
        } else if r.arm == baseline {
            runs.baseline.push(normalised);
        }
    }
    sizes
}

/// Per size (as bits) with runs of both arms, the tasks both arms ran there.
fn compared_tasks(rows: &[ResultRow], method: &str, baseline: &str) -> Vec<(u64, Vec<TaskRuns>)> {
    grouped(rows, method, baseline)
        .into_iter()
        .map(|(bits, by_task)| {
            let tasks: Vec<TaskRuns> = by_task
                .into_values()
                .filter(|t| !t.method.is_empty() && !t.baseline.is_empty())
                .collect();
            (bits, tasks)
        })
        .filter(|(_, tasks)| !tasks.is_empty())
        .collect()
}

/// Compares `method` with `baseline` at every size, aggregating tasks by
/// the IQM of per-task gains in normalised units, with a stratified
/// bootstrap interval. A task counts at a rung when both arms ran it there.
/// The bootstrap is the heaviest work of the analysis: `pace` may let the
/// page run while it goes on.
pub async fn compare_rungs(
    rows: &[ResultRow],
    (method, baseline): (&str, &str),
    direction: f64,
    warnings: &mut Vec<Note>,
    pace: &mut dyn Pace,
) -> Compared {
    let mut compared = Compared::default();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut task_counts = Vec::new();
    let rungs = compared_tasks(rows, method, baseline);
    // One way to bootstrap for every rung, within the analysis's budget.
    let how = Bootstrap::for_rungs(rungs.iter().map(|(_, tasks)| tasks.as_slice()));
    let normal = NormalDraws::default();
    // Grouping 90,000 runs is a stretch of its own: the page's turn after it.
    pace.pause().await;
    for (bits, tasks) in rungs {
        let gain = iqm(&tasks.iter().map(|t| t.gain(direction)).collect::<Vec<_>>());
        let resampled = resampled_gains(&tasks, direction, how, (&mut rng, &normal), pace).await;
        let last = resampled.len() - 1;
        let at = |q: f64| resampled[((q * resampled.len() as f64) as usize).min(last)];
        let boot_mean = mean(&resampled);
        let variance = resampled
            .iter()
            .map(|g| (g - boot_mean).powi(2))
            .sum::<f64>()
            / last.max(1) as f64;
        let fewest = |pick: fn(&TaskRuns) -> usize| tasks.iter().map(pick).min().unwrap_or(0);
        let arm_mean = |pick: fn(&TaskRuns) -> &Vec<f64>| {
            iqm(&tasks.iter().map(|t| mean(pick(t))).collect::<Vec<_>>())
        };
        let (m, b) = (arm_mean(|t| &t.method), arm_mean(|t| &t.baseline));
        let summary = |mean: f64, n: usize| ArmSummary {
            n,
            mean,
            variance: None,
        };
        let n_method: usize = tasks.iter().map(|t| t.method.len()).sum();
        let n_baseline: usize = tasks.iter().map(|t| t.baseline.len()).sum();
        let mut rung = rung_gain(
            f64::from_bits(bits),
            &summary(m, n_method),
            &summary(b, n_baseline),
            direction,
        );
        rung.gain = gain;
        // The bootstrap variance stands in for the gain's, split evenly
        // between the arms; each arm counts its fewest seeds on any task.
        let noise = RungNoise {
            method: variance / 2.0,
            baseline: variance / 2.0,
            paired: None,
            n_method: fewest(|t| t.method.len()) as f64,
            n_baseline: fewest(|t| t.baseline.len()) as f64,
        };
        compared.push(rung, noise, direction);
        if let Some(r) = compared.rungs.last_mut().filter(|r| r.ci_low.is_some()) {
            // The percentile interval, which the IQM's skew may make uneven.
            r.ci_low = Some(at(0.025));
            r.ci_high = Some(at(0.975));
            r.df = None;
        }
        task_counts.push(tasks.len());
    }
    warnings.extend(method_note(&task_counts, how));
    compared
}

/// How the tasks were aggregated, for the analysis's notes; none without tasks.
fn method_note(task_counts: &[usize], how: Bootstrap) -> Option<Note> {
    let (fewest, most) = (task_counts.iter().min()?, task_counts.iter().max()?);
    Some(Note::TasksAggregated {
        fewest: *fewest,
        most: *most,
        resamples: how.resamples,
        normal_limit: matches!(how.draws, Draws::Normal),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::pace::{run_now, Unpaced};

    fn compare(rows: &[ResultRow], direction: f64, warnings: &mut Vec<Note>) -> Compared {
        run_now(compare_rungs(
            rows,
            ("method", "baseline"),
            direction,
            warnings,
            &mut Unpaced,
        ))
    }

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
        let c = compare(&rows, 1.0, &mut warnings);
        assert_eq!(c.rungs.len(), 3);
        assert!(c.usable.iter().all(|u| *u));
        // Each task spans 1.04 (gain 1 plus noise 0.04): the gain is 1/1.04 in normalised units.
        let want = 1.0 / 1.04;
        for r in &c.rungs {
            assert!((r.gain - want).abs() < 1e-9, "{}", r.gain);
            let (lo, hi) = (r.ci_low.expect("ci"), r.ci_high.expect("ci"));
            assert!(lo <= want && want <= hi && hi - lo < 0.1, "{lo}..{hi}");
        }
        assert!(
            matches!(
                warnings[0],
                Note::TasksAggregated {
                    fewest: 5,
                    most: 5,
                    ..
                }
            ),
            "{warnings:?}"
        );
        // The same results give the same interval.
        let again = compare(&rows, 1.0, &mut Vec::new());
        assert_eq!(again.rungs, c.rungs);
    }

    #[test]
    fn lower_is_better_turns_the_gain_around() {
        let rows = runs(&[(1e6, -0.5), (1e7, -0.5)], 3);
        let c = compare(&rows, -1.0, &mut Vec::new());
        // 0.5 over each task's range (0.5 plus at most 0.04 of seed noise).
        assert!(
            c.rungs
                .iter()
                .all(|r| r.gain >= 0.5 / 0.54 && r.gain <= 1.0),
            "{:?}",
            c.rungs
        );
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
