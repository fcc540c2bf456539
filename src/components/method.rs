use std::rc::Rc;

use yew::prelude::*;

use crate::model::plan::Plan;

#[derive(Properties, PartialEq)]
pub struct MethodProps {
    pub plan: Rc<Plan>,
}

/// How every number is computed, with its source.
#[component]
pub fn Method(props: &MethodProps) -> Html {
    let plan = &props.plan;
    html! {
        <section class="panel method" aria-labelledby="method-title">
            <h3 id="method-title">{ "Method and sources" }</h3>
            <dl>
                { for plan.assumptions.iter().map(|a| html! {
                    <>
                        <dt>{ a.name }</dt>
                        <dd>{ &a.value }<br /><span class="source">{ a.source }</span></dd>
                    </>
                }) }
                if let Some(p) = &plan.power {
                    <dt>{ "Seeds from statistics" }</dt>
                    <dd>{ format!("Cohen's d = {:.2}: {} runs per arm. ", p.cohen_d, p.seeds_per_arm) }<span class="source">{ p.method }</span></dd>
                }
            </dl>
            <p>
                { "The principles come from Sam Stevens' essay " }
                <a href="https://samuelstevens.me/writing/artifacts-vs-insights" rel="noopener">{ "Artifacts vs Insights" }</a>
                { " (2024): broader and more surprising claims need more evidence, most experiments belong at small scale, and every plan must answer \"does this scale?\"." }
            </p>
        </section>
    }
}
