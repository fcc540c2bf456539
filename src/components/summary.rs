use yew::prelude::*;

use crate::model::format;
use crate::model::plan::Plan;
use crate::model::report;

/// The answer in two lines, first on the page: the level (announced to
/// screen readers on every change) and whether the ladder fits.
pub fn view(plan: &Plan) -> Html {
    let e = &plan.evidence;
    let l = &plan.ladder;
    let span = report::scales_text(plan, &l.rungs.iter().map(|r| r.scale).collect::<Vec<_>>());
    html! {
        <section class={classes!("summary", format!("level-{}", e.level))} aria-label="Summary">
            <p class="level" role="status" aria-live="polite">
                { format!("Evidence level {} of 5 — {}", e.level, e.name) }
            </p>
            <p class="claim print-only">
                { format!(
                    "Claim: {}; {}. Budget: {}.",
                    plan.inputs.kind.label(),
                    report::claim_phrase(plan.inputs.generality, plan.inputs.novelty),
                    report::budget_line(plan),
                ) }
            </p>
            <p class={classes!("fit", if l.fits { "fits" } else { "short" })}>
                <span aria-hidden="true">{ if l.fits { "✓ " } else { "✗ " } }</span>
                { format!(
                    "{}: {span} {}, {} runs, {} on your hardware.",
                    report::verdict_title(plan),
                    plan.scaling.axis.unit(),
                    l.runs,
                    format::duration(l.wall_clock_hours),
                ) }
            </p>
        </section>
    }
}
