//! Reading results pasted from a spreadsheet or a CSV file, within the
//! limits of [`super::limits`], naming every line it cannot read and why
//! ([`LineProblem`], [`Refusal`]; worded by `text::results::errors`).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use super::input::{clean_name, Renamed, ResultRow};
use super::limits::{
    MAX_ABS_VALUE, MAX_ARMS, MAX_COLUMNS, MAX_LINE_BYTES, MAX_LISTED_BAD_LINES, MAX_ROWS,
    MAX_RUNGS, MAX_SCALE, MAX_TASKS, MAX_TEXT_BYTES, MIN_SCALE,
};
use super::note::Note;
use crate::model::codec;
use crate::model::pace::{run_now, Pace, Unpaced};

/// A line of pasted text that could not be read, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct BadLine {
    /// 1-based, counting the header and blank lines, as a text editor does.
    pub line: usize,
    pub why: LineProblem,
}

/// Why a line was not read. Cell texts are kept as given (the words
/// shorten and escape them).
#[derive(Clone, Debug, PartialEq)]
pub enum LineProblem {
    /// The header names this column twice.
    ColumnTwice {
        name: String,
    },
    NoParamsColumn,
    /// The long form with no metric column.
    NoMetricColumn,
    /// The long form with several metric columns.
    SeveralMetricColumns {
        names: Vec<String>,
    },
    /// Neither arm and value columns nor arm columns.
    NoArmOrValueColumns,
    /// A value-like column (`value`, `metric`) without an arm column.
    ValueWithoutArm {
        name: String,
    },
    /// Over [`MAX_LINE_BYTES`].
    TooLong {
        bytes: usize,
    },
    /// More non-empty cells than the header has columns.
    TooManyCells {
        cells: usize,
        width: usize,
    },
    EmptyParams,
    /// A params cell that is no size within the limits.
    BadParams {
        text: String,
    },
    /// Cells of this line that could not be read.
    Cells(Vec<CellProblem>),
}

/// A cell of a line that could not be read.
#[derive(Clone, Debug, PartialEq)]
pub enum CellProblem {
    EmptyArm,
    /// A value under `header` (an arm's column in the wide form) that is no number.
    BadValue {
        header: String,
        wide: bool,
        text: String,
        why: BadValue,
    },
}

/// Why a metric value is not read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BadValue {
    NaN,
    Infinite,
    /// Beyond ±[`MAX_ABS_VALUE`].
    TooLarge,
    /// "0,5": a decimal comma.
    DecimalComma,
    NotANumber,
}

/// Why nothing of a text was read: a limit passed, or not text at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Over [`MAX_TEXT_BYTES`].
    TooManyBytes {
        bytes: usize,
    },
    /// NUL bytes: an image or a spreadsheet file.
    NotText,
    HeaderTooLong {
        bytes: usize,
    },
    TooManyColumns {
        columns: usize,
    },
    TooManyArmColumns {
        columns: usize,
    },
    /// Line `line` adds the 51st size.
    TooManySizes {
        line: usize,
    },
    TooManyTasks {
        line: usize,
    },
    TooManyArms {
        line: usize,
    },
    TooManyRuns {
        line: usize,
    },
}

/// Long form (a row per run) or wide form (a column per arm).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Form {
    #[default]
    Long,
    Wide,
}

/// What `parse_results_text` read: the runs, the lines it could not read, and
/// the lines whose value is still empty (a template not yet filled in).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParsedResults {
    pub rows: Vec<ResultRow>,
    /// The first [`MAX_LISTED_BAD_LINES`] lines not read.
    pub bad_lines: Vec<BadLine>,
    /// How many more lines were not read beyond those listed.
    pub more_bad_lines: usize,
    pub unfilled_lines: Vec<usize>,
    /// Arm names in the order they first appear.
    pub arms: Vec<String>,
    pub form: Form,
    /// The long form's metric column header (`val_loss`, `accuracy`, `value`).
    pub metric: Option<String>,
    /// Why nothing was read at all (too large, too many runs, not text).
    pub refused: Option<Refusal>,
    /// What was changed or assumed on the way in (invisible characters
    /// removed, lines without a seed).
    pub notes: Vec<Note>,
}

impl ParsedResults {
    fn bad(&mut self, line: usize, why: LineProblem) {
        self.bad_with(line, || why);
    }

