//! A drop-down field: its label from the field table, its options, and a
//! hint whose citations link to the essay's principles.

use yew::prelude::*;

use super::{principles, Dispatch};
use crate::model::inputs::Field;
use crate::state::Action;
use crate::text::cited::Cited;

/// What a drop-down shows.
pub struct ChoiceField<'a> {
    pub field: Field,
    /// Explains the chosen option; its citation of the essay becomes a link.
    pub hint: Cited,
    /// (value, text) pairs.
    pub options: Vec<(String, String)>,
    pub selected: &'a str,
    pub dispatch: &'a Dispatch,
}

/// A labelled drop-down, its label from the field table.
pub fn view(props: ChoiceField) -> Html {
    let ChoiceField {
        field,
        hint,
        options,
        selected,
        dispatch,
    } = props;
    let key = field.key();
    let id = format!("field-{key}");
    let hint_id = format!("hint-{key}");
    let onchange = dispatch.to(move |e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        Action::Edit(field, select.value())
    });
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
