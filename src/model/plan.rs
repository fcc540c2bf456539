//! The whole answer for one set of inputs: evidence, ladder, claim map and the
//! assumptions behind every number.

use serde::Serialize;

use super::evidence::{evidence_for, level_for, rule_for, Evidence};
use super::format;
use super::hardware::{Budget, BudgetSource};
use super::inputs::{FieldValue, InputError, Inputs};
use super::ladder::{
    cost_weight, fit, Ladder, LadderSpec, FLOPS_PER_PARAM_TOKEN, SMALLEST_USEFUL_PARAMS,
};
use super::stats::{power_analysis, PowerAnalysis};

/// One cell of the claim map: a (generality, novelty) claim, its level and
/// whether this budget affords it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClaimCell {
    pub generality: u8,
    pub novelty: u8,
    pub level: u8,
    pub fits: bool,
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
    pub ladder: Ladder,
    pub power: Option<PowerAnalysis>,
    /// 25 cells, generality-major: index (g − 1)·5 + (n − 1).
    pub claim_map: Vec<ClaimCell>,
    /// When the plan does not fit: the broadest claims at most as general and
    /// as novel as this one that do fit.
    pub narrower_claims: Vec<ClaimCell>,
    pub assumptions: Vec<Assumption>,
    pub warnings: Vec<String>,
}

/// MFU above this is rarely sustained: PaLM reported 46% (Chowdhery et al.
/// 2022) and Llama 3 405B 38–43% (Dubey et al. 2024).
const HIGH_MFU: f64 = 0.6;

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
        let power = match (inputs.effect, inputs.noise) {
            (Some(effect), Some(noise)) => {
                Some(power_analysis(effect, noise, inputs.alpha, inputs.power))
            }
            _ => None,
        };
        let power_seeds = power.as_ref().map(|p| p.seeds_per_arm);
        let evidence = evidence_for(inputs.kind, inputs.generality, inputs.novelty, power_seeds);

        let specs: Vec<LadderSpec> = (1..=5)
            .map(|level| {
                let rule = rule_for(level);
                LadderSpec {
                    rungs: rule.rungs,
                    span: rule.span,
                    seeds: power_seeds.map_or(rule.seeds, |n| n.max(rule.seeds)),
                }
            })
            .collect();
        // Each level is sized by the costliest ladder at or below it, so a harder
        // requirement never buys a bigger top rung at the same budget.
        let weights: Vec<f64> = specs
            .iter()
            .scan(0.0_f64, |most, spec| {
                *most = most.max(cost_weight(spec));
                Some(*most)
            })
            .collect();
        let ladders: Vec<Ladder> = specs
            .iter()
            .zip(&weights)
            .map(|(spec, &w)| fit(spec, w, &budget, inputs.tokens_per_param, inputs.price))
            .collect();
        let fits_by_level: Vec<bool> = ladders.iter().map(|l| l.fits).collect();
        let ladder = ladders[usize::from(evidence.level - 1)].clone();

        let claim_map: Vec<ClaimCell> = (1..=5)
            .flat_map(|g| (1..=5).map(move |n| (g, n)))
            .map(|(generality, novelty)| {
                let level = level_for(generality, novelty);
                ClaimCell {
                    generality,
                    novelty,
                    level,
                    fits: fits_by_level[usize::from(level - 1)],
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
        if let Some(p) = power.as_ref().filter(|p| p.capped) {
            warnings.push(format!(
                "The effect is tiny next to the noise (d = {:.2e}): the power analysis is capped at {} seeds per arm.",
                p.cohen_d,
                p.seeds_per_arm
            ));
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

        Plan {
            assumptions: assumptions(&inputs),
            evidence,
            budget,
            ladder,
            power,
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
/// fitting claim in that range dominates, broadest first.
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
    // Highest level first, then broadest. At most five cells (no two share a
    // generality), so an insertion sort does, and keeps the general-purpose
    // sort (about 1 KB of the compressed app) out of the build.
    let key = |c: &ClaimCell| (c.level, c.generality);
    for i in 1..best.len() {
        let mut j = i;
        while j > 0 && key(&best[j - 1]) < key(&best[j]) {
            best.swap(j - 1, j);
            j -= 1;
        }
    }
    best
}

fn assumptions(inputs: &Inputs) -> Vec<Assumption> {
    let a = inputs.accelerator;
    vec![
        Assumption {
            name: "Training compute per run",
            value: format!("C = {}·N·D", format::number_text(FLOPS_PER_PARAM_TOKEN)),
            source: "Kaplan et al. 2020, Scaling Laws for Neural Language Models",
        },
        Assumption {
            name: "Tokens per parameter",
            value: format!("D = {}·N", format::number_text(inputs.tokens_per_param)),
            source: "Hoffmann et al. 2022 (Chinchilla): about 20 tokens per parameter is compute-optimal",
        },
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
            name: "Runs by tier",
            value: "50% small, 30% medium, 20% large".into(),
            source: "Stevens 2024, Artifacts vs Insights (P6)",
        },
        Assumption {
            name: "Smallest useful model",
            value: format!("{} parameters", format::count(SMALLEST_USEFUL_PARAMS)),
            source: "Our assumption: Pythia starts at 14M (Biderman et al. 2023), Chinchilla's fits at 70M",
        },
        Assumption {
            name: "Test level and power",
            value: format!(
                "α = {}, power = {}",
                format::number_text(inputs.alpha),
                format::number_text(inputs.power)
            ),
            source: "Cohen 1988, Statistical Power Analysis for the Behavioral Sciences",
        },
    ]
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
