package org.segforge.core.privacy;

import org.hipparchus.special.Erf;

/**
 * Rényi differential privacy of one step of the Poisson-subsampled Gaussian mechanism: every example
 * joins the batch independently with probability q, the clipped per-example contributions (L2
 * sensitivity 1 after dividing by the clipping norm) are summed, and N(0, σ²) noise is added per
 * coordinate. After Mironov, Talwar and Zhang 2019, "Rényi Differential Privacy of the Sampled
 * Gaussian Mechanism" (arXiv:1908.10530), Section 3.3.
 *
 * <p>The RDP of order α is ρ(α) = log(A_α)/(α − 1) with A_α = E_{z∼μ₀}[(μ(z)/μ₀(z))^α],
 * μ₀ = N(0, σ²), μ₁ = N(1, σ²), μ = (1 − q)·μ₀ + q·μ₁ (the paper proves this direction is the larger
 * one for the add/remove-one relation). Two evaluations of A_α, both in log space so that nothing
 * overflows even where A_α is astronomically large (tiny σ, large α):
 * <ul>
 * <li>integer α: the finite binomial expansion
 *     A_α = Σ_{i=0..α} C(α, i) (1 − q)^{α−i} q^i exp((i² − i)/(2σ²)), every term positive;</li>
 * <li>fractional α: the integral split at z₀ = σ²·log(1/q − 1) + ½, where q·μ₁ = (1 − q)·μ₀, and on
 *     each side the binomial series of the dominated term, which converges there; each Gaussian
 *     integral over a half-line is an erfc:
 *     A_α = Σ_{i≥0} C(α, i) [q^i (1 − q)^{α−i} e^{(i² − i)/(2σ²)} · ½erfc((i − z₀)/(√2σ))
 *                         + q^{α−i} (1 − q)^i e^{(j² − j)/(2σ²)} · ½erfc((z₀ − j)/(√2σ))], j = α − i.
 *     The coefficients change sign for i &gt; α, so positive and negative terms are summed apart; the
 *     series is cut once i &gt; α and both terms are below e^−30 (A_α ≥ 1, so that is a relative
 *     error below 10^−13; the tail alternates, so the first omitted term bounds it).</li>
 * </ul>
 * Accuracy: log A_α to about 10⁻¹⁴ absolute (the signed sum's cancellation), i.e. relative 10⁻⁹
 * or better wherever the RDP matters (checked against 60-digit numerical integration). Google's
 * dp_accounting (its current rdp_privacy_accountant.py) sums the absolute values of the fractional
 * series instead — a looser upper bound, so its values at fractional orders are slightly larger than
 * these (3 % at α = 1.5 for q = 0.01, σ = 2.5); at integer orders the two agree.
 *
 * <p>Special cases: q = 0 gives 0 (nothing private is touched), σ = 0 or α = ∞ gives +∞ (for q &gt; 0),
 * q = 1 gives the plain Gaussian mechanism's α/(2σ²).
 */
public final class SampledGaussian {
    /** Integer orders above this use the fractional series (the expansion has α + 1 terms). */
    private static final int MAX_INTEGER_EXPANSION = 100_000;
    /** Safety cap on the fractional series; convergence needs about e^(30/(α+2)) terms. */
    private static final int MAX_SERIES_TERMS = 10_000_000;
    private static final double LOG_HALF = Math.log(0.5);
    private static final double CUTOFF = -30;

    private SampledGaussian() {}

    /**
     * The RDP ρ(α) of one step.
     *
     * @param q     sampling probability in [0, 1]
     * @param sigma noise multiplier ≥ 0 (noise std / clipping norm)
     * @param order Rényi order α &gt; 1, may be +∞
     */
    public static double rdp(double q, double sigma, double order) {
        check(q, sigma, order);
        if (q == 0) {
            return 0;
        }
        if (sigma == 0 || order == Double.POSITIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        }
        if (q == 1) {
            return order / (2 * sigma * sigma);
        }
        // A_α ≥ 1 (a Rényi divergence is ≥ 0); where it is 1 + 10⁻¹⁴ or so, the fractional series'
        // cancellation can leave a log A of −10⁻¹⁵: clamp, so that composing millions of steps
        // cannot turn rounding into a negative privacy cost
        return Math.max(0, logA(q, sigma, order)) / (order - 1);
    }

