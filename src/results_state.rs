//! The pasted results as the page keeps them: plain Rust, tested natively.
//!
//! They live apart from the plan's inputs ([`crate::state`]) so that typing
//! results never changes the inputs' state, and nothing computed from the
//! inputs (the plan and its views) runs again. This is also where the rules
//! that keep results from being lost are: a file replaces them only if it
//! reads as results, a replacement can be undone, a copy saved later by
//! another tab wins over an older one, and a refused save is said.

use crate::model::results::{looks_like_results, PastedResults};
use crate::text::format;
use crate::text::results::shown_name;

/// What the Results section holds, and what the page knows about its saved copy.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResultsState {
    pub pasted: PastedResults,
    /// The version of the saved copy these results are, or were edited from:
    /// a counter every save raises by one, never a clock (a clock moved back,
    /// or a copy dated 1e308, once made every edit vanish; issue 34). 0 for
    /// results that were never saved.
    pub version: u64,
    /// How many changes this page made (typing, a file, Undo): each one is
    /// saved, once the user pauses. 0 when nothing was changed here.
    pub edits: u64,
    /// A change made here is not in storage yet.
    pub dirty: bool,
    /// What the last file or opened plan replaced, for Undo.
    pub replaced: Option<Box<PastedResults>>,
    /// About the last file, Undo or storage, shown in the Results section.
    pub notice: Option<String>,
    /// The browser refused to save these results (storage full or blocked),
    /// or another tab saved newer ones: a reload would not bring them back,
    /// so the page says so and offers Download.
    pub unsaved: bool,
    /// Why not, when it is not the browser: another tab saved newer results
    /// since this page read its copy, and they were not overwritten.
    pub newer_elsewhere: bool,
}

pub enum ResultsAction {
    /// The user typed, chose the arms or the direction.
    Edit(PastedResults),
    /// A file was chosen or dropped: its name, its text, and how many runs
    /// it holds or why it is not results (read before, in slices: reading
    /// 2 MB here, in the reducer, was one long task).
    File(String, String, Result<usize, String>),
    /// A file could not be read at all: its name, and why.
    Unreadable(String, String),
    /// A saved plan was opened with these results.
    Opened(PastedResults),
    /// Bring back what the last replacement replaced.
    Undo,
    /// Empty the Results section, with Undo (results too long for the text
    /// box are cleared with a button, not by selecting 2 MB of text).
    Clear,
    /// Results saved on the last visit, with their version.
    Restored(PastedResults, u64),
    /// Results another tab saved, with their version.
    Stored(PastedResults, u64),
    /// What became of the last save.
    Saved(Saved),
}

/// What became of a save.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Saved {
    /// Written (or removed, for empty results) as this version.
    Kept(u64),
    /// Another tab saved a newer copy since these results were loaded: left
    /// alone, and these results are not saved.
    NewerThere,
    /// The browser refused: storage is full, blocked or missing.
    Refused,
}

impl ResultsAction {
    /// A file's action with its text read at once: for small texts and tests.
    pub fn file(name: &str, text: &str) -> ResultsAction {
        let checked = looks_like_results(text)
            .map(|parsed| parsed.rows.len())
            .map_err(|why| crate::text::results::errors::not_results(&why));
        ResultsAction::File(name.to_owned(), text.to_owned(), checked)
    }
}

impl ResultsState {
    /// Replaces the results, keeping what was there for Undo if it held anything.
    fn replace(&mut self, with: PastedResults, notice: String) {
        let before = std::mem::replace(&mut self.pasted, with);
        self.replaced = (!before.text.trim().is_empty()).then(|| Box::new(before));
        self.changed();
        let undo = if self.replaced.is_some() {
            " The results it replaced are one Undo away."
        } else {
            ""
        };
        self.notice = Some(format!("{notice}{undo}"));
    }

    /// Marks a change made on this page, to be saved.
    fn changed(&mut self) {
        self.edits += 1;
        self.dirty = true;
    }

