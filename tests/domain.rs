//! The product's invariants, as property tests over the pure domain.
#![cfg(not(target_arch = "wasm32"))]

use evidence_ladder::model::axis::Axis;
use evidence_ladder::model::design::{design, Demands};
use evidence_ladder::model::evidence::{level_for, principle, rule_for};
use evidence_ladder::model::hardware::{find_accelerator, ACCELERATORS};
use evidence_ladder::model::inputs::{ContributionKind, Field, FieldValue, Inputs};
use evidence_ladder::model::ladder::{SizedBy, Tier};
use evidence_ladder::model::plan::Plan;
use evidence_ladder::model::query::{parse_query, to_query, View};
use evidence_ladder::model::stats::{detectable_effect, t_test_power};
use proptest::prelude::*;

fn set(inputs: &mut Inputs, field: Field, value: f64) {
    inputs
        .set(field, &FieldValue::Number(value))
        .expect("valid test input");
}

prop_compose! {
    /// Any valid inputs, with magnitudes spread over the realistic range and beyond,
    /// on every kind and axis.
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
        power_analysis in prop::option::weighted(0.3, (0.05f64..10.0, 0.01f64..10.0)),
        alpha in 0.001f64..=0.5,
        power in 0.5f64..=0.99,
        reserve in 0.0f64..0.9,
        axis in 0usize..4,
        data_tokens in 1e6f64..1e12,
        model_params in 1e5f64..1e10,
        base_hours in 0.01f64..100.0,
        exponent in 0.5f64..3.0,
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
            reserve,
            axis: Axis::ALL[axis],
            data_tokens,
            model_params,
            base_hours,
            exponent,
            ..Inputs::default()
        }
    }
}

