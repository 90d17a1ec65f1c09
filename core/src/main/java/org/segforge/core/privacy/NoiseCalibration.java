package org.segforge.core.privacy;

/**
 * The inverse of the accountant: the smallest noise multiplier σ for which {@code steps} steps at
 * sampling probability q stay within a target (ε, δ) — so a user can ask for "ε ≈ 100" rather than
 * guess a σ. ε decreases monotonically as σ grows (more noise, less privacy loss at every order), so
 * a bisection in log σ finds it.
 */
public final class NoiseCalibration {
    /** σ is searched in [MIN_SIGMA, MAX_SIGMA]. */
    static final double MIN_SIGMA = 1e-3;
    static final double MAX_SIGMA = 1e4;

    private NoiseCalibration() {}

    /**
     * The smallest σ (to a relative 10⁻⁴, rounded up so that the target is met) with ε ≤ target.
     *
     * @param q             sampling probability in (0, 1]
     * @param steps         number of DP steps ≥ 1
     * @param delta         δ in (0, 1)
     * @param targetEpsilon ε &gt; 0
     * @param orders        Rényi orders of the accountant
     * @param conversion    RDP to (ε, δ) conversion
     * @throws IllegalArgumentException if even σ = 10⁴ spends more than the target, or even
     *                                  σ = 10⁻³ spends less (then almost no noise is needed)
     */
    public static double sigmaFor(double q, long steps, double delta, double targetEpsilon, double[] orders,
                                  EpsilonConversion conversion) {
        if (!(q > 0 && q <= 1) || steps < 1 || !(targetEpsilon > 0)) {
            throw new IllegalArgumentException("need q in (0, 1], steps >= 1 and a target epsilon > 0; got q = " + q
                + ", steps = " + steps + ", epsilon = " + targetEpsilon);
        }
        double lo = MIN_SIGMA;
        double hi = MAX_SIGMA;
        if (epsilon(q, hi, steps, delta, orders, conversion) > targetEpsilon) {
            throw new IllegalArgumentException("even sigma = " + hi + " spends more than epsilon = " + targetEpsilon);
        }
        if (epsilon(q, lo, steps, delta, orders, conversion) <= targetEpsilon) {
            throw new IllegalArgumentException("sigma = " + lo + " already meets epsilon = " + targetEpsilon
                + ": that target needs almost no noise");
        }
        // invariant: ε(lo) > target ≥ ε(hi)
        while (hi / lo > 1 + 1e-4) {
            double mid = Math.sqrt(lo * hi);
            if (epsilon(q, mid, steps, delta, orders, conversion) > targetEpsilon) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    /** {@link #sigmaFor} over the default orders with the improved conversion. */
    public static double sigmaFor(double q, long steps, double delta, double targetEpsilon) {
        return sigmaFor(q, steps, delta, targetEpsilon, RdpAccountant.defaultOrders(), EpsilonConversion.IMPROVED);
    }

    private static double epsilon(double q, double sigma, long steps, double delta, double[] orders, EpsilonConversion c) {
        return new RdpAccountant(q, sigma, orders).budget(steps, delta, c).epsilon();
    }
}
