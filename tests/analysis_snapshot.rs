//! `analyze()` and the results' words for a fixed list of inputs, compared
//! with the snapshot in `tests/fixtures/analysis-snapshots.json`: the JSON
//! `analyze()` gives (its warnings, notes and statistics text included), its
//! error messages, the verdict and prediction sentences, the Markdown and
//! CSV exports, and what reading pasted text says about bad lines, notes
//! and refusals. Recorded before the results' words moved out of the model
//! (issue 29), so that move is proved to change none of them.
//!
//! After an intended change: `UPDATE_SNAPSHOTS=1 cargo test --test analysis_snapshot`,
//! then read the diff of the fixture before committing it.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::input;
use evidence_ladder::model::checkpoints::ModelFamily;
use evidence_ladder::model::inputs::{FieldValue, NamedValues};
use evidence_ladder::model::results::parse::{Form, ParsedResults};
use evidence_ladder::model::results::{
    analyze, looks_like_results, parse_results_text, results_csv, too_large, AnalysisInput, Ask,
    PastedResults, PlanScale, ResultRow, ResultsExport,
};
use evidence_ladder::model::saved::{saved_too_large, SavedFile};
use evidence_ladder::text::files;
use evidence_ladder::text::results::sentences::{direction_text, multiplier_cell, Style};
use evidence_ladder::text::results::{
    analysis_json, errors, export_json, markdown_section, note, prediction_sentence,
    verdict_sentence,
};
use serde_json::{json, Map, Value};

const FIXTURE: &str = "tests/fixtures/analysis-snapshots.json";

fn row(params: f64, arm: &str, seed: &str, value: f64, task: Option<&str>) -> ResultRow {
    ResultRow {
        params,
        arm: arm.to_owned(),
        seed: seed.to_owned(),
        value,
        task: task.map(str::to_owned),
    }
}

/// A fixed, seedless jitter in [-1, 1] so the cases need no random numbers.
fn jitter(i: usize) -> f64 {
    ((i as f64 * 12.9898).sin() * 43_758.545_3).fract()
}

/// Loss-like runs: the baseline on a Chinchilla-like curve, the method at
/// `multiplier(params)` times the compute, `seeds` seeds, spread `sd`.
fn loss_runs(
    sizes: &[f64],
    seeds: usize,
    sd: f64,
    multiplier: impl Fn(f64) -> f64,
) -> Vec<ResultRow> {
    let loss = |n: f64| 1.69 + 406.4 / n.powf(0.34);
    let mut rows = Vec::new();
    for (r, &n) in sizes.iter().enumerate() {
        for s in 0..seeds {
            let i = r * 31 + s * 7;
            let seed = (s + 1).to_string();
            // Compute ∝ N², so k× compute is √k× parameters.
            let better = loss(n * multiplier(n).sqrt());
            rows.push(row(n, "ours", &seed, better + sd * jitter(i), None));
            rows.push(row(n, "base", &seed, loss(n) + sd * jitter(i + 3), None));
        }
    }
    rows
}

/// Accuracy-like runs: the method `gain(i)` points ahead at rung `i`.
fn score_runs(sizes: &[f64], seeds: usize, sd: f64, gain: impl Fn(usize) -> f64) -> Vec<ResultRow> {
    let mut rows = Vec::new();
    for (r, &n) in sizes.iter().enumerate() {
        for s in 0..seeds {
            let i = r * 17 + s * 5;
            let seed = format!("s{s}");
            let base = 40.0 + 5.0 * r as f64;
            rows.push(row(n, "ours", &seed, base + gain(r) + sd * jitter(i), None));
            rows.push(row(n, "base", &seed, base + sd * jitter(i + 2), None));
        }
    }
    rows
}

const SIZES: [f64; 4] = [1e8, 3e8, 1e9, 3e9];

/// Five tasks of different scales, three rungs, three seeds.
fn several_tasks() -> AnalysisInput {
    let mut tasks = Vec::new();
    for t in ["pong", "breakout", "seaquest", "qbert", "alien"] {
        for (r, &n) in SIZES[..3].iter().enumerate() {
            for s in 0..3 {
                let i = r * 13 + s * 3 + t.len();
                let seed = s.to_string();
                let scale = 100.0 * t.len() as f64;
                let base = scale * (0.2 + 0.1 * r as f64);
                tasks.push(row(
                    n,
                    "ours",
                    &seed,
                    base + scale * 0.05 * (1.0 + jitter(i)),
                    Some(t),
                ));
                tasks.push(row(
                    n,
                    "base",
                    &seed,
                    base + scale * 0.03 * jitter(i + 1),
                    Some(t),
                ));
            }
        }
    }
    input(tasks, true)
}

