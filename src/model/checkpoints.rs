//! Public model families whose checkpoints a benchmark can evaluate: a
//! benchmark ladder's rungs are sizes that exist, not sizes a formula invents.

use serde::Serialize;

use super::choices::ResearchField;

/// A family of released checkpoints of one architecture and recipe, trained
/// at several sizes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ModelFamily {
    #[serde(rename = "pythia")]
    Pythia,
    #[serde(rename = "qwen2.5")]
    Qwen25,
    #[serde(rename = "llama3")]
    Llama3,
    #[serde(rename = "vit")]
    VitAugReg,
    #[serde(rename = "dinov2")]
    Dinov2,
}

impl ModelFamily {
    pub const ALL: [Self; 5] = [
        Self::Pythia,
        Self::Qwen25,
        Self::Llama3,
        Self::VitAugReg,
        Self::Dinov2,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Self::Pythia => "pythia",
            Self::Qwen25 => "qwen2.5",
            Self::Llama3 => "llama3",
            Self::VitAugReg => "vit",
            Self::Dinov2 => "dinov2",
        }
    }

    /// Whether this family's checkpoints belong to the field: vision
    /// benchmarks evaluate vision models, every other field language models.
    pub fn suits(self, field: ResearchField) -> bool {
        let vision = matches!(self, Self::VitAugReg | Self::Dinov2);
        vision == (field == ResearchField::Vision)
    }

    /// The family used when the chosen one does not suit the field.
    pub fn default_for(field: ResearchField) -> Self {
        match field {
            ResearchField::Vision => Self::VitAugReg,
            _ => Self::Qwen25,
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.id() == id)
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Pythia => "Pythia",
            Self::Qwen25 => "Qwen2.5",
            Self::Llama3 => "Llama 3",
            Self::VitAugReg => "ViT (AugReg)",
            Self::Dinov2 => "DINOv2",
        }
    }

    /// Parameters of each released size, smallest first, as the family names
    /// them (Pythia's "1B" has 1.01B parameters: the names are what people
    /// cite and the differences are within rounding of every figure here).
    pub fn sizes(self) -> &'static [f64] {
        match self {
            // Biderman et al. 2023, "Pythia: A Suite for Analyzing Large
            // Language Models", Table 1 (14M and 31M added in its v1 release).
            Self::Pythia => &[
                14e6, 31e6, 70e6, 160e6, 410e6, 1e9, 1.4e9, 2.8e9, 6.9e9, 12e9,
            ],
            // Qwen Team 2024, "Qwen2.5 Technical Report", Table 1.
            Self::Qwen25 => &[0.5e9, 1.5e9, 3e9, 7e9, 14e9, 32e9, 72e9],
            // Dubey et al. 2024, "The Llama 3 Herd of Models" (8B, 70B, 405B),
            // and Meta's Llama 3.2 model card (1B, 3B).
            Self::Llama3 => &[1e9, 3e9, 8e9, 70e9, 405e9],
            // Steiner et al. 2022, "How to train your ViT? Data, Augmentation,
            // and Regularization in Vision Transformers", Table 1: ViT-Ti/16
            // 5.7M, S/16 22M, B/16 86M, L/16 304M (released in timm).
            Self::VitAugReg => &[5.7e6, 22e6, 86e6, 304e6],
            // Oquab et al. 2023, "DINOv2: Learning Robust Visual Features
            // without Supervision", Table 17: ViT-S/14 21M, B/14 86M, L/14
            // 300M, g/14 1.1B.
            Self::Dinov2 => &[21e6, 86e6, 300e6, 1.1e9],
        }
    }

    /// Key-value heads per query head, which sets the key-value cache a
    /// generating model reads at every step: grouped-query attention keeps
    /// a share of multi-head attention's. The family's largest share, so
    /// the cache errs long at its other sizes.
    pub fn kv_share(self) -> f64 {
        match self {
            // Multi-head attention (GPT-NeoX).
            Self::Pythia => 1.0,
            // Qwen Team 2024, Table 1: 14 query heads and 2 key-value heads
            // at 0.5B, 12 and 2 at 1.5B, 16 and 2 at 3B, 28 and 4 at 7B,
            // 40 and 8 at 14B and 32B, 64 and 8 at 72B.
            Self::Qwen25 => 1.0 / 5.0,
            // Dubey et al. 2024, Table 3: 8 key-value heads for 32 query
            // heads at 8B, 64 at 70B and 128 at 405B; Llama 3.2 1B and 3B
            // keep 8 (of 32 and 24).
            Self::Llama3 => 1.0 / 3.0,
            // Vision encoders classify in one pass: nothing is generated.
            Self::VitAugReg | Self::Dinov2 => 1.0,
        }
    }

    pub fn source(self) -> &'static str {
        match self {
            Self::Pythia => "Biderman et al. 2023 (Pythia): 14M to 12B, 10 sizes",
            Self::Qwen25 => "Qwen Team 2024 (Qwen2.5 Technical Report): 0.5B to 72B, 7 sizes",
            Self::Llama3 => {
                "Dubey et al. 2024 (Llama 3: 8B, 70B, 405B) and Meta's Llama 3.2 card (1B, 3B, pruned and distilled from 8B)"
            }
            Self::VitAugReg => {
                "Steiner et al. 2022 (How to train your ViT, AugReg): ViT-Ti, S, B and L/16, 5.7M to 304M"
            }
            Self::Dinov2 => "Oquab et al. 2023 (DINOv2): ViT-S, B, L and g/14, 21M to 1.1B",
        }
    }
}

