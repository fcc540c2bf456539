//! Our presentation of numbers over std's digits: exact where a value is
//! written back into a field or a link, short and within rounding everywhere else.
#![cfg(not(target_arch = "wasm32"))]

use evidence_ladder::text::format::{
    count, decimals_beside, decimals_for, duration, flops, number, number_text, signed,
};
use proptest::prelude::*;

/// Whether a measured number ends in zeros after its decimal point ("0.0480").
fn padded(text: &str) -> bool {
    text.contains('.') && !text.contains('e') && text.ends_with('0')
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    /// Results with zero spread (every seed alike) have an interval of width
    /// 0, or of rounding noise: each number then shows its own three
    /// figures, never padded with zeros ("0.04800000", "0.438000000").
    #[test]
    fn a_number_without_spread_shows_its_own_figures(
        mantissa in -999i32..1000,
        power in -6i32..7,
        noise in prop_oneof![Just(None), Just(Some(0.0)), (0.0f64..4.0).prop_map(Some)],
        mean in -999i32..1000,
    ) {
        let value = f64::from(mantissa) * 10f64.powi(power - 3);
        // Width 0, or a few units in the last place (what a bootstrap of equal values leaves).
        let width = noise.map(|units| units * f64::EPSILON * value.abs());
        let d = decimals_for(width, value);
        let text = signed(value, d, false);
        prop_assert!(!padded(&text), "{} → {}", value, text);
        prop_assert!(d <= 8);
        // Within three-figure rounding (or below what 8 decimals show).
        let back: f64 = text.replace('\u{2212}', "-").parse().expect("a number");
        prop_assert!((back - value).abs() <= 0.005 * value.abs() + 1e-8, "{} → {}", value, text);
        // A mean beside that gain: its own figures too.
        let mean = f64::from(mean) / 1000.0;
        let cell = signed(mean, decimals_beside(width, value, mean), false);
        prop_assert!(!padded(&cell), "{} → {}", mean, cell);
    }

    /// With spread, the decimals resolve a quarter of the interval, as before:
    /// a final zero there is measured.
    #[test]
    fn a_number_with_an_interval_resolves_a_quarter_of_it(value in -1e3f64..1e3, width in 1e-6f64..1e3) {
        prop_assume!(width > 1e-6 * value.abs());
        let d = decimals_for(Some(width), value);
        let expected = (-(width / 4.0).log10().floor()).clamp(0.0, 8.0) as usize;
        prop_assert_eq!(d, expected);
        prop_assert_eq!(decimals_beside(Some(width), value, 0.5), d + 1);
    }

    /// Every finite double, from subnormals to the largest: the text reads back
    /// exactly (links and saved inputs depend on it) and stays short.
    #[test]
    fn number_text_is_exact_and_short(bits in any::<u64>()) {
        let x = f64::from_bits(bits);
        prop_assume!(x.is_finite());
        let text = number_text(x);
        let back: f64 = text.parse().expect("number_text parses");
        prop_assert_eq!(back.to_bits(), x.to_bits(), "{} → {}", x, text);
        prop_assert!(text.len() <= 25, "{}", text);
    }

    /// Magnitudes people type read as they typed them: plain, as std writes them.
    #[test]
    fn number_text_is_plain_for_everyday_values(x in 1e-4f64..1e7) {
        prop_assert_eq!(number_text(x), format!("{x}"));
    }

    /// Displayed sizes, compute and quantities read back within two-figure rounding.
    #[test]
    fn shown_numbers_are_within_rounding(x in 1e-6f64..1e30) {
        let suffixes = [("T", 1e12), ("B", 1e9), ("M", 1e6), ("K", 1e3)];
        for text in [count(x), number(x), flops(x)] {
            let (digits, scale) = suffixes
                .iter()
                .find_map(|(s, v)| text.strip_suffix(s).map(|d| (d.to_owned(), *v)))
                .unwrap_or((text.clone(), 1.0));
            let back: f64 = digits.replace(',', "").parse().expect("a number");
            prop_assert!((back * scale / x - 1.0).abs() <= 0.05, "{} → {}", x, text);
            prop_assert!(text.len() <= 12, "{}", text);
        }
        prop_assert!(duration(x).len() <= 20, "{}", duration(x));
    }
}

#[test]
fn number_text_special_values() {
    assert_eq!(number_text(0.0), "0");
    assert_eq!(number_text(5e-324), "5e-324");
    assert_eq!(number_text(1e6), "1000000");
    assert_eq!(number_text(1e7), "1e7");
    assert_eq!(number_text(0.0001), "0.0001");
    assert_eq!(number_text(-2.5), "-2.5");
}

mod typed {
    use evidence_ladder::model::fields::{parse_number, typed_text, Units};
    use proptest::prelude::*;
    use std::time::{Duration, Instant};

    const ALL: [Units; 5] = [
        Units::Plain,
        Units::Size,
        Units::Hours,
        Units::Share,
        Units::Money,
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        /// What a field shows once left ("1.3B", "14 days") reads back to
        /// exactly the value it holds, for every finite double.
        #[test]
        fn typed_text_reads_back_exactly(bits in any::<u64>(), which in 0usize..5) {
            let x = f64::from_bits(bits);
            prop_assume!(x.is_finite());
            let units = ALL[which];
            // A share above 1 is typed as itself only when it is not read as a percentage.
            prop_assume!(units != Units::Share || !(x > 1.0 && x <= 100.0));
            let text = typed_text(x, units);
            prop_assert_eq!(parse_number(&text, units).map(f64::to_bits), Some(x.to_bits()), "{} → {}", x, text);
            prop_assert!(text.len() <= 30, "{}", text);
        }

        /// Round sizes and durations people use come out in their units.
        #[test]
        fn round_sizes_take_a_suffix(mantissa in 1u32..1000, power in 0usize..4) {
            let scale = [1e3, 1e6, 1e9, 1e12][power];
            let text = typed_text(f64::from(mantissa) * scale, Units::Size);
            prop_assert!(text.ends_with(['K', 'M', 'B', 'T']), "{}", text);
        }

        /// Any text: an answer or a refusal, never a panic, within a bound on time.
        #[test]
        fn parsing_any_text_is_quick(text in "\\PC{0,40}", which in 0usize..5) {
            let start = Instant::now();
            if let Some(n) = parse_number(&text, ALL[which]) {
                prop_assert!(n.is_finite());
            }
            // Generous: the machine may be busy; a quadratic parser on 40 characters would not be.
            prop_assert!(start.elapsed() < Duration::from_millis(50));
        }

        /// Units people type, with any spacing and case.
        #[test]
        fn durations_and_money_in_words(n in 1u32..1000, spaces in 0usize..3, upper: bool) {
            let gap = " ".repeat(spaces);
            let case = |s: &str| if upper { s.to_uppercase() } else { s.to_owned() };
            for (word, hours) in [("days", 24.0), ("weeks", 168.0), ("months", 720.0), ("h", 1.0)] {
                let text = format!("{n}{gap}{}", case(word));
                prop_assert_eq!(parse_number(&text, Units::Hours), Some(f64::from(n) * hours), "{}", text);
            }
            let price = format!("{n}.50{gap}{}", case("usd"));
            prop_assert_eq!(parse_number(&price, Units::Money), Some(f64::from(n) + 0.5));
        }
    }
}
