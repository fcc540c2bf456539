//! What a plan should make the researcher double-check, as typed facts
//! with the numbers behind them; `text::warnings` writes one sentence each,
//! shown under the plan and in the JSON.

use super::axis::{Axis, Scaling};
use super::evidence::Evidence;
use super::hardware::{Budget, BudgetSource};
use super::inputs::{Adjustment, ContributionKind, Field, FinetuneMethod, Inputs, ResearchField};
use super::ladder::{Ladder, Shortfall};
use super::memory::{Memory, Use};
use super::stats::{equivalence_seeds, PowerAnalysis};

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

/// One thing to double-check, with its numbers.
#[derive(Clone, Debug, PartialEq)]
pub enum Warning {
    /// An input was changed so the inputs make sense together.
    Adjusted(Adjustment),
    /// A name `plan()` does not know, ignored.
    UnknownInput {
        name: String,
    },
    /// Effect without noise, or noise without effect.
    HalfPowerAnalysis,
    /// The power analysis hit its cap on seeds.
    TinyEffect {
        cohen_d: f64,
        seeds: u32,
    },
    /// The power analysis's seeds cost scale: the top rung is `top`
    /// instead of `top_with_level_seeds`.
    SeedsCostScale {
        seeds: u32,
        top: f64,
        top_with_level_seeds: f64,
        level_seeds: u32,
    },
    /// A negative result's seeds can only rule out differences beyond `margin`
    /// standard deviations; `seeds_within_one` would rule out d = 1.
    WideEquivalence {
        seeds: u32,
        margin: f64,
        seeds_within_one: u32,
    },
    HighMfu {
        mfu: f64,
    },
    /// A FLOPs budget replaces accelerators × hours.
    FlopsBudget,
    /// A pretrained model far short of competitive open models' data.
    NotCompetitive {
        params: f64,
        tokens_per_param: f64,
        competitive_flops: f64,
        times_this_plan: f64,
    },
    /// The largest run reads the researcher's data `times` over.
    DataRepeated {
        tokens: f64,
        data_tokens: f64,
        times: f64,
    },
    /// On the data axis FLOPs count the network only.
    NetworkOnly,
    /// Deep RL on a token axis.
    RlOnTokens {
        axis: Axis,
    },
    /// Vision on the pretrain axis reads a language-model rule.
    VisionOnPretrain {
        tokens_per_param: f64,
    },
    /// Small vision models train faster than a loader feeds them.
    DataLoading {
        params: f64,
        images_per_second: f64,
        mfu: f64,
        loader: f64,
    },
    /// Memory stops fine-tuning; what adapters would hold (`lora` is
    /// `None` where LoRA is already the method).
    LighterFineTuning {
        lora: Option<f64>,
        qlora: f64,
    },
    /// Runs priced by a placeholder rate of environment steps.
    StepsPerSecond {
        steps_per_second: f64,
        count: u32,
    },
    /// More generated tokens than the evaluation set holds: the set's size
    /// is used.
    GeneratedBeyondSet {
        generated_tokens: f64,
        eval_tokens: f64,
    },
}

/// What the warnings read of a plan (the plan's parts, so this module does
/// not depend on the plan that holds its answer).
pub struct Context<'a> {
    pub inputs: &'a Inputs,
    pub evidence: &'a Evidence,
    pub budget: &'a Budget,
    pub scaling: &'a Scaling,
    pub ladder: &'a Ladder,
    pub seed_power: Option<&'a PowerAnalysis>,
}

/// The plan's warnings. `top_with_level_seeds` is the top rung the same
/// budget buys with the level's own seeds, when a power analysis asks for more.
pub fn of(plan: &Context, top_with_level_seeds: Option<f64>) -> Vec<Warning> {
    let mut list = seed_warnings(plan, top_with_level_seeds);
    let inputs = plan.inputs;
    if inputs.mfu > HIGH_MFU {
        list.push(Warning::HighMfu { mfu: inputs.mfu });
    }
    if plan.budget.source == BudgetSource::Flops {
        list.push(Warning::FlopsBudget);
    }
    list.extend(not_competitive(plan));
    list.extend(data_repeated(plan));
    if plan.scaling.axis == Axis::Data
        && plan.scaling.steps_per_second.is_none()
        && inputs.kind != ContributionKind::Benchmark
    {
        list.push(Warning::NetworkOnly);
    }
    // A field's conventions come with its preset; chosen alone, the field
    // keeps the axis's language-model ones. Say so where they do not apply.
    // A benchmark trains nothing: no axis rule applies to it.
    match (inputs.field, plan.scaling.axis) {
        _ if !super::design::trains(inputs.kind) => {}
        (ResearchField::Rl, axis @ (Axis::Pretrain | Axis::Finetune)) => {
            list.push(Warning::RlOnTokens { axis })
        }
        (ResearchField::Vision, Axis::Pretrain) => list.push(Warning::VisionOnPretrain {
            tokens_per_param: inputs.tokens_per_param,
        }),
        _ => {}
    }
    list.extend(data_loading(plan));
    list.extend(lighter_fine_tuning(plan));
    if plan.scaling.runs_on_one_accelerator() {
        list.push(Warning::StepsPerSecond {
            steps_per_second: inputs.steps_per_second,
            count: inputs.count,
        });
    }
    // Generated tokens are part of the set: more than it holds is capped.
    if plan.scaling.decode.is_some() && inputs.generated_tokens > inputs.eval_tokens {
        list.push(Warning::GeneratedBeyondSet {
            generated_tokens: inputs.generated_tokens,
            eval_tokens: inputs.eval_tokens,
        });
    }
    list
}

