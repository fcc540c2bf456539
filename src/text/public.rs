//! The public plan object, as `plan()`, "Download JSON" and the snapshot
//! give it: the model's plan with its typed facts written as words, every
//! field and value of the JSON it has always had.

use serde::Serialize;

use super::assumptions::{self, AssumptionText};
use crate::model::plan::Plan;

/// The plan as JSON sees it: its own fields, and the words of the facts
/// the model keeps typed.
#[derive(Serialize)]
pub struct PlanJson<'a> {
    #[serde(flatten)]
    plan: &'a Plan,
    assumptions: Vec<AssumptionText>,
    warnings: Vec<String>,
}

/// The public form of `plan`.
pub fn plan_json(plan: &Plan) -> PlanJson<'_> {
    PlanJson {
        plan,
        assumptions: assumptions::of(plan),
        warnings: super::warnings::of(plan),
    }
}
