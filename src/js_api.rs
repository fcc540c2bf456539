//! `window.evidenceLadder.plan(inputs)`: the calculator for scripts and tests.

use js_sys::{Array, Error, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::model::export::{plan_value, Value};
use crate::model::inputs::FieldValue;
use crate::model::plan::Plan;

const NOT_AN_OBJECT: &str =
    "plan(inputs): inputs must be an object such as { generality: 3, novelty: 2 }";

/// One input as the domain sees it: numbers and strings are values, null and
/// undefined are missing, and anything else is described so the field's own
/// rule can reject it with a useful message.
fn field_value(value: JsValue) -> FieldValue {
    if let Some(n) = value.as_f64() {
        FieldValue::Number(n)
    } else if let Some(text) = value.as_string() {
        FieldValue::Text(text)
    } else if value.is_undefined() || value.is_null() {
        FieldValue::Missing
    } else if value.as_bool().is_some() {
        FieldValue::Other("a boolean")
    } else if Array::is_array(&value) {
        FieldValue::Other("a list")
    } else if value.is_object() {
        FieldValue::Other("an object")
    } else {
        FieldValue::Other("a value that is neither a number nor text")
    }
}

/// A plain JS object, array or primitive for a domain value.
pub fn to_js(value: &Value) -> JsValue {
    match value {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Number(n) => JsValue::from_f64(*n),
        Value::Text(s) => JsValue::from_str(s),
        Value::List(items) => items.iter().map(to_js).collect::<Array>().into(),
        Value::Object(fields) => {
            let object = Object::new();
            for (key, value) in fields {
                // Setting a data property on a fresh plain object cannot fail.
                let _ = Reflect::set(&object, &JsValue::from_str(key), &to_js(value));
            }
            object.into()
        }
    }
}

/// The plan for `inputs` as a plain object; throws an `Error` naming the bad field.
fn plan(inputs: JsValue) -> Result<JsValue, JsValue> {
    let mut pairs = Vec::new();
    if !(inputs.is_undefined() || inputs.is_null()) {
        if !inputs.is_object() || Array::is_array(&inputs) {
            return Err(Error::new(NOT_AN_OBJECT).into());
        }
        // Own enumerable properties in the order the caller wrote them, so the
        // first bad field reported is the first one written.
        for entry in Object::entries(inputs.unchecked_ref()) {
            let entry: Array = entry.unchecked_into();
            let key = entry.get(0).as_string().unwrap_or_default();
            pairs.push((key, field_value(entry.get(1))));
        }
    }
    let plan = Plan::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.clone())))
        .map_err(|e| Error::new(&e.to_string()))?;
    Ok(to_js(&plan_value(&plan)))
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
