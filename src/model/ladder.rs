//! The scale ladder: which scales to run, and what the design's groups of
//! runs cost on them.
//!
//! Rung scales form a geometric series from the top down whose span (top
//! scale over bottom scale, in the quantity that scales) is the level's. Two
//! ladders matter:
//! - the *minimum* ladder: the bottom rung at the smallest scale worth a run;
//!   its cost is the least compute the claim needs (`min_flops`);
//! - the *budget* ladder: the largest top whose whole plan fits the budget less
//!   the reserve and the accelerators' memory, or the top the researcher asked for.
//!
//! Sizes are rounded down to two significant figures from the top, and the
//! bottom is rounded down from the top's rounded value, so rounding never
//! narrows the span and never spends more than the unrounded plan. Where the
//! rungs are released checkpoints (benchmarks, LLM fine-tuning), they are
//! picked from the family's sizes instead.

use serde::Serialize;

use super::axis::{Axis, Scaling};
use super::checkpoints::pick_sizes;
use super::design::{GroupFacts, GroupId, Placement, RunCost, Template};
use super::hardware::Budget;
use super::memory::{Memory, Use};

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

    /// The essay's share of experiments for this tier: 50/30/20.
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
    pub what: GroupId,
    /// What its words are written from (`text::design`); the public JSON
    /// writes them as `label`.
    #[serde(skip)]
    pub facts: GroupFacts,
    pub arms: u32,
    pub settings: u32,
    pub seeds: u32,
    pub configs: u32,
    pub runs: u32,
    pub flops_per_run: f64,
    pub flops: f64,
    /// Accelerator-hours of all these runs.
    pub hours: f64,
    /// Money, when a price per accelerator-hour is known.
    #[serde(rename = "cost")]
    pub money: Option<f64>,
    /// What each run is: training, a share of one, or an evaluation.
    #[serde(skip)]
    pub cost: RunCost,
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
    /// FLOPs of one full run at this scale: a training run, or an
    /// evaluation where the design only evaluates.
    pub flops_per_run: f64,
    /// Accelerator-hours for one full run.
    pub hours_per_run: f64,
    /// Wall-clock hours for one full run: with all the accelerators on it, or
    /// one accelerator where runs are simulation-bound.
    pub wall_clock_hours_per_run: f64,
    /// Full runs of every group at this rung, each costing `flops_per_run`.
    pub runs: u32,
    /// Runs that cost something else: evaluations beside training, timed
    /// throughput measurements.
    pub partial_runs: u32,
    pub partial_flops: f64,
    /// FLOPs of all runs at this rung: runs × flops_per_run + partial_flops.
    pub flops: f64,
    /// Memory one accelerator needs for this rung's model states (training:
    /// weights, gradients and Adam's moments; evaluation: weights), GB; none
    /// where the axis knows no model size. Activations come out of the share
    /// of memory kept for them (see `memory`).
    pub memory_gb: Option<f64>,
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
    /// The largest model the accelerators' memory holds.
    Memory,
    /// The largest released size of the model family.
    Family,
    /// The largest ladder the hardware finishes by the deadline (Hours),
    /// when that is less than a FLOPs total would buy.
    Deadline,
}

/// Why a ladder does not fit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Shortfall {
    /// It needs more compute than the budget less the reserve.
    Compute,
    /// A FLOPs total was given, and the plan takes longer than Hours on the hardware.
    Hours,
    /// A run needs more memory than the accelerators hold.
    Memory,
    /// The model family has no sizes spanning what the level asks.
    Family,
    /// The chosen top leaves the bottom rung below the smallest scale worth a run.
    Floor,
}

