//! A small scatter chart on a log-scale x axis, drawn from plain data:
//! series of points with intervals, and lines through given points (a
//! fitted trend, a prediction's path). Whoever draws a new curve (the
//! compute multiplier's fit, say) only adds a [`Curve`].
//!
//! Everything is placed in percentages of the drawing's real size, with no
//! `viewBox`: markers, strokes and text keep their size at every width, and
//! the tick labels (separate drawings of the same height and width as the
//! plot) line up with their marks. Percentages also keep inline styles out,
//! which the page's CSP forbids.

use yew::prelude::*;

/// One measured point: where it is and its 95% interval, if any.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
    pub interval: Option<(f64, f64)>,
}

/// Points drawn alike; `class` sets their look in the stylesheet.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub class: &'static str,
    pub points: Vec<Point>,
}

/// A line through (x, y) points, in order: straight segments between them.
#[derive(Clone, Debug, PartialEq)]
pub struct Curve {
    pub class: &'static str,
    pub points: Vec<(f64, f64)>,
}

/// What a chart shows, as data.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub class: &'static str,
    /// The drawing's accessible name: what it shows, in words.
    pub label: String,
    pub x_title: String,
    pub y_title: String,
    pub series: Vec<Series>,
    pub curves: Vec<Curve>,
    /// Sizes to label under the axis (the rungs, the prediction).
    pub x_ticks: Vec<f64>,
    /// Draw the value zero into the range and mark it with a line.
    pub zero_line: bool,
}

/// Share of the drawing left clear at each side, so markers are never cut.
const INSET: f64 = 0.05;

/// The chart's scales from its data: x on a log scale over every size, y
/// over every value and interval bounded by round ticks; and the ticks with
/// their decimals.
fn scale_of(chart: &Chart) -> (Scale, Vec<f64>, usize) {
    let xs = chart
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.x))
        .chain(
            chart
                .curves
                .iter()
                .flat_map(|c| c.points.iter().map(|p| p.0)),
        )
        .chain(chart.x_ticks.iter().copied())
        .filter(|x| *x > 0.0 && x.is_finite());
    let (x_low, x_high) = xs.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| {
        (a.min(x), b.max(x))
    });
    let (x_low, x_high) = if x_low < x_high {
        (x_low.log10(), x_high.log10())
    } else if x_low.is_finite() {
        (x_low.log10() - 0.5, x_low.log10() + 0.5)
    } else {
        (0.0, 1.0)
    };
    let ys = chart
        .series
        .iter()
        .flat_map(|s| s.points.iter())
        .flat_map(|p| [Some(p.y), p.interval.map(|i| i.0), p.interval.map(|i| i.1)])
        .flatten()
        .chain(
            chart
                .curves
                .iter()
                .flat_map(|c| c.points.iter().map(|p| p.1)),
        )
        .chain(chart.zero_line.then_some(0.0))
        .filter(|y| y.is_finite());
    let (y_low, y_high) = ys.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), y| {
        (a.min(y), b.max(y))
    });
    let (y_low, y_high) = match (y_low.is_finite(), y_low < y_high) {
        (true, true) => (y_low, y_high),
        (true, false) => (y_low - 0.5, y_low + 0.5),
        _ => (0.0, 1.0),
    };
    let (ticks, decimals) = crate::text::format::nice_ticks(y_low, y_high, 4);
    // The ticks bound the range, so the top and bottom lines are labelled.
    let (y_low, y_high) = (
        ticks.first().copied().unwrap_or(y_low),
        ticks.last().copied().unwrap_or(y_high),
    );
    let scale = Scale {
        x: (x_low, x_high),
        y: (y_low, y_high),
    };
    (scale, ticks, decimals)
}

