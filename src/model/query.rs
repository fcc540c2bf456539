//! The URL query: inputs in, inputs out, safe against whatever a link carries.
//!
//! Rules, in the order they apply:
//! - only the first [`MAX_QUERY_LEN`] bytes are read; a longer query gets a notice;
//! - `+` is a space and `%XX` is a byte; broken escapes stay as typed;
//! - each known field is accepted or rejected on its own; a rejected one keeps
//!   its default and gets a notice, the others still apply;
//! - the first occurrence of a key wins; a repeated key gets one notice,
//!   however often it repeats;
//! - unknown keys are ignored silently, so links can carry tracking or
//!   future fields without alarming anyone.

use super::inputs::{Field, FieldValue, InputError, Inputs};

/// Longest query read, in bytes. Every valid query is far shorter (all fields
/// set is under 300 bytes); the cap bounds the work a hostile link can cause.
pub const MAX_QUERY_LEN: usize = 2048;

/// How the page is shown, carried in the query beside the inputs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    pub fn id(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// Query keys that choose the view rather than an input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct View {
    /// `embed=1`: the compact view for iframes, without page chrome.
    pub embed: bool,
    pub theme: Theme,
}

/// What a link's query says besides its values (worded by `text::fields`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Longer than [`MAX_QUERY_LEN`]: only its start was read.
    Cut,
    /// This input's key appears more than once; the first value was used.
    Repeated(String),
}

/// What a query string says, and what in it was refused.
#[derive(Clone, Debug, PartialEq)]
pub struct ParsedQuery {
    pub inputs: Inputs,
    pub view: View,
    /// Fields whose value was refused; each kept its default.
    pub rejected: Vec<InputError>,
    /// Other things worth telling the user (repeats, truncation).
    pub notices: Vec<Notice>,
    /// Whether the query named any input field, valid or not.
    pub has_inputs: bool,
}

/// Reads a query string (with or without the leading `?`).
///
/// ```
/// use evidence_ladder::model::query::parse_query;
/// let q = parse_query("?generality=4&novelty=99");
/// assert_eq!(q.inputs.generality, 4);
/// assert_eq!(q.inputs.novelty, 3); // the default
/// assert_eq!(q.rejected[0].field.key(), "novelty");
/// ```
pub fn parse_query(query: &str) -> ParsedQuery {
    let mut notices = Vec::new();
    let mut query = query.strip_prefix('?').unwrap_or(query);
    if query.len() > MAX_QUERY_LEN {
        let mut end = MAX_QUERY_LEN;
        while !query.is_char_boundary(end) {
            end -= 1;
        }
        query = &query[..end];
        notices.push(Notice::Cut);
    }
    let mut inputs = Inputs::default();
    let mut view = View::default();
    let mut rejected = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let mut repeated: Vec<String> = Vec::new();
    let mut has_inputs = false;
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (raw_key, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
        let key = decode(raw_key);
        if seen.contains(&key) {
            if Field::from_key(&key).is_some() && !repeated.contains(&key) {
                repeated.push(key.clone());
                notices.push(Notice::Repeated(key.clone()));
            }
            continue;
        }
        let value = decode(raw_value);
        match key.as_str() {
            "embed" => view.embed = value == "1" || value == "true",
            "theme" => {
                view.theme = match value.as_str() {
                    "light" => Theme::Light,
                    "dark" => Theme::Dark,
                    _ => Theme::Auto,
                }
            }
            _ => {
                if let Some(field) = Field::from_key(&key) {
                    has_inputs = true;
                    if let Err(e) = inputs.set(field, &FieldValue::Text(value)) {
                        rejected.push(e);
                    }
                }
            }
        }
        seen.push(key);
    }
    ParsedQuery {
        inputs,
        view,
        rejected,
        notices,
        has_inputs,
    }
}

/// Where a visit starts: the link's inputs when it names any, otherwise the
/// inputs saved from the last visit (given as the query text they were saved
/// as). Saved text is trusted no more than a link, but its refusals stay
/// silent: the user did not just type them. The embed view never uses saved
/// inputs, so an embedded calculator shows what its page asked for.
///
/// ```
/// use evidence_ladder::model::query::start_from;
/// assert_eq!(start_from("?novelty=4", Some("novelty=2")).inputs.novelty, 4);
/// assert_eq!(start_from("", Some("novelty=2")).inputs.novelty, 2);
/// assert_eq!(start_from("", Some("%%garbage{")).inputs.novelty, 3);
/// ```
pub fn start_from(query: &str, saved: Option<&str>) -> ParsedQuery {
    let mut parsed = parse_query(query);
    if let (false, false, Some(saved)) = (parsed.has_inputs, parsed.view.embed, saved) {
        parsed.inputs = parse_query(saved).inputs;
    }
    parsed
}

