//! The whole answer for one set of inputs: evidence, ladder, claim map and the
//! assumptions behind every number.

use serde::Serialize;

use super::assumptions::{assumptions, Assumption};
use super::axis::Scaling;
use super::design::{self, Demands, GroupId, Template};
use super::evidence::{level_for, reasons, rule_for_claim, Evidence, LevelRule, Statistics};
use super::hardware::{Budget, BudgetSource};
use super::inputs::{Adjustment, ContributionKind, FieldValue, InputError, Inputs};
use super::ladder::{Experiment, Ladder, LadderRequest, SizedBy};
use super::memory::Memory;
use super::power::VerdictPower;
use super::requirements::{self, reporting, Requirement};
use super::seeding::{self, in_multiplier};
use super::stages::{stages, Stage};
use super::stats::{
    detectable_effect, equivalence_margin, equivalence_seeds, power_analysis, PowerAnalysis,
};
use super::warnings::{self, Warning};

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
    /// Less general than the claim asked about.
    pub narrower: bool,
}

/// How many items a benchmark needs so that adjacent sizes separate: a
/// paired difference on the same items, detected by a two-sided z-test.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ItemsNeeded {
    /// The difference between adjacent sizes to detect (the effect input,
    /// else 0.03: three accuracy points).
    pub difference: f64,
    /// Standard deviation of one item's paired difference (the noise
    /// input, else 0.5).
    pub sd: f64,
    /// Whether difference and sd are the researcher's (else ours).
    pub given: bool,
    /// Items per comparison, before any inflation for clustered items.
    pub items: u32,
}

/// Difference between adjacent sizes a benchmark should resolve when none
/// is given: three accuracy points. Our assumption: neighbouring sizes of
/// a family often differ by a few points on a benchmark that is not saturated.
pub const DEFAULT_BENCHMARK_GAP: f64 = 0.03;

/// Standard deviation of one item's paired difference when none is given:
/// √(2 · 0.25 · (1 − 0.5)) = 0.5 for accuracies near 50% whose per-item
/// correctness correlates 0.5 between adjacent models (Miller 2024, Section
/// on paired differences: the correlation is what pairing gains). Our assumption.
pub const DEFAULT_ITEM_SD: f64 = 0.5;

/// When a one-run difference between datasets counts: beyond √2 · t of the
/// seed-to-seed spread σ measured at the smallest size, with the t quantile
/// for σ's degrees of freedom (σ from a few seeds is itself uncertain).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct DatasetRule {
    /// Degrees of freedom of the pooled σ: datasets × (seeds − 1).
    pub df: f64,
    /// The two-sided t quantile at the test level.
    pub t: f64,
    /// The threshold in σ: √2 · t.
    pub threshold: f64,
}

