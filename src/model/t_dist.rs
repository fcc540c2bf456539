//! The normal and Student t distributions, central and noncentral: the one
//! implementation every interval, test and power analysis in the app uses.
//! Exact to about 1e-12 (central) or 1e-7 (noncentral) for any real degrees
//! of freedom, since Welch's are rarely integers.

use std::f64::consts::PI;

/// ln Γ(x) for x > 0: Lanczos approximation with g = 7, n = 9 (coefficients of
/// Godfrey, as in Numerical Recipes 3rd ed. §6.1 and Wikipedia's "Lanczos
/// approximation"), relative error about 1e-15.
pub fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Γ(x) = Γ(x + 1) / x keeps us off the reflection formula (and its sine).
        return ln_gamma(x + 1.0) - x.ln();
    }
    let x = x - 1.0;
    let mut a = C[0];
    for (i, c) in C.iter().enumerate().skip(1) {
        a += c / (x + i as f64);
    }
    let t = x + G + 0.5;
    0.5 * (2.0 * PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
}

/// Regularised incomplete beta function I_x(a, b), by its continued fraction
/// evaluated with the modified Lentz method (Numerical Recipes 3rd ed. §6.4,
/// `betai`/`betacf`; DLMF 8.17.22).
pub fn incomplete_beta(a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let front = (ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (-x).ln_1p()).exp();
    // The fraction converges fast for x below (a + 1)/(a + b + 2); use the symmetry otherwise.
    if x < (a + 1.0) / (a + b + 2.0) {
        front * beta_fraction(a, b, x) / a
    } else {
        1.0 - front * beta_fraction(b, a, 1.0 - x) / b
    }
}

fn beta_fraction(a: f64, b: f64, x: f64) -> f64 {
    const EPS: f64 = 1e-16;
    const TINY: f64 = 1e-300;
    // Iterations grow like √max(a, b) (NR §6.4); 10,000 covers df up to ~10¹⁰.
    const MAX_ITERATIONS: u32 = 10_000;
    let guard = |v: f64| if v.abs() < TINY { TINY } else { v };
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 / guard(1.0 - qab * x / qap);
    let mut h = d;
    for m in 1..=MAX_ITERATIONS {
        let m = f64::from(m);
        let m2 = 2.0 * m;
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 / guard(1.0 + aa * d);
        c = guard(1.0 + aa / c);
        h *= d * c;
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 / guard(1.0 + aa * d);
        c = guard(1.0 + aa / c);
        let step = d * c;
        h *= step;
        if (step - 1.0).abs() < EPS {
            break;
        }
    }
    h
}

/// Standard normal CDF by Marsaglia's Taylor series (Marsaglia 2004,
/// "Evaluating the Normal Distribution", J. Stat. Software 11(4)): absolute
/// error below 1e-15, which power sums over hundreds of points need.
///
/// ```
/// use evidence_ladder::model::results::t_dist::normal_cdf;
/// assert!((normal_cdf(1.959_963_984_540_054) - 0.975).abs() < 1e-15);
/// ```
pub fn normal_cdf(z: f64) -> f64 {
    if z.is_nan() {
        return f64::NAN;
    }
    // Beyond ±9 the CDF is 0 or 1 to within 1e-19.
    if z < -9.0 {
        return 0.0;
    }
    if z > 9.0 {
        return 1.0;
    }
    let q = z * z;
    let (mut sum, mut term, mut i) = (z, z, 1.0);
    loop {
        i += 2.0;
        term *= q / i;
        let next = sum + term;
        if next == sum {
            break;
        }
        sum = next;
    }
    // ln √(2π) = 0.918938533204672741780329736406
    0.5 + sum * (-0.5 * q - 0.918_938_533_204_672_7).exp()
}

