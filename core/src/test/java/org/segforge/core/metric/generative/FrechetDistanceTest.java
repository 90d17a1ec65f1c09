package org.segforge.core.metric.generative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Reference values from {@code src/test/resources/reference/fid_reference.py} (output in
 * {@code fid_reference.txt}), run with Debian's /usr/bin/python3 (numpy 1.24.2, scipy 1.10.1).
 * "scipy" is pytorch-fid's computation (sqrtm of Σ₁Σ₂); "eigh" is the same symmetric
 * eigendecomposition formula in numpy float64. Inputs come from sin(·)·43758.5, which amplifies the
 * last-bit differences between Java and numpy sin to ~10⁻¹² in the features, hence the tolerances.
 */
class FrechetDistanceTest {

    /** u(i, j, s) = frac(sin(12.9898 i + 78.233 j + s) · 43758.5453), the script's formula. */
    static double[][] u(int n, int d, double s) {
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double v = Math.sin(12.9898 * i + 78.233 * j + s) * 43758.5453;
                x[i][j] = v - Math.floor(v);
            }
        }
        return x;
    }

    @Test
    void wellConditionedMatchesScipy() {
        double[][] a = u(200, 8, 1.0), b = u(200, 8, 2.0);
        for (double[] row : b) {
            for (int j = 0; j < row.length; j++) {
                row[j] = 1.5 * row[j] + 0.25;
            }
        }
        FidResult r = FrechetDistance.compute(a, b);
        assertThat(r.fid()).isCloseTo(2.1140052465321606, within(1e-11)); // scipy
        assertThat(r.meanTerm()).isCloseTo(1.9262616565515183, within(1e-11));
        assertThat(r.rankDeficient()).isFalse();
        assertThat(r.dimension()).isEqualTo(8);
        assertThat(r.realCount()).isEqualTo(200);
    }

    @Test
    void featureNetworkSizeMatchesScipy() {
        // d = 160 as fid-features-v1, n = 300; the second set squared
        double[][] a = u(300, 160, 10.0), b = u(300, 160, 11.0);
        for (double[] row : b) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= row[j];
            }
        }
        FidResult r = FrechetDistance.compute(a, b);
        assertThat(r.fid()).isCloseTo(8.51368440418159, within(1e-9)); // scipy
        assertThat(r.meanTerm()).isCloseTo(4.791338583602904, within(1e-10));
        assertThat(r.rankDeficient()).isFalse();
    }

    @Test
    void identicalSetsGiveZero() {
        double[][] a = u(50, 4, 3.0);
        FidResult r = FrechetDistance.compute(a, a.clone());
        assertThat(r.fid()).isCloseTo(0.0, within(1e-13)); // scipy: -2.2e-16, eigh: 0.0
    }

    @Test
    void fewerSamplesThanDimensions() {
        // n = 5 < d = 8: both covariances have rank 4. scipy's sqrtm of the singular product is
        // off by 5e-9 here; the eigh formula (what we compute) agrees to rounding.
        FidResult r = FrechetDistance.compute(u(5, 8, 4.0), u(5, 8, 5.0));
        assertThat(r.fid()).isCloseTo(1.0284766019044806, within(1e-10)); // eigh
        assertThat(r.fid()).isCloseTo(1.0284765946183922, within(1e-8)); // scipy
        assertThat(r.meanTerm()).isCloseTo(0.4588757057148144, within(1e-12));
        assertThat(r.rankDeficient()).isTrue();
    }

    @Test
    void linearlyDependentFeatures() {
        double[][] a = u(100, 6, 6.0), b = u(120, 6, 7.0);
        for (double[] row : b) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= 2.0;
            }
        }
        for (double[][] m : new double[][][] {a, b}) {
            for (double[] row : m) {
                row[4] = row[0] + row[1];
                row[5] = 2.0 * row[2] - row[3];
            }
        }
        FidResult r = FrechetDistance.compute(a, b);
        assertThat(r.fid()).isCloseTo(3.3215462061202894, within(1e-10)); // eigh
        assertThat(r.fid()).isCloseTo(3.32154619910893, within(1e-8)); // scipy
        assertThat(r.rankDeficient()).isTrue();
        assertThat(r.syntheticCount()).isEqualTo(120);
    }

    @Test
    void symmetricAndShiftSensitive() {
        double[][] a = u(60, 5, 8.0), b = u(70, 5, 9.0);
        assertThat(FrechetDistance.compute(a, b).fid()).isCloseTo(FrechetDistance.compute(b, a).fid(), within(1e-12));
        double[][] shifted = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            shifted[i] = a[i].clone();
            shifted[i][0] += 3;
        }
        // a pure shift only changes the mean term, by exactly 3²
        assertThat(FrechetDistance.compute(a, shifted).fid()).isCloseTo(9.0, within(1e-9));
    }

    @Test
    void covarianceIsUnbiased() {
        GaussianFit g = GaussianFit.of(new double[][] {{1, 2}, {3, 6}, {5, 4}});
        assertThat(g.mean()).containsExactly(3.0, 4.0);
        // numpy.cov([[1,3,5],[2,6,4]]) = [[4, 2], [2, 4]]
        assertThat(g.covariance()[0]).containsExactly(4.0, 2.0);
        assertThat(g.covariance()[1]).containsExactly(2.0, 4.0);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> FrechetDistance.compute(new double[][] {{1, 2}}, u(3, 2, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2");
        assertThatThrownBy(() -> FrechetDistance.compute(u(3, 2, 0), u(3, 3, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimensions differ");
        assertThatThrownBy(() -> FrechetDistance.compute(new double[][] {{1, 2}, {Double.NaN, 1}}, u(3, 2, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-finite");
    }
}