/// What the seeds cannot do: half a power analysis, a capped one, scale
/// traded for seeds, a negative result's wide equivalence margin.
fn seed_warnings(plan: &Context, top_with_level_seeds: Option<f64>) -> Vec<Warning> {
    let inputs = plan.inputs;
    let mut list = Vec::new();
    if inputs.effect.is_some() != inputs.noise.is_some() {
        list.push(Warning::HalfPowerAnalysis);
    }
    if let Some(p) = plan.seed_power.filter(|p| p.capped) {
        list.push(Warning::TinyEffect {
            cohen_d: p.cohen_d,
            seeds: p.seeds_per_arm,
        });
    }
    if let (Some(with_level_seeds), Some(top)) = (top_with_level_seeds, plan.ladder.rungs.last()) {
        if with_level_seeds > top.scale {
            list.push(Warning::SeedsCostScale {
                seeds: plan.evidence.seeds,
                top: top.scale,
                top_with_level_seeds: with_level_seeds,
                level_seeds: plan.evidence.seeds_per_configuration,
            });
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
        list.push(Warning::WideEquivalence {
            seeds: plan.evidence.seeds,
            margin,
            seeds_within_one: seeds,
        });
    }
    list
}

/// A pretrained model whose plan is under a tenth of what a competitive
/// open model of its size is trained on.
fn not_competitive(plan: &Context) -> Option<Warning> {
    if plan.inputs.kind != ContributionKind::Model || plan.scaling.axis != Axis::Pretrain {
        return None;
    }
    let params = plan.ladder.rungs.last()?.params?;
    let competitive = 6.0 * params * COMPETITIVE_TOKENS_PER_PARAM * params;
    (plan.ladder.planned_flops < 0.1 * competitive).then(|| Warning::NotCompetitive {
        params,
        tokens_per_param: COMPETITIVE_TOKENS_PER_PARAM,
        competitive_flops: competitive,
        times_this_plan: competitive / plan.ladder.planned_flops.max(1.0),
    })
}

/// A dataset read more than a few times over by the largest run. Only a
/// data size the researcher gave, and only where rungs read tokens.
fn data_repeated(plan: &Context) -> Option<Warning> {
    let inputs = plan.inputs;
    if inputs.kind != ContributionKind::Dataset
        || inputs.is_default(Field::DataTokens)
        || inputs.field == ResearchField::Rl
    {
        return None;
    }
    let tokens = plan
        .ladder
        .rungs
        .last()?
        .tokens
        .filter(|&t| t > MAX_USEFUL_EPOCHS * inputs.data_tokens)?;
    Some(Warning::DataRepeated {
        tokens,
        data_tokens: inputs.data_tokens,
        times: tokens / inputs.data_tokens,
    })
}

/// Small vision models train faster than images can be decoded: the
/// smallest rung's implied images per second per accelerator, when above
/// what a loader feeds.
fn data_loading(plan: &Context) -> Option<Warning> {
    let inputs = plan.inputs;
    if inputs.field != ResearchField::Vision || !super::design::trains(inputs.kind) {
        return None;
    }
    let n = plan.ladder.rungs.first()?.params?;
    let flops_per_image = plan.scaling.train_flops_per_token(n) * TOKENS_PER_IMAGE;
    let rate = plan.budget.flops_per_accelerator_hour / 3600.0 / flops_per_image;
    (rate > IMAGES_PER_SECOND).then_some(Warning::DataLoading {
        params: n,
        images_per_second: rate,
        mfu: inputs.mfu,
        loader: IMAGES_PER_SECOND,
    })
}

/// Where memory stops a fine-tuning ladder, what adapters would hold: LoRA
/// keeps bf16 weights frozen, QLoRA 4-bit ones (memory.rs).
fn lighter_fine_tuning(plan: &Context) -> Option<Warning> {
    let inputs = plan.inputs;
    if plan.ladder.short_of != Some(Shortfall::Memory)
        || !inputs.uses(Field::FinetuneMethod)
        || inputs.finetune_method == FinetuneMethod::Qlora
    {
        return None;
    }
    let memory = Memory::of(inputs.accelerator, inputs.count);
    let holds = |usage: Use| plan.scaling.max_params_for(memory.max_params(usage));
    Some(Warning::LighterFineTuning {
        lora: (inputs.finetune_method == FinetuneMethod::Full).then(|| holds(Use::Lora)),
        qlora: holds(Use::Qlora),
    })
}
