//! Errors and refusals in words: why `analyze` refuses an input (the
//! `Display` of [`AnalysisError`], which `analyze()` throws and the page
//! shows), and why pasted text, or a line or cell of it, is not read.

use std::fmt;

use crate::model::results::input::{Counted, Expected};
use crate::model::results::limits::{
    MAX_ARMS, MAX_COLUMNS, MAX_LINE_BYTES, MAX_QUOTED_CHARS, MAX_ROWS, MAX_RUNGS, MAX_TASKS,
    MAX_TEXT_BYTES,
};
use crate::model::results::parse::{BadValue, CellProblem, LineProblem, NotResults, Refusal};
use crate::model::results::AnalysisError;
use crate::text::format;

impl fmt::Display for AnalysisError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing { field } => write!(f, "{field} is missing"),
            Self::Invalid { field, expected } => {
                write!(f, "{field} must be {}", expected_text(*expected))
            }
            Self::UnknownArm { role, name, arms } => write!(
                f,
                "{role} \"{}\" is not an arm in results (arms found: {})",
                format::visible(name),
                if arms.is_empty() {
                    "none".to_owned()
                } else {
                    arms.iter()
                        .map(|a| format::visible(a))
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            ),
            Self::SameArm { name } => write!(
                f,
                "method and baseline are both \"{}\": choose two different arms",
                format::visible(name)
            ),
            Self::TooFewRungs { found } => write!(
                f,
                "results need at least two rungs (distinct params) with runs of both the method \
                 and the baseline; found {found}"
            ),
            Self::TooMany { what, found, limit } => write!(
                f,
                "results have {} {}, more than the {} this analysis reads",
                format::number(*found as f64),
                counted(*what),
                format::number(*limit as f64)
            ),
            Self::TooLarge => write!(
                f,
                "the values are too large to compare (differences or spreads overflow); \
                 rescale the metric"
            ),
        }
    }
}

/// What a refused field must be.
fn expected_text(expected: Expected) -> &'static str {
    match expected {
        Expected::Number => "a number",
        Expected::TextOrNumber => "text or a number",
        Expected::Rows => "an array of { params, arm, seed, value }",
        Expected::Row => "an object { params, arm, seed, value }",
        Expected::Direction => "true (accuracy-like metric) or false (loss-like metric)",
        Expected::ComputeExponent => "a number above 0 and at most 10 (2 when pretraining)",
        Expected::NextParams => "a number from 1e-30 to 1e31 (the next rung's size)",
        Expected::Params => "a number from 1e-30 to 1e30 (the rung's size, > 0)",
        Expected::Finite => "a finite number",
        Expected::ValueInRange => {
            "a number from -1e100 to 1e100 (larger values overflow the statistics)"
        }
        Expected::Name => "a non-empty name",
    }
}

/// What is counted against a limit, in the plural.
fn counted(what: Counted) -> &'static str {
    match what {
        Counted::Runs => "runs",
        Counted::Arms => "arms",
        Counted::Rungs => "rungs (distinct params)",
        Counted::Tasks => "tasks",
    }
}

/// Why a text was refused before or while it was read.
pub fn refusal(why: Refusal) -> String {
    match why {
        Refusal::TooManyBytes { bytes } => format!(
            "The results are {} bytes, more than the {} this page reads (2 MB); paste one \
             ladder's results, or fewer seeds or rungs at a time.",
            format::number(bytes as f64),
            format::number(MAX_TEXT_BYTES as f64)
        ),
        Refusal::NotText => "This is not text (it holds NUL bytes, as images and spreadsheet \
             files do); save the results as CSV and use that."
            .to_owned(),
        Refusal::HeaderTooLong { bytes } => format!(
            "The header row is {} bytes long, more than the {} this page reads; the first \
             line should name the columns, like params,arm,seed,value.",
            format::whole(bytes as u64),
            format::whole(MAX_LINE_BYTES as u64)
        ),
        Refusal::TooManyColumns { columns } => format!(
            "The header row has {} columns, more than the {MAX_COLUMNS} this page reads; \
             results need params, arm, seed and a metric, or one column per arm.",
            format::whole(columns as u64)
        ),
        Refusal::TooManyArmColumns { columns } => format!(
            "The header names {columns} arm columns, more than the {MAX_ARMS} arms this page \
             compares; compare a method and its baselines, {MAX_ARMS} at most."
        ),
        Refusal::TooManySizes { line } => format!(
            "The results have {} different sizes (line {line} adds the last), more than \
             the {MAX_RUNGS} rungs this page compares; check the params column.",
            MAX_RUNGS + 1
        ),
        Refusal::TooManyTasks { line } => format!(
            "The results hold more than {MAX_TASKS} tasks (line {line} adds a {}st), \
             more than this page aggregates; check the task column.",
            MAX_TASKS + 1
        ),
        Refusal::TooManyArms { line } => format!(
            "The results name more than {MAX_ARMS} arms (line {line} adds a {}st); compare \
             a method and its baselines, {MAX_ARMS} at most.",
            MAX_ARMS + 1
        ),
        Refusal::TooManyRuns { line } => format!(
            "The results have more than {} runs (line {line} is past that); paste one \
             ladder's results at a time.",
            format::number(MAX_ROWS as f64)
        ),
    }
}

