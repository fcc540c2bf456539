use yew::prelude::*;

use crate::model::format;
use crate::model::inputs::Field;
use crate::model::plan::Plan;
use crate::model::report;

/// The answer in two lines, first on the page: the level (announced to
/// screen readers on every change) and whether the ladder fits. While a field
/// holds text that is not valid, the second line says so instead, in the
/// same space, so nothing on the page moves.
pub fn view(plan: &Plan, invalid: &[Field]) -> Html {
    let e = &plan.evidence;
    let l = &plan.ladder;
    let span = report::scales_text(plan, &l.rungs.iter().map(|r| r.scale).collect::<Vec<_>>());
    html! {
        <section class={classes!("summary", format!("level-{}", e.level))} aria-label="Summary">
            <p class="level" role="status" aria-live="polite">
                { format!("Evidence level {} of 5 — {}", e.level, e.name) }
            </p>
            <p class="meaning">{ level_meaning(e.level) }</p>
            <p class="claim print-only">
                { format!(
                    "Claim: {}; {}. Budget: {}.",
                    plan.inputs.kind.label(),
                    report::claim_phrase(plan.inputs.generality, plan.inputs.novelty),
                    report::budget_line(plan),
                ) }
            </p>
            if !invalid.is_empty() {
                <p class="fit invalid">
                    <span aria-hidden="true">{ "! " }</span>
                    { invalid_text(invalid) }
                </p>
            } else {
                <p class={classes!("fit", if l.fits { "fits" } else { "short" })}>
                    <span aria-hidden="true">{ if l.fits { "✓ " } else { "✗ " } }</span>
                    { format!(
                        "{}: {span} {}, {}, {} on your hardware.",
                        report::verdict_title(plan),
                        plan.scaling.axis.unit(),
                        format::plural(l.runs, "run", "runs"),
                        format::duration(l.wall_clock_hours),
                    ) }
                </p>
            }
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

/// What a level means, in one line beside "Evidence level N of 5".
fn level_meaning(level: u8) -> &'static str {
    match level {
        1 => "A narrow claim close to consensus; a few seeds at three sizes suffice.",
        2 => "A broader or less expected claim; intervals over seeds, two settings.",
        3 => "A domain-wide or surprising claim; a test, three settings, 100× span.",
        4 => "A claim across domains or against practice; corrected tests, 1,000× span.",
        _ => "A general law or against \"scale wins\"; replication, 10,000× span.",
    }
}
