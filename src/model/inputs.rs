//! What the researcher tells us, checked field by field.
//!
//! The JS API, the URL query and the form all go through [`Inputs::set`], so a
//! value is accepted or rejected by exactly the same rule wherever it comes from.

use std::fmt;

use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::axis::{default_floor, Axis, Decode, ScaleKind, Scaling, Shape};
use super::checkpoints::ModelFamily;
pub use super::choices::{ContributionKind, FinetuneMethod, ResearchField, Tuning};
use super::codec::number_text;
pub use super::fields::Field;
use super::fields::{parse_number, Access, Rule};
use super::hardware::ACCELERATORS;
pub use super::record::Inputs;

/// A value as it arrives from the outside: a JS number, or text from a URL, a
/// data attribute or a form field.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldValue {
    Number(f64),
    Text(String),
    /// null, undefined or empty: use the default (or nothing, for optional fields).
    Missing,
    /// Anything else (a boolean, an object, …): always rejected.
    Other(&'static str),
}

/// Why a value was rejected: the field and what was given (what the field
/// allows, and the error's text, are `text::fields`'s).
#[derive(Clone, Debug, PartialEq)]
pub struct InputError {
    pub field: Field,
    pub value: Given,
}

/// A rejected value as the message quotes it: a hostile 100 KB text is kept
/// to its first [`ECHO_LIMIT`] characters.
#[derive(Clone, Debug, PartialEq)]
pub enum Given {
    Number(f64),
    /// The text's first characters, and whether there were more.
    Text {
        start: String,
        cut: bool,
    },
    Nothing,
    /// What kind of value it was ("a boolean").
    Other(&'static str),
}

/// Longest rejected value echoed back in a message, in characters.
pub const ECHO_LIMIT: usize = 40;

fn echo(value: &FieldValue) -> Given {
    match value {
        FieldValue::Number(n) => Given::Number(*n),
        FieldValue::Text(t) => Given::Text {
            start: t.chars().take(ECHO_LIMIT).collect(),
            cut: t.chars().count() > ECHO_LIMIT,
        },
        FieldValue::Missing => Given::Nothing,
        FieldValue::Other(kind) => Given::Other(kind),
    }
}

/// An input changed so the inputs make sense together (see
/// [`Inputs::reconciled`]): what was asked and what is used instead.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Adjustment {
    /// An axis this kind cannot scale on.
    Axis {
        asked: Axis,
        kind: ContributionKind,
        used: Axis,
    },
    /// A released family that is not of this field.
    Family {
        asked: ModelFamily,
        field: ResearchField,
        used: ModelFamily,
    },
    /// A top below the family's smallest released size: ignored.
    TopBelowFamily {
        top: f64,
        family: ModelFamily,
        smallest: f64,
    },
}

impl Default for Inputs {
    /// Every field at its default from the field table ([`super::fields::FIELDS`]).
    fn default() -> Self {
        // Rust builds a record with every member named, so each gets a
        // blank here; the table is the one source of defaults, and the loop
        // writes every field's (a table test checks each default is valid).
        let mut inputs = Inputs {
            kind: ContributionKind::Insight,
            generality: 0,
            novelty: 0,
            accelerator: &ACCELERATORS[0],
            count: 0,
            hours: 0.0,
            mfu: 0.0,
            flops: None,
            price: None,
            tokens_per_param: 0.0,
            effect: None,
            noise: None,
            loss_noise: None,
            alpha: 0.0,
            power: 0.0,
            multiplier: 0.0,
            reserve: 0.0,
            top: None,
            axis: Axis::Pretrain,
            floor: None,
            data_tokens: 0.0,
            model_params: 0.0,
            base_hours: 0.0,
            exponent: 0.0,
            currency: String::new(),
            field: ResearchField::Llm,
            tuning: Tuning::Sweep,
            steps_per_second: 0.0,
            family: ModelFamily::Qwen25,
            eval_tokens: 0.0,
            generated_tokens: 0.0,
            finetune_method: FinetuneMethod::Full,
        };
        for field in Field::ALL {
            inputs.reset(field);
        }
        inputs
    }
}