/// Quantile of the standard normal distribution (the inverse CDF), for 0 < p < 1:
/// Peter J. Acklam's rational approximation (2003, relative error below
/// 1.2e-9) refined by one Halley step on [`normal_cdf`], which makes it exact
/// to about 1e-15.
///
/// ```
/// use evidence_ladder::model::results::t_dist::normal_quantile;
/// assert!((normal_quantile(0.975) - 1.959_963_984_540_054).abs() < 1e-12);
/// ```
pub fn normal_quantile(p: f64) -> f64 {
    let x = normal_quantile_rough(p);
    // Halley's step (Acklam's refinement); skipped in the far tails, where the
    // CDF's absolute error exceeds the tail probability itself.
    if !(1e-12..=1.0 - 1e-12).contains(&p) {
        return x;
    }
    let e = normal_cdf(x) - p;
    let u = e * (2.0 * PI).sqrt() * (x * x / 2.0).exp();
    x - u / (1.0 + x * u / 2.0)
}

/// Acklam's rational approximation alone (relative error below 1.2e-9):
/// for draws, where [`normal_quantile`]'s refinement (a CDF series) would
/// cost ten times as much for digits no sample can show.
///
/// ```
/// use evidence_ladder::model::t_dist::normal_quantile_rough;
/// assert!((normal_quantile_rough(0.001) + 3.090_232_306_167_813).abs() < 1e-8);
/// ```
pub fn normal_quantile_rough(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    const P_LOW: f64 = 0.02425;
    if !(p > 0.0 && p < 1.0) {
        return f64::NAN;
    }
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    if p < P_LOW {
        tail((-2.0 * p.ln()).sqrt())
    } else if p > 1.0 - P_LOW {
        -tail((-2.0 * (1.0 - p).ln()).sqrt())
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    }
}

/// P(T > t) for t ≥ 0 under Student's t with `df` degrees of freedom:
/// ½·I_{df/(df+t²)}(df/2, ½) (Abramowitz & Stegun 26.5.27 / 26.7.1).
fn t_upper_tail(t: f64, df: f64) -> f64 {
    0.5 * incomplete_beta(df / 2.0, 0.5, df / (df + t * t))
}

/// CDF of Student's t distribution with `df` > 0 degrees of freedom (any real df).
///
/// ```
/// use evidence_ladder::model::results::t_dist::student_t_cdf;
/// assert!((student_t_cdf(12.706_204_7, 1.0) - 0.975).abs() < 1e-8);
/// ```
pub fn student_t_cdf(t: f64, df: f64) -> f64 {
    let tail = t_upper_tail(t.abs(), df);
    if t >= 0.0 {
        1.0 - tail
    } else {
        tail
    }
}

fn student_t_density(t: f64, df: f64) -> f64 {
    (ln_gamma((df + 1.0) / 2.0)
        - ln_gamma(df / 2.0)
        - 0.5 * (df * PI).ln()
        - (df + 1.0) / 2.0 * (t * t / df).ln_1p())
    .exp()
}

/// Quantile of Student's t with `df` > 0 degrees of freedom, for 0 < p < 1,
/// accurate to about 1e-12 for any real df.
///
/// Solves P(T > t) = 1 − p by Newton's method on the exact CDF, kept inside a
/// bracket by bisection. Beyond 1e10 df the t is the normal to 1e-10.
///
/// ```
/// use evidence_ladder::model::results::t_dist::student_t_quantile;
/// assert!((student_t_quantile(0.975, 3.0) - 3.182_446_3).abs() < 1e-6);
/// ```
pub fn student_t_quantile(p: f64, df: f64) -> f64 {
    if !(p > 0.0 && p < 1.0) || df.is_nan() || df <= 0.0 {
        return f64::NAN;
    }
    if p < 0.5 {
        return -student_t_quantile(1.0 - p, df);
    }
    if p == 0.5 {
        return 0.0;
    }
    if df > 1e10 {
        return normal_quantile(p);
    }
    let tail = 1.0 - p;
    let mut lo = 0.0;
    let mut hi = normal_quantile(p).max(1.0);
    let mut guard = 0;
    while t_upper_tail(hi, df) > tail && guard < 2_000 {
        lo = hi;
        hi *= 2.0;
        guard += 1;
    }
    let mut t = 0.5 * (lo + hi);
    for _ in 0..200 {
        let excess = t_upper_tail(t, df) - tail; // > 0 means t is too small
        if excess > 0.0 {
            lo = t;
        } else {
            hi = t;
        }
        let newton = t + excess / student_t_density(t, df);
        let next = if newton > lo && newton < hi {
            newton
        } else {
            0.5 * (lo + hi)
        };
        if (next - t).abs() <= 1e-14 * t.max(1.0) {
            return next;
        }
        t = next;
    }
    t
}

