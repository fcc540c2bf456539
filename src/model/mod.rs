//! The pure domain: no browser, no UI framework. Everything here runs and is
//! tested natively with `cargo test`.

pub mod assumptions;
pub mod axis;
pub mod checkpoints;
pub mod choices;
pub mod codec;
pub mod design;
pub mod evidence;
pub mod fields;
pub mod hardware;
pub mod inputs;
pub mod ladder;
pub mod memory;
pub mod pace;
pub mod plan;
pub mod power;
pub mod presets;
pub mod query;
pub mod record;
pub mod requirements;
pub mod results;
pub mod rng;
pub mod saved;
pub mod seeding;
pub mod stages;
pub mod stats;
pub mod t_dist;
pub mod warnings;
