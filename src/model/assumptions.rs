//! The numbers a plan rests on, as typed facts: which assumption, and the
//! values this plan used for it. The words (name, value, source) are written
//! from these by `text::assumptions`; nothing here builds a sentence.

use super::axis::{Axis, Bound, Scaling, Shape, DECODE_MAX_BATCH};
use super::checkpoints::ModelFamily;
use super::design::{self, RunCost, Template};
use super::evidence::{level_for, rule_for_claim};
use super::hardware::Accelerator;
use super::inputs::{ContributionKind, Field, FinetuneMethod, Inputs, ResearchField, Tuning};
use super::memory::{Memory, Use};
use super::power::Worth;

/// One number (or choice) the plan rests on.
#[derive(Clone, Debug, PartialEq)]
pub enum Assumption {
    /// Deep RL priced by simulation: environment steps per second on one
    /// accelerator set a run's cost.
    RunCost {
        steps_per_second: f64,
    },
    /// A kind that only evaluates: a forward pass over the evaluation set;
    /// `generated` when [`Assumption::Decoding`] prices the tokens written.
    EvaluationCompute {
        eval_tokens: f64,
        per_token: Option<PerToken>,
        generated: bool,
    },
    /// What one training run costs on this axis.
    TrainingCompute {
        compute: Compute,
        per_token: Option<PerToken>,
    },
    /// Pretraining's data grows with the model: k tokens per parameter.
    TokensPerParam {
        k: f64,
    },
    AcceleratorPeak {
        accelerator: &'static Accelerator,
    },
    Utilisation {
        mfu: f64,
    },
    /// Share of the budget kept back.
    Reserve {
        share: f64,
    },
    /// The level table and the claim map are our calibration.
    EvidenceLevels,
    /// What the verdict's power assumes the method is worth and how much
    /// seeds scatter: a compute multiplier on a loss curve, or a gain in
    /// seed SDs over `tasks` tasks; `given` when the researcher set it.
    VerdictPower {
        worth: Worth,
        seed_sd: f64,
        given: bool,
    },
    /// The bottom rung; `given` when the researcher set it.
    SmallestScale {
        floor: f64,
        given: bool,
    },
    /// Insight and negative results: most runs small, the headline large.
    Placement,
    /// How runs share the accelerators over time.
    WallClock {
        one_accelerator: bool,
    },
    /// One ladder for several domains.
    Domains,
    /// How the compared arms (or the recipe) are tuned; `tuning` only for
    /// the kinds whose form shows it (a hidden input never changes the plan).
    Tuning {
        kind: ContributionKind,
        tuning: Option<Tuning>,
        domains: u32,
    },
    /// The memory cap and what one parameter costs.
    Memory(MemoryCap),
    /// The rungs are a released family's sizes.
    ModelFamily {
        family: ModelFamily,
    },
    /// Evaluations priced beside training.
    Evaluation {
        eval_tokens: f64,
        generated: bool,
    },
    /// Generated tokens priced by the slower of compute and memory
    /// bandwidth, with which binds at the smallest and largest size.
    Decoding(Decoding),
    /// Deep RL's least seeds and tasks at the headline.
    DeepRlStatistics {
        seeds: u32,
        tasks: u32,
    },
    TestLevel {
        alpha: f64,
        power: f64,
    },
}

/// What a training run costs, by axis.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Compute {
    /// C ≈ 6·N·D with D growing with N.
    Pretrain,
    /// Fixed data; `adapters` when only adapters train.
    Finetune {
        flops_per_param_token: f64,
        data_tokens: f64,
        adapters: bool,
    },
    /// A fixed model, growing data.
    Data { model_params: f64 },
    /// The researcher's own measurement of the smallest run.
    Custom { base_hours: f64, exponent: f64 },
}

