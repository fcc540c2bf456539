//! Accelerator presets and the compute budget they buy.
//!
//! Peaks are dense BF16/FP16 tensor throughput. Vendors often headline the
//! "with sparsity" figure, which is twice the dense one and not what training
//! a dense model gets, so every number here is the dense one.

use serde::Serialize;

/// One accelerator preset: its dense half-precision peak, its memory and
/// memory bandwidth, and where those numbers come from.
#[derive(Debug, PartialEq)]
pub struct Accelerator {
    /// Stable id used in the URL and the JS API (`accelerator=h100`).
    pub id: &'static str,
    /// Name shown to people.
    pub name: &'static str,
    /// Dense BF16 (or FP16 where BF16 is missing) tensor peak, in TFLOPS.
    pub peak_tflops: f64,
    /// Memory of one accelerator, in GB (10⁹ bytes), for the largest model a run can hold.
    pub memory_gb: f64,
    /// Memory bandwidth of one accelerator, in GB/s (10⁹ bytes per second):
    /// what bounds generating tokens at small batch, where every step reads
    /// the weights and the cache again.
    pub bandwidth_gb_s: f64,
    /// Where the peak, the memory and the bandwidth come from.
    pub source: &'static str,
}

/// Every preset, in the order the picker shows them.
pub const ACCELERATORS: [Accelerator; 14] = [
    Accelerator {
        id: "a100",
        name: "NVIDIA A100",
        peak_tflops: 312.0,
        memory_gb: 80.0,
        bandwidth_gb_s: 2039.0,
        source: "NVIDIA A100 Tensor Core GPU datasheet: BF16 312 TFLOPS (624 with sparsity); 80 GB HBM2e (A100 80GB); 2,039 GB/s memory bandwidth (A100 80GB SXM)",
    },
    Accelerator {
        id: "a100-40gb",
        name: "NVIDIA A100 40GB",
        peak_tflops: 312.0,
        memory_gb: 40.0,
        bandwidth_gb_s: 1555.0,
        source: "NVIDIA A100 Tensor Core GPU datasheet: BF16 312 TFLOPS (624 with sparsity); 40 GB HBM2 (A100 40GB); 1,555 GB/s memory bandwidth (A100 40GB)",
    },
    Accelerator {
        id: "h100",
        name: "NVIDIA H100 SXM",
        peak_tflops: 989.0,
        memory_gb: 80.0,
        bandwidth_gb_s: 3350.0,
        source: "NVIDIA H100 Tensor Core GPU datasheet, SXM: BF16 1,979 TFLOPS with sparsity, 989 dense; 80 GB HBM3; 3.35 TB/s memory bandwidth",
    },
    Accelerator {
        id: "h200",
        name: "NVIDIA H200 SXM",
        peak_tflops: 989.0,
        memory_gb: 141.0,
        bandwidth_gb_s: 4800.0,
        source: "NVIDIA H200 Tensor Core GPU datasheet, SXM: BF16 1,979 TFLOPS with sparsity, 989 dense; 141 GB HBM3e; 4.8 TB/s memory bandwidth",
    },
    Accelerator {
        id: "b200",
        name: "NVIDIA B200",
        peak_tflops: 2250.0,
        memory_gb: 180.0,
        bandwidth_gb_s: 8000.0,
        source: "NVIDIA HGX B200 datasheet: BF16 4.5 PFLOPS per GPU with sparsity, 2.25 dense; 1,440 GB HBM3e per 8 GPUs, 180 GB each; 8 TB/s memory bandwidth per GPU (64 TB/s per 8)",
    },
    Accelerator {
        id: "l40s",
        name: "NVIDIA L40S",
        peak_tflops: 362.05,
        memory_gb: 48.0,
        bandwidth_gb_s: 864.0,
        source: "NVIDIA L40S datasheet: BF16 733 TFLOPS with sparsity, 362.05 dense; 48 GB GDDR6; 864 GB/s memory bandwidth",
    },
    Accelerator {
        id: "l4",
        name: "NVIDIA L4",
        peak_tflops: 121.0,
        memory_gb: 24.0,
        bandwidth_gb_s: 300.0,
        source: "NVIDIA L4 Tensor Core GPU datasheet: BF16 242 TFLOPS with sparsity, 121 dense; 24 GB GDDR6; 300 GB/s memory bandwidth",
    },
    Accelerator {
        id: "a10",
        name: "NVIDIA A10",
        peak_tflops: 125.0,
        memory_gb: 24.0,
        bandwidth_gb_s: 600.0,
        source: "NVIDIA A10 Tensor Core GPU datasheet: BF16 125 TFLOPS (250 with sparsity); 24 GB GDDR6; 600 GB/s memory bandwidth",
    },
    Accelerator {
        id: "v100",
        name: "NVIDIA V100 SXM2",
        peak_tflops: 125.0,
        memory_gb: 32.0,
        bandwidth_gb_s: 900.0,
        source: "NVIDIA V100 Tensor Core GPU datasheet, SXM2: FP16 tensor 125 TFLOPS (no BF16); 32 GB HBM2; 900 GB/s memory bandwidth",
    },
    Accelerator {
        id: "rtx4090",
        name: "NVIDIA GeForce RTX 4090",
        peak_tflops: 165.2,
        memory_gb: 24.0,
        bandwidth_gb_s: 1008.0,
        source: "NVIDIA Ada Lovelace architecture whitepaper: FP16 tensor with FP32 accumulate 165.2 TFLOPS dense; 24 GB GDDR6X; 1,008 GB/s memory bandwidth",
    },
    Accelerator {
        id: "rtx3090",
        name: "NVIDIA GeForce RTX 3090",
        peak_tflops: 71.0,
        memory_gb: 24.0,
        bandwidth_gb_s: 936.0,
        source: "NVIDIA Ampere GA102 GPU architecture whitepaper: FP16 tensor with FP32 accumulate 71 TFLOPS dense; 24 GB GDDR6X; 936 GB/s memory bandwidth",
    },
    Accelerator {
        id: "tpu-v4",
        name: "Google TPU v4",
        peak_tflops: 275.0,
        memory_gb: 32.0,
        bandwidth_gb_s: 1200.0,
        source: "Google Cloud TPU v4 documentation: 275 TFLOPS BF16 per chip; 32 GiB HBM2 per chip; 1,200 GB/s memory bandwidth",
    },
    Accelerator {
        id: "tpu-v5e",
        name: "Google TPU v5e",
        peak_tflops: 197.0,
        memory_gb: 16.0,
        bandwidth_gb_s: 819.0,
        source: "Google Cloud TPU v5e documentation: 197 TFLOPS BF16 per chip; 16 GB HBM2 per chip; 819 GB/s memory bandwidth",
    },
    Accelerator {
        id: "mi300x",
        name: "AMD Instinct MI300X",
        peak_tflops: 1307.4,
        memory_gb: 192.0,
        bandwidth_gb_s: 5300.0,
        source: "AMD Instinct MI300X datasheet: BF16 1,307.4 TFLOPS dense (2,614.9 with sparsity); 192 GB HBM3; 5.3 TB/s peak memory bandwidth",
    },
];

