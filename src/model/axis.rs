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

use super::choices::{ContributionKind, FinetuneMethod};

/// FLOPs per parameter per training token (forward and backward pass).
/// Source: Kaplan et al. 2020, "Scaling Laws for Neural Language Models", C ≈ 6·N·D.
pub const TRAIN_FLOPS_PER_PARAM_TOKEN: f64 = 6.0;

/// FLOPs per parameter per training token when only adapters train (LoRA,
/// QLoRA): the forward pass (2) and the backward pass's gradients with
/// respect to activations (2), without the frozen weights' own gradients
/// (the other 2 of the 6; Kaplan et al. 2020 count the backward pass as
/// twice the forward; Hu et al. 2021, Section 4.2, measure about 25% faster
/// training for GPT-3 175B). Adapters add under 1% (`memory::ADAPTER_SHARE`).
pub const ADAPTER_FLOPS_PER_PARAM_TOKEN: f64 = 4.0;

/// FLOPs per parameter per token of a forward pass alone, as evaluation costs.
/// Source: Kaplan et al. 2020, C_forward ≈ 2·N per token.
pub const EVAL_FLOPS_PER_PARAM_TOKEN: f64 = 2.0;

const SECONDS_PER_HOUR: f64 = 3600.0;

/// Most sequences generated at once by one copy of the model: vLLM's
/// default `--max-num-seqs` (vLLM engine arguments, v0.8), a common
/// evaluation backend (lm-evaluation-harness runs on it).
pub const DECODE_MAX_BATCH: f64 = 256.0;

/// Share of accelerator memory a generating copy fills with its weights
/// and the sequences' key-value cache: vLLM's default
/// `--gpu-memory-utilization` 0.9 (vLLM engine arguments).
pub const DECODE_MEMORY_SHARE: f64 = 0.9;

/// Bytes of key-value cache per token of context, per layer and unit of
/// width: a key and a value of d numbers in bf16, at every layer (Pope et
/// al. 2022, "Efficiently Scaling Transformer Inference", Section 2.1),
/// with full multi-head attention; grouped-query attention keeps a share
/// of it ([`Decode::kv_share`]).
pub const KV_BYTES_PER_LAYER_WIDTH: f64 = 2.0 * 2.0;

/// Writing tokens one at a time, on the accelerators of one run: reading
/// every weight once per step (for the whole batch) and each sequence's
/// key-value cache bounds it, not the FLOPs, at small batch (Pope et al.
/// 2022; the roofline of Williams et al. 2009).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Decode {
    /// Tokens generated per evaluation set (part of its size).
    pub generated_tokens: f64,
    /// Memory bandwidth of one accelerator, bytes per second.
    pub bandwidth: f64,
    /// Memory of one accelerator, bytes.
    pub memory: f64,
    /// Accelerators one run uses.
    pub accelerators: u32,
    /// Key-value heads per query head: 1 with multi-head attention, less
    /// with grouped-query attention (a released family's own).
    pub kv_share: f64,
}

/// What bounds generating an evaluation's answers at one size.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct DecodeTime {
    /// Sequences written at once by one copy of the model.
    pub batch: f64,
    /// Accelerator-seconds the generated tokens take when memory bandwidth
    /// bounds them.
    pub bandwidth_seconds: f64,
    /// FLOPs of the generated tokens' forward passes.
    pub compute_flops: f64,
}

/// Which limit sets an evaluation's time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bound {
    Compute,
    Bandwidth,
}

/// Width per layer of the transformer a size stands for: d = 128·L. Our
/// assumption, between GPT-3's shapes (768 wide at 12 layers, 12,288 at
/// 96; Brown et al. 2020, Table 2.1); Kaplan et al. 2020 (Figure 5) find
/// the loss nearly flat over a wide range of aspect ratios.
pub const WIDTH_PER_LAYER: f64 = 128.0;

/// The transformer behind a size, for the compute that 6·N leaves out:
/// attention over the context and, for language models, the output layer.
/// N counts non-embedding parameters, N = 12·L·d² (Kaplan et al. 2020,
/// Section 2.1); a released checkpoint's named size already counts its
/// embeddings, so its shape has no vocabulary term.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Shape {
    /// Tokens each token attends to.
    pub context: f64,
    /// Output-layer width per token (the vocabulary); 0 where the head runs
    /// once per sequence (a ViT's class head) or is counted in N.
    pub vocab: f64,
}

