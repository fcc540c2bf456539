//! The one place the calculator's state changes.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::Reducible;

use crate::model::inputs::{Field, FieldValue, InputError, Inputs};
use crate::model::query::{ParsedQuery, View};

/// What is on screen: the last inputs that were all valid, plus whatever the
/// user typed that is not (yet) valid, so nothing they typed is lost.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// The last good inputs: the plan on screen is always computed from these.
    pub inputs: Inputs,
    /// Text of fields whose current text was rejected.
    pub drafts: BTreeMap<Field, String>,
    pub errors: BTreeMap<Field, InputError>,
    /// Messages about the link the page was opened with.
    pub notices: Vec<String>,
    pub view: View,
}

pub enum Action {
    /// The user changed a field to this text.
    Edit(Field, String),
    /// Back to the defaults, keeping the view.
    Reset,
}

impl State {
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
            inputs: parsed.inputs,
            drafts: BTreeMap::new(),
            errors: BTreeMap::new(),
            notices,
            view: parsed.view,
        }
    }

    /// The text a field shows: the rejected draft if there is one, else the value.
    pub fn text(&self, field: Field) -> String {
        self.drafts
            .get(&field)
            .cloned()
            .or_else(|| self.inputs.text(field))
            .unwrap_or_default()
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
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
                match result {
                    Ok(()) => {
                        next.drafts.remove(&field);
                        next.errors.remove(&field);
                    }
                    Err(e) => {
                        next.drafts.insert(field, text);
                        next.errors.insert(field, e);
                    }
                }
            }
            Action::Reset => {
                next = State {
                    inputs: Inputs::default(),
                    drafts: BTreeMap::new(),
                    errors: BTreeMap::new(),
                    notices: Vec::new(),
                    view: self.view,
                };
            }
        }
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}
