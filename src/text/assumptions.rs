//! The plan's assumptions in words: for each typed fact of
//! `model::assumptions`, the name, the value as the page shows it and where
//! the number comes from. The JSON's `assumptions`, the method section, the
//! print view and the Markdown all read these.

use serde::Serialize;

use super::format;
use crate::model::assumptions::{Assumption, Compute, Decoding, MemoryCap, PerToken};
use crate::model::axis::{Axis, Bound, Scaling};
use crate::model::checkpoints::ModelFamily;
use crate::model::design::{self, LR_CONFIGS, OPTIMIZER_CONFIGS, TUNING_CONFIGS};
use crate::model::inputs::{ContributionKind, Tuning};
use crate::model::memory::{
    Use, ACTIVATION_SHARE, ADAPTER_SHARE, EVAL_MARGIN, LORA_FROZEN_BYTES, QLORA_FROZEN_BYTES,
};
use crate::model::plan::Plan;
use crate::model::power::Worth;

/// One assumption as people read it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AssumptionText {
    pub name: &'static str,
    pub value: String,
    pub source: &'static str,
}

/// Every assumption of the plan, in its order.
pub fn of(plan: &Plan) -> Vec<AssumptionText> {
    plan.assumptions
        .iter()
        .map(|a| words(a, &plan.scaling))
        .collect()
}

/// An assumption's three parts.
fn text(name: &'static str, value: String, source: &'static str) -> AssumptionText {
    AssumptionText {
        name,
        value,
        source,
    }
}

/// One assumption's words; `scaling` names the unit of the rungs.
pub fn words(assumption: &Assumption, scaling: &Scaling) -> AssumptionText {
    match assumption {
        Assumption::RunCost { steps_per_second } => text(
            "Cost of one run",
            format!(
                "environment steps ÷ {} steps per second, on one accelerator; shown as the FLOPs that accelerator delivers in that time",
                format::count(*steps_per_second)
            ),
            "Your measurement (the default is a placeholder); simulation, not the network, sets the cost of most deep RL",
        ),
        Assumption::EvaluationCompute {
            eval_tokens,
            per_token,
            generated,
        } => with_per_token(
            evaluation_compute(*eval_tokens, *generated),
            per_token.as_ref(),
        ),
        Assumption::TrainingCompute { compute, per_token } => {
            with_per_token(training_compute(compute), per_token.as_ref())
        }
        Assumption::TokensPerParam { k } => text(
            "Tokens per parameter",
            format!("k = {}", format::number_text(*k)),
            "Hoffmann et al. 2022 (Chinchilla): about 20 tokens per parameter is compute-optimal",
        ),
        Assumption::AcceleratorPeak { accelerator: a } => text(
            "Accelerator peak",
            format!("{}: {} TFLOPS dense", a.name, format::number_text(a.peak_tflops)),
            a.source,
        ),
        Assumption::Utilisation { mfu } => text(
            "Model FLOPs utilisation",
            format::number_text(*mfu),
            "Epoch AI 2022, Estimating Training Compute: 0.3 for large language models, 0.4 otherwise",
        ),
        Assumption::Reserve { share } => text(
            "Reserve",
            format!("{} of the budget", format::percent(*share)),
            "Our calibration for failed runs, debugging and evaluation; OPT-175B's logbook records dozens of restarts (Zhang et al. 2022)",
        ),
        Assumption::EvidenceLevels => text(
            "Evidence levels",
            "the level table, the 5×5 map and the counts per level".into(),
            "Our calibration of the essay's direction: broader and less conventional claims need more; the numbers are ours, not the essay's",
        ),
        Assumption::SmallestScale { floor, given } => smallest_scale(*floor, *given, scaling),
        Assumption::Placement => text(
            "Where runs go",
            "most arms, settings and ablations at the smallest size; every baseline at the middle sizes; the headline at the largest".into(),
            "Our placement, after the essay's advice to do most experiments small (about 50% small, 30% medium, 20% large); the split by count and compute is shown beside it",
        ),
        Assumption::WallClock { one_accelerator } => wall_clock(*one_accelerator),
        Assumption::Domains => text(
            "Domains",
            "one ladder of sizes for every domain; use each domain's own model sizes where they differ".into(),
            "Our simplification",
        ),
        Assumption::Tuning { kind, tuning, domains } => tuning_words(*kind, *tuning, *domains),
        Assumption::Memory(cap) => memory_words(cap),
        Assumption::ModelFamily { family } => model_family(*family),
        Assumption::Evaluation {
            eval_tokens,
            generated,
        } => evaluation(*eval_tokens, *generated),
        Assumption::Decoding(d) => decoding(d, scaling),
        Assumption::DeepRlStatistics { seeds, tasks } => deep_rl_statistics(*seeds, *tasks),
        Assumption::VerdictPower {
            worth,
            seed_sd,
            given,
        } => verdict_power(*worth, *seed_sd, *given),
        Assumption::TestLevel { alpha, power } => test_level(*alpha, *power),
    }
}