impl Shape {
    /// A language model: 2,048 tokens of context (GPT-3, Pythia) and a
    /// 50,257-token vocabulary (GPT-2's, Radford et al. 2019; Pythia's
    /// GPT-NeoX tokenizer is about the same size).
    pub const LANGUAGE: Shape = Shape {
        context: 2048.0,
        vocab: 50_257.0,
    };
    /// A released language checkpoint: its named size includes the embeddings.
    pub const LANGUAGE_CHECKPOINT: Shape = Shape {
        context: 2048.0,
        vocab: 0.0,
    };
    /// A ViT at 224² with 16² patches: 196 patches and a class token
    /// (Dosovitskiy et al. 2021); the class head runs once per image.
    pub const VIT: Shape = Shape {
        context: 197.0,
        vocab: 0.0,
    };

    /// Layers and width of a model of `n` non-embedding parameters:
    /// N = 12·L·d² with d = 128·L.
    pub fn layers_width(n: f64) -> (f64, f64) {
        // powf rather than cbrt: the module already carries powf, not cbrt.
        let layers = (n.max(0.0) / (12.0 * WIDTH_PER_LAYER * WIDTH_PER_LAYER)).powf(1.0 / 3.0);
        (layers, WIDTH_PER_LAYER * layers)
    }

    /// Forward FLOPs per token: 2·N, plus 2·L·n_ctx·d for attention
    /// (Kaplan et al. 2020, Table 1), plus 2·d·V for the output layer.
    ///
    /// ```
    /// use evidence_ladder::model::axis::Shape;
    /// // 125M: the attention and output layer add about 60% to 2·N.
    /// let f = Shape::LANGUAGE.forward_flops(125e6);
    /// assert!(f > 1.5 * 2.0 * 125e6 && f < 1.8 * 2.0 * 125e6);
    /// ```
    pub fn forward_flops(&self, n: f64) -> f64 {
        let (layers, width) = Self::layers_width(n);
        2.0 * n + 2.0 * layers * self.context * width + 2.0 * width * self.vocab
    }

    /// Parameters a model of `n` non-embedding parameters holds in memory:
    /// N plus the input embedding and the output layer, V·d each (untied,
    /// as in Pythia and Llama).
    pub fn total_params(&self, n: f64) -> f64 {
        n + 2.0 * self.vocab * Self::layers_width(n).1
    }

