//! Numbers for people: 1.3B parameters, 2.6e21 FLOPs, 2.3 days.
//!
//! One rule per kind of number, so the same quantity always reads the same:
//! two significant figures for the plan's sizes, compute, hours and money;
//! three for the rung sizes a researcher pastes back ([`size`]: 125M stays
//! 125M); interval-driven decimals for measured results ([`decimals_for`]).
//! Digits come from std's float formatting; this module only chooses the
//! precision, the suffix and the grouping, and keeps every text short.
//!
//! Text the user typed (arm and metric names, file names) is made safe here
//! too, once per format: [`visible`] for the page, [`markdown_text`] for
//! Markdown, [`csv_cell`] for CSV.

pub use crate::model::codec::{csv_cell, csv_uncell, is_invisible, number_text};

/// A count with its noun, singular or plural: "1 run", "1,528 runs".
pub fn plural(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!(
        "{} {}",
        group(&n.to_string()),
        if n == 1 { one } else { many }
    )
}

/// A whole count, exact and grouped: "1,528" (runs are counted, not rounded).
pub fn whole(n: impl Into<u64>) -> String {
    group(&n.into().to_string())
}

/// The text with its first letter in capitals: "Generality 3 (…)".
/// ASCII only: every phrase it is given is ours and English, and Unicode's
/// case tables cost the wasm about 8.5 KB brotli (with results headers'
/// lowercasing; issue 25).
pub fn capitalised(text: &str) -> String {
    let mut text = text.to_owned();
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    text
}

/// `x` rounded to `figures` significant digits (at least 1), as an `f64`.
pub fn round_sig(x: f64, figures: usize) -> f64 {
    // Rounding through decimal text is exact where arithmetic on powers of ten is not.
    format!("{:.*e}", figures.max(1) - 1, x)
        .parse()
        .unwrap_or(x)
}

/// Two significant figures, trailing zeros dropped: 1.3, 26, 450, 0.025; in
/// scientific notation outside 10⁻⁴…10¹⁵, so no text runs to dozens of digits.
fn two_sig(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return "0".into();
    }
    let rounded = round_sig(x, 2);
    if (1e-4..1e15).contains(&rounded.abs()) {
        format!("{rounded}")
    } else {
        format!("{rounded:e}")
    }
}

/// A count with an SI-style suffix: 120M, 1.3B, 26B, 1.5T.
///
/// ```
/// use evidence_ladder::text::format::count;
/// assert_eq!(count(1.3e9), "1.3B");
/// assert_eq!(count(2.6e10), "26B");
/// assert_eq!(count(120e6), "120M");
/// assert_eq!(count(999_960_000.0), "1B");
/// ```
pub fn count(x: f64) -> String {
    const UNITS: [(f64, &str); 4] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")];
    // Round first, so 999.96M reads 1B, not 1000M.
    let rounded = round_sig(x, 2);
    // Past a thousand trillion a suffix stops helping: 6e25 reads better.
    if rounded.abs() >= 1e15 {
        return flops(rounded);
    }
    for (scale, unit) in UNITS {
        if rounded.abs() >= scale {
            return format!("{}{unit}", group(&two_sig(rounded / scale)));
        }
    }
    two_sig(rounded)
}

/// FLOPs in scientific notation with two significant figures: 2.6e21, 1e21.
///
/// ```
/// use evidence_ladder::text::format::flops;
/// assert_eq!(flops(2.5879e21), "2.6e21");
/// assert_eq!(flops(9.96e18), "1e19");
/// ```
pub fn flops(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return "0".into();
    }
    format!("{:e}", round_sig(x, 2))
}

