//! The one place the calculator's state changes.

use std::rc::Rc;

use yew::Reducible;

use crate::model::format::number_text;
use crate::model::hardware::ComputePreset;
use crate::model::inputs::{Field, FieldValue, InputError, Inputs};
use crate::model::query::{ParsedQuery, View};
use crate::model::results::PastedResults;

/// What is on screen: the last inputs that were all valid, plus whatever the
/// user typed that is not (yet) valid, so nothing they typed is lost.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// The last good inputs: the plan on screen is always computed from these.
    pub inputs: Inputs,
    /// Fields whose current text was rejected: the text and why. At most one
    /// entry per field.
    pub rejected: Vec<(String, InputError)>,
    /// What the user is typing into a field that is valid: shown exactly as
    /// typed until the field loses focus, then written in its canonical form.
    pub drafts: Vec<(Field, String)>,
    /// The inputs when no field was being edited: a rejected field falls
    /// back to its value here, never to a half-typed one.
    pub committed: Inputs,
    /// Messages about the link the page was opened with, or a file opened.
    pub notices: Vec<String>,
    /// What the page held before the last reset, for a few seconds' undo.
    pub undo: Option<Rc<State>>,
    /// The results pasted into the Results section.
    pub results: PastedResults,
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
    /// The user left a field: show its value in canonical form.
    Blur(Field),
    /// A cell of the claim map: switch to this generality and novelty.
    Claim(u8, u8),
    /// A saved plan file was read: its inputs, or why it was refused; and its name.
    Open(Result<Inputs, String>, String),
    /// Bring back what the last reset cleared.
    Undo,
    /// The Results section changed: text, arms or direction.
    Results(PastedResults),
    /// The undo offer has expired.
    ForgetUndo,
    /// A compute set-up in one click: accelerator, count and hours; a FLOPs
    /// total would override them, so it is cleared.
    Preset(&'static ComputePreset),
    /// Back to the defaults, keeping the view.
    Reset,
    /// A copy or download succeeded (true) or the browser refused it.
    Exported(Export, bool),
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
            undo: None,
            results: PastedResults::default(),
            view,
            exported: None,
        }
    }

    /// The state a link opens: accepted fields applied, each refusal explained.
    pub fn from_query(parsed: ParsedQuery) -> State {
        let mut notices: Vec<String> = parsed
            .rejected
            .iter()
            .map(|e| {
                format!(
                    "{}={} ignored: must be {}.",
                    e.field.key(),
                    e.value.trim_matches('"'),
                    e.allowed
                )
            })
            .collect();
        notices.extend(parsed.notices);
        State {
            undo: None,
            results: PastedResults::default(),
            committed: parsed.inputs.clone(),
            drafts: Vec::new(),
            inputs: parsed.inputs,
            rejected: Vec::new(),
            notices,
            view: parsed.view,
            exported: None,
        }
    }

    /// The text a field shows: what the user typed (rejected or not), else the value.
    pub fn text(&self, field: Field) -> String {
        self.rejected
            .iter()
            .find(|(_, e)| e.field == field)
            .map(|(text, _)| text.clone())
            .or_else(|| {
                self.drafts
                    .iter()
                    .find(|(f, _)| *f == field)
                    .map(|(_, text)| text.clone())
            })
            .or_else(|| self.inputs.text(field))
            .unwrap_or_default()
    }

    /// Why the field's current text was rejected, if it was.
    pub fn error(&self, field: Field) -> Option<&InputError> {
        self.rejected
            .iter()
            .map(|(_, e)| e)
            .find(|e| e.field == field)
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.exported = None;
        match action {
            Action::Edit(field, text) => {
                // A required field left empty is an error, not a silent reset to
                // the default: the user is probably about to type a new value.
                let result = if text.trim().is_empty() && !field.is_optional() {
                    Err(InputError {
                        field,
                        value: "nothing".into(),
                        allowed: field.allowed(),
                    })
                } else {
                    next.inputs.set(field, &FieldValue::Text(text.clone()))
                };
                next.rejected.retain(|(_, e)| e.field != field);
                next.drafts.retain(|(f, _)| *f != field);
                if field == Field::Axis && next.inputs.axis != self.inputs.axis {
                    // The smallest and top scales are in the old axis's unit
                    // (parameters, steps, multiples): kept, they would mean
                    // something else. Back to the new axis's defaults.
                    for scale in [Field::Floor, Field::Top] {
                        let _ = next.inputs.set(scale, &FieldValue::Missing);
                        next.rejected.retain(|(_, e)| e.field != scale);
                        next.drafts.retain(|(f, _)| *f != scale);
                    }
                }
                match result {
                    Ok(()) => next.drafts.push((field, text)),
                    Err(e) => {
                        // The plan falls back to the value the field had before
                        // this edit began, not to a half-typed one.
                        let before = self.committed.text(field);
                        let _ = next
                            .inputs
                            .set(field, &before.map_or(FieldValue::Missing, FieldValue::Text));
                        next.rejected.push((text, e));
                    }
                }
            }
            Action::Claim(generality, novelty) => {
                for (field, value) in [(Field::Generality, generality), (Field::Novelty, novelty)] {
                    // Cells come from the 5×5 map, so both values are valid.
                    let _ = next
                        .inputs
                        .set(field, &FieldValue::Number(f64::from(value)));
                    next.rejected.retain(|(_, e)| e.field != field);
                }
                if next.rejected.is_empty() {
                    next.committed = next.inputs.clone();
                }
            }
            Action::Blur(field) => {
                next.drafts.retain(|(f, _)| *f != field);
                if next.rejected.is_empty() {
                    next.committed = next.inputs.clone();
                }
            }
            Action::Preset(preset) => {
                let fields = [
                    (Field::Accelerator, preset.accelerator.to_owned()),
                    (Field::Count, preset.count.to_string()),
                    (Field::Hours, number_text(preset.hours)),
                    (Field::Flops, String::new()),
                ];
                for (field, text) in fields {
                    // Presets are valid by construction (tested in hardware.rs).
                    let _ = next.inputs.set(field, &FieldValue::Text(text));
                    next.rejected.retain(|(_, e)| e.field != field);
                    next.drafts.retain(|(f, _)| *f != field);
                }
                next.committed = next.inputs.clone();
            }
            Action::Reset => {
                let mut before = (*self).clone();
                before.undo = None;
                // Reset is about the inputs; pasted results are data and stay.
                next = State {
                    undo: Some(Rc::new(before)),
                    results: self.results.clone(),
                    ..State::fresh(self.view)
                };
            }
            Action::Undo => {
                if let Some(before) = &self.undo {
                    next = (**before).clone();
                }
            }
            Action::ForgetUndo => next.undo = None,
            Action::Results(results) => next.results = results,
            Action::Open(Ok(inputs), name) => {
                next = State {
                    notices: vec![format!("Opened {name}.")],
                    committed: inputs.clone(),
                    inputs,
                    results: self.results.clone(),
                    ..State::fresh(self.view)
                };
            }
            Action::Open(Err(why), name) => {
                next.notices = vec![format!("{name} was not opened: {why} Nothing changed.")];
            }
            Action::Exported(export, done) => next.exported = Some((export, done)),
        }
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}
