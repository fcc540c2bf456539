//! Seeds placed for the verdict: which groups of runs carry the comparison
//! the results analysis judges, how many seeds per arm each rung gives it so
//! that "holds" comes out with the target power at about the least compute,
//! and the verdict's power for the plan as placed.

use super::design::{self, GroupId, Placement, Template};
use super::inputs::{ContributionKind, Inputs, ResearchField};
use super::ladder::{Experiment, Ladder};
use super::power::DEFAULT_LOSS_SD;
use super::power::{place_seeds, verdict_power, Comparison, SeedLayout, VerdictPower, Worth};

/// Groups that carry the method against its strongest baseline in the main
/// setting: the comparison the verdict reads at every rung.
const VERDICT_GROUPS: [GroupId; 4] = [
    GroupId::Main,
    GroupId::Datasets,
    GroupId::Trend,
    GroupId::Headline,
];

/// Fewest seeds per arm the placement gives any rung: two, the fewest that
/// give a rung its own variance. The simulated power agrees with the full
/// analysis within 2 points even so (`tests/calibration.rs`).
const LEAST_SEEDS: u32 = 2;

/// Whether a group's seeds follow the verdict's: the verdict's own groups,
/// and the evaluations of the models they train (a dataset paper evaluates
/// every model its comparison trains).
fn follows_verdict(what: GroupId) -> bool {
    VERDICT_GROUPS.contains(&what) || what == GroupId::Evaluation
}

/// Whether the results will be judged in compute multipliers: a loss-like
/// metric. Deep RL reports returns, judged as normalised gains.
pub fn in_multiplier(inputs: &Inputs) -> bool {
    inputs.field != ResearchField::Rl
}

/// Whether the plan's seeds are placed for the verdict's power: kinds whose
/// verdict is "holds" on a loss, on a ladder of two or more rungs. A negative
/// result keeps the equivalence test's seeds (its verdict is "no gain"); a
/// codebase compares time to a target loss at the top only.
fn placed_for_power(inputs: &Inputs, rungs: usize) -> bool {
    matches!(
        inputs.kind,
        ContributionKind::Insight | ContributionKind::Optimizer | ContributionKind::Dataset
    ) && in_multiplier(inputs)
        && rungs >= 2
}

/// The seed-noise size the power assumes. With a multiplier, the spread of
/// the loss: the Loss noise input, else ours (never Noise, which is in the
/// metric's units, e.g. accuracy points). With a gain, the Noise input, in
/// the units of the gain (Effect), else one seed SD as the unit.
fn seed_sd(inputs: &Inputs) -> f64 {
    if in_multiplier(inputs) {
        inputs.loss_noise.unwrap_or(DEFAULT_LOSS_SD)
    } else {
        inputs.noise.unwrap_or(1.0)
    }
}

/// The gain assumed where the verdict reads gains, in seed SDs: Effect over
/// Noise when both are given, else one seed SD on every task. Ours: deep RL
/// gains are often no larger than the spread between seeds (Henderson et
/// al. 2018), so a method worth less than one SD is hard to tell apart.
pub const DEFAULT_GAIN_SDS: f64 = 1.0;

/// What the plan assumes the method is worth, in the verdict's unit.
fn worth(inputs: &Inputs, experiments: &[Experiment], rungs: usize) -> Worth {
    if in_multiplier(inputs) {
        return Worth::Multiplier(inputs.multiplier);
    }
    let sds = match (inputs.effect, inputs.noise) {
        (Some(effect), Some(noise)) if noise > 0.0 => effect / noise,
        _ => DEFAULT_GAIN_SDS,
    };
    // The tasks the comparison covers at every rung: the fewest settings
    // any rung's verdict groups run.
    let tasks = per_rung(experiments, rungs, |e| e.settings)
        .into_iter()
        .filter(|&t| t > 0)
        .min()
        .unwrap_or(1);
    Worth::Gain { sds, tasks }
}