    /// [`Self::bad`], keeping the cells only for the lines that are listed.
    fn bad_with(&mut self, line: usize, why: impl FnOnce() -> LineProblem) {
        if self.bad_lines.len() < MAX_LISTED_BAD_LINES {
            self.bad_lines.push(BadLine { line, why: why() });
        } else {
            self.more_bad_lines += 1;
        }
    }

    fn refuse(why: Refusal) -> Self {
        ParsedResults {
            refused: Some(why),
            ..ParsedResults::default()
        }
    }
}

/// Splits one line on `delimiter`, honouring double-quoted fields ("" inside
/// quotes is a quote). Cells are trimmed outside the quotes only, so a quoted
/// name keeps its spaces. A line without quotes is split into borrowed
/// slices, with no allocation per cell (400,000 lines of `,,,` once took
/// 175 ms natively, most of it allocating empty cells).
fn split_line(line: &str, delimiter: char) -> Vec<Cow<'_, str>> {
    if !line.contains('"') {
        return line
            .split(delimiter)
            .map(|c| Cow::Borrowed(c.trim()))
            .collect();
    }
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = String::new();
    let mut was_quoted = false;
    let mut in_quotes = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    quoted.push('"');
                } else {
                    in_quotes = false;
                }
            } else {
                quoted.push(c);
            }
        } else if c == delimiter {
            cells.push(Cow::Owned(finish_cell(&cell, &quoted, was_quoted)));
            cell.clear();
            quoted.clear();
            was_quoted = false;
        } else if c == '"' && !was_quoted && cell.trim().is_empty() {
            in_quotes = true;
            was_quoted = true;
        } else {
            cell.push(c);
        }
    }
    cells.push(Cow::Owned(finish_cell(&cell, &quoted, was_quoted)));
    cells
}

fn finish_cell(unquoted: &str, quoted: &str, was_quoted: bool) -> String {
    if was_quoted {
        // Text after the closing quote (rare, malformed) is kept rather than lost.
        format!("{quoted}{}", unquoted.trim())
    } else {
        unquoted.trim().to_owned()
    }
}

/// Reads a rung size: a plain number (`1300000000`, `1.3e9`) or one with a
/// K, M, B or T suffix (`130M`, `1.3B`, case-insensitive), from 1e-30 to 1e30.
pub fn parse_scale(text: &str) -> Option<f64> {
    let text = text.trim();
    let (number, factor) = match text.char_indices().last() {
        Some((i, c)) => match c.to_ascii_uppercase() {
            'K' => (&text[..i], 1e3),
            'M' => (&text[..i], 1e6),
            'B' | 'G' => (&text[..i], 1e9),
            'T' => (&text[..i], 1e12),
            _ => (text, 1.0),
        },
        None => return None,
    };
    let value = number.trim().parse::<f64>().ok()? * factor;
    (value.is_finite() && (MIN_SCALE..=MAX_SCALE).contains(&value)).then_some(value)
}

/// Reads a metric value, or says why not. A trailing `%` is allowed
/// (spreadsheets show accuracies so) and kept in the same units.
fn parse_value(text: &str) -> Result<f64, BadValue> {
    let number = text.strip_suffix('%').unwrap_or(text).trim();
    match number.parse::<f64>() {
        Ok(v) if v.is_nan() => Err(BadValue::NaN),
        Ok(v) if v.is_infinite() => Err(BadValue::Infinite),
        Ok(v) if v.abs() > MAX_ABS_VALUE => Err(BadValue::TooLarge),
        Ok(v) => Ok(v),
        Err(_) => {
            let decimal_comma = number.split_once(',').is_some_and(|(a, b)| {
                !a.is_empty()
                    && !b.is_empty()
                    && a.trim_start_matches('-')
                        .chars()
                        .all(|c| c.is_ascii_digit())
                    && b.chars().all(|c| c.is_ascii_digit())
            });
            Err(if decimal_comma {
                BadValue::DecimalComma
            } else {
                BadValue::NotANumber
            })
        }
    }
}

/// The scale column. Deep RL scales environment steps (frames on Atari), so
/// `task,steps,arm,seed,return` reads as it is written.
const PARAMS_NAMES: [&str; 9] = [
    "params",
    "parameters",
    "param",
    "n_params",
    "size",
    "scale",
    "steps",
    "env_steps",
    "frames",
];
const ARM_NAMES: [&str; 1] = ["arm"];
const SEED_NAMES: [&str; 2] = ["seed", "run"];
/// A task or environment column (RL results over several environments).
const TASK_NAMES: [&str; 3] = ["task", "env", "environment"];
/// Names that mean "the value", which in the wide form would be read as an arm by mistake.
const VALUE_NAMES: [&str; 3] = ["value", "metric", "result"];

