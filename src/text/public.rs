//! The public plan object, as `plan()`, "Download JSON" and the snapshot
//! give it: the model's plan with its typed facts written as words, every
//! field and value of the JSON it has always had.

use serde::Serialize;

use super::assumptions::{self, AssumptionText};
use super::cited::Cited;
use crate::model::evidence::Evidence;
use crate::model::ladder::Experiment;
use crate::model::plan::Plan;

/// The plan as JSON sees it: its own fields, and the words of the facts
/// the model keeps typed.
#[derive(Serialize)]
pub struct PlanJson<'a> {
    #[serde(flatten)]
    plan: &'a Plan,
    experiments: Vec<ExperimentJson<'a>>,
    evidence: EvidenceJson<'a>,
    assumptions: Vec<AssumptionText>,
    warnings: Vec<String>,
    kind_summary: &'static str,
}

/// A group of runs as JSON sees it: its own fields, and its label.
#[derive(Serialize)]
struct ExperimentJson<'a> {
    #[serde(flatten)]
    experiment: &'a Experiment,
    label: String,
}

/// The evidence as JSON sees it: its own fields, and the sentences on what
/// the kind must show, why the level is what it is, and what reviewers ask.
#[derive(Serialize)]
struct EvidenceJson<'a> {
    #[serde(flatten)]
    evidence: &'a Evidence,
    statistics: String,
    requirements: Vec<String>,
    kind_demands: Vec<Cited>,
    reasons: Vec<Cited>,
    reviewer_questions: Vec<Cited>,
}

/// The public form of `plan`.
pub fn plan_json(plan: &Plan) -> PlanJson<'_> {
    PlanJson {
        plan,
        experiments: plan
            .experiments
            .iter()
            .map(|experiment| ExperimentJson {
                experiment,
                label: super::design::label(experiment.what, &experiment.facts),
            })
            .collect(),
        evidence: EvidenceJson {
            evidence: &plan.evidence,
            statistics: super::requirements::statistics(&plan.evidence.statistics),
            requirements: super::requirements::of(plan),
            kind_demands: super::evidence::demands(plan),
            reasons: super::evidence::reasons(plan),
            reviewer_questions: super::evidence::questions(plan),
        },
        assumptions: assumptions::of(plan),
        warnings: super::warnings::of(plan),
        kind_summary: super::design::kind_summary(plan.inputs.kind),
    }
}