/// The chart, its scales as text beside and below it.
pub fn view(chart: &Chart) -> Html {
    let (scale, ticks, decimals) = scale_of(chart);
    html! {
        <figure class={classes!("chart-figure", chart.class)}>
            <div class="chart-grid">
                <span class="y-title">{ chart.y_title.clone() }</span>
                <svg class="y-ticks" aria-hidden="true">
                    { for ticks.iter().map(|&v| html! {
                        <text x="100%" dx="-6" y={scale.py(v)} dy="0.35em" text-anchor="end">
                            { crate::text::format::signed(v, decimals, false) }
                        </text>
                    }) }
                </svg>
                <svg class="plot" role="img" aria-label={chart.label.clone()}>
                    { for ticks.iter().map(|&v| html! {
                        <line class={classes!("grid", (chart.zero_line && v == 0.0).then_some("zero"))}
                            x1="0" x2="100%" y1={scale.py(v)} y2={scale.py(v)} />
                    }) }
                    { for chart.curves.iter().map(|c| curve(c, &scale)) }
                    { for chart.series.iter().map(|s| series(s, &scale)) }
                </svg>
                <svg class="x-ticks" aria-hidden="true">
                    { for spaced(&chart.x_ticks, &scale).into_iter().map(|x| html! {
                        <text x={scale.px(x)} y="1em" text-anchor="middle">{ crate::text::format::size(x) }</text>
                    }) }
                </svg>
                <span class="x-title">{ chart.x_title.clone() }</span>
            </div>
        </figure>
    }
}

/// The x labels that do not crowd each other: each at least an eighth of
/// the axis from the last one kept, the last (the largest, or the
/// prediction) always kept. A narrow phone still reads every label shown.
fn spaced(ticks: &[f64], scale: &Scale) -> Vec<f64> {
    const GAP: f64 = 0.125;
    let share = |x: f64| scale.share_x(x);
    let mut kept: Vec<f64> = Vec::new();
    for (i, &x) in ticks.iter().enumerate() {
        let last = i + 1 == ticks.len();
        match kept.last() {
            Some(&prev) if share(x) - share(prev) < GAP => {
                if last {
                    // The last label wins its place over the one before it.
                    kept.pop();
                    kept.push(x);
                }
            }
            _ => kept.push(x),
        }
    }
    kept
}

/// Data to percentages of the drawing: x on a log scale.
struct Scale {
    /// log10 of the smallest and largest x.
    x: (f64, f64),
    y: (f64, f64),
}

impl Scale {
    /// Where `x` falls along the axis, 0 at the smallest and 1 at the largest.
    fn share_x(&self, x: f64) -> f64 {
        (x.max(f64::MIN_POSITIVE).log10() - self.x.0) / (self.x.1 - self.x.0)
    }

    fn px(&self, x: f64) -> String {
        pct(INSET + self.share_x(x) * (1.0 - 2.0 * INSET))
    }

    fn py(&self, y: f64) -> String {
        let share = (y - self.y.0) / (self.y.1 - self.y.0);
        pct(1.0 - INSET - share * (1.0 - 2.0 * INSET))
    }
}

fn pct(share: f64) -> String {
    format!(
        "{:.2}%",
        if share.is_finite() {
            share * 100.0
        } else {
            0.0
        }
    )
}

fn series(s: &Series, scale: &Scale) -> Html {
    html! {
        <g class={s.class}>
            { for s.points.iter().map(|p| {
                let x = scale.px(p.x);
                html! {
                    <>
                        if let Some((low, high)) = p.interval {
                            <line class="interval" x1={x.clone()} x2={x.clone()} y1={scale.py(low)} y2={scale.py(high)} />
                        }
                        // 5 px radius: markers 10 px across, with the stroke 12.
                        <circle cx={x} cy={scale.py(p.y)} r="5" />
                    </>
                }
            }) }
        </g>
    }
}

fn curve(c: &Curve, scale: &Scale) -> Html {
    html! {
        <g class={classes!("curve", c.class)}>
            { for c.points.windows(2).map(|pair| html! {
                <line x1={scale.px(pair[0].0)} y1={scale.py(pair[0].1)} x2={scale.px(pair[1].0)} y2={scale.py(pair[1].1)} />
            }) }
        </g>
    }
}