/// Whether a column called `name` would be read as params, arm, seed or task
/// rather than as a metric.
pub fn names_a_key_column(name: &str) -> bool {
    let lower = name.trim().to_ascii_lowercase();
    [&PARAMS_NAMES[..], &ARM_NAMES, &SEED_NAMES, &TASK_NAMES]
        .iter()
        .any(|names| names.contains(&lower.as_str()))
}

/// Reads results pasted from a spreadsheet or a CSV file: tab-, comma- or
/// semicolon-separated (whichever the header row uses, in that order of
/// preference), with a header row, in long form (`params, arm, seed, <metric>`,
/// any order, names case-insensitive, the metric column named anything:
/// `value`, `val_loss`, `accuracy`) or wide form (`params, seed, <arm>,
/// <arm>…`, one column per arm; `seed` optional). Params accept `1.3e9` or
/// `1.3B`. Never panics; every line it cannot read is counted with its
/// number (the first 20 listed), and nothing else on that line is lost.
/// Text over [`MAX_TEXT_BYTES`] is refused before it is read.
///
/// ```
/// use evidence_ladder::model::results::parse_results_text;
/// let parsed = parse_results_text("params\tseed\tours\tbase\n130M\t1\t61.2\t60.1\n");
/// assert_eq!(parsed.rows.len(), 2);
/// assert_eq!(parsed.rows[0].params, 1.3e8);
/// ```
pub fn parse_results_text(text: &str) -> ParsedResults {
    run_now(parse_paced(text, &mut Unpaced))
}

/// Lines read between two pauses: about 2 ms natively for 2 MB of the
/// busiest lines (400k lines took 166 ms, issue 34's benchmark).
const LINES_PER_PAUSE: usize = 4_096;

/// [`parse_results_text`] in slices: `pace` may let the page run every
/// [`LINES_PER_PAUSE`] lines.
pub async fn parse_paced(text: &str, pace: &mut dyn Pace) -> ParsedResults {
    if let Some(refusal) = refuse_unread(text) {
        return refusal;
    }
    let mut parsed = ParsedResults::default();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
    let Some((header_line, header)) = lines.next() else {
        return parsed;
    };
    let columns = match Columns::read(header, header_line, &mut parsed) {
        Ok(columns) => columns,
        Err(Stop(Some(refusal))) => return ParsedResults::refuse(refusal),
        Err(Stop(None)) => return parsed,
    };
    parsed.form = if columns.value.is_some() {
        Form::Long
    } else {
        Form::Wide
    };
    parsed.metric = columns.value.map(|i| columns.names[i].clone());
    let mut seen = Seen::default();
    for (read, (number, line)) in lines.enumerate() {
        if let Err(refusal) = read_line(&columns, &mut seen, &mut parsed, number, line) {
            return ParsedResults::refuse(refusal);
        }
        if read % LINES_PER_PAUSE == LINES_PER_PAUSE - 1 {
            pace.pause().await;
        }
    }
    parsed.notes.extend(seen.renamed.note());
    if let (count @ 1.., first) = seen.seedless {
        parsed.notes.push(Note::Seedless { first, count });
    }
    if columns.seed.is_none() && columns.value.is_some() && !parsed.rows.is_empty() {
        parsed.notes.push(Note::NoSeedColumn);
    }
    parsed
}

/// Why a text is refused before a line of it is read: too large, or not text.
fn refuse_unread(text: &str) -> Option<ParsedResults> {
    if text.len() > MAX_TEXT_BYTES {
        return Some(ParsedResults::refuse(Refusal::TooManyBytes {
            bytes: text.len(),
        }));
    }
    if text.contains('\0') {
        return Some(ParsedResults::refuse(Refusal::NotText));
    }
    None
}

/// Reading stops at the header: with a refusal, or (`None`) with the header
/// named as a bad line in the reading so far.
struct Stop(Option<Refusal>);

/// The header row read: the delimiter, the names, and which column is which.
struct Columns {
    delimiter: char,
    names: Vec<String>,
    params: usize,
    seed: Option<usize>,
    task: Option<usize>,
    arm: Option<usize>,
    /// The long form's metric column; `None` in the wide form.
    value: Option<usize>,
    /// The wide form's arm columns.
    arm_cols: Vec<usize>,
}

