package org.segforge.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The RDP of one step of the Poisson-subsampled Gaussian mechanism against three kinds of
 * reference: direct numerical integration of its definition (independent of the series), a
 * published library test, and closed forms and properties.
 */
class SampledGaussianTest {
    /**
     * (q, σ, α, log A_α) by 60-digit numerical integration of
     * A_α = ∫ N(z; 0, σ²)·((1 − q) + q·exp((2z − 1)/(2σ²)))^α dz with mpmath — no series, no DP
     * library: core/src/test/resources/reference/rdp_reference.py, run as
     * {@code /usr/bin/python3 rdp_reference.py} (lines "A q sigma alpha logA"). The first ten
     * (q, σ, α) are the parameter grid of Google dp_accounting's test_compute_log_a_equals_mp
     * (rdp_privacy_accountant_test.py), which checks its own series the same way.
     */
    private static final double[][] INTEGRATED = {
        {1e-7, 0.1, 1.01, 4.0034123225263986e-8},
        {1e-6, 0.1, 256, 3260463.2292971608},
        {1e-5, 0.1, 256.1, 3263607.0397884213},
        {1e-6, 1, 27, 8.7695113048484979e-10},
        {1e-4, 1, 1.5, 6.4426869538366497e-9},
        {1e-3, 1, 2, 1.7182803522145154e-6},
        {0.01, 10, 20, 0.00019129699912842963},
        {0.1, 100, 20.5, 0.00019991818458068296},
        {0.99, 0.1, 256, 3263997.4271140211},
        {0.999, 100, 256.1, 3.2601080379731127},
        {0.01, 2.5, 1.5, 6.5007089718803974e-6},
        {0.01, 2.5, 2.5, 3.2562541707543729e-5},
        {0.04, 1.5, 1.1, 4.8165674003429972e-5},
        {0.04, 1.5, 3.7, 0.0046704937230146867},
        {0.2, 0.5, 1.25, 0.067328894970821286},
        {0.2, 0.5, 7, 72.733934614018335},
        {0.05, 0.3, 1.05, 0.0073393896800689427},
        // near α = 1, where the best order lies for ε ≈ 10³ … 10⁶ (σ ≪ 1); these four were also
        // checked by a 4-million-point log-space Riemann sum (agreement to 1e-10)
        {0.008, 0.3545, 1.3, 0.0031959826509174914},
        {0.008, 0.05, 1.001, 0.0017166600920081438},
        {0.02, 0.2, 1.005, 0.00080457150583591392},
        {0.008, 0.0126, 1.002, 1.6782584689197138},
    };

    @Test
    void logAMatchesNumericalIntegrationAtIntegerAndFractionalOrders() {
        for (double[] c : INTEGRATED) {
            double logA = SampledGaussian.logA(c[0], c[1], c[2]);
            // relative 1e-9 where log A is large; where it is tiny the alternating series' positive
            // and negative halves (each ≈ 1) cancel, which leaves ~1e-14 absolute: 1e-13 allowed
            assertThat(logA).as("q=%s sigma=%s alpha=%s", c[0], c[1], c[2])
                .isCloseTo(c[3], within(1e-9 * Math.abs(c[3]) + 1e-13));
        }
    }

    /**
     * Google dp_accounting, rdp_privacy_accountant_test.py, test_compute_rdp_poisson_subsampled_gaussian:
     * q = 0.01, σ = 2.5, 50 steps, orders [1.5, 2.5, 5, 50, 100, ∞] →
     * [6.70579741e-04, 1.08548710e-03, 2.18075656e-03, 2.38460375e-02, 1.67416308e02, ∞], rtol 1e-4.
     * At the integer orders we agree to that tolerance. At the fractional orders dp_accounting now
     * sums the absolute values of the alternating series (a looser upper bound); the exact values,
     * from the integration above (6.5007089718803974e-6/0.5·50 and 3.2562541707543729e-5/1.5·50),
     * are 6.50070897e-04 and 1.08541806e-03 — and 6.5007e-04 is what TF-Privacy's original
     * rdp_accountant_test.py (test_compute_rdp_sequence) expected for the same call.
     */
    @Test
    void composedRdpMatchesPublishedDpAccountingValues() {
        double[] orders = {1.5, 2.5, 5, 50, 100, Double.POSITIVE_INFINITY};
        double[] published = {6.70579741e-04, 1.08548710e-03, 2.18075656e-03, 2.38460375e-02, 1.67416308e02,
            Double.POSITIVE_INFINITY};
        double[] rdp = new RdpAccountant(0.01, 2.5, orders).rdp(50);
        for (int i = 2; i < 5; i++) {
            assertThat(rdp[i]).as("order %s", orders[i]).isCloseTo(published[i], within(1e-4 * published[i]));
        }
        assertThat(rdp[5]).isInfinite();
        assertThat(rdp[0]).isCloseTo(6.50070897e-04, within(1e-11)).isLessThan(published[0]);
        assertThat(rdp[1]).isCloseTo(1.08541806e-03, within(1e-11)).isLessThan(published[1]);
        assertThat(rdp[0]).isCloseTo(6.5007e-04, within(0.00005e-4)); // TF-Privacy's original test
    }

