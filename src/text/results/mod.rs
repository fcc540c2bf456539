//! The results analysis in words: the JSON `analyze()` gives (the model's
//! analysis with its notes, multiplier notes and method text written out),
//! the verdict and prediction sentences ([`sentences`]), the notes
//! ([`notes`]), the Markdown section ([`markdown`]) and every error and
//! refusal met on the way in ([`errors`]).

pub mod errors;
pub mod markdown;
pub mod notes;
pub mod sentences;

use serde::Serialize;

use crate::model::results::limits::MAX_QUOTED_CHARS;
use crate::model::results::{Analysis, ResultsExport, RungGain};
use crate::text::format;

pub use markdown::markdown_section;
pub use notes::{no_multiplier, note, STATISTICS};
pub use sentences::{prediction_sentence, verdict_sentence};

/// The analysis as JSON sees it (`analyze()`, "Download JSON"): its own
/// fields, and the words of the facts the model keeps typed.
#[derive(Serialize)]
pub struct AnalysisJson<'a> {
    #[serde(flatten)]
    analysis: &'a Analysis,
    rungs: Vec<RungJson<'a>>,
    warnings: Vec<String>,
    statistics: &'static str,
}

/// A rung as JSON sees it: its own fields, and why it has no multiplier.
#[derive(Serialize)]
struct RungJson<'a> {
    #[serde(flatten)]
    rung: &'a RungGain,
    #[serde(skip_serializing_if = "Option::is_none")]
    multiplier_note: Option<String>,
}

/// The words that follow a size on this axis in the results' sentences: ""
/// for parameter counts (130M), "tokens" on the data axis, "× the smallest run" on custom.
pub fn scale_unit(axis: crate::model::axis::Axis) -> &'static str {
    match axis {
        crate::model::axis::Axis::Pretrain | crate::model::axis::Axis::Finetune => "",
        other => other.unit(),
    }
}

/// The results as the exports carry them: the runs, the arms and the
/// direction, and the analysis in its public form.
#[derive(Serialize)]
pub struct ResultsExportJson<'a> {
    #[serde(flatten)]
    export: &'a ResultsExport<'a>,
    analysis: Option<AnalysisJson<'a>>,
}

/// The public form of the results exported.
pub fn export_json<'a>(export: &'a ResultsExport<'a>) -> ResultsExportJson<'a> {
    ResultsExportJson {
        export,
        analysis: export.analysis.map(analysis_json),
    }
}

/// The public form of `analysis`.
pub fn analysis_json(analysis: &Analysis) -> AnalysisJson<'_> {
    AnalysisJson {
        analysis,
        rungs: analysis
            .rungs
            .iter()
            .map(|rung| RungJson {
                rung,
                multiplier_note: rung.multiplier_note.map(no_multiplier),
            })
            .collect(),
        warnings: analysis.warnings.iter().map(note).collect(),
        statistics: STATISTICS,
    }
}

/// A name the user typed or a file supplied (an arm, a metric, a file's
/// name) as the page shows it in text: controls, zero-width and bidi
/// characters written as `<U+202E>` (so a name cannot reverse or hide the
/// sentence around it), at most [`MAX_QUOTED_CHARS`] characters and "…".
///
/// ```
/// use evidence_ladder::text::results::shown_name;
/// assert_eq!(shown_name("\u{202E}gpj.exe"), "<U+202E>gpj.exe");
/// assert_eq!(shown_name(&"x".repeat(50)), format!("{}…", "x".repeat(40)));
/// ```
pub fn shown_name(name: &str) -> String {
    let mut chars = name.chars();
    let head: String = chars.by_ref().take(MAX_QUOTED_CHARS).collect();
    let ellipsis = if chars.next().is_some() { "…" } else { "" };
    format!("{}{ellipsis}", format::visible(&head))
}
