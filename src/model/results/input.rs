//! What `analyze` takes, how it is read from JSON or JS, and the checks it
//! passes before any statistics: every problem named by its field and row.

use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

use super::direction;
use super::limits::{
    MAX_ABS_VALUE, MAX_ARMS, MAX_LISTED_NAMES, MAX_ROWS, MAX_RUNGS, MAX_SCALE, MAX_TASKS, MIN_SCALE,
};
use super::note::Note;

/// One run: the metric one arm reached with one seed at one rung.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultRow {
    /// The rung's size in the plan's scaling unit (parameters when pretraining); > 0.
    pub params: f64,
    /// Which arm ran: the method, a baseline, an ablation.
    pub arm: String,
    /// Any label; only used to spot a run pasted twice.
    pub seed: String,
    /// The metric; finite.
    pub value: f64,
    /// The task or environment (deep RL over several tasks); results with
    /// several tasks are aggregated over them by the interquartile mean.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task: Option<String>,
}

/// What `analyze` needs: the runs, which two arms to compare, and the metric's direction.
///
/// Deserialising (from JS or stored JSON) is lenient on purpose and then checked
/// field by field, so a missing or mistyped field gives our message with the
/// row's index (`results[3].value is missing`), not serde's. `higher_is_better`
/// may be left out when `metric` names a metric whose direction is clear
/// (`val_loss`, `accuracy`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawInput")]
pub struct AnalysisInput {
    pub results: Vec<ResultRow>,
    pub method: String,
    pub baseline: String,
    /// True for accuracy-like metrics, false for loss-like ones.
    pub higher_is_better: bool,
    /// The metric's name (a column header such as `val_loss`), for the sentences.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<String>,
    /// The next rung's size, when the plan knows it; otherwise 10× the largest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_params: Option<f64>,
    /// The plan's largest model, for a prediction there too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_params: Option<f64>,
    /// How compute grows with the scale column: 2 on the pretraining axis
    /// (C = 6·N·D with D = 20·N), 1 on data and fine-tuning axes, the
    /// plan's exponent on a custom axis. Default 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compute_exponent: Option<f64>,
}

/// Why an input cannot be analysed: the field and, for a row, its index
/// (worded by `text::results::errors`, which `Display` uses).
#[derive(Clone, Debug, PartialEq)]
pub enum AnalysisError {
    /// A field is absent or null, e.g. `results[3].value`.
    Missing { field: String },
    /// A field has the wrong type or value; `expected` says what it must be.
    Invalid { field: String, expected: Expected },
    /// `method` or `baseline` names no arm in the results.
    UnknownArm {
        role: &'static str,
        name: String,
        arms: Vec<String>,
    },
    /// `method` and `baseline` are the same arm.
    SameArm { name: String },
    /// Fewer than two rungs have runs of both arms.
    TooFewRungs { found: usize },
    /// More runs, rungs or arms than the analysis reads.
    TooMany {
        what: Counted,
        found: usize,
        limit: usize,
    },
    /// Numbers so large the statistics would overflow.
    TooLarge,
}

impl std::error::Error for AnalysisError {}

/// What a refused field must be (worded by `text::results::errors`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    Number,
    TextOrNumber,
    /// `results`: a list of rows.
    Rows,
    /// A row: an object with its fields.
    Row,
    /// `higher_is_better`: true or false.
    Direction,
    /// Above 0 and at most 10.
    ComputeExponent,
    /// Within [`MIN_SCALE`] to 10 × [`MAX_SCALE`].
    NextParams,
    /// Within [`MIN_SCALE`] to [`MAX_SCALE`].
    Params,
    Finite,
    /// Within ±[`MAX_ABS_VALUE`].
    ValueInRange,
    /// An arm's name, not empty once cleaned.
    Name,
}

/// What the analysis counts against a limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counted {
    Runs,
    Arms,
    Rungs,
    Tasks,
}

