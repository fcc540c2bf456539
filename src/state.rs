//! The one place the calculator's state changes: plain Rust, tested natively.
//! Yew's `Reducible` (in `app.rs`) only wraps [`State::apply`].

use std::rc::Rc;

use crate::model::inputs::{Field, FieldValue, InputError, Inputs};
use crate::model::presets::Preset;
use crate::model::query::{ParsedQuery, View};
pub use crate::model::saved::Opened;
use crate::text::results::shown_name;

/// Text in a field that is not (yet) an allowed value, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Rejected {
    pub text: String,
    pub error: InputError,
    /// Whether the error is shown: not while the user may still be typing
    /// a valid number ("3" on the way to "3e21"), only once they pause or
    /// leave the field.
    pub shown: bool,
}

/// What is on screen: the last inputs that were all valid, plus whatever the
/// user typed that is not (yet) valid, so nothing they typed is lost.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// The last good inputs: the plan on screen is always computed from these.
    pub inputs: Inputs,
    /// Fields whose current text was rejected. At most one entry per field.
    pub rejected: Vec<Rejected>,
    /// What the user is typing into a field that is valid: shown exactly as
    /// typed until the field loses focus, then written in its canonical form.
    pub drafts: Vec<(Field, String)>,
    /// The inputs when no field was being edited: a rejected field falls
    /// back to its value here, never to a half-typed one.
    pub committed: Inputs,
    /// Messages about the link the page was opened with.
    pub notices: Vec<String>,
    /// What happened to the last file chosen or dropped as a saved plan,
    /// shown beside "Open a saved plan…" rather than at the top of the page.
    pub opened: Option<String>,
    /// Whether that file was dropped (anywhere on the calculator) rather
    /// than chosen with the button: then its message shows where the user
    /// is, pinned in view, not beside a button the drop never touched.
    pub opened_by_drop: bool,
    /// What the page held before the last reset, for a few seconds' undo.
    pub undo: Option<Rc<State>>,
    // The pasted results are not here but in `crate::results_state`:
    // typing them must not change this state, so nothing computed from the
    // inputs (the plan and its views) runs again.
    pub view: View,
    /// What the last copy or download did, shown next to its button until the
    /// inputs change (a changed plan makes "copied" untrue).
    pub exported: Option<(Export, bool)>,
}

/// The share bar's and embed dialog's buttons that report back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    Link,
    Markdown,
    Download,
    IframeSnippet,
    MountSnippet,
}

pub enum Action {
    /// The user changed a field to this text.
    Edit(Field, String),
    /// The user left a field: show its value in canonical form, or its error.
    Blur(Field),
    /// The user stopped typing for a moment: show every pending error.
    Pause,
    /// A cell of the claim map: switch to this generality and novelty.
    Claim(u8, u8),
    /// A saved plan file was read: what it holds, or why it was refused; and its name.
    /// Its results go to the results state; this takes the inputs and says what was opened.
    Open(Result<Box<Opened>, String>, String, FileFrom),
    /// Bring back what the last reset cleared.
    Undo,
    /// The undo offer has expired.
    ForgetUndo,
    /// A compute set-up or a field's conventions in one click.
    Preset(&'static Preset),
    /// Back to the defaults, keeping the view.
    Reset,
    /// A copy or download succeeded (true) or the browser refused it.
    Exported(Export, bool),
    /// A file chosen as a saved plan went elsewhere (results): say so there.
    FileNote(String, FileFrom),
    /// The user closed the message about a dropped file.
    DismissDropNote,
    /// The page's own start (its link, or the last visit's inputs), after a
    /// first render of the prerendered defaults.
    Start(Box<ParsedQuery>),
}

/// How a file reached the page, which decides where its message shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileFrom {
    /// "Open a saved plan…": beside that button.
    Picker,
    /// Dropped on the calculator: pinned in view where the drop was.
    Drop,
}

impl State {
    /// The defaults, in this view.
    fn fresh(view: View) -> State {
        State {
            inputs: Inputs::default(),
            committed: Inputs::default(),
            drafts: Vec::new(),
            rejected: Vec::new(),
            notices: Vec::new(),
            opened: None,
            opened_by_drop: false,
            undo: None,
            view,
            exported: None,
        }
    }

