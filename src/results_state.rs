//! The pasted results as the page keeps them: plain Rust, tested natively.
//!
//! They live apart from the plan's inputs ([`crate::state`]) so that typing
//! results never changes the inputs' state, and nothing computed from the
//! inputs (the plan and its views) runs again. This is also where the rules
//! that keep results from being lost are: a file replaces them only if it
//! reads as results, a replacement can be undone, a copy saved later by
//! another tab wins over an older one, and a refused save is said.

use crate::model::format;
use crate::model::inputs::escape_invisible;
use crate::model::results::{looks_like_results, PastedResults};

/// Longest file name quoted in a notice, in characters: enough to recognise
/// it, short enough that a hostile name cannot fill the page.
const SHOWN_NAME_CHARS: usize = 40;

/// What the Results section holds, and what the page knows about its saved copy.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResultsState {
    pub pasted: PastedResults,
    /// When these results were made (milliseconds since 1970, taken by the
    /// action that made them): of two copies, the later one wins, whichever
    /// tab wrote it. 0 for results nobody changed.
    pub changed_at: f64,
    /// What the last file or opened plan replaced, for Undo.
    pub replaced: Option<Box<PastedResults>>,
    /// About the last file, Undo or storage, shown in the Results section.
    pub notice: Option<String>,
    /// The browser refused to save these results (storage full or blocked):
    /// a reload would not bring them back, so the page says so and offers Download.
    pub unsaved: bool,
}

pub enum ResultsAction {
    /// The user typed, chose the arms or the direction, at this time.
    Edit(PastedResults, f64),
    /// A file was chosen or dropped: its name and text, at this time.
    File(String, String, f64),
    /// A file could not be read at all: its name, and why.
    Unreadable(String, String),
    /// A saved plan was opened with these results, at this time.
    Opened(PastedResults, f64),
    /// Bring back what the last file replaced.
    Undo,
    /// Results saved on the last visit, at this time.
    Restored(PastedResults, f64),
    /// Results another tab saved, at this time.
    Stored(PastedResults, f64),
    /// Whether the browser kept the last save (false: full or blocked).
    Saved(bool),
}

/// A file name as a notice shows it: invisible and reordering characters
/// written out, at most [`SHOWN_NAME_CHARS`] characters.
fn shown_name(name: &str) -> String {
    let short: String = name.chars().take(SHOWN_NAME_CHARS).collect();
    let ellipsis = if short.len() < name.len() { "…" } else { "" };
    format!("{}{ellipsis}", escape_invisible(&short))
}

impl ResultsState {
    /// Replaces the results, keeping what was there for Undo if it held anything.
    fn replace(&mut self, with: PastedResults, at: f64, notice: String) {
        let before = std::mem::replace(&mut self.pasted, with);
        self.replaced = (!before.text.trim().is_empty()).then(|| Box::new(before));
        self.changed_at = at;
        let undo = if self.replaced.is_some() {
            " The results it replaced are one Undo away."
        } else {
            ""
        };
        self.notice = Some(format!("{notice}{undo}"));
    }

    /// The state after `action`. Pure: the page renders whatever this returns.
    pub fn apply(&self, action: ResultsAction) -> ResultsState {
        let mut next = self.clone();
        match action {
            ResultsAction::Edit(pasted, at) => {
                next.pasted = pasted;
                next.changed_at = at;
                next.notice = None;
                next.replaced = None;
            }
            ResultsAction::File(name, text, at) => {
                // Read as results only if it reads as results: a picture or a
                // spreadsheet dropped by mistake must not replace the user's work.
                let name = shown_name(&name);
                match looks_like_results(&text) {
                    Ok(parsed) => {
                        let runs = format::plural(parsed.rows.len() as u64, "run", "runs");
                        let candidate = PastedResults {
                            text,
                            ..self.pasted.clone()
                        };
                        next.replace(candidate, at, format!("Read {runs} from {name}."));
                    }
                    Err(why) => {
                        next.notice = Some(format!(
                            "{name} was not read as results, and nothing changed. {why}"
                        ));
                    }
                }
            }
            ResultsAction::Unreadable(name, why) => {
                next.notice = Some(format!(
                    "{} was not read, and nothing changed: {why}",
                    shown_name(&name)
                ));
            }
            ResultsAction::Opened(pasted, at) => {
                let runs = pasted.read(&Default::default()).parsed.rows.len() as u64;
                let runs = format::plural(runs, "run", "runs");
                next.replace(pasted, at, format!("Results from the opened plan: {runs}."));
            }
            ResultsAction::Undo => {
                if let Some(before) = next.replaced.take() {
                    next.pasted = *before;
                    next.notice = Some("The previous results are back.".into());
                }
            }
            ResultsAction::Restored(pasted, at) => {
                // Unless the user has already typed something newer.
                if at >= self.changed_at {
                    next.pasted = pasted;
                    next.changed_at = at;
                }
            }
            ResultsAction::Stored(pasted, at) => {
                // Only a newer copy replaces what is on screen: an old save
                // arriving late must not undo what the user did since.
                if at > self.changed_at {
                    next.pasted = pasted;
                    next.changed_at = at;
                    next.replaced = None;
                    next.notice = Some("Updated with the results saved in another tab.".into());
                }
            }
            ResultsAction::Saved(kept) => next.unsaved = !kept,
        }
        next
    }

