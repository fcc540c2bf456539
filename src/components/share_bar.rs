use std::rc::Rc;

use yew::prelude::*;

use super::{copy_button, embed_dialog};
use crate::model::plan::Plan;
use crate::model::report;
use crate::model::results::ResultsExport;
use crate::state::Export;
use crate::{browser, js_api};

fn export_json(plan: &Plan, results: Option<&ResultsExport>) -> Option<String> {
    js_api::to_json_text(&crate::model::saved::SavedPlan::new(plan, results))
}

/// Share and export the plan: a link, Markdown, a JSON file, an embed
/// snippet; and start over. `link` is the full calculator's address with these
/// inputs; `exported` is what the last copy or download did.
pub fn view(
    plan: &Rc<Plan>,
    link: &str,
    results: Option<&ResultsExport>,
    exported: Option<(Export, bool)>,
    on_export: &Callback<(Export, bool)>,
    on_open: &Callback<web_sys::File>,
) -> Html {
    let markdown = report::markdown(plan, link, results);
    let on_download = {
        let on_export = on_export.clone();
        let plan = plan.clone();
        let results = results.cloned();
        Callback::from(move |_: MouseEvent| {
            let done = export_json(&plan, results.as_ref()).is_some_and(|json| {
                browser::download("evidence-plan.json", "application/json", &json).is_ok()
            });
            on_export.emit((Export::Download, done));
        })
    };
    let download_message = match exported {
        Some((Export::Download, true)) => "Downloaded evidence-plan.json.",
        Some((Export::Download, false)) => "The browser refused the download.",
        _ => "",
    };
    let on_file = {
        let on_open = on_open.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                on_open.emit(file);
            }
            // The same file can be chosen again after a fix.
            input.set_value("");
        })
    };
    html! {
        <section class="panel share" aria-labelledby="share-title">
            <h3 id="share-title">{ "Share and export" }</h3>
            <div class="buttons">
                { copy_button::view(Export::Link, "Copy link", "Link", link, exported, on_export) }
                { copy_button::view(Export::Markdown, "Copy as Markdown", "Markdown", &markdown, exported, on_export) }
                <div class="copy">
                    <button type="button" onclick={on_download}>{ "Download JSON" }</button>
                    <p class="copy-status" aria-live="polite">{ download_message }</p>
                </div>
                { embed_dialog::view(&plan.inputs, exported, on_export) }
                <label class="button file">
                    { "Open a saved plan…" }
                    <input type="file" accept=".json,application/json" class="visually-hidden" onchange={on_file} />
                </label>
            </div>
        </section>
    }
}
