use yew::prelude::*;

use crate::model::plan::Plan;
use crate::model::report;

/// Totals against the budget, and a plain answer: does it fit, and if not, what to change.
pub fn view(plan: &Plan) -> Html {
    let fits = plan.ladder.fits;
    html! {
        <section class={classes!("panel", "verdict", if fits { "fits" } else { "short" })} aria-labelledby="verdict-title">
            <h3 id="verdict-title">
                <span aria-hidden="true">{ if fits { "✓ " } else { "✗ " } }</span>
                { report::verdict_title(plan) }
            </h3>
            <p class="budget">{ format!("Budget: {}.", report::budget_line(plan)) }</p>
            { for report::verdict_lines(plan).into_iter().map(|line| html! { <p>{ line }</p> }) }
            if !plan.narrower_claims.is_empty() {
                <p>{ "Narrower claims that fit this budget:" }</p>
                <ul>
                    { for plan.narrower_claims.iter().map(|c| html! { <li>{ report::claim_text(c) }</li> }) }
                </ul>
            }
            if !plan.warnings.is_empty() {
                <ul class="warnings">
                    { for plan.warnings.iter().map(|w| html! { <li>{ w }</li> }) }
                </ul>
            }
        </section>
    }
}
