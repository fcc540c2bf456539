//! Every input in one table: its key (the URL's and the JS API's name), the
//! label and hint the form shows, its unit, default, allowed range, the units
//! people type, the keyboard phones should offer, the form group it sits in,
//! when it matters, and where its value lives in [`Inputs`] (its accessor).
//!
//! Parsing, resetting and writing back a value ([`super::inputs::Inputs::set`],
//! `text`, `Default`), the form, the summary's names, the URL and the JS API's
//! error messages all read this table, so adding an input is a `Field`
//! variant, a member of the record (`record.rs`) with its blank, and one row
//! here (its `used` column says when it matters, and so when the form shows
//! it); then its use in the domain, and a line in the form if its group is the
//! claim or the compute (those lay their fields out by hand around their
//! scales, presets and shortcuts; the other groups loop over the table).

use super::axis::{Axis, ScaleKind};
use super::checkpoints::ModelFamily;
use super::choices::{ContributionKind, FinetuneMethod, ResearchField, Tuning};
use super::codec::number_text;
use super::evidence::PrincipleId;
use super::hardware::{find_accelerator, ACCELERATORS};
use super::record::Inputs;

/// One input field. Its key is the name used by the URL query and the JS API.
/// The order is the table's: [`FIELDS`]`[field as usize]` is its row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Kind,
    Generality,
    Novelty,
    ResearchField,
    Accelerator,
    Count,
    Hours,
    Mfu,
    Flops,
    Price,
    Currency,
    Reserve,
    Axis,
    TokensPerParam,
    DataTokens,
    ModelParams,
    BaseHours,
    Exponent,
    StepsPerSecond,
    Family,
    EvalTokens,
    GeneratedTokens,
    Floor,
    Top,
    Tuning,
    Effect,
    Noise,
    Alpha,
    Power,
    FinetuneMethod,
    Multiplier,
    LossNoise,
}

/// What values a field accepts.
#[derive(Clone, Copy, Debug)]
pub enum Rule {
    /// One of a fixed list of ids: (id, text shown in the picker).
    Choice(fn() -> Vec<(&'static str, String)>),
    /// A currency code: 1 to 5 ASCII letters, shown in capitals.
    Code,
    /// A whole number in `min..=max`.
    Integer { min: f64, max: f64 },
    /// A finite number above `min` (or equal to it when `min_allowed`), at most `max`.
    Number {
        min: f64,
        min_allowed: bool,
        max: f64,
    },
}

/// The ways people write a number in a field, beyond "720", "0.4" or "2.6e21".
/// Every kind also takes thousands separators ("1,000", "12,500.5") where the
/// groups make them unambiguous.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Units {
    /// Plain numbers only.
    Plain,
    /// Size suffixes: 350M, 1.3B, 7e9, 20k, 1T (K, M, B or G, T; any case).
    Size,
    /// A duration, in hours: 36h, 14d, 2w, 1 month (bare numbers are hours).
    Hours,
    /// A share: 40% is 0.4; bare numbers up to 1 are shares, and from
    /// above 1 to 100 percentages (nobody means an MFU of 40×).
    Share,
    /// Money: a leading currency sign or a trailing currency code is
    /// dropped ($2.50, €3, 2.50 USD).
    Money,
}

/// The keyboard a phone offers for a text field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keyboard {
    /// Digits only.
    Numeric,
    /// Digits and a decimal point.
    Decimal,
    /// The full keyboard: needed for "e", suffixes, "%" and signs.
    Text,
}

impl Keyboard {
    /// The `inputmode` attribute's value.
    pub fn inputmode(self) -> &'static str {
        match self {
            Keyboard::Numeric => "numeric",
            Keyboard::Decimal => "decimal",
            Keyboard::Text => "text",
        }
    }
}

/// A field's hint: one line of explanation with an example. The scales'
/// hints depend on the axis, since their unit does.
#[derive(Clone, Copy, Debug)]
pub enum Hint {
    Fixed(&'static str),
    /// One hint per kind of scale, in [`ScaleKind::ALL`]'s order.
    ByScale([&'static str; 5]),
    /// A hint resting on one of the essay's principles: the words before
    /// its citation, the principle, and the words after.
    Cites(&'static str, PrincipleId, &'static str),
}

/// A field's unit next to its box.
#[derive(Clone, Copy, Debug)]
pub enum Unit {
    None,
    Fixed(&'static str),
    /// The axis's scale unit (parameters, tokens or steps, × the smallest run).
    Scale,
}

/// One row of the table.
#[derive(Debug)]
pub struct FieldSpec {
    pub field: Field,
    pub key: &'static str,
    /// The visible label and accessible name. Labels start with the words the
    /// public interface fixes (Generality, Novelty, Contribution, Accelerator,
    /// Count, Hours, MFU, Reserve, Top model, Scaling axis), and no other
    /// label contains those, so a lookup by label finds one field.
    pub label: &'static str,
    pub hint: Hint,
    pub unit: Unit,
    /// The default as text that the field's own parser reads; empty for an
    /// optional field that defaults to nothing.
    pub default: &'static str,
    pub rule: Rule,
    pub units: Units,
    pub keyboard: Keyboard,
    /// Where the form shows it.
    pub group: FormGroup,
    /// Whether it matters for these inputs; the form shows only those (and
    /// any holding an error).
    pub used: fn(&Inputs) -> bool,
    /// Where its value lives in [`Inputs`]; an optional field's is an `Option`.
    pub access: Access,
}

/// A field every plan uses.
const ALWAYS: fn(&Inputs) -> bool = |_| true;

/// The form's groups, as a researcher thinks of the inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormGroup {
    /// The contribution and how far it reaches.
    Claim,
    /// The accelerators, the time and the money.
    Compute,
    /// What the ladder scales and from where to where.
    Scale,
    /// The optional statistics of the power analysis.
    Statistics,
}

/// Reads a value of the record.
pub type Get<T> = fn(&Inputs) -> &T;
/// Reaches a value of the record to write it.
pub type Put<T> = fn(&mut Inputs) -> &mut T;

/// Where a field's value lives in [`Inputs`], by its type: the setter,
/// the reset to a default, the text and the form read and write every field
/// through this, so none of them lists the fields again.
#[derive(Clone, Copy)]
pub enum Access {
    /// A whole number from 1 to 5.
    Level(Get<u8>, Put<u8>),
    /// A whole count.
    Count(Get<u32>, Put<u32>),
    Number(Get<f64>, Put<f64>),
    /// A number that may be left empty.
    Optional(Get<Option<f64>>, Put<Option<f64>>),
    /// A currency code.
    Code(Get<String>, Put<String>),
    /// One of a list: the chosen option's id, and a setter that takes an id
    /// (`None` when no option has it).
    Choice(
        fn(&Inputs) -> &'static str,
        fn(&mut Inputs, &str) -> Option<()>,
    ),
}

impl std::fmt::Debug for Access {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Access::Level(..) => "Level",
            Access::Count(..) => "Count",
            Access::Number(..) => "Number",
            Access::Optional(..) => "Optional",
            Access::Code(..) => "Code",
            Access::Choice(..) => "Choice",
        })
    }
}

