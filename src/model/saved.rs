//! The files Evidence Ladder writes and reads back: "Download JSON" writes a
//! [`SavedPlan`]; "Open a saved plan…" reads a [`SavedFile`] from it.

use serde::{Deserialize, Serialize};

use super::inputs::{InputError, Inputs, NamedValues};
use super::plan::Plan;
use super::results::limits::{TooLarge, MAX_ROWS};
use super::results::PastedResults;
use super::results::{results_csv, ResultRow};

/// The name every file this app writes carries in its `app` field.
pub const APP_NAME: &str = "Evidence Ladder";

/// Largest saved plan file read, in bytes: "Download JSON" of the largest
/// results the page reads (100,000 runs, `MAX_ROWS`) writes about 110 bytes
/// a run (indented JSON, short arm names), 11 MB, plus the plan's tens of KB.
/// A larger file is refused by its size, before a byte is read (a 150 MB
/// file once blocked the page 1.3 s; issue 34).
pub const MAX_SAVED_BYTES: f64 = 16_000_000.0;

/// A saved plan file of `bytes`, if it is too large to read.
///
/// ```
/// use evidence_ladder::model::results::limits::TooLarge;
/// use evidence_ladder::model::saved::saved_too_large;
/// assert_eq!(saved_too_large(20e6), Some(TooLarge::SavedPlan { bytes: 20e6 }));
/// assert_eq!(saved_too_large(50e3), None);
/// ```
pub fn saved_too_large(bytes: f64) -> Option<TooLarge> {
    (bytes > MAX_SAVED_BYTES).then_some(TooLarge::SavedPlan { bytes })
}

/// Why a saved plan file is not opened (worded by `text::files`).
#[derive(Clone, Debug, PartialEq)]
pub enum NotOpened {
    /// No `"app": "Evidence Ladder"`.
    NotOurs,
    NoInputs,
    /// An input out of its range or of the wrong type.
    BadInput(InputError),
    /// An input this app does not have (its name, shortened).
    UnknownInput(String),
    /// More runs than the page reads.
    TooManyRuns {
        runs: usize,
    },
}

/// What a saved plan file holds, once read and checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    pub inputs: Inputs,
    /// Its results, when it has any.
    pub results: Option<PastedResults>,
}

/// The results part of a saved file: the runs and the choices made about them.
#[derive(Debug, Default, Deserialize)]
pub struct SavedResults {
    #[serde(default)]
    pub results: Vec<ResultRow>,
    #[serde(default)]
    pub method: String,
    #[serde(default)]
    pub baseline: String,
    #[serde(default)]
    pub higher_is_better: Option<bool>,
    /// The metric's column name (`val_loss`), when the results had one.
    #[serde(default)]
    pub metric: Option<String>,
}

/// The part of a downloaded plan that opening it again reads.
#[derive(Debug, Default, Deserialize)]
pub struct SavedFile {
    #[serde(default)]
    pub app: Option<String>,
    #[serde(default)]
    pub inputs: Option<NamedValues>,
    #[serde(default)]
    pub results: Option<SavedResults>,
}

impl SavedFile {
    /// The inputs of a plan downloaded by this app, checked as strictly as a
    /// link, and refused whole if anything in them is wrong.
    ///
    /// ```
    /// use evidence_ladder::model::inputs::{FieldValue, NamedValues};
    /// use evidence_ladder::model::saved::SavedFile;
    /// let file = SavedFile {
    ///     app: Some("Evidence Ladder".into()),
    ///     inputs: Some(NamedValues(vec![("novelty".into(), FieldValue::Number(4.0))])),
    ///     results: None,
    /// };
    /// assert_eq!(file.open().unwrap().inputs.novelty, 4);
    /// ```
    pub fn open(self) -> Result<Opened, NotOpened> {
        if self.app.as_deref() != Some(APP_NAME) {
            return Err(NotOpened::NotOurs);
        }
        let pairs = self.inputs.ok_or(NotOpened::NoInputs)?.0;
        let (inputs, unknown) =
            Inputs::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.clone())))
                .map_err(NotOpened::BadInput)?;
        if let Some(name) = unknown.into_iter().next() {
            return Err(NotOpened::UnknownInput(name));
        }
        if let Some(r) = &self.results {
            if r.results.len() > MAX_ROWS {
                return Err(NotOpened::TooManyRuns {
                    runs: r.results.len(),
                });
            }
        }
        let results = self.results.filter(|r| !r.results.is_empty()).map(|r| {
            let text = results_csv(&r.results, r.metric.as_deref());
            // The direction was chosen for the metric column the CSV now names.
            let direction_for = super::results::parse_results_text(&text)
                .metric
                .unwrap_or_default();
            PastedResults {
                text,
                method: r.method,
                baseline: r.baseline,
                higher_is_better: r.higher_is_better,
                direction_for,
            }
        });
        Ok(Opened { inputs, results })
    }
}

/// What "Download JSON" saves: which app made it, the inputs and the plan,
/// the same plan object `window.evidenceLadder.plan()` returns (`P`, the
/// text layer's public form of the plan: its words are not the model's to
/// write), and the results with their analysis (`R`, the text layer's form
/// of a [`super::results::ResultsExport`]).
#[derive(Serialize)]
pub struct SavedPlan<'a, P, R> {
    pub app: &'static str,
    pub version: &'static str,
    pub inputs: &'a Inputs,
    pub plan: P,
    /// The pasted results and their analysis, when there are any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub results: Option<R>,
}

impl<'a, P: Serialize, R: Serialize> SavedPlan<'a, P, R> {
    /// What to save for `plan`, written out as `public`.
    pub fn new(plan: &'a Plan, public: P, results: Option<R>) -> Self {
        SavedPlan {
            app: APP_NAME,
            version: env!("CARGO_PKG_VERSION"),
            inputs: &plan.inputs,
            plan: public,
            results,
        }
    }
}
