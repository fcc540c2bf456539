//! Helpers shared by the results tests (`tests/analysis.rs`,
//! `tests/analysis_snapshot.rs`); not a test crate of its own.

use evidence_ladder::model::results::{AnalysisInput, ResultRow};

/// An analysis of `results` with the method "ours" against "base", nothing else set.
pub fn input(results: Vec<ResultRow>, higher_is_better: bool) -> AnalysisInput {
    AnalysisInput {
        results,
        method: "ours".to_owned(),
        baseline: "base".to_owned(),
        higher_is_better,
        metric: None,
        next_params: None,
        top_params: None,
        compute_exponent: None,
    }
}
