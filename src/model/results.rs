//! The results the researcher pastes back, as the page keeps them: the text,
//! which two arms to compare and the metric's direction. Analysis of them
//! lives in `analysis`; this is the glue the page, storage and exports share.

use serde::{Deserialize, Serialize};

use super::analysis::{analyze, parse_results_text, Analysis, AnalysisInput, ParsedResults};

/// Arm names the results template uses, so a filled template needs no choices.
pub const TEMPLATE_ARMS: [&str; 2] = ["method", "baseline"];

/// What the Results section holds. Saved in the browser (not in the URL).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PastedResults {
    pub text: String,
    /// The arm whose gain is measured; empty means "method", or the first arm.
    pub method: String,
    /// The arm it is measured against; empty means "baseline", or the second arm.
    pub baseline: String,
    /// True for accuracy-like metrics, false for losses.
    pub higher_is_better: bool,
}

impl Default for PastedResults {
    fn default() -> Self {
        PastedResults {
            text: String::new(),
            method: String::new(),
            baseline: String::new(),
            higher_is_better: true,
        }
    }
}

/// The pasted text read, the two arms compared, and the analysis (or why none).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ResultsReading {
    pub parsed: ParsedResults,
    pub method: String,
    pub baseline: String,
    pub analysis: Option<Result<Analysis, String>>,
}

impl PastedResults {
    /// Reads the text and analyses it; `next_params` is the plan's next rung, if any.
    ///
    /// ```
    /// use evidence_ladder::model::results::PastedResults;
    /// let pasted = PastedResults {
    ///     text: "params,arm,seed,value\n1e8,method,1,2\n1e8,baseline,1,1\n1e9,method,1,3\n1e9,baseline,1,1".into(),
    ///     ..PastedResults::default()
    /// };
    /// let reading = pasted.read(None);
    /// assert_eq!((reading.method.as_str(), reading.baseline.as_str()), ("method", "baseline"));
    /// assert!(reading.analysis.unwrap().is_ok());
    /// ```
    pub fn read(&self, next_params: Option<f64>) -> ResultsReading {
        let parsed = parse_results_text(&self.text);
        let pick = |chosen: &str, preferred: &str, index: usize| {
            if !chosen.is_empty() {
                chosen.to_owned()
            } else if parsed.arms.iter().any(|a| a == preferred) {
                preferred.to_owned()
            } else {
                parsed.arms.get(index).cloned().unwrap_or_default()
            }
        };
        let method = pick(&self.method, TEMPLATE_ARMS[0], 0);
        let mut baseline = pick(&self.baseline, TEMPLATE_ARMS[1], 1);
        if baseline == method && self.baseline.is_empty() {
            baseline = parsed
                .arms
                .iter()
                .find(|a| **a != method)
                .cloned()
                .unwrap_or_default();
        }
        let analysis = (!parsed.rows.is_empty()).then(|| {
            analyze(&AnalysisInput {
                results: parsed.rows.clone(),
                method: method.clone(),
                baseline: baseline.clone(),
                higher_is_better: self.higher_is_better,
                next_params,
            })
            .map_err(|e| e.to_string())
        });
        ResultsReading {
            parsed,
            method,
            baseline,
            analysis,
        }
    }
}

/// The words that follow a size on this axis in the results' sentences: ""
/// for parameter counts (130M), "tokens" on the data axis, "× the smallest run" on custom.
pub fn scale_unit(axis: super::axis::Axis) -> &'static str {
    match axis {
        super::axis::Axis::Pretrain | super::axis::Axis::Finetune => "",
        other => other.unit(),
    }
}

/// What the exports carry of the results: the runs, the arms compared, and the analysis.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ResultsExport {
    pub results: Vec<super::analysis::ResultRow>,
    pub method: String,
    pub baseline: String,
    pub higher_is_better: bool,
    pub analysis: Option<Analysis>,
}

impl ResultsExport {
    /// None when nothing was pasted.
    pub fn new(pasted: &PastedResults, reading: &ResultsReading) -> Option<Self> {
        (!reading.parsed.rows.is_empty()).then(|| ResultsExport {
            results: reading.parsed.rows.clone(),
            method: reading.method.clone(),
            baseline: reading.baseline.clone(),
            higher_is_better: pasted.higher_is_better,
            analysis: reading.analysis.clone().and_then(Result::ok),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arms_default_to_the_template_then_to_the_order_given() {
        let pasted = PastedResults {
            text: "params\tarm\tseed\tvalue\n1e8\tours\t1\t2\n1e8\ttheirs\t1\t1".into(),
            ..PastedResults::default()
        };
        let r = pasted.read(None);
        assert_eq!((r.method.as_str(), r.baseline.as_str()), ("ours", "theirs"));
        // One rung is not enough for a trend: the reason is given, not a panic.
        assert!(r.analysis.expect("analysed").is_err());
    }

    #[test]
    fn nothing_pasted_means_no_analysis() {
        assert!(PastedResults::default().read(None).analysis.is_none());
    }
}