    /// The state a link opens: accepted fields applied, each refusal explained.
    pub fn from_query(parsed: ParsedQuery) -> State {
        State {
            notices: crate::text::fields::query_messages(&parsed),
            committed: parsed.inputs.clone(),
            inputs: parsed.inputs,
            ..State::fresh(parsed.view)
        }
    }

    /// The text a field shows: what the user typed (rejected or not), else the value.
    pub fn text(&self, field: Field) -> String {
        self.rejected
            .iter()
            .find(|r| r.error.field == field)
            .map(|r| r.text.clone())
            .or_else(|| {
                self.drafts
                    .iter()
                    .find(|(f, _)| *f == field)
                    .map(|(_, text)| text.clone())
            })
            .or_else(|| self.inputs.text(field))
            .unwrap_or_default()
    }

    /// Why the field's current text was rejected, once that is shown.
    pub fn error(&self, field: Field) -> Option<&InputError> {
        self.rejected
            .iter()
            .find(|r| r.shown && r.error.field == field)
            .map(|r| &r.error)
    }

    /// Fields whose errors are shown, in the order they were rejected.
    pub fn invalid_fields(&self) -> Vec<Field> {
        self.rejected
            .iter()
            .filter(|r| r.shown)
            .map(|r| r.error.field)
            .collect()
    }

    /// The inputs a link or a saved copy should carry: while any field holds
    /// rejected text, those from before that edit, never a value the user
    /// did not enter.
    pub fn shareable_inputs(&self) -> &Inputs {
        if self.rejected.is_empty() {
            &self.inputs
        } else {
            &self.committed
        }
    }

    /// Forgets what the user typed into `field`, valid or not.
    fn clear_text(&mut self, field: Field) {
        self.rejected.retain(|r| r.error.field != field);
        self.drafts.retain(|(f, _)| *f != field);
    }

    fn commit_if_valid(&mut self) {
        if self.rejected.is_empty() {
            self.committed = self.inputs.clone();
        }
    }

    /// The smallest and top scales are in the axis's unit (parameters,
    /// tokens, environment steps, multiples): kept across a change of unit
    /// (another axis, or deep RL on the data axis counting steps, not
    /// tokens), they would mean something else, so they go back to the new
    /// unit's defaults.
    fn clear_scales_if_unit_changed(&mut self, before: &Inputs) {
        if self.inputs.scale_kind() != before.scale_kind() {
            for scale in [Field::Floor, Field::Top] {
                let _ = self.inputs.set(scale, &FieldValue::Missing);
                self.clear_text(scale);
            }
        }
    }

    /// Text typed into a field: a valid value is used at once; a rejected
    /// one leaves the plan on the field's last committed value.
    fn edit(&mut self, before: &State, field: Field, text: String) {
        // A required field left empty is an error, not a silent reset to
        // the default: the user is probably about to type a new value.
        let result = if text.trim().is_empty() && !field.is_optional() {
            Err(InputError {
                field,
                value: crate::model::inputs::Given::Nothing,
            })
        } else {
            self.inputs.set(field, &FieldValue::Text(text.clone()))
        };
        let was_shown = before
            .rejected
            .iter()
            .any(|r| r.shown && r.error.field == field);
        self.clear_text(field);
        if matches!(field, Field::Axis | Field::ResearchField) {
            self.clear_scales_if_unit_changed(&before.inputs);
        }
        match result {
            Ok(()) => self.drafts.push((field, text)),
            Err(error) => {
                // The plan falls back to the value the field had before
                // this edit began, not to a half-typed one.
                let committed = before.committed.text(field);
                let _ = self.inputs.set(
                    field,
                    &committed.map_or(FieldValue::Missing, FieldValue::Text),
                );
                // An error already on screen stays (it would flicker
                // otherwise); a new one waits for a pause or the blur.
                self.rejected.push(Rejected {
                    text,
                    error,
                    shown: was_shown,
                });
            }
        }
    }

