//! What a paper of each kind must show, as groups of runs: the one place that
//! knows which runs prove an insight, a negative result, a model, a benchmark,
//! a dataset or a codebase, and how a field's conventions change them. The
//! ladder prices these groups and the plan sums them; what the kinds need
//! besides runs (statistics, demands in words) lives in `evidence` and `plan`.

use serde::Serialize;

use super::evidence::LevelRule;
use super::inputs::{ContributionKind, ResearchField, Tuning};

/// Configurations in a tuning sweep, per arm. Our calibration: random search
/// finds a good configuration in a few dozen trials at most (Bergstra &
/// Bengio 2012), and comparisons flip when one arm gets more tuning than
/// another (Dodge et al. 2019, "Show Your Work"); 8 per arm at the smallest
/// scale is a modest sweep that every arm gets alike.
pub const TUNING_CONFIGS: u32 = 8;

/// Learning rates tried per arm at every larger rung where arms are compared.
/// The best learning rate moves with size (GPT-3 used 6e-4 at 125M and 2e-4
/// at 1.3B; Brown et al. 2020, Table 2.1), so the small sweep's winner is a
/// guess at larger sizes; three values around the extrapolated one (the
/// guess, half and double) show whether it was the optimum. Our calibration.
pub const LR_CONFIGS: u32 = 3;

/// Seeds per arm per task at the headline of a deep-RL paper: at least 10
/// runs per task (Henderson et al. 2018, "Deep Reinforcement Learning that
/// Matters"; Agarwal et al. 2021, "Deep RL at the Edge of the Statistical
/// Precipice", which also asks for several tasks).
pub const RL_MIN_SEEDS: u32 = 10;

/// Tasks of a deep-RL headline at the least (Agarwal et al. 2021 aggregate over
/// suites such as Atari's 26 or more; three is our floor for an aggregate).
pub const RL_MIN_TASKS: u32 = 3;

/// Prompt formats a benchmark's largest model is evaluated with: scores can
/// swing by many points with formatting alone (Sclar et al. 2024,
/// "Quantifying Language Models' Sensitivity to Spurious Features in Prompt
/// Design"). Three is our calibration.
pub const PROMPT_FORMATS: u32 = 3;

/// Other model families a benchmark evaluates at its top size, so its
/// ranking is not one family's quirk. Our calibration.
pub const OTHER_FAMILIES: u32 = 2;

/// Configurations per optimiser at each size of an optimiser comparison: a
/// coordinate-wise sweep of 3 values of each of 4 hyperparameters (learning
/// rate, warm-up, weight decay, β₂) around the best so far. Optimiser
/// comparisons flip when the baseline is tuned less (Dahl et al. 2023,
/// AlgoPerf; Kaddour et al. 2023, "No Train No Gain"); Wen et al. 2025
/// ("Fantastic Pretraining Optimizers and Where to Find Them") sweep every
/// hyperparameter per size and data ratio and see claimed speed-ups fall
/// from about 1.4× at 130M to 1.1× at 1.2B. The count is our calibration.
pub const OPTIMIZER_CONFIGS: u32 = 12;

/// Tokens per run of the second data ratio an optimiser is compared at,
/// as a multiple of the ladder's: Wen et al. 2025 compare at 1× to 8× the
/// Chinchilla ratio, and speed-ups shrink as runs get longer. Our choice.
pub const DATA_RATIO: f64 = 4.0;

/// Share of a full run that a throughput measurement takes: steady-state
/// speed shows after warm-up, well within 1% of a full run (our assumption).
pub const THROUGHPUT_FRACTION: f64 = 0.01;

/// Which rungs a group of runs uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Placement {
    /// The smallest rung only.
    Bottom,
    /// Every rung between the smallest and the largest.
    Middle,
    /// Every rung above the smallest.
    Upper,
    /// The largest rung only.
    Top,
    /// Every rung.
    Every,
    /// Every middle rung, or the largest where there is none: a check one
    /// step above the smallest size, whatever the number of rungs.
    Check,
    /// One rung in the middle of the ladder (the upper of two middles; the
    /// largest of a two-rung ladder).
    Centre,
}

