//! A plan in words: the sentences and table cells the page shows, and the
//! Markdown a researcher pastes into a proposal. One source for both, so the
//! copy and the screen never disagree.

use serde::Serialize;

use super::evidence::{generality_phrase, novelty_phrase};
use super::format;
use super::hardware::BudgetSource;
use super::inputs::{Field, Inputs};
use super::ladder::Rung;
use super::plan::{ClaimCell, Plan};

/// Column headings of the ladder table, in order; the last one only when priced.
pub const LADDER_COLUMNS: [&str; 9] = [
    "Tier",
    "Parameters",
    "Tokens",
    "FLOPs per run",
    "Accelerator-hours per run",
    "Wall-clock per run",
    "Runs",
    "Share of budget",
    "Cost",
];

/// One rung as the cells of a table row, in [`LADDER_COLUMNS`] order.
pub fn rung_cells(rung: &Rung) -> Vec<String> {
    let mut cells = vec![
        rung.tier.label().to_owned(),
        format::count(rung.params),
        format::count(rung.tokens),
        format::flops(rung.flops_per_run),
        format::number(rung.hours_per_run),
        format::duration(rung.wall_clock_hours_per_run),
        rung.runs.to_string(),
        format::percent(rung.share_of_budget),
    ];
    if let Some(cost) = rung.cost {
        cells.push(format::number(cost));
    }
    cells
}

/// The totals row, in [`LADDER_COLUMNS`] order.
pub fn total_cells(plan: &Plan) -> Vec<String> {
    let l = &plan.ladder;
    let mut cells = vec![
        "Total".to_owned(),
        String::new(),
        String::new(),
        format::flops(l.planned_flops),
        format::number(l.accelerator_hours),
        format::duration(l.wall_clock_hours),
        l.runs.to_string(),
        format::percent(l.planned_flops / l.budget_flops),
    ];
    if let Some(cost) = l.cost {
        cells.push(format::number(cost));
    }
    cells
}

/// The budget in one line: "8 × NVIDIA A100 for 720 h at MFU 0.4: 2.6e21 FLOPs".
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