/// E[g(S)] where S = √(V/df) and V is chi-squared with `df` ≥ 2 degrees of
/// freedom: S is the ratio of a sample standard deviation to the true one.
/// Integrates over U = √V (a chi variable, whose density u^(df−1)·e^(−u²/2)
/// is smooth at 0 where V's is not) by composite Simpson's rule over
/// V in [df − 12·√(2df), df + 12·√(2df) + 40], clipped at 0 and at `v_max`,
/// outside which the chi-squared mass is below 1e-12. In U that range is
/// about ±12 standard deviations; 200 intervals (a step of an eighth of one)
/// agree with 3,200 to 1e-8, and with the exact central t to 1e-7 at 2 df,
/// the hardest case: a hundred times finer than choosing a seed count needs.
fn chi_expectation(df: f64, v_max: f64, g: impl Fn(f64) -> f64) -> f64 {
    const INTERVALS: usize = 200;
    let spread = 12.0 * (2.0 * df).sqrt();
    let lo = (df - spread).max(0.0).sqrt();
    let hi = (df + spread + 40.0).min(v_max).sqrt();
    if hi.partial_cmp(&lo) != Some(std::cmp::Ordering::Greater) {
        return 0.0;
    }
    let half = df / 2.0;
    // ln of the chi density's constant: 2^(1 − df/2) / Γ(df/2).
    let log_norm = (1.0 - half) * std::f64::consts::LN_2 - ln_gamma(half);
    let density = |u: f64| {
        if u <= 0.0 {
            return 0.0;
        }
        ((df - 1.0) * u.ln() - u * u / 2.0 + log_norm).exp()
    };
    let root_df = df.sqrt();
    let h = (hi - lo) / INTERVALS as f64;
    let mut sum = 0.0;
    for i in 0..=INTERVALS {
        let u = lo + h * i as f64;
        let weight = match i {
            0 => 1.0,
            i if i == INTERVALS => 1.0,
            i if i % 2 == 1 => 4.0,
            _ => 2.0,
        };
        sum += weight * density(u) * g(u / root_df);
    }
    sum * h / 3.0
}

/// CDF of the noncentral t distribution with `df` ≥ 2 degrees of freedom and
/// noncentrality `delta`: P(T ≤ t) = E[Φ(t·S − δ)] with S as in
/// [`chi_expectation`] (the definition T = (Z + δ)/S; Owen 1968).
///
/// ```
/// use evidence_ladder::model::results::t_dist::{noncentral_t_cdf, student_t_cdf};
/// // With δ = 0 it is the central t.
/// assert!((noncentral_t_cdf(1.5, 7.0, 0.0) - student_t_cdf(1.5, 7.0)).abs() < 1e-9);
/// ```
pub fn noncentral_t_cdf(t: f64, df: f64, delta: f64) -> f64 {
    chi_expectation(df, f64::INFINITY, |s| normal_cdf(t * s - delta))
}

/// Exact power of the two-sided two-sample t-test (equal variances) with `n`
/// runs per arm at standardised effect `d` and level `alpha`: the chance that
/// |T| exceeds the critical value when T is noncentral t with 2n − 2 df and
/// noncentrality d·√(n/2) (Cohen 1988, §2; as G*Power computes it).
pub fn t_test_power(n: f64, d: f64, alpha: f64) -> f64 {
    let df = 2.0 * n - 2.0;
    let critical = student_t_quantile(1.0 - alpha / 2.0, df);
    let delta = d * (n / 2.0).sqrt();
    // P(T > c) + P(T < −c) = E[Φ(δ − c·S) + Φ(−δ − c·S)].
    chi_expectation(df, f64::INFINITY, |s| {
        normal_cdf(delta - critical * s) + normal_cdf(-delta - critical * s)
    })
}

