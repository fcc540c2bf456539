//! The choices a researcher picks from a list: the kind of contribution,
//! the research field, how compared arms are tuned and how models are
//! fine-tuned; each with its id (URLs, the JS API) and its name.

use serde::Serialize;

/// What kind of contribution the paper makes: an artifact or an insight (the essay).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ContributionKind {
    Insight,
    NegativeResult,
    Model,
    Benchmark,
    Dataset,
    Codebase,
    Optimizer,
}

impl ContributionKind {
    pub const ALL: [Self; 7] = [
        Self::Insight,
        Self::NegativeResult,
        Self::Model,
        Self::Benchmark,
        Self::Dataset,
        Self::Codebase,
        Self::Optimizer,
    ];

    /// The id used in URLs and the JS API.
    pub fn id(self) -> &'static str {
        match self {
            Self::Insight => "insight",
            Self::NegativeResult => "negative_result",
            Self::Model => "model",
            Self::Benchmark => "benchmark",
            Self::Dataset => "dataset",
            Self::Codebase => "codebase",
            Self::Optimizer => "optimizer",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Insight => "Insight: a lesson others can apply",
            Self::NegativeResult => "Negative result: an idea that should have worked, did not",
            Self::Model => "Model",
            Self::Benchmark => "Benchmark",
            Self::Dataset => "Training dataset",
            Self::Codebase => "Codebase",
            Self::Optimizer => "Optimiser: a training algorithm against tuned baselines",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.id() == id)
    }
}

/// The research field, for the conventions its reviewers expect.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ResearchField {
    Llm,
    Vision,
    Rl,
    Other,
}

impl ResearchField {
    pub const ALL: [Self; 4] = [Self::Llm, Self::Vision, Self::Rl, Self::Other];

    pub fn id(self) -> &'static str {
        match self {
            Self::Llm => "llm",
            Self::Vision => "vision",
            Self::Rl => "rl",
            Self::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Llm => "Language models",
            Self::Vision => "Vision",
            // "Deep reinforcement learning" was cut in the 296 px input column.
            Self::Rl => "Deep RL: reinforcement learning with deep networks",
            Self::Other => "Other",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.id() == id)
    }
}

/// How the compared arms' hyperparameters are set above the smallest rung.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tuning {
    /// A learning-rate sweep per arm at every rung where arms are compared:
    /// the best learning rate moves with size (GPT-3 used 6e-4 at 125M and
    /// 2e-4 at 1.3B; Brown et al. 2020, Table 2.1).
    Sweep,
    /// Hyperparameters tuned at the smallest rung transfer to larger ones
    /// under the maximal-update parametrisation (Yang et al. 2022, μTransfer).
    Mup,
}

impl Tuning {
    pub const ALL: [Self; 2] = [Self::Sweep, Self::Mup];

    pub fn id(self) -> &'static str {
        match self {
            Self::Sweep => "sweep",
            Self::Mup => "mup",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Sweep => "Sweep: a learning-rate sweep per arm at every compared size",
            Self::Mup => "μP: the smallest size's sweep transfers (Yang et al. 2022)",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.id() == id)
    }
}

/// How a model is fine-tuned on the fine-tuning axis: all its weights, or
/// low-rank adapters on a frozen model (Hu et al. 2021, LoRA), or adapters on
/// a frozen model quantised to 4 bits (Dettmers et al. 2023, QLoRA).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FinetuneMethod {
    Full,
    Lora,
    Qlora,
}

impl FinetuneMethod {
    pub const ALL: [Self; 3] = [Self::Full, Self::Lora, Self::Qlora];

    pub fn id(self) -> &'static str {
        match self {
            Self::Full => "full",
            Self::Lora => "lora",
            Self::Qlora => "qlora",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Full => "Full: every weight trained",
            Self::Lora => "LoRA: adapters on frozen bf16 weights (Hu et al. 2021)",
            Self::Qlora => "QLoRA: adapters on frozen 4-bit weights (Dettmers et al. 2023)",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.id() == id)
    }
}
