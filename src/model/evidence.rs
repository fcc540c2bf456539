//! How much evidence a claim needs: the level, what it asks for, and why.

use serde::Serialize;

use super::format;
use super::inputs::ContributionKind;

/// What one evidence level asks for. The table [`LEVELS`] is the rule book.
#[derive(Debug, PartialEq)]
pub struct LevelRule {
    pub level: u8,
    pub name: &'static str,
    /// Settings (datasets or tasks) the claim is shown in.
    pub settings: u32,
    /// Distinct domains (or modalities) those settings must cover.
    pub domains: u32,
    /// Model sizes in the scale ladder.
    pub rungs: u32,
    /// Compute of the top rung over the bottom rung (per run).
    pub span: f64,
    /// Seeds per configuration.
    pub seeds: u32,
    /// Baselines, each tuned with the same budget as the method.
    pub baselines: u32,
    /// Ablations of the method's parts.
    pub ablations: u32,
    pub statistics: &'static str,
    pub release: &'static str,
    /// Whether an independent replication is expected.
    pub replication: bool,
}

/// The rule book. Refined from the product brief's starting rules in two ways:
/// every ladder has at least three rungs (two points always fit a line, so a
/// trend needs three, and P6's small / medium / large needs three tiers), and
/// level 3 has four rungs, the essay's 120M → 350M → 750M → 1.3B.
pub const LEVELS: [LevelRule; 5] = [
    LevelRule {
        level: 1,
        name: "Exploratory",
        settings: 1,
        domains: 1,
        rungs: 3,
        span: 10.0,
        seeds: 3,
        baselines: 1,
        ablations: 1,
        statistics: "mean and standard deviation over seeds",
        release: "code on request",
        replication: false,
    },
    LevelRule {
        level: 2,
        name: "Suggestive",
        settings: 2,
        domains: 1,
        rungs: 3,
        span: 10.0,
        seeds: 3,
        baselines: 2,
        ablations: 2,
        statistics: "95% confidence intervals over seeds",
        release: "code",
        replication: false,
    },
    LevelRule {
        level: 3,
        name: "Convincing",
        settings: 3,
        domains: 1,
        rungs: 4,
        span: 100.0,
        seeds: 5,
        baselines: 3,
        ablations: 3,
        statistics: "95% confidence intervals and a significance test for the headline comparison",
        release: "code and configurations",
        replication: false,
    },
    LevelRule {
        level: 4,
        name: "Compelling",
        settings: 5,
        domains: 2,
        rungs: 4,
        span: 1_000.0,
        seeds: 5,
        baselines: 4,
        ablations: 4,
        statistics: "confidence intervals and tests corrected for multiple comparisons",
        release: "code, configurations and checkpoints",
        replication: false,
    },
    LevelRule {
        level: 5,
        name: "Extraordinary",
        settings: 8,
        domains: 3,
        rungs: 5,
        span: 10_000.0,
        seeds: 10,
        baselines: 5,
        ablations: 5,
        statistics: "pre-registered tests, corrected for multiple comparisons, with effect sizes",
        release: "code, configurations, checkpoints and logs",
        replication: true,
    },
];

/// Level by claim: row = generality − 1, column = novelty − 1.
/// Rising along a row or down a column never lowers the level (P2, P3), and
/// novelty 5, contradicting a near-fact such as "scale wins", is at least level 4.
pub const LEVEL_BY_CLAIM: [[u8; 5]; 5] = [
    [1, 1, 2, 3, 4],
    [1, 2, 2, 3, 4],
    [2, 2, 3, 4, 4],
    [2, 3, 4, 4, 5],
    [3, 4, 4, 5, 5],
];

/// Generality levels: what each means, with an example claim.
pub const GENERALITY: [(&str, &str); 5] = [
    ("One setting", "\"Our trick helps ViT-B on ImageNet.\""),
    ("A task family", "\"It helps image classifiers.\""),
    ("A domain or modality", "\"It helps vision models.\""),
    (
        "Several domains",
        "\"It helps vision and language models.\"",
    ),
    (
        "A general law of deep learning",
        "\"It helps any network trained by SGD.\"",
    ),
];

/// Novelty levels: how far the claim sits from accepted practice, with an example.
pub const NOVELTY: [(&str, &str); 5] = [
    (
        "Confirms consensus",
        "\"Warm-up stabilises training here too.\"",
    ),
    ("Incremental", "\"A better learning-rate schedule.\""),
    (
        "Surprising but compatible",
        "\"A small model trained this way matches a larger one.\"",
    ),
    (
        "Contradicts common practice",
        "\"Weight decay hurts language models.\"",
    ),
    (
        "Contradicts a near-fact such as \"scale wins\"",
        "\"Bigger models stop helping past 1B.\"",
    ),
];

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

