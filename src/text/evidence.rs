//! The evidence in words: what each kind of contribution must show beyond
//! compute, the questions reviewers will ask, and why the level is what it
//! is (from `model::evidence`'s typed reasons). The page, the Markdown and
//! the JSON's `kind_demands`, `reasons` and `reviewer_questions` read these.

use super::cited::Cited;
use super::format;
use crate::model::evidence::{PrincipleId, Reason, GENERALITY, NOVELTY};
use crate::model::inputs::ContributionKind;
use crate::model::plan::Plan;

/// "generality 3 (a domain or modality)": a claim level in running text.
pub fn generality_phrase(generality: u8) -> String {
    phrase("generality", generality, &GENERALITY)
}

/// "novelty 4 (contradicts common practice)": a claim level in running text.
pub fn novelty_phrase(novelty: u8) -> String {
    phrase("novelty", novelty, &NOVELTY)
}

// ASCII lowercasing on purpose: the names are ASCII, and Unicode case tables
// would add kilobytes to the wasm.
fn phrase(axis: &str, level: u8, names: &[(&str, &str); 5]) -> String {
    let name = names[usize::from(level.clamp(1, 5) - 1)].0;
    format!("{axis} {level} ({})", name.to_ascii_lowercase())
}

/// What this plan's kind must show beyond compute.
pub fn demands(plan: &Plan) -> Vec<Cited> {
    let top_tokens = plan.ladder.rungs.last().and_then(|r| r.tokens);
    kind_demands(plan.inputs.kind, top_tokens)
}

/// The questions this plan's reviewers will ask.
pub fn questions(plan: &Plan) -> Vec<Cited> {
    let i = &plan.inputs;
    reviewer_questions(i.kind, i.generality, i.novelty)
}

/// Why this plan's level is what it is, one sentence each.
pub fn reasons(plan: &Plan) -> Vec<Cited> {
    plan.evidence.reasons.iter().map(reason).collect()
}

/// One reason as a sentence.
pub fn reason(reason: &Reason) -> Cited {
    match *reason {
        Reason::Generality { generality, by } => Cited::on(
            format!(
                "{} raises the level by {by}: a broader claim is more useful and must \
                 be shown in more settings ",
                format::capitalised(&generality_phrase(generality))
            ),
            PrincipleId::Generality,
            ".",
        ),
        Reason::Novelty { novelty, by } => Cited::on(
            format!(
                "{} raises the level by {by}: the farther a claim sits from accepted \
                 practice, the harder reviewers will push ",
                format::capitalised(&novelty_phrase(novelty))
            ),
            PrincipleId::Novelty,
            ".",
        ),
        Reason::ContradictsScale => Cited::on(
            "Contradicting \"scale wins\" needs at least level 4: it is the most consistent \
             finding in the field ",
            PrincipleId::Novelty,
            ".",
        ),
        Reason::Exploratory => Cited::plain(
            "A narrow claim close to consensus: exploratory evidence is enough (our calibration).",
        ),
        Reason::PowerSeeds { seeds, level_seeds } => Cited::plain(format!(
            "The power analysis needs {seeds} seeds per arm for the headline comparisons, more than \
             the level's {level_seeds}."
        )),
    }
}

