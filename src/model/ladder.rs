//! The scale ladder: which model sizes to train, how many runs at each, and
//! whether the budget pays for it.
//!
//! Every rung is compute-optimal: a model of N parameters sees D = k·N tokens
//! (k tokens per parameter) and costs C = 6·N·D = 6·k·N² FLOPs per run. Rung
//! sizes are a geometric series whose top-to-bottom compute ratio is the
//! level's span, so the whole ladder's cost is 6·k·N_top²·Σ runsᵢ·(Nᵢ/N_top)².
//! The budget fixes N_top; the ladder fits when its smallest rung is still a
//! model worth training.

use serde::Serialize;

use super::hardware::Budget;

/// FLOPs per parameter per training token (forward and backward pass).
/// Source: Kaplan et al. 2020, "Scaling Laws for Neural Language Models", C ≈ 6·N·D.
pub const FLOPS_PER_PARAM_TOKEN: f64 = 6.0;

/// The smallest model worth putting on a ladder. Our assumption, bracketed by
/// public LM suites: Pythia's smallest model has 14M parameters (Biderman et
/// al. 2023) and Chinchilla's fits start at 70M (Hoffmann et al. 2022).
pub const SMALLEST_USEFUL_PARAMS: f64 = 20e6;

/// Runs in each tier per seed: small 5, medium 3, large 2, that is 50/30/20 by
/// count (P6). The large tier is the headline: the method and its strongest
/// baseline, each with every seed.
const RUNS_PER_SEED: [u32; 3] = [5, 3, 2];

/// Keeps rounding error from ever pushing the plan over the budget.
const SAFETY: f64 = 1.0 - 1e-9;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    Small,
    Medium,
    Large,
}

impl Tier {
    /// Lowercase id, as in the JS API ("small").
    pub fn id(self) -> &'static str {
        match self {
            Tier::Small => "small",
            Tier::Medium => "medium",
            Tier::Large => "large",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Tier::Small => "Small",
            Tier::Medium => "Medium",
            Tier::Large => "Large",
        }
    }

    /// What the runs of this tier are for.
    pub fn purpose(self) -> &'static str {
        match self {
            Tier::Small => "method, baselines and ablations across the settings",
            Tier::Medium => "the trend: method against baselines as scale grows",
            Tier::Large => "the headline: method against its strongest baseline",
        }
    }
}

/// The shape a level asks of the ladder.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LadderSpec {
    /// Number of model sizes, at least 3.
    pub rungs: u32,
    /// Per-run compute of the top rung over the bottom rung.
    pub span: f64,
    /// Seeds per configuration.
    pub seeds: u32,
}

/// One model size of the ladder.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Rung {
    pub tier: Tier,
    pub params: f64,
    pub tokens: f64,
    pub flops_per_run: f64,
    /// Accelerator-hours for one run.
    pub hours_per_run: f64,
    /// Wall-clock hours for one run with all the accelerators on it.
    pub wall_clock_hours_per_run: f64,
    pub runs: u32,
    /// Share of the budget's FLOPs that this rung's runs use, 0–1.
    pub share_of_budget: f64,
    /// Cost of all this rung's runs, when a price per accelerator-hour is known.
    pub cost: Option<f64>,
}

/// The ladder the budget buys, with its totals and verdict.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Ladder {
    pub rungs: Vec<Rung>,
    pub budget_flops: f64,
    pub planned_flops: f64,
    pub fits: bool,
    /// Budget at which the smallest rung reaches [`SMALLEST_USEFUL_PARAMS`].
    pub required_flops: f64,
    /// `required_flops / budget_flops` when the plan does not fit.
    pub shortfall: Option<f64>,
    pub smallest_useful_params: f64,
    pub runs: u32,
    pub accelerator_hours: f64,
    pub wall_clock_hours: f64,
    pub cost: Option<f64>,
}