/// What the lines read so far named, in hash maps and sets so that every
/// line costs the same however many came before (linear searches here once
/// took 60 to 75 s for 2 MB).
#[derive(Default)]
struct Seen {
    /// Each size's bits and how many lines had it (the wide form's seed numbers).
    sizes: HashMap<u64, usize>,
    tasks: HashSet<String>,
    renamed: Renamed,
    /// Lines with an empty seed under a seed column: how many, and the first.
    seedless: (usize, usize),
}

impl Columns {
    fn read(header: &str, line: usize, parsed: &mut ParsedResults) -> Result<Self, Stop> {
        if header.len() > MAX_LINE_BYTES {
            return Err(Stop(Some(Refusal::HeaderTooLong {
                bytes: header.len(),
            })));
        }
        let delimiter = ['\t', ',', ';']
            .into_iter()
            .find(|d| header.contains(*d))
            .unwrap_or(',');
        let names: Vec<String> = split_line(header, delimiter)
            .iter()
            .map(|n| clean_name(codec::csv_uncell(n)).into_owned())
            .collect();
        if names.len() > MAX_COLUMNS {
            return Err(Stop(Some(Refusal::TooManyColumns {
                columns: names.len(),
            })));
        }
        let lower: Vec<String> = names.iter().map(|n| n.to_ascii_lowercase()).collect();
        let mut distinct = HashSet::new();
        if let Some(i) =
            (0..lower.len()).find(|&i| !lower[i].is_empty() && !distinct.insert(&lower[i]))
        {
            let name = names[i].clone();
            parsed.bad(line, LineProblem::ColumnTwice { name });
            return Err(Stop(None));
        }
        let find = |aliases: &[&str]| lower.iter().position(|n| aliases.contains(&n.as_str()));
        let Some(params) = find(&PARAMS_NAMES) else {
            parsed.bad(line, LineProblem::NoParamsColumn);
            return Err(Stop(None));
        };
        let (seed, task, arm) = (find(&SEED_NAMES), find(&TASK_NAMES), find(&ARM_NAMES));
        let others: Vec<usize> = (0..names.len())
            .filter(|&i| {
                ![Some(params), seed, task, arm].contains(&Some(i)) && !names[i].is_empty()
            })
            .collect();
        let (value, arm_cols) = value_or_arm_columns(arm.is_some(), &others, &names, &lower)
            .map_err(|why| {
                if let Some(why) = why {
                    parsed.bad(line, why);
                }
                Stop(None)
            })?;
        if arm_cols.len() > MAX_ARMS {
            return Err(Stop(Some(Refusal::TooManyArmColumns {
                columns: arm_cols.len(),
            })));
        }
        Ok(Columns {
            delimiter,
            names,
            params,
            seed,
            task,
            arm,
            value,
            arm_cols,
        })
    }
}

/// The long form's metric column, or the wide form's arm columns, from the
/// columns that are not params, seed, task or arm; or what is wrong.
fn value_or_arm_columns(
    has_arm: bool,
    others: &[usize],
    names: &[String],
    lower: &[String],
) -> Result<(Option<usize>, Vec<usize>), Option<LineProblem>> {
    match (has_arm, others) {
        (true, [value]) => Ok((Some(*value), Vec::new())),
        (true, []) => Err(Some(LineProblem::NoMetricColumn)),
        (true, several) => Err(Some(LineProblem::SeveralMetricColumns {
            names: several.iter().map(|&i| names[i].clone()).collect(),
        })),
        (false, []) => Err(Some(LineProblem::NoArmOrValueColumns)),
        (false, cols) => match cols
            .iter()
            .find(|&&i| VALUE_NAMES.contains(&lower[i].as_str()))
        {
            Some(&v) => Err(Some(LineProblem::ValueWithoutArm {
                name: names[v].clone(),
            })),
            None => Ok((None, cols.to_vec())),
        },
    }
}

