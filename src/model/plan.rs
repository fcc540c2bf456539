//! The whole answer for one set of inputs: evidence, ladder, claim map and the
//! assumptions behind every number.

use serde::Serialize;

use super::axis::{Axis, Scaling, EVAL_TOKENS};
use super::design::{self, Demands, Placement, RunCost, Template, TUNING_CONFIGS};
use super::evidence::{
    kind_demands, level_for, reasons, reporting, reviewer_questions, rule_for, Evidence, LevelRule,
};
use super::format;
use super::hardware::{Budget, BudgetSource};
use super::inputs::{ContributionKind, FieldValue, InputError, Inputs};
use super::ladder::{rung_scales, Experiment, Ladder, LadderRequest, SizedBy};
use super::stats::{detectable_effect, equivalence_seeds, power_analysis, PowerAnalysis};

/// One cell of the claim map: a (generality, novelty) claim, its level and
/// whether this budget affords it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClaimCell {
    pub generality: u8,
    pub novelty: u8,
    pub level: u8,
    pub fits: bool,
    /// Less novel than the claim asked about: a weaker claim, not the same
    /// finding shown more narrowly.
    pub weaker: bool,
}

/// A number the plan rests on and where it comes from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Assumption {
    pub name: &'static str,
    pub value: String,
    pub source: &'static str,
}

/// Everything Evidence Ladder says about one set of inputs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Plan {
    pub inputs: Inputs,
    pub evidence: Evidence,
    pub budget: Budget,
    pub scaling: Scaling,
    pub ladder: Ladder,
    /// Every group of runs the plan asks for, priced: the ladder's totals are their sums.
    pub experiments: Vec<Experiment>,
    /// The least compute that satisfies the level: its cheapest ladder, whose
    /// bottom rung is the smallest scale worth a run.
    pub min_flops: f64,
    /// Scales of that cheapest ladder, bottom to top.
    pub min_scales: Vec<f64>,
    /// What choosing this kind of contribution changes, in one line.
    pub kind_summary: &'static str,
    pub power: Option<PowerAnalysis>,
    /// 25 cells, generality-major: index (g − 1)·5 + (n − 1).
    pub claim_map: Vec<ClaimCell>,
    /// When the plan does not fit: the broadest claims at most as general and
    /// as novel as this one that do fit, same novelty first.
    pub narrower_claims: Vec<ClaimCell>,
    pub assumptions: Vec<Assumption>,
    pub warnings: Vec<String>,
}

/// MFU above this is rarely sustained: PaLM reported 46% (Chowdhery et al.
/// 2022) and Llama 3 405B 38–43% (Dubey et al. 2024).
const HIGH_MFU: f64 = 0.6;

/// Parameters of the largest open model to evaluate: Llama 3.1 405B (Dubey et al. 2024).
const LARGEST_OPEN_MODEL: f64 = 405e9;

/// Tokens per parameter of a competitive open model: Llama 3 8B saw 15T
/// tokens, about 1,900 per parameter (Dubey et al. 2024).
const COMPETITIVE_TOKENS_PER_PARAM: f64 = 1_900.0;

/// The level's statistics with the correction it needs, in words.
fn statistics_text(rule: &LevelRule, equivalence: bool, comparisons: u32) -> String {
    let mut text = if equivalence {
        "an equivalence test (two one-sided tests, TOST) against the smallest effect worth \
         caring about, with 95% confidence intervals"
            .to_owned()
    } else {
        rule.statistics.to_owned()
    };
    if comparisons > 1 {
        text.push_str(&format!(
            " (Holm's correction over the {comparisons} headline comparisons)"
        ));
    }
    text
}

/// The headline comparisons a level tests at the top rung: one per domain.
fn comparisons(rule: &LevelRule) -> u32 {
    rule.domains.max(1)
}

/// Seeds per arm the power analysis asks for, at the corrected test level:
/// a two-sample t-test for a gain, or TOST for equivalence.
fn power_for(inputs: &Inputs, alpha: f64) -> Option<PowerAnalysis> {
    let (effect, noise) = (inputs.effect?, inputs.noise?);
    Some(if design::tests_equivalence(inputs.kind) {
        let (seeds, capped) = equivalence_seeds(effect, noise, alpha, inputs.power);
        PowerAnalysis {
            cohen_d: effect / noise,
            seeds_per_arm: seeds,
            capped,
            method: EQUIVALENCE_METHOD,
        }
    } else {
        power_analysis(effect, noise, alpha, inputs.power)
    })
}