/// The evidence level of a claim.
///
/// ```
/// use evidence_ladder::model::evidence::level_for;
/// assert_eq!(level_for(1, 1), 1);
/// assert_eq!(level_for(3, 3), 3);
/// assert_eq!(level_for(1, 5), 4);
/// ```
pub fn level_for(generality: u8, novelty: u8) -> u8 {
    let g = usize::from(generality.clamp(1, 5) - 1);
    let n = usize::from(novelty.clamp(1, 5) - 1);
    LEVEL_BY_CLAIM[g][n]
}

pub fn rule_for(level: u8) -> &'static LevelRule {
    &LEVELS[usize::from(level.clamp(1, 5) - 1)]
}

/// The evidence a claim needs, ready to show.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evidence {
    pub level: u8,
    pub name: &'static str,
    pub settings: u32,
    pub domains: u32,
    pub rungs: u32,
    pub span: f64,
    /// Seeds per configuration: the level's, or more when the power analysis asks for more.
    pub seeds: u32,
    pub baselines: u32,
    pub ablations: u32,
    pub statistics: &'static str,
    pub release: &'static str,
    pub replication: bool,
    /// Concrete requirements, one sentence each.
    pub requirements: Vec<String>,
    /// What the kind of contribution adds (P4, P5).
    pub kind_demands: Vec<&'static str>,
    /// Why the level is what it is.
    pub reasons: Vec<String>,
    /// Questions to prepare for; "does this scale?" first (P7).
    pub reviewer_questions: Vec<&'static str>,
}

/// The evidence a claim needs. `power_seeds` is the power analysis's seeds per arm, if any.
pub fn evidence_for(
    kind: ContributionKind,
    generality: u8,
    novelty: u8,
    power_seeds: Option<u32>,
) -> Evidence {
    let level = level_for(generality, novelty);
    let rule = rule_for(level);
    let seeds = power_seeds.map_or(rule.seeds, |n| n.max(rule.seeds));
    Evidence {
        level,
        name: rule.name,
        settings: rule.settings,
        domains: rule.domains,
        rungs: rule.rungs,
        span: rule.span,
        seeds,
        baselines: rule.baselines,
        ablations: rule.ablations,
        statistics: rule.statistics,
        release: rule.release,
        replication: rule.replication,
        requirements: requirements(rule, seeds),
        kind_demands: kind_demands(kind),
        reasons: reasons(generality, novelty, level, rule.seeds, power_seeds),
        reviewer_questions: reviewer_questions(kind, generality, novelty),
    }
}

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn requirements(rule: &LevelRule, seeds: u32) -> Vec<String> {
    let settings = plural(rule.settings, "setting", "settings");
    let mut list = vec![
        match rule.domains {
            1 => format!("Show the effect in {settings} (datasets or tasks)."),
            2 => format!("Show the effect in {settings} covering at least 2 domains."),
            d => format!("Show the effect in {settings} covering at least {d} modalities."),
        },
        format!(
            "Train {} model sizes whose compute spans at least {}× from smallest to largest.",
            rule.rungs,
            format::number(rule.span)
        ),
        format!(
            "Run {} for every configuration.",
            plural(seeds, "seed", "seeds")
        ),
        format!(
            "Compare against {}, each tuned with the same budget as your method.",
            plural(rule.baselines, "baseline", "baselines")
        ),
        format!(
            "Ablate {} of the method, mostly at small scale.",
            plural(rule.ablations, "part", "parts")
        ),
        format!("Report {}.", rule.statistics),
        format!("Release {}.", rule.release),
    ];
    if rule.replication {
        list.push("Have the headline result replicated independently before claiming it.".into());
    }
    list
}

fn kind_demands(kind: ContributionKind) -> Vec<&'static str> {
    match kind {
        ContributionKind::Insight => vec![
            "Say what others should do differently, and show it changes an outcome they care \
             about: less compute, less data, less supervision or better results (P1).",
        ],
        ContributionKind::NegativeResult => vec![
            "Explain why the idea should have worked; a negative result is only useful if the \
             attempt was expected to succeed (P5).",
            "Give the idea a fair, thorough try: tune it as carefully as the baseline and try \
             several variants before concluding (P5).",
        ],
        ContributionKind::Model => vec![
            "Beat existing models on the benchmarks relevant to its use, evaluated the same \
             way (P4).",
        ],
        ContributionKind::Benchmark => vec![
            "Show from the literature where existing benchmarks fail to measure the capability, \
             and that yours measures it (P4).",
        ],
        ContributionKind::Dataset => vec![
            "Train one model on your data and one on existing data with the same compute; \
             yours must give better weights (P4).",
        ],
        ContributionKind::Codebase => vec![
            "Reproduce known results with it, and show what it makes faster, cheaper or \
             possible compared with existing code (P4).",
        ],
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_ascii_uppercase().to_string() + chars.as_str()
    })
}

