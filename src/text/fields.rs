//! The input fields in words where they refuse a value: what a field
//! allows ([`allowed`]), the form's message under a field ([`form_message`]),
//! the text of an [`InputError`] (its `Display`, which `plan()` throws and
//! the snapshot keeps) and the page's list of what a link's query refused.

use std::fmt;

use super::format;
use crate::model::axis::ScaleKind;
use crate::model::checkpoints::ModelFamily;
use crate::model::codec::number_text;
use crate::model::fields::{typed_text, Rule, Unit, Units};
use crate::model::inputs::{Field, Given, InputError};
use crate::model::query::{Notice, ParsedQuery, MAX_QUERY_LEN};

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} must be {} (got {})",
            self.field.key(),
            allowed(self.field),
            given(&self.value)
        )
    }
}

impl std::error::Error for InputError {}

/// "Pythia · 10 sizes, 14M to 12B": a family as the form offers it.
pub fn family_label(family: ModelFamily) -> String {
    let sizes = family.sizes();
    format!(
        "{} · {} sizes, {} to {}",
        family.name(),
        sizes.len(),
        sizes.first().map_or_else(String::new, |s| format::size(*s)),
        sizes.last().map_or_else(String::new, |s| format::size(*s))
    )
}

/// The choices a picker offers, (id, text): the field's own, with each
/// model family's sizes spelled out.
pub fn options(field: Field) -> Vec<(&'static str, String)> {
    if field == Field::Family {
        ModelFamily::ALL
            .iter()
            .map(|f| (f.id(), family_label(*f)))
            .collect()
    } else {
        field.options()
    }
}

/// A rejected value as messages quote it: a number as the link writes it,
/// text in quotes, shortened and with its invisible characters shown.
pub fn given(value: &Given) -> String {
    match value {
        Given::Number(n) => number_text(*n),
        Given::Text { start, cut } => {
            let ellipsis = if *cut { "…" } else { "" };
            format!("\"{}\"", escape_invisible(&format!("{start}{ellipsis}")))
        }
        Given::Nothing => "nothing".to_owned(),
        Given::Other(kind) => (*kind).to_owned(),
    }
}

