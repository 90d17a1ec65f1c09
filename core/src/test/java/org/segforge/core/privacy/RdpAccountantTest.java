package org.segforge.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** (ε, δ) of DP-SGD against numbers published by TF-Privacy, Opacus and Google's dp_accounting. */
class RdpAccountantTest {
    /** TF-Privacy's orders: [1 + x / 10. for x in range(1, 100)] + list(range(12, 64)). */
    private static final double[] TF_ORDERS = IntStream.concat(
        IntStream.range(1, 100).map(x -> -x), IntStream.range(12, 64))
        .mapToDouble(x -> x < 0 ? 1 - x / 10.0 : x).toArray();
    /** Opacus RDPAccountant.DEFAULT_ALPHAS: the same list. */
    private static final double[] OPACUS_ORDERS = TF_ORDERS;

    /**
     * TF-Privacy tutorials/README.md (github.com/tensorflow/privacy, commit d435fcbf): "executing
     * compute_dp_sgd_privacy.py --N=60000 --batch_size=256 --noise_multiplier=1.1 --epochs=60
     * --delta=1e-5 allows us to conclude … eps = 3.01 and delta = 1e-05"; its parameter table adds
     * σ = 1.3 for 15 epochs → 1.19 and σ = 0.7 for 45 epochs → 7.10 (same N, batch, δ). That tool
     * used q = batch/N, steps = ceil(epochs·N/batch) and the classic conversion.
     */
    @Test
    void tfPrivacyMnistTutorialEpsilons() {
        double q = 256 / 60000.0;
        double[][] published = {{1.1, 60, 3.01}, {1.3, 15, 1.19}, {0.7, 45, 7.10}};
        for (double[] p : published) {
            long steps = (long) Math.ceil(p[1] * 60000 / 256);
            PrivacyBudget b = new RdpAccountant(q, p[0], TF_ORDERS).budget(steps, 1e-5, EpsilonConversion.CLASSIC);
            assertThat(b.epsilon()).as("sigma %s, %s epochs", p[0], p[1]).isCloseTo(p[2], within(0.005));
            // the improved conversion can only be tighter
            assertThat(new RdpAccountant(q, p[0], TF_ORDERS).budget(steps, 1e-5).epsilon()).isLessThan(b.epsilon());
        }
    }

    /**
     * Opacus opacus/tests/accountants_test.py, test_rdp_accountant: noise_multiplier 1.5,
     * sample_rate 0.04, steps int(90 / 0.04) = 2250, δ = 1e-5 → assertAlmostEqual(ε, 7.32911117143)
     * (7 places) with Opacus's default orders and its get_privacy_spent.
     */
    @Test
    void opacusAccountantEpsilon() {
        PrivacyBudget b = new RdpAccountant(0.04, 1.5, OPACUS_ORDERS).budget(2250, 1e-5, EpsilonConversion.IMPROVED);
        assertThat(b.epsilon()).isCloseTo(7.32911117143, within(5e-8));
    }

    /**
     * dp_accounting rdp_privacy_accountant_test.py, test_compute_epsilon_delta_pure_dp: orders
     * 2 … 32, RDP 1.1 at every order (pure DP), δ = 1e-5 → ε = 1.32783806176 at order 32, and back:
     * δ at that ε = 1e-5 (improved conversion, both assertAlmostEqual to 7 places).
     */
    @Test
    void pureDpConversionBothWays() {
        double[] orders = IntStream.rangeClosed(2, 32).asDoubleStream().toArray();
        double[] rdp = new double[orders.length];
        java.util.Arrays.fill(rdp, 1.1);
        RdpBound e = RdpBound.epsilon(orders, rdp, 1e-5, EpsilonConversion.IMPROVED);
        assertThat(e.value()).isCloseTo(1.32783806176, within(1e-10));
        assertThat(e.order()).isEqualTo(32);
        RdpBound d = RdpBound.delta(orders, rdp, 1.32783806176, EpsilonConversion.IMPROVED);
        assertThat(d.value()).isCloseTo(1e-5, within(1e-14));
        assertThat(d.order()).isEqualTo(32);
    }

