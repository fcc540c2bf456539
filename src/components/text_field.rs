use yew::prelude::*;

use crate::model::inputs::Field;

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    pub field: Field,
    /// The accessible name; starts with the words the public interface fixes.
    pub label: AttrValue,
    #[prop_or_default]
    pub unit: Option<AttrValue>,
    /// One line of explanation with an example.
    pub hint: AttrValue,
    pub text: AttrValue,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    pub on_edit: Callback<(Field, String)>,
}

/// A labelled text box for a number. Text rather than `type=number`, so what
/// the user types (including half-typed values such as "2.6e") is never wiped.
#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let key = props.field.key();
    let id = format!("field-{key}");
    let hint_id = format!("hint-{key}");
    let error_id = format!("error-{key}");
    let oninput = {
        let on_edit = props.on_edit.clone();
        let field = props.field;
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            on_edit.emit((field, input.value()));
        })
    };
    let described_by = if props.error.is_some() {
        format!("{error_id} {hint_id}")
    } else {
        hint_id.clone()
    };
    html! {
        <div class={classes!("field", props.error.is_some().then_some("invalid"))}>
            <label for={id.clone()}>{ &props.label }</label>
            <div class="control">
                <input
                    id={id}
                    name={key}
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    spellcheck="false"
                    value={props.text.clone()}
                    aria-invalid={props.error.is_some().then_some("true")}
                    aria-describedby={described_by}
                    {oninput}
                />
                if let Some(unit) = &props.unit {
                    <span class="unit" aria-hidden="true">{ unit }</span>
                }
            </div>
            if let Some(error) = &props.error {
                <p class="error" id={error_id}>{ error }</p>
            }
            <p class="hint" id={hint_id}>{ &props.hint }</p>
        </div>
    }
}