/// What one run of a group costs.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RunCost {
    /// A full training run at the rung's scale.
    Train,
    /// This share of a training run (a timed throughput measurement).
    Partial(f64),
    /// One evaluation: a forward pass over the evaluation set.
    Eval,
    /// A training run on this multiple of the rung's tokens (a second
    /// tokens-per-parameter ratio).
    Longer(f64),
}

/// What a group of runs shows. The plan decides on these, never on a
/// group's words; the JSON writes each as its id ("headline", "trend-tuning").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum GroupId {
    /// Every arm over the level's settings and seeds at the smallest size.
    Main,
    Ablations,
    /// Variants of a negative result's idea.
    Variants,
    /// The tuning sweep at the smallest size.
    Tuning,
    BaselineTuning,
    /// The arms as scale grows.
    Trend,
    TrendTuning,
    TrendBaselineTuning,
    /// The comparison at the largest size that the claim stands on.
    Headline,
    HeadlineTuning,
    HeadlineBaselineTuning,
    /// One check that μP's transferred learning rate holds above the sweep.
    TransferCheck,
    /// A learning-rate sweep at every size above the smallest.
    LrTuning,
    Recipe,
    RecipeCheck,
    Final,
    Evaluation,
    ExistingBenchmarks,
    OtherFamilies,
    PromptFormats,
    /// A data paper's training runs: every dataset, the same recipe and seeds.
    Datasets,
    Reproduction,
    Throughput,
    /// An optimiser comparison's sweep at the smallest size.
    Sweep,
    SizeSweep,
    DataRatio,
    StepTime,
}

impl GroupId {
    /// Whether the group tunes hyperparameters rather than compares.
    pub fn is_tuning(self) -> bool {
        matches!(
            self,
            GroupId::Tuning
                | GroupId::BaselineTuning
                | GroupId::TrendTuning
                | GroupId::TrendBaselineTuning
                | GroupId::HeadlineTuning
                | GroupId::HeadlineBaselineTuning
                | GroupId::LrTuning
        )
    }
}

/// What a group's words are written from, besides its id and counts: the
/// kind and field, where it runs, and the level's settings, domains,
/// baselines and ablations it names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GroupFacts {
    pub kind: ContributionKind,
    pub at: Placement,
    pub field: ResearchField,
    pub settings: u32,
    pub domains: u32,
    pub baselines: u32,
    pub ablations: u32,
}

/// A group of runs the paper needs, before it is placed on rungs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Template {
    pub at: Placement,
    /// What the group shows; its id is stable for scripts: "headline".
    pub what: GroupId,
    /// What its words are written from (`text::design`).
    #[serde(skip)]
    pub facts: GroupFacts,
    /// Methods, baselines, variants or datasets compared.
    pub arms: u32,
    pub settings: u32,
    pub seeds: u32,
    /// Configurations per arm (a tuning sweep); 1 otherwise.
    pub configs: u32,
    pub cost: RunCost,
}

impl Template {
    /// Runs this group needs on each rung it uses.
    pub fn runs(&self) -> u32 {
        self.arms
            .saturating_mul(self.settings)
            .saturating_mul(self.seeds)
            .saturating_mul(self.configs)
    }
}

/// The numbers a design needs from the level, the statistics and the field.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Demands {
    pub settings: u32,
    pub domains: u32,
    pub seeds: u32,
    /// Seeds per arm for the headline comparisons (the power analysis's, or the level's).
    pub headline_seeds: u32,
    pub baselines: u32,
    pub ablations: u32,
    pub field: ResearchField,
    pub tuning: Tuning,
}

impl Demands {
    pub fn of(rule: &LevelRule, headline_seeds: u32, field: ResearchField, tuning: Tuning) -> Self {
        let rl = field == ResearchField::Rl;
        Demands {
            settings: if rl {
                rule.settings.max(RL_MIN_TASKS)
            } else {
                rule.settings
            },
            domains: rule.domains,
            seeds: rule.seeds,
            headline_seeds: headline_seeds
                .max(rule.seeds)
                .max(if rl { RL_MIN_SEEDS } else { 0 }),
            baselines: rule.baselines,
            ablations: rule.ablations,
            field,
            tuning,
        }
    }

