use std::rc::Rc;

use yew::prelude::*;

use crate::components::jump_link;
use crate::model::evidence::rule_for;
use crate::model::format;
use crate::model::inputs::Field;
use crate::model::plan::Plan;
use crate::model::report;

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    pub plan: Rc<Plan>,
    /// Fields whose errors are shown, in the order they were rejected.
    pub invalid: Vec<Field>,
}

/// The answer in two lines, first on the page: the level (announced to
/// screen readers on every change) and whether the ladder fits. While a field
/// holds text that is not valid, the second line says so instead, in the
/// same space, so nothing on the page moves.
#[component]
pub fn Summary(props: &SummaryProps) -> Html {
    let (plan, invalid) = (&props.plan, &props.invalid);
    let e = &plan.evidence;
    let l = &plan.ladder;
    let ladder = report::ladder_text(plan, &l.rungs.iter().map(|r| r.scale).collect::<Vec<_>>());
    // On a phone the summary stays on screen while the form scrolls under
    // it, so it keeps to the level and the verdict; the level's meaning is
    // one tap away, and so is the plan.
    let meaning_shown = use_state_eq(|| false);
    let toggle = {
        let shown = meaning_shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(!*shown))
    };
    html! {
        <section class={classes!("summary", format!("level-{}", e.level))} aria-label="Summary">
            <p class="level" role="status" aria-live="polite">
                { format!("Evidence level {} of 5 — {}", e.level, e.name) }
            </p>
            <p class={classes!("meaning", meaning_shown.then_some("shown"))} id="level-meaning">{ rule_for(e.level).meaning }</p>
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
                        "{}: {ladder}, {}, {}.",
                        report::verdict_title(plan),
                        format::plural(l.runs, "run", "runs"),
                        format::duration(l.wall_clock_hours),
                    ) }
                </p>
            }
            <p class="summary-tools">
                <button type="button" class="link" aria-expanded={if *meaning_shown { "true" } else { "false" }}
                    aria-controls="level-meaning" onclick={toggle}>
                    { format!("What level {} means", e.level) }
                </button>
                { jump_link("Jump to the plan", "#plan", "") }
            </p>
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
