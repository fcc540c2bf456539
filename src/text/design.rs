//! A design's words: what each group of runs shows ("Headline: method
//! against its strongest baseline, in the main setting") and its design
//! ("4 arms × 3 settings × 5 seeds"), written from the model's `GroupId` and
//! `GroupFacts`, and what choosing a kind of contribution changes
//! ([`kind_summary`]). The experiments table, the checklist, the Markdown and
//! the JSON's `label` and `kind_summary` read these.

use super::format::{self, plural};
use crate::model::design::{
    dataset_suite, GroupFacts, GroupId, Placement, Suite, DATA_RATIO, LR_CONFIGS,
    OPTIMIZER_CONFIGS, OTHER_FAMILIES, PROMPT_FORMATS, TUNING_CONFIGS,
};
use crate::model::inputs::{ContributionKind, ResearchField};

/// The facts a group's words read.
struct Context<'a> {
    d: &'a GroupFacts,
}

/// What a group shows, in words.
pub fn label(id: GroupId, facts: &GroupFacts) -> String {
    let c = &Context { d: facts };
    let kind = facts.kind;
    match (kind, id) {
        (_, GroupId::TransferCheck) => format!(
            "Transfer check: {LR_CONFIGS} learning rates around the transferred one, {}{}",
            match kind {
                ContributionKind::NegativeResult => "the idea and the strongest baseline",
                ContributionKind::Codebase => "both codebases",
                _ => "method and strongest baseline",
            },
            c.each_domain()
        ),
        (ContributionKind::Insight, _) => insight_label(id, c),
        (ContributionKind::NegativeResult, _) => negative_result_label(id, c),
        (ContributionKind::Model, _) => model_label(id, c),
        (ContributionKind::Benchmark, _) => benchmark_label(id, c),
        (ContributionKind::Dataset, _) => dataset_label(id, c),
        (ContributionKind::Codebase, _) => codebase_label(id, c),
        (ContributionKind::Optimizer, _) => optimizer_label(id, c),
    }
}

impl Context<'_> {
    fn per_domain(&self) -> u32 {
        self.d.domains.max(1)
    }

    /// The headline's settings: every task in deep RL, else one per domain.
    fn headline_settings(&self) -> u32 {
        if self.d.field == ResearchField::Rl {
            self.d.settings
        } else {
            self.per_domain()
        }
    }

    /// ", in each of 2 domains" where the claim spans several: every sweep
    /// runs in every domain the headline runs in.
    fn each_domain(&self) -> String {
        if self.per_domain() > 1 {
            format!(", in each of {} domains", self.per_domain())
        } else {
            String::new()
        }
    }

    /// Where the headline runs: "on each of 3 tasks" in deep RL, else the main setting of each domain.
    fn headline_where(&self) -> String {
        if self.d.field == ResearchField::Rl {
            format!("on each of {} tasks", self.headline_settings())
        } else {
            domains_phrase(self.per_domain())
        }
    }

    /// Where the trend runs: the headline's tasks in deep RL, else the main setting of each domain.
    fn trend_where(&self) -> String {
        if self.d.field == ResearchField::Rl {
            self.headline_where()
        } else {
            domains_phrase(self.per_domain())
        }
    }

    /// An optimiser's sweep in words: every hyperparameter, in every domain.
    fn optimizer_sweep(&self) -> String {
        format!(
            "{OPTIMIZER_CONFIGS} configurations over learning rate, warm-up, weight decay and β₂{}",
            self.each_domain()
        )
    }

    fn lr_sweep(&self, who: &str) -> String {
        format!(
            "Learning-rate sweep: {LR_CONFIGS} values for {who}{}",
            self.each_domain()
        )
    }
}

fn insight_label(id: GroupId, c: &Context) -> String {
    let d = c.d;
    match id {
        GroupId::Main => format!(
            "Method and {} {}",
            plural(d.baselines, "baseline", "baselines"),
            in_settings(d)
        ),
        GroupId::Ablations => format!(
            "Ablations: the method without each of {} {}",
            plural(d.ablations, "part", "parts"),
            in_settings(d)
        ),
        GroupId::Tuning => format!(
            "Tuning sweep: {TUNING_CONFIGS} configurations for the method and for each baseline alike{}",
            c.each_domain()
        ),
        GroupId::Trend => format!(
            "Method against every baseline as scale grows, {}",
            c.trend_where()
        ),
        GroupId::TrendTuning => c.lr_sweep("the method and for each baseline"),
        GroupId::HeadlineTuning => c.lr_sweep("the method and for its strongest baseline"),
        _ => format!(
            "Headline: method against its strongest baseline, {}",
            c.headline_where()
        ),
    }
}

