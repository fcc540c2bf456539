//! What the ladder scales, and what one run costs at a scale.
//!
//! - `pretrain`: model size N with compute-optimal data, C = 6·N·D, D = k·N,
//!   so C ∝ N² (Kaplan et al. 2020; Hoffmann et al. 2022).
//! - `finetune`: base models of growing size on fixed data D, C = 6·N·D ∝ N.
//! - `data`: one fixed model of N parameters on growing data (or steps) D,
//!   C = 6·N·D ∝ D.
//! - `custom`: the researcher measures the smallest run (accelerator-hours)
//!   and says how cost grows: cost ∝ scale^exponent, the scale counted in
//!   multiples of the smallest run.

use serde::Serialize;

/// FLOPs per parameter per training token (forward and backward pass).
/// Source: Kaplan et al. 2020, "Scaling Laws for Neural Language Models", C ≈ 6·N·D.
pub const TRAIN_FLOPS_PER_PARAM_TOKEN: f64 = 6.0;

/// FLOPs per parameter per token of a forward pass alone, as evaluation costs.
/// Source: Kaplan et al. 2020, C_forward ≈ 2·N per token.
pub const EVAL_FLOPS_PER_PARAM_TOKEN: f64 = 2.0;

/// Tokens one evaluation of a model reads: 5,000 items of 1,000 tokens
/// (prompt and answer). Our assumption, the size of a typical benchmark suite
/// run such as MMLU's 14,042 questions at a few hundred tokens each.
pub const EVAL_TOKENS: f64 = 5e6;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Axis {
    Pretrain,
    Data,
    Finetune,
    Custom,
}

impl Axis {
    pub const ALL: [Self; 4] = [Self::Pretrain, Self::Data, Self::Finetune, Self::Custom];

    pub fn id(self) -> &'static str {
        match self {
            Self::Pretrain => "pretrain",
            Self::Data => "data",
            Self::Finetune => "finetune",
            Self::Custom => "custom",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Pretrain => "Pretraining: model size, compute-optimal data",
            Self::Data => "Data: one model, growing data or steps",
            Self::Finetune => "Fixed data: growing models, e.g. fine-tuning",
            Self::Custom => "Custom: my own cost per run",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.id() == id)
    }

    /// What the rungs are counted in, singular and plural: "parameters".
    pub fn unit(self) -> &'static str {
        match self {
            Self::Pretrain | Self::Finetune => "parameters",
            Self::Data => "tokens or steps",
            Self::Custom => "× the smallest run",
        }
    }

    /// The ladder table's heading for the scale column.
    pub fn scale_heading(self) -> &'static str {
        match self {
            Self::Pretrain | Self::Finetune => "Parameters",
            Self::Data => "Training tokens or steps",
            Self::Custom => "Scale",
        }
    }

    /// The heading of the column that the axis keeps fixed or derives, if any.
    pub fn other_heading(self) -> Option<&'static str> {
        match self {
            Self::Pretrain => Some("Tokens"),
            // Images × epochs × tokens per image for vision presets.
            Self::Finetune => Some("Tokens seen (data × epochs)"),
            Self::Data => Some("Parameters"),
            Self::Custom => None,
        }
    }
}

/// One axis with its numbers filled in: how compute grows with scale, and the
/// smallest scale worth a run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scaling {
    pub axis: Axis,
    /// Training tokens per parameter (pretrain).
    pub tokens_per_param: f64,
    /// The fixed data, in tokens (finetune).
    pub data_tokens: f64,
    /// The fixed model, in parameters (data).
    pub model_params: f64,
    /// Accelerator-hours of the smallest run (custom).
    pub base_hours: f64,
    /// Useful FLOPs one accelerator delivers in an hour (custom runs in hours).
    pub flops_per_accelerator_hour: f64,
    /// Compute ∝ scale^exponent: 2 for pretrain, 1 for data and finetune.
    pub exponent: f64,
    /// The smallest scale worth training, in the axis's unit.
    pub floor: f64,
}