/// A number field's accessor: `number!(hours)`.
macro_rules! number {
    ($name:ident) => {
        Access::Number(|i| &i.$name, |i| &mut i.$name)
    };
}

/// A choice field's accessor, for a choice type with `id` and `from_id`.
macro_rules! choice {
    ($name:ident, $choice:ident) => {
        Access::Choice(
            |i| i.$name.id(),
            |i, id| $choice::from_id(id).map(|c| i.$name = c),
        )
    };
}

/// A picker's options from a list of choices: (id, label).
fn options<T: Copy>(
    all: &[T],
    id: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(&'static str, String)> {
    all.iter().map(|&c| (id(c), label(c).to_owned())).collect()
}

fn kinds() -> Vec<(&'static str, String)> {
    options(
        &ContributionKind::ALL,
        ContributionKind::id,
        ContributionKind::label,
    )
}

fn research_fields() -> Vec<(&'static str, String)> {
    options(&ResearchField::ALL, ResearchField::id, ResearchField::label)
}

fn axes() -> Vec<(&'static str, String)> {
    options(&Axis::ALL, Axis::id, Axis::label)
}

fn tunings() -> Vec<(&'static str, String)> {
    options(&Tuning::ALL, Tuning::id, Tuning::label)
}

fn finetune_methods() -> Vec<(&'static str, String)> {
    options(
        &FinetuneMethod::ALL,
        FinetuneMethod::id,
        FinetuneMethod::label,
    )
}

/// The names only: with its figures ("NVIDIA GeForce RTX 4090 · 165.2
/// TFLOPS, 24 GB") the chosen one was cut off in the 16–18.5rem inputs
/// column of the two-column layout (issue 33); the figures of the chosen one
/// are the field's hint (`text::fields::accelerator_figures`).
fn accelerators() -> Vec<(&'static str, String)> {
    ACCELERATORS
        .iter()
        .map(|a| (a.id, a.name.to_owned()))
        .collect()
}

fn families() -> Vec<(&'static str, String)> {
    ModelFamily::ALL
        .iter()
        // The form shows `text::fields::family_label` (name, sizes and range).
        .map(|f| (f.id(), f.name().to_owned()))
        .collect()
}

const fn number(min: f64, min_allowed: bool, max: f64) -> Rule {
    Rule::Number {
        min,
        min_allowed,
        max,
    }
}

// Upper bounds keep every later product finite in f64 and catch typos such as
// an extra "000"; each is far above anything a real plan uses. Lower bounds
// refuse values whose answer would be meaningless: under 36 seconds of
// compute, a test level whose quantile is not finite in f64.
pub const FIELDS: &[FieldSpec] = &[
    FieldSpec {
        field: Field::Kind,
        key: "kind",
        label: "Contribution kind",
        hint: Hint::Cites("What the paper delivers: an artifact (model, benchmark, dataset, code) or an insight ", PrincipleId::Deliverables, "."),
        unit: Unit::None,
        default: "insight",
        rule: Rule::Choice(kinds),
        units: Units::Plain,
        keyboard: Keyboard::Text,
        group: FormGroup::Claim,
        used: ALWAYS,
        access: choice!(kind, ContributionKind),
    },
    FieldSpec {
        field: Field::Generality,
        key: "generality",
        label: "Generality of the claim",
        hint: Hint::Cites("Each step up asks for more settings, sizes and seeds ", PrincipleId::Generality, "."),
        unit: Unit::None,
        default: "3",
        rule: Rule::Integer { min: 1.0, max: 5.0 },
        units: Units::Plain,
        keyboard: Keyboard::Numeric,
        group: FormGroup::Claim,
        used: ALWAYS,
        access: Access::Level(|i| &i.generality, |i| &mut i.generality),
    },
    FieldSpec {
        field: Field::Novelty,
        key: "novelty",
        label: "Novelty: distance from accepted practice",
        hint: Hint::Cites("Each step up asks for more evidence; contradicting \"scale wins\" needs the most ", PrincipleId::Novelty, "."),
        unit: Unit::None,
        default: "3",
        rule: Rule::Integer { min: 1.0, max: 5.0 },
        units: Units::Plain,
        keyboard: Keyboard::Numeric,
        group: FormGroup::Claim,
        used: ALWAYS,
        access: Access::Level(|i| &i.novelty, |i| &mut i.novelty),
    },
    FieldSpec {
        field: Field::ResearchField,
        key: "field",
        label: "Research field",
        hint: Hint::Fixed("Sets what that field's reviewers expect: seeds per task and aggregate statistics in deep RL, run costs in environment steps."),
        unit: Unit::None,
        default: "llm",
        rule: Rule::Choice(research_fields),
        units: Units::Plain,
        keyboard: Keyboard::Text,
        group: FormGroup::Scale,
        used: ALWAYS,
        access: choice!(field, ResearchField),
    },
    FieldSpec {
        field: Field::Accelerator,
        key: "accelerator",
        label: "Accelerator",
        hint: Hint::Fixed("Dense BF16/FP16 peaks and memory from vendor datasheets; never the with-sparsity figure."),
        unit: Unit::None,
        default: "a100",
        rule: Rule::Choice(accelerators),
        units: Units::Plain,
        keyboard: Keyboard::Text,
        group: FormGroup::Compute,
        used: ALWAYS,
        access: Access::Choice(|i| i.accelerator.id, |i, id| find_accelerator(id).map(|a| i.accelerator = a)),
    },
    FieldSpec {
        field: Field::Count,
        key: "count",
        label: "Count",
        hint: Hint::Fixed("How many accelerators you have, from 1 to 1,000,000, e.g. 8."),
        unit: Unit::Fixed("accelerators"),
        default: "8",
        rule: Rule::Integer {
            min: 1.0,
            max: 1_000_000.0,
        },
        units: Units::Plain,
        keyboard: Keyboard::Numeric,
        group: FormGroup::Compute,
        used: ALWAYS,
        access: Access::Count(|i| &i.count, |i| &mut i.count),
    },
    FieldSpec {
        field: Field::Hours,
        key: "hours",
        label: "Hours of wall-clock time",
        hint: Hint::Fixed("How long you can use them, e.g. 30 days, 6 weeks, 1 month or 36 h (a bare number is hours), or pick a duration:"),
        // No unit beside the box: the box says its own ("30 days", "36 h").
        unit: Unit::None,
        default: "720",
        rule: number(0.01, true, 1_000_000.0),
        units: Units::Hours,
        keyboard: Keyboard::Text,
        group: FormGroup::Compute,
        used: ALWAYS,
        access: number!(hours),
    },
    FieldSpec {
        field: Field::Mfu,
        key: "mfu",
        label: "MFU (model FLOPs utilisation)",
        hint: Hint::Fixed("Share of peak a run really achieves, e.g. 0.4, 40% or 40. Epoch AI suggests 0.3 for LLMs, 0.4 otherwise."),
        unit: Unit::None,
        // Epoch AI 2022, "Estimating Training Compute of Deep Learning Models":
        // 0.3 for large language models, 0.4 otherwise; the default ladder
        // pretrains language models.
        default: "0.3",
        rule: number(0.01, true, 1.0),
        units: Units::Share,
        keyboard: Keyboard::Text,
        group: FormGroup::Compute,
        used: ALWAYS,
        access: number!(mfu),
    },
    FieldSpec {
        field: Field::Flops,
        key: "flops",
        label: "Total compute budget (optional)",
        hint: Hint::Fixed("A total such as 2.6e21 replaces accelerators × hours × MFU; Hours still bounds the wall-clock time."),
        unit: Unit::Fixed("FLOPs"),
        default: "",
        // A trillion FLOPs is under a second of one accelerator.
        rule: number(1e12, true, 1e30),
        units: Units::Size,
        keyboard: Keyboard::Text,
        group: FormGroup::Compute,
        used: ALWAYS,
        access: Access::Optional(|i| &i.flops, |i| &mut i.flops),
    },
    FieldSpec {
        field: Field::Price,
        key: "price",
        label: "Price per hour (optional)",
        hint: Hint::Fixed("What one accelerator costs per hour, e.g. 2.50 or $2.50; leave empty to hide costs."),
        unit: Unit::Fixed("per device"),
        default: "",
        rule: number(0.0, true, 1_000_000.0),
        units: Units::Money,
        keyboard: Keyboard::Text,
        group: FormGroup::Compute,
        used: ALWAYS,
        access: Access::Optional(|i| &i.price, |i| &mut i.price),
    },
    FieldSpec {
        field: Field::Currency,
        key: "currency",
        label: "Currency",
        hint: Hint::Fixed("A code of 1 to 5 letters such as USD or EUR, shown with costs."),
        unit: Unit::None,
        default: "USD",
        rule: Rule::Code,
        units: Units::Plain,
        keyboard: Keyboard::Text,
        group: FormGroup::Compute,
        used: ALWAYS,
        access: Access::Code(|i| &i.currency, |i| &mut i.currency),
    },
    FieldSpec {
        field: Field::Reserve,
        key: "reserve",
        label: "Reserve: share of the budget kept back",
        hint: Hint::Fixed("For failed runs, debugging and evaluation, e.g. 0.2 or 20% (our calibration). The plan fits when it uses at most the rest."),
        unit: Unit::None,
        // Our calibration, not a published figure: OPT-175B's logbook records
        // dozens of restarts after failures (Zhang et al. 2022), and
        // evaluation and debugging runs come on top.
        default: "0.2",
        // All of it would leave nothing to plan.
        rule: number(0.0, true, 0.95),
        units: Units::Share,
        keyboard: Keyboard::Text,
        group: FormGroup::Compute,
        used: ALWAYS,
        access: number!(reserve),
    },
    FieldSpec {
        field: Field::Axis,
        key: "axis",
        label: "Scaling axis",
        hint: Hint::Fixed("What grows along the ladder; it sets how compute grows with scale."),
        unit: Unit::None,
        default: "pretrain",
        rule: Rule::Choice(axes),
        units: Units::Plain,
        keyboard: Keyboard::Text,
        group: FormGroup::Scale,
        // Only one axis makes sense for a benchmark: nothing to choose.
        used: |i| i.kind.axes().len() > 1,
        access: choice!(axis, Axis),
    },
    FieldSpec {
        field: Field::TokensPerParam,
        key: "tokens_per_param",
        label: "Tokens per parameter",
        hint: Hint::Fixed("Training data per parameter; 20 is compute-optimal (Chinchilla)."),
        unit: Unit::Fixed("tokens"),
        // Hoffmann et al. 2022 (Chinchilla): about 20 tokens per parameter is compute-optimal.
        default: "20",
        rule: number(1.0, true, 10_000.0),
        units: Units::Plain,
        keyboard: Keyboard::Decimal,
        group: FormGroup::Scale,
        used: |i| i.axis == Axis::Pretrain && i.kind != ContributionKind::Benchmark,
        access: number!(tokens_per_param),
    },
    FieldSpec {
        field: Field::DataTokens,
        key: "data_tokens",
        label: "Data size",
        hint: Hint::Fixed("The data one run reads (images × epochs × tokens per image for vision), or the size of a new dataset, e.g. 1e8 or 100M."),
        unit: Unit::Fixed("tokens"),
        // 100M tokens: e.g. 50k fine-tuning examples of 2k tokens (our assumption).
        default: "1e8",
        rule: number(1e3, true, 1e16),
        units: Units::Size,
        keyboard: Keyboard::Text,
        group: FormGroup::Scale,
        // On the data axis, the size of a new dataset counts its repeats.
        used: |i| i.axis == Axis::Finetune || i.kind == ContributionKind::Dataset,
        access: number!(data_tokens),
    },
    FieldSpec {
        field: Field::ModelParams,
        key: "model_params",
        label: "Fixed model size",
        hint: Hint::Fixed("The model trained on growing data, e.g. 125M (the smallest GPT-3), at most 10T."),
        unit: Unit::Fixed("params"),
        // 125M parameters, the smallest GPT-3 (Brown et al. 2020).
        default: "1.25e8",
        rule: number(1e3, true, 1e13),
        units: Units::Size,
        keyboard: Keyboard::Text,
        group: FormGroup::Scale,
        // Deep RL prices runs by steps, but the network must still fit in memory.
        used: |i| i.axis == Axis::Data,
        access: number!(model_params),
    },
    FieldSpec {
        field: Field::BaseHours,
        key: "base_hours",
        label: "Smallest run",
        hint: Hint::Fixed("Measure one run at your smallest scale and give what it cost in accelerator-hours, e.g. 2."),
        unit: Unit::Fixed("accelerator-hours"),
        default: "1",
        rule: number(1e-3, true, 1e6),
        units: Units::Hours,
        keyboard: Keyboard::Text,
        group: FormGroup::Scale,
        used: |i| i.axis == Axis::Custom,
        access: number!(base_hours),
    },
    FieldSpec {
        field: Field::Exponent,
        key: "exponent",
        label: "Cost exponent",
        hint: Hint::Fixed("Cost grows as scale to this power: 1 linear, 2 quadratic (compute-optimal pretraining)."),
        unit: Unit::None,
        default: "1",
        // Beyond quartic growth no scaling rule we know of applies.
        rule: number(0.1, true, 4.0),
        units: Units::Plain,
        keyboard: Keyboard::Decimal,
        group: FormGroup::Scale,
        used: |i| i.axis == Axis::Custom,
        access: number!(exponent),
    },
    FieldSpec {
        field: Field::StepsPerSecond,
        key: "steps_per_second",
        label: "Environment steps per second",
        hint: Hint::Fixed("Measure one run on one accelerator with its simulators, e.g. 5000 (the default is a placeholder, not a measurement)."),
        unit: Unit::Fixed("steps/s"),
        // Our placeholder: vectorised Atari or MuJoCo simulation feeding one
        // GPU learner runs at thousands of steps per second; time your own.
        default: "5000",
        rule: number(1e-3, true, 1e9),
        units: Units::Size,
        keyboard: Keyboard::Text,
        group: FormGroup::Scale,
        used: |i| i.prices_by_steps(),
        access: number!(steps_per_second),
    },
    FieldSpec {
        field: Field::Family,
        key: "family",
        label: "Model family to evaluate",
        hint: Hint::Fixed("A benchmark's ladder is sizes of released checkpoints of one family."),
        unit: Unit::None,
        default: "qwen2.5",
        rule: Rule::Choice(families),
        units: Units::Plain,
        keyboard: Keyboard::Text,
        group: FormGroup::Scale,
        used: |i| i.uses_checkpoints(),
        access: choice!(family, ModelFamily),
    },
    FieldSpec {
        field: Field::EvalTokens,
        key: "eval_tokens",
        label: "Evaluation set size",
        hint: Hint::Fixed("Tokens one model reads to answer one subset of your benchmark (or an existing one), prompts and answers, e.g. 5M (5,000 items of 1,000 tokens)."),
        unit: Unit::Fixed("tokens"),
        // Our assumption: 5,000 items of 1,000 tokens, about one MMLU pass
        // (14,042 questions of a few hundred tokens, Hendrycks et al. 2021).
        default: "5e6",
        rule: number(1e3, true, 1e13),
        units: Units::Size,
        keyboard: Keyboard::Text,
        group: FormGroup::Scale,
        // The kinds whose designs evaluate (design.rs: RunCost::Eval).
        used: |i| matches!(
            i.kind,
            ContributionKind::Benchmark | ContributionKind::Model | ContributionKind::Dataset
        ),
        access: number!(eval_tokens),
    },
    FieldSpec {
        field: Field::GeneratedTokens,
        key: "generated_tokens",
        label: "Generated tokens",
        hint: Hint::Fixed("Tokens the model writes per evaluation set (answers, reasoning), part of its size, e.g. 1M (5,000 answers of 200 tokens); 0 where answers are scored by likelihood. Writing is priced by memory bandwidth."),
        unit: Unit::Fixed("tokens"),
        // Our assumption: a fifth of the default evaluation set written by
        // the model, 5,000 answers of 200 tokens (short chains of thought,
        // as GSM8K's worked answers; Cobbe et al. 2021).
        default: "1e6",
        rule: number(0.0, true, 1e13),
        units: Units::Size,
        keyboard: Keyboard::Text,
        group: FormGroup::Scale,
        // Language models write answers; a vision model's label is one pass.
        used: |i| {
            matches!(
                i.kind,
                ContributionKind::Benchmark | ContributionKind::Model | ContributionKind::Dataset
            ) && i.field == ResearchField::Llm
        },
        access: number!(generated_tokens),
    },
    FieldSpec {
        field: Field::Floor,
        key: "floor",
        label: "Smallest scale worth a run (optional)",
        // The defaults named here are axis::default_floor's.
        hint: Hint::ByScale([
            "The smallest model worth training, e.g. 20M: smaller runs say little about scale. Left empty, the axis's default (20M).",
            "The least data worth a run, e.g. 100M tokens: less says little about scale. Left empty, the axis's default (100M).",
            "The smallest model worth fine-tuning, e.g. 20M: smaller runs say little about scale. Left empty, the axis's default (20M).",
            "A multiple of the smallest run, e.g. 1 (the default): smaller runs say little about scale.",
            "The fewest environment steps worth a run, e.g. 1M steps: fewer say little about scale. Left empty, deep RL's default (1M).",
        ]),
        unit: Unit::Scale,
        default: "",
        rule: number(0.0, false, 1e15),
        units: Units::Size,
        keyboard: Keyboard::Text,
        group: FormGroup::Scale,
        // Released checkpoints set the rungs, not a floor.
        used: |i| !i.uses_checkpoints(),
        access: Access::Optional(|i| &i.floor, |i| &mut i.floor),
    },
    FieldSpec {
        field: Field::Top,
        key: "top",
        label: "Top model (optional)",
        hint: Hint::ByScale([
            "The largest model you want, e.g. 1.3B; leave empty for the largest the budget and memory allow.",
            "The most data you want, e.g. 10B; leave empty for the most the budget buys.",
            "The largest model you want, e.g. 1.3B; leave empty for the largest the budget and memory allow.",
            "The largest run you want, as a multiple of the smallest, e.g. 100; leave empty for the largest the budget buys.",
            "The most environment steps you want in a run, e.g. 10M; leave empty for the most the budget buys.",
        ]),
        unit: Unit::Scale,
        default: "",
        rule: number(0.0, false, 1e15),
        units: Units::Size,
        keyboard: Keyboard::Text,
        group: FormGroup::Scale,
        used: ALWAYS,
        access: Access::Optional(|i| &i.top, |i| &mut i.top),
    },
    FieldSpec {
        field: Field::Tuning,
        key: "tuning",
        label: "Tuning at larger sizes",
        hint: Hint::Fixed("How each compared arm's learning rate is set above the smallest size."),
        unit: Unit::None,
        default: "sweep",
        rule: Rule::Choice(tunings),
        units: Units::Plain,
        keyboard: Keyboard::Text,
        group: FormGroup::Scale,
        // The kinds that compare tuned arms at several sizes (design.rs).
        used: |i| matches!(
            i.kind,
            ContributionKind::Insight | ContributionKind::NegativeResult | ContributionKind::Codebase
        ),
        access: choice!(tuning, Tuning),
    },
    FieldSpec {
        field: Field::Effect,
        key: "effect",
        label: "Effect: smallest gain worth detecting (optional)",
        hint: Hint::Fixed("In your metric's units, e.g. 0.5 accuracy points."),
        unit: Unit::None,
        default: "",
        rule: number(1e-9, true, 1e9),
        units: Units::Plain,
        keyboard: Keyboard::Text,
        group: FormGroup::Statistics,
        used: ALWAYS,
        access: Access::Optional(|i| &i.effect, |i| &mut i.effect),
    },
    FieldSpec {
        field: Field::Noise,
        key: "noise",
        label: "Noise: seed-to-seed standard deviation (optional)",
        hint: Hint::Fixed("Same units as the effect, e.g. 0.4."),
        unit: Unit::None,
        default: "",
        rule: number(1e-9, true, 1e9),
        units: Units::Plain,
        keyboard: Keyboard::Text,
        group: FormGroup::Statistics,
        used: ALWAYS,
        access: Access::Optional(|i| &i.noise, |i| &mut i.noise),
    },
    FieldSpec {
        field: Field::Alpha,
        key: "alpha",
        label: "Alpha: test level",
        hint: Hint::Fixed("Two-sided false-positive rate, e.g. 0.05."),
        unit: Unit::None,
        // The conventional test level of Cohen (1988), also G*Power's default.
        default: "0.05",
        // Below 1e-6 nobody tests, and the normal quantile loses its digits.
        rule: number(1e-6, true, 0.5),
        units: Units::Plain,
        keyboard: Keyboard::Text,
        group: FormGroup::Statistics,
        used: ALWAYS,
        access: number!(alpha),
    },
    FieldSpec {
        field: Field::Power,
        key: "power",
        label: "Power",
        hint: Hint::Fixed("Chance to detect a real gain of that size, e.g. 0.8."),
        unit: Unit::None,
        // Cohen (1988)'s conventional power, also G*Power's default.
        default: "0.8",
        rule: number(0.5, true, 0.999),
        units: Units::Plain,
        keyboard: Keyboard::Text,
        group: FormGroup::Statistics,
        used: ALWAYS,
        access: number!(power),
    },
    FieldSpec {
        field: Field::FinetuneMethod,
        key: "finetune_method",
        label: "Fine-tuning method",
        hint: Hint::Fixed("Full fine-tuning trains every weight; LoRA and QLoRA train small adapters on a frozen model, so far larger models fit in memory."),
        unit: Unit::None,
        default: "full",
        rule: Rule::Choice(finetune_methods),
        units: Units::Plain,
        keyboard: Keyboard::Text,
        group: FormGroup::Scale,
        used: |i| i.axis == Axis::Finetune && i.kind != ContributionKind::Benchmark,
        access: choice!(finetune_method, FinetuneMethod),
    },
    FieldSpec {
        field: Field::Multiplier,
        key: "multiplier",
        label: "Multiplier: the compute the method is expected to be worth",
        hint: Hint::Fixed(
            "How much more compute the baseline would need to match the method, e.g. 1.5 (1 = no gain). Sizes the seeds for the verdict.",
        ),
        unit: Unit::None,
        // Our default: a modest method. Published architecture and optimiser
        // gains are often 1.2x to 2x once baselines are tuned (Wen et al. 2025;
        // Porian et al. 2024).
        default: "1.5",
        rule: number(1.0, true, 1000.0),
        units: Units::Plain,
        keyboard: Keyboard::Text,
        group: FormGroup::Statistics,
        used: ALWAYS,
        access: number!(multiplier),
    },
    FieldSpec {
        field: Field::LossNoise,
        key: "loss_noise",
        label: "Loss noise: seed-to-seed standard deviation of the final loss (optional)",
        hint: Hint::Fixed(
            "In nats, e.g. 0.01 (ours when empty). Sets the verdict's power; measure it from the first stage's seeds.",
        ),
        unit: Unit::None,
        default: "",
        // A final loss is a few nats (Chinchilla's curve, which the power
        // simulates, runs from about 2 to 4): a spread of more than 10 is a
        // unit mistake, not noise.
        rule: number(1e-9, true, 10.0),
        units: Units::Plain,
        keyboard: Keyboard::Text,
        group: FormGroup::Statistics,
        // Where the verdict reads compute multipliers off the loss: every
        // field but deep RL, whose returns are judged as gains in Noise's units.
        used: |i| i.field != ResearchField::Rl,
        access: Access::Optional(|i| &i.loss_noise, |i| &mut i.loss_noise),
    },
];

impl Field {
    /// Every field, in the table's order.
    pub const ALL: [Field; FIELDS.len()] = {
        let mut all = [Field::Kind; FIELDS.len()];
        let mut i = 0;
        while i < FIELDS.len() {
            all[i] = FIELDS[i].field;
            i += 1;
        }
        all
    };

    /// This field's row of [`FIELDS`].
    pub fn spec(self) -> &'static FieldSpec {
        &FIELDS[self as usize]
    }

    /// The name in URLs and the JS API: `"tokens_per_param"`.
    pub fn key(self) -> &'static str {
        self.spec().key
    }

    pub fn label(self) -> &'static str {
        self.spec().label
    }

    pub fn from_key(key: &str) -> Option<Self> {
        FIELDS.iter().find(|s| s.key == key).map(|s| s.field)
    }

    /// Optional fields may be left empty; the others fall back to a default.
    pub fn is_optional(self) -> bool {
        matches!(self.spec().access, Access::Optional(..))
    }

    /// Whether the field is picked from a list rather than typed.
    pub fn is_choice(self) -> bool {
        matches!(self.spec().rule, Rule::Choice(_))
    }

    /// The fields the form shows in this group, in the table's order.
    pub fn in_group(group: FormGroup) -> impl Iterator<Item = Field> {
        FIELDS
            .iter()
            .filter(move |s| s.group == group)
            .map(|s| s.field)
    }

    /// The hint's words before its citation, and the principle it cites
    /// with the words after, if it cites one (`text::cited::hint` joins them).
    pub fn hint(self, scale: ScaleKind) -> (&'static str, Option<(PrincipleId, &'static str)>) {
        match self.spec().hint {
            Hint::Fixed(text) => (text, None),
            Hint::ByScale(texts) => (texts[scale as usize], None),
            Hint::Cites(before, principle, after) => (before, Some((principle, after))),
        }
    }

    pub fn unit(self, scale: ScaleKind) -> Option<&'static str> {
        match self.spec().unit {
            Unit::None => None,
            Unit::Fixed(unit) => Some(unit),
            Unit::Scale => Some(scale.unit()),
        }
    }

    /// The choices a picker offers, (id, text); empty for typed fields.
    pub fn options(self) -> Vec<(&'static str, String)> {
        match self.spec().rule {
            Rule::Choice(options) => options(),
            _ => Vec::new(),
        }
    }
}

