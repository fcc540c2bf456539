//! A plan in words: the sentences and table cells the page shows, and the
//! Markdown a researcher pastes into a proposal. One source for both, so the
//! copy and the screen never disagree.

use serde::Serialize;

use super::axis::Axis;
use super::evidence::{generality_phrase, novelty_phrase};
use super::format;
use super::hardware::BudgetSource;
use super::inputs::{Field, Inputs};
use super::ladder::{Experiment, Rung, SizedBy};
use super::plan::{ClaimCell, Plan};

/// Column headings of the ladder table for this plan's axis and prices.
pub fn ladder_columns(plan: &Plan) -> Vec<String> {
    let axis = plan.scaling.axis;
    let mut columns = vec!["Tier".to_owned(), axis.scale_heading().to_owned()];
    if let Some(other) = axis.other_heading() {
        columns.push(other.to_owned());
    }
    columns.extend(
        [
            "FLOPs per run",
            "Accelerator-hours per run",
            "Wall-clock per run",
            "Runs",
            "FLOPs, all runs",
            "Share of budget",
        ]
        .map(String::from),
    );
    if plan.ladder.cost.is_some() {
        columns.push(format!("Cost, all runs ({})", plan.inputs.currency));
    }
    columns
}

/// A scale in the axis's unit: "1.3B", or "31×" on the custom axis.
pub fn scale_text(plan: &Plan, scale: f64) -> String {
    match plan.scaling.axis {
        Axis::Custom => format!("{}×", format::number(scale)),
        _ => format::count(scale),
    }
}

/// One rung as the cells of a table row, in [`ladder_columns`] order.
pub fn rung_cells(plan: &Plan, rung: &Rung) -> Vec<String> {
    let mut cells = vec![rung.tier.label().to_owned(), scale_text(plan, rung.scale)];
    match plan.scaling.axis {
        Axis::Pretrain | Axis::Finetune => cells.push(format::count(rung.tokens.unwrap_or(0.0))),
        Axis::Data => cells.push(format::count(rung.params.unwrap_or(0.0))),
        Axis::Custom => {}
    }
    cells.extend([
        format::flops(rung.flops_per_run),
        format::number(rung.hours_per_run),
        format::duration(rung.wall_clock_hours_per_run),
        rung.runs.to_string(),
        format::flops(rung.flops),
        format::percent(rung.share_of_budget),
    ]);
    if let Some(cost) = rung.cost {
        cells.push(format::number(cost));
    }
    cells
}

/// The totals row, in [`ladder_columns`] order.
pub fn total_cells(plan: &Plan) -> Vec<String> {
    let l = &plan.ladder;
    let blanks = ladder_columns(plan).len() - 7 - usize::from(l.cost.is_some());
    let mut cells = vec!["Total".to_owned()];
    cells.extend(std::iter::repeat_n(String::new(), blanks + 3));
    cells.extend([
        l.runs.to_string(),
        format::flops(l.planned_flops),
        format::percent(l.planned_flops / l.budget_flops),
    ]);
    if let Some(cost) = l.cost {
        cells.push(format::number(cost));
    }
    cells
}

/// Column headings of the experiments table.
pub const EXPERIMENT_COLUMNS: [&str; 6] = [
    "Size",
    "What it shows",
    "Runs",
    "Design",
    "FLOPs",
    "Share of plan",
];

/// One group of runs as table cells, in [`EXPERIMENT_COLUMNS`] order.
pub fn experiment_cells(plan: &Plan, e: &Experiment) -> Vec<String> {
    vec![
        format!("{} ({})", scale_text(plan, e.scale), e.tier.id()),
        e.label.clone(),
        e.runs.to_string(),
        crate::model::design::design_text(e.arms, e.settings, e.configs, e.seeds),
        format::flops(e.flops),
        format::percent(e.flops / plan.ladder.planned_flops.max(f64::MIN_POSITIVE)),
    ]
}

