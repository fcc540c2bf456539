//! `window.evidenceLadder.plan(inputs)` and `analyze(input)`: the calculator
//! for scripts and tests.
//!
//! Whatever a script passes, one call can only fail, never stop the
//! calculator: before anything is deserialised, [`plain_copy`] walks the value
//! with a budget (depth, number of values, characters of text), reading each
//! property once through calls that catch what JS throws, and refuses cyclic,
//! too deep or too large values, and properties whose getters throw, with an
//! `Error` that says where. Serde then only ever sees that plain copy.
//! (Before, a cyclic or 10⁵-deep value overflowed the wasm stack, and a JS
//! exception thrown inside serde-wasm-bindgen unwound past Rust frames without
//! restoring the stack pointer: either left every later call failing.)

use js_sys::{Array, Error, JsString, Object, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::model::inputs::{FieldValue, Inputs};
use crate::model::plan::Plan;
use crate::model::results::input::{RawInput, RawRow, RawRowOrOther, RawRows, Scalar};
use crate::model::results::AnalysisInput;
use crate::model::results::PastedResults;
use crate::model::saved::SavedFile;
use crate::text::public::plan_json;

const NOT_AN_OBJECT: &str =
    "plan(inputs): inputs must be an object such as { generality: 3, novelty: 2 }";

// Every call JS can make throw, bound with `catch` so that a throw comes back
// as an `Err` instead of unwinding through Rust frames. (js-sys binds
// Array.isArray and Object.keys without it, and both throw on a revoked Proxy.)
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(value: &JsValue) -> Result<Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = fromEntries)]
    fn from_entries(entries: &Array) -> Result<Object, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = get)]
    fn get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = hasOwn)]
    fn has_own(target: &JsValue, key: &JsValue) -> Result<bool, JsValue>;
    // push runs a setter the page put on Array.prototype or Object.prototype
    // for an index ("0"): caught, it refuses this call instead of breaking the instance.
    type Items;
    #[wasm_bindgen(catch, method, js_name = push)]
    fn push(this: &Items, value: &JsValue) -> Result<u32, JsValue>;
}

/// `array.push(value)`, with what it throws caught.
fn push_caught(array: &Array, value: &JsValue) -> Result<u32, JsValue> {
    array.unchecked_ref::<Items>().push(value)
}

/// Deepest nesting a script may pass. A plan's inputs are one level, results
/// three (`{ results: [{ value }] }`); 32 leaves room for wrappers and keeps
/// the walk's recursion far from the wasm stack's limit.
pub const MAX_DEPTH: usize = 32;
/// Most values (objects, arrays and scalars, each counted once) in one call:
/// about 20,000 result rows of four fields (each row is five values). More
/// is a mistake, not an experiment.
pub const MAX_VALUES: usize = 100_000;
/// Most characters of text (keys included) in one call, about 2 MB.
pub const MAX_TEXT: usize = 2_000_000;

/// What one walk may read.
#[derive(Clone, Copy)]
struct Limits {
    values: usize,
    text: usize,
}

/// For scripts: the limits above.
const SCRIPT: Limits = Limits {
    values: MAX_VALUES,
    text: MAX_TEXT,
};
/// For plan(): a plan has about 30 named inputs, so 1,000 values and
/// 100,000 characters leave room for wrappers and unknown keys while a
/// call with 100,000 keys (0.7 s before issue 34) is refused at once.
const PLAN: Limits = Limits {
    values: 1_000,
    text: 100_000,
};
/// For JSON this app wrote (a saved plan file, saved results): no getters and
/// no cycles there, and its text was bounded when it was pasted; only the
/// depth (which would overflow serde's recursion) and a generous count matter.
const SAVED: Limits = Limits {
    values: 10 * MAX_VALUES,
    text: usize::MAX,
};

/// One step of the path to a value, for messages: `.results[3].value`.
enum Step {
    Key(String),
    Index(u32),
}

/// Why a value was refused before reading it, with where.
enum Refusal {
    Cycle(String),
    TooDeep(String),
    TooMany,
    TooMuchText,
    Unreadable(String),
}