use super::stats::EQUIVALENCE_METHOD;

/// Everything a level needs to be planned with these inputs.
struct LevelPlan {
    rule: &'static LevelRule,
    comparisons: u32,
    alpha: f64,
    power: Option<PowerAnalysis>,
    templates: Vec<Template>,
}

impl LevelPlan {
    fn new(inputs: &Inputs, level: u8) -> Self {
        let rule = rule_for(level);
        let comparisons = comparisons(rule);
        let alpha = inputs.alpha / f64::from(comparisons);
        let power = power_for(inputs, alpha);
        let headline = power.as_ref().map_or(rule.seeds, |p| p.seeds_per_arm);
        let templates = design::design(inputs.kind, &Demands::of(rule, headline));
        LevelPlan {
            rule,
            comparisons,
            alpha,
            power,
            templates,
        }
    }

    fn request<'a>(
        &'a self,
        inputs: &Inputs,
        scaling: &'a Scaling,
        budget: &'a Budget,
    ) -> LadderRequest<'a> {
        LadderRequest {
            rungs: self.rule.rungs,
            span: self.rule.span,
            templates: &self.templates,
            scaling,
            budget,
            reserve: inputs.reserve,
            price: inputs.price,
            top: inputs.top,
            max_top: (!design::trains(inputs.kind)).then_some(LARGEST_OPEN_MODEL),
            trains: design::trains(inputs.kind),
        }
    }
}

fn where_text(at: Placement) -> &'static str {
    match at {
        Placement::Bottom => "at the smallest size",
        Placement::Middle => "at each middle size",
        Placement::Top => "at the largest size",
        Placement::Every => "at every size",
    }
}

/// One checklist line per group of runs, with the counts the ladder pays for.
fn experiment_requirements(templates: &[Template]) -> Vec<String> {
    templates
        .iter()
        .map(|t| {
            format!(
                "{} {}: {} runs ({}).",
                t.label,
                where_text(t.at),
                t.runs(),
                design::design_text(t.arms, t.settings, t.configs, t.seeds)
            )
        })
        .collect()
}

