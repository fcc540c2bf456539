//! The stages, their gates and the verdict's power in words: for the page's
//! timeline, the Markdown checklist and the Results section's next step.

use super::format;
use super::results::sentences::times;
use crate::model::axis::Axis;
use crate::model::inputs::ContributionKind;
use crate::model::plan::Plan;
use crate::model::power::{VerdictPower, Worth};
use crate::model::results::{Analysis, Verdict};
use crate::model::stages::{GateMetric, Stage, StageId};

/// One scale in the axis's words: "71M" (parameters), "1M environment
/// steps", "10B tokens", "4×" (the smallest run's multiple).
fn scale_words(plan: &Plan, scale: f64) -> String {
    match plan.scaling.axis {
        Axis::Data => format!("{} {}", format::size(scale), plan.scaling.unit()),
        Axis::Custom => format!("{}\u{00D7}", format::number(scale)),
        Axis::Pretrain | Axis::Finetune => format::size(scale),
    }
}

/// Sizes in the axis's words: "71M" or "71M to 320M".
fn sizes(plan: &Plan, stage: &Stage) -> String {
    match stage.scales.as_slice() {
        [] => String::new(),
        [one] => scale_words(plan, *one),
        [first, .., last] => match plan.scaling.axis {
            // The unit once, after the range: "2.1M to 4.6M environment steps".
            Axis::Data => format!(
                "{} to {} {}",
                format::size(*first),
                format::size(*last),
                plan.scaling.unit()
            ),
            _ => format!(
                "{} to {}",
                scale_words(plan, *first),
                scale_words(plan, *last)
            ),
        },
    }
}

/// "Stage 2 · Compare at 71M".
pub fn title(plan: &Plan, number: usize, stage: &Stage) -> String {
    let what = match stage.id {
        StageId::Tune => "Tune",
        StageId::Small => "Compare small",
        StageId::Middle => "Climb the ladder",
        StageId::UpperMiddle => "Climb further",
        StageId::Headline => "Headline",
    };
    format!("Stage {number} \u{00B7} {what} at {}", sizes(plan, stage))
}

/// The title inside a sentence: "stage 2 · Compare small at 71M".
fn in_sentence(plan: &Plan, number: usize, stage: &Stage) -> String {
    let t = title(plan, number, stage);
    format!("s{}", &t[1..])
}

/// The multiplier (or gain) threshold in words: "1×" or "zero".
fn none_word(stage: &Stage) -> &'static str {
    if stage.gate.in_multiplier {
        "1\u{00D7} (no gain)"
    } else {
        "zero"
    }
}

/// The gate, stated before the stage runs.
pub fn gate(plan: &Plan, stage: &Stage) -> String {
    let top = plan
        .ladder
        .rungs
        .last()
        .map_or(String::new(), |r| scale_words(plan, r.scale));
    let advantage = if stage.gate.in_multiplier {
        "compute multiplier"
    } else {
        "gain"
    };
    let at = scale_words(plan, stage.scales.last().copied().unwrap_or(0.0));
    match stage.gate.metric {
        GateMetric::BestInsideSweep => "Go on when every arm's best configuration lies inside its sweep; at an edge, widen the sweep and run it again first.".to_owned(),
        GateMetric::MultiplierLow if stage.gate.rule == crate::model::stages::GateRule::Below => format!(
            "Go on while no gain shows: the {advantage}'s 95% interval at {at} still includes {}. A clear gain this early makes it an insight: change the claim.",
            none_word(stage)
        ),
        GateMetric::MultiplierLow => format!(
            "Go on when the method beats its strongest baseline at {at}: the {advantage}'s 95% interval lies above {}. Otherwise stop or rethink before spending more.",
            none_word(stage)
        ),
        GateMetric::PredictedLowAtTop => format!(
            "Go on when the trend through the sizes run so far predicts a {advantage} at {top} whose 95% prediction interval lies above {}. Otherwise stop: the headline runs would likely not show a gain.",
            none_word(stage)
        ),
        GateMetric::HoldsOrGrows => format!("Claim that the gain scales only when the results say \u{201C}holds\u{201D} or \u{201C}grows\u{201D} ({} per tenfold scale).", advantage),
        GateMetric::NoGainVerdict => "Claim the negative result only when the results say \u{201C}no gain\u{201D} at every size.".to_owned(),
        // The last stage's gate is the claim's: no next sizes follow it.
        GateMetric::AdjacentSizesSeparate if plan.stages.last().is_some_and(|last| std::ptr::eq(last, stage)) => format!("Claim that the benchmark separates models only when every two adjacent sizes up to {at} differ by more than their paired item-level errors, and {at} still scores below the benchmark's ceiling: a saturated benchmark cannot rank larger models."),
        // One size has nothing to be adjacent to: its gate checks the
        // evaluation itself, which the next sizes are compared with.
        GateMetric::AdjacentSizesSeparate if stage.scales.len() < 2 => format!("Go on when the evaluation at {at} runs end to end and scores above chance on the items: the next sizes are compared with it."),
        GateMetric::AdjacentSizesSeparate => format!("Go on when adjacent sizes up to {at} differ by more than their paired item-level errors: the benchmark separates models."),
        GateMetric::ReproductionMatches => format!("Go on when the reproduction at {at} matches its reference within the reference's interval."),
    }
}