/// The `Visitor` methods for scalars, each giving `$other`: for a visitor
/// that takes one shape (a row, a list) and calls anything else other.
macro_rules! scalars_are {
    ($other:expr) => {
        fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
            Ok($other)
        }
        fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
            Ok($other)
        }
        fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
            Ok($other)
        }
        fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
            Ok($other)
        }
        fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
            Ok($other)
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok($other)
        }
        fn visit_none<E>(self) -> Result<Self::Value, E> {
            Ok($other)
        }
        fn visit_bytes<E>(self, _: &[u8]) -> Result<Self::Value, E> {
            Ok($other)
        }
    };
}

/// A JSON/JS scalar of any type, so that type errors are reported by us.
///
/// Read by hand rather than as an untagged enum: serde's untagged enums try
/// each variant in turn, and through serde-wasm-bindgen every failed try
/// builds a JS `Error` with its stack trace (about 9 µs). At seven per row,
/// 16,000 rows spent 1.0 s of a 1.4 s `analyze()` making errors (issue 34).
pub(crate) enum Scalar {
    Bool(bool),
    Number(f64),
    Text(String),
    Other,
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_bool<E>(self, b: bool) -> Result<Scalar, E> {
        Ok(Scalar::Bool(b))
    }
    fn visit_i64<E>(self, x: i64) -> Result<Scalar, E> {
        Ok(Scalar::Number(x as f64))
    }
    fn visit_u64<E>(self, x: u64) -> Result<Scalar, E> {
        Ok(Scalar::Number(x as f64))
    }
    fn visit_f64<E>(self, x: f64) -> Result<Scalar, E> {
        Ok(Scalar::Number(x))
    }
    fn visit_str<E>(self, t: &str) -> Result<Scalar, E> {
        Ok(Scalar::Text(t.to_owned()))
    }
    fn visit_string<E>(self, t: String) -> Result<Scalar, E> {
        Ok(Scalar::Text(t))
    }
    fn visit_unit<E>(self) -> Result<Scalar, E> {
        Ok(Scalar::Other)
    }
    fn visit_none<E>(self) -> Result<Scalar, E> {
        Ok(Scalar::Other)
    }
    fn visit_bytes<E>(self, _: &[u8]) -> Result<Scalar, E> {
        Ok(Scalar::Other)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Scalar, A::Error> {
        IgnoredAny.visit_seq(seq).map(|_| Scalar::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Scalar, A::Error> {
        IgnoredAny.visit_map(map).map(|_| Scalar::Other)
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
}

/// One row as given, each field checked later with the row's index.
#[derive(Default)]
pub(crate) struct RawRow {
    pub params: Option<Scalar>,
    pub arm: Option<Scalar>,
    pub seed: Option<Scalar>,
    pub value: Option<Scalar>,
    pub task: Option<Scalar>,
}

/// A row, or anything else (refused by its index); by hand, as [`Scalar`].
pub(crate) enum RawRowOrOther {
    Row(RawRow),
    Other,
}

struct RowVisitor;

impl<'de> Visitor<'de> for RowVisitor {
    type Value = RawRowOrOther;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawRowOrOther, A::Error> {
        let mut row = RawRow::default();
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            let slot = match key.as_ref() {
                "params" => &mut row.params,
                "arm" => &mut row.arm,
                "seed" => &mut row.seed,
                "value" => &mut row.value,
                "task" => &mut row.task,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            // The first of a repeated key wins, as serde's derive refuses
            // repeats (JSON text can repeat a key; a JS object cannot).
            let value = map.next_value::<Option<Scalar>>()?;
            if slot.is_none() {
                *slot = value;
            }
        }
        Ok(RawRowOrOther::Row(row))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<RawRowOrOther, A::Error> {
        IgnoredAny.visit_seq(seq).map(|_| RawRowOrOther::Other)
    }
    scalars_are!(RawRowOrOther::Other);
}

impl<'de> Deserialize<'de> for RawRowOrOther {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RowVisitor)
    }
}

/// The rows, or anything that is not a list of them.
pub(crate) enum RawRows {
    List(Vec<RawRowOrOther>),
    Other,
}

struct RowsVisitor;

impl<'de> Visitor<'de> for RowsVisitor {
    type Value = RawRows;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawRows, A::Error> {
        // The hint is the caller's claim: capped, so a false one cannot
        // reserve more than the limit's worth.
        let mut rows = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(MAX_ROWS));
        while let Some(row) = seq.next_element()? {
            rows.push(row);
        }
        Ok(RawRows::List(rows))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawRows, A::Error> {
        IgnoredAny.visit_map(map).map(|_| RawRows::Other)
    }
    scalars_are!(RawRows::Other);
}

impl<'de> Deserialize<'de> for RawRows {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RowsVisitor)
    }
}

/// `analyze`'s input as given: read by serde (JSON, saved results) or,
/// for the JS API, straight from the caller's object (`js_api`).
#[derive(Deserialize, Default)]
pub(crate) struct RawInput {
    pub results: Option<RawRows>,
    pub method: Option<Scalar>,
    pub baseline: Option<Scalar>,
    pub higher_is_better: Option<Scalar>,
    pub metric: Option<Scalar>,
    pub next_params: Option<Scalar>,
    #[serde(default)]
    pub top_params: Option<Scalar>,
    #[serde(default)]
    pub compute_exponent: Option<Scalar>,
}

/// Where a value sits (`results[3].value`, `metric`), written out only for
/// a message: formatting five names per row took 20 ms of 16,000 rows.
#[derive(Clone, Copy)]
struct At<'a>(Option<usize>, &'a str);

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(row) => write!(f, "results[{row}].{}", self.1),
            None => f.write_str(self.1),
        }
    }
}