/// Deep RL's seeds and tasks at the headline, and how tasks are aggregated.
fn deep_rl_statistics(seeds: u32, tasks: u32) -> AssumptionText {
    text(
        "Deep RL statistics",
        format!(
            "at least {seeds} seeds per arm on each of at least {tasks} tasks at the headline; tasks aggregated by the interquartile mean with stratified bootstrap intervals"
        ),
        "Henderson et al. 2018 (Deep RL that Matters); Agarwal et al. 2021 (rliable)",
    )
}

/// The t-test's level and power.
fn test_level(alpha: f64, power: f64) -> AssumptionText {
    text(
        "Test level and power",
        format!(
            "α = {}, power = {}",
            format::number_text(alpha),
            format::number_text(power)
        ),
        "Cohen 1988, Statistical Power Analysis for the Behavioral Sciences; seeds from the exact power of the noncentral t (as G*Power computes it)",
    )
}

/// What the verdict's power assumes: the method's worth and the seed noise.
fn verdict_power(worth: Worth, seed_sd: f64, given: bool) -> AssumptionText {
    let yours = if given { "yours" } else { "ours" };
    match worth {
        Worth::Multiplier(m) => text(
            "Verdict's power",
            format!(
                "a method worth {}× compute (the Multiplier input), seed-to-seed spread {} in the loss ({yours}), on a loss curve shaped like Chinchilla's",
                format::number_text(m),
                format::number_text(seed_sd)
            ),
            "Hoffmann et al. 2022 (Chinchilla), approach 3's fitted loss, for the curve's shape; the spread and the default multiplier 1.5 are our assumptions: measure the spread from the first stage's seeds and enter it as Loss noise",
        ),
        Worth::Gain { sds, tasks } => text(
            "Verdict's power",
            format!(
                "a gain of {} seed-to-seed SD on each of {} ({yours}), tasks alike in seed noise",
                format::number_text(sds),
                format::plural(u64::from(tasks), "task", "tasks")
            ),
            "Our assumption: deep-RL gains are often no larger than the spread between seeds (Henderson et al. 2018); set Effect and Noise to assume another gain. Aggregated as Results does (Agarwal et al. 2021)",
        ),
    }
}

/// A kind that only evaluates: what one evaluation costs.
fn evaluation_compute(eval_tokens: f64, generated: bool) -> AssumptionText {
    text(
        "Evaluation compute",
        format!(
            "a forward pass over {} tokens per evaluation (your evaluation-set size){}",
            format::count(eval_tokens),
            if generated {
                "; the tokens the models write are priced by memory bandwidth where it binds (Generated tokens)"
            } else {
                "; generated answers decode one token at a time, reading every weight at each step, so they are bound by memory bandwidth and take longer than this prices: time one"
            }
        ),
        "Kaplan et al. 2020 (2·N per token); the default set, 5,000 items of 1,000 tokens, is our assumption",
    )
}