/// Hours as people read them: seconds under a minute, minutes under an hour,
/// hours under two days, then days and years.
///
/// ```
/// use evidence_ladder::text::format::duration;
/// assert_eq!(duration(0.5), "30 min");
/// assert_eq!(duration(55.2), "2.3 days");
/// assert_eq!(duration(5.0), "5 h");
/// assert_eq!(duration(1.0 / 3600.0), "1 s");
/// ```
pub fn duration(hours: f64) -> String {
    let minutes = hours * 60.0;
    let seconds = minutes * 60.0;
    if seconds < 59.5 {
        // Below a second nobody plans anything: say "under 1 s" rather than "0.0003 s".
        if seconds < 0.95 {
            "under 1 s".into()
        } else {
            format!("{} s", two_sig(seconds))
        }
    } else if minutes < 59.5 {
        format!("{} min", two_sig(minutes))
    } else if hours < 48.0 {
        format!("{} h", two_sig(hours))
    } else if hours < 24.0 * 365.0 {
        format!("{} days", two_sig(hours / 24.0))
    } else {
        format!("{} years", number(hours / (24.0 * 365.0)))
    }
}

/// A plain quantity (hours, a ratio, money): two significant figures, grouped
/// in thousands, with a suffix from a million on.
///
/// ```
/// use evidence_ladder::text::format::number;
/// assert_eq!(number(451.3), "450");
/// assert_eq!(number(5760.0), "5,800");
/// assert_eq!(number(0.25), "0.25");
/// assert_eq!(number(10_000.0), "10,000");
/// assert_eq!(number(2.5e7), "25M");
/// ```
pub fn number(x: f64) -> String {
    if x.abs() >= 999_500.0 {
        return count(x);
    }
    group(&two_sig(x))
}

/// A share as a whole percentage: "42%", "1,580%", "<1%" for small non-zero shares.
pub fn percent(share: f64) -> String {
    let p = share * 100.0;
    let whole = format!("{p:.0}");
    // A share that rounds to 0 but is not 0 (formatting rounds 0.5 to even,
    // so a share of half a point too) is "<1%", never "0%".
    if p > 0.0 && whole == "0" {
        "<1%".into()
    } else if p < 1e5 {
        format!("{}%", group(&whole))
    } else {
        // A plan this far over budget needs another order of magnitude, not digits.
        "over 100,000%".into()
    }
}

/// Whole percentages for shares that belong together (a column's rows and
/// their total): each row rounded down, then the points still missing from
/// the rounded total given to the rows with the largest remainders
/// (Hamilton's largest-remainder method), so the rows shown add up to the
/// total shown. The total is the last item. A non-zero row that gets no
/// point reads "<1%"; shares too large for [`percent`] read as it writes them.
///
/// ```
/// use evidence_ladder::text::format::percents;
/// // 4.4 + 4.3 + 20.3 + 49.7 = 78.7: rounded one by one, 4 + 4 + 20 + 50 = 78 beside 79%.
/// assert_eq!(percents(&[0.044, 0.043, 0.203, 0.497]), ["5%", "4%", "20%", "50%", "79%"]);
/// assert_eq!(percents(&[0.003, 0.997]), ["<1%", "100%", "100%"]);
/// ```
pub fn percents(shares: &[f64]) -> Vec<String> {
    let points: Vec<f64> = shares.iter().map(|s| (s * 100.0).max(0.0)).collect();
    let total: f64 = points.iter().sum();
    if !total.is_finite() || total >= 1e5 {
        // Far over budget: whole points stop meaning anything; as `percent` says it.
        let mut shown: Vec<String> = shares.iter().map(|&s| percent(s)).collect();
        shown.push(percent(total / 100.0));
        return shown;
    }
    let mut whole: Vec<u64> = points.iter().map(|p| p.floor() as u64).collect();
    let target = total.round() as u64;
    let mut by_remainder: Vec<usize> = (0..points.len()).collect();
    // Largest remainder first; ties to the earlier row, so the result is stable.
    by_remainder.sort_by(|&a, &b| {
        (points[b] - points[b].floor()).total_cmp(&(points[a] - points[a].floor()))
    });
    let missing = target.saturating_sub(whole.iter().sum());
    for &i in by_remainder.iter().take(missing as usize) {
        whole[i] += 1;
    }
    let text = |w: u64, p: f64| match w {
        0 if p > 0.0 => "<1%".to_owned(),
        _ => format!("{}%", group(&w.to_string())),
    };
    let mut shown: Vec<String> = whole
        .iter()
        .zip(&points)
        .map(|(&w, &p)| text(w, p))
        .collect();
    shown.push(text(target, total));
    shown
}