fn number(at: At, s: Option<Scalar>) -> Result<f64, AnalysisError> {
    match s {
        None => Err(AnalysisError::Missing {
            field: at.to_string(),
        }),
        Some(Scalar::Number(x)) => Ok(x),
        Some(_) => Err(AnalysisError::Invalid {
            field: at.to_string(),
            expected: Expected::Number,
        }),
    }
}

/// A name or label: text, or a number written as text (seed 1 → "1").
fn label(at: At, s: Option<Scalar>) -> Result<String, AnalysisError> {
    match s {
        None => Err(AnalysisError::Missing {
            field: at.to_string(),
        }),
        Some(Scalar::Text(t)) => Ok(t),
        Some(Scalar::Number(x)) => Ok(x.to_string()),
        Some(_) => Err(AnalysisError::Invalid {
            field: at.to_string(),
            expected: Expected::TextOrNumber,
        }),
    }
}

/// The pasted runs, each checked: at most [`MAX_ROWS`], every one an object
/// with a number for its size and value and a label for its arm and seed.
fn rows_of(raw: Option<RawRows>) -> Result<Vec<ResultRow>, AnalysisError> {
    let rows = match raw {
        None => {
            return Err(AnalysisError::Missing {
                field: "results".to_owned(),
            })
        }
        Some(RawRows::Other) => {
            return Err(AnalysisError::Invalid {
                field: "results".to_owned(),
                expected: Expected::Rows,
            })
        }
        Some(RawRows::List(rows)) => rows,
    };
    if rows.len() > MAX_ROWS {
        return Err(AnalysisError::TooMany {
            what: Counted::Runs,
            found: rows.len(),
            limit: MAX_ROWS,
        });
    }
    let mut results = Vec::with_capacity(rows.len());
    for (i, row) in rows.into_iter().enumerate() {
        let RawRowOrOther::Row(row) = row else {
            return Err(AnalysisError::Invalid {
                field: format!("results[{i}]"),
                expected: Expected::Row,
            });
        };
        results.push(ResultRow {
            params: number(At(Some(i), "params"), row.params)?,
            arm: label(At(Some(i), "arm"), row.arm)?,
            seed: label(At(Some(i), "seed"), row.seed)?,
            value: number(At(Some(i), "value"), row.value)?,
            task: match row.task {
                None => None,
                task => Some(label(At(Some(i), "task"), task)?).filter(|t| !t.trim().is_empty()),
            },
        });
    }
    Ok(results)
}

/// Whether higher is better: as given, or known from the metric's name.
fn direction_of(given: Option<Scalar>, metric: Option<&str>) -> Result<bool, AnalysisError> {
    match given {
        Some(Scalar::Bool(b)) => Ok(b),
        None => {
            metric
                .and_then(direction::higher_is_better)
                .ok_or_else(|| AnalysisError::Missing {
                    field: "higher_is_better".to_owned(),
                })
        }
        Some(_) => Err(AnalysisError::Invalid {
            field: "higher_is_better".to_owned(),
            expected: Expected::Direction,
        }),
    }
}

