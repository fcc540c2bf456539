//! `window.evidenceLadder.plan(inputs)`: the calculator for scripts and tests.

use js_sys::{Array, Error, Object, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::model::inputs::NamedValues;
use crate::model::plan::Plan;

const NOT_AN_OBJECT: &str =
    "plan(inputs): inputs must be an object such as { generality: 3, novelty: 2 }";

/// The plan for `inputs` as a plain object; throws an `Error` naming the bad field.
fn plan(inputs: JsValue) -> Result<JsValue, JsValue> {
    let NamedValues(pairs) = if inputs.is_undefined() || inputs.is_null() {
        NamedValues::default()
    } else if !inputs.is_object() || Array::is_array(&inputs) {
        return Err(Error::new(NOT_AN_OBJECT).into());
    } else {
        serde_wasm_bindgen::from_value(inputs)
            .map_err(|e| Error::new(&format!("{NOT_AN_OBJECT} ({e})")))?
    };
    let plan = Plan::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.clone())))
        .map_err(|e| Error::new(&e.to_string()))?;
    plan.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| Error::new(&e.to_string()).into())
}

/// Defines `window.evidenceLadder.plan`, keeping anything else already on
/// `window.evidenceLadder` (such as `mount` from embed.js).
pub fn install() -> Result<(), JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let key = JsValue::from_str("evidenceLadder");
    let existing = Reflect::get(&window, &key)?;
    let api: JsValue = if existing.is_object() {
        existing
    } else {
        Object::new().into()
    };
    let function = Closure::<dyn Fn(JsValue) -> Result<JsValue, JsValue>>::new(plan);
    Reflect::set(&api, &JsValue::from_str("plan"), function.as_ref())?;
    // The function lives as long as the page.
    function.forget();
    Reflect::set(&window, &key, &api)?;
    Ok(())
}