    /// The largest N whose total parameters are at most `total`.
    pub fn max_n(&self, total: f64) -> f64 {
        if self.vocab == 0.0 || !total.is_finite() {
            return total;
        }
        let (mut low, mut high) = (0.0, total.max(0.0));
        // The total grows with N, so bisect; 60 halvings reach f64's precision.
        for _ in 0..60 {
            let mid = 0.5 * (low + high);
            if self.total_params(mid) <= total {
                low = mid;
            } else {
                high = mid;
            }
        }
        low
    }
}

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
            Self::Data => "tokens",
            Self::Custom => "× the smallest run",
        }
    }

    /// The ladder table's heading for the scale column.
    pub fn scale_heading(self) -> &'static str {
        match self {
            Self::Pretrain | Self::Finetune => "Parameters",
            Self::Data => "Training tokens",
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
    /// Environment steps per second of one run on one accelerator, when runs
    /// are priced by time (deep RL on the data axis); `None` prices FLOPs.
    pub steps_per_second: Option<f64>,
    /// Tokens one model reads to answer one evaluation set (a subset of the benchmark).
    pub eval_tokens: f64,
    /// How runs train: every weight, or adapters on a frozen model (the
    /// fine-tuning axis only; `Full` elsewhere).
    pub method: FinetuneMethod,
    /// The transformer behind a size, where the field has one (language,
    /// vision); `None` counts 6·N alone.
    pub shape: Option<Shape>,
    /// How evaluations generate tokens, where models write answers
    /// (language models); `None` reads the evaluation set in one pass.
    pub decode: Option<Decode>,
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
            Axis::Pretrain => self.train_flops_per_token(scale) * self.tokens_per_param * scale,
            Axis::Finetune => self.train_flops_per_token(scale) * self.data_tokens,
            Axis::Data => match self.steps_per_second {
                // Simulation-bound: the run takes steps / rate hours of one
                // accelerator, counted in the FLOPs that accelerator delivers.
                Some(rate) => scale / rate / SECONDS_PER_HOUR * self.flops_per_accelerator_hour,
                None => self.train_flops_per_token(self.model_params) * scale,
            },
            Axis::Custom => {
                self.base_hours * scale.powf(self.exponent) * self.flops_per_accelerator_hour
            }
        }
    }

    /// Forward FLOPs per token of a model of `n` parameters: 2·N, plus the
    /// attention and output layer where the shape is known.
    pub fn forward_flops_per_token(&self, n: f64) -> f64 {
        match self.shape {
            Some(shape) => shape.forward_flops(n),
            None => EVAL_FLOPS_PER_PARAM_TOKEN * n,
        }
    }

    /// Training FLOPs per token: the backward pass costs twice the forward
    /// (Kaplan et al. 2020), so 3 forward passes in all, or 2 where only
    /// adapters train (no weight gradients for the frozen model).
    pub fn train_flops_per_token(&self, n: f64) -> f64 {
        self.flops_per_param_token() / EVAL_FLOPS_PER_PARAM_TOKEN * self.forward_flops_per_token(n)
    }

    /// Parameters held in memory by the model of this rung: N plus the
    /// embeddings where the shape has a vocabulary.
    pub fn memory_params_at(&self, scale: f64) -> Option<f64> {
        let n = self.params_at(scale)?;
        Some(self.shape.map_or(n, |shape| shape.total_params(n)))
    }

    /// The largest N whose model holds `total` parameters in memory.
    pub fn max_params_for(&self, total: f64) -> f64 {
        self.shape.map_or(total, |shape| shape.max_n(total))
    }

    /// Training FLOPs per parameter per token: 6 for full training, 4 where
    /// only adapters train.
    pub fn flops_per_param_token(&self) -> f64 {
        match self.method {
            FinetuneMethod::Full => TRAIN_FLOPS_PER_PARAM_TOKEN,
            FinetuneMethod::Lora | FinetuneMethod::Qlora => ADAPTER_FLOPS_PER_PARAM_TOKEN,
        }
    }

    /// FLOPs of evaluating the model of this rung once: a forward pass over
    /// the evaluation set. Where runs are priced by time (custom, deep RL),
    /// 1% of a training run (our assumption).
    ///
    /// Generated tokens take the longer of their compute-bound and their
    /// bandwidth-bound time (a roofline, Williams et al. 2009), counted in
    /// the FLOPs the accelerators would deliver in that time, as deep RL's
    /// simulation-bound runs are: C = F·(T − G) + max(F·G, s·R), with F the
    /// forward FLOPs per token, T the set's tokens, G the generated ones, s
    /// the bandwidth-bound accelerator-seconds and R the useful FLOPs per
    /// accelerator-second (peak × MFU).
    pub fn eval_flops(&self, scale: f64) -> f64 {
        match (self.params_at(scale), self.steps_per_second) {
            (Some(params), None) => {
                let per_token = self.forward_flops_per_token(params);
                match self.decode_time(scale) {
                    Some(decode) => {
                        let generated = self.generated_tokens();
                        let bandwidth_flops = decode.bandwidth_seconds / SECONDS_PER_HOUR
                            * self.flops_per_accelerator_hour;
                        per_token * (self.eval_tokens - generated)
                            + decode.compute_flops.max(bandwidth_flops)
                    }
                    None => per_token * self.eval_tokens,
                }
            }
            _ => 0.01 * self.train_flops(scale),
        }
    }

    /// Tokens generated per evaluation: at most the evaluation set's size.
    pub fn generated_tokens(&self) -> f64 {
        self.decode
            .map_or(0.0, |d| d.generated_tokens.min(self.eval_tokens))
    }

    /// The generated tokens' time at `scale`, where models write answers:
    /// s = G·(W/b + K)/B accelerator-seconds, with W the weights' bytes (2
    /// per parameter), K one sequence's key-value cache at half the context
    /// (the cache grows from the prompt to the full context; our
    /// assumption), B one accelerator's bandwidth and b the batch that fits
    /// beside the weights (at most [`DECODE_MAX_BATCH`]). Each step reads
    /// the weights once for b sequences and every sequence's cache; a copy
    /// spread over k accelerators reads k times as fast and writes b tokens
    /// a step, so the accelerator-seconds do not depend on k.
    pub fn decode_time(&self, scale: f64) -> Option<DecodeTime> {
        let decode = self.decode.filter(|d| d.generated_tokens > 0.0)?;
        let shape = self.shape?;
        let n = self.params_at(scale)?;
        let generated = self.generated_tokens();
        let weights = super::memory::EVAL_BYTES_PER_PARAM * shape.total_params(n);
        let (layers, width) = Shape::layers_width(n);
        let cache =
            KV_BYTES_PER_LAYER_WIDTH * decode.kv_share * layers * width * shape.context / 2.0;
        let usable = DECODE_MEMORY_SHARE * decode.memory;
        // The fewest accelerators that hold a copy of the weights and a
        // full batch's cache, or all of them: a larger batch only lowers
        // the accelerator-seconds per token.
        let per_copy = ((weights + DECODE_MAX_BATCH * cache) / usable)
            .ceil()
            .clamp(1.0, f64::from(decode.accelerators.max(1)));
        let free = (usable * per_copy - weights).max(0.0);
        let batch = (free / cache).floor().clamp(1.0, DECODE_MAX_BATCH);
        Some(DecodeTime {
            batch,
            bandwidth_seconds: generated * (weights / batch + cache) / decode.bandwidth,
            compute_flops: self.forward_flops_per_token(n) * generated,
        })
    }

    /// Which limit sets the generated tokens' time at `scale`, where models
    /// write answers.
    pub fn decode_bound(&self, scale: f64) -> Option<Bound> {
        let decode = self.decode_time(scale)?;
        let bandwidth_flops =
            decode.bandwidth_seconds / SECONDS_PER_HOUR * self.flops_per_accelerator_hour;
        Some(if bandwidth_flops > decode.compute_flops {
            Bound::Bandwidth
        } else {
            Bound::Compute
        })
    }

    /// Whether one run uses one accelerator (simulation-bound deep RL) rather
    /// than all of them.
    pub fn runs_on_one_accelerator(&self) -> bool {
        self.steps_per_second.is_some()
    }

    /// How many of the researcher's `count` accelerators one run uses, so
    /// whose memory must hold its model.
    pub fn accelerators_per_run(&self, count: u32) -> u32 {
        if self.runs_on_one_accelerator() {
            1
        } else {
            count
        }
    }

    /// The ladder table's heading for the scale column.
    pub fn scale_heading(&self) -> &'static str {
        match self.steps_per_second {
            Some(_) => "Environment steps",
            None => self.axis.scale_heading(),
        }
    }

    /// What the rungs are counted in, in running text: "parameters",
    /// "environment steps", "multiples of the smallest run".
    pub fn unit(&self) -> &'static str {
        match (self.steps_per_second, self.axis) {
            (Some(_), _) => "environment steps",
            (None, Axis::Custom) => "multiples of the smallest run",
            (None, axis) => axis.unit(),
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
            steps_per_second: None,
            eval_tokens: 5e6,
            method: FinetuneMethod::Full,
            shape: None,
            decode: None,
        }
    }
}