/// Everything Evidence Ladder says about one set of inputs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Plan {
    pub inputs: Inputs,
    /// The public JSON writes it with its sentences (`text::public`).
    #[serde(skip)]
    pub evidence: Evidence,
    pub budget: Budget,
    pub scaling: Scaling,
    pub ladder: Ladder,
    /// Every group of runs the plan asks for, priced: the ladder's totals are
    /// their sums. The public JSON writes them with their labels (`text::public`).
    #[serde(skip)]
    pub experiments: Vec<Experiment>,
    /// The least compute that satisfies the level: its cheapest ladder, whose
    /// bottom rung is the smallest scale worth a run.
    pub min_flops: f64,
    /// Scales of that cheapest ladder, bottom to top.
    pub min_scales: Vec<f64>,
    /// Seeds per arm from the effect and noise given (a t-test at one rung).
    pub seed_power: Option<PowerAnalysis>,
    /// The plan in stages, each with its go/no-go gate.
    pub stages: Vec<Stage>,
    /// How often the plan's own rungs and seeds reach "holds" for the
    /// assumed multiplier; `None` where the kind compares no arms over seeds.
    pub power: Option<VerdictPower>,
    /// 25 cells, generality-major: index (g − 1)·5 + (n − 1).
    pub claim_map: Vec<ClaimCell>,
    /// Whether the claim itself fits: its cheapest ladder holds in memory and
    /// costs at most the budget less the reserve. A chosen top can fail
    /// while the claim fits; the claim map and the narrower claims follow this.
    pub claim_fits: bool,
    /// When the ladder shown does not fit but the claim does (a chosen top, or
    /// a deadline that binds): the largest top that fits.
    pub largest_top: Option<f64>,
    /// When the claim does not fit: the broadest claims at most as general and
    /// as novel as this one that do fit, same novelty first.
    pub narrower_claims: Vec<ClaimCell>,
    /// The numbers the plan rests on, as facts; the public JSON writes
    /// them as `{ name, value, source }` (`text::assumptions`).
    #[serde(skip)]
    pub assumptions: Vec<Assumption>,
    /// The checklist with its counts: the experiments, then the reporting,
    /// then what the measurements need. The JSON writes one sentence each
    /// as `evidence.requirements` (`text::requirements`).
    #[serde(skip)]
    pub requirements: Vec<Requirement>,
    /// What to double-check, as facts; the public JSON writes them as
    /// sentences (`text::warnings`).
    #[serde(skip)]
    pub warnings: Vec<Warning>,
    /// Items a benchmark needs to separate adjacent sizes (benchmarks only).
    pub items_needed: Option<ItemsNeeded>,
    /// When a one-run difference between datasets counts (datasets only).
    pub dataset_rule: Option<DatasetRule>,
}

/// How this level's results are reported, for this kind and field.
fn statistics(inputs: &Inputs, rule: &LevelRule, comparisons: u32) -> Statistics {
    Statistics {
        kind: inputs.kind,
        field: inputs.field,
        level_rule: rule.statistics,
        comparisons,
    }
}

/// The headline comparisons a level tests at the top rung: one per domain.
fn comparisons(rule: &LevelRule) -> u32 {
    rule.domains.max(1)
}

