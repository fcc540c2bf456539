//! The plan in stages, each with a go/no-go rule stated before its results
//! are seen: tune small, compare small, run the middle of the ladder, then
//! the headline at the top. Most of the research happens small, and the
//! expensive runs wait until the small ones say they are worth it (the
//! essay's advice; DataDecide, Magnusson et al. 2025, finds small-scale
//! rankings predict larger ones most of the time).
//!
//! Stages partition the experiments, so their FLOPs add up to the plan's.
//! Each gate reads only the results of its own stage and earlier ones.

use serde::Serialize;

use super::inputs::ContributionKind;
use super::ladder::{Experiment, Ladder, Tier};

/// Which part of the plan a stage runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StageId {
    /// The tuning sweeps at the smallest size.
    Tune,
    /// Everything else at the small sizes: settings, ablations, seeds.
    Small,
    /// The middle of the ladder (its lower half when it is long).
    Middle,
    /// The upper half of a long middle: four or more middle sizes get a
    /// gate between their halves, before the more expensive half runs.
    UpperMiddle,
    /// The largest size: the headline comparison.
    Headline,
}

/// What a gate measures once its stage has run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GateMetric {
    /// Whether every arm's best configuration lies inside its sweep (1) or at an edge (0).
    BestInsideSweep,
    /// The lower 95% bound of the compute multiplier (or the gain) at the
    /// largest size run so far.
    MultiplierLow,
    /// The lower 95% prediction bound of the multiplier (or the gain) at
    /// the plan's largest size, from the trend through the sizes run so far.
    PredictedLowAtTop,
    /// The results analysis's verdict: 1 for "holds" or "grows", else 0.
    HoldsOrGrows,
    /// The results analysis's verdict: 1 for "no gain", else 0 (a negative result's claim).
    NoGainVerdict,
    /// Whether adjacent model sizes differ beyond their paired errors (1) or not (0).
    AdjacentSizesSeparate,
    /// Whether the reproduction matches its reference within its interval (1) or not (0).
    ReproductionMatches,
}

/// How the measured value is compared with the threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GateRule {
    Above,
    Below,
}

/// A go/no-go rule, fixed before the stage's results are seen.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Gate {
    pub metric: GateMetric,
    pub rule: GateRule,
    pub threshold: f64,
    /// True when the metric is a compute multiplier (threshold 1 = no gain);
    /// false when it is the gain in the metric's own units (threshold 0).
    pub in_multiplier: bool,
    /// Indices of the stages whose results it reads: this one and earlier ones.
    pub reads: Vec<usize>,
}

/// One stage of the plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Stage {
    pub id: StageId,
    /// Rungs (indices into the ladder) with runs in this stage.
    pub rungs: Vec<usize>,
    /// Their scales.
    pub scales: Vec<f64>,
    /// Indices into `plan.experiments` of the groups this stage runs.
    pub experiments: Vec<usize>,
    /// Full runs in the stage (evaluations beside training not counted).
    pub runs: u32,
    pub flops: f64,
    /// Accelerator-hours.
    pub hours: f64,
    /// Wall-clock hours on the user's hardware, at the plan's rate.
    pub wall_clock_hours: f64,
    pub cost: Option<f64>,
    /// The part of the reserve released with this stage, in FLOPs: the
    /// reserve's rate applied to the stage's own FLOPs (see [`stages`]).
    pub reserve_flops: f64,
    /// Share of the budget spent once this stage and every earlier one have
    /// run, their reserve included.
    pub cumulative_share: f64,
    /// The rule for going on to the next stage (for the last, for claiming the result).
    pub gate: Gate,
}

/// Middle sizes from which the middle is run in two stages. Ours: with
/// four or more, the upper half holds most of the middle's compute (each
/// size costs several times the one below), worth a look at the lower
/// half first.
const SPLIT_MIDDLE_FROM: usize = 4;

/// Which stage an experiment belongs to; `upper_from` is the first rung of
/// a long middle's upper half.
fn stage_of(e: &Experiment, upper_from: Option<usize>) -> StageId {
    match e.tier {
        Tier::Small if e.what.is_tuning() => StageId::Tune,
        Tier::Small => StageId::Small,
        Tier::Medium if upper_from.is_some_and(|r| e.rung >= r) => StageId::UpperMiddle,
        Tier::Medium => StageId::Middle,
        Tier::Large => StageId::Headline,
    }
}

/// The first rung of the middle's upper half, when the middle is long.
fn upper_middle_from(experiments: &[Experiment]) -> Option<usize> {
    let mut middle: Vec<usize> = experiments
        .iter()
        .filter(|e| e.tier == Tier::Medium)
        .map(|e| e.rung)
        .collect();
    middle.sort_unstable();
    middle.dedup();
    (middle.len() >= SPLIT_MIDDLE_FROM).then(|| middle[middle.len() / 2])
}

