//! The summary at the top of the page: the level and whether the ladder
//! fits, or which fields hold text that is not valid.

use yew::prelude::*;

use crate::components::jump_link;
use crate::model::inputs::Field;
use crate::model::plan::Plan;
use crate::text::format;
use crate::text::report;

/// The answer in two lines, first on the page: the level (announced to
/// screen readers on every change) and whether the ladder fits. While a field
/// holds text that is not valid, the second line says so instead, in the
/// same space, so nothing on the page moves.
///
/// `invalid`: the fields whose errors are shown, in the order they were rejected.
pub fn view(plan: &Plan, invalid: &[Field]) -> Html {
    let e = &plan.evidence;
    let l = &plan.ladder;
    let ladder = report::ladder_text(plan, &l.rungs.iter().map(|r| r.scale).collect::<Vec<_>>());
    html! {
        <section class={classes!("summary", format!("level-{}", e.level))} aria-label="Summary">
            <p class="level" role="status" aria-live="polite">
                { format!("Evidence level {} of 5 — {}", e.level, e.name) }
            </p>
            // On a phone the summary stays on screen while the form scrolls
            // under it, so it keeps to the level and the verdict; the level's
            // meaning is one tap away (this disclosure shows the line after
            // it, by CSS), and so is the plan.
            <details class="meaning-toggle">
                <summary>{ format!("What level {} means", e.level) }</summary>
            </details>
            <p class="meaning">{ report::level_tagline(plan) }</p>
            <p class="claim print-only">
                { format!(
                    "Claim: {}; {}. Budget: {}.",
                    plan.inputs.kind.label(),
                    report::claim_phrase(plan.inputs.generality, plan.inputs.novelty),
                    report::budget_line(plan),
                ) }
            </p>
            if !invalid.is_empty() {
                // A <div>, not a <p>: a new node in the verdict's space; a
                // reused text node changing place would count as a layout shift.
                <div class="fit invalid">
                    <span aria-hidden="true">{ "! " }</span>
                    { invalid_text(invalid) }
                </div>
            } else {
                <p class={classes!("fit", if l.fits { "fits" } else { "short" })}>
                    <span aria-hidden="true">{ if l.fits { "✓ " } else { "✗ " } }</span>
                    { format!(
                        "{}: {ladder}, {}, {}{}",
                        report::verdict_title(plan),
                        format::plural(l.full_runs(), "run", "runs"),
                        // The total cost, when a price is given: the ladder
                        // table's last column may be off screen on a phone.
                        l.cost.map_or(String::new(), |c| format!("{} {}, ", format::number(c), plan.inputs.currency)),
                        format::duration(l.wall_clock_hours),
                    ) }
                    // Words a phone's sticky summary leaves to screen readers,
                    // so the verdict fits two short lines there.
                    <span class="on-hardware">{ " on your hardware" }</span>
                    { "." }
                </p>
            }
            // The stages and the verdict's power, once a plan has them (wide
            // screens; a phone's pinned summary keeps to two lines).
            if let Some(p) = &plan.power {
                <p class="power-line">{ crate::text::stages::power_line(plan, p) }</p>
            }
            // The verdict in a few words, announced when it changes (a ✗
            // turning ✓ with the level unchanged); the line above is too
            // long to be read out on every edit.
            <p class="visually-hidden" aria-live="polite">
                { if invalid.is_empty() { report::verdict_title(plan) } else { "Some inputs are not valid" } }
            </p>
            <p class="summary-tools">{ jump_link("Jump to the plan", "#plan", "") }</p>
        </section>
    }
}

/// "Not valid: Count, Hours of wall-clock time; …", fields named as labelled.
fn invalid_text(fields: &[Field]) -> String {
    let names: Vec<&str> = fields.iter().map(|&f| f.label()).collect();
    format!(
        "Not valid: {}; the plan keeps the last valid values.",
        names.join(", ")
    )
}
