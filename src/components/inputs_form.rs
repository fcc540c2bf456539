//! The inputs form: every field of the table in its group (the claim, the
//! compute, what the ladder scales, the statistics), with the claim's 1–5
//! scales, the quick durations and the presets beside them.

use yew::prelude::*;

use super::choice_field::ChoiceField;
use super::text_field::TextField;
use super::{choice_field, compute_presets, text_field, Dispatch};
use crate::model::axis::ScaleKind;
use crate::model::evidence::{GENERALITY, NOVELTY};
use crate::model::fields::{parse_number, read_as_percent, typed_text, FormGroup};
use crate::model::inputs::Field;
use crate::model::presets::FIELD_PRESETS;
use crate::state::{Action, State};
use crate::text::cited::{self, Cited};
use crate::text::format;

/// Durations offered next to the hours field, in days.
const DAY_SHORTCUTS: [(&str, f64); 5] = [
    ("1 day", 1.0),
    ("1 week", 7.0),
    ("2 weeks", 14.0),
    ("30 days", 30.0),
    ("90 days", 90.0),
];

/// The field's hint after these words.
fn with_prefix(prefix: String, field: Field, scale: ScaleKind) -> Cited {
    let mut hint = cited::hint(field, scale);
    hint.before = prefix + &hint.before;
    hint
}

/// The steps of the claim's scales in a few words, for their drop-downs:
/// "3 · Surprising but compatible" and "5 · A general law of deep learning"
/// were cut in the 296 px input column beside the answer (the hint gives
/// the chosen step's whole name and an example).
const GENERALITY_SHORT: [&str; 5] = [
    "One setting",
    "A task family",
    "A domain or modality",
    "Several domains",
    "A general law",
];
const NOVELTY_SHORT: [&str; 5] = [
    "Confirms consensus",
    "Incremental",
    "Surprising, compatible",
    "Contradicts practice",
    "Contradicts a near-fact",
];

/// A drop-down over one of the claim's 1–5 scales (generality, novelty): each
/// option is a step in a few words, and the hint explains the chosen step
/// with an example and `why` it matters.
fn scale_field(
    field: Field,
    (scale, short): (&[(&str, &str); 5], &[&str; 5]),
    value: u8,
    dispatch: &Dispatch,
) -> Html {
    let (name, example) = scale[usize::from(value.clamp(1, 5) - 1)];
    choice_field::view(ChoiceField {
        field,
        hint: with_prefix(
            format!("{name}, e.g. {example} "),
            field,
            ScaleKind::Pretrain,
        ),
        options: short
            .iter()
            .enumerate()
            .map(|(i, name)| ((i + 1).to_string(), format!("{} · {name}", i + 1)))
            .collect(),
        selected: &value.to_string(),
        dispatch,
    })
}

/// A number's text box: while the user types, their text; once they leave
/// it, the value in people's units ("1.3B", "14 days"); its error in the
/// field's own words, or a note on how the text was read ("Read as 40%.").
fn number_field(state: &State, field: Field, dispatch: &Dispatch) -> Html {
    let inputs = &state.inputs;
    let typing = state.drafts.iter().any(|(f, _)| *f == field)
        || state.rejected.iter().any(|r| r.error.field == field);
    let units = field.spec().units;
    let text = match inputs.text(field) {
        Some(exact) if !typing => {
            parse_number(&exact, units).map_or(exact, |n| typed_text(n, units))
        }
        _ => state.text(field),
    };
    let note = read_as_percent(&text, units)
        .filter(|_| state.error(field).is_none())
        .map(|p| format!("Read as {}%.", format::number_text(p)));
    text_field::view(TextField {
        field,
        scale: inputs.scale_kind(),
        error: state
            .error(field)
            .map(|_| crate::text::fields::form_message(field, inputs.scale_kind(), &text)),
        // The longest message this field can show: an empty optional field
        // is valid, so only a typed one can be refused.
        reserve: crate::text::fields::form_message(
            field,
            inputs.scale_kind(),
            if field.is_optional() { "?" } else { "" },
        ),
        note,
        text,
        dispatch,
    })
}

#[derive(Properties, PartialEq)]
pub struct InputsFormProps {
    /// The inputs' state: what each field holds and its error.
    pub state: UseReducerHandle<State>,
    pub dispatch: Dispatch,
}

/// A picker over the field table's options, its hint from the table.
/// Only what makes sense here is offered: a benchmark's axis, a field's
/// families.
fn choice(state: &State, field: Field, dispatch: &Dispatch) -> Html {
    let inputs = &state.inputs;
    let selected = if field == Field::Family {
        // The family the plan uses: one the field offers, even when the
        // state still holds another field's (the plan says so in a warning).
        inputs.clone().reconciled().0.family.id().to_owned()
    } else {
        state.text(field)
    };
    let offered: Vec<(String, String)> = crate::text::fields::options(field)
        .into_iter()
        .filter(|(id, _)| inputs.offers(field, id))
        .map(|(id, text)| (id.to_owned(), text))
        .collect();
    // "Insight: a lesson others can apply" and "Pythia · 10 sizes, 14M
    // to 12B" are cut in the narrow column: the drop-down shows the name,
    // the hint what the chosen one means.
    let split = |text: &str| -> Option<(String, String)> {
        text.split_once(": ")
            .or_else(|| text.split_once(" · "))
            .map(|(name, rest)| (name.to_owned(), rest.to_owned()))
    };
    let detail = offered
        .iter()
        .find(|(id, _)| *id == selected)
        .and_then(|(_, text)| split(text))
        .map(|(_, rest)| format::capitalised(&rest));
    choice_field::view(ChoiceField {
        field,
        hint: match (field, detail) {
            (Field::Accelerator, _) => with_prefix(
                format!(
                    "{}. ",
                    crate::text::fields::accelerator_figures(&selected).unwrap_or_default()
                ),
                field,
                inputs.scale_kind(),
            ),
            (_, Some(detail)) => with_prefix(format!("{detail}. "), field, inputs.scale_kind()),
            (_, None) => cited::hint(field, inputs.scale_kind()),
        },
        options: offered
            .into_iter()
            .map(|(id, text)| {
                let name = split(&text).map_or(text, |(name, _)| name);
                (id, name)
            })
            .collect(),
        selected: &selected,
        dispatch,
    })
}

