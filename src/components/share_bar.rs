//! The Share panel: the link, the Markdown, the plan as a JSON file (which
//! opens again as a saved plan), the embed dialog, and the printed footer.

use std::rc::Rc;

use yew::prelude::*;

use super::copy_button::{self, CopyButton};
use super::embed_dialog::EmbedDialog;
use super::Dispatch;
use crate::model::plan::Plan;
use crate::model::results::{PastedResults, ResultsExport, ResultsReading};
use crate::results_state::ResultsState;
use crate::state::{Action, Export};
use crate::text::report;
use crate::{browser, js_api};

/// What the share bar shares.
pub struct ShareBar<'a> {
    pub plan: &'a Rc<Plan>,
    /// The full calculator's address with these inputs.
    pub link: &'a str,
    /// The results and how they read, for the exports: read when a button
    /// is pressed (the handle gives the results as they are then).
    pub results: &'a UseReducerHandle<ResultsState>,
    pub reading: &'a Rc<ResultsReading>,
    /// What the last copy or download did.
    pub exported: Option<(Export, bool)>,
    /// What happened to the last file opened as a saved plan.
    pub opened: Option<&'a str>,
    pub dispatch: &'a Dispatch,
}

/// Offers the plan and its results as evidence-plan.json; true when the
/// browser took the download.
pub fn download_json(plan: &Plan, pasted: &PastedResults, reading: &ResultsReading) -> bool {
    let results = ResultsExport::new(pasted, reading);
    let public = crate::text::public::plan_json(plan);
    js_api::to_json_text(&crate::model::saved::SavedPlan::new(
        plan,
        public,
        results.as_ref().map(crate::text::results::export_json),
    ))
    .is_some_and(|json| browser::download("evidence-plan.json", "application/json", &json).is_ok())
}

/// A callback that downloads the plan and its results, and says how it went.
pub fn on_download(props: &ShareBar) -> Callback<MouseEvent> {
    let state = props.dispatch.state.clone();
    let (plan, results, reading) = (
        props.plan.clone(),
        props.results.clone(),
        props.reading.clone(),
    );
    Callback::from(move |_: MouseEvent| {
        browser::write_now();
        let done = download_json(&plan, &results.pasted, &reading);
        state.dispatch(Action::Exported(Export::Download, done));
    })
}

/// Share and export the plan: a link, Markdown, a JSON file, an embed
/// snippet; and open a saved plan.
pub fn view(props: ShareBar) -> Html {
    let ShareBar {
        plan,
        link,
        exported,
        opened,
        dispatch,
        ..
    } = props;
    let markdown = {
        let (plan, link, results, reading) = (
            plan.clone(),
            link.to_owned(),
            props.results.clone(),
            props.reading.clone(),
        );
        Rc::new(move || {
            let results = ResultsExport::new(&results.pasted, &reading);
            report::markdown(&plan, &link, results.as_ref())
        })
    };
    let download_message = match exported {
        Some((Export::Download, true)) => "Downloaded evidence-plan.json.",
        Some((Export::Download, false)) => "The browser refused the download.",
        _ => "",
    };
    let on_file = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                super::files::open_file(&dispatch, file, crate::state::FileFrom::Picker);
            }
            // The same file can be chosen again after a fix.
            input.set_value("");
        })
    };
    let link_text = link.to_owned();
    html! {
        <section class="panel share" aria-labelledby="share-title">
            <h3 id="share-title">{ "Share and export" }</h3>
            <div class="buttons">
                { copy_button::view(CopyButton {
                    export: Export::Link,
                    label: "Copy link",
                    what: "Link",
                    text: Rc::new(move || link_text.clone()),
                    exported,
                    dispatch,
                }) }
                { copy_button::view(CopyButton {
                    export: Export::Markdown,
                    label: "Copy as Markdown",
                    what: "Markdown",
                    text: markdown,
                    exported,
                    dispatch,
                }) }
                <div class="copy">
                    <button type="button" onclick={on_download(&props)}>{ "Download JSON" }</button>
                    <p class="copy-status" aria-live="polite">{ download_message }</p>
                </div>
                <EmbedDialog plan={plan.clone()} {exported} dispatch={dispatch.clone()} />
                <div class="copy">
                    <label class="button file">
                        { "Open a saved plan…" }
                        <input type="file" accept=".json,application/json,.csv,.tsv,.txt" class="visually-hidden" onchange={on_file} />
                    </label>
                    // Beside the button, and read out: the top of the page
                    // is thousands of pixels away.
                    <p class="copy-status opened" aria-live="polite">{ opened.unwrap_or_default() }</p>
                </div>
            </div>
        </section>
    }
}

/// What only print shows at the end of the plan: its link, the date and the assumptions.
pub fn print_footer(plan: &Plan, link: &str) -> Html {
    html! {
        <footer class="print-only print-footer">
            <p>{ format!("This plan: {link} · printed {}", browser::today()) }</p>
            <h3>{ "Assumptions" }</h3>
            <ul>
                { for crate::text::assumptions::of(plan).iter().map(|a| html! {
                    <li>{ format!("{}: {} ({})", a.name, a.value, a.source) }</li>
                }) }
            </ul>
        </footer>
    }
}
