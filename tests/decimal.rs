//! The app's own decimal parser checked against std's, which it replaces to
//! stay small: same answer for every text std accepts, `None` where std fails.
#![cfg(not(target_arch = "wasm32"))]

use evidence_ladder::model::decimal::parse;
use proptest::prelude::*;

/// What the app's parser must return for `text`: std's answer, except that the
/// words inf, infinity and NaN are not numbers to it.
fn expected(text: &str) -> Option<f64> {
    let lower = text.to_ascii_lowercase();
    if lower.contains("inf") || lower.contains("nan") {
        return None;
    }
    text.parse().ok()
}

fn same(text: &str) -> Result<(), TestCaseError> {
    let (ours, std) = (parse(text), expected(text));
    prop_assert_eq!(ours.map(f64::to_bits), std.map(f64::to_bits), "{}", text);
    Ok(())
}

/// The exact decimal expansion of `m × 2^e`, as "digitsE-k" text.
fn exact_decimal(m: u128, e: i32) -> String {
    // Digits of m × 2^e (e ≥ 0) or of m × 5^-e (e < 0), least significant first.
    let mut digits: Vec<u32> = m
        .to_string()
        .bytes()
        .rev()
        .map(|b| u32::from(b - b'0'))
        .collect();
    let factor = if e >= 0 { 2 } else { 5 };
    for _ in 0..e.unsigned_abs() {
        let mut carry = 0;
        for d in &mut digits {
            let v = *d * factor + carry;
            *d = v % 10;
            carry = v / 10;
        }
        while carry > 0 {
            digits.push(carry % 10);
            carry /= 10;
        }
    }
    let text: String = digits
        .iter()
        .rev()
        .map(|d| char::from(b'0' + *d as u8))
        .collect();
    format!("{text}e{}", e.min(0))
}

/// Exact decimal of the point halfway between a positive double and the next one up.
fn halfway_above(x: f64) -> String {
    let bits = x.to_bits();
    let biased = (bits >> 52) as i32;
    let fraction = u128::from(bits & ((1 << 52) - 1));
    let (m, e) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | 1 << 52, biased - 1075)
    };
    exact_decimal(2 * m + 1, e - 1)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    /// Every double printed the ways people and programs print them.
    #[test]
    fn reads_printed_doubles(bits in any::<u64>(), precision in 0usize..25) {
        let x = f64::from_bits(bits);
        prop_assume!(x.is_finite());
        same(&format!("{x:e}"))?;
        same(&format!("{x}"))?;
        same(&format!("{x:.precision$e}"))?;
        same(&format!("{:.precision$}", x / 1e300))?;
    }

    /// Random digit strings: long mantissas, far exponents, points anywhere.
    #[test]
    fn reads_digit_strings(
        sign in "[+-]?",
        int in "[0-9]{0,30}",
        frac in proptest::option::of("[0-9]{0,30}"),
        exp in proptest::option::of(-400i32..400),
    ) {
        let mut text = format!("{sign}{int}");
        if let Some(frac) = frac {
            text = format!("{text}.{frac}");
        }
        if let Some(exp) = exp {
            text = format!("{text}e{exp}");
        }
        same(&text)?;
    }

    /// Exactly halfway between two doubles (ties to even), and just either side.
    #[test]
    fn rounds_halfway_points_to_even(bits in 0u64..0x7fef_ffff_ffff_ffff) {
        let x = f64::from_bits(bits);
        let half = halfway_above(x);
        same(&half)?;
        let (digits, exponent) = half.split_once('e').expect("exponent");
        same(&format!("{digits}000001e{}", exponent.parse::<i32>().expect("int") - 6))?;
        let below: String = {
            // The same digits minus one in the last place.
            let mut d: Vec<u8> = digits.bytes().collect();
            let mut i = d.len();
            loop {
                i -= 1;
                if d[i] > b'0' { d[i] -= 1; break; }
                d[i] = b'9';
            }
            String::from_utf8(d).expect("ascii")
        };
        same(&format!("{below}e{exponent}"))?;
    }

    /// Anything at all: never a panic, and agreement with std.
    #[test]
    fn agrees_on_arbitrary_text(text in "[-+0-9.eE]{0,12}|\\PC{0,12}") {
        same(&text)?;
    }
}

#[test]
fn edge_cases() {
    for text in [
        "0",
        "-0",
        "+0",
        ".5",
        "5.",
        "00012",
        "0.000",
        "1e",
        "e5",
        ".",
        "",
        "+",
        "-",
        "1e+",
        "1.2.3",
        "9007199254740993",
        "9007199254740993.0000000001",
        "2.2250738585072011e-308",
        "2.2250738585072014e-308",
        "4.9406564584124654e-324",
        "2.4703282292062327e-324",
        "2.4703282292062328e-324",
        "1.7976931348623157e308",
        "1.7976931348623158e308",
        "1.7976931348623159e308",
        "1e309",
        "1e-400",
        "1e1000000000000",
        "0e999999999999",
        "123456789012345678901234567890e-10",
        " 1",
        "1 ",
        "0x10",
        "1_000",
        "١",
    ] {
        assert_eq!(
            parse(text).map(f64::to_bits),
            expected(text).map(f64::to_bits),
            "{text:?}"
        );
    }
    // More digits than the parser keeps: the dropped ones still break the tie.
    let tie = halfway_above(1.0);
    let long = format!(
        "{}{}1",
        tie.split('e').next().unwrap_or_default(),
        "0".repeat(900)
    );
    let exponent: i32 = tie
        .split('e')
        .nth(1)
        .unwrap_or_default()
        .parse()
        .unwrap_or_default();
    let text = format!("{long}e{}", exponent - 901);
    assert_eq!(parse(&text), expected(&text));
    assert_eq!(parse(&text), Some(f64::from_bits(1.0f64.to_bits() + 1)));
}
