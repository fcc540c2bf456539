//! What the researcher tells us, checked field by field.
//!
//! The JS API, the URL query and the form all go through [`Inputs::set`], so a
//! value is accepted or rejected by exactly the same rule wherever it comes from.

use std::fmt;

use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::axis::{default_floor, Axis, Scaling, Shape};
use super::checkpoints::ModelFamily;
pub use super::fields::Field;
use super::fields::{parse_number, Rule};
use super::format::number_text;
use super::hardware::{find_accelerator, Accelerator, ACCELERATORS};

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

/// A value as it arrives from the outside: a JS number, or text from a URL, a
/// data attribute or a form field.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldValue {
    Number(f64),
    Text(String),
    /// null, undefined or empty: use the default (or nothing, for optional fields).
    Missing,
    /// Anything else (a boolean, an object, …): always rejected.
    Other(&'static str),
}

/// Why a value was rejected: the field, what was given and what is allowed.
#[derive(Clone, Debug, PartialEq)]
pub struct InputError {
    pub field: Field,
    /// The rejected value as text, shortened so a hostile 100 KB value stays readable.
    pub value: String,
    pub allowed: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} must be {} (got {})",
            self.field.key(),
            self.allowed,
            self.value
        )
    }
}

impl std::error::Error for InputError {}

/// Longest rejected value echoed back in a message, in characters.
const ECHO_LIMIT: usize = 40;

fn echo(value: &FieldValue) -> String {
    match value {
        FieldValue::Number(n) => number_text(*n),
        FieldValue::Text(t) => {
            let mut shown: String = t.chars().take(ECHO_LIMIT).collect();
            if t.chars().count() > ECHO_LIMIT {
                shown.push('…');
            }
            format!("\"{}\"", escape_invisible(&shown))
        }
        FieldValue::Missing => "nothing".to_owned(),
        FieldValue::Other(kind) => (*kind).to_owned(),
    }
}