/// Seeds per arm the power analysis asks for, at the corrected test level:
/// a two-sample t-test for a gain, or TOST for equivalence. None where the
/// kind compares no arms over seeds.
fn power_for(inputs: &Inputs, alpha: f64) -> Option<PowerAnalysis> {
    let (effect, noise) = (inputs.effect?, inputs.noise?);
    if !design::compares_over_seeds(inputs.kind) {
        return None;
    }
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

use super::stats::{normal_quantile, EQUIVALENCE_METHOD};
use super::t_dist::student_t_quantile;

/// Everything a level needs to be planned with these inputs.
struct LevelPlan {
    rule: LevelRule,
    comparisons: u32,
    alpha: f64,
    power: Option<PowerAnalysis>,
    templates: Vec<Template>,
}

impl LevelPlan {
    /// `powers` keeps the power analyses already run, by the number of
    /// comparisons they were corrected for: the claim map asks for the same
    /// few again and again, and each is an exact search.
    fn new(
        inputs: &Inputs,
        generality: u8,
        level: u8,
        powers: &mut Vec<(u32, Option<PowerAnalysis>)>,
    ) -> Self {
        let rule = rule_for_claim(generality, level);
        let comparisons = comparisons(&rule);
        let alpha = inputs.alpha / f64::from(comparisons);
        let power = match powers.iter().find(|(c, _)| *c == comparisons) {
            Some((_, power)) => power.clone(),
            None => {
                let power = power_for(inputs, alpha);
                powers.push((comparisons, power.clone()));
                power
            }
        };
        let headline = power.as_ref().map_or(rule.seeds, |p| p.seeds_per_arm);
        let templates = design::design(
            inputs.kind,
            &Demands::of(&rule, headline, inputs.field, inputs.tuning),
        );
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
        memory: &'a Memory,
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
            memory,
            checkpoints: inputs.uses_checkpoints().then(|| inputs.family.sizes()),
            trains: design::trains(inputs.kind),
            // Hours bounds a FLOPs total whatever its value: the form always
            // shows one, and a default typed on purpose is still a deadline
            // (with hardware, the budget is those hours already).
            deadline_hours: (budget.source == BudgetSource::Flops).then_some(inputs.hours),
        }
    }

    /// The same level with the verdict's seeds placed for its power on the
    /// ladder the level's own seeds would get (see `seeding`); unchanged
    /// where the kind does not place seeds so, or where the placed seeds'
    /// cheapest ladder would not fit the budget (the plan then shows the
    /// power the level's seeds have, and what would reach the target).
    fn placed_for_power(
        self,
        inputs: &Inputs,
        scaling: &Scaling,
        budget: &Budget,
        memory: &Memory,
    ) -> Self {
        let (ladder, experiments) = self.request(inputs, scaling, budget, memory).fit();
        let placed = seeding::placed_templates(
            inputs,
            &self.templates,
            &ladder,
            &experiments,
            scaling.exponent,
            self.rule.seeds,
            self.power.as_ref().map_or(2, |p| p.seeds_per_arm),
        );
        let Some(templates) = placed else {
            return self;
        };
        let placed = LevelPlan {
            templates,
            power: self.power.clone(),
            ..self
        };
        let request = LadderRequest {
            top: None,
            ..placed.request(inputs, scaling, budget, memory)
        };
        if placed.fits(&request) {
            placed
        } else {
            self
        }
    }

    /// The top the same budget buys with the level's own seeds, where the
    /// plan runs more (a power analysis, or the verdict's placement): the
    /// warnings say so rather than trade scale for seeds silently.
    fn top_with_level_seeds(
        &self,
        inputs: &Inputs,
        scaling: &Scaling,
        budget: &Budget,
        memory: &Memory,
    ) -> f64 {
        let rule = &self.rule;
        let lighter = design::design(
            inputs.kind,
            &Demands::of(rule, rule.seeds, inputs.field, inputs.tuning),
        );
        let request = LadderRequest {
            templates: &lighter,
            ..self.request(inputs, scaling, budget, memory)
        };
        request.fit().0.rungs.last().map_or(0.0, |r| r.scale)
    }

    /// The evidence this level asks for, with the checklist's requirements.
    fn evidence(
        &self,
        inputs: &Inputs,
        level: u8,
        ladder: &Ladder,
        scaling: &Scaling,
    ) -> (Evidence, Vec<Requirement>) {
        let rule = &self.rule;
        let compares = design::compares_over_seeds(inputs.kind);
        let headline_seeds = self.headline_seeds();
        let statistics = statistics(inputs, rule, self.comparisons);
        // A benchmark evaluates every released size that fits, and a larger
        // budget adds rungs, so a ladder often has more than the level's:
        // the checklist counts the sizes it runs. A ladder cut short (by
        // memory or a family) keeps the level's count; its verdict says so.
        let checklist_rule = LevelRule {
            rungs: rule.rungs.max(ladder.rungs.len() as u32),
            ..*rule
        };
        let mut requirements = requirements::experiments(&self.templates, checklist_rule.rungs);
        // The span line keeps the level's least number of sizes, except for
        // a benchmark, whose requirement is every released size that fits.
        let span_rule = if inputs.kind == ContributionKind::Benchmark {
            &checklist_rule
        } else {
            rule
        };
        requirements.extend(reporting(span_rule, scaling.unit(), statistics));
        requirements.extend(measurement_requirements(inputs));
        let evidence = Evidence {
            level,
            name: rule.name,
            // What the checklist asks, so the summary never says less: deep
            // RL's settings are at least its field's tasks, and a
            // benchmark's sizes every released one that fits.
            settings: Demands::of(rule, headline_seeds, inputs.field, inputs.tuning).settings,
            domains: rule.domains,
            rungs: span_rule.rungs,
            span: rule.span,
            seeds: headline_seeds,
            seeds_per_configuration: if compares { rule.seeds } else { 1 },
            baselines: rule.baselines,
            ablations: rule.ablations,
            statistics,
            headline_comparisons: self.comparisons,
            correction: (self.comparisons > 1).then_some("Holm"),
            corrected_alpha: self.alpha,
            detectable_effect: (compares && headline_seeds > 1).then(|| {
                if design::tests_equivalence(inputs.kind) {
                    equivalence_margin(headline_seeds, self.alpha, inputs.power)
                } else {
                    detectable_effect(headline_seeds, self.alpha, inputs.power)
                }
            }),
            release: rule.release,
            replication: rule.replication,
            reasons: reasons(
                inputs.generality,
                inputs.novelty,
                level,
                rule.seeds,
                self.power.as_ref().map(|p| p.seeds_per_arm),
            ),
        };
        (evidence, requirements)
    }

    /// Whether the claim fits, and its cheapest ladder's scales and FLOPs.
    fn claim_minimum(
        &self,
        inputs: &Inputs,
        scaling: &Scaling,
        budget: &Budget,
        memory: &Memory,
    ) -> (bool, Vec<f64>, f64) {
        let request = LadderRequest {
            top: None,
            ..self.request(inputs, scaling, budget, memory)
        };
        (
            self.fits(&request),
            request.min_scales(),
            request.min_flops(),
        )
    }

    /// Whether this level's claim fits: its cheapest ladder holds in memory,
    /// costs at most the budget less the reserve, and ends by the deadline.
    fn fits(&self, request: &LadderRequest) -> bool {
        request.feasible() && request.min_flops() <= request.spendable()
    }

    /// The seeds of the headline comparisons, and the smallest effect they
    /// detect, where the kind compares arms over seeds.
    fn headline_seeds(&self) -> u32 {
        self.templates
            .iter()
            .find(|t| t.what == GroupId::Headline)
            .or_else(|| self.templates.iter().find(|t| t.seeds > 1))
            .map_or(1, |t| t.seeds)
    }
}