/// Reads one line into `parsed`, keeping every limit as it goes; `Err` is
/// the refusal of the whole text.
fn read_line(
    columns: &Columns,
    seen: &mut Seen,
    parsed: &mut ParsedResults,
    number: usize,
    line: &str,
) -> Result<(), Refusal> {
    if line.len() > MAX_LINE_BYTES {
        parsed.bad(number, LineProblem::TooLong { bytes: line.len() });
        return Ok(());
    }
    let cells = split_line(line, columns.delimiter);
    let width = columns.names.len();
    if cells.len() > width && cells[width..].iter().any(|c| !c.is_empty()) {
        let cells = cells.len();
        parsed.bad(number, LineProblem::TooManyCells { cells, width });
        return Ok(());
    }
    let cell = |i: usize| cells.get(i).map_or("", |c| c.as_ref());
    let Some(params) = parse_scale(cell(columns.params)) else {
        parsed.bad_with(number, || match cell(columns.params) {
            "" => LineProblem::EmptyParams,
            text => LineProblem::BadParams {
                text: text.to_owned(),
            },
        });
        return Ok(());
    };
    let lines_of_size = seen.size(params, number)?;
    let task = columns
        .task
        .map(cell)
        .filter(|t| !t.is_empty())
        .map(|t| codec::csv_uncell(t).to_owned());
    if let Some(task) = &task {
        seen.task(task, number)?;
    }
    let seed = seen.seed(columns, columns.seed.map(cell), number, lines_of_size);
    let (runs, problems, filled) = line_runs(columns, &cell, &mut seen.renamed);
    for (arm, value) in runs {
        add_run(
            parsed,
            number,
            ResultRow {
                params,
                arm,
                seed: seed.clone(),
                value,
                task: task.clone(),
            },
        )?;
    }
    if !problems.is_empty() {
        parsed.bad(number, LineProblem::Cells(problems));
    } else if !filled {
        parsed.unfilled_lines.push(number);
    }
    Ok(())
}

impl Seen {
    /// The line's seed: its cell, else a name of its own (counting an empty
    /// seed under a seed column, which the notes then mention).
    fn seed(
        &mut self,
        columns: &Columns,
        cell: Option<&str>,
        number: usize,
        lines_of_size: usize,
    ) -> String {
        match cell {
            Some(s) if !s.is_empty() => codec::csv_uncell(s).to_owned(),
            Some(_) => {
                if self.seedless.0 == 0 {
                    self.seedless.1 = number;
                }
                self.seedless.0 += 1;
                format!("line {number}")
            }
            // The long form without seeds: each line is its own run.
            None if columns.value.is_some() => format!("line {number}"),
            // The wide form without seeds: number the lines of each size 1, 2, 3…
            None => lines_of_size.to_string(),
        }
    }

    /// Counts a line of this size; refuses the 51st size as soon as it is read.
    fn size(&mut self, params: f64, number: usize) -> Result<usize, Refusal> {
        let rungs = self.sizes.len();
        let count = self.sizes.entry(params.to_bits()).or_insert(0);
        *count += 1;
        if rungs == MAX_RUNGS && *count == 1 {
            return Err(Refusal::TooManySizes { line: number });
        }
        Ok(*count)
    }

    /// Counts a task; refuses the 101st as soon as it is read.
    fn task(&mut self, task: &str, number: usize) -> Result<(), Refusal> {
        if !self.tasks.contains(task) {
            if self.tasks.len() == MAX_TASKS {
                return Err(Refusal::TooManyTasks { line: number });
            }
            self.tasks.insert(task.to_owned());
        }
        Ok(())
    }
}

/// The runs one line holds (arm and value), the problems with its cells,
/// and whether any value was filled in.
fn line_runs<'a>(
    columns: &Columns,
    cell: &impl Fn(usize) -> &'a str,
    renamed: &mut Renamed,
) -> (Vec<(String, f64)>, Vec<CellProblem>, bool) {
    let mut runs = Vec::new();
    let mut problems = Vec::new();
    let mut filled = false;
    let mut read = |arm: String, header: &str, value: &str, wide: bool| {
        filled = true;
        match parse_value(value) {
            Ok(v) => runs.push((arm, v)),
            Err(why) => problems.push(CellProblem::BadValue {
                header: header.to_owned(),
                wide,
                text: value.to_owned(),
                why,
            }),
        }
    };
    match columns.value {
        Some(value_col) => {
            let raw_arm = codec::csv_uncell(cell(columns.arm.unwrap_or(columns.params)));
            let arm = clean_name(raw_arm);
            let value = cell(value_col);
            if arm.is_empty() {
                problems.push(CellProblem::EmptyArm);
            } else if !value.is_empty() {
                if arm != raw_arm.trim() {
                    renamed.add(raw_arm);
                }
                read(arm.into_owned(), &columns.names[value_col], value, false);
            }
        }
        None => {
            for &col in &columns.arm_cols {
                let value = cell(col);
                if !value.is_empty() {
                    let name = &columns.names[col];
                    read(name.clone(), name, value, true);
                }
            }
        }
    }
    (runs, problems, filled)
}

