//! What a paper of each kind must show, as groups of runs: the one place that
//! knows which runs prove an insight, a negative result, a model, a benchmark,
//! a dataset or a codebase, and how a field's conventions change them. The
//! ladder prices these groups and the plan sums them; what the kinds need
//! besides runs (statistics, demands in words) lives in `evidence` and `plan`.

use serde::Serialize;

use super::evidence::LevelRule;
use super::format::{self, plural};
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

/// A group of runs the paper needs, before it is placed on rungs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Template {
    pub at: Placement,
    /// Short id of what the group shows, stable for scripts: "headline".
    pub what: &'static str,
    /// What the group shows, in words.
    pub label: String,
    /// Methods, baselines, variants or datasets compared.
    pub arms: u32,
    pub settings: u32,
    pub seeds: u32,
    /// Configurations per arm (a tuning sweep); 1 otherwise.
    pub configs: u32,
    pub cost: RunCost,
}

/// A group's design in words: "4 arms × 3 settings × 5 seeds"; settings and
/// configurations only when there is more than one.
pub fn design_text(arms: u32, settings: u32, configs: u32, seeds: u32) -> String {
    let mut factors = vec![plural(arms, "arm", "arms")];
    if settings > 1 {
        factors.push(format!("{settings} settings"));
    }
    if configs > 1 {
        factors.push(format!("{configs} configurations"));
    }
    factors.push(plural(seeds, "seed", "seeds"));
    factors.join(" × ")
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

/// "in 3 settings" or "in 5 settings across 2 domains (3 + 2)".
fn in_settings(d: &Demands) -> String {
    if d.domains <= 1 {
        return format!("in {}", plural(d.settings, "setting", "settings"));
    }
    let base = d.settings / d.domains;
    let split: Vec<String> = (0..d.domains)
        .map(|i| (base + u32::from(i < d.settings % d.domains)).to_string())
        .collect();
    format!(
        "in {} across {} domains ({})",
        plural(d.settings, "setting", "settings"),
        d.domains,
        split.join(" + ")
    )
}

/// A group of runs: where it runs, what it shows, and its design.
#[allow(clippy::too_many_arguments)]
fn group(
    at: Placement,
    what: &'static str,
    label: String,
    arms: u32,
    settings: u32,
    seeds: u32,
    configs: u32,
    cost: RunCost,
) -> Template {
    Template {
        at,
        what,
        label,
        arms,
        settings,
        seeds,
        configs,
        cost,
    }
}

/// What every kind's groups share: the level's demands and where the
/// headline and the trend run.
struct Context<'a> {
    d: &'a Demands,
    baselines: u32,
    per_domain: u32,
    headline_settings: u32,
    headline_where: String,
    trend_settings: u32,
    trend_seeds: u32,
    trend_where: String,
}

impl<'a> Context<'a> {
    fn of(d: &'a Demands) -> Self {
        let per_domain = d.domains.max(1);
        let headline_settings = d.headline_settings();
        let headline_where = if d.field == ResearchField::Rl {
            format!("on each of {headline_settings} tasks")
        } else {
            domains_phrase(per_domain)
        };
        // Deep RL aggregates over tasks, so the trend across sizes runs the
        // headline's tasks and seeds: an interquartile mean needs them at every size.
        let (trend_settings, trend_seeds, trend_where) = if d.field == ResearchField::Rl {
            (headline_settings, d.headline_seeds, headline_where.clone())
        } else {
            (per_domain, d.seeds, domains_phrase(per_domain))
        };
        Context {
            d,
            baselines: d.baselines,
            per_domain,
            headline_settings,
            headline_where,
            trend_settings,
            trend_seeds,
            trend_where,
        }
    }

    /// ", in each of 2 domains" where the claim spans several: every sweep
    /// runs in every domain the headline runs in.
    fn each_domain(&self) -> String {
        if self.per_domain > 1 {
            format!(", in each of {} domains", self.per_domain)
        } else {
            String::new()
        }
    }

