//! The evidence level's card: what the level asks for, why, and what
//! reviewers will ask.

use yew::prelude::*;

use super::principles;
use crate::model::plan::Plan;
use crate::text::cited::Cited;
use crate::text::{evidence, report, requirements};

/// The evidence level, announced to screen readers, with what it asks for and why.
pub fn view(plan: &Plan) -> Html {
    let e = &plan.evidence;
    let list = |items: Vec<Cited>| {
        html! {
            <ul>{ for items.into_iter().map(|i| html! { <li>{ principles::cited(&i) }</li> }) }</ul>
        }
    };
    html! {
        <article class={classes!("panel", "evidence", format!("level-{}", e.level))} aria-labelledby="evidence-title">
            <h3 id="evidence-title">{ format!("What level {} ({}) asks of your paper", e.level, e.name) }</h3>
            <p class="kind-summary">{ crate::text::design::kind_summary(plan.inputs.kind) }</p>
            <div class="columns">
                <section>
                    <h3>{ "What the claim needs" }</h3>
                    { list(requirements::of(plan).into_iter().map(Cited::plain).collect()) }
                    { list(evidence::demands(plan)) }
                    <p class="hint">{ report::seeds_line(plan) }</p>
                </section>
                <section>
                    <h3>{ "Why this level" }</h3>
                    { list(evidence::reasons(plan)) }
                    <h3>{ "Questions reviewers will ask" }</h3>
                    <ol>{ for evidence::questions(plan).into_iter().map(|q| html! { <li>{ principles::cited(&q) }</li> }) }</ol>
                </section>
            </div>
        </article>
    }
}
