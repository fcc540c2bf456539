//! Numbers for people: 1.3B parameters, 2.6e21 FLOPs, 2.3 days.
//!
//! One rule everywhere: two significant figures for sizes and compute, whole
//! numbers for hours above 100, so the same quantity always reads the same.

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
    let decimals = (1 - exponent).max(0) as usize;
    let text = format!("{rounded:.decimals$}");
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

/// FLOPs in scientific notation with two significant figures: 2.6e21.
///
/// ```
/// use evidence_ladder::model::format::flops;
/// assert_eq!(flops(2.5879e21), "2.6e21");
/// ```
pub fn flops(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return "0".into();
    }
    let text = format!("{x:.1e}");
    text.replace(".0e", "e")
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
        format!("{p:.0}%")
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