/// A rung size the researcher gave, to three significant figures with a
/// suffix: 125M, 1.3B, 6.9B, 350M. Three, not two, because model families
/// are named to three figures (125M and 120M are different models) and the
/// results table, sentences and exports must show the size that was pasted.
///
/// ```
/// use evidence_ladder::text::format::size;
/// assert_eq!(size(1.25e8), "125M");
/// assert_eq!(size(1.3e9), "1.3B");
/// assert_eq!(size(6.74e9), "6.74B");
/// assert_eq!(size(999_960_000.0), "1B");
/// assert_eq!(size(350.0), "350");
/// ```
pub fn size(x: f64) -> String {
    const UNITS: [(f64, &str); 4] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")];
    if x == 0.0 || !x.is_finite() {
        return "0".into();
    }
    let rounded = round_sig(x, 3);
    if rounded.abs() >= 1e15 || rounded.abs() < 1e-4 {
        return format!("{:e}", rounded);
    }
    let (value, unit) = UNITS
        .iter()
        .find(|(scale, _)| rounded.abs() >= *scale)
        .map_or((rounded, ""), |(scale, unit)| (rounded / scale, *unit));
    // Dividing by the suffix's power of ten can add float noise: round again.
    format!("{}{unit}", round_sig(value, 3))
}

/// About `count` round values (1, 2 or 5 × a power of ten apart) covering
/// `low..=high`, and the decimals their step needs: a chart's axis reads
/// 0.2, 0.4, 0.6, not 0.187, 0.375, 0.562.
///
/// ```
/// use evidence_ladder::text::format::nice_ticks;
/// assert_eq!(nice_ticks(0.12, 0.87, 4), (vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0], 1));
/// assert_eq!(nice_ticks(3681.6, 3702.0, 4).1, 0);
/// ```
pub fn nice_ticks(low: f64, high: f64, count: usize) -> (Vec<f64>, usize) {
    let span = (high - low).abs().max(f64::MIN_POSITIVE);
    let rough = span / count.max(1) as f64;
    let power = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * power);
    let first = (low / step).floor();
    let last = (high / step).ceil();
    let decimals = (-step.log10().floor()).clamp(0.0, 8.0) as usize;
    let ticks = (0..=((last - first) as usize).min(20))
        .map(|i| (first + i as f64) * step)
        // Through decimal text: no float noise (0.6000000000000001), no -0.
        .map(|v| format!("{v:.decimals$}").parse::<f64>().unwrap_or(v) + 0.0)
        .collect();
    (ticks, decimals)
}

/// An interval's width, when it has one worth resolving: zero spread (every
/// seed the same) leaves a width of 0 or of rounding noise (1e-17), which
/// would ask for every decimal there is.
fn real_width(width: Option<f64>, value: f64) -> Option<f64> {
    // f64 carries 15 to 17 digits: a width below a billionth of the value
    // (or of 1e-3, for values near zero) is left over from its arithmetic.
    width.filter(|w| w.is_finite() && *w > 1e-9 * value.abs().max(1e-3))
}

/// Decimals that resolve a quarter of an interval's width: enough to show
/// where the interval lies, not so many that noise looks like precision.
/// Without an interval (or with one of zero width), the value's own three
/// significant figures, without trailing zeros: "0.048", not "0.0480" or
/// "0.04800000". At most 8.
///
/// ```
/// use evidence_ladder::text::format::decimals_for;
/// assert_eq!(decimals_for(Some(0.8), 1.2), 1);
/// assert_eq!(decimals_for(Some(0.04), 0.03), 2);
/// assert_eq!(decimals_for(None, 61.3), 1);
/// assert_eq!(decimals_for(None, 613.0), 0);
/// assert_eq!(decimals_for(None, 0.048), 3);
/// assert_eq!(decimals_for(Some(1e-17), 0.048), 3);
/// assert_eq!(decimals_for(Some(0.0), 0.0), 0);
/// ```
pub fn decimals_for(width: Option<f64>, value: f64) -> usize {
    let (scale, trim) = match real_width(width, value) {
        Some(w) => (w / 4.0, false),
        None => (value.abs().max(1e-12) / 100.0, true),
    };
    let decimals = -scale.log10().floor();
    let d = if decimals.is_finite() {
        decimals.clamp(0.0, 8.0) as usize
    } else {
        0
    };
    // Without an interval nothing says a final zero is measured.
    if trim {
        unpadded(value, d)
    } else {
        d
    }
}

