//! Fuzzing the URL query parser: whatever a link carries, parsing returns.
#![cfg(not(target_arch = "wasm32"))]

use evidence_ladder::model::inputs::{Field, Inputs};
use evidence_ladder::model::plan::Plan;
use evidence_ladder::model::query::{parse_query, to_query, Notice, MAX_QUERY_LEN};
use proptest::prelude::*;

/// Pieces a hostile or broken link is made of.
fn fragment() -> impl Strategy<Value = String> {
    let keys: Vec<String> = Field::ALL
        .iter()
        .map(|f| f.key().to_owned())
        .chain(["embed", "theme", "x"].map(String::from))
        .collect();
    prop_oneof![
        ".*",
        "[%+&=0-9a-fA-F]{0,12}",
        (prop::sample::select(keys), ".{0,24}").prop_map(|(k, v)| format!("{k}={v}")),
        prop::sample::select(vec![
            "<script>alert(1)</script>".to_owned(),
            "javascript:alert(1)".to_owned(),
            "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E".to_owned(),
            "NaN".to_owned(),
            "-0".to_owned(),
            "1e999".to_owned(),
            "%F0%9F%92%A9".to_owned(),
            "%E2%82".to_owned(),
            "%00".to_owned(),
        ]),
    ]
}

proptest! {
    // The issue asks for at least 100,000 cases; parsing is microseconds each.
    #![proptest_config(ProptestConfig::with_cases(100_000))]

    #[test]
    fn parsing_any_query_never_panics(parts in prop::collection::vec(fragment(), 0..8)) {
        let query = parts.join("&");
        let parsed = parse_query(&query);
        let defaults = Inputs::default();
        for e in &parsed.rejected {
            // 40 characters at most, each shown as up to "<U+XXXXX>" when invisible, plus quotes and "…".
            prop_assert!(
                evidence_ladder::text::fields::given(&e.value).chars().count() <= 3 + 40 * 9,
                "messages echo a bounded value"
            );
            // A refused field keeps its default: nothing half-applied.
            prop_assert_eq!(parsed.inputs.text(e.field), defaults.text(e.field));
        }
        // What was accepted is written back as a link that reads the same.
        let again = parse_query(&to_query(&parsed.inputs, &parsed.view));
        prop_assert!(again.rejected.is_empty(), "{:?}", again.rejected);
        prop_assert_eq!(again.inputs, parsed.inputs);
    }
}

proptest! {
    // A plan is far slower than a parse: fewer cases.
    #![proptest_config(ProptestConfig::with_cases(1_000))]

    /// Whatever a link's accepted fields say, the plan for them is whole:
    /// every number finite.
    #[test]
    fn any_accepted_link_gives_a_finite_plan(parts in prop::collection::vec(fragment(), 0..8)) {
        let plan = Plan::new(parse_query(&parts.join("&")).inputs);
        let l = &plan.ladder;
        for x in [l.budget_flops, l.planned_flops, l.wall_clock_hours, plan.min_flops] {
            prop_assert!(x.is_finite() && x >= 0.0, "{}", x);
        }
        prop_assert!(!l.rungs.is_empty());
    }
}

#[test]
fn a_huge_query_is_cut_and_still_read() {
    let query = format!("novelty=4&flops={}", "9".repeat(100_000));
    let parsed = parse_query(&query);
    assert_eq!(parsed.inputs.novelty, 4);
    assert!(parsed.notices.contains(&Notice::Cut));
    assert!(evidence_ladder::text::fields::query_messages(&parsed)
        .iter()
        .any(|n| n.contains(&MAX_QUERY_LEN.to_string())));
}