impl Inputs {
    /// Sets one field from an outside value, or explains why it cannot.
    /// A missing value restores the field's default (optional fields become empty).
    /// On error `self` is unchanged.
    ///
    /// ```
    /// use evidence_ladder::model::inputs::{Field, FieldValue, Inputs};
    /// let mut inputs = Inputs::default();
    /// inputs.set(Field::Novelty, &FieldValue::Text("4".into())).unwrap();
    /// assert_eq!(inputs.novelty, 4);
    /// let err = inputs.set(Field::Novelty, &FieldValue::Number(99.0)).unwrap_err();
    /// assert_eq!(err.to_string(), "novelty must be a whole number from 1 to 5 (got 99)");
    /// assert_eq!(inputs.novelty, 4);
    /// ```
    pub fn set(&mut self, field: Field, value: &FieldValue) -> Result<(), InputError> {
        let reject = || InputError {
            field,
            value: echo(value),
        };
        let text = match value {
            FieldValue::Text(t) if t.trim().is_empty() => None,
            FieldValue::Text(t) => Some(t.trim()),
            FieldValue::Missing => None,
            FieldValue::Number(_) => Some(""),
            FieldValue::Other(_) => return Err(reject()),
        };
        let Some(text) = text else {
            self.reset(field);
            return Ok(());
        };
        let spec = field.spec();
        match spec.rule {
            Rule::Choice(_) => {
                let FieldValue::Text(_) = value else {
                    return Err(reject());
                };
                self.choose(field, text).ok_or_else(reject)?;
            }
            Rule::Code => {
                let FieldValue::Text(_) = value else {
                    return Err(reject());
                };
                if !(1..=5).contains(&text.len()) || !text.bytes().all(|b| b.is_ascii_alphabetic())
                {
                    return Err(reject());
                }
                if let Access::Code(_, put) = spec.access {
                    *put(self) = text.to_ascii_uppercase();
                }
            }
            rule => {
                let n = match value {
                    FieldValue::Number(n) => *n,
                    _ => parse_number(text, spec.units).ok_or_else(reject)?,
                };
                if !rule_accepts(rule, n) {
                    return Err(reject());
                }
                self.store(field, n);
            }
        }
        Ok(())
    }

    /// Sets a choice field to the option with this id; `None` when there is none.
    fn choose(&mut self, field: Field, id: &str) -> Option<()> {
        match field.spec().access {
            Access::Choice(_, choose) => choose(self, id),
            _ => None,
        }
    }

    // Only called with a value its rule accepted, so the integer casts are exact.
    fn store(&mut self, field: Field, n: f64) {
        // Adding 0.0 turns -0 into 0, so "-0" never shows up in a field or a URL.
        let n = n + 0.0;
        match field.spec().access {
            Access::Level(_, put) => *put(self) = n as u8,
            Access::Count(_, put) => *put(self) = n as u32,
            Access::Number(_, put) => *put(self) = n,
            Access::Optional(_, put) => *put(self) = Some(n),
            Access::Code(..) | Access::Choice(..) => {}
        }
    }

    /// Back to the table's default: empty for an optional field.
    fn reset(&mut self, field: Field) {
        if let Access::Optional(_, put) = field.spec().access {
            *put(self) = None;
            return;
        }
        // Every required default is valid (tested), so this cannot fail.
        let default = FieldValue::Text(field.spec().default.to_owned());
        let _ = self.set(field, &default);
    }

    /// The field's value as text that [`Inputs::set`] reads back exactly;
    /// `None` for an empty optional field.
    pub fn text(&self, field: Field) -> Option<String> {
        Some(match field.spec().access {
            Access::Level(get, _) => get(self).to_string(),
            Access::Count(get, _) => get(self).to_string(),
            Access::Number(get, _) => number_text(*get(self)),
            Access::Optional(get, _) => number_text((*get(self))?),
            Access::Code(get, _) => get(self).clone(),
            Access::Choice(get, _) => get(self).to_owned(),
        })
    }

    /// Whether this field matters for these inputs; the form shows only those
    /// (and any holding an error).
    pub fn uses(&self, field: Field) -> bool {
        (field.spec().used)(self)
    }

    /// Whether a choice field offers this option for these inputs: a
    /// benchmark's axis is model size, and a family is offered in its field.
    pub fn offers(&self, field: Field, id: &str) -> bool {
        match field {
            Field::Axis => Axis::from_id(id).is_some_and(|a| self.kind.axes().contains(&a)),
            Field::Family => ModelFamily::from_id(id).is_some_and(|f| f.suits(self.field)),
            _ => true,
        }
    }