/// Reads a number as people type it into this kind of field; `None` when it
/// is not one (NaN and infinities in every spelling included).
///
/// ```
/// use evidence_ladder::model::fields::{parse_number, Units};
/// assert_eq!(parse_number("1.3B", Units::Size), Some(1.3e9));
/// assert_eq!(parse_number("14d", Units::Hours), Some(336.0));
/// assert_eq!(parse_number("40%", Units::Share), Some(0.4));
/// assert_eq!(parse_number("$2.50", Units::Money), Some(2.5));
/// assert_eq!(parse_number("1,000", Units::Size), Some(1000.0));
/// assert_eq!(parse_number("1,5", Units::Plain), None);
/// ```
pub fn parse_number(text: &str, units: Units) -> Option<f64> {
    let text = text.trim();
    let (body, factor) = match units {
        Units::Plain => (text, 1.0),
        Units::Size => split_suffix(
            text,
            &[("k", 1e3), ("m", 1e6), ("b", 1e9), ("g", 1e9), ("t", 1e12)],
        ),
        Units::Hours => split_suffix(
            text,
            &[
                ("hours", 1.0),
                ("hour", 1.0),
                ("hrs", 1.0),
                ("hr", 1.0),
                ("h", 1.0),
                ("days", 24.0),
                ("day", 24.0),
                ("d", 24.0),
                ("weeks", 168.0),
                ("week", 168.0),
                ("wk", 168.0),
                ("w", 168.0),
                // A month of compute is an allocation of 30 days (720 h, the
                // default budget); a year 365 days.
                ("months", 720.0),
                ("month", 720.0),
                ("mo", 720.0),
                ("years", 8760.0),
                ("year", 8760.0),
                ("yr", 8760.0),
            ],
        ),
        Units::Share => return parse_share(text),
        Units::Money => (strip_currency(text), 1.0),
    };
    let n = plain_number(body.trim_end())? * factor;
    n.is_finite().then_some(n)
}