/// "12% of the budget, 3 days" with the reserve it releases.
pub fn cost_line(plan: &Plan, stage: &Stage) -> String {
    let mut parts = vec![
        format!("{} FLOPs", format::flops(stage.flops)),
        format!("{} accelerator-hours", format::number(stage.hours)),
        format!(
            "{} of wall-clock time",
            format::duration(stage.wall_clock_hours)
        ),
    ];
    if let Some(cost) = stage.cost {
        parts.push(format!("{} {}", format::number(cost), plan.inputs.currency));
    }
    format!(
        "{} runs: {}; with its share of the reserve ({} FLOPs, released with this stage), {} of the budget spent so far.",
        format::whole(stage.runs),
        parts.join(", "),
        format::flops(stage.reserve_flops),
        format::percent(stage.cumulative_share)
    )
}

/// The method the power assumes: "a method truly worth 1.5× compute", or
/// for gains "a method truly 1 seed SD better on each of 3 tasks".
pub fn assumed_method(p: &VerdictPower) -> String {
    match p.worth() {
        Worth::Multiplier(m) => format!("a method truly worth {}\u{00D7} compute", times(m)),
        Worth::Gain { sds, tasks } => format!(
            "a method truly {} seed-to-seed SD{} better {}",
            times(sds),
            if (sds - 1.0).abs() < 1e-9 { "" } else { "s" },
            if tasks >= 2 {
                format!("on each of {tasks} tasks")
            } else {
                "at every size".to_owned()
            }
        ),
    }
}

/// The stages and the power in one line, for the pinned summary: "4 stages
/// with go/no-go gates; a method truly worth 1.5× compute is called “holds”
/// 82% of the time."
///
/// A negative result's verdict is "no gain", so its line gives how often
/// its seeds read "no gain" when there is none, as its Power section does.
pub fn power_line(plan: &Plan, p: &VerdictPower) -> String {
    let stages = format::plural(plan.stages.len() as u64, "stage", "stages");
    if plan.inputs.kind == ContributionKind::NegativeResult {
        return format!(
            "{stages} with go/no-go gates; with no gain at all, these seeds read \u{201C}no gain\u{201D} at every size {} of the time.",
            format::percent(p.no_gain_when_none),
        );
    }
    format!(
        "{stages} with go/no-go gates; {} is called \u{201C}holds\u{201D} {} of the time.",
        assumed_method(p),
        format::percent(p.holds),
    )
}

/// What the simulated data assume about seed noise.
fn assumed_noise(p: &VerdictPower) -> String {
    if p.multiplier.is_some() {
        format!(
            "a seed-to-seed spread of {} in the loss",
            format::number(p.seed_sd)
        )
    } else if p.tasks >= 2 {
        "tasks alike in seed noise, each normalised and aggregated by the interquartile mean with a bootstrap, as Results does; Effect and Noise set another gain".to_owned()
    } else {
        "normal seed noise; Effect and Noise set another gain".to_owned()
    }
}

