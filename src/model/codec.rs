//! Text forms that read back exactly: a number as the URL and the form
//! write it ([`number_text`], which `fields::parse_number` reads), a CSV
//! cell ([`csv_cell`], which `results::parse` undoes with [`csv_uncell`]),
//! and the characters a name is cleaned of ([`is_invisible`]). Display
//! formatting (rounded numbers, escaping for the page and Markdown) is the
//! text layer's (`text::format`).

/// Text for a number that parses back to exactly the same `f64`, with as few
/// digits as that takes: plain for everyday magnitudes, scientific (`2.6e21`)
/// for very large or small ones, so no text is hundreds of digits long.
///
/// ```
/// use evidence_ladder::model::codec::number_text;
/// assert_eq!(number_text(720.0), "720");
/// assert_eq!(number_text(0.1 + 0.2), "0.30000000000000004");
/// assert_eq!(number_text(2.6e21), "2.6e21");
/// assert_eq!(number_text(1e-5), "1e-5");
/// ```
pub fn number_text(n: f64) -> String {
    // std's `{}` and `{:e}` both print the shortest digits that read back exactly.
    if n == 0.0 {
        "0".into()
    } else if (1e-4..1e7).contains(&n.abs()) {
        format!("{n}")
    } else {
        format!("{n:e}")
    }
}

/// Characters that print nothing or reorder text: zero-width spaces and
/// joiners, bidirectional controls, the soft hyphen and the byte-order mark.
/// A name containing them looks like another name, so they are shown as code
/// points or stripped, never passed through.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}'
        | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF9}'..='\u{FFFB}'
        | '\u{E0000}'..='\u{E007F}')
}

/// A cell for CSV that a spreadsheet reads as text: line breaks become
/// spaces; quoted when it holds a delimiter, a quote or outer spaces; and prefixed with `'`
/// when it starts with `=`, `+`, `-`, `@`, a tab or a CR, which spreadsheets
/// would run as a formula (OWASP, "CSV Injection"). [`csv_uncell`] undoes the prefix.
///
/// ```
/// use evidence_ladder::model::codec::{csv_cell, csv_uncell};
/// assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
/// assert_eq!(csv_cell("ours"), "ours");
/// assert_eq!(csv_uncell("'=1+1"), "=1+1");
/// ```
pub fn csv_cell(text: &str) -> String {
    // A line break inside a quoted cell is valid CSV, but many readers
    // (this app's among them) split lines first: a space keeps one row one line.
    let flat: String = text
        .chars()
        .map(|c| {
            if matches!(c, '\r' | '\n' | '\u{2028}' | '\u{2029}' | '\u{0085}') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let text = flat.as_str();
    let guarded = if text.starts_with(['=', '+', '-', '@', '\t', '\r'])
        || (text.starts_with('\'') && text[1..].starts_with(['=', '+', '-', '@', '\t', '\r', '\'']))
    {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    let needs_quotes = guarded.contains([',', '"', '\t', ';', '\n', '\r'])
        || guarded.trim() != guarded
        || guarded.starts_with('#');
    if needs_quotes {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// The text of a cell [`csv_cell`] wrote: drops the `'` it put before a formula character.
pub fn csv_uncell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r', '\'']) => rest,
        _ => cell,
    }
}