    /// Settings of the headline comparison: every task in deep RL, whose
    /// results are aggregated over tasks; one main setting per domain otherwise.
    fn headline_settings(&self) -> u32 {
        if self.field == ResearchField::Rl {
            self.settings
        } else {
            self.domains.max(1)
        }
    }

    /// Whether larger rungs get their own learning-rate sweep (else μP transfers the smallest's).
    fn sweeps_every_rung(&self) -> bool {
        self.tuning == Tuning::Sweep
    }
}

/// Where a group's count comes from: the level's demands, the field's
/// conventions, or one of the calibrated constants above. Named, so a row of
/// the table cannot swap its arms with its seeds unnoticed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Count {
    /// A fixed number: 1, a pair of arms, or one of the constants above.
    Fixed(u32),
    /// The method (idea, dataset, optimiser) and every baseline.
    WithBaselines,
    /// The baselines alone.
    Baselines,
    /// Ablations of the method, or variants of the idea.
    Ablations,
    /// Every setting the level asks for.
    Settings,
    /// One main setting per domain: where sweeps run.
    PerDomain,
    /// The headline's settings: every task in deep RL, else one per domain.
    HeadlineSettings,
    /// The trend's settings: the headline's in deep RL, else one per domain.
    TrendSettings,
    /// The tasks of a data paper's evaluation suite.
    SuiteTasks,
    /// The level's seeds.
    Seeds,
    /// The headline's seeds (the power analysis's, or the level's).
    HeadlineSeeds,
    /// The trend's seeds: the headline's in deep RL, else the level's.
    TrendSeeds,
}

/// One run, setting, seed or configuration.
const ONE: Count = Count::Fixed(1);
/// Two arms: the method and its strongest baseline, or the two codebases.
const PAIR: Count = Count::Fixed(2);
/// Timed repeats of a throughput measurement: three shows the spread of a
/// noisy timing at little cost (our calibration).
const TIMING_REPEATS: Count = Count::Fixed(3);
/// Seeds per dataset at the sizes above the smallest: the smallest measures
/// the seed noise with the headline's seeds; two above it show that the
/// ranking holds without paying for the full count at every size (our calibration).
const LARGER_DATASET_SEEDS: Count = Count::Fixed(2);

/// Which tuning a row belongs to: every kind's rows run whatever the tuning,
/// except the sweeps above the smallest size, which μP's transfer replaces
/// with one check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum When {
    Always,
    /// Only when every rung gets its own learning-rate sweep.
    Sweep,
    /// Only when μP transfers the smallest size's hyperparameters.
    Mup,
}

/// One group of a kind's design, as data; `text::design` writes its words.
#[derive(Clone, Copy, Debug)]
struct Row {
    at: Placement,
    id: GroupId,
    arms: Count,
    settings: Count,
    seeds: Count,
    configs: Count,
    cost: RunCost,
    when: When,
}

/// A row of full training runs, one configuration each, whatever the tuning.
const RUNS: Row = Row {
    at: Placement::Bottom,
    id: GroupId::Main,
    arms: ONE,
    settings: ONE,
    seeds: ONE,
    configs: ONE,
    cost: RunCost::Train,
    when: When::Always,
};

/// A row of evaluations, one each.
const EVALS: Row = Row {
    cost: RunCost::Eval,
    ..RUNS
};

/// A tuning sweep of one seed per configuration, in each domain.
const SWEEP: Row = Row {
    settings: Count::PerDomain,
    ..RUNS
};

// What Insight and Negative result share: every arm over the level's
// settings and seeds at the smallest size, a second group of the same shape
// (ablations of the method, variants of the idea), and the headline pair on
// the headline's settings and seeds.
const COMPARED: Row = Row {
    arms: Count::WithBaselines,
    settings: Count::Settings,
    seeds: Count::Seeds,
    ..RUNS
};
const TAKEN_APART: Row = Row {
    id: GroupId::Ablations,
    arms: Count::Ablations,
    ..COMPARED
};
const TREND: Row = Row {
    at: Placement::Middle,
    id: GroupId::Trend,
    arms: PAIR,
    settings: Count::TrendSettings,
    seeds: Count::TrendSeeds,
    ..RUNS
};
const HEADLINE: Row = Row {
    at: Placement::Top,
    id: GroupId::Headline,
    arms: PAIR,
    settings: Count::HeadlineSettings,
    seeds: Count::HeadlineSeeds,
    ..RUNS
};
/// μTransfer covers width, not depth or training length: the transferred
/// learning rate is checked once above the sweep, whatever the number of
/// rungs (Yang et al. 2022).
const TRANSFER_CHECK: Row = Row {
    at: Placement::Check,
    id: GroupId::TransferCheck,
    arms: PAIR,
    configs: Count::Fixed(LR_CONFIGS),
    when: When::Mup,
    ..SWEEP
};
/// A learning-rate sweep above the smallest size, where every rung is swept.
const LR_SWEEP: Row = Row {
    configs: Count::Fixed(LR_CONFIGS),
    when: When::Sweep,
    ..SWEEP
};

