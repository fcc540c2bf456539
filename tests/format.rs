//! The integer-based number formatting checked against std's float formatting,
//! which the app leaves out to stay small.
#![cfg(not(target_arch = "wasm32"))]

use evidence_ladder::model::format::{exponential, fixed, number_text};
use proptest::prelude::*;

/// Significant digits in std's shortest round-trip form of `x`.
fn shortest_digits(x: f64) -> usize {
    let text = format!("{:e}", x.abs());
    let mantissa = text.split('e').next().unwrap_or_default();
    mantissa.chars().filter(char::is_ascii_digit).count()
}

fn digits_of(text: &str) -> usize {
    let mantissa = text.split('e').next().unwrap_or_default();
    let digits = mantissa.trim_start_matches('-').replace('.', "");
    let digits = digits.trim_start_matches('0');
    // Trailing zeros of an integer (720) are not significant.
    if text.contains('.') || text.contains('e') {
        digits.len()
    } else {
        digits.trim_end_matches('0').len()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    /// Every finite double, from subnormals to the largest: the text reads back
    /// exactly and has no more digits than std's shortest form.
    #[test]
    fn number_text_is_exact_and_shortest(bits in any::<u64>()) {
        let x = f64::from_bits(bits);
        prop_assume!(x.is_finite());
        let text = number_text(x);
        let back: f64 = text.parse().expect("number_text parses");
        prop_assert_eq!(back.to_bits(), x.to_bits(), "{} → {}", x, text);
        if x != 0.0 {
            prop_assert_eq!(digits_of(&text), shortest_digits(x), "{} → {}", x, text);
        }
    }

    /// Magnitudes people type: plain below 10^7 and from 10^-4, as std writes
    /// them. With 16 or 17 digits two texts can read back as the same double
    /// and std picks the nearer one; either is exact, so only ≤ 15 must match.
    #[test]
    fn number_text_matches_std_for_everyday_values(x in 1e-4f64..1e7) {
        let text = number_text(x);
        prop_assert!(!text.contains('e'), "{}", text);
        if shortest_digits(x) <= 15 {
            prop_assert_eq!(text, format!("{x}"));
        }
    }

    /// Same number of decimals as std, and within one unit of the last place
    /// (ties may round the other way: std rounds the exact binary value half to even).
    #[test]
    fn fixed_agrees_with_std(x in -1e12f64..1e12, decimals in 0u8..=6) {
        let ours = fixed(x, decimals);
        let std = format!("{x:.*}", usize::from(decimals));
        prop_assert_eq!(ours.split('.').nth(1).map(str::len), std.split('.').nth(1).map(str::len));
        let (a, b): (f64, f64) = (ours.parse().expect("ours"), std.parse().expect("std"));
        // Past a double's 17 significant digits std prints the exact binary value; we print zeros.
        let tolerance = 1.0001 * 10f64.powi(-i32::from(decimals)) + x.abs() * 4e-16;
        prop_assert!((a - b).abs() <= tolerance, "{} vs {}", ours, std);
    }

    #[test]
    fn exponential_agrees_with_std(x in 1e-300f64..1e300, decimals in 0u8..=3) {
        let ours = exponential(x, decimals);
        let std = format!("{x:.*e}", usize::from(decimals));
        let (a, b): (f64, f64) = (ours.parse().expect("ours"), std.parse().expect("std"));
        prop_assert!((a / b - 1.0).abs() <= 1.0001 * 10f64.powi(-i32::from(decimals)), "{} vs {}", ours, std);
        prop_assert_eq!(digits_of(&ours) <= usize::from(decimals) + 1, true, "{}", ours);
    }
}

#[test]
fn number_text_special_values() {
    assert_eq!(number_text(0.0), "0");
    assert_eq!(number_text(-0.0), "-0");
    assert_eq!(number_text(f64::NAN), "NaN");
    assert_eq!(number_text(f64::INFINITY), "inf");
    assert_eq!(number_text(5e-324), "5e-324");
    assert_eq!(number_text(f64::MAX).parse(), Ok(f64::MAX));
    assert_eq!(number_text(1e6), "1000000");
    assert_eq!(number_text(1e7), "1e7");
    assert_eq!(number_text(0.0001), "0.0001");
}

#[test]
fn fixed_and_exponential_round_and_carry() {
    assert_eq!(fixed(0.125, 2), "0.13");
    assert_eq!(fixed(9.999, 2), "10.00");
    assert_eq!(fixed(-0.001, 1), "0.0");
    assert_eq!(exponential(9.96e18, 1), "1.0e19");
    assert_eq!(exponential(1e21, 1), "1.0e21");
    assert_eq!(exponential(0.000123, 2), "1.23e-4");
}
