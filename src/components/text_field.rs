//! A number field's text box: label, unit, hint, error and the note on how
//! the text was read.

use yew::prelude::*;

use super::Dispatch;
use crate::model::axis::ScaleKind;
use crate::model::inputs::Field;
use crate::state::Action;

/// What a number field shows.
pub struct TextField<'a> {
    pub field: Field,
    /// What the scales count: their unit and hint follow it.
    pub scale: ScaleKind,
    /// What the field holds: as typed, or the value.
    pub text: String,
    /// Why the text is refused, once that is shown.
    pub error: Option<String>,
    /// The longest message this field can show: its space is kept, so an
    /// error appearing moves nothing on the page.
    pub reserve: String,
    /// How the text was read, when that is not what it looks like ("Read as 40%.").
    pub note: Option<String>,
    pub dispatch: &'a Dispatch,
}

/// A labelled text box for a number. Text rather than `type=number`, so what
/// the user types (including half-typed values such as "2.6e") is never wiped.
///
/// Label, unit, hint and keyboard come from the field table; the scales'
/// unit and hint follow what the scales count.
pub fn view(props: TextField) -> Html {
    let TextField {
        field,
        scale,
        text,
        error,
        reserve,
        note,
        dispatch,
    } = props;
    let key = field.key();
    let id = format!("field-{key}");
    let hint_id = format!("hint-{key}");
    let error_id = format!("error-{key}");
    let oninput = dispatch.to(move |e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        Action::Edit(field, input.value())
    });
    let onblur = dispatch.to(move |_: FocusEvent| Action::Blur(field));
    // Phones' decimal keypads have no "e", "%" or suffixes: the table says
    // which keyboard each field needs.
    let inputmode = field.spec().keyboard.inputmode();
    let (label, unit, hint) = (
        field.label(),
        field.unit(scale),
        crate::text::cited::hint(field, scale).to_string(),
    );
    let described_by = if error.is_some() {
        format!("{error_id} {hint_id}")
    } else {
        hint_id.clone()
    };
    html! {
        <div class={classes!("field", error.is_some().then_some("invalid"))}>
            <label for={id.clone()}>{ label }</label>
            <div class="control">
                <input
                    id={id}
                    name={key}
                    type="text"
                    {inputmode}
                    autocomplete="off"
                    spellcheck="false"
                    value={text}
                    aria-invalid={error.is_some().then_some("true")}
                    aria-describedby={described_by}
                    {oninput}
                    {onblur}
                />
                if let Some(unit) = unit {
                    <span class="unit" aria-hidden="true">{ unit }</span>
                }
            </div>
            // The hint, the error and the note share one cell as tall as the
            // longest of them (the reserve), so typing never moves the form.
            <div class={classes!("messages", (error.is_some() || note.is_some()).then_some("replaced"))}>
                <p class="hint" id={hint_id}>{ hint }</p>
                if let Some(error) = &error {
                    <p class="error" id={error_id}>{ error }</p>
                } else if let Some(note) = &note {
                    <p class="note" role="status">{ note }</p>
                }
                <p class="reserve" aria-hidden="true">{ reserve }</p>
            </div>
        </div>
    }
}
