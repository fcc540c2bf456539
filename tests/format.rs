//! Our presentation of numbers over std's digits: exact where a value is
//! written back into a field or a link, short and within rounding everywhere else.
#![cfg(not(target_arch = "wasm32"))]

use evidence_ladder::model::format::{count, duration, flops, number, number_text};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

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
