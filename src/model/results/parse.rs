//! Reading results pasted from a spreadsheet or a CSV file, within the
//! limits of [`super::limits`], naming every line it cannot read.

use serde::{Deserialize, Serialize};

use super::input::{clean_name, ResultRow};
use super::limits::{
    MAX_ABS_VALUE, MAX_ARMS, MAX_LISTED_BAD_LINES, MAX_QUOTED_CHARS, MAX_ROWS, MAX_RUNGS,
    MAX_SCALE, MAX_TEXT_BYTES, MIN_SCALE,
};
use crate::model::format;

/// A line of pasted text that could not be read, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BadLine {
    /// 1-based, counting the header and blank lines, as a text editor does.
    pub line: usize,
    pub message: String,
}

/// Long form (a row per run) or wide form (a column per arm).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Form {
    #[default]
    Long,
    Wide,
}

/// What `parse_results_text` read: the runs, the lines it could not read, and
/// the lines whose value is still empty (a template not yet filled in).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
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
    pub refused: Option<String>,
    /// What was changed on the way in (invisible characters removed).
    pub notes: Vec<String>,
}

impl ParsedResults {
    fn bad(&mut self, line: usize, message: String) {
        if self.bad_lines.len() < MAX_LISTED_BAD_LINES {
            self.bad_lines.push(BadLine { line, message });
        } else {
            self.more_bad_lines += 1;
        }
    }

    fn refuse(message: String) -> Self {
        ParsedResults {
            refused: Some(message),
            ..ParsedResults::default()
        }
    }
}

/// Splits one line on `delimiter`, honouring double-quoted fields ("" inside
/// quotes is a quote). Cells are trimmed outside the quotes only, so a quoted
/// name keeps its spaces.
fn split_line(line: &str, delimiter: char) -> Vec<String> {
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
            cells.push(finish_cell(&cell, &quoted, was_quoted));
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
    cells.push(finish_cell(&cell, &quoted, was_quoted));
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

/// Reads a metric value, or says in words why not. A trailing `%` is
/// allowed (spreadsheets show accuracies so) and kept in the same units.
fn parse_value(text: &str) -> Result<f64, &'static str> {
    let number = text.strip_suffix('%').unwrap_or(text).trim();
    match number.parse::<f64>() {
        Ok(v) if v.is_nan() => Err("is not a number (NaN): give the measured value, or leave \
                                    the cell empty if the run has not finished"),
        Ok(v) if v.is_infinite() => Err("is infinite: give the measured value"),
        Ok(v) if v.abs() > MAX_ABS_VALUE => {
            Err("is too large (beyond ±1e100, where the statistics overflow): rescale the metric")
        }
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
            if decimal_comma {
                Err("is not a number: use a point for decimals (0.5, not 0,5)")
            } else {
                Err("is not a number")
            }
        }
    }
}

