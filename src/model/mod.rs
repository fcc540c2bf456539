//! The pure domain: no browser, no UI framework. Everything here runs and is
//! tested natively with `cargo test`.

pub mod axis;
pub mod checkpoints;
pub mod design;
pub mod evidence;
pub mod fields;
pub mod format;
pub mod hardware;
pub mod inputs;
pub mod ladder;
pub mod memory;
pub mod pace;
pub mod plan;
pub mod power;
pub mod presets;
pub mod query;
pub mod report;
pub mod results;
pub mod rng;
pub mod saved;
pub mod stages;
pub mod stats;
pub mod warnings;
