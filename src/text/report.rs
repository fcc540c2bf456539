//! A plan in words: the sentences and table cells the page and the compact
//! embed show, and the Markdown a researcher pastes into a proposal, written
//! from the plan's numbers. One source for all three; each table's rows add
//! up to its totals row as shown (tests/domain.rs,
//! `every_table_adds_up_in_every_view`).

use super::evidence::{generality_phrase, novelty_phrase};
use super::format;
use crate::model::axis::Axis;
use crate::model::fields::Rule;
use crate::model::hardware::BudgetSource;
use crate::model::inputs::{ContributionKind, Inputs};
use crate::model::ladder::{Experiment, Rung, Shortfall, SizedBy};
use crate::model::memory::{Memory, Use};
use crate::model::plan::{ClaimCell, Plan};

/// Whether the ladder table shows a column for runs that are not full runs
/// (evaluations beside training, throughput measurements).
fn has_partial_runs(plan: &Plan) -> bool {
    plan.ladder.rungs.iter().any(|r| r.partial_runs > 0)
}

/// What a column of the ladder table holds: the totals row sums the
/// columns that add up, whatever their headings say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LadderColumn {
    Tier,
    Scale,
    /// Tokens (or, on the data axis, parameters) beside the scale.
    Other,
    FlopsPerRun,
    HoursPerRun,
    WallClockPerRun,
    Memory,
    Runs,
    PartialRuns,
    Flops,
    Share,
    Cost,
}

/// The ladder table's columns for this plan's axis and prices.
pub fn ladder_column_kinds(plan: &Plan) -> Vec<LadderColumn> {
    let trains = crate::model::design::trains(plan.inputs.kind);
    let mut columns = vec![LadderColumn::Tier, LadderColumn::Scale];
    if !trains || plan.scaling.axis.other_heading().is_some() {
        columns.push(LadderColumn::Other);
    }
    columns.extend([
        LadderColumn::FlopsPerRun,
        LadderColumn::HoursPerRun,
        LadderColumn::WallClockPerRun,
    ]);
    if plan.ladder.max_params.is_some() {
        columns.push(LadderColumn::Memory);
    }
    columns.push(LadderColumn::Runs);
    if has_partial_runs(plan) {
        columns.push(LadderColumn::PartialRuns);
    }
    columns.extend([LadderColumn::Flops, LadderColumn::Share]);
    if plan.ladder.cost.is_some() {
        columns.push(LadderColumn::Cost);
    }
    columns
}

/// A column's heading for this plan.
fn ladder_heading(plan: &Plan, column: LadderColumn) -> String {
    let trains = crate::model::design::trains(plan.inputs.kind);
    let per_run = if trains { "run" } else { "evaluation" };
    match column {
        LadderColumn::Tier => "Tier".to_owned(),
        LadderColumn::Scale => plan.scaling.scale_heading().to_owned(),
        LadderColumn::Other if !trains => "Evaluated tokens".to_owned(),
        LadderColumn::Other => plan
            .scaling
            .axis
            .other_heading()
            .unwrap_or_default()
            .to_owned(),
        // Simulation-bound runs are priced by time; shown as the FLOPs
        // that time delivers, so every total adds up in one unit.
        LadderColumn::FlopsPerRun if plan.scaling.runs_on_one_accelerator() => {
            format!("FLOPs-equivalent per {per_run}")
        }
        LadderColumn::FlopsPerRun => format!("FLOPs per {per_run}"),
        LadderColumn::HoursPerRun => format!("Accelerator-hours per {per_run}"),
        LadderColumn::WallClockPerRun => format!("Wall-clock per {per_run}"),
        LadderColumn::Memory => "Memory per accelerator, used / usable".to_owned(),
        LadderColumn::Runs if trains => "Runs".to_owned(),
        LadderColumn::Runs => "Evaluations".to_owned(),
        LadderColumn::PartialRuns => "Other runs (FLOPs)".to_owned(),
        LadderColumn::Flops => "FLOPs, all runs".to_owned(),
        LadderColumn::Share => "Share of budget".to_owned(),
        LadderColumn::Cost => format!("Cost, all runs ({})", plan.inputs.currency),
    }
}

/// Column headings of the ladder table for this plan's axis and prices.
pub fn ladder_columns(plan: &Plan) -> Vec<String> {
    ladder_column_kinds(plan)
        .into_iter()
        .map(|c| ladder_heading(plan, c))
        .collect()
}

/// A scale in the axis's unit: "1.3B", or "31×" on the custom axis.
pub fn scale_text(plan: &Plan, scale: f64) -> String {
    match plan.scaling.axis {
        Axis::Custom => format!("{}×", format::number(scale)),
        // Released sizes by their names: Llama 3's 405B, not "400B".
        _ if plan.inputs.uses_checkpoints() => format::size(scale),
        _ => format::count(scale),
    }
}

/// Each rung's share of the budget and their total, as whole percentages
/// that add up (largest remainders; see [`format::percents`]).
fn budget_shares(plan: &Plan) -> Vec<String> {
    let shares: Vec<f64> = plan
        .ladder
        .rungs
        .iter()
        .map(|r| r.share_of_budget)
        .collect();
    format::percents(&shares)
}

/// One cell of a rung's row; `share` is its share of the budget as shown.
fn rung_cell(plan: &Plan, rung: &Rung, column: LadderColumn, share: &str) -> String {
    let trains = crate::model::design::trains(plan.inputs.kind);
    match column {
        LadderColumn::Tier => rung.tier.label().to_owned(),
        LadderColumn::Scale => scale_text(plan, rung.scale),
        LadderColumn::Other if trains && plan.scaling.axis == Axis::Data => {
            format::count(rung.params.unwrap_or(0.0))
        }
        LadderColumn::Other => format::count(rung.tokens.unwrap_or(0.0)),
        LadderColumn::FlopsPerRun => format::flops(rung.flops_per_run),
        LadderColumn::HoursPerRun => format::number(rung.hours_per_run),
        LadderColumn::WallClockPerRun => format::duration(rung.wall_clock_hours_per_run),
        LadderColumn::Memory => {
            let usage = Use::of(trains);
            let count = plan.scaling.accelerators_per_run(plan.inputs.count);
            let usable = Memory::of(plan.inputs.accelerator, count).usable_gb(usage);
            format!(
                "{} / {} GB",
                format::number(rung.memory_gb.unwrap_or(0.0)),
                format::number(usable)
            )
        }
        LadderColumn::Runs => format::whole(rung.runs),
        LadderColumn::PartialRuns if rung.partial_runs > 0 => format!(
            "{} ({})",
            format::whole(rung.partial_runs),
            format::flops(rung.partial_flops)
        ),
        LadderColumn::PartialRuns => "–".to_owned(),
        LadderColumn::Flops => format::flops(rung.flops),
        LadderColumn::Share => share.to_owned(),
        LadderColumn::Cost => rung.cost.map(format::number).unwrap_or_default(),
    }
}

