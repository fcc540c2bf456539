//! The plan's warnings in words: one sentence for each typed fact of
//! `model::warnings`, shown under the plan and in the JSON's `warnings`.

use super::format;
use crate::model::inputs::Adjustment;
use crate::model::plan::Plan;
use crate::model::warnings::Warning;

/// Every warning of the plan, in its order.
pub fn of(plan: &Plan) -> Vec<String> {
    plan.warnings.iter().map(sentence).collect()
}

/// One warning as a sentence.
pub fn sentence(warning: &Warning) -> String {
    match warning {
        Warning::Adjusted(adjustment) => adjusted(adjustment),
        Warning::UnknownInput { name } => format!("Unknown input \"{name}\" ignored."),
        Warning::HalfPowerAnalysis => {
            "Power analysis skipped: give both effect and noise to size the seeds.".into()
        }
        Warning::TinyEffect { cohen_d, seeds } => format!(
            "The effect is tiny next to the noise (d = {cohen_d:.2e}): the power analysis is capped at {seeds} seeds per arm."
        ),
        Warning::SeedsCostScale {
            seeds,
            top,
            top_with_level_seeds,
            level_seeds,
        } => format!(
            "The seeds the power asks for (up to {seeds} per arm) cost scale: the top rung is {} instead of the {} the level's {level_seeds} seeds would allow.",
            format::count(*top),
            format::count(*top_with_level_seeds),
        ),
        Warning::WideEquivalence {
            seeds,
            margin,
            seeds_within_one,
        } => format!(
            "{seeds} seeds per arm can only show equivalence within d = {margin:.2}: the paper could rule out differences larger than about {margin:.1} standard deviations, not smaller ones. Give the smallest effect that matters and the seed-to-seed noise to size the seeds (within d = 1 takes {seeds_within_one} per arm)."
        ),
        Warning::HighMfu { mfu } => format!(
            "MFU {} is above what large training runs report (about 0.4–0.46); hours may be optimistic.",
            format::number_text(*mfu)
        ),
        Warning::FlopsBudget => "A FLOPs budget replaces accelerators × hours; hours and cost use the chosen accelerator and MFU, and Hours still bounds the wall-clock time.".into(),
        Warning::NotCompetitive {
            params,
            tokens_per_param,
            competitive_flops,
            times_this_plan,
        } => format!(
            "Competitive open models of {} parameters are trained on far more data: Llama 3 8B saw about {} tokens per parameter (Dubey et al. 2024), about {} FLOPs at this size, {}× this plan. Industry labs win this race on compute; an academic lab does better with a specialty domain, a benchmark or dataset, or an insight.",
            format::count(*params),
            format::number(*tokens_per_param),
            format::flops(*competitive_flops),
            format::number(*times_this_plan)
        ),
        Warning::DataRepeated {
            tokens,
            data_tokens,
            times,
        } => format!(
            "The largest run reads {} tokens: your {} tokens of data would repeat {} times; beyond about 4 epochs repeated data is worth much less than new data (Muennighoff et al. 2023).",
            format::count(*tokens),
            format::count(*data_tokens),
            format::number(*times)
        ),
        Warning::GeneratedBeyondSet {
            generated_tokens,
            eval_tokens,
        } => format!(
            "Generated tokens ({}) are part of the evaluation set, which holds {}: the plan prices all {} as generated; raise the evaluation-set size if the prompts come on top.",
            format::count(*generated_tokens),
            format::count(*eval_tokens),
            format::count(*eval_tokens)
        ),
        Warning::NetworkOnly
        | Warning::RlOnTokens { .. }
        | Warning::VisionOnPretrain { .. }
        | Warning::DataLoading { .. }
        | Warning::LighterFineTuning { .. }
        | Warning::StepsPerSecond { .. } => setting_sentence(warning),
    }
}