/// What a JS value is, in the user's words: "a symbol", "a function".
fn kind_of(value: &JsValue) -> &'static str {
    if value.is_symbol() {
        "a symbol"
    } else if value.is_function() {
        "a function"
    } else if value.is_bigint() {
        "a BigInt"
    } else if value.as_bool().is_some() {
        "a boolean"
    } else {
        "an object"
    }
}

struct Walk {
    /// The name of the whole value in messages ("inputs", "input").
    root: &'static str,
    path: Vec<Step>,
    /// The objects and arrays being copied, outermost first: meeting one again is a cycle.
    open: Vec<JsValue>,
    values: usize,
    text: usize,
    limits: Limits,
    /// For serde: symbols, functions and BigInts become `{}`, which the
    /// domain refuses in its own words ("must be a number") instead of serde's.
    exotic_as_object: bool,
}

impl Walk {
    fn new(root: &'static str, limits: Limits, exotic_as_object: bool) -> Self {
        Self {
            root,
            path: Vec::new(),
            open: Vec::new(),
            values: 0,
            text: 0,
            limits,
            exotic_as_object,
        }
    }

    /// `inputs.results[3]["odd key"]`; a long path keeps its two ends.
    fn where_(&self) -> String {
        let step = |s: &Step| match s {
            Step::Index(i) => format!("[{i}]"),
            Step::Key(k)
                if !k.is_empty()
                    && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    && !k.starts_with(|c: char| c.is_ascii_digit()) =>
            {
                format!(".{k}")
            }
            // Quoted with Rust's escapes, so a control or bidi character in a
            // hostile key cannot reorder or hide the message.
            Step::Key(k) => format!("[{:?}]", k.chars().take(40).collect::<String>()),
        };
        let mut out = self.root.to_owned();
        if self.path.len() <= 6 {
            self.path.iter().for_each(|s| out.push_str(&step(s)));
        } else {
            self.path[..3].iter().for_each(|s| out.push_str(&step(s)));
            out.push('…');
            self.path[self.path.len() - 2..]
                .iter()
                .for_each(|s| out.push_str(&step(s)));
        }
        out
    }

    fn count_text(&mut self, text: &JsValue) -> Result<(), Refusal> {
        self.text += text.unchecked_ref::<JsString>().length() as usize;
        if self.text > self.limits.text {
            return Err(Refusal::TooMuchText);
        }
        Ok(())
    }

    fn read(&mut self, target: &JsValue, key: &JsValue) -> Result<JsValue, Refusal> {
        get(target, key).map_err(|_| Refusal::Unreadable(self.where_()))
    }

    /// A copy of `value` made of plain objects, arrays and scalars only.
    fn copy(&mut self, value: &JsValue) -> Result<JsValue, Refusal> {
        self.values += 1;
        if self.values > self.limits.values {
            return Err(Refusal::TooMany);
        }
        if value.is_string() {
            self.count_text(value)?;
            return Ok(value.clone());
        }
        if value.is_undefined() || value.is_null() || value.as_f64().is_some() {
            return Ok(value.clone());
        }
        if !value.is_object() {
            return Ok(if self.exotic_as_object && value.as_bool().is_none() {
                Object::new().into()
            } else {
                value.clone()
            });
        }
        if self.open.iter().any(|o| Object::is(o, value)) {
            return Err(Refusal::Cycle(self.where_()));
        }
        if self.open.len() >= MAX_DEPTH {
            return Err(Refusal::TooDeep(self.where_()));
        }
        let array = is_array(value).map_err(|_| Refusal::Unreadable(self.where_()))?;
        self.open.push(value.clone());
        let copy = if array {
            self.copy_array(value)
        } else {
            self.copy_object(value)
        };
        self.open.pop();
        copy
    }

    fn copy_array(&mut self, value: &JsValue) -> Result<JsValue, Refusal> {
        let length = self.read(value, &"length".into())?.as_f64().unwrap_or(0.0);
        // Refused before reading: a sparse array can claim 4 billion elements.
        if length > (self.limits.values - self.values) as f64 {
            return Err(Refusal::TooMany);
        }
        let out = Array::new();
        for i in 0..length as u32 {
            self.path.push(Step::Index(i));
            let item = self.read(value, &i.into())?;
            let item = self.copy(&item)?;
            self.path.pop();
            push_caught(&out, &item).map_err(|_| Refusal::Unreadable(self.where_()))?;
        }
        Ok(out.into())
    }