/// A larger assumed effect, for advice: "a method worth more than 1.5×".
fn larger_effect(p: &VerdictPower) -> String {
    match p.multiplier {
        Some(m) => format!("a method worth more than {}\u{00D7}", times(m)),
        None => "a larger gain".to_owned(),
    }
}

/// The power in one sentence, for the checklist and the page: for a
/// negative result, how often "no gain" is read when there is none and
/// when there is a gain of the assumed size.
pub fn power_sentence_for(kind: ContributionKind, p: &VerdictPower) -> String {
    if kind != ContributionKind::NegativeResult {
        return power_sentence(p);
    }
    let pct = format::percent;
    format!(
        "With no gain at all, these seeds read \u{201C}no gain\u{201D} at every size {} of the time; {} would be missed (read as \u{201C}no gain\u{201D}) {} of the time. This assumes {} (simulated, {} data sets per rate).",
        pct(p.no_gain_when_none),
        assumed_method(p),
        pct(p.no_gain_when_worth),
        assumed_noise(p),
        format::whole(p.data_sets)
    )
}

/// The power in one sentence, for the checklist and the page.
pub fn power_sentence(p: &VerdictPower) -> String {
    // As the summary's line writes them: a rate that is not 0 never reads "0%".
    let pct = format::percent;
    // Results pair seeds in one metric; over several tasks they compare
    // the arms' bootstrap distributions, unpaired.
    let paired = p.tasks < 2;
    let seeds = match p.seeds.iter().min().zip(p.seeds.iter().max()) {
        Some((lo, hi)) if lo == hi => format!("{lo} seeds per arm at every size"),
        Some((lo, hi)) => format!("{lo} to {hi} seeds per arm"),
        None => String::new(),
    };
    format!(
        "With {seeds}, {} is called \u{201C}holds\u{201D} {} of the time ({} \u{201C}holds\u{201D} or \u{201C}grows\u{201D}); with no gain at all, a trend is invented {} of the time. This assumes {}{} (simulated, {} data sets per rate).{}",
        assumed_method(p),
        pct(p.holds),
        pct(p.holds_or_grows),
        pct(p.false_trend),
        assumed_noise(p),
        if paired { " and counts nothing for pairing, which only narrows the intervals" } else { "" },
        format::whole(p.data_sets),
        if paired { " Give both arms the same seed numbers (the same data order and initialisation): the results then pair them." } else { "" }
    )
}

/// What would reach 80% "holds", when the plan falls short.
pub fn power_advice(p: &VerdictPower) -> Option<String> {
    if p.holds >= crate::model::power::TARGET || !p.worth().assumes_a_gain() {
        return None;
    }
    Some(match p.seeds_to_reach_target {
        Some(n) => format!(
            "To be called \u{201C}holds\u{201D} 80% of the time it needs about {n} seeds per arm at every size{}, a wider span, or {}.",
            if p.tasks < 2 { " (paired: the same seeds in both arms)" } else { "" },
            larger_effect(p)
        ),
        None => format!(
            "Even {} seeds per arm would not reach 80%: widen the span, add a size, or expect {}.",
            crate::model::power::MOST_SEEDS,
            larger_effect(p)
        ),
    })
}

/// Why a plan that compares arms shows no power for its verdict.
pub fn no_power_note(plan: &Plan) -> Option<String> {
    if plan.power.is_some() || !crate::model::design::compares_over_seeds(plan.inputs.kind) {
        return None;
    }
    Some("The verdict's power is not computed: some size runs one seed per arm, so the results give no interval there. Two or more seeds per arm at every size (paired) let the results judge the trend.".to_owned())
}

/// The stages as a Markdown checklist, in order.
pub fn markdown(plan: &Plan) -> String {
    let mut md = String::from("\n## Stages\n\n");
    for (i, s) in plan.stages.iter().enumerate() {
        md.push_str(&format!(
            "- [ ] **{}.** {} Gate: {}\n",
            title(plan, i + 1, s),
            cost_line(plan, s),
            gate(plan, s)
        ));
    }
    if let Some(p) = &plan.power {
        md.push_str(&format!("\n{}", power_sentence_for(plan.inputs.kind, p)));
        if let Some(advice) =
            power_advice(p).filter(|_| plan.inputs.kind != ContributionKind::NegativeResult)
        {
            md.push_str(&format!(" {advice}"));
        }
        md.push('\n');
    } else if let Some(note) = no_power_note(plan) {
        md.push_str(&format!("\n{note}\n"));
    }
    md
}

