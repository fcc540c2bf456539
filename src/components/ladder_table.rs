use std::rc::Rc;

use yew::prelude::*;

use crate::model::format;
use crate::model::plan::Plan;

#[derive(Properties, PartialEq)]
pub struct LadderTableProps {
    pub plan: Rc<Plan>,
}

/// The scale ladder, one row per model size, smallest first.
#[component]
pub fn LadderTable(props: &LadderTableProps) -> Html {
    let plan = &props.plan;
    let l = &plan.ladder;
    let priced = l.cost.is_some();
    let count = plan.budget.count;
    html! {
        <section class="panel ladder" aria-labelledby="ladder-title">
            <h3 id="ladder-title">{ "Scale ladder" }</h3>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="ladder-title">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{ "Tier" }</th>
                            <th scope="col">{ "Parameters" }</th>
                            <th scope="col">{ "Tokens" }</th>
                            <th scope="col">{ "FLOPs per run" }</th>
                            <th scope="col">{ "Accelerator-hours per run" }</th>
                            <th scope="col">{ format!("Wall-clock per run on {count}") }</th>
                            <th scope="col">{ "Runs" }</th>
                            <th scope="col">{ "Share of budget" }</th>
                            if priced { <th scope="col">{ "Cost" }</th> }
                        </tr>
                    </thead>
                    <tbody>
                        { for l.rungs.iter().map(|r| html! {
                            <tr class={r.tier.label().to_lowercase()}>
                                <th scope="row" title={r.tier.purpose()}>{ r.tier.label() }</th>
                                <td>{ format::count(r.params) }</td>
                                <td>{ format::count(r.tokens) }</td>
                                <td>{ format::flops(r.flops_per_run) }</td>
                                <td>{ format::hours(r.hours_per_run) }</td>
                                <td>{ format::duration(r.wall_clock_hours_per_run) }</td>
                                <td>{ r.runs }</td>
                                <td>{ format::percent(r.share_of_budget) }</td>
                                if priced { <td>{ r.cost.map(format::money).unwrap_or_default() }</td> }
                            </tr>
                        }) }
                    </tbody>
                    <tfoot>
                        <tr>
                            <th scope="row">{ "Total" }</th>
                            <td></td>
                            <td></td>
                            <td>{ format::flops(l.planned_flops) }</td>
                            <td>{ format::hours(l.accelerator_hours) }</td>
                            <td>{ format::duration(l.wall_clock_hours) }</td>
                            <td>{ l.runs }</td>
                            <td>{ format::percent(l.planned_flops / l.budget_flops) }</td>
                            if priced { <td>{ l.cost.map(format::money).unwrap_or_default() }</td> }
                        </tr>
                    </tfoot>
                </table>
            </div>
            <p class="hint">
                { "Small: method, baselines and ablations across the settings. Medium: the trend as scale grows. Large: the headline, method against its strongest baseline with every seed." }
            </p>
        </section>
    }
}