/// At each of `rungs` rungs, the most of `value` any verdict group runs
/// there (0 where none does).
fn per_rung(experiments: &[Experiment], rungs: usize, value: fn(&Experiment) -> u32) -> Vec<u32> {
    (0..rungs)
        .map(|r| {
            experiments
                .iter()
                .filter(|e| e.rung == r && VERDICT_GROUPS.contains(&e.what))
                .map(value)
                .max()
                .unwrap_or(0)
        })
        .collect()
}

/// The verdict's comparison on this ladder: each rung's scale, one run's
/// FLOPs and the most seeds per arm any verdict group runs there.
fn comparison(ladder: &Ladder, experiments: &[Experiment], exponent: f64) -> Comparison {
    Comparison {
        scales: ladder.rungs.iter().map(|r| r.scale).collect(),
        flops_per_run: ladder.rungs.iter().map(|r| r.flops_per_run).collect(),
        seeds: per_rung(experiments, ladder.rungs.len(), |e| e.seeds),
        compute_exponent: exponent,
    }
}

/// Templates whose verdict groups run the seeds that reach the target power
/// on this ladder, or `None` when the kind does not place seeds so, or no
/// placement within the most seeds reaches it (the plan then keeps the
/// level's seeds and shows the power they have).
///
/// The smallest rung keeps at least the level's seeds (its ablations and
/// sweeps share them); the headline's rung at least `least_at_headline` (a
/// power analysis the researcher asked for): the top, or the smallest where
/// the design runs them there ([`design::headline_seeds_at_smallest`]). Put
/// at a dataset's top, they went to every rung above the smallest, and a
/// larger budget bought a smaller top.
pub fn placed_templates(
    inputs: &Inputs,
    templates: &[Template],
    ladder: &Ladder,
    experiments: &[Experiment],
    exponent: f64,
    level_seeds: u32,
    least_at_headline: u32,
) -> Option<Vec<Template>> {
    let k = ladder.rungs.len();
    if !placed_for_power(inputs, k) {
        return None;
    }
    // Rungs that share a group's seeds: the smallest, the middle ones, the
    // top; a group placed on every rung above the smallest joins the last two.
    let upper = templates
        .iter()
        .any(|t| follows_verdict(t.what) && t.at == Placement::Upper);
    let group: Vec<usize> = (0..k)
        .map(|r| match r {
            0 => 0,
            r if r == k - 1 && !upper => 2,
            _ => 1,
        })
        .collect();
    let cost_per_seed: Vec<f64> = (0..k)
        .map(|r| {
            experiments
                .iter()
                .filter(|e| e.rung == r && follows_verdict(e.what))
                .map(|e| e.flops / f64::from(e.seeds.max(1)))
                .sum()
        })
        .collect();
    let mut least = vec![LEAST_SEEDS; k];
    least[0] = level_seeds.max(LEAST_SEEDS);
    let headline = if design::headline_seeds_at_smallest(inputs.kind) {
        0
    } else {
        k - 1
    };
    least[headline] = least[headline].max(least_at_headline);
    let seeds = place_seeds(
        &comparison(ladder, experiments, exponent),
        &SeedLayout {
            group: &group,
            cost_per_seed: &cost_per_seed,
            least: &least,
        },
        inputs.multiplier,
        seed_sd(inputs),
    )?;
    let at = |placement: Placement| match placement {
        Placement::Bottom => Some(seeds[0]),
        Placement::Middle if k > 2 => Some(seeds[1]),
        Placement::Top | Placement::Upper => Some(seeds[k - 1]),
        _ => None,
    };
    Some(
        templates
            .iter()
            .map(|t| match at(t.at).filter(|_| follows_verdict(t.what)) {
                Some(seeds) => Template { seeds, ..t.clone() },
                None => t.clone(),
            })
            .collect(),
    )
}

/// The verdict's power for this plan's rungs and seeds.
pub fn power_of(
    inputs: &Inputs,
    ladder: &Ladder,
    experiments: &[Experiment],
    exponent: f64,
    compares_over_seeds: bool,
) -> Option<VerdictPower> {
    if !compares_over_seeds || ladder.rungs.len() < 2 {
        return None;
    }
    verdict_power(
        &comparison(ladder, experiments, exponent),
        worth(inputs, experiments, ladder.rungs.len()),
        seed_sd(inputs),
    )
}
