use std::rc::Rc;

use yew::prelude::*;

use crate::model::evidence::{GENERALITY, NOVELTY};
use crate::model::format;
use crate::model::plan::Plan;

#[derive(Properties, PartialEq)]
pub struct VerdictProps {
    pub plan: Rc<Plan>,
}

/// Totals against the budget, and a plain answer: does it fit, and if not, what to change.
#[component]
pub fn Verdict(props: &VerdictProps) -> Html {
    let plan = &props.plan;
    let l = &plan.ladder;
    let used = format!(
        "{} of {} FLOPs ({}), {} accelerator-hours, {} wall-clock{}.",
        format::flops(l.planned_flops),
        format::flops(l.budget_flops),
        format::percent(l.planned_flops / l.budget_flops),
        format::hours(l.accelerator_hours),
        format::duration(l.wall_clock_hours),
        l.cost
            .map(|c| format!(", cost {}", format::money(c)))
            .unwrap_or_default(),
    );
    let bottom = l.rungs.first().map_or(0.0, |r| r.params);
    html! {
        <section class={classes!("panel", "verdict", if l.fits { "fits" } else { "short" })} aria-labelledby="verdict-title">
            <h3 id="verdict-title">
                { if l.fits { "✓ Fits your budget" } else { "✗ Does not fit your budget" } }
            </h3>
            <p>{ format!("{} runs use {used}", l.runs) }</p>
            if let Some(shortfall) = l.shortfall {
                <p>
                    { format!(
                        "The smallest rung would be {} parameters, below the {} worth training. \
                         This claim needs {}× more compute ({} FLOPs).",
                        format::count(bottom),
                        format::count(l.smallest_useful_params),
                        format::hours(shortfall),
                        format::flops(l.required_flops),
                    ) }
                </p>
                if plan.narrower_claims.is_empty() {
                    <p>{ "No narrower claim fits either: add compute, or lower the tokens per parameter." }</p>
                } else {
                    <p>{ "Narrower claims that fit this budget:" }</p>
                    <ul>
                        { for plan.narrower_claims.iter().map(|c| html! {
                            <li>{ format!(
                                "Generality {} ({}), novelty {} ({}): level {}",
                                c.generality,
                                GENERALITY[usize::from(c.generality - 1)].0.to_lowercase(),
                                c.novelty,
                                NOVELTY[usize::from(c.novelty - 1)].0.to_lowercase(),
                                c.level,
                            ) }</li>
                        }) }
                    </ul>
                }
            }
            if !plan.warnings.is_empty() {
                <ul class="warnings">
                    { for plan.warnings.iter().map(|w| html! { <li>{ w }</li> }) }
                </ul>
            }
        </section>
    }
}