/// Writes characters that print nothing or reorder text (controls, zero-width
/// and bidi marks) as `<U+202E>`: a rejected value must not reverse the
/// notice that quotes it, nor look like a valid value.
pub fn escape_invisible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let invisible = c.is_control()
            || matches!(c,
                '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}'
                | '\u{17B5}' | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF0}'..='\u{FFFB}'
                | '\u{E0000}'..='\u{E0FFF}');
        if invisible {
            out.push_str(&format!("<U+{:04X}>", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// An input changed so the inputs make sense together (see
/// [`Inputs::reconciled`]): what was asked and what is used instead.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Adjustment {
    /// An axis this kind cannot scale on.
    Axis {
        asked: Axis,
        kind: ContributionKind,
        used: Axis,
    },
    /// A released family that is not of this field.
    Family {
        asked: ModelFamily,
        field: ResearchField,
        used: ModelFamily,
    },
    /// A top below the family's smallest released size: ignored.
    TopBelowFamily {
        top: f64,
        family: ModelFamily,
        smallest: f64,
    },
}

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
    /// How models are fine-tuned on the fine-tuning axis.
    pub finetune_method: FinetuneMethod,
}

/// Share of the budget kept in reserve when none is given. Our calibration,
/// not a published figure: OPT-175B's logbook records dozens of restarts after
/// failures (Zhang et al. 2022), and evaluation and debugging runs come on top.
pub const DEFAULT_RESERVE: f64 = 0.2;

/// Tokens per parameter for compute-optimal training.
/// Source: Hoffmann et al. 2022, "Training Compute-Optimal Large Language Models" (Chinchilla).
pub const CHINCHILLA_TOKENS_PER_PARAM: f64 = 20.0;

impl Default for Inputs {
    /// Every field at its default from the field table ([`super::fields::FIELDS`]).
    fn default() -> Self {
        let mut inputs = Inputs {
            kind: ContributionKind::Insight,
            generality: 3,
            novelty: 3,
            accelerator: &ACCELERATORS[0],
            count: 8,
            hours: 720.0,
            mfu: 0.3,
            flops: None,
            price: None,
            tokens_per_param: CHINCHILLA_TOKENS_PER_PARAM,
            effect: None,
            noise: None,
            alpha: 0.05,
            power: 0.8,
            multiplier: 1.5,
            reserve: DEFAULT_RESERVE,
            top: None,
            axis: Axis::Pretrain,
            floor: None,
            data_tokens: 1e8,
            model_params: 1.25e8,
            base_hours: 1.0,
            exponent: 1.0,
            currency: "USD".into(),
            field: ResearchField::Llm,
            tuning: Tuning::Sweep,
            steps_per_second: 5000.0,
            family: ModelFamily::Qwen25,
            eval_tokens: 5e6,
            finetune_method: FinetuneMethod::Full,
        };
        // The table is the one source of defaults: the values above are
        // placeholders, each overwritten here.
        for field in Field::ALL {
            inputs.reset(field);
        }
        inputs
    }
}

impl Inputs {
    /// Sets one field from an outside value, or explains why it cannot.
    /// A missing value restores the field's default (optional fields become empty).
    /// On error `self` is unchanged.
    ///
    /// ```
    /// use evidence_ladder::model::inputs::{Field, FieldValue, Inputs};
    /// let mut inputs = Inputs::default();
    /// inputs.set(Field::Novelty, &FieldValue::Text("4".into())).unwrap();
    /// assert_eq!(inputs.novelty, 4);
    /// let err = inputs.set(Field::Novelty, &FieldValue::Number(99.0)).unwrap_err();
    /// assert_eq!(err.to_string(), "novelty must be a whole number from 1 to 5 (got 99)");
    /// assert_eq!(inputs.novelty, 4);
    /// ```
    pub fn set(&mut self, field: Field, value: &FieldValue) -> Result<(), InputError> {
        let reject = || InputError {
            field,
            value: echo(value),
            allowed: field.allowed(),
        };
        let text = match value {
            FieldValue::Text(t) if t.trim().is_empty() => None,
            FieldValue::Text(t) => Some(t.trim()),
            FieldValue::Missing => None,
            FieldValue::Number(_) => Some(""),
            FieldValue::Other(_) => return Err(reject()),
        };
        let Some(text) = text else {
            self.reset(field);
            return Ok(());
        };
        let spec = field.spec();
        match spec.rule {
            Rule::Choice(_) => {
                let FieldValue::Text(_) = value else {
                    return Err(reject());
                };
                self.choose(field, text).ok_or_else(reject)?;
            }
            Rule::Code => {
                let FieldValue::Text(_) = value else {
                    return Err(reject());
                };
                if !(1..=5).contains(&text.len()) || !text.bytes().all(|b| b.is_ascii_alphabetic())
                {
                    return Err(reject());
                }
                self.currency = text.to_ascii_uppercase();
            }
            rule => {
                let n = match value {
                    FieldValue::Number(n) => *n,
                    _ => parse_number(text, spec.units).ok_or_else(reject)?,
                };
                if !rule_accepts(rule, n) {
                    return Err(reject());
                }
                self.store(field, n);
            }
        }
        Ok(())
    }

    /// Sets a choice field to the option with this id; `None` when there is none.
    fn choose(&mut self, field: Field, id: &str) -> Option<()> {
        match field {
            Field::Kind => self.kind = ContributionKind::from_id(id)?,
            Field::Axis => self.axis = Axis::from_id(id)?,
            Field::Accelerator => self.accelerator = find_accelerator(id)?,
            Field::ResearchField => self.field = ResearchField::from_id(id)?,
            Field::Tuning => self.tuning = Tuning::from_id(id)?,
            Field::Family => self.family = ModelFamily::from_id(id)?,
            Field::FinetuneMethod => self.finetune_method = FinetuneMethod::from_id(id)?,
            _ => return None,
        }
        Some(())
    }

    // Only called with a value its rule accepted, so the integer casts are exact.
    fn store(&mut self, field: Field, n: f64) {
        // Adding 0.0 turns -0 into 0, so "-0" never shows up in a field or a URL.
        let n = n + 0.0;
        match field {
            Field::Generality => self.generality = n as u8,
            Field::Novelty => self.novelty = n as u8,
            Field::Count => self.count = n as u32,
            Field::Hours => self.hours = n,
            Field::Mfu => self.mfu = n,
            Field::Flops => self.flops = Some(n),
            Field::Price => self.price = Some(n),
            Field::TokensPerParam => self.tokens_per_param = n,
            Field::Effect => self.effect = Some(n),
            Field::Noise => self.noise = Some(n),
            Field::Alpha => self.alpha = n,
            Field::Power => self.power = n,
            Field::Multiplier => self.multiplier = n,
            Field::Reserve => self.reserve = n,
            Field::Top => self.top = Some(n),
            Field::Floor => self.floor = Some(n),
            Field::DataTokens => self.data_tokens = n,
            Field::ModelParams => self.model_params = n,
            Field::BaseHours => self.base_hours = n,
            Field::Exponent => self.exponent = n,
            Field::StepsPerSecond => self.steps_per_second = n,
            Field::EvalTokens => self.eval_tokens = n,
            Field::Kind
            | Field::Accelerator
            | Field::Axis
            | Field::Currency
            | Field::ResearchField
            | Field::Tuning
            | Field::Family
            | Field::FinetuneMethod => {}
        }
    }

    /// Back to the table's default: empty for an optional field.
    fn reset(&mut self, field: Field) {
        match field {
            Field::Flops => self.flops = None,
            Field::Price => self.price = None,
            Field::Effect => self.effect = None,
            Field::Noise => self.noise = None,
            Field::Top => self.top = None,
            Field::Floor => self.floor = None,
            _ => {
                // Every required default is valid (tested), so this cannot fail.
                let default = FieldValue::Text(field.spec().default.to_owned());
                let _ = self.set(field, &default);
            }
        }
    }

    /// The field's value as text that [`Inputs::set`] reads back exactly;
    /// `None` for an empty optional field.
    pub fn text(&self, field: Field) -> Option<String> {
        let number = |n: f64| Some(number_text(n));
        match field {
            Field::Kind => Some(self.kind.id().to_owned()),
            Field::Generality => Some(self.generality.to_string()),
            Field::Novelty => Some(self.novelty.to_string()),
            Field::Accelerator => Some(self.accelerator.id.to_owned()),
            Field::Count => Some(self.count.to_string()),
            Field::Hours => number(self.hours),
            Field::Mfu => number(self.mfu),
            Field::Flops => self.flops.and_then(number),
            Field::Price => self.price.and_then(number),
            Field::TokensPerParam => number(self.tokens_per_param),
            Field::Effect => self.effect.and_then(number),
            Field::Noise => self.noise.and_then(number),
            Field::Alpha => number(self.alpha),
            Field::Reserve => number(self.reserve),
            Field::Top => self.top.and_then(number),
            Field::Axis => Some(self.axis.id().to_owned()),
            Field::Floor => self.floor.and_then(number),
            Field::DataTokens => number(self.data_tokens),
            Field::ModelParams => number(self.model_params),
            Field::BaseHours => number(self.base_hours),
            Field::Exponent => number(self.exponent),
            Field::Currency => Some(self.currency.clone()),
            Field::Power => number(self.power),
            Field::Multiplier => number(self.multiplier),
            Field::ResearchField => Some(self.field.id().to_owned()),
            Field::Tuning => Some(self.tuning.id().to_owned()),
            Field::Family => Some(self.family.id().to_owned()),
            Field::StepsPerSecond => number(self.steps_per_second),
            Field::EvalTokens => number(self.eval_tokens),
            Field::FinetuneMethod => Some(self.finetune_method.id().to_owned()),
        }
    }

    /// Whether this field matters for these inputs; the form shows only those
    /// (and any holding an error).
    pub fn uses(&self, field: Field) -> bool {
        use ContributionKind::*;
        match field {
            Field::TokensPerParam => self.axis == Axis::Pretrain && self.kind != Benchmark,
            // On the data axis, the size of a new dataset counts its repeats.
            Field::DataTokens => self.axis == Axis::Finetune || self.kind == Dataset,
            // Deep RL prices runs by steps, but the network must still fit in memory.
            Field::ModelParams => self.axis == Axis::Data,
            Field::StepsPerSecond => self.prices_by_steps(),
            Field::BaseHours | Field::Exponent => self.axis == Axis::Custom,
            Field::Family => self.uses_checkpoints(),
            // The kinds whose designs evaluate (design.rs: RunCost::Eval).
            Field::EvalTokens => matches!(self.kind, Benchmark | Model | Dataset),
            // The kinds that compare tuned arms at several sizes (design.rs).
            Field::Tuning => matches!(self.kind, Insight | NegativeResult | Codebase),
            // Only one axis makes sense for a benchmark: nothing to choose.
            Field::Axis => self.kind.axes().len() > 1,
            // Released checkpoints set the rungs, not a floor.
            Field::Floor => !self.uses_checkpoints(),
            Field::FinetuneMethod => self.axis == Axis::Finetune && self.kind != Benchmark,
            _ => true,
        }
    }

    /// Whether a choice field offers this option for these inputs: a
    /// benchmark's axis is model size, and a family is offered in its field.
    pub fn offers(&self, field: Field, id: &str) -> bool {
        match field {
            Field::Axis => Axis::from_id(id).is_some_and(|a| self.kind.axes().contains(&a)),
            Field::Family => ModelFamily::from_id(id).is_some_and(|f| f.suits(self.field)),
            _ => true,
        }
    }

    /// These inputs with every impossible pair resolved, and what was
    /// changed: a link or a script can ask for a benchmark on the data axis,
    /// a language-model family for a vision benchmark, or a top below the
    /// family's smallest size, and the plan must say what it did instead
    /// (`text::warnings` says it).
    pub fn reconciled(mut self) -> (Inputs, Vec<Adjustment>) {
        let mut notes = Vec::new();
        if !self.kind.axes().contains(&self.axis) {
            let axis = self.kind.axes()[0];
            notes.push(Adjustment::Axis {
                asked: self.axis,
                kind: self.kind,
                used: axis,
            });
            self.axis = axis;
        }
        if self.uses_checkpoints() && !self.family.suits(self.field) {
            let family = ModelFamily::default_for(self.field);
            // Only a family someone chose is worth a word; the default
            // simply follows the field.
            if !self.is_default(Field::Family) {
                notes.push(Adjustment::Family {
                    asked: self.family,
                    field: self.field,
                    used: family,
                });
            }
            self.family = family;
        }
        let smallest = self.family.sizes()[0];
        if let Some(top) = self
            .top
            .filter(|&t| self.uses_checkpoints() && t < smallest)
        {
            notes.push(Adjustment::TopBelowFamily {
                top,
                family: self.family,
                smallest,
            });
            self.top = None;
        }
        (self, notes)
    }

    /// Deep RL on the data axis: runs are priced by environment steps at the
    /// measured rate, not by the network's FLOPs.
    pub fn prices_by_steps(&self) -> bool {
        self.field == ResearchField::Rl && self.axis == Axis::Data
    }

    /// Whether the rungs are released sizes of a family: a benchmark
    /// evaluates them, LLM fine-tuning starts from them, and a vision model
    /// grown on fixed data is one of the standard ViT sizes.
    pub fn uses_checkpoints(&self) -> bool {
        self.kind == ContributionKind::Benchmark
            || (self.axis == Axis::Finetune
                && matches!(self.field, ResearchField::Llm | ResearchField::Vision))
    }

    /// Whether `field` holds its default value (compared as values: the
    /// table's "5e6" and a stored 5000000 are the same default).
    pub fn is_default(&self, field: Field) -> bool {
        let mut default = self.clone();
        default.reset(field);
        default.text(field) == self.text(field)
    }

    /// The fields that differ from the defaults, as (field, text) pairs in a stable order.
    pub fn changed_fields(&self) -> Vec<(Field, String)> {
        Field::ALL
            .into_iter()
            .filter(|&f| !self.is_default(f))
            .filter_map(|f| Some((f, self.text(f)?)))
            .collect()
    }

    /// How compute grows along the chosen axis, with these inputs' numbers.
    pub fn scaling(&self, flops_per_accelerator_hour: f64) -> Scaling {
        Scaling {
            axis: self.axis,
            tokens_per_param: self.tokens_per_param,
            data_tokens: self.data_tokens,
            model_params: self.model_params,
            base_hours: self.base_hours,
            flops_per_accelerator_hour,
            exponent: match self.axis {
                Axis::Pretrain => 2.0,
                Axis::Data | Axis::Finetune => 1.0,
                Axis::Custom => self.exponent,
            },
            // Released sizes start where the family does; the floor is hidden.
            floor: if self.uses_checkpoints() {
                self.family.sizes()[0]
            } else {
                self.floor.unwrap_or_else(|| default_floor(self.axis))
            },
            steps_per_second: self.prices_by_steps().then_some(self.steps_per_second),
            eval_tokens: self.eval_tokens,
            // A hidden input never changes the plan: the method applies
            // where the form shows it.
            method: if self.uses(Field::FinetuneMethod) {
                self.finetune_method
            } else {
                FinetuneMethod::Full
            },
            shape: match (self.field, self.uses_checkpoints()) {
                (ResearchField::Llm, false) => Some(Shape::LANGUAGE),
                (ResearchField::Llm, true) => Some(Shape::LANGUAGE_CHECKPOINT),
                (ResearchField::Vision, _) => Some(Shape::VIT),
                // No architecture we could assume: 6·N alone.
                (ResearchField::Rl | ResearchField::Other, _) => None,
            },
        }
    }

    /// Builds inputs from named values, as the JS API receives them. Stops at the
    /// first bad value; unknown names are returned so the caller can warn about them.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, FieldValue)>,
    ) -> Result<(Inputs, Vec<String>), InputError> {
        let mut inputs = Inputs::default();
        let mut unknown = Vec::new();
        for (key, value) in pairs {
            match Field::from_key(key) {
                Some(field) => inputs.set(field, &value)?,
                None => unknown.push(key.chars().take(ECHO_LIMIT).collect()),
            }
        }
        Ok((inputs, unknown))
    }
}

