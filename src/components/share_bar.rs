use std::rc::Rc;

use serde::Serialize;
use yew::prelude::*;

use crate::browser;
use crate::model::inputs::Inputs;
use crate::model::plan::Plan;
use crate::model::query::{to_query, View};
use crate::model::report;

#[derive(Properties, PartialEq)]
pub struct ShareBarProps {
    pub plan: Rc<Plan>,
    pub view: View,
    pub on_reset: Callback<()>,
}

/// What was copied, or the text to copy by hand when the browser refused.
#[derive(Clone, PartialEq)]
enum Outcome {
    Copied(&'static str),
    CopyByHand { what: &'static str, text: String },
    Downloaded,
    Failed(&'static str),
}

/// The downloaded file: the inputs, the plan and which app made it.
#[derive(Serialize)]
struct Export<'a> {
    app: &'static str,
    version: &'static str,
    inputs: &'a Inputs,
    plan: &'a Plan,
}

fn export_json(plan: &Plan) -> Option<String> {
    let export = Export {
        app: "Evidence Ladder",
        version: env!("CARGO_PKG_VERSION"),
        inputs: &plan.inputs,
        plan,
    };
    let value = export
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .ok()?;
    js_sys::JSON::stringify_with_replacer_and_space(&value, &wasm_bindgen::JsValue::NULL, &2.into())
        .ok()?
        .as_string()
}

/// Share and export the plan: a link, Markdown, a JSON file; and start over.
#[component]
pub fn ShareBar(props: &ShareBarProps) -> Html {
    let outcome = use_state(|| None::<Outcome>);
    let link = browser::app_url(&to_query(
        &props.plan.inputs,
        &View {
            embed: false,
            ..props.view
        },
    ));

    let copy = |what: &'static str, text: String| {
        let outcome = outcome.clone();
        Callback::from(move |_: MouseEvent| {
            let outcome = outcome.clone();
            let text = text.clone();
            wasm_bindgen_futures::spawn_local(async move {
                outcome.set(Some(match browser::copy_to_clipboard(&text).await {
                    Ok(()) => Outcome::Copied(what),
                    Err(()) => Outcome::CopyByHand { what, text },
                }));
            });
        })
    };
    let on_copy_link = copy("Link", link.clone());
    let on_copy_markdown = copy("Markdown", report::markdown(&props.plan, &link));
    let on_download = {
        let outcome = outcome.clone();
        let plan = props.plan.clone();
        Callback::from(move |_: MouseEvent| {
            let done = export_json(&plan).and_then(|json| {
                browser::download("evidence-plan.json", "application/json", &json).ok()
            });
            outcome.set(Some(match done {
                Some(()) => Outcome::Downloaded,
                None => Outcome::Failed("The browser refused the download."),
            }));
        })
    };
    let on_reset = {
        let on_reset = props.on_reset.clone();
        let outcome = outcome.clone();
        Callback::from(move |_: MouseEvent| {
            outcome.set(None);
            on_reset.emit(());
        })
    };
    // Select the fallback text as soon as it shows, ready for Ctrl+C.
    let fallback = use_node_ref();
    {
        let fallback = fallback.clone();
        use_effect_with((*outcome).clone(), move |_| {
            if let Some(area) = fallback.cast::<web_sys::HtmlTextAreaElement>() {
                let _ = area.focus();
                area.select();
            }
        });
    }

    let message = match &*outcome {
        Some(Outcome::Copied(what)) => format!("{what} copied to the clipboard."),
        Some(Outcome::CopyByHand { what, .. }) => {
            format!("The browser blocked copying. The {} is selected below: press Ctrl+C (⌘C on a Mac).", what.to_lowercase())
        }
        Some(Outcome::Downloaded) => "Downloaded evidence-plan.json.".into(),
        Some(Outcome::Failed(why)) => (*why).into(),
        None => String::new(),
    };
    html! {
        <section class="panel share" aria-labelledby="share-title">
            <h3 id="share-title">{ "Share and export" }</h3>
            <div class="buttons">
                <button type="button" onclick={on_copy_link}>{ "Copy link" }</button>
                <button type="button" onclick={on_copy_markdown}>{ "Copy as Markdown" }</button>
                <button type="button" onclick={on_download}>{ "Download JSON" }</button>
                <button type="button" class="secondary" onclick={on_reset}>{ "Reset" }</button>
            </div>
            <p class="share-status" aria-live="polite">{ message }</p>
            if let Some(Outcome::CopyByHand { what, text }) = &*outcome {
                <label class="fallback">
                    <span class="visually-hidden">{ format!("{what} to copy") }</span>
                    <textarea ref={fallback} readonly=true rows="4" value={text.clone()} />
                </label>
            }
        </section>
    }
}