/// Writes characters that print nothing or reorder text (controls, zero-width
/// and bidi marks) as `<U+202E>`: a rejected value must not reverse the
/// notice that quotes it, nor look like a valid value.
pub fn escape_invisible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let invisible = c.is_control()
            || matches!(c,
                '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}'
                | '\u{17B5}' | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF0}'..='\u{FFFB}'
                | '\u{E0000}'..='\u{E0FFF}');
        if invisible {
            out.push_str(&format!("<U+{:04X}>", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// What a link's query says besides its values.
fn notice(notice: &Notice) -> String {
    match notice {
        Notice::Cut => {
            format!("The link is longer than {MAX_QUERY_LEN} characters; only its start was read.")
        }
        Notice::Repeated(key) => format!("{key} appears more than once; the first value was used."),
    }
}

/// "312 TFLOPS, 80 GB": the figures the plan uses for the accelerator `id`.
///
/// ```
/// use evidence_ladder::text::fields::accelerator_figures;
/// assert_eq!(accelerator_figures("a100").as_deref(), Some("312 TFLOPS, 80 GB"));
/// assert_eq!(accelerator_figures("nope"), None);
/// ```
pub fn accelerator_figures(id: &str) -> Option<String> {
    crate::model::hardware::find_accelerator(id).map(|a| {
        format!(
            "{} TFLOPS, {} GB",
            number_text(a.peak_tflops),
            number_text(a.memory_gb)
        )
    })
}

/// Every refusal and notice of a link, one sentence each, as the page lists
/// them: "novelty=99 ignored: must be a whole number from 1 to 5."
pub fn query_messages(parsed: &ParsedQuery) -> Vec<String> {
    parsed
        .rejected
        .iter()
        .map(|e| {
            format!(
                "{}={} ignored: must be {}.",
                e.field.key(),
                given(&e.value).trim_matches('"'),
                allowed(e.field)
            )
        })
        .chain(parsed.notices.iter().map(notice))
        .collect()
}

/// The allowed values, in words, for error messages.
pub fn allowed(field: Field) -> String {
    let spec = field.spec();
    let range = match spec.rule {
        Rule::Choice(options) => {
            let ids: Vec<&str> = options().into_iter().map(|(id, _)| id).collect();
            return format!("one of {}", ids.join(", "));
        }
        Rule::Code => return "a currency code of 1 to 5 letters, such as USD or EUR".into(),
        Rule::Integer { min, max } => format!(
            "a whole number from {} to {}",
            number_text(min),
            number_text(max)
        ),
        Rule::Number {
            min,
            min_allowed: true,
            max,
        } => format!("a number from {} to {}", number_text(min), number_text(max)),
        Rule::Number { min, max, .. } => format!(
            "a number above {} and at most {}",
            number_text(min),
            number_text(max)
        ),
    };
    match spec.units {
        Units::Plain | Units::Money => range,
        // Without inputs, a scale's examples are in the default axis's unit.
        Units::Size => format!("{range}{}", examples(field, ScaleKind::Pretrain)),
        Units::Hours => format!("{range} hours, or days and weeks such as 14d or 2w"),
        Units::Share => format!("{range}, or a percentage such as 40%"),
    }
}

/// ", such as 350M or 1.3B": a size field's own examples as people type
/// them; empty when it has none.
fn examples(field: Field, scale: ScaleKind) -> String {
    let texts: Vec<String> = field
        .examples(scale)
        .iter()
        .map(|&n| typed_text(n, Units::Size))
        .collect();
    match texts.split_last() {
        Some((last, [])) => format!(", such as {last}"),
        Some((last, rest)) => format!(", such as {} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// A limit in an error message, readable: "1,000,000", "0.01", "1,000T".
fn limit_text(n: f64, units: Units) -> String {
    match units {
        Units::Size if (1e3..1e18).contains(&n.abs()) => {
            let (scale, suffix) = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")]
                .into_iter()
                .find(|(scale, _)| n.abs() >= *scale)
                .unwrap_or((1.0, ""));
            format!("{}{suffix}", grouped(n / scale))
        }
        // Rounded to a millionth of a percent: 0.95 × 100 is 94.99999999999999 in f64.
        Units::Share => format!("{}%", grouped((n * 1e8).round() / 1e6)),
        _ => grouped(n),
    }
}

/// Digits grouped in thousands where the number is plain: "1,000,000".
fn grouped(n: f64) -> String {
    let text = number_text(n);
    if text.contains('e') || n.abs() < 1e3 {
        return text;
    }
    format::group(&text)
}

/// Why the form refuses `typed`, in the field's own words with readable
/// limits: "Top model must be above 0 and at most 1,000T parameters,
/// such as 350M or 1.3B." `scale` names the scales' unit.
pub fn form_message(field: Field, scale: ScaleKind, typed: &str) -> String {
    let spec = field.spec();
    let unit = match (spec.unit, spec.units) {
        (Unit::Scale, _) if scale.is_multiple() => " times the smallest run".to_owned(),
        (Unit::Scale, _) => format!(" {}", scale.unit()),
        (Unit::Fixed(unit), Units::Size | Units::Hours) => format!(" {unit}"),
        (Unit::None, Units::Hours) => " hours".to_owned(),
        _ => String::new(),
    };
    let limit = |n: f64| limit_text(n, spec.units);
    let range = match spec.rule {
        Rule::Choice(_) => "one of the choices in the list".to_owned(),
        // What the rule accepts (1 to 5 letters), in few words: the
        // form reserves room for the longest message under the field.
        Rule::Code => "1 to 5 letters, such as USD or EUR".to_owned(),
        Rule::Integer { min, max } => {
            format!("a whole number from {} to {}", limit(min), limit(max))
        }
        Rule::Number {
            min,
            min_allowed: true,
            max,
        } => format!("from {} to {}{unit}", limit(min), limit(max)),
        Rule::Number { min, max, .. } => {
            format!("above {} and at most {}{unit}", limit(min), limit(max))
        }
    };
    let example = match (spec.units, spec.unit) {
        (Units::Size, _) => examples(field, scale),
        (Units::Hours, Unit::None) => ", such as 36 h, 14 days or 2 weeks".into(),
        (Units::Share, _) => ", such as 0.4 or 40%".into(),
        _ => String::new(),
    };
    let name = field.short_label();
    if typed.trim().is_empty() {
        format!("{name} needs a value: {range}{example}.")
    } else {
        format!("{name} must be {range}{example}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::axis::{default_floor, Axis};
    use crate::model::choices::ResearchField;
    use crate::model::inputs::{FieldValue, Inputs};
    use crate::text::cited;

    #[test]
    fn deep_rl_scales_speak_in_environment_steps() {
        let rl = Inputs {
            field: ResearchField::Rl,
            axis: Axis::Data,
            ..Inputs::default()
        };
        let scale = rl.scale_kind();
        assert_eq!(scale, ScaleKind::Steps);
        for field in [Field::Floor, Field::Top] {
            assert_eq!(field.unit(scale), Some("environment steps"));
            let hint = cited::hint(field, scale).to_string();
            assert!(!hint.contains("token") && !hint.contains("model"), "{hint}");
            let message = form_message(field, scale, "x");
            assert!(message.contains(" environment steps"), "{message}");
        }
        // Left empty, the floor is the one the hint names: 1M steps.
        assert_eq!(rl.scaling(1e18).floor, 1e6);
    }

    /// Inputs whose scales count what `scale` says.
    fn counting(scale: ScaleKind) -> Inputs {
        let (axis, field) = match scale {
            ScaleKind::Pretrain => (Axis::Pretrain, ResearchField::Llm),
            ScaleKind::Data => (Axis::Data, ResearchField::Llm),
            ScaleKind::Finetune => (Axis::Finetune, ResearchField::Llm),
            ScaleKind::Custom => (Axis::Custom, ResearchField::Llm),
            ScaleKind::Steps => (Axis::Data, ResearchField::Rl),
        };
        Inputs {
            axis,
            field,
            ..Inputs::default()
        }
    }

    /// The examples after "such as" in a message: "36 h", "14 days", ….
    fn examples_in(message: &str) -> Vec<String> {
        let Some((_, tail)) = message.split_once("such as ") else {
            return Vec::new();
        };
        let tail = tail.split(" (got").next().unwrap_or(tail);
        tail.trim_end_matches('.')
            .split(" or ")
            .flat_map(|part| part.split(", "))
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn every_example_a_message_gives_is_a_value_its_field_accepts() {
        for scale in ScaleKind::ALL {
            let inputs = counting(scale);
            assert_eq!(inputs.scale_kind(), scale);
            for field in Field::ALL {
                let messages = [
                    form_message(field, scale, "x"),
                    form_message(field, scale, ""),
                    allowed(field),
                ];
                for message in messages {
                    for example in examples_in(&message) {
                        let mut set = inputs.clone();
                        assert!(
                            set.set(field, &FieldValue::Text(example.clone())).is_ok(),
                            "{scale:?}: {example:?} is refused by its own field: {message}"
                        );
                    }
                }
            }
        }
        // The messages the review found: examples far below the budget's 1T.
        let flops = form_message(Field::Flops, ScaleKind::Pretrain, "banana");
        assert_eq!(
            flops,
            "Total compute budget must be from 1T to 1e30 FLOPs, such as 2.6e21 or 3e23."
        );
        assert_eq!(examples_in(&allowed(Field::Flops)), ["2.6e21", "3e23"]);
    }

    /// The hints' own examples ("e.g. 2.6e21", "e.g. 1M steps") are values
    /// their fields accept too.
    #[test]
    fn every_example_a_hint_gives_is_a_value_its_field_accepts() {
        let mut checked = 0;
        for scale in ScaleKind::ALL {
            for field in Field::ALL.into_iter().filter(|f| !f.is_choice()) {
                let hint = cited::hint(field, scale).to_string();
                for (_, after) in hint
                    .match_indices("e.g. ")
                    .map(|(i, m)| hint.split_at(i + m.len()))
                {
                    let token = after.split_whitespace().next().unwrap_or("");
                    let token = token.trim_end_matches([',', '.', ';', ':', ')']);
                    if !token.starts_with(|c: char| c.is_ascii_digit() || c == '$') {
                        continue;
                    }
                    let mut set = counting(scale);
                    assert!(
                        set.set(field, &FieldValue::Text(token.to_owned())).is_ok(),
                        "{scale:?}: {token:?} is refused by its own field: {hint}"
                    );
                    checked += 1;
                }
            }
        }
        // Every kind of scale's hints, with numbers: not a test of nothing.
        assert!(checked > 5 * 15, "{checked} examples");
    }

    #[test]
    fn each_floor_hint_names_the_default_the_plan_uses() {
        for scale in ScaleKind::ALL {
            let hint = cited::hint(Field::Floor, scale).to_string();
            let default = typed_text(default_floor(scale), Units::Size);
            assert!(
                hint.contains(&format!("({default})"))
                    || hint.contains(&format!("e.g. {default} (the default)")),
                "{scale:?}: {hint}"
            );
        }
    }

    #[test]
    fn given_values_show_invisible_characters() {
        let text = |s: &str| Given::Text {
            start: s.to_owned(),
            cut: false,
        };
        assert_eq!(given(&text("a\u{202E}b")), "\"a<U+202E>b\"");
        assert_eq!(given(&text("4\u{200B}")), "\"4<U+200B>\"");
        assert_eq!(given(&text("\u{1}é")), "\"<U+0001>é\"");
        let cut = Given::Text {
            start: "ab".into(),
            cut: true,
        };
        assert_eq!(given(&cut), "\"ab…\"");
        assert_eq!(given(&Given::Number(2.6e21)), "2.6e21");
    }

    #[test]
    fn messages_use_the_label_and_readable_limits() {
        for (field, typed, want) in [
            (
                Field::Top,
                "x",
                "Top model must be above 0 and at most 1,000T parameters, such as 350M or 1.3B.",
            ),
            (
                Field::Count,
                "8x",
                "Count must be a whole number from 1 to 1,000,000.",
            ),
            (
                Field::Count,
                " ",
                "Count needs a value: a whole number from 1 to 1,000,000.",
            ),
            (
                Field::Mfu,
                "2",
                "MFU must be from 1% to 100%, such as 0.4 or 40%.",
            ),
            (
                Field::Reserve,
                "2",
                "Reserve must be from 0% to 95%, such as 0.4 or 40%.",
            ),
        ] {
            assert_eq!(form_message(field, ScaleKind::Pretrain, typed), want);
        }
        assert!(
            form_message(Field::Hours, ScaleKind::Pretrain, "x").starts_with(
                "Hours of wall-clock time must be from 0.01 to 1,000,000 hours, such as 36 h"
            )
        );
        for field in Field::ALL {
            for scale in ScaleKind::ALL {
                let message = form_message(field, scale, "x");
                assert!(message.starts_with(field.short_label()), "{message}");
                assert!(!message.contains("e15"), "{message}");
                assert!(!message.contains("000000"), "{message}");
            }
        }
    }
}