/// The named inputs `analyze` is given.
fn analysis_cases() -> Vec<(&'static str, AnalysisInput)> {
    let mut cases = Vec::new();
    let mut loss = input(loss_runs(&SIZES, 5, 0.005, |_| 2.0), false);
    loss.metric = Some("val_loss".into());
    cases.push(("loss_constant_2x", loss.clone()));
    let mut growing = input(
        loss_runs(&SIZES, 5, 0.005, |n| 1.5 * (n / 1e8).powf(0.3)),
        false,
    );
    growing.top_params = Some(1e11);
    cases.push(("loss_growing", growing));
    cases.push((
        "loss_no_gain",
        input(loss_runs(&SIZES, 4, 0.01, |_| 1.0), false),
    ));
    cases.push((
        "loss_one_seed",
        input(loss_runs(&SIZES[..3], 1, 0.005, |_| 2.0), false),
    ));
    let mut two = input(loss_runs(&SIZES[..2], 3, 0.02, |_| 1.3), false);
    two.next_params = Some(2e8);
    cases.push(("loss_two_rungs_next_below", two));
    let mut compute = input(loss_runs(&SIZES, 3, 0.03, |_| 1.2), false);
    compute.compute_exponent = Some(1.0);
    compute.metric = Some("bits_per_byte".into());
    cases.push(("loss_noisy_exponent_1", compute));
    let mut acc = input(score_runs(&SIZES, 5, 0.3, |r| 1.0 + r as f64), true);
    acc.metric = Some("accuracy".into());
    cases.push(("accuracy_grows", acc));
    cases.push((
        "accuracy_unclear",
        input(
            score_runs(&SIZES, 3, 2.0, |r| [0.5, 1.5, 0.2, 1.0][r]),
            true,
        ),
    ));
    cases.push((
        "accuracy_behind",
        input(score_runs(&SIZES[..3], 4, 0.2, |r| -1.0 - r as f64), true),
    ));
    cases.push((
        "accuracy_shrinks",
        input(score_runs(&SIZES, 6, 0.2, |r| 4.0 - 1.2 * r as f64), true),
    ));
    let mut names = input(score_runs(&SIZES[..3], 3, 0.5, |_| 2.0), true);
    for r in &mut names.results {
        r.arm = if r.arm == "ours" {
            "my*opt|v2\u{200b}".into()
        } else {
            "adams".into()
        };
    }
    names.method = "my*opt|v2\u{200b}".into();
    names.baseline = "adams".into();
    names.metric = Some("win_[rate]".into());
    cases.push(("names_to_escape", names));
    cases.push(("several_tasks", several_tasks()));
    cases
}

/// Inputs `analyze` refuses, each for its own reason.
fn error_cases() -> Vec<(&'static str, AnalysisInput)> {
    let base = input(score_runs(&SIZES[..2], 2, 0.5, |_| 1.0), true);
    let mut unknown = base.clone();
    unknown.method = "theirs\u{200b}".into();
    let mut same = base.clone();
    same.baseline = "ours".into();
    let one_rung = input(score_runs(&SIZES[..1], 2, 0.5, |_| 1.0), true);
    let mut huge = base.clone();
    for r in &mut huge.results {
        r.value *= 1e300;
    }
    let mut bad_row = base.clone();
    bad_row.results[3].value = f64::NAN;
    vec![
        ("unknown_arm", unknown),
        ("same_arm", same),
        ("one_rung", one_rung),
        ("too_large", huge),
        ("nan_value", bad_row),
    ]
}