/// What the compute buys: the budget, how cost grows with scale on the
/// chosen axis, and the memory one run has.
fn compute_of(inputs: &Inputs) -> (Budget, Scaling, Memory) {
    let budget = Budget::from_hardware(
        inputs.accelerator,
        inputs.count,
        inputs.hours,
        inputs.mfu,
        inputs.flops,
    );
    let scaling = inputs.scaling(budget.flops_per_accelerator_hour);
    let memory = Memory::of(
        inputs.accelerator,
        scaling.accelerators_per_run(inputs.count),
    );
    (budget, scaling, memory)
}

/// The claim map: each cell decided by its own cheapest ladder, the
/// claim's own cell too (`own`: its rule and whether it fits), so the map,
/// the narrower claims and `claim_fits` agree. Cells whose rules agree (the
/// same level and domains) share one fit.
fn claim_map(
    inputs: &Inputs,
    own: (LevelRule, bool),
    powers: &mut Vec<(u32, Option<PowerAnalysis>)>,
    (scaling, budget, memory): (&Scaling, &Budget, &Memory),
) -> Vec<ClaimCell> {
    let mut fits_by_rule: Vec<(LevelRule, bool)> = vec![own];
    (1..=5)
        .flat_map(|g| (1..=5).map(move |n| (g, n)))
        .map(|(generality, novelty)| {
            let level = level_for(generality, novelty);
            let rule = rule_for_claim(generality, level);
            let fits = match fits_by_rule.iter().find(|(r, _)| *r == rule) {
                Some(&(_, fits)) => fits,
                None => {
                    let other = LevelPlan::new(inputs, generality, level, powers);
                    let request = LadderRequest {
                        top: None,
                        ..other.request(inputs, scaling, budget, memory)
                    };
                    let fits = other.fits(&request);
                    fits_by_rule.push((rule, fits));
                    fits
                }
            };
            ClaimCell {
                generality,
                novelty,
                level,
                fits,
                weaker: novelty < inputs.novelty,
                narrower: generality < inputs.generality,
            }
        })
        .collect()
}