impl Scaling {
    /// FLOPs of one training run at `scale`.
    ///
    /// ```
    /// use evidence_ladder::model::axis::{Axis, Scaling};
    /// let s = Scaling::pretrain(20.0, 20e6);
    /// assert_eq!(s.train_flops(1e9), 6.0 * 1e9 * 20.0 * 1e9);
    /// ```
    pub fn train_flops(&self, scale: f64) -> f64 {
        match self.axis {
            Axis::Pretrain => TRAIN_FLOPS_PER_PARAM_TOKEN * scale * self.tokens_per_param * scale,
            Axis::Finetune => TRAIN_FLOPS_PER_PARAM_TOKEN * scale * self.data_tokens,
            Axis::Data => TRAIN_FLOPS_PER_PARAM_TOKEN * self.model_params * scale,
            Axis::Custom => {
                self.base_hours * scale.powf(self.exponent) * self.flops_per_accelerator_hour
            }
        }
    }

    /// FLOPs of evaluating the model of this rung once: a forward pass over
    /// [`EVAL_TOKENS`]. On the custom axis, where no model size is known, 1%
    /// of a training run (our assumption).
    pub fn eval_flops(&self, scale: f64) -> f64 {
        match self.params_at(scale) {
            Some(params) => EVAL_FLOPS_PER_PARAM_TOKEN * params * EVAL_TOKENS,
            None => 0.01 * self.train_flops(scale),
        }
    }

    /// Parameters of the model at this rung, where the axis knows them.
    pub fn params_at(&self, scale: f64) -> Option<f64> {
        match self.axis {
            Axis::Pretrain | Axis::Finetune => Some(scale),
            Axis::Data => Some(self.model_params),
            Axis::Custom => None,
        }
    }

    /// Training tokens of one run at this rung, where the axis knows them.
    pub fn tokens_at(&self, scale: f64) -> Option<f64> {
        match self.axis {
            Axis::Pretrain => Some(self.tokens_per_param * scale),
            Axis::Finetune => Some(self.data_tokens),
            Axis::Data => Some(scale),
            Axis::Custom => None,
        }
    }

    /// How much the scale must grow for compute to grow by `span`.
    pub fn scale_ratio(&self, span: f64) -> f64 {
        span.powf(1.0 / self.exponent)
    }

    /// Compute-optimal pretraining with `k` tokens per parameter.
    pub fn pretrain(k: f64, floor: f64) -> Self {
        Scaling {
            axis: Axis::Pretrain,
            tokens_per_param: k,
            data_tokens: 0.0,
            model_params: 0.0,
            base_hours: 0.0,
            flops_per_accelerator_hour: 0.0,
            exponent: 2.0,
            floor,
        }
    }
}

/// The smallest scale worth a run on each axis, when the researcher gives none.
/// Pretrain and finetune: 20M parameters, our assumption bracketed by public LM
/// suites (Pythia starts at 14M, Biderman et al. 2023; Chinchilla's fits at
/// 70M, Hoffmann et al. 2022). Data: 100M tokens, our assumption (below that
/// a run says little about scaling). Custom: the smallest run itself.
pub fn default_floor(axis: Axis) -> f64 {
    match axis {
        Axis::Pretrain | Axis::Finetune => 20e6,
        Axis::Data => 1e8,
        Axis::Custom => 1.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scaling(axis: Axis) -> Scaling {
        Scaling {
            axis,
            tokens_per_param: 20.0,
            data_tokens: 1e9,
            model_params: 1e8,
            base_hours: 3.0,
            flops_per_accelerator_hour: 1e18,
            exponent: match axis {
                Axis::Pretrain => 2.0,
                Axis::Custom => 1.5,
                _ => 1.0,
            },
            floor: default_floor(axis),
        }
    }

    #[test]
    fn ids_round_trip() {
        for a in Axis::ALL {
            assert_eq!(Axis::from_id(a.id()), Some(a));
        }
    }

    #[test]
    fn each_axis_grows_as_documented() {
        let p = scaling(Axis::Pretrain);
        assert!((p.train_flops(2e8) / p.train_flops(1e8) - 4.0).abs() < 1e-12);
        for axis in [Axis::Finetune, Axis::Data] {
            let s = scaling(axis);
            assert!((s.train_flops(2e8) / s.train_flops(1e8) - 2.0).abs() < 1e-12);
        }
        let c = scaling(Axis::Custom);
        assert!((c.train_flops(1.0) - 3.0 * 1e18).abs() < 1.0);
        assert!((c.train_flops(4.0) / c.train_flops(1.0) - 8.0).abs() < 1e-12);
    }

    #[test]
    fn scale_ratio_undoes_the_exponent() {
        assert!((scaling(Axis::Pretrain).scale_ratio(100.0) - 10.0).abs() < 1e-12);
        assert!((scaling(Axis::Data).scale_ratio(100.0) - 100.0).abs() < 1e-9);
    }
}