/// The fewest of `d` decimals that show `value` as `d` do: "0.0480" is 0.048.
fn unpadded(value: f64, mut d: usize) -> usize {
    while d > 0 && format!("{:.d$}", value.abs()).ends_with('0') {
        d -= 1;
    }
    d
}

/// Decimals for a mean shown beside its gain: one more than the gain's
/// decimals, so the means' difference reads as the gain; without an
/// interval worth the name, no more than the mean needs ("0.438", not
/// "0.4380").
///
/// ```
/// use evidence_ladder::text::format::decimals_beside;
/// assert_eq!(decimals_beside(Some(0.04), 0.05, 0.372), 3);
/// assert_eq!(decimals_beside(Some(0.0), 0.048, 0.42), 2);
/// assert_eq!(decimals_beside(None, 0.0889, 2.3783), 4);
/// ```
pub fn decimals_beside(width: Option<f64>, gain: f64, mean: f64) -> usize {
    let d = decimals_for(width, gain) + 1;
    match real_width(width, gain) {
        Some(_) => d,
        None => unpadded(mean, d),
    }
}

/// A measured number for prose and tables: fixed decimals, a typographic
/// minus, an optional plus, never "−0.0", and scientific notation past 10¹⁵
/// so no text runs to hundreds of digits.
///
/// ```
/// use evidence_ladder::text::format::signed;
/// assert_eq!(signed(-0.25, 2, false), "\u{2212}0.25");
/// assert_eq!(signed(1.2, 1, true), "+1.2");
/// assert_eq!(signed(-0.001, 1, true), "0.0");
/// ```
pub fn signed(x: f64, decimals: usize, plus: bool) -> String {
    let text = if x.abs() >= 1e15 {
        format!("{:.2e}", x.abs())
    } else {
        format!("{:.decimals$}", x.abs())
    };
    let is_zero = !text.contains('e') && text.chars().all(|c| c == '0' || c == '.');
    let sign = match () {
        _ if is_zero => "",
        _ if x < 0.0 => "\u{2212}",
        _ if plus => "+",
        _ => "",
    };
    format!("{sign}{text}")
}