/// Where runs and compute go, beside the essay's 50/30/20:
/// "Small: 62% of runs, 7% of compute (essay: about 50% of experiments)".
pub fn split_lines(plan: &Plan) -> Vec<String> {
    plan.ladder
        .split
        .iter()
        .map(|t| {
            format!(
                "{}: {} of runs, {} of compute (essay: about {} of experiments)",
                t.tier.label(),
                format::percent(t.share_of_runs),
                format::percent(t.share_of_flops),
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

/// The verdict's headline: does the plan fit?
pub fn verdict_title(plan: &Plan) -> &'static str {
    if plan.ladder.fits {
        "Fits your budget"
    } else {
        "Does not fit your budget"
    }
}

/// A ladder's scales in words: "20M → 200M".
pub fn scales_text(plan: &Plan, scales: &[f64]) -> String {
    match (scales.first(), scales.last()) {
        (Some(&a), Some(&b)) => format!("{} → {}", scale_text(plan, a), scale_text(plan, b)),
        _ => String::new(),
    }
}

/// Which ladder is on screen, in one sentence.
pub fn sized_by_line(plan: &Plan) -> String {
    let l = &plan.ladder;
    let on_screen = scales_text(plan, &l.rungs.iter().map(|r| r.scale).collect::<Vec<_>>());
    let minimum = format!(
        "{} FLOPs ({})",
        format::flops(plan.min_flops),
        scales_text(plan, &plan.min_scales)
    );
    match l.sized_by {
        SizedBy::Budget => format!(
            "On screen: the largest ladder your budget less the reserve pays for, {on_screen}. The claim itself needs at least {minimum}; set \"Top model\" to plan a smaller ladder."
        ),
        SizedBy::Top => format!(
            "On screen: the ladder sized to your top model, {on_screen}. The claim needs at least {minimum}."
        ),
        SizedBy::Minimum => format!("On screen: the least this claim needs, {minimum}."),
    }
}

/// The verdict in sentences: what the plan uses, which ladder is shown and,
/// when it does not fit, by how much and what to change.
pub fn verdict_lines(plan: &Plan) -> Vec<String> {
    let l = &plan.ladder;
    let cost = l
        .cost
        .map(|c| format!(", costing {} {}", format::number(c), plan.inputs.currency))
        .unwrap_or_default();
    let mut lines = vec![
        format!(
            "{} use {} FLOPs, {} of your {} budget (up to {} may be planned; {} is the reserve): {} accelerator-hours, {} of wall-clock time{cost}.",
            format::plural(l.runs, "run", "runs"),
            format::flops(l.planned_flops),
            format::percent(l.planned_flops / l.budget_flops),
            format::flops(l.budget_flops),
            format::percent(1.0 - l.reserve),
            format::percent(l.reserve),
            format::number(l.accelerator_hours),
            format::duration(l.wall_clock_hours),
        ),
        sized_by_line(plan),
    ];
    if let Some(shortfall) = l.shortfall {
        lines.push(format!(
            "This plan needs {}× the compute available: add compute, or narrow the claim.",
            format::number(shortfall),
        ));
        let i = &plan.inputs;
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
        if plan.narrower_claims.is_empty() {
            lines.push("No narrower claim fits this budget either: add compute.".into());
        } else {
            lines.push("Or narrow the claim: the claims listed below fit this budget.".into());
        }
    }
    lines
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
        if c.weaker {
            " (a weaker claim: less novel)"
        } else {
            ""
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
/// use evidence_ladder::model::{inputs::Inputs, report::embed_snippet};
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
        .map(|(field, text)| match field {
            Field::Kind | Field::Accelerator | Field::Axis | Field::Currency => {
                format!("{}: \"{text}\"", field.key())
            }
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
    format!("| {} |\n", cells.join(" | "))
}

/// The whole plan as Markdown: claim, level, requirements as a checklist,
/// the ladder, totals and verdict, assumptions with sources, and `link` back.
pub fn markdown(
    plan: &Plan,
    link: &str,
    results: Option<&crate::model::results::ResultsExport>,
) -> String {
    let e = &plan.evidence;
    let i = &plan.inputs;
    let mut md = format!(
        "# Evidence plan: {}\n\n\
         Claim: {}.\n\n{}\n\n\
         **Evidence level {} of 5 — {}.**\n\n## Requirements\n\n",
        i.kind.label(),
        claim_phrase(i.generality, i.novelty),
        plan.kind_summary,
        e.level,
        e.name,
    );
    for item in e.requirements.iter().chain(&e.kind_demands) {
        md.push_str(&format!("- [ ] {item}\n"));
    }
    md.push_str("\n## Why this level\n\n");
    for reason in &e.reasons {
        md.push_str(&format!("- {reason}\n"));
    }
    md.push_str("\n## Questions reviewers will ask\n\n");
    for (n, q) in e.reviewer_questions.iter().enumerate() {
        md.push_str(&format!("{}. {q}\n", n + 1));
    }
    md.push_str(&format!(
        "\n## Scale ladder\n\nBudget: {}.\n\n",
        budget_line(plan)
    ));
    let headings = ladder_columns(plan);
    md.push_str(&table_row(&headings));
    md.push_str(&table_row(&vec!["---".to_owned(); headings.len()]));
    for rung in &plan.ladder.rungs {
        md.push_str(&table_row(&rung_cells(plan, rung)));
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
    if !plan.narrower_claims.is_empty() {
        md.push_str("\nNarrower claims that fit:\n\n");
        for c in &plan.narrower_claims {
            md.push_str(&format!("- {}\n", claim_text(c)));
        }
    }
    md.push_str("\n## Assumptions\n\n");
    for a in &plan.assumptions {
        md.push_str(&format!("- {}: {} ({})\n", a.name, a.value, a.source));
    }
    if let Some(p) = &plan.power {
        md.push_str(&format!(
            "- Seeds from statistics: d = {:.2}, {} runs per arm ({})\n",
            p.cohen_d, p.seeds_per_arm, p.method
        ));
    }
    md.push_str(&format!(
        "- Smallest effect the headline seeds detect: d = {:.2} at α = {} and power {}\n",
        e.detectable_effect,
        format::number_text(e.corrected_alpha),
        format::number_text(i.power)
    ));
    if let Some(analysis) = results.and_then(|r| r.analysis.as_ref()) {
        md.push('\n');
        md.push_str(&crate::model::analysis::markdown_section(
            analysis,
            crate::model::results::scale_unit(plan.scaling.axis),
            "",
        ));
    }
    md.push_str(&format!("\n[Open this plan in Evidence Ladder]({link})\n"));
    md
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::inputs::FieldValue;

    #[test]
    fn markdown_holds_the_whole_plan() {
        let mut inputs = Inputs::default();
        inputs
            .set(Field::Price, &FieldValue::Number(2.0))
            .expect("price");
        let plan = Plan::new(inputs);
        let md = markdown(&plan, "https://example.org/?price=2", None);
        assert!(md.contains("**Evidence level 3 of 5 — Convincing.**"));
        assert_eq!(
            md.matches("- [ ] ").count(),
            plan.evidence.requirements.len() + plan.evidence.kind_demands.len()
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
            ("hours", FieldValue::Number(24.0)),
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
            snippet.contains("{ axis: \"custom\", currency: \"EUR\" }"),
            "{snippet}"
        );
    }

    #[test]
    fn cells_match_columns() {
        let plan = Plan::new(Inputs::default());
        let columns = ladder_columns(&plan).len();
        assert_eq!(columns, 9);
        assert_eq!(rung_cells(&plan, &plan.ladder.rungs[0]).len(), columns);
        assert_eq!(total_cells(&plan).len(), columns);
        assert_eq!(
            budget_line(&plan),
            "8 × NVIDIA A100 for 30 days at MFU 0.3: 1.9e21 FLOPs"
        );
    }
}

/// The part of a downloaded plan that opening it again reads.
#[derive(Debug, Default, serde::Deserialize)]
pub struct SavedFile {
    #[serde(default)]
    pub app: Option<String>,
    #[serde(default)]
    pub inputs: Option<crate::model::inputs::NamedValues>,
}

impl SavedFile {
    /// The inputs of a plan downloaded by this app, checked as strictly as a
    /// link, and refused whole if anything in them is wrong.
    ///
    /// ```
    /// use evidence_ladder::model::inputs::{FieldValue, NamedValues};
    /// use evidence_ladder::model::report::SavedFile;
    /// let file = SavedFile {
    ///     app: Some("Evidence Ladder".into()),
    ///     inputs: Some(NamedValues(vec![("novelty".into(), FieldValue::Number(4.0))])),
    /// };
    /// assert_eq!(file.inputs().unwrap().novelty, 4);
    /// ```
    pub fn inputs(self) -> Result<Inputs, String> {
        if self.app.as_deref() != Some("Evidence Ladder") {
            return Err(
                "it is not a plan saved by Evidence Ladder (no \"app\": \"Evidence Ladder\")."
                    .into(),
            );
        }
        let pairs = self.inputs.ok_or("it has no \"inputs\".")?.0;
        let (inputs, unknown) =
            Inputs::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.clone())))
                .map_err(|e| format!("{e}."))?;
        match unknown.first() {
            Some(name) => Err(format!("it has an unknown input \"{name}\".")),
            None => Ok(inputs),
        }
    }
}

/// What "Download JSON" saves: which app made it, the inputs and the plan,
/// the same plan object `window.evidenceLadder.plan()` returns.
#[derive(Serialize)]
pub struct SavedPlan<'a> {
    pub app: &'static str,
    pub version: &'static str,
    pub inputs: &'a Inputs,
    pub plan: &'a Plan,
    /// The pasted results and their analysis, when there are any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub results: Option<&'a crate::model::results::ResultsExport>,
}

impl<'a> SavedPlan<'a> {
    pub fn new(plan: &'a Plan, results: Option<&'a crate::model::results::ResultsExport>) -> Self {
        SavedPlan {
            app: "Evidence Ladder",
            version: env!("CARGO_PKG_VERSION"),
            inputs: &plan.inputs,
            plan,
            results,
        }
    }
}
