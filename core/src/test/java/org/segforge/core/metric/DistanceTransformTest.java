package org.segforge.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.segforge.core.DataException;

/**
 * Reference values from scipy 1.10.1 {@code distance_transform_edt}: every number below is printed
 * by src/test/resources/reference/metrics_reference.py (lines "E1", "E2", "E3"), run as
 * {@code /usr/bin/python3 src/test/resources/reference/metrics_reference.py ../../shared/data}
 * from core/.
 */
class DistanceTransformTest {
    private static boolean[] lesion1;

    @BeforeAll
    static void load() throws DataException {
        lesion1 = SharedMasks.mask(SharedMasks.read("lesions/lesion1.nii.gz"));
    }

    @Test
    void small2dAnisotropicGridEqualsScipy() {
        boolean[] f = new boolean[7 * 5];
        f[1 + 7 * 1] = true;
        f[5 + 7 * 3] = true;
        f[6] = true;
        double[] d = DistanceTransform.distances(f, 7, 5, 1, new double[] {0.7, 1.3});
        // E1: distance_transform_edt(g, sampling=(0.7, 1.3)) with g False at the features.
        double[] expected = {1.47648230602334, 1.3, 1.47648230602334, 1.91049731745428, 1.4, 0.7, 0.0, 0.7, 0.0, 0.7, 1.4,
            1.91049731745428, 1.47648230602334, 1.3, 1.47648230602334, 1.3, 1.47648230602334, 1.91049731745428,
            1.47648230602334, 1.3, 1.47648230602334, 2.6925824035672523, 2.6, 2.0999999999999996, 1.4, 0.7, 0.0, 0.7,
            3.7336309405188937, 3.087069808086626, 2.4698178070456938, 1.91049731745428, 1.47648230602334, 1.3,
            1.47648230602334};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], d[i], 1e-12, "voxel " + i);
        }
    }

    @Test
    void realLesionAnisotropicEqualsScipy() {
        // E2, spacing (1, 1, 2.5) and (0.9, 1.1, 2.5): distance to the nearest lesion1 voxel.
        check(new double[] {1, 1, 2.5}, 768495407.1295141, 259.81724346163014,
                new double[] {224.2320226907834, 35.2845575287547, 213.9976635386471, 31.768695283250146, 207.7137453323684});
        check(new double[] {0.9, 1.1, 2.5}, 761687341.1665354, 257.2924406196187,
                new double[] {223.20058243651607, 32.80015243867016, 218.62868064368865, 33.47521471178341, 206.37918984238698});
    }

    private static void check(double[] spacing, double sum, double max, double[] atPoints) {
        double[] d = DistanceTransform.distances(lesion1, SharedMasks.NX, SharedMasks.NY, SharedMasks.NZ, spacing);
        int[][] pts = {{0, 0, 0}, {90, 100, 90}, {180, 216, 180}, {120, 80, 60}, {45, 200, 170}};
        for (int k = 0; k < pts.length; k++) {
            int i = pts[k][0] + SharedMasks.NX * (pts[k][1] + SharedMasks.NY * pts[k][2]);
            assertEquals(atPoints[k], d[i], 1e-9, "point " + k);
        }
        double s = 0, m = 0;
        for (double v : d) {
            s += v;
            m = Math.max(m, v);
        }
        assertEquals(sum, s, sum * 1e-10);
        assertEquals(max, m, 1e-9);
    }

    @Test
    void insideDistanceEqualsScipySemantics() {
        // E3: distance_transform_edt(lesion1): lesion voxels to the nearest background voxel.
        boolean[] background = lesion1.clone();
        for (int i = 0; i < background.length; i++) {
            background[i] = !background[i];
        }
        double[] d = DistanceTransform.distances(background, SharedMasks.NX, SharedMasks.NY, SharedMasks.NZ, new double[] {1, 1, 1});
        double s = 0, m = 0;
        for (double v : d) {
            s += v;
            m = Math.max(m, v);
        }
        assertEquals(80856.9799797954, s, 1e-6);
        assertEquals(6.6332495807108, m, 1e-12);
    }

    @Test
    void randomGridsEqualBruteForce() {
        SplittableRandom rng = new SplittableRandom(42);
        for (int trial = 0; trial < 20; trial++) {
            int nx = 1 + rng.nextInt(9), ny = 1 + rng.nextInt(9), nz = 1 + rng.nextInt(6);
            double[] sp = {0.3 + rng.nextDouble() * 2, 0.3 + rng.nextDouble() * 2, 0.3 + rng.nextDouble() * 3};
            boolean[] f = new boolean[nx * ny * nz];
            for (int i = 0; i < f.length; i++) {
                f[i] = rng.nextDouble() < 0.08;
            }
            double[] d = DistanceTransform.distances(f, nx, ny, nz, sp);
            for (int i = 0; i < f.length; i++) {
                double best = Double.POSITIVE_INFINITY;
                for (int j = 0; j < f.length; j++) {
                    if (f[j]) {
                        double dx = (i % nx - j % nx) * sp[0];
                        double dy = ((i / nx) % ny - (j / nx) % ny) * sp[1];
                        double dz = (i / (nx * ny) - j / (nx * ny)) * sp[2];
                        best = Math.min(best, Math.sqrt(dx * dx + dy * dy + dz * dz));
                    }
                }
                assertEquals(best, d[i], 1e-9, "trial " + trial + " voxel " + i);
            }
        }
    }

    @Test
    void noFeatureGivesInfinityAndBadArgumentsAreRejected() {
        double[] d = DistanceTransform.distances(new boolean[12], 3, 2, 2, new double[] {1, 1, 1});
        for (double v : d) {
            assertTrue(v == Double.POSITIVE_INFINITY);
        }
        assertThrows(IllegalArgumentException.class, () -> DistanceTransform.distances(new boolean[5], 3, 2, 1, new double[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> DistanceTransform.distances(new boolean[6], 3, 2, 1, new double[] {1, 0}));
        // A 2D grid does not look at its z spacing (a 2D affine may leave it at 0).
        assertEquals(1.0, DistanceTransform.distances(new boolean[] {true, false}, 2, 1, 1, new double[] {1, 1, 0})[1]);
    }
}
