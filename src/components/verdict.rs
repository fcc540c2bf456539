//! The verdict panel: totals against the budget, and whether the ladder fits
//! and, if not, what to change.

use yew::prelude::*;

use super::Dispatch;
use crate::model::plan::Plan;
use crate::state::Action;
use crate::text::report;

/// Totals against the budget, and a plain answer: does it fit, and if not, what to change.
pub fn view(plan: &Plan, dispatch: &Dispatch, compact: bool) -> Html {
    let fits = plan.ladder.fits;
    let narrower = report::narrower_choices(plan);
    let mut lines = report::verdict_lines(plan);
    if compact {
        // In an article: what the plan uses, and what to change; which
        // ladder is shown is one click away in the full calculator.
        lines.remove(1);
    }
    html! {
        <section class={classes!("panel", "verdict", if fits { "fits" } else { "short" })} aria-labelledby="verdict-title">
            <h3 id="verdict-title" class={classes!(compact.then_some("visually-hidden"))}>
                <span aria-hidden="true">{ if fits { "✓ " } else { "✗ " } }</span>
                { report::verdict_title(plan) }
            </h3>
            if !compact {
                <p class="budget">{ format!("Budget: {}.", report::budget_line(plan)) }</p>
            }
            { for lines.into_iter().map(|line| html! { <p>{ line }</p> }) }
            if !narrower.is_empty() {
                <p>{ "Narrower claims that fit this budget (choose one to plan it):" }</p>
                <ul class="narrower">
                    { for narrower.iter().map(|c| {
                        let cell = (c.generality, c.novelty);
                        html! {
                            <li>
                                <button type="button" class="link" onclick={dispatch.to(move |_: MouseEvent| Action::Claim(cell.0, cell.1))}>
                                    { report::claim_text(c) }
                                </button>
                            </li>
                        }
                    }) }
                </ul>
            }
            if !plan.warnings.is_empty() && !compact {
                <ul class="warnings">
                    { for crate::text::warnings::of(plan).into_iter().map(|w| html! { <li>{ w }</li> }) }
                </ul>
            }
        </section>
    }
}
