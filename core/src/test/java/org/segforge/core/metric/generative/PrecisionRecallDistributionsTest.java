package org.segforge.core.metric.generative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Curve reference values from {@code src/test/resources/reference/prd_reference.py} (output in
 * {@code prd_reference.txt}; Debian /usr/bin/python3, numpy 1.24.2), a re-implementation of the
 * histogram → curve → F_β part of Sajjadi et al.'s prd_score.py with its constants.
 */
class PrecisionRecallDistributionsTest {
    private static final int[] AT = {0, 250, 500, 750, 1000};

    private static void assertCurve(double[] ref, double[] ev, double f8, double f18, double auc, double[] p, double[] r) {
        PrecisionRecallDistributions.Curve c = PrecisionRecallDistributions.curve(ref, ev, 1001);
        for (int i = 0; i < AT.length; i++) {
            assertThat(c.precision()[AT[i]]).as("precision[%d]", AT[i]).isCloseTo(p[i], within(1e-12));
            assertThat(c.recall()[AT[i]]).as("recall[%d]", AT[i]).isCloseTo(r[i], within(1e-12));
        }
        assertThat(PrecisionRecallDistributions.maxFBeta(c.precision(), c.recall(), 8)).isCloseTo(f8, within(1e-12));
        assertThat(PrecisionRecallDistributions.maxFBeta(c.precision(), c.recall(), 1.0 / 8)).isCloseTo(f18, within(1e-12));
        assertThat(PrecisionRecallDistributions.area(c.precision(), c.recall())).isCloseTo(auc, within(1e-12));
    }

    @Test
    void curvesMatchTheReferenceLogic() {
        assertCurve(new double[] {0.1, 0.2, 0.3, 0.4}, new double[] {0.4, 0.3, 0.2, 0.1},
                0.9557915017483662, 0.9557915013942142, 0.6906832374717273,
                new double[] {1e-10, 0.34852813745900424, 0.6, 0.8414213562031673, 0.9999999999999999},
                new double[] {1.0, 0.8414213562031675, 0.6, 0.34852813745900424, 1.0000006950637704e-10});
        assertCurve(new double[] {0.25, 0.25, 0.25, 0.25}, new double[] {0.25, 0.25, 0.25, 0.25},
                0.9999999999984616, 0.9999999999015384, 0.9999999999,
                new double[] {1e-10, 0.4142135624316737, 1.0, 1.0, 1.0},
                new double[] {1.0, 1.0, 1.0, 0.41421356243167373, 1.0000006950637704e-10});
        assertCurve(new double[] {0.5, 0.5, 0, 0}, new double[] {0, 0.5, 0.25, 0.25},
                0.4999999999984615, 0.49999999990153843, 0.249999999975,
                new double[] {5e-11, 0.20710678121583684, 0.5, 0.5, 0.5},
                new double[] {0.5, 0.5, 0.5, 0.20710678121583687, 5.000003475318852e-11});
        int[] p = {9, 7, 3, 0, 5, 6, 2, 8, 4, 1, 10, 3, 5, 7, 2, 6, 4, 8, 0, 10};
        int[] q = {2, 5, 8, 6, 3, 1, 9, 4, 7, 10, 0, 5, 6, 2, 8, 3, 7, 4, 9, 1};
        assertCurve(Arrays.stream(p).mapToDouble(v -> v / 100.0).toArray(), Arrays.stream(q).mapToDouble(v -> v / 100.0).toArray(),
                0.7985545196356297, 0.75436891789279, 0.4806354723794497,
                new double[] {9e-11, 0.30024386621037075, 0.49, 0.693137084962534, 0.8500000000000001},
                new double[] {0.8999999999999999, 0.7248528137219005, 0.49, 0.28710678121583694, 8.50000590804205e-11});
    }

    /** n points around each of {@code modes} well-separated centres in 4D. */
    private static double[][] blobs(int perMode, int[] modes, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[perMode * modes.length][4];
        int i = 0;
        for (int m : modes) {
            for (int k = 0; k < perMode; k++, i++) {
                for (int j = 0; j < 4; j++) {
                    x[i][j] = (j == m % 4 ? 10.0 * (1 + m / 4) : 0) + 0.3 * rng.nextGaussian();
                }
            }
        }
        return x;
    }

