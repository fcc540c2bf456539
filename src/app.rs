//! The calculator's layout. Two reducers hold the state (the inputs in
//! [`State`], the pasted results in [`ResultsState`]); the plan is derived
//! from the inputs; every change goes through one [`Dispatch`].

use std::rc::Rc;

use yew::prelude::*;

use crate::browser;
use crate::components::inputs_form::InputsForm;
use crate::components::share_bar::{self, ShareBar};
use crate::components::{
    claim_map, evidence_card, files, jump_link, ladder_chart, ladder_table, method, principles,
    results_notice, results_panel, stages, summary, verdict, Dispatch, PlanPart,
};
use crate::hooks::{
    use_address_bar, use_page_inputs, use_parts_shown, use_reading, use_saved_results, use_timeout,
};
use crate::model::inputs::Inputs;
use crate::model::plan::Plan;
use crate::model::query::{start_from, to_query, View};
use crate::model::results::PlanScale;
use crate::results_state::ResultsState;
use crate::state::{Action, State};

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
    /// The app's own page, drawn first exactly as the prerender step drew it
    /// into `index.html` (the default inputs, every part, nothing read from
    /// the browser), so the wasm can hydrate that markup instead of
    /// replacing it. The page's own inputs (its link's, or the last visit's)
    /// follow right after that first render.
    #[prop_or_default]
    pub prerendered: bool,
    /// The plan the prerendered page shows, when it was computed in a task
    /// before the takeover (see [`prerendered_plan`]).
    #[prop_or_default]
    pub planned: Option<Planned>,
}

/// A plan computed ahead; the same one when it is the same `Rc` (comparing
/// plans field by field would cost its own kilobytes of wasm).
#[derive(Clone)]
pub struct Planned(pub Rc<Plan>);