/// Runs on each rung, bottom to top: 50% on the smallest, 20% on the largest,
/// and 30% spread over the rungs between, the smaller ones taking any remainder.
pub fn runs_per_rung(spec: &LadderSpec) -> Vec<u32> {
    let rungs = spec.rungs.max(3) as usize;
    let [small, medium, large] = RUNS_PER_SEED.map(|r| r.saturating_mul(spec.seeds));
    let middle = (rungs - 2) as u32;
    let mut runs = vec![small];
    runs.extend((0..middle).map(|i| medium / middle + u32::from(i < medium % middle)));
    runs.push(large);
    runs
}

/// Size of each rung relative to the top one, bottom to top.
fn relative_sizes(spec: &LadderSpec) -> Vec<f64> {
    let rungs = spec.rungs.max(3);
    let steps = f64::from(rungs - 1);
    // Compute grows with N², so N spans the square root of the compute span.
    let size_span = spec.span.sqrt();
    (0..rungs)
        // exp∘ln rather than powf: the app already needs both, and powf is 2 KB of wasm.
        .map(|i| (size_span.ln() * -f64::from(rungs - 1 - i) / steps).exp())
        .collect()
}

/// Rounds down to two significant figures, so sizes read as 1.3B or 350M and
/// never exceed what the budget pays for.
///
/// ```
/// use evidence_ladder::model::ladder::round_down_2sig;
/// assert_eq!(round_down_2sig(1_334_000_000.0), 1_300_000_000.0);
/// assert_eq!(round_down_2sig(129_999.0), 120_000.0);
/// ```
pub fn round_down_2sig(x: f64) -> f64 {
    if !(x > 0.0 && x.is_finite()) {
        return 0.0;
    }
    let scale = 10f64.powi(x.log10().floor() as i32 - 1);
    let mut r = (x / scale).floor() * scale;
    // log10 and the division can land one step off either way.
    if r > x {
        r -= scale;
    } else if r + scale <= x {
        r += scale;
    }
    r
}

/// The ladder's cost in units of one top-rung run: Σ runsᵢ·(Nᵢ/N_top)².
pub fn cost_weight(spec: &LadderSpec) -> f64 {
    runs_per_rung(spec)
        .iter()
        .zip(relative_sizes(spec))
        .map(|(&n, r)| f64::from(n) * r * r)
        .sum()
}

