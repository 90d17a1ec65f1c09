package org.segforge.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.segforge.core.DataException;

class IntensityTest {
    static final double[] Q = {0, 0.5, 25, 33.3, 50, 99.5, 100};

    /** The volume of intensity_reference.py: float32((i*37) % 101 - 50) / float32(7), 5×4×3. */
    static Volume sample() {
        float[] a = new float[60];
        for (int i = 0; i < 60; i++) {
            a[i] = (((i * 37) % 101) - 50) / 7f;
        }
        return new Volume(5, 4, 3, a, null);
    }

    /** Its mask: voxel i selected when i % 3 != 0. */
    static Volume sampleMask() {
        float[] m = new float[60];
        for (int i = 0; i < 60; i++) {
            m[i] = i % 3 != 0 ? 1 : 0;
        }
        return new Volume(5, 4, 3, m, null);
    }

    // Expected values: src/test/resources/reference/intensity_reference.py → intensity_reference.txt
    @Test
    void statsMatchNumpyOverAllVoxels() {
        Stats s = Intensity.stats(sample(), Q);
        assertEquals(60, s.count());
        assertEquals(-7.142857074737549, s.min(), 0);
        assertEquals(7.142857074737549, s.max(), 0);
        assertEquals(-0.06904760474960009, s.mean(), 1e-14);
        assertEquals(4.164107374832804, s.std(), 1e-13);
        double[] expected = {-7.142857074737549, -7.058571400642395, -3.6428571343421936, -2.4790000100135807,
            -0.0714285746216774, 7.016428563594817, 7.142857074737549};
        for (int k = 0; k < Q.length; k++) {
            assertEquals(expected[k], s.percentile(Q[k]), 1e-14, "percentile " + Q[k]);
        }
        assertEquals(Arrays.asList(0.0, 0.5, 25.0, 33.3, 50.0, 99.5, 100.0), s.percentiles().keySet().stream().toList());
        assertThrows(IllegalArgumentException.class, () -> s.percentile(90));
    }

    @Test
    void statsMatchNumpyUnderAMask() {
        Stats s = Intensity.stats(sample(), sampleMask(), Q);
        assertEquals(40, s.count());
        assertEquals(-6.857142925262451, s.min(), 0);
        assertEquals(6.714285850524902, s.max(), 0);
        assertEquals(-0.07142855450510979, s.mean(), 1e-14);
        assertEquals(4.163372844622632, s.std(), 1e-13);
        double[] expected = {-6.857142925262451, -6.829285795688629, -3.6428571343421936, -2.430428604602814,
            -0.0714285671710968, 6.68642872095108, 6.714285850524902};
        assertArrayEquals(expected, Intensity.percentiles(sample(), sampleMask(), Q), 1e-14);
    }

    @Test
    void zScoreUnderAMaskZeroesTheOutside() {
        float[] z = Intensity.zScore(sample(), sampleMask()).data();
        float[] expected = {0f, -0.428910493850708f, 0.8406645655632019f, 0f, -0.08578210324048996f, 1.1837929487228394f};
        assertArrayEquals(expected, Arrays.copyOf(z, 6), 1e-6f);
        Stats all = Intensity.stats(Intensity.zScore(sample()));
        assertEquals(0, all.mean(), 1e-6);
        assertEquals(1, all.std(), 1e-6);
    }

    @Test
    void varianceSurvivesALargeOffset() {
        // numpy: (np.float32(1e6) + v).astype(np.float64).std() with v the sample = 4.16533455268168
        float[] a = sample().data().clone();
        for (int i = 0; i < a.length; i++) {
            a[i] = 1e6f + a[i];
        }
        Stats s = Intensity.stats(sample().withData(a));
        assertEquals(999999.9302083333, s.mean(), 1e-8);
        assertEquals(4.16533455268168, s.std(), 1e-9);
    }

    @Test
    void minMaxPerFrameAndConstantFramesBecomeZero() {
        float[] a = {2, 4, 6, 10, 5, 5, 5, 5};
        Volume v = new Volume(2, 2, 1, 2, a, null);
        assertArrayEquals(new float[] {0, 0.25f, 0.5f, 1, 0, 0, 0, 0}, Intensity.minMax(v).data());
        Volume z = Intensity.zScore(new Volume(2, 2, 1, 1, new float[] {3, 3, 3, 3}, null));
        assertArrayEquals(new float[4], z.data());
    }

    @Test
    void clipPercentilesClipsEveryVoxelToMaskedPercentiles() {
        Volume c = Intensity.clipPercentiles(sample(), sampleMask(), 0.5, 99.5);
        Stats s = Intensity.stats(c);
        assertEquals(-6.829285795688629, s.min(), 1e-6);
        assertEquals(6.68642872095108, s.max(), 1e-6);
        // voxel 0 (-50/7, outside the mask) is clipped as well
        assertEquals((float) -6.829285795688629, c.data()[0], 0f);
        assertThrows(IllegalArgumentException.class, () -> Intensity.clipPercentiles(sample(), null, 60, 40));
        assertThrows(IllegalArgumentException.class, () -> Intensity.clip(sample(), 1, 0));
    }

