use yew::prelude::*;

use super::{choice_field, compute_presets, text_field};
use crate::model::axis::{Axis, FIELD_PRESETS};
use crate::model::evidence::{GENERALITY, NOVELTY};
use crate::model::format;
use crate::model::hardware::{ComputePreset, ACCELERATORS};
use crate::model::inputs::{ContributionKind, Field};
use crate::state::State;

/// Durations offered next to the hours field, in days.
const DAY_SHORTCUTS: [(&str, f64); 5] = [
    ("1 day", 1.0),
    ("1 week", 7.0),
    ("2 weeks", 14.0),
    ("30 days", 30.0),
    ("90 days", 90.0),
];

/// Label, unit and one-line explanation of each number field. Labels start
/// with the words the public interface fixes (Count, Hours, MFU), and no other
/// label contains them or "Accelerator", so a lookup by label finds one field.
pub fn copy(field: Field, axis: Axis) -> (&'static str, Option<&'static str>, &'static str) {
    match field {
        Field::Count => (
            "Count",
            Some("accelerators"),
            "How many accelerators work on each run at once, e.g. 8.",
        ),
        Field::Hours => (
            "Hours of wall-clock time",
            Some("h"),
            "How long you can use them, e.g. 720 for 30 days, or pick a duration:",
        ),
        Field::Mfu => (
            "MFU (model FLOPs utilisation)",
            None,
            "Share of peak a run really achieves, e.g. 0.4. Epoch AI suggests 0.3 for LLMs, 0.4 otherwise.",
        ),
        Field::Flops => (
            "Total compute budget (optional)",
            Some("FLOPs"),
            "A total such as 2.6e21 replaces accelerators × hours × MFU.",
        ),
        Field::Price => (
            "Price per hour (optional)",
            Some("per device"),
            "What one accelerator costs per hour, e.g. 2.5; leave empty to hide costs.",
        ),
        Field::TokensPerParam => (
            "Tokens per parameter",
            Some("tokens"),
            "Training data per parameter; 20 is compute-optimal (Chinchilla).",
        ),
        Field::Effect => (
            "Effect: smallest gain worth detecting (optional)",
            None,
            "In your metric's units, e.g. 0.5 accuracy points.",
        ),
        Field::Noise => (
            "Noise: seed-to-seed standard deviation (optional)",
            None,
            "Same units as the effect, e.g. 0.4.",
        ),
        Field::Alpha => (
            "Alpha: test level",
            None,
            "Two-sided false-positive rate, e.g. 0.05.",
        ),
        Field::Power => (
            "Power",
            None,
            "Chance to detect a real gain of that size, e.g. 0.8.",
        ),
        Field::Reserve => (
            "Reserve: share of the budget kept back",
            None,
            "For failed runs, debugging and evaluation, e.g. 0.2 (our calibration). The plan fits when it uses at most the rest.",
        ),
        // The scales are in the axis's unit, so their examples are too.
        Field::Top => (
            "Top model (optional)",
            Some(axis.unit()),
            match axis {
                Axis::Pretrain | Axis::Finetune => "The largest model you want, e.g. 1.3e9; leave empty for the largest the budget buys.",
                Axis::Data => "The most data you want, e.g. 1e10; leave empty for the most the budget buys.",
                Axis::Custom => "The largest run you want, as a multiple of the smallest, e.g. 100; leave empty for the largest the budget buys.",
            },
        ),
        Field::Floor => (
            "Smallest scale worth a run (optional)",
            Some(axis.unit()),
            match axis {
                Axis::Pretrain | Axis::Finetune => "e.g. 2e7; empty uses the axis's default (20M).",
                Axis::Data => "e.g. 1e8; empty uses the axis's default (100M).",
                Axis::Custom => "A multiple of the smallest run, e.g. 1 (the default).",
            },
        ),
        Field::DataTokens => (
            "Data size",
            Some("tokens"),
            "The fine-tuning data per run (images × epochs × tokens per image for vision), or the size of a new dataset, e.g. 1e8.",
        ),
        Field::ModelParams => (
            "Fixed model size",
            Some("params"),
            "The model trained on growing data, e.g. 1.25e8.",
        ),
        Field::BaseHours => (
            "Smallest run",
            Some("accelerator-hours"),
            "Measure one run at your smallest scale, e.g. 2.",
        ),
        Field::Exponent => (
            "Cost exponent",
            None,
            "Cost grows as scale to this power: 1 linear, 2 quadratic (compute-optimal pretraining).",
        ),
        Field::Currency => (
            "Currency",
            None,
            "A code such as USD or EUR, shown with costs.",
        ),
        Field::Kind
        | Field::Generality
        | Field::Novelty
        | Field::Accelerator
        | Field::Axis => ("", None, ""),
    }
}

/// A drop-down over one of the claim's 1–5 scales (generality, novelty): each
/// option is a step with an example, and the hint explains the chosen step
/// and `why` it matters.
fn scale_field(
    field: Field,
    label: &'static str,
    scale: &[(&str, &str); 5],
    value: u8,
    why: &str,
    on_edit: &Callback<(Field, String)>,
) -> Html {
    let (name, example) = scale[usize::from(value.clamp(1, 5) - 1)];
    choice_field::view(
        field,
        label,
        format!("{name}, e.g. {example} {why}"),
        scale
            .iter()
            .enumerate()
            .map(|(i, (name, example))| {
                (
                    (i + 1).to_string(),
                    format!("{} · {name}, e.g. {example}", i + 1),
                )
            })
            .collect(),
        &value.to_string(),
        on_edit,
    )
}