const INSIGHT: &[Row] = &[
    COMPARED,
    TAKEN_APART,
    Row {
        id: GroupId::Tuning,
        arms: Count::WithBaselines,
        configs: Count::Fixed(TUNING_CONFIGS),
        ..SWEEP
    },
    Row {
        arms: Count::WithBaselines,
        ..TREND
    },
    HEADLINE,
    Row {
        at: Placement::Middle,
        id: GroupId::TrendTuning,
        arms: Count::WithBaselines,
        ..LR_SWEEP
    },
    Row {
        at: Placement::Top,
        id: GroupId::HeadlineTuning,
        arms: PAIR,
        ..LR_SWEEP
    },
    TRANSFER_CHECK,
];

// The idea gets twice the baselines' tuning, at the smallest size and at
// every size it is compared at, the largest included: that is where a
// reviewer looks for an untuned idea.
const NEGATIVE_RESULT: &[Row] = &[
    COMPARED,
    Row {
        id: GroupId::Variants,
        ..TAKEN_APART
    },
    Row {
        id: GroupId::Tuning,
        configs: Count::Fixed(2 * TUNING_CONFIGS),
        ..SWEEP
    },
    Row {
        id: GroupId::BaselineTuning,
        arms: Count::Baselines,
        configs: Count::Fixed(TUNING_CONFIGS),
        ..SWEEP
    },
    TREND,
    HEADLINE,
    Row {
        at: Placement::Middle,
        id: GroupId::TrendTuning,
        configs: Count::Fixed(2 * LR_CONFIGS),
        ..LR_SWEEP
    },
    Row {
        at: Placement::Middle,
        id: GroupId::TrendBaselineTuning,
        ..LR_SWEEP
    },
    Row {
        at: Placement::Top,
        id: GroupId::HeadlineTuning,
        configs: Count::Fixed(2 * LR_CONFIGS),
        ..LR_SWEEP
    },
    Row {
        at: Placement::Top,
        id: GroupId::HeadlineBaselineTuning,
        ..LR_SWEEP
    },
    TRANSFER_CHECK,
];

const MODEL: &[Row] = &[
    Row {
        id: GroupId::Recipe,
        configs: Count::Fixed(TUNING_CONFIGS),
        ..RUNS
    },
    Row {
        at: Placement::Middle,
        id: GroupId::RecipeCheck,
        arms: PAIR,
        ..RUNS
    },
    Row {
        at: Placement::Top,
        id: GroupId::Final,
        ..RUNS
    },
    Row {
        at: Placement::Top,
        id: GroupId::Evaluation,
        arms: Count::WithBaselines,
        settings: Count::Settings,
        ..EVALS
    },
];

const BENCHMARK: &[Row] = &[
    Row {
        at: Placement::Every,
        id: GroupId::Evaluation,
        settings: Count::Settings,
        ..EVALS
    },
    Row {
        at: Placement::Every,
        id: GroupId::ExistingBenchmarks,
        arms: Count::Baselines,
        ..EVALS
    },
    Row {
        at: Placement::Top,
        id: GroupId::OtherFamilies,
        arms: Count::Fixed(OTHER_FAMILIES),
        settings: Count::Settings,
        ..EVALS
    },
    Row {
        at: Placement::Top,
        id: GroupId::PromptFormats,
        configs: Count::Fixed(PROMPT_FORMATS),
        ..EVALS
    },
];

