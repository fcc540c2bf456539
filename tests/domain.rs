//! The product's invariants, as property tests over the pure domain.
#![cfg(not(target_arch = "wasm32"))]

use evidence_ladder::model::evidence::level_for;
use evidence_ladder::model::hardware::{find_accelerator, ACCELERATORS};
use evidence_ladder::model::inputs::{ContributionKind, Field, FieldValue, Inputs};
use evidence_ladder::model::ladder::{Tier, FLOPS_PER_PARAM_TOKEN};
use evidence_ladder::model::plan::Plan;
use evidence_ladder::model::query::{parse_query, to_query, View};
use proptest::prelude::*;

fn set(inputs: &mut Inputs, field: Field, value: f64) {
    inputs
        .set(field, &FieldValue::Number(value))
        .expect("valid test input");
}

prop_compose! {
    /// Any valid inputs, with magnitudes spread over the realistic range and beyond.
    fn any_inputs()(
        kind in 0usize..6,
        generality in 1u8..=5,
        novelty in 1u8..=5,
        accelerator in 0usize..ACCELERATORS.len(),
        count in 1u32..=100_000,
        hours in 0.01f64..100_000.0,
        mfu in 0.01f64..=1.0,
        flops in prop::option::weighted(0.2, 1e12f64..1e29),
        price in prop::option::of(0.0f64..100.0),
        tokens_per_param in 1.0f64..200.0,
        power_analysis in prop::option::weighted(0.3, (0.01f64..10.0, 0.01f64..10.0)),
        alpha in 0.001f64..=0.5,
        power in 0.5f64..=0.99,
    ) -> Inputs {
        Inputs {
            kind: ContributionKind::ALL[kind],
            generality,
            novelty,
            accelerator: &ACCELERATORS[accelerator],
            count,
            hours,
            mfu,
            flops,
            price,
            tokens_per_param,
            effect: power_analysis.map(|p| p.0),
            noise: power_analysis.map(|p| p.1),
            alpha,
            power,
        }
    }
}

fn top_params(plan: &Plan) -> f64 {
    plan.ladder.rungs.last().expect("a ladder has rungs").params
}

#[test]
fn level_is_monotone_with_fixed_corners() {
    assert_eq!(level_for(1, 1), 1);
    assert_eq!(level_for(5, 5), 5);
    for g in 1..=5 {
        assert!(level_for(g, 5) >= 4, "novelty 5 is never below level 4");
        for n in 1..=5 {
            if g < 5 {
                assert!(level_for(g + 1, n) >= level_for(g, n));
            }
            if n < 5 {
                assert!(level_for(g, n + 1) >= level_for(g, n));
            }
        }
    }
}

#[test]
fn reference_point_matches_the_essay() {
    let plan = Plan::new(Inputs::default());
    assert!((plan.ladder.budget_flops / 2.5879e21 - 1.0).abs() < 1e-3);
    let params: Vec<f64> = plan.ladder.rungs.iter().map(|r| r.params).collect();
    assert!(
        (1.0e8..=1.5e8).contains(&params[0]),
        "bottom near 120M: {params:?}"
    );
    assert!(
        (1.1e9..=1.5e9).contains(&top_params(&plan)),
        "top near 1.3B"
    );
    assert!(plan.ladder.fits);

    // A budget 1,000× larger moves the top rung up about √1000 ≈ 32×.
    let mut bigger = Inputs::default();
    set(&mut bigger, Field::Hours, 720_000.0);
    let ratio = top_params(&Plan::new(bigger)) / top_params(&plan);
    assert!((28.0..=36.0).contains(&ratio), "ratio {ratio}");
}

#[test]
fn accelerator_peaks_are_the_dense_figures() {
    let expected = [
        ("a100", 312.0),
        ("h100", 989.0),
        ("h200", 989.0),
        ("b200", 2250.0),
        ("l40s", 362.05),
        ("l4", 121.0),
        ("a10", 125.0),
        ("v100", 125.0),
        ("rtx4090", 165.2),
        ("rtx3090", 71.0),
        ("tpu-v4", 275.0),
        ("tpu-v5e", 197.0),
        ("mi300x", 1307.4),
    ];
    assert_eq!(expected.len(), ACCELERATORS.len());
    for (id, peak) in expected {
        let a = find_accelerator(id).expect(id);
        assert_eq!(a.peak_tflops, peak, "{id}");
        assert!(!a.source.is_empty());
    }
}