/// User text for the page or a notice: control and invisible characters
/// written as `<U+200B>`, so two names that look alike can be told apart and
/// a bidi override cannot reorder the sentence around it.
///
/// ```
/// use evidence_ladder::text::format::visible;
/// assert_eq!(visible("method\u{200B}"), "method<U+200B>");
/// assert_eq!(visible("a\u{202E}b\n"), "a<U+202E>b<U+000A>");
/// ```
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() || is_invisible(c) || c == '\u{2028}' || c == '\u{2029}' {
            out.push_str(&format!("<U+{:04X}>", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// At most `limit` characters of user text, quoted and made [`visible`], with
/// "…" when cut: a message about a bad cell never echoes a 5 MB cell.
///
/// ```
/// use evidence_ladder::text::format::excerpt;
/// assert_eq!(excerpt("abc", 40), "\"abc\"");
/// assert_eq!(excerpt(&"x".repeat(100), 5), "\"xxxxx…\" (100 characters)");
/// ```
pub fn excerpt(text: &str, limit: usize) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(limit).collect();
    if chars.next().is_none() {
        format!("\"{}\"", visible(&head))
    } else {
        let total = text.chars().count();
        format!(
            "\"{}…\" ({} characters)",
            visible(&head),
            group(&total.to_string())
        )
    }
}

/// User text made inert inside Markdown, wherever it lands in a line or a
/// table cell: HTML (`<`, `>`, `&` as entities), links and images (`[`, `]`
/// escaped, so no `](`), emphasis and code (`*`, `_`, `~`, `` ` ``), headings,
/// quotes and list markers at its start, table pipes, and line breaks (CR,
/// LF and the Unicode separators become spaces, so it cannot start a line).
/// Invisible characters are shown as [`visible`] does.
///
/// ```
/// use evidence_ladder::text::format::markdown_text;
/// assert_eq!(markdown_text("<img src=x>"), "&lt;img src=x&gt;");
/// assert_eq!(markdown_text("[a](javascript:x)"), "\\[a\\]\\(javascript:x)");
/// assert_eq!(markdown_text("x\r- [x] ok"), "x - \\[x\\] ok");
/// assert_eq!(markdown_text("# 1. title"), "\\# 1. title");
/// assert_eq!(markdown_text("12. a"), "12\\. a");
/// assert_eq!(markdown_text("a|b"), "a\\|b");
/// assert_eq!(markdown_text("val_loss _x_"), "val_loss \\_x\\_");
/// ```
pub fn markdown_text(text: &str) -> String {
    markdown_escaped(text, true)
}

/// [`markdown_text`] for a table cell, which follows `| ` and so never starts
/// a line: the same escapes except those for a line's start, so the `---`
/// of a header separator passes unchanged.
///
/// ```
/// use evidence_ladder::text::format::markdown_cell;
/// assert_eq!(markdown_cell("---"), "---");
/// assert_eq!(markdown_cell("<b>|x"), "&lt;b&gt;\\|x");
/// ```
pub fn markdown_cell(text: &str) -> String {
    markdown_escaped(text, false)
}

/// Text that no Markdown renderer turns into a link by itself: GFM's
/// autolinks (`https://…`, `www.…`, `name@host.tld`, `mailto:`, `xmpp:`) and
/// linkify's bare domains (`evil.com/login`) are broken by bracketing the
/// character they hinge on, as security writing "defangs" addresses:
/// `https[:]//`, `www[.]`, `mail[@]evil[.]example`. The brackets are then
/// escaped with the rest, so they show as written (issue 34).
///
/// ```
/// use evidence_ladder::text::format::markdown_text;
/// assert_eq!(markdown_text("https://evil.example/login"), "https\\[:\\]//evil\\[.\\]example/login");
/// assert_eq!(markdown_text("v1.5 ours"), "v1.5 ours");
/// ```
fn unlinked(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let before = |k: usize| i.checked_sub(k).map(|j| chars[j]);
        let after = |k: usize| chars.get(i + k).copied();
        let www = c == '.'
            && i >= 3
            && chars[i - 3..i].iter().all(|w| w.eq_ignore_ascii_case(&'w'))
            && !before(4).is_some_and(|b| b.is_alphanumeric());
        let scheme = c == ':' && after(1) == Some('/') && after(2) == Some('/');
        let domain = c == '.' && before(1).is_some_and(|b| b.is_alphanumeric()) && {
            let letters = chars[i + 1..]
                .iter()
                .take_while(|l| l.is_ascii_alphabetic())
                .count();
            letters >= 2
                && !chars
                    .get(i + 1 + letters)
                    .is_some_and(|n| n.is_alphanumeric())
        };
        if www || scheme || domain || c == '@' {
            out.push('[');
            out.push(c);
            out.push(']');
        } else {
            out.push(c);
        }
    }
    out
}

fn markdown_escaped(text: &str, line_start: bool) -> String {
    let flat: String = text
        .chars()
        .map(|c| match c {
            '\r' | '\n' | '\u{0085}' | '\u{2028}' | '\u{2029}' | '\u{000B}' | '\u{000C}' => ' ',
            c => c,
        })
        .collect();
    let flat = unlinked(&visible(&flat));
    let mut out = String::with_capacity(flat.len() + 8);
    // A space before a marker keeps it from starting a block if our own text
    // ever puts this at a line's start, or after a line break we flattened.
    let mut at_start = line_start;
    let mut chars = flat.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // Between letters or digits `_` can neither open nor close
            // emphasis (CommonMark's flanking rules, which GFM keeps), so
            // `val_loss` stays as typed: escaped, it read `val\_loss` in
            // every plain-text view of the export (issue 33).
            '_' if out.chars().next_back().is_some_and(char::is_alphanumeric)
                && chars.peek().is_some_and(|n| n.is_alphanumeric()) =>
            {
                out.push(c)
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '|' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            // The escaped "]" already breaks a link; this keeps "](" out of the text at all.
            '(' if out.ends_with(']') => out.push_str("\\("),
            '-' | '+' | '=' if at_start => {
                out.push('\\');
                out.push(c);
            }
            '0'..='9' if at_start => {
                // "1." or "1)" would start an ordered list.
                out.push(c);
                while let Some(&d) = chars.peek() {
                    if !d.is_ascii_digit() {
                        break;
                    }
                    out.push(d);
                    chars.next();
                }
                if let Some(&d @ ('.' | ')')) = chars.peek() {
                    out.push('\\');
                    out.push(d);
                    chars.next();
                }
            }
            c => out.push(c),
        }
        // Only the first non-blank character of a (flattened) line can start a block.
        at_start = at_start && c == ' ';
    }
    out
}

