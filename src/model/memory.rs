//! What one run needs in accelerator memory, and the largest model the
//! researcher's accelerators hold: no plan may ask for a run that cannot start.

use serde::Serialize;

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

/// What a run does with the model, which decides its memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Use {
    Train,
    Evaluate,
}

impl Use {
    /// Training where the design trains models, else evaluation.
    pub fn of(trains: bool) -> Use {
        if trains {
            Use::Train
        } else {
            Use::Evaluate
        }
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
        let bytes = match usage {
            Use::Train => params * TRAIN_BYTES_PER_PARAM,
            Use::Evaluate => params * EVAL_BYTES_PER_PARAM,
        };
        bytes / f64::from(self.count.max(1)) / 1e9
    }

    /// GB of each accelerator that model states may fill: the rest is kept
    /// for activations (training) or the cache and activations (evaluation).
    pub fn usable_gb(&self, usage: Use) -> f64 {
        match usage {
            Use::Train => self.per_accelerator_gb * (1.0 - ACTIVATION_SHARE),
            Use::Evaluate => self.per_accelerator_gb / (1.0 + EVAL_MARGIN),
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
        let usable = self.usable_gb(usage) * 1e9 * f64::from(self.count.max(1));
        match usage {
            Use::Train => usable / TRAIN_BYTES_PER_PARAM,
            Use::Evaluate => usable / EVAL_BYTES_PER_PARAM,
        }
    }
}
