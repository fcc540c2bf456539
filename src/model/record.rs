//! The inputs as a record: one value per field, nothing else. The field
//! table (`fields`) reads and writes it through each row's accessor, and
//! `inputs` sets it from outside values; this module imports neither, so
//! the table and the record do not depend on each other both ways.

use serde::{Serialize, Serializer};

use super::axis::Axis;
use super::checkpoints::ModelFamily;
use super::choices::{ContributionKind, FinetuneMethod, ResearchField, Tuning};
use super::hardware::Accelerator;

/// Everything the plan depends on. Defaults are the essay's reference point: a
/// mid-level insight on 8 A100s for 30 days, pretraining language models.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Inputs {
    pub kind: ContributionKind,
    /// 1 one setting … 5 a general law of deep learning.
    pub generality: u8,
    /// 1 confirms consensus … 5 contradicts a near-fact such as "scale wins".
    pub novelty: u8,
    #[serde(serialize_with = "accelerator_id")]
    pub accelerator: &'static Accelerator,
    pub count: u32,
    pub hours: f64,
    pub mfu: f64,
    /// A total budget in FLOPs that replaces accelerator × count × hours × MFU.
    pub flops: Option<f64>,
    /// Cost of one accelerator-hour, in the user's currency.
    pub price: Option<f64>,
    pub tokens_per_param: f64,
    /// Smallest gain worth detecting, in the metric's units.
    pub effect: Option<f64>,
    /// Seed-to-seed standard deviation of the metric, same units as `effect`.
    pub noise: Option<f64>,
    /// Seed-to-seed standard deviation of the final loss, in nats: the
    /// spread the verdict's power assumes where it reads compute multipliers
    /// off the loss. Apart from `noise`, whose units are the metric's
    /// (accuracy points, say), which the loss curve cannot take.
    pub loss_noise: Option<f64>,
    pub alpha: f64,
    pub power: f64,
    /// The compute multiplier the method is expected to be worth (1 = no gain).
    pub multiplier: f64,
    /// Share of the budget kept for failed runs, debugging and evaluation.
    pub reserve: f64,
    /// The largest scale wanted (parameters on pretrain and finetune); the
    /// ladder is sized to it instead of to the whole budget.
    pub top: Option<f64>,
    pub axis: Axis,
    /// The smallest scale worth a run, in the axis's unit; the axis's default when empty.
    pub floor: Option<f64>,
    /// The data you have, in tokens: the fixed data of a fine-tuning ladder,
    /// and the size of a new dataset (to count how often it repeats).
    pub data_tokens: f64,
    /// The fixed model of a data ladder, in parameters.
    pub model_params: f64,
    /// Accelerator-hours of the smallest run, on the custom axis.
    pub base_hours: f64,
    /// How cost grows with scale on the custom axis: cost ∝ scale^exponent.
    pub exponent: f64,
    /// Currency code for costs, such as USD.
    pub currency: String,
    /// The research field, for its reviewers' conventions.
    pub field: ResearchField,
    /// How compared arms are tuned above the smallest rung.
    pub tuning: Tuning,
    /// Environment steps per second of one run on one accelerator (deep RL).
    pub steps_per_second: f64,
    /// The public family whose checkpoints a benchmark evaluates.
    pub family: ModelFamily,
    /// Tokens one model reads to answer one evaluation set (a subset of the benchmark).
    pub eval_tokens: f64,
    /// Of those, the tokens the model generates (decoding, priced by memory
    /// bandwidth); the rest are read in one forward pass.
    pub generated_tokens: f64,
    /// How models are fine-tuned on the fine-tuning axis.
    pub finetune_method: FinetuneMethod,
}

/// The accelerator by its id, as in the URL: `"a100"`.
fn accelerator_id<S: Serializer>(a: &&'static Accelerator, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(a.id)
}