impl Plan {
    /// The parts computed from the rest of the plan: its stages, the
    /// verdict's power, and the warnings (the inputs' adjustments first).
    fn finish(&mut self, notes: Vec<Adjustment>, top_with_level_seeds: Option<f64>) {
        self.stages = stages(
            &self.experiments,
            &self.ladder,
            self.inputs.kind,
            in_multiplier(&self.inputs),
        );
        self.power = seeding::power_of(
            &self.inputs,
            &self.ladder,
            &self.experiments,
            self.scaling.exponent,
            design::compares_over_seeds(self.inputs.kind),
        );
        if let Some(p) = &self.power {
            // Before the test level, the list's last entry.
            let at = self.assumptions.len().saturating_sub(1);
            self.assumptions.insert(
                at,
                Assumption::VerdictPower {
                    worth: p.worth(),
                    seed_sd: p.seed_sd,
                    given: match p.multiplier {
                        Some(_) => self.inputs.loss_noise.is_some(),
                        None => self.inputs.noise.is_some() || self.inputs.effect.is_some(),
                    },
                },
            );
        }
        self.warnings = notes.into_iter().map(Warning::Adjusted).collect();
        let warnings = warnings::of(&self.warning_context(), top_with_level_seeds);
        self.warnings.extend(warnings);
    }

    /// The plan for these inputs.
    ///
    /// ```
    /// use evidence_ladder::model::{inputs::Inputs, plan::Plan};
    /// let plan = Plan::new(Inputs::default());
    /// assert_eq!(plan.evidence.level, 3);
    /// assert!(plan.ladder.fits);
    /// ```
    pub fn new(inputs: Inputs) -> Plan {
        let (inputs, notes) = inputs.reconciled();
        let (budget, scaling, memory) = compute_of(&inputs);
        let level = level_for(inputs.generality, inputs.novelty);
        let mut powers = Vec::new();
        // Whether the claim fits, and what it needs at least, are the level's
        // own (its seeds), as in the claim map; the plan shown places the
        // verdict's seeds for its power when that still fits.
        let level_plan = LevelPlan::new(&inputs, inputs.generality, level, &mut powers);
        let (claim_fits, min_scales, min_flops) =
            level_plan.claim_minimum(&inputs, &scaling, &budget, &memory);
        let this = if claim_fits {
            level_plan.placed_for_power(&inputs, &scaling, &budget, &memory)
        } else {
            level_plan
        };
        let (ladder, experiments) = this.request(&inputs, &scaling, &budget, &memory).fit();
        let claim_request = LadderRequest {
            top: None,
            ..this.request(&inputs, &scaling, &budget, &memory)
        };
        let largest_top = (claim_fits && !ladder.fits)
            .then(|| claim_request.largest_top())
            .flatten();

        let (evidence, requirements) = this.evidence(&inputs, level, &ladder, &scaling);
        let headline_seeds = evidence.seeds;
        let rule = &this.rule;

        let claim_map = claim_map(
            &inputs,
            (this.rule, claim_fits),
            &mut powers,
            (&scaling, &budget, &memory),
        );
        let narrower_claims = if claim_fits {
            Vec::new()
        } else {
            narrower(&claim_map, inputs.generality, inputs.novelty)
        };

        let top_with_level_seeds = (headline_seeds > rule.seeds
            && ladder.sized_by == SizedBy::Budget)
            .then(|| this.top_with_level_seeds(&inputs, &scaling, &budget, &memory));
        let mut plan = Plan {
            assumptions: assumptions(
                &inputs,
                &scaling,
                &memory,
                &this.templates,
                &ladder.rungs.iter().map(|r| r.scale).collect::<Vec<_>>(),
            ),
            requirements,
            evidence,
            budget,
            scaling,
            ladder,
            experiments,
            min_flops,
            min_scales,
            stages: Vec::new(),
            power: None,
            seed_power: this.power,
            claim_map,
            claim_fits,
            largest_top,
            narrower_claims,
            warnings: Vec::new(),
            items_needed: items_needed(&inputs),
            dataset_rule: dataset_rule(&inputs, &this.templates),
            inputs,
        };
        plan.finish(notes, top_with_level_seeds);
        plan
    }

    /// The parts of the plan its warnings read.
    fn warning_context(&self) -> warnings::Context<'_> {
        warnings::Context {
            inputs: &self.inputs,
            evidence: &self.evidence,
            budget: &self.budget,
            scaling: &self.scaling,
            ladder: &self.ladder,
            seed_power: self.seed_power.as_ref(),
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
            plan.warnings.push(Warning::UnknownInput { name });
        }
        Ok(plan)
    }
}