impl Plan {
    /// The plan for these inputs.
    ///
    /// ```
    /// use evidence_ladder::model::{inputs::Inputs, plan::Plan};
    /// let plan = Plan::new(Inputs::default());
    /// assert_eq!(plan.evidence.level, 3);
    /// assert!(plan.ladder.fits);
    /// ```
    pub fn new(inputs: Inputs) -> Plan {
        let budget = Budget::from_hardware(
            inputs.accelerator,
            inputs.count,
            inputs.hours,
            inputs.mfu,
            inputs.flops,
        );
        let scaling = inputs.scaling(budget.flops_per_accelerator_hour);
        let level = level_for(inputs.generality, inputs.novelty);
        let this = LevelPlan::new(&inputs, level);
        let request = this.request(&inputs, &scaling, &budget);
        let (ladder, experiments) = request.fit();
        let min_top = request.min_top();
        let min_flops = request.min_flops();
        let min_scales = rung_scales(
            min_top,
            scaling.scale_ratio(this.rule.span),
            this.rule.rungs,
        );

        let rule = this.rule;
        let headline_seeds = this
            .power
            .as_ref()
            .map_or(rule.seeds, |p| p.seeds_per_arm.max(rule.seeds));
        let statistics = statistics_text(
            rule,
            design::tests_equivalence(inputs.kind),
            this.comparisons,
        );
        let mut requirements = experiment_requirements(&this.templates);
        requirements.extend(reporting(rule, &statistics));
        let top_tokens = ladder.rungs.last().and_then(|r| r.tokens);
        let evidence = Evidence {
            level,
            name: rule.name,
            settings: rule.settings,
            domains: rule.domains,
            rungs: rule.rungs,
            span: rule.span,
            seeds: headline_seeds,
            seeds_per_configuration: rule.seeds,
            baselines: rule.baselines,
            ablations: rule.ablations,
            statistics,
            headline_comparisons: this.comparisons,
            correction: (this.comparisons > 1).then_some("Holm"),
            corrected_alpha: this.alpha,
            detectable_effect: detectable_effect(headline_seeds, this.alpha, inputs.power),
            release: rule.release,
            replication: rule.replication,
            requirements,
            kind_demands: kind_demands(inputs.kind, top_tokens),
            reasons: reasons(
                inputs.generality,
                inputs.novelty,
                level,
                rule.seeds,
                this.power.as_ref().map(|p| p.seeds_per_arm),
            ),
            reviewer_questions: reviewer_questions(inputs.kind, inputs.generality, inputs.novelty),
        };

        // Each level is decided by its own cheapest ladder; the claim's own
        // cell by the ladder on screen, so the map and the verdict agree.
        let available = ladder.available_flops;
        let fits_by_level: Vec<bool> = (1..=5u8)
            .map(|l| {
                if l == level {
                    ladder.fits
                } else {
                    let other = LevelPlan::new(&inputs, l);
                    let mut request = other.request(&inputs, &scaling, &budget);
                    request.top = None;
                    request.min_flops() <= available
                }
            })
            .collect();
        let claim_map: Vec<ClaimCell> = (1..=5)
            .flat_map(|g| (1..=5).map(move |n| (g, n)))
            .map(|(generality, novelty)| {
                let level = level_for(generality, novelty);
                ClaimCell {
                    generality,
                    novelty,
                    level,
                    fits: fits_by_level[usize::from(level - 1)],
                    weaker: novelty < inputs.novelty,
                }
            })
            .collect();
        let narrower_claims = if ladder.fits {
            Vec::new()
        } else {
            narrower(&claim_map, inputs.generality, inputs.novelty)
        };

        let mut warnings = Vec::new();
        if inputs.effect.is_some() != inputs.noise.is_some() {
            warnings.push(
                "Power analysis skipped: give both effect and noise to size the seeds.".into(),
            );
        }
        if let Some(p) = this.power.as_ref().filter(|p| p.capped) {
            warnings.push(format!(
                "The effect is tiny next to the noise (d = {:.2e}): the power analysis is capped at {} seeds per arm.",
                p.cohen_d, p.seeds_per_arm
            ));
        }
        if headline_seeds > rule.seeds && ladder.sized_by == SizedBy::Budget {
            // What the same budget buys with the level's own seeds: say so
            // rather than trade scale for seeds silently.
            let lighter = design::design(inputs.kind, &Demands::of(rule, rule.seeds));
            let mut request = this.request(&inputs, &scaling, &budget);
            request.templates = &lighter;
            let (with_level_seeds, _) = request.fit();
            let (a, b) = (
                ladder.rungs.last().map_or(0.0, |r| r.scale),
                with_level_seeds.rungs.last().map_or(0.0, |r| r.scale),
            );
            if b > a {
                warnings.push(format!(
                    "The power analysis's {headline_seeds} seeds per arm at the largest size cost scale: the top rung is {} instead of the {} the level's {} seeds would allow.",
                    format::count(a),
                    format::count(b),
                    rule.seeds
                ));
            }
        }
        if inputs.mfu > HIGH_MFU {
            warnings.push(format!(
                "MFU {} is above what large training runs report (about 0.4–0.46); hours may be optimistic.",
                format::number_text(inputs.mfu)
            ));
        }
        if budget.source == BudgetSource::Flops {
            warnings.push(
                "A FLOPs budget replaces accelerators × hours; hours and cost use the chosen accelerator and MFU."
                    .into(),
            );
        }
        if let (Some(top), true) = (
            inputs.top,
            ladder
                .rungs
                .first()
                .is_some_and(|r| r.scale < scaling.floor),
        ) {
            warnings.push(format!(
                "A top of {} leaves the smallest rung below the {} worth a run: the level's {}× span needs a top of at least {}.",
                format::count(top),
                format::count(scaling.floor),
                format::number(rule.span),
                format::count(min_top)
            ));
        }
        if inputs.kind == ContributionKind::Model && scaling.axis == Axis::Pretrain {
            if let Some(params) = ladder.rungs.last().and_then(|r| r.params) {
                let competitive = 6.0 * params * COMPETITIVE_TOKENS_PER_PARAM * params;
                if ladder.planned_flops < 0.1 * competitive {
                    warnings.push(format!(
                        "Competitive open models of {} parameters are trained on far more data: Llama 3 8B saw about {} tokens per parameter (Dubey et al. 2024), about {} FLOPs at this size, {}× this plan. Industry labs win this race on compute; an academic lab does better with a specialty domain, a benchmark or dataset, or an insight.",
                        format::count(params),
                        format::number(COMPETITIVE_TOKENS_PER_PARAM),
                        format::flops(competitive),
                        format::number(competitive / ladder.planned_flops.max(1.0))
                    ));
                }
            }
        }
        if inputs.kind == ContributionKind::Dataset {
            if let Some(tokens) = top_tokens.filter(|&t| t > 4.0 * inputs.data_tokens) {
                warnings.push(format!(
                    "The largest run reads {} tokens: your {} tokens of data would repeat {} times; beyond about 4 epochs repeated data is worth much less than new data (Muennighoff et al. 2023).",
                    format::count(tokens),
                    format::count(inputs.data_tokens),
                    format::number(tokens / inputs.data_tokens)
                ));
            }
        }
        if budget.source == BudgetSource::Flops && ladder.wall_clock_hours > inputs.hours {
            // The typed total decides the fit; say when the hardware cannot
            // deliver it in the time the researcher has.
            warnings.push(format!(
                "Your FLOPs budget decides the fit, but on your {} this plan takes {}, more than the {} given in Hours.",
                format::plural(inputs.count, "accelerator", "accelerators"),
                format::duration(ladder.wall_clock_hours),
                format::duration(inputs.hours),
            ));
        }
        if scaling.axis == Axis::Data && inputs.kind != ContributionKind::Benchmark {
            warnings.push(
                "On the data axis FLOPs count the network only; where simulation or data loading dominates (as in much RL), time one run and use the custom axis."
                    .into(),
            );
        }

        Plan {
            assumptions: assumptions(&inputs, &scaling, &this.templates),
            evidence,
            budget,
            scaling,
            ladder,
            experiments,
            min_flops,
            min_scales,
            kind_summary: design::kind_summary(inputs.kind),
            power: this.power,
            claim_map,
            narrower_claims,
            warnings,
            inputs,
        }
    }

