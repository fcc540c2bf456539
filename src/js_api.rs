//! `window.evidenceLadder.plan(inputs)`: the calculator for scripts and tests.

use js_sys::{Error, Object, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::model::inputs::NamedValues;
use crate::model::plan::Plan;
use crate::model::results::AnalysisInput;
use crate::model::results::PastedResults;
use crate::model::saved::SavedFile;

const NOT_AN_OBJECT: &str =
    "plan(inputs): inputs must be an object such as { generality: 3, novelty: 2 }";

/// A domain value as plain JS: objects (not Maps), and `null` (not
/// `undefined`) for an absent optional value, exactly as JSON would have it.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(Into::into)
}

/// The same value as indented JSON text, for downloads.
pub fn to_json_text<T: Serialize>(value: &T) -> Option<String> {
    let js = to_js(value).ok()?;
    js_sys::JSON::stringify_with_replacer_and_space(&js, &JsValue::NULL, &2.into())
        .ok()?
        .as_string()
}

/// What a plan file downloaded by this app holds, from its text; why not, in words.
pub fn saved_from_text(text: &str) -> Result<Box<crate::state::Opened>, String> {
    let value = js_sys::JSON::parse(text).map_err(|_| "it is not valid JSON.".to_owned())?;
    if !value.is_object() || js_sys::Array::is_array(&value) {
        return Err("it is not a plan saved by Evidence Ladder.".into());
    }
    let file: SavedFile = serde_wasm_bindgen::from_value(value)
        .map_err(|e| format!("its inputs cannot be read ({e})."))?;
    file.open().map(Box::new)
}

/// The plan for `inputs` as a plain object; throws an `Error` naming the bad field.
fn plan(inputs: JsValue) -> Result<JsValue, JsValue> {
    // A list or a primitive is not a set of named inputs (a list would
    // otherwise read as a map from indexes).
    if !(inputs.is_undefined() || inputs.is_null())
        && (!inputs.is_object() || js_sys::Array::is_array(&inputs))
    {
        return Err(Error::new(NOT_AN_OBJECT).into());
    }
    let NamedValues(pairs) = serde_wasm_bindgen::from_value(inputs)
        .map_err(|e| Error::new(&format!("{NOT_AN_OBJECT} ({e})")))?;
    let plan = Plan::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.clone())))
        .map_err(|e| Error::new(&e.to_string()))?;
    to_js(&plan)
}

const ANALYZE_NOT_AN_OBJECT: &str = "analyze(input): input must be an object such as \
{ results: [{ params, arm, seed, value }, …], method, baseline, higher_is_better }";

/// Results analysis for scripts: per-rung gains, the trend and its verdict;
/// throws an `Error` naming the problem (and the row, for a bad row).
fn analyze(input: JsValue) -> Result<JsValue, JsValue> {
    if !input.is_object() || js_sys::Array::is_array(&input) {
        return Err(Error::new(ANALYZE_NOT_AN_OBJECT).into());
    }
    let input: AnalysisInput =
        serde_wasm_bindgen::from_value(input).map_err(|e| Error::new(&e.to_string()))?;
    let analysis =
        crate::model::results::analyze(&input).map_err(|e| Error::new(&e.to_string()))?;
    to_js(&analysis)
}

/// Reads results saved by [`save_results`]; anything unreadable is no results.
pub fn results_from_json(text: &str) -> Option<PastedResults> {
    let value = js_sys::JSON::parse(text).ok()?;
    serde_wasm_bindgen::from_value(value).ok()
}

/// Defines `window.evidenceLadder.plan` and `analyze`, keeping anything else already on
/// `window.evidenceLadder` (such as `mount` from embed.js).
pub fn install() -> Result<(), JsValue> {
    let window = gloo_utils::window();
    let key = JsValue::from_str("evidenceLadder");
    let existing = Reflect::get(&window, &key)?;
    let api: JsValue = if existing.is_object() {
        existing
    } else {
        Object::new().into()
    };
    for (name, function) in [
        ("plan", plan as fn(JsValue) -> Result<JsValue, JsValue>),
        ("analyze", analyze),
    ] {
        let function = Closure::<dyn Fn(JsValue) -> Result<JsValue, JsValue>>::new(function);
        Reflect::set(&api, &JsValue::from_str(name), function.as_ref())?;
        // The function lives as long as the page.
        function.forget();
    }
    Reflect::set(&window, &key, &api)?;
    Ok(())
}