fn negative_result_label(id: GroupId, c: &Context) -> String {
    let d = c.d;
    match id {
        GroupId::Main => format!(
            "The idea and {} {}",
            plural(d.baselines, "baseline", "baselines"),
            in_settings(d)
        ),
        GroupId::Variants => format!(
            "{} of the idea {}, so the try is thorough",
            plural(d.ablations, "variant", "variants"),
            in_settings(d)
        ),
        GroupId::Tuning => format!(
            "Tuning sweep for the idea: {} configurations, twice each baseline's{}",
            2 * TUNING_CONFIGS,
            c.each_domain()
        ),
        GroupId::BaselineTuning => format!(
            "Tuning sweep: {TUNING_CONFIGS} configurations for each baseline{}",
            c.each_domain()
        ),
        GroupId::Trend => format!(
            "The gap does not close: the idea against the strongest baseline as scale grows, {}",
            c.trend_where()
        ),
        GroupId::TrendTuning | GroupId::HeadlineTuning => format!(
            "Learning-rate sweep for the idea: {} values, twice the baseline's{}",
            2 * LR_CONFIGS,
            c.each_domain()
        ),
        GroupId::TrendBaselineTuning | GroupId::HeadlineBaselineTuning => format!(
            "Learning-rate sweep for the strongest baseline: {LR_CONFIGS} values{}",
            c.each_domain()
        ),
        _ => format!(
            "Headline: equivalence, or a gap that stays, {}",
            c.headline_where()
        ),
    }
}

fn model_label(id: GroupId, c: &Context) -> String {
    let d = c.d;
    match id {
        GroupId::Recipe => format!(
            "Recipe search: {TUNING_CONFIGS} candidate recipes (data mix, schedule, architecture)"
        ),
        GroupId::RecipeCheck => "Recipe check: the two best recipes one step up".into(),
        GroupId::Final => "Final training run of the released model".into(),
        _ => format!(
            "Evaluate the model and {} on {}, the same way, with a bootstrap over each benchmark's items",
            plural(d.baselines, "existing model", "existing models"),
            plural(d.settings, "benchmark", "benchmarks")
        ),
    }
}

fn benchmark_label(id: GroupId, c: &Context) -> String {
    let d = c.d;
    match id {
        GroupId::Evaluation => format!(
            "Evaluate the model of this size on {} of your benchmark, with item-level standard errors",
            plural(d.settings, "subset", "subsets")
        ),
        GroupId::ExistingBenchmarks => format!(
            "The same model on {}, to show what they miss",
            plural(d.baselines, "existing benchmark", "existing benchmarks")
        ),
        GroupId::OtherFamilies => format!(
            "The largest model of {} that fits, to show the benchmark is not one family's",
            plural(OTHER_FAMILIES, "other family", "other families")
        ),
        // Vision checkpoints have no prompts: their scores move with the test
        // resolution and crop instead (Touvron et al. 2019, "Fixing the
        // train-test resolution discrepancy").
        _ if d.field == ResearchField::Vision => format!(
            "Robustness: the largest model at {PROMPT_FORMATS} test resolutions and crops"
        ),
        _ => format!("Robustness: the largest model with {PROMPT_FORMATS} prompt formats"),
    }
}

fn dataset_label(id: GroupId, c: &Context) -> String {
    let d = c.d;
    let on_tasks = || match dataset_suite(d.field, d.settings) {
        (tasks, Some(suite)) => format!("the {tasks} tasks of {}", suite_name(suite)),
        (tasks, None) => plural(tasks, "task", "tasks"),
    };
    match (id, c.d.at) {
        (GroupId::Datasets, _) => format!(
            "Train on your data and on {} with one fixed recipe and the same compute, the same seeds for every dataset, to measure seed noise",
            plural(d.baselines, "existing dataset", "existing datasets"),
        ),
        (GroupId::Trend, _) => {
            "Every dataset at each larger size, same recipe, compute and seeds".into()
        }
        (_, Placement::Bottom) => format!("Evaluate every model trained here on {}", on_tasks()),
        _ => format!("Evaluate each dataset's models on {}", on_tasks()),
    }
}

