//! The text layer: sentences and Markdown written from the model's typed
//! facts. It reads the model and never calls back into the planner.
//! (The plan's older words still live in `model::report`; new facts get
//! their words here.)

pub mod stages;
