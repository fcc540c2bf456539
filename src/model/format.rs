//! Numbers for people: 1.3B parameters, 2.6e21 FLOPs, 2.3 days.
//!
//! One rule everywhere: two significant figures for sizes, compute, hours and
//! money, so the same quantity always reads the same. Digits come from std's
//! float formatting; this module only chooses the precision, the suffix and
//! the grouping, and keeps every text short whatever the magnitude.

/// A count with its noun, singular or plural: "1 run", "1,528 runs".
pub fn plural(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!(
        "{} {}",
        group(&n.to_string()),
        if n == 1 { one } else { many }
    )
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

/// Text for a number that parses back to exactly the same `f64`, with as few
/// digits as that takes: plain for everyday magnitudes, scientific (`2.6e21`)
/// for very large or small ones, so no text is hundreds of digits long.
///
/// ```
/// use evidence_ladder::model::format::number_text;
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

/// `x` rounded to `figures` significant digits (at least 1), as an `f64`.
fn round_sig(x: f64, figures: usize) -> f64 {
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
/// use evidence_ladder::model::format::count;
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
/// use evidence_ladder::model::format::flops;
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
/// use evidence_ladder::model::format::duration;
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
/// use evidence_ladder::model::format::number;
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
    if p > 0.0 && p < 0.5 {
        "<1%".into()
    } else if p < 1e5 {
        format!("{}%", group(&format!("{p:.0}")))
    } else {
        // A plan this far over budget needs another order of magnitude, not digits.
        "over 100,000%".into()
    }
}

/// Thousands separators in the integer part of a plain decimal text.
fn group(text: &str) -> String {
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
