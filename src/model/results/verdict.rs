//! The verdict rules: whether the gain grows, holds or shrinks with scale,
//! and, when that is unclear, what would settle it.
//!
//! "holds" is a claim that the gain will not fade, so it needs evidence of no
//! decline, not only a slope whose interval contains zero (issue 22: in a
//! simulation with a truly constant gain, 531 of 733 "holds" under the old
//! rule had intervals that allowed losing most of the gain per tenfold).

use serde::{Deserialize, Serialize};

use super::trend::{fit_points, Fit};
use super::welch::{interval, satterthwaite, RungGain, TrendPoint};

/// Whether the gain grows, holds or shrinks with scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The slope's 95% interval is above 0.
    Grows,
    /// Evidence of no decline: the slope's interval contains 0 but excludes
    /// losing more than half the mean gain per tenfold scale, the next rung's
    /// 95% prediction interval is above 0, and so is the largest rung's gain.
    Holds,
    /// The slope's 95% interval is below 0.
    Shrinks,
    /// Anything else.
    Unclear,
}

impl Verdict {
    pub fn word(self) -> &'static str {
        match self {
            Self::Grows => "grows",
            Self::Holds => "holds",
            Self::Shrinks => "shrinks",
            Self::Unclear => "unclear",
        }
    }
}

/// The largest decline per tenfold scale that still counts as holding, as a
/// share of the mean gain: losing half the gain per decade would leave
/// nothing two decades on, which no one would call holding.
pub const MOST_DECLINE_PER_DECADE: f64 = 0.5;