    @Test
    void fullBatchIsThePlainGaussianMechanism() {
        for (double a : new double[] {1.01, 1.5, 2, 7.3, 64, 256}) {
            for (double s : new double[] {0.3, 1, 4.2}) {
                assertThat(SampledGaussian.rdp(1, s, a)).isEqualTo(a / (2 * s * s));
            }
        }
    }

    @Test
    void integerOrdersAreExactlyTheOnesTheClosedSumGives() {
        // the binomial sum of log A at α = 2: (1 − q)² + 2q(1 − q) + q²·e^{1/σ²} = 1 + q²(e^{1/σ²} − 1)
        double q = 0.03, s = 0.8;
        double expected = Math.log1p(q * q * Math.expm1(1 / (s * s)));
        assertThat(SampledGaussian.rdp(q, s, 2)).isCloseTo(expected, within(1e-15));
    }

    @Test
    void fractionalSeriesJoinsTheIntegerSumContinuously() {
        // two different formulas must meet at integer orders: a bug in either shows as a jump
        for (double q : new double[] {0.001, 0.02, 0.3, 0.9}) {
            for (double s : new double[] {0.4, 1, 3}) {
                for (int a : new int[] {2, 3, 8, 30}) {
                    double exact = SampledGaussian.logAInteger(q, s, a);
                    double nearby = SampledGaussian.logAFractional(q, s, a + 1e-7);
                    assertThat(nearby).as("q=%s sigma=%s alpha=%s", q, s, a)
                        .isCloseTo(exact, within(1e-5 * Math.abs(exact) + 1e-12));
                }
            }
        }
    }

    @Test
    void rdpGrowsWithOrderAndSamplingAndShrinksWithNoise() {
        double[] orders = RdpAccountant.defaultOrders();
        double previous = 0;
        for (double a : orders) {
            double r = SampledGaussian.rdp(0.01, 1.1, a);
            assertThat(r).as("order %s", a).isGreaterThanOrEqualTo(previous);
            previous = r;
        }
        assertThat(SampledGaussian.rdp(0.02, 1.1, 8.5)).isGreaterThan(SampledGaussian.rdp(0.01, 1.1, 8.5));
        assertThat(SampledGaussian.rdp(0.01, 1.2, 8.5)).isLessThan(SampledGaussian.rdp(0.01, 1.1, 8.5));
    }

    /** Where A_α − 1 is ~10⁻¹⁵ the series' rounding could go negative: RDP is clamped at 0. */
    @Test
    void rdpIsNeverNegativeEvenWhereItVanishes() {
        for (double s : new double[] {10, 100, 1000}) {
            for (double a : RdpAccountant.defaultOrders()) {
                assertThat(SampledGaussian.rdp(1e-6, s, a)).as("sigma %s order %s", s, a).isGreaterThanOrEqualTo(0);
            }
        }
    }

    @Test
    void degenerateMechanisms() {
        assertThat(SampledGaussian.rdp(0, 0, 3)).isZero();
        assertThat(SampledGaussian.rdp(0, 1, Double.POSITIVE_INFINITY)).isZero();
        assertThat(SampledGaussian.rdp(0.1, 0, 3)).isInfinite();
        assertThat(SampledGaussian.rdp(0.1, 1, Double.POSITIVE_INFINITY)).isInfinite();
    }

    /** log erfc(x) against scipy: math.log(2) + scipy.special.log_ndtr(-x * 2**0.5) (and mpmath, 40 digits). */
    @Test
    void logErfcIsAccurateWhereErfcUnderflows() {
        double[][] ref = {
            {-3, 0.6931361352504468}, {0, 0}, {1, -1.849605509933249}, {5, -27.200889545537446},
            {19.9, -399.5743433082751}, {20.1, -407.58431854520063}, {26.5, -706.1002204101484},
            {30, -903.9741171106442}, {100, -10005.177585122668}, {1000, -1000007.4801207221},
        };
        for (double[] r : ref) {
            assertThat(SampledGaussian.logErfc(r[0])).as("x=%s", r[0]).isCloseTo(r[1], within(1e-13 * Math.abs(r[1]) + 1e-15));
        }
    }

    @Test
    void rejectsParametersOutsideTheirDomain() {
        assertThatThrownBy(() -> SampledGaussian.rdp(1.5, 1, 2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("q");
        assertThatThrownBy(() -> SampledGaussian.rdp(0.1, -1, 2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sigma");
        assertThatThrownBy(() -> SampledGaussian.rdp(0.1, 1, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("order");
        assertThatThrownBy(() -> SampledGaussian.rdp(Double.NaN, 1, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
