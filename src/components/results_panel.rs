//! The Results section: paste the ladder's results (or drop a CSV), get the
//! gain per rung with its interval, the trend with scale and a verdict.

use yew::prelude::*;

use super::Dispatch;
use crate::browser;
use crate::model::format;
use crate::model::plan::Plan;
use crate::model::results::input::shown_name;
use crate::model::results::sentences::{direction_text, multiplier_cell, Style};
use crate::model::results::{
    prediction_sentence, results_template_csv, scale_unit, too_large, verdict_sentence, Analysis,
    Ask, PastedResults, ResultsReading, RungGain, Verdict, TEMPLATE_ARMS,
};
use crate::results_state::ResultsAction;

const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 160.0;
const PAD: f64 = 12.0;

/// One point of a chart: size, value and its 95% interval when there is one.
type Point = (f64, f64, Option<(f64, f64)>);

/// A rung's value and interval for one series of a chart.
type Pick = fn(&RungGain) -> (f64, Option<f64>, Option<f64>);

/// x position of a size on a log axis spanning the analysed rungs.
fn log_x(params: f64, (low, high): (f64, f64)) -> f64 {
    let span = (high.log10() - low.log10()).max(1e-9);
    PAD + (params.log10() - low.log10()) / span * (WIDTH - 2.0 * PAD)
}