/// Picks `rungs` sizes of `sizes` (ascending) that are at most `max`, the
/// largest possible top first, then the bottom at least `ratio` below it,
/// the middle spread evenly in log-size. Fewer when the family has fewer
/// sizes under the cap; `None` when not even one fits.
///
/// ```
/// use evidence_ladder::model::checkpoints::{pick_sizes, ModelFamily};
/// let picked = pick_sizes(ModelFamily::Pythia.sizes(), 4, 10.0, 13e9).unwrap();
/// assert_eq!(picked, vec![1e9, 2.8e9, 6.9e9, 12e9]);
/// ```
pub fn pick_sizes(sizes: &[f64], rungs: u32, ratio: f64, max: f64) -> Option<Vec<f64>> {
    let usable: Vec<f64> = sizes.iter().copied().filter(|&s| s <= max).collect();
    let top = *usable.last()?;
    let rungs = (rungs.max(1) as usize).min(usable.len());
    if rungs == 1 {
        return Some(vec![top]);
    }
    // The largest bottom that still spans the ratio; else the smallest size.
    let bottom_index = usable
        .iter()
        .rposition(|&s| s * ratio <= top * (1.0 + 1e-9))
        .unwrap_or(0);
    let top_index = usable.len() - 1;
    // Between bottom and top there must be room for the middle rungs: widen
    // downwards when there is not.
    let bottom_index = bottom_index.min(top_index + 1 - rungs);
    let (lo, hi) = (usable[bottom_index].ln(), top.ln());
    let mut picked = vec![usable[bottom_index]];
    let mut last = bottom_index;
    for i in 1..rungs - 1 {
        let target = lo + (hi - lo) * i as f64 / (rungs - 1) as f64;
        // Nearest size in log space that leaves room for the rungs above it.
        let max_index = top_index - (rungs - 1 - i);
        let next = (last + 1..=max_index)
            .min_by(|&a, &b| {
                (usable[a].ln() - target)
                    .abs()
                    .total_cmp(&(usable[b].ln() - target).abs())
            })
            .unwrap_or(last + 1);
        picked.push(usable[next]);
        last = next;
    }
    picked.push(top);
    Some(picked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_sizes_ascend() {
        for f in ModelFamily::ALL {
            assert_eq!(ModelFamily::from_id(f.id()), Some(f));
            assert!(f.sizes().windows(2).all(|w| w[0] < w[1]), "{}", f.id());
        }
    }

    #[test]
    fn picked_sizes_exist_ascend_and_respect_the_cap() {
        for f in ModelFamily::ALL {
            for rungs in 1..=6 {
                for max in [1e8, 2e9, 40e9, 1e12] {
                    if let Some(p) = pick_sizes(f.sizes(), rungs, 10.0, max) {
                        assert!(p.iter().all(|s| f.sizes().contains(s) && *s <= max));
                        assert!(p.windows(2).all(|w| w[0] < w[1]), "{p:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn the_span_is_kept_when_the_family_allows_it() {
        let p = pick_sizes(ModelFamily::Qwen25.sizes(), 3, 10.0, 80e9).expect("fits");
        assert_eq!(p.last(), Some(&72e9));
        assert!(p[p.len() - 1] / p[0] >= 10.0);
        assert_eq!(
            pick_sizes(ModelFamily::Llama3.sizes(), 3, 10.0, 0.5e9),
            None
        );
    }
}