    fn copy_object(&mut self, value: &JsValue) -> Result<JsValue, Refusal> {
        let keys = object_keys(value).map_err(|_| Refusal::Unreadable(self.where_()))?;
        if keys.length() as usize > self.limits.values - self.values {
            return Err(Refusal::TooMany);
        }
        let entries = Array::new();
        for key in keys.iter() {
            self.count_text(&key)?;
            self.path
                .push(Step::Key(key.as_string().unwrap_or_default()));
            let item = self.read(value, &key)?;
            let item = self.copy(&item)?;
            self.path.pop();
            push_caught(&entries, &Array::of2(&key, &item))
                .map_err(|_| Refusal::Unreadable(self.where_()))?;
        }
        // fromEntries defines own properties: a "__proto__" key stays a key.
        from_entries(&entries)
            .map(Into::into)
            .map_err(|_| Refusal::Unreadable(self.where_()))
    }
}

/// `value` as plain data, or why it cannot be read, in words that name where
/// (`root` names the whole value: "inputs").
fn plain_copy(
    root: &'static str,
    value: &JsValue,
    limits: Limits,
    exotic_as_object: bool,
) -> Result<JsValue, String> {
    let mut walk = Walk::new(root, limits, exotic_as_object);
    walk.copy(value)
        .map_err(|refusal| refusal_message(root, limits, refusal))
}

/// A refusal in words that name where (`root` names the whole value).
fn refusal_message(root: &str, limits: Limits, refusal: Refusal) -> String {
    match refusal {
        Refusal::Cycle(at) => format!(
            "{at} contains itself (a cycle); pass plain data, such as the result of JSON.parse"
        ),
        Refusal::TooDeep(at) => format!("{at} is nested more than {MAX_DEPTH} levels deep"),
        Refusal::TooMany => format!(
            "{root} holds more than {} values",
            with_commas(limits.values)
        ),
        Refusal::TooMuchText => format!(
            "{root} holds more than {} characters of text",
            with_commas(limits.text)
        ),
        Refusal::Unreadable(at) => format!("{at} cannot be read (reading it threw an error)"),
    }
}

/// 100000 → "100,000".
fn with_commas(n: usize) -> String {
    crate::text::format::whole(n as u64)
}

/// The message of a serde-wasm-bindgen error: it wraps a JS `Error`, and its
/// `to_string()` would read "Error: …", so that a new Error printed "Error: Error: …".
fn message_of(error: serde_wasm_bindgen::Error) -> String {
    let value = JsValue::from(error);
    value
        .dyn_ref::<Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_default()
}

/// A domain value as plain JS: objects (not Maps), and `null` (not
/// `undefined`) for an absent optional value, exactly as JSON would have it.
/// Made by `JSON.parse` of our own JSON text, which defines each property as
/// its own: no setter of the page's prototypes runs, so none can throw
/// through the wasm frames and break the instance (issue 34). `JSON.parse`
/// itself is bound with `catch`, in case a page replaced it.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = crate::json_text::to_json(value).map_err(|e| Error::new(&e.to_string()))?;
    js_sys::JSON::parse(&text)
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
    // A dropped file is untrusted: 10⁵ nested brackets are valid JSON.
    let value = plain_copy("the file", &value, SAVED, true).map_err(|why| format!("{why}."))?;
    // serde's message would quote the file's content: the refusal says what, not which bytes.
    let file: SavedFile = serde_wasm_bindgen::from_value(value).map_err(|_| {
        "its inputs or results are not in the form this app writes (a plan downloaded with \
         Download JSON)."
            .to_owned()
    })?;
    file.open()
        .map(Box::new)
        .map_err(|why| crate::text::files::not_opened(&why))
}