/// Whether a bare number was typed as people type a percentage ("40"),
/// not in a machine's notation ("4e1"), which reads as the number itself,
/// as the same value given as a number (the JS API, a saved plan) does.
fn typed_as_percent(text: &str, n: f64) -> bool {
    n > 1.0 && n <= 100.0 && !text.contains(['e', 'E'])
}

/// A share: "40%" and, above 1 up to 100, a bare "40" are percentages;
/// "0.4" is a share. Divided, not multiplied by 0.01, so "30%" is exactly 0.3.
fn parse_share(text: &str) -> Option<f64> {
    let n = match text.strip_suffix('%') {
        Some(body) => plain_number(body.trim_end())? / 100.0,
        None => match plain_number(text)? {
            n if typed_as_percent(text, n) => n / 100.0,
            n => n,
        },
    };
    n.is_finite().then_some(n)
}

/// Whether `text` is a bare number this field reads as a percentage
/// ("40" in MFU is 40%), so the form can say so.
pub fn read_as_percent(text: &str, units: Units) -> Option<f64> {
    let text = text.trim();
    (units == Units::Share && !text.ends_with('%'))
        .then(|| plain_number(text))
        .flatten()
        .filter(|&n| typed_as_percent(text, n))
}

/// Money without its currency: "$2.50", "2.50 USD", "2.50usd", "USD 2.50".
fn strip_currency(text: &str) -> &str {
    let text = text.strip_prefix(['$', '€', '£', '¥']).unwrap_or(text);
    // Three letters, as ISO 4217 codes: a lone "e" is a half-typed exponent.
    let letters = |t: &str| t.len() == 3 && t.bytes().all(|b| b.is_ascii_alphabetic());
    let number_end = text.rfind(|c: char| c.is_ascii_digit() || c == '.');
    if let Some(end) = number_end {
        let (number, code) = text.split_at(end + 1);
        if letters(code.trim()) {
            return number;
        }
    }
    match text.split_once(' ') {
        Some((code, number)) if letters(code) => number.trim_start(),
        _ => text,
    }
}