/// The sentences about settings that do not suit the field or the axis.
fn setting_sentence(warning: &Warning) -> String {
    match warning {
        Warning::NetworkOnly => "On the data axis FLOPs count the network only; where simulation or data loading dominates (as in much RL), choose the Deep RL field to price runs by environment steps, or time one run and use the custom axis.".into(),
        Warning::RlOnTokens { axis } => format!(
            "Deep RL on the {} axis grows a network on tokens, as language models do, and runs on all accelerators at once; deep-RL runs scale environment steps: choose the data axis (the Deep RL preset) to price them by steps per second.",
            axis.id()
        ),
        Warning::VisionOnPretrain { tokens_per_param } => format!(
            "Vision on the pretrain axis reads {} tokens (patches) per parameter, a language-model rule (Hoffmann et al. 2022), not one established for vision; for a fixed dataset such as ImageNet-1k choose the ViT preset (the model grows on fixed data).",
            format::number(*tokens_per_param)
        ),
        Warning::DataLoading {
            params,
            images_per_second,
            mfu,
            loader,
        } => format!(
            "At {} parameters one accelerator would train on about {} images per second at MFU {}: more than a data loader feeds (about {}, our assumption after FFCV, Leclerc et al. 2023), so data loading, not FLOPs, sets the time of the small runs; time one, or run several small models per accelerator.",
            format::count(*params),
            format::number(*images_per_second),
            format::number_text(*mfu),
            format::number(*loader)
        ),
        Warning::LighterFineTuning { lora: Some(lora), qlora } => format!(
            "Memory stops full fine-tuning here: with LoRA the same accelerators hold about {} parameters, with QLoRA about {} (Hu et al. 2021; Dettmers et al. 2023); set the fine-tuning method if adapters answer your question.",
            format::count(*lora),
            format::count(*qlora)
        ),
        Warning::LighterFineTuning { lora: None, qlora } => format!(
            "Memory stops LoRA here: with QLoRA the same accelerators hold about {} parameters (Dettmers et al. 2023).",
            format::count(*qlora)
        ),
        Warning::StepsPerSecond {
            steps_per_second,
            count,
        } => format!(
            "Runs are priced at {} environment steps per second, one accelerator per run{}: the default rate is a placeholder, so time one run of yours.",
            format::count(*steps_per_second),
            if *count > 1 {
                format!(", {} runs at a time", format::whole(*count))
            } else {
                String::new()
            }
        ),
        // `sentence` writes the others and passes only these here.
        _ => String::new(),
    }
}

/// What was changed in the inputs, and why.
fn adjusted(adjustment: &Adjustment) -> String {
    match *adjustment {
        Adjustment::Axis { asked, kind, used } => format!(
            "axis={} does not apply to a {}: it evaluates released checkpoints, so its rungs are model sizes; the {} axis is used.",
            asked.id(),
            kind.id(),
            used.id()
        ),
        Adjustment::Family { asked, field, used } => format!(
            "family={} is not a {} family; {} is used.",
            asked.id(),
            field.label().to_lowercase(),
            used.name()
        ),
        Adjustment::TopBelowFamily {
            top,
            family,
            smallest,
        } => format!(
            "top={} is below {}'s smallest released size, {}: the rungs are released checkpoints, so the top is ignored; choose a family with smaller models.",
            format::number_text(top),
            family.name(),
            format::count(smallest)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::axis::Axis;
    use crate::model::inputs::{ContributionKind, FieldValue};

    #[test]
    fn an_adjusted_input_names_what_was_asked_and_what_is_used() {
        let plan = Plan::from_pairs([
            ("kind", FieldValue::Text("benchmark".into())),
            ("axis", FieldValue::Text("data".into())),
            ("colour", FieldValue::Text("red".into())),
        ])
        .expect("ok");
        let said = of(&plan);
        assert_eq!(
            said.first().map(String::as_str),
            Some("axis=data does not apply to a benchmark: it evaluates released checkpoints, so its rungs are model sizes; the pretrain axis is used.")
        );
        assert_eq!(
            said.last().map(String::as_str),
            Some("Unknown input \"colour\" ignored.")
        );
        assert_eq!(said.len(), plan.warnings.len());
        let axis = Adjustment::Axis {
            asked: Axis::Custom,
            kind: ContributionKind::Benchmark,
            used: Axis::Pretrain,
        };
        assert!(sentence(&Warning::Adjusted(axis)).starts_with("axis=custom does not apply"));
    }

    #[test]
    fn numbers_in_warnings_are_the_facts_numbers() {
        let repeated = sentence(&Warning::DataRepeated {
            tokens: 40e9,
            data_tokens: 1e9,
            times: 40.0,
        });
        assert!(
            repeated.starts_with(
                "The largest run reads 40B tokens: your 1B tokens of data would repeat 40 times"
            ),
            "{repeated}"
        );
        let lora = sentence(&Warning::LighterFineTuning {
            lora: None,
            qlora: 7e10,
        });
        assert!(
            lora.starts_with("Memory stops LoRA here") && lora.contains("about 70B parameters"),
            "{lora}"
        );
        let full = sentence(&Warning::LighterFineTuning {
            lora: Some(2e10),
            qlora: 7e10,
        });
        assert!(
            full.contains(
                "with LoRA the same accelerators hold about 20B parameters, with QLoRA about 70B"
            ),
            "{full}"
        );
        let steps = sentence(&Warning::StepsPerSecond {
            steps_per_second: 5000.0,
            count: 8,
        });
        assert!(
            steps.contains(
                "5K environment steps per second, one accelerator per run, 8 runs at a time"
            ),
            "{steps}"
        );
    }
}