/// What a token costs beyond 2·N per forward pass where the architecture
/// is known: attention (and the output layer where there is a vocabulary).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PerToken {
    pub context: f64,
    /// The output layer's vocabulary, where the shape has one.
    pub vocab: Option<f64>,
    /// N is a released size, embeddings included (else N without them).
    pub embeddings_included: bool,
    /// What attention and the output add, as a share of 2·N, at 20M and 1B.
    pub extra_at_20m: f64,
    pub extra_at_1b: f64,
}

/// Tokens written one at a time, and what bounds them at the ends of the ladder.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Decoding {
    pub generated_tokens: f64,
    pub bandwidth_gb_s: f64,
    /// Key-value heads per query head (1: multi-head attention).
    pub kv_share: f64,
    /// Most sequences at once per copy of the model.
    pub max_batch: f64,
    /// The context the key-value cache is counted at (half of it on average).
    pub context: f64,
    /// The smallest and the largest evaluated size: (size, batch, bound).
    pub ends: [(f64, f64, Bound); 2],
}

/// The largest model the accelerators hold for the run's use.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MemoryCap {
    pub accelerators: u32,
    pub per_accelerator_gb: f64,
    pub usage: Use,
    pub max_params: f64,
    /// The same cap without the embeddings, where the shape has a vocabulary.
    pub max_params_without_embeddings: Option<f64>,
}

/// Every assumption behind this plan, in the order the page lists them.
/// `scales` are the ladder's rungs, for what binds at its ends.
pub fn assumptions(
    inputs: &Inputs,
    scaling: &Scaling,
    memory: &Memory,
    templates: &[Template],
    scales: &[f64],
) -> Vec<Assumption> {
    let trains = design::trains(inputs.kind);
    let evaluates = templates.iter().any(|t| t.cost == RunCost::Eval);
    let decoding = decoding(inputs, scaling, scales).filter(|_| evaluates);
    let mut list = vec![run_cost(inputs, scaling, trains, decoding.is_some())];
    if !trains {
        list.extend(decoding.map(Assumption::Decoding));
    }
    if scaling.axis == Axis::Pretrain && trains {
        list.push(Assumption::TokensPerParam {
            k: inputs.tokens_per_param,
        });
    }
    list.extend([
        Assumption::AcceleratorPeak {
            accelerator: inputs.accelerator,
        },
        Assumption::Utilisation { mfu: inputs.mfu },
        Assumption::Reserve {
            share: inputs.reserve,
        },
        Assumption::EvidenceLevels,
    ]);
    if !inputs.uses_checkpoints() {
        list.push(Assumption::SmallestScale {
            floor: scaling.floor,
            given: inputs.floor.is_some(),
        });
    }
    if matches!(
        inputs.kind,
        ContributionKind::Insight | ContributionKind::NegativeResult
    ) {
        list.push(Assumption::Placement);
    }
    list.push(Assumption::WallClock {
        one_accelerator: scaling.runs_on_one_accelerator(),
    });
    list.extend(design_assumptions(
        inputs, scaling, memory, templates, decoding,
    ));
    list.push(Assumption::TestLevel {
        alpha: inputs.alpha,
        power: inputs.power,
    });
    list
}

/// What one run costs: the first assumption, refined by the cost per token
/// where the architecture is known (one assumption, not two).
fn run_cost(inputs: &Inputs, scaling: &Scaling, trains: bool, generated: bool) -> Assumption {
    if let Some(steps_per_second) = scaling.steps_per_second {
        return Assumption::RunCost { steps_per_second };
    }
    let per_token = per_token(scaling);
    if !trains {
        return Assumption::EvaluationCompute {
            eval_tokens: inputs.eval_tokens,
            per_token,
            generated,
        };
    }
    let compute = match scaling.axis {
        Axis::Pretrain => Compute::Pretrain,
        Axis::Finetune => Compute::Finetune {
            flops_per_param_token: scaling.flops_per_param_token(),
            data_tokens: scaling.data_tokens,
            adapters: scaling.method != FinetuneMethod::Full,
        },
        Axis::Data => Compute::Data {
            model_params: scaling.model_params,
        },
        Axis::Custom => Compute::Custom {
            base_hours: scaling.base_hours,
            exponent: scaling.exponent,
        },
    };
    Assumption::TrainingCompute { compute, per_token }
}

