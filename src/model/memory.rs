//! What one run needs in accelerator memory, and the largest model the
//! researcher's accelerators hold: no plan may ask for a run that cannot start.

use serde::Serialize;

use super::choices::FinetuneMethod;
use super::hardware::Accelerator;

/// Bytes per parameter of full training with Adam in mixed precision: 2 for
/// bf16 weights, 2 for gradients, 4 for the fp32 master copy and 4 + 4 for
/// Adam's two moments (Rajbhandari et al. 2020, "ZeRO", Section 3.1).
pub const TRAIN_BYTES_PER_PARAM: f64 = 16.0;

/// Share of each accelerator's memory left for activations, buffers and
/// fragmentation once the model states are sharded over all accelerators
/// (ZeRO stage 3 / FSDP) with activation checkpointing. Our assumption: a
/// quarter is what such runs commonly leave free at moderate batch sizes.
pub const ACTIVATION_SHARE: f64 = 0.25;

/// Bytes per parameter to evaluate a model: its bf16 weights.
pub const EVAL_BYTES_PER_PARAM: f64 = 2.0;

/// Memory beyond the weights for evaluation (KV cache, activations,
/// runtime), as a share of the weights. Our assumption for batched
/// evaluation at benchmark context lengths.
pub const EVAL_MARGIN: f64 = 0.2;

/// Trainable adapter parameters as a share of the frozen model's: rank 16 to
/// 64 on every linear layer, as QLoRA recommends, comes to 0.5–1.2% of a
/// LLaMA's weights (Dettmers et al. 2023, Section 4: adapters on all layers
/// are needed to match full fine-tuning). Our assumption: 1%.
pub const ADAPTER_SHARE: f64 = 0.01;

/// Bytes per frozen parameter of LoRA: the bf16 weights (Hu et al. 2021).
pub const LORA_FROZEN_BYTES: f64 = 2.0;

/// Bytes per frozen parameter of QLoRA: 4-bit NormalFloat weights (0.5
/// bytes) plus double-quantised constants, 0.127 bits per parameter
/// (Dettmers et al. 2023, "QLoRA", Section 3).
pub const QLORA_FROZEN_BYTES: f64 = 0.5 + 0.127 / 8.0;

/// What a run does with the model, which decides its memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Use {
    /// Every weight trained, with Adam.
    Train,
    /// Adapters trained on frozen bf16 weights.
    Lora,
    /// Adapters trained on frozen 4-bit weights.
    Qlora,
    Evaluate,
}

impl Use {
    /// Training where the design trains models, else evaluation; the
    /// memory left for activations is the same whatever trains.
    pub fn of(trains: bool) -> Use {
        if trains {
            Use::Train
        } else {
            Use::Evaluate
        }
    }

    /// What a run of a design that trains (or only evaluates) needs, with
    /// this fine-tuning method.
    pub fn by(trains: bool, method: FinetuneMethod) -> Use {
        match (trains, method) {
            (false, _) => Use::Evaluate,
            (true, FinetuneMethod::Full) => Use::Train,
            (true, FinetuneMethod::Lora) => Use::Lora,
            (true, FinetuneMethod::Qlora) => Use::Qlora,
        }
    }

    /// Bytes of model states per parameter of the model: the frozen weights
    /// plus the adapters' weights, gradients and Adam's moments where only
    /// adapters train.
    pub fn bytes_per_param(self) -> f64 {
        let adapters = ADAPTER_SHARE * TRAIN_BYTES_PER_PARAM;
        match self {
            Use::Train => TRAIN_BYTES_PER_PARAM,
            Use::Lora => LORA_FROZEN_BYTES + adapters,
            Use::Qlora => QLORA_FROZEN_BYTES + adapters,
            Use::Evaluate => EVAL_BYTES_PER_PARAM,
        }
    }

    fn trains(self) -> bool {
        self != Use::Evaluate
    }
}

/// The memory the researcher's accelerators offer a run that uses all of them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Memory {
    /// Memory of one accelerator, GB.
    pub per_accelerator_gb: f64,
    pub count: u32,
}

impl Memory {
    pub fn of(accelerator: &Accelerator, count: u32) -> Self {
        Memory {
            per_accelerator_gb: accelerator.memory_gb,
            count,
        }
    }

    /// GB of model states one accelerator holds for a model of `params`,
    /// sharded over all: weights, gradients and Adam's moments for
    /// training, the weights for evaluation. Activations (and an
    /// evaluation's cache) come out of the rest, [`Memory::usable_gb`] of it.
    ///
    /// ```
    /// use evidence_ladder::model::memory::{Memory, Use};
    /// let m = Memory { per_accelerator_gb: 80.0, count: 8 };
    /// // 7B parameters × 16 bytes over 8 accelerators.
    /// assert!((m.needed_gb(7e9, Use::Train) - 14.0).abs() < 1e-9);
    /// ```
    pub fn needed_gb(&self, params: f64, usage: Use) -> f64 {
        params * usage.bytes_per_param() / f64::from(self.count.max(1)) / 1e9
    }

    /// GB of each accelerator that model states may fill: the rest is kept
    /// for activations (training) or the cache and activations (evaluation).
    pub fn usable_gb(&self, usage: Use) -> f64 {
        if usage.trains() {
            self.per_accelerator_gb * (1.0 - ACTIVATION_SHARE)
        } else {
            self.per_accelerator_gb / (1.0 + EVAL_MARGIN)
        }
    }

    /// The largest model these accelerators hold for this use.
    ///
    /// ```
    /// use evidence_ladder::model::memory::{Memory, Use};
    /// let m = Memory { per_accelerator_gb: 80.0, count: 8 };
    /// assert_eq!(m.max_params(Use::Train), 30e9);
    /// assert!((m.max_params(Use::Evaluate) / 266.7e9 - 1.0).abs() < 1e-3);
    /// ```
    pub fn max_params(&self, usage: Use) -> f64 {
        self.usable_gb(usage) * 1e9 * f64::from(self.count.max(1)) / usage.bytes_per_param()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adapters_fit_far_larger_models_than_full_fine_tuning() {
        // One 80 GB A100: full fine-tuning holds under 4B parameters, LoRA
        // Llama 3 8B, QLoRA Llama 3 70B (Dettmers et al. 2023 tune 65B on
        // one 48 GB GPU with paged optimisers; our activation share is wider).
        let m = Memory {
            per_accelerator_gb: 80.0,
            count: 1,
        };
        assert!(m.max_params(Use::Train) < 4e9);
        assert!(m.max_params(Use::Lora) > 8e9 && m.max_params(Use::Lora) < 70e9);
        assert!(m.max_params(Use::Qlora) > 70e9);
        assert!(Use::Qlora.bytes_per_param() < 0.7);
    }
}
