//! Files in words: why a saved plan or a file of results is not opened.

use super::format;
use crate::model::results::limits::{TooLarge, MAX_ROWS, MAX_TEXT_BYTES};
use crate::model::saved::{NotOpened, MAX_SAVED_BYTES};

/// Why a file is refused for its size, after "… is not read: ".
pub fn too_large(why: TooLarge) -> String {
    match why {
        TooLarge::Results { bytes } => format!(
            "it is {} bytes, more than the {} this page reads (2 MB).",
            format::number(bytes),
            format::number(MAX_TEXT_BYTES as f64)
        ),
        TooLarge::SavedPlan { bytes } => format!(
            "it is {} bytes, more than the {} a saved plan holds (16 MB).",
            format::number(bytes),
            format::number(MAX_SAVED_BYTES)
        ),
    }
}

/// Why a saved plan file is not opened.
pub fn not_opened(why: &NotOpened) -> String {
    match why {
        NotOpened::NotOurs => {
            "it is not a plan saved by Evidence Ladder (no \"app\": \"Evidence Ladder\")."
                .to_owned()
        }
        NotOpened::NoInputs => "it has no \"inputs\".".to_owned(),
        NotOpened::BadInput(e) => format!("{e}."),
        NotOpened::UnknownInput(name) => format!("it has an unknown input \"{name}\"."),
        NotOpened::TooManyRuns { runs } => format!(
            "its results hold {} runs, more than the {} this page reads.",
            format::number(*runs as f64),
            format::number(MAX_ROWS as f64)
        ),
    }
}

/// What a file chosen or dropped as a saved plan, but not JSON, came to:
/// read as results (`Ok`: the note beside the button), or neither a saved
/// plan nor results (`Err`: why it was not opened). `checked` is the runs it
/// holds, or why it is not results, in words. The note is chosen after the
/// file was read as results, so it never says "read as results" of a file
/// that changed nothing.
pub fn table_as_plan(name: &str, checked: &Result<usize, String>) -> Result<String, String> {
    match checked {
        Ok(_) => Ok(format!(
            "{} is a table, not a saved plan: it was read as results (see Results).",
            super::results::shown_name(name)
        )),
        Err(why) => Err(format!(
            "it is neither a saved plan nor a table of results. {why}"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::results::{parse_results_text, results_or_why};

    /// How `components::files` checks a file's text as results.
    fn checked(text: &str) -> Result<usize, String> {
        results_or_why(parse_results_text(text))
            .map(|parsed| parsed.rows.len())
            .map_err(|why| super::super::results::errors::not_results(&why))
    }

    #[test]
    fn a_file_that_is_neither_a_plan_nor_results_says_so() {
        let why = table_as_plan("garbage.json", &checked("not json at all {{{"))
            .expect_err("not read as results");
        assert!(
            why.starts_with("it is neither a saved plan nor a table of results. "),
            "{why}"
        );
        assert!(!why.contains("read as results"), "{why}");
    }

    #[test]
    fn a_table_of_results_is_read_as_results_and_says_so() {
        let csv = "params,arm,seed,val_loss\n1e8,a,0,3.1\n1e8,b,0,3.2\n";
        let note = table_as_plan("runs.csv", &checked(csv)).expect("read as results");
        assert!(note.contains("it was read as results"), "{note}");
    }
}
