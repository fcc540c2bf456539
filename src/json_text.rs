//! Any `Serialize` value as JSON text, the shape serde-wasm-bindgen's
//! `json_compatible()` gives as JS objects (maps as objects, `None` as
//! `null`, enums externally tagged).
//!
//! Why text: the JS API builds its answers with `JSON.parse`, which defines
//! every property as its own. Building them property by property ran the
//! page's setters (`Object.prototype.evidence = …`), and a setter that threw
//! unwound through the wasm frames and left every later call failing with
//! "memory access out of bounds" (issue 34). A few hundred lines of our own
//! instead of serde_json: the page's size budget has no room for it.
//! Pure Rust, so it is tested natively against serde_json.

use serde::ser::{self, Serialize};
use std::fmt::{self, Write};

/// Why a value has no JSON text: a map key that is not text or a number.
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

/// `value` as compact JSON text.
///
/// ```
/// use evidence_ladder::json_text::to_json;
/// assert_eq!(to_json(&(1.5, Some("a\"b"), None::<u8>)).unwrap(), r#"[1.5,"a\"b",null]"#);
/// ```
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    let mut out = String::new();
    value.serialize(Writer { out: &mut out })?;
    Ok(out)
}

/// A string as a JSON string literal: quotes, backslashes and control
/// characters escaped (JSON allows everything else as it is).
fn string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A number as JSON: Rust's shortest round-trip digits (`1e300`, `0.1`,
/// `-0.0`, all valid JSON), and `null` where JSON has no number (NaN, ±∞),
/// as `JSON.stringify` writes them.
fn float(out: &mut String, x: f64) {
    if x.is_finite() {
        let _ = write!(out, "{x:?}");
    } else {
        out.push_str("null");
    }
}

struct Writer<'a> {
    out: &'a mut String,
}

/// An array or object being written: whether a comma is due.
pub struct Compound<'a> {
    out: &'a mut String,
    first: bool,
    /// Closes the array or object, and the variant's wrapper if any: "]", "]}", "}", "}}".
    close: &'static str,
}

impl Compound<'_> {
    fn comma(&mut self) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.comma();
        value.serialize(Writer { out: self.out })
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Error> {
        self.comma();
        string(self.out, key);
        self.out.push(':');
        value.serialize(Writer { out: self.out })
    }

    fn end(self) -> Result<(), Error> {
        self.out.push_str(self.close);
        Ok(())
    }
}

impl<'a> Writer<'a> {
    fn open(self, open: &str, close: &'static str) -> Compound<'a> {
        self.out.push_str(open);
        Compound {
            out: self.out,
            first: true,
            close,
        }
    }

    /// `{"Variant":` before a variant's content, closed by the compound's `close`.
    fn variant(self, variant: &str, open: &str, close: &'static str) -> Compound<'a> {
        self.out.push('{');
        string(self.out, variant);
        self.out.push(':');
        self.open(open, close)
    }

    fn raw(self, text: &str) -> Result<(), Error> {
        self.out.push_str(text);
        Ok(())
    }
}

macro_rules! integers {
    ($($method:ident: $ty:ty),*) => {
        $(fn $method(self, v: $ty) -> Result<(), Error> {
            let _ = write!(self.out, "{v}");
            Ok(())
        })*
    };
}

impl<'a> ser::Serializer for Writer<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    integers!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64);

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.raw(if v { "true" } else { "false" })
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        float(self.out, f64::from(v));
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        float(self.out, v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        string(self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        string(self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        let mut seq = self.open("[", "]");
        v.iter().try_for_each(|b| seq.element(b))?;
        seq.end()
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.raw("null")
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.raw("null")
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.raw("null")
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        string(self.out, variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        let mut wrapper = self.variant(variant, "", "}");
        value.serialize(Writer {
            out: &mut *wrapper.out,
        })?;
        wrapper.first = false;
        wrapper.end()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.open("[", "]"))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'a>, Error> {
        Ok(self.open("[", "]"))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Error> {
        Ok(self.open("[", "]"))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Error> {
        Ok(self.variant(variant, "[", "]}"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.open("{", "}"))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Error> {
        Ok(self.open("{", "}"))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Error> {
        Ok(self.variant(variant, "{", "}}"))
    }
}

macro_rules! sequence {
    ($($trait:ident: $method:ident),*) => {
        $(impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.element(value)
            }
            fn end(self) -> Result<(), Error> {
                Compound::end(self)
            }
        })*
    };
}

sequence!(SerializeSeq: serialize_element, SerializeTuple: serialize_element,
    SerializeTupleStruct: serialize_field, SerializeTupleVariant: serialize_field);

macro_rules! fields {
    ($($trait:ident),*) => {
        $(impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
                self.field(key, value)
            }
            fn end(self) -> Result<(), Error> {
                Compound::end(self)
            }
        })*
    };
}

fields!(SerializeStruct, SerializeStructVariant);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.comma();
        // Keys are written as strings, as JS object keys are: text as it is,
        // numbers and booleans as their JSON text.
        let text = to_json(key)?;
        if text.starts_with('"') {
            self.out.push_str(&text);
        } else if text.starts_with(['{', '[']) || text == "null" {
            return Err(Error(format!(
                "a map key must be text or a number, not {text}"
            )));
        } else {
            string(self.out, &text);
        }
        self.out.push(':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(Writer { out: self.out })
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::model::inputs::Inputs;
    use crate::model::plan::Plan;
    use crate::model::query::parse_query;
    use serde::Serialize;
    use std::collections::BTreeMap;

    /// The same value through serde_json, parsed back: same JSON, same numbers.
    fn same_as_serde_json<T: Serialize>(value: &T) {
        let ours = to_json(value).expect("serialises");
        let parsed: serde_json::Value = serde_json::from_str(&ours).expect("valid JSON");
        assert_eq!(
            parsed,
            serde_json::to_value(value).expect("serde_json"),
            "{ours}"
        );
    }

    #[derive(Serialize)]
    enum Shape {
        Unit,
        Newtype(f64),
        Tuple(u8, String),
        Struct { a: Option<bool>, b: Vec<i32> },
    }

    #[test]
    fn writes_what_serde_json_writes() {
        same_as_serde_json(&Plan::new(Inputs::default()));
        let with_power =
            parse_query("generality=5&novelty=5&effect=0.2&noise=1&price=2&kind=negative_result");
        same_as_serde_json(&Plan::new(with_power.inputs));
        same_as_serde_json(&vec![
            Shape::Unit,
            Shape::Newtype(-0.5),
            Shape::Tuple(7, "x".into()),
        ]);
        same_as_serde_json(&Shape::Struct {
            a: None,
            b: vec![-1, 2],
        });
        let map: BTreeMap<u32, &str> = [(1, "a\u{1}\"\\\n\u{202e}"), (22, "")].into();
        same_as_serde_json(&map);
        same_as_serde_json(&(
            1e300,
            1e-300,
            0.1 + 0.2,
            f64::MIN_POSITIVE,
            u64::MAX,
            i64::MIN,
        ));
    }

    #[test]
    fn numbers_round_trip_exactly_and_non_finite_is_null() {
        for x in [
            0.1,
            1.0 / 3.0,
            6.02e23,
            5e-324,
            -123456.789e-7,
            1.7976931348623157e308,
        ] {
            let text = to_json(&x).expect("serialises");
            assert_eq!(text.parse::<f64>().ok(), Some(x), "{text}");
        }
        assert_eq!(
            to_json(&[f64::NAN, f64::INFINITY]).expect("serialises"),
            "[null,null]"
        );
    }
}
