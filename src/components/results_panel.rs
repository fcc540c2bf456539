//! The Results section: paste the ladder's results (or drop a CSV), get the
//! gain per rung with its interval, the trend with scale and a verdict.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::chart::{self, Chart, Curve, Point, Series};
use super::Dispatch;
use crate::browser;
use crate::model::plan::Plan;
use crate::model::results::{
    results_template_csv, too_large, Analysis, Ask, ParsedResults, PastedResults, ResultsReading,
    RungGain, Verdict, TEMPLATE_ARMS,
};
use crate::results_state::ResultsAction;
use crate::text::format;
use crate::text::results::sentences::{direction_text, gain_cells, multiplier_cell, Style};
use crate::text::results::{
    errors, note, prediction_sentence, scale_unit, shown_name, verdict_sentence, STATISTICS,
};

/// Lines of results above which they are not put in the text box, and
/// bytes likewise: Chromium makes each line of a text box an element, and
/// 100,000 lines took 1.0–1.5 s of layout in one task on every paste or
/// visit that showed them (issue 34; about 10 µs a line measured here), so
/// 5,000 lines cost about 50 ms. Our choice within that budget.
const BOX_LINES: usize = 5_000;
const BOX_BYTES: usize = 256 * 1024;

/// Whether `text` is too long to show in the text box (see [`BOX_LINES`]).
fn too_long_for_the_box(text: &str) -> bool {
    // A line holds at least a delimiter and its newline: shorter texts cannot
    // have that many lines, and are not counted.
    text.len() > BOX_BYTES
        || (text.len() > 2 * BOX_LINES && text.bytes().filter(|&b| b == b'\n').count() >= BOX_LINES)
}

/// The clipboard's text as a JS string, not yet copied into the wasm.
fn clipboard_text(data: &web_sys::DataTransfer) -> Option<js_sys::JsString> {
    let get: js_sys::Function = js_sys::Reflect::get(data, &"getData".into())
        .ok()?
        .dyn_into()
        .ok()?;
    get.call1(data, &"text".into()).ok()?.dyn_into().ok()
}

/// Results too long for the text box: what they are, and how to replace them.
fn long_text(pasted: &PastedResults, busy: bool, dispatch: &Dispatch) -> Html {
    // Newlines counted, not lines trimmed: this runs at every render.
    let text = pasted.text.trim_end();
    let lines = text.bytes().filter(|&b| b == b'\n').count() + usize::from(!text.is_empty());
    let on_clear = {
        let results = dispatch.results.clone();
        Callback::from(move |_: MouseEvent| results.dispatch(ResultsAction::Clear))
    };
    html! {
        <div class="field long-results" id="results-text" tabindex="-1">
            <p>
                <strong>{ format!("{} of results ({} KB)", format::plural(lines as u64, "line", "lines"), format::whole((pasted.text.len() / 1024) as u64)) }</strong>
                { ", too long to show in a text box here; they are read below. To replace them, choose another file, drop one, or clear these first." }
                if busy {
                    <span class="results-busy">{ " Reading and analysing…" }</span>
                }
            </p>
            <button type="button" class="secondary" onclick={on_clear}>{ "Clear the results" }</button>
        </div>
    }
}

/// A rung's value and interval for one series of a chart.
type Pick = fn(&RungGain) -> (f64, Option<f64>, Option<f64>);

