package org.segforge.core.metric.generative;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Precision and recall for distributions (Sajjadi et al., NeurIPS 2018, "Assessing generative
 * models via precision and recall").
 *
 * <p>The pooled real and synthetic feature vectors are clustered by k-means; the two cluster
 * histograms P (real) and Q (synthetic) are discrete distributions over the same clusters. For a
 * slope λ = tan(angle), α(λ) = Σ_ω min(λ P(ω), Q(ω)) is the precision and β(λ) = α(λ)/λ the
 * recall; the curve takes {@link PrdConfig#angles()} angles equally spaced over [ε, π/2 − ε],
 * ε = 10⁻¹⁰ (the reference code's), and is averaged pointwise over {@link PrdConfig#runs()}
 * clusterings. Summaries: F_β = (1 + β²) α β / (β² α + β + 10⁻¹⁰) maximised over the curve, for
 * β = 8 and β = 1/8, and the area under the curve.
 *
 * <p>Runs are clustered in parallel, each with its own stream split from the seed in run order, so
 * the result does not depend on the thread count.
 */
public final class PrecisionRecallDistributions {
    /** The edge-angle offset of the reference code. */
    static final double EPSILON = 1e-10;

    private PrecisionRecallDistributions() {}

    /** A PRD curve: precision and recall per angle. */
    public record Curve(double[] precision, double[] recall) {}

    /** PRD of {@code synthetic} against {@code real} (rows are feature vectors). */
    public static PrdResult compute(double[][] real, double[][] synthetic, PrdConfig config) {
        Features.check(real, "real features");
        Features.check(synthetic, "synthetic features");
        int d = real[0].length;
        if (synthetic[0].length != d) {
            throw new IllegalArgumentException("feature dimensions differ: real " + d + ", synthetic " + synthetic[0].length);
        }
        if (config.enforceBalance() && real.length != synthetic.length) {
            throw new IllegalArgumentException("PRD needs as many synthetic as real vectors (" + synthetic.length + " vs "
                    + real.length + "): the clustering would favour the larger set; subsample one of them");
        }
        int total = real.length + synthetic.length;
        if (total < config.clusters()) {
            throw new IllegalArgumentException(total + " vectors cannot form " + config.clusters() + " clusters");
        }
        double[][] pooled = new double[total][];
        System.arraycopy(synthetic, 0, pooled, 0, synthetic.length);
        System.arraycopy(real, 0, pooled, synthetic.length, real.length);

        SplittableRandom root = new SplittableRandom(config.seed());
        SplittableRandom[] streams = new SplittableRandom[config.runs()];
        for (int r = 0; r < streams.length; r++) {
            streams[r] = root.split();
        }
        Curve[] curves = IntStream.range(0, config.runs()).parallel().mapToObj(r -> {
            KMeans.Clustering c = KMeans.fit(pooled, config.clusters(), config.starts(), config.maxIterations(), streams[r]);
            double[] q = new double[config.clusters()], p = new double[config.clusters()];
            for (int i = 0; i < total; i++) {
                if (i < synthetic.length) {
                    q[c.labels()[i]] += 1.0 / synthetic.length;
                } else {
                    p[c.labels()[i]] += 1.0 / real.length;
                }
            }
            return curve(p, q, config.angles());
        }).toArray(Curve[]::new);

        double[] precision = new double[config.angles()], recall = new double[config.angles()];
        for (Curve c : curves) {
            for (int i = 0; i < precision.length; i++) {
                precision[i] += c.precision()[i] / curves.length;
                recall[i] += c.recall()[i] / curves.length;
            }
        }
        return new PrdResult(precision, recall, maxFBeta(precision, recall, 8), maxFBeta(precision, recall, 1.0 / 8),
                area(precision, recall), real.length, synthetic.length, config);
    }

    /**
     * The PRD curve of two discrete distributions over the same states.
     *
     * @param reference P, the real distribution (non-negative, sums to 1)
     * @param evaluated Q, the synthetic distribution (non-negative, sums to 1)
     */
    public static Curve curve(double[] reference, double[] evaluated, int angles) {
        if (reference.length != evaluated.length || reference.length == 0) {
            throw new IllegalArgumentException("distributions need the same, positive number of states: "
                    + reference.length + " and " + evaluated.length);
        }
        if (angles < 3) {
            throw new IllegalArgumentException("at least 3 angles are needed, got " + angles);
        }
        checkDistribution(reference, "reference");
        checkDistribution(evaluated, "evaluated");
        double[] precision = new double[angles], recall = new double[angles];
        double step = (Math.PI / 2 - 2 * EPSILON) / (angles - 1);
        for (int a = 0; a < angles; a++) {
            double slope = Math.tan(EPSILON + a * step);
            double alpha = 0;
            for (int s = 0; s < reference.length; s++) {
                alpha += Math.min(slope * reference[s], evaluated[s]);
            }
            // α ≤ ΣQ = 1 and α/λ ≤ ΣP = 1 in exact arithmetic; clip the rounding above 1.
            precision[a] = Math.min(alpha, 1);
            recall[a] = Math.min(alpha / slope, 1);
        }
        return new Curve(precision, recall);
    }

    /** max over the curve of F_β = (1 + β²) p r / (β² p + r + 10⁻¹⁰), the reference code's form. */
    public static double maxFBeta(double[] precision, double[] recall, double beta) {
        if (!(beta > 0)) {
            throw new IllegalArgumentException("beta must be positive, got " + beta);
        }
        double b2 = beta * beta, best = 0;
        for (int i = 0; i < precision.length; i++) {
            double p = precision[i], r = recall[i];
            best = Math.max(best, (1 + b2) * p * r / (b2 * p + r + EPSILON));
        }
        return best;
    }

    /**
     * Area under precision as a function of recall: trapezoids between consecutive angles. Recall
     * falls monotonically as the angle grows, so this is the area of the region under the curve
     * over the recall range it covers (the reference code has no AUC; this is our definition).
     */
    public static double area(double[] precision, double[] recall) {
        double s = 0;
        for (int i = 1; i < precision.length; i++) {
            s += Math.abs(recall[i - 1] - recall[i]) * 0.5 * (precision[i - 1] + precision[i]);
        }
        return s;
    }

    private static void checkDistribution(double[] p, String what) {
        double sum = 0;
        for (double v : p) {
            if (!(v >= 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException(what + " distribution has a negative or non-finite entry " + v);
            }
            sum += v;
        }
        if (Math.abs(sum - 1) > 1e-6) {
            throw new IllegalArgumentException(what + " distribution sums to " + sum + ", not 1");
        }
    }
}
