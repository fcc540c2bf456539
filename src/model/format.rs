//! Numbers for people: 1.3B parameters, 2.6e21 FLOPs, 2.3 days.
//!
//! One rule everywhere: two significant figures for sizes and compute, whole
//! numbers for hours above 100, so the same quantity always reads the same.
//!
//! Digits are produced here with integer arithmetic instead of `{:.2}`,
//! `{:e}` or `{}` on an `f64`: core's float formatting (Grisu, Dragon4 and a
//! bignum) is about 7 KB of the brotli-compressed app. Native tests check every
//! function against std's formatting.

use super::decimal;

/// The decimal `m × 10^-k` in plain notation: (1234, 2) → "12.34", (5, -2) → "500".
fn plain(m: u64, k: i32) -> String {
    place_point(m.to_string(), k)
}

/// Puts the decimal point `k` digits from the right of `digits`, padding with zeros.
fn place_point(digits: String, k: i32) -> String {
    if k <= 0 {
        return digits + &"0".repeat(k.unsigned_abs() as usize);
    }
    let k = k as usize;
    if digits.len() > k {
        let (int, frac) = digits.split_at(digits.len() - k);
        format!("{int}.{frac}")
    } else {
        format!("0.{}{digits}", "0".repeat(k - digits.len()))
    }
}

/// The decimal `m × 10^exponent` in scientific notation with m's digits: (26, 20) → "2.6e21".
fn scientific(m: u64, exponent: i32) -> String {
    let digits = m.to_string();
    let (first, rest) = digits.split_at(1);
    let point = if rest.is_empty() { "" } else { "." };
    format!("{first}{point}{rest}e{}", exponent + rest.len() as i32)
}

/// `x` rounded to `decimals` places, like `format!("{x:.decimals$}")` except
/// that ties round away from zero and digits beyond the 18th read as zeros.
///
/// ```
/// use evidence_ladder::model::format::fixed;
/// assert_eq!(fixed(3.14159, 2), "3.14");
/// assert_eq!(fixed(0.05, 3), "0.050");
/// assert_eq!(fixed(-12.0, 0), "-12");
/// assert_eq!(fixed(2e20, 1), "200000000000000000000.0");
/// ```
pub fn fixed(x: f64, decimals: u8) -> String {
    if !x.is_finite() {
        return "0".into();
    }
    let mut scaled = decimal::scale10(x.abs(), decimals.into());
    // Keep the integer within u64; what is dropped is below a double's precision.
    let mut dropped = 0;
    while scaled >= 1e18 {
        scaled /= 10.0;
        dropped += 1;
    }
    let m = scaled.round() as u64;
    let sign = if x < 0.0 && m > 0 { "-" } else { "" };
    let digits = m.to_string() + &"0".repeat(dropped);
    format!("{sign}{}", place_point(digits, decimals.into()))
}

/// `x` in scientific notation with `decimals` digits after the point, like
/// `format!("{x:.decimals$e}")`: 2.6e21.
pub fn exponential(x: f64, decimals: u8) -> String {
    if x == 0.0 || !x.is_finite() {
        return "0".into();
    }
    let (m, exponent) = significant(x.abs(), i32::from(decimals) + 1);
    let sign = if x < 0.0 { "-" } else { "" };
    format!("{sign}{}", scientific(m, exponent))
}

/// `x` (finite, > 0) rounded to `figures` significant digits: `m × 10^exponent`
/// with `m` exactly `figures` digits long.
fn significant(x: f64, figures: i32) -> (u64, i32) {
    let mut exponent = x.log10().floor() as i32 - (figures - 1);
    let mut m = decimal::scale10(x, -exponent).round();
    // log10 can be one off near a power of ten, and rounding can carry (9.96 → 10.0).
    if m >= 10f64.powi(figures) {
        exponent += 1;
        m = decimal::scale10(x, -exponent).round();
    } else if m < 10f64.powi(figures - 1) {
        exponent -= 1;
        m = decimal::scale10(x, -exponent).round();
    }
    (m as u64, exponent)
}

/// Text for a number that parses back to exactly the same `f64`, with as few
/// digits as that takes: plain for everyday magnitudes, scientific (`2.6e21`)
/// for very large or small ones.
///
/// ```
/// use evidence_ladder::model::format::number_text;
/// assert_eq!(number_text(720.0), "720");
/// assert_eq!(number_text(0.1 + 0.2), "0.30000000000000004");
/// assert_eq!(number_text(2.6e21), "2.6e21");
/// ```
pub fn number_text(n: f64) -> String {
    if n.is_nan() {
        return "NaN".into();
    }
    if n.is_sign_negative() {
        return format!("-{}", number_text(-n));
    }
    if n.is_infinite() {
        return "inf".into();
    }
    if n == 0.0 {
        return "0".into();
    }
    let (m, k) = shortest(n);
    let exponent = m.to_string().len() as i32 - 1 - k;
    if (-4..7).contains(&exponent) {
        plain(m, k)
    } else {
        scientific(m, -k)
    }
}