/// The gate after a stage, for this kind of contribution. `last` is true
/// for the final stage; `last_middle` for the last stage before the
/// headline; `multiplier` when the verdict is in compute.
fn gate(
    id: StageId,
    kind: ContributionKind,
    (last, last_middle): (bool, bool),
    multiplier: bool,
) -> (GateMetric, GateRule, f64) {
    let none = if multiplier { 1.0 } else { 0.0 };
    match (kind, id) {
        (_, StageId::Tune) => (GateMetric::BestInsideSweep, GateRule::Above, 0.5),
        (ContributionKind::Benchmark, _) => {
            (GateMetric::AdjacentSizesSeparate, GateRule::Above, 0.5)
        }
        (ContributionKind::Codebase, StageId::Small) => {
            (GateMetric::ReproductionMatches, GateRule::Above, 0.5)
        }
        (ContributionKind::NegativeResult, _) if last => {
            (GateMetric::NoGainVerdict, GateRule::Above, 0.5)
        }
        // A negative result goes on while no gain shows: a gain clear at small
        // scale makes it an insight, and the claim should change.
        (ContributionKind::NegativeResult, _) => (GateMetric::MultiplierLow, GateRule::Below, none),
        (_, _) if last => (GateMetric::HoldsOrGrows, GateRule::Above, 0.5),
        // The lower half of a long middle asks that the gain is still there
        // at its largest size; a prediction at the top from so low a span
        // would stop most real methods.
        (_, StageId::Small) => (GateMetric::MultiplierLow, GateRule::Above, none),
        (_, StageId::Middle) if !last_middle => (GateMetric::MultiplierLow, GateRule::Above, none),
        (_, _) => (GateMetric::PredictedLowAtTop, GateRule::Above, none),
    }
}

/// The stages of a plan: every experiment in exactly one, in order.
pub fn stages(
    experiments: &[Experiment],
    ladder: &Ladder,
    kind: ContributionKind,
    multiplier: bool,
) -> Vec<Stage> {
    let order = [
        StageId::Tune,
        StageId::Small,
        StageId::Middle,
        StageId::UpperMiddle,
        StageId::Headline,
    ];
    let upper_from = upper_middle_from(experiments);
    let present: Vec<StageId> = order
        .into_iter()
        .filter(|id| experiments.iter().any(|e| stage_of(e, upper_from) == *id))
        .collect();
    // Each stage holds back for failed runs and debugging in proportion to
    // what it runs: the reserve's share of the budget when the plan fills
    // the budget less the reserve, less when it plans less. (Released as a
    // share of the whole budget's reserve, a plan using 1% of the budget
    // read "20% of the budget spent" by its last stage.)
    let reserve_rate = ladder.reserve / (1.0 - ladder.reserve).max(f64::MIN_POSITIVE);
    // Wall-clock per accelerator-hour, as the ladder's totals have it.
    let wall_per_hour = if ladder.accelerator_hours > 0.0 {
        ladder.wall_clock_hours / ladder.accelerator_hours
    } else {
        0.0
    };
    let mut spent = 0.0;
    present
        .iter()
        .enumerate()
        .map(|(i, &id)| {
            let members: Vec<usize> = (0..experiments.len())
                .filter(|&j| stage_of(&experiments[j], upper_from) == id)
                .collect();
            let mut rungs: Vec<usize> = members.iter().map(|&j| experiments[j].rung).collect();
            rungs.sort_unstable();
            rungs.dedup();
            let sum = |f: fn(&Experiment) -> f64| {
                members.iter().map(|&j| f(&experiments[j])).sum::<f64>()
            };
            let flops = sum(|e| e.flops);
            let hours = sum(|e| e.hours);
            let reserve_flops = reserve_rate * flops;
            spent += flops + reserve_flops;
            let last = i + 1 == present.len();
            let last_middle = present.get(i + 1) == Some(&StageId::Headline);
            let (metric, rule, threshold) = gate(id, kind, (last, last_middle), multiplier);
            Stage {
                id,
                scales: rungs
                    .iter()
                    .filter_map(|&r| ladder.rungs.get(r).map(|r| r.scale))
                    .collect(),
                rungs,
                runs: members.iter().map(|&j| experiments[j].runs).sum(),
                flops,
                hours,
                wall_clock_hours: hours * wall_per_hour,
                cost: members
                    .iter()
                    .map(|&j| experiments[j].money)
                    .sum::<Option<f64>>(),
                reserve_flops,
                cumulative_share: spent / ladder.budget_flops.max(f64::MIN_POSITIVE),
                experiments: members,
                gate: Gate {
                    metric,
                    rule,
                    threshold,
                    in_multiplier: multiplier,
                    reads: (0..=i).collect(),
                },
            }
        })
        .collect()
}
