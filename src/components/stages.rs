//! The plan's stages as a timeline: what each runs, what it costs, and the
//! gate decided before its results are seen; then the verdict's power.

use yew::prelude::*;

use crate::model::inputs::ContributionKind;
use crate::model::plan::Plan;
use crate::text::stages::{
    cost_line, gate, no_power_note, power_advice, power_sentence_for, title,
};

pub fn view(plan: &Plan) -> Html {
    if plan.stages.is_empty() {
        return html! {};
    }
    html! {
        <section class="panel stages" aria-labelledby="stages-title">
            <h2 id="stages-title">{ "Stages and gates" }</h2>
            <p class="hint">{ "Run the plan in this order. Each gate is fixed now, before its stage's results are seen; paste results in Results to check it." }</p>
            // Unmarked (each title says "Stage N"), so Safari would drop the
            // list's semantics without the role said aloud.
            <ol class="timeline" role="list">
                { for plan.stages.iter().enumerate().map(|(i, s)| html! {
                    <li>
                        <h3>{ title(plan, i + 1, s) }</h3>
                        <p>{ cost_line(plan, s) }</p>
                        <p class="gate"><strong>{ "Gate: " }</strong>{ gate(plan, s) }</p>
                    </li>
                }) }
            </ol>
            if let Some(p) = &plan.power {
                <p class="power">
                    <strong>{ "Power of the verdict: " }</strong>{ power_sentence_for(plan.inputs.kind, p) }
                    if let Some(advice) = power_advice(p).filter(|_| plan.inputs.kind != ContributionKind::NegativeResult) {
                        { " " }{ advice }
                    }
                </p>
            } else if let Some(note) = no_power_note(plan) {
                <p class="power">{ note }</p>
            }
        </section>
    }
}