// One fixed recipe, the same compute and the same seeds for every dataset.
const DATASET: &[Row] = &[
    Row {
        id: GroupId::Datasets,
        arms: Count::WithBaselines,
        seeds: Count::HeadlineSeeds,
        ..RUNS
    },
    Row {
        at: Placement::Upper,
        id: GroupId::Trend,
        arms: Count::WithBaselines,
        seeds: LARGER_DATASET_SEEDS,
        ..RUNS
    },
    Row {
        id: GroupId::Evaluation,
        arms: Count::WithBaselines,
        settings: Count::SuiteTasks,
        seeds: Count::HeadlineSeeds,
        ..EVALS
    },
    Row {
        at: Placement::Upper,
        id: GroupId::Evaluation,
        arms: Count::WithBaselines,
        settings: Count::SuiteTasks,
        seeds: LARGER_DATASET_SEEDS,
        ..EVALS
    },
];

/// A timed measurement of both arms on the same hardware at every size.
const TIMED: Row = Row {
    at: Placement::Every,
    arms: PAIR,
    seeds: TIMING_REPEATS,
    cost: RunCost::Partial(THROUGHPUT_FRACTION),
    ..RUNS
};

// Code compared with other code is a method comparison: both arms tuned
// alike at every size they are compared at (Schmidt et al. 2021).
const CODEBASE: &[Row] = &[
    Row {
        id: GroupId::Reproduction,
        arms: PAIR,
        settings: Count::Settings,
        seeds: Count::HeadlineSeeds,
        ..RUNS
    },
    Row {
        id: GroupId::Tuning,
        arms: PAIR,
        configs: Count::Fixed(TUNING_CONFIGS),
        ..SWEEP
    },
    Row {
        id: GroupId::Throughput,
        ..TIMED
    },
    HEADLINE,
    Row {
        at: Placement::Upper,
        id: GroupId::LrTuning,
        arms: PAIR,
        ..LR_SWEEP
    },
    TRANSFER_CHECK,
];

/// An optimiser's sweep: every hyperparameter, in every domain.
const OPTIMIZER_SWEEP: Row = Row {
    configs: Count::Fixed(OPTIMIZER_CONFIGS),
    ..SWEEP
};

// Every optimiser swept and compared at the smallest size, and re-tuned
// above it, whatever the tuning: sweeps are what the comparison is about.
const OPTIMIZER: &[Row] = &[
    Row {
        id: GroupId::Sweep,
        arms: Count::WithBaselines,
        ..OPTIMIZER_SWEEP
    },
    COMPARED,
    Row {
        at: Placement::Upper,
        id: GroupId::SizeSweep,
        arms: PAIR,
        ..OPTIMIZER_SWEEP
    },
    Row {
        at: Placement::Centre,
        id: GroupId::DataRatio,
        arms: PAIR,
        cost: RunCost::Longer(DATA_RATIO),
        ..OPTIMIZER_SWEEP
    },
    TREND,
    Row {
        id: GroupId::StepTime,
        ..TIMED
    },
    HEADLINE,
];

/// Each kind's table of groups.
fn rows(kind: ContributionKind) -> &'static [Row] {
    match kind {
        ContributionKind::Insight => INSIGHT,
        ContributionKind::NegativeResult => NEGATIVE_RESULT,
        ContributionKind::Model => MODEL,
        ContributionKind::Benchmark => BENCHMARK,
        ContributionKind::Dataset => DATASET,
        ContributionKind::Codebase => CODEBASE,
        ContributionKind::Optimizer => OPTIMIZER,
    }
}

/// What every kind's groups share: the level's demands and where the
/// headline and the trend run.
struct Context<'a> {
    d: &'a Demands,
    per_domain: u32,
    headline_settings: u32,
    trend_settings: u32,
    trend_seeds: u32,
    suite_tasks: u32,
}

impl<'a> Context<'a> {
    fn of(d: &'a Demands) -> Self {
        let per_domain = d.domains.max(1);
        let headline_settings = d.headline_settings();
        // Deep RL aggregates over tasks, so the trend across sizes runs the
        // headline's tasks and seeds: an interquartile mean needs them at every size.
        let (trend_settings, trend_seeds) = if d.field == ResearchField::Rl {
            (headline_settings, d.headline_seeds)
        } else {
            (per_domain, d.seeds)
        };
        Context {
            d,
            per_domain,
            headline_settings,
            trend_settings,
            trend_seeds,
            suite_tasks: dataset_suite(d.field, d.settings).0,
        }
    }

