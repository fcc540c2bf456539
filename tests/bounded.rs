//! Issue 34: no input within the fields' ranges makes `plan()` slow. The
//! statistics fields are the ones that once drove a search of up to a million
//! exact power integrals (`?effect=0.001&noise=1&alpha=0.5&power=0.5`: 28 s).

use evidence_ladder::model::inputs::ContributionKind;
use evidence_ladder::model::plan::Plan;
use evidence_ladder::model::query::parse_query;
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