    /// Whether a saved copy made at `stored_at` may be overwritten by these
    /// results: only by newer ones, so two tabs never write an older copy
    /// over a newer one.
    pub fn newer_than(&self, stored_at: Option<f64>) -> bool {
        stored_at.is_none_or(|stored| self.changed_at > stored)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "params,arm,seed,value\n1e8,method,1,2\n1e8,baseline,1,1";

    fn with_text(text: &str) -> ResultsState {
        ResultsState::default().apply(ResultsAction::Edit(
            PastedResults {
                text: text.into(),
                ..PastedResults::default()
            },
            1.0,
        ))
    }

    #[test]
    fn a_file_that_is_not_results_changes_nothing_and_says_why() {
        let s = with_text(CSV);
        let png = "\u{89}PNG\r\n\u{1a}\n\0\0\0\rIHDR";
        let after = s.apply(ResultsAction::File("photo.png".into(), png.into(), 2.0));
        assert_eq!(after.pasted, s.pasted);
        assert_eq!(after.changed_at, 1.0, "nothing changed, nothing to save");
        let notice = after.notice.expect("a notice");
        assert!(
            notice.starts_with("photo.png was not read as results, and nothing changed"),
            "{notice}"
        );
    }

    #[test]
    fn a_file_of_results_replaces_them_and_can_be_undone() {
        let s = with_text("params,arm,seed,value\n1e9,method,1,5\n1e9,baseline,1,4");
        let after = s.apply(ResultsAction::File("runs.csv".into(), CSV.into(), 2.0));
        assert_eq!(after.pasted.text, CSV);
        assert_eq!(after.changed_at, 2.0);
        assert!(after
            .notice
            .as_deref()
            .is_some_and(|n| n.starts_with("Read 2 runs from runs.csv.") && n.contains("Undo")));
        let undone = after.apply(ResultsAction::Undo);
        assert_eq!(undone.pasted, s.pasted);
        assert!(undone.replaced.is_none());
        // Into an empty Results section there is nothing to undo.
        let first =
            ResultsState::default().apply(ResultsAction::File("runs.csv".into(), CSV.into(), 2.0));
        assert!(first.replaced.is_none());
    }

    #[test]
    fn typing_after_a_file_forgets_the_undo() {
        let s = with_text(CSV).apply(ResultsAction::File("b.csv".into(), CSV.into(), 2.0));
        assert!(s.replaced.is_some());
        let typed = s.apply(ResultsAction::Edit(s.pasted.clone(), 3.0));
        assert!(typed.replaced.is_none() && typed.notice.is_none());
    }

    #[test]
    fn a_hostile_file_name_is_shown_escaped_and_short() {
        let name = format!("\u{202E}gpj.{}", "x".repeat(500));
        let s = ResultsState::default().apply(ResultsAction::File(name, "nothing".into(), 1.0));
        let notice = s.notice.expect("notice");
        assert!(notice.starts_with("<U+202E>gpj."), "{notice}");
        let shown = notice.split(" was not read").next().unwrap_or_default();
        assert!(shown.chars().count() <= 50, "{notice}");
    }

    #[test]
    fn only_a_newer_copy_from_another_tab_replaces_the_results() {
        let s = with_text(CSV);
        let theirs = PastedResults {
            text: "params,arm,seed,value".into(),
            ..PastedResults::default()
        };
        let older = s.apply(ResultsAction::Stored(theirs.clone(), 0.5));
        assert_eq!(older, s);
        let newer = s.apply(ResultsAction::Stored(theirs.clone(), 5.0));
        assert_eq!((newer.pasted, newer.changed_at), (theirs, 5.0));
    }

    #[test]
    fn a_copy_is_written_only_over_an_older_one() {
        let s = with_text(CSV);
        assert!(s.newer_than(None));
        assert!(s.newer_than(Some(0.5)));
        assert!(!s.newer_than(Some(1.0)), "the same copy: nothing to write");
        assert!(!s.newer_than(Some(9.0)));
    }

    #[test]
    fn results_from_the_last_visit_come_back_even_without_a_time() {
        let saved = PastedResults {
            text: CSV.into(),
            ..PastedResults::default()
        };
        let s = ResultsState::default().apply(ResultsAction::Restored(saved.clone(), 0.0));
        assert_eq!(s.pasted, saved);
        assert!(s.notice.is_none());
        // Typed before the saved copy arrived: the typing wins.
        let typed = with_text("params,arm,seed,value");
        assert_eq!(typed.apply(ResultsAction::Restored(saved, 0.0)), typed);
    }

    #[test]
    fn a_refused_save_is_remembered_until_one_succeeds() {
        let s = with_text(CSV).apply(ResultsAction::Saved(false));
        assert!(s.unsaved);
        assert!(!s.apply(ResultsAction::Saved(true)).unsaved);
    }

    #[test]
    fn an_opened_plan_replaces_results_with_undo() {
        let s = with_text(CSV);
        let opened = PastedResults {
            text: "params,arm,seed,value\n1e9,method,1,5".into(),
            ..PastedResults::default()
        };
        let after = s.apply(ResultsAction::Opened(opened.clone(), 4.0));
        assert_eq!(after.pasted, opened);
        assert_eq!(after.apply(ResultsAction::Undo).pasted, s.pasted);
    }
}
