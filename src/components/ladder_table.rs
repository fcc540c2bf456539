use yew::prelude::*;

use crate::model::ladder::Tier;
use crate::model::plan::Plan;
use crate::model::report::{rung_cells, total_cells, LADDER_COLUMNS};

/// Labels of the totals row's cells when narrow screens show rows as cards.
const TOTAL_LABELS: [&str; 8] = [
    "",
    "",
    "FLOPs",
    "Accelerator-hours",
    "Wall-clock",
    "Runs",
    "Share of budget",
    "Cost",
];

/// The scale ladder, one row per model size, smallest first.
pub fn view(plan: &Plan) -> Html {
    let columns = if plan.ladder.cost.is_some() { 9 } else { 8 };
    let row = |cells: Vec<String>,
               labels: &[&'static str],
               class: Option<&'static str>,
               title: Option<&'static str>| {
        let mut cells = cells.into_iter();
        let head = cells.next().unwrap_or_default();
        html! {
            <tr class={class}>
                <th scope="row" title={title}>{ head }</th>
                // data-label lets narrow screens show each row as a labelled card.
                { for cells.zip(labels).map(|(c, label)| html! { <td data-label={*label}>{ c }</td> }) }
            </tr>
        }
    };
    html! {
        <section class="panel ladder" aria-labelledby="ladder-title">
            <h3 id="ladder-title">{ "Scale ladder" }</h3>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="ladder-title">
                <table>
                    <thead>
                        <tr>
                            { for LADDER_COLUMNS[..columns].iter().enumerate().map(|(i, c)| html! {
                                <th scope="col">
                                    { *c }
                                    if i == 5 { { format!(" on {} accelerators", plan.budget.count) } }
                                </th>
                            }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for plan.ladder.rungs.iter().map(|r| row(
                            rung_cells(r),
                            &LADDER_COLUMNS[1..],
                            Some(r.tier.id()),
                            Some(r.tier.purpose()),
                        )) }
                    </tbody>
                    <tfoot>{ row(total_cells(plan), &TOTAL_LABELS, None, None) }</tfoot>
                </table>
            </div>
            <ul class="hint tiers">
                { for [Tier::Small, Tier::Medium, Tier::Large].map(|t| html! {
                    <li><strong>{ t.label() }</strong>{ format!(": {}.", t.purpose()) }</li>
                }) }
            </ul>
        </section>
    }
}
