//! The Method section: every rule and constant behind the numbers, with its
//! source.

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
                    { for crate::text::assumptions::of(plan).into_iter().map(|a| html! {
                        <>
                            <dt>{ a.name }</dt>
                            <dd>{ a.value }<br /><span class="source">{ a.source }</span></dd>
                        </>
                    }) }
                    if let Some(p) = &plan.seed_power {
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
                 <td data-label=\"Model sizes\">{}</td><td data-label=Span>{}×</td>\
                 <td data-label=Seeds>{}</td><td data-label=Baselines>{}</td>\
                 <td data-label=Ablations>{}</td></tr>",
                l.level,
                escaped(l.name),
                l.settings,
                l.rungs,
                format::number((l.span * 10.0).round() / 10.0),
                l.seeds,
                l.baselines,
                l.ablations,
            )
        })
        .collect();
    format!(
        "<h4>Evidence levels</h4>\
         <p>The essay gives the direction: broader claims need more evidence, claims farther from accepted practice need more, and contradicting \"scale wins\" needs the most. Ours: the five levels, the 5×5 map of generality × novelty (the claim map above) and the counts below are this project's calibration of that direction, not numbers from the essay. Each level asks for the following; whatever the level, a claim about several domains is shown in at least 2 of them and a general law of deep learning in at least 3, with a setting in each:</p>\
         <div class=table-scroll tabindex=0 role=region aria-label=\"Requirements by level\"><table>\
         <thead><tr><th scope=col>Level</th><th scope=col>Settings</th><th scope=col>Model sizes</th>\
         <th scope=col>Span (scale)</th><th scope=col>Seeds</th><th scope=col>Baselines</th>\
         <th scope=col>Ablations</th></tr></thead><tbody>{levels}</tbody></table></div>\
         <h4>The scale ladder</h4>\
         <p>The contribution kind (and for deep RL the field) decides which groups of runs the paper needs (the Experiments table); the level decides how many arms, settings and seeds each has. After the essay's advice to do most experiments small, settings, baselines and ablations run at the smallest size, every baseline meets the method at the middle sizes, and the headline comparison runs at the largest; wherever arms are compared, each gets a learning-rate sweep at that size (3 values; 8 configurations at the smallest), unless you choose μP transfer (Yang et al. 2022). The plan reports its own split by count and by compute beside the essay's 50/30/20 rather than forcing it.</p>\
         <p>A level's span is counted in what scales: parameters on pretrain and finetune, data on data, your scale on custom; 10× at level 3 is 100× in compute on pretrain, where C = 6·N·D with D = k·N tokens (Kaplan et al. 2020; Hoffmann et al. 2022). On finetune the data is fixed and C grows with N; on data the model is fixed and C grows with D (for deep RL, runs are priced by environment steps at your measured rate); on custom you give the hours of the smallest run and how cost grows. Sizes form a geometric series, rounded down to two figures from the top so rounding never narrows the span; benchmarks and LLM fine-tuning take released sizes of one model family instead.</p>\
         <p>Two ladders matter. The least the claim needs starts at the smallest scale worth a run (its cost is the minimum compute); the ladder shown is the largest your budget less the reserve pays for and your accelerators' memory holds (16 bytes per parameter to train, sharded over all of them, a quarter of memory kept for activations; Rajbhandari et al. 2020), or the one sized to your top model. The plan fits when the planned FLOPs, the sum of every experiment, are at most the budget less the reserve, every run fits in memory, and a FLOPs total finishes within the Hours you set.</p>\
         <h4>Seeds from statistics</h4>\
         <p>With a smallest gain worth detecting δ and a seed-to-seed spread σ, the headline comparisons get the smallest n per arm at which a two-sided two-sample t-test reaches the chosen power, computed exactly from the noncentral t (about 16/d² at α 0.05 and power 0.8, d = δ/σ; Cohen 1988). A claim across domains tests one headline comparison per domain and corrects for them with Holm's method, so the seeds are sized at α divided by the number of comparisons (Holm's strictest step). A negative result tests equivalence instead (two one-sided tests, exact power; Chow, Shao &amp; Wang 2008). Deep RL asks at least 10 seeds per task and aggregates tasks by the interquartile mean (Agarwal et al. 2021). The level's seed count is the floor, and the plan states what its headline seeds detect.</p>\
         <h4>Reading the results</h4><p>{}</p>\
         <h4>Numbers and their sources</h4>",
        escaped(crate::model::results::STATISTICS),
    )
}