/// What a plan's scales count, for the form's unit, hints and defaults: the
/// axis's quantity, or environment steps where deep RL on the data axis
/// prices runs by them (the same axis, another unit).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScaleKind {
    Pretrain,
    Data,
    Finetune,
    Custom,
    /// Deep RL on the data axis: environment steps.
    Steps,
}

impl ScaleKind {
    pub const ALL: [Self; 5] = [
        Self::Pretrain,
        Self::Data,
        Self::Finetune,
        Self::Custom,
        Self::Steps,
    ];

    /// What the scales are counted in: "parameters", "environment steps".
    pub fn unit(self) -> &'static str {
        match self {
            Self::Pretrain => Axis::Pretrain.unit(),
            Self::Data => Axis::Data.unit(),
            Self::Finetune => Axis::Finetune.unit(),
            Self::Custom => Axis::Custom.unit(),
            Self::Steps => "environment steps",
        }
    }

    /// Whether the scales are multiples of the smallest run (no size suffixes).
    pub fn is_multiple(self) -> bool {
        self == Self::Custom
    }
}

impl From<Axis> for ScaleKind {
    fn from(axis: Axis) -> Self {
        match axis {
            Axis::Pretrain => Self::Pretrain,
            Axis::Data => Self::Data,
            Axis::Finetune => Self::Finetune,
            Axis::Custom => Self::Custom,
        }
    }
}

/// The smallest scale worth a run, when the researcher gives none.
/// Pretrain and finetune: 20M parameters, our assumption bracketed by public LM
/// suites (Pythia starts at 14M, Biderman et al. 2023; Chinchilla's fits at
/// 70M, Hoffmann et al. 2022). Data: 100M tokens, our assumption (below that
/// a run says little about scaling). Steps: 1M environment steps, the usual
/// MuJoCo budget (Haarnoja et al. 2018), as the Deep RL preset sets. Custom:
/// the smallest run itself.
pub fn default_floor(scale: ScaleKind) -> f64 {
    match scale {
        ScaleKind::Pretrain | ScaleKind::Finetune => 20e6,
        ScaleKind::Data => 1e8,
        ScaleKind::Steps => 1e6,
        ScaleKind::Custom => 1.0,
    }
}