/// Adds one run, refusing the whole text at the 21st arm or the 100,001st run.
fn add_run(parsed: &mut ParsedResults, number: usize, row: ResultRow) -> Result<(), Refusal> {
    if !parsed.arms.contains(&row.arm) {
        if parsed.arms.len() == MAX_ARMS {
            return Err(Refusal::TooManyArms { line: number });
        }
        parsed.arms.push(row.arm.clone());
    }
    if parsed.rows.len() == MAX_ROWS {
        return Err(Refusal::TooManyRuns { line: number });
    }
    parsed.rows.push(row);
    Ok(())
}

/// Whether `text` (a dropped or chosen file) is a results table: its reading
/// when it is, and why not in words when it is not, so that a file that is
/// not results changes nothing.
///
/// ```
/// use evidence_ladder::model::results::looks_like_results;
/// assert!(looks_like_results("params,arm,seed,value\n1e8,ours,1,2\n").is_ok());
/// assert!(looks_like_results("\u{89}PNG\r\n\u{1a}\n\0\0").is_err());
/// assert!(looks_like_results("hello").is_err());
/// ```
pub fn looks_like_results(text: &str) -> Result<ParsedResults, NotResults> {
    results_or_why(parse_results_text(text))
}

/// Why a text is not a results table.
#[derive(Clone, Debug, PartialEq)]
pub enum NotResults {
    /// Refused before or while reading.
    Refused(Refusal),
    /// Its only line (the header) was not read.
    OneBadLine(BadLine),
    /// None of its lines could be read.
    NoLineRead,
    Empty,
}

/// [`looks_like_results`] for a text already read (in slices, by the page).
pub fn results_or_why(parsed: ParsedResults) -> Result<ParsedResults, NotResults> {
    if let Some(why) = parsed.refused {
        return Err(NotResults::Refused(why));
    }
    if parsed.rows.is_empty() && parsed.unfilled_lines.is_empty() {
        return Err(match parsed.bad_lines.first() {
            Some(b) if parsed.bad_lines.len() == 1 && parsed.more_bad_lines == 0 => {
                NotResults::OneBadLine(b.clone())
            }
            Some(_) => NotResults::NoLineRead,
            None => NotResults::Empty,
        });
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_with_suffixes_and_limits() {
        assert_eq!(parse_scale("1.3B"), Some(1.3e9));
        assert_eq!(parse_scale("125m"), Some(1.25e8));
        assert_eq!(parse_scale("1e31"), None);
        assert_eq!(parse_scale("0"), None);
        assert_eq!(parse_scale("-5"), None);
        assert_eq!(parse_scale(""), None);
    }

    #[test]
    fn a_line_without_a_seed_is_read_and_said() {
        let text = "params,arm,seed,val_loss\n1e8,ours,1,3.1\n1e8,base,1,3.2\n1e8,ours,,3.0\n1e8,base,,3.3\n";
        let parsed = parse_results_text(text);
        assert_eq!(parsed.rows.len(), 4);
        assert_eq!(parsed.notes, [Note::Seedless { first: 4, count: 2 }]);
        // Seeded lines say nothing.
        let seeded = parse_results_text("params,arm,seed,val_loss\n1e8,ours,1,3.1\n");
        assert_eq!(seeded.notes, []);
    }

    #[test]
    fn values_say_why_not() {
        assert_eq!(parse_value("61.5%"), Ok(61.5));
        assert_eq!(parse_value("NaN"), Err(BadValue::NaN));
        assert_eq!(parse_value("nan"), Err(BadValue::NaN));
        assert_eq!(parse_value("0,5"), Err(BadValue::DecimalComma));
        assert_eq!(parse_value("1,5,2"), Err(BadValue::NotANumber));
        assert_eq!(parse_value("1.7e308"), Err(BadValue::TooLarge));
        assert_eq!(parse_value("-inf"), Err(BadValue::Infinite));
        assert_eq!(parse_value("abc"), Err(BadValue::NotANumber));
    }

    #[test]
    fn quoting_splits_right() {
        assert_eq!(split_line("a, \"b,c\" ,d", ','), ["a", "b,c", "d"]);
        assert_eq!(split_line("\"x\"\"y\"", ','), ["x\"y"]);
    }
}
