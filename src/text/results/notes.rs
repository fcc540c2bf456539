//! The analysis's notes in words (the JSON's `warnings`, the page's list,
//! the Markdown), why a rung has no compute multiplier, and how the numbers
//! were computed.

use crate::model::results::limits::MAX_QUOTED_CHARS;
use crate::model::results::{NoMultiplier, Note};
use crate::text::format;

/// How the numbers were computed, with sources, for the method section and exports.
pub const STATISTICS: &str = "Where lower is better and the metric falls with scale (loss, \
perplexity, bits per byte, error), each rung's advantage is a compute multiplier: how much more \
compute the baseline would need to reach the method's value there, read off the baseline's \
scaling curve fitted to its rung means (a power law in compute that levels off at an irreducible \
value, Hoffmann et al. 2022, with three or more rungs; a straight line in log-log scale through \
the rungs with fewer), as scaling-law papers report gains (Kaplan et al. 2020; Porian et al. \
2024). Compute grows as the square of the model size on the pretraining axis (data grows with the \
model) and in proportion on the data and fine-tuning axes. Otherwise the advantage is the \
difference of the arms' means, and several tasks are first normalised per task (0 to 1 over the \
arms' range) and aggregated by the interquartile mean with a stratified bootstrap (Agarwal et al. \
2021). Seeds that ran in both arms are compared pair by pair. Seed noise is carried through the \
means and the curve fit to every interval, with Welch's t and Satterthwaite's degrees of freedom \
(Welch 1947; Satterthwaite 1946). The trend is the weighted least-squares line of the advantage \
against log10(scale); its interval and the predictions use the larger of the seed-based variance \
and the rungs' scatter around the line (k - 2 degrees of freedom, the modified Knapp-Hartung rule), \
so effects shared by all seeds of a rung (a tuned learning rate, the data order) widen them \
(Bouthillier et al. 2021). The verdict: \"no gain\" when every rung's interval includes none; \
\"grows\" or \"shrinks\" when the slope's interval is above or below zero; \"holds\" when the \
largest rung's advantage is above none with its interval and the slope's interval rules out \
losing more than half of it per tenfold scale; otherwise unclear. Simulated on Chinchilla's \
fitted law, these rules call a constant 2x method \"holds\" and a method with no gain \"grows\" \
or \"holds\" at the rates the tests state.";

/// Why a rung or the analysis has no compute multiplier.
pub fn no_multiplier(why: NoMultiplier) -> String {
    match why {
        NoMultiplier::HigherIsBetter => {
            "No compute multiplier: a metric where higher is better \
            (accuracy, win rate, return) is bounded or follows no power law in compute, so the \
            advantage is the gain in its own units."
        }
        NoMultiplier::SeveralTasks => {
            "No compute multiplier: scores over several tasks are \
            compared in normalised units."
        }
        NoMultiplier::NotPositive => {
            "No compute multiplier: a value at or below zero cannot lie on \
            a power law in compute."
        }
        NoMultiplier::BaselineFlat => {
            "No compute multiplier: the baseline does not clearly \
            improve with scale here (its trend's 95% interval reaches zero), so there is no curve \
            to read compute off."
        }
        NoMultiplier::BeyondFloor => {
            "No compute multiplier at this rung: the method's value is \
            below the floor the baseline's fitted curve approaches, or more than a millionfold \
            compute away on it."
        }
    }
    .to_owned()
}

/// "higher" or "lower".
fn higher(yes: bool) -> &'static str {
    if yes {
        "higher"
    } else {
        "lower"
    }
}