impl ContributionKind {
    /// The axes whose scale means something for this kind, the first the
    /// one used when another is asked for. A benchmark evaluates released
    /// checkpoints: its rungs are model sizes, whatever the axis says.
    pub fn axes(self) -> &'static [Axis] {
        match self {
            Self::Benchmark => &[Axis::Pretrain],
            _ => &Axis::ALL,
        }
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
            floor: default_floor(axis.into()),
            steps_per_second: None,
            eval_tokens: 5e6,
            method: FinetuneMethod::Full,
            shape: None,
            decode: None,
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

    /// A language benchmark's scaling: 1M of a 5M-token set generated on
    /// `count` accelerators of `memory_gb` and `bandwidth_gb_s`.
    fn generating(count: u32, memory_gb: f64, bandwidth_gb_s: f64) -> Scaling {
        Scaling {
            flops_per_accelerator_hour: 989e12 * 0.3 * SECONDS_PER_HOUR,
            shape: Some(Shape::LANGUAGE_CHECKPOINT),
            decode: Some(Decode {
                generated_tokens: 1e6,
                bandwidth: bandwidth_gb_s * 1e9,
                memory: memory_gb * 1e9,
                accelerators: count,
                kv_share: 1.0,
            }),
            eval_tokens: 5e6,
            ..scaling(Axis::Pretrain)
        }
    }

    #[test]
    fn decoding_reads_the_weights_once_per_step_and_each_sequences_cache() {
        let s = generating(1, 80.0, 3350.0);
        let n = 7e9;
        let t = s.decode_time(n).expect("generates");
        let (layers, width) = Shape::layers_width(n);
        let cache = 4.0 * layers * width * 1024.0;
        // 14 GB of weights leave 58 GB of the 72 usable for the cache.
        let batch = ((0.9 * 80e9 - 14e9) / cache).floor().min(256.0);
        assert_eq!(t.batch, batch);
        let seconds = 1e6 * (14e9 / batch + cache) / 3350e9;
        assert!((t.bandwidth_seconds / seconds - 1.0).abs() < 1e-12);
        // Eight accelerators hold a full batch: fewer seconds per token,
        // never more.
        let eight = generating(8, 80.0, 3350.0)
            .decode_time(n)
            .expect("generates");
        assert_eq!(eight.batch, 256.0);
        assert!(eight.bandwidth_seconds < t.bandwidth_seconds);
    }

    #[test]
    fn an_evaluation_takes_the_slower_of_compute_and_bandwidth() {
        let n = 7e9;
        let fast = generating(1, 80.0, 1e9);
        let slow = generating(1, 80.0, 300.0);
        let compute = fast.forward_flops_per_token(n) * fast.eval_tokens;
        // Infinite bandwidth in effect: the forward passes alone.
        assert!((fast.eval_flops(n) / compute - 1.0).abs() < 1e-9);
        assert_eq!(fast.decode_bound(n), Some(Bound::Compute));
        // A slow memory: the generated tokens take their bandwidth time.
        assert_eq!(slow.decode_bound(n), Some(Bound::Bandwidth));
        let t = slow.decode_time(n).expect("generates");
        let prefill = slow.forward_flops_per_token(n) * 4e6;
        let bandwidth = t.bandwidth_seconds / SECONDS_PER_HOUR * slow.flops_per_accelerator_hour;
        assert!((slow.eval_flops(n) / (prefill + bandwidth) - 1.0).abs() < 1e-12);
        assert!(slow.eval_flops(n) > compute);
        // Nothing generated: one forward pass over the set.
        let scored = Scaling {
            decode: None,
            ..slow.clone()
        };
        assert!((scored.eval_flops(n) / compute - 1.0).abs() < 1e-12);
    }

    #[test]
    fn deep_rl_runs_are_priced_by_steps_at_the_measured_rate() {
        let s = Scaling {
            steps_per_second: Some(1000.0),
            ..scaling(Axis::Data)
        };
        // 3.6M steps at 1,000 steps/s: one accelerator-hour.
        assert!((s.train_flops(3.6e6) - 1e18).abs() < 1.0);
        assert!(s.runs_on_one_accelerator());
        assert_eq!(s.unit(), "environment steps");
    }
}
