//! What the checklist asks for, as typed facts with their counts: each
//! group of runs with the sizes the ladder pays for, the span, the
//! statistics, the release, and what the measurements need.
//! `text::requirements` writes one sentence each.

use super::design::{GroupFacts, GroupId, Placement, Template};
use super::evidence::{LevelRule, Statistics};
use super::inputs::{ContributionKind, ResearchField};

/// One line of the checklist.
#[derive(Clone, Debug, PartialEq)]
pub enum Requirement {
    /// A group of runs: `runs` at each of `sizes` sizes placed `at`.
    Runs {
        /// The group, and what its words are written from.
        what: GroupId,
        facts: GroupFacts,
        runs: u32,
        sizes: u32,
        at: Placement,
        arms: u32,
        settings: u32,
        configs: u32,
        seeds: u32,
    },
    /// The ladder's span over its sizes, in the axis's unit.
    Span {
        span: f64,
        unit: &'static str,
        rungs: u32,
    },
    Report(Statistics),
    /// What to release (a line of the level table).
    Release(&'static str),
    /// An independent replication before claiming the headline.
    Replication,
    /// Benchmark items per comparison to separate adjacent sizes.
    Items {
        items: u32,
        difference: f64,
        sd: f64,
        /// Difference and sd are the researcher's (else ours).
        given: bool,
        power: f64,
        alpha: f64,
    },
    /// Read trends on a continuous metric beside a thresholded one.
    ContinuousMetric {
        field: ResearchField,
    },
}

/// Sizes a group placed `at` runs on in a ladder of `rungs`.
pub fn sizes(at: Placement, rungs: u32) -> u32 {
    match at {
        Placement::Bottom | Placement::Top | Placement::Centre => 1,
        Placement::Middle => rungs.saturating_sub(2),
        Placement::Upper => rungs.saturating_sub(1),
        Placement::Every => rungs,
        Placement::Check if rungs >= 3 => rungs - 2,
        Placement::Check => rungs.saturating_sub(1),
    }
}

/// One checklist line per group of runs, with the counts the ladder pays
/// for: per size, and the sizes it runs at.
pub fn experiments(templates: &[Template], rungs: u32) -> Vec<Requirement> {
    templates
        .iter()
        .map(|t| Requirement::Runs {
            what: t.what,
            facts: t.facts,
            runs: t.runs(),
            sizes: sizes(t.at, rungs),
            at: t.at,
            arms: t.arms,
            settings: t.settings,
            configs: t.configs,
            seeds: t.seeds,
        })
        .collect()
}

/// The reporting a level asks for: the span, statistics, release,
/// replication. `unit` is what the span is counted in ("parameters").
pub fn reporting(rule: &LevelRule, unit: &'static str, statistics: Statistics) -> Vec<Requirement> {
    let mut list = vec![
        Requirement::Span {
            span: rule.span,
            unit,
            rungs: rule.rungs,
        },
        Requirement::Report(statistics),
        Requirement::Release(rule.release),
    ];
    if rule.replication {
        list.push(Requirement::Replication);
    }
    list
}

/// A trend across sizes read off a thresholded metric can jump where a
/// smooth one does not (the essay warns of phase changes; Schaeffer et
/// al. 2023 trace many to the metric): every kind that reads trends.
pub fn continuous_metric(kind: ContributionKind, field: ResearchField) -> Option<Requirement> {
    (!matches!(kind, ContributionKind::Model | ContributionKind::Codebase))
        .then_some(Requirement::ContinuousMetric { field })
}