    /// An optimiser's sweep in words: every hyperparameter, in every domain.
    fn optimizer_sweep(&self) -> String {
        format!(
            "{OPTIMIZER_CONFIGS} configurations over learning rate, warm-up, weight decay and β₂{}",
            self.each_domain()
        )
    }

    /// The tuning above the smallest size: a learning-rate sweep per group
    /// where every rung is swept, else one check that μP's transfer holds.
    fn larger_size_tuning(
        &self,
        sweeps: &[(Placement, &'static str, u32, &str)],
        compared: &str,
    ) -> Vec<Template> {
        if self.d.sweeps_every_rung() {
            sweeps
                .iter()
                .map(|&(at, what, arms, who)| {
                    group(
                        at,
                        what,
                        format!(
                            "Learning-rate sweep: {LR_CONFIGS} values for {who}{}",
                            self.each_domain()
                        ),
                        arms,
                        self.per_domain,
                        1,
                        LR_CONFIGS,
                        RunCost::Train,
                    )
                })
                .collect()
        } else {
            // μTransfer covers width, not depth or training length: check
            // the transferred learning rate once above the sweep, whatever
            // the number of rungs (Yang et al. 2022).
            vec![group(
                Placement::Check,
                "transfer-check",
                format!(
                    "Transfer check: {LR_CONFIGS} learning rates around the transferred one, {compared}{}",
                    self.each_domain()
                ),
                2,
                self.per_domain,
                1,
                LR_CONFIGS,
                RunCost::Train,
            )]
        }
    }
}

/// The groups of runs a paper of this kind needs at this level.
///
/// ```
/// use evidence_ladder::model::design::{design, Demands};
/// use evidence_ladder::model::evidence::rule_for;
/// use evidence_ladder::model::inputs::{ContributionKind, ResearchField, Tuning};
/// let d = Demands::of(rule_for(3), 5, ResearchField::Llm, Tuning::Sweep);
/// let groups = design(ContributionKind::Insight, &d);
/// assert!(groups.iter().any(|g| g.what == "headline" && g.arms == 2));
/// ```
pub fn design(kind: ContributionKind, d: &Demands) -> Vec<Template> {
    let c = Context::of(d);
    match kind {
        ContributionKind::Insight => insight(&c),
        ContributionKind::NegativeResult => negative_result(&c),
        ContributionKind::Model => model(&c),
        ContributionKind::Benchmark => benchmark(&c),
        ContributionKind::Dataset => dataset(&c),
        ContributionKind::Codebase => codebase(&c),
        ContributionKind::Optimizer => optimizer(&c),
    }
}

/// The method, its ablations and the tuning sweep at the smallest size.
fn insight_small(c: &Context) -> Vec<Template> {
    use Placement::*;
    use RunCost::*;
    let (d, b) = (c.d, c.baselines);
    vec![
        group(
            Bottom,
            "main",
            format!(
                "Method and {} {}",
                plural(b, "baseline", "baselines"),
                in_settings(d)
            ),
            1 + b,
            d.settings,
            d.seeds,
            1,
            Train,
        ),
        group(
            Bottom,
            "ablations",
            format!(
                "Ablations: the method without each of {} {}",
                plural(d.ablations, "part", "parts"),
                in_settings(d)
            ),
            d.ablations,
            d.settings,
            d.seeds,
            1,
            Train,
        ),
        group(
            Bottom,
            "tuning",
            format!(
                "Tuning sweep: {TUNING_CONFIGS} configurations for the method and for each baseline alike{}",
                c.each_domain()
            ),
            1 + b,
            c.per_domain,
            1,
            TUNING_CONFIGS,
            Train,
        ),
    ]
}

fn insight(c: &Context) -> Vec<Template> {
    use Placement::*;
    use RunCost::*;
    let (d, b) = (c.d, c.baselines);
    let mut groups = insight_small(c);
    groups.extend([
        group(
            Middle,
            "trend",
            format!(
                "Method against every baseline as scale grows, {}",
                c.trend_where
            ),
            1 + b,
            c.trend_settings,
            c.trend_seeds,
            1,
            Train,
        ),
        group(
            Top,
            "headline",
            format!(
                "Headline: method against its strongest baseline, {}",
                c.headline_where
            ),
            2,
            c.headline_settings,
            d.headline_seeds,
            1,
            Train,
        ),
    ]);
    groups.extend(c.larger_size_tuning(
        &[
            (
                Middle,
                "trend-tuning",
                1 + b,
                "the method and for each baseline",
            ),
            (
                Top,
                "headline-tuning",
                2,
                "the method and for its strongest baseline",
            ),
        ],
        "method and strongest baseline",
    ));
    groups
}

/// The idea, its variants and their tuning at the smallest size.
fn negative_result_small(c: &Context) -> Vec<Template> {
    use Placement::*;
    use RunCost::*;
    let (d, b) = (c.d, c.baselines);
    vec![
        group(
            Bottom,
            "main",
            format!(
                "The idea and {} {}",
                plural(b, "baseline", "baselines"),
                in_settings(d)
            ),
            1 + b,
            d.settings,
            d.seeds,
            1,
            Train,
        ),
        group(
            Bottom,
            "variants",
            format!(
                "{} of the idea {}, so the try is thorough",
                plural(d.ablations, "variant", "variants"),
                in_settings(d)
            ),
            d.ablations,
            d.settings,
            d.seeds,
            1,
            Train,
        ),
        group(
            Bottom,
            "tuning",
            format!(
                "Tuning sweep for the idea: {} configurations, twice each baseline's{}",
                2 * TUNING_CONFIGS,
                c.each_domain()
            ),
            1,
            c.per_domain,
            1,
            2 * TUNING_CONFIGS,
            Train,
        ),
        group(
            Bottom,
            "baseline-tuning",
            format!(
                "Tuning sweep: {TUNING_CONFIGS} configurations for each baseline{}",
                c.each_domain()
            ),
            b,
            c.per_domain,
            1,
            TUNING_CONFIGS,
            Train,
        ),
    ]
}

fn negative_result(c: &Context) -> Vec<Template> {
    use Placement::*;
    use RunCost::*;
    let d = c.d;
    let mut groups = negative_result_small(c);
    groups.extend([
        group(
            Middle,
            "trend",
            format!(
                "The gap does not close: the idea against the strongest baseline as scale grows, {}",
                c.trend_where
            ),
            2,
            c.trend_settings,
            c.trend_seeds,
            1,
            Train,
        ),
        group(
            Top,
            "headline",
            format!(
                "Headline: equivalence, or a gap that stays, {}",
                c.headline_where
            ),
            2,
            c.headline_settings,
            d.headline_seeds,
            1,
            Train,
        ),
    ]);
    if d.sweeps_every_rung() {
        // The idea gets at least the baseline's tuning at every size it is
        // compared at, the largest included: that is where a reviewer
        // looks for an untuned idea.
        for (at, idea, baseline) in [
            (Middle, "trend-tuning", "trend-baseline-tuning"),
            (Top, "headline-tuning", "headline-baseline-tuning"),
        ] {
            groups.push(group(
                at,
                idea,
                format!(
                    "Learning-rate sweep for the idea: {} values, twice the baseline's{}",
                    2 * LR_CONFIGS,
                    c.each_domain()
                ),
                1,
                c.per_domain,
                1,
                2 * LR_CONFIGS,
                Train,
            ));
            groups.push(group(
                at,
                baseline,
                format!(
                    "Learning-rate sweep for the strongest baseline: {LR_CONFIGS} values{}",
                    c.each_domain()
                ),
                1,
                c.per_domain,
                1,
                LR_CONFIGS,
                Train,
            ));
        }
    } else {
        groups.extend(c.larger_size_tuning(&[], "the idea and the strongest baseline"));
    }
    groups
}

fn model(c: &Context) -> Vec<Template> {
    use Placement::*;
    use RunCost::*;
    let (d, b) = (c.d, c.baselines);
    vec![
        group(
            Bottom,
            "recipe",
            format!(
                "Recipe search: {TUNING_CONFIGS} candidate recipes (data mix, schedule, architecture)"
            ),
            1,
            1,
            1,
            TUNING_CONFIGS,
            Train,
        ),
        group(
            Middle,
            "recipe-check",
            "Recipe check: the two best recipes one step up".into(),
            2,
            1,
            1,
            1,
            Train,
        ),
        group(
            Top,
            "final",
            "Final training run of the released model".into(),
            1,
            1,
            1,
            1,
            Train,
        ),
        group(
            Top,
            "evaluation",
            format!(
                "Evaluate the model and {} on {}, the same way, with a bootstrap over each benchmark's items",
                plural(b, "existing model", "existing models"),
                plural(d.settings, "benchmark", "benchmarks")
            ),
            1 + b,
            d.settings,
            1,
            1,
            Eval,
        ),
    ]
}

fn benchmark(c: &Context) -> Vec<Template> {
    use Placement::*;
    use RunCost::*;
    let (d, b) = (c.d, c.baselines);
    // Vision checkpoints have no prompts: their scores move with the test
    // resolution and crop instead (Touvron et al. 2019, "Fixing the
    // train-test resolution discrepancy").
    let robustness = if d.field == ResearchField::Vision {
        format!("Robustness: the largest model at {PROMPT_FORMATS} test resolutions and crops")
    } else {
        format!("Robustness: the largest model with {PROMPT_FORMATS} prompt formats")
    };
    vec![
        group(
            Every,
            "evaluation",
            format!(
                "Evaluate the model of this size on {} of your benchmark, with item-level standard errors",
                plural(d.settings, "subset", "subsets")
            ),
            1,
            d.settings,
            1,
            1,
            Eval,
        ),
        group(
            Every,
            "existing-benchmarks",
            format!(
                "The same model on {}, to show what they miss",
                plural(b, "existing benchmark", "existing benchmarks")
            ),
            b,
            1,
            1,
            1,
            Eval,
        ),
        group(
            Top,
            "other-families",
            format!(
                "The largest model of {} that fits, to show the benchmark is not one family's",
                plural(OTHER_FAMILIES, "other family", "other families")
            ),
            OTHER_FAMILIES,
            d.settings,
            1,
            1,
            Eval,
        ),
        group(
            Top,
            "prompt-formats",
            robustness,
            1,
            1,
            1,
            PROMPT_FORMATS,
            Eval,
        ),
    ]
}

/// The evaluation suite a data paper reports, by field: DCLM's CORE suite
/// for language (Li et al. 2024, 22 tasks), DataComp's for image-text data
/// (Gadre et al. 2023, 38 tasks); else the level's settings.
pub fn dataset_suite(field: ResearchField, settings: u32) -> (u32, Option<&'static str>) {
    match field {
        ResearchField::Llm => (settings.max(22), Some("DCLM's CORE suite (Li et al. 2024)")),
        ResearchField::Vision => (
            settings.max(38),
            Some("DataComp's suite (Gadre et al. 2023)"),
        ),
        _ => (settings, None),
    }
}

fn dataset(c: &Context) -> Vec<Template> {
    use Placement::*;
    use RunCost::*;
    let (d, b) = (c.d, c.baselines);
    let (tasks, suite) = dataset_suite(d.field, d.settings);
    let on_tasks = match suite {
        Some(suite) => format!("the {tasks} tasks of {suite}"),
        None => plural(tasks, "task", "tasks"),
    };
    vec![
        group(
            Bottom,
            "datasets",
            format!(
                "Train on your data and on {} with one fixed recipe and the same compute, the same seeds for every dataset, to measure seed noise",
                plural(b, "existing dataset", "existing datasets"),
            ),
            1 + b,
            1,
            d.headline_seeds,
            1,
            Train,
        ),
        group(
            Upper,
            "trend",
            "Every dataset at each larger size, same recipe, compute and seeds".into(),
            1 + b,
            1,
            2,
            1,
            Train,
        ),
        group(
            Bottom,
            "evaluation",
            format!("Evaluate every model trained here on {on_tasks}"),
            1 + b,
            tasks,
            d.headline_seeds,
            1,
            Eval,
        ),
        group(
            Upper,
            "evaluation",
            format!("Evaluate each dataset's models on {on_tasks}"),
            1 + b,
            tasks,
            2,
            1,
            Eval,
        ),
    ]
}

fn codebase(c: &Context) -> Vec<Template> {
    use Placement::*;
    use RunCost::*;
    let d = c.d;
    // Code compared with other code is a method comparison: both arms
    // tuned alike at every size they are compared at (Schmidt et al. 2021).
    let mut groups = vec![
        group(
            Bottom,
            "reproduction",
            format!(
                "Reproduce published results with your code and the existing code {}",
                in_settings(d)
            ),
            2,
            d.settings,
            d.headline_seeds,
            1,
            Train,
        ),
        group(
            Bottom,
            "tuning",
            format!(
                "Tuning sweep: {TUNING_CONFIGS} configurations for each codebase alike{}",
                c.each_domain()
            ),
            2,
            c.per_domain,
            1,
            TUNING_CONFIGS,
            Train,
        ),
        group(
            Every,
            "throughput",
            "Throughput of your code against the existing code on the same hardware, at the sizes people use (1% of a run, 3 repeats)"
                .into(),
            2,
            1,
            3,
            1,
            Partial(THROUGHPUT_FRACTION),
        ),
        group(
            Top,
            "headline",
            format!(
                "Headline: time to a target loss, both codebases, {}",
                c.headline_where
            ),
            2,
            c.headline_settings,
            d.headline_seeds,
            1,
            Train,
        ),
    ];
    groups.extend(c.larger_size_tuning(
        &[(Upper, "lr-tuning", 2, "each codebase")],
        "both codebases",
    ));
    groups
}

/// Every optimiser swept and compared at the smallest size, and re-tuned above it.
fn optimizer_small(c: &Context) -> Vec<Template> {
    use Placement::*;
    use RunCost::*;
    let (d, b) = (c.d, c.baselines);
    let sweep = c.optimizer_sweep();
    vec![
        group(
            Bottom,
            "sweep",
            format!(
                "Hyperparameter sweep for your optimiser and for each of {} (AdamW first) alike: {sweep}",
                plural(b, "baseline optimiser", "baseline optimisers")
            ),
            1 + b,
            c.per_domain,
            1,
            OPTIMIZER_CONFIGS,
            Train,
        ),
        group(
            Bottom,
            "main",
            format!(
                "Every optimiser at its best configuration {}",
                in_settings(d)
            ),
            1 + b,
            d.settings,
            d.seeds,
            1,
            Train,
        ),
        group(
            Upper,
            "size-sweep",
            format!("Re-tune your optimiser and the strongest baseline at this size: {sweep}"),
            2,
            c.per_domain,
            1,
            OPTIMIZER_CONFIGS,
            Train,
        ),
    ]
}

fn optimizer(c: &Context) -> Vec<Template> {
    use Placement::*;
    use RunCost::*;
    let d = c.d;
    let sweep = c.optimizer_sweep();
    let mut groups = optimizer_small(c);
    groups.extend([
        group(
            Centre,
            "data-ratio",
            format!(
                "A second tokens-per-parameter ratio: both optimisers on {} the tokens, each re-tuned ({sweep}); claimed speed-ups shrink with longer training",
                format::number_text(DATA_RATIO) + "×"
            ),
            2,
            c.per_domain,
            1,
            OPTIMIZER_CONFIGS,
            Longer(DATA_RATIO),
        ),
        group(
            Middle,
            "trend",
            format!(
                "Your optimiser against the strongest baseline as scale grows, {}",
                c.trend_where
            ),
            2,
            c.trend_settings,
            c.trend_seeds,
            1,
            Train,
        ),
        group(
            Every,
            "step-time",
            "Time per step of both optimisers on the same hardware (1% of a run, 3 repeats): a saving in steps must survive the optimiser's own overhead"
                .into(),
            2,
            1,
            3,
            1,
            Partial(THROUGHPUT_FRACTION),
        ),
        group(
            Top,
            "headline",
            format!(
                "Headline: steps and time to the baseline's final loss, both tuned at this size, {}",
                c.headline_where
            ),
            2,
            c.headline_settings,
            d.headline_seeds,
            1,
            Train,
        ),
    ]);
    groups
}

fn domains_phrase(domains: u32) -> String {
    if domains <= 1 {
        "in the main setting".into()
    } else {
        format!("in the main setting of each of {domains} domains")
    }
}

/// What changes when this kind is chosen, in one line.
pub fn kind_summary(kind: ContributionKind) -> &'static str {
    match kind {
        ContributionKind::Insight => {
            "An insight must be shown true: the method against tuned baselines across settings and a ladder of scales, asking whether the gain holds as scale grows."
        }
        ContributionKind::NegativeResult => {
            "A negative result is worth something only if the idea got a fair, thorough try: more tuning than the baselines, several variants, and a ladder showing the gap does not close; its statistics test equivalence, not a gain."
        }
        ContributionKind::Model => {
            "A model is judged by beating existing models on the relevant benchmarks: the compute is one final run at the top size, the small runs that chose its recipe, and evaluations."
        }
        ContributionKind::Benchmark => {
            "A benchmark is judged by what it reveals about existing models, so no training ladder is planned: the compute is evaluating released checkpoints of one family, with error bars over the benchmark's items."
        }
        ContributionKind::Dataset => {
            "A dataset is judged by training on it and on existing data with one fixed recipe and the same compute: the arms are datasets, one run each per size, with seeds at the smallest size to measure the noise."
        }
        ContributionKind::Codebase => {
            "A codebase is judged by what it makes possible or faster: reproduce known results, then measure speed against existing code at the sizes people use."
        }
        ContributionKind::Optimizer => {
            "An optimiser is judged against baselines tuned as hard as it is: every hyperparameter swept for both at every size compared and at a second data ratio, with time per step measured, since claimed speed-ups shrink once the baseline is tuned."
        }
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

/// Whether the kind's headline statistics test equivalence (TOST) rather than a gain.
pub fn tests_equivalence(kind: ContributionKind) -> bool {
    kind == ContributionKind::NegativeResult
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::evidence::{rule_for, rule_for_claim};

    #[test]
    fn settings_split_across_domains() {
        let d = Demands::of(rule_for(4), 5, ResearchField::Llm, Tuning::Sweep);
        assert_eq!(in_settings(&d), "in 5 settings across 2 domains (3 + 2)");
    }

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
            .any(|g| g.what == "transfer-check"));
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
                    assert_eq!(g.settings, 3, "{kind:?} {}", g.what);
                }
                if tuning == Tuning::Mup && kind != ContributionKind::Optimizer {
                    let check = groups
                        .iter()
                        .find(|g| g.what == "transfer-check")
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
            .find(|g| g.what == "headline")
            .expect("headline");
        assert!(headline.seeds >= RL_MIN_SEEDS && headline.settings >= RL_MIN_TASKS);
    }

    #[test]
    fn every_kind_has_its_own_groups() {
        let d = Demands::of(rule_for(3), 5, ResearchField::Llm, Tuning::Sweep);
        let names: Vec<Vec<&str>> = ContributionKind::ALL
            .iter()
            .map(|&k| design(k, &d).iter().map(|g| g.what).collect())
            .collect();
        for (i, a) in names.iter().enumerate() {
            for b in &names[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }
}