/// The verdict in sentences: what the plan uses and, when it does not fit,
/// by how much and what to change.
pub fn verdict_lines(plan: &Plan) -> Vec<String> {
    let l = &plan.ladder;
    let cost = l
        .cost
        .map(|c| format!(", costing {}", format::number(c)))
        .unwrap_or_default();
    let mut lines = vec![format!(
        "{} runs use {} of {} FLOPs ({}): {} accelerator-hours, {} of wall-clock time{cost}.",
        l.runs,
        format::flops(l.planned_flops),
        format::flops(l.budget_flops),
        format::percent(l.planned_flops / l.budget_flops),
        format::number(l.accelerator_hours),
        format::duration(l.wall_clock_hours),
    )];
    if let Some(shortfall) = l.shortfall {
        let bottom = l.rungs.first().map_or(0.0, |r| r.params);
        lines.push(format!(
            "The smallest rung would have {} parameters, below the {} worth training. \
             This claim needs {}× the compute ({} FLOPs): add compute, or narrow the claim.",
            format::count(bottom),
            format::count(l.smallest_useful_params),
            format::number(shortfall),
            format::flops(l.required_flops),
        ));
        let i = &plan.inputs;
        if plan.budget.source == BudgetSource::Hardware {
            lines.push(format!(
                "More compute: {:.0} × {} for the same time, or {} on your {}.",
                (f64::from(i.count) * shortfall).ceil(),
                i.accelerator.name,
                format::duration(i.hours * shortfall),
                i.count,
            ));
        }
        if plan.narrower_claims.is_empty() {
            lines.push(
                "No narrower claim fits this budget either: add compute, or train on fewer tokens per parameter."
                    .into(),
            );
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
        "{}: level {}",
        claim_phrase(c.generality, c.novelty),
        c.level
    );
    text[..1].make_ascii_uppercase();
    text
}

/// HTML a blog pastes to embed a calculator with these inputs, served from
/// `base` (the app's address, ending in "/"): the script and a placeholder.
///
/// ```
/// use evidence_ladder::model::{inputs::Inputs, report::embed_snippet};
/// let inputs = Inputs { generality: 4, tokens_per_param: 10.0, ..Inputs::default() };
/// assert_eq!(
///     embed_snippet(&inputs, "https://example.org/el/"),
///     "<script src=\"https://example.org/el/embed.js\" async></script>\n\
///      <div data-evidence-ladder data-generality=\"4\" data-tokens-per-param=\"10\"></div>"
/// );
/// ```
pub fn embed_snippet(inputs: &Inputs, base: &str) -> String {
    let attributes: String = inputs
        .changed_fields()
        .into_iter()
        .map(|(field, text)| format!(" data-{}=\"{}\"", field.key().replace('_', "-"), text))
        .collect();
    format!(
        "<script src=\"{base}embed.js\" async></script>\n<div data-evidence-ladder{attributes}></div>"
    )
}

/// The same calculator rendered straight into the page with `mount()`.
pub fn mount_snippet(inputs: &Inputs, base: &str) -> String {
    let options: Vec<String> = inputs
        .changed_fields()
        .into_iter()
        .map(|(field, text)| match field {
            Field::Kind | Field::Accelerator => format!("{}: \"{text}\"", field.key()),
            _ => format!("{}: {text}", field.key()),
        })
        .collect();
    format!(
        "<script src=\"{base}embed.js\" async></script>\n\
         <div id=\"evidence-ladder\"></div>\n\
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
pub fn markdown(plan: &Plan, link: &str) -> String {
    let e = &plan.evidence;
    let i = &plan.inputs;
    let mut md = format!(
        "# Evidence plan: {}\n\n\
         Claim: {}.\n\n\
         **Evidence level {} of 5 — {}.**\n\n## Requirements\n\n",
        i.kind.label(),
        claim_phrase(i.generality, i.novelty),
        e.level,
        e.name,
    );
    for item in e
        .requirements
        .iter()
        .map(String::as_str)
        .chain(e.kind_demands.iter().copied())
    {
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
    let columns = if plan.ladder.cost.is_some() { 9 } else { 8 };
    let headings: Vec<String> = LADDER_COLUMNS[..columns]
        .iter()
        .map(|s| s.to_string())
        .collect();
    md.push_str(&table_row(&headings));
    md.push_str(&table_row(&vec!["---".to_owned(); columns]));
    for rung in &plan.ladder.rungs {
        md.push_str(&table_row(&rung_cells(rung)));
    }
    md.push_str(&table_row(&total_cells(plan)));
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
        let md = markdown(&plan, "https://example.org/?price=2");
        assert!(md.contains("**Evidence level 3 of 5 — Convincing.**"));
        assert_eq!(
            md.matches("- [ ] ").count(),
            plan.evidence.requirements.len() + plan.evidence.kind_demands.len()
        );
        assert!(md.contains("| Tier | Parameters |"));
        assert!(md.contains("| Large | 1.3B | 26B |"));
        assert!(md.contains("| Cost |"));
        assert!(md.contains("**Fits your budget.**"));
        assert!(md.contains("Kaplan et al. 2020"));
        assert!(md.ends_with("(https://example.org/?price=2)\n"));
        // One table row per rung plus heading, rule and total.
        assert_eq!(
            md.lines().filter(|l| l.starts_with("| ")).count(),
            plan.ladder.rungs.len() + 3
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
        assert!(lines[1].contains("needs") && lines[1].contains("narrow the claim"));
        let md = markdown(&plan, "x");
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
    }

    #[test]
    fn cells_match_columns() {
        let plan = Plan::new(Inputs::default());
        assert_eq!(rung_cells(&plan.ladder.rungs[0]).len(), 8);
        assert_eq!(total_cells(&plan).len(), 8);
        assert_eq!(
            budget_line(&plan),
            "8 × NVIDIA A100 for 30 days at MFU 0.4: 2.6e21 FLOPs"
        );
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
}

impl<'a> SavedPlan<'a> {
    pub fn new(plan: &'a Plan) -> Self {
        SavedPlan {
            app: "Evidence Ladder",
            version: env!("CARGO_PKG_VERSION"),
            inputs: &plan.inputs,
            plan,
        }
    }
}