/// The fewest significant digits `m` (and the scale `k`) such that
/// `m × 10^-k` reads back as `n`, for finite `n > 0`.
///
/// For each precision, only integers close enough to the scaled value to
/// possibly read back as `n` are tried, nearest first; the correctly rounding
/// parser decides. Seventeen digits always suffice for an `f64`, so the final
/// fallback (the 17-digit estimate) is never reached in the property tests;
/// it is there so no input can panic.
fn shortest(n: f64) -> (u64, i32) {
    let leading = n.log10().floor() as i32;
    let mut fallback = (0, 0);
    for figures in 1..=17 {
        let k = figures - 1 - leading;
        let scaled = decimal::scale10(n, k);
        // A text that reads back as n is within half an ulp of it (1.2e-16 of
        // n; for subnormals, allow a whole subnormal step), and scale10 adds up
        // to 1.2e-16 per rounding: one, plus one per further factor of 10^22.
        let roundings = 2 + k.unsigned_abs() / 22;
        let mut slack = scaled * f64::from(roundings) * 1.2e-16;
        if n < f64::MIN_POSITIVE {
            slack += decimal::scale10(f64::from_bits(1), k);
        }
        fallback = (scaled.round() as u64, k);
        if (scaled - slack).ceil() > (scaled + slack).floor() {
            continue; // no integer close enough: no text of this length fits
        }
        // One more either side: the bounds are themselves rounded.
        let reach = slack.ceil() as u64 + 1;
        let nearest = fallback.0;
        for step in 0..=reach {
            for m in [nearest + step, nearest.saturating_sub(step)] {
                if m > 0 && decimal::from_parts(m, -k) == n {
                    let (mut m, mut k) = (m, k);
                    while m % 10 == 0 {
                        m /= 10;
                        k -= 1;
                    }
                    return (m, k);
                }
            }
        }
    }
    fallback
}

/// Two significant figures, trailing zeros after the point dropped: 1.3, 26, 450.
fn two_sig(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return "0".into();
    }
    let exponent = x.abs().log10().floor() as i32;
    let scale = 10f64.powi(exponent - 1);
    let rounded = (x / scale).round() * scale;
    // Rounding can carry into a new digit (9.96 → 10), which needs one decimal fewer.
    let exponent = rounded.abs().log10().floor() as i32;
    let text = fixed(rounded, (1 - exponent).clamp(0, 30) as u8);
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

/// A count with an SI-style suffix: 120M, 1.3B, 26B, 1.5T.
///
/// ```
/// use evidence_ladder::model::format::count;
/// assert_eq!(count(1.3e9), "1.3B");
/// assert_eq!(count(2.6e10), "26B");
/// assert_eq!(count(120e6), "120M");
/// ```
pub fn count(x: f64) -> String {
    const UNITS: [(f64, &str); 4] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")];
    for (scale, unit) in UNITS {
        // Compare after rounding so 999.96M reads 1B, not 1000M.
        if x.abs() >= scale * 0.9995 {
            let scaled = two_sig(x / scale);
            if scaled == "1000" && unit != "T" {
                continue;
            }
            return format!("{scaled}{unit}");
        }
    }
    two_sig(x)
}

/// FLOPs (never negative) in scientific notation with two significant figures: 2.6e21.
///
/// ```
/// use evidence_ladder::model::format::flops;
/// assert_eq!(flops(2.5879e21), "2.6e21");
/// ```
pub fn flops(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return "0".into();
    }
    let (m, exponent) = significant(x.abs(), 2);
    // 1.0e21 reads as 1e21.
    if m % 10 == 0 {
        scientific(m / 10, exponent + 1)
    } else {
        scientific(m, exponent)
    }
}

/// Hours as people read them: minutes under an hour, hours under three days,
/// days beyond.
///
/// ```
/// use evidence_ladder::model::format::duration;
/// assert_eq!(duration(0.5), "30 min");
/// assert_eq!(duration(55.2), "2.3 days");
/// assert_eq!(duration(5.0), "5 h");
/// ```
pub fn duration(hours: f64) -> String {
    if hours < 1.0 {
        format!("{} min", two_sig((hours * 60.0).max(1.0)))
    } else if hours < 48.0 {
        format!("{} h", two_sig(hours))
    } else if hours < 24.0 * 365.0 {
        format!("{} days", two_sig(hours / 24.0))
    } else {
        format!("{} years", two_sig(hours / (24.0 * 365.0)))
    }
}

/// A plain quantity (hours, a ratio): two significant figures, grouped.
///
/// ```
/// use evidence_ladder::model::format::number;
/// assert_eq!(number(451.3), "450");
/// assert_eq!(number(5760.0), "5,800");
/// assert_eq!(number(0.25), "0.25");
/// assert_eq!(number(10_000.0), "10,000");
/// ```
pub fn number(x: f64) -> String {
    if x >= 1e6 {
        return count(x);
    }
    group(&two_sig(x))
}

/// Money with two significant figures and grouping: "12,000".
pub fn money(x: f64) -> String {
    if x >= 1e6 {
        count(x)
    } else {
        group(&two_sig(x))
    }
}

/// A share as a percentage: "42%", "<1%" for small non-zero shares.
pub fn percent(share: f64) -> String {
    let p = share * 100.0;
    if p > 0.0 && p < 1.0 {
        "<1%".into()
    } else {
        format!("{}%", fixed(p, 0))
    }
}

fn group(text: &str) -> String {
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    let mut out = String::new();
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
    fn counts_round_consistently() {
        assert_eq!(count(999_960_000.0), "1B");
        assert_eq!(count(350e6), "350M");
        assert_eq!(count(12.0), "12");
        assert_eq!(count(1.5e12), "1.5T");
        assert_eq!(count(2.8e8), "280M");
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
        assert_eq!(flops(9.96e18), "1e19");
    }

    #[test]
    fn durations_switch_units() {
        assert_eq!(duration(0.01), "1 min");
        assert_eq!(duration(47.0), "47 h");
        assert_eq!(duration(720.0), "30 days");
        assert_eq!(duration(24.0 * 730.0), "2 years");
    }

    #[test]
    fn percents_never_say_zero_for_something() {
        assert_eq!(percent(0.004), "<1%");
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(0.786), "79%");
    }
}