/// One note in words.
pub fn note(note: &Note) -> String {
    match note {
        Note::RenamedArms { names, more } => renamed(names, *more),
        Note::ArmsLeftOut { arms } => format!(
            "Arms other than the method and the baseline are left out: {}.",
            arms.iter()
                .map(|a| super::shown_name(a))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Note::DirectionContradicts {
            metric,
            named_higher,
            told_higher,
        } => format!(
            "The metric \"{}\" reads as {} is better, but the analysis was told {} is \
             better; check the direction.",
            super::shown_name(metric),
            higher(*named_higher),
            higher(*told_higher),
        ),
        Note::DuplicateSeed { params, arm, seed } => format!(
            "At {}, {} has seed {} more than once; each row counts as a separate run.",
            format::size(*params),
            format::visible(arm),
            format::excerpt(seed, MAX_QUOTED_CHARS)
        ),
        Note::OneArmOnly { params, has, lacks } => format!(
            "At {} only {} has results (no {}); that rung is left out.",
            format::size(*params),
            format::visible(has),
            format::visible(lacks)
        ),
        Note::FewSeeds { params, arms } => few_seeds(*params, arms),
        Note::ZeroSpread { params } => format!(
            "At {} every seed gave the same value in both arms, so the interval has \
             zero width; check that the seeds really differ.",
            format::size(*params)
        ),
        Note::TasksAggregated {
            fewest,
            most,
            resamples,
            normal_limit,
        } => tasks(*fewest, *most, *resamples, *normal_limit),
        Note::SignChange { ahead, behind } => format!(
            "The gain changes sign across rungs: the method is ahead at {} and behind at {}.",
            sizes(ahead),
            sizes(behind)
        ),
        Note::WorseAtTop { params } => format!(
            "At the largest size ({}) the method is worse than the baseline.",
            format::size(*params)
        ),
        Note::NextNotLarger { next, top } => format!(
            "The next rung ({}) is not larger than the largest rung with results ({}).",
            format::size(*next),
            format::size(*top)
        ),
        Note::Seedless { first, count } => format!(
            "Line {first}{} no seed: each such line counts as a run of its own, not paired \
             with the other arm's run of the same seed. Fill in the seed to pair it.",
            match count {
                1 => " has".to_owned(),
                n => format!(" and {} more have", format::whole(*n as u64 - 1)),
            }
        ),
        Note::NoSeedColumn => "No seed column: each line counts as a run of its own, and the \
             arms' runs are compared unpaired. Add a seed column (the same seeds in both arms) \
             to pair them."
            .to_owned(),
        Note::NoTrend | Note::TwoRungs | Note::Scattered => about_trend(note).to_owned(),
    }
}

/// "100M, 1B".
fn sizes(params: &[f64]) -> String {
    let each: Vec<String> = params.iter().map(|p| format::size(*p)).collect();
    each.join(", ")
}

/// Arms with fewer than 2 seeds at a rung.
fn few_seeds(params: f64, arms: &[(String, usize)]) -> String {
    let few: Vec<String> = arms
        .iter()
        .map(|(arm, n)| format!("{} has {n} seed", format::visible(arm)))
        .collect();
    format!(
        "At {} {}: no interval there, and the trend leaves that rung out \
         (it needs at least 2 seeds per arm; 3 or more give usable intervals).",
        format::size(params),
        few.join(" and ")
    )
}

/// What the trend can and cannot say.
fn about_trend(note: &Note) -> &'static str {
    match note {
        Note::NoTrend => {
            "No trend: fewer than two rungs have at least 2 seeds in each arm, so there is no \
             slope or prediction to report."
        }
        Note::TwoRungs => {
            "With two rungs the trend is the line through them and only seed noise can be \
             counted; a third rung would show how much rungs scatter around it."
        }
        _ => {
            "The rungs scatter around the trend more than seed noise explains (effects shared \
             by all seeds of a rung, such as its tuned learning rate, or a bent trend): the \
             slope's interval and the predictions count that scatter, so they are wider."
        }
    }
}

/// Invisible characters removed from arm names, the first few shown.
fn renamed(names: &[String], more: usize) -> String {
    let shown: Vec<String> = names
        .iter()
        .map(|raw| format::excerpt(raw, MAX_QUOTED_CHARS))
        .collect();
    let more = if more > 0 {
        format!(" and {} more", format::whole(more as u64))
    } else {
        String::new()
    };
    format!(
        "Invisible characters (zero-width spaces or direction marks) were removed from arm \
         names: {}{more}.",
        shown.join(", ")
    )
}