    /** log A_α for 0 &lt; q &lt; 1, σ &gt; 0, finite α &gt; 1 (see the class comment). */
    static double logA(double q, double sigma, double order) {
        if (order == Math.rint(order) && order <= MAX_INTEGER_EXPANSION) {
            return logAInteger(q, sigma, (int) order);
        }
        return logAFractional(q, sigma, order);
    }

    static double logAInteger(double q, double sigma, int alpha) {
        double logQ = Math.log(q);
        double log1mQ = Math.log1p(-q);
        double twoVar = 2 * sigma * sigma;
        double logBinom = 0; // log C(α, i), updated by C(α, i) = C(α, i − 1)·(α − i + 1)/i
        double sum = Double.NEGATIVE_INFINITY;
        for (int i = 0; i <= alpha; i++) {
            if (i > 0) {
                logBinom += Math.log(alpha - i + 1) - Math.log(i);
            }
            double ii = i;
            double term = logBinom + ii * logQ + (alpha - ii) * log1mQ + (ii * ii - ii) / twoVar;
            sum = logAdd(sum, term);
        }
        return sum;
    }

    static double logAFractional(double q, double sigma, double alpha) {
        double logQ = Math.log(q);
        double log1mQ = Math.log1p(-q);
        double twoVar = 2 * sigma * sigma;
        double scale = Math.sqrt(2) * sigma;
        double z0 = sigma * sigma * (log1mQ - logQ) + 0.5;
        double pos = Double.NEGATIVE_INFINITY;
        double neg = Double.NEGATIVE_INFINITY;
        double logAbsBinom = 0; // log |C(α, i)|
        boolean positive = true; // sign of C(α, i)
        for (int i = 0; i < MAX_SERIES_TERMS; i++) {
            if (i > 0) {
                double factor = (alpha - i + 1) / i;
                logAbsBinom += Math.log(Math.abs(factor));
                if (factor < 0) {
                    positive = !positive;
                }
            }
            double j = alpha - i;
            double t0 = logAbsBinom + i * logQ + j * log1mQ + ((double) i * i - i) / twoVar
                + LOG_HALF + logErfc((i - z0) / scale);
            double t1 = logAbsBinom + j * logQ + i * log1mQ + (j * j - j) / twoVar
                + LOG_HALF + logErfc((z0 - j) / scale);
            if (positive) {
                pos = logAdd(pos, logAdd(t0, t1));
            } else {
                neg = logAdd(neg, logAdd(t0, t1));
            }
            if (i > alpha && Math.max(t0, t1) < CUTOFF) {
                return logSub(pos, neg);
            }
        }
        throw new IllegalStateException("sampled Gaussian RDP series did not converge for q = " + q
            + ", sigma = " + sigma + ", order = " + alpha);
    }

    /**
     * log(erfc(x)), accurate also where erfc(x) underflows a double (x &gt; 26): there the
     * asymptotic series erfc(x) = e^(−x²)/(x√π)·(1 − 1/(2x²) + 3/(2x²)² − 15/(2x²)³ + …), whose
     * first omitted term at x ≥ 20 is below 10^−12.
     */
    static double logErfc(double x) {
        if (x < 20) {
            return Math.log(Erf.erfc(x));
        }
        double u = 1 / (2 * x * x);
        double series = 1 - u * (1 - 3 * u * (1 - 5 * u * (1 - 7 * u * (1 - 9 * u))));
        return -x * x - Math.log(x) - 0.5 * Math.log(Math.PI) + Math.log(series);
    }

    /** log(e^a + e^b) without overflow. */
    static double logAdd(double a, double b) {
        double hi = Math.max(a, b);
        double lo = Math.min(a, b);
        if (hi == Double.NEGATIVE_INFINITY) {
            return hi;
        }
        return hi + Math.log1p(Math.exp(lo - hi));
    }

    /** log(e^a − e^b) for a ≥ b. */
    static double logSub(double a, double b) {
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        if (b >= a) {
            throw new IllegalStateException("sampled Gaussian RDP: cancellation left no positive sum (" + a + " vs " + b + ")");
        }
        return a + Math.log(-Math.expm1(b - a));
    }

    static void check(double q, double sigma, double order) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("sampling probability q must be in [0, 1], got " + q);
        }
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("noise multiplier sigma must be finite and >= 0, got " + sigma);
        }
        if (!(order > 1)) {
            throw new IllegalArgumentException("Rényi order must be > 1, got " + order);
        }
    }
}