/// JSON inputs as scripts give them, read the way `analyze()` reads them.
fn json_inputs() -> Vec<(&'static str, Value)> {
    let r =
        |p: f64, a: &str, s: &str, v: f64| json!({"params": p, "arm": a, "seed": s, "value": v});
    let good = vec![
        r(1e8, "a", "1", 2.0),
        r(1e8, "b", "1", 2.5),
        r(1e9, "a", "1", 1.5),
        r(1e9, "b", "1", 2.2),
    ];
    vec![
        (
            "no_results",
            json!({"method": "a", "baseline": "b", "higher_is_better": false}),
        ),
        (
            "missing_value",
            json!({"results": [{"params": 1e8, "arm": "a", "seed": "1"}], "method": "a", "baseline": "b", "higher_is_better": false}),
        ),
        (
            "text_params",
            json!({"results": [{"params": "big", "arm": "a", "seed": "1", "value": 1}], "method": "a", "baseline": "b", "higher_is_better": false}),
        ),
        (
            "no_direction",
            json!({"results": good.clone(), "method": "a", "baseline": "b"}),
        ),
        (
            "metric_direction",
            json!({"results": good.clone(), "method": "a", "baseline": "b", "metric": "val_loss"}),
        ),
        (
            "bad_exponent",
            json!({"results": good.clone(), "method": "a", "baseline": "b", "higher_is_better": false, "compute_exponent": -1}),
        ),
        (
            "bad_next",
            json!({"results": good, "method": "a", "baseline": "b", "higher_is_better": false, "next_params": "soon"}),
        ),
    ]
}

/// Pasted texts, good and bad, as the Results box reads them.
fn pasted_texts() -> Vec<(&'static str, String)> {
    let mut long = String::from("params,arm,seed,val_loss\n");
    for (p, b) in [("100M", 3.2), ("300M", 3.0), ("1B", 2.8)] {
        for s in 1..=3 {
            long.push_str(&format!("{p},method,{s},{}\n", b - 0.05 + 0.01 * s as f64));
            long.push_str(&format!("{p},baseline,{s},{}\n", b + 0.01 * s as f64));
        }
    }
    let mut many_bad = String::from("params,arm,seed,value\n");
    for i in 0..30 {
        many_bad.push_str(&format!("{i}x,ours,1,abc\n"));
    }
    vec![
        ("long_loss", long.clone()),
        ("wide_tabs", "params\tseed\tours\ttheirs\n1e8\t1\t2\t1\n1e8\t2\t2.1\t1.1\n1e9\t1\t3\t1\n1e9\t2\t3.2\t1.1\n".into()),
        ("bad_cells", "params,arm,seed,value\n1e8,ours,1,2\nx,ours,2,3\n1e8,base,1,\n1e9,ours,1,1e999\n1e9,base,1,abc\n1e8,ours,1,2\n".into()),
        ("many_bad_lines", many_bad),
        ("no_seed_column", "params,arm,accuracy\n1e8,method,50\n1e8,baseline,48\n1e9,method,60\n1e9,baseline,55\n".into()),
        ("empty_seeds", "params,arm,seed,value\n1e8,method,,50\n1e8,baseline,,48\n1e9,method,1,60\n1e9,baseline,1,55\n".into()),
        ("invisible_names", "params,arm,seed,value\n1e8,me\u{200b}thod,1,50\n1e8,baseline,1,48\n1e9,me\u{200b}thod,1,60\n1e9,baseline,1,55\n".into()),
        ("duplicate_columns", "params,arm,value,value\n1e8,a,1,2\n".into()),
        ("no_params_column", "arm,seed,value\na,1,2\n".into()),
        ("template_unfilled", "params,arm,seed,value\n1e8,method,1,\n1e8,baseline,1,\n".into()),
        ("not_results", "hello there".into()),
        ("binary", "\u{89}PNG\r\n\u{1a}\n\0\0".into()),
        ("empty", String::new()),
        ("long_line", format!("params,arm,seed,value\n1e8,ours,1,{}\n", "9".repeat(9000))),
        ("tasks", "params,arm,seed,task,score\n1e8,method,1,pong,10\n1e8,baseline,1,pong,8\n1e9,method,1,pong,20\n1e9,baseline,1,pong,15\n1e8,method,1,alien,100\n1e8,baseline,1,alien,80\n1e9,method,1,alien,200\n1e9,baseline,1,alien,150\n".into()),
        ("over_2mb", format!("params,arm,seed,value\n{}", "1e8,ours,1,2\n".repeat(200_000))),
        ("arms_to_ask", "params,arm,seed,value\n1e8,x,1,1\n1e8,y,1,2\n1e8,z,1,3\n1e9,x,1,1\n1e9,y,1,2\n".into()),
    ]
}