/// The ladder's rows, one per rung, as table cells in [`ladder_columns`] order.
pub fn ladder_rows(plan: &Plan) -> Vec<Vec<String>> {
    let columns = ladder_column_kinds(plan);
    let shares = budget_shares(plan);
    plan.ladder
        .rungs
        .iter()
        .zip(&shares)
        .map(|(rung, share)| {
            columns
                .iter()
                .map(|&c| rung_cell(plan, rung, c, share))
                .collect()
        })
        .collect()
}

/// Whether rows shown to two significant figures add up to their total
/// shown to two: where they do not, the total is marked as rounded.
fn adds_up(rows: impl Iterator<Item = f64>, total: f64) -> bool {
    let sum: f64 = rows.map(|x| format::round_sig(x, 2)).sum();
    let shown = format::round_sig(total, 2);
    (sum - shown).abs() <= 1e-9 * shown.abs()
}

/// A total shown beside its rows: as it is where the rows shown add up to
/// it, else marked "≈" (each row and the total are right to two figures;
/// their sum need not be).
fn total_text(text: String, adds: bool) -> String {
    if adds {
        text
    } else {
        format!("≈ {text}")
    }
}

/// The totals row, in [`ladder_columns`] order: the sums under the columns
/// that add up, blanks elsewhere.
pub fn total_cells(plan: &Plan) -> Vec<String> {
    let l = &plan.ladder;
    let partial_flops: f64 = l.rungs.iter().map(|r| r.partial_flops).sum();
    let share = budget_shares(plan).pop().unwrap_or_default();
    ladder_column_kinds(plan)
        .into_iter()
        .map(|column| match column {
            LadderColumn::Tier => "Total".to_owned(),
            LadderColumn::Runs => format::whole(l.full_runs()),
            LadderColumn::PartialRuns => format!(
                "{} ({})",
                format::whole(l.partial_runs()),
                total_text(
                    format::flops(partial_flops),
                    adds_up(
                        l.rungs
                            .iter()
                            .filter(|r| r.partial_runs > 0)
                            .map(|r| r.partial_flops),
                        partial_flops
                    )
                )
            ),
            LadderColumn::Flops => total_text(
                format::flops(l.planned_flops),
                adds_up(l.rungs.iter().map(|r| r.flops), l.planned_flops),
            ),
            LadderColumn::Share => share.clone(),
            LadderColumn::Cost => l.cost.map_or_else(String::new, |cost| {
                total_text(
                    format::number(cost),
                    adds_up(l.rungs.iter().filter_map(|r| r.cost), cost),
                )
            }),
            _ => String::new(),
        })
        .collect()
}

/// The compact embed's ladder: one row per tier (small, medium, large)
/// with its sizes as a range, its runs and its share of the budget, so it
/// is as short for eight rungs as for three; shares rounded so the rows add
/// up to the total.
pub fn small_ladder(plan: &Plan) -> (Vec<String>, Vec<Vec<String>>, Vec<String>) {
    let headings = vec![
        ladder_heading(plan, LadderColumn::Tier),
        ladder_heading(plan, LadderColumn::Scale),
        // The compact view says "Runs" whatever the kind runs.
        "Runs".to_owned(),
        ladder_heading(plan, LadderColumn::Share),
    ];
    let tiers: Vec<&[Rung]> = plan
        .ladder
        .rungs
        .chunk_by(|a, b| a.tier == b.tier)
        .collect();
    let tier_shares: Vec<f64> = tiers
        .iter()
        .map(|t| t.iter().map(|r| r.share_of_budget).sum())
        .collect();
    let mut shares = format::percents(&tier_shares);
    let total_share = shares.pop().unwrap_or_default();
    let rows = tiers
        .iter()
        .zip(shares)
        .map(|(tier, share)| {
            let (first, last) = (&tier[0], &tier[tier.len() - 1]);
            let sizes = if tier.len() == 1 {
                scale_text(plan, first.scale)
            } else {
                // The count may take a second line, never split itself.
                format!(
                    "{}–{} ({}\u{a0}sizes)",
                    scale_text(plan, first.scale),
                    scale_text(plan, last.scale),
                    tier.len()
                )
            };
            vec![
                first.tier.label().to_owned(),
                sizes,
                format::whole(tier.iter().map(|r| r.runs).sum::<u32>()),
                share,
            ]
        })
        .collect();
    let total = vec![
        "Total".to_owned(),
        String::new(),
        format::whole(plan.ladder.rungs.iter().map(|r| r.runs).sum::<u32>()),
        total_share,
    ];
    (headings, rows, total)
}

/// Column headings of the experiments table.
pub const EXPERIMENT_COLUMNS: [&str; 6] = [
    "Size",
    "What it shows",
    "Runs",
    "Design",
    "FLOPs",
    "Share of planned FLOPs",
];

/// One group of runs as table cells, in [`EXPERIMENT_COLUMNS`] order.
pub fn experiment_cells(plan: &Plan, e: &Experiment) -> Vec<String> {
    vec![
        format!("{} ({})", scale_text(plan, e.scale), e.tier.id()),
        super::design::label(e.what, &e.facts),
        format::whole(e.runs),
        super::design::design_text(e.arms, e.settings, e.configs, e.seeds),
        format::flops(e.flops),
        format::percent(e.flops / plan.ladder.planned_flops.max(f64::MIN_POSITIVE)),
    ]
}

/// Where runs and compute go, beside the essay's 50/30/20:
/// "Small: 62% of runs, 7% of compute (essay: about 50% of experiments)".
pub fn split_lines(plan: &Plan) -> Vec<String> {
    // Shares of runs and of compute as whole percentages that add up to
    // 100% down the tiers, like every other column of shares.
    let split = &plan.ladder.split;
    let runs = format::percents(&split.iter().map(|t| t.share_of_runs).collect::<Vec<_>>());
    let flops = format::percents(&split.iter().map(|t| t.share_of_flops).collect::<Vec<_>>());
    split
        .iter()
        .zip(runs.iter().zip(&flops))
        .map(|(t, (runs, flops))| {
            format!(
                "{}: {runs} of runs, {flops} of compute (essay: about {} of experiments)",
                t.tier.label(),
                format::percent(t.essay_share)
            )
        })
        .collect()
}

