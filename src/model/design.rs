//! What a paper of each kind must show, as groups of runs: the one place that
//! knows how an insight, a negative result, a model, a benchmark, a dataset
//! and a codebase are proven differently (P1, P4, P5). Nothing downstream
//! branches on the kind: the ladder prices these groups, the plan sums them.

use serde::Serialize;

use super::evidence::LevelRule;
use super::format::plural;
use super::inputs::ContributionKind;

/// Configurations in a tuning sweep, per arm. Our calibration: random search
/// finds a good configuration in a few dozen trials at most (Bergstra &
/// Bengio 2012), and comparisons flip when one arm gets more tuning than
/// another (Dodge et al. 2019, "Show Your Work"); 8 per arm at the smallest
/// scale is a modest sweep that every arm gets alike.
pub const TUNING_CONFIGS: u32 = 8;

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
    /// The largest rung only.
    Top,
    /// Every rung.
    Every,
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

/// The numbers a design needs from the level and the statistics.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Demands {
    pub settings: u32,
    pub domains: u32,
    pub seeds: u32,
    /// Seeds per arm for the headline comparisons (the power analysis's, or the level's).
    pub headline_seeds: u32,
    pub baselines: u32,
    pub ablations: u32,
}

impl Demands {
    pub fn of(rule: &LevelRule, headline_seeds: u32) -> Self {
        Demands {
            settings: rule.settings,
            domains: rule.domains,
            seeds: rule.seeds,
            headline_seeds: headline_seeds.max(rule.seeds),
            baselines: rule.baselines,
            ablations: rule.ablations,
        }
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

/// The groups of runs a paper of this kind needs at this level.
///
/// ```
/// use evidence_ladder::model::design::{design, Demands};
/// use evidence_ladder::model::evidence::rule_for;
/// use evidence_ladder::model::inputs::ContributionKind;
/// let groups = design(ContributionKind::Insight, &Demands::of(rule_for(3), 5));
/// assert!(groups.iter().any(|g| g.what == "headline" && g.arms == 2));
/// ```
pub fn design(kind: ContributionKind, d: &Demands) -> Vec<Template> {
    let group = |at, what, label: String, arms, settings, seeds, configs, cost| Template {
        at,
        what,
        label,
        arms,
        settings,
        seeds,
        configs,
        cost,
    };
    let b = d.baselines;
    let per_domain = d.domains.max(1);
    use Placement::*;
    use RunCost::*;
    match kind {
        ContributionKind::Insight => vec![
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
                    "Tuning sweep: {TUNING_CONFIGS} configurations for the method and for each baseline alike"
                ),
                1 + b,
                1,
                1,
                TUNING_CONFIGS,
                Train,
            ),
            group(
                Middle,
                "trend",
                format!(
                    "Method against every baseline as scale grows, {}",
                    domains_phrase(per_domain)
                ),
                1 + b,
                per_domain,
                d.seeds,
                1,
                Train,
            ),
            group(
                Top,
                "headline",
                format!(
                    "Headline: method against its strongest baseline, {}",
                    domains_phrase(per_domain)
                ),
                2,
                per_domain,
                d.headline_seeds,
                1,
                Train,
            ),
        ],
        ContributionKind::NegativeResult => vec![
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
                    "{} of the idea {}: a fair, thorough try",
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
                    "Tuning sweep for the idea: {} configurations, twice each baseline's",
                    2 * TUNING_CONFIGS
                ),
                1,
                1,
                1,
                2 * TUNING_CONFIGS,
                Train,
            ),
            group(
                Bottom,
                "baseline-tuning",
                format!("Tuning sweep: {TUNING_CONFIGS} configurations for each baseline"),
                b,
                1,
                1,
                TUNING_CONFIGS,
                Train,
            ),
            group(
                Middle,
                "trend",
                format!(
                    "The gap does not close: the idea against the strongest baseline as scale grows, {}",
                    domains_phrase(per_domain)
                ),
                2,
                per_domain,
                d.seeds,
                1,
                Train,
            ),
            group(
                Top,
                "headline",
                format!(
                    "Headline: equivalence, or a gap that stays, {}",
                    domains_phrase(per_domain)
                ),
                2,
                per_domain,
                d.headline_seeds,
                1,
                Train,
            ),
        ],
        ContributionKind::Model => vec![
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
                    "Evaluate the model and {} on {}, the same way",
                    plural(b, "existing model", "existing models"),
                    plural(d.settings, "benchmark", "benchmarks")
                ),
                1 + b,
                d.settings,
                1,
                1,
                Eval,
            ),
        ],
        ContributionKind::Benchmark => vec![
            group(
                Every,
                "evaluation",
                format!(
                    "Evaluate {} on {} of the benchmark, {}",
                    plural(1 + b, "model family", "model families"),
                    plural(d.settings, "subset", "subsets"),
                    plural(d.seeds, "prompt order or sampling seed", "prompt orders or sampling seeds")
                ),
                1 + b,
                d.settings,
                d.seeds,
                1,
                Eval,
            ),
            group(
                Every,
                "existing-benchmarks",
                "The same models on an existing benchmark, to show what it misses".into(),
                1 + b,
                1,
                1,
                1,
                Eval,
            ),
        ],
        ContributionKind::Dataset => vec![
            group(
                Bottom,
                "datasets",
                format!(
                    "Train on your data and on {} with the same compute, {}",
                    plural(b, "existing dataset", "existing datasets"),
                    in_settings(d)
                ),
                1 + b,
                d.settings,
                d.seeds,
                1,
                Train,
            ),
            group(
                Middle,
                "trend",
                format!(
                    "Your data against every existing dataset as scale grows, {}",
                    domains_phrase(per_domain)
                ),
                1 + b,
                per_domain,
                d.seeds,
                1,
                Train,
            ),
            group(
                Top,
                "headline",
                "Headline: your data against the strongest existing dataset; these weights are released"
                    .into(),
                2,
                per_domain,
                d.headline_seeds,
                1,
                Train,
            ),
        ],
        ContributionKind::Codebase => vec![
            group(
                Bottom,
                "reproduction",
                format!(
                    "Reproduce published results with your code and the existing code {}",
                    in_settings(d)
                ),
                2,
                d.settings,
                d.seeds,
                1,
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
                "time-to-target",
                "Time to a target loss, both codebases".into(),
                2,
                1,
                1,
                1,
                Train,
            ),
        ],
    }
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
            "A benchmark is judged by what it reveals about existing models, so no training ladder is planned: the compute is evaluating models of several sizes."
        }
        ContributionKind::Dataset => {
            "A dataset is judged by training on it and on existing data with the same compute: the arms are datasets, at every rung."
        }
        ContributionKind::Codebase => {
            "A codebase or optimiser is judged by what it makes possible or faster: reproduce known results, then measure speed against existing code at the sizes people use."
        }
    }
}

/// Whether the kind trains models on its ladder (a benchmark only evaluates).
pub fn trains(kind: ContributionKind) -> bool {
    kind != ContributionKind::Benchmark
}

/// Whether the kind's headline statistics test equivalence (TOST) rather than a gain.
pub fn tests_equivalence(kind: ContributionKind) -> bool {
    kind == ContributionKind::NegativeResult
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::evidence::rule_for;

    #[test]
    fn settings_split_across_domains() {
        let d = Demands::of(rule_for(4), 5);
        assert_eq!(in_settings(&d), "in 5 settings across 2 domains (3 + 2)");
    }

    #[test]
    fn every_kind_has_its_own_groups() {
        let d = Demands::of(rule_for(3), 5);
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