/// The verdict from a fitted line and the largest rung's lower 95% bound.
pub fn decide(fit: &Fit, top_ci_low: Option<f64>) -> Verdict {
    let Some(((lo, hi), _)) = fit.slope_ci else {
        return Verdict::Unclear;
    };
    if lo > 0.0 {
        return Verdict::Grows;
    }
    if hi < 0.0 {
        return Verdict::Shrinks;
    }
    let no_decline = fit.mean_gain > 0.0 && lo > -MOST_DECLINE_PER_DECADE * fit.mean_gain;
    let next_positive = fit.next_pi.is_some_and(|(pi_low, _)| pi_low > 0.0);
    let top_positive = top_ci_low.is_some_and(|lo| lo > 0.0);
    if no_decline && next_positive && top_positive {
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
/// the advice becomes "run the next rung".
pub const MOST_PROJECTED_SEEDS: usize = 200;

/// The verdict if rung `i` (every rung when `None`) had `n` seeds per arm
/// with the same means and spreads.
fn projected(
    points: &[TrendPoint],
    i: Option<usize>,
    n: usize,
    next_x: f64,
    top: &RungGain,
) -> Verdict {
    let mut more = points.to_vec();
    for (j, p) in more.iter_mut().enumerate() {
        if i.is_none_or(|i| i == j) {
            for arm in &mut p.arms {
                arm.1 = arm.1.max(n as f64);
            }
        }
    }
    let top_ci_low = match more.last() {
        Some(last) if last.x == top.params.log10() => {
            let (variance, df) = satterthwaite(&last.components(1.0));
            Some(interval(last.gain, variance, df).0)
        }
        _ => top.ci_low,
    };
    decide(&fit_points(&more, next_x), top_ci_low)
}

/// The fewest seeds per arm (above `now`, at most [`MOST_PROJECTED_SEEDS`])
/// at rung `i` (every rung when `None`) that settle the verdict, by bisection.
fn fewest_seeds(
    points: &[TrendPoint],
    i: Option<usize>,
    now: usize,
    next_x: f64,
    top: &RungGain,
) -> Option<usize> {
    if now >= MOST_PROJECTED_SEEDS
        || projected(points, i, MOST_PROJECTED_SEEDS, next_x, top) == Verdict::Unclear
    {
        return None;
    }
    let (mut lo, mut hi) = (now, MOST_PROJECTED_SEEDS);
    while hi - lo > 1 {
        let mid = (lo + hi) / 2;
        if projected(points, i, mid, next_x, top) == Verdict::Unclear {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Some(hi)
}

/// For an unclear verdict with a positive mean gain: the rung where the
/// fewest extra seeds would settle it; if no single rung would within
/// [`MOST_PROJECTED_SEEDS`], the seeds needed at every rung; failing that,
/// the rung that carries most of the slope's variance. `None` when there is
/// no interval to narrow or the method is not ahead on average (more seeds
/// cannot make it hold).
pub fn settle(
    points: &[TrendPoint],
    fit: &Fit,
    top: &RungGain,
    next_params: f64,
) -> Option<Settle> {
    if points.len() < 2 || fit.slope_ci.is_none() || fit.mean_gain <= 0.0 {
        return None;
    }
    let next_x = next_params.log10();
    let seeds_now = |p: &TrendPoint| p.arms[0].1.min(p.arms[1].1) as usize;
    let mut best: Option<(usize, usize)> = None; // (extra seeds, rung index)
    for (i, p) in points.iter().enumerate() {
        let now = seeds_now(p);
        if let Some(n) = fewest_seeds(points, Some(i), now, next_x, top) {
            if best.is_none_or(|(extra, _)| n - now < extra) {
                best = Some((n - now, i));
            }
        }
    }
    let fewest_now = points.iter().map(seeds_now).min().unwrap_or(0);
    let everywhere = best
        .is_none()
        .then(|| fewest_seeds(points, None, fewest_now, next_x, top))
        .flatten();
    let (index, seeds_needed, every_rung) = match (best, everywhere) {
        (Some((extra, i)), _) => (i, Some(seeds_now(&points[i]) + extra), false),
        (None, Some(n)) => {
            let i = (0..points.len()).min_by_key(|&i| seeds_now(&points[i]))?;
            (i, Some(n), true)
        }
        (None, None) => {
            // The rung whose variance weighs most in the slope: (x − x̄)²·Var(gain).
            let total: f64 = points.iter().map(TrendPoint::weight).sum();
            let mean_x = points.iter().map(|p| p.weight() * p.x).sum::<f64>() / total;
            let share = |p: &TrendPoint| {
                let (v, _) = satterthwaite(&p.components(1.0));
                (p.weight() * (p.x - mean_x)).powi(2) * v
            };
            let i = (0..points.len())
                .max_by(|&a, &b| share(&points[a]).total_cmp(&share(&points[b])))?;
            (i, None, false)
        }
    };
    Some(Settle {
        params: 10f64.powf(points[index].x),
        seeds_now: seeds_now(&points[index]),
        every_rung,
        seeds_needed,
        next_params,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fit(slope_ci: (f64, f64), mean_gain: f64, pi_low: f64) -> Fit {
        Fit {
            slope: 0.5 * (slope_ci.0 + slope_ci.1),
            intercept: 0.0,
            slope_ci: Some((slope_ci, Some(10.0))),
            mean_gain,
            rungs_used: 3,
            next_gain: mean_gain,
            next_pi: Some((pi_low, mean_gain * 2.0)),
        }
    }

    #[test]
    fn holds_needs_every_condition() {
        assert_eq!(
            decide(&fit((0.1, 0.3), 1.0, 0.5), Some(0.5)),
            Verdict::Grows
        );
        assert_eq!(
            decide(&fit((-0.3, -0.1), 1.0, 0.5), Some(0.5)),
            Verdict::Shrinks
        );
        assert_eq!(
            decide(&fit((-0.3, 0.2), 1.0, 0.5), Some(0.5)),
            Verdict::Holds
        );
        // Could lose more than half the gain per decade.
        assert_eq!(
            decide(&fit((-0.6, 0.2), 1.0, 0.5), Some(0.5)),
            Verdict::Unclear
        );
        // The next rung could show no gain.
        assert_eq!(
            decide(&fit((-0.3, 0.2), 1.0, -0.1), Some(0.5)),
            Verdict::Unclear
        );
        // The largest rung's gain is not clearly positive.
        assert_eq!(
            decide(&fit((-0.3, 0.2), 1.0, 0.5), Some(-0.1)),
            Verdict::Unclear
        );
        assert_eq!(decide(&fit((-0.3, 0.2), 1.0, 0.5), None), Verdict::Unclear);
        // A method that is behind does not "hold".
        assert_eq!(
            decide(&fit((-0.3, 0.2), -1.0, 0.5), Some(0.5)),
            Verdict::Unclear
        );
    }
}