/// The budget in one line: "8 × NVIDIA A100 for 30 days at MFU 0.3: 1.9e21 FLOPs".
pub fn budget_line(plan: &Plan) -> String {
    let i = &plan.inputs;
    match plan.budget.source {
        BudgetSource::Hardware => format!(
            "{} × {} for {} at MFU {}: {} FLOPs",
            i.count,
            i.accelerator.name,
            format::duration(i.hours),
            format::number_text(i.mfu),
            format::flops(plan.budget.flops)
        ),
        BudgetSource::Flops => format!(
            "{} FLOPs (hours on {} × {} at MFU {})",
            format::flops(plan.budget.flops),
            i.count,
            i.accelerator.name,
            format::number_text(i.mfu)
        ),
    }
}

/// The verdict's headline: does the plan fit, and if not, what stops it.
pub fn verdict_title(plan: &Plan) -> &'static str {
    let l = &plan.ladder;
    match l.short_of {
        None => "Fits your budget",
        Some(Shortfall::Hours) => "Does not fit your deadline",
        // Before the general case below: "does not fit" read as too big
        // for a top of 5 parameters, which is too small to span the level.
        Some(Shortfall::Floor) => "Your top model is too small",
        Some(_) if plan.inputs.top.is_some() && plan.claim_fits => "Your top model does not fit",
        Some(Shortfall::Compute) => "Does not fit your budget",
        // Every rung shown fits: what memory stops is the level's span.
        Some(Shortfall::Memory) if rungs_fit_in_memory(plan) => {
            "The sizes that fit in memory span too little"
        }
        Some(Shortfall::Memory) => "Does not fit in memory",
        Some(Shortfall::Family) => "The model family has too few sizes",
    }
}

/// Whether every rung shown holds its model within the memory cap.
fn rungs_fit_in_memory(plan: &Plan) -> bool {
    let l = &plan.ladder;
    l.max_params.is_some_and(|max| {
        l.rungs
            .iter()
            .all(|r| r.params.is_some_and(|p| p <= max * (1.0 + 1e-9)))
    })
}

/// Whether the chosen top is a model larger than the memory cap (on the
/// axes whose scale is the model's size).
fn top_over_memory(plan: &Plan) -> bool {
    let sized_by_params = matches!(plan.scaling.axis, Axis::Pretrain | Axis::Finetune);
    match (plan.inputs.top, plan.ladder.max_params) {
        (Some(top), Some(max)) => sized_by_params && top > max * (1.0 + 1e-9),
        _ => false,
    }
}

/// A ladder's scales in words: "20M → 200M".
pub fn scales_text(plan: &Plan, scales: &[f64]) -> String {
    match (scales.first(), scales.last()) {
        (Some(&a), Some(&b)) => format!("{} → {}", scale_text(plan, a), scale_text(plan, b)),
        _ => String::new(),
    }
}

/// A ladder in words with its unit: "71M → 710M parameters", "1× → 100× the
/// smallest run".
pub fn ladder_text(plan: &Plan, scales: &[f64]) -> String {
    let unit = match plan.scaling.axis {
        Axis::Custom => "the smallest run",
        _ => plan.scaling.unit(),
    };
    format!("{} {unit}", scales_text(plan, scales))
}

/// "8 × 80 GB trains at most about 30B parameters", or evaluates.
pub fn memory_cap_text(plan: &Plan) -> Option<String> {
    let max = plan.ladder.max_params?;
    Some(format!(
        "{} × {} GB {} at most about {} parameters",
        plan.scaling.accelerators_per_run(plan.inputs.count),
        format::number_text(plan.inputs.accelerator.memory_gb),
        if crate::model::design::trains(plan.inputs.kind) {
            "trains"
        } else {
            "evaluates"
        },
        format::count(max)
    ))
}

/// Which ladder is shown and what set its top, in one sentence or two.
pub fn sized_by_line(plan: &Plan) -> String {
    let l = &plan.ladder;
    let shown = scales_text(plan, &l.rungs.iter().map(|r| r.scale).collect::<Vec<_>>());
    let minimum = format!(
        "{} FLOPs ({})",
        format::flops(plan.min_flops),
        scales_text(plan, &plan.min_scales)
    );
    let span = format!(
        "{}× span in {}",
        format::number(plan.evidence.span),
        plan.scaling.unit()
    );
    let cap = memory_cap_text(plan).unwrap_or_default();
    match l.sized_by {
        SizedBy::Budget => format!(
            "The ladder shown, {shown}, is the largest your budget less the reserve pays for. The claim itself needs at least {minimum}; set \"Top model\" for a smaller ladder."
        ),
        SizedBy::Top if l.short_of.is_some() => {
            format!("The ladder shown is sized to your top model, {shown}.")
        }
        SizedBy::Top => format!(
            "The ladder shown is sized to your top model, {shown}. The claim needs at least {minimum}."
        ),
        SizedBy::Minimum if plan.scaling.runs_on_one_accelerator() && l.fits => format!(
            "The ladder shown is the least this claim needs, {minimum}: in deep RL longer runs are what the ladder already spans, so the rest of the budget is headroom for more tasks or seeds."
        ),
        SizedBy::Minimum => format!("The ladder shown is the least this claim needs, {minimum}."),
        SizedBy::Deadline => format!(
            "The ladder shown, {shown}, is the largest your {} finish within the {} given in Hours; your FLOPs total would buy more. The claim needs at least {minimum}.",
            format::plural(plan.inputs.count, "accelerator", "accelerators"),
            format::duration(plan.inputs.hours)
        ),
        SizedBy::Memory
            if l.short_of == Some(Shortfall::Memory)
                && plan.inputs.uses_checkpoints()
                && rungs_fit_in_memory(plan) =>
        {
            family_within_memory(plan, &cap, &shown, &span)
        }
        SizedBy::Memory if l.short_of == Some(Shortfall::Memory) => format!(
            "{cap}; the ladder shown, {shown}, stops there and cannot keep the level's {span} above the smallest scale worth a run. {}, or a narrower claim would lift it.",
            if plan.scaling.runs_on_one_accelerator() {
                // Each run has one accelerator to itself: more of them run more at once.
                "An accelerator with more memory"
            } else if plan.inputs.uses_checkpoints() {
                "More accelerators, one with more memory, another model family"
            } else {
                "More accelerators, one with more memory"
            }
        ),
        SizedBy::Memory => format!(
            "{cap}; the ladder shown, {shown}, stops there, below what the budget would pay for. The claim needs at least {minimum}."
        ),
        SizedBy::Family if l.short_of == Some(Shortfall::Family) => format!(
            "The ladder shown, {shown}, is what {} offers within memory: it has no {} sizes spanning the level's {span}. Choose another family or a narrower claim.",
            plan.inputs.family.name(),
            plan.evidence.rungs
        ),
        SizedBy::Family => format!(
            "The ladder shown, {shown}, is released {} sizes up to its largest. The claim needs at least {minimum}.",
            plan.inputs.family.name()
        ),
    }
}

