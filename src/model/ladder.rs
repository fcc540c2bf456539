//! The scale ladder: which scales to run, and what the design's groups of
//! runs cost on them.
//!
//! Rung scales form a geometric series from the top down whose compute span
//! (top run over bottom run) is the level's. Two ladders matter:
//! - the *minimum* ladder: the bottom rung at the smallest scale worth a run;
//!   its cost is the least compute the claim needs (`min_flops`);
//! - the *budget* ladder: the largest top whose whole plan fits the budget less
//!   the reserve, or the top the researcher asked for.
//!
//! Sizes are rounded down to two significant figures from the top, and the
//! bottom is rounded down from the top's rounded value, so rounding never
//! narrows the span and never spends more than the unrounded plan.

use serde::Serialize;

use super::axis::Scaling;
use super::design::{Placement, RunCost, Template};
use super::hardware::Budget;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    Small,
    Medium,
    Large,
}

impl Tier {
    pub const ALL: [Self; 3] = [Self::Small, Self::Medium, Self::Large];

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

    /// P6's share of experiments for this tier: 50/30/20.
    pub fn essay_share(self) -> f64 {
        match self {
            Tier::Small => 0.5,
            Tier::Medium => 0.3,
            Tier::Large => 0.2,
        }
    }
}

/// One group of runs placed on one rung, priced.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Experiment {
    pub tier: Tier,
    /// Index of the rung, 0 for the smallest.
    pub rung: usize,
    /// The rung's scale in the axis's unit (parameters on pretrain and finetune).
    pub scale: f64,
    /// Parameters of the model, where the axis knows them.
    pub params: Option<f64>,
    pub what: &'static str,
    pub label: String,
    pub arms: u32,
    pub settings: u32,
    pub seeds: u32,
    pub configs: u32,
    pub runs: u32,
    pub flops_per_run: f64,
    pub flops: f64,
    /// Accelerator-hours of all these runs.
    pub hours: f64,
    pub cost: Option<f64>,
}

/// One scale of the ladder with the runs placed on it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Rung {
    pub tier: Tier,
    /// The scale in the axis's unit.
    pub scale: f64,
    /// Parameters, where the axis knows them (not on the custom axis).
    pub params: Option<f64>,
    /// Training tokens per run, where the axis knows them.
    pub tokens: Option<f64>,
    /// FLOPs of one training run at this scale.
    pub flops_per_run: f64,
    /// Accelerator-hours for one training run.
    pub hours_per_run: f64,
    /// Wall-clock hours for one training run with all the accelerators on it.
    pub wall_clock_hours_per_run: f64,
    /// Runs of every group at this rung.
    pub runs: u32,
    /// FLOPs of all runs at this rung.
    pub flops: f64,
    /// Share of the budget's FLOPs that this rung's runs use, 0–1.
    pub share_of_budget: f64,
    /// Cost of all this rung's runs, when a price per accelerator-hour is known.
    pub cost: Option<f64>,
}

/// Which ladder is on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SizedBy {
    /// The largest ladder the budget less the reserve pays for.
    Budget,
    /// The top scale the researcher asked for.
    Top,
    /// The least the claim needs (shown when the budget cannot pay for it).
    Minimum,
}

/// Runs and FLOPs of one tier, beside P6's share.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct TierSplit {
    pub tier: Tier,
    pub runs: u32,
    pub flops: f64,
    pub share_of_runs: f64,
    pub share_of_flops: f64,
    pub essay_share: f64,
}

/// The ladder with its experiments, totals and verdict.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Ladder {
    pub rungs: Vec<Rung>,
    pub sized_by: SizedBy,
    pub budget_flops: f64,
    /// Share of the budget kept for failed runs, debugging and evaluation.
    pub reserve: f64,
    /// The budget less the reserve: what the plan may spend.
    pub available_flops: f64,
    /// Sum of the experiments' FLOPs.
    pub planned_flops: f64,
    pub fits: bool,
    /// How many times the available compute the plan needs, when it does not fit.
    pub shortfall: Option<f64>,
    /// The smallest scale worth a run.
    pub floor: f64,
    /// Compute of one top run over one bottom run, after rounding.
    pub span: f64,
    pub runs: u32,
    pub accelerator_hours: f64,
    pub wall_clock_hours: f64,
    pub cost: Option<f64>,
    pub split: Vec<TierSplit>,
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

/// The next two-significant-figure value above `x`: 1.3B → 1.4B.
fn next_2sig_up(x: f64) -> f64 {
    let r = round_down_2sig(x);
    r + 10f64.powi(r.log10().floor() as i32 - 1)
}

/// Scales of a ladder of `rungs` rungs whose top is `top` (rounded down) and
/// whose bottom is `ratio` times smaller or more, bottom to top.
pub fn rung_scales(top: f64, ratio: f64, rungs: u32) -> Vec<f64> {
    let rungs = rungs.max(2);
    let top = round_down_2sig(top);
    let steps = f64::from(rungs - 1);
    let mut scales: Vec<f64> = (0..rungs)
        .map(|i| {
            let down = f64::from(rungs - 1 - i) / steps;
            round_down_2sig(top / ratio.powf(down))
        })
        .collect();
    if let Some(last) = scales.last_mut() {
        *last = top;
    }
    scales
}