/// How runs share the accelerators over time.
fn wall_clock(one_accelerator: bool) -> AssumptionText {
    text(
        "Wall-clock time",
        if one_accelerator {
            "each run on one accelerator, runs in parallel on the others".into()
        } else {
            "each run on all the accelerators at once, runs one after another, at one MFU for every size; under about 100M parameters runs fall short of it, so share the accelerators out among them".into()
        },
        "Our simplification and assumption",
    )
}

/// The released sizes the rungs are.
fn model_family(family: ModelFamily) -> AssumptionText {
    let sizes: Vec<String> = family.sizes().iter().map(|&s| format::size(s)).collect();
    text(
        "Model family",
        format!(
            "rungs are released {} sizes: {}",
            family.name(),
            sizes.join(", ")
        ),
        family.source(),
    )
}

/// Evaluations priced beside training.
fn evaluation(eval_tokens: f64, generated: bool) -> AssumptionText {
    text(
        "Evaluation",
        format!(
            "a forward pass (2·N FLOPs per token, more with attention where the shape is known) over {} tokens per evaluation{}",
            format::count(eval_tokens),
            if generated {
                "; the tokens the models write are priced by memory bandwidth where it binds (Generated tokens)"
            } else {
                ""
            }
        ),
        "Kaplan et al. 2020 (2·N per token); the evaluation set's size is your input (default 5,000 items of 1,000 tokens, our assumption)",
    )
}

/// Generated tokens: the formula, its constants and which limit binds at
/// the ladder's ends.
fn decoding(d: &Decoding, scaling: &Scaling) -> AssumptionText {
    let bound = |b: Bound| match b {
        Bound::Compute => "compute",
        Bound::Bandwidth => "memory bandwidth",
    };
    let [(low, low_batch, low_bound), (high, high_batch, high_bound)] = d.ends;
    let size = |x: f64| match scaling.axis {
        Axis::Data => "the model".to_owned(),
        _ => format::size(x),
    };
    let binds = if low_bound == high_bound || low == high {
        format!(
            "{} binds at every size (batch {} at {}, {} at {})",
            bound(high_bound),
            format::number_text(low_batch),
            size(low),
            format::number_text(high_batch),
            size(high)
        )
    } else {
        format!(
            "{} binds at {} (batch {}), {} at {} (batch {})",
            bound(low_bound),
            size(low),
            format::number_text(low_batch),
            bound(high_bound),
            size(high),
            format::number_text(high_batch)
        )
    };
    let cache = if d.kv_share < 1.0 {
        format!(
            "grouped-query attention keeps {} of multi-head attention's cache",
            format::percent(d.kv_share)
        )
    } else {
        "multi-head attention".to_owned()
    };
    text(
        "Generated tokens",
        format!(
            "{} tokens per evaluation are written one at a time; each step reads the weights (2 bytes per parameter) once for a batch of up to {} sequences that fits beside them in 90% of memory, and each sequence's key-value cache (2·L·d values of 2 bytes per token, {cache}) at half the {}-token context, at {} GB/s per accelerator (memory bandwidth): s = G·(W/b + K)/B accelerator-seconds. An evaluation costs F·(T − G) + max(F·G, s·R), the slower of compute and bandwidth, shown as the FLOPs the accelerators deliver in that time; {binds}",
            format::count(d.generated_tokens),
            format::number_text(d.max_batch),
            format::whole(d.context as u32),
            format::whole(d.bandwidth_gb_s as u32),
        ),
        "Pope et al. 2022 (Efficiently Scaling Transformer Inference: decoding at small batch is bound by memory bandwidth; the key-value cache); Williams et al. 2009 (roofline); vLLM's defaults (256 sequences, 90% of memory); bandwidth from the accelerator's datasheet; the tokens generated are your input",
    )
}