/// What the measurements themselves need beyond runs: enough benchmark
/// items to separate sizes, and metrics that change smoothly with scale.
fn measurement_requirements(inputs: &Inputs) -> Vec<Requirement> {
    let items = items_needed(inputs).map(|n| Requirement::Items {
        items: n.items,
        difference: n.difference,
        sd: n.sd,
        given: n.given,
        power: inputs.power,
        alpha: inputs.alpha,
    });
    items
        .into_iter()
        .chain(requirements::continuous_metric(inputs.kind, inputs.field))
        .collect()
}

/// Items needed to detect the paired difference between adjacent sizes at
/// the chosen test level and power: n = ((z₁₋α/₂ + z_power) · sd / δ)².
fn items_needed(inputs: &Inputs) -> Option<ItemsNeeded> {
    if inputs.kind != ContributionKind::Benchmark {
        return None;
    }
    let given = inputs.effect.zip(inputs.noise);
    let (difference, sd) = given.unwrap_or((DEFAULT_BENCHMARK_GAP, DEFAULT_ITEM_SD));
    let z = normal_quantile(1.0 - inputs.alpha / 2.0) + normal_quantile(inputs.power);
    let items = ((z * sd / difference).powi(2))
        .ceil()
        .min(f64::from(u32::MAX));
    Some(ItemsNeeded {
        difference,
        sd,
        given: given.is_some(),
        items: items as u32,
    })
}

