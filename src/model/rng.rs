//! A small fixed-seed generator (xorshift64*, Marsaglia 2003; Vigna 2016):
//! the bootstrap and the power simulation draw from it, so the same results
//! always give the same interval and the same plan the same power.

/// The generator's state; any non-zero seed.
pub struct Xorshift(pub u64);

impl Xorshift {
    /// The next 53 random bits.
    pub fn bits53(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11
    }

    /// A uniform draw from [0, 1).
    pub fn unit(&mut self) -> f64 {
        self.bits53() as f64 / (1u64 << 53) as f64
    }

    /// A uniform index below `n` (0 when `n` is 0): floor(bits × n / 2^53),
    /// what `unit() × n` rounds to, in integers. The bootstrap draws a
    /// hundred million of these for 100 tasks at 50 rungs, and the float
    /// product with a remainder took most of its 2.9 s (issue 34).
    pub fn below(&mut self, n: usize) -> usize {
        let bits = self.bits53();
        match u64::try_from(n) {
            // Below 2^11, bits × n stays under 2^64: no 128-bit product
            // (a library call in wasm32).
            Ok(small) if small < 1 << 11 => ((bits * small) >> 53) as usize,
            _ => ((u128::from(bits) * n as u128) >> 53) as usize,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn below_is_the_unit_draw_scaled_and_stays_in_range() {
        for n in [1usize, 2, 3, 9, 100, 2047, 2048, 1 << 20] {
            let (mut a, mut b) = (Xorshift(7), Xorshift(7));
            for _ in 0..10_000 {
                let i = a.below(n);
                assert!(i < n, "{i} of {n}");
                assert_eq!(i, (b.unit() * n as f64) as usize, "n = {n}");
            }
        }
        assert_eq!(Xorshift(7).below(0), 0);
    }
}