/// The accelerators, the time (with quick durations) and the money.
fn compute_fieldset(state: &State, dispatch: &Dispatch) -> Html {
    let number = |field: Field| number_field(state, field, dispatch);
    html! {
        <fieldset>
            <legend>{ "Your compute" }</legend>
            { compute_presets::view(dispatch) }
            { choice(state, Field::Accelerator, dispatch) }
            { number(Field::Count) }
            { number(Field::Hours) }
            <div class="presets days" role="group" aria-label="Quick durations">
                { for DAY_SHORTCUTS.iter().map(|(label, days)| {
                    let hours = format::number_text(days * 24.0);
                    html! {
                        <button type="button" class="chip" onclick={dispatch.to(move |_: MouseEvent| Action::Edit(Field::Hours, hours.clone()))}>
                            { *label }
                        </button>
                    }
                }) }
                // Hidden, not removed, while Hours holds an error: the row keeps its height.
                <span class={classes!("hint", state.error(Field::Hours).is_some().then_some("unseen"))}>
                    { format!("= {}", format::duration(state.inputs.hours)) }
                </span>
            </div>
            { number(Field::Mfu) }
            { number(Field::Flops) }
            { number(Field::Reserve) }
            { number(Field::Price) }
            { number(Field::Currency) }
        </fieldset>
    }
}

/// What the ladder scales: the field's presets, the choices these inputs
/// use, and the scale fields they use (or that hold an error, so an error
/// is never hidden).
fn scale_fieldset(state: &State, dispatch: &Dispatch) -> Html {
    let inputs = &state.inputs;
    let scale_fields: Vec<Field> = Field::in_group(FormGroup::Scale)
        .filter(|&f| !f.is_choice() && (inputs.uses(f) || state.error(f).is_some()))
        .collect();
    html! {
        <fieldset>
            <legend>{ "What the ladder scales" }</legend>
            <div class="presets fields" role="group" aria-label="Field presets">
                { for FIELD_PRESETS.iter().map(|preset| {
                    html! {
                        <button type="button" class="chip" title={preset.source}
                            onclick={dispatch.to(move |_: MouseEvent| Action::Preset(preset))}>
                            { preset.label }
                        </button>
                    }
                }) }
            </div>
            { choice(state, Field::ResearchField, dispatch) }
            if inputs.uses(Field::Axis) {
                { choice(state, Field::Axis, dispatch) }
            }
            if inputs.uses(Field::FinetuneMethod) {
                { choice(state, Field::FinetuneMethod, dispatch) }
            }
            if inputs.uses(Field::Family) {
                { choice(state, Field::Family, dispatch) }
            }
            { for scale_fields.iter().map(|&f| number_field(state, f, dispatch)) }
            if inputs.uses(Field::Tuning) {
                { choice(state, Field::Tuning, dispatch) }
            }
        </fieldset>
    }
}

/// Every input, grouped as a researcher thinks of them: the claim, the
/// compute, then the optional statistics. A component, so that typing
/// results (which leaves the inputs' state alone) does not render it again.
#[component]
pub fn InputsForm(props: &InputsFormProps) -> Html {
    let state: &State = &props.state;
    let dispatch = &props.dispatch;
    let inputs = &state.inputs;
    // Open when it holds something, so an error inside is never hidden.
    let stats_open = Field::in_group(FormGroup::Statistics).any(|f| state.error(f).is_some())
        || inputs.effect.is_some()
        || inputs.noise.is_some()
        || inputs.loss_noise.is_some();
    html! {
        <form class="inputs-form" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <fieldset>
                <legend>{ "The claim" }</legend>
                { choice(state, Field::Kind, dispatch) }
                { scale_field(Field::Generality, (&GENERALITY, &GENERALITY_SHORT), inputs.generality, dispatch) }
                { scale_field(Field::Novelty, (&NOVELTY, &NOVELTY_SHORT), inputs.novelty, dispatch) }
            </fieldset>
            { compute_fieldset(state, dispatch) }
            { scale_fieldset(state, dispatch) }
            <details class="advanced" open={stats_open}>
                <summary>{ "Advanced: statistics" }</summary>
                <p class="hint">{ "Give the smallest gain worth detecting and the seed-to-seed noise to size the seeds by a power analysis." }</p>
                { for Field::in_group(FormGroup::Statistics).map(|f| number_field(state, f, dispatch)) }
            </details>
        </form>
    }
}
