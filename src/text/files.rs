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