#[test]
fn power_analysis_sets_the_seeds() {
    let mut inputs = Inputs::default();
    set(&mut inputs, Field::Effect, 0.5);
    set(&mut inputs, Field::Noise, 1.0);
    let plan = Plan::new(inputs);
    assert_eq!(plan.power.as_ref().map(|p| p.seeds_per_arm), Some(64));
    assert_eq!(plan.evidence.seeds, 64);
    let large = plan.ladder.rungs.last().expect("rungs");
    assert_eq!(large.runs, 2 * 64);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn every_rung_is_compute_optimal(inputs in any_inputs()) {
        let plan = Plan::new(inputs.clone());
        for rung in &plan.ladder.rungs {
            prop_assert!((rung.tokens - inputs.tokens_per_param * rung.params).abs() <= 1e-9 * rung.tokens);
            let c = FLOPS_PER_PARAM_TOKEN * rung.params * rung.tokens;
            prop_assert!((rung.flops_per_run - c).abs() <= 1e-9 * c);
        }
        // C ∝ N²: the ratio of per-run compute is the square of the size ratio.
        let (bottom, top) = (&plan.ladder.rungs[0], top_params(&plan));
        if bottom.params > 0.0 {
            let lhs = plan.ladder.rungs.last().expect("rungs").flops_per_run / bottom.flops_per_run;
            let rhs = (top / bottom.params).powi(2);
            prop_assert!((lhs / rhs - 1.0).abs() < 1e-9);
        }
    }

    #[test]
    fn a_plan_that_fits_stays_within_budget(inputs in any_inputs()) {
        let plan = Plan::new(inputs);
        prop_assert!(plan.ladder.planned_flops <= plan.ladder.budget_flops);
        if !plan.ladder.fits {
            prop_assert!(plan.ladder.shortfall.expect("shortfall") > 1.0);
        }
        for cell in &plan.claim_map {
            if cell.level <= plan.evidence.level && plan.ladder.fits {
                prop_assert!(cell.fits, "an easier claim fits whenever a harder one does");
            }
        }
    }

    #[test]
    fn more_budget_never_shrinks_the_top(inputs in any_inputs(), factor in 1.0f64..1e4) {
        let small = Plan::new(inputs.clone());
        let mut more = inputs;
        match more.flops {
            Some(flops) => more.flops = Some(flops * factor),
            None => more.hours *= factor,
        }
        prop_assert!(top_params(&Plan::new(more)) >= top_params(&small));
    }

    #[test]
    fn a_harder_claim_never_grows_the_top(inputs in any_inputs(), dg in 0u8..=4, dn in 0u8..=4, more_seeds in 0.2f64..1.0) {
        let easy = Plan::new(inputs.clone());
        let mut hard = inputs.clone();
        hard.generality = (inputs.generality + dg).min(5);
        hard.novelty = (inputs.novelty + dn).min(5);
        prop_assert!(top_params(&Plan::new(hard.clone())) <= top_params(&easy));
        // More seeds from a smaller detectable effect is a harder requirement too.
        if let (Some(effect), Some(_)) = (inputs.effect, inputs.noise) {
            hard.effect = Some(effect * more_seeds);
            prop_assert!(top_params(&Plan::new(hard)) <= top_params(&easy));
        }
    }

    #[test]
    fn runs_stay_near_fifty_thirty_twenty(inputs in any_inputs()) {
        let plan = Plan::new(inputs);
        let total = f64::from(plan.ladder.runs);
        let share = |tier: Tier| {
            plan.ladder.rungs.iter().filter(|r| r.tier == tier).map(|r| f64::from(r.runs)).sum::<f64>() / total
        };
        prop_assert!((share(Tier::Small) - 0.5).abs() < 0.02);
        prop_assert!((share(Tier::Medium) - 0.3).abs() < 0.02);
        prop_assert!((share(Tier::Large) - 0.2).abs() < 0.02);
        // The large tier is the headline: method and strongest baseline, every seed.
        let large = plan.ladder.rungs.last().expect("rungs");
        prop_assert_eq!(large.runs, 2 * plan.evidence.seeds);
        prop_assert!(plan.evidence.seeds >= level_seeds(plan.evidence.level));
    }

    #[test]
    fn every_number_in_a_plan_is_finite(inputs in any_inputs()) {
        let plan = Plan::new(inputs);
        let l = &plan.ladder;
        for x in [l.budget_flops, l.planned_flops, l.required_flops, l.accelerator_hours, l.wall_clock_hours] {
            prop_assert!(x.is_finite() && x >= 0.0);
        }
        for r in &l.rungs {
            for x in [r.params, r.tokens, r.flops_per_run, r.hours_per_run, r.wall_clock_hours_per_run, r.share_of_budget] {
                prop_assert!(x.is_finite() && x >= 0.0);
            }
        }
    }

    #[test]
    fn query_round_trips(inputs in any_inputs()) {
        let query = to_query(&inputs, &View::default());
        let parsed = parse_query(&query);
        prop_assert!(parsed.rejected.is_empty(), "{:?}", parsed.rejected);
        prop_assert_eq!(parsed.inputs, inputs);
    }

    #[test]
    fn setting_text_never_panics_and_rejection_changes_nothing(field in 0usize..14, text in ".{0,40}") {
        let mut inputs = Inputs::default();
        if inputs.set(Field::ALL[field], &FieldValue::Text(text)).is_err() {
            prop_assert_eq!(inputs, Inputs::default());
        }
    }

    /// When a claim does not fit, the narrower claims offered fit, are no
    /// broader or more novel, none is dominated by another, and the highest
    /// level comes first (then the broadest).
    #[test]
    fn narrower_claims_are_the_best_that_fit(inputs in any_inputs()) {
        let plan = Plan::new(inputs);
        let (g, n) = (plan.inputs.generality, plan.inputs.novelty);
        let claims = &plan.narrower_claims;
        for c in claims {
            prop_assert!(c.fits && c.generality <= g && c.novelty <= n);
            prop_assert!(!claims.iter().any(|o| o != c && o.generality >= c.generality && o.novelty >= c.novelty));
        }
        for pair in claims.windows(2) {
            prop_assert!((pair[0].level, pair[0].generality) > (pair[1].level, pair[1].generality));
        }
        if !plan.ladder.fits {
            let any_fit = plan.claim_map.iter().any(|c| c.fits && c.generality <= g && c.novelty <= n);
            prop_assert_eq!(claims.is_empty(), !any_fit);
        }
    }

    #[test]
    fn numbers_are_accepted_exactly_when_their_text_is(field in 4usize..14, n in prop::num::f64::ANY) {
        let field = Field::ALL[field];
        let by_number = Inputs::default().set(field, &FieldValue::Number(n)).is_ok();
        let by_text = Inputs::default().set(field, &FieldValue::Text(format!("{n:e}"))).is_ok();
        prop_assert_eq!(by_number, by_text);
    }
}

fn level_seeds(level: u8) -> u32 {
    evidence_ladder::model::evidence::rule_for(level).seeds
}