    /// A preset's values, over whatever the fields held.
    fn preset(&mut self, before: &State, preset: &'static Preset) {
        for &(field, text) in preset.values {
            // Presets are valid by construction (tested in presets.rs);
            // empty text restores the field's default.
            let _ = self.inputs.set(field, &FieldValue::Text(text.into()));
            self.clear_text(field);
        }
        self.clear_scales_if_unit_changed(&before.inputs);
        // A preset that sets its own scales keeps them.
        for &(field, text) in preset.values {
            if matches!(field, Field::Floor | Field::Top) {
                let _ = self.inputs.set(field, &FieldValue::Text(text.into()));
            }
        }
        self.commit_if_valid();
    }

    /// A fresh state holding an opened file's inputs, saying what was opened.
    fn opened(opened: Opened, name: &str, from: FileFrom, view: View) -> State {
        let what = match &opened.results {
            Some(results) => {
                let rows = results.text.lines().skip(1).count();
                format!(
                    "inputs and {}",
                    crate::text::format::plural(rows as u64, "result", "results")
                )
            }
            None => "inputs".to_owned(),
        };
        State {
            opened: Some(format!("Opened {}: {what}.", shown_name(name))),
            opened_by_drop: from == FileFrom::Drop,
            committed: opened.inputs.clone(),
            inputs: opened.inputs,
            ..State::fresh(view)
        }
    }

