//! Issue 34: no input within the fields' ranges makes `plan()` slow. The
//! statistics fields are the ones that once drove a search of up to a million
//! exact power integrals (`?effect=0.001&noise=1&alpha=0.5&power=0.5`: 28 s).

#![cfg(not(target_arch = "wasm32"))]
// Tests: a None where a refusal belongs should fail loudly.
#![allow(clippy::unwrap_used)]

use evidence_ladder::model::inputs::ContributionKind;
use evidence_ladder::model::plan::Plan;
use evidence_ladder::model::query::parse_query;
use evidence_ladder::model::results::parse::{LineProblem, Refusal};
use evidence_ladder::model::results::Note;
use evidence_ladder::model::results::{
    analyze, parse_results_text, AnalysisInput, ParsedResults, ResultRow,
};
use evidence_ladder::text::results::{errors, note};
use proptest::prelude::*;
use std::time::{Duration, Instant};

/// A plan in a debug build takes about 10× a release build's; the release
/// build's worst case is printed by `cargo bench --bench plan` (a few ms).
/// 200 ms is the issue's budget for a main-thread task.
const BUDGET: Duration = Duration::from_millis(200);

fn time_plan(query: &str) -> Duration {
    let parsed = parse_query(query);
    assert!(parsed.rejected.is_empty(), "{query}: {:?}", parsed.rejected);
    let inputs = parsed.inputs;
    let started = Instant::now();
    let plan = Plan::new(inputs);
    let took = started.elapsed();
    std::hint::black_box(plan);
    took
}