/// A cell's text as a message quotes it: escaped and shortened.
fn quoted(text: &str) -> String {
    format::excerpt(text, MAX_QUOTED_CHARS)
}

/// Why a line was not read, after "Line 3: ".
pub fn line_problem(why: &LineProblem) -> String {
    match why {
        LineProblem::ColumnTwice { name } => {
            format!("the header names column {} twice", quoted(name))
        }
        LineProblem::NoParamsColumn => "the header row needs a params column: \
             params,arm,seed,value (long form) or params,seed,<arm>,<arm> (wide form)"
            .to_owned(),
        LineProblem::NoMetricColumn => "the long form needs a metric column besides params, \
             arm and seed, e.g. params,arm,seed,val_loss"
            .to_owned(),
        LineProblem::SeveralMetricColumns { names } => format!(
            "the long form has one metric column, but the header has {}: keep one metric per \
             paste",
            names
                .iter()
                .map(|n| quoted(n))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        LineProblem::NoArmOrValueColumns => "the header row needs arm and value columns (long \
             form) or one column per arm (wide form)"
            .to_owned(),
        LineProblem::ValueWithoutArm { name } => format!(
            "column {} needs an arm column beside it (long form: params,arm,seed,value), or \
             name each arm's column (wide form)",
            quoted(name)
        ),
        LineProblem::TooLong { bytes } => format!(
            "{} bytes long, more than the {} a line of results needs",
            format::whole(*bytes as u64),
            format::whole(MAX_LINE_BYTES as u64)
        ),
        LineProblem::TooManyCells { cells, width } => format!(
            "{cells} cells but the header has {width} (a delimiter inside a number? quote it)"
        ),
        LineProblem::EmptyParams => "params is empty".to_owned(),
        LineProblem::BadParams { text } => format!(
            "params {} is not a size from 1e-30 to 1e30 (like 1300000000, 1.3e9 or 1.3B)",
            quoted(text)
        ),
        LineProblem::Cells(cells) => cells
            .iter()
            .map(cell_problem)
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// Why a cell was not read.
fn cell_problem(why: &CellProblem) -> String {
    match why {
        CellProblem::EmptyArm => "arm is empty".to_owned(),
        CellProblem::BadValue {
            header,
            wide,
            text,
            why,
        } => format!(
            "{}{} {} {}",
            format::visible(header),
            if *wide { " value" } else { "" },
            quoted(text),
            bad_value(*why)
        ),
    }
}

/// Why a value is not read, after the value.
pub fn bad_value(why: BadValue) -> &'static str {
    match why {
        BadValue::NaN => {
            "is not a number (NaN): give the measured value, or leave the cell empty if the run \
             has not finished"
        }
        BadValue::Infinite => "is infinite: give the measured value",
        BadValue::TooLarge => {
            "is too large (beyond ±1e100, where the statistics overflow): rescale the metric"
        }
        BadValue::DecimalComma => "is not a number: use a point for decimals (0.5, not 0,5)",
        BadValue::NotANumber => "is not a number",
    }
}

/// Why a text (a dropped file, a paste) is not a results table.
pub fn not_results(why: &NotResults) -> String {
    match why {
        NotResults::Refused(r) => refusal(*r),
        NotResults::OneBadLine(b) => format!(
            "It is not a results table: line {}: {}.",
            b.line,
            line_problem(&b.why)
        ),
        NotResults::NoLineRead => {
            "It is not a results table: none of its lines could be read.".to_owned()
        }
        NotResults::Empty => "It is empty.".to_owned(),
    }
}
