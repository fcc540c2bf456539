//! One piece of the page per file. Pieces without state of their own are
//! plain `view` functions: a Yew component costs about 2 KB of generic code
//! in the wasm, so only those with hooks (the app, the share bar, the copy
//! buttons, the embed dialog) are components.

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
pub mod share_bar;
pub mod summary;
pub mod text_field;
pub mod verdict;