    /// The state after `action`. Pure: the page renders whatever this returns.
    pub fn apply(&self, action: ResultsAction) -> ResultsState {
        let mut next = self.clone();
        match action {
            ResultsAction::Edit(pasted) => {
                // Choosing an arm or the direction keeps Undo; new text is a
                // new start, and Undo would throw it away.
                if pasted.text != next.pasted.text {
                    next.notice = None;
                    next.replaced = None;
                }
                next.pasted = pasted;
                next.changed();
            }
            ResultsAction::File(name, text, checked) => {
                // Read as results only if it reads as results: a picture or a
                // spreadsheet dropped by mistake must not replace the user's work.
                let name = shown_name(&name);
                match checked {
                    Ok(runs) => {
                        let runs = format::plural(runs as u64, "run", "runs");
                        let candidate = PastedResults {
                            text,
                            ..self.pasted.clone()
                        };
                        next.replace(candidate, format!("Read {runs} from {name}."));
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
            ResultsAction::Opened(pasted) => {
                // A saved plan's results are one run a line after the header:
                // counted, not read, here (reading them is the page's, in slices).
                let runs = pasted.text.lines().filter(|l| !l.trim().is_empty()).count();
                let runs = format::plural(runs.saturating_sub(1) as u64, "run", "runs");
                next.replace(pasted, format!("Results from the opened plan: {runs}."));
            }
            ResultsAction::Clear => {
                let empty = PastedResults::default();
                next.replace(empty, "The results were cleared.".to_owned());
            }
            ResultsAction::Undo => {
                if let Some(before) = next.replaced.take() {
                    next.pasted = *before;
                    next.notice = Some("The previous results are back.".into());
                    next.changed();
                }
            }
            ResultsAction::Restored(pasted, version) => {
                // Unless the user has already changed something here: then
                // that change is saved over the last visit's copy.
                if !self.dirty {
                    next.pasted = pasted;
                }
                next.version = next.version.max(version);
            }
            ResultsAction::Stored(pasted, version) => next.stored(pasted, version),
            ResultsAction::Saved(saved) => next.saved(saved),
        }
        next
    }

    /// Another tab's save: a later version replaces what is on screen, with
    /// Undo when that held anything; an old save arriving late changes nothing.
    fn stored(&mut self, pasted: PastedResults, version: u64) {
        if version <= self.version || pasted == self.pasted {
            self.version = self.version.max(version);
            return;
        }
        let before = std::mem::replace(&mut self.pasted, pasted);
        self.version = version;
        // What was here is in the other tab's copy's past, not in storage:
        // Undo brings it back (and saves it again, as a change made here).
        self.replaced = (!before.text.trim().is_empty()).then(|| Box::new(before));
        self.dirty = false;
        self.unsaved = false;
        self.newer_elsewhere = false;
        let undo = if self.replaced.is_some() {
            " The results it replaced are one Undo away."
        } else {
            ""
        };
        self.notice = Some(format!(
            "Updated with the results saved in another tab.{undo}"
        ));
    }

    fn saved(&mut self, saved: Saved) {
        match saved {
            Saved::Kept(version) => {
                self.version = version;
                self.dirty = false;
                self.unsaved = false;
                self.newer_elsewhere = false;
            }
            Saved::NewerThere => {
                self.unsaved = true;
                self.newer_elsewhere = true;
            }
            Saved::Refused => {
                self.unsaved = true;
                self.newer_elsewhere = false;
            }
        }
    }

    /// The version to write over a saved copy of version `stored` (0 when
    /// there is none), or `None` when that copy is newer than the one these
    /// results were edited from: another tab saved since, and its work must
    /// not vanish under this tab's.
    pub fn next_version(&self, stored: u64) -> Option<u64> {
        (stored <= self.version).then(|| self.version.max(stored) + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "params,arm,seed,value\n1e8,method,1,2\n1e8,baseline,1,1";

    fn with_text(text: &str) -> ResultsState {
        ResultsState::default().apply(ResultsAction::Edit(PastedResults {
            text: text.into(),
            ..PastedResults::default()
        }))
    }

    #[test]
    fn a_file_that_is_not_results_changes_nothing_and_says_why() {
        let s = with_text(CSV);
        let png = "\u{89}PNG\r\n\u{1a}\n\0\0\0\rIHDR";
        let after = s.apply(ResultsAction::file("photo.png", png));
        assert_eq!(after.pasted, s.pasted);
        assert_eq!(after.edits, 1, "nothing changed, nothing to save");
        let notice = after.notice.expect("a notice");
        assert!(
            notice.starts_with("photo.png was not read as results, and nothing changed"),
            "{notice}"
        );
    }

    #[test]
    fn a_file_of_results_replaces_them_and_can_be_undone() {
        let s = with_text("params,arm,seed,value\n1e9,method,1,5\n1e9,baseline,1,4");
        let after = s.apply(ResultsAction::file("runs.csv", CSV));
        assert_eq!(after.pasted.text, CSV);
        assert_eq!(after.edits, 2);
        assert!(after
            .notice
            .as_deref()
            .is_some_and(|n| n.starts_with("Read 2 runs from runs.csv.") && n.contains("Undo")));
        let undone = after.apply(ResultsAction::Undo);
        assert_eq!(undone.pasted, s.pasted);
        assert!(undone.replaced.is_none());
        // Into an empty Results section there is nothing to undo.
        let first = ResultsState::default().apply(ResultsAction::file("runs.csv", CSV));
        assert!(first.replaced.is_none());
    }

    #[test]
    fn typing_after_a_file_forgets_the_undo_but_choosing_an_arm_keeps_it() {
        let s = with_text(CSV).apply(ResultsAction::file("b.csv", CSV));
        assert!(s.replaced.is_some());
        let chosen = s.apply(ResultsAction::Edit(PastedResults {
            method: "baseline".into(),
            ..s.pasted.clone()
        }));
        assert!(chosen.replaced.is_some(), "choosing an arm keeps Undo");
        let typed = s.apply(ResultsAction::Edit(PastedResults {
            text: format!("{CSV}\n"),
            ..s.pasted.clone()
        }));
        assert!(typed.replaced.is_none() && typed.notice.is_none());
    }

    #[test]
    fn a_hostile_file_name_is_shown_escaped_and_short() {
        let name = format!("\u{202E}gpj.{}", "x".repeat(500));
        let s = ResultsState::default().apply(ResultsAction::file(&name, "nothing"));
        let notice = s.notice.expect("notice");
        assert!(notice.starts_with("<U+202E>gpj."), "{notice}");
        let shown = notice.split(" was not read").next().unwrap_or_default();
        assert!(shown.chars().count() <= 50, "{notice}");
    }

    #[test]
    fn only_a_newer_copy_from_another_tab_replaces_the_results_with_undo() {
        let s = with_text(CSV).apply(ResultsAction::Saved(Saved::Kept(3)));
        let theirs = PastedResults {
            text: "params,arm,seed,value".into(),
            ..PastedResults::default()
        };
        let older = s.apply(ResultsAction::Stored(theirs.clone(), 2));
        assert_eq!(older, s);
        let newer = s.apply(ResultsAction::Stored(theirs.clone(), 4));
        assert_eq!((&newer.pasted, newer.version), (&theirs, 4));
        assert!(newer.notice.as_deref().is_some_and(|n| n.contains("Undo")));
        let undone = newer.apply(ResultsAction::Undo);
        assert_eq!(undone.pasted, s.pasted);
        assert!(undone.dirty, "brought back here, so saved again");
        assert_eq!(undone.next_version(4), Some(5));
    }

    #[test]
    fn saves_are_ordered_by_a_counter_not_a_clock() {
        let s = with_text(CSV);
        assert_eq!(s.next_version(0), Some(1), "nothing saved yet");
        let saved = s.apply(ResultsAction::Saved(Saved::Kept(1)));
        assert!(!saved.dirty && saved.version == 1);
        let edited = saved.apply(ResultsAction::Edit(PastedResults {
            text: "params,arm,seed,value".into(),
            ..PastedResults::default()
        }));
        assert_eq!(edited.next_version(1), Some(2), "over its own copy");
        assert_eq!(edited.next_version(0), Some(2), "storage cleared meanwhile");
        // Another tab saved since this one read its copy: not overwritten,
        // and the page says this tab's results are not saved.
        assert_eq!(edited.next_version(2), None);
        let refused = edited.apply(ResultsAction::Saved(Saved::NewerThere));
        assert!(refused.unsaved && refused.newer_elsewhere);
        let saved_later = refused.apply(ResultsAction::Saved(Saved::Kept(3)));
        assert!(!saved_later.unsaved && !saved_later.newer_elsewhere);
    }

    #[test]
    fn results_from_the_last_visit_come_back_even_without_a_time() {
        let saved = PastedResults {
            text: CSV.into(),
            ..PastedResults::default()
        };
        let s = ResultsState::default().apply(ResultsAction::Restored(saved.clone(), 0));
        assert_eq!(s.pasted, saved);
        assert!(s.notice.is_none());
        // Typed before the saved copy arrived: the typing wins.
        let typed = with_text("params,arm,seed,value");
        let restored = typed.apply(ResultsAction::Restored(saved, 7));
        assert_eq!(restored.pasted, typed.pasted);
        assert_eq!(
            restored.next_version(7),
            Some(8),
            "and saved over the last visit's copy"
        );
    }

    #[test]
    fn a_refused_save_is_remembered_until_one_succeeds() {
        let s = with_text(CSV).apply(ResultsAction::Saved(Saved::Refused));
        assert!(s.unsaved);
        assert!(!s.apply(ResultsAction::Saved(Saved::Kept(1))).unsaved);
    }

    #[test]
    fn clearing_the_results_can_be_undone() {
        let s = with_text(CSV);
        let cleared = s.apply(ResultsAction::Clear);
        assert!(cleared.pasted.text.is_empty() && cleared.dirty);
        assert!(cleared
            .notice
            .as_deref()
            .is_some_and(|n| n.contains("Undo")));
        assert_eq!(cleared.apply(ResultsAction::Undo).pasted, s.pasted);
    }

    #[test]
    fn an_opened_plan_replaces_results_with_undo() {
        let s = with_text(CSV);
        let opened = PastedResults {
            text: "params,arm,seed,value\n1e9,method,1,5".into(),
            ..PastedResults::default()
        };
        let after = s.apply(ResultsAction::Opened(opened.clone()));
        assert_eq!(after.pasted, opened);
        assert_eq!(after.apply(ResultsAction::Undo).pasted, s.pasted);
    }
}
