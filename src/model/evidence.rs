//! How much evidence a claim needs: the level, what it asks for, and why.

use serde::Serialize;

use super::choices::{ContributionKind, ResearchField};

/// Which of the essay's principles a piece of advice rests on. Advice
/// carries this id beside its words (`text::cited`), which write it as
/// "(the essay: {phrase})" and which the page links to the principle's
/// entry in the method section (`#principle-{id}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrincipleId {
    Deliverables,
    Generality,
    Novelty,
    Artifacts,
    Negative,
    SmallScale,
    Scaling,
}

impl PrincipleId {
    /// Its entry of [`PRINCIPLES`].
    pub fn principle(self) -> &'static Principle {
        &PRINCIPLES[self as usize]
    }
}

/// One of the essay's principles, in our words.
#[derive(Debug, PartialEq)]
pub struct Principle {
    pub id: &'static str,
    pub phrase: &'static str,
    /// What it means for a plan, one sentence.
    pub meaning: &'static str,
}

/// The essay's principles the calculator encodes, in our words, in the order
/// the method section lists them and [`PrincipleId`] names them.
pub const PRINCIPLES: [Principle; 7] = [
    Principle {
        id: "deliverables",
        phrase: "a paper delivers artifacts or insights",
        meaning: "An artifact is something others use (a model, benchmark, dataset, codebase or optimiser); an insight is a lesson others apply, negative results included. The kind decides which experiments prove it.",
    },
    Principle {
        id: "generality",
        phrase: "broader claims need more evidence",
        meaning: "The more settings a claim covers, the more useful it is and the more settings, sizes and seeds it must be shown in; a narrow claim needs the least.",
    },
    Principle {
        id: "novelty",
        phrase: "claims farther from practice need more evidence",
        meaning: "The farther a claim sits from accepted practice, the more evidence it needs; contradicting \"scale wins\" needs the most.",
    },
    Principle {
        id: "artifacts",
        phrase: "each artifact proves its value its own way",
        meaning: "A model must beat existing models on the relevant benchmarks; a benchmark must show where existing ones fail to measure something; a dataset must beat existing data at the same compute.",
    },
    Principle {
        id: "negative",
        phrase: "a negative result shows an idea that should have worked did not",
        meaning: "Its value is steering others away from a route, so it must show why the idea was expected to improve things and that it was really tried. How much tuning and how many variants make a try fair is our calibration, not the essay's.",
    },
    Principle {
        id: "small-scale",
        phrase: "most experiments belong at small scale",
        meaning: "Do most experiments small and fewer as size grows (about 50% small, 30% medium, 20% large); the final model is trained at the largest size.",
    },
    Principle {
        id: "scaling",
        phrase: "every reviewer asks whether it scales",
        meaning: "A plan must show the effect across a span of scales and whether the gain over the baselines holds as scale grows.",
    },
];

/// What one evidence level asks for. The table [`LEVELS`] is the rule book.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LevelRule {
    pub level: u8,
    pub name: &'static str,
    /// What the level means, in one line beside "Evidence level N of 5".
    pub meaning: &'static str,
    /// Settings (datasets or tasks) the claim is shown in.
    pub settings: u32,
    /// Distinct domains (or modalities) those settings must cover.
    pub domains: u32,
    /// Model sizes in the scale ladder.
    pub rungs: u32,
    /// Scale of the top rung over the bottom rung, in the quantity that
    /// scales (parameters, data or the user's scale): one rule means the same
    /// on every axis. On `pretrain` compute grows with its square.
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

/// √10 and √1000: half and one and a half decades of scale.
const SQRT_10: f64 = 3.162_277_660_168_379_5;
const SQRT_1000: f64 = 31.622_776_601_683_793;