/// A family's sizes under the memory cap that do not span the level: the
/// rungs shown fit, the next size does not.
fn family_within_memory(plan: &Plan, cap: &str, shown: &str, span: &str) -> String {
    let l = &plan.ladder;
    let family = plan.inputs.family;
    let max = l.max_params.unwrap_or(f64::INFINITY);
    let next = family
        .sizes()
        .iter()
        .find(|&&s| s > max)
        .map(|&s| format!("; the next size, {}, does not fit", format::size(s)))
        .unwrap_or_default();
    format!(
        "{cap}. {}'s sizes within it, {shown}, span {}× over {}, short of the level's {span} over {} sizes{next}. More accelerators, one with more memory, another model family, or a narrower claim would lift it.",
        family.name(),
        format::number(l.span),
        format::plural(l.rungs.len() as u32, "size", "sizes"),
        plan.evidence.rungs,
    )
}

/// The verdict in sentences: what the plan uses, which ladder is shown and,
/// when it does not fit, what stops it and what to change.
pub fn verdict_lines(plan: &Plan) -> Vec<String> {
    let mut lines = usage_lines(plan);
    lines.extend(shortfall_lines(plan));
    lines.extend(claim_lines(plan));
    lines
}

/// What the plan uses of the budget, and which ladder is shown.
fn usage_lines(plan: &Plan) -> Vec<String> {
    let l = &plan.ladder;
    let i = &plan.inputs;
    let cost = l
        .cost
        .map(|c| format!(", costing {} {}", format::number(c), i.currency))
        .unwrap_or_default();
    let partial_runs = l.partial_runs();
    let runs = if partial_runs > 0 {
        format!(
            // Runs whose cost is not a full run's at their size: an
            // optimiser's runs on 4× the tokens are training runs too.
            "{} and {} (evaluations, timings or training of another length)",
            format::plural(l.full_runs(), "run", "runs"),
            format::plural(partial_runs, "other run", "other runs")
        )
    } else {
        format::plural(l.runs, "run", "runs")
    };
    vec![
        format!(
            "{runs} use {} FLOPs, {} of your {} budget (up to {} may be planned; {} is the reserve): {} accelerator-hours, {} of wall-clock time{cost}.",
            format::flops(l.planned_flops),
            format::percent(l.planned_flops / l.budget_flops),
            format::flops(l.budget_flops),
            format::percent(1.0 - l.reserve),
            format::percent(l.reserve),
            format::number(l.accelerator_hours),
            format::duration(l.wall_clock_hours),
        ),
        sized_by_line(plan),
    ]
}

/// What stops a plan that does not fit, and what to change.
fn shortfall_lines(plan: &Plan) -> Vec<String> {
    let l = &plan.ladder;
    let i = &plan.inputs;
    let mut lines = Vec::new();
    let largest = plan
        .largest_top
        .map(|t| scale_text(plan, t))
        .map_or_else(String::new, |t| {
            format!(" The largest top that fits is {t}.")
        });
    let top_blamed = i.top.is_some() && plan.claim_fits;
    match l.short_of {
        None => {}
        Some(Shortfall::Hours) => lines.push(format!(
            "Your deadline binds, not the FLOPs total: on your {} the plan takes {}, more than the {} given in Hours.{largest}",
            format::plural(i.count, "accelerator", "accelerators"),
            format::duration(l.wall_clock_hours),
            format::duration(i.hours),
        )),
        // The verdict's title says "too small"; the line says how small.
        Some(Shortfall::Floor) if top_blamed => lines.push(format!(
            "Your top model is too small: it leaves the smallest rung below the {} worth a run, and the level's span needs a top of at least {}.{largest}",
            scale_text(plan, plan.scaling.floor),
            scale_text(plan, plan.min_scales.last().copied().unwrap_or(0.0))
        )),
        Some(_) if top_blamed => lines.push(format!(
            "Your top model is what does not fit{}.{largest}",
            match l.short_of {
                Some(Shortfall::Memory) => format!(
                    ": {}",
                    memory_cap_text(plan).unwrap_or_default()
                ),
                _ => String::new(),
            }
        )),
        Some(Shortfall::Compute) => lines.extend(compute_lines(plan)),
        Some(Shortfall::Floor) => lines.push(format!(
            "Your top leaves the smallest rung below the {} worth a run: the level's span needs a top of at least {}.",
            scale_text(plan, plan.scaling.floor),
            scale_text(plan, plan.min_scales.last().copied().unwrap_or(0.0))
        )),
        // Only where the top or a rung is over the cap: when both fit,
        // memory stops the span, and the line before says so.
        Some(Shortfall::Memory)
            if i.top.is_some() && (top_over_memory(plan) || !rungs_fit_in_memory(plan)) =>
        {
            let top = i
                .top
                .map_or_else(String::new, |t| format!(", {}", scale_text(plan, t)));
            lines.push(if rungs_fit_in_memory(plan) && i.uses_checkpoints() {
                // The line before gave the cap.
                format!("Your top model{top}, needs more memory than that.")
            } else {
                format!(
                    "Your top model{top}, needs more memory than your accelerators hold: {}.",
                    memory_cap_text(plan).unwrap_or_default()
                )
            })
        }
        Some(Shortfall::Memory | Shortfall::Family) => {}
    }
    lines
}