/// The preset with this id, if there is one.
///
/// ```
/// use evidence_ladder::model::hardware::find_accelerator;
/// assert_eq!(find_accelerator("a100").map(|a| a.peak_tflops), Some(312.0));
/// assert!(find_accelerator("abacus").is_none());
/// ```
pub fn find_accelerator(id: &str) -> Option<&'static Accelerator> {
    ACCELERATORS.iter().find(|a| a.id == id)
}

const SECONDS_PER_HOUR: f64 = 3600.0;

/// Where the budget's FLOPs come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BudgetSource {
    /// accelerators × hours × peak × MFU
    Hardware,
    /// a total the researcher typed in
    Flops,
}

/// The compute a researcher has, in FLOPs, and how FLOPs turn into hours on their hardware.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Budget {
    pub flops: f64,
    pub source: BudgetSource,
    /// Useful FLOPs one accelerator delivers in an hour: peak × MFU × 3600.
    pub flops_per_accelerator_hour: f64,
    /// Accelerators working on each run at once.
    pub count: u32,
    /// The budget expressed in accelerator-hours on the chosen hardware.
    pub accelerator_hours: f64,
}

impl Budget {
    /// A budget from hardware: `count` accelerators for `hours` at `mfu` of their peak.
    ///
    /// ```
    /// use evidence_ladder::model::hardware::{find_accelerator, Budget};
    /// let a100 = find_accelerator("a100").unwrap();
    /// // 8 A100s for 30 days at 30% MFU, the default budget.
    /// let budget = Budget::from_hardware(a100, 8, 720.0, 0.3, None);
    /// assert!((budget.flops / 1.941e21 - 1.0).abs() < 1e-3);
    /// ```
    pub fn from_hardware(
        accelerator: &Accelerator,
        count: u32,
        hours: f64,
        mfu: f64,
        total_flops: Option<f64>,
    ) -> Self {
        let flops_per_accelerator_hour = accelerator.peak_tflops * 1e12 * mfu * SECONDS_PER_HOUR;
        let (flops, source) = match total_flops {
            Some(flops) => (flops, BudgetSource::Flops),
            None => (
                f64::from(count) * hours * flops_per_accelerator_hour,
                BudgetSource::Hardware,
            ),
        };
        Budget {
            flops,
            source,
            flops_per_accelerator_hour,
            count,
            accelerator_hours: flops / flops_per_accelerator_hour,
        }
    }