/// The assumptions that follow from the design and the claim's domains:
/// one ladder over domains, tuning, memory, the family, evaluations, RL.
fn design_assumptions(
    inputs: &Inputs,
    scaling: &Scaling,
    memory: &Memory,
    templates: &[Template],
    decoding: Option<Decoding>,
) -> Vec<Assumption> {
    let trains = design::trains(inputs.kind);
    let domains = rule_for_claim(
        inputs.generality,
        level_for(inputs.generality, inputs.novelty),
    )
    .domains;
    let mut list = Vec::new();
    if domains > 1 {
        list.push(Assumption::Domains);
    }
    if trains && templates.iter().any(|t| t.configs > 1) {
        list.push(Assumption::Tuning {
            kind: inputs.kind,
            tuning: inputs.uses(Field::Tuning).then_some(inputs.tuning),
            domains,
        });
    }
    list.extend(memory_cap(inputs, scaling, memory).map(Assumption::Memory));
    if inputs.uses_checkpoints() {
        list.push(Assumption::ModelFamily {
            family: inputs.family,
        });
    }
    if trains && templates.iter().any(|t| t.cost == RunCost::Eval) {
        list.push(Assumption::Evaluation {
            eval_tokens: inputs.eval_tokens,
            generated: decoding.is_some(),
        });
        list.extend(decoding.map(Assumption::Decoding));
    }
    if inputs.field == ResearchField::Rl {
        list.push(Assumption::DeepRlStatistics {
            seeds: design::RL_MIN_SEEDS,
            tasks: design::RL_MIN_TASKS,
        });
    }
    list
}

/// How generated tokens are priced, where models write answers: what binds
/// at the ladder's smallest and largest size.
fn decoding(inputs: &Inputs, scaling: &Scaling, scales: &[f64]) -> Option<Decoding> {
    let decode = scaling.decode?;
    let end = |scale: f64| {
        let time = scaling.decode_time(scale)?;
        Some((scale, time.batch, scaling.decode_bound(scale)?))
    };
    Some(Decoding {
        generated_tokens: scaling.generated_tokens(),
        bandwidth_gb_s: inputs.accelerator.bandwidth_gb_s,
        kv_share: decode.kv_share,
        max_batch: DECODE_MAX_BATCH,
        context: scaling.shape?.context,
        ends: [end(*scales.first()?)?, end(*scales.last()?)?],
    })
}

/// What a token costs beyond 2·N, where the field's architecture is known
/// and the axis knows model sizes.
fn per_token(scaling: &Scaling) -> Option<PerToken> {
    let shape = scaling.shape?;
    scaling.params_at(1.0)?;
    let extra = |n: f64| shape.forward_flops(n) / (2.0 * n) - 1.0;
    Some(PerToken {
        context: shape.context,
        vocab: (shape.vocab > 0.0).then_some(shape.vocab),
        embeddings_included: shape == Shape::LANGUAGE_CHECKPOINT,
        extra_at_20m: extra(20e6),
        extra_at_1b: extra(1e9),
    })
}

/// The memory cap, where the axis knows model sizes.
fn memory_cap(inputs: &Inputs, scaling: &Scaling, memory: &Memory) -> Option<MemoryCap> {
    scaling.params_at(1.0)?;
    let usage = Use::by(design::trains(inputs.kind), scaling.method);
    let max_params = memory.max_params(usage);
    Some(MemoryCap {
        accelerators: memory.count,
        per_accelerator_gb: memory.per_accelerator_gb,
        usage,
        max_params,
        max_params_without_embeddings: scaling
            .shape
            .filter(|s| s.vocab > 0.0)
            .map(|_| scaling.max_params_for(max_params)),
    })
}
