//! Decimal text to `f64`, correctly rounded, without core's float parser.
//!
//! `str::parse::<f64>` brings a 10 KB table of powers of five (for the
//! Eisel–Lemire algorithm) that hardly compresses: about 10 KB of the
//! brotli-compressed app. Everyday values take the exact fast path (Clinger
//! 1990); the rest start from a close estimate and are corrected by comparing
//! exactly, with big integers, against the halfway points between doubles.
//! Native tests check the result against std on random and halfway inputs.

use std::cmp::Ordering;

/// Significant digits kept; a double never needs more than 767 to decide its
/// rounding, and whether anything non-zero follows is remembered separately.
const MAX_DIGITS: usize = 800;

/// Exact powers of ten that a double holds.
const EXACT_POWERS: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Parses what `str::parse::<f64>` parses, except the words inf, infinity and
/// NaN: an optional sign, digits with an optional point, an optional exponent.
/// Returns `None` for anything else.
///
/// ```
/// use evidence_ladder::model::decimal::parse;
/// assert_eq!(parse("0.4"), Some(0.4));
/// assert_eq!(parse("2.6e21"), Some(2.6e21));
/// assert_eq!(parse("-.5"), Some(-0.5));
/// assert_eq!(parse("1e400"), Some(f64::INFINITY));
/// assert_eq!(parse("1,000"), None);
/// ```
pub fn parse(text: &str) -> Option<f64> {
    let (negative, body) = match text.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        rest => (false, rest),
    };
    let (digits, exponent) = read(body)?;
    let magnitude = value(&digits, exponent);
    Some(if negative { -magnitude } else { magnitude })
}

/// The double nearest to `m × 10^exponent`, for `m > 0`.
pub fn from_parts(m: u64, exponent: i32) -> f64 {
    let digits: Vec<u8> = m.to_string().bytes().map(|b| b - b'0').collect();
    value(&digits, exponent.into())
}

/// Significant digits (no leading zeros) and the power of ten they are
/// multiplied by, or `None` when the text is not a number.
fn read(text: &[u8]) -> Option<(Vec<u8>, i64)> {
    let mut digits = Vec::new();
    let mut exponent: i64 = 0;
    let mut any_digit = false;
    let mut point = false;
    let mut dropped_nonzero = false;
    let mut i = 0;
    while let Some(&c) = text.get(i) {
        match c {
            b'0'..=b'9' => {
                any_digit = true;
                let d = c - b'0';
                if digits.len() < MAX_DIGITS {
                    if !(digits.is_empty() && d == 0) {
                        digits.push(d);
                    }
                    if point {
                        exponent -= 1;
                    }
                } else {
                    dropped_nonzero |= d != 0;
                    if !point {
                        exponent += 1;
                    }
                }
            }
            b'.' if !point => point = true,
            _ => break,
        }
        i += 1;
    }
    if !any_digit {
        return None;
    }
    if let Some(b'e' | b'E') = text.get(i) {
        i += 1;
        let sign = match text.get(i) {
            Some(b'-') => {
                i += 1;
                -1
            }
            Some(b'+') => {
                i += 1;
                1
            }
            _ => 1,
        };
        let start = i;
        let mut written: i64 = 0;
        while let Some(&c @ b'0'..=b'9') = text.get(i) {
            // Saturate: 10^(10^9) is infinite (or zero) either way.
            written = (written * 10 + i64::from(c - b'0')).min(1_000_000_000);
            i += 1;
        }
        if i == start {
            return None;
        }
        exponent += sign * written;
    }
    if i != text.len() {
        return None;
    }
    if dropped_nonzero {
        // A trailing 1 stands for every non-zero digit dropped: it breaks ties
        // the same way and is far below anything that could change the result.
        digits.push(1);
        exponent -= 1;
    }
    Some((digits, exponent))
}

/// The double nearest to `digits × 10^exponent` (ties to even).
fn value(digits: &[u8], exponent: i64) -> f64 {
    if digits.is_empty() {
        return 0.0;
    }
    let count = digits.len() as i64;
    // The leading digit's power of ten decides overflow and underflow outright.
    if count - 1 + exponent > 309 {
        return f64::INFINITY;
    }
    if count - 1 + exponent < -325 {
        return 0.0;
    }
    let exponent = exponent as i32;
    let leading: u64 = digits
        .iter()
        .take(19)
        .fold(0, |n, &d| n * 10 + u64::from(d));
    if count <= 15 {
        // Clinger's fast path: both operands exact, so one rounding, the right one.
        let n = leading as f64;
        if (0..=22).contains(&exponent) {
            return n * EXACT_POWERS[exponent as usize];
        }
        if (-22..0).contains(&exponent) {
            return n / EXACT_POWERS[exponent.unsigned_abs() as usize];
        }
    }
    let taken = count.min(19) as i32;
    let estimate = scale10(leading as f64, exponent + count as i32 - taken);
    correct(estimate, digits, exponent)
}