/// A training run's cost on its axis.
fn training_compute(compute: &Compute) -> AssumptionText {
    let value = match *compute {
        Compute::Pretrain => "C ≈ 6·N·D, D = k·N, so C grows with N²".into(),
        Compute::Finetune {
            flops_per_param_token,
            data_tokens,
            adapters,
        } => format!(
            "C ≈ {}·N·D with fixed data D = {} tokens, so C grows with N{}",
            format::number_text(flops_per_param_token),
            format::count(data_tokens),
            if adapters {
                " (adapters only: the forward pass and the activations' gradients through the frozen model, no weight gradients)"
            } else {
                ""
            }
        ),
        Compute::Data { model_params } => format!(
            "C ≈ 6·N·D with a fixed model N = {} parameters, so C grows with D",
            format::count(model_params)
        ),
        Compute::Custom {
            base_hours,
            exponent,
        } => format!(
            "{} accelerator-hours for the smallest run, growing with scale^{}",
            format::number(base_hours),
            format::number_text(exponent)
        ),
    };
    let source = match compute {
        Compute::Custom { .. } => "Your measurement of one run",
        Compute::Finetune { adapters: true, .. } => "Kaplan et al. 2020: 2 FLOPs per parameter per token forward, twice that backward, of which the frozen weights skip the half that computes their gradients; Hu et al. 2021 (LoRA, Section 4.2)",
        _ => "Kaplan et al. 2020, Scaling Laws for Neural Language Models: 6 FLOPs per parameter per token",
    };
    AssumptionText {
        name: "Training compute per run",
        value,
        source,
    }
}

/// The source of the per-token cost, when it is added to a run's.
const PER_TOKEN_SOURCE: &str = "Kaplan et al. 2020, Table 1; the output layer as in Hoffmann et al. 2022, Appendix F; adapters: Hu et al. 2021; the width per layer is our assumption";

/// A run's cost refined by what a token costs beyond 2·N, where known.
fn with_per_token(run: AssumptionText, per_token: Option<&PerToken>) -> AssumptionText {
    let Some(p) = per_token else {
        return run;
    };
    let (output, vocab) = match p.vocab {
        Some(v) => (" + 2·d·V", format!(", V = {}", format::whole(v as u32))),
        None => ("", String::new()),
    };
    let n = if p.embeddings_included {
        "N the released size, embeddings included"
    } else {
        "N without embeddings"
    };
    AssumptionText {
        value: format!(
            "{}; per token a forward pass costs 2·N + 2·L·n_ctx·d{output} (n_ctx = {}{vocab}; {n}; L = (N/196,608)^⅓ layers of width 128·L): +{} at 20M, +{} at 1B",
            run.value,
            format::whole(p.context as u32),
            format::percent(p.extra_at_20m),
            format::percent(p.extra_at_1b),
        ),
        source: PER_TOKEN_SOURCE,
        ..run
    }
}

/// The bottom rung, and whose number it is.
fn smallest_scale(floor: f64, given: bool, scaling: &Scaling) -> AssumptionText {
    AssumptionText {
        name: "Smallest scale worth a run",
        value: match scaling.axis {
            Axis::Custom => format!("{}× the smallest run", format::number(floor)),
            _ => format!("{} {}", format::count(floor), scaling.unit()),
        },
        source: match (given, scaling.axis) {
            (true, _) => "Your input",
            (false, Axis::Pretrain | Axis::Finetune) => {
                "Our assumption: Pythia starts at 14M (Biderman et al. 2023), Chinchilla's fits at 70M"
            }
            (false, Axis::Data) => "Our assumption: below 100M tokens a run says little about scaling",
            (false, Axis::Custom) => "The smallest run itself",
        },
    }
}

const SWEEP_SOURCE: &str = "Our calibration: Bergstra & Bengio 2012 (random search); Dodge et al. 2019 (equal tuning budgets); the best learning rate moves with size (Brown et al. 2020: 6e-4 at 125M, 2e-4 at 1.3B)";

const MUP_SOURCE: &str = "Yang et al. 2022, Tensor Programs V (μTransfer): hyperparameters tuned small transfer across width under the maximal-update parametrisation; its theory does not cover depth or training length, hence the check; the small sweep is our calibration (Bergstra & Bengio 2012; Dodge et al. 2019)";

