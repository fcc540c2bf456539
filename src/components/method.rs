use yew::prelude::*;

use crate::model::evidence::LEVELS;
use crate::model::format;
use crate::model::plan::Plan;

/// Every rule and constant behind the numbers, with its source.
pub fn view(plan: &Plan) -> Html {
    html! {
        <section class="panel method" aria-labelledby="method-title">
            <h3 id="method-title">{ "Method and sources" }</h3>
            <details>
                <summary>{ "How the level, the ladder and the seeds are worked out" }</summary>
                <h4>{ "Evidence levels" }</h4>
                <p>
                    { "The level comes from the claim alone: broader claims (generality) and claims farther from accepted practice (novelty) need more evidence, and contradicting \"scale wins\" needs level 4 at least. The claim map above is the full table. Each level asks for:" }
                </p>
                <div class="table-scroll" tabindex="0" role="region" aria-label="Requirements by level">
                    <table>
                        <thead>
                            <tr>
                                <th scope="col">{ "Level" }</th>
                                <th scope="col">{ "Settings" }</th>
                                <th scope="col">{ "Model sizes" }</th>
                                <th scope="col">{ "Compute span" }</th>
                                <th scope="col">{ "Seeds" }</th>
                                <th scope="col">{ "Baselines" }</th>
                                <th scope="col">{ "Ablations" }</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for LEVELS.iter().map(|l| html! {
                                <tr>
                                    <th scope="row">{ format!("{} {}", l.level, l.name) }</th>
                                    <td data-label="Settings">{ l.settings }</td>
                                    <td data-label="Model sizes">{ l.rungs }</td>
                                    <td data-label="Compute span">{ format!("{}×", format::number(l.span)) }</td>
                                    <td data-label="Seeds">{ l.seeds }</td>
                                    <td data-label="Baselines">{ l.baselines }</td>
                                    <td data-label="Ablations">{ l.ablations }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
                <h4>{ "The scale ladder" }</h4>
                <p>
                    { "Every model is trained compute-optimally: N parameters on D = k·N tokens, costing C = 6·N·D FLOPs. Sizes form a geometric series whose compute spans the level's range from smallest to largest. Half the runs go to the smallest size, 30% to the middle sizes and 20% to the largest, where the method meets its strongest baseline with every seed. Because compute grows with N², the whole ladder costs a fixed multiple of one top-size run, so the budget sets the top size: 1,000× more compute buys a top model about 32× larger. The plan fits when its smallest model still has at least 20M parameters; a harder claim never buys a larger top model than an easier one on the same budget." }
                </p>
                <h4>{ "Seeds from statistics" }</h4>
                <p>
                    { "With a smallest gain worth detecting δ and a seed-to-seed spread σ, the seeds per arm are the smallest n at which a two-sided two-sample t-test at level α reaches the chosen power; roughly n = 2(z₁₋α/₂ + z₁₋β)²·σ²/δ², about 16/d² at α 0.05 and power 0.8 (d = δ/σ). The level's seed count is the floor." }
                </p>
                <h4>{ "Numbers and their sources" }</h4>
                <dl>
                    { for plan.assumptions.iter().map(|a| html! {
                        <>
                            <dt>{ a.name }</dt>
                            <dd>{ &a.value }<br /><span class="source">{ a.source }</span></dd>
                        </>
                    }) }
                    if let Some(p) = &plan.power {
                        <dt>{ "Seeds from statistics" }</dt>
                        <dd>{ format!("Cohen's d = {}: {} runs per arm. ", format!("{:.2}", p.cohen_d), p.seeds_per_arm) }<span class="source">{ p.method }</span></dd>
                    }
                </dl>
            </details>
            <p>
                { "The principles come from Sam Stevens' essay " }
                <a href="https://samuelstevens.me/writing/artifacts-vs-insights" rel="noopener">{ "Artifacts vs Insights" }</a>
                { " (2024): a paper delivers artifacts or insights; broader and more surprising claims need more evidence; most experiments belong at small scale; and every plan must answer \"does this scale?\"." }
            </p>
        </section>
    }
}