/// One value a script gave for an input, as the field rules read it.
fn field_value(value: &JsValue) -> FieldValue {
    if let Some(text) = value.as_string() {
        FieldValue::Text(text)
    } else if let Some(n) = value.as_f64() {
        FieldValue::Number(n)
    } else if value.is_undefined() || value.is_null() {
        FieldValue::Missing
    } else if is_array(value).unwrap_or(false) {
        FieldValue::Other("a list")
    } else {
        FieldValue::Other(kind_of(value))
    }
}

/// The plan for `inputs` as a plain object; throws an `Error` naming the bad field.
fn plan(inputs: JsValue) -> Result<JsValue, JsValue> {
    if inputs.is_undefined() || inputs.is_null() {
        return to_js(&plan_json(&Plan::new(Inputs::default())));
    }
    // A list or a primitive is not a set of named inputs (a list would
    // otherwise read as a map from indexes).
    // (A revoked Proxy throws here: the walk below says so.)
    if !inputs.is_object() || matches!(is_array(&inputs), Ok(true)) {
        return Err(Error::new(NOT_AN_OBJECT).into());
    }
    let inputs = plain_copy("inputs", &inputs, PLAN, false)
        .map_err(|why| Error::new(&format!("plan(inputs): {why}")))?;
    let keys = object_keys(&inputs).unwrap_or_default();
    let mut pairs = Vec::with_capacity(keys.length() as usize);
    for key in keys.iter() {
        let value = get(&inputs, &key).unwrap_or(JsValue::UNDEFINED);
        pairs.push((key.as_string().unwrap_or_default(), field_value(&value)));
    }
    let plan = Plan::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.clone())))
        .map_err(|e| Error::new(&e.to_string()))?;
    to_js(&plan_json(&plan))
}

const ANALYZE_NOT_AN_OBJECT: &str = "analyze(input): input must be an object such as \
{ results: [{ params, arm, seed, value }, …], method, baseline, higher_is_better }";

/// Results analysis for scripts: per-rung gains, the trend and its verdict;
/// throws an `Error` naming the problem (and the row, for a bad row).
fn analyze(input: JsValue) -> Result<JsValue, JsValue> {
    if !input.is_object() || matches!(is_array(&input), Ok(true)) {
        return Err(Error::new(ANALYZE_NOT_AN_OBJECT).into());
    }
    let input = match read_plain_input(&input) {
        Ok(raw) => {
            AnalysisInput::try_from(raw).map_err(|e| Error::new(&format!("analyze(input): {e}")))?
        }
        Err(Fast::Refused(refusal)) => {
            let why = refusal_message("input", SCRIPT, refusal);
            return Err(Error::new(&format!("analyze(input): {why}")).into());
        }
        Err(Fast::General) => {
            let input = plain_copy("input", &input, SCRIPT, true)
                .map_err(|why| Error::new(&format!("analyze(input): {why}")))?;
            // On plain data the only errors left are the domain's own, which name
            // the field and row ("results[3].value is missing").
            serde_wasm_bindgen::from_value(input)
                .map_err(|e| Error::new(&format!("analyze(input): {}", message_of(e))))?
        }
    };
    let analysis = crate::model::results::analyze(&input)
        .map_err(|e| Error::new(&format!("analyze(input): {e}")))?;
    to_js(&crate::text::results::analysis_json(&analysis))
}

/// Why [`read_plain_input`] stopped.
enum Fast {
    /// Over the walk's limits: refused in its words.
    Refused(Refusal),
    /// Something only the general walk describes (a nested object, a
    /// symbol, a property that throws): read the old way, for its messages.
    General,
}

/// `analyze()`'s input read straight into the domain's raw form, when it is
/// plain data: own properties only, each read once, scalars only, within
/// [`SCRIPT`]'s limits counted the same way. [`plain_copy`] then serde read
/// every value twice across the JS boundary and built a copy: 110 ms of
/// 16,000 rows, against about 40 here (issue 34: no task over 200 ms).
/// Nothing here recurses, so no cycle or depth can arise; any other shape
/// goes the general way, which words its refusal.
fn read_plain_input(input: &JsValue) -> Result<RawInput, Fast> {
    let mut read = Plain { values: 1, text: 0 };
    let field = |read: &mut Plain, key: &str| read.scalar(&own(input, &key.into())?);
    let results = own(input, &"results".into())?;
    let results = if results.is_undefined() || results.is_null() {
        None
    } else if matches!(is_array(&results), Ok(true)) {
        Some(RawRows::List(read.rows(&results)?))
    } else {
        return Err(Fast::General);
    };
    Ok(RawInput {
        results,
        method: field(&mut read, "method")?,
        baseline: field(&mut read, "baseline")?,
        higher_is_better: field(&mut read, "higher_is_better")?,
        metric: field(&mut read, "metric")?,
        next_params: field(&mut read, "next_params")?,
        top_params: field(&mut read, "top_params")?,
        compute_exponent: field(&mut read, "compute_exponent")?,
    })
}