/// How the compared arms are tuned, as the design does it for this kind.
/// Only the kinds whose form shows Tuning have one (the others read as a sweep).
fn tuning_words(kind: ContributionKind, tuning: Option<Tuning>, domains: u32) -> AssumptionText {
    let tuning = tuning.unwrap_or(Tuning::Sweep);
    let in_domains = if domains > 1 {
        format!(", in each of {domains} domains")
    } else {
        String::new()
    };
    let above = match tuning {
        Tuning::Sweep => "at every larger size",
        Tuning::Mup => "transferred to larger sizes by μP, with the transfer checked by 3 learning rates at each middle size (the largest where there is none)",
    };
    let (value, source) = match (kind, tuning) {
        (ContributionKind::Insight, Tuning::Sweep) => (
            format!("{TUNING_CONFIGS} configurations per arm at the smallest size, then {LR_CONFIGS} learning rates per compared arm {above}{in_domains}"),
            SWEEP_SOURCE,
        ),
        // The idea that did not help gets twice each baseline's tuning, so
        // "it was under-tuned" is ruled out (design.rs).
        (ContributionKind::NegativeResult, Tuning::Sweep) => (
            format!(
                "{} configurations for the idea and {TUNING_CONFIGS} per baseline at the smallest size, then {} learning rates for the idea and {LR_CONFIGS} for the strongest baseline {above}{in_domains}",
                2 * TUNING_CONFIGS,
                2 * LR_CONFIGS,
            ),
            SWEEP_SOURCE,
        ),
        (ContributionKind::NegativeResult, Tuning::Mup) => (
            format!(
                "{} configurations for the idea and {TUNING_CONFIGS} per baseline at the smallest size, {above}{in_domains}",
                2 * TUNING_CONFIGS,
            ),
            MUP_SOURCE,
        ),
        (ContributionKind::Insight | ContributionKind::Codebase, Tuning::Mup) => (
            format!("{TUNING_CONFIGS} configurations per arm at the smallest size, {above}{in_domains}"),
            MUP_SOURCE,
        ),
        (ContributionKind::Codebase, Tuning::Sweep) => (
            format!("{TUNING_CONFIGS} configurations per codebase at the smallest size, then {LR_CONFIGS} learning rates per codebase {above}{in_domains}"),
            SWEEP_SOURCE,
        ),
        (ContributionKind::Optimizer, _) => (
            format!(
                "{OPTIMIZER_CONFIGS} configurations (learning rate, warm-up, weight decay, β₂: 3 values each, coordinate-wise) per optimiser at every size compared and at a second data ratio, {}× the tokens per parameter{in_domains}",
                format::number_text(design::DATA_RATIO)
            ),
            "Wen et al. 2025 (Fantastic Pretraining Optimizers): every hyperparameter swept per size and data ratio; Dahl et al. 2023 (AlgoPerf); Kaddour et al. 2023 (No Train No Gain); the count is our calibration",
        ),
        // Models and datasets search a recipe, not compared arms' settings.
        _ => (
            format!("{TUNING_CONFIGS} candidate configurations at the smallest size"),
            "Our calibration: Bergstra & Bengio 2012 (random search)",
        ),
    };
    AssumptionText {
        name: "Tuning",
        value,
        source,
    }
}