/// The rungs a template runs on, for a ladder whose top rung is `last`.
fn placed(at: Placement, last: usize) -> std::ops::RangeInclusive<usize> {
    match at {
        Placement::Bottom => 0..=0,
        Placement::Top => last..=last,
        // Empty when there is no middle rung (1..=0).
        Placement::Middle => 1..=last.saturating_sub(1),
        Placement::Every => 0..=last,
    }
}

/// FLOPs of one run of this template at this scale.
fn run_flops(cost: RunCost, scale: f64, scaling: &Scaling) -> f64 {
    match cost {
        RunCost::Train => scaling.train_flops(scale),
        RunCost::Partial(share) => share * scaling.train_flops(scale),
        RunCost::Eval => scaling.eval_flops(scale),
    }
}

/// The templates placed on these scales and priced.
pub fn experiments(
    scales: &[f64],
    templates: &[Template],
    scaling: &Scaling,
    budget: &Budget,
    price: Option<f64>,
) -> Vec<Experiment> {
    let last = scales.len().saturating_sub(1);
    let tier = |i: usize| match i {
        0 => Tier::Small,
        i if i == last => Tier::Large,
        _ => Tier::Medium,
    };
    let mut list = Vec::new();
    for template in templates {
        for i in placed(template.at, last) {
            let scale = scales[i];
            let flops_per_run = run_flops(template.cost, scale, scaling);
            let runs = template.runs();
            let flops = f64::from(runs) * flops_per_run;
            let hours = budget.accelerator_hours_for(flops);
            list.push(Experiment {
                tier: tier(i),
                rung: i,
                scale,
                params: scaling.params_at(scale),
                what: template.what,
                label: template.label.clone(),
                arms: template.arms,
                settings: template.settings,
                seeds: template.seeds,
                configs: template.configs,
                runs,
                flops_per_run,
                flops,
                hours,
                cost: price.map(|p| p * hours),
            });
        }
    }
    list
}

/// What a plan on these scales costs in FLOPs: the sum [`experiments`] would
/// give, without building them (the budget search calls this often).
fn cost(scales: &[f64], templates: &[Template], scaling: &Scaling) -> f64 {
    let last = scales.len().saturating_sub(1);
    templates
        .iter()
        .flat_map(|t| {
            placed(t.at, last)
                .map(move |i| f64::from(t.runs()) * run_flops(t.cost, scales[i], scaling))
        })
        .sum()
}

/// What the ladder needs: rungs and span from the level, the groups of runs
/// from the design, and how compute grows from the axis.
pub struct LadderRequest<'a> {
    pub rungs: u32,
    /// Compute of one top run over one bottom run, at least.
    pub span: f64,
    pub templates: &'a [Template],
    pub scaling: &'a Scaling,
    pub budget: &'a Budget,
    pub reserve: f64,
    pub price: Option<f64>,
    /// The top scale wanted, if any.
    pub top: Option<f64>,
    /// The largest top the budget may buy: the largest open models, for a
    /// design that only evaluates existing models.
    pub max_top: Option<f64>,
    /// Whether the design trains models; the rung's "per run" figures are an
    /// evaluation's when it does not.
    pub trains: bool,
}

