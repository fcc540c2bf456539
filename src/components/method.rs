use yew::prelude::*;

use super::principles::{self, escaped};
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
                { STATIC.with(Html::clone) }
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
            </details>
            { principles::view() }
        </section>
    }
}

thread_local! {
    /// The part of the method that never changes, as markup: one string
    /// handed to the browser's parser is about 2 KB less wasm than the same
    /// elements built one call at a time by `html!`, and faster to create
    /// (issue 25). Built once; every render reuses it and Yew leaves the DOM
    /// alone while the string is the same.
    static STATIC: Html = Html::from_html_unchecked(static_markup().into());
}

fn static_markup() -> String {
    let levels: String = LEVELS
        .iter()
        .map(|l| {
            format!(
                "<tr><th scope=row>{} {}</th><td data-label=Settings>{}</td>\
                 <td data-label=\"Model sizes\">{}</td><td data-label=\"Compute span\">{}×</td>\
                 <td data-label=Seeds>{}</td><td data-label=Baselines>{}</td>\
                 <td data-label=Ablations>{}</td></tr>",
                l.level,
                escaped(l.name),
                l.settings,
                l.rungs,
                format::number(l.span),
                l.seeds,
                l.baselines,
                l.ablations,
            )
        })
        .collect();
    format!(
        "<h4>Evidence levels</h4>\
         <p>The essay gives the direction: broader claims need more evidence, claims farther from accepted practice need more, and contradicting \"scale wins\" needs the most. Ours: the five levels, the 5×5 map of generality × novelty (the claim map above) and the counts below are this project's calibration of that direction, not numbers from the essay. Each level asks for:</p>\
         <div class=table-scroll tabindex=0 role=region aria-label=\"Requirements by level\"><table>\
         <thead><tr><th scope=col>Level</th><th scope=col>Settings</th><th scope=col>Model sizes</th>\
         <th scope=col>Compute span</th><th scope=col>Seeds</th><th scope=col>Baselines</th>\
         <th scope=col>Ablations</th></tr></thead><tbody>{levels}</tbody></table></div>\
         <h4>The scale ladder</h4>\
         <p>The contribution kind decides which groups of runs the paper needs (the Experiments table); the level decides how many arms, settings and seeds each has. Following the essay (most experiments at small scale), settings, baselines, ablations and tuning sweeps run at the smallest size, every baseline meets the method at the middle sizes, and only the headline comparison (the method against its strongest baseline) runs at the largest. The plan reports its own split by count and by compute beside the essay's 50/30/20 rather than forcing it.</p>\
         <p>The scaling axis says what one run costs: on pretrain C = 6·N·D with D = k·N tokens (Kaplan et al. 2020; Hoffmann et al. 2022), so C grows with N² and 1,000× more compute buys a top model about 32× larger; on finetune the data is fixed and C grows with N; on data the model is fixed and C grows with D; on custom you give the hours of the smallest run and how cost grows. Sizes form a geometric series whose compute spans the level's range, rounded down to two figures from the top so rounding never narrows the span.</p>\
         <p>Two ladders matter. The least the claim needs starts at the smallest scale worth a run (its cost is the minimum compute); the ladder on screen is the largest your budget less the reserve pays for, or the one sized to your top model. The plan fits when the planned FLOPs, the sum of every experiment, are at most the budget less the reserve.</p>\
         <h4>Seeds from statistics</h4>\
         <p>With a smallest gain worth detecting δ and a seed-to-seed spread σ, the headline comparisons get the smallest n per arm at which a two-sided two-sample t-test reaches the chosen power; roughly n = 2(z₁₋α/₂ + z₁₋β)²·σ²/δ², about 16/d² at α 0.05 and power 0.8 (d = δ/σ; Cohen 1988). Levels 4 and 5 test one headline comparison per domain and correct for them with Holm's method, so the seeds are sized at α divided by the number of comparisons (Holm's strictest step). A negative result tests equivalence instead (two one-sided tests, Chow, Shao &amp; Wang 2008). The level's seed count is the floor, and the plan always states the smallest effect its headline seeds detect.</p>\
         <h4>Reading the results</h4><p>{}</p>\
         <h4>Numbers and their sources</h4>",
        escaped(crate::model::analysis::STATISTICS),
    )
}
