//! The results the researcher pastes back, as the page keeps them: the text,
//! which two arms to compare and the metric's direction, each asked for
//! rather than assumed. This is the glue the page, storage and exports share.

use serde::{Deserialize, Serialize};

use super::input::clean_name;
use super::limits::TooLarge;
use super::limits::MAX_TEXT_BYTES;
use super::parse::{parse_paced, Form, ParsedResults};
use super::{analyze_paced, direction, Analysis, AnalysisError, AnalysisInput, ResultRow};
use crate::model::pace::{run_now, Pace, Unpaced};

/// Arm names the results template uses, so a filled template needs no choices.
pub const TEMPLATE_ARMS: [&str; 2] = ["method", "baseline"];

/// What the Results section holds. Saved in the browser (not in the URL).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PastedResults {
    pub text: String,
    /// The arm whose gain is measured; empty means "method" if there is one, else ask.
    pub method: String,
    /// The arm it is measured against; empty means "baseline" if there is one, else ask.
    pub baseline: String,
    /// The user's answer to "which is better?"; `None` until asked and answered.
    pub higher_is_better: Option<bool>,
    /// The metric column the answer was given for: a new metric is asked
    /// again (or read from its name) rather than inheriting the answer.
    pub direction_for: String,
}

/// A choice the page must ask for before it gives a verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ask {
    Method,
    Baseline,
    Direction,
}

/// The pasted text read, the two arms compared, the direction, and the
/// analysis (or why none, or what must be asked first).
#[derive(Clone, Debug, PartialEq)]
pub struct ResultsReading {
    pub parsed: ParsedResults,
    /// "" when not known yet.
    pub method: String,
    pub baseline: String,
    /// `None` when neither the user nor the metric's name says.
    pub higher_is_better: Option<bool>,
    /// True when the direction was read from the metric's name.
    pub direction_inferred: bool,
    /// What the page must ask before it can analyse.
    pub ask: Vec<Ask>,
    pub analysis: Option<Result<Analysis, AnalysisError>>,
}

impl ResultsReading {
    /// The key `direction_for` is compared with: the metric column's name ("" in wide form).
    pub fn metric_key(&self) -> String {
        self.parsed.metric.clone().unwrap_or_default()
    }
}

/// What the plan says about scale, for predictions: its rungs' sizes
/// (ascending, in the scaling unit) and how compute grows with them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlanScale {
    pub rungs: Vec<f64>,
    pub compute_exponent: Option<f64>,
}

impl PlanScale {
    /// The plan's smallest rung above `largest`, or one ladder step above its top.
    fn next_above(&self, largest: f64) -> Option<f64> {
        let above = self
            .rungs
            .iter()
            .copied()
            .find(|&r| r > largest * (1.0 + 1e-9));
        above.or(match self.rungs.as_slice() {
            [.., below, top] => Some(top * top / below),
            _ => None,
        })
    }
}

impl PastedResults {
    /// Reads the text and analyses it, predicting at the plan's next rung above
    /// the results and at its top.
    ///
    /// ```
    /// use evidence_ladder::model::results::PastedResults;
    /// let pasted = PastedResults {
    ///     text: "params,arm,seed,val_loss\n1e8,method,1,2\n1e8,baseline,1,3\n1e9,method,1,1\n1e9,baseline,1,3".into(),
    ///     ..PastedResults::default()
    /// };
    /// let reading = pasted.read(&Default::default());
    /// assert_eq!((reading.method.as_str(), reading.baseline.as_str()), ("method", "baseline"));
    /// assert_eq!(reading.higher_is_better, Some(false));
    /// assert!(reading.analysis.unwrap().is_ok());
    /// ```
    pub fn read(&self, plan: &PlanScale) -> ResultsReading {
        run_now(self.read_paced(plan, &mut Unpaced))
    }

    /// [`Self::read`] in slices: `pace` may let the page run while the text
    /// is read and while it is analysed, so that no paste within the limits
    /// holds the page's thread for long (issue 34).
    pub async fn read_paced(&self, plan: &PlanScale, pace: &mut dyn Pace) -> ResultsReading {
        let parsed = parse_paced(&self.text, pace).await;
        pace.pause().await;
        let mut reading = self.choices(parsed);
        let largest = reading
            .parsed
            .rows
            .iter()
            .map(|r| r.params)
            .fold(0.0, f64::max);
        if let Some(higher_is_better) = reading.higher_is_better {
            if !reading.parsed.rows.is_empty() && reading.ask.is_empty() {
                // Moved, not cloned (100,000 rows), and moved back after.
                let input = AnalysisInput {
                    results: std::mem::take(&mut reading.parsed.rows),
                    method: reading.method.clone(),
                    baseline: reading.baseline.clone(),
                    higher_is_better,
                    metric: reading.parsed.metric.clone(),
                    next_params: plan.next_above(largest),
                    top_params: plan.rungs.last().copied(),
                    compute_exponent: plan.compute_exponent,
                };
                let analysis = analyze_paced(&input, pace).await;
                reading.parsed.rows = input.results;
                reading.analysis = Some(analysis);
            }
        }
        reading
    }

