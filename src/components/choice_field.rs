use yew::prelude::*;

use super::principles;
use crate::model::inputs::Field;

/// A labelled drop-down, its label from the field table.
/// `options` are (value, text) pairs.
pub fn view(
    field: Field,
    hint: String,
    options: Vec<(String, String)>,
    selected: &str,
    on_edit: &Callback<(Field, String)>,
) -> Html {
    let key = field.key();
    let id = format!("field-{key}");
    let hint_id = format!("hint-{key}");
    let onchange = {
        let on_edit = on_edit.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            on_edit.emit((field, select.value()));
        })
    };
    html! {
        <div class="field">
            <label for={id.clone()}>{ field.label() }</label>
            <select id={id} name={key} aria-describedby={hint_id.clone()} {onchange}>
                { for options.into_iter().map(|(value, text)| {
                    let is_selected = value == selected;
                    html! { <option selected={is_selected} {value}>{ text }</option> }
                }) }
            </select>
            <p class="hint" id={hint_id}>{ principles::cited(&hint) }</p>
        </div>
    }
}
