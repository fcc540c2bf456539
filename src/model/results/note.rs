//! What the analysis (and the reading of pasted text) noticed on the way,
//! as facts: arms renamed or left out, seeds missing, rungs left out or
//! without an interval, how tasks were aggregated, what the trend can and
//! cannot say, and why a rung has no compute multiplier. `text::results`
//! words them (the JSON's `warnings` and `multiplier_note`, the page, the
//! Markdown). It imports nothing of the analysis, which all reports to it.

use serde::{Deserialize, Serialize};

/// Why a rung, or the whole analysis, has no compute multiplier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoMultiplier {
    /// Higher is better (accuracy, win rate, return): such metrics are
    /// bounded or have no power law in compute.
    HigherIsBetter,
    /// Scores over several tasks are aggregated in normalised units.
    SeveralTasks,
    /// A value at or below zero: a power law in compute cannot reach it.
    NotPositive,
    /// The baseline does not improve with scale, so compute buys nothing to compare with.
    BaselineFlat,
    /// The method's value is below the floor the baseline's curve approaches.
    BeyondFloor,
}

/// One thing the analysis noticed. Names are kept as given (cleaned of
/// invisible characters where the analysis cleaned them); the text layer
/// makes them safe and short where it shows them.
#[derive(Clone, Debug, PartialEq)]
pub enum Note {
    /// Invisible characters were removed from these raw arm names: the first
    /// few distinct ones, and how many more there were.
    RenamedArms { names: Vec<String>, more: usize },
    /// Arms in the results other than the two compared.
    ArmsLeftOut { arms: Vec<String> },
    /// The metric's name says one direction, the input the other.
    DirectionContradicts {
        metric: String,
        named_higher: bool,
        told_higher: bool,
    },
    /// An arm has the same seed label more than once at a rung.
    DuplicateSeed {
        params: f64,
        arm: String,
        seed: String,
    },
    /// Only one of the arms ran at this rung, which is left out.
    OneArmOnly {
        params: f64,
        has: String,
        lacks: String,
    },
    /// Arms with fewer than 2 seeds at a rung, with their counts.
    FewSeeds {
        params: f64,
        arms: Vec<(String, usize)>,
    },
    /// Every seed gave the same value in both arms at this rung.
    ZeroSpread { params: f64 },
    /// Several tasks, normalised and aggregated by the IQM with a bootstrap.
    TasksAggregated {
        fewest: usize,
        most: usize,
        resamples: usize,
        /// Each task's resampled gain drawn from its normal limit.
        normal_limit: bool,
    },
    /// The method is ahead at some sizes and behind at others.
    SignChange { ahead: Vec<f64>, behind: Vec<f64> },
    /// Fewer than two rungs with 2+ seeds per arm: no slope, no prediction.
    NoTrend,
    /// Two rungs: the line through them, seed noise only.
    TwoRungs,
    /// The rungs scatter around the trend more than seed noise explains.
    Scattered,
    /// At the largest size the method is worse, with its interval.
    WorseAtTop { params: f64 },
    /// The next rung asked for is not above the largest rung with results.
    NextNotLarger { next: f64, top: f64 },
    /// Pasted lines with an empty seed under a seed column: the first, and how many.
    Seedless { first: usize, count: usize },
    /// Pasted long-form results without a seed column.
    NoSeedColumn,
}