/// Whether the results pass a stage's gate; `None` when pasted results
/// cannot tell (a sweep's edges, a benchmark's items, a reproduction).
fn passes(stage: &Stage, analysis: &Analysis, low: f64, none: f64) -> Option<bool> {
    Some(match stage.gate.metric {
        GateMetric::MultiplierLow if stage.gate.rule == crate::model::stages::GateRule::Below => {
            low <= none
        }
        GateMetric::MultiplierLow => low > none,
        // The multiplier's prediction where there is one, else the gain's
        // at the next rung (the top once the middle rungs are in).
        GateMetric::PredictedLowAtTop => match analysis.predictions.last() {
            Some(p) => p.pi_low > 1.0,
            None => analysis.next.pi_low.map_or(low > none, |lo| lo > 0.0),
        },
        GateMetric::HoldsOrGrows => matches!(analysis.verdict, Verdict::Holds | Verdict::Grows),
        GateMetric::NoGainVerdict => analysis.verdict == Verdict::NoGain,
        _ => return None,
    })
}

/// What the trend predicts next, for the next step's words: the
/// multiplier's prediction where there is one, else the gain's.
fn prediction(analysis: &Analysis) -> Option<String> {
    match analysis.predictions.last() {
        Some(p) => Some(format!(
            ", predicted {}\u{00D7} to {}\u{00D7} at {}",
            times(p.pi_low),
            times(p.pi_high),
            format::size(p.params)
        )),
        None => analysis
            .next
            .pi_low
            .zip(analysis.next.pi_high)
            .map(|(lo, hi)| {
                format!(
                    ", a gain of {} to {} predicted at {}",
                    format::number(lo),
                    format::number(hi),
                    format::size(analysis.next.params)
                )
            }),
    }
}