fn reasons(
    generality: u8,
    novelty: u8,
    level: u8,
    level_seeds: u32,
    power_seeds: Option<u32>,
) -> Vec<String> {
    let mut list = Vec::new();
    let by_generality = level - level_for(1, novelty);
    let by_novelty = level - level_for(generality, 1);
    if by_generality > 0 {
        list.push(format!(
            "{} raises the level by {by_generality}: a broader claim is more useful and needs \
             more evidence (P2).",
            capitalised(&generality_phrase(generality))
        ));
    }
    if by_novelty > 0 {
        list.push(format!(
            "{} raises the level by {by_novelty}: the farther a claim sits from accepted \
             practice, the more evidence it needs (P3).",
            capitalised(&novelty_phrase(novelty))
        ));
    }
    if novelty == 5 {
        list.push(
            "Contradicting \"scale wins\" needs at least level 4: it is the most consistent \
             finding in the field (P3)."
                .into(),
        );
    }
    if list.is_empty() {
        list.push(
            "A narrow claim close to consensus: exploratory evidence is enough (P2, P3).".into(),
        );
    }
    if let Some(n) = power_seeds.filter(|&n| n > level_seeds) {
        list.push(format!(
            "The power analysis needs {n} seeds per arm, more than the level's {level_seeds}."
        ));
    }
    list
}

fn reviewer_questions(kind: ContributionKind, generality: u8, novelty: u8) -> Vec<&'static str> {
    let mut list = vec![
        "Does this scale? Does the gain over the baselines hold, grow or shrink across the \
         ladder? (P7)",
        "Were the baselines tuned with the same budget as the method?",
        "How much do the results vary across seeds?",
        "Which part of the method matters? Show the ablations.",
    ];
    list.push(match kind {
        ContributionKind::Insight => "Does the lesson hold outside the settings you tested?",
        ContributionKind::NegativeResult => {
            "Did the idea get a fair try? What would have made it work?"
        }
        ContributionKind::Model => {
            "Is it compared with the strongest current models, evaluated the same way?"
        }
        ContributionKind::Benchmark => {
            "What does it measure that existing benchmarks miss, and is it free of contamination?"
        }
        ContributionKind::Dataset => {
            "Does the gain come from the data itself, at equal compute and tokens?"
        }
        ContributionKind::Codebase => "Does it reproduce published numbers?",
    });
    if generality >= 4 {
        list.push("Does it hold in every domain the claim covers?");
    }
    if novelty >= 4 {
        list.push("Why does this disagree with common practice, and what rules out a bug?");
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_rows_match_level_numbers() {
        for (i, rule) in LEVELS.iter().enumerate() {
            assert_eq!(usize::from(rule.level), i + 1);
            assert!(rule.rungs >= 3, "a trend needs three points");
        }
    }

    #[test]
    fn requirements_only_grow_with_level() {
        for pair in LEVELS.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            assert!(b.settings >= a.settings && b.rungs >= a.rungs && b.span >= a.span);
            assert!(b.seeds >= a.seeds && b.baselines >= a.baselines && b.ablations >= a.ablations);
        }
    }

    #[test]
    fn scale_question_comes_first() {
        for kind in ContributionKind::ALL {
            let e = evidence_for(kind, 3, 3, None);
            assert!(e.reviewer_questions[0].starts_with("Does this scale?"));
            assert!(!e.kind_demands.is_empty());
        }
    }

    #[test]
    fn reasons_name_the_principles() {
        let e = evidence_for(ContributionKind::Insight, 5, 5, None);
        let all = e.reasons.join(" ");
        assert!(all.contains("(P2)") && all.contains("(P3)") && all.contains("scale wins"));
        let e = evidence_for(ContributionKind::Insight, 1, 1, None);
        assert_eq!(e.reasons.len(), 1);
    }

    #[test]
    fn power_analysis_raises_seeds_but_never_lowers_them() {
        assert_eq!(
            evidence_for(ContributionKind::Model, 3, 3, Some(64)).seeds,
            64
        );
        assert_eq!(
            evidence_for(ContributionKind::Model, 3, 3, Some(2)).seeds,
            5
        );
    }

    #[test]
    fn spans_read_with_separators() {
        let e = evidence_for(ContributionKind::Insight, 5, 5, None);
        assert!(e.requirements[1].contains("at least 10,000× from smallest"));
    }
}