    @Test
    void emptyMaskGivesNaNStatsAndRefusesToNormalise() {
        Volume none = Volume.zeros(5, 4, 3, null);
        Stats s = Intensity.stats(sample(), none, 50);
        assertEquals(0, s.count());
        assertTrue(Double.isNaN(s.mean()) && Double.isNaN(s.percentile(50)));
        assertThrows(IllegalArgumentException.class, () -> Intensity.zScore(sample(), none));
        assertThrows(IllegalArgumentException.class, () -> Intensity.stats(sample(), Volume.zeros(5, 4, 2, null)));
        assertThrows(IllegalArgumentException.class, () -> Intensity.stats(sample(), 100.5));
    }

    @Test
    void nonFiniteVoxelsAreRejectedWithTheirPosition() {
        float[] a = sample().data().clone();
        a[5 + 5 * 4 * 2] = Float.NaN; // (0, 1, 2)
        a[7] = Float.POSITIVE_INFINITY;
        Volume bad = sample().withData(a);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Intensity.stats(bad));
        assertTrue(e.getMessage().contains("(2, 1, 0)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Intensity.minMax(bad));
        assertThrows(IllegalArgumentException.class, () -> Intensity.zScore(bad));
        // even a voxel outside the mask is an error: NaN means the input is broken
        float[] b = sample().data().clone();
        b[0] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> Intensity.stats(sample().withData(b), sampleMask()));
        DataException d = assertThrows(DataException.class, () -> Intensity.requireFinite(bad, "scan.nii.gz"));
        assertEquals("scan.nii.gz: 2 non-finite voxels (NaN or infinite), first Infinity at (2, 1, 0)", d.getMessage());
    }

    @Test
    void selectionAgreesWithSortingOnRandomDataWithTies() {
        SplittableRandom rng = new SplittableRandom(20261201L);
        for (int trial = 0; trial < 200; trial++) {
            // the last 40 trials are large enough for the radix pass of Selection.values
            int n = trial < 160 ? 1 + rng.nextInt(60) : Selection.RADIX_MIN + 1 + rng.nextInt(20_000);
            int distinct = 1 + rng.nextInt(trial % 2 == 0 ? 4 : 1000);
            float[] a = new float[n];
            for (int i = 0; i < n; i++) {
                // integers with ties, or spread floats of both signs (many buckets, -0.0 and 0.0)
                a[i] = trial % 3 == 2 ? (float) ((rng.nextDouble() - 0.5) * Math.pow(10, rng.nextInt(-3, 6)))
                    : rng.nextInt(distinct) - distinct / 2f;
            }
            if (trial % 7 == 0) {
                a[0] = -0.0f;
            }
            float[] sorted = a.clone();
            Arrays.sort(sorted);
            int[] ks = new int[1 + rng.nextInt(5)];
            for (int k = 0; k < ks.length; k++) {
                ks[k] = rng.nextInt(n);
            }
            float[] copy = a.clone();
            float[] got = Selection.values(a, n, ks);
            assertArrayEquals(copy, a, "values() must not modify its input");
            Selection.select(a, ks);
            for (int j = 0; j < ks.length; j++) {
                assertEquals(sorted[ks[j]], a[ks[j]], "select: trial " + trial + " k " + ks[j]);
                assertEquals(sorted[ks[j]], got[j], "values: trial " + trial + " k " + ks[j]);
            }
        }
    }

    @Test
    void selectionWithinOneCrowdedBucketAndOnAPrefix() {
        // 1 + i·2^-20 all share the top 16 key bits, so the radix pass cannot split them
        float[] a = new float[20_000];
        for (int i = 0; i < a.length; i++) {
            a[i] = 1f + ((i * 7919) % a.length) * 0x1p-20f;
        }
        assertArrayEquals(new float[] {1f, 1f + 9_999 * 0x1p-20f, 1f + 19_999 * 0x1p-20f},
            Selection.values(a, a.length, new int[] {0, 9_999, 19_999}));
        // pure buckets (the zeros, answered from the histogram) and a mixed one in one call
        float[] b = new float[40_000];
        System.arraycopy(a, 0, b, 20_000, 20_000);
        assertArrayEquals(new float[] {0f, 0f, 1f + 5 * 0x1p-20f, 1f + 19_999 * 0x1p-20f},
            Selection.values(b, b.length, new int[] {19_999, 0, 20_005, 39_999}));
        // only the first n values count
        assertArrayEquals(new float[] {5, 7}, Selection.values(new float[] {7, 5, -100, -200}, 2, new int[] {0, 1}));
        assertThrows(IllegalArgumentException.class, () -> Selection.values(a, 10, new int[] {10}));
    }

    @Test
    void selectionHandlesSortedAndReversedInputs() {
        float[] up = new float[100_001];
        for (int i = 0; i < up.length; i++) {
            up[i] = i;
        }
        float[] down = up.clone();
        for (int i = 0; i < down.length; i++) {
            down[i] = up.length - 1 - i;
        }
        for (float[] a : new float[][] {up, down}) {
            assertArrayEquals(new float[] {100_000, 0, 50_000, 0}, Selection.values(a, a.length, new int[] {100_000, 0, 50_000, 0}));
            Selection.select(a, new int[] {0, 50_000, 100_000});
            assertEquals(0f, a[0]);
            assertEquals(50_000f, a[50_000]);
            assertEquals(100_000f, a[100_000]);
        }
    }
}
