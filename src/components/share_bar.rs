use std::rc::Rc;

use yew::prelude::*;

use super::copy_button::CopyButton;
use super::embed_dialog::EmbedDialog;
use crate::model::export::export_value;
use crate::model::plan::Plan;
use crate::model::report;
use crate::{browser, js_api};

#[derive(Properties, PartialEq)]
pub struct ShareBarProps {
    pub plan: Rc<Plan>,
    /// The full calculator's address with these inputs (the app computes it once).
    pub link: AttrValue,
    pub on_reset: Callback<()>,
}

fn export_json(plan: &Plan) -> Option<String> {
    let value = js_api::to_js(&export_value(plan));
    js_sys::JSON::stringify_with_replacer_and_space(&value, &wasm_bindgen::JsValue::NULL, &2.into())
        .ok()?
        .as_string()
}

/// Share and export the plan: a link, Markdown, a JSON file, an embed
/// snippet; and start over.
#[component]
pub fn ShareBar(props: &ShareBarProps) -> Html {
    let download_message = use_state(String::new);
    let link = props.link.clone();
    let markdown = report::markdown(&props.plan, &link);
    let on_download = {
        let message = download_message.clone();
        let plan = props.plan.clone();
        Callback::from(move |_: MouseEvent| {
            let done = export_json(&plan).and_then(|json| {
                browser::download("evidence-plan.json", "application/json", &json).ok()
            });
            message.set(match done {
                Some(()) => "Downloaded evidence-plan.json.".into(),
                None => "The browser refused the download.".into(),
            });
        })
    };
    let on_reset = {
        let on_reset = props.on_reset.clone();
        Callback::from(move |_: MouseEvent| on_reset.emit(()))
    };
    html! {
        <section class="panel share" aria-labelledby="share-title">
            <h3 id="share-title">{ "Share and export" }</h3>
            <div class="buttons">
                <CopyButton label="Copy link" what="Link" text={link} />
                <CopyButton label="Copy as Markdown" what="Markdown" text={markdown} />
                <div class="copy">
                    <button type="button" onclick={on_download}>{ "Download JSON" }</button>
                    <p class="copy-status" aria-live="polite">{ (*download_message).clone() }</p>
                </div>
                <EmbedDialog inputs={props.plan.inputs.clone()} />
                <button type="button" class="secondary" onclick={on_reset}>{ "Reset" }</button>
            </div>
        </section>
    }
}