const PARAMS_NAMES: [&str; 6] = ["params", "parameters", "param", "n_params", "size", "scale"];
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
    if text.len() > MAX_TEXT_BYTES {
        return ParsedResults::refuse(format!(
            "The results are {} bytes, more than the {} this page reads (2 MB); paste one \
             ladder's results, or fewer seeds or rungs at a time.",
            format::number(text.len() as f64),
            format::number(MAX_TEXT_BYTES as f64)
        ));
    }
    if text.contains('\0') {
        return ParsedResults::refuse(
            "This is not text (it holds NUL bytes, as images and spreadsheet files do); save the \
             results as CSV and use that."
                .to_owned(),
        );
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
    let delimiter = ['\t', ',', ';']
        .into_iter()
        .find(|d| header.contains(*d))
        .unwrap_or(',');
    let names: Vec<String> = split_line(header, delimiter)
        .iter()
        .map(|n| clean_name(format::csv_uncell(n)).into_owned())
        .collect();
    let lower: Vec<String> = names.iter().map(|n| n.to_ascii_lowercase()).collect();
    let find = |aliases: &[&str]| lower.iter().position(|n| aliases.contains(&n.as_str()));
    for (i, name) in lower.iter().enumerate() {
        if !name.is_empty() && lower[..i].contains(name) {
            parsed.bad(
                header_line,
                format!(
                    "the header names column {} twice",
                    format::excerpt(&names[i], MAX_QUOTED_CHARS)
                ),
            );
            return parsed;
        }
    }
    let Some(params_col) = find(&PARAMS_NAMES) else {
        parsed.bad(
            header_line,
            "the header row needs a params column: params,arm,seed,value (long form) or \
             params,seed,<arm>,<arm> (wide form)"
                .to_owned(),
        );
        return parsed;
    };
    let seed_col = find(&SEED_NAMES);
    let task_col = find(&TASK_NAMES);
    let arm_col = find(&ARM_NAMES);
    let others: Vec<usize> = (0..names.len())
        .filter(|&i| {
            i != params_col
                && Some(i) != seed_col
                && Some(i) != task_col
                && Some(i) != arm_col
                && !names[i].is_empty()
        })
        .collect();
    let shown = |cols: &[usize]| -> String {
        cols.iter()
            .map(|&i| format::excerpt(&names[i], MAX_QUOTED_CHARS))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (value_col, arm_cols) = match (arm_col, others.as_slice()) {
        (Some(_), [value]) => (Some(*value), Vec::new()),
        (Some(_), []) => {
            parsed.bad(
                header_line,
                "the long form needs a metric column besides params, arm and seed, e.g. \
                 params,arm,seed,val_loss"
                    .to_owned(),
            );
            return parsed;
        }
        (Some(_), several) => {
            parsed.bad(
                header_line,
                format!(
                    "the long form has one metric column, but the header has {}: keep one \
                     metric per paste",
                    shown(several)
                ),
            );
            return parsed;
        }
        (None, []) => {
            parsed.bad(
                header_line,
                "the header row needs arm and value columns (long form) or one column per arm \
                 (wide form)"
                    .to_owned(),
            );
            return parsed;
        }
        (None, cols) => {
            if let Some(&v) = cols
                .iter()
                .find(|&&i| VALUE_NAMES.contains(&lower[i].as_str()))
            {
                parsed.bad(
                    header_line,
                    format!(
                        "column {} needs an arm column beside it (long form: \
                         params,arm,seed,value), or name each arm's column (wide form)",
                        format::excerpt(&names[v], MAX_QUOTED_CHARS)
                    ),
                );
                return parsed;
            }
            (None, cols.to_vec())
        }
    };
    parsed.form = if value_col.is_some() {
        Form::Long
    } else {
        Form::Wide
    };
    parsed.metric = value_col.map(|i| names[i].clone());
    let width = names.len();
    let mut seeds_per_size: Vec<(f64, usize)> = Vec::new();
    let mut tasks: Vec<String> = Vec::new();
    let mut renamed: Vec<String> = Vec::new();

    for (number, line) in lines {
        let cells = split_line(line, delimiter);
        if cells.len() > width && cells[width..].iter().any(|c| !c.is_empty()) {
            parsed.bad(
                number,
                format!(
                    "{} cells but the header has {width} (a delimiter inside a number? quote it)",
                    cells.len()
                ),
            );
            continue;
        }
        let cell = |i: usize| cells.get(i).map_or("", String::as_str);
        let Some(params) = parse_scale(cell(params_col)) else {
            let message = if cell(params_col).is_empty() {
                "params is empty".to_owned()
            } else {
                format!(
                    "params {} is not a size from 1e-30 to 1e30 (like 1300000000, 1.3e9 or 1.3B)",
                    format::excerpt(cell(params_col), MAX_QUOTED_CHARS)
                )
            };
            parsed.bad(number, message);
            continue;
        };
        if let Some(task) = task_col.map(cell) {
            if !task.is_empty() && !tasks.iter().any(|t| t == task) {
                tasks.push(task.to_owned());
            }
        }
        let seed = match seed_col.map(cell) {
            Some(s) if !s.is_empty() => format::csv_uncell(s).to_owned(),
            _ => match value_col {
                Some(_) => format!("line {number}"),
                None => {
                    // Wide form without seeds: number the lines of each size 1, 2, 3…
                    let count = match seeds_per_size.iter_mut().find(|(p, _)| *p == params) {
                        Some((_, c)) => {
                            *c += 1;
                            *c
                        }
                        None => {
                            seeds_per_size.push((params, 1));
                            1
                        }
                    };
                    count.to_string()
                }
            },
        };
        let mut runs: Vec<(String, f64)> = Vec::new();
        let mut problems = Vec::new();
        let mut filled = false;
        match value_col {
            Some(value_col) => {
                let raw_arm = format::csv_uncell(cell(arm_col.unwrap_or(params_col)));
                let arm = clean_name(raw_arm);
                let value = cell(value_col);
                if arm.is_empty() {
                    problems.push("arm is empty".to_owned());
                } else if !value.is_empty() {
                    filled = true;
                    if arm != raw_arm.trim() && !renamed.iter().any(|r| r == raw_arm) {
                        renamed.push(raw_arm.to_owned());
                    }
                    match parse_value(value) {
                        Ok(v) => runs.push((arm.into_owned(), v)),
                        Err(why) => problems.push(format!(
                            "{} {} {why}",
                            format::visible(&names[value_col]),
                            format::excerpt(value, MAX_QUOTED_CHARS)
                        )),
                    }
                }
            }
            None => {
                for &col in &arm_cols {
                    let value = cell(col);
                    if value.is_empty() {
                        continue;
                    }
                    filled = true;
                    match parse_value(value) {
                        Ok(v) => runs.push((names[col].clone(), v)),
                        Err(why) => problems.push(format!(
                            "{} value {} {why}",
                            format::visible(&names[col]),
                            format::excerpt(value, MAX_QUOTED_CHARS)
                        )),
                    }
                }
            }
        }
        for (arm, value) in runs {
            if !parsed.arms.contains(&arm) {
                if parsed.arms.len() == MAX_ARMS {
                    return ParsedResults::refuse(format!(
                        "The results name more than {MAX_ARMS} arms (line {number} adds a \
                         {}st); compare a method and its baselines, {MAX_ARMS} at most.",
                        MAX_ARMS + 1
                    ));
                }
                parsed.arms.push(arm.clone());
            }
            if parsed.rows.len() == MAX_ROWS {
                return ParsedResults::refuse(format!(
                    "The results have more than {} runs (line {number} is past that); paste \
                     one ladder's results at a time.",
                    format::number(MAX_ROWS as f64)
                ));
            }
            parsed.rows.push(ResultRow {
                params,
                arm,
                seed: seed.clone(),
                value,
                task: task_col
                    .map(cell)
                    .filter(|t| !t.is_empty())
                    .map(|t| format::csv_uncell(t).to_owned()),
            });
        }
        if !problems.is_empty() {
            parsed.bad(number, problems.join("; "));
        } else if !filled {
            parsed.unfilled_lines.push(number);
        }
    }
    let mut sizes: Vec<u64> = parsed.rows.iter().map(|r| r.params.to_bits()).collect();
    sizes.sort_unstable();
    sizes.dedup();
    if sizes.len() > MAX_RUNGS {
        return ParsedResults::refuse(format!(
            "The results have {} different sizes, more than the {MAX_RUNGS} rungs this page \
             compares; check the params column.",
            sizes.len()
        ));
    }
    if tasks.len() > super::limits::MAX_TASKS {
        return ParsedResults::refuse(format!(
            "The results hold {} tasks, more than the {} this page aggregates; check the task column.",
            tasks.len(),
            super::limits::MAX_TASKS
        ));
    }
    if !renamed.is_empty() {
        let shown: Vec<String> = renamed.iter().map(|n| format::visible(n)).collect();
        parsed.notes.push(format!(
            "Invisible characters (zero-width spaces or direction marks) were removed from arm \
             names: {}.",
            shown.join(", ")
        ));
    }
    parsed
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
pub fn looks_like_results(text: &str) -> Result<ParsedResults, String> {
    let parsed = parse_results_text(text);
    if let Some(why) = &parsed.refused {
        return Err(why.clone());
    }
    if parsed.rows.is_empty() && parsed.unfilled_lines.is_empty() {
        return Err(match parsed.bad_lines.first() {
            Some(b) if parsed.bad_lines.len() == 1 && parsed.more_bad_lines == 0 => {
                format!("It is not a results table: line {}: {}.", b.line, b.message)
            }
            Some(_) => "It is not a results table: none of its lines could be read.".to_owned(),
            None => "It is empty.".to_owned(),
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
    fn values_explain_why_not() {
        assert_eq!(parse_value("61.5%"), Ok(61.5));
        assert!(parse_value("NaN").expect_err("refused").contains("(NaN)"));
        assert!(!parse_value("nan")
            .expect_err("refused")
            .contains("point for decimals"));
        assert!(parse_value("0,5")
            .expect_err("refused")
            .contains("point for decimals"));
        assert!(parse_value("1.7e308")
            .expect_err("refused")
            .contains("too large"));
        assert!(parse_value("-inf")
            .expect_err("refused")
            .contains("infinite"));
        assert_eq!(parse_value("abc"), Err("is not a number"));
    }

    #[test]
    fn quoting_splits_right() {
        assert_eq!(split_line("a, \"b,c\" ,d", ','), ["a", "b,c", "d"]);
        assert_eq!(split_line("\"x\"\"y\"", ','), ["x\"y"]);
    }
}