    /// These inputs with every impossible pair resolved, and what was
    /// changed: a link or a script can ask for a benchmark on the data axis,
    /// a language-model family for a vision benchmark, or a top below the
    /// family's smallest size, and the plan must say what it did instead
    /// (`text::warnings` says it).
    pub fn reconciled(mut self) -> (Inputs, Vec<Adjustment>) {
        let mut notes = Vec::new();
        if !self.kind.axes().contains(&self.axis) {
            let axis = self.kind.axes()[0];
            notes.push(Adjustment::Axis {
                asked: self.axis,
                kind: self.kind,
                used: axis,
            });
            self.axis = axis;
        }
        if self.uses_checkpoints() && !self.family.suits(self.field) {
            let family = ModelFamily::default_for(self.field);
            // Only a family someone chose is worth a word; the default
            // simply follows the field.
            if !self.is_default(Field::Family) {
                notes.push(Adjustment::Family {
                    asked: self.family,
                    field: self.field,
                    used: family,
                });
            }
            self.family = family;
        }
        let smallest = self.family.sizes()[0];
        if let Some(top) = self
            .top
            .filter(|&t| self.uses_checkpoints() && t < smallest)
        {
            notes.push(Adjustment::TopBelowFamily {
                top,
                family: self.family,
                smallest,
            });
            self.top = None;
        }
        (self, notes)
    }

    /// Deep RL on the data axis: runs are priced by environment steps at the
    /// measured rate, not by the network's FLOPs.
    pub fn prices_by_steps(&self) -> bool {
        self.field == ResearchField::Rl && self.axis == Axis::Data
    }

    /// What the scales count: the axis's quantity, or environment steps
    /// where runs are priced by them.
    pub fn scale_kind(&self) -> ScaleKind {
        if self.prices_by_steps() {
            ScaleKind::Steps
        } else {
            self.axis.into()
        }
    }

    /// Whether the rungs are released sizes of a family: a benchmark
    /// evaluates them, LLM fine-tuning starts from them, and a vision model
    /// grown on fixed data is one of the standard ViT sizes.
    pub fn uses_checkpoints(&self) -> bool {
        self.kind == ContributionKind::Benchmark
            || (self.axis == Axis::Finetune
                && matches!(self.field, ResearchField::Llm | ResearchField::Vision))
    }

    /// Whether `field` holds its default value (compared as values: the
    /// table's "5e6" and a stored 5000000 are the same default).
    pub fn is_default(&self, field: Field) -> bool {
        let mut default = self.clone();
        default.reset(field);
        default.text(field) == self.text(field)
    }

    /// The fields that differ from the defaults, as (field, text) pairs in a stable order.
    pub fn changed_fields(&self) -> Vec<(Field, String)> {
        Field::ALL
            .into_iter()
            .filter(|&f| !self.is_default(f))
            .filter_map(|f| Some((f, self.text(f)?)))
            .collect()
    }

    /// How compute grows along the chosen axis, with these inputs' numbers.
    pub fn scaling(&self, flops_per_accelerator_hour: f64) -> Scaling {
        Scaling {
            axis: self.axis,
            tokens_per_param: self.tokens_per_param,
            data_tokens: self.data_tokens,
            model_params: self.model_params,
            base_hours: self.base_hours,
            flops_per_accelerator_hour,
            exponent: match self.axis {
                Axis::Pretrain => 2.0,
                Axis::Data | Axis::Finetune => 1.0,
                Axis::Custom => self.exponent,
            },
            // Released sizes start where the family does; the floor is hidden.
            floor: if self.uses_checkpoints() {
                self.family.sizes()[0]
            } else {
                self.floor
                    .unwrap_or_else(|| default_floor(self.scale_kind()))
            },
            steps_per_second: self.prices_by_steps().then_some(self.steps_per_second),
            eval_tokens: self.eval_tokens,
            // A hidden input never changes the plan: the method applies
            // where the form shows it.
            method: if self.uses(Field::FinetuneMethod) {
                self.finetune_method
            } else {
                FinetuneMethod::Full
            },
            shape: match (self.field, self.uses_checkpoints()) {
                (ResearchField::Llm, false) => Some(Shape::LANGUAGE),
                (ResearchField::Llm, true) => Some(Shape::LANGUAGE_CHECKPOINT),
                (ResearchField::Vision, _) => Some(Shape::VIT),
                // No architecture we could assume: 6·N alone.
                (ResearchField::Rl | ResearchField::Other, _) => None,
            },
            // Where the form shows generated tokens: language models write answers.
            decode: self.uses(Field::GeneratedTokens).then_some(Decode {
                generated_tokens: self.generated_tokens,
                bandwidth: self.accelerator.bandwidth_gb_s * 1e9,
                memory: self.accelerator.memory_gb * 1e9,
                accelerators: self.count,
                // Models trained here: the generic shape's multi-head attention.
                kv_share: if self.uses_checkpoints() {
                    self.family.kv_share()
                } else {
                    1.0
                },
            }),
        }
    }

