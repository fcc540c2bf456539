//! The calculator: one reducer holds the state, the plan is derived from it.

use yew::prelude::*;

use crate::browser;
use crate::components::{
    claim_map, evidence_card, inputs_form, ladder_chart, ladder_table, method, principles,
    results_panel, share_bar, summary, verdict,
};
use crate::model::inputs::Field;
use crate::model::plan::Plan;
use crate::model::query::{start_from, to_query, View};
use crate::model::results::{PastedResults, ResultsExport};
use crate::state::{Action, State};

/// Yew's view of the reducer: [`State::apply`] does the work; an action that
/// changes nothing keeps the same `Rc`, so nothing re-renders.
impl Reducible for State {
    type Action = Action;

    fn reduce(self: std::rc::Rc<Self>, action: Action) -> std::rc::Rc<Self> {
        let next = self.apply(action);
        if next == *self {
            self
        } else {
            std::rc::Rc::new(next)
        }
    }
}

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// The query to start from, for a calculator inside another page (mount)
    /// or a test. When absent the app owns the page: it starts from the page's
    /// query or else the inputs saved on the last visit, mirrors its inputs in
    /// the address bar and saves them for the next visit.
    #[prop_or_default]
    pub query: Option<AttrValue>,
    /// Address of the full calculator, for the embed view's "Open full
    /// calculator" link; the page's own address when absent.
    #[prop_or_default]
    pub app_url: Option<AttrValue>,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let owns_page = props.query.is_none();
    let state = {
        let query = props.query.clone();
        use_reducer(move || match query {
            Some(q) => State::from_query(start_from(&q, None)),
            None => State::from_query(start_from(
                &browser::query(),
                browser::saved_inputs().as_deref(),
            )),
        })
    };
    let plan = use_memo(state.inputs.clone(), |inputs| Plan::new(inputs.clone()));
    // Results saved on the last visit come back once, on the app's own page.
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            if owns_page {
                if let Some(results) = browser::saved_results()
                    .and_then(|json| crate::js_api::results_from_json(&json))
                {
                    state.dispatch(Action::Results(results));
                }
            }
        });
    }
    let reading = use_memo((state.results.clone(), plan.clone()), |(results, plan)| {
        // The rung above the top, one ladder step up, when the plan has one.
        let next = match plan.ladder.rungs.as_slice() {
            [.., below, top] => Some(top.scale * top.scale / below.scale),
            _ => None,
        };
        results.read(next)
    });
    let results_export = ResultsExport::new(&state.results, &reading);
    use_effect_with(state.results.clone(), move |results| {
        if owns_page {
            let json = (!results.text.trim().is_empty())
                .then(|| crate::js_api::to_json_text(results))
                .flatten();
            browser::save_results(json.as_deref());
        }
    });

    // The address bar always mirrors the inputs on screen, and the full app
    // remembers them for the next visit. A calculator inside someone else's
    // page touches neither their address bar nor their storage.
    // While a field holds rejected text, the address bar keeps the inputs
    // as they were before that edit: never a value the user did not enter.
    let shown_inputs = state.shareable_inputs().clone();
    use_effect_with((shown_inputs.clone(), state.view), move |(inputs, view)| {
        if owns_page {
            browser::replace_query(&to_query(inputs, view));
            if !view.embed {
                browser::save_inputs(&to_query(inputs, &View::default()));
            }
        }
    });
    // The full calculator with these inputs: the embed view links to it, the
    // share bar copies it.
    let full_calculator = {
        let query = to_query(
            &shown_inputs,
            &View {
                embed: false,
                ..state.view
            },
        );
        match &props.app_url {
            Some(base) if query.is_empty() => base.to_string(),
            Some(base) => format!("{base}?{query}"),
            None => browser::app_url(&query),
        }
    };
    let compact = state.view.embed;

    let on_edit = {
        let state = state.clone();
        Callback::from(move |(field, text): (Field, String)| {
            state.dispatch(Action::Edit(field, text))
        })
    };
    let on_results = {
        let state = state.clone();
        Callback::from(move |results| state.dispatch(Action::Results(results)))
    };
    let on_claim = {
        let state = state.clone();
        Callback::from(move |(g, n): (u8, u8)| state.dispatch(Action::Claim(g, n)))
    };
    let on_blur = {
        let state = state.clone();
        Callback::from(move |field: Field| state.dispatch(Action::Blur(field)))
    };
    let on_preset = {
        let state = state.clone();
        Callback::from(move |preset| state.dispatch(Action::Preset(preset)))
    };
    let on_reset = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Reset))
    };
    let on_undo = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Undo))
    };
    // An error waits while the user may still be typing a valid number; a
    // one-second pause shows it (each edit restarts the wait).
    {
        let state = state.clone();
        let pending = state.rejected.iter().any(|r| !r.shown);
        use_effect_with((pending, state.rejected.clone()), move |(pending, _)| {
            let timer = pending.then(|| {
                gloo_timers::callback::Timeout::new(1_000, move || state.dispatch(Action::Pause))
            });
            move || drop(timer)
        });
    }
    // The undo offer lasts ten seconds.
    {
        let state = state.clone();
        use_effect_with(state.undo.is_some(), move |&offered| {
            let timer = offered.then(|| {
                gloo_timers::callback::Timeout::new(10_000, move || {
                    state.dispatch(Action::ForgetUndo)
                })
            });
            move || drop(timer)
        });
    }
    let on_open = {
        let state = state.clone();
        Callback::from(move |file: web_sys::File| {
            let state = state.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let file = gloo_file::File::from(file);
                let name = file.name();
                let result = match gloo_file::futures::read_as_text(&file).await {
                    Ok(text) => crate::js_api::saved_from_text(&text),
                    Err(_) => Err("the browser could not read it.".into()),
                };
                state.dispatch(Action::Open(result, name));
            });
        })
    };
    // A saved plan dropped anywhere on the calculator opens like a chosen file.
    let on_dragover = Callback::from(|e: DragEvent| e.prevent_default());
    let on_drop = {
        let on_open = on_open.clone();
        let state = state.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            let Some(file) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|files| files.get(0))
            else {
                return;
            };
            // A saved plan is JSON; anything else dropped is taken as results.
            if file.name().to_ascii_lowercase().ends_with(".json") {
                on_open.emit(file);
            } else {
                let state = state.clone();
                // Read as results only if it parses as results (else nothing changes, with a notice).
                if let Some(notice) = PastedResults::file_too_large(&file.name(), file.size()) {
                    let results = PastedResults {
                        notice: Some(notice),
                        ..state.results.clone()
                    };
                    state.dispatch(Action::Results(results));
                    return;
                }
                wasm_bindgen_futures::spawn_local(async move {
                    let name = file.name();
                    let file = gloo_file::File::from(file);
                    if let Ok(text) = gloo_file::futures::read_as_text(&file).await {
                        state.dispatch(Action::Results(state.results.with_file(&name, text)));
                    }
                });
            }
        })
    };
    let on_export = {
        let state = state.clone();
        Callback::from(move |(export, done)| state.dispatch(Action::Exported(export, done)))
    };

    html! {
        <div class={classes!("calculator", compact.then_some("compact"))} ondragover={on_dragover} ondrop={on_drop}>
            if state.undo.is_some() {
                <div class="undo" role="status">
                    { "All inputs were reset. " }
                    <button type="button" onclick={on_undo}>{ "Undo" }</button>
                </div>
            }
            if !state.notices.is_empty() {
                <div class="notices" role="note" aria-label="About the link or file you opened">
                    <ul>
                        { for state.notices.iter().map(|n| html! { <li>{ n }</li> }) }
                    </ul>
                </div>
            }
            <div class="layout">
                { summary::view(&plan, &state.invalid_fields()) }
                if compact {
                    // Embedded in an article: the answer first, the controls one click away.
                    <details class="panel inputs">
                        <summary>{ "Change the claim and compute" }</summary>
                        { inputs_form::view(&state, &on_edit, &on_blur, &on_preset) }
                    </details>
                } else {
                    <section class="panel inputs" aria-labelledby="inputs-title">
                        <h2 id="inputs-title">{ "Your claim and compute" }</h2>
                        { inputs_form::view(&state, &on_edit, &on_blur, &on_preset) }
                        <p class="reset">
                            <button type="button" class="link" onclick={on_reset}>{ "Reset all inputs to the defaults" }</button>
                        </p>
                    </section>
                }
                <section class="results" aria-labelledby="results-title">
                    <h2 id="results-title" class="visually-hidden">{ "Your plan" }</h2>
                    if compact {
                        // In an article: the verdict and a small ladder; the rest one click away.
                        { verdict::view(&plan, true) }
                        { ladder_table::small_view(&plan) }
                        <details class="panel more">
                            <summary>{ "The checklist, experiments and claim map" }</summary>
                            { evidence_card::view(&plan) }
                            { ladder_table::experiments_view(&plan) }
                            { claim_map::view(&plan, &on_claim) }
                            // The targets of the checklist's "(the essay: …)" links.
                            { principles::view() }
                        </details>
                    } else {
                        { evidence_card::view(&plan) }
                        { verdict::view(&plan, false) }
                        { ladder_table::view(&plan) }
                        { ladder_table::experiments_view(&plan) }
                        { ladder_chart::view(&plan) }
                        { claim_map::view(&plan, &on_claim) }
                    }
                    if compact {
                        <p class="open-full">
                            <a href={full_calculator} target="_blank" rel="noopener">
                                { "Open full calculator" }<span class="visually-hidden">{ " (opens in a new tab)" }</span>
                            </a>
                        </p>
                    } else {
                        { results_panel::view(&plan, &state.results, &reading, &on_results) }
                        { share_bar::view(&plan, &full_calculator, results_export.as_ref(), state.exported, &on_export, &on_open) }
                        <footer class="print-only print-footer">
                            <p>{ format!(
                                "This plan: {full_calculator} · printed {}",
                                String::from(js_sys::Date::new_0().to_iso_string()).get(..10).unwrap_or_default()
                            ) }</p>
                            <h3>{ "Assumptions" }</h3>
                            <ul>
                                { for plan.assumptions.iter().map(|a| html! {
                                    <li>{ format!("{}: {} ({})", a.name, a.value, a.source) }</li>
                                }) }
                            </ul>
                        </footer>
                        { method::view(&plan) }
                    }
                </section>
            </div>
        </div>
    }
}
