//! The text layer: sentences, Markdown and the JSON's prose fields, written
//! from the model's typed facts. It reads the model and never calls back
//! into the planner. (Some of the plan's older words still live in
//! `model::report` and in the model's own modules; new facts get their
//! words here.)

pub mod assumptions;
pub mod public;
pub mod stages;
pub mod warnings;