/// What `analyze` and the words made from it give for one input.
fn analysis_outcome(input: &AnalysisInput) -> Value {
    match analyze(input) {
        Ok(a) => {
            let cells: Vec<String> = a.rungs.iter().map(multiplier_cell).collect();
            json!({
                "json": serde_json::to_value(analysis_json(&a)).expect("JSON"),
                "verdict": verdict_sentence(&a, "", ""),
                "verdict_tokens_points": verdict_sentence(&a, "tokens", "points"),
                "prediction": prediction_sentence(&a, "", ""),
                "prediction_tokens_points": prediction_sentence(&a, "tokens", "points"),
                "direction_page": direction_text(&a, Style::Page),
                "direction_markdown": direction_text(&a, Style::Markdown),
                "multiplier_cells": cells,
                "markdown": markdown_section(&a, "", ""),
                "markdown_steps": markdown_section(&a, "steps", "points|*"),
                "csv": results_csv(&input.results, input.metric.as_deref()),
            })
        }
        Err(e) => json!({ "error": e.to_string() }),
    }
}

/// What reading a pasted text gives: lines not read, notes, refusals, the
/// questions asked and the analysis or why there is none.
fn pasted_outcome(pasted: &PastedResults) -> Value {
    let text = pasted.text.as_str();
    let parsed = parse_results_text(text);
    let plan = PlanScale {
        rungs: vec![1e8, 1e9, 1e10],
        compute_exponent: Some(2.0),
    };
    let reading = pasted.read(&plan);
    let analysis = match &reading.analysis {
        None => Value::Null,
        Some(Ok(a)) => json!({ "verdict": verdict_sentence(a, "", ""), "json": analysis_json(a) }),
        Some(Err(why)) => json!({ "error": why.to_string() }),
    };
    let ask: Vec<&str> = reading
        .ask
        .iter()
        .map(|a| match a {
            Ask::Method => "method",
            Ask::Baseline => "baseline",
            Ask::Direction => "direction",
        })
        .collect();
    json!({
        "parsed": parsed_json(&parsed),
        "looks_like_results": looks_like_results(text).err().map(|why| errors::not_results(&why)),
        "ask": ask,
        "method": reading.method,
        "baseline": reading.baseline,
        "higher_is_better": reading.higher_is_better,
        "analysis": analysis,
        "export": ResultsExport::new(pasted, &reading).as_ref().map(export_json),
    })
}

/// What was read, with its problems and notes in words.
fn parsed_json(parsed: &ParsedResults) -> Value {
    let bad: Vec<Value> = parsed
        .bad_lines
        .iter()
        .map(|b| json!({ "line": b.line, "message": errors::line_problem(&b.why) }))
        .collect();
    json!({
        "rows": parsed.rows,
        "bad_lines": bad,
        "more_bad_lines": parsed.more_bad_lines,
        "unfilled_lines": parsed.unfilled_lines,
        "arms": parsed.arms,
        "form": match parsed.form { Form::Long => "long", Form::Wide => "wide" },
        "metric": parsed.metric,
        "refused": parsed.refused.map(errors::refusal),
        "notes": parsed.notes.iter().map(note).collect::<Vec<_>>(),
    })
}

/// Saved plan files the page refuses, and the other messages about files.
fn file_messages() -> Value {
    let open = |file: SavedFile| file.open().err().map(|why| files::not_opened(&why));
    let app = Some("Evidence Ladder".to_owned());
    let many = evidence_ladder::model::saved::SavedResults {
        results: vec![row(1e8, "a", "1", 1.0, None); 100_001],
        method: "a".into(),
        baseline: "b".into(),
        higher_is_better: None,
        metric: None,
    };
    let families: Vec<String> = [
        ModelFamily::Pythia,
        ModelFamily::VitAugReg,
        ModelFamily::Dinov2,
    ]
    .into_iter()
    .map(evidence_ladder::text::fields::family_label)
    .collect();
    json!({
        "saved_too_large": saved_too_large(2e7).map(files::too_large),
        "results_too_large": too_large(3e6).map(files::too_large),
        "not_ours": open(SavedFile { app: None, inputs: None, results: None }),
        "no_inputs": open(SavedFile { app: app.clone(), inputs: None, results: None }),
        "bad_input": open(SavedFile {
            app: app.clone(),
            inputs: Some(NamedValues(vec![("novelty".into(), FieldValue::Number(99.0))])),
            results: None,
        }),
        "unknown_input": open(SavedFile {
            app: app.clone(),
            inputs: Some(NamedValues(vec![("colour".into(), FieldValue::Number(1.0))])),
            results: None,
        }),
        "too_many_runs": open(SavedFile {
            app,
            inputs: Some(NamedValues(Vec::new())),
            results: Some(many),
        }),
        "family_labels": families,
    })
}