impl PartialEq for Planned {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The plan the prerendered page shows. The app's start computes it in a
/// task of its own and then takes the page over in the next, rather than
/// doing both in one long task: on a slow phone each is a few hundred
/// milliseconds during which a tap waits (Lighthouse's Total Blocking Time).
pub fn prerendered_plan() -> Planned {
    Planned(Rc::new(Plan::new(start_from("", None).inputs)))
}

/// How many groups of the plan follow the first render (see
/// [`use_parts_shown`]).
const LAST_PARTS: u8 = 2;

/// Inputs whose plan took longer than this are not saved for the next
/// visit: half of the 200 ms a task may take (issue 34), the rest left for
/// the first render. Natively the worst plan() of the adversarial benchmark
/// takes 37–78 ms, so only a pathological input is ever left unsaved.
const SAVE_BUDGET_MS: f64 = 100.0;

/// The inputs to start from: the given query (a calculator mounted in
/// another page, or a test), the prerendered defaults, or else the page's
/// own link or the inputs saved on the last visit.
#[hook]
fn use_start(query: Option<AttrValue>, prerendered: bool) -> UseReducerHandle<State> {
    use_reducer(move || match query {
        Some(q) => State::from_query(start_from(&q, None)),
        None if prerendered => State::from_query(start_from("", None)),
        None => State::from_query(start_from(
            &browser::query(),
            browser::saved_inputs().as_deref(),
        )),
    })
}

/// The plan's rungs and compute exponent: where the results' predictions
/// are made. Only they, not the whole plan, make the results read again;
/// they are read and analysed in slices, off the render, and the last
/// reading stays on screen until the new one is ready (issue 34).
fn plan_scale(plan: &Plan) -> PlanScale {
    PlanScale {
        rungs: plan.ladder.rungs.iter().map(|r| r.scale).collect(),
        compute_exponent: Some(plan.inputs.scaling(1.0).exponent),
    }
}

/// The plan of these inputs, and whether planning them took at most
/// [`SAVE_BUDGET_MS`]: inputs are saved for the next visit only then, so no
/// saved value can make a visit slower than planning them once did (issue
/// 34, item 2).
#[hook]
fn use_timed_plan(inputs: &Inputs, planned: Option<&Planned>) -> (Rc<Plan>, bool) {
    let planned_ms = use_mut_ref(|| 0.0);
    let plan = {
        let planned_ms = planned_ms.clone();
        let planned = planned.map(|p| p.0.clone());
        use_memo(inputs.clone(), move |inputs| {
            let started = browser::now_ms();
            let plan = planned
                .filter(|p| p.inputs == *inputs)
                .unwrap_or_else(|| Rc::new(Plan::new(inputs.clone())));
            *planned_ms.borrow_mut() = browser::now_ms() - started;
            plan
        })
    };
    let fast = *planned_ms.borrow() <= SAVE_BUDGET_MS;
    ((*plan).clone(), fast)
}

/// The waits: an error waits while the user may still be typing a valid
/// number, and a one-second pause shows it (each edit restarts the wait);
/// the undo offer lasts ten seconds.
#[hook]
fn use_waits(state: &UseReducerHandle<State>) {
    let pending = state.rejected.iter().any(|r| !r.shown);
    use_timeout(state.rejected.clone(), pending, 1_000, state, || {
        Action::Pause
    });
    use_timeout((), state.undo.is_some(), 10_000, state, || {
        Action::ForgetUndo
    });
}

/// The full calculator with these inputs: the embed view links to it, the
/// share bar copies it.
fn full_calculator_url(state: &State, app_url: Option<&AttrValue>) -> String {
    let query = to_query(
        state.shareable_inputs(),
        &View {
            embed: false,
            ..state.view
        },
    );
    match app_url {
        Some(base) if query.is_empty() => base.to_string(),
        Some(base) => format!("{base}?{query}"),
        // Prerendering has no page address: the page's own address
        // replaces this when the app hydrates.
        None if cfg!(not(target_arch = "wasm32")) && query.is_empty() => "./".into(),
        None if cfg!(not(target_arch = "wasm32")) => format!("./?{query}"),
        None => browser::app_url(&query),
    }
}

/// One part of the plan, drawn again only when the plan changes.
fn part(plan: &Rc<Plan>, dispatch: &Dispatch, view: fn(&Plan, &Dispatch) -> Html) -> Html {
    html! { <PlanPart plan={plan.clone()} dispatch={dispatch.clone()} {view} /> }
}

/// The undo offer after a reset, and what the opened link changed.
fn notices(state: &State, dispatch: &Dispatch) -> Html {
    html! {
        <>
            if state.undo.is_some() {
                <div class="undo" role="status">
                    { "All inputs were reset. " }
                    <button type="button" onclick={dispatch.on_click(|| Action::Undo)}>{ "Undo" }</button>
                </div>
            }
            if !state.notices.is_empty() {
                <div class="notices" role="note" aria-label="About the link you opened">
                    <ul>{ for state.notices.iter().map(|n| html! { <li>{ n }</li> }) }</ul>
                </div>
            }
        </>
    }
}

/// The form: in an article, the answer first and the controls one click
/// away; on its own page, a panel with the reset button.
fn inputs_panel(form: Html, compact: bool, dispatch: &Dispatch) -> Html {
    if compact {
        html! {
            <details class="panel inputs">
                <summary>{ "Change the claim and compute" }</summary>
                { form }
            </details>
        }
    } else {
        html! {
            <section class="panel inputs" aria-labelledby="inputs-title">
                <h2 id="inputs-title">{ "Your claim and compute" }</h2>
                { form }
                <p class="reset">
                    <button type="button" class="link" onclick={dispatch.on_click(|| Action::Reset)}>{ "Reset all inputs to the defaults" }</button>
                </p>
            </section>
        }
    }
}

/// The plan in an article: the verdict and a small ladder; the rest one click away.
fn compact_plan(plan: &Rc<Plan>, dispatch: &Dispatch, shown: u8, link: &str) -> Html {
    html! {
        <>
            { part(plan, dispatch, |p, d| verdict::view(p, d, true)) }
            { part(plan, dispatch, |p, _| ladder_table::small_view(p)) }
            <details class="panel more">
                <summary>{ "The checklist, experiments and claim map" }</summary>
                if shown >= 1 {
                    { part(plan, dispatch, |p, _| evidence_card::view(p)) }
                    { part(plan, dispatch, |p, _| ladder_table::experiments_view(p)) }
                    { part(plan, dispatch, claim_map::view) }
                    // The targets of the checklist's "(the essay: …)" links.
                    { part(plan, dispatch, |_, _| principles::view()) }
                }
            </details>
            <p class="open-full">
                <a href={link.to_owned()} target="_blank" rel="noopener">
                    { "Open full calculator" }<span class="visually-hidden">{ " (opens in a new tab)" }</span>
                </a>
            </p>
        </>
    }
}

/// The plan on its own page, one group of parts per frame after the first
/// (see [`use_parts_shown`]).
fn full_plan(share: ShareBar, shown: u8, reading_busy: bool) -> Html {
    let (plan, dispatch) = (share.plan, share.dispatch);
    // Built before the share bar takes `share`; drawn after it.
    let footer = share_bar::print_footer(plan, share.link);
    html! {
        <>
            <nav class="plan-nav" aria-label="Parts of the plan">
                { jump_link("Verdict", "#verdict-title", "") }
                { jump_link("Ladder", "#ladder-title", "") }
                { jump_link("Experiments", "#experiments-title", "") }
                { jump_link("Stages", "#stages-title", "") }
                { jump_link("Claim map", "#claim-map-title", "") }
                { jump_link("Results", "#results-analysis-title", "") }
                { jump_link("Share", "#share-title", "") }
            </nav>
            { part(plan, dispatch, |p, _| evidence_card::view(p)) }
            if shown >= 1 {
                { part(plan, dispatch, |p, d| verdict::view(p, d, false)) }
                { part(plan, dispatch, |p, _| ladder_table::view(p)) }
                { part(plan, dispatch, |p, _| ladder_table::experiments_view(p)) }
                { part(plan, dispatch, |p, _| stages::view(p)) }
            }
            if shown >= 2 {
                { part(plan, dispatch, |p, _| ladder_chart::view(p)) }
                { part(plan, dispatch, claim_map::view) }
                { results_notice::view(share.results, dispatch, share_bar::on_download(&share)) }
                { results_panel::view(plan, &share.results.pasted, share.reading, reading_busy, dispatch) }
                { share_bar::view(share) }
                { footer }
                { part(plan, dispatch, |p, _| method::view(p)) }
            }
        </>
    }
}

/// A plan dropped anywhere on the calculator: its message is pinned in
/// view, where the drop was, not beside the Share panel's button thousands
/// of pixels away (issue 33).
fn drop_note(state: &State, dispatch: &Dispatch) -> Html {
    match state.opened.as_deref().filter(|_| state.opened_by_drop) {
        Some(note) => html! {
            <div class="drop-status" role="status">
                <div class="drop-note">
                    <p>{ note }</p>
                    <button type="button" onclick={dispatch.on_click(|| Action::DismissDropNote)}>{ "Dismiss" }</button>
                </div>
            </div>
        },
        None => html! {},
    }
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let owns_page = props.query.is_none();
    let prerendered = props.prerendered;
    let state = use_start(props.query.clone(), prerendered);
    // False only while a hydrated page still shows the prerendered defaults.
    let live = use_page_inputs(prerendered && owns_page, &state);
    let results = use_reducer(ResultsState::default);
    let dispatch = Dispatch {
        state: state.dispatcher(),
        results: results.dispatcher(),
    };
    let (plan, fast) = use_timed_plan(&state.inputs, props.planned.as_ref());
    let (reading, reading_busy) = use_reading(&results.pasted, plan_scale(&plan));

    use_saved_results(owns_page, &results);
    // While a field holds rejected text, links and saved copies keep the
    // inputs as they were before that edit: never a value the user did not enter.
    use_address_bar(
        owns_page && live,
        state.shareable_inputs(),
        state.view,
        fast,
    );
    use_waits(&state);

    let full_calculator = full_calculator_url(&state, props.app_url.as_ref());
    let compact = state.view.embed;
    // On its own page the first render draws what is on screen at the top
    // (the summary, the form, the checklist; in the compact view the
    // verdict and small ladder); the rest follows one group per frame.
    // Mounted into an article it draws everything before mount() resolves,
    // so the article below it moves once, not three times. `data-ready`
    // marks the whole calculator.
    // A prerendered page already shows every part: the first render must match it.
    let shown = use_parts_shown(owns_page && !prerendered, LAST_PARTS);
    let ready = live && shown == LAST_PARTS;
    use_effect_with(owns_page && ready, |&drawn| {
        if drawn {
            browser::scroll_to_address_target();
        }
    });
    let form = html! { <InputsForm state={state.clone()} dispatch={dispatch.clone()} /> };
    let share = ShareBar {
        plan: &plan,
        link: &full_calculator,
        results: &results,
        reading: &reading,
        exported: state.exported,
        opened: state.opened.as_deref().filter(|_| !state.opened_by_drop),
        dispatch: &dispatch,
    };
    html! {
        <div class={classes!("calculator", compact.then_some("compact"))}
            data-ready={ready.then_some("")}
            ondragover={Callback::from(|e: DragEvent| e.prevent_default())} ondrop={files::on_drop(&dispatch)}>
            // The first Tab stop; on phones a visible link past the form.
            { jump_link("Skip to the plan", "#plan", "skip-link") }
            { notices(&state, &dispatch) }
            <div class="layout">
                { summary::view(&plan, &state.invalid_fields()) }
                { inputs_panel(form, compact, &dispatch) }
                <section class="results" id="plan" aria-labelledby="results-title">
                    <h2 id="results-title" class="visually-hidden">{ "Your plan" }</h2>
                    if compact {
                        { compact_plan(&plan, &dispatch, shown, &full_calculator) }
                    } else {
                        { full_plan(share, shown, reading_busy) }
                    }
                </section>
            </div>
            // Last in the calculator, as it is pinned (fixed) anyway: the
            // summary stays the page's first status.
            { drop_note(&state, &dispatch) }
        </div>
    }
}
