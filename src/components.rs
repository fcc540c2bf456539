//! One component per file; each takes what it shows as props.

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
