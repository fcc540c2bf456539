//! Evidence Ladder: how much evidence an ML research claim needs, and the
//! scale ladder of experiments a compute budget buys.
//!
//! `model` is the pure domain. Everything else is the browser app over it and
//! only exists when compiled to WebAssembly.

pub mod model;
