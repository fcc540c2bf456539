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

    /// A uniform index below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.unit() * n as f64) as usize % n.max(1)
    }
}
