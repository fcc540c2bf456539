//! The text layer: sentences, table cells, Markdown and the JSON's prose
//! fields, written from the model's typed facts. It reads the model; the
//! model never imports it. (Some older words are still built inside the
//! model: the evidence's checklist and reasons, the design's group labels,
//! the results analysis's sentences. New facts get their words here.)

pub mod assumptions;
pub mod cited;
pub mod design;
pub mod evidence;
pub mod fields;
pub mod files;
pub mod format;
pub mod public;
pub mod report;
pub mod requirements;
pub mod results;
pub mod stages;
pub mod warnings;
