//! One piece of the page per file, each a plain `view` function over what it
//! shows. A Yew component costs about 2 KB of generic code in the wasm, so the
//! app (src/app.rs) is the only one: it owns all state, including what the
//! last copy or download did, and passes callbacks down.

pub mod choice_field;
pub mod claim_map;
pub mod compute_presets;
pub mod copy_button;
pub mod embed_dialog;
pub mod evidence_card;
pub mod inputs_form;
pub mod ladder_chart;
pub mod ladder_table;
pub mod method;
pub mod principles;
pub mod results_panel;
pub mod share_bar;
pub mod summary;
pub mod text_field;
pub mod verdict;
