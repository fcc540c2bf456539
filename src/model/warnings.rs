//! What a plan should make the researcher double-check: one sentence each,
//! shown under the plan and in the exports.

use super::axis::Axis;
use super::format;
use super::hardware::BudgetSource;
use super::inputs::{ContributionKind, Field, ResearchField};
use super::plan::Plan;
use super::stats::equivalence_seeds;

/// MFU above this is rarely sustained: PaLM reported 46% (Chowdhery et al.
/// 2022) and Llama 3 405B 38–43% (Dubey et al. 2024).
const HIGH_MFU: f64 = 0.6;

/// Tokens per parameter of a competitive open model: Llama 3 8B saw 15T
/// tokens, about 1,900 per parameter (Dubey et al. 2024).
const COMPETITIVE_TOKENS_PER_PARAM: f64 = 1_900.0;

/// Epochs over one dataset beyond which repeated data is worth much less
/// than new data (Muennighoff et al. 2023, "Scaling Data-Constrained Language Models").
const MAX_USEFUL_EPOCHS: f64 = 4.0;

/// The plan's warnings. `top_with_level_seeds` is the top rung the same
/// budget buys with the level's own seeds, when a power analysis asks for more.
pub fn of(plan: &Plan, top_with_level_seeds: Option<f64>) -> Vec<String> {
    let inputs = &plan.inputs;
    let ladder = &plan.ladder;
    let top = ladder.rungs.last();
    let mut list = Vec::new();
    if inputs.effect.is_some() != inputs.noise.is_some() {
        list.push("Power analysis skipped: give both effect and noise to size the seeds.".into());
    }
    if let Some(p) = plan.seed_power.as_ref().filter(|p| p.capped) {
        list.push(format!(
            "The effect is tiny next to the noise (d = {:.2e}): the power analysis is capped at {} seeds per arm.",
            p.cohen_d, p.seeds_per_arm
        ));
    }
    if let (Some(with_level_seeds), Some(top)) = (top_with_level_seeds, top) {
        if with_level_seeds > top.scale {
            list.push(format!(
                "The power analysis's {} seeds per arm at the largest size cost scale: the top rung is {} instead of the {} the level's {} seeds would allow.",
                plan.evidence.seeds,
                format::count(top.scale),
                format::count(with_level_seeds),
                plan.evidence.seeds_per_configuration
            ));
        }
    }
    // Without a power analysis a negative result keeps the level's seeds,
    // which can only rule out large differences: say how wide, and what a
    // margin of one standard deviation would take.
    if let Some(margin) = plan
        .evidence
        .detectable_effect
        .filter(|&d| inputs.kind == ContributionKind::NegativeResult && d > 1.0)
    {
        let (seeds, _) = equivalence_seeds(1.0, 1.0, plan.evidence.corrected_alpha, inputs.power);
        list.push(format!(
            "{} seeds per arm can only show equivalence within d = {margin:.2}: the paper could rule out differences larger than about {margin:.1} standard deviations, not smaller ones. Give the smallest effect that matters and the seed-to-seed noise to size the seeds (within d = 1 takes {seeds} per arm).",
            plan.evidence.seeds
        ));
    }
    if inputs.mfu > HIGH_MFU {
        list.push(format!(
            "MFU {} is above what large training runs report (about 0.4–0.46); hours may be optimistic.",
            format::number_text(inputs.mfu)
        ));
    }
    if plan.budget.source == BudgetSource::Flops {
        list.push(
            "A FLOPs budget replaces accelerators × hours; hours and cost use the chosen accelerator and MFU, and Hours still bounds the wall-clock time."
                .into(),
        );
    }
    if inputs.kind == ContributionKind::Model && plan.scaling.axis == Axis::Pretrain {
        if let Some(params) = top.and_then(|r| r.params) {
            let competitive = 6.0 * params * COMPETITIVE_TOKENS_PER_PARAM * params;
            if ladder.planned_flops < 0.1 * competitive {
                list.push(format!(
                    "Competitive open models of {} parameters are trained on far more data: Llama 3 8B saw about {} tokens per parameter (Dubey et al. 2024), about {} FLOPs at this size, {}× this plan. Industry labs win this race on compute; an academic lab does better with a specialty domain, a benchmark or dataset, or an insight.",
                    format::count(params),
                    format::number(COMPETITIVE_TOKENS_PER_PARAM),
                    format::flops(competitive),
                    format::number(competitive / ladder.planned_flops.max(1.0))
                ));
            }
        }
    }
    // Only a data size the researcher gave, and only where rungs read tokens.
    let data_size_given = !inputs.is_default(Field::DataTokens);
    if inputs.kind == ContributionKind::Dataset
        && data_size_given
        && inputs.field != ResearchField::Rl
    {
        if let Some(tokens) = top
            .and_then(|r| r.tokens)
            .filter(|&t| t > MAX_USEFUL_EPOCHS * inputs.data_tokens)
        {
            list.push(format!(
                "The largest run reads {} tokens: your {} tokens of data would repeat {} times; beyond about 4 epochs repeated data is worth much less than new data (Muennighoff et al. 2023).",
                format::count(tokens),
                format::count(inputs.data_tokens),
                format::number(tokens / inputs.data_tokens)
            ));
        }
    }
    if plan.scaling.axis == Axis::Data
        && plan.scaling.steps_per_second.is_none()
        && inputs.kind != ContributionKind::Benchmark
    {
        list.push(
            "On the data axis FLOPs count the network only; where simulation or data loading dominates (as in much RL), choose the Deep RL field to price runs by environment steps, or time one run and use the custom axis."
                .into(),
        );
    }
    // A field's conventions come with its preset; chosen alone, the field
    // keeps the axis's language-model ones. Say so where they do not apply.
    match (inputs.field, plan.scaling.axis) {
        (ResearchField::Rl, axis @ (Axis::Pretrain | Axis::Finetune)) => list.push(format!(
            "Deep RL on the {} axis grows a network on tokens, as language models do, and runs on all accelerators at once; deep-RL runs scale environment steps: choose the data axis (the Deep RL preset) to price them by steps per second.",
            axis.id()
        )),
        (ResearchField::Vision, Axis::Pretrain) => list.push(format!(
            "Vision on the pretrain axis reads {} tokens (patches) per parameter, a language-model rule (Hoffmann et al. 2022), not one established for vision; for a fixed dataset such as ImageNet-1k choose the ViT preset (the model grows on fixed data).",
            format::number(inputs.tokens_per_param)
        )),
        _ => {}
    }
    if plan.scaling.runs_on_one_accelerator() {
        list.push(format!(
            "Runs are priced at {} environment steps per second, one accelerator per run{}: the default rate is a placeholder, so time one run of yours.",
            format::count(inputs.steps_per_second),
            if inputs.count > 1 {
                format!(", {} runs at a time", format::whole(inputs.count))
            } else {
                String::new()
            }
        ));
    }
    list
}