fn top_scale(plan: &Plan) -> f64 {
    plan.ladder.rungs.last().expect("a ladder has rungs").scale
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
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

/// The essay's 120M → 350M → 750M → 1.3B is what a budget near 4e21 FLOPs
/// buys for a mid-level claim (README says so); the default 8 A100s for 30
/// days at MFU 0.3 buy a ladder about two-thirds as large.
#[test]
fn reference_point_matches_the_essay() {
    let plan = Plan::new(Inputs {
        flops: Some(4.2e21),
        ..Inputs::default()
    });
    let scales: Vec<f64> = plan.ladder.rungs.iter().map(|r| r.scale).collect();
    assert!(
        (1.0e8..=1.4e8).contains(&scales[0]),
        "bottom near 120M: {scales:?}"
    );
    assert!(
        (1.2e9..=1.4e9).contains(&top_scale(&plan)),
        "top near 1.3B: {scales:?}"
    );
    assert!(plan.ladder.fits);

    // A budget 1,000× larger moves the top rung up about √1000 ≈ 32×.
    let mut bigger = plan.inputs.clone();
    bigger.flops = Some(4.2e24);
    let ratio = top_scale(&Plan::new(bigger)) / top_scale(&plan);
    assert!((28.0..=36.0).contains(&ratio), "ratio {ratio}");
}

/// The issue's own numbers: the default claim's checklist (3 settings, 3
/// baselines, 3 ablations, 5 seeds) is paid for at the smallest rung.
#[test]
fn the_default_checklist_is_paid_for() {
    let plan = Plan::new(Inputs::default());
    let small: u32 = plan
        .experiments
        .iter()
        .filter(|e| e.tier == Tier::Small)
        .map(|e| e.runs)
        .sum();
    // (method + 3 baselines + 3 ablations) × 3 settings × 5 seeds, plus 8 tuning configurations × 4 arms.
    assert_eq!(small, 7 * 3 * 5 + 8 * 4);
    assert!(plan.ladder.fits);
    assert!(plan.ladder.planned_flops <= 0.8 * plan.ladder.budget_flops);
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
fn power_analysis_sets_the_headline_seeds() {
    let mut inputs = Inputs::default();
    set(&mut inputs, Field::Effect, 0.5);
    set(&mut inputs, Field::Noise, 1.0);
    let plan = Plan::new(inputs);
    assert_eq!(plan.power.as_ref().map(|p| p.seeds_per_arm), Some(64));
    assert_eq!(plan.evidence.seeds, 64);
    let headline = plan
        .experiments
        .iter()
        .find(|e| e.what == "headline")
        .expect("headline");
    assert_eq!((headline.seeds, headline.runs), (64, 2 * 64));
    // Other groups keep the level's seeds.
    assert!(plan
        .experiments
        .iter()
        .filter(|e| e.what == "main")
        .all(|e| e.seeds == 5));
    assert!(plan.warnings.iter().any(|w| w.contains("cost scale")));
}

#[test]
fn corrected_levels_use_holm_over_the_headline_comparisons() {
    let (inputs, _) = Inputs::from_pairs([
        ("generality", FieldValue::Number(4.0)),
        ("novelty", FieldValue::Number(3.0)),
    ])
    .expect("valid");
    let plan = Plan::new(inputs);
    assert_eq!(plan.evidence.level, 4);
    assert_eq!(plan.evidence.headline_comparisons, 2);
    assert_eq!(plan.evidence.correction, Some("Holm"));
    assert!(close(plan.evidence.corrected_alpha, 0.025));
    assert!(plan.evidence.statistics.contains("Holm"));
}

#[test]
fn detectable_effect_matches_g_power_at_the_default_level() {
    let plan = Plan::new(Inputs::default());
    // G*Power 3.1 sensitivity: 5 per group, α 0.05 two-sided, power 0.8 → d = 2.02.
    assert!((plan.evidence.detectable_effect - 2.02).abs() < 0.03);
    for (n, d) in [(10, 1.32), (20, 0.91)] {
        assert!((detectable_effect(n, 0.05, 0.8) - d).abs() < 0.02);
    }
}

/// For one claim and budget, each pair of kinds differs in its experiments
/// and its checklist.
#[test]
fn every_kind_gets_its_own_plan() {
    let plans: Vec<Plan> = ContributionKind::ALL
        .iter()
        .map(|&kind| {
            Plan::new(Inputs {
                kind,
                ..Inputs::default()
            })
        })
        .collect();
    for (i, a) in plans.iter().enumerate() {
        for b in &plans[i + 1..] {
            let groups = |p: &Plan| {
                p.experiments
                    .iter()
                    .map(|e| (e.what, e.arms, e.runs))
                    .collect::<Vec<_>>()
            };
            assert_ne!(
                groups(a),
                groups(b),
                "{:?} vs {:?}",
                a.inputs.kind,
                b.inputs.kind
            );
            assert_ne!(a.evidence.requirements, b.evidence.requirements);
            assert_ne!(a.evidence.kind_demands, b.evidence.kind_demands);
        }
    }
}

#[test]
fn each_kind_is_proven_its_own_way() {
    let plan = |kind| {
        Plan::new(Inputs {
            kind,
            ..Inputs::default()
        })
    };
    // A benchmark evaluates existing models: forward passes only, no training.
    let benchmark = plan(ContributionKind::Benchmark);
    let scaling = &benchmark.scaling;
    for e in &benchmark.experiments {
        assert!(
            close(e.flops_per_run, scaling.eval_flops(e.scale)),
            "{}",
            e.what
        );
        assert!(e.flops_per_run < scaling.train_flops(e.scale) / 1000.0);
    }
    // A dataset's arms are datasets, at every rung.
    let dataset = plan(ContributionKind::Dataset);
    assert!(dataset
        .experiments
        .iter()
        .any(|e| e.label.contains("existing dataset")));
    assert_eq!(
        dataset
            .experiments
            .iter()
            .map(|e| e.rung)
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        dataset.ladder.rungs.len()
    );
    // A negative result tunes the idea at least as much as each baseline and tests equivalence.
    let (inputs, _) = Inputs::from_pairs([
        ("kind", FieldValue::Text("negative_result".into())),
        ("effect", FieldValue::Number(0.5)),
        ("noise", FieldValue::Number(1.0)),
    ])
    .expect("valid");
    let negative = Plan::new(inputs);
    let idea = negative
        .experiments
        .iter()
        .find(|e| e.what == "tuning")
        .expect("tuning");
    let baselines = negative
        .experiments
        .iter()
        .find(|e| e.what == "baseline-tuning")
        .expect("baseline tuning");
    assert!(idea.configs >= baselines.configs);
    assert!(negative.evidence.statistics.contains("TOST"));
    assert!(negative
        .power
        .as_ref()
        .expect("power")
        .method
        .contains("TOST"));
    // A model is one final run at the top plus evaluations.
    let model = plan(ContributionKind::Model);
    let finals: Vec<_> = model
        .experiments
        .iter()
        .filter(|e| e.what == "final")
        .collect();
    assert_eq!(finals.len(), 1);
    assert_eq!((finals[0].runs, finals[0].tier), (1, Tier::Large));
}

#[test]
fn an_exploratory_claim_on_a_huge_budget_says_which_ladder_is_shown() {
    let (inputs, _) = Inputs::from_pairs([
        ("generality", FieldValue::Number(1.0)),
        ("novelty", FieldValue::Number(1.0)),
        ("flops", FieldValue::Number(1e27)),
    ])
    .expect("valid");
    let plan = Plan::new(inputs.clone());
    assert_eq!(plan.ladder.sized_by, SizedBy::Budget);
    assert!(plan.min_flops < plan.ladder.planned_flops / 1e6);
    let top = Plan::new(Inputs {
        top: Some(1e9),
        ..inputs
    });
    assert_eq!(top.ladder.sized_by, SizedBy::Top);
    assert_eq!(top_scale(&top), 1e9);
    assert!(top.ladder.fits);
}

#[test]
fn a_flops_budget_the_hardware_cannot_deliver_in_time_is_flagged() {
    let slow = |hours: f64| {
        let (inputs, _) = Inputs::from_pairs([
            ("flops", FieldValue::Number(2.6e21)),
            ("count", FieldValue::Number(1.0)),
            ("hours", FieldValue::Number(hours)),
        ])
        .expect("valid");
        let plan = Plan::new(inputs);
        assert!(plan.ladder.fits, "the FLOPs budget decides the fit");
        plan.warnings.iter().any(|w| w.contains("decides the fit"))
    };
    // One A100 needs months for 2.6e21 FLOPs, not 30 days; ten years is enough.
    assert!(slow(720.0));
    assert!(!slow(87_600.0));
}

#[test]
fn fine_tuning_and_custom_axes_scale_as_stated() {
    let mut inputs = Inputs {
        axis: Axis::Finetune,
        ..Inputs::default()
    };
    let s = Plan::new(inputs.clone()).scaling;
    assert!(close(s.train_flops(2e8), 2.0 * s.train_flops(1e8)));
    inputs.axis = Axis::Data;
    let s = Plan::new(inputs.clone()).scaling;
    assert!(close(s.train_flops(2e10), 2.0 * s.train_flops(1e10)));
    inputs.axis = Axis::Custom;
    inputs.base_hours = 3.0;
    inputs.exponent = 1.5;
    let plan = Plan::new(inputs);
    let s = &plan.scaling;
    assert!(close(
        plan.budget.accelerator_hours_for(s.train_flops(1.0)),
        3.0
    ));
    assert!(close(s.train_flops(4.0), 8.0 * s.train_flops(1.0)));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Totals are the sums of the experiments, and the rungs partition them.
    #[test]
    fn totals_are_sums_of_experiments(inputs in any_inputs()) {
        let plan = Plan::new(inputs);
        let l = &plan.ladder;
        let flops: f64 = plan.experiments.iter().map(|e| e.flops).sum();
        let runs: u32 = plan.experiments.iter().map(|e| e.runs).sum();
        prop_assert!(close(l.planned_flops, flops));
        prop_assert_eq!(l.runs, runs);
        prop_assert!(close(l.rungs.iter().map(|r| r.flops).sum::<f64>(), flops));
        prop_assert_eq!(l.rungs.iter().map(|r| r.runs).sum::<u32>(), runs);
        prop_assert!(close(l.accelerator_hours, plan.experiments.iter().map(|e| e.hours).sum()));
        for e in &plan.experiments {
            prop_assert_eq!(e.runs, e.arms * e.settings * e.seeds * e.configs);
            prop_assert!(close(e.flops, f64::from(e.runs) * e.flops_per_run));
        }
        let split_runs: u32 = l.split.iter().map(|t| t.runs).sum();
        prop_assert_eq!(split_runs, runs);
    }

    /// The experiments are exactly the design's groups placed on the ladder:
    /// nothing the checklist asks for is missing, nothing else is paid for.
    #[test]
    fn experiments_are_the_checklist(inputs in any_inputs()) {
        let plan = Plan::new(inputs.clone());
        let rule = rule_for(plan.evidence.level);
        let templates = design(inputs.kind, &Demands::of(rule, plan.evidence.seeds));
        prop_assert_eq!(plan.evidence.requirements.len() >= templates.len(), true);
        for (t, line) in templates.iter().zip(&plan.evidence.requirements) {
            prop_assert!(line.starts_with(&t.label), "{} / {}", line, t.label);
            let runs = format!("{} runs", t.runs());
            prop_assert!(line.contains(&runs), "{}", line);
            prop_assert!(plan.experiments.iter().any(|e| e.what == t.what && e.runs == t.runs()));
        }
        for e in &plan.experiments {
            prop_assert!(templates.iter().any(|t| t.what == e.what));
        }
    }

    #[test]
    fn fits_means_within_budget_less_reserve(inputs in any_inputs()) {
        let plan = Plan::new(inputs.clone());
        let l = &plan.ladder;
        if l.fits {
            prop_assert!(l.planned_flops <= (1.0 - inputs.reserve) * l.budget_flops * (1.0 + 1e-12));
            prop_assert!(plan.min_flops <= l.planned_flops * (1.0 + 1e-12));
        } else {
            prop_assert!(l.shortfall.expect("shortfall") > 1.0 || l.rungs[0].scale < plan.scaling.floor);
        }
        // The claim map agrees with the verdict for the claim itself.
        let cell = &plan.claim_map[usize::from((inputs.generality - 1) * 5 + (inputs.novelty - 1))];
        prop_assert_eq!(cell.fits, l.fits);
    }

    /// Each axis costs a run as it says: 6·N·D on pretrain with D = k·N; twice
    /// the model on finetune or twice the data on data doubles a run; custom
    /// runs cost the measured hours times scale^exponent.
    #[test]
    fn every_axis_prices_a_run_as_stated(inputs in any_inputs(), x in 1e3f64..1e12) {
        let plan = Plan::new(inputs.clone());
        let s = &plan.scaling;
        match inputs.axis {
            Axis::Pretrain => {
                for r in &plan.ladder.rungs {
                    let (n, d) = (r.params.expect("params"), r.tokens.expect("tokens"));
                    prop_assert!(close(d, inputs.tokens_per_param * n));
                    prop_assert!(close(s.train_flops(r.scale), 6.0 * n * d));
                }
            }
            Axis::Finetune | Axis::Data => prop_assert!(close(s.train_flops(2.0 * x), 2.0 * s.train_flops(x))),
            Axis::Custom => {
                prop_assert!(close(plan.budget.accelerator_hours_for(s.train_flops(1.0)), inputs.base_hours));
                prop_assert!(close(s.train_flops(x) / s.train_flops(1.0), x.powf(inputs.exponent)));
            }
        }
    }

    #[test]
    fn the_span_survives_rounding(inputs in any_inputs()) {
        let plan = Plan::new(inputs);
        let rule = rule_for(plan.evidence.level);
        prop_assert!(plan.ladder.span >= rule.span * (1.0 - 1e-9), "{} < {}", plan.ladder.span, rule.span);
        prop_assert!(plan.ladder.rungs.windows(2).all(|w| w[0].scale < w[1].scale));
        prop_assert_eq!(plan.ladder.rungs.len() as u32, rule.rungs);
    }

    #[test]
    fn more_budget_never_shrinks_the_top(inputs in any_inputs(), factor in 1.0f64..1e4) {
        let small = Plan::new(inputs.clone());
        let mut more = inputs;
        match more.flops {
            Some(flops) => more.flops = Some((flops * factor).min(1e30)),
            None => more.hours = (more.hours * factor).min(1e6),
        }
        prop_assert!(top_scale(&Plan::new(more)) >= top_scale(&small));
    }

    /// A harder claim needs at least as much compute, and whether it fits is
    /// decided by its own ladder: when its minimum fits the budget, it fits.
    #[test]
    fn harder_claims_need_more_and_are_judged_by_their_own_ladder(inputs in any_inputs(), dg in 0u8..=4, dn in 0u8..=4) {
        let easy = Plan::new(inputs.clone());
        let mut hard = inputs.clone();
        hard.generality = (inputs.generality + dg).min(5);
        hard.novelty = (inputs.novelty + dn).min(5);
        let hard = Plan::new(hard);
        prop_assert!(hard.min_flops >= easy.min_flops * (1.0 - 1e-12));
        prop_assert_eq!(hard.ladder.fits, hard.min_flops <= hard.ladder.available_flops);
    }

    #[test]
    fn detectable_effect_is_what_the_seeds_detect(inputs in any_inputs()) {
        let plan = Plan::new(inputs);
        let e = &plan.evidence;
        let power = t_test_power(f64::from(e.seeds), e.detectable_effect, e.corrected_alpha);
        prop_assert!((power - plan.inputs.power).abs() < 1e-6);
    }

    #[test]
    fn every_number_in_a_plan_is_finite(inputs in any_inputs()) {
        let plan = Plan::new(inputs);
        let l = &plan.ladder;
        for x in [l.budget_flops, l.planned_flops, plan.min_flops, l.accelerator_hours, l.wall_clock_hours] {
            prop_assert!(x.is_finite() && x >= 0.0);
        }
        for r in &l.rungs {
            for x in [r.scale, r.flops_per_run, r.hours_per_run, r.wall_clock_hours_per_run, r.share_of_budget] {
                prop_assert!(x.is_finite() && x >= 0.0);
            }
        }
    }

    #[test]
    fn every_essay_citation_names_a_principle(inputs in any_inputs()) {
        // The page links "(the essay: …)" to the principle it names; a
        // reworded citation would otherwise become a dead link.
        let text = serde_json::to_string(&Plan::new(inputs)).expect("a plan serialises");
        let mut cited = 0;
        for citation in text.split("(the essay: ").skip(1) {
            let phrase = citation.split(')').next().unwrap_or_default();
            prop_assert!(principle(phrase).is_some(), "unknown principle {phrase:?}");
            cited += 1;
        }
        // At least the reasons and the "does this scale?" question cite one.
        prop_assert!(cited >= 2, "{cited} citations");
    }

    #[test]
    fn query_round_trips(inputs in any_inputs()) {
        let query = to_query(&inputs, &View::default());
        let parsed = parse_query(&query);
        prop_assert!(parsed.rejected.is_empty(), "{:?}", parsed.rejected);
        prop_assert_eq!(parsed.inputs, inputs);
    }

    #[test]
    fn setting_text_never_panics_and_rejection_changes_nothing(field in 0usize..Field::ALL.len(), text in ".{0,40}") {
        let mut inputs = Inputs::default();
        if inputs.set(Field::ALL[field], &FieldValue::Text(text)).is_err() {
            prop_assert_eq!(inputs, Inputs::default());
        }
    }

    /// When a claim does not fit, the narrower claims offered fit, are no
    /// broader or more novel, none is dominated by another, and those that
    /// keep the novelty come first.
    #[test]
    fn narrower_claims_are_the_best_that_fit(inputs in any_inputs()) {
        let plan = Plan::new(inputs);
        let (g, n) = (plan.inputs.generality, plan.inputs.novelty);
        let claims = &plan.narrower_claims;
        for c in claims {
            prop_assert!(c.fits && c.generality <= g && c.novelty <= n);
            prop_assert_eq!(c.weaker, c.novelty < n);
            prop_assert!(!claims.iter().any(|o| o != c && o.generality >= c.generality && o.novelty >= c.novelty));
        }
        for pair in claims.windows(2) {
            prop_assert!(pair[0].weaker <= pair[1].weaker);
        }
        if !plan.ladder.fits {
            let any_fit = plan.claim_map.iter().any(|c| c.fits && c.generality <= g && c.novelty <= n);
            prop_assert_eq!(claims.is_empty(), !any_fit);
        }
    }

    #[test]
    fn numbers_are_accepted_exactly_when_their_text_is(field in 4usize..Field::ALL.len(), n in prop::num::f64::ANY) {
        let field = Field::ALL[field];
        prop_assume!(!matches!(field, Field::Axis | Field::Currency));
        let by_number = Inputs::default().set(field, &FieldValue::Number(n)).is_ok();
        let by_text = Inputs::default().set(field, &FieldValue::Text(format!("{n:e}"))).is_ok();
        prop_assert_eq!(by_number, by_text);
    }
}