/// A demand's words, and the principle it cites, if any (the citation
/// closes the sentence, before its full stop).
type Demand = (&'static str, Option<PrincipleId>);

const INSIGHT_DEMANDS: &[Demand] = &[
    (
        "Say what others should do differently, and show it changes an outcome they care about: less compute, less data, less supervision or better results ",
        Some(PrincipleId::Deliverables),
    ),
];

const NEGATIVE_RESULT_DEMANDS: &[Demand] = &[
    (
        "Explain why the idea should have worked: a negative result helps only if the attempt was expected to succeed ",
        Some(PrincipleId::Negative),
    ),
    (
        "Show the try was fair: at least as much tuning as the baselines at every size compared, and several variants, all reported (our calibration of a fair try).",
        None,
    ),
    (
        "Test equivalence, not a gain: two one-sided tests (TOST) or confidence intervals that exclude the smallest effect worth caring about.",
        None,
    ),
];

const MODEL_DEMANDS: &[Demand] = &[
    (
        "Beat existing models on the benchmarks relevant to its use, evaluated the same way ",
        Some(PrincipleId::Artifacts),
    ),
    (
        "Say how much compute and data the model used next to the models it is compared with.",
        None,
    ),
    (
        "Release the weights with an evaluation harness others can rerun.",
        None,
    ),
];

const BENCHMARK_DEMANDS: &[Demand] = &[
    (
        "Show from the literature where existing benchmarks fail to measure the capability, and that yours measures it ",
        Some(PrincipleId::Artifacts),
    ),
    (
        "Show it separates models and is not saturated: scores spread across sizes, with headroom above the best model.",
        None,
    ),
    (
        "Report human or reference performance on the same items.",
        None,
    ),
    (
        "Check for contamination: overlap of items with pretraining data, and a canary string in the release.",
        None,
    ),
];

const CODEBASE_DEMANDS: &[Demand] = &[
    (
        "Reproduce published results within their reported variance before claiming anything new (our rule for codebases; the essay does not say how a codebase proves its value).",
        None,
    ),
    (
        "Measure throughput and time-to-target against the existing tool on the same hardware and settings.",
        None,
    ),
    (
        "Release the code with the scripts that produced every number.",
        None,
    ),
];

const OPTIMIZER_DEMANDS: &[Demand] = &[
    (
        "Tune every hyperparameter (learning rate, warm-up, weight decay, β₂ at least) for your optimiser and the baselines alike, at every size compared: claimed speed-ups fell from about 1.4× at 130M to 1.1× at 1.2B once AdamW was tuned (Wen et al. 2025; Dahl et al. 2023, AlgoPerf; Kaddour et al. 2023).",
        None,
    ),
    (
        "Compare at two or more tokens-per-parameter ratios: speed-ups shrink as runs get longer (Wen et al. 2025).",
        None,
    ),
    (
        "Report time to the baseline's final loss, not only steps: the optimiser's own overhead per step counts (Dahl et al. 2023, AlgoPerf).",
        None,
    ),
];

/// What the kind adds that is not compute, tied to the essay's points.
pub fn kind_demands(kind: ContributionKind, top_tokens: Option<f64>) -> Vec<Cited> {
    let table = match kind {
        ContributionKind::Insight => INSIGHT_DEMANDS,
        ContributionKind::NegativeResult => NEGATIVE_RESULT_DEMANDS,
        ContributionKind::Model => MODEL_DEMANDS,
        ContributionKind::Benchmark => BENCHMARK_DEMANDS,
        ContributionKind::Codebase => CODEBASE_DEMANDS,
        ContributionKind::Optimizer => OPTIMIZER_DEMANDS,
        ContributionKind::Dataset => return dataset_demands(top_tokens),
    };
    table
        .iter()
        .map(|&(words, principle)| match principle {
            Some(principle) => Cited::on(words, principle, "."),
            None => Cited::plain(words),
        })
        .collect()
}

/// What a dataset must show: better weights at equal compute, and enough
/// data for the largest run (`top_tokens`, where the axis reads tokens).
fn dataset_demands(top_tokens: Option<f64>) -> Vec<Cited> {
    let mut list = vec![
        Cited::on(
            "Train one model on your data and one on existing data with the same compute; \
         yours must give better weights ",
            PrincipleId::Artifacts,
            ". We ask for it at every size of the ladder, with one fixed recipe for \
         every dataset (as DCLM fixes it, Li et al. 2024).",
        ),
        Cited::plain("Release the trained weights with the data."),
    ];
    if let Some(tokens) = top_tokens {
        list.push(Cited::plain(format!(
            "Have at least {} tokens of data for the largest run, or repeat it at most \
             4 times: beyond about 4 epochs repeated data is worth much less than new \
             data (Muennighoff et al. 2023).",
            format::count(tokens / 4.0)
        )));
    }
    list
}

/// Questions to prepare for, "does this scale?" first (the essay: every
/// reviewer asks whether it scales), then those of a broad or a novel claim.
pub fn reviewer_questions(kind: ContributionKind, generality: u8, novelty: u8) -> Vec<Cited> {
    // Each kind's "does this scale?" question first (it rests on the
    // essay's principle), then the kind's own.
    let (scales, own): (&str, &[&str]) = match kind {
        ContributionKind::Insight => (
            "Does the gain over the baselines hold, grow or shrink across the ladder?",
            &[
                "Were the baselines tuned with the same budget as the method?",
                "How much do the results vary across seeds?",
                "Which part of the method matters? Show the ablations.",
                "Does the lesson hold outside the settings you tested?",
            ],
        ),
        ContributionKind::NegativeResult => (
            "Could the idea start to work at a larger size? Show the gap does not close across the ladder.",
            &[
                "Did the idea get a fair try: as much tuning as the baseline, and which variants?",
                "Is the result equivalence, or just an underpowered test that found nothing?",
                "Why should it have worked, and what would have made it work?",
            ],
        ),
        ContributionKind::Model => (
            "Would the recipe keep its edge at a larger size?",
            &[
                "Is it compared with the strongest current models, evaluated the same way?",
                "How much of the gain is more compute or data rather than the recipe?",
                "Is any benchmark contaminated by the training data?",
            ],
        ),
        ContributionKind::Benchmark => (
            "Does the benchmark still separate models as they grow, or does it saturate?",
            &[
                "What does it measure that existing benchmarks miss?",
                "How do humans score, and how noisy are the labels?",
                "Is it free of contamination?",
            ],
        ),
        ContributionKind::Dataset => (
            "Does the advantage of your data hold at larger sizes?",
            &[
                "Does the gain come from the data itself, at equal compute and tokens?",
                "Is the evaluation data excluded from the dataset?",
            ],
        ),
        ContributionKind::Codebase => (
            "Does the speed-up hold at the sizes people train?",
            &[
                "Does it reproduce published numbers?",
                "Is the comparison fair: same hardware, same settings, tuned existing code?",
            ],
        ),
        ContributionKind::Optimizer => (
            "Does the speed-up hold at larger sizes and longer runs, or shrink as it usually does?",
            &[
                "Was the baseline tuned as hard as your optimiser, every hyperparameter, at every size?",
                "Is the saving in steps also a saving in time, with the optimiser's overhead?",
            ],
        ),
    };
    let mut list = vec![Cited::on(
        format!("Does this scale? {scales} "),
        PrincipleId::Scaling,
        "",
    )];
    list.extend(own.iter().map(|&q| Cited::plain(q)));
    if generality >= 4 {
        list.push(Cited::plain(
            "Does it hold in every domain the claim covers?",
        ));
    }
    if novelty >= 4 {
        list.push(Cited::plain(
            "Why does this disagree with common practice, and what rules out a bug?",
        ));
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::evidence;

    #[test]
    fn scale_question_comes_first() {
        for kind in ContributionKind::ALL {
            let q = reviewer_questions(kind, 3, 3);
            assert!(q[0].starts_with("Does this scale?"));
            assert!(!kind_demands(kind, Some(1e10)).is_empty());
        }
    }

    #[test]
    fn reasons_name_the_principles() {
        let said = |g, n, level, seeds, power| -> String {
            evidence::reasons(g, n, level, seeds, power)
                .iter()
                .map(|r| reason(r).to_string())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let all = said(5, 5, 5, 10, None);
        assert!(
            all.contains("(the essay: broader claims need more evidence)")
                && all.contains("(the essay: claims farther from practice need more evidence)")
                && all.contains("scale wins"),
            "{all}"
        );
        assert!(said(3, 3, 3, 5, Some(64)).contains("needs 64 seeds per arm"));
        assert!(said(3, 1, 2, 3, None)
            .starts_with("Generality 3 (a domain or modality) raises the level by 1"));
    }

    #[test]
    fn a_dataset_is_asked_for_a_quarter_of_the_largest_runs_tokens() {
        let demands = kind_demands(ContributionKind::Dataset, Some(4e10));
        assert!(demands
            .iter()
            .any(|d| d.starts_with("Have at least 10B tokens of data")));
        assert_eq!(
            kind_demands(ContributionKind::Dataset, None).len(),
            demands.len() - 1
        );
    }
}
