//! The plan as plain data: the one description of what
//! `window.evidenceLadder.plan()` returns and what "Download JSON" saves.
//!
//! Written by hand instead of derived with serde: the derive and a serde
//! serializer for JS values cost about 8 KB of the brotli-compressed app, and
//! this shape is public, so it is better spelled out in one place anyway.

use super::evidence::Evidence;
use super::hardware::{Budget, BudgetSource};
use super::inputs::Inputs;
use super::ladder::{Ladder, Rung};
use super::plan::{Assumption, ClaimCell, Plan};
use super::stats::PowerAnalysis;

/// A JSON-like value. Objects keep their keys in the order written here.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    Text(String),
    List(Vec<Value>),
    Object(Vec<(&'static str, Value)>),
}

impl Value {
    /// The value under `key` when this is an object that has it.
    ///
    /// ```
    /// use evidence_ladder::model::{export::{plan_value, Value}, inputs::Inputs, plan::Plan};
    /// let plan = plan_value(&Plan::new(Inputs::default()));
    /// assert_eq!(plan.get("evidence").and_then(|e| e.get("level")), Some(&Value::Number(3.0)));
    /// ```
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(fields) => fields.iter().find(|(k, _)| *k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<f64> for Value {
    fn from(n: f64) -> Self {
        Value::Number(n)
    }
}

impl From<u32> for Value {
    fn from(n: u32) -> Self {
        Value::Number(n.into())
    }
}

impl From<u8> for Value {
    fn from(n: u8) -> Self {
        Value::Number(n.into())
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Text(s.to_owned())
    }
}

impl From<&String> for Value {
    fn from(s: &String) -> Self {
        Value::Text(s.clone())
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}

fn list<T>(items: &[T], each: impl Fn(&T) -> Value) -> Value {
    Value::List(items.iter().map(each).collect())
}

fn texts<T: AsRef<str>>(items: &[T]) -> Value {
    list(items, |s| s.as_ref().into())
}

pub fn inputs_value(i: &Inputs) -> Value {
    Value::Object(vec![
        ("kind", i.kind.id().into()),
        ("generality", i.generality.into()),
        ("novelty", i.novelty.into()),
        ("accelerator", i.accelerator.id.into()),
        ("count", i.count.into()),
        ("hours", i.hours.into()),
        ("mfu", i.mfu.into()),
        ("flops", i.flops.into()),
        ("price", i.price.into()),
        ("tokens_per_param", i.tokens_per_param.into()),
        ("effect", i.effect.into()),
        ("noise", i.noise.into()),
        ("alpha", i.alpha.into()),
        ("power", i.power.into()),
    ])
}

fn evidence_value(e: &Evidence) -> Value {
    Value::Object(vec![
        ("level", e.level.into()),
        ("name", e.name.into()),
        ("settings", e.settings.into()),
        ("domains", e.domains.into()),
        ("rungs", e.rungs.into()),
        ("span", e.span.into()),
        ("seeds", e.seeds.into()),
        ("baselines", e.baselines.into()),
        ("ablations", e.ablations.into()),
        ("statistics", e.statistics.into()),
        ("release", e.release.into()),
        ("replication", e.replication.into()),
        ("requirements", texts(&e.requirements)),
        ("kind_demands", texts(&e.kind_demands)),
        ("reasons", texts(&e.reasons)),
        ("reviewer_questions", texts(&e.reviewer_questions)),
    ])
}

fn budget_value(b: &Budget) -> Value {
    let source = match b.source {
        BudgetSource::Hardware => "hardware",
        BudgetSource::Flops => "flops",
    };
    Value::Object(vec![
        ("flops", b.flops.into()),
        ("source", source.into()),
        (
            "flops_per_accelerator_hour",
            b.flops_per_accelerator_hour.into(),
        ),
        ("count", b.count.into()),
        ("accelerator_hours", b.accelerator_hours.into()),
    ])
}

fn rung_value(r: &Rung) -> Value {
    Value::Object(vec![
        ("tier", r.tier.id().into()),
        ("params", r.params.into()),
        ("tokens", r.tokens.into()),
        ("flops_per_run", r.flops_per_run.into()),
        ("hours_per_run", r.hours_per_run.into()),
        (
            "wall_clock_hours_per_run",
            r.wall_clock_hours_per_run.into(),
        ),
        ("runs", r.runs.into()),
        ("share_of_budget", r.share_of_budget.into()),
        ("cost", r.cost.into()),
    ])
}

fn ladder_value(l: &Ladder) -> Value {
    Value::Object(vec![
        ("rungs", list(&l.rungs, rung_value)),
        ("budget_flops", l.budget_flops.into()),
        ("planned_flops", l.planned_flops.into()),
        ("fits", l.fits.into()),
        ("required_flops", l.required_flops.into()),
        ("shortfall", l.shortfall.into()),
        ("smallest_useful_params", l.smallest_useful_params.into()),
        ("runs", l.runs.into()),
        ("accelerator_hours", l.accelerator_hours.into()),
        ("wall_clock_hours", l.wall_clock_hours.into()),
        ("cost", l.cost.into()),
    ])
}

fn power_value(p: &PowerAnalysis) -> Value {
    Value::Object(vec![
        ("cohen_d", p.cohen_d.into()),
        ("seeds_per_arm", p.seeds_per_arm.into()),
        ("capped", p.capped.into()),
        ("method", p.method.into()),
    ])
}

fn claim_value(c: &ClaimCell) -> Value {
    Value::Object(vec![
        ("generality", c.generality.into()),
        ("novelty", c.novelty.into()),
        ("level", c.level.into()),
        ("fits", c.fits.into()),
    ])
}

fn assumption_value(a: &Assumption) -> Value {
    Value::Object(vec![
        ("name", a.name.into()),
        ("value", (&a.value).into()),
        ("source", a.source.into()),
    ])
}

/// What `window.evidenceLadder.plan()` returns.
pub fn plan_value(p: &Plan) -> Value {
    Value::Object(vec![
        ("inputs", inputs_value(&p.inputs)),
        ("evidence", evidence_value(&p.evidence)),
        ("budget", budget_value(&p.budget)),
        ("ladder", ladder_value(&p.ladder)),
        ("power", p.power.as_ref().map_or(Value::Null, power_value)),
        ("claim_map", list(&p.claim_map, claim_value)),
        ("narrower_claims", list(&p.narrower_claims, claim_value)),
        ("assumptions", list(&p.assumptions, assumption_value)),
        ("warnings", texts(&p.warnings)),
    ])
}

/// The downloaded file: which app made it, the inputs and the plan.
pub fn export_value(p: &Plan) -> Value {
    Value::Object(vec![
        ("app", "Evidence Ladder".into()),
        ("version", env!("CARGO_PKG_VERSION").into()),
        ("inputs", inputs_value(&p.inputs)),
        ("plan", plan_value(p)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::inputs::{Field, FieldValue};

    fn at<'a>(v: &'a Value, path: &[&str]) -> &'a Value {
        path.iter()
            .fold(v, |v, key| v.get(key).unwrap_or_else(|| panic!("no {key}")))
    }

    #[test]
    fn has_every_field_the_public_interface_promises() {
        let plan = plan_value(&Plan::new(Inputs::default()));
        for path in [
            &["evidence", "level"][..],
            &["evidence", "name"],
            &["evidence", "seeds"],
            &["evidence", "settings"],
            &["evidence", "rungs"],
            &["ladder", "budget_flops"],
            &["ladder", "planned_flops"],
            &["ladder", "fits"],
            &["warnings"],
        ] {
            at(&plan, path);
        }
        let Value::List(rungs) = at(&plan, &["ladder", "rungs"]) else {
            panic!("rungs is not a list");
        };
        assert_eq!(rungs.len(), 4);
        for key in [
            "tier",
            "params",
            "tokens",
            "flops_per_run",
            "hours_per_run",
            "runs",
        ] {
            at(&rungs[0], &[key]);
        }
        assert_eq!(at(&rungs[0], &["tier"]), &Value::Text("small".into()));
    }

    #[test]
    fn mirrors_the_plan_it_describes() {
        let mut inputs = Inputs::default();
        inputs
            .set(Field::Price, &FieldValue::Text("2.5".into()))
            .expect("price");
        let plan = Plan::new(inputs);
        let value = plan_value(&plan);
        assert_eq!(
            at(&value, &["ladder", "budget_flops"]),
            &Value::Number(plan.ladder.budget_flops)
        );
        assert_eq!(at(&value, &["inputs", "price"]), &Value::Number(2.5));
        assert_eq!(at(&value, &["inputs", "flops"]), &Value::Null);
        assert_eq!(at(&value, &["power"]), &Value::Null);
        assert_eq!(
            at(&value, &["inputs", "accelerator"]),
            &Value::Text("a100".into())
        );
        let export = export_value(&plan);
        assert_eq!(at(&export, &["plan"]), &value);
        assert_eq!(at(&export, &["inputs"]), at(&value, &["inputs"]));
    }
}