/// The memory cap and what one parameter costs for the run's use.
fn memory_words(cap: &MemoryCap) -> AssumptionText {
    let on = if cap.accelerators > 1 {
        "sharded over all of them"
    } else {
        // Simulation-bound deep RL: one accelerator per run.
        "on the one accelerator a run uses"
    };
    let kept = format::percent(ACTIVATION_SHARE);
    let (what, source) = match cap.usage {
        Use::Train => (
            format!("training: 16 bytes per parameter {on}, {kept} of memory kept for activations"),
            "Rajbhandari et al. 2020 (ZeRO): Adam in mixed precision keeps 16 bytes per parameter; the activation share is our assumption; memory from the vendor's datasheet",
        ),
        Use::Lora | Use::Qlora => (
            format!(
                "{}: frozen weights at {} bytes per parameter plus adapters of {} of the parameters at 16 bytes each, {on}, {kept} of memory kept for activations",
                if cap.usage == Use::Lora { "LoRA" } else { "QLoRA" },
                format::number_text(if cap.usage == Use::Lora { LORA_FROZEN_BYTES } else { (QLORA_FROZEN_BYTES * 100.0).round() / 100.0 }),
                format::percent(ADAPTER_SHARE)
            ),
            "Hu et al. 2021 (LoRA): only adapters train, the bf16 weights stay frozen; Dettmers et al. 2023 (QLoRA): 4-bit NormalFloat weights with double-quantised constants (0.127 bits per parameter); the adapter share (rank 16–64 on every linear layer) and the activation share are our assumptions",
        ),
        Use::Evaluate => (
            format!(
                "evaluation: 2 bytes per parameter plus {} for the cache and activations",
                format::percent(EVAL_MARGIN)
            ),
            "bf16 weights; the margin is our assumption; memory from the vendor's datasheet",
        ),
    };
    AssumptionText {
        name: "Memory",
        value: format!(
            "{} × {} GB hold at most {} parameters for {what}{}",
            cap.accelerators,
            format::number_text(cap.per_accelerator_gb),
            format::count(cap.max_params),
            match cap.max_params_without_embeddings {
                Some(n) => format!(", N ≤ {} without the embeddings", format::count(n)),
                None => String::new(),
            }
        ),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::inputs::{FieldValue, Inputs};

    fn named<'a>(list: &'a [AssumptionText], name: &str) -> &'a AssumptionText {
        list.iter()
            .find(|a| a.name == name)
            .unwrap_or_else(|| panic!("no assumption {name}"))
    }

    #[test]
    fn a_negative_result_states_the_ideas_double_sweep() {
        let plan =
            Plan::from_pairs([("kind", FieldValue::Text("negative_result".into()))]).expect("ok");
        let words = of(&plan);
        let tuning = named(&words, "Tuning");
        assert!(
            tuning.value.starts_with(&format!(
                "{} configurations for the idea and {TUNING_CONFIGS} per baseline",
                2 * TUNING_CONFIGS
            )),
            "{}",
            tuning.value
        );
        assert_eq!(tuning.source, SWEEP_SOURCE);
    }

    #[test]
    fn the_cost_per_token_refines_the_first_assumption_and_takes_its_source() {
        let plan = Plan::new(Inputs::default());
        let first = &of(&plan)[0];
        assert_eq!(first.name, "Training compute per run");
        assert!(first
            .value
            .starts_with("C ≈ 6·N·D, D = k·N, so C grows with N²; per token"));
        assert_eq!(first.source, PER_TOKEN_SOURCE);
        // Each fact has one line, in the model's order.
        assert_eq!(of(&plan).len(), plan.assumptions.len());
    }

    #[test]
    fn memory_states_its_cap_with_and_without_embeddings() {
        let cap = MemoryCap {
            accelerators: 8,
            per_accelerator_gb: 80.0,
            usage: Use::Train,
            max_params: 30e9,
            max_params_without_embeddings: Some(29e9),
        };
        let words = memory_words(&cap);
        assert!(
            words.value.starts_with("8 × 80 GB hold at most 30B parameters for training: 16 bytes per parameter sharded over all of them"),
            "{}",
            words.value
        );
        assert!(
            words.value.ends_with(", N ≤ 29B without the embeddings"),
            "{}",
            words.value
        );
        let alone = memory_words(&MemoryCap {
            accelerators: 1,
            max_params_without_embeddings: None,
            ..cap
        });
        assert!(alone.value.contains("on the one accelerator a run uses"));
        assert!(!alone.value.contains("embeddings"));
    }
}
