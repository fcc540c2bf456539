//! The verdict rules: whether the method's advantage grows, holds or
//! shrinks with scale, whether there is any, and, when that is unclear, what
//! would settle it. The advantage is the compute multiplier where the metric
//! has a scaling law, else the gain in the metric's units.
//!
//! "holds" is a claim that the advantage will not fade, so it needs evidence
//! of no decline, not only a slope whose interval contains zero (issue 22: in
//! a simulation with a truly constant gain, 531 of 733 "holds" under the old
//! rule had intervals that allowed losing most of the gain per tenfold).

use serde::{Deserialize, Serialize};

use super::estimate::{ci, RungNoise};
use super::trend::{fit_line, Line, Series};

/// Whether the method's advantage grows, holds or shrinks with scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The slope's 95% interval is above 0, and the method is ahead at the
    /// largest rung (that rung's 95% interval and the line there above none).
    Grows,
    /// Evidence of no decline: the advantage at the largest rung is above
    /// none with its 95% interval, and the slope's interval rules out losing
    /// more than half of it per tenfold scale.
    Holds,
    /// The slope's 95% interval is below 0.
    Shrinks,
    /// Every rung's 95% interval includes no advantage at all.
    NoGain,
    /// Anything else.
    Unclear,
}

impl Verdict {
    pub fn word(self) -> &'static str {
        match self {
            Self::Grows => "grows",
            Self::Holds => "holds",
            Self::Shrinks => "shrinks",
            Self::NoGain => "no gain",
            Self::Unclear => "unclear",
        }
    }
}

/// The largest decline per tenfold scale that still counts as holding, as a
/// share of the advantage at the largest rung: losing half of it per decade
/// would leave little two decades on, which no one would call holding. Ours.
pub const MOST_DECLINE_PER_DECADE: f64 = 0.5;

/// A line through a series and the verdict it supports.
pub struct Judged {
    pub line: Option<Line>,
    pub verdict: Verdict,
}

/// The verdict on a series (log10 multipliers or gains) at `xs` = log10(scale).
pub fn judge(xs: &[f64], series: &Series, noise: &[RungNoise], usable: &[bool]) -> Judged {
    let Some(line) = fit_line(xs, series, noise, usable) else {
        return Judged {
            line: None,
            verdict: Verdict::Unclear,
        };
    };
    let verdict = decide(&line, xs, series, noise);
    Judged {
        line: Some(line),
        verdict,
    }
}

fn decide(line: &Line, xs: &[f64], series: &Series, noise: &[RungNoise]) -> Verdict {
    let Some(((lo, hi), _)) = line.slope_ci else {
        return Verdict::Unclear;
    };
    let interval_at = |i: usize| {
        ci(
            series.values[i].unwrap_or(0.0),
            noise,
            &series.coefficients[i],
        )
    };
    if line.used.iter().all(|&i| {
        let (a, b) = interval_at(i);
        a <= 0.0 && 0.0 <= b
    }) {
        return Verdict::NoGain;
    }
    let Some(&top) = line.used.last() else {
        return Verdict::Unclear;
    };
    let at_top = line.at(xs[top]);
    // "Grows" and "holds" speak of an advantage, so the method must have
    // one at the largest rung: a method behind at every size whose deficit
    // narrows is catching up, not gaining, and passes no gate.
    let ahead_at_top = interval_at(top).0 > 0.0 && at_top > 0.0;
    if lo > 0.0 {
        return if ahead_at_top {
            Verdict::Grows
        } else {
            Verdict::Unclear
        };
    }
    if hi < 0.0 {
        return Verdict::Shrinks;
    }
    if ahead_at_top && lo > -MOST_DECLINE_PER_DECADE * at_top {
        Verdict::Holds
    } else {
        Verdict::Unclear
    }
}

/// What would turn an unclear verdict into a clear one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Settle {
    /// The rung where more seeds help most.
    pub params: f64,
    /// Seeds per arm there now (the smaller arm's).
    pub seeds_now: usize,
    /// True when no single rung would do and the seeds are needed at every rung
    /// (`params` is then the rung with the fewest seeds).
    pub every_rung: bool,
    /// Seeds per arm there that would give a clear verdict if the means and
    /// spreads stayed as measured; `None` when even [`MOST_PROJECTED_SEEDS`] would not.
    pub seeds_needed: Option<usize>,
    /// The next rung, whose results would settle it too.
    pub next_params: f64,
}

/// More seeds than this at one rung cost more than running the next rung
/// (a rung up is a few times the compute of all seeds at a rung below), so
/// the advice becomes "run the next rung". Ours.
pub const MOST_PROJECTED_SEEDS: usize = 200;

/// What an unclear analysis is about, for projecting more seeds.
pub struct Question<'a> {
    pub xs: &'a [f64],
    pub series: &'a Series,
    pub noise: &'a [RungNoise],
    pub usable: &'a [bool],
}