#[test]
fn the_issues_links_plan_within_budget() {
    for query in [
        "effect=0.001&noise=1&alpha=0.5&power=0.5",
        "effect=0.001&noise=1&alpha=0.5&power=0.999",
        "effect=0.000000001&noise=1000000000&alpha=0.000001&power=0.999",
        "kind=negative_result&effect=0.001&noise=1&alpha=0.5&power=0.5",
        "generality=5&novelty=5&effect=0.002&noise=1&alpha=0.4&power=0.6",
        // The verdict's spread of the loss at its edges: hopeless power
        // searches every seed count; a spread of none reaches it at once.
        "generality=5&novelty=5&loss_noise=10",
        "kind=dataset&accelerator=h100&count=1024&loss_noise=10",
        "loss_noise=0.000000001",
    ] {
        let took = time_plan(query);
        assert!(took < BUDGET, "{query}: {took:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Every in-range effect, noise, α and power, on every claim level and
    /// contribution kind (a negative result uses TOST; levels 4–5 divide α).
    #[test]
    fn every_statistics_input_plans_within_budget(
        effect in -9.0_f64..9.0,
        noise in -9.0_f64..9.0,
        alpha in 1e-6_f64..=0.5,
        power in 0.5_f64..=0.999,
        generality in 1_u8..=5,
        kind in prop::sample::select(ContributionKind::ALL.map(ContributionKind::id).to_vec()),
    ) {
        let query = format!(
            "kind={kind}&generality={generality}&effect={:e}&noise={:e}&alpha={alpha}&power={power}",
            10_f64.powf(effect),
            10_f64.powf(noise),
        );
        let took = time_plan(&query);
        prop_assert!(took < BUDGET, "{}: {:?}", query, took);
    }
}

/// Lines appended to `header` until the text is just under README's 2 MB.
fn near_limit(header: &str, line: impl Fn(usize) -> String) -> String {
    let mut text = header.to_owned();
    let mut i = 0;
    while text.len() < 1_990_000 {
        text.push_str(&line(i));
        i += 1;
    }
    text
}

/// Debug builds read about 10× slower than the release build, whose numbers
/// `cargo bench --bench adversarial` prints; before issue 34 these took 10 to
/// 75 s in the browser, so a 2 s bound here still fails the old reading.
const DEBUG_PARSE_BUDGET: Duration = Duration::from_secs(2);

fn read_timed(text: &str) -> (ParsedResults, Duration) {
    let started = Instant::now();
    let parsed = parse_results_text(text);
    (parsed, started.elapsed())
}

#[test]
fn hostile_results_are_read_or_refused_within_budget() {
    let cases = [
        // Blank rows each with another task: refused at the 101st task.
        near_limit("task,params,arm,seed,value\n", |i| {
            format!("t{i},1e8,m,1,\n")
        }),
        // A 1.9 MB header row: refused before any column is compared.
        near_limit("params,seed", |i| format!(",c{i}")),
        // The wide form without seeds, a size per line: refused at the 51st size.
        near_limit("params,method,baseline\n", |i| format!("{},,\n", i + 1)),
        // Arm names that differ only by invisible characters: one arm, a short note.
        near_limit("params,arm,seed,value\n", |i| {
            let bits: String = (0..16)
                .map(|b| {
                    if i >> b & 1 == 1 {
                        '\u{200b}'
                    } else {
                        '\u{200c}'
                    }
                })
                .collect();
            format!("1e8,m{bits},{i},1\n")
        }),
    ];
    for text in &cases {
        let (parsed, took) = read_timed(text);
        assert!(took < DEBUG_PARSE_BUDGET, "{took:?}: {:?}", &text[..60]);
        let said = parsed
            .refused
            .map(errors::refusal)
            .into_iter()
            .chain(parsed.notes.iter().map(note));
        assert!(
            said.map(|s| s.len()).sum::<usize>() < 2_000,
            "{:?}",
            parsed.notes
        );
    }
    let (first, second, third, fourth) = (
        read_timed(&cases[0]).0,
        read_timed(&cases[1]).0,
        read_timed(&cases[2]).0,
        read_timed(&cases[3]).0,
    );
    assert!(matches!(
        first.refused,
        Some(Refusal::TooManyTasks { line: 102 })
    ));
    assert!(matches!(
        second.refused,
        Some(Refusal::HeaderTooLong { bytes }) if bytes > 8_192
    ));
    assert!(matches!(
        third.refused,
        Some(Refusal::TooManySizes { line: 52 })
    ));
    assert_eq!(fourth.arms, ["m"]);
    assert!(
        matches!(&fourth.notes[0], Note::RenamedArms { names, more } if names.len() == 5 && *more > 0),
        "{:?}",
        fourth.notes
    );
    assert!(note(&fourth.notes[0]).ends_with("more."));
}

#[test]
fn limits_apply_while_reading_not_after() {
    // 300 columns (a short header) are refused; so are 21 arm columns.
    let wide: String = (0..300).map(|i| format!(",c{i}")).collect();
    assert_eq!(
        parse_results_text(&format!("params{wide}\n1,2\n")).refused,
        Some(Refusal::TooManyColumns { columns: 301 })
    );
    let arms: String = (0..21).map(|i| format!(",a{i}")).collect();
    assert_eq!(
        parse_results_text(&format!("params,seed{arms}\n1,1\n")).refused,
        Some(Refusal::TooManyArmColumns { columns: 21 })
    );
    // A line longer than a results line needs is named, not read.
    let long = format!(
        "params,arm,seed,value\n1e8,{},1,1\n1e8,b,1,2\n",
        "m".repeat(9000)
    );
    let parsed = parse_results_text(&long);
    assert_eq!(parsed.bad_lines[0].line, 2);
    assert_eq!(
        parsed.bad_lines[0].why,
        LineProblem::TooLong { bytes: 9_008 },
        "{:?}",
        parsed.bad_lines
    );
    assert_eq!(parsed.rows.len(), 1);
}

#[test]
fn deep_rl_steps_read_as_the_scale() {
    for scale in ["steps", "env_steps", "frames", "Steps"] {
        let text =
            format!("task,{scale},arm,seed,return\nhopper,1e6,ppo,1,3000\nhopper,1e7,ppo,1,3500\n");
        let parsed = parse_results_text(&text);
        assert!(
            parsed.bad_lines.is_empty(),
            "{scale}: {:?}",
            parsed.bad_lines
        );
        assert_eq!(parsed.rows.len(), 2, "{scale}");
        assert_eq!(parsed.rows[1].params, 1e7);
        assert_eq!(parsed.metric.as_deref(), Some("return"));
        assert_eq!(parsed.rows[0].task.as_deref(), Some("hopper"));
    }
}

#[test]
fn analyze_keeps_the_task_limit() {
    let rows: Vec<ResultRow> = (0..4000)
        .flat_map(|t| {
            [(1e8, "m"), (1e8, "b"), (1e9, "m"), (1e9, "b")].map(|(params, arm)| ResultRow {
                params,
                arm: arm.into(),
                seed: "1".into(),
                value: 1.0,
                task: Some(format!("t{t}")),
            })
        })
        .collect();
    let input = AnalysisInput {
        results: rows,
        method: "m".into(),
        baseline: "b".into(),
        higher_is_better: true,
        metric: None,
        next_params: None,
        top_params: None,
        compute_exponent: None,
    };
    let started = Instant::now();
    let error = analyze(&input)
        .expect_err("4,000 tasks are refused")
        .to_string();
    assert!(
        started.elapsed() < DEBUG_PARSE_BUDGET,
        "{:?}",
        started.elapsed()
    );
    assert!(error.contains("4,000 tasks, more than the 100"), "{error}");
}