    fn count(&self, count: Count) -> u32 {
        let d = self.d;
        match count {
            Count::Fixed(n) => n,
            Count::WithBaselines => 1 + d.baselines,
            Count::Baselines => d.baselines,
            Count::Ablations => d.ablations,
            Count::Settings => d.settings,
            Count::PerDomain => self.per_domain,
            Count::HeadlineSettings => self.headline_settings,
            Count::TrendSettings => self.trend_settings,
            Count::SuiteTasks => self.suite_tasks,
            Count::Seeds => d.seeds,
            Count::HeadlineSeeds => d.headline_seeds,
            Count::TrendSeeds => self.trend_seeds,
        }
    }

    fn applies(&self, when: When) -> bool {
        match when {
            When::Always => true,
            When::Sweep => self.d.sweeps_every_rung(),
            When::Mup => !self.d.sweeps_every_rung(),
        }
    }
}

/// The groups of runs a paper of this kind needs at this level.
///
/// ```
/// use evidence_ladder::model::design::{design, Demands, GroupId};
/// use evidence_ladder::model::evidence::rule_for;
/// use evidence_ladder::model::inputs::{ContributionKind, ResearchField, Tuning};
/// let d = Demands::of(rule_for(3), 5, ResearchField::Llm, Tuning::Sweep);
/// let groups = design(ContributionKind::Insight, &d);
/// assert!(groups.iter().any(|g| g.what == GroupId::Headline && g.arms == 2));
/// ```
pub fn design(kind: ContributionKind, d: &Demands) -> Vec<Template> {
    let c = Context::of(d);
    rows(kind)
        .iter()
        .filter(|row| c.applies(row.when))
        .map(|row| Template {
            at: row.at,
            what: row.id,
            facts: GroupFacts {
                kind,
                at: row.at,
                field: d.field,
                settings: d.settings,
                domains: d.domains,
                baselines: d.baselines,
                ablations: d.ablations,
            },
            arms: c.count(row.arms),
            settings: c.count(row.settings),
            seeds: c.count(row.seeds),
            configs: c.count(row.configs),
            cost: row.cost,
        })
        .collect()
}

/// An evaluation suite a data paper reports (named by `text::design`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Suite {
    /// DCLM's CORE suite for language (Li et al. 2024, 22 tasks).
    DclmCore,
    /// DataComp's suite for image-text data (Gadre et al. 2023, 38 tasks).
    DataComp,
}

/// The evaluation suite a data paper reports, by field, and its tasks:
/// DCLM's CORE suite for language, DataComp's for image-text data; else
/// the level's settings.
pub fn dataset_suite(field: ResearchField, settings: u32) -> (u32, Option<Suite>) {
    match field {
        ResearchField::Llm => (settings.max(22), Some(Suite::DclmCore)),
        ResearchField::Vision => (settings.max(38), Some(Suite::DataComp)),
        _ => (settings, None),
    }
}

/// Whether the kind trains models on its ladder (a benchmark only evaluates).
pub fn trains(kind: ContributionKind) -> bool {
    kind != ContributionKind::Benchmark
}

/// Whether the kind compares arms over seeds, so that seeds and a detectable
/// effect mean something: models and benchmarks compare by evaluating each
/// model once, with intervals over the benchmark's items instead.
pub fn compares_over_seeds(kind: ContributionKind) -> bool {
    !matches!(kind, ContributionKind::Model | ContributionKind::Benchmark)
}

/// Whether the kind's headline seeds (a power analysis's) run at the
/// smallest size rather than the top: a dataset paper measures the seed
/// noise there and runs `LARGER_DATASET_SEEDS` above it.
pub fn headline_seeds_at_smallest(kind: ContributionKind) -> bool {
    kind == ContributionKind::Dataset
}