/// Exact power of two one-sided tests (TOST, Schuirmann 1987) that show two
/// arms differ by less than the margin, with `n` runs per arm, the margin
/// `d` in standard deviations, each test at level `alpha`, and no true
/// difference. Both tests reject when |D| < Δ − c·SE, so the power is
/// E[(2Φ(δ − c·S) − 1)⁺] with δ = d·√(n/2) and c the one-sided critical t
/// (the exact expression of Owen 1965 for the two-sample case).
pub fn tost_power(n: f64, d: f64, alpha: f64) -> f64 {
    let df = 2.0 * n - 2.0;
    let critical = student_t_quantile(1.0 - alpha, df);
    let delta = d * (n / 2.0).sqrt();
    // The rejection region is empty once c·S ≥ δ, i.e. V ≥ df·(δ/c)².
    let v_max = df * (delta / critical).powi(2);
    chi_expectation(df, v_max, |s| {
        (2.0 * normal_cdf(delta - critical * s) - 1.0).max(0.0)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_cdf_and_quantile_match_tables() {
        for (p, z) in [
            (0.5, 0.0),
            (0.8, 0.841_621_233_572_914_3),
            (0.9, 1.281_551_565_544_600_5),
            (0.975, 1.959_963_984_540_054),
            (0.995, 2.575_829_303_548_901),
            (0.01, -2.326_347_874_040_841),
        ] {
            assert!((normal_quantile(p) - z).abs() < 1e-12, "p={p}");
            assert!((normal_cdf(z) - p).abs() < 1e-14, "z={z}");
        }
        assert_eq!(normal_cdf(-40.0), 0.0);
        assert_eq!(normal_cdf(40.0), 1.0);
    }

    #[test]
    fn noncentral_t_reduces_to_known_cases() {
        // With many df the sample SD is the true one: T − δ is standard normal.
        assert!((noncentral_t_cdf(2.0, 1e6, 1.0) - normal_cdf(1.0)).abs() < 1e-3);
        // Without noncentrality it is the central t (from the incomplete beta).
        for (t, df) in [(0.3, 2.0), (-2.0, 5.5), (3.0, 40.0)] {
            // 1e-7 is a hundred times finer than a power needs to pick a whole seed count.
            let e = (noncentral_t_cdf(t, df, 0.0) - student_t_cdf(t, df)).abs();
            assert!(e < 1e-7, "t={t} df={df}: {e:e}");
        }
    }

    #[test]
    fn the_integration_step_is_fine_enough() {
        // The same expectation with 16× the intervals, by splitting the range.
        for (df, delta, c) in [
            (2.0, 1.0, 4.3),
            (8.0, 2.5, 1.86),
            (138.0, 3.0, 1.98),
            (2e5, 1.0, 1.96),
        ] {
            let coarse = chi_expectation(df, f64::INFINITY, |s| normal_cdf(delta - c * s));
            let spread = 12.0 * (2.0 * df).sqrt();
            let (lo, hi) = ((df - spread).max(0.0), df + spread + 40.0);
            let fine: f64 = (0..16)
                .map(|k| {
                    let a = lo + (hi - lo) * f64::from(k) / 16.0;
                    let b = lo + (hi - lo) * f64::from(k + 1) / 16.0;
                    // Mass in [a, b) = E over [0, b) − E over [0, a).
                    chi_expectation(df, b, |s| normal_cdf(delta - c * s))
                        - chi_expectation(df, a, |s| normal_cdf(delta - c * s))
                })
                .sum();
            assert!((coarse - fine).abs() < 1e-8, "df={df}: {coarse} vs {fine}");
        }
    }

    #[test]
    fn power_matches_g_power() {
        // G*Power 3.1, two independent means, two-tailed, α 0.05:
        // d = 0.5, n = 64 per group → power 0.8015.
        assert!((t_test_power(64.0, 0.5, 0.05) - 0.801_460).abs() < 1e-4);
    }
}