/// The two charts, as data for [`chart::view`]: the metric per arm, and the
/// gain with its fitted trend and the next rung's prediction.
fn charts(analysis: &Analysis, heading: &str) -> Html {
    let points = |pick: Pick| {
        analysis
            .rungs
            .iter()
            .map(|r| {
                let (y, low, high) = pick(r);
                Point {
                    x: r.params,
                    y,
                    interval: low.zip(high),
                }
            })
            .collect::<Vec<_>>()
    };
    let sizes: Vec<f64> = analysis.rungs.iter().map(|r| r.params).collect();
    let metric = analysis
        .metric
        .as_deref()
        .map_or_else(|| "Metric".to_owned(), format::visible);
    let x_title = format!("{heading} (log scale)");
    let (method, baseline) = (shown_name(&analysis.method), shown_name(&analysis.baseline));
    let metric_chart = Chart {
        class: "metric",
        label: format!("{metric} against scale: {method} (filled) and {baseline} (hollow), each with its 95% interval."),
        x_title: x_title.clone(),
        y_title: metric.clone(),
        series: vec![
            Series { class: "method", points: points(|r| (r.method_mean, r.method_ci_low, r.method_ci_high)) },
            Series { class: "baseline", points: points(|r| (r.baseline_mean, r.baseline_ci_low, r.baseline_ci_high)) },
        ],
        curves: Vec::new(),
        x_ticks: sizes.clone(),
        zero_line: false,
    };
    // The fitted line, gain = intercept + slope × log10(size), from the
    // smallest rung to the prediction, and the prediction with its interval.
    let trend = &analysis.trend;
    let next = &analysis.next;
    let fitted = |x: f64| trend.intercept + trend.slope * x.log10();
    let first = sizes.first().copied().unwrap_or(next.params);
    let mut gain_sizes = sizes;
    gain_sizes.push(next.params);
    let gain_chart = Chart {
        class: "gain",
        label: format!("The gain against scale with its 95% interval, the fitted trend, and the prediction at {} with its 95% prediction interval; the line at zero marks no gain.", format::count(next.params)),
        x_title,
        y_title: format!("Gain in {metric}"),
        series: vec![
            Series { class: "gain", points: points(|r| (r.gain, r.ci_low, r.ci_high)) },
            Series { class: "prediction", points: vec![Point { x: next.params, y: next.gain, interval: next.pi_low.zip(next.pi_high) }] },
        ],
        curves: vec![Curve { class: "fit", points: vec![(first, fitted(first)), (next.params, fitted(next.params))] }],
        x_ticks: gain_sizes,
        zero_line: true,
    };
    let multiplier_chart = multiplier_chart(analysis, &x_title_for(heading));
    html! {
        <div class="results-charts">
            { chart::view(&metric_chart) }
            if let Some(m) = &multiplier_chart {
                { chart::view(m) }
            }
            { chart::view(&gain_chart) }
            <p class="chart-legend" aria-hidden="true">
                <span class="key method">{ "●" }</span>{ format!(" {method}  ") }
                <span class="key baseline">{ "○" }</span>{ format!(" {baseline}  ") }
                <span class="key fit">{ "╌" }</span>{ " fitted trend  " }
                <span class="key prediction">{ "◇" }</span>{ " prediction" }
            </p>
            <p class="hint">{ if multiplier_chart.is_some() {
                "Top: the metric for each arm. Middle: the compute multiplier, the dotted line at 1\u{00D7} meaning no gain, with its fitted trend and predictions. Bottom: the gain in the metric's units with its trend. Sizes on a log scale; bars are 95% intervals. The table below gives the same numbers."
            } else {
                "Top: the metric for each arm. Bottom: the gain, the line at zero meaning no gain, with the trend fitted to it and its prediction one rung up. Sizes on a log scale; bars are 95% intervals. The table below gives the same numbers."
            } }</p>
        </div>
    }
}

fn x_title_for(heading: &str) -> String {
    format!("{heading} (log scale)")
}

/// The compute multiplier per rung with its interval, the fitted trend
/// (log10 multiplier linear in log10 scale) through the predictions, and a
/// line at 1× (no gain); `None` where no multiplier applies.
fn multiplier_chart(analysis: &Analysis, x_title: &str) -> Option<Chart> {
    let trend = analysis.multiplier_trend.as_ref()?;
    let points: Vec<Point> = analysis
        .rungs
        .iter()
        .filter_map(|r| {
            Some(Point {
                x: r.params,
                y: r.multiplier?,
                interval: r.multiplier_low.zip(r.multiplier_high),
            })
        })
        .collect();
    let mut sizes: Vec<f64> = points.iter().map(|p| p.x).collect();
    let first = sizes.first().copied()?;
    sizes.extend(analysis.predictions.iter().map(|p| p.params));
    let last = sizes.iter().copied().fold(first, f64::max);
    let fitted = |x: f64| 10f64.powf(trend.intercept + trend.slope * x.log10());
    // Enough points that the fitted curve bends as it should on a linear axis.
    let steps = 16;
    let line: Vec<(f64, f64)> = (0..=steps)
        .map(|i| {
            let x = first * (last / first).powf(f64::from(i) / f64::from(steps));
            (x, fitted(x))
        })
        .collect();
    Some(Chart {
        class: "multiplier",
        label: format!(
            "The compute multiplier against scale with its 95% interval, the fitted trend and the predictions at {} with their 95% prediction intervals; the dotted line at 1 marks no gain.",
            analysis.predictions.iter().map(|p| format::count(p.params)).collect::<Vec<_>>().join(" and ")
        ),
        x_title: x_title.to_owned(),
        y_title: "Compute multiplier (\u{00D7})".into(),
        series: vec![
            Series { class: "gain", points },
            Series {
                class: "prediction",
                points: analysis
                    .predictions
                    .iter()
                    .map(|p| Point { x: p.params, y: p.multiplier, interval: Some((p.pi_low, p.pi_high)) })
                    .collect(),
            },
        ],
        curves: vec![
            Curve { class: "fit", points: line },
            Curve { class: "none", points: vec![(first, 1.0), (last, 1.0)] },
        ],
        x_ticks: sizes,
        zero_line: false,
    })
}