/// Short of compute: by how much, and the hardware or time that would do.
fn compute_lines(plan: &Plan) -> Vec<String> {
    let l = &plan.ladder;
    let i = &plan.inputs;
    let mut lines = Vec::new();
    let shortfall = l.shortfall.unwrap_or(1.0);
    lines.push(if shortfall < 2.0 {
        format!(
            "This plan needs {} more compute than is available: add compute, or narrow the claim.",
            format::percent(shortfall - 1.0)
        )
    } else {
        format!(
            "This plan needs {}× the compute available: add compute, or narrow the claim.",
            format::number(shortfall),
        )
    });
    if plan.budget.source == BudgetSource::Hardware {
        let more = (f64::from(i.count) * shortfall).ceil();
        lines.push(format!(
            "More compute: {} × {} for the same time, or {} on your {} (the plan's {} plus the {} reserve).",
            format::number(more),
            i.accelerator.name,
            format::duration(i.hours * shortfall),
            format::plural(i.count, "accelerator", "accelerators"),
            format::duration(l.wall_clock_hours),
            format::percent(l.reserve),
        ));
    }
    lines
}

/// Whether the claim itself fits, and what to do when it does not.
fn claim_lines(plan: &Plan) -> Vec<String> {
    let l = &plan.ladder;
    let mut lines = Vec::new();
    if plan.claim_fits && l.short_of.is_some() {
        lines.push(format!(
            "The claim itself fits: it needs {} FLOPs, {} of what may be planned.",
            format::flops(plan.min_flops),
            format::percent(plan.min_flops / l.available_flops)
        ));
    }
    if !plan.claim_fits {
        if plan.narrower_claims.is_empty() {
            // Name the lever for what binds: "compute or memory" sent a
            // student whose run needed 1.4 of 18 GB to look for memory.
            let lever = match l.short_of {
                Some(Shortfall::Memory) => "add memory: more accelerators, or ones with more memory",
                Some(Shortfall::Hours) => "allow more time, or add accelerators",
                Some(Shortfall::Family) => "choose a family whose released sizes span the level",
                _ => "add compute, or make each run cheaper: a smaller smallest scale worth a run, or less data per run",
            };
            lines.push(format!("No narrower claim fits either: {lever}."));
        } else {
            lines.push("Or narrow the claim: the claims listed below fit.".into());
        }
    }
    lines
}

/// How often each dataset runs above the smallest size: once, or the
/// seeds the verdict's power placed there (the trend group's).
fn dataset_seeds_above(plan: &Plan) -> String {
    let seeds: Vec<u32> = plan
        .experiments
        .iter()
        .filter(|e| e.rung > 0 && e.what == crate::model::design::GroupId::Trend)
        .map(|e| e.seeds)
        .collect();
    match (seeds.iter().min(), seeds.iter().max()) {
        (Some(&low), Some(&high)) if high > 1 => format!(
            "each dataset runs {} with the same seeds, for the verdict's power",
            if low == high {
                format!("{high} times")
            } else {
                format!("{low} to {high} times")
            }
        ),
        _ => "each dataset runs once".into(),
    }
}

/// What the seeds can detect, or, where no comparison runs seeds, what
/// replaces them: one sentence, the same on the page and in the Markdown.
pub fn seeds_line(plan: &Plan) -> String {
    let e = &plan.evidence;
    match e.detectable_effect {
        Some(d) if plan.inputs.kind == ContributionKind::Dataset => format!(
            "The {} seeds per dataset at the smallest size detect d = {d:.2} or more (α = {}, power {}) and measure the seed-to-seed spread σ; above it {}, and a difference between two single runs counts when it exceeds about {}.",
            e.seeds,
            alpha_text(plan),
            format::number_text(plan.inputs.power),
            dataset_seeds_above(plan),
            plan.dataset_rule.map_or_else(
                || "2.8σ (√2 × 1.96)".to_owned(),
                |r| format!(
                    "{:.1}σ (√2 × t = {:.2}, σ from {} degrees of freedom)",
                    r.threshold,
                    r.t,
                    format::number_text(r.df)
                )
            ),
        ),
        Some(d) if plan.inputs.kind == ContributionKind::NegativeResult => format!(
            "The headline's {} seeds per arm can show equivalence within d = {d:.2} (two one-sided tests at α = {}, power {}, if the arms truly do not differ).",
            e.seeds,
            alpha_text(plan),
            format::number_text(plan.inputs.power),
        ),
        Some(d) => format!(
            "The headline's {} seeds per arm detect a standardised effect of d = {d:.2} or more (α = {}, power {}).",
            e.seeds,
            alpha_text(plan),
            format::number_text(plan.inputs.power),
        ),
        None => match plan.inputs.kind {
            ContributionKind::Benchmark => "No seeds: each model is evaluated once, and its interval is the standard error over the benchmark's items.".into(),
            _ => "No seeds: each model is trained once and evaluated once, and each score's interval is a bootstrap over the benchmark's items.".into(),
        },
    }
}

/// The test level the headline seeds are sized at: the α given, or with
/// several headline comparisons Holm's strictest step, "0.05 ÷ 3 ≈ 0.017".
fn alpha_text(plan: &Plan) -> String {
    let (given, used) = (plan.inputs.alpha, plan.evidence.corrected_alpha);
    // The number of comparisons is known: not rebuilt from the two levels.
    let comparisons = plan.evidence.headline_comparisons;
    if comparisons > 1 {
        format!(
            "{} ÷ {} ≈ {}",
            format::number_text(given),
            comparisons,
            format::number(used)
        )
    } else {
        format::number_text(given)
    }
}

/// The level's tagline for this plan, in its kind's terms: what the claim
/// is, how it is tested, and its sizes with the span and the spacing worded
/// apart. "A domain-wide or surprising claim; a test, 3 settings, at least 4 sizes,
/// at least 10× from smallest to largest (about 2.2× apart)."
pub fn level_tagline(plan: &Plan) -> String {
    let e = &plan.evidence;
    let rule = crate::model::evidence::rule_for(e.level);
    let claim = rule.meaning.split(';').next().unwrap_or(rule.meaning);
    let test = match (e.detectable_effect, plan.inputs.kind) {
        (None, ContributionKind::Benchmark) => "each model evaluated once",
        (None, ContributionKind::Model) => "each model trained once",
        _ => match e.level {
            1 => "a few seeds",
            2 => "intervals over seeds",
            3 => "a test",
            4 => "corrected tests",
            _ => "replication",
        },
    };
    let sizes = if e.rungs > 1 && e.span > 1.0 && plan.inputs.uses_checkpoints() {
        // Released sizes are spaced as their family made them.
        format!(
            ", at least {} sizes, at least {}× from smallest to largest",
            e.rungs,
            format::number(e.span)
        )
    } else if e.rungs > 1 && e.span > 1.0 {
        let step = e.span.powf(1.0 / f64::from(e.rungs - 1));
        format!(
            ", at least {} sizes, at least {}× from smallest to largest (about {}× apart)",
            e.rungs,
            format::number(e.span),
            format::number(step)
        )
    } else {
        String::new()
    };
    format!(
        "{claim}; {test}, {}{sizes}.",
        format::plural(e.settings, "setting", "settings")
    )
}