impl TryFrom<RawInput> for AnalysisInput {
    type Error = AnalysisError;

    fn try_from(raw: RawInput) -> Result<Self, AnalysisError> {
        let results = rows_of(raw.results)?;
        let metric = match raw.metric {
            None => None,
            s => Some(label(At(None, "metric"), s)?),
        };
        let higher_is_better = direction_of(raw.higher_is_better, metric.as_deref())?;
        let optional = |field: &str, s: Option<Scalar>| match s {
            None => Ok(None),
            s => number(At(None, field), s).map(Some),
        };
        let next_params = optional("next_params", raw.next_params)?;
        let top_params = optional("top_params", raw.top_params)?;
        let compute_exponent = optional("compute_exponent", raw.compute_exponent)?;
        if compute_exponent.is_some_and(|e| !(e > 0.0 && e <= 10.0)) {
            return Err(AnalysisError::Invalid {
                field: "compute_exponent".to_owned(),
                expected: Expected::ComputeExponent,
            });
        }
        Ok(Self {
            results,
            method: label(At(None, "method"), raw.method)?,
            baseline: label(At(None, "baseline"), raw.baseline)?,
            higher_is_better,
            metric,
            next_params,
            top_params,
            compute_exponent,
        })
    }
}

/// An arm name without the characters that print nothing (zero-width
/// spaces, direction marks) and without outer spaces: "method\u{200B}" and
/// "method" are one arm, not two that look alike.
///
/// ```
/// use evidence_ladder::model::results::input::clean_name;
/// assert_eq!(clean_name(" method\u{200B} "), "method");
/// assert_eq!(clean_name("ours"), "ours");
/// ```
pub fn clean_name(name: &str) -> Cow<'_, str> {
    if name.chars().any(crate::model::codec::is_invisible) {
        Cow::Owned(
            name.chars()
                .filter(|c| !crate::model::codec::is_invisible(*c))
                .collect::<String>()
                .trim()
                .to_owned(),
        )
    } else {
        Cow::Borrowed(name.trim())
    }
}

/// Raw arm names that lost invisible characters: each counted once in a hash
/// set (44,000 such names once cost 44,000² comparisons), the first
/// [`MAX_LISTED_NAMES`] kept to be shown.
#[derive(Default)]
pub(super) struct Renamed {
    seen: HashSet<String>,
    shown: Vec<String>,
}

impl Renamed {
    pub(super) fn add(&mut self, raw: &str) {
        if !self.seen.contains(raw) {
            self.seen.insert(raw.to_owned());
            if self.shown.len() < MAX_LISTED_NAMES {
                self.shown.push(raw.to_owned());
            }
        }
    }

    /// The note, or `None` when no name changed.
    pub(super) fn note(&self) -> Option<Note> {
        (!self.seen.is_empty()).then(|| Note::RenamedArms {
            names: self.shown.clone(),
            more: self.seen.len() - self.shown.len(),
        })
    }
}

/// The input after its checks: rows with clean arm names and what the checks noticed.
pub(super) struct Checked {
    pub rows: Vec<ResultRow>,
    pub method: String,
    pub baseline: String,
    pub warnings: Vec<Note>,
}

