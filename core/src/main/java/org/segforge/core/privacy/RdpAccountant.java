package org.segforge.core.privacy;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The privacy spent by DP-SGD with a fixed sampling probability q and noise multiplier σ: the
 * per-step RDP of the {@link SampledGaussian} mechanism at a list of Rényi orders, composed over
 * steps (RDP adds up: ρ_T(α) = T·ρ(α)), converted to (ε, δ) at the best order.
 *
 * <p>The per-step RDP is computed once, in the constructor (the fractional orders' series is the
 * only cost, milliseconds to a fraction of a second); {@link #budget} is then a loop over the
 * orders, cheap enough to report ε after every training step.
 *
 * <p>The guarantee holds for add/remove-one neighbours, under Poisson sampling of the whole private
 * dataset with probability q at every step, and clipping of every example's contribution to the
 * clipping norm C with noise of standard deviation σ·C — what {@code nn.privacy.DpSgd} does.
 */
public final class RdpAccountant {
    private final double q;
    private final double sigma;
    private final double[] orders;
    private final double[] stepRdp;

    /** A q, σ accountant over {@link #defaultOrders()}. */
    public RdpAccountant(double q, double sigma) {
        this(q, sigma, defaultOrders());
    }

    /**
     * @param q      the sampling probability of every example at every step, in [0, 1]
     * @param sigma  the noise multiplier σ ≥ 0
     * @param orders Rényi orders &gt; 1 to optimise the conversion over (more orders, tighter ε)
     */
    public RdpAccountant(double q, double sigma, double[] orders) {
        if (orders == null || orders.length == 0) {
            throw new IllegalArgumentException("need at least one Rényi order");
        }
        for (double a : orders) {
            SampledGaussian.check(q, sigma, a);
        }
        this.q = q;
        this.sigma = sigma;
        this.orders = orders.clone();
        // orders are independent series: spread them over the cores
        this.stepRdp = IntStream.range(0, orders.length).parallel()
            .mapToDouble(i -> SampledGaussian.rdp(q, sigma, orders[i])).toArray();
    }

    /**
     * The orders Opacus uses by default (1.1, 1.2, …, 10.9 and 12, 13, …, 63) with a few more at
     * both ends: 1.001 … 1.05 for very large ε (the best order tends to 1 as σ shrinks) and
     * 64 … 256 for very small ε (it grows as σ grows).
     */
    public static double[] defaultOrders() {
        double[] low = {1.001, 1.002, 1.005, 1.01, 1.02, 1.05};
        double[] tenths = IntStream.rangeClosed(1, 99).mapToDouble(x -> 1 + x / 10.0).toArray();
        double[] ints = IntStream.rangeClosed(12, 64).asDoubleStream().toArray();
        double[] high = {80, 96, 128, 160, 192, 256};
        double[] all = new double[low.length + tenths.length + ints.length + high.length];
        int k = 0;
        for (double[] part : new double[][] {low, tenths, ints, high}) {
            System.arraycopy(part, 0, all, k, part.length);
            k += part.length;
        }
        return all;
    }

    public double q() {
        return q;
    }

    public double sigma() {
        return sigma;
    }

    public double[] orders() {
        return orders.clone();
    }

    /** The RDP of {@code steps} composed steps at every order (index-aligned with {@link #orders()}). */
    public double[] rdp(long steps) {
        checkSteps(steps);
        double[] r = new double[stepRdp.length];
        for (int i = 0; i < r.length; i++) {
            // 0·∞ would be NaN: zero steps spend nothing whatever the mechanism
            r[i] = steps == 0 ? 0 : stepRdp[i] * steps;
        }
        return r;
    }

    /** (ε, δ) after {@code steps} steps with the {@link EpsilonConversion#IMPROVED} conversion. */
    public PrivacyBudget budget(long steps, double delta) {
        return budget(steps, delta, EpsilonConversion.IMPROVED);
    }

    /** (ε, δ) after {@code steps} steps: the smallest ε over the orders, never below 0; δ in (0, 1). */
    public PrivacyBudget budget(long steps, double delta, EpsilonConversion conversion) {
        RdpBound b = RdpBound.epsilon(orders, rdp(steps), delta, conversion);
        return new PrivacyBudget(b.value(), delta, b.order(), steps, q, sigma, conversion);
    }

    /** The δ at which {@code steps} steps are (ε, δ)-DP: the smallest over the orders, at most 1. */
    public double delta(long steps, double epsilon, EpsilonConversion conversion) {
        return RdpBound.delta(orders, rdp(steps), epsilon, conversion).value();
    }

    private static void checkSteps(long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
    }

    @Override
    public String toString() {
        return "RdpAccountant[q=" + q + ", sigma=" + sigma + ", orders=" + Arrays.toString(orders) + "]";
    }
}