/// The narrower claims worth offering: the plan's own list, and every
/// fitting claim that is one step narrower in either direction: the nearest
/// fitting generality at the same novelty, and the nearest fitting novelty
/// at the same generality. Empty when the claim fits.
pub fn narrower_choices(plan: &Plan) -> Vec<&ClaimCell> {
    if plan.claim_fits {
        return Vec::new();
    }
    let (g, n) = (plan.inputs.generality, plan.inputs.novelty);
    let cell = |g: u8, n: u8| {
        plan.claim_map
            .iter()
            .find(|c| (c.generality, c.novelty) == (g, n))
    };
    let nearest = |cells: Vec<(u8, u8)>| {
        cells
            .into_iter()
            .filter_map(|(g, n)| cell(g, n))
            .find(|c| c.fits)
    };
    let by_generality = nearest((1..g).rev().map(|g2| (g2, n)).collect());
    let by_novelty = nearest((1..n).rev().map(|n2| (g, n2)).collect());
    let mut choices: Vec<&ClaimCell> = plan.narrower_claims.iter().collect();
    for c in [by_generality, by_novelty].into_iter().flatten() {
        if !choices
            .iter()
            .any(|o| (o.generality, o.novelty) == (c.generality, c.novelty))
        {
            choices.push(c);
        }
    }
    choices
}

/// "generality 2 (a task family), novelty 3 (surprising but compatible)".
pub fn claim_phrase(generality: u8, novelty: u8) -> String {
    format!(
        "{}, {}",
        generality_phrase(generality),
        novelty_phrase(novelty)
    )
}

/// "Generality 2 (a task family), novelty 3 (surprising but compatible): level 2".
pub fn claim_text(c: &ClaimCell) -> String {
    let mut text = format!(
        "{}: level {}{}",
        claim_phrase(c.generality, c.novelty),
        c.level,
        match (c.weaker, c.narrower) {
            (true, true) => " (a weaker claim: less novel and less general)",
            (true, false) => " (a weaker claim: less novel)",
            (false, _) => "",
        }
    );
    text[..1].make_ascii_uppercase();
    text
}

/// The room a compact calculator takes before it arrives, as an inline style
/// for the snippets' placeholders, so the post does not move when it does.
/// The compact view of a plan that fits is about 880 px tall in a 320 px
/// column, 790 px in 390 px and 660 px from 600 px up (measured on the release
/// build, 2026-11-30; `static/embed.js` holds the table and takes over once it
/// runs). The column is unknown here, so the viewport stands in for it
/// (a column about 32 px narrower): 1284 px − 1.15 × viewport, within those bounds.
pub const COMPACT_RESERVE_STYLE: &str = "min-height:clamp(660px,1284px - 115vw,880px)";

/// HTML a blog pastes to embed a calculator with these inputs, served from
/// `base` (the app's address, ending in "/"): the script and a placeholder.
///
/// ```
/// use evidence_ladder::{model::inputs::Inputs, text::report::embed_snippet};
/// let inputs = Inputs { generality: 4, tokens_per_param: 10.0, ..Inputs::default() };
/// assert_eq!(
///     embed_snippet(&inputs, "https://example.org/el/"),
///     "<script src=\"https://example.org/el/embed.js\" async></script>\n\
///      <div data-evidence-ladder data-generality=\"4\" data-tokens-per-param=\"10\" \
///      style=\"min-height:clamp(660px,1284px - 115vw,880px)\"></div>"
/// );
/// ```
pub fn embed_snippet(inputs: &Inputs, base: &str) -> String {
    let attributes: String = inputs
        .changed_fields()
        .into_iter()
        .map(|(field, text)| format!(" data-{}=\"{}\"", field.key().replace('_', "-"), text))
        .collect();
    format!(
        "<script src=\"{base}embed.js\" async></script>\n\
         <div data-evidence-ladder{attributes} style=\"{COMPACT_RESERVE_STYLE}\"></div>"
    )
}

/// The same calculator rendered straight into the page with `mount()`.
pub fn mount_snippet(inputs: &Inputs, base: &str) -> String {
    let options: Vec<String> = inputs
        .changed_fields()
        .into_iter()
        .map(|(field, text)| match field.spec().rule {
            Rule::Choice(_) | Rule::Code => format!("{}: \"{text}\"", field.key()),
            _ => format!("{}: {text}", field.key()),
        })
        .collect();
    format!(
        "<script src=\"{base}embed.js\" async></script>\n\
         <div id=\"evidence-ladder\" style=\"{COMPACT_RESERVE_STYLE}\"></div>\n\
         <script>\n\
         \x20 addEventListener(\"load\", () =>\n\
         \x20   evidenceLadder.mount(document.getElementById(\"evidence-ladder\"), {{ {} }}));\n\
         </script>",
        options.join(", ")
    )
}

fn table_row(cells: &[String]) -> String {
    let cells: Vec<String> = cells.iter().map(|c| format::markdown_cell(c)).collect();
    format!("| {} |\n", cells.join(" | "))
}

/// The Markdown's scale ladder: the budget, the ladder and experiments
/// tables, where the runs go, and the verdict.
fn markdown_ladder(plan: &Plan) -> String {
    let mut md = String::new();
    md.push_str(&format!(
        "\n## Scale ladder\n\nBudget: {}.\n\n",
        budget_line(plan)
    ));
    let headings = ladder_columns(plan);
    md.push_str(&table_row(&headings));
    md.push_str(&table_row(&vec!["---".to_owned(); headings.len()]));
    for row in ladder_rows(plan) {
        md.push_str(&table_row(&row));
    }
    md.push_str(&table_row(&total_cells(plan)));
    md.push_str("\n### Experiments\n\n");
    let headings: Vec<String> = EXPERIMENT_COLUMNS.map(String::from).to_vec();
    md.push_str(&table_row(&headings));
    md.push_str(&table_row(&vec!["---".to_owned(); headings.len()]));
    for e in &plan.experiments {
        md.push_str(&table_row(&experiment_cells(plan, e)));
    }
    md.push_str("\nWhere the runs go: ");
    md.push_str(&split_lines(plan).join("; "));
    md.push_str(".\n");
    md.push_str(&format!("\n**{}.** ", verdict_title(plan)));
    md.push_str(&verdict_lines(plan).join(" "));
    md.push('\n');
    md
}