/// Runs and FLOPs of one tier, beside the essay's share.
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
    /// Why it does not fit, when it does not.
    pub short_of: Option<Shortfall>,
    /// How many times the available compute the plan needs, when compute is short.
    pub shortfall: Option<f64>,
    /// The smallest scale worth a run.
    pub floor: f64,
    /// Scale of the top rung over the bottom rung, after rounding.
    pub span: f64,
    /// Compute of one top run over one bottom run.
    pub compute_span: f64,
    /// The largest model the accelerators hold for this plan's runs (training,
    /// or evaluation where the design only evaluates); none where the axis
    /// knows no model size.
    pub max_params: Option<f64>,
    pub runs: u32,
    pub accelerator_hours: f64,
    pub wall_clock_hours: f64,
    pub cost: Option<f64>,
    pub split: Vec<TierSplit>,
}

impl Ladder {
    /// Runs that are not full runs: evaluations beside training, throughput
    /// measurements.
    pub fn partial_runs(&self) -> u32 {
        self.rungs.iter().map(|r| r.partial_runs).sum()
    }

    /// Full runs, each at its rung's cost: what the table's Runs column adds up to.
    pub fn full_runs(&self) -> u32 {
        self.runs - self.partial_runs()
    }
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

/// Most rungs a ladder extends to as the budget grows. Pythia's suite has
/// eight sizes from 70M to 12B (Biderman et al. 2023); more rungs than that
/// add sweeps and seeds at sizes the trend already pins.
pub const MOST_RUNGS: u32 = 8;

/// The rungs a template runs on, for a ladder whose top rung is `last`.
fn placed(at: Placement, last: usize) -> std::ops::RangeInclusive<usize> {
    match at {
        Placement::Bottom => 0..=0,
        Placement::Top => last..=last,
        // Empty when there is no middle rung (1..=0).
        Placement::Middle => 1..=last.saturating_sub(1),
        Placement::Upper => 1.min(last)..=last,
        Placement::Every => 0..=last,
        // The middle rungs, or the top when there is none; nothing on a
        // one-rung ladder, where nothing is above the smallest size.
        Placement::Check if last >= 2 => 1..=last - 1,
        Placement::Check => 1..=last,
        Placement::Centre => last.div_ceil(2)..=last.div_ceil(2),
    }
}

/// FLOPs of one run of this template at this scale.
fn run_flops(cost: RunCost, scale: f64, scaling: &Scaling) -> f64 {
    match cost {
        RunCost::Train => scaling.train_flops(scale),
        RunCost::Partial(share) => share * scaling.train_flops(scale),
        RunCost::Eval => scaling.eval_flops(scale),
        RunCost::Longer(multiple) => multiple * scaling.train_flops(scale),
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
    let mut list = Vec::new();
    for template in templates {
        for i in placed(template.at, last) {
            let scale = scales[i];
            let flops_per_run = run_flops(template.cost, scale, scaling);
            let runs = template.runs();
            let flops = f64::from(runs) * flops_per_run;
            let hours = budget.accelerator_hours_for(flops);
            list.push(Experiment {
                tier: tier_of(i, last),
                rung: i,
                scale,
                params: scaling.params_at(scale),
                what: template.what,
                facts: template.facts,
                arms: template.arms,
                settings: template.settings,
                seeds: template.seeds,
                configs: template.configs,
                runs,
                flops_per_run,
                flops,
                hours,
                money: price.map(|p| p * hours),
                cost: template.cost,
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
/// from the design, how compute grows from the axis, and the limits.
pub struct LadderRequest<'a> {
    pub rungs: u32,
    /// Scale of the top rung over the bottom rung, at least.
    pub span: f64,
    pub templates: &'a [Template],
    pub scaling: &'a Scaling,
    pub budget: &'a Budget,
    pub reserve: f64,
    pub price: Option<f64>,
    /// The top scale wanted, if any.
    pub top: Option<f64>,
    /// What the accelerators hold.
    pub memory: &'a Memory,
    /// Released sizes to pick rungs from (benchmarks, LLM fine-tuning).
    pub checkpoints: Option<&'static [f64]>,
    /// Whether the design trains models; the rung's "per run" figures are an
    /// evaluation's when it does not.
    pub trains: bool,
    /// The wall-clock hours the researcher has, when a FLOPs total sets the
    /// budget (with hardware, the budget is those hours already).
    pub deadline_hours: Option<f64>,
}

/// A ladder's scales and why they are what they are.
struct Chosen {
    scales: Vec<f64>,
    sized_by: SizedBy,
    /// A limit the scales break (memory, the family, the floor), if any.
    breaks: Option<Shortfall>,
}

impl LadderRequest<'_> {
    fn usage(&self) -> Use {
        Use::by(self.trains, self.scaling.method)
    }

    /// The largest model every run of the design can hold: training's cap
    /// and, where a design that trains also evaluates, evaluation's (a model
    /// trained with 4-bit QLoRA is still evaluated in bf16).
    fn cap(&self) -> f64 {
        let evaluates = self.trains && self.templates.iter().any(|t| t.cost == RunCost::Eval);
        let train = self.memory.max_params(self.usage());
        if evaluates {
            train.min(self.memory.max_params(Use::Evaluate))
        } else {
            train
        }
    }

    /// The largest model the accelerators hold for these runs, where the
    /// axis knows model sizes.
    pub fn max_params(&self) -> Option<f64> {
        self.scaling
            .params_at(1.0)
            .map(|_| self.scaling.max_params_for(self.cap()))
    }

    /// The largest scale whose model fits in memory: the cap itself where the
    /// scale is the model size; unbounded where the model is fixed (its own
    /// check is [`Self::fixed_model_fits`]) or unknown.
    fn max_scale(&self) -> f64 {
        match self.scaling.axis {
            Axis::Pretrain | Axis::Finetune => self.scaling.max_params_for(self.cap()),
            Axis::Data | Axis::Custom => f64::INFINITY,
        }
    }

    /// On the data axis the model is fixed: it must fit at every rung.
    fn fixed_model_fits(&self) -> bool {
        self.scaling.axis != Axis::Data
            || self
                .scaling
                .memory_params_at(self.scaling.model_params)
                .is_some_and(|p| p <= self.cap())
    }

    fn cost_of(&self, scales: &[f64]) -> f64 {
        cost(scales, self.templates, self.scaling)
    }

    fn cost_at(&self, top: f64) -> f64 {
        self.cost_of(&self.scales_to(top))
    }

    /// The smallest rung the level allows: the bottom of its cheapest ladder.
    fn bottom(&self) -> f64 {
        rung_scales(self.min_top(), self.span, self.rungs)[0]
    }

    fn scales_to(&self, top: f64) -> Vec<f64> {
        self.scales_between(self.bottom(), top)
    }

    /// The rungs from `bottom` (the smallest the level allows) up to `top`, not
    /// from the level's span below the top, so a larger budget extends the
    /// ladder upward (more rungs at the level's spacing, up to
    /// [`MOST_RUNGS`]) and the cheap rungs where sweeps, ablations and seed
    /// noise run stay cheap. A top within the level's span of the floor
    /// gets the level's own ladder.
    fn scales_between(&self, bottom: f64, top: f64) -> Vec<f64> {
        let top = round_down_2sig(top);
        let span = top / bottom;
        if self.rungs < 2 || span <= self.span * (1.0 + 1e-9) {
            return rung_scales(top, self.span, self.rungs);
        }
        let level_step = self.span.powf(1.0 / f64::from(self.rungs - 1));
        let steps = (span.ln() / level_step.ln() - 1e-9).ceil().max(1.0);
        let rungs = (steps as u32 + 1).clamp(self.rungs, MOST_RUNGS.max(self.rungs));
        let step = span.powf(1.0 / f64::from(rungs - 1));
        let mut scales: Vec<f64> = (0..rungs)
            .map(|i| round_down_2sig(bottom * step.powi(i as i32)))
            .collect();
        scales[0] = bottom;
        scales[rungs as usize - 1] = top;
        scales
    }

    fn spans(&self, scales: &[f64]) -> bool {
        scales.len() >= self.rungs as usize
            && scales
                .last()
                .zip(scales.first())
                .is_some_and(|(top, bottom)| top / bottom >= self.span * (1.0 - 1e-9))
    }

    /// Checkpoint ladders within `max`, smallest top first, that span the level.
    fn checkpoint_ladders(&self, sizes: &[f64], max: f64) -> Vec<Vec<f64>> {
        sizes
            .iter()
            .filter(|&&top| top <= max)
            .filter_map(|&top| pick_sizes(sizes, self.rungs, self.span, top))
            .filter(|scales| self.spans(scales))
            .collect()
    }

    /// The level's ladders of released sizes (`level`, smallest top first),
    /// extended for training: the
    /// bottom stays at the cheapest ladder's and a larger top adds the
    /// family's sizes between (up to [`MOST_RUNGS`]), as `scales_between`
    /// does for a continuous ladder, rather than sliding the whole ladder
    /// up with the top. Tops too close to that bottom keep the level's own
    /// ladder.
    fn extended_checkpoint_ladders(&self, sizes: &[f64], level: &[Vec<f64>]) -> Vec<Vec<f64>> {
        let Some(bottom) = self
            .cheapest_checkpoint_ladder(sizes)
            .and_then(|s| s.first().copied())
        else {
            return level.to_vec();
        };
        level
            .iter()
            .map(|ladder| {
                let top = ladder.last().copied().unwrap_or(bottom);
                let between: Vec<f64> = sizes
                    .iter()
                    .copied()
                    .filter(|&s| s >= bottom * (1.0 - 1e-9) && s <= top)
                    .collect();
                let rungs = (between.len() as u32).clamp(self.rungs, MOST_RUNGS.max(self.rungs));
                pick_sizes(&between, rungs, top / bottom, top)
                    .filter(|wide| wide.len() >= ladder.len() && self.spans(wide))
                    .unwrap_or_else(|| ladder.clone())
            })
            .collect()
    }

    /// The smallest two-figure top whose bottom rung is at least the floor.
    pub fn min_top(&self) -> f64 {
        if let Some(sizes) = self.checkpoints {
            return self
                .checkpoint_ladders(sizes, f64::INFINITY)
                .first()
                .and_then(|s| s.last().copied())
                .unwrap_or(sizes[sizes.len() - 1]);
        }
        let floor = self.scaling.floor;
        let mut top = round_down_2sig(floor * self.span);
        // A handful of steps at most: each raises the bottom by about 1–10%.
        for _ in 0..200 {
            if rung_scales(top, self.span, self.rungs)[0] >= floor {
                break;
            }
            top = next_2sig_up(top);
        }
        top
    }

    /// The scales of the cheapest ladder that satisfies the level, memory aside.
    pub fn min_scales(&self) -> Vec<f64> {
        match self.checkpoints {
            Some(sizes) => self.cheapest_checkpoint_ladder(sizes).unwrap_or_else(|| {
                pick_sizes(sizes, self.rungs, self.span, f64::INFINITY).unwrap_or_default()
            }),
            None => rung_scales(self.min_top(), self.span, self.rungs),
        }
    }

    /// Under the smallest top that spans the level, the cheapest choice of
    /// bottom: any size at least the span below the top will do, and where
    /// the runs at the smallest size dominate (many seeds) a smaller one costs
    /// less. Taking the largest bottom instead let a wider level's ladder,
    /// which reaches a smaller bottom, cost less than a narrower level's.
    fn cheapest_checkpoint_ladder(&self, sizes: &[f64]) -> Option<Vec<f64>> {
        let top = *self
            .checkpoint_ladders(sizes, f64::INFINITY)
            .first()?
            .last()?;
        sizes
            .iter()
            .filter(|&&bottom| bottom * self.span <= top * (1.0 + 1e-9))
            // Asking for the span from top to this bottom picks this bottom.
            .filter_map(|&bottom| pick_sizes(sizes, self.rungs, top / bottom, top))
            .filter(|scales| self.spans(scales))
            .min_by(|a, b| self.cost_of(a).total_cmp(&self.cost_of(b)))
    }

    /// The least compute that satisfies the level.
    pub fn min_flops(&self) -> f64 {
        self.cost_of(&self.min_scales())
    }

    /// Whether the level can be met at all on this hardware and family:
    /// its cheapest ladder holds in memory.
    pub fn feasible(&self) -> bool {
        let scales = self.min_scales();
        self.fixed_model_fits()
            && self.spans(&scales)
            && scales.last().is_some_and(|&top| top <= self.max_scale())
    }

    /// The largest two-figure top whose plan costs at most `available`, if the
    /// minimum ladder does.
    fn budget_top(&self, available: f64) -> Option<f64> {
        let min_top = self.min_top();
        // The bottom is the same for every top tried: found once.
        let bottom = self.bottom();
        let cost_at = |top: f64| self.cost_of(&self.scales_between(bottom, top));
        if cost_at(min_top) > available {
            return None;
        }
        // Cost rises with the top (every rounded scale does), so search: grow
        // tenfold until too dear, then bisect in log space.
        let mut low = min_top;
        let mut high = min_top * 10.0;
        for _ in 0..400 {
            if cost_at(high) > available || high > 1e300 {
                break;
            }
            low = high;
            high *= 10.0;
        }
        // Forty halvings of a tenfold range leave 1 part in 10¹¹: far finer
        // than the two-figure rounding that follows.
        for _ in 0..40 {
            let mid = (low * high).sqrt();
            if cost_at(mid) <= available {
                low = mid;
            } else {
                high = mid;
            }
        }
        Some(round_down_2sig(low).max(min_top))
    }

    /// What a plan may spend: the budget less the reserve, and, when a FLOPs
    /// total sets the budget, no more than the hardware delivers by the deadline.
    pub fn spendable(&self) -> f64 {
        let available = self.budget.flops * (1.0 - self.reserve);
        match self.deadline_hours {
            Some(hours) => available
                .min(hours * f64::from(self.budget.count) * self.budget.flops_per_accelerator_hour),
            None => available,
        }
    }

    /// The largest top that the budget less the reserve, the deadline and
    /// the memory allow, if the claim fits at all: what the verdict names
    /// when the ladder shown does not fit.
    pub fn largest_top(&self) -> Option<f64> {
        if !self.feasible() {
            return None;
        }
        let available = self.spendable();
        match self.checkpoints {
            Some(sizes) => self
                .checkpoint_ladders(sizes, self.max_scale())
                .into_iter()
                .rfind(|s| self.cost_of(s) <= available)
                .and_then(|s| s.last().copied()),
            None => self.budget_top(available).map(|top| {
                top.min(round_down_2sig(self.max_scale()))
                    .max(self.min_top())
            }),
        }
    }

    fn choose(&self) -> Chosen {
        let available = self.spendable();
        let deadline_binds = available < self.budget.flops * (1.0 - self.reserve);
        let max = self.max_scale();
        let memory_ok = self.fixed_model_fits();
        if let Some(sizes) = self.checkpoints.filter(|_| !self.trains) {
            if let Some(every) = self.every_size(sizes, self.top, available) {
                return every;
            }
        }
        match (self.checkpoints, self.top) {
            (Some(sizes), top) => {
                self.of_checkpoints(sizes, top, available, memory_ok, deadline_binds)
            }
            (None, Some(top)) => {
                let scales = self.scales_to(top);
                let breaks = if top > max || !memory_ok {
                    Some(Shortfall::Memory)
                } else if scales[0] < self.scaling.floor {
                    Some(Shortfall::Floor)
                } else {
                    None
                };
                Chosen {
                    scales,
                    sized_by: SizedBy::Top,
                    breaks,
                }
            }
            (None, None) => self.by_budget(available, memory_ok, deadline_binds),
        }
    }

    /// A ladder of released sizes: the largest that spans the level and
    /// is affordable under the cap (the top, the memory), else the cheapest,
    /// with what stops the next larger one.
    fn of_checkpoints(
        &self,
        sizes: &'static [f64],
        top: Option<f64>,
        available: f64,
        memory_ok: bool,
        deadline_binds: bool,
    ) -> Chosen {
        let max = self.max_scale();
        let cap = top.unwrap_or(f64::INFINITY).min(max);
        // The level's own ladders stay the fallback: an extended ladder's
        // extra sizes must not turn a claim that fits into one that does not.
        let ladders = self.checkpoint_ladders(sizes, cap);
        let extended = self.extended_checkpoint_ladders(sizes, &ladders);
        let affordable =
            |all: &[Vec<f64>]| all.iter().rfind(|s| self.cost_of(s) <= available).cloned();
        let affordable = affordable(&extended).or_else(|| affordable(&ladders));
        match (affordable.as_ref(), ladders.first()) {
            (Some(scales), _) => {
                let top_here = scales.last().copied().unwrap_or(0.0);
                // What stops the next larger ladder: memory, the
                // budget, or the family having no larger size.
                let next_top = self
                    .checkpoint_ladders(sizes, f64::INFINITY)
                    .iter()
                    .filter_map(|s| s.last().copied())
                    .find(|&t| t > top_here);
                let sized_by = match (top, next_top) {
                    (Some(_), _) => SizedBy::Top,
                    (None, Some(next)) if next > max => SizedBy::Memory,
                    (None, Some(_)) if deadline_binds => SizedBy::Deadline,
                    (None, Some(_)) => SizedBy::Budget,
                    (None, None) => SizedBy::Family,
                };
                Chosen {
                    scales: scales.clone(),
                    sized_by,
                    breaks: (!memory_ok).then_some(Shortfall::Memory),
                }
            }
            (None, Some(cheapest)) => Chosen {
                scales: cheapest.clone(),
                sized_by: if top.is_some() {
                    SizedBy::Top
                } else {
                    SizedBy::Minimum
                },
                breaks: (!memory_ok).then_some(Shortfall::Memory),
            },
            (None, None) => self.no_checkpoint_ladder(sizes, top, max),
        }
    }

    /// A ladder sized by the budget: the largest top the budget less the
    /// reserve, the deadline and the memory allow, else the claim's minimum.
    fn by_budget(&self, available: f64, memory_ok: bool, deadline_binds: bool) -> Chosen {
        let max = self.max_scale();
        let min_top = self.min_top();
        if min_top > max {
            // Memory stops the level's span above the floor: keep the
            // span under the cap, the bottom below the floor.
            return Chosen {
                scales: rung_scales(max, self.span, self.rungs),
                sized_by: SizedBy::Memory,
                breaks: Some(Shortfall::Memory),
            };
        }
        let breaks = (!memory_ok).then_some(Shortfall::Memory);
        if self.scaling.runs_on_one_accelerator() && self.cost_at(min_top) <= available {
            // Deep RL: a longer run adds what the learning curve of
            // a shorter one already shows; the claim's own span is
            // the ladder, and the rest of the budget is headroom.
            return Chosen {
                scales: rung_scales(min_top, self.span, self.rungs),
                sized_by: SizedBy::Minimum,
                breaks,
            };
        }
        match self.budget_top(available) {
            Some(top) if top > max => Chosen {
                scales: self.scales_to(max.max(min_top)),
                sized_by: SizedBy::Memory,
                breaks,
            },
            Some(top) => Chosen {
                scales: self.scales_to(top),
                sized_by: if deadline_binds {
                    SizedBy::Deadline
                } else {
                    SizedBy::Budget
                },
                breaks,
            },
            None => Chosen {
                scales: rung_scales(min_top, self.span, self.rungs),
                sized_by: SizedBy::Minimum,
                breaks,
            },
        }
    }

    /// Where the design only evaluates (a benchmark), every released size
    /// under the cap, when they span the level and the budget pays for them
    /// all: evaluating a checkpoint costs little, and each size left out
    /// is a comparison a reader cannot make.
    fn every_size(&self, sizes: &[f64], top: Option<f64>, available: f64) -> Option<Chosen> {
        let max = self.max_scale();
        let cap = top.unwrap_or(f64::INFINITY).min(max);
        let scales: Vec<f64> = sizes.iter().copied().filter(|&s| s <= cap).collect();
        let (&bottom, &highest) = (scales.first()?, scales.last()?);
        let spans =
            scales.len() >= self.rungs as usize && highest / bottom >= self.span * (1.0 - 1e-9);
        if !spans || self.cost_of(&scales) > available {
            return None;
        }
        let sized_by = if highest == sizes[sizes.len() - 1] {
            SizedBy::Family
        } else if top.is_some_and(|t| t < max) {
            SizedBy::Top
        } else {
            SizedBy::Memory
        };
        Some(Chosen {
            scales,
            sized_by,
            breaks: None,
        })
    }

    /// Nothing spans the level within the cap (the top, the memory): show
    /// what the family offers under it, and name the limit that stops it,
    /// the chosen top first when it is below what memory holds.
    fn no_checkpoint_ladder(&self, sizes: &[f64], top: Option<f64>, max: f64) -> Chosen {
        let cap = top.unwrap_or(f64::INFINITY).min(max);
        let spans_without_limits = !self.checkpoint_ladders(sizes, f64::INFINITY).is_empty();
        let spans_within_memory = !self.checkpoint_ladders(sizes, max).is_empty();
        // The smallest size stands in when none is under the cap: only
        // memory can cause that (a top below the family is refused earlier).
        let scales =
            pick_sizes(sizes, self.rungs, self.span, cap).unwrap_or_else(|| vec![sizes[0]]);
        let (sized_by, breaks) = if !spans_without_limits {
            (SizedBy::Family, Shortfall::Family)
        } else if top.is_some() && spans_within_memory {
            // The top is what stops the span: the family has no sizes
            // spanning the level under it.
            (SizedBy::Top, Shortfall::Family)
        } else {
            (SizedBy::Memory, Shortfall::Memory)
        };
        Chosen {
            scales,
            sized_by,
            breaks: Some(breaks),
        }
    }

    /// Rung `i` of a ladder on `scales`, priced from its experiments: its
    /// full runs (`main_cost`) and the partial ones beside them.
    fn rung(
        &self,
        i: usize,
        scales: &[f64],
        experiments: &[Experiment],
        main_cost: RunCost,
    ) -> Rung {
        let scale = scales[i];
        let here = experiments.iter().filter(|e| e.rung == i);
        let (full, partial): (Vec<&Experiment>, Vec<&Experiment>) =
            here.partition(|e| e.cost == main_cost);
        let flops_per_run = run_flops(main_cost, scale, self.scaling);
        let runs: u32 = full.iter().map(|e| e.runs).sum();
        // Adding 0.0 turns the empty sum's -0 into 0 for the JSON.
        let partial_flops: f64 = partial.iter().map(|e| e.flops).sum::<f64>() + 0.0;
        let flops = f64::from(runs) * flops_per_run + partial_flops;
        let hours_per_run = self.budget.accelerator_hours_for(flops_per_run);
        Rung {
            tier: tier_of(i, scales.len() - 1),
            scale,
            params: self.scaling.params_at(scale),
            tokens: if self.trains {
                self.scaling.tokens_at(scale)
            } else {
                Some(self.scaling.eval_tokens)
            },
            flops_per_run,
            hours_per_run,
            wall_clock_hours_per_run: if self.scaling.runs_on_one_accelerator() {
                hours_per_run
            } else {
                self.budget.wall_clock_hours_for(flops_per_run)
            },
            runs,
            partial_runs: partial.iter().map(|e| e.runs).sum(),
            partial_flops,
            flops,
            memory_gb: self
                .scaling
                .memory_params_at(scale)
                .map(|p| self.memory.needed_gb(p, self.usage())),
            share_of_budget: flops / self.budget.flops,
            cost: self
                .price
                .map(|p| p * self.budget.accelerator_hours_for(flops)),
        }
    }

    /// The ladder on screen: sized to the wanted top, else the largest the
    /// budget less the reserve and the memory allow, else the minimum the
    /// claim needs.
    pub fn fit(&self) -> (Ladder, Vec<Experiment>) {
        let available = self.budget.flops * (1.0 - self.reserve);
        let Chosen {
            scales,
            sized_by,
            breaks,
        } = self.choose();
        let experiments = experiments(
            &scales,
            self.templates,
            self.scaling,
            self.budget,
            self.price,
        );
        let planned: f64 = experiments.iter().map(|e| e.flops).sum();
        let wall_clock_hours = self.budget.wall_clock_hours_for(planned);
        let short_of = breaks
            .or((planned > available).then_some(Shortfall::Compute))
            .or(self
                .deadline_hours
                .filter(|&h| wall_clock_hours > h)
                .map(|_| Shortfall::Hours));
        let fits = short_of.is_none();
        let shortfall = (short_of == Some(Shortfall::Compute)).then(|| planned / available);
        let last = scales.len() - 1;
        let main_cost = if self.trains {
            RunCost::Train
        } else {
            RunCost::Eval
        };
        let rungs: Vec<Rung> = (0..scales.len())
            .map(|i| self.rung(i, &scales, &experiments, main_cost))
            .collect();
        let runs: u32 = experiments.iter().map(|e| e.runs).sum();
        let split = tier_split(&experiments, main_cost, planned);
        let ladder = Ladder {
            budget_flops: self.budget.flops,
            reserve: self.reserve,
            available_flops: available,
            planned_flops: planned,
            fits,
            short_of,
            shortfall,
            floor: self.scaling.floor,
            span: scales[last] / scales[0],
            compute_span: run_flops(main_cost, scales[last], self.scaling)
                / run_flops(main_cost, scales[0], self.scaling),
            max_params: self.max_params(),
            runs,
            accelerator_hours: self.budget.accelerator_hours_for(planned),
            wall_clock_hours,
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

/// How the runs and the compute fall into the tiers, beside the essay's shares.
fn tier_split(experiments: &[Experiment], main_cost: RunCost, planned: f64) -> Vec<TierSplit> {
    let full_runs: u32 = experiments
        .iter()
        .filter(|e| e.cost == main_cost)
        .map(|e| e.runs)
        .sum();
    Tier::ALL
        .iter()
        .map(|&tier| {
            let of_tier = experiments.iter().filter(|e| e.tier == tier);
            // Experiments are the full runs; evaluations beside training
            // and throughput measurements are not counted as experiments.
            let tier_runs: u32 = of_tier
                .clone()
                .filter(|e| e.cost == main_cost)
                .map(|e| e.runs)
                .sum();
            let tier_flops: f64 = of_tier.map(|e| e.flops).sum::<f64>() + 0.0;
            TierSplit {
                tier,
                runs: tier_runs,
                flops: tier_flops,
                share_of_runs: f64::from(tier_runs) / f64::from(full_runs.max(1)),
                share_of_flops: if planned > 0.0 {
                    tier_flops / planned
                } else {
                    0.0
                },
                essay_share: tier.essay_share(),
            }
        })
        .collect()
}

fn tier_of(i: usize, last: usize) -> Tier {
    match i {
        0 => Tier::Small,
        i if i == last => Tier::Large,
        _ => Tier::Medium,
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