/// With results pasted: the last stage whose sizes all have results, the
/// verdict on its gate, and what to run next. `None` when the results cover
/// no stage's sizes yet or the gate needs something pasted results lack.
pub fn next_step(plan: &Plan, analysis: &Analysis) -> Option<String> {
    let ran = |scale: f64| {
        analysis
            .rungs
            .iter()
            .any(|r| (r.params / scale - 1.0).abs() < 1e-6)
    };
    let done = plan
        .stages
        .iter()
        .rposition(|s| s.scales.iter().all(|&x| ran(x)))?;
    let stage = &plan.stages[done];
    let next = plan.stages.get(done + 1);
    let later: f64 = plan.stages[done + 1..]
        .iter()
        .map(|s| s.flops + s.reserve_flops)
        .sum();
    let saved = format::percent(later / plan.ladder.budget_flops.max(f64::MIN_POSITIVE));
    let in_done = |params: f64| {
        plan.stages[..=done]
            .iter()
            .any(|s| s.scales.iter().any(|&x| (params / x - 1.0).abs() < 1e-6))
    };
    let largest = analysis.rungs.iter().rev().find(|r| in_done(r.params))?;
    let multiplier = stage.gate.in_multiplier && analysis.multiplier_trend.is_some();
    let (low, high) = if multiplier {
        (largest.multiplier_low?, largest.multiplier_high?)
    } else {
        (largest.ci_low?, largest.ci_high?)
    };
    let none = if multiplier { 1.0 } else { 0.0 };
    let prediction = prediction(analysis);
    let go = passes(stage, analysis, low, none)?;
    let measured = if multiplier {
        format!(
            "{}\u{00D7} to {}\u{00D7} at {}",
            times(low),
            times(high),
            format::size(largest.params)
        )
    } else {
        format!(
            "{} to {} at {}",
            format::number(low),
            format::number(high),
            format::size(largest.params)
        )
    };
    Some(match (go, next) {
        (true, Some(n)) => format!(
            "Go: the results pass the gate of {} (95% interval {measured}). Run {}{}.",
            in_sentence(plan, done + 1, stage),
            in_sentence(plan, done + 2, n),
            prediction.unwrap_or_default()
        ),
        (true, None) => format!("The last gate is passed: the results say \u{201C}{}\u{201D}.", analysis.verdict.word()),
        (false, Some(_)) => format!(
            "Stop or rethink: the results do not pass the gate of {} (95% interval {measured}). Stopping here saves {saved} of the budget.",
            in_sentence(plan, done + 1, stage)
        ),
        (false, None) => format!("The last gate is not passed: the results say \u{201C}{}\u{201D}.", analysis.verdict.word()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::inputs::Inputs;
    use crate::model::power::loss_at_compute;
    use crate::model::results::{analyze, AnalysisInput, ResultRow};

    /// Results for every rung below the default plan's top (stages 1 to
    /// 3), the method worth `m`× compute.
    fn results(plan: &Plan, m: f64) -> Analysis {
        let wobble = [-0.012, -0.006, 0.0, 0.006, 0.012];
        let mut rows = Vec::new();
        let top = plan.ladder.rungs.len() - 1;
        for rung in &plan.ladder.rungs[..top] {
            for (s, w) in wobble.iter().enumerate() {
                for (arm, f, sign) in [("ours", m, 1.0), ("base", 1.0, -0.5)] {
                    rows.push(ResultRow {
                        params: rung.scale,
                        arm: arm.into(),
                        seed: s.to_string(),
                        value: loss_at_compute(rung.flops_per_run * f) + sign * w,
                        task: None,
                    });
                }
            }
        }
        analyze(&AnalysisInput {
            results: rows,
            method: "ours".into(),
            baseline: "base".into(),
            higher_is_better: false,
            metric: None,
            next_params: plan.ladder.rungs.last().map(|r| r.scale),
            top_params: None,
            compute_exponent: Some(2.0),
        })
        .expect("valid")
    }

    /// Stage titles and gates say what the rungs count where the axis is
    /// not model size: environment steps, tokens, multiples of a run.
    #[test]
    fn stage_titles_name_the_axis_unit() {
        let rl = Plan::new(
            crate::model::query::parse_query("field=rl&axis=data&floor=1e6&model_params=1.7e6")
                .inputs,
        );
        let first = rl.stages.first().expect("stages");
        assert_eq!(
            title(&rl, 1, first),
            "Stage 1 \u{00B7} Tune at 1M environment steps"
        );
        let data = Plan::new(crate::model::query::parse_query("axis=data").inputs);
        let last = data.stages.last().expect("stages");
        assert!(title(&data, data.stages.len(), last).ends_with(" tokens"));
        let before_headline = &data.stages[data.stages.len() - 2];
        assert!(gate(&data, before_headline).contains(" tokens whose"));
        let pretrain = Plan::new(Inputs::default());
        assert_eq!(
            title(&pretrain, 1, &pretrain.stages[0]),
            "Stage 1 \u{00B7} Tune at 20M"
        );
    }

    /// A benchmark's last gate is its claim, not a check before sizes that
    /// never come.
    #[test]
    fn a_benchmarks_last_gate_is_its_claim() {
        let plan = Plan::new(
            crate::model::query::parse_query(
                "kind=benchmark&generality=3&novelty=2&count=8&hours=336",
            )
            .inputs,
        );
        let gates: Vec<String> = plan.stages.iter().map(|s| gate(&plan, s)).collect();
        let (last, earlier) = gates.split_last().expect("stages");
        assert!(
            last.starts_with("Claim that the benchmark separates models only when"),
            "{last}"
        );
        assert!(!last.contains("the next sizes"), "{last}");
        assert!(
            earlier[0].contains("the next sizes are compared with it"),
            "{gates:?}"
        );
        assert!(earlier.iter().all(|g| g.starts_with("Go on")), "{gates:?}");
    }

    /// The pinned summary states the power of the verdict the claim needs:
    /// "no gain" for a negative result, as its Power section does.
    #[test]
    fn the_summary_line_gives_a_negative_result_its_own_power() {
        let negative =
            Plan::new(crate::model::query::parse_query("kind=negative_result&generality=4").inputs);
        let p = negative.power.as_ref().expect("a verdict power");
        let line = power_line(&negative, p);
        let rate = format::percent(p.no_gain_when_none);
        assert!(
            line.ends_with(&format!(
                "read \u{201C}no gain\u{201D} at every size {rate} of the time."
            )),
            "{line}"
        );
        assert!(!line.contains("holds"), "{line}");
        assert!(power_sentence_for(negative.inputs.kind, p)
            .contains(&format!("size {rate} of the time")));
        let insight = Plan::new(Inputs::default());
        let p = insight.power.as_ref().expect("a verdict power");
        assert!(power_line(&insight, p).contains(&format!(
            "\u{201C}holds\u{201D} {} of the time",
            format::percent(p.holds)
        )));
    }

    #[test]
    fn the_middle_gate_says_go_for_a_real_gain_and_stop_without_one() {
        let plan = Plan::new(Inputs::default());
        let go = next_step(&plan, &results(&plan, 2.0)).expect("a gate to check");
        // The default's middle is long enough to run in two stages: the
        // results reach the one before the headline.
        let headline = plan.stages.len();
        assert_eq!(headline, 5);
        assert!(
            go.starts_with(&format!(
                "Go: the results pass the gate of stage {}",
                headline - 1
            )),
            "{go}"
        );
        assert!(
            go.contains(&format!(
                "Run stage {headline} \u{00B7} Headline at {}, predicted",
                format::size(plan.ladder.rungs[plan.ladder.rungs.len() - 1].scale)
            )),
            "{go}"
        );
        let stop = next_step(&plan, &results(&plan, 1.0)).expect("a gate to check");
        assert!(stop.starts_with("Stop or rethink"), "{stop}");
        // Stopping before the headline saves its FLOPs and its share of the reserve.
        let headline = plan.stages.last().expect("stages");
        let share = (headline.flops + headline.reserve_flops) / plan.ladder.budget_flops;
        assert!(share > 0.5, "{share}");
        assert!(
            stop.ends_with(&format!("saves {} of the budget.", format::percent(share))),
            "{stop}"
        );
    }

    /// Deep-RL returns over 3 tasks for every rung below the plan's top,
    /// the method `gain` better on each (seed spread 0.5).
    fn returns(plan: &Plan, gain: f64) -> Analysis {
        let wobble = [-0.6, -0.3, 0.0, 0.3, 0.6];
        let mut rows = Vec::new();
        let top = plan.ladder.rungs.len() - 1;
        for rung in &plan.ladder.rungs[..top] {
            for task in 0..3 {
                for (s, w) in wobble.iter().enumerate() {
                    for (arm, shift, sign) in [("ours", gain, 1.0), ("base", 0.0, -1.0)] {
                        rows.push(ResultRow {
                            params: rung.scale,
                            arm: arm.into(),
                            seed: s.to_string(),
                            value: 10.0 * f64::from(task) + rung.scale.log10() + shift + sign * w,
                            task: Some(format!("env{task}")),
                        });
                    }
                }
            }
        }
        analyze(&AnalysisInput {
            results: rows,
            method: "ours".into(),
            baseline: "base".into(),
            higher_is_better: true,
            metric: Some("return".into()),
            next_params: plan.ladder.rungs.last().map(|r| r.scale),
            top_params: None,
            compute_exponent: None,
        })
        .expect("valid")
    }

    #[test]
    fn a_deep_rl_middle_gate_reads_the_gain_predicted_at_the_top() {
        let plan = Plan::new(crate::model::query::parse_query("field=rl").inputs);
        let go = next_step(&plan, &returns(&plan, 2.0)).expect("a gate to check");
        let before_headline = plan.stages.len() - 1;
        assert!(
            go.starts_with(&format!(
                "Go: the results pass the gate of stage {before_headline}"
            )),
            "{go}"
        );
        assert!(go.contains(", a gain of "), "{go}");
        let stop = next_step(&plan, &returns(&plan, 0.0)).expect("a gate to check");
        assert!(stop.starts_with("Stop or rethink"), "{stop}");
    }
}
