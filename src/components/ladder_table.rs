//! The ladder and experiments tables (full and small), with row headings
//! that narrow screens show as card labels.

use yew::prelude::*;

use crate::model::format;
use crate::model::plan::Plan;
use crate::text::report::{
    experiment_cells, ladder_columns, ladder_rows, small_ladder, split_lines, total_cells,
    EXPERIMENT_COLUMNS,
};

/// A table whose first cell in each row is its row heading; narrow screens
/// show each row as a card labelled by `data-label`.
fn table(
    class: &'static str,
    title_id: &str,
    headings: &[String],
    rows: Vec<Vec<String>>,
    total: Option<Vec<String>>,
) -> Html {
    let row = |cells: Vec<String>, is_total: bool| {
        let mut cells = cells.into_iter();
        let head = cells.next().unwrap_or_default();
        html! {
            <tr class={is_total.then_some("total")}>
                <th scope="row">{ head }</th>
                { for cells.zip(headings.iter().skip(1)).map(|(c, label)| {
                    // Two-part cells ("12 (3.4e19)", "0.14 / 60 GB") may take two
                    // lines, so a dozen columns fit beside the inputs at 1280 px;
                    // a number never leaves its unit.
                    let two_part = label.starts_with("Other runs") || label.starts_with("Memory");
                    let c = if two_part { c.replace(" GB", "\u{a0}GB") } else { c };
                    html! { <td data-label={label.clone()} class={two_part.then_some("two-part")}>{ c }</td> }
                }) }
            </tr>
        }
    };
    html! {
        // Named apart from its section (axe's landmark-unique): "Scale ladder, table".
        <div class="table-scroll" tabindex="0" role="region" aria-label={format!("{}, table", title_name(title_id))}>
            <table class={class}>
                <thead>
                    <tr>{ for headings.iter().map(|c| html! { <th scope="col">{ c.clone() }</th> }) }</tr>
                </thead>
                <tbody>{ for rows.into_iter().map(|r| row(r, false)) }</tbody>
                if let Some(total) = total {
                    <tfoot>{ row(total, true) }</tfoot>
                }
            </table>
        </div>
    }
}

/// The words of a section's title, for its table's region.
fn title_name(title_id: &str) -> &'static str {
    match title_id {
        "experiments-title" => "Experiments",
        _ => "Scale ladder",
    }
}

/// Every group of runs the plan pays for, and where they go beside the
/// essay's 50/30/20.
pub fn experiments_view(plan: &Plan) -> Html {
    let experiments = plan
        .experiments
        .iter()
        .map(|e| experiment_cells(plan, e))
        .collect();
    let headings: Vec<String> = EXPERIMENT_COLUMNS.map(String::from).to_vec();
    html! {
        <section class="panel experiments" aria-labelledby="experiments-title">
            <h3 id="experiments-title">{ "Experiments" }</h3>
            <p class="hint">{ "Every group of runs the checklist asks for; the ladder's totals are their sums." }</p>
            { table("experiments", "experiments-title", &headings, experiments, None) }
            <h4>{ "Where the runs go" }</h4>
            <ul class="hint tiers">
                { for split_lines(plan).into_iter().map(|line| html! { <li>{ line }</li> }) }
            </ul>
        </section>
    }
}

/// The scale ladder, one row per scale, smallest first, with the totals.
pub fn view(plan: &Plan) -> Html {
    let rungs = ladder_rows(plan);
    let count = plan.budget.count;
    html! {
        <section class="panel ladder" aria-labelledby="ladder-title">
            <h3 id="ladder-title">{ "Scale ladder" }</h3>
            <p class="hint">{ if plan.scaling.runs_on_one_accelerator() {
                format!(
                    "Wall-clock times are one run on one accelerator; your {} run {} at a time.",
                    format::plural(count, "accelerator", "accelerators"),
                    format::whole(count)
                )
            } else if count == 1 {
                "Wall-clock times are one run at a time on your accelerator.".to_owned()
            } else {
                format!(
                    "Wall-clock times use all {} on one run at a time.",
                    format::plural(count, "accelerator", "accelerators")
                )
            } }</p>
            { table("rungs", "ladder-title", &ladder_columns(plan), rungs, Some(total_cells(plan))) }
        </section>
    }
}

/// The ladder in four columns for the compact embed, one row per tier:
/// narrow enough for a phone without scrolling.
pub fn small_view(plan: &Plan) -> Html {
    let (headings, rows, total) = small_ladder(plan);
    html! {
        <section class="panel ladder small-ladder" aria-labelledby="ladder-title">
            <h3 id="ladder-title">{ "Scale ladder" }</h3>
            { table("rungs", "ladder-title", &headings, rows, Some(total)) }
        </section>
    }
}
