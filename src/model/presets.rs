//! One-click presets: a compute set-up, or a research field's sensible
//! defaults. Each sets several inputs at once; every other input keeps its value.

use super::fields::Field;

/// A bundle of inputs set in one click, with where its numbers come from.
pub struct Preset {
    pub label: &'static str,
    /// (field, text) pairs; empty text restores the field's default (an
    /// optional field becomes empty).
    pub values: &'static [(Field, &'static str)],
    pub source: &'static str,
}

/// Compute set-ups from a single gaming GPU to a large lab's allocation. A
/// FLOPs total would override them, so each clears it.
pub const COMPUTE_PRESETS: [Preset; 4] = [
    Preset {
        label: "1 RTX 4090, 2 weeks",
        values: &[
            (Field::Accelerator, "rtx4090"),
            (Field::Count, "1"),
            (Field::Hours, "336"),
            (Field::Flops, ""),
        ],
        source: "A single consumer GPU for two weeks",
    },
    Preset {
        label: "8 A100, 30 days",
        values: &[
            (Field::Accelerator, "a100"),
            (Field::Count, "8"),
            (Field::Hours, "720"),
            (Field::Flops, ""),
        ],
        source: "One 8-GPU node for a month, a common academic allocation",
    },
    Preset {
        label: "64 H100, 30 days",
        values: &[
            (Field::Accelerator, "h100"),
            (Field::Count, "64"),
            (Field::Hours, "720"),
            (Field::Flops, ""),
        ],
        source: "Eight 8-GPU nodes for a month",
    },
    Preset {
        label: "256 H100, 30 days",
        values: &[
            (Field::Accelerator, "h100"),
            (Field::Count, "256"),
            (Field::Hours, "720"),
            (Field::Flops, ""),
        ],
        source: "A large lab's allocation for a month",
    },
];

/// A field's conventions in one click: the field, the axis and its numbers,
/// the smallest (and for vision the largest) scale, and the MFU.
pub const FIELD_PRESETS: [Preset; 4] = [
    Preset {
        label: "LLM pretraining",
        values: &[
            (Field::ResearchField, "llm"),
            (Field::Axis, "pretrain"),
            (Field::TokensPerParam, "20"),
            (Field::Floor, ""),
            (Field::Top, ""),
            (Field::Mfu, ""),
        ],
        source: "Chinchilla: 20 tokens per parameter (Hoffmann et al. 2022); smallest model 20M \
                 (Pythia starts at 14M, Biderman et al. 2023); MFU 0.3 (Epoch AI 2022)",
    },
    Preset {
        label: "ViT on ImageNet-1k",
        values: &[
            (Field::ResearchField, "vision"),
            (Field::Axis, "finetune"),
            // 1.28M images × 300 epochs × 197 tokens (196 patches of 16² at 224², plus CLS).
            (Field::DataTokens, "7.57e10"),
            // The rungs are the standard ViT sizes, Ti/S/B/L.
            (Field::Family, "vit"),
            (Field::Floor, ""),
            (Field::Top, ""),
            (Field::Mfu, "0.4"),
        ],
        source: "ImageNet-1k has 1.28M training images (Russakovsky et al. 2015); 300 epochs \
                 follow DeiT (Touvron et al. 2021); the rungs are ViT-Ti, S, B and L/16 (5.7M \
                 to 304M; Steiner et al. 2022); with DeiT III's recipe ViT-L trained on \
                 ImageNet-1k alone beats ViT-B, 84.9% against 83.8% (Touvron et al. 2022); \
                 197 tokens per 224² image at patch 16 (Dosovitskiy et al. 2021); MFU 0.4 \
                 (Epoch AI 2022)",
    },
    Preset {
        label: "LLM fine-tuning",
        values: &[
            (Field::ResearchField, "llm"),
            (Field::Axis, "finetune"),
            (Field::DataTokens, "1e8"),
            // Back to the default language family after a vision preset.
            (Field::Family, ""),
            (Field::Floor, ""),
            (Field::Top, ""),
            (Field::Mfu, ""),
        ],
        source: "Our assumption: 100M tokens of fine-tuning data (e.g. 50k examples of 2k \
                 tokens); base models are released checkpoints of the chosen family",
    },
    Preset {
        label: "Deep RL",
        values: &[
            // The environment, not the network, sets the cost of most deep
            // RL, so runs are priced by environment steps at a measured
            // rate, one accelerator per run.
            (Field::ResearchField, "rl"),
            (Field::Axis, "data"),
            (Field::Floor, "1e6"),
            (Field::Top, ""),
            (Field::StepsPerSecond, ""),
            (Field::ModelParams, "1.7e6"),
            (Field::Mfu, ""),
        ],
        source: "Runs priced by environment steps at your measured steps per second (the default \
                 is a placeholder); 1M steps is the usual MuJoCo budget (Haarnoja et al. 2018); a \
                 DQN-size network has 1.7M parameters (Mnih et al. 2015)",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::inputs::{FieldValue, Inputs};

    #[test]
    fn every_preset_value_is_valid() {
        for preset in COMPUTE_PRESETS.iter().chain(&FIELD_PRESETS) {
            for &(field, text) in preset.values {
                Inputs::default()
                    .set(field, &FieldValue::Text(text.into()))
                    .unwrap_or_else(|e| panic!("{}: {e}", preset.label));
            }
        }
    }
}