impl LadderRequest<'_> {
    fn ratio(&self) -> f64 {
        self.scaling.scale_ratio(self.span)
    }

    fn cost_at(&self, top: f64) -> f64 {
        cost(
            &rung_scales(top, self.ratio(), self.rungs),
            self.templates,
            self.scaling,
        )
    }

    /// The smallest two-figure top whose bottom rung is at least the floor.
    pub fn min_top(&self) -> f64 {
        let floor = self.scaling.floor;
        let ratio = self.ratio();
        let mut top = round_down_2sig(floor * ratio);
        // A handful of steps at most: each raises the bottom by about 1–10%.
        for _ in 0..200 {
            if rung_scales(top, ratio, self.rungs)[0] >= floor {
                break;
            }
            top = next_2sig_up(top);
        }
        top
    }

    /// The least compute that satisfies the level.
    pub fn min_flops(&self) -> f64 {
        self.cost_at(self.min_top())
    }

    /// The largest two-figure top whose plan costs at most `available`, if the
    /// minimum ladder does.
    fn budget_top(&self, available: f64) -> Option<f64> {
        let min_top = self.min_top();
        if self.cost_at(min_top) > available {
            return None;
        }
        // Cost rises with the top (every rounded scale does), so search: grow
        // tenfold until too dear, then bisect in log space.
        let mut low = min_top;
        let mut high = min_top * 10.0;
        for _ in 0..400 {
            if self.cost_at(high) > available || high > 1e300 {
                break;
            }
            low = high;
            high *= 10.0;
        }
        // Forty halvings of a tenfold range leave 1 part in 10¹¹: far finer
        // than the two-figure rounding that follows.
        for _ in 0..40 {
            let mid = (low * high).sqrt();
            if self.cost_at(mid) <= available {
                low = mid;
            } else {
                high = mid;
            }
        }
        let top = round_down_2sig(low).max(min_top);
        Some(self.max_top.map_or(top, |max| top.min(max.max(min_top))))
    }

    /// The ladder on screen: sized to the wanted top, else the largest the
    /// budget less the reserve pays for, else the minimum the claim needs.
    pub fn fit(&self) -> (Ladder, Vec<Experiment>) {
        let available = self.budget.flops * (1.0 - self.reserve);
        let min_top = self.min_top();
        let min_flops = self.cost_at(min_top);
        let (top, sized_by) = match self.top {
            Some(top) => (top, SizedBy::Top),
            None => match self.budget_top(available) {
                Some(top) => (top, SizedBy::Budget),
                None => (min_top, SizedBy::Minimum),
            },
        };
        let scales = rung_scales(top, self.ratio(), self.rungs);
        let experiments = experiments(
            &scales,
            self.templates,
            self.scaling,
            self.budget,
            self.price,
        );
        let planned: f64 = experiments.iter().map(|e| e.flops).sum();
        let bottom_ok = scales[0] >= self.scaling.floor;
        let fits = bottom_ok && planned <= available;
        let shortfall = (!fits).then(|| {
            if bottom_ok {
                planned / available
            } else {
                min_flops / available
            }
        });
        let last = scales.len() - 1;
        let rungs: Vec<Rung> = scales
            .iter()
            .enumerate()
            .map(|(i, &scale)| {
                let here = experiments.iter().filter(|e| e.rung == i);
                let flops: f64 = here.clone().map(|e| e.flops).sum();
                let flops_per_run = if self.trains {
                    self.scaling.train_flops(scale)
                } else {
                    self.scaling.eval_flops(scale)
                };
                Rung {
                    tier: match i {
                        0 => Tier::Small,
                        i if i == last => Tier::Large,
                        _ => Tier::Medium,
                    },
                    scale,
                    params: self.scaling.params_at(scale),
                    tokens: self.scaling.tokens_at(scale),
                    flops_per_run,
                    hours_per_run: self.budget.accelerator_hours_for(flops_per_run),
                    wall_clock_hours_per_run: self.budget.wall_clock_hours_for(flops_per_run),
                    runs: here.clone().map(|e| e.runs).sum(),
                    flops,
                    share_of_budget: flops / self.budget.flops,
                    cost: self
                        .price
                        .map(|p| p * self.budget.accelerator_hours_for(flops)),
                }
            })
            .collect();
        let runs: u32 = experiments.iter().map(|e| e.runs).sum();
        let split = Tier::ALL
            .iter()
            .map(|&tier| {
                let of_tier = experiments.iter().filter(|e| e.tier == tier);
                let tier_runs: u32 = of_tier.clone().map(|e| e.runs).sum();
                let tier_flops: f64 = of_tier.map(|e| e.flops).sum();
                TierSplit {
                    tier,
                    runs: tier_runs,
                    flops: tier_flops,
                    share_of_runs: f64::from(tier_runs) / f64::from(runs.max(1)),
                    share_of_flops: if planned > 0.0 {
                        tier_flops / planned
                    } else {
                        0.0
                    },
                    essay_share: tier.essay_share(),
                }
            })
            .collect();
        let span = self.scaling.train_flops(scales[last]) / self.scaling.train_flops(scales[0]);
        let ladder = Ladder {
            budget_flops: self.budget.flops,
            reserve: self.reserve,
            available_flops: available,
            planned_flops: planned,
            fits,
            shortfall,
            floor: self.scaling.floor,
            span,
            runs,
            accelerator_hours: self.budget.accelerator_hours_for(planned),
            wall_clock_hours: self.budget.wall_clock_hours_for(planned),
            cost: self
                .price
                .map(|p| p * self.budget.accelerator_hours_for(planned)),
            sized_by,
            split,
            rungs,
        };
        (ladder, experiments)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_never_rounds_up() {
        for x in [1.0, 9.99, 10.0, 1.3e9, 1.2999999e9, 7.7e6, 123_456.0] {
            let r = round_down_2sig(x);
            assert!(r <= x && r > x * 0.9 - 1e-9, "{x} → {r}");
        }
        assert_eq!(next_2sig_up(1.3e9), 1.4e9);
        assert_eq!(next_2sig_up(9.9e6), 1e7);
    }

    #[test]
    fn scales_keep_the_span_after_rounding() {
        for ratio in [10.0, 31.6227766, 100.0] {
            for top in [1.37e9, 7e9, 2.2e7, 999.0] {
                let s = rung_scales(top, ratio, 4);
                assert!(s[3] / s[0] >= ratio * (1.0 - 1e-12), "{s:?}");
                assert!(s.windows(2).all(|w| w[0] < w[1]), "{s:?}");
            }
        }
    }
}