/// `text` without a unit suffix (any case) and the suffix's factor; the
/// text itself and 1 when it has none. The number must end in a digit or a
/// point, so "1e9" is never read as "1e" with a suffix.
fn split_suffix<'a>(text: &'a str, suffixes: &[(&str, f64)]) -> (&'a str, f64) {
    for &(suffix, factor) in suffixes {
        let cut = text.len().saturating_sub(suffix.len());
        if cut > 0 && text.is_char_boundary(cut) {
            let (body, end) = text.split_at(cut);
            if end.eq_ignore_ascii_case(suffix)
                && body
                    .trim_end()
                    .ends_with(|c: char| c.is_ascii_digit() || c == '.')
            {
                return (body, factor);
            }
        }
    }
    (text, 1.0)
}

/// "720", "0.4", "2.6e21", or with thousands separators "12,500.5"; commas
/// elsewhere ("1,5": a decimal comma?) are refused rather than guessed.
fn plain_number(text: &str) -> Option<f64> {
    if text.contains(',') {
        let (int, rest) = match text.find(['.', 'e', 'E']) {
            Some(i) => text.split_at(i),
            None => (text, ""),
        };
        let mut groups = int.split(',');
        let first = groups.next()?;
        let digits = first.trim_start_matches(['-', '+']);
        if digits.is_empty() || digits.len() > 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if !groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit())) {
            return None;
        }
        let joined = format!("{}{rest}", int.replace(',', ""));
        return joined.parse::<f64>().ok().filter(|n| n.is_finite());
    }
    // 1e999 parses to infinity, which no rule accepts.
    text.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// A field's value as people write it, for the form to show once the user
