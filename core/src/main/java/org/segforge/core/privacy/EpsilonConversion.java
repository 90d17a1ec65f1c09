package org.segforge.core.privacy;

/**
 * How an RDP guarantee (α, ρ) — Rényi divergence of order α at most ρ between the outputs on
 * neighbouring datasets — becomes an (ε, δ) guarantee. Both are valid for every α &gt; 1; the
 * accountant takes the best α from its list.
 */
public enum EpsilonConversion {
    /**
     * Mironov 2017 ("Rényi Differential Privacy", Proposition 3): ε = ρ + log(1/δ)/(α − 1). What
     * TF-Privacy's {@code get_privacy_spent} (rdp_accountant.py) and the TF-Privacy tutorials
     * reported, so published numbers such as "ε = 3.01" for the MNIST tutorial use this one.
     */
    CLASSIC {
        @Override
        public double epsilon(double rdp, double order, double delta) {
            return rdp + Math.log(1 / delta) / (order - 1);
        }

        @Override
        public double logDelta(double rdp, double order, double epsilon) {
            return (order - 1) * (rdp - epsilon);
        }
    },
    /**
     * Canonne, Kamath and Steinke 2020 ("The Discrete Gaussian for Differential Privacy",
     * Proposition 12), equivalently Balle et al. 2020 ("Hypothesis Testing Interpretations and Rényi
     * Differential Privacy", Theorem 21): ε = ρ + log((α − 1)/α) − (log δ + log α)/(α − 1). Always
     * smaller than {@link #CLASSIC} (both extra terms are negative for α &gt; 1); what Opacus's
     * {@code get_privacy_spent} and Google's dp_accounting {@code compute_epsilon} use today.
     */
    IMPROVED {
        @Override
        public double epsilon(double rdp, double order, double delta) {
            return rdp + Math.log1p(-1 / order) - (Math.log(delta) + Math.log(order)) / (order - 1);
        }

        @Override
        public double logDelta(double rdp, double order, double epsilon) {
            return (order - 1) * (rdp - epsilon + Math.log1p(-1 / order)) - Math.log(order);
        }
    };

    /** The ε of (ε, δ)-DP implied by RDP ρ at order α &gt; 1 (may be negative: callers clamp at 0). */
    public abstract double epsilon(double rdp, double order, double delta);

    /** The log δ of (ε, δ)-DP implied by RDP ρ at order α &gt; 1 (may exceed 0: callers clamp at 1). */
    public abstract double logDelta(double rdp, double order, double epsilon);
}
