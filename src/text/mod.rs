//! The text layer: sentences, table cells, Markdown, error messages and the
//! JSON's prose fields, written from the model's typed facts, with the
//! number formatting they share ([`format`]). It reads the model; the model
//! never imports it. (The field table's labels and hints, and the names of
//! choices, accelerators and evidence levels, are still data in the model.)

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
