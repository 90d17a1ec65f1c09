package org.segforge.core.privacy;

/**
 * The (ε, δ) guarantee of {@code steps} steps of the Poisson-subsampled Gaussian mechanism.
 *
 * @param epsilon    the ε spent; +∞ when the mechanism adds no noise
 * @param delta      the δ the ε was computed for
 * @param order      the Rényi order α at which the conversion was tightest
 * @param steps      how many mechanism invocations were composed
 * @param q          the sampling probability of every example at every step
 * @param sigma      the noise multiplier (noise std divided by the clipping norm)
 * @param conversion how RDP was turned into (ε, δ)
 */
public record PrivacyBudget(double epsilon, double delta, double order, long steps, double q, double sigma,
                            EpsilonConversion conversion) {
    public PrivacyBudget {
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1), got " + delta);
        }
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
    }

    /** "(ε = 3.01, δ = 1e-05) after 14063 steps, q = 0.00427, σ = 1.1". */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "(ε = %.4g, δ = %.3g) after %d steps, q = %.4g, σ = %.4g, order %.4g, %s",
            epsilon, delta, steps, q, sigma, order, conversion);
    }
}