/// One row of the gains table, numbers to the precision their interval supports.
fn gain_row(r: &RungGain, unit: &str, with_multiplier: bool) -> Html {
    let cells = gain_cells(r);
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
            <td>{ cells.method_mean }</td>
            <td>{ cells.baseline_mean }</td>
            <td>{ cells.gain }</td>
            <td>{ match cells.ci {
                Some((lo, hi)) => format!("{lo} to {hi}"),
                None => "needs 2 seeds per arm".into(),
            } }</td>
            <td>{ format!("{} / {}", r.n_method, r.n_baseline) }</td>
        </tr>
    }
}

/// The chart's prediction as a row of the gains table, so the table holds
/// every number the charts draw.
fn prediction_row(analysis: &Analysis, unit: &str) -> Html {
    let next = &analysis.next;
    let d = format::decimals_for(
        next.pi_low.zip(next.pi_high).map(|(lo, hi)| hi - lo),
        next.gain,
    );
    let size = format!(
        "{}{}{unit} (predicted)",
        format::size(next.params),
        if unit.is_empty() { "" } else { " " }
    );
    html! {
        <tr class="prediction">
            <th scope="row">{ size }</th>
            <td></td>
            <td></td>
            <td>{ format::signed(next.gain, d, true) }</td>
            <td>{ match (next.pi_low, next.pi_high) {
                (Some(lo), Some(hi)) => format!("{} to {} (prediction)", format::signed(lo, d, false), format::signed(hi, d, false)),
                _ => "needs more rungs".into(),
            } }</td>
            <td></td>
        </tr>
    }
}

/// Sends edited results to the results state.
fn emitter(dispatch: &Dispatch) -> impl Fn(PastedResults) + Clone + 'static {
    let dispatch = dispatch.clone();
    move |next: PastedResults| dispatch.send_results(ResultsAction::Edit(next))
}

/// Downloads a CSV template with this plan's rungs and seeds.
fn template_callback(plan: &Plan) -> Callback<MouseEvent> {
    let scales: Vec<f64> = plan.ladder.rungs.iter().map(|r| r.scale).collect();
    let seeds = plan.evidence.seeds_per_configuration;
    Callback::from(move |_: MouseEvent| {
        let csv = results_template_csv(&scales, &TEMPLATE_ARMS, seeds);
        let _ = browser::download("evidence-ladder-results.csv", "text/csv", &csv);
    })
}

/// Text typed into the box, refused when too large.
fn text_callback(pasted: &PastedResults, dispatch: &Dispatch) -> Callback<InputEvent> {
    let pasted = pasted.clone();
    let emit = emitter(dispatch);
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
                dispatch.send_results(ResultsAction::Unreadable(
                    "The pasted text".into(),
                    crate::text::files::too_large(why),
                ));
            }
            None => emit(PastedResults {
                text,
                ..pasted.clone()
            }),
        }
    })
}