/// The whole plan as Markdown: claim, level, requirements as a checklist,
/// the ladder, totals and verdict, assumptions with sources, and `link` back.
pub fn markdown(
    plan: &Plan,
    link: &str,
    results: Option<&crate::model::results::ResultsExport<'_>>,
) -> String {
    let e = &plan.evidence;
    let i = &plan.inputs;
    let mut md = format!(
        "# Evidence plan: {}\n\n\
         Claim: {}.\n\n{}\n\n\
         **Evidence level {} of 5 — {}.**\n\n## Requirements\n\n",
        // "Insight", not "Insight: a lesson others apply" after a colon of its own.
        i.kind.label().split(':').next().unwrap_or_default(),
        claim_phrase(i.generality, i.novelty),
        super::design::kind_summary(i.kind),
        e.level,
        e.name,
    );
    for item in super::requirements::of(plan).into_iter().chain(
        super::evidence::demands(plan)
            .iter()
            .map(ToString::to_string),
    ) {
        md.push_str(&format!("- [ ] {item}\n"));
    }
    if let Some(p) = &plan.power {
        md.push_str(&format!(
            "- [ ] Seeds for the verdict: {}\n",
            super::stages::power_sentence_for(plan.inputs.kind, p)
        ));
    }
    md.push_str("\n## Why this level\n\n");
    for reason in super::evidence::reasons(plan) {
        md.push_str(&format!("- {reason}\n"));
    }
    md.push_str("\n## Questions reviewers will ask\n\n");
    for (n, q) in super::evidence::questions(plan).iter().enumerate() {
        md.push_str(&format!("{}. {q}\n", n + 1));
    }
    md.push_str(&markdown_ladder(plan));
    md.push_str(&super::stages::markdown(plan));
    if !plan.narrower_claims.is_empty() {
        md.push_str("\nNarrower claims that fit:\n\n");
        for c in &plan.narrower_claims {
            md.push_str(&format!("- {}\n", claim_text(c)));
        }
    }
    md.push_str("\n## Assumptions\n\n");
    for a in super::assumptions::of(plan) {
        md.push_str(&format!("- {}: {} ({})\n", a.name, a.value, a.source));
    }
    if let Some(p) = &plan.seed_power {
        md.push_str(&format!(
            "- Seeds from statistics: d = {:.2}, {} runs per arm ({})\n",
            p.cohen_d, p.seeds_per_arm, p.method
        ));
    }
    md.push_str(&format!("- Seeds: {}\n", seeds_line(plan)));
    if let Some(analysis) = results.and_then(|r| r.analysis) {
        md.push('\n');
        md.push_str(&super::results::markdown_section(
            analysis,
            super::results::scale_unit(plan.scaling.axis),
            "",
        ));
    }
    md.push_str(&format!("\n[Open this plan in Evidence Ladder]({link})\n"));
    md
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::inputs::Field;
    use crate::model::inputs::FieldValue;

    /// A dataset plan's seed sentence says how often each dataset runs
    /// above the smallest size as its experiments do.
    #[test]
    fn the_dataset_seed_line_follows_the_experiments() {
        let plan = Plan::new(crate::model::query::parse_query("kind=dataset").inputs);
        let above = plan
            .experiments
            .iter()
            .find(|e| e.rung > 0 && e.what == crate::model::design::GroupId::Trend)
            .map(|e| e.seeds)
            .expect("a trend group");
        let line = seeds_line(&plan);
        if above > 1 {
            assert!(line.contains(&format!("runs {above} times")), "{line}");
        } else {
            assert!(line.contains("runs once"), "{line}");
        }
    }

    /// A top too small to span the level from the smallest scale worth a
    /// run says so, not "does not fit" (which reads as too big); a top too
    /// large for the budget still "does not fit".
    #[test]
    fn a_top_below_the_span_is_too_small() {
        let plan = |q: &str| Plan::new(crate::model::query::parse_query(q).inputs);
        let tiny = plan("generality=4&count=16&top=5");
        assert_eq!(tiny.ladder.short_of, Some(Shortfall::Floor));
        assert_eq!(verdict_title(&tiny), "Your top model is too small");
        let md = markdown(&tiny, "", None);
        assert!(md.contains("Your top model is too small: it leaves the smallest rung below the 20M worth a run, and the level's span needs a top of at least"), "{md}");
        let large = plan("top=1.3e9&count=8&hours=336");
        assert_eq!(verdict_title(&large), "Your top model does not fit");
    }

    /// LoRA on Llama 3 with one A100: every rung shown fits in memory, so
    /// the verdict blames the span the family offers within it, names the
    /// next size and agrees with the claim map.
    #[test]
    fn a_family_short_of_span_within_memory_says_so() {
        let query = "axis=finetune&family=llama3&accelerator=a100&count=1&finetune_method=lora";
        let plan = Plan::new(crate::model::query::parse_query(query).inputs);
        assert_eq!(plan.ladder.short_of, Some(Shortfall::Memory));
        assert!(rungs_fit_in_memory(&plan));
        assert_eq!(
            verdict_title(&plan),
            "The sizes that fit in memory span too little"
        );
        let line = sized_by_line(&plan);
        assert!(
            line.contains("Llama 3's sizes within it, 1B → 8B, span 8×"),
            "{line}"
        );
        assert!(line.contains("the next size, 70B, does not fit"), "{line}");
        assert!(!plan.claim_fits);
        // A Llama 3 405B is named as released.
        let wide = Plan::new(
            crate::model::query::parse_query(
                "axis=finetune&family=llama3&accelerator=h100&count=1024&generality=5",
            )
            .inputs,
        );
        let markdown = markdown(&wide, "", None);
        assert!(markdown.contains("405B") && !markdown.contains("400B"));
        // A top of 8B is within memory: it is not blamed for it.
        let topped = Plan::new(
            crate::model::query::parse_query("axis=finetune&family=llama3&top=8e9&generality=4")
                .inputs,
        );
        assert_eq!(topped.ladder.short_of, Some(Shortfall::Memory));
        let lines = verdict_lines(&topped).join(" ");
        assert!(!lines.contains("needs more memory"), "{lines}");
        assert!(lines.contains("span 8×"), "{lines}");
    }

    #[test]
    fn markdown_holds_the_whole_plan() {
        let mut inputs = Inputs::default();
        inputs
            .set(Field::Price, &FieldValue::Number(2.0))
            .expect("price");
        let plan = Plan::new(inputs);
        let md = markdown(&plan, "https://example.org/?price=2", None);
        assert!(md.contains("**Evidence level 3 of 5 — Convincing.**"));
        // The requirements' checklist (the stages have one of their own).
        let requirements = md
            .split("## Requirements")
            .nth(1)
            .and_then(|rest| rest.split("\n## ").next())
            .unwrap_or_default();
        assert_eq!(
            requirements.matches("- [ ] ").count(),
            plan.requirements.len()
                + super::super::evidence::demands(&plan).len()
                + usize::from(plan.power.is_some())
        );
        assert!(md.contains("| Tier | Parameters | Tokens |"));
        let top = plan.ladder.rungs.last().expect("rungs");
        assert!(md.contains(&format!(
            "| Large | {} | {} |",
            format::count(top.scale),
            format::count(top.tokens.expect("tokens"))
        )));
        assert!(md.contains("| Cost, all runs (USD) |"));
        assert!(md.contains("**Fits your budget.**"));
        assert!(md.contains("Kaplan et al. 2020"));
        assert!(md.ends_with("(https://example.org/?price=2)\n"));
        // One row per rung plus heading, rule and total; one per experiment plus heading and rule.
        assert_eq!(
            md.lines().filter(|l| l.starts_with("| ")).count(),
            plan.ladder.rungs.len() + 3 + plan.experiments.len() + 2
        );
    }

    #[test]
    fn a_short_budget_says_what_to_change() {
        let (inputs, _) = Inputs::from_pairs([
            ("generality", FieldValue::Number(5.0)),
            ("novelty", FieldValue::Number(5.0)),
            ("count", FieldValue::Number(1.0)),
            ("hours", FieldValue::Number(72.0)),
        ])
        .expect("valid");
        let plan = Plan::new(inputs);
        let lines = verdict_lines(&plan);
        assert!(lines[2].contains("needs") && lines[2].contains("narrow the claim"));
        let md = markdown(&plan, "x", None);
        assert!(md.contains("**Does not fit your budget.**"));
        assert!(md.contains("Narrower claims that fit"));
    }

    #[test]
    fn mount_snippet_quotes_ids_only() {
        let inputs = Inputs {
            novelty: 5,
            accelerator: crate::model::hardware::find_accelerator("h100").expect("h100"),
            ..Inputs::default()
        };
        let snippet = mount_snippet(&inputs, "/");
        assert!(
            snippet.contains("{ novelty: 5, accelerator: \"h100\" }"),
            "{snippet}"
        );
        assert!(snippet.starts_with("<script src=\"/embed.js\" async></script>"));
        let inputs = Inputs {
            axis: crate::model::axis::Axis::Custom,
            currency: "EUR".into(),
            ..Inputs::default()
        };
        let snippet = mount_snippet(&inputs, "/");
        assert!(
            snippet.contains("{ currency: \"EUR\", axis: \"custom\" }"),
            "{snippet}"
        );
    }

    #[test]
    fn cells_sit_under_the_headings_that_name_them() {
        for kind in crate::model::inputs::ContributionKind::ALL {
            for price in [None, Some(2.0)] {
                let plan = Plan::new(Inputs {
                    kind,
                    price,
                    ..Inputs::default()
                });
                let headings = ladder_columns(&plan);
                let at = |name: &str| headings.iter().position(|h| h.starts_with(name));
                let runs = at("Runs").or(at("Evaluations")).expect("a runs column");
                let flops = at("FLOPs, all runs").expect("a FLOPs column");
                for (row, rung) in ladder_rows(&plan).iter().zip(&plan.ladder.rungs) {
                    assert_eq!(row.len(), headings.len(), "{kind:?}");
                    // Each cell sits under the heading that names it.
                    assert_eq!(row[0], rung.tier.label(), "{kind:?}");
                    assert_eq!(row[runs], format::whole(rung.runs), "{kind:?}");
                    assert_eq!(row[flops], format::flops(rung.flops), "{kind:?}");
                    if let (Some(cost), Some(col)) = (rung.cost, at("Cost, all runs")) {
                        assert_eq!(row[col], format::number(cost), "{kind:?}");
                    }
                    if let Some(col) = at("Other runs") {
                        assert!(
                            row[col] == "–"
                                || row[col].starts_with(&format::whole(rung.partial_runs))
                        );
                    }
                }
                let total = total_cells(&plan);
                assert_eq!(total.len(), headings.len(), "{kind:?}");
                assert_eq!(
                    total[runs],
                    format::whole(plan.ladder.full_runs()),
                    "{kind:?}"
                );
                assert_eq!(
                    total[at("Share of budget").expect("shares")],
                    format::percents(
                        &plan
                            .ladder
                            .rungs
                            .iter()
                            .map(|r| r.share_of_budget)
                            .collect::<Vec<_>>()
                    )
                    .pop()
                    .expect("a total")
                );
                // Columns that do not add up have no total.
                for name in [
                    "FLOPs per",
                    "Accelerator-hours per",
                    "Wall-clock per",
                    "Memory",
                ] {
                    if let Some(col) = at(name) {
                        assert_eq!(total[col], "", "{kind:?} {name}");
                    }
                }
            }
        }
        let plan = Plan::new(Inputs::default());
        assert_eq!(ladder_columns(&plan).len(), 10);
        assert_eq!(
            budget_line(&plan),
            "8 × NVIDIA A100 for 30 days at MFU 0.3: 1.9e21 FLOPs"
        );
    }

    #[test]
    fn several_headline_comparisons_show_the_corrected_level() {
        let plan = Plan::from_pairs([
            ("generality", crate::model::inputs::FieldValue::Number(5.0)),
            ("novelty", crate::model::inputs::FieldValue::Number(5.0)),
        ])
        .expect("ok");
        assert_eq!(plan.evidence.headline_comparisons, 3);
        let line = seeds_line(&plan);
        assert!(line.contains("α = 0.05 ÷ 3 ≈ 0.017"), "{line}");
    }
}
