use yew::prelude::*;

use crate::model::format;
use crate::model::plan::Plan;
use crate::model::report;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 300.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 20.0;
const BOTTOM: f64 = 44.0;

/// Whole decades that contain every value.
fn decades(values: impl Iterator<Item = f64> + Clone) -> (i32, i32) {
    let low = values.clone().fold(f64::INFINITY, f64::min).log10().floor() as i32;
    let high = values.fold(0.0, f64::max).log10().ceil() as i32;
    (low, high.max(low + 1))
}

/// An SVG coordinate: a tenth of a unit is finer than any screen shows.
fn at(v: f64) -> String {
    format!("{v:.1}")
}

fn scale(value: f64, (low, high): (i32, i32), from: f64, to: f64) -> f64 {
    let t = (value.log10() - f64::from(low)) / f64::from(high - low);
    from + t * (to - from)
}

/// The ladder on log–log axes: parameters against compute per run, each
/// rung a point sized by its runs. The same facts are in the table; the
/// chart's text alternative summarises them.
pub fn view(plan: &Plan) -> Html {
    let rungs = &plan.ladder.rungs;
    if rungs
        .iter()
        .any(|r| !(r.scale > 0.0 && r.flops_per_run > 0.0))
    {
        return html! {
            <section class="panel chart" aria-labelledby="chart-title">
                <h3 id="chart-title">{ "Ladder chart" }</h3>
                <p>{ "This budget buys models under one parameter: nothing to draw." }</p>
            </section>
        };
    }
    let x_range = decades(rungs.iter().map(|r| r.scale));
    let y_range = decades(rungs.iter().map(|r| r.flops_per_run));
    let x = |v: f64| scale(v, x_range, LEFT, WIDTH - RIGHT);
    let y = |v: f64| scale(v, y_range, HEIGHT - BOTTOM, TOP);
    let points: Vec<(f64, f64)> = rungs
        .iter()
        .map(|r| (x(r.scale), y(r.flops_per_run)))
        .collect();
    let path = points
        .iter()
        .enumerate()
        .map(|(i, &(px, py))| format!("{}{},{}", if i == 0 { "M" } else { "L" }, at(px), at(py)))
        .collect::<String>();
    let (first, last) = (&rungs[0], &rungs[rungs.len() - 1]);
    let description = format!(
        "{} rungs from {} to {} {}; compute per run rises from {} to {} FLOPs, a factor of {}.",
        rungs.len(),
        report::scale_text(plan, first.scale),
        report::scale_text(plan, last.scale),
        plan.scaling.axis.unit(),
        format::flops(first.flops_per_run),
        format::flops(last.flops_per_run),
        format::number(last.flops_per_run / first.flops_per_run),
    );
    html! {
        <section class="panel chart" aria-labelledby="chart-title">
            <h3 id="chart-title">{ "Ladder chart" }</h3>
            <svg
                viewBox={format!("0 0 {} {}", at(WIDTH), at(HEIGHT))}
                role="img"
                aria-labelledby="chart-svg-title chart-svg-desc"
                preserveAspectRatio="xMidYMid meet"
            >
                <title id="chart-svg-title">{ "Scale ladder: parameters against compute per run, both on log scales" }</title>
                <desc id="chart-svg-desc">{ description.clone() }</desc>
                { for (x_range.0..=x_range.1).map(|k| {
                    let px = x(10f64.powi(k));
                    html! {
                        <g class="tick">
                            <line x1={at(px)} x2={at(px)} y1={at(TOP)} y2={at(HEIGHT - BOTTOM)} />
                            <text x={at(px)} y={at(HEIGHT - BOTTOM + 16.0)} text-anchor="middle">{ format::count(10f64.powi(k)) }</text>
                        </g>
                    }
                }) }
                { for (y_range.0..=y_range.1).map(|k| {
                    let py = y(10f64.powi(k));
                    html! {
                        <g class="tick">
                            <line x1={at(LEFT)} x2={at(WIDTH - RIGHT)} y1={at(py)} y2={at(py)} />
                            <text x={at(LEFT - 6.0)} y={at(py + 4.0)} text-anchor="end">{ format!("1e{k}") }</text>
                        </g>
                    }
                }) }
                <text class="axis-label" x={at((LEFT + WIDTH - RIGHT) / 2.0)} y={at(HEIGHT - 6.0)} text-anchor="middle">{ "Parameters" }</text>
                <text class="axis-label" x="14" y={at((TOP + HEIGHT - BOTTOM) / 2.0)} text-anchor="middle" transform={format!("rotate(-90 14 {})", at((TOP + HEIGHT - BOTTOM) / 2.0))}>{ "FLOPs per run" }</text>
                <path class="line" d={path} />
                { for rungs.iter().zip(&points).map(|(r, &(px, py))| {
                    let radius = (4.0 + f64::from(r.runs).sqrt()).min(14.0);
                    html! {
                        <g class={classes!("rung", r.tier.id())}>
                            <circle cx={at(px)} cy={at(py)} r={at(radius)} />
                            <text x={at(px)} y={at(py - radius - 5.0)} text-anchor="middle">
                                { format!("{} ×{}", report::scale_text(plan, r.scale), r.runs) }
                            </text>
                        </g>
                    }
                }) }
            </svg>
            <p class="hint">{ "Point size grows with the number of runs at that size; labels give size × runs." }</p>
        </section>
    }
}
