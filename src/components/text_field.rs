use yew::prelude::*;

use crate::model::axis::Axis;
use crate::model::inputs::Field;

/// A labelled text box for a number. Text rather than `type=number`, so what
/// the user types (including half-typed values such as "2.6e") is never wiped.
///
/// Label, unit, hint and keyboard come from the field table; the scales'
/// unit and hint follow the axis.
pub fn view(
    field: Field,
    axis: Axis,
    text: String,
    error: Option<String>,
    on_edit: &Callback<(Field, String)>,
    on_blur: &Callback<Field>,
) -> Html {
    let key = field.key();
    let id = format!("field-{key}");
    let hint_id = format!("hint-{key}");
    let error_id = format!("error-{key}");
    let oninput = {
        let on_edit = on_edit.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            on_edit.emit((field, input.value()));
        })
    };
    let onblur = {
        let on_blur = on_blur.clone();
        Callback::from(move |_: FocusEvent| on_blur.emit(field))
    };
    // Phones' decimal keypads have no "e", "%" or suffixes: the table says
    // which keyboard each field needs.
    let inputmode = field.spec().keyboard.inputmode();
    let (label, unit, hint) = (field.label(), field.unit(axis), field.hint(axis));
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
            if let Some(error) = &error {
                <p class="error" id={error_id}>{ error }</p>
            }
            <p class="hint" id={hint_id}>{ hint }</p>
        </div>
    }
}