    /// The state after `action`. Pure: the UI renders whatever this returns.
    pub fn apply(&self, action: Action) -> State {
        let mut next = self.clone();
        next.exported = None;
        match action {
            Action::Edit(field, text) => next.edit(self, field, text),
            Action::Blur(field) => {
                next.drafts.retain(|(f, _)| *f != field);
                for r in next.rejected.iter_mut().filter(|r| r.error.field == field) {
                    r.shown = true;
                }
                next.commit_if_valid();
            }
            Action::Pause => {
                for r in &mut next.rejected {
                    r.shown = true;
                }
            }
            Action::Claim(generality, novelty) => {
                for (field, value) in [(Field::Generality, generality), (Field::Novelty, novelty)] {
                    // Cells come from the 5×5 map, so both values are valid.
                    let _ = next
                        .inputs
                        .set(field, &FieldValue::Number(f64::from(value)));
                    next.clear_text(field);
                }
                next.commit_if_valid();
            }
            Action::Preset(preset) => next.preset(self, preset),
            Action::Reset => {
                let mut before = self.clone();
                before.undo = None;
                // Reset is about the inputs; pasted results are data and stay
                // (they live apart, in the results state).
                next = State {
                    undo: Some(Rc::new(before)),
                    ..State::fresh(self.view)
                };
            }
            Action::Undo => {
                if let Some(before) = &self.undo {
                    next = (**before).clone();
                }
            }
            Action::ForgetUndo => next.undo = None,
            Action::Open(Ok(opened), name, from) => {
                next = State::opened(*opened, &name, from, self.view);
            }
            Action::Open(Err(why), name, from) => {
                next.opened = Some(format!(
                    "{} was not opened: {why} Nothing changed.",
                    shown_name(&name)
                ));
                next.opened_by_drop = from == FileFrom::Drop;
            }
            Action::Exported(export, done) => next.exported = Some((export, done)),
            Action::FileNote(note, from) => {
                next.opened = Some(note);
                next.opened_by_drop = from == FileFrom::Drop;
            }
            Action::DismissDropNote => {
                if next.opened_by_drop {
                    next.opened = None;
                }
            }
            Action::Start(parsed) => next = State::from_query(*parsed),
        }
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::presets::{COMPUTE_PRESETS, FIELD_PRESETS};
    use crate::model::query::parse_query;

    fn start() -> State {
        State::from_query(parse_query(""))
    }

    fn typed(state: State, field: Field, text: &str) -> State {
        (1..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .fold(state, |s, i| s.apply(Action::Edit(field, text[..i].into())))
    }

    #[test]
    fn start_replaces_the_prerendered_defaults_with_the_link() {
        // A hydrated page first shows the defaults, then the link's start.
        let s = typed(start(), Field::Novelty, "9").apply(Action::Start(Box::new(parse_query(
            "?generality=4&novelty=99&theme=dark",
        ))));
        assert_eq!(s.inputs.generality, 4);
        assert_eq!(s.inputs.novelty, 3, "a refused value keeps its default");
        assert!(
            s.rejected.is_empty(),
            "nothing typed before the start is kept"
        );
        assert_eq!(s.notices.len(), 1, "{:?}", s.notices);
        assert_eq!(s.view.theme.id(), "dark");
        assert_eq!(
            s,
            State::from_query(parse_query("?generality=4&novelty=99&theme=dark"))
        );
    }

    #[test]
    fn every_preset_leaves_every_field_valid_and_shareable() {
        for first in COMPUTE_PRESETS.iter().chain(&FIELD_PRESETS) {
            for second in FIELD_PRESETS.iter().chain(&COMPUTE_PRESETS) {
                let s = start()
                    .apply(Action::Edit(Field::Mfu, "0.5".into()))
                    .apply(Action::Blur(Field::Mfu))
                    .apply(Action::Preset(first))
                    .apply(Action::Preset(second));
                assert!(
                    s.rejected.is_empty(),
                    "{} then {}",
                    first.label,
                    second.label
                );
                assert_eq!(s.committed, s.inputs);
                // The link reproduces the page exactly.
                let link = crate::model::query::to_query(s.shareable_inputs(), &s.view);
                assert_eq!(parse_query(&link).inputs, s.inputs, "{link}");
            }
        }
    }

    #[test]
    fn field_presets_restore_defaults_they_name() {
        let llm = FIELD_PRESETS
            .iter()
            .find(|p| p.label == "LLM pretraining")
            .expect("llm");
        let s = start()
            .apply(Action::Edit(Field::Mfu, "0.45".into()))
            .apply(Action::Blur(Field::Mfu))
            .apply(Action::Preset(llm));
        assert_eq!(s.inputs.mfu, 0.3);
        assert_eq!(s.text(Field::Mfu), "0.3");
    }

    #[test]
    fn a_preset_keeps_the_scales_it_sets_and_clears_the_others() {
        let rl = FIELD_PRESETS
            .iter()
            .find(|p| p.label.starts_with("Deep RL"))
            .expect("deep rl");
        let s = start()
            .apply(Action::Edit(Field::Top, "7e9".into()))
            .apply(Action::Preset(rl));
        assert_eq!((s.inputs.floor, s.inputs.top), (Some(1e6), None));
        let llm = &FIELD_PRESETS[0];
        let s = s.apply(Action::Preset(llm));
        assert_eq!((s.inputs.floor, s.inputs.top), (None, None));
    }

    #[test]
    fn switching_deep_rl_on_the_data_axis_clears_the_scales() {
        // 10B tokens are not 10B environment steps: the unit changes.
        let s = start()
            .apply(Action::Edit(Field::Axis, "data".into()))
            .apply(Action::Edit(Field::Top, "10B".into()))
            .apply(Action::Blur(Field::Top))
            .apply(Action::Edit(Field::ResearchField, "rl".into()));
        assert_eq!(s.inputs.top, None);
        assert_eq!(s.text(Field::Top), "");
    }

    #[test]
    fn an_axis_switch_clears_the_scales() {
        let s = start()
            .apply(Action::Edit(Field::Top, "1.3e9".into()))
            .apply(Action::Blur(Field::Top))
            .apply(Action::Edit(Field::Axis, "custom".into()));
        assert_eq!(s.inputs.top, None);
        assert_eq!(s.text(Field::Top), "");
    }

    #[test]
    fn typing_a_valid_number_key_by_key_never_shows_an_error() {
        for (field, text) in [
            (Field::Flops, "3e21"),
            (Field::Top, "1.3e9"),
            (Field::Count, "1024"),
            (Field::Hours, "14d"),
        ] {
            let s = typed(start(), field, text);
            assert!(s.error(field).is_none(), "{text}");
            assert!(s.invalid_fields().is_empty());
            let s = s.apply(Action::Blur(field));
            assert!(s.rejected.is_empty(), "{text}");
        }
    }

    #[test]
    fn a_prefix_that_is_not_valid_keeps_the_last_plan_and_shows_its_error_after_a_pause() {
        let s = typed(start(), Field::Flops, "3");
        assert!(s.error(Field::Flops).is_none());
        assert_eq!(s.inputs.flops, None, "the plan keeps the last valid value");
        assert_eq!(s.shareable_inputs(), &Inputs::default());
        let paused = s.apply(Action::Pause);
        assert!(paused.error(Field::Flops).is_some());
        assert_eq!(paused.invalid_fields(), vec![Field::Flops]);
        let left = s.apply(Action::Blur(Field::Flops));
        assert!(left.error(Field::Flops).is_some());
        // Once shown, the error stays while the user keeps typing.
        let more = paused.apply(Action::Edit(Field::Flops, "3x".into()));
        assert!(more.error(Field::Flops).is_some());
    }

    #[test]
    fn an_emptied_required_field_is_an_error_not_a_default() {
        let s = start()
            .apply(Action::Edit(Field::Hours, String::new()))
            .apply(Action::Blur(Field::Hours));
        assert_eq!(
            s.error(Field::Hours).map(|e| &e.value),
            Some(&crate::model::inputs::Given::Nothing)
        );
        assert_eq!(s.inputs.hours, 720.0);
    }

    #[test]
    fn reset_can_be_undone() {
        let s = start()
            .apply(Action::Edit(Field::Novelty, "5".into()))
            .apply(Action::Blur(Field::Novelty));
        let reset = s.apply(Action::Reset);
        assert_eq!(reset.inputs, Inputs::default());
        let undone = reset.apply(Action::Undo);
        assert_eq!(undone.inputs.novelty, 5);
        assert!(undone.undo.is_none());
        assert!(reset.apply(Action::ForgetUndo).undo.is_none());
    }

    #[test]
    fn opening_a_file_restores_inputs_and_counts_its_results() {
        let inputs = Inputs {
            novelty: 4,
            ..Inputs::default()
        };
        let results = crate::model::results::PastedResults {
            text: "params,arm,seed,value\n1e8,method,1,2\n1e8,baseline,1,1".into(),
            ..Default::default()
        };
        let s = start().apply(Action::Open(
            Ok(Box::new(Opened {
                inputs: inputs.clone(),
                results: Some(results.clone()),
            })),
            "plan.json".into(),
            FileFrom::Picker,
        ));
        assert_eq!(s.inputs, inputs);
        assert_eq!(
            s.opened.as_deref(),
            Some("Opened plan.json: inputs and 2 results.")
        );
        assert!(s.notices.is_empty(), "a file's message is not the link's");
        let refused = s.apply(Action::Open(
            Err("it is not JSON.".into()),
            "x.json".into(),
            FileFrom::Picker,
        ));
        assert_eq!(refused.inputs, inputs);
        assert!(refused
            .opened
            .clone()
            .unwrap_or_default()
            .contains("Nothing changed"));
        // A hostile file name cannot reverse the notice nor fill the page.
        let name = format!("\u{202E}nosj.{}", "x".repeat(500));
        let opened = refused.apply(Action::Open(
            Ok(Box::new(Opened {
                inputs: Inputs::default(),
                results: None,
            })),
            name,
            FileFrom::Picker,
        ));
        let notice = opened.opened.unwrap_or_default();
        assert!(notice.starts_with("Opened <U+202E>nosj.xxx"), "{notice}");
        assert!(
            !notice.contains('\u{202E}') && notice.chars().count() < 70,
            "{notice}"
        );
    }

    #[test]
    fn a_dropped_file_says_so_in_view_until_dismissed_and_a_chosen_one_beside_its_button() {
        let dropped = start().apply(Action::Open(
            Err("it is not JSON.".into()),
            "x.json".into(),
            FileFrom::Drop,
        ));
        assert!(dropped.opened_by_drop && dropped.opened.is_some());
        let dismissed = dropped.apply(Action::DismissDropNote);
        assert!(dismissed.opened.is_none());
        let chosen = dropped.apply(Action::FileNote("read as results".into(), FileFrom::Picker));
        assert!(!chosen.opened_by_drop);
        // Closing a drop's message never clears the button's.
        assert_eq!(
            chosen.apply(Action::DismissDropNote).opened.as_deref(),
            Some("read as results")
        );
    }

    #[test]
    fn a_claim_cell_sets_both_scales() {
        let s = start().apply(Action::Claim(5, 1));
        assert_eq!((s.inputs.generality, s.inputs.novelty), (5, 1));
        assert_eq!(s.committed, s.inputs);
    }
}