/// One panel: points with interval bars, and its scale beside it as text.
fn panel(
    class: &'static str,
    label: String,
    series: Vec<(&'static str, Vec<Point>)>,
    range: (f64, f64),
    zero_line: bool,
) -> Html {
    let values = series.iter().flat_map(|(_, points)| {
        points
            .iter()
            .flat_map(|(_, v, ci)| [Some(*v), ci.map(|c| c.0), ci.map(|c| c.1)])
            .flatten()
    });
    let (mut low, mut high) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    if zero_line {
        low = low.min(0.0);
        high = high.max(0.0);
    }
    // A flat series (or none) still needs a height to draw in.
    if high <= low || !high.is_finite() || !low.is_finite() {
        low = if low.is_finite() { low } else { 0.0 };
        high = low + 1.0;
    }
    let y = |v: f64| HEIGHT - PAD - (v - low) / (high - low) * (HEIGHT - 2.0 * PAD);
    // The scale, as text at its true size beside the drawing (which scales
    // with the page): each rung's size under its points, the values at the
    // top, the bottom and zero. Percentages place it without inline styles,
    // which the CSP forbids.
    // Every series has a point at each analysed size, smallest first.
    let sizes: Vec<f64> = series
        .first()
        .map(|(_, points)| points.iter().map(|p| p.0).collect())
        .unwrap_or_default();
    let pct = |v: f64, of: f64| format!("{:.2}%", v / of * 100.0);
    let mut values = vec![high, low];
    if zero_line && low < 0.0 && high > 0.0 {
        values.push(0.0);
    }
    html! {
        <div class={classes!("chart-frame", class)}>
            <svg class="y-axis" aria-hidden="true">
                { for values.into_iter().map(|v| html! {
                    <text x="100%" dx="-4" y={pct(y(v), HEIGHT)} dy="0.35em" text-anchor="end">{ format!("{v:.3}") }</text>
                }) }
            </svg>
            <svg class={classes!("results-chart", class)} viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img" aria-label={label}>
                if zero_line {
                    <line class="zero" x1={PAD.to_string()} x2={(WIDTH - PAD).to_string()} y1={format!("{:.1}", y(0.0))} y2={format!("{:.1}", y(0.0))} />
                }
                { for series.into_iter().map(|(arm, points)| html! {
                    <g class={arm}>
                        { for points.into_iter().map(|(x, v, ci)| {
                            let cx = log_x(x, range);
                            html! {
                                <>
                                    if let Some((lo, hi)) = ci {
                                        <line class="interval" x1={format!("{cx:.1}")} x2={format!("{cx:.1}")} y1={format!("{:.1}", y(lo))} y2={format!("{:.1}", y(hi))} />
                                    }
                                    <circle cx={format!("{cx:.1}")} cy={format!("{:.1}", y(v))} r="5" />
                                </>
                            }
                        }) }
                    </g>
                }) }
            </svg>
            <svg class="x-axis" aria-hidden="true">
                { for sizes.into_iter().map(|x| html! {
                    <text x={pct(log_x(x, range), WIDTH)} y="1em" text-anchor="middle">{ format::count(x) }</text>
                }) }
            </svg>
        </div>
    }
}

fn charts(analysis: &Analysis) -> Html {
    let sizes: Vec<f64> = analysis.rungs.iter().map(|r| r.params).collect();
    let range = (
        sizes.first().copied().unwrap_or(1.0) / 1.5,
        sizes.last().copied().unwrap_or(10.0) * 1.5,
    );
    let arm = |mean: Pick| {
        analysis
            .rungs
            .iter()
            .map(|r| {
                let (m, lo, hi) = mean(r);
                (r.params, m, lo.zip(hi))
            })
            .collect::<Vec<_>>()
    };
    html! {
        <div class="results-charts">
            { panel(
                "metric",
                format!("The metric against scale: {} (filled) and {} (hollow), each with its 95% interval.", shown_name(&analysis.method), shown_name(&analysis.baseline)),
                vec![
                    ("method", arm(|r| (r.method_mean, r.method_ci_low, r.method_ci_high))),
                    ("baseline", arm(|r| (r.baseline_mean, r.baseline_ci_low, r.baseline_ci_high))),
                ],
                range,
                false,
            ) }
            { panel(
                "gain",
                "The gain against scale with its 95% interval; the line marks no gain.".into(),
                vec![("gain", arm(|r| (r.gain, r.ci_low, r.ci_high)))],
                range,
                true,
            ) }
            <p class="chart-legend">
                <span class="key method" aria-hidden="true">{ "●" }</span>{ format!(" {} (filled)  ", shown_name(&analysis.method)) }
                <span class="key baseline" aria-hidden="true">{ "○" }</span>{ format!(" {} (hollow)", shown_name(&analysis.baseline)) }
            </p>
            <p class="hint">{ "Top: the metric for the method (filled) and the baseline (hollow). Bottom: the gain, with the line at zero. Sizes on a log scale, smallest on the left; bars are 95% intervals." }</p>
        </div>
    }
}

/// One row of the gains table, numbers to the precision their interval supports.
fn gain_row(r: &RungGain, unit: &str, with_multiplier: bool) -> Html {
    let d = format::decimals_for(r.ci_low.zip(r.ci_high).map(|(lo, hi)| hi - lo), r.gain);
    let size = if unit.is_empty() {
        format::size(r.params)
    } else {
        format!("{} {unit}", format::size(r.params))
    };
    html! {
        <tr>
            <th scope="row">{ size }</th>
            if with_multiplier {
                <td>{ multiplier_cell(r) }</td>
            }
            <td>{ format::signed(r.method_mean, d + 1, false) }</td>
            <td>{ format::signed(r.baseline_mean, d + 1, false) }</td>
            <td>{ format::signed(r.gain, d, true) }</td>
            <td>{ match (r.ci_low, r.ci_high) {
                (Some(lo), Some(hi)) => format!("{} to {}", format::signed(lo, d, false), format::signed(hi, d, false)),
                _ => "needs 2 seeds per arm".into(),
            } }</td>
            <td>{ format!("{} / {}", r.n_method, r.n_baseline) }</td>
        </tr>
    }
}

/// The Results section. `reading` is `pasted` read and analysed.
pub fn view(
    plan: &Plan,
    pasted: &PastedResults,
    reading: &ResultsReading,
    dispatch: &Dispatch,
) -> Html {
    let unit = scale_unit(plan.scaling.axis);
    let on_template = {
        let scales: Vec<f64> = plan.ladder.rungs.iter().map(|r| r.scale).collect();
        let seeds = plan.evidence.seeds_per_configuration;
        Callback::from(move |_: MouseEvent| {
            let csv = results_template_csv(&scales, &TEMPLATE_ARMS, seeds);
            let _ = browser::download("evidence-ladder-results.csv", "text/csv", &csv);
        })
    };
    let emit = {
        let dispatch = dispatch.clone();
        move |next: PastedResults| dispatch.send_results(ResultsAction::Edit(next))
    };
    let on_text = {
        let pasted = pasted.clone();
        let emit = emit.clone();
        let dispatch = dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            // Refused before it is read or kept: the page stays responsive
            // and the saved copy small. The textarea goes back to the last text.
            // Its length in UTF-16 units is read first, in JS: a text past the
            // limit in those units is past it in bytes too, and is refused
            // without being copied into the wasm (a 20 MB paste took 2.5 s).
            let units = f64::from(area.text_length());
            let text = if too_large(units).is_some() {
                String::new()
            } else {
                area.value()
            };
            match too_large(units.max(text.len() as f64)) {
                Some(why) => {
                    area.set_value(&pasted.text);
                    dispatch.send_results(ResultsAction::Unreadable("The pasted text".into(), why));
                }
                None => emit(PastedResults {
                    text,
                    ..pasted.clone()
                }),
            }
        })
    };
    let on_file = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                super::files::read_results(&dispatch, file);
            }
            input.set_value("");
        })
    };
    let select = |id: &'static str,
                  label: &'static str,
                  chosen: &str,
                  edit: fn(&mut PastedResults, String)| {
        let pasted = pasted.clone();
        let emit = emit.clone();
        let onchange = Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let mut next = pasted.clone();
            edit(&mut next, select.value());
            emit(next);
        });
        html! {
            <div class="field">
                <label for={id}>{ label }</label>
                <select id={id} required=true {onchange}>
                    <option value="" disabled=true selected={chosen.is_empty()}>{ "Choose an arm…" }</option>
                    { for reading.parsed.arms.iter().map(|arm| html! {
                        <option value={arm.clone()} selected={arm == chosen}>{ format::visible(arm) }</option>
                    }) }
                </select>
            </div>
        }
    };
    let direction = |higher: bool| {
        let pasted = pasted.clone();
        let emit = emit.clone();
        let metric = reading.metric_key();
        Callback::from(move |_: Event| {
            emit(PastedResults {
                higher_is_better: Some(higher),
                direction_for: metric.clone(),
                ..pasted.clone()
            })
        })
    };
    let metric_shown = reading
        .parsed
        .metric
        .as_deref()
        .map(|m| format::excerpt(m, 40))
        .unwrap_or_default();
    let parsed = &reading.parsed;
    html! {
        <section class="panel results-analysis" aria-labelledby="results-analysis-title">
            <h3 id="results-analysis-title">{ "Results: does the gain scale?" }</h3>
            <p class="hint">{ "After running the ladder, paste its results (from a spreadsheet: a header row, then one row per run, tab- or comma-separated; long form params, arm, seed and a metric column such as val_loss or accuracy, plus a task or env column to aggregate several tasks; or one column per arm) or choose a CSV file. They stay in this browser and are never put in the link." }</p>
            <div class="buttons">
                <button type="button" class="secondary" onclick={on_template}>{ "Download results template (CSV)" }</button>
                <label class="button file secondary">
                    { "Choose a CSV file…" }
                    <input type="file" accept=".csv,.tsv,.txt,text/csv,text/plain" class="visually-hidden" onchange={on_file} />
                </label>
            </div>
            <div class="field">
                <label for="results-text">{ "Paste results" }</label>
                <textarea id="results-text" rows="6" spellcheck="false" value={pasted.text.clone()} oninput={on_text}
                    placeholder={"params,arm,seed,val_loss\n1.2e8,method,1,3.31\n1.2e8,baseline,1,3.35"} />
            </div>
            if let Some(why) = &parsed.refused {
                <p class="error" role="alert">{ why.clone() }</p>
            }
            if !parsed.rows.is_empty() {
                <div class="results-choices">
                    { select("results-method", "Method arm", &reading.method, |p, v| p.method = v) }
                    { select("results-baseline", "Baseline arm", &reading.baseline, |p, v| p.baseline = v) }
                    <fieldset class="direction">
                        <legend>{ "Which is better?" }</legend>
                        <label class="check">
                            <input type="radio" name="results-direction" required=true
                                checked={reading.higher_is_better == Some(true)} onchange={direction(true)} />
                            { " Higher values (accuracy, reward)" }
                        </label>
                        <label class="check">
                            <input type="radio" name="results-direction" required=true
                                checked={reading.higher_is_better == Some(false)} onchange={direction(false)} />
                            { " Lower values (loss, error)" }
                        </label>
                        if reading.direction_inferred {
                            <p class="hint direction-source">{ format!("Read from the column name {metric_shown}: {}; change it if that is wrong.", if reading.higher_is_better == Some(true) { "higher is better" } else { "lower is better" }) }</p>
                        }
                    </fieldset>
                </div>
                if !reading.ask.is_empty() {
                    <p class="ask" role="status">{ format!("Choose {} to see the verdict.", ask_words(&reading.ask)) }</p>
                }
            }
            if !parsed.bad_lines.is_empty() {
                <div class="bad-lines" role="alert">
                    <p>{ format!("{} not read; everything else is used:", format::plural((parsed.bad_lines.len() + parsed.more_bad_lines) as u64, "line was", "lines were")) }</p>
                    <ul>
                        { for parsed.bad_lines.iter().map(|b| html! { <li>{ format!("Line {}: {}", b.line, b.message) }</li> }) }
                        if parsed.more_bad_lines > 0 {
                            <li>{ format!("and {} more.", format::plural(parsed.more_bad_lines as u64, "line", "lines")) }</li>
                        }
                    </ul>
                </div>
            }
            if !parsed.notes.is_empty() {
                <ul class="notes">{ for parsed.notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }</ul>
            }
            <div aria-live="polite">
                { match &reading.analysis {
                    None => html! {},
                    Some(Err(why)) => html! { <p class="error">{ format!("No analysis yet: {why}") }</p> },
                    Some(Ok(analysis)) => html! {
                        <>
                            <p class="verdict-sentence-direction hint">{ format!("{} against {} ({}).", shown_name(&analysis.method), shown_name(&analysis.baseline), direction_text(analysis, Style::Page)) }</p>
                            <p class={classes!("verdict-sentence", match analysis.verdict {
                                Verdict::Grows => "grows",
                                Verdict::Holds => "holds",
                                Verdict::Shrinks => "shrinks",
                                Verdict::NoGain => "no-gain",
                                Verdict::Unclear => "unclear",
                            })}>{ verdict_sentence(analysis, unit, "") }</p>
                            <p>{ prediction_sentence(analysis, unit, "") }</p>
                            if let Some(step) = crate::text::stages::next_step(plan, analysis) {
                                <p class="next-step"><strong>{ step }</strong></p>
                            }
                            if !analysis.warnings.is_empty() {
                                <ul class="warnings">{ for analysis.warnings.iter().map(|w| html! { <li>{ w.clone() }</li> }) }</ul>
                            }
                            { charts(analysis) }
                            <div class="table-scroll" tabindex="0" role="region" aria-label="Gain per rung">
                                <table class="gains">
                                    <thead><tr>
                                        <th scope="col">{ "Size" }</th>
                                        if analysis.multiplier_trend.is_some() {
                                            <th scope="col">{ "Compute multiplier (95% interval)" }</th>
                                        }
                                        <th scope="col">{ "Method mean" }</th>
                                        <th scope="col">{ "Baseline mean" }</th>
                                        <th scope="col">{ "Gain" }</th>
                                        <th scope="col">{ "95% interval" }</th>
                                        <th scope="col">{ "Seeds" }</th>
                                    </tr></thead>
                                    <tbody>
                                        { for analysis.rungs.iter().map(|r| gain_row(r, unit, analysis.multiplier_trend.is_some())) }
                                    </tbody>
                                </table>
                            </div>
                            <p class="source">{ analysis.statistics.clone() }</p>
                        </>
                    },
                } }
            </div>
        </section>
    }
}

/// "the method arm, the baseline arm and which is better".
fn ask_words(ask: &[Ask]) -> String {
    let words: Vec<&str> = ask
        .iter()
        .map(|a| match a {
            Ask::Method => "the method arm",
            Ask::Baseline => "the baseline arm",
            Ask::Direction => "whether higher or lower values are better",
        })
        .collect();
    match words.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