    /// The plan for named values, as `window.evidenceLadder.plan` receives them.
    /// Unknown names become warnings rather than errors, so a typo is visible
    /// without breaking a page that passes extra options.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, FieldValue)>,
    ) -> Result<Plan, InputError> {
        let (inputs, unknown) = Inputs::from_pairs(pairs)?;
        let mut plan = Plan::new(inputs);
        for name in unknown {
            plan.warnings
                .push(format!("Unknown input \"{name}\" ignored."));
        }
        Ok(plan)
    }
}

/// The fitting claims no broader than (generality, novelty) that no other
/// fitting claim in that range dominates: the same novelty first (the same
/// finding, shown more narrowly), then the highest level, then the broadest.
fn narrower(map: &[ClaimCell], generality: u8, novelty: u8) -> Vec<ClaimCell> {
    let candidates: Vec<&ClaimCell> = map
        .iter()
        .filter(|c| c.fits && c.generality <= generality && c.novelty <= novelty)
        .collect();
    let mut best: Vec<ClaimCell> = candidates
        .iter()
        .filter(|c| {
            !candidates.iter().any(|o| {
                (o.generality, o.novelty) != (c.generality, c.novelty)
                    && o.generality >= c.generality
                    && o.novelty >= c.novelty
            })
        })
        .map(|c| (*c).clone())
        .collect();
    best.sort_by_key(|c| (c.weaker, std::cmp::Reverse((c.level, c.generality))));
    best
}

