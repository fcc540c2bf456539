//! The runs as they leave the page: CSV (the runs, or an empty template),
//! every cell quoted where CSV needs it, which `parse` reads back as it was.
//! (The Markdown section is `text::results`'s.)

use super::input::ResultRow;
use crate::model::codec::csv_cell;

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