/// Fits the ladder `spec` to `budget`, training `tokens_per_param` tokens per parameter.
///
/// `weight` sizes the top rung: N_top = √(budget / (6·k·weight)). It is at least
/// [`cost_weight`] of `spec`; a caller passes more to keep a harder requirement
/// from buying a bigger top rung than an easier one would (a wider span makes
/// the lower rungs cheaper, which would otherwise free compute for the top).
pub fn fit(
    spec: &LadderSpec,
    weight: f64,
    budget: &Budget,
    tokens_per_param: f64,
    price: Option<f64>,
) -> Ladder {
    let runs = runs_per_rung(spec);
    let sizes = relative_sizes(spec);
    let per_param_squared = FLOPS_PER_PARAM_TOKEN * tokens_per_param;
    let weight = weight.max(cost_weight(spec));
    let top = (budget.flops * SAFETY / (per_param_squared * weight)).sqrt();
    let bottom_share = sizes[0];
    let fits = top * bottom_share >= SMALLEST_USEFUL_PARAMS;
    let required_flops =
        per_param_squared * weight * (SMALLEST_USEFUL_PARAMS / bottom_share).powi(2);

    let last = runs.len() - 1;
    let rungs: Vec<Rung> = runs
        .iter()
        .zip(&sizes)
        .enumerate()
        .map(|(i, (&n, &r))| {
            let params = round_down_2sig(top * r);
            let tokens = tokens_per_param * params;
            let flops_per_run = FLOPS_PER_PARAM_TOKEN * params * tokens;
            let hours_per_run = budget.accelerator_hours_for(flops_per_run);
            Rung {
                tier: match i {
                    0 => Tier::Small,
                    i if i == last => Tier::Large,
                    _ => Tier::Medium,
                },
                params,
                tokens,
                flops_per_run,
                hours_per_run,
                wall_clock_hours_per_run: budget.wall_clock_hours_for(flops_per_run),
                runs: n,
                share_of_budget: f64::from(n) * flops_per_run / budget.flops,
                cost: price.map(|p| p * hours_per_run * f64::from(n)),
            }
        })
        .collect();
    let planned_flops: f64 = rungs
        .iter()
        .map(|r| f64::from(r.runs) * r.flops_per_run)
        .sum();
    Ladder {
        budget_flops: budget.flops,
        planned_flops,
        fits,
        required_flops,
        shortfall: (!fits).then(|| required_flops / budget.flops),
        smallest_useful_params: SMALLEST_USEFUL_PARAMS,
        runs: runs.iter().sum(),
        accelerator_hours: budget.accelerator_hours_for(planned_flops),
        wall_clock_hours: budget.wall_clock_hours_for(planned_flops),
        cost: price.map(|p| p * budget.accelerator_hours_for(planned_flops)),
        rungs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::hardware::find_accelerator;

    fn reference_budget() -> Budget {
        let a100 = find_accelerator("a100").expect("preset");
        Budget::from_hardware(a100, 8, 720.0, 0.4, None)
    }

    #[test]
    fn runs_split_fifty_thirty_twenty() {
        let spec = LadderSpec {
            rungs: 4,
            span: 100.0,
            seeds: 5,
        };
        assert_eq!(runs_per_rung(&spec), vec![25, 8, 7, 10]);
        let spec = LadderSpec {
            rungs: 5,
            span: 1e4,
            seeds: 10,
        };
        assert_eq!(runs_per_rung(&spec), vec![50, 10, 10, 10, 20]);
    }

    #[test]
    fn rungs_span_the_required_compute() {
        let spec = LadderSpec {
            rungs: 4,
            span: 100.0,
            seeds: 5,
        };
        let sizes = relative_sizes(&spec);
        assert!((sizes[3] - 1.0).abs() < 1e-12);
        assert!((sizes[0] - 0.1).abs() < 1e-12, "√100 = 10× in parameters");
    }

    #[test]
    fn reference_point_gives_the_essays_ladder() {
        // P6: 8 A100 for 30 days at 40% MFU, a mid-level claim: 120M … 1.3B.
        let spec = LadderSpec {
            rungs: 4,
            span: 100.0,
            seeds: 5,
        };
        let ladder = fit(&spec, cost_weight(&spec), &reference_budget(), 20.0, None);
        let params: Vec<f64> = ladder.rungs.iter().map(|r| r.params).collect();
        assert_eq!(params, vec![1.3e8, 2.8e8, 6.1e8, 1.3e9]);
        assert!(ladder.fits);
        assert!(ladder.planned_flops <= ladder.budget_flops);
        assert!(ladder.planned_flops > 0.9 * ladder.budget_flops);
    }

    #[test]
    fn tiny_budget_does_not_fit_and_says_by_how_much() {
        let spec = LadderSpec {
            rungs: 4,
            span: 100.0,
            seeds: 5,
        };
        let a100 = find_accelerator("a100").expect("preset");
        let budget = Budget::from_hardware(a100, 1, 1.0, 0.4, None);
        let ladder = fit(&spec, 0.0, &budget, 20.0, Some(2.0));
        assert!(!ladder.fits);
        let shortfall = ladder.shortfall.expect("shortfall");
        let enough = Budget::from_hardware(a100, 1, shortfall * 1.0001, 0.4, None);
        assert!(fit(&spec, 0.0, &enough, 20.0, None).fits);
        let cost: f64 = ladder.rungs.iter().filter_map(|r| r.cost).sum();
        assert!((cost - ladder.cost.expect("cost")).abs() < 1e-9);
    }

    #[test]
    fn rounding_never_rounds_up() {
        for x in [1.0, 9.99, 10.0, 1.3e9, 1.2999999e9, 7.7e6, 123_456.0] {
            let r = round_down_2sig(x);
            assert!(r <= x && r > x * 0.9 - 1e-9, "{x} → {r}");
        }
    }
}