/// The rule book, our calibration of the essay's direction, in two choices:
/// every ladder has at least three rungs (two points always fit a line, so a
/// trend needs three, and the essay's small / medium / large needs three tiers), and
/// level 3 has four rungs, the essay's 120M → 350M → 750M → 1.3B.
pub const LEVELS: [LevelRule; 5] = [
    LevelRule {
        level: 1,
        meaning: "A narrow claim close to consensus; a few seeds at three sizes suffice.",
        name: "Exploratory",
        settings: 1,
        domains: 1,
        rungs: 3,
        span: SQRT_10,
        seeds: 3,
        baselines: 1,
        ablations: 1,
        statistics: "mean and standard deviation over seeds",
        release: "code on request",
        replication: false,
    },
    LevelRule {
        level: 2,
        meaning:
            "A broader or less expected claim; intervals over seeds, two settings, three sizes.",
        name: "Suggestive",
        settings: 2,
        domains: 1,
        rungs: 3,
        span: SQRT_10,
        seeds: 3,
        baselines: 2,
        ablations: 2,
        statistics: "95% confidence intervals over seeds",
        release: "code",
        replication: false,
    },
    LevelRule {
        level: 3,
        meaning: "A domain-wide or surprising claim; a test, three settings, sizes 10× apart.",
        name: "Convincing",
        settings: 3,
        domains: 1,
        rungs: 4,
        span: 10.0,
        seeds: 5,
        baselines: 3,
        ablations: 3,
        statistics: "95% confidence intervals and a significance test for the headline comparison",
        release: "code and configurations",
        replication: false,
    },
    LevelRule {
        level: 4,
        meaning: "A claim across domains or against practice; corrected tests, sizes 32× apart.",
        name: "Compelling",
        settings: 5,
        domains: 2,
        rungs: 4,
        span: SQRT_1000,
        seeds: 5,
        baselines: 4,
        ablations: 4,
        statistics: "confidence intervals and tests corrected for multiple comparisons",
        release: "code, configurations and checkpoints",
        replication: false,
    },
    LevelRule {
        level: 5,
        meaning: "A general law or against \"scale wins\"; replication, sizes 100× apart.",
        name: "Extraordinary",
        settings: 8,
        domains: 3,
        rungs: 5,
        span: 100.0,
        seeds: 10,
        baselines: 5,
        ablations: 5,
        statistics: "pre-registered tests, corrected for multiple comparisons, with effect sizes",
        release: "code, configurations, checkpoints and logs",
        replication: true,
    },
];

/// Level by claim: row = generality − 1, column = novelty − 1.
/// Rising along a row or down a column never lowers the level (the essay:
/// broader claims, and claims farther from practice, need more evidence), and
/// novelty 5, contradicting a near-fact such as "scale wins", is at least level 4.
pub const LEVEL_BY_CLAIM: [[u8; 5]; 5] = [
    [1, 1, 2, 3, 4],
    [1, 2, 2, 3, 4],
    [2, 2, 3, 4, 5],
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

/// The fewest domains a claim of each generality is shown in, whatever its
/// level: a claim about several domains needs two of them, a general law of
/// deep learning three, even when it is conventional enough for a level
/// whose own rule asks for one domain (our calibration, like [`LEVELS`]).
const DOMAINS_BY_GENERALITY: [u32; 5] = [1, 1, 1, 2, 3];

/// What a claim of `generality` at `level` asks for: the level's rule, with
/// at least the domains the generality names and a setting in each.
pub fn rule_for_claim(generality: u8, level: u8) -> LevelRule {
    let rule = rule_for(level);
    let domains = rule
        .domains
        .max(DOMAINS_BY_GENERALITY[usize::from(generality.clamp(1, 5) - 1)]);
    LevelRule {
        domains,
        settings: rule.settings.max(domains),
        ..*rule
    }
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
    /// Seeds per arm of the headline comparisons: the level's, or more when
    /// the power analysis asks for more.
    pub seeds: u32,
    /// Seeds of every other configuration: the level's.
    pub seeds_per_configuration: u32,
    pub baselines: u32,
    pub ablations: u32,
    /// How the results are reported; the JSON writes it in words.
    #[serde(skip)]
    pub statistics: Statistics,
    /// Comparisons tested at the top rung (one per domain); with more than
    /// one, the level's tests are corrected for them.
    pub headline_comparisons: u32,
    /// "Holm" when the level corrects for several headline comparisons.
    pub correction: Option<&'static str>,
    /// Test level of each headline comparison after the correction's strictest step.
    pub corrected_alpha: f64,
    /// The smallest standardised effect (Cohen's d) the headline seeds detect
    /// at the corrected test level and the chosen power (for a negative
    /// result, the smallest equivalence margin TOST can show); none where no
    /// comparison runs seeds (models and benchmarks compare by evaluation,
    /// with intervals over items instead).
    pub detectable_effect: Option<f64>,
    pub release: &'static str,
    pub replication: bool,
    /// Why the level is what it is, as facts. The public JSON writes them
    /// as sentences beside the kind's demands and the reviewers' questions
    /// (`text::evidence`).
    #[serde(skip)]
    pub reasons: Vec<Reason>,
}

/// How the level's results are reported statistically: the kind and field
/// choose the method, the comparisons its correction.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Statistics {
    pub kind: ContributionKind,
    pub field: ResearchField,
    /// The level's own rule, for the kinds that compare arms over seeds
    /// (a line of the level table).
    pub level_rule: &'static str,
    /// Headline comparisons; above one, Holm's correction over them.
    pub comparisons: u32,
}

