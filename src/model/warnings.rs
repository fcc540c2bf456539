//! What a plan should make the researcher double-check: one sentence each,
//! shown under the plan and in the exports.

use super::axis::Axis;
use super::format;
use super::hardware::BudgetSource;
use super::inputs::{ContributionKind, Field, FinetuneMethod, ResearchField};
use super::ladder::Shortfall;
use super::memory::{Memory, Use};
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

/// Images per second one accelerator can decode and augment for training.
/// Our assumption, about what FFCV's fast ImageNet loaders sustain per GPU
/// (Leclerc et al. 2023, "FFCV: Accelerating Training by Removing Data
/// Bottlenecks"); a standard JPEG pipeline feeds fewer.
const IMAGES_PER_SECOND: f64 = 3_000.0;

/// Tokens per image: 196 patches of 16² at 224², plus the class token.
const TOKENS_PER_IMAGE: f64 = 197.0;

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
    // A benchmark trains nothing: no axis rule applies to it.
    match (inputs.field, plan.scaling.axis) {
        _ if !super::design::trains(inputs.kind) => {}
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
    list.extend(data_loading(plan));
    list.extend(lighter_fine_tuning(plan));
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

/// Small vision models train faster than images can be decoded: the
/// smallest rung's implied images per second per accelerator, when above
/// what a loader feeds.
fn data_loading(plan: &Plan) -> Option<String> {
    let inputs = &plan.inputs;
    if inputs.field != ResearchField::Vision || !super::design::trains(inputs.kind) {
        return None;
    }
    let n = plan.ladder.rungs.first()?.params?;
    let flops_per_image = plan.scaling.train_flops_per_token(n) * TOKENS_PER_IMAGE;
    let rate = plan.budget.flops_per_accelerator_hour / 3600.0 / flops_per_image;
    (rate > IMAGES_PER_SECOND).then(|| {
        format!(
            "At {} parameters one accelerator would train on about {} images per second at MFU {}: more than a data loader feeds (about {}, our assumption after FFCV, Leclerc et al. 2023), so data loading, not FLOPs, sets the time of the small runs; time one, or run several small models per accelerator.",
            format::count(n),
            format::number(rate),
            format::number_text(inputs.mfu),
            format::number(IMAGES_PER_SECOND)
        )
    })
}

/// Where memory stops a fine-tuning ladder, what adapters would hold: LoRA
/// keeps bf16 weights frozen, QLoRA 4-bit ones (memory.rs).
fn lighter_fine_tuning(plan: &Plan) -> Option<String> {
    let inputs = &plan.inputs;
    if plan.ladder.short_of != Some(Shortfall::Memory)
        || !inputs.uses(Field::FinetuneMethod)
        || inputs.finetune_method == FinetuneMethod::Qlora
    {
        return None;
    }
    let memory = Memory::of(inputs.accelerator, inputs.count);
    let holds = |usage: Use| format::count(plan.scaling.max_params_for(memory.max_params(usage)));
    Some(match inputs.finetune_method {
        FinetuneMethod::Full => format!(
            "Memory stops full fine-tuning here: with LoRA the same accelerators hold about {} parameters, with QLoRA about {} (Hu et al. 2021; Dettmers et al. 2023); set the fine-tuning method if adapters answer your question.",
            holds(Use::Lora),
            holds(Use::Qlora)
        ),
        _ => format!(
            "Memory stops LoRA here: with QLoRA the same accelerators hold about {} parameters (Dettmers et al. 2023).",
            holds(Use::Qlora)
        ),
    })
}