/// How several tasks were aggregated.
fn tasks(fewest: usize, most: usize, resamples: usize, normal_limit: bool) -> String {
    format!(
        "Scores are normalised per task (0 = the lowest either arm reached on that task, \
         1 = the highest), then aggregated over {} per size by the interquartile mean of \
         per-task gains, with stratified bootstrap 95% intervals ({} resamples{}; \
         Agarwal et al. 2021).",
        if fewest == most {
            format::plural(most as u64, "task", "tasks")
        } else {
            format!("{fewest} to {most} tasks")
        },
        format::whole(resamples as u64),
        if normal_limit {
            ", each task's resampled gain drawn from its normal limit: too many \
             runs to redraw one by one"
        } else {
            ""
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One of each note, with a name that would reverse the sentence.
    fn every_note() -> Vec<Note> {
        let name = "m\u{202E}x".to_owned();
        vec![
            Note::RenamedArms {
                names: vec![name.clone()],
                more: 3,
            },
            Note::ArmsLeftOut {
                arms: vec![name.clone()],
            },
            Note::DirectionContradicts {
                metric: name.clone(),
                named_higher: false,
                told_higher: true,
            },
            Note::DuplicateSeed {
                params: 1.25e8,
                arm: name.clone(),
                seed: "7".into(),
            },
            Note::OneArmOnly {
                params: 1e9,
                has: name.clone(),
                lacks: "base".into(),
            },
            Note::FewSeeds {
                params: 1e9,
                arms: vec![(name.clone(), 1), ("base".into(), 0)],
            },
            Note::ZeroSpread { params: 1e9 },
            Note::TasksAggregated {
                fewest: 3,
                most: 5,
                resamples: 2_000,
                normal_limit: true,
            },
            Note::SignChange {
                ahead: vec![1e8],
                behind: vec![1e9, 1e10],
            },
            Note::NoTrend,
            Note::TwoRungs,
            Note::Scattered,
            Note::WorseAtTop { params: 1e10 },
            Note::NextNotLarger {
                next: 1e9,
                top: 1e10,
            },
            Note::Seedless { first: 4, count: 2 },
            Note::NoSeedColumn,
        ]
    }

    #[test]
    fn every_note_is_a_sentence_with_its_numbers_and_names_shown() {
        for n in every_note() {
            let text = note(&n);
            assert!(text.ends_with('.'), "{text}");
            assert!(text.starts_with(|c: char| c.is_uppercase()), "{text}");
            // A name never reorders the sentence: its bidi mark is written out.
            assert!(!text.contains('\u{202E}'), "{text}");
        }
        let said = |n: &Note| note(n);
        let all = every_note();
        assert!(said(&all[0]).ends_with("\"m<U+202E>x\" and 3 more."));
        assert!(said(&all[3]).starts_with("At 125M, m<U+202E>x has seed \"7\" more than once"));
        assert!(said(&all[5]).contains("m<U+202E>x has 1 seed and base has 0 seed"));
        assert!(said(&all[7]).contains("over 3 to 5 tasks per size"));
        assert!(said(&all[7]).contains("2,000 resamples, each task's resampled gain"));
        assert!(said(&all[8]).ends_with("ahead at 100M and behind at 1B, 10B."));
        assert!(
            said(&all[13]).contains("(1B) is not larger than the largest rung with results (10B)")
        );
        assert!(said(&all[14]).starts_with("Line 4 and 1 more have no seed"));
    }

    #[test]
    fn every_reason_for_no_multiplier_says_so() {
        for why in [
            NoMultiplier::HigherIsBetter,
            NoMultiplier::SeveralTasks,
            NoMultiplier::NotPositive,
            NoMultiplier::BaselineFlat,
            NoMultiplier::BeyondFloor,
        ] {
            assert!(no_multiplier(why).starts_with("No compute multiplier"));
        }
    }
}
