//! The checklist in words: one sentence for each typed requirement of
//! `model::requirements`, and the statistics a level reports. The page, the
//! Markdown and the JSON's `evidence.requirements` and
//! `evidence.statistics` read these.

use super::design;
use super::format;
use crate::model::design::Placement;
use crate::model::evidence::Statistics;
use crate::model::inputs::{ContributionKind, ResearchField};
use crate::model::plan::Plan;
use crate::model::requirements::Requirement;

/// Every line of this plan's checklist, in its order.
pub fn of(plan: &Plan) -> Vec<String> {
    plan.requirements.iter().map(sentence).collect()
}

/// One requirement as a sentence.
pub fn sentence(requirement: &Requirement) -> String {
    match requirement {
        Requirement::Runs {
            what,
            facts,
            runs,
            sizes,
            at,
            arms,
            settings,
            configs,
            seeds,
        } => {
            let each = format::plural(*runs, "run", "runs");
            let count = if *sizes > 1 {
                format!(
                    "{each} at each of {sizes} sizes, {} in all",
                    format::whole(runs.saturating_mul(*sizes))
                )
            } else if *at == Placement::Middle {
                format!("{each} at the middle size")
            } else {
                format!("{each} {}", where_text(*at))
            };
            format!(
                "{}: {count} ({}).",
                design::label(*what, facts),
                design::design_text(*arms, *settings, *configs, *seeds)
            )
        }
        Requirement::Span { span, unit, rungs } => format!(
            "Span at least {}× in {unit} from the smallest to the largest size, over at least {rungs} sizes.",
            format::number(*span)
        ),
        Requirement::Report(s) => format!("Report {}.", statistics(s)),
        Requirement::Release(what) => format!("Release {what}."),
        Requirement::Replication => {
            "Have the headline result replicated independently before claiming it.".into()
        }
        Requirement::Items {
            items,
            difference,
            sd,
            given,
            power,
            alpha,
        } => format!(
            "Have at least {} items per comparison, so that a paired difference of {} between adjacent sizes is found with power {} at α = {} (n = ((z₁₋α/₂ + z_power) · sd / δ)², sd = {} per item{}); more where items cluster (Miller 2024).",
            format::whole(*items),
            format::number_text(*difference),
            format::number_text(*power),
            format::number_text(*alpha),
            format::number_text(*sd),
            if *given {
                ", your effect and noise"
            } else {
                ": our assumption for accuracies near 50% whose per-item correctness correlates 0.5 between adjacent models; give effect and noise to change the difference and the sd"
            }
        ),
        Requirement::ContinuousMetric { field } => continuous_metric(*field),
    }
}

/// Where a group placed `at` runs, for a group on one size.
fn where_text(at: Placement) -> &'static str {
    match at {
        Placement::Bottom => "at the smallest size",
        Placement::Middle => "at each middle size",
        Placement::Upper => "at every size above the smallest",
        Placement::Top => "at the largest size",
        Placement::Every => "at every size",
        Placement::Check => "at the size above the smallest",
        Placement::Centre => "at the middle size",
    }
}

/// Trends on a continuous metric beside the field's thresholded one.
fn continuous_metric(field: ResearchField) -> String {
    let (metric, threshold) = match field {
        ResearchField::Llm => ("loss, log-likelihood of the correct answer", "accuracy"),
        ResearchField::Vision => (
            "loss, log-likelihood of the correct class",
            "top-1 accuracy",
        ),
        ResearchField::Rl => (
            "normalised return over the whole learning curve",
            "a success threshold",
        ),
        ResearchField::Other => ("loss or log-likelihood", "a thresholded score"),
    };
    format!("Read trends on a continuous metric ({metric}) beside {threshold}, which can jump where models change smoothly (Schaeffer et al. 2023).")
}

/// The level's statistics for this kind and field, with the correction it
/// needs, in words.
pub fn statistics(s: &Statistics) -> String {
    let mut text = match s.kind {
        ContributionKind::Benchmark => {
            return "a standard error over the benchmark's items for every model's score, and \
                    for adjacent sizes the paired difference on the same items with standard \
                    errors clustered by item group (passage, template or source), so the \
                    benchmark is shown to separate models (Miller 2024, Adding Error Bars to Evals)"
                .into();
        }
        ContributionKind::Model => {
            return "a bootstrap interval over each benchmark's items for every score, the model \
                    and the existing ones evaluated the same way (Miller 2024, Adding Error Bars to Evals)"
                .into();
        }
        ContributionKind::NegativeResult => "an equivalence test (two one-sided tests, TOST) \
             against the smallest effect worth caring about, with 95% confidence intervals"
            .to_owned(),
        ContributionKind::Dataset => "the seed-to-seed spread of each dataset's scores at the \
             smallest size, with 95% intervals, and the one-run differences at larger sizes \
             judged against that spread (Magnusson et al. 2025, DataDecide)"
            .to_owned(),
        _ => s.level_rule.to_owned(),
    };
    if s.field == ResearchField::Rl {
        text.push_str(
            "; across tasks, the interquartile mean of normalised scores with stratified \
             bootstrap 95% intervals (Agarwal et al. 2021, rliable)",
        );
    }
    if s.comparisons > 1 {
        text.push_str(&format!(
            " (Holm's correction over the {} headline comparisons)",
            s.comparisons
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::evidence::rule_for;
    use crate::model::inputs::FieldValue;

    #[test]
    fn spans_read_with_separators() {
        let span = |span: f64| {
            sentence(&Requirement::Span {
                span,
                unit: "parameters",
                rungs: 5,
            })
        };
        // The highest level's span, then spans wide enough to need separators.
        assert!(span(rule_for(5).span).contains("at least 100× in parameters"));
        assert!(
            span(1_000.0).contains("at least 1,000× in parameters"),
            "{}",
            span(1e3)
        );
        assert!(
            span(30_000.0).contains("at least 30,000× in"),
            "{}",
            span(3e4)
        );
    }

    #[test]
    fn a_group_on_several_sizes_counts_them_and_their_total() {
        let runs = Requirement::Runs {
            what: crate::model::design::GroupId::Trend,
            facts: crate::model::design::GroupFacts {
                kind: ContributionKind::Insight,
                at: Placement::Middle,
                field: ResearchField::Llm,
                settings: 3,
                domains: 1,
                baselines: 3,
                ablations: 2,
            },
            runs: 20,
            sizes: 2,
            at: Placement::Middle,
            arms: 4,
            settings: 1,
            configs: 1,
            seeds: 5,
        };
        assert_eq!(
            sentence(&runs),
            "Method against every baseline as scale grows, in the main setting: 20 runs at each of 2 sizes, 40 in all (4 arms × 5 seeds)."
        );
    }

    #[test]
    fn statistics_name_the_correction_and_its_comparisons() {
        let plan = Plan::from_pairs([
            ("generality", FieldValue::Number(5.0)),
            ("novelty", FieldValue::Number(5.0)),
        ])
        .expect("ok");
        let text = statistics(&plan.evidence.statistics);
        assert!(
            text.ends_with("(Holm's correction over the 3 headline comparisons)"),
            "{text}"
        );
        assert!(of(&plan)
            .iter()
            .any(|l| l.contains("in the main setting of each of 3 domains")));
    }
}