/// The accelerator by its id, as in the URL: `"a100"`.
fn accelerator_id<S: Serializer>(a: &&'static Accelerator, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(a.id)
}

/// Any value a script passes for one input: the field's own rule then accepts
/// or refuses it, so a bad type gets the same message as a bad number.
impl<'de> Deserialize<'de> for FieldValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FieldValueVisitor)
    }
}

struct FieldValueVisitor;

impl<'de> Visitor<'de> for FieldValueVisitor {
    type Value = FieldValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number or text")
    }
    fn visit_f64<E>(self, n: f64) -> Result<FieldValue, E> {
        Ok(FieldValue::Number(n))
    }
    fn visit_i64<E>(self, n: i64) -> Result<FieldValue, E> {
        Ok(FieldValue::Number(n as f64))
    }
    fn visit_u64<E>(self, n: u64) -> Result<FieldValue, E> {
        Ok(FieldValue::Number(n as f64))
    }
    fn visit_str<E>(self, text: &str) -> Result<FieldValue, E> {
        Ok(FieldValue::Text(text.to_owned()))
    }
    fn visit_unit<E>(self) -> Result<FieldValue, E> {
        Ok(FieldValue::Missing)
    }
    fn visit_none<E>(self) -> Result<FieldValue, E> {
        Ok(FieldValue::Missing)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<FieldValue, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_bool<E>(self, _: bool) -> Result<FieldValue, E> {
        Ok(FieldValue::Other("a boolean"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<FieldValue, A::Error> {
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        Ok(FieldValue::Other("a list"))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FieldValue, A::Error> {
        while map
            .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
            .is_some()
        {}
        Ok(FieldValue::Other("an object"))
    }
}

/// Named input values in the order they were written, as a script passes them
/// to `plan()`: the first bad field written is the first reported.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NamedValues(pub Vec<(String, FieldValue)>);

impl<'de> Deserialize<'de> for NamedValues {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Pairs;
        impl<'de> Visitor<'de> for Pairs {
            type Value = NamedValues;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object such as { generality: 3, novelty: 2 }")
            }
            fn visit_unit<E>(self) -> Result<NamedValues, E> {
                Ok(NamedValues::default())
            }
            fn visit_none<E>(self) -> Result<NamedValues, E> {
                Ok(NamedValues::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NamedValues, A::Error> {
                let mut pairs = Vec::new();
                while let Some(pair) = map.next_entry::<String, FieldValue>()? {
                    pairs.push(pair);
                }
                Ok(NamedValues(pairs))
            }
        }
        deserializer.deserialize_any(Pairs)
    }
}

fn rule_accepts(rule: Rule, n: f64) -> bool {
    if !n.is_finite() {
        return false;
    }
    match rule {
        Rule::Choice(_) | Rule::Code => false,
        Rule::Integer { min, max } => n.fract() == 0.0 && (min..=max).contains(&n),
        Rule::Number {
            min,
            min_allowed,
            max,
        } => (n > min || (min_allowed && n == min)) && n <= max,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> FieldValue {
        FieldValue::Text(s.to_owned())
    }

    #[test]
    fn echoed_values_show_invisible_characters() {
        assert_eq!(echo(&text("a\u{202E}b")), "\"a<U+202E>b\"");
        assert_eq!(echo(&text("4\u{200B}")), "\"4<U+200B>\"");
        assert_eq!(echo(&text("\u{1}é")), "\"<U+0001>é\"");
    }

    #[test]
    fn every_table_default_is_valid_and_round_trips() {
        let defaults = Inputs::default();
        for field in Field::ALL {
            let spec = field.spec();
            let mut inputs = Inputs::default();
            inputs
                .set(field, &text(spec.default))
                .unwrap_or_else(|e| panic!("{}: {e}", spec.key));
            assert_eq!(inputs, defaults, "{}", spec.key);
            assert_eq!(
                defaults.text(field).unwrap_or_default(),
                if spec.default.is_empty() {
                    String::new()
                } else {
                    inputs.text(field).unwrap_or_default()
                }
            );
        }
    }

    #[test]
    fn fields_take_the_units_people_type_and_show_them_normalised() {
        let cases: &[(Field, &str, &str)] = &[
            (Field::Top, "1.3B", "1.3e9"),
            (Field::Top, "350M", "3.5e8"),
            (Field::Hours, "14d", "336"),
            (Field::Hours, "2w", "336"),
            (Field::Hours, "36h", "36"),
            (Field::Mfu, "40%", "0.4"),
            (Field::Reserve, "10%", "0.1"),
            (Field::Price, "$2.50", "2.5"),
            (Field::Count, "1,000", "1000"),
            (Field::Flops, "3e21", "3e21"),
        ];
        for &(field, typed, shown) in cases {
            let mut inputs = Inputs::default();
            inputs.set(field, &text(typed)).expect(typed);
            assert_eq!(inputs.text(field).as_deref(), Some(shown), "{typed}");
        }
    }

    #[test]
    fn defaults_are_the_reference_point() {
        let d = Inputs::default();
        assert_eq!((d.generality, d.novelty), (3, 3));
        assert_eq!(d.accelerator.id, "a100");
        assert_eq!((d.count, d.hours, d.mfu), (8, 720.0, 0.3));
        assert_eq!((d.reserve, d.top, d.axis), (0.2, None, Axis::Pretrain));
        assert_eq!(d.tokens_per_param, 20.0);
        assert!(d.changed_fields().is_empty());
    }

    #[test]
    fn each_field_rejects_what_makes_no_sense() {
        let bad: &[(Field, &[&str])] = &[
            (Field::Kind, &["essay", "Insight", "<script>"]),
            (Field::Generality, &["0", "6", "2.5", "-1", "NaN", "three"]),
            (Field::Novelty, &["0", "99", "1e999", "inf"]),
            (
                Field::Accelerator,
                &["h1000", "A100", "javascript:alert(1)"],
            ),
            (Field::Count, &["0", "-8", "1.5", "1e7", "infinity"]),
            (Field::Hours, &["0", "-0", "-1", "1e7", "nan", "1e-300"]),
            (Field::Mfu, &["0", "101", "-0.4", "0.001", "140%"]),
            (Field::Flops, &["0", "-1e21", "1e31", "1e999", "5e-324"]),
            (Field::Reserve, &["1", "-0.1", "0.96"]),
            (Field::Axis, &["Pretrain", "vision"]),
            (Field::ResearchField, &["LLM", "nlp"]),
            (Field::Tuning, &["none"]),
            (Field::Family, &["gpt4"]),
            (Field::Currency, &["US$", "dollars", "€"]),
            (Field::Top, &["0", "-5"]),
            (Field::Price, &["-0.01", "2e6", "US$2", "2,5"]),
            (Field::TokensPerParam, &["0", "0.5", "20001"]),
            (Field::Effect, &["0", "-1", "Infinity"]),
            (Field::Noise, &["0", "-0.1", "2e9"]),
            (Field::Alpha, &["0", "0.51", "1", "1e-17"]),
            (Field::Power, &["0.49", "1", "0.9999"]),
            (Field::Multiplier, &["0.99", "0", "1001", "-2"]),
        ];
        for (field, values) in bad {
            for v in *values {
                let mut inputs = Inputs::default();
                let err = inputs.set(*field, &text(v)).expect_err(v);
                assert_eq!(err.field, *field);
                assert!(err.to_string().starts_with(field.key()), "{err}");
                assert_eq!(
                    inputs,
                    Inputs::default(),
                    "{field:?}={v} changed the inputs"
                );
            }
        }
    }

    #[test]
    fn each_field_accepts_its_edges() {
        let good: &[(Field, &[&str])] = &[
            (Field::Kind, &["negative_result", "codebase"]),
            (Field::Generality, &["1", "5", "3.0"]),
            (Field::Count, &["1", "1000000"]),
            (Field::Hours, &["0.5", "1e6"]),
            (Field::Mfu, &["1", "0.01"]),
            (Field::Flops, &["2.6e21", "1e30", "1e12"]),
            (Field::Reserve, &["0", "0.95"]),
            (Field::Axis, &["data", "custom"]),
            (Field::Currency, &["eur", "CHF"]),
            (Field::Exponent, &["0.1", "4"]),
            (Field::Price, &["0", "2.49"]),
            (Field::TokensPerParam, &["1", "10000"]),
            (Field::Alpha, &["0.5", "0.001"]),
            (Field::Power, &["0.5", "0.999"]),
            (Field::Multiplier, &["1", "1.5", "1000"]),
        ];
        for (field, values) in good {
            for v in *values {
                Inputs::default().set(*field, &text(v)).expect(v);
            }
        }
    }

    #[test]
    fn non_numbers_are_rejected_by_kind() {
        let mut inputs = Inputs::default();
        let err = inputs
            .set(Field::Hours, &FieldValue::Other("a boolean"))
            .expect_err("bool");
        assert_eq!(
            err.to_string(),
            "hours must be a number from 0.01 to 1000000 hours, or days and weeks such as 14d or 2w (got a boolean)"
        );
        let err = inputs
            .set(Field::Kind, &FieldValue::Number(1.0))
            .expect_err("number kind");
        assert_eq!(err.field, Field::Kind);
        let err = inputs
            .set(Field::Generality, &FieldValue::Number(f64::NAN))
            .expect_err("NaN");
        assert_eq!(err.value, "NaN");
    }

    #[test]
    fn missing_restores_the_default() {
        let mut inputs = Inputs::default();
        inputs.set(Field::Price, &text("3")).expect("price");
        inputs.set(Field::Hours, &text("10")).expect("hours");
        inputs
            .set(Field::Price, &FieldValue::Missing)
            .expect("clear");
        inputs.set(Field::Hours, &text("  ")).expect("blank");
        assert_eq!(inputs, Inputs::default());
    }

    #[test]
    fn long_values_are_shortened_in_messages() {
        let huge = "9".repeat(100_000);
        let err = Inputs::default()
            .set(Field::Count, &text(&huge))
            .expect_err("huge");
        assert!(err.to_string().len() < 200);
    }

    #[test]
    fn number_text_round_trips_and_reads_well() {
        assert_eq!(number_text(720.0), "720");
        assert_eq!(number_text(0.4), "0.4");
        assert_eq!(number_text(2.6e21), "2.6e21");
        assert_eq!(number_text(0.00001), "1e-5");
    }

    #[test]
    fn from_pairs_collects_unknown_names() {
        let (inputs, unknown) = Inputs::from_pairs([
            ("generality", FieldValue::Number(4.0)),
            ("generalty", FieldValue::Number(2.0)),
        ])
        .expect("valid");
        assert_eq!(inputs.generality, 4);
        assert_eq!(unknown, vec!["generalty".to_owned()]);
    }
}
