use std::rc::Rc;

use yew::prelude::*;

use super::Dispatch;
use crate::model::evidence::{GENERALITY, NOVELTY};
use crate::model::plan::Plan;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct ClaimMapProps {
    pub plan: Rc<Plan>,
    pub dispatch: Dispatch,
}

/// What can be claimed with this compute: every generality × novelty, its
/// level, and whether it fits, marked by symbol and text as well as colour.
#[component]
pub fn ClaimMap(props: &ClaimMapProps) -> Html {
    let plan = &props.plan;
    let (g, n) = (plan.inputs.generality, plan.inputs.novelty);
    html! {
        <section class="panel claim-map" aria-labelledby="claim-map-title">
            <h3 id="claim-map-title">{ "Claim map: what this budget can support" }</h3>
            <p class="hint" id="claim-map-how">{ "Rows: generality (G), columns: novelty (N). Each cell gives the evidence level (L1–L5) and whether its ladder fits your budget (✓) or not (✗); your claim is outlined. Choose a cell to plan that claim." }</p>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="claim-map-title">
                <table aria-label="Claim map: the evidence level of every claim, and whether it fits" aria-describedby="claim-map-how">
                    <thead>
                        <tr>
                            <td></td>
                            { for NOVELTY.iter().enumerate().map(|(i, (name, _))| html! {
                                <th scope="col" title={*name}>
                                    <span class="long">{ "Novelty " }</span>
                                    <span class="short" aria-hidden="true">{ "N" }</span>
                                    { i + 1 }
                                </th>
                            }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for GENERALITY.iter().enumerate().map(|(row, (name, _))| html! {
                            <tr>
                                <th scope="row" title={*name}>
                                    <span class="long">{ "Generality " }</span>
                                    <span class="short" aria-hidden="true">{ "G" }</span>
                                    { row + 1 }
                                </th>
                                { for plan.claim_map[row * 5..row * 5 + 5].iter().map(|c| {
                                    let yours = (c.generality, c.novelty) == (g, n);
                                    let cell = (c.generality, c.novelty);
                                    let select = props.dispatch.to(move |_: MouseEvent| Action::Claim(cell.0, cell.1));
                                    // The row and column headers name the claim; the
                                    // fixed words (Generality, Novelty) label only the form.
                                    let name = format!(
                                        "G{} N{}: level {}, {}{}. Plan this claim.",
                                        c.generality,
                                        c.novelty,
                                        c.level,
                                        if c.fits { "fits" } else { "does not fit" },
                                        if yours { ", your claim" } else { "" }
                                    );
                                    html! {
                                        <td
                                            class={classes!(
                                                format!("level-{}", c.level),
                                                if c.fits { "fits" } else { "short" },
                                                yours.then_some("yours"),
                                            )}
                                            aria-current={yours.then_some("true")}
                                        >
                                            <button type="button" class="cell" aria-label={name} aria-pressed={if yours { "true" } else { "false" }} onclick={select}>
                                                <span class="cell-level">{ format!("L{}", c.level) }</span>
                                                <span class="symbol" aria-hidden="true">{ if c.fits { " ✓" } else { " ✗" } }</span>
                                                <span class="cell-fit">{ if c.fits { " fits" } else { " short" } }</span>
                                                if yours { <span class="cell-yours">{ " (your claim)" }</span> }
                                            </button>
                                        </td>
                                    }
                                }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}