/// Whether the kind's headline statistics test equivalence (TOST) rather than a gain.
pub fn tests_equivalence(kind: ContributionKind) -> bool {
    kind == ContributionKind::NegativeResult
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::evidence::{rule_for, rule_for_claim};

    #[test]
    fn compared_arms_are_tuned_at_every_rung_unless_hyperparameters_transfer() {
        for kind in [
            ContributionKind::Insight,
            ContributionKind::NegativeResult,
            ContributionKind::Codebase,
        ] {
            for tuning in Tuning::ALL {
                let d = Demands::of(rule_for(3), 5, ResearchField::Llm, tuning);
                let groups = design(kind, &d);
                let tuned = |at: Placement| {
                    groups.iter().any(|g| {
                        g.configs >= LR_CONFIGS && (g.at == at || g.at == Placement::Upper)
                    })
                };
                assert!(tuned(Placement::Bottom));
                assert_eq!(tuned(Placement::Top), tuning == Tuning::Sweep, "{kind:?}");
                if tuning == Tuning::Sweep {
                    assert!(tuned(Placement::Middle), "{kind:?}");
                }
            }
        }
        // μP's transfer is checked once above the sweep.
        let d = Demands::of(rule_for(3), 5, ResearchField::Llm, Tuning::Mup);
        assert!(design(ContributionKind::Insight, &d)
            .iter()
            .any(|g| g.what == GroupId::TransferCheck));
    }

    #[test]
    fn every_sweep_runs_in_every_domain_and_mup_is_always_checked() {
        for kind in [
            ContributionKind::Insight,
            ContributionKind::NegativeResult,
            ContributionKind::Codebase,
            ContributionKind::Optimizer,
        ] {
            for tuning in Tuning::ALL {
                // Generality 5: three domains.
                let d = Demands::of(&rule_for_claim(5, 3), 5, ResearchField::Llm, tuning);
                assert_eq!(d.domains, 3);
                let groups = design(kind, &d);
                for g in groups.iter().filter(|g| g.configs > 1) {
                    assert_eq!(g.settings, 3, "{kind:?} {:?}", g.what);
                }
                if tuning == Tuning::Mup && kind != ContributionKind::Optimizer {
                    let check = groups
                        .iter()
                        .find(|g| g.what == GroupId::TransferCheck)
                        .unwrap_or_else(|| panic!("{kind:?}: no transfer check"));
                    // Placed on a rung even when the ladder has two.
                    assert_eq!(check.at, Placement::Check);
                }
            }
        }
    }

    #[test]
    fn an_optimiser_is_swept_at_every_size_and_a_second_data_ratio() {
        let d = Demands::of(rule_for(3), 5, ResearchField::Llm, Tuning::Mup);
        let groups = design(ContributionKind::Optimizer, &d);
        let sweeps: Vec<&Template> = groups
            .iter()
            .filter(|g| g.configs == OPTIMIZER_CONFIGS)
            .collect();
        assert!(sweeps.iter().any(|g| g.at == Placement::Bottom));
        assert!(sweeps
            .iter()
            .any(|g| g.at == Placement::Upper && g.arms == 2));
        assert!(sweeps.iter().any(|g| g.cost == RunCost::Longer(DATA_RATIO)
            && g.arms == 2
            && g.at == Placement::Centre));
    }

    #[test]
    fn deep_rl_headlines_have_ten_seeds_on_several_tasks() {
        let d = Demands::of(rule_for(1), 3, ResearchField::Rl, Tuning::Sweep);
        let groups = design(ContributionKind::Insight, &d);
        let headline = groups
            .iter()
            .find(|g| g.what == GroupId::Headline)
            .expect("headline");
        assert!(headline.seeds >= RL_MIN_SEEDS && headline.settings >= RL_MIN_TASKS);
    }

    #[test]
    fn every_kind_has_its_own_groups() {
        let d = Demands::of(rule_for(3), 5, ResearchField::Llm, Tuning::Sweep);
        let names: Vec<Vec<GroupId>> = ContributionKind::ALL
            .iter()
            .map(|&k| design(k, &d).iter().map(|g| g.what).collect())
            .collect();
        for (i, a) in names.iter().enumerate() {
            // Its own: at least one group no other kind plans.
            let others: Vec<&GroupId> = names
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .flat_map(|(_, b)| b)
                .collect();
            assert!(
                a.iter().any(|g| !others.contains(&g)),
                "{:?}: {a:?}",
                ContributionKind::ALL[i]
            );
        }
    }
}
