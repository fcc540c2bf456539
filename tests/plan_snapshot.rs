//! `plan()` for a fixed list of inputs, valid and invalid, compared field by
//! field with the snapshot in `tests/fixtures/plan-snapshots.json`, so any
//! change to the public plan object's structure, ids and numbers is
//! deliberate and visible in review. Nothing is masked: the sentences carry
//! numbers too ("16 configurations"), and the public JSON's prose fields and
//! the Markdown are part of the interface, so moving the words out of the
//! model must leave every one of them as it was. Each valid case also holds
//! the plan's Markdown (`report::markdown` with a fixed link).
//!
//! After an intended change: `UPDATE_SNAPSHOTS=1 cargo test --test plan_snapshot`,
//! then read the diff of the fixture before committing it.
#![cfg(not(target_arch = "wasm32"))]

use evidence_ladder::model::inputs::FieldValue;
use evidence_ladder::model::plan::Plan;
use evidence_ladder::text::public::plan_json;
use evidence_ladder::text::report::markdown;
use serde_json::{json, Map, Value};

const FIXTURE: &str = "tests/fixtures/plan-snapshots.json";
/// The link the Markdown ends with: fixed, so the snapshot does not depend on a page.
const LINK: &str = "https://example.org/evidence-ladder/#g=3";

fn field_value(v: &Value) -> FieldValue {
    match v {
        Value::Number(n) => FieldValue::Number(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => FieldValue::Text(s.clone()),
        Value::Null => FieldValue::Missing,
        Value::Bool(_) => FieldValue::Other("a boolean"),
        Value::Array(_) => FieldValue::Other("a list"),
        Value::Object(_) => FieldValue::Other("an object"),
    }
}

/// What `plan()` gives for these named inputs: the plan, or the error message.
fn outcome(inputs: &Value) -> Value {
    let pairs: Vec<(String, FieldValue)> = inputs
        .as_array()
        .expect("inputs are [name, value] pairs")
        .iter()
        .map(|pair| {
            let name = pair[0].as_str().expect("a name").to_owned();
            (name, field_value(&pair[1]))
        })
        .collect();
    match Plan::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.clone()))) {
        Ok(plan) => json!({
            "inputs": inputs,
            "plan": json!(plan_json(&plan)),
            "markdown": markdown(&plan, LINK, None),
        }),
        Err(e) => json!({ "inputs": inputs, "error": e.to_string() }),
    }
}

/// Every path where `got` differs from `want`, with both values.
fn differences(path: &str, want: &Value, got: &Value, out: &mut Vec<String>) {
    match (want, got) {
        (Value::Object(a), Value::Object(b)) => {
            for key in a.keys().chain(b.keys().filter(|k| !a.contains_key(*k))) {
                let null = Value::Null;
                let (x, y) = (a.get(key), b.get(key));
                if x.is_none() || y.is_none() {
                    out.push(format!(
                        "{path}.{key}: {} → {}",
                        if x.is_some() { "present" } else { "absent" },
                        if y.is_some() { "present" } else { "absent" }
                    ));
                } else {
                    differences(
                        &format!("{path}.{key}"),
                        x.unwrap_or(&null),
                        y.unwrap_or(&null),
                        out,
                    );
                }
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                differences(&format!("{path}[{i}]"), x, y, out);
            }
        }
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => {}
        _ if want == got => {}
        // Markdown: the lines that differ, not the whole text twice.
        (Value::String(a), Value::String(b)) if a.contains('\n') || b.contains('\n') => {
            let (a, b): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
            for i in 0..a.len().max(b.len()) {
                let (x, y) = (a.get(i), b.get(i));
                if x != y {
                    out.push(format!("{path} line {}: {x:?} → {y:?}", i + 1));
                }
            }
        }
        _ => out.push(format!("{path}: {want} → {got}")),
    }
}

#[test]
fn plan_matches_the_snapshot() {
    let text = std::fs::read_to_string(FIXTURE).expect("fixture");
    let cases: Map<String, Value> = serde_json::from_str(&text).expect("fixture is JSON");
    assert!(cases.len() >= 20, "at least 20 inputs");
    let mut got = Map::new();
    let mut diffs = Vec::new();
    for (name, case) in &cases {
        let now = outcome(&case["inputs"]);
        differences(name, case, &now, &mut diffs);
        got.insert(name.clone(), now);
    }
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        let text = serde_json::to_string_pretty(&got).expect("JSON") + "\n";
        std::fs::write(FIXTURE, text).expect("write fixture");
        return;
    }
    assert!(
        diffs.is_empty(),
        "{} differences from {FIXTURE}:\n{}",
        diffs.len(),
        diffs.join("\n")
    );
}