/// Why the level is what it is, as facts; `text::evidence` words them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Reason {
    /// The claim's generality raises the level by `by`.
    Generality { generality: u8, by: u8 },
    /// Its novelty raises the level by `by`.
    Novelty { novelty: u8, by: u8 },
    /// Novelty 5 contradicts "scale wins", which needs at least level 4.
    ContradictsScale,
    /// A narrow claim close to consensus: exploratory evidence.
    Exploratory,
    /// The power analysis asks for more seeds per arm than the level.
    PowerSeeds { seeds: u32, level_seeds: u32 },
}

/// Why a claim of this generality and novelty sits at `level`, and whether
/// the power analysis's seeds exceed the level's.
pub fn reasons(
    generality: u8,
    novelty: u8,
    level: u8,
    level_seeds: u32,
    power_seeds: Option<u32>,
) -> Vec<Reason> {
    let mut list = Vec::new();
    let by_generality = level - level_for(1, novelty);
    let by_novelty = level - level_for(generality, 1);
    if by_generality > 0 {
        list.push(Reason::Generality {
            generality,
            by: by_generality,
        });
    }
    if by_novelty > 0 {
        list.push(Reason::Novelty {
            novelty,
            by: by_novelty,
        });
    }
    if novelty == 5 {
        list.push(Reason::ContradictsScale);
    }
    if list.is_empty() {
        list.push(Reason::Exploratory);
    }
    if let Some(n) = power_seeds.filter(|&n| n > level_seeds) {
        list.push(Reason::PowerSeeds {
            seeds: n,
            level_seeds,
        });
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_principle_id_names_its_row() {
        use PrincipleId::*;
        let ids = [
            Deliverables,
            Generality,
            Novelty,
            Artifacts,
            Negative,
            SmallScale,
            Scaling,
        ];
        assert_eq!(ids.len(), PRINCIPLES.len());
        let names = [
            "deliverables",
            "generality",
            "novelty",
            "artifacts",
            "negative",
            "small-scale",
            "scaling",
        ];
        for (id, name) in ids.into_iter().zip(names) {
            assert_eq!(id.principle().id, name);
        }
    }

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
            assert!(b.domains >= a.domains);
        }
    }

    #[test]
    fn reasons_say_what_raised_the_level() {
        let all = reasons(5, 5, 5, 10, None);
        assert!(all.contains(&Reason::Generality {
            generality: 5,
            by: 5 - level_for(1, 5)
        }));
        assert!(all.contains(&Reason::Novelty {
            novelty: 5,
            by: 5 - level_for(5, 1)
        }));
        assert!(all.contains(&Reason::ContradictsScale));
        assert_eq!(reasons(1, 1, 1, 3, None), [Reason::Exploratory]);
        assert!(reasons(3, 3, 3, 5, Some(64)).contains(&Reason::PowerSeeds {
            seeds: 64,
            level_seeds: 5
        }));
        // Seeds the power analysis asks for below the level's: nothing to say.
        assert!(!reasons(3, 3, 3, 5, Some(4))
            .iter()
            .any(|r| matches!(r, Reason::PowerSeeds { .. })));
    }
}
