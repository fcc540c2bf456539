use yew::prelude::*;

use crate::model::inputs::Field;

#[derive(Properties, PartialEq)]
pub struct ChoiceFieldProps {
    pub field: Field,
    pub label: AttrValue,
    pub hint: AttrValue,
    /// (value, text) pairs.
    pub options: Vec<(AttrValue, AttrValue)>,
    pub selected: AttrValue,
    pub on_edit: Callback<(Field, String)>,
}

/// A labelled drop-down.
#[component]
pub fn ChoiceField(props: &ChoiceFieldProps) -> Html {
    let key = props.field.key();
    let id = format!("field-{key}");
    let hint_id = format!("hint-{key}");
    let onchange = {
        let on_edit = props.on_edit.clone();
        let field = props.field;
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            on_edit.emit((field, select.value()));
        })
    };
    html! {
        <div class="field">
            <label for={id.clone()}>{ &props.label }</label>
            <select id={id} name={key} aria-describedby={hint_id.clone()} {onchange}>
                { for props.options.iter().map(|(value, text)| html! {
                    <option value={value.clone()} selected={*value == props.selected}>{ text }</option>
                }) }
            </select>
            <p class="hint" id={hint_id}>{ &props.hint }</p>
        </div>
    }
}
