//! The results as they leave the page: CSV (the runs, or an empty template)
//! and a Markdown section. Every user string goes through `format`'s
//! escapers, so an export is inert wherever it is pasted.

use super::input::ResultRow;
use super::sentences::{direction_text, multiplier_cell, prediction_sentence, verdict_text, Style};
use super::Analysis;
use crate::model::format::{self, csv_cell, markdown_text};

/// The header every CSV this module writes starts with (with `value` as the metric).
pub const CSV_HEADER: &str = "params,arm,seed,value";

/// The header naming the metric column, so a round trip keeps its direction.
/// A metric that would not read back as one (empty once invisible characters
/// are dropped, or named like a key column) is written as `value`.
fn header(metric: Option<&str>) -> String {
    let metric = metric.map(super::input::clean_name);
    match metric.as_deref() {
        Some(m) if !m.is_empty() && !super::parse::names_a_key_column(m) => {
            format!("params,arm,seed,{}", csv_cell(m))
        }
        _ => CSV_HEADER.to_owned(),
    }
}

/// A long-form CSV of the plan's runs with empty values, for the researcher to fill in:
/// one line per rung × arm × seed (seeds numbered from 1).
///
/// ```
/// use evidence_ladder::model::results::results_template_csv;
/// let csv = results_template_csv(&[1.2e8, 1.3e9], &["ours", "baseline"], 3);
/// assert!(csv.starts_with("params,arm,seed,value\n120000000,ours,1,\n"));
/// assert_eq!(csv.lines().count(), 1 + 2 * 2 * 3);
/// ```
pub fn results_template_csv(rungs: &[f64], arms: &[&str], seeds: u32) -> String {
    let mut csv = format!("{CSV_HEADER}\n");
    for params in rungs {
        for arm in arms {
            for seed in 1..=seeds {
                csv.push_str(&format!("{params},{},{seed},\n", csv_cell(arm)));
            }
        }
    }
    csv
}

/// Runs as long-form CSV under a header naming `metric`; reading it back
/// with `parse_results_text` gives the same rows.
pub fn results_csv(rows: &[ResultRow], metric: Option<&str>) -> String {
    let tasks = rows.iter().any(|r| r.task.is_some());
    let mut csv = header(metric);
    if tasks {
        csv.push_str(",task");
    }
    csv.push('\n');
    for r in rows {
        csv.push_str(&format!(
            "{},{},{},{}",
            r.params,
            csv_cell(&r.arm),
            csv_cell(&r.seed),
            r.value
        ));
        if tasks {
            csv.push(',');
            csv.push_str(&csv_cell(r.task.as_deref().unwrap_or_default()));
        }
        csv.push('\n');
    }
    csv
}

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
        let d = format::decimals_for(r.ci_low.zip(r.ci_high).map(|(lo, hi)| hi - lo), r.gain);
        let ci = match (r.ci_low, r.ci_high) {
            (Some(lo), Some(hi)) => format!(
                "{} to {}",
                format::signed(lo, d, false),
                format::signed(hi, d, false)
            ),
            _ => "–".to_owned(),
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
            format::signed(r.method_mean, d + 1, false),
            format::signed(r.baseline_mean, d + 1, false),
            format::signed(r.gain, d, true),
            r.n_method,
            r.n_baseline
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
            md.push_str(&format!("- {}\n", markdown_text(w)));
        }
    }
    md.push_str(&format!("\n*Method.* {}\n", analysis.statistics));
    md
}
