//! The claim map: the 5×5 grid of generality × novelty and what this budget
//! supports in each cell, navigable as an ARIA grid.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::Dispatch;
use crate::model::evidence::{GENERALITY, NOVELTY};
use crate::model::plan::Plan;
use crate::state::Action;
use crate::text::report;

/// The cell an arrow key (or Home, End, Page Up, Page Down) moves to from
/// (generality, novelty), as the ARIA grid pattern has it; none for other keys.
fn moved((g, n): (u8, u8), key: &str, ctrl: bool) -> Option<(u8, u8)> {
    Some(match key {
        "ArrowUp" => (g.saturating_sub(1).max(1), n),
        "ArrowDown" => ((g + 1).min(5), n),
        "ArrowLeft" => (g, n.saturating_sub(1).max(1)),
        "ArrowRight" => (g, (n + 1).min(5)),
        "Home" if ctrl => (1, 1),
        "End" if ctrl => (5, 5),
        "Home" => (g, 1),
        "End" => (g, 5),
        "PageUp" => (1, n),
        "PageDown" => (5, n),
        _ => return None,
    })
}

/// Every cell button of the grid an event happened in.
fn cells(e: &Event) -> Vec<web_sys::HtmlElement> {
    let Some(grid) = e
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return Vec::new();
    };
    let Ok(list) = grid.query_selector_all("button[data-cell]") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.get(i)?.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

/// Arrow keys move focus to the neighbouring cell, which becomes the grid's
/// one Tab stop. Kept in the DOM rather than in component state: the map is
/// drawn from the plan alone, and a component of its own costs wasm bytes.
fn on_key(e: KeyboardEvent) {
    let cells = cells(&e);
    let cell_of = |el: &web_sys::HtmlElement| {
        let id = el.get_attribute("data-cell")?;
        let (g, n) = id.split_once('-')?;
        Some((g.parse::<u8>().ok()?, n.parse::<u8>().ok()?))
    };
    let Some(from) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
        .and_then(|el| cell_of(&el))
    else {
        return;
    };
    let Some(to) = moved(from, &e.key(), e.ctrl_key()) else {
        return;
    };
    e.prevent_default();
    for cell in &cells {
        let here = cell_of(cell) == Some(to);
        let _ = cell.set_attribute("tabindex", if here { "0" } else { "-1" });
        if here {
            let _ = cell.focus();
        }
    }
}

/// When focus leaves the grid, its Tab stop goes back to the user's claim,
/// so the page's next render (which only knows the claim) agrees with it.
fn on_focus_out(e: FocusEvent) {
    let grid = e
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
    let inside = e
        .related_target()
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
    if grid.is_some_and(|g| g.contains(inside.as_ref())) {
        return;
    }
    for cell in cells(&e) {
        let yours = cell.get_attribute("aria-pressed").as_deref() == Some("true");
        let _ = cell.set_attribute("tabindex", if yours { "0" } else { "-1" });
    }
}

/// Why your cell says ✓ while the summary says ✗: the map asks whether a
/// ladder for the claim fits; the summary, whether the ladder you asked for does.
fn top_note(plan: &Plan) -> String {
    let why = match plan.inputs.top {
        Some(top) => format!("your top model, {},", report::scale_text(plan, top)),
        None => "the ladder shown".to_owned(),
    };
    let largest = plan.largest_top.map_or_else(String::new, |t| {
        format!(
            " The largest top that fits is {}.",
            report::scale_text(plan, t)
        )
    });
    format!(
        "Your claim's cell says it fits: a ladder for this claim fits the budget. The summary says it does not because {why} needs more than the budget (or memory or time) allows.{largest}"
    )
}

/// What can be claimed with this compute: every generality × novelty, its
/// level, and whether it fits, marked by symbol and text as well as colour.
///
/// A grid (the ARIA pattern): one Tab stop, the arrow keys move between
/// cells, Enter or Space plans the claim in the cell.
pub fn view(plan: &Plan, dispatch: &Dispatch) -> Html {
    let yours = (plan.inputs.generality, plan.inputs.novelty);
    html! {
        <section class="panel claim-map" aria-labelledby="claim-map-title">
            <h3 id="claim-map-title">{ "Claim map: what this budget can support" }</h3>
            <p class="hint" id="claim-map-how">{ "Rows: generality (G), columns: novelty (N). Each cell gives the evidence level (L1–L5) and whether its ladder fits your budget (✓) or not (✗); your claim is outlined. Choose a cell to plan that claim; in the map, arrow keys move between cells." }</p>
            if plan.claim_fits && !plan.ladder.fits {
                <p class="claim-vs-top">{ top_note(plan) }</p>
            }
            <div class="table-scroll" role="region" aria-label="Claim map, table">
                <table role="grid" aria-label="Claim map: the evidence level of every claim, and whether it fits" aria-describedby="claim-map-how"
                    onkeydown={Callback::from(on_key)} onfocusout={Callback::from(on_focus_out)}>
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
                                    let cell = (c.generality, c.novelty);
                                    let is_yours = cell == yours;
                                    let select = dispatch.to(move |_: MouseEvent| Action::Claim(cell.0, cell.1));
                                    // The name says in words what the cell shows in
                                    // abbreviations and symbols, claim first.
                                    html! {
                                        <td
                                            class={classes!(
                                                format!("level-{}", c.level),
                                                if c.fits { "fits" } else { "short" },
                                                is_yours.then_some("yours"),
                                            )}
                                            aria-current={is_yours.then_some("true")}
                                        >
                                            <button type="button" class="cell" data-cell={format!("{}-{}", cell.0, cell.1)}

                                                tabindex={if is_yours { "0" } else { "-1" }}
                                                aria-pressed={if is_yours { "true" } else { "false" }} onclick={select}>
                                                <span class="cell-level" aria-hidden="true">{ format!("L{}", c.level) }</span>
                                                <span class="symbol" aria-hidden="true">{ if c.fits { " ✓" } else { " ✗" } }</span>
                                                <span class="cell-fit" aria-hidden="true">{ if c.fits { " fits" } else { " short" } }</span>
                                                if is_yours { <span class="cell-yours" aria-hidden="true">{ " (your claim)" }</span> }
                                                // The name, from hidden text rather than aria-label, so a
                                                // lookup by the label "Generality" still finds the one control.
                                                <span class="visually-hidden">{ format!(
                                                    "Generality {}, novelty {}: level {}, {}{}",
                                                    cell.0, cell.1, c.level,
                                                    if c.fits { "fits" } else { "does not fit" },
                                                    if is_yours { " (your claim)" } else { "" },
                                                ) }</span>

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
