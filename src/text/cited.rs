//! Sentences that rest on one of the essay's principles: the words before
//! the citation, the principle (a typed id, never found again by its
//! words), and the words after. Written as text they read "… (the essay:
//! broader claims need more evidence)."; the page links the citation to the
//! principle's entry.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::model::axis::ScaleKind;
use crate::model::evidence::PrincipleId;
use crate::model::fields::Field;

/// A sentence and the principle it cites, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cited {
    pub before: String,
    /// The principle cited, and the words after its citation.
    pub cites: Option<(PrincipleId, String)>,
}

impl Cited {
    /// A sentence that cites nothing.
    pub fn plain(text: impl Into<String>) -> Self {
        Cited {
            before: text.into(),
            cites: None,
        }
    }

    /// `before`, then the citation of `principle`, then `after`.
    pub fn on(before: impl Into<String>, principle: PrincipleId, after: impl Into<String>) -> Self {
        Cited {
            before: before.into(),
            cites: Some((principle, after.into())),
        }
    }

    /// Whether the sentence starts with these words.
    pub fn starts_with(&self, words: &str) -> bool {
        self.to_string().starts_with(words)
    }
}

/// The citation's words inside its parentheses: "the essay: broader claims
/// need more evidence".
pub fn citation(principle: PrincipleId) -> String {
    format!("the essay: {}", principle.principle().phrase)
}

impl fmt::Display for Cited {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.before)?;
        if let Some((principle, after)) = &self.cites {
            write!(f, "({}){after}", citation(*principle))?;
        }
        Ok(())
    }
}

/// The JSON writes a cited sentence as its text.
impl Serialize for Cited {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A field's hint, with its citation where it rests on a principle.
pub fn hint(field: Field, scale: ScaleKind) -> Cited {
    match field.hint(scale) {
        (before, None) => Cited::plain(before),
        (before, Some((principle, after))) => Cited::on(before, principle, after),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_citation_reads_as_the_essay_and_its_phrase() {
        let cited = Cited::on("Broader needs more ", PrincipleId::Generality, ".");
        assert_eq!(
            cited.to_string(),
            "Broader needs more (the essay: broader claims need more evidence)."
        );
        assert_eq!(Cited::plain("No citation.").to_string(), "No citation.");
        // serde_json is a native test dependency only.
        #[cfg(not(target_arch = "wasm32"))]
        assert_eq!(
            serde_json::to_string(&cited).expect("json"),
            "\"Broader needs more (the essay: broader claims need more evidence).\""
        );
        assert_eq!(
            hint(Field::Generality, ScaleKind::Pretrain).to_string(),
            "Each step up asks for more settings, sizes and seeds (the essay: broader claims need more evidence)."
        );
    }
}