    /// Accelerator-hours that `flops` of training take on this hardware.
    pub fn accelerator_hours_for(&self, flops: f64) -> f64 {
        flops / self.flops_per_accelerator_hour
    }

    /// Wall-clock hours for `flops` when all `count` accelerators work on it
    /// (linear scaling across accelerators: the MFU already prices in the losses).
    pub fn wall_clock_hours_for(&self, flops: f64) -> f64 {
        self.accelerator_hours_for(flops) / f64::from(self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_lowercase() {
        for (i, a) in ACCELERATORS.iter().enumerate() {
            assert_eq!(a.id, a.id.to_lowercase());
            assert!(
                ACCELERATORS[i + 1..].iter().all(|b| b.id != a.id),
                "{}",
                a.id
            );
        }
    }

    #[test]
    fn bandwidths_are_the_datasheets() {
        let bandwidth = |id| find_accelerator(id).map(|a| a.bandwidth_gb_s);
        assert_eq!(bandwidth("h100"), Some(3350.0));
        assert_eq!(bandwidth("a100"), Some(2039.0));
        assert_eq!(bandwidth("rtx4090"), Some(1008.0));
        for a in &ACCELERATORS {
            assert!(a.bandwidth_gb_s > 100.0, "{}", a.id);
            assert!(a.source.contains("memory bandwidth"), "{}", a.id);
        }
    }

    #[test]
    fn wall_clock_divides_by_count() {
        let a100 = find_accelerator("a100").expect("preset");
        let budget = Budget::from_hardware(a100, 8, 720.0, 0.4, None);
        let flops = budget.flops / 2.0;
        assert!((budget.wall_clock_hours_for(flops) - 360.0).abs() < 1e-9);
        assert!((budget.accelerator_hours_for(flops) - 2880.0).abs() < 1e-9);
    }

    #[test]
    fn total_flops_replace_hardware() {
        let h100 = find_accelerator("h100").expect("preset");
        let budget = Budget::from_hardware(h100, 1, 1.0, 0.5, Some(1e21));
        assert_eq!(budget.flops, 1e21);
        assert_eq!(budget.source, BudgetSource::Flops);
        let per_hour = 989e12 * 0.5 * 3600.0;
        assert!((budget.accelerator_hours - 1e21 / per_hour).abs() < 1e-6);
    }
}
