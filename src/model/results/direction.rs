//! Which way a metric is better, read from its name where the name says so
//! unambiguously (val_loss → lower, accuracy → higher), and never guessed
//! otherwise: the page asks.

/// Words that mean lower is better: losses, errors, perplexity, bits per
/// byte or character, word and character error rates, squared and absolute errors.
const LOWER: [&str; 15] = [
    "loss",
    "nll",
    "perplexity",
    "ppl",
    "error",
    "errors",
    "err",
    "bpb",
    "bpc",
    "wer",
    "cer",
    "mse",
    "mae",
    "rmse",
    "regret",
];

/// Words that mean higher is better: accuracy, scores, rewards and returns,
/// win rates, F1, BLEU, ROUGE, AUC, exact match, pass rates.
const HIGHER: [&str; 15] = [
    "accuracy", "acc", "score", "reward", "rewards", "return", "returns", "f1", "bleu", "rouge",
    "auc", "auroc", "winrate", "pass", "success",
];

/// Phrases of several words (matched on consecutive words).
const LOWER_PHRASES: [&[&str]; 2] = [&["bits", "per", "byte"], &["bits", "per", "character"]];
const HIGHER_PHRASES: [&[&str]; 3] = [&["win", "rate"], &["exact", "match"], &["em"]];

/// Words that turn a metric around or make it a difference, so its direction
/// is no longer the word's: "neg_loss", "accuracy_drop", "1 - acc".
const REVERSING: [&str; 12] = [
    "neg",
    "negative",
    "minus",
    "inverse",
    "inv",
    "drop",
    "gap",
    "delta",
    "diff",
    "change",
    "reduction",
    "improvement",
];

/// The words of a column name: split at anything not a letter or digit and
/// between a lower-case letter and a capital (valLoss → val, loss), lower-cased.
fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if c.is_ascii() && !c.is_ascii_alphanumeric() {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            previous_lower = false;
            continue;
        }
        // ASCII case only: the words matched are English, and Unicode case
        // tables would cost kilobytes of wasm.
        if c.is_ascii_uppercase() && previous_lower && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        previous_lower = c.is_ascii_lowercase();
        word.push(c.to_ascii_lowercase());
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// Does `word` name `key`: equal, or a run-together form ("valloss",
/// "top1acc"). Three-letter keys only after a digit, so "power" is not "wer".
fn names(word: &str, key: &str) -> bool {
    if word == key {
        return true;
    }
    if key.len() >= 4 {
        return word.ends_with(key) || word.starts_with(key);
    }
    word.strip_suffix(key)
        .and_then(|rest| rest.chars().last())
        .is_some_and(|c| c.is_ascii_digit())
}

fn has_phrase(words: &[String], phrase: &[&str]) -> bool {
    words
        .windows(phrase.len())
        .any(|w| w.iter().zip(phrase).all(|(a, b)| a == b))
}

/// True when higher values of the metric named `name` are better, false when
/// lower are, `None` when the name does not say (or says both, or is turned
/// around by a word such as "neg" or "drop").
///
/// ```
/// use evidence_ladder::model::results::direction::higher_is_better;
/// assert_eq!(higher_is_better("val_loss"), Some(false));
/// assert_eq!(higher_is_better("Accuracy (%)"), Some(true));
/// assert_eq!(higher_is_better("value"), None);
/// assert_eq!(higher_is_better("neg_loss"), None);
/// ```
pub fn higher_is_better(name: &str) -> Option<bool> {
    let words = words(name);
    if words.iter().any(|w| REVERSING.contains(&w.as_str())) {
        return None;
    }
    let lower = words.iter().any(|w| LOWER.iter().any(|k| names(w, k)))
        || LOWER_PHRASES.iter().any(|p| has_phrase(&words, p));
    let higher = words.iter().any(|w| HIGHER.iter().any(|k| names(w, k)))
        || HIGHER_PHRASES.iter().any(|p| has_phrase(&words, p));
    match (lower, higher) {
        (true, false) => Some(false),
        (false, true) => Some(true),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_say_lower() {
        for name in [
            "loss",
            "val_loss",
            "valLoss",
            "eval/loss",
            "validation loss",
            "perplexity",
            "PPL",
            "top1_err",
            "top5err",
            "error rate",
            "bits per byte",
            "bits_per_byte",
            "bpb",
            "WER",
            "cer",
            "test MSE",
            "mae",
            "train-nll",
        ] {
            assert_eq!(higher_is_better(name), Some(false), "{name}");
        }
    }

    #[test]
    fn names_that_say_higher() {
        for name in [
            "accuracy",
            "acc",
            "top1acc",
            "Accuracy (%)",
            "score",
            "mean_reward",
            "episode return",
            "win rate",
            "win_rate",
            "winrate",
            "F1",
            "BLEU",
            "auc",
            "exact match",
            "exact_match",
            "pass@1",
        ] {
            assert_eq!(higher_is_better(name), Some(true), "{name}");
        }
    }

    #[test]
    fn names_that_do_not_say_are_asked() {
        for name in [
            "value",
            "metric",
            "result",
            "",
            "power",
            "answer",
            "neg_loss",
            "accuracy_drop",
            "loss_or_accuracy",
            "Δ",
            "mean",
            "delta acc",
            "tokens",
        ] {
            assert_eq!(higher_is_better(name), None, "{name}");
        }
    }
}