    /// Builds inputs from named values, as the JS API receives them. Stops at the
    /// first bad value; unknown names are returned so the caller can warn about them.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, FieldValue)>,
    ) -> Result<(Inputs, Vec<String>), InputError> {
        let mut inputs = Inputs::default();
        let mut unknown = Vec::new();
        for (key, value) in pairs {
            match Field::from_key(key) {
                Some(field) => inputs.set(field, &value)?,
                None => unknown.push(key.chars().take(ECHO_LIMIT).collect()),
            }
        }
        Ok((inputs, unknown))
    }
}

/// Any value a script passes for one input: the field's own rule then accepts
/// or refuses it, so a bad type gets the same message as a bad number.
impl<'de> Deserialize<'de> for FieldValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FieldValueVisitor)
    }
}

struct FieldValueVisitor;

impl<'de> Visitor<'de> for FieldValueVisitor {
    type Value = FieldValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number or text")
    }
    fn visit_f64<E>(self, n: f64) -> Result<FieldValue, E> {
        Ok(FieldValue::Number(n))
    }
    fn visit_i64<E>(self, n: i64) -> Result<FieldValue, E> {
        Ok(FieldValue::Number(n as f64))
    }
    fn visit_u64<E>(self, n: u64) -> Result<FieldValue, E> {
        Ok(FieldValue::Number(n as f64))
    }
    fn visit_str<E>(self, text: &str) -> Result<FieldValue, E> {
        Ok(FieldValue::Text(text.to_owned()))
    }
    fn visit_unit<E>(self) -> Result<FieldValue, E> {
        Ok(FieldValue::Missing)
    }
    fn visit_none<E>(self) -> Result<FieldValue, E> {
        Ok(FieldValue::Missing)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<FieldValue, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_bool<E>(self, _: bool) -> Result<FieldValue, E> {
        Ok(FieldValue::Other("a boolean"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<FieldValue, A::Error> {
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        Ok(FieldValue::Other("a list"))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FieldValue, A::Error> {
        while map
            .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
            .is_some()
        {}
        Ok(FieldValue::Other("an object"))
    }
}

/// Named input values in the order they were written, as a script passes them
/// to `plan()`: the first bad field written is the first reported.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NamedValues(pub Vec<(String, FieldValue)>);

impl<'de> Deserialize<'de> for NamedValues {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Pairs;
        impl<'de> Visitor<'de> for Pairs {
            type Value = NamedValues;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object such as { generality: 3, novelty: 2 }")
            }
            fn visit_unit<E>(self) -> Result<NamedValues, E> {
                Ok(NamedValues::default())
            }
            fn visit_none<E>(self) -> Result<NamedValues, E> {
                Ok(NamedValues::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NamedValues, A::Error> {
                let mut pairs = Vec::new();
                while let Some(pair) = map.next_entry::<String, FieldValue>()? {
                    pairs.push(pair);
                }
                Ok(NamedValues(pairs))
            }
        }
        deserializer.deserialize_any(Pairs)
    }
}

fn rule_accepts(rule: Rule, n: f64) -> bool {
    if !n.is_finite() {
        return false;
    }
    match rule {
        Rule::Choice(_) | Rule::Code => false,
        Rule::Integer { min, max } => n.fract() == 0.0 && (min..=max).contains(&n),
        Rule::Number {
            min,
            min_allowed,
            max,
        } => (n > min || (min_allowed && n == min)) && n <= max,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> FieldValue {
        FieldValue::Text(s.to_owned())
    }

    #[test]
    fn echoed_values_keep_their_start() {
        let long = "é".repeat(ECHO_LIMIT + 1);
        assert_eq!(
            echo(&text(&long)),
            Given::Text {
                start: "é".repeat(ECHO_LIMIT),
                cut: true
            }
        );
        assert_eq!(
            echo(&text("4\u{200B}")),
            Given::Text {
                start: "4\u{200B}".into(),
                cut: false
            }
        );
        assert_eq!(echo(&FieldValue::Missing), Given::Nothing);
    }

    #[test]
    fn every_table_default_is_valid_and_round_trips() {
        let defaults = Inputs::default();
        for field in Field::ALL {
            let spec = field.spec();
            let mut inputs = Inputs::default();
            inputs
                .set(field, &text(spec.default))
                .unwrap_or_else(|e| panic!("{}: {e}", spec.key));
            assert_eq!(inputs, defaults, "{}", spec.key);
            assert_eq!(
                defaults.text(field).unwrap_or_default(),
                if spec.default.is_empty() {
                    String::new()
                } else {
                    inputs.text(field).unwrap_or_default()
                }
            );
        }
    }

    #[test]
    fn fields_take_the_units_people_type_and_show_them_normalised() {
        let cases: &[(Field, &str, &str)] = &[
            (Field::Top, "1.3B", "1.3e9"),
            (Field::Top, "350M", "3.5e8"),
            (Field::Hours, "14d", "336"),
            (Field::Hours, "2w", "336"),
            (Field::Hours, "36h", "36"),
            (Field::Mfu, "40%", "0.4"),
            (Field::Reserve, "10%", "0.1"),
            (Field::Price, "$2.50", "2.5"),
            (Field::Count, "1,000", "1000"),
            (Field::Flops, "3e21", "3e21"),
        ];
        for &(field, typed, shown) in cases {
            let mut inputs = Inputs::default();
            inputs.set(field, &text(typed)).expect(typed);
            assert_eq!(inputs.text(field).as_deref(), Some(shown), "{typed}");
        }
    }

    #[test]
    fn defaults_are_the_reference_point() {
        let d = Inputs::default();
        assert_eq!((d.generality, d.novelty), (3, 3));
        assert_eq!(d.accelerator.id, "a100");
        assert_eq!((d.count, d.hours, d.mfu), (8, 720.0, 0.3));
        assert_eq!((d.reserve, d.top, d.axis), (0.2, None, Axis::Pretrain));
        assert_eq!(d.tokens_per_param, 20.0);
        assert!(d.changed_fields().is_empty());
    }

    #[test]
    fn each_field_rejects_what_makes_no_sense() {
        let bad: &[(Field, &[&str])] = &[
            (Field::Kind, &["essay", "Insight", "<script>"]),
            (Field::Generality, &["0", "6", "2.5", "-1", "NaN", "three"]),
            (Field::Novelty, &["0", "99", "1e999", "inf"]),
            (
                Field::Accelerator,
                &["h1000", "A100", "javascript:alert(1)"],
            ),
            (Field::Count, &["0", "-8", "1.5", "1e7", "infinity"]),
            (Field::Hours, &["0", "-0", "-1", "1e7", "nan", "1e-300"]),
            (Field::Mfu, &["0", "101", "-0.4", "0.001", "140%"]),
            (Field::Flops, &["0", "-1e21", "1e31", "1e999", "5e-324"]),
            (Field::Reserve, &["1", "-0.1", "0.96"]),
            (Field::Axis, &["Pretrain", "vision"]),
            (Field::ResearchField, &["LLM", "nlp"]),
            (Field::Tuning, &["none"]),
            (Field::Family, &["gpt4"]),
            (Field::Currency, &["US$", "dollars", "€"]),
            (Field::Top, &["0", "-5"]),
            (Field::Price, &["-0.01", "2e6", "US$2", "2,5"]),
            (Field::TokensPerParam, &["0", "0.5", "20001"]),
            (Field::Effect, &["0", "-1", "Infinity"]),
            (Field::Noise, &["0", "-0.1", "2e9"]),
            (Field::Alpha, &["0", "0.51", "1", "1e-17"]),
            (Field::Power, &["0.49", "1", "0.9999"]),
            (Field::Multiplier, &["0.99", "0", "1001", "-2"]),
            (Field::LossNoise, &["0", "-0.01", "11", "0.01 nats"]),
        ];
        for (field, values) in bad {
            for v in *values {
                let mut inputs = Inputs::default();
                let err = inputs.set(*field, &text(v)).expect_err(v);
                assert_eq!(err.field, *field);
                assert!(err.to_string().starts_with(field.key()), "{err}");
                assert_eq!(
                    inputs,
                    Inputs::default(),
                    "{field:?}={v} changed the inputs"
                );
            }
        }
    }

    #[test]
    fn each_field_accepts_its_edges() {
        let good: &[(Field, &[&str])] = &[
            (Field::Kind, &["negative_result", "codebase"]),
            (Field::Generality, &["1", "5", "3.0"]),
            (Field::Count, &["1", "1000000"]),
            (Field::Hours, &["0.5", "1e6"]),
            (Field::Mfu, &["1", "0.01"]),
            (Field::Flops, &["2.6e21", "1e30", "1e12"]),
            (Field::Reserve, &["0", "0.95"]),
            (Field::Axis, &["data", "custom"]),
            (Field::Currency, &["eur", "CHF"]),
            (Field::Exponent, &["0.1", "4"]),
            (Field::Price, &["0", "2.49"]),
            (Field::TokensPerParam, &["1", "10000"]),
            (Field::Alpha, &["0.5", "0.001"]),
            (Field::Power, &["0.5", "0.999"]),
            (Field::Multiplier, &["1", "1.5", "1000"]),
            (Field::LossNoise, &["0.01", "1e-9", "10"]),
        ];
        for (field, values) in good {
            for v in *values {
                Inputs::default().set(*field, &text(v)).expect(v);
            }
        }
    }

    #[test]
    fn non_numbers_are_rejected_by_kind() {
        let mut inputs = Inputs::default();
        let err = inputs
            .set(Field::Hours, &FieldValue::Other("a boolean"))
            .expect_err("bool");
        assert_eq!(
            err.to_string(),
            "hours must be a number from 0.01 to 1000000 hours, or days and weeks such as 14d or 2w (got a boolean)"
        );
        let err = inputs
            .set(Field::Kind, &FieldValue::Number(1.0))
            .expect_err("number kind");
        assert_eq!(err.field, Field::Kind);
        let err = inputs
            .set(Field::Generality, &FieldValue::Number(f64::NAN))
            .expect_err("NaN");
        assert!(matches!(err.value, Given::Number(n) if n.is_nan()));
    }

    #[test]
    fn missing_restores_the_default() {
        let mut inputs = Inputs::default();
        inputs.set(Field::Price, &text("3")).expect("price");
        inputs.set(Field::Hours, &text("10")).expect("hours");
        inputs
            .set(Field::Price, &FieldValue::Missing)
            .expect("clear");
        inputs.set(Field::Hours, &text("  ")).expect("blank");
        assert_eq!(inputs, Inputs::default());
    }

    #[test]
    fn long_values_are_shortened_in_messages() {
        let huge = "9".repeat(100_000);
        let err = Inputs::default()
            .set(Field::Count, &text(&huge))
            .expect_err("huge");
        assert!(err.to_string().len() < 200);
    }

    #[test]
    fn number_text_round_trips_and_reads_well() {
        assert_eq!(number_text(720.0), "720");
        assert_eq!(number_text(0.4), "0.4");
        assert_eq!(number_text(2.6e21), "2.6e21");
        assert_eq!(number_text(0.00001), "1e-5");
        // Round trips: every number's text reads back, through the fields'
        // own parser, to exactly that number; and plain-sized numbers
        // are written without an exponent.
        let mut x = 1.234_567_890_123_4e-30;
        while x < 1e30 {
            for n in [x, -x, 0.1 + 0.2, 1.0 / 3.0, 0.0] {
                let text = number_text(n);
                assert_eq!(
                    parse_number(&text, super::super::fields::Units::Plain),
                    Some(n),
                    "{n} as {text}"
                );
                assert_eq!(
                    text.contains('e'),
                    n != 0.0 && !(1e-4..1e7).contains(&n.abs()),
                    "{text}"
                );
            }
            x *= 7.3;
        }
    }

    #[test]
    fn from_pairs_collects_unknown_names() {
        let (inputs, unknown) = Inputs::from_pairs([
            ("generality", FieldValue::Number(4.0)),
            ("generalty", FieldValue::Number(2.0)),
        ])
        .expect("valid");
        assert_eq!(inputs.generality, 4);
        assert_eq!(unknown, vec!["generalty".to_owned()]);
    }
}