/// What [`read_plain_input`] has read so far.
struct Plain {
    values: usize,
    text: usize,
}

/// `target[key]` if it is `target`'s own; undefined if not.
fn own(target: &JsValue, key: &JsValue) -> Result<JsValue, Fast> {
    match has_own(target, key) {
        Ok(true) => get(target, key).map_err(|_| Fast::General),
        Ok(false) => Ok(JsValue::UNDEFINED),
        Err(_) => Err(Fast::General),
    }
}

impl Plain {
    /// A scalar, or none for an absent value. Numbers first, and text
    /// counted from the copy: each question is a call across the boundary.
    fn scalar(&mut self, value: &JsValue) -> Result<Option<Scalar>, Fast> {
        if value.is_undefined() {
            return Ok(None);
        }
        self.tally()?;
        Ok(Some(if let Some(x) = value.as_f64() {
            Scalar::Number(x)
        } else if let Some(text) = value.as_string() {
            // UTF-16 units, as the walk counts them.
            self.text += text.encode_utf16().count();
            if self.text > SCRIPT.text {
                return Err(Fast::Refused(Refusal::TooMuchText));
            }
            Scalar::Text(text)
        } else if let Some(b) = value.as_bool() {
            Scalar::Bool(b)
        } else if value.is_null() {
            return Ok(None);
        } else {
            return Err(Fast::General);
        }))
    }

    /// One more value read.
    fn tally(&mut self) -> Result<(), Fast> {
        self.values += 1;
        if self.values > SCRIPT.values {
            return Err(Fast::Refused(Refusal::TooMany));
        }
        Ok(())
    }

    fn rows(&mut self, results: &JsValue) -> Result<Vec<RawRowOrOther>, Fast> {
        self.tally()?;
        let length = get(results, &"length".into())
            .map_err(|_| Fast::General)?
            .as_f64()
            .unwrap_or(0.0);
        // Refused before reading, as the walk does: an array can claim 4 billion.
        if length > (SCRIPT.values - self.values) as f64 {
            return Err(Fast::Refused(Refusal::TooMany));
        }
        let keys: [JsValue; 5] = ["params", "arm", "seed", "value", "task"].map(JsValue::from);
        let mut rows = Vec::with_capacity(length as usize);
        for i in 0..length as u32 {
            let row = get(results, &i.into()).map_err(|_| Fast::General)?;
            if row.is_undefined() || row.is_null() || !row.is_object() {
                if row.is_symbol() || row.is_function() || row.is_bigint() {
                    return Err(Fast::General);
                }
                self.tally()?;
                rows.push(RawRowOrOther::Other);
                continue;
            }
            self.tally()?;
            // A nested array (perhaps 100,000 deep): the walk words it.
            if !matches!(is_array(&row), Ok(false)) {
                return Err(Fast::General);
            }
            let mut field = |k: usize| -> Result<Option<Scalar>, Fast> {
                let value = own(&row, &keys[k])?;
                self.scalar(&value)
            };
            rows.push(RawRowOrOther::Row(RawRow {
                params: field(0)?,
                arm: field(1)?,
                seed: field(2)?,
                value: field(3)?,
                task: field(4)?,
            }));
        }
        Ok(rows)
    }
}

/// Reads results saved by [`save_results`]; anything unreadable is no results.
pub fn results_from_json(text: &str) -> Option<PastedResults> {
    let value = js_sys::JSON::parse(text).ok()?;
    let value = plain_copy("results", &value, SAVED, true).ok()?;
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