fn outcomes() -> Map<String, Value> {
    let mut got = Map::new();
    for (name, input) in analysis_cases().iter().chain(&error_cases()) {
        got.insert(format!("analyze/{name}"), analysis_outcome(input));
    }
    for (name, raw) in json_inputs() {
        let outcome = match serde_json::from_value::<AnalysisInput>(raw.clone()) {
            Ok(input) => analysis_outcome(&input),
            Err(e) => json!({ "read_error": e.to_string() }),
        };
        got.insert(
            format!("json/{name}"),
            json!({ "input": raw, "outcome": outcome }),
        );
    }
    for (name, text) in pasted_texts() {
        let pasted = PastedResults {
            text,
            ..PastedResults::default()
        };
        got.insert(format!("pasted/{name}"), pasted_outcome(&pasted));
    }
    // The wide table once its arms and direction are chosen.
    let answered = PastedResults {
        text: "params\tseed\tours\ttheirs\n1e8\t1\t2\t1\n1e8\t2\t2.1\t1.1\n1e9\t1\t3\t1\n1e9\t2\t3.2\t1.1\n".into(),
        method: "ours".into(),
        baseline: "theirs".into(),
        higher_is_better: Some(false),
        direction_for: String::new(),
    };
    got.insert("pasted/wide_answered".into(), pasted_outcome(&answered));
    got.insert("files".into(), file_messages());
    got
}

/// Every path where `got` differs from `want`, with both values.
fn differences(path: &str, want: &Value, got: &Value, out: &mut Vec<String>) {
    match (want, got) {
        (Value::Object(a), Value::Object(b)) => {
            for key in a.keys().chain(b.keys().filter(|k| !a.contains_key(*k))) {
                match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) => differences(&format!("{path}.{key}"), x, y, out),
                    (x, y) => out.push(format!(
                        "{path}.{key}: {} → {}",
                        if x.is_some() { "present" } else { "absent" },
                        if y.is_some() { "present" } else { "absent" }
                    )),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                differences(&format!("{path}[{i}]"), x, y, out);
            }
        }
        _ if want == got => {}
        _ => out.push(format!("{path}: {want} → {got}")),
    }
}

#[test]
fn analysis_matches_the_snapshot() {
    let got = outcomes();
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        let text = serde_json::to_string_pretty(&got).expect("JSON") + "\n";
        std::fs::write(FIXTURE, text).expect("write fixture");
        return;
    }
    let text = std::fs::read_to_string(FIXTURE).expect("fixture");
    let want: Value = serde_json::from_str(&text).expect("fixture is JSON");
    let mut diffs = Vec::new();
    differences("", &want, &Value::Object(got), &mut diffs);
    assert!(
        diffs.is_empty(),
        "{} differences from {FIXTURE}:\n{}",
        diffs.len(),
        diffs.join("\n")
    );
}

/// "Download JSON" carries the results with the analysis as `analyze()`
/// gives it: its notes, multiplier notes and method text in words.
#[test]
fn a_saved_plan_carries_the_analysis_in_words() {
    use evidence_ladder::model::plan::Plan;
    use evidence_ladder::model::saved::SavedPlan;
    let pasted = PastedResults {
        text: "params,arm,seed,accuracy\n1e8,method,1,50\n1e8,baseline,1,48\n1e9,method,1,60\n1e9,baseline,1,55\n".into(),
        ..PastedResults::default()
    };
    let reading = pasted.read(&PlanScale::default());
    let analysis = match &reading.analysis {
        Some(Ok(a)) => a,
        other => panic!("no analysis: {other:?}"),
    };
    let export = ResultsExport::new(&pasted, &reading).expect("results");
    let plan = Plan::new(Default::default());
    let saved = SavedPlan::new(
        &plan,
        evidence_ladder::text::public::plan_json(&plan),
        Some(export_json(&export)),
    );
    let json = serde_json::to_value(&saved).expect("JSON");
    assert_eq!(
        json["results"]["analysis"],
        serde_json::to_value(analysis_json(analysis)).expect("JSON")
    );
    let words = &json["results"]["analysis"];
    assert!(words["warnings"]
        .as_array()
        .is_some_and(|w| !w.is_empty() && w.iter().all(Value::is_string)));
    assert!(words["rungs"][0]["multiplier_note"].is_string());
    assert!(words["statistics"].is_string());
    assert_eq!(json["results"]["results"].as_array().map(Vec::len), Some(4));
    assert_eq!(json["results"]["metric"], "accuracy");
}