/// Every input, grouped as a researcher thinks of them: the claim, the
/// compute, then the optional statistics.
pub fn view(
    state: &State,
    on_edit: &Callback<(Field, String)>,
    on_blur: &Callback<Field>,
    on_preset: &Callback<&'static ComputePreset>,
) -> Html {
    let inputs = &state.inputs;
    let number = |field: Field| {
        text_field::view(
            field,
            copy(field, inputs.axis),
            state.text(field),
            state.error(field).map(|e| e.to_string()),
            on_edit,
            on_blur,
        )
    };
    // Open when it holds something, so an error inside is never hidden.
    let stats_open = [Field::Effect, Field::Noise, Field::Alpha, Field::Power]
        .iter()
        .any(|&f| state.error(f).is_some())
        || inputs.effect.is_some()
        || inputs.noise.is_some();
    let kind = choice_field::view(
        Field::Kind,
        "Contribution kind",
        "What the paper delivers: an artifact (model, benchmark, dataset, code) or an insight (the essay: a paper delivers artifacts or insights).".into(),
        ContributionKind::ALL.into_iter().map(|k| (k.id().into(), k.label().into())).collect(),
        inputs.kind.id(),
        on_edit,
    );
    let generality_field = scale_field(
        Field::Generality,
        "Generality of the claim",
        &GENERALITY,
        inputs.generality,
        "Each step up asks for more settings, sizes and seeds (the essay: broader claims need more evidence).",
        on_edit,
    );
    let novelty_field = scale_field(
        Field::Novelty,
        "Novelty: distance from accepted practice",
        &NOVELTY,
        inputs.novelty,
        "Each step up asks for more evidence; contradicting \"scale wins\" needs the most (the essay: claims farther from practice need more evidence).",
        on_edit,
    );
    let axis = choice_field::view(
        Field::Axis,
        "Scaling axis",
        "What grows along the ladder; it sets how compute grows with scale.".into(),
        Axis::ALL
            .into_iter()
            .map(|a| (a.id().into(), a.label().into()))
            .collect(),
        inputs.axis.id(),
        on_edit,
    );
    let axis_fields: &[Field] = match inputs.axis {
        Axis::Pretrain => &[Field::TokensPerParam],
        Axis::Finetune => &[Field::DataTokens],
        Axis::Data => &[Field::ModelParams],
        Axis::Custom => &[Field::BaseHours, Field::Exponent],
    };
    // A rejected field of another axis stays on screen, so its error is never hidden.
    let hidden_errors: Vec<Field> = [
        Field::TokensPerParam,
        Field::DataTokens,
        Field::ModelParams,
        Field::BaseHours,
        Field::Exponent,
    ]
    .into_iter()
    .filter(|f| !axis_fields.contains(f) && state.error(*f).is_some())
    .collect();
    let accelerator = choice_field::view(
        Field::Accelerator,
        "Accelerator",
        "Dense BF16/FP16 peaks from vendor datasheets; never the with-sparsity figure.".into(),
        ACCELERATORS
            .iter()
            .map(|a| {
                (
                    a.id.into(),
                    format!("{} · {} TFLOPS", a.name, format::number_text(a.peak_tflops)),
                )
            })
            .collect(),
        inputs.accelerator.id,
        on_edit,
    );
    html! {
        <form class="inputs-form" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <fieldset>
                <legend>{ "The claim" }</legend>
                { kind }
                { generality_field }
                { novelty_field }
            </fieldset>
            <fieldset>
                <legend>{ "Your compute" }</legend>
                { compute_presets::view(on_preset) }
                { accelerator }
                { number(Field::Count) }
                { number(Field::Hours) }
                <div class="presets days" role="group" aria-label="Quick durations">
                    { for DAY_SHORTCUTS.iter().map(|(label, days)| {
                        let on_edit = on_edit.clone();
                        let hours = format::number_text(days * 24.0);
                        html! {
                            <button type="button" class="chip" onclick={Callback::from(move |_: MouseEvent| on_edit.emit((Field::Hours, hours.clone())))}>
                                { *label }
                            </button>
                        }
                    }) }
                    if state.error(Field::Hours).is_none() {
                        <span class="hint">{ format!("= {}", format::duration(inputs.hours)) }</span>
                    }
                </div>
                { number(Field::Mfu) }
                { number(Field::Flops) }
                { number(Field::Reserve) }
                { number(Field::Price) }
                { number(Field::Currency) }
            </fieldset>
            <fieldset>
                <legend>{ "What the ladder scales" }</legend>
                <div class="presets fields" role="group" aria-label="Field presets">
                    { for FIELD_PRESETS.iter().map(|preset| {
                        let on_edit = on_edit.clone();
                        html! {
                            <button type="button" class="chip" title={preset.source}
                                onclick={Callback::from(move |_: MouseEvent| {
                                    for (key, value) in preset.values {
                                        if let Some(field) = Field::from_key(key) {
                                            on_edit.emit((field, (*value).to_owned()));
                                        }
                                    }
                                })}>
                                { preset.label }
                            </button>
                        }
                    }) }
                </div>
                { axis }
                { for axis_fields.iter().chain(&hidden_errors).map(|&f| number(f)) }
                { number(Field::Floor) }
                { number(Field::Top) }
            </fieldset>
            <details class="advanced" open={stats_open}>
                <summary>{ "Advanced: statistics" }</summary>
                <p class="hint">{ "Give the smallest gain worth detecting and the seed-to-seed noise to size the seeds by a power analysis." }</p>
                { number(Field::Effect) }
                { number(Field::Noise) }
                { number(Field::Alpha) }
                { number(Field::Power) }
            </details>
        </form>
    }
}