impl Question<'_> {
    /// The verdict if rung `i` (every rung when `None`) had `n` seeds per arm
    /// with the same means and spreads.
    fn projected(&self, i: Option<usize>, n: usize) -> Verdict {
        let more: Vec<RungNoise> = self
            .noise
            .iter()
            .enumerate()
            .map(|(j, r)| {
                if i.is_none_or(|i| i == j) {
                    r.with_seeds(n as f64)
                } else {
                    *r
                }
            })
            .collect();
        judge(self.xs, self.series, &more, self.usable).verdict
    }

    /// The fewest seeds per arm (above `now`, at most [`MOST_PROJECTED_SEEDS`])
    /// at rung `i` (every rung when `None`) that settle the verdict, by bisection.
    fn fewest_seeds(&self, i: Option<usize>, now: usize) -> Option<usize> {
        if now >= MOST_PROJECTED_SEEDS
            || self.projected(i, MOST_PROJECTED_SEEDS) == Verdict::Unclear
        {
            return None;
        }
        let (mut lo, mut hi) = (now, MOST_PROJECTED_SEEDS);
        while hi - lo > 1 {
            let mid = (lo + hi) / 2;
            if self.projected(i, mid) == Verdict::Unclear {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        Some(hi)
    }
}

/// For an unclear verdict: the rung where the fewest extra seeds would
/// settle it; if no single rung would within [`MOST_PROJECTED_SEEDS`], the
/// seeds needed at every rung; failing that (rung-to-rung scatter, which
/// seeds do not shrink, or a method not ahead), only the next rung. `None`
/// when there is no line to narrow.
pub fn settle(
    question: &Question,
    line: &Line,
    params: &[f64],
    next_params: f64,
) -> Option<Settle> {
    let seeds_now = |i: usize| {
        let n = &question.noise[i];
        n.n_method.min(n.n_baseline) as usize
    };
    let mut best: Option<(usize, usize)> = None; // (extra seeds, rung index)
                                                 // The ends of the ladder carry most of the slope's variance, and the
                                                 // largest rung decides "holds": trying only them bounds the work (about
                                                 // 30 refits whatever the number of rungs).
    let mut candidates: Vec<usize> = [line.used.first(), line.used.last()]
        .into_iter()
        .flatten()
        .copied()
        .collect();
    candidates.dedup();
    for &i in &candidates {
        let now = seeds_now(i);
        if let Some(n) = question.fewest_seeds(Some(i), now) {
            if best.is_none_or(|(extra, _)| n - now < extra) {
                best = Some((n - now, i));
            }
        }
    }
    let fewest = line.used.iter().copied().min_by_key(|&i| seeds_now(i))?;
    let (index, seeds_needed, every_rung) = match best {
        Some((extra, i)) => (i, Some(seeds_now(i) + extra), false),
        None => match question.fewest_seeds(None, seeds_now(fewest)) {
            Some(n) => (fewest, Some(n), true),
            None => (*line.used.last()?, None, false),
        },
    };
    Some(Settle {
        params: params[index],
        seeds_now: seeds_now(index),
        every_rung,
        seeds_needed,
        next_params,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Gains at 10⁸…10¹¹ with five seeds per arm and a variance of the mean of `v` per arm.
    fn verdict(gains: &[f64], v: f64) -> Verdict {
        let k = gains.len();
        let series = Series {
            values: gains.iter().map(|g| Some(*g)).collect(),
            coefficients: (0..k)
                .map(|i| {
                    let mut c = vec![[0.0; 2]; k];
                    c[i] = [1.0, -1.0];
                    c
                })
                .collect(),
        };
        let noise = vec![
            RungNoise {
                method: v,
                baseline: v,
                paired: None,
                n_method: 5.0,
                n_baseline: 5.0,
            };
            k
        ];
        let xs: Vec<f64> = (0..k).map(|i| 8.0 + i as f64).collect();
        judge(&xs, &series, &noise, &vec![true; k]).verdict
    }

    #[test]
    fn each_verdict_from_its_rule() {
        assert_eq!(verdict(&[1.0, 2.0, 3.0, 4.0], 0.01), Verdict::Grows);
        assert_eq!(verdict(&[4.0, 3.0, 2.0, 1.0], 0.01), Verdict::Shrinks);
        assert_eq!(verdict(&[1.0, 1.02, 0.99, 1.0], 0.01), Verdict::Holds);
        // Every rung's interval includes zero.
        assert_eq!(verdict(&[0.05, -0.05, 0.02, 0.0], 0.01), Verdict::NoGain);
        // Ahead at the top, but the slope could lose more than half of it per decade.
        assert_eq!(verdict(&[1.0, 0.2, 1.6, 0.5], 0.01), Verdict::Unclear);
        // One rung with an interval: no line, no verdict.
        assert_eq!(verdict(&[1.0], 0.01), Verdict::Unclear);
    }

    #[test]
    fn holds_needs_the_top_rung_above_none() {
        // Flat at 0.3 with noise that leaves the top rung's interval across zero.
        assert_ne!(verdict(&[0.3, 0.3, 0.3, 0.3], 0.05), Verdict::Holds);
        assert_eq!(verdict(&[0.3, 0.3, 0.3, 0.3], 0.001), Verdict::Holds);
    }
}
