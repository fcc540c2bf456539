//! The calculator: one reducer holds the state, the plan is derived from it.

use yew::prelude::*;

use crate::browser;
use crate::components::claim_map::ClaimMap;
use crate::components::evidence_card::EvidenceCard;
use crate::components::inputs_form::InputsForm;
use crate::components::ladder_chart::LadderChart;
use crate::components::ladder_table::LadderTable;
use crate::components::method::Method;
use crate::components::share_bar::ShareBar;
use crate::components::summary::Summary;
use crate::components::verdict::Verdict;
use crate::model::inputs::Field;
use crate::model::plan::Plan;
use crate::model::query::{start_from, to_query, View};
use crate::state::{Action, State};

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// The query to start from. When absent: the page's own, or else the
    /// inputs saved on the last visit; changes are then saved for the next one.
    #[prop_or_default]
    pub query: Option<AttrValue>,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let remember = props.query.is_none();
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

    // The address bar always mirrors the inputs on screen, and the full app
    // remembers them for the next visit.
    use_effect_with((state.inputs.clone(), state.view), move |(inputs, view)| {
        browser::replace_query(&to_query(inputs, view));
        if remember && !view.embed {
            browser::save_inputs(&to_query(inputs, &View::default()));
        }
    });

    let on_edit = {
        let state = state.clone();
        Callback::from(move |(field, text): (Field, String)| {
            state.dispatch(Action::Edit(field, text))
        })
    };
    let on_preset = {
        let state = state.clone();
        Callback::from(move |preset| state.dispatch(Action::Preset(preset)))
    };
    let on_reset = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::Reset))
    };

    html! {
        <div class="calculator">
            if !state.notices.is_empty() {
                <div class="notices" role="note" aria-label="About the link you opened">
                    <ul>
                        { for state.notices.iter().map(|n| html! { <li>{ n }</li> }) }
                    </ul>
                </div>
            }
            <div class="layout">
                <Summary plan={plan.clone()} />
                <section class="panel inputs" aria-labelledby="inputs-title">
                    <h2 id="inputs-title">{ "Your claim and compute" }</h2>
                    <InputsForm state={state.clone()} {on_edit} {on_preset} />
                </section>
                <section class="results" aria-labelledby="results-title">
                    <h2 id="results-title" class="visually-hidden">{ "Your plan" }</h2>
                    <EvidenceCard plan={plan.clone()} />
                    <Verdict plan={plan.clone()} />
                    <LadderTable plan={plan.clone()} />
                    <LadderChart plan={plan.clone()} />
                    <ClaimMap plan={plan.clone()} />
                    <ShareBar plan={plan.clone()} view={state.view} on_reset={on_reset} />
                    <Method plan={plan} />
                </section>
            </div>
        </div>
    }
}