/// has left the field: "1.3B", "86M", "14 days", "36 h". Always text the
/// field's own parser reads back to exactly `n`; where a shorter form would
/// not, the exact [`number_text`].
///
/// ```
/// use evidence_ladder::model::fields::{typed_text, Units};
/// assert_eq!(typed_text(1.3e9, Units::Size), "1.3B");
/// assert_eq!(typed_text(8.6e7, Units::Size), "86M");
/// assert_eq!(typed_text(7.57e10, Units::Size), "75.7B");
/// assert_eq!(typed_text(336.0, Units::Hours), "14 days");
/// assert_eq!(typed_text(36.0, Units::Hours), "36 h");
/// assert_eq!(typed_text(2.6e21, Units::Size), "2.6e21");
/// ```
pub fn typed_text(n: f64, units: Units) -> String {
    let exact = number_text(n);
    let candidate = match units {
        Units::Size => [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")]
            .iter()
            .find(|(scale, _)| n.abs() >= *scale && n.abs() < 1e15)
            .map(|(scale, suffix)| format!("{}{suffix}", number_text(n / scale))),
        Units::Hours if n == 24.0 => Some("1 day".into()),
        Units::Hours if n >= 48.0 && n % 24.0 == 0.0 => {
            Some(format!("{} days", number_text(n / 24.0)))
        }
        Units::Hours => Some(format!("{exact} h")),
        Units::Plain | Units::Share | Units::Money => None,
    };
    candidate
        .filter(|text| text.len() <= exact.len() + 5 && parse_number(text, units) == Some(n))
        .unwrap_or(exact)
}

impl Field {
    /// The values a size field's messages give as examples ("such as 350M
    /// or 1.3B"): inside the field's rule and in its unit, for a scale in
    /// what `scale` counts. Empty where there is none to give (the custom
    /// axis's multiples; fields that are not sizes, whose words are fixed).
    pub fn examples(self, scale: ScaleKind) -> &'static [f64] {
        match (self, scale) {
            // The default page's budget is about 2.6e21; GPT-3 took 3.14e23
            // (Brown et al. 2020).
            (Field::Flops, _) => &[2.6e21, 3e23],
            // The defaults (see their rows) and a tenfold or larger step.
            (Field::DataTokens, _) => &[1e8, 2e9],
            (Field::EvalTokens, _) => &[5e6, 1e8],
            (Field::GeneratedTokens, _) => &[1e6, 2e7],
            (Field::StepsPerSecond, _) => &[5e3, 2e4],
            // GPT-3's smallest (Brown et al. 2020) and the essay's final 1.3B.
            (Field::ModelParams, _) => &[1.25e8, 1.3e9],
            (Field::Floor | Field::Top, ScaleKind::Custom) => &[],
            // The essay's academic ladder: 120M, 350M, 750M, then 1.3B.
            (Field::Floor, ScaleKind::Pretrain | ScaleKind::Finetune) => &[2e7, 1.2e8],
            (Field::Top, ScaleKind::Pretrain | ScaleKind::Finetune) => &[3.5e8, 1.3e9],
            // From axis::default_floor's 100M tokens and 1M steps up.
            (Field::Floor, ScaleKind::Data) => &[1e8, 1e9],
            (Field::Top, ScaleKind::Data) => &[1e9, 1e10],
            (Field::Floor, ScaleKind::Steps) => &[1e6, 1e7],
            (Field::Top, ScaleKind::Steps) => &[1e7, 1e8],
            _ => &[],
        }
    }

    /// The field's name in messages: its label up to a colon or a bracket,
    /// "Top model", "MFU", "Reserve".
    pub fn short_label(self) -> &'static str {
        let label = self.label();
        let end = label.find([':', '(']).unwrap_or(label.len());
        label[..end].trim_end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A row whose accessor disagrees with its rule would accept a value and
    /// store nothing (a choice read as a number, a count as a share).
    #[test]
    fn each_accessor_fits_its_rule_and_writes_its_own_member() {
        for spec in FIELDS {
            let fits = match (spec.access, spec.rule) {
                (Access::Choice(..), Rule::Choice(_)) | (Access::Code(..), Rule::Code) => true,
                (Access::Level(..), Rule::Integer { max, .. }) => max <= f64::from(u8::MAX),
                (Access::Count(..), Rule::Integer { max, .. }) => max <= f64::from(u32::MAX),
                (Access::Number(..) | Access::Optional(..), Rule::Number { .. }) => true,
                _ => false,
            };
            assert!(fits, "{}: {:?} for {:?}", spec.key, spec.access, spec.rule);
        }
        // Setting one field changes that field's text and no other's.
        let blank = crate::model::inputs::Inputs::default();
        let mut checked = 0;
        for field in Field::ALL {
            let candidates: Vec<String> = match field.spec().rule {
                Rule::Choice(options) => {
                    options().into_iter().map(|(id, _)| id.to_owned()).collect()
                }
                Rule::Code => vec!["EUR".to_owned()],
                Rule::Integer { min, max } | Rule::Number { min, max, .. } => {
                    [min + 1.0, (min + max) / 2.0, max]
                        .map(number_text)
                        .to_vec()
                }
            };
            // The first value the field takes that differs from its default.
            let Some(other) = candidates.into_iter().find(|c| {
                let mut trial = blank.clone();
                trial
                    .set(field, &crate::model::inputs::FieldValue::Text(c.clone()))
                    .is_ok()
                    && trial.text(field) != blank.text(field)
            }) else {
                panic!("{}: no value other than its default", field.key());
            };
            let mut inputs = blank.clone();
            let _ = inputs.set(
                field,
                &crate::model::inputs::FieldValue::Text(other.clone()),
            );
            for f in Field::ALL {
                assert_eq!(
                    inputs.text(f) != blank.text(f),
                    f == field,
                    "setting {} to {other}",
                    field.key()
                );
            }
            checked += 1;
        }
        assert_eq!(checked, FIELDS.len());
    }

    #[test]
    fn rows_are_in_the_enums_order_with_unique_keys_and_labels() {
        for (i, spec) in FIELDS.iter().enumerate() {
            assert_eq!(spec.field as usize, i, "{}", spec.key);
            assert_eq!(Field::from_key(spec.key), Some(spec.field));
            for other in &FIELDS[i + 1..] {
                assert_ne!(spec.key, other.key);
                assert_ne!(spec.label, other.label);
            }
        }
    }

    #[test]
    fn public_label_words_name_one_field_each() {
        for word in [
            "Generality",
            "Novelty",
            "Contribution",
            "Accelerator",
            "Count",
            "Hours",
            "MFU",
            "Reserve",
            "Top model",
            "Scaling axis",
        ] {
            let starting: Vec<_> = FIELDS
                .iter()
                .filter(|s| s.label.starts_with(word))
                .collect();
            assert_eq!(starting.len(), 1, "{word}");
            let containing = FIELDS.iter().filter(|s| s.label.contains(word)).count();
            assert_eq!(containing, 1, "{word} appears in another label");
        }
    }

    #[test]
    fn required_fields_have_defaults_and_optional_ones_do_not() {
        for spec in FIELDS {
            assert_eq!(
                spec.default.is_empty(),
                spec.field.is_optional(),
                "{}",
                spec.key
            );
        }
    }

    #[test]
    fn units_people_type() {
        let cases: &[(&str, Units, Option<f64>)] = &[
            ("350M", Units::Size, Some(350e6)),
            ("350m", Units::Size, Some(350e6)),
            ("1.3B", Units::Size, Some(1.3e9)),
            ("7e9", Units::Size, Some(7e9)),
            ("20k", Units::Size, Some(20e3)),
            ("1 T", Units::Size, Some(1e12)),
            ("1e", Units::Size, None),
            ("B", Units::Size, None),
            ("36h", Units::Hours, Some(36.0)),
            ("14d", Units::Hours, Some(336.0)),
            ("2w", Units::Hours, Some(336.0)),
            ("2 weeks", Units::Hours, Some(336.0)),
            ("14D", Units::Hours, Some(336.0)),
            ("14x", Units::Hours, None),
            ("40%", Units::Share, Some(0.4)),
            ("0.4", Units::Share, Some(0.4)),
            ("%", Units::Share, None),
            ("$2.50", Units::Money, Some(2.5)),
            ("€3", Units::Money, Some(3.0)),
            ("1,000", Units::Size, Some(1000.0)),
            ("12,500.5", Units::Money, Some(12500.5)),
            ("1,000,000", Units::Plain, Some(1e6)),
            ("1,5", Units::Plain, None),
            ("1,0000", Units::Plain, None),
            (",100", Units::Plain, None),
            ("NaN", Units::Plain, None),
            ("inf", Units::Size, None),
            ("1e999", Units::Plain, None),
            ("$$2", Units::Money, None),
            ("\u{feff}:=", Units::Hours, None),
            ("1é", Units::Size, None),
        ];
        for &(text, units, want) in cases {
            assert_eq!(parse_number(text, units), want, "{text:?} as {units:?}");
        }
    }

    #[test]
    fn units_people_type_in_this_round() {
        let cases: &[(&str, Units, Option<f64>)] = &[
            ("1 month", Units::Hours, Some(720.0)),
            ("2 months", Units::Hours, Some(1440.0)),
            ("6 weeks", Units::Hours, Some(1008.0)),
            ("1 year", Units::Hours, Some(8760.0)),
            ("14 days", Units::Hours, Some(336.0)),
            ("40", Units::Share, Some(0.4)),
            ("30%", Units::Share, Some(0.3)),
            ("0.3", Units::Share, Some(0.3)),
            ("1", Units::Share, Some(1.0)),
            ("100", Units::Share, Some(1.0)),
            ("101", Units::Share, Some(101.0)),
            ("2.50 USD", Units::Money, Some(2.5)),
            ("2.50usd", Units::Money, Some(2.5)),
            ("EUR 3", Units::Money, Some(3.0)),
            ("$2.50 USD", Units::Money, Some(2.5)),
            ("2.5e", Units::Money, None),
            ("2.50 US", Units::Money, None),
            ("USD", Units::Money, None),
        ];
        for &(text, units, want) in cases {
            assert_eq!(parse_number(text, units), want, "{text:?} as {units:?}");
        }
        assert_eq!(read_as_percent("40", Units::Share), Some(40.0));
        assert_eq!(read_as_percent("40%", Units::Share), None);
        assert_eq!(read_as_percent("0.4", Units::Share), None);
        assert_eq!(read_as_percent("4e1", Units::Share), None);
        assert_eq!(read_as_percent("40", Units::Plain), None);
    }

    #[test]
    fn values_are_shown_in_peoples_units() {
        for (n, units, want) in [
            (1.3e9, Units::Size, "1.3B"),
            (8.6e7, Units::Size, "86M"),
            (7.57e10, Units::Size, "75.7B"),
            (5e6, Units::Size, "5M"),
            (5000.0, Units::Size, "5K"),
            (350.0, Units::Size, "350"),
            (2.6e21, Units::Size, "2.6e21"),
            (720.0, Units::Hours, "30 days"),
            (24.0, Units::Hours, "1 day"),
            (36.0, Units::Hours, "36 h"),
            (0.5, Units::Hours, "0.5 h"),
            (0.3, Units::Share, "0.3"),
        ] {
            assert_eq!(typed_text(n, units), want);
        }
    }
}