/// Every row's numbers in range and arm named, the limits kept, method and
/// baseline two different arms that exist.
pub(super) fn check(input: &AnalysisInput) -> Result<Checked, AnalysisError> {
    if input.results.len() > MAX_ROWS {
        return Err(AnalysisError::TooMany {
            what: Counted::Runs,
            found: input.results.len(),
            limit: MAX_ROWS,
        });
    }
    let (rows, renamed) = clean_rows(&input.results)?;
    if let Some(next) = input.next_params {
        if !(next.is_finite() && (MIN_SCALE..=MAX_SCALE * 10.0).contains(&next)) {
            return Err(AnalysisError::Invalid {
                field: "next_params".to_owned(),
                expected: Expected::NextParams,
            });
        }
    }
    let method = clean_name(&input.method).into_owned();
    let baseline = clean_name(&input.baseline).into_owned();
    if method == baseline {
        return Err(AnalysisError::SameArm { name: method });
    }
    let mut arms: Vec<String> = Vec::new();
    for row in &rows {
        if !arms.contains(&row.arm) {
            if arms.len() == MAX_ARMS {
                return Err(AnalysisError::TooMany {
                    what: Counted::Arms,
                    found: count_distinct(rows.iter().map(|r| r.arm.as_str())),
                    limit: MAX_ARMS,
                });
            }
            arms.push(row.arm.clone());
        }
    }
    let rungs = count_distinct(rows.iter().map(|r| r.params.to_bits()));
    if rungs > MAX_RUNGS {
        return Err(AnalysisError::TooMany {
            what: Counted::Rungs,
            found: rungs,
            limit: MAX_RUNGS,
        });
    }
    if rows.is_empty() {
        return Err(AnalysisError::TooFewRungs { found: 0 });
    }
    for (role, name) in [("method", &method), ("baseline", &baseline)] {
        if !arms.contains(name) {
            return Err(AnalysisError::UnknownArm {
                role,
                name: name.clone(),
                arms,
            });
        }
    }
    let warnings = warnings(input, &arms, (&method, &baseline), &renamed);
    Ok(Checked {
        rows,
        method,
        baseline,
        warnings,
    })
}

/// What the checks noticed: renamed arms, arms left out, a direction that
/// contradicts the metric's name.
fn warnings(
    input: &AnalysisInput,
    arms: &[String],
    (method, baseline): (&str, &str),
    renamed: &Renamed,
) -> Vec<Note> {
    let mut warnings = Vec::new();
    warnings.extend(renamed.note());
    let others: Vec<String> = arms
        .iter()
        .filter(|a| *a != method && *a != baseline)
        .cloned()
        .collect();
    if !others.is_empty() {
        warnings.push(Note::ArmsLeftOut { arms: others });
    }
    if let Some(metric) = &input.metric {
        if let Some(named) = direction::higher_is_better(metric) {
            if named != input.higher_is_better {
                warnings.push(Note::DirectionContradicts {
                    metric: metric.clone(),
                    named_higher: named,
                    told_higher: input.higher_is_better,
                });
            }
        }
    }
    warnings
}

/// Every row's numbers in range and arm named, the arm names cleaned, and the
/// task limit kept while reading (a hash set, so 4,000 tasks stop at the 101st).
fn clean_rows(results: &[ResultRow]) -> Result<(Vec<ResultRow>, Renamed), AnalysisError> {
    let mut rows = Vec::with_capacity(results.len());
    let mut renamed = Renamed::default();
    let mut tasks: HashSet<&str> = HashSet::new();
    for (i, row) in results.iter().enumerate() {
        if !(row.params.is_finite() && (MIN_SCALE..=MAX_SCALE).contains(&row.params)) {
            return Err(AnalysisError::Invalid {
                field: format!("results[{i}].params"),
                expected: Expected::Params,
            });
        }
        if !row.value.is_finite() {
            return Err(AnalysisError::Invalid {
                field: format!("results[{i}].value"),
                expected: Expected::Finite,
            });
        }
        if row.value.abs() > MAX_ABS_VALUE {
            return Err(AnalysisError::Invalid {
                field: format!("results[{i}].value"),
                expected: Expected::ValueInRange,
            });
        }
        let arm = clean_name(&row.arm);
        if arm.is_empty() {
            return Err(AnalysisError::Invalid {
                field: format!("results[{i}].arm"),
                expected: Expected::Name,
            });
        }
        if arm != row.arm.trim() {
            renamed.add(&row.arm);
        }
        if let Some(task) = &row.task {
            tasks.insert(task);
            if tasks.len() > MAX_TASKS {
                return Err(AnalysisError::TooMany {
                    what: Counted::Tasks,
                    found: count_distinct(results.iter().filter_map(|r| r.task.as_deref())),
                    limit: MAX_TASKS,
                });
            }
        }
        rows.push(ResultRow {
            arm: arm.into_owned(),
            ..row.clone()
        });
    }
    Ok((rows, renamed))
}

fn count_distinct<T: Ord>(items: impl Iterator<Item = T>) -> usize {
    let mut all: Vec<T> = items.collect();
    all.sort_unstable();
    all.dedup();
    all.len()
}