/// A paste: refused when too large, and a long one taken from the clipboard
/// here, where the box holds nothing yet or only a little, so that it never
/// enters the text box (see `BOX_LINES`).
fn paste_callback(pasted: &PastedResults, dispatch: &Dispatch) -> Callback<Event> {
    let pasted = pasted.clone();
    let emit = emitter(dispatch);
    let dispatch = dispatch.clone();
    Callback::from(move |e: Event| {
        let Some(e) = e.dyn_ref::<web_sys::ClipboardEvent>() else {
            return;
        };
        // Its length is read in JS first: a paste past the limit is
        // refused without being copied into the wasm.
        let Some(clip) = e.clipboard_data().and_then(|d| clipboard_text(&d)) else {
            return;
        };
        let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
        let units = f64::from(clip.length()) + f64::from(area.text_length());
        if let Some(why) = too_large(units) {
            e.prevent_default();
            dispatch.send_results(ResultsAction::Unreadable(
                "The pasted text".into(),
                crate::text::files::too_large(why),
            ));
            return;
        }
        let clip = String::from(clip);
        if !too_long_for_the_box(&clip) {
            return; // the browser pastes it, and `text_callback` reads it
        }
        e.prevent_default();
        // What is selected is replaced, as a paste does (an empty box
        // has nothing to keep).
        if area.text_length() == 0 {
            return emit(PastedResults {
                text: clip,
                ..pasted.clone()
            });
        }
        let value = area.value();
        let utf16: Vec<u16> = value.encode_utf16().collect();
        let at = |i: Option<u32>, or: usize| i.map_or(or, |i| (i as usize).min(utf16.len()));
        let start = at(area.selection_start().ok().flatten(), utf16.len());
        let end = at(area.selection_end().ok().flatten(), start).max(start);
        let text = format!(
            "{}{clip}{}",
            String::from_utf16_lossy(&utf16[..start]),
            String::from_utf16_lossy(&utf16[end..])
        );
        emit(PastedResults {
            text,
            ..pasted.clone()
        });
    })
}

/// A chosen CSV file, read and then forgotten by the input.
fn file_callback(dispatch: &Dispatch) -> Callback<Event> {
    let dispatch = dispatch.clone();
    Callback::from(move |e: Event| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            super::files::read_results(&dispatch, file);
        }
        input.set_value("");
    })
}

/// A picker of one of the pasted arms.
fn arm_select(
    (id, label): (&'static str, &'static str),
    chosen: &str,
    (pasted, reading): (&PastedResults, &ResultsReading),
    dispatch: &Dispatch,
    edit: fn(&mut PastedResults, String),
) -> Html {
    let pasted = pasted.clone();
    let emit = emitter(dispatch);
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
}