    /// The text read, with the arms and direction chosen or asked; not analysed yet.
    fn choices(&self, parsed: ParsedResults) -> ResultsReading {
        let exists = |name: &str| parsed.arms.iter().any(|a| a == name);
        let pick = |chosen: &str, template: &str| {
            let chosen = clean_name(chosen);
            if !chosen.is_empty() && exists(&chosen) {
                chosen.into_owned()
            } else if exists(template) {
                template.to_owned()
            } else {
                String::new()
            }
        };
        let mut method = pick(&self.method, TEMPLATE_ARMS[0]);
        let mut baseline = pick(&self.baseline, TEMPLATE_ARMS[1]);
        // With two arms, naming one names the other: a deduction, not column order.
        let other = |this: &str| {
            (parsed.arms.len() == 2)
                .then(|| parsed.arms.iter().find(|a| *a != this).cloned())
                .flatten()
                .unwrap_or_default()
        };
        if method.is_empty() && !baseline.is_empty() {
            method = other(&baseline);
        } else if baseline.is_empty() && !method.is_empty() {
            baseline = other(&method);
        }
        if method == baseline {
            baseline.clear();
        }
        let metric = parsed.metric.clone().unwrap_or_default();
        let inferred = match parsed.form {
            Form::Long => direction::higher_is_better(&metric),
            Form::Wide => None,
        };
        let chosen = self
            .higher_is_better
            .filter(|_| self.direction_for == metric);
        let higher_is_better = chosen.or(inferred);
        let mut ask = Vec::new();
        if !parsed.rows.is_empty() {
            if method.is_empty() {
                ask.push(Ask::Method);
            }
            if baseline.is_empty() {
                ask.push(Ask::Baseline);
            }
            if higher_is_better.is_none() {
                ask.push(Ask::Direction);
            }
        }
        ResultsReading {
            parsed,
            method,
            baseline,
            higher_is_better,
            direction_inferred: chosen.is_none() && inferred.is_some(),
            ask,
            analysis: None,
        }
    }
}

/// A file or paste of `bytes` bytes, if it is over the limit: reading it
/// would freeze the page, so it is refused before it is read.
pub fn too_large(bytes: f64) -> Option<TooLarge> {
    (bytes > MAX_TEXT_BYTES as f64).then_some(TooLarge::Results { bytes })
}

/// What the exports carry of the results: the runs, the arms compared, the
/// direction (null when not yet chosen), the metric, and the analysis;
/// borrowed from the reading, which is not copied to be written out.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ResultsExport<'a> {
    pub results: &'a [ResultRow],
    pub method: &'a str,
    pub baseline: &'a str,
    pub higher_is_better: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metric: Option<&'a str>,
    /// In JSON with its notes worded (`text::results::export_json`).
    #[serde(skip)]
    pub analysis: Option<&'a Analysis>,
}

impl<'a> ResultsExport<'a> {
    /// None when nothing was pasted.
    pub fn new(_pasted: &PastedResults, reading: &'a ResultsReading) -> Option<Self> {
        (!reading.parsed.rows.is_empty()).then(|| ResultsExport {
            results: &reading.parsed.rows,
            method: &reading.method,
            baseline: &reading.baseline,
            higher_is_better: reading.higher_is_better,
            metric: reading.parsed.metric.as_deref(),
            analysis: reading.analysis.as_ref().and_then(|a| a.as_ref().ok()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIDE: &str = "params\tseed\tours\ttheirs\n1e8\t1\t2\t1\n1e8\t2\t2.1\t1.1\n1e9\t1\t3\t1\n1e9\t2\t3.2\t1.1";

    #[test]
    fn arms_and_direction_are_asked_not_assumed() {
        let pasted = PastedResults {
            text: WIDE.into(),
            ..PastedResults::default()
        };
        let r = pasted.read(&PlanScale::default());
        assert_eq!((r.method.as_str(), r.baseline.as_str()), ("", ""));
        assert_eq!(r.ask, [Ask::Method, Ask::Baseline, Ask::Direction]);
        assert!(r.analysis.is_none());
        // Naming the method names the baseline (two arms); the direction is still asked.
        let chosen = PastedResults {
            method: "theirs".into(),
            ..pasted.clone()
        };
        let r = chosen.read(&PlanScale::default());
        assert_eq!(r.baseline, "ours");
        assert_eq!(r.ask, [Ask::Direction]);
        let answered = PastedResults {
            higher_is_better: Some(true),
            ..chosen
        };
        let a = answered
            .read(&PlanScale::default())
            .analysis
            .expect("analysed")
            .expect("valid");
        assert!(a.rungs.iter().all(|r| r.gain < 0.0));
    }

    #[test]
    fn a_new_metric_is_asked_again() {
        let pasted = PastedResults {
            text: "params,arm,seed,value\n1e8,method,1,2\n1e8,baseline,1,1".into(),
            higher_is_better: Some(true),
            direction_for: "value".into(),
            ..PastedResults::default()
        };
        assert_eq!(
            pasted.read(&PlanScale::default()).higher_is_better,
            Some(true)
        );
        let other = PastedResults {
            text: "params,arm,seed,score\n1e8,method,1,2\n1e8,baseline,1,1".into(),
            higher_is_better: Some(false),
            direction_for: "value".into(),
            ..PastedResults::default()
        };
        let r = other.read(&PlanScale::default());
        assert_eq!(r.higher_is_better, Some(true));
        assert!(r.direction_inferred);
    }

    #[test]
    fn files_over_the_limit_are_refused_unread() {
        assert_eq!(too_large(3e6), Some(TooLarge::Results { bytes: 3e6 }));
        assert_eq!(too_large(2e6), None);
    }

    #[test]
    fn nothing_pasted_means_no_analysis() {
        assert!(PastedResults::default()
            .read(&PlanScale::default())
            .analysis
            .is_none());
    }
}