fn codebase_label(id: GroupId, c: &Context) -> String {
    match id {
        GroupId::Reproduction => format!(
            "Reproduce published results with your code and the existing code {}",
            in_settings(c.d)
        ),
        GroupId::Tuning => format!(
            "Tuning sweep: {TUNING_CONFIGS} configurations for each codebase alike{}",
            c.each_domain()
        ),
        GroupId::Throughput => "Throughput of your code against the existing code on the same hardware, at the sizes people use (1% of a run, 3 repeats)".into(),
        GroupId::LrTuning => c.lr_sweep("each codebase"),
        _ => format!(
            "Headline: time to a target loss, both codebases, {}",
            c.headline_where()
        ),
    }
}

fn optimizer_label(id: GroupId, c: &Context) -> String {
    let d = c.d;
    let sweep = c.optimizer_sweep();
    match id {
        GroupId::Sweep => format!(
            "Hyperparameter sweep for your optimiser and for each of {} (AdamW first) alike: {sweep}",
            plural(d.baselines, "baseline optimiser", "baseline optimisers")
        ),
        GroupId::Main => format!("Every optimiser at its best configuration {}", in_settings(d)),
        GroupId::SizeSweep => {
            format!("Re-tune your optimiser and the strongest baseline at this size: {sweep}")
        }
        GroupId::DataRatio => format!(
            "A second tokens-per-parameter ratio: both optimisers on {} the tokens, each re-tuned ({sweep}); claimed speed-ups shrink with longer training",
            format::number_text(DATA_RATIO) + "×"
        ),
        GroupId::Trend => format!(
            "Your optimiser against the strongest baseline as scale grows, {}",
            c.trend_where()
        ),
        GroupId::StepTime => "Time per step of both optimisers on the same hardware (1% of a run, 3 repeats): a saving in steps must survive the optimiser's own overhead".into(),
        _ => format!(
            "Headline: steps and time to the baseline's final loss, both tuned at this size, {}",
            c.headline_where()
        ),
    }
}

fn domains_phrase(domains: u32) -> String {
    if domains <= 1 {
        "in the main setting".into()
    } else {
        format!("in the main setting of each of {domains} domains")
    }
}

/// "in 3 settings" or "in 5 settings across 2 domains (3 + 2)".
fn in_settings(d: &GroupFacts) -> String {
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

/// An evaluation suite by name, with its source.
fn suite_name(suite: Suite) -> &'static str {
    match suite {
        Suite::DclmCore => "DCLM's CORE suite (Li et al. 2024)",
        Suite::DataComp => "DataComp's suite (Gadre et al. 2023)",
    }
}

/// What changes when this kind is chosen, in one line (the plan JSON's
/// `kind_summary`).
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::design::{design, Demands};
    use crate::model::evidence::rule_for;
    use crate::model::inputs::Tuning;

    #[test]
    fn settings_split_across_domains() {
        let d = Demands::of(rule_for(4), 5, ResearchField::Llm, Tuning::Sweep);
        let facts = design(ContributionKind::Insight, &d)[0].facts;
        assert_eq!(
            in_settings(&facts),
            "in 5 settings across 2 domains (3 + 2)"
        );
    }

    #[test]
    fn labels_name_the_groups_counts() {
        let d = Demands::of(rule_for(3), 5, ResearchField::Llm, Tuning::Mup);
        let groups = design(ContributionKind::Insight, &d);
        let words = |id: GroupId| {
            let g = groups.iter().find(|g| g.what == id).expect("group");
            label(g.what, &g.facts)
        };
        assert_eq!(
            words(GroupId::Headline),
            "Headline: method against its strongest baseline, in the main setting"
        );
        assert!(words(GroupId::TransferCheck).starts_with("Transfer check: 3 learning rates"));
        assert_eq!(design_text(4, 3, 1, 5), "4 arms × 3 settings × 5 seeds");
        assert_eq!(design_text(1, 1, 8, 1), "1 arm × 8 configurations × 1 seed");
    }
}