    private static PrdConfig small(long seed) {
        return new PrdConfig(8, 1001, 3, 2, 100, seed, true);
    }

    @Test
    void sameDistributionScoresNearOne() {
        int[] modes = {0, 1, 2, 3, 4, 5, 6, 7};
        PrdResult r = PrecisionRecallDistributions.compute(blobs(25, modes, 1), blobs(25, modes, 2), small(3));
        assertThat(r.f8()).isGreaterThan(0.95);
        assertThat(r.f1over8()).isGreaterThan(0.95);
        assertThat(r.auc()).isGreaterThan(0.9);
        assertThat(r.precision()).hasSize(1001);
    }

    @Test
    void modeCollapseLowersRecallNotPrecision() {
        // synthetic covers 2 of the 8 real modes: precise (every sample looks real) but low recall
        double[][] real = blobs(25, new int[] {0, 1, 2, 3, 4, 5, 6, 7}, 1);
        double[][] collapsed = blobs(100, new int[] {0, 1}, 2);
        PrdResult r = PrecisionRecallDistributions.compute(real, collapsed, small(3));
        assertThat(r.f1over8()).as("precision-like F1/8").isGreaterThan(0.8);
        assertThat(r.f8()).as("recall-like F8").isLessThan(0.35);
        // and disjoint sets score near zero on both (20 clusters for the 16 modes, as the paper's setting)
        PrdResult far = PrecisionRecallDistributions.compute(real, blobs(25, new int[] {8, 9, 10, 11, 12, 13, 14, 15}, 4),
                new PrdConfig(20, 1001, 3, 2, 100, 3, true));
        assertThat(far.f8()).isLessThan(0.05);
        assertThat(far.f1over8()).isLessThan(0.05);
    }

    @Test
    void seededAndDeterministic() {
        int[] modes = {0, 1, 2, 3, 4, 5};
        double[][] a = blobs(20, modes, 5), b = blobs(20, new int[] {0, 1, 2, 3, 8, 9}, 6);
        PrdResult r1 = PrecisionRecallDistributions.compute(a, b, small(11));
        PrdResult r2 = PrecisionRecallDistributions.compute(a, b, small(11));
        assertThat(Arrays.equals(r1.precision(), r2.precision())).isTrue();
        assertThat(r1.f8()).isEqualTo(r2.f8());
    }

    @Test
    void kMeansFindsSeparatedClusters() {
        double[][] x = blobs(30, new int[] {0, 1, 2}, 7);
        KMeans.Clustering c = KMeans.fit(x, 3, 3, 100, new SplittableRandom(1));
        for (int m = 0; m < 3; m++) {
            int first = c.labels()[m * 30];
            for (int i = m * 30; i < (m + 1) * 30; i++) {
                assertThat(c.labels()[i]).isEqualTo(first);
            }
        }
        assertThat(c.labels()[0]).isNotEqualTo(c.labels()[30]).isNotEqualTo(c.labels()[60]);
        assertThat(c.inertia()).isLessThan(90 * 4 * 0.3 * 0.3 * 1.5);
        // identical points: still k labels in range, no failure
        double[][] same = new double[10][2];
        KMeans.Clustering s = KMeans.fit(same, 4, 2, 10, new SplittableRandom(2));
        assertThat(s.inertia()).isZero();
        assertThat(Arrays.stream(s.labels()).allMatch(l -> l >= 0 && l < 4)).isTrue();
    }

    @Test
    void rejectsUnbalancedAndBadHistograms() {
        double[][] a = blobs(10, new int[] {0, 1}, 1), b = blobs(5, new int[] {0, 1}, 2);
        assertThatThrownBy(() -> PrecisionRecallDistributions.compute(a, b, small(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("as many");
        assertThatThrownBy(() -> PrecisionRecallDistributions.curve(new double[] {0.5, 0.6}, new double[] {0.5, 0.5}, 11))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sums to");
    }
}