    /**
     * dp_accounting test_compute_epsilon_delta_gaussian: the Gaussian mechanism (q = 1) with σ =
     * 4.530877117, "chosen to obtain exactly (1, 1e-6)-DP", orders 1.001 … 99.999 in steps of 0.001
     * → ε = 1 at δ = 1e-6 and δ = 1e-6 at ε = 1 (7 places).
     */
    @Test
    void gaussianMechanismCalibratedToOneEpsilon() {
        double[] orders = IntStream.range(1001, 100000).mapToDouble(i -> 0.001 * i).toArray();
        RdpAccountant a = new RdpAccountant(1, 4.530877117, orders);
        assertThat(a.budget(1, 1e-6).epsilon()).isCloseTo(1, within(5e-8));
        assertThat(a.delta(1, 1, EpsilonConversion.IMPROVED)).isCloseTo(1e-6, within(5e-8));
    }

    @Test
    void rdpComposesLinearlyAndEpsilonGrowsWithStepsAndShrinksWithNoise() {
        RdpAccountant a = new RdpAccountant(0.01, 1.0);
        double[] one = a.rdp(1);
        double[] many = a.rdp(1000);
        for (int i = 0; i < one.length; i++) {
            assertThat(many[i]).isEqualTo(one[i] * 1000);
        }
        double previous = 0;
        for (long steps : new long[] {1, 10, 100, 1000, 10000}) {
            double e = a.budget(steps, 1e-5).epsilon();
            assertThat(e).isGreaterThan(previous);
            previous = e;
        }
        previous = Double.POSITIVE_INFINITY;
        for (double s : new double[] {0.5, 0.8, 1, 2, 5}) {
            double e = new RdpAccountant(0.01, s).budget(1000, 1e-5).epsilon();
            assertThat(e).isLessThan(previous);
            previous = e;
        }
    }

    @Test
    void improvedConversionIsNeverLooserAndEpsilonDeltaRoundTrip() {
        for (double s : new double[] {0.6, 1.1, 3}) {
            RdpAccountant a = new RdpAccountant(0.02, s);
            for (double delta : new double[] {1e-3, 1e-5, 1e-9}) {
                PrivacyBudget improved = a.budget(500, delta);
                PrivacyBudget classic = a.budget(500, delta, EpsilonConversion.CLASSIC);
                assertThat(improved.epsilon()).isLessThanOrEqualTo(classic.epsilon());
                for (EpsilonConversion c : EpsilonConversion.values()) {
                    double eps = a.budget(500, delta, c).epsilon();
                    assertThat(a.delta(500, eps, c)).as("sigma %s delta %s %s", s, delta, c)
                        .isCloseTo(delta, within(1e-9 * delta));
                }
            }
        }
    }

    @Test
    void noStepsNoSamplingOrNoNoise() {
        assertThat(new RdpAccountant(0.01, 1).budget(0, 1e-5).epsilon()).isZero();
        assertThat(new RdpAccountant(0, 1).budget(1000, 1e-5).epsilon()).isZero();
        PrivacyBudget none = new RdpAccountant(0.01, 0).budget(10, 1e-5);
        assertThat(none.epsilon()).isInfinite();
        assertThat(none.order()).isNaN();
        assertThat(new RdpAccountant(0.01, 0).budget(0, 1e-5).epsilon()).isZero();
    }

    /** The paper's DP critics were at ε ≈ 10², 10³ and 10⁶: σ for each, and back. */
    @Test
    void noiseForLargeTargetEpsilons() {
        double q = 0.05;
        long steps = 2000;
        double previous = Double.POSITIVE_INFINITY;
        for (double target : new double[] {1e2, 1e3, 1e6}) {
            double sigma = NoiseCalibration.sigmaFor(q, steps, 1e-5, target);
            assertThat(sigma).isLessThan(previous);
            previous = sigma;
            assertThat(new RdpAccountant(q, sigma).budget(steps, 1e-5).epsilon()).isLessThanOrEqualTo(target);
            assertThat(new RdpAccountant(q, sigma * (1 - 3e-4)).budget(steps, 1e-5).epsilon()).isGreaterThan(target);
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new RdpAccountant(0.1, 1).budget(10, 0)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("delta");
        assertThatThrownBy(() -> new RdpAccountant(0.1, 1).rdp(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RdpAccountant(0.1, 1, new double[] {0.5})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoiseCalibration.sigmaFor(0.1, 10, 1e-5, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