/// The dataset rule for these templates: the seeds and datasets at the
/// smallest size give σ its degrees of freedom.
fn dataset_rule(inputs: &Inputs, templates: &[Template]) -> Option<DatasetRule> {
    if inputs.kind != ContributionKind::Dataset {
        return None;
    }
    let seeded = templates.iter().find(|t| t.what == GroupId::Datasets)?;
    let df = f64::from(seeded.arms) * f64::from(seeded.seeds.saturating_sub(1));
    if df < 1.0 {
        return None;
    }
    let t = student_t_quantile(1.0 - inputs.alpha / 2.0, df);
    Some(DatasetRule {
        df,
        t,
        threshold: std::f64::consts::SQRT_2 * t,
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::axis::Axis;
    use crate::model::inputs::Field;
    use crate::model::ladder::Shortfall;

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
        assert!(plan.seed_power.is_none());
        assert!(plan.warnings.contains(&Warning::HalfPowerAnalysis));
    }

    #[test]
    fn a_negative_result_says_how_wide_its_equivalence_margin_is() {
        let kind = ("kind", FieldValue::Text("negative_result".into()));
        let level_seeds = Plan::from_pairs([kind.clone()]).expect("ok");
        let margin = level_seeds.evidence.detectable_effect.expect("a margin");
        assert!(margin > 1.0);
        let warned = |plan: &Plan| {
            plan.warnings
                .iter()
                .any(|w| matches!(w, Warning::WideEquivalence { .. }))
        };
        assert!(warned(&level_seeds));
        // Seeds sized for a margin of one standard deviation: nothing to say.
        let sized = Plan::from_pairs([
            kind,
            ("effect", FieldValue::Number(0.5)),
            ("noise", FieldValue::Number(0.5)),
        ])
        .expect("ok");
        assert!(sized.evidence.detectable_effect.expect("a margin") <= 1.0);
        assert!(!warned(&sized));
        // What the warning says one standard deviation takes is what it takes.
        assert!(level_seeds.warnings.iter().any(|w| matches!(
            w,
            Warning::WideEquivalence { seeds_within_one, .. }
                if *seeds_within_one == sized.evidence.seeds
        )));
        // The plan rests on the negative result's own tuning (the idea's
        // double sweep; its words are tested in `text::assumptions`).
        assert!(level_seeds.assumptions.iter().any(|a| matches!(
            a,
            Assumption::Tuning {
                kind: ContributionKind::NegativeResult,
                ..
            }
        )));
    }

    #[test]
    fn several_headline_comparisons_show_the_corrected_level() {
        let plan = Plan::from_pairs([
            ("generality", FieldValue::Number(5.0)),
            ("novelty", FieldValue::Number(5.0)),
        ])
        .expect("ok");
        assert_eq!(plan.evidence.headline_comparisons, 3);
        assert!((plan.evidence.corrected_alpha - plan.inputs.alpha / 3.0).abs() < 1e-12);
    }

    #[test]
    fn a_deep_rl_run_must_fit_on_the_one_accelerator_it_uses() {
        // 10B parameters × 16 bytes = 160 GB: eight 80 GB accelerators hold
        // it sharded, but a deep-RL run has one of them to itself.
        let plan = Plan::from_pairs([
            ("field", FieldValue::Text("rl".into())),
            ("axis", FieldValue::Text("data".into())),
            ("model_params", FieldValue::Number(10e9)),
            ("count", FieldValue::Number(8.0)),
        ])
        .expect("ok");
        assert!(plan.scaling.runs_on_one_accelerator());
        assert_eq!(plan.ladder.short_of, Some(Shortfall::Memory));
        assert!(!plan.ladder.fits);
    }

    #[test]
    fn a_claim_across_domains_is_shown_in_them_at_every_novelty() {
        for (generality, domains) in [(4, 2), (5, 3)] {
            for novelty in 1..=5 {
                let plan = Plan::from_pairs([
                    ("generality", FieldValue::Number(f64::from(generality))),
                    ("novelty", FieldValue::Number(f64::from(novelty))),
                ])
                .expect("ok");
                let e = &plan.evidence;
                assert!(e.domains >= domains, "g{generality} n{novelty}");
                assert!(e.settings >= e.domains);
                // One headline comparison per domain, corrected for them.
                assert_eq!(e.headline_comparisons, e.domains);
                // The headline runs in each domain's main setting.
                assert!(plan.requirements.iter().any(|r| matches!(
                    r,
                    Requirement::Runs { what, settings, .. }
                        if *what == GroupId::Headline && *settings == e.domains
                )));
            }
        }
    }

    #[test]
    fn a_field_without_its_conventions_says_so() {
        let warns = |pairs: &[(&str, &str)], which: fn(&Warning) -> bool| {
            let plan = Plan::from_pairs(
                pairs
                    .iter()
                    .map(|&(k, v)| (k, FieldValue::Text(v.into())))
                    .collect::<Vec<_>>(),
            )
            .expect("ok");
            plan.warnings.iter().any(which)
        };
        fn rl(w: &Warning) -> bool {
            matches!(w, Warning::RlOnTokens { .. })
        }
        fn vision(w: &Warning) -> bool {
            matches!(w, Warning::VisionOnPretrain { .. })
        }
        assert!(warns(&[("field", "rl")], |w| *w
            == Warning::RlOnTokens {
                axis: Axis::Pretrain
            }));
        assert!(!warns(&[("field", "rl"), ("axis", "data")], rl));
        assert!(warns(&[("field", "vision")], vision));
        assert!(!warns(&[("field", "vision"), ("axis", "finetune")], vision));
        assert!(!warns(&[("field", "llm")], |w| rl(w) || vision(w)));
    }

    #[test]
    fn a_dataset_read_many_times_over_warns_on_every_axis() {
        for axis in ["pretrain", "data"] {
            let plan = Plan::from_pairs([
                ("kind", FieldValue::Text("dataset".into())),
                ("axis", FieldValue::Text(axis.into())),
                ("data_tokens", FieldValue::Number(1e9)),
            ])
            .expect("ok");
            assert!(
                plan.warnings
                    .iter()
                    .any(|w| matches!(w, Warning::DataRepeated { times, .. } if *times > 4.0)),
                "{axis}"
            );
        }
    }

    #[test]
    fn unknown_names_become_warnings() {
        let plan = Plan::from_pairs([("colour", FieldValue::Text("red".into()))]).expect("ok");
        assert!(plan.warnings.contains(&Warning::UnknownInput {
            name: "colour".into()
        }));
    }
}