/// The query for these inputs: only fields that differ from the defaults, in a
/// fixed order, then the view keys that differ from theirs. Empty for defaults.
///
/// ```
/// use evidence_ladder::model::{inputs::Inputs, query::{to_query, View}};
/// let mut inputs = Inputs::default();
/// inputs.generality = 4;
/// assert_eq!(to_query(&inputs, &View::default()), "generality=4");
/// ```
pub fn to_query(inputs: &Inputs, view: &View) -> String {
    let mut parts: Vec<String> = inputs
        .changed_fields()
        .into_iter()
        .map(|(field, text)| format!("{}={}", field.key(), encode(&text)))
        .collect();
    if view.embed {
        parts.push("embed=1".into());
    }
    if view.theme != Theme::Auto {
        parts.push(format!("theme={}", view.theme.id()));
    }
    parts.join("&")
}

/// Percent-decoding as `application/x-www-form-urlencoded` does it. Invalid
/// escapes are kept as typed; invalid UTF-8 becomes U+FFFD.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match (hex(bytes.get(i + 1)), hex(bytes.get(i + 2))) {
                (Some(high), Some(low)) => {
                    out.push(high * 16 + low);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: Option<&u8>) -> Option<u8> {
    match *b? {
        c @ b'0'..=b'9' => Some(c - b'0'),
        c @ b'a'..=b'f' => Some(c - b'a' + 10),
        c @ b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Escapes everything but unreserved characters (RFC 3986 §2.3).
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_print_as_an_empty_query() {
        assert_eq!(to_query(&Inputs::default(), &View::default()), "");
        assert_eq!(parse_query("").inputs, Inputs::default());
    }

    #[test]
    fn each_field_stands_alone() {
        let q = parse_query("generality=4&novelty=99&hours=-1&count=16");
        assert_eq!((q.inputs.generality, q.inputs.count), (4, 16));
        assert_eq!((q.inputs.novelty, q.inputs.hours), (3, 720.0));
        let keys: Vec<&str> = q.rejected.iter().map(|e| e.field.key()).collect();
        assert_eq!(keys, vec!["novelty", "hours"]);
    }

    #[test]
    fn first_repeat_wins() {
        let q = parse_query("novelty=2&novelty=5");
        assert_eq!(q.inputs.novelty, 2);
        assert_eq!(q.notices.len(), 1);
    }

    #[test]
    fn a_key_repeated_500_times_gets_one_notice() {
        let q = parse_query(&"novelty=2&generality=4&".repeat(500));
        let repeats = q
            .notices
            .iter()
            .filter(|n| matches!(n, Notice::Repeated(_)));
        assert_eq!(repeats.count(), 2);
    }

    #[test]
    fn decoding_follows_forms() {
        assert_eq!(decode("a+b%20c"), "a b c");
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("%"), "%");
        assert_eq!(decode("%e2%82%ac"), "€");
        assert_eq!(decode("%ff"), "\u{fffd}");
        assert_eq!(
            parse_query("kind=negative%5Fresult").inputs.kind.id(),
            "negative_result"
        );
    }

    #[test]
    fn view_keys_are_read_and_printed() {
        let q = parse_query("embed=1&theme=dark&theme=light");
        assert_eq!(
            q.view,
            View {
                embed: true,
                theme: Theme::Dark
            }
        );
        assert_eq!(to_query(&q.inputs, &q.view), "embed=1&theme=dark");
    }

    #[test]
    fn a_link_with_any_input_wins_over_saved_inputs() {
        let saved = Some("generality=5&novelty=5");
        assert_eq!(start_from("?novelty=99", saved).inputs.generality, 3);
        assert_eq!(start_from("?theme=dark", saved).inputs.generality, 5);
        assert_eq!(start_from("?embed=1", saved).inputs.generality, 3);
        assert_eq!(start_from("", None).inputs, Inputs::default());
        assert!(start_from("", Some("novelty=99")).rejected.is_empty());
    }

    #[test]
    fn long_queries_are_cut_at_a_char_boundary() {
        let q = parse_query(&format!("generality=2&x={}", "é".repeat(5000)));
        assert_eq!(q.inputs.generality, 2);
        assert_eq!(q.notices, [Notice::Cut]);
    }
}