/// `x × 10^k`, with one rounding per factor of 10^22: close, not exact.
pub fn scale10(mut x: f64, mut k: i32) -> f64 {
    while k > 22 {
        x *= 1e22;
        k -= 22;
    }
    while k < -22 {
        x /= 1e22;
        k += 22;
    }
    if k >= 0 {
        x * EXACT_POWERS[k as usize]
    } else {
        x / EXACT_POWERS[k.unsigned_abs() as usize]
    }
}

/// Walks from an estimate a few ulps off to the correctly rounded double,
/// comparing the decimal exactly with the halfway points on either side.
fn correct(estimate: f64, digits: &[u8], exponent: i32) -> f64 {
    let mut x = if estimate.is_finite() {
        estimate
    } else {
        f64::MAX
    };
    // The estimate is within a few ulps; the cap only guards against a bug.
    for _ in 0..1000 {
        let (m, e) = parts(x);
        // Halfway up: (2m + 1)·2^(e−1). Ties go to the even neighbour.
        let above = compare(digits, exponent, 2 * m + 1, e - 1);
        if above == Ordering::Greater || (above == Ordering::Equal && m % 2 == 1) {
            if x == f64::MAX {
                return f64::INFINITY;
            }
            x = f64::from_bits(x.to_bits() + 1);
            continue;
        }
        if x > 0.0 {
            // Halfway down; at a power of two the gap below is half as wide.
            let below = if m == 1 << 52 && x.to_bits() >> 52 > 1 {
                compare(digits, exponent, 4 * m - 1, e - 2)
            } else {
                compare(digits, exponent, 2 * m - 1, e - 1)
            };
            if below == Ordering::Less || (below == Ordering::Equal && m % 2 == 1) {
                x = f64::from_bits(x.to_bits() - 1);
                continue;
            }
        }
        return x;
    }
    x
}

/// `x = m × 2^e` exactly, for finite `x ≥ 0`.
fn parts(x: f64) -> (u64, i32) {
    let bits = x.to_bits();
    let biased = (bits >> 52) as i32;
    let fraction = bits & ((1 << 52) - 1);
    if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | 1 << 52, biased - 1075)
    }
}

/// Compares `digits × 10^exponent` with `m × 2^e`, exactly.
fn compare(digits: &[u8], exponent: i32, m: u64, e: i32) -> Ordering {
    let mut left = Big::default();
    for &d in digits {
        left.mul_add(10, u32::from(d));
    }
    let mut right = Big(vec![m as u32, (m >> 32) as u32]);
    let tens = if exponent >= 0 { &mut left } else { &mut right };
    tens.mul_pow10(exponent.unsigned_abs());
    if e >= 0 {
        right.shl(e.unsigned_abs());
    } else {
        left.shl(e.unsigned_abs());
    }
    left.cmp(&right)
}

/// A non-negative big integer, 32-bit limbs, least significant first.
#[derive(Default)]
struct Big(Vec<u32>);

impl Big {
    /// `self = self × factor + add`, for factors up to 2^32.
    fn mul_add(&mut self, factor: u64, add: u32) {
        let mut carry = u64::from(add);
        for limb in &mut self.0 {
            let product = u64::from(*limb) * factor + carry;
            *limb = product as u32;
            carry = product >> 32;
        }
        while carry > 0 {
            self.0.push(carry as u32);
            carry >>= 32;
        }
    }

    fn mul_pow10(&mut self, mut power: u32) {
        while power >= 9 {
            self.mul_add(1_000_000_000, 0);
            power -= 9;
        }
        self.mul_add(10u64.pow(power), 0);
    }

    fn shl(&mut self, bits: u32) {
        let mut bits = bits;
        while bits >= 32 {
            self.0.insert(0, 0);
            bits -= 32;
        }
        self.mul_add(1 << bits, 0);
    }

    fn len(&self) -> usize {
        self.0.iter().rposition(|&l| l != 0).map_or(0, |i| i + 1)
    }

    fn cmp(&self, other: &Big) -> Ordering {
        let n = self.len();
        n.cmp(&other.len())
            .then_with(|| self.0[..n].iter().rev().cmp(other.0[..n].iter().rev()))
    }
}