fn assumptions(inputs: &Inputs, scaling: &Scaling, templates: &[Template]) -> Vec<Assumption> {
    let a = inputs.accelerator;
    let mut list = vec![Assumption {
        name: "Training compute per run",
        value: match scaling.axis {
            Axis::Pretrain => "C = 6·N·D, D = k·N, so C grows with N²".into(),
            Axis::Finetune => format!(
                "C = 6·N·D with fixed data D = {} tokens, so C grows with N",
                format::count(scaling.data_tokens)
            ),
            Axis::Data => format!(
                "C = 6·N·D with a fixed model N = {} parameters, so C grows with D",
                format::count(scaling.model_params)
            ),
            Axis::Custom => format!(
                "{} accelerator-hours for the smallest run, growing with scale^{}",
                format::number(scaling.base_hours),
                format::number_text(scaling.exponent)
            ),
        },
        source: match scaling.axis {
            Axis::Custom => "Your measurement of one run",
            _ => "Kaplan et al. 2020, Scaling Laws for Neural Language Models: 6 FLOPs per parameter per token",
        },
    }];
    if scaling.axis == Axis::Pretrain {
        list.push(Assumption {
            name: "Tokens per parameter",
            value: format!("k = {}", format::number_text(inputs.tokens_per_param)),
            source: "Hoffmann et al. 2022 (Chinchilla): about 20 tokens per parameter is compute-optimal",
        });
    }
    list.extend([
        Assumption {
            name: "Accelerator peak",
            value: format!(
                "{}: {} TFLOPS dense",
                a.name,
                format::number_text(a.peak_tflops)
            ),
            source: a.source,
        },
        Assumption {
            name: "Model FLOPs utilisation",
            value: format::number_text(inputs.mfu),
            source: "Epoch AI 2022, Estimating Training Compute: 0.3 for large language models, 0.4 otherwise",
        },
        Assumption {
            name: "Smallest scale worth a run",
            value: format!("{} {}", format::count(scaling.floor), scaling.axis.unit()),
            source: match (inputs.floor, scaling.axis) {
                (Some(_), _) => "Your input",
                (None, Axis::Pretrain | Axis::Finetune) => {
                    "Our assumption: Pythia starts at 14M (Biderman et al. 2023), Chinchilla's fits at 70M"
                }
                (None, Axis::Data) => "Our assumption: below 100M tokens a run says little about scaling",
                (None, Axis::Custom) => "The smallest run itself",
            },
        },
        Assumption {
            name: "Reserve",
            value: format!("{} of the budget", format::percent(inputs.reserve)),
            source: "Our calibration for failed runs, debugging and evaluation; OPT-175B's logbook records dozens of restarts (Zhang et al. 2022)",
        },
        Assumption {
            name: "Where runs go",
            value: "most arms, settings and ablations at the smallest size; every baseline at the middle sizes; the headline at the largest".into(),
            source: "Stevens 2024, Artifacts vs Insights (most experiments at small scale: about 50% small, 30% medium, 20% large); the split by count and compute is shown beside it",
        },
        Assumption {
            name: "Evidence levels",
            value: "the level table, the 5×5 map and the counts per level".into(),
            source: "Our calibration of the essay's direction: broader and less conventional claims need more; the numbers are ours, not the essay's",
        },
    ]);
    if templates.iter().any(|t| t.configs > 1) {
        list.push(Assumption {
            name: "Tuning sweep",
            value: format!("{TUNING_CONFIGS} configurations per arm at the smallest size"),
            source: "Our calibration: Bergstra & Bengio 2012 (random search); Dodge et al. 2019 (equal tuning budgets)",
        });
    }
    if templates.iter().any(|t| t.cost == RunCost::Eval) {
        list.push(Assumption {
            name: "Evaluation",
            value: format!(
                "a forward pass of 2·N FLOPs per token over {} tokens per evaluation",
                format::count(EVAL_TOKENS)
            ),
            source: "Kaplan et al. 2020 (2·N per token); the 5,000 items of 1,000 tokens are our assumption",
        });
    }
    list.push(Assumption {
        name: "Test level and power",
        value: format!(
            "α = {}, power = {}",
            format::number_text(inputs.alpha),
            format::number_text(inputs.power)
        ),
        source: "Cohen 1988, Statistical Power Analysis for the Behavioral Sciences; z-values from Acklam's normal quantile",
    });
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::inputs::Field;

    #[test]
    fn claim_map_has_every_cell_once() {
        let plan = Plan::new(Inputs::default());
        assert_eq!(plan.claim_map.len(), 25);
        for (i, c) in plan.claim_map.iter().enumerate() {
            assert_eq!(usize::from((c.generality - 1) * 5 + (c.novelty - 1)), i);
        }
    }

    #[test]
    fn narrower_claims_fit_and_are_narrower() {
        let mut inputs = Inputs::default();
        inputs
            .set(Field::Generality, &FieldValue::Number(5.0))
            .expect("g");
        inputs
            .set(Field::Novelty, &FieldValue::Number(5.0))
            .expect("n");
        inputs
            .set(Field::Count, &FieldValue::Number(1.0))
            .expect("count");
        inputs
            .set(Field::Hours, &FieldValue::Number(72.0))
            .expect("hours");
        let plan = Plan::new(inputs);
        assert!(!plan.ladder.fits);
        assert!(!plan.narrower_claims.is_empty());
        for c in &plan.narrower_claims {
            assert!(c.fits && c.level < 5);
        }
    }

    #[test]
    fn half_a_power_analysis_warns() {
        let (inputs, _) = Inputs::from_pairs([("effect", FieldValue::Number(1.0))]).expect("ok");
        let plan = Plan::new(inputs);
        assert!(plan.power.is_none());
        assert!(plan
            .warnings
            .iter()
            .any(|w| w.contains("Power analysis skipped")));
    }

    #[test]
    fn unknown_names_become_warnings() {
        let plan = Plan::from_pairs([("colour", FieldValue::Text("red".into()))]).expect("ok");
        assert!(plan.warnings.iter().any(|w| w.contains("\"colour\"")));
    }
}
