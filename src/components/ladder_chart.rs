//! The budget bar: the compute of each tier, the reserve and what is left,
//! as one bar as wide as the budget.

use yew::prelude::*;

use crate::model::plan::Plan;
use crate::text::format;

/// Width of the bar in SVG units; it scales to the panel's width.
const WIDTH: f64 = 1000.0;
const HEIGHT: f64 = 48.0;

/// Where the budget goes: one bar as wide as the budget, split into the
/// compute of each tier, the reserve, and what is left. The table lists
/// rungs; this shows the proportions at a glance. All text is in the legend
/// (HTML), never inside the drawing, so nothing overlaps at any width or zoom.
pub fn view(plan: &Plan) -> Html {
    let l = &plan.ladder;
    // Positive: every input that sets it is validated above zero.
    let budget = l.budget_flops;
    let mut parts: Vec<(&'static str, String, f64)> = l
        .split
        .iter()
        .map(|t| (t.tier.id(), format!("{} tier", t.tier.label()), t.flops))
        .collect();
    let reserve = budget * l.reserve;
    let left = (budget - reserve - l.planned_flops).max(0.0);
    parts.push(("reserve", "Reserve".into(), reserve));
    parts.push(("unused", "Not planned".into(), left));
    // When the plan needs more than the budget, the bar is the plan's size
    // and a marker shows where the budget ends.
    let whole = (l.planned_flops + reserve).max(budget);
    let mut x = 0.0;
    let segments: Vec<Html> = parts
        .iter()
        .filter(|(_, _, flops)| *flops > 0.0)
        .map(|(class, _, flops)| {
            let width = flops / whole * WIDTH;
            let rect = html! {
                <rect class={*class} x={format!("{x:.1}")} y="0" width={format!("{width:.1}")} height={HEIGHT.to_string()} />
            };
            x += width;
            rect
        })
        .collect();
    let budget_x = budget / whole * WIDTH;
    let description = parts
        .iter()
        .map(|(_, label, flops)| {
            format!("{label} {} of the budget", format::percent(flops / budget))
        })
        .collect::<Vec<_>>()
        .join(", ");
    html! {
        <section class="panel chart" aria-labelledby="chart-title">
            <h3 id="chart-title">{ "Where the budget goes" }</h3>
            <svg viewBox={format!("0 0 {WIDTH} {HEIGHT}")} preserveAspectRatio="none" role="img" aria-label={format!("Compute by tier against the budget: {description}.")}>
                { for segments }
                if budget_x < WIDTH {
                    <line class="budget-end" x1={format!("{budget_x:.1}")} x2={format!("{budget_x:.1}")} y1="0" y2={HEIGHT.to_string()} />
                }
            </svg>
            <ul class="legend">
                { for parts.iter().map(|(class, label, flops)| html! {
                    <li>
                        <span class={classes!("swatch", *class)} aria-hidden="true"></span>
                        { format!("{label}: {} FLOPs, {} of the budget", format::flops(*flops), format::percent(flops / budget)) }
                    </li>
                }) }
            </ul>
            if l.planned_flops + reserve > budget {
                <p class="hint">{ "The plan and the reserve need more than the budget; the line marks where it ends." }</p>
            }
        </section>
    }
}
