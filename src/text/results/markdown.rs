//! The results as a Markdown section for the exports. Every user string
//! goes through `format`'s escapers, so it is inert wherever it is pasted.

use super::sentences::{
    direction_text, gain_cells, multiplier_cell, prediction_sentence, verdict_text, Style,
};
use crate::model::results::Analysis;
use crate::text::format::{self, markdown_text};

/// The results as a Markdown section for the exports: the per-rung table, the
/// verdict, the prediction, the warnings and how the numbers were computed.
pub fn markdown_section(analysis: &Analysis, scale_unit: &str, metric_unit: &str) -> String {
    let style = Style::Markdown;
    let unit = markdown_text(scale_unit);
    let mut md = String::from("## Results: does it scale?\n\n");
    md.push_str(&format!(
        "Method {} against baseline {} ({}).\n\n",
        markdown_text(&analysis.method),
        markdown_text(&analysis.baseline),
        direction_text(analysis, style)
    ));
    let multipliers = analysis.multiplier_trend.is_some();
    md.push_str(if multipliers {
        "| Size | Compute multiplier (95% CI) | Method mean | Baseline mean | Gain | 95% CI | Seeds (method / baseline) |\n|---|---|---|---|---|---|---|\n"
    } else {
        "| Size | Method mean | Baseline mean | Gain | 95% CI | Seeds (method / baseline) |\n|---|---|---|---|---|---|\n"
    });
    for r in &analysis.rungs {
        let cells = gain_cells(r);
        let ci = match &cells.ci {
            Some((lo, hi)) => format!("{lo} to {hi}"),
            None => "–".to_owned(),
        };
        let size = if unit.is_empty() {
            format::size(r.params)
        } else {
            format!("{} {unit}", format::size(r.params))
        };
        let multiplier = if multipliers {
            format!(" {} |", multiplier_cell(r))
        } else {
            String::new()
        };
        md.push_str(&format!(
            "| {size} |{multiplier} {} | {} | {} | {ci} | {} / {} |\n",
            cells.method_mean, cells.baseline_mean, cells.gain, r.n_method, r.n_baseline
        ));
    }
    md.push_str(&format!(
        "\n**Verdict: {}.** {}\n\n{}\n",
        analysis.verdict.word(),
        verdict_text(analysis, &unit, &markdown_text(metric_unit), style),
        prediction_sentence(analysis, &unit, &markdown_text(metric_unit))
    ));
    if !analysis.warnings.is_empty() {
        md.push('\n');
        for w in &analysis.warnings {
            // Warnings carry arm names; the whole line is escaped.
            md.push_str(&format!("- {}\n", markdown_text(&super::note(w))));
        }
    }
    md.push_str(&format!("\n*Method.* {}\n", super::STATISTICS));
    md
}