/// The method and baseline arms, which direction is better, and what is
/// still to choose.
fn arm_choices(pasted: &PastedResults, reading: &ResultsReading, dispatch: &Dispatch) -> Html {
    let direction = |higher: bool| {
        let pasted = pasted.clone();
        let emit = emitter(dispatch);
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
    let both = (pasted, reading);
    html! {
        <>
            <div class="results-choices">
                { arm_select(("results-method", "Method arm"), &reading.method, both, dispatch, |p, v| p.method = v) }
                { arm_select(("results-baseline", "Baseline arm"), &reading.baseline, both, dispatch, |p, v| p.baseline = v) }
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
        </>
    }
}

/// The lines that were not read, and why.
fn bad_lines(parsed: &ParsedResults) -> Html {
    html! {
        <div class="bad-lines" role="alert">
            <p>{ format!("{} not read; everything else is used:", format::plural((parsed.bad_lines.len() + parsed.more_bad_lines) as u64, "line was", "lines were")) }</p>
            <ul>
                { for parsed.bad_lines.iter().map(|b| html! { <li>{ format!("Line {}: {}", b.line, errors::line_problem(&b.why)) }</li> }) }
                if parsed.more_bad_lines > 0 {
                    <li>{ format!("and {} more.", format::plural(parsed.more_bad_lines as u64, "line", "lines")) }</li>
                }
            </ul>
        </div>
    }
}

/// The analysis: the arms, the prediction, the next step, charts and the
/// table of gains per rung.
fn analysis_view(plan: &Plan, analysis: &Analysis, unit: &str) -> Html {
    let with_multiplier = analysis.multiplier_trend.is_some();
    html! {
        <>
            <p class="verdict-sentence-direction hint">{ format!("{} against {} ({}).", shown_name(&analysis.method), shown_name(&analysis.baseline), direction_text(analysis, Style::Page)) }</p>
            <p>{ prediction_sentence(analysis, unit, "") }</p>
            if let Some(step) = crate::text::stages::next_step(plan, analysis) {
                <p class="next-step"><strong>{ step }</strong></p>
            }
            if !analysis.warnings.is_empty() {
                <ul class="warnings">{ for analysis.warnings.iter().map(|w| html! { <li>{ note(w) }</li> }) }</ul>
            }
            { charts(analysis, plan.scaling.scale_heading()) }
            <div class="table-scroll" tabindex="0" role="region" aria-label="Gain per rung">
                <table class="gains">
                    <thead><tr>
                        <th scope="col">{ "Size" }</th>
                        if with_multiplier {
                            <th scope="col">{ "Compute multiplier (95% interval)" }</th>
                        }
                        <th scope="col">{ "Method mean" }</th>
                        <th scope="col">{ "Baseline mean" }</th>
                        <th scope="col">{ "Gain" }</th>
                        <th scope="col">{ "95% interval" }</th>
                        <th scope="col">{ "Seeds" }</th>
                    </tr></thead>
                    <tbody>
                        { for analysis.rungs.iter().map(|r| gain_row(r, unit, with_multiplier)) }
                    </tbody>
                    <tfoot>{ prediction_row(analysis, unit) }</tfoot>
                </table>
            </div>
            <p class="source">{ STATISTICS }</p>
        </>
    }
}

/// The Results section. `reading` is `pasted` read and analysed.
pub fn view(
    plan: &Plan,
    pasted: &PastedResults,
    reading: &ResultsReading,
    busy: bool,
    dispatch: &Dispatch,
) -> Html {
    let unit = scale_unit(plan.scaling.axis);
    let parsed = &reading.parsed;
    html! {
        <section class="panel results-analysis" aria-labelledby="results-analysis-title">
            <h3 id="results-analysis-title">{ "Results: does it scale?" }</h3>
            <p class="hint">{ "After running the ladder, paste its results (from a spreadsheet: a header row, then one row per run, tab- or comma-separated; long form params, arm, seed and a metric column such as val_loss or accuracy, plus a task or env column to aggregate several tasks; or one column per arm) or choose a CSV file. They stay in this browser and are never put in the link." }</p>
            <div class="buttons">
                <button type="button" class="secondary" onclick={template_callback(plan)}>{ "Download results template (CSV)" }</button>
                <label class="button file secondary">
                    { "Choose a CSV file…" }
                    <input type="file" accept=".csv,.tsv,.txt,text/csv,text/plain" class="visually-hidden" onchange={file_callback(dispatch)} />
                </label>
            </div>
            if too_long_for_the_box(&pasted.text) {
                { long_text(pasted, busy, dispatch) }
            } else {
                <div class="field">
                    <label for="results-text">{ "Paste results" }</label>
                    // Beside the label, so that nothing moves when it comes and
                    // goes; what is below stays the last reading until the new one is ready.
                    if busy {
                        <span class="results-busy">{ " Reading and analysing…" }</span>
                    }
                    <textarea id="results-text" rows="6" spellcheck="false" value={pasted.text.clone()} oninput={text_callback(pasted, dispatch)}
                        onpaste={paste_callback(pasted, dispatch)}
                        placeholder={"params,arm,seed,val_loss\n1.2e8,method,1,3.31\n1.2e8,baseline,1,3.35"} />
                </div>
            }
            if let Some(why) = &parsed.refused {
                <p class="error" role="alert">{ errors::refusal(*why) }</p>
            }
            if !parsed.rows.is_empty() {
                { arm_choices(pasted, reading, dispatch) }
            }
            if !parsed.bad_lines.is_empty() {
                { bad_lines(parsed) }
            }
            if !parsed.notes.is_empty() {
                <ul class="notes">{ for parsed.notes.iter().map(|n| html! { <li>{ note(n) }</li> }) }</ul>
            }
            // Only the verdict's sentence is read out when it changes, not the
            // charts, table and method below it: its own live region.
            <div class="verdict-live" aria-live="polite" aria-busy={busy.to_string()}>
                if let Some(Ok(analysis)) = &reading.analysis {
                    <p class={classes!("verdict-sentence", match analysis.verdict {
                        Verdict::Grows => "grows",
                        Verdict::Holds => "holds",
                        Verdict::Shrinks => "shrinks",
                        Verdict::NoGain => "no-gain",
                        Verdict::Unclear => "unclear",
                    })}>{ verdict_sentence(analysis, unit, "") }</p>
                }
            </div>
            <div>
                { match &reading.analysis {
                    None => html! {},
                    Some(Err(why)) => html! { <p class="error">{ format!("No analysis yet: {why}") }</p> },
                    Some(Ok(analysis)) => analysis_view(plan, analysis, unit),
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