/// Thousands separators in the integer part of a plain decimal text.
pub fn group(text: &str) -> String {
    let (sign, digits) = text
        .strip_prefix('-')
        .map_or(("", text), |rest| ("-", rest));
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let mut out = String::from(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitalises_the_first_letter_only() {
        assert_eq!(
            capitalised("broader claims need more evidence"),
            "Broader claims need more evidence"
        );
        assert_eq!(capitalised(""), "");
        // Not ASCII: left as it is rather than split inside a character.
        assert_eq!(capitalised("é tout"), "é tout");
    }

    #[test]
    fn counts_round_consistently() {
        assert_eq!(count(350e6), "350M");
        assert_eq!(count(12.0), "12");
        assert_eq!(count(1.5e12), "1.5T");
        assert_eq!(count(2.8e8), "280M");
        assert_eq!(count(999.6), "1K");
        assert_eq!(count(5e14), "500T");
        assert_eq!(count(5e15), "5e15");
    }

    #[test]
    fn formatted_numbers_read_back_within_rounding() {
        let mut x = 1e-7;
        while x < 1e25 {
            for text in [flops(x), two_sig(x)] {
                let back: f64 = text.parse().expect("a number");
                assert!((back / x - 1.0).abs() <= 0.05, "{x} → {text}");
            }
            x *= 1.0731;
        }
    }

    #[test]
    fn flops_keep_two_figures() {
        assert_eq!(flops(1e21), "1e21");
        assert_eq!(flops(1.73e18), "1.7e18");
        assert_eq!(flops(5e-324), "5e-324");
    }

    #[test]
    fn durations_switch_units() {
        assert_eq!(duration(0.01), "36 s");
        assert_eq!(duration(1e-300), "under 1 s");
        assert_eq!(duration(0.5 / 60.0), "30 s");
        assert_eq!(duration(47.0), "47 h");
        assert_eq!(duration(720.0), "30 days");
        assert_eq!(duration(24.0 * 730.0), "2 years");
        assert_eq!(duration(24.0 * 365.0 * 12_345.0), "12,000 years");
    }

    #[test]
    fn percents_never_say_zero_for_something() {
        assert_eq!(percent(0.004), "<1%");
        // Half a point: formatting rounds it to even, "0", yet it is not none.
        assert_eq!(percent(0.005), "<1%");
        assert_eq!(percent(0.5 / 100.0), "<1%");
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(0.786), "79%");
        assert_eq!(percent(157.96), "15,796%");
        assert_eq!(percent(286_284.72), "over 100,000%");
        assert_eq!(percent(f64::MAX), "over 100,000%");
    }

    #[test]
    fn no_text_is_long() {
        for x in [1e-300, 5e-324, 1e300, f64::MAX, 123_456_789.0] {
            for text in [number_text(x), two_sig(x), count(x), number(x), flops(x)] {
                assert!(text.len() < 30, "{x} → {text}");
            }
            assert!(duration(x).len() < 30, "{x}");
        }
    }
}
