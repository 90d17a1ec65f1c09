package org.segforge.core.privacy;

/**
 * The best (smallest) ε or δ over a list of Rényi orders, with the order that gave it.
 *
 * @param value the ε (≥ 0, +∞ if no order gives a finite bound) or the δ (in [0, 1])
 * @param order the order that gave it; NaN when no order gave a finite bound
 */
public record RdpBound(double value, double order) {
    /**
     * The smallest ε at which RDP values {@code rdp} (index-aligned with {@code orders}) give
     * (ε, δ)-DP, clamped at 0. Besides the conversion, ε = 0 is accepted at an order whose RDP ρ
     * satisfies √(1 − e^−ρ) ≤ δ: Rényi divergence grows with the order, so ρ bounds the KL
     * divergence, and the Bretagnolle–Huber inequality bounds the total variation distance — which
     * is the δ of (0, δ)-DP — by √(1 − e^−KL). Without it, zero steps would report ε &gt; 0, because
     * the conversions carry a term that does not vanish with ρ (dp_accounting has the same rule).
     */
    public static RdpBound epsilon(double[] orders, double[] rdp, double delta, EpsilonConversion conversion) {
        checkLengths(orders, rdp);
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1), got " + delta);
        }
        double best = Double.POSITIVE_INFINITY;
        double bestOrder = Double.NaN;
        for (int i = 0; i < rdp.length; i++) {
            if (Double.isFinite(orders[i]) && Double.isFinite(rdp[i])) {
                double e = delta * delta + Math.expm1(-rdp[i]) >= 0 ? 0 : conversion.epsilon(rdp[i], orders[i], delta);
                if (e < best) {
                    best = e;
                    bestOrder = orders[i];
                }
            }
        }
        return new RdpBound(Math.max(0, best), bestOrder);
    }

    /**
     * The smallest δ, at most 1, at which RDP values {@code rdp} give (ε, δ)-DP; also never above
     * the total-variation bound √(1 − e^−ρ) (see {@link #epsilon}).
     */
    public static RdpBound delta(double[] orders, double[] rdp, double epsilon, EpsilonConversion conversion) {
        checkLengths(orders, rdp);
        if (!(epsilon >= 0)) {
            throw new IllegalArgumentException("epsilon must be >= 0, got " + epsilon);
        }
        double best = 0; // log δ; δ = 1 is always true
        double bestOrder = Double.NaN;
        for (int i = 0; i < rdp.length; i++) {
            if (Double.isFinite(orders[i]) && Double.isFinite(rdp[i])) {
                double tv = 0.5 * Math.log(-Math.expm1(-rdp[i])); // log √(1 − e^−ρ)
                double d = Math.min(tv, conversion.logDelta(rdp[i], orders[i], epsilon));
                if (d < best) {
                    best = d;
                    bestOrder = orders[i];
                }
            }
        }
        return new RdpBound(Math.exp(best), bestOrder);
    }

    private static void checkLengths(double[] orders, double[] rdp) {
        if (orders == null || rdp == null || orders.length != rdp.length || orders.length == 0) {
            throw new IllegalArgumentException("need as many RDP values as orders, at least one");
        }
        for (double a : orders) {
            if (!(a > 1)) {
                throw new IllegalArgumentException("Rényi orders must be > 1, got " + a);
            }
        }
    }
}
