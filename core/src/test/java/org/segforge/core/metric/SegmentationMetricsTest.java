package org.segforge.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.segforge.core.DataException;
import org.segforge.core.SharedData;
import org.segforge.core.image.Affine;
import org.segforge.core.image.Volume;
import org.segforge.core.io.ImageFiles;

/**
 * Reference values: src/test/resources/reference/metrics_reference.py (lines "M1"–"M6"), scipy
 * 1.10.1 / numpy 1.24.2 under Debian's /usr/bin/python3, run from core/ as
 * {@code /usr/bin/python3 src/test/resources/reference/metrics_reference.py ../../shared/data}.
 * Order of each expected array: dice, iou, precision, recall, hd95, assd, bavd.
 */
class SegmentationMetricsTest {
    private static final double OVERLAP_TOL = 1e-6, DISTANCE_TOL = 1e-3;
    private static Volume lesion1, lesion2, lesion3, aal, aalShifted;

    @BeforeAll
    static void load() throws DataException {
        lesion1 = SharedMasks.binary("lesions/lesion1.nii.gz");
        lesion2 = SharedMasks.binary("lesions/lesion2.nii.gz");
        lesion3 = SharedMasks.binary("lesions/lesion3.nii.gz");
        aal = SharedMasks.read("colin27/aal.nii.gz");
        aalShifted = roll(aal, 2, -1, 1);
    }

    /** numpy.roll(v, (dx, dy, dz), axis=(0, 1, 2)): out[x, y, z] = v[x − dx, y − dy, z − dz], wrapping. */
    static Volume roll(Volume v, int dx, int dy, int dz) {
        int nx = v.nx(), ny = v.ny(), nz = v.nz();
        float[] out = new float[v.data().length];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    out[v.index(x, y, z)] = v.get(Math.floorMod(x - dx, nx), Math.floorMod(y - dy, ny), Math.floorMod(z - dz, nz));
                }
            }
        }
        return v.withData(out);
    }

    private static void assertMetrics(double[] expected, LabelMetrics m, String what) {
        Metric[] all = Metric.values();
        for (int k = 0; k < all.length; k++) {
            double tol = all[k].isDistance() ? DISTANCE_TOL : OVERLAP_TOL;
            assertEquals(expected[k], m.get(all[k]), tol, what + " " + all[k].key());
        }
    }

    @Test
    void realLesionPairIsotropic() {
        // M1 pred=lesion2 ref=lesion1 spacing 1
        LabelMetrics m = SegmentationMetrics.compute(lesion2, lesion1, 1).get(1);
        assertMetrics(new double[] {0.4369044633901705, 0.2795123222843851, 0.6394036697247707, 0.33181774900019045,
            22.492219887988004, 5.702398288171664, 3.5909531206824505}, m, "M1");
    }

    @Test
    void storedLesionValuesRoundToLabelOne() throws DataException {
        // The lesion files hold 100 with scl_slope 0.01, read as ≈1.0 (not exactly 1): label 1 is
        // the voxel value rounded to the nearest integer, so the stored volumes give M1 unchanged.
        Volume p = SharedMasks.read("lesions/lesion2.nii.gz"), r = SharedMasks.read("lesions/lesion1.nii.gz");
        assertEquals(0.4369044633901705, SegmentationMetrics.compute(p, r, 1).get(1).dice(), 1e-12);
    }

    @Test
    void realLesionPairAnisotropic() {
        Affine a = Affine.scaling(1, 1, 2.5);
        // M2 pred=lesion2 ref=lesion1 spacing (1,1,2.5)
        assertMetrics(new double[] {0.4369044633901705, 0.2795123222843851, 0.6394036697247707, 0.33181774900019045,
            28.235615806991, 6.918138584553029, 4.38839016515328},
                SegmentationMetrics.compute(lesion2.withAffine(a), lesion1.withAffine(a), 1).get(1), "M2");
        // M3 pred=lesion3 ref=lesion1 spacing (0.9,1.1,2.5)
        Affine b = Affine.scaling(0.9, 1.1, 2.5);
        assertMetrics(new double[] {0.6116229725303676, 0.44053089357512104, 0.7611199716462874, 0.511212150066654,
            18.383443572845767, 4.45768844731361, 2.3648101762975537},
                SegmentationMetrics.compute(lesion3.withAffine(b), lesion1.withAffine(b), 1).get(1), "M3");
    }

    @Test
    void realAnisotropicGridUsesTheSpacingOfTheFile() throws DataException {
        // M6: head CT at 0.957 × 0.957 × 1.5 mm (spacing from the file's affine), prediction =
        // HU > 600, reference = HU > 300.
        Volume ct = ImageFiles.readVolume(SharedData.file("ct-head/cranium_ct.nii.gz"));
        assertEquals(1.5, ct.spacing()[2], 1e-6);
        LabelMetrics m = SegmentationMetrics.compute(threshold(ct, 600), threshold(ct, 300), 1).get(1);
        assertMetrics(new double[] {0.8145392331716608, 0.6871077103217286, 1.0, 0.6871077103217286,
            43.92619016652831, 4.770072607993505, 1.7393690772852834}, m, "M6");
    }

    private static Volume threshold(Volume v, float above) {
        float[] d = new float[v.data().length];
        for (int i = 0; i < d.length; i++) {
            d[i] = v.data()[i] > above ? 1 : 0;
        }
        return v.withData(d);
    }

    @Test
    void shiftedAtlasManyLabels() {
        // M4 AAL label L, prediction = np.roll(aal, (2,-1,1)), spacing 1
        Map<Integer, double[]> expected = Map.of(
                1, new double[] {0.8568183431532619, 0.7495032290114257, 0.8568183431532619, 0.8568183431532619, 2.23606797749979, 1.02241096956753, 0.17820867479497418},
                2, new double[] {0.8073397886022619, 0.6769235536549844, 0.8073397886022619, 0.8073397886022619, 2.23606797749979, 1.2607979520632604, 0.25355511228381233},
                37, new double[] {0.7927433391350918, 0.6566485527337251, 0.7927433391350918, 0.7927433391350918, 2.23606797749979, 0.9322537617962382, 0.26410901853472374},
                45, new double[] {0.800626390834913, 0.6675371083012644, 0.800626390834913, 0.800626390834913, 2.23606797749979, 1.1574129049035538, 0.26209817894172865},
                71, new double[] {0.7332725852642541, 0.5788716473127119, 0.7332725852642541, 0.7332725852642541, 2.23606797749979, 1.3346382784604567, 0.37123867026701335},
                95, new double[] {0.6763059701492538, 0.51092318534179, 0.6763059701492538, 0.6763059701492538, 2.23606797749979, 0.9448017692348648, 0.4202101435040936},
                116, new double[] {0.6773455377574371, 0.5121107266435986, 0.6773455377574371, 0.6773455377574371, 2.23606797749979, 0.9338785650648024, 0.4177541951876601});
        Map<Integer, LabelMetrics> got = SegmentationMetrics.compute(aalShifted, aal, 1, 2, 37, 45, 71, 95, 116);
        assertEquals(expected.keySet(), got.keySet());
        expected.forEach((label, e) -> assertMetrics(e, got.get(label), "M4 label " + label));
    }

    @Test
    void twoDimensionalSliceAnisotropic() {
        // M5 2D slice z=80 of the shifted pair, spacing (0.8, 1.2), 4-neighbourhood surfaces
        Volume ref = slice(aal, 80), pred = slice(aalShifted, 80);
        Map<Integer, LabelMetrics> got = SegmentationMetrics.compute(pred, ref, 37, 71);
        assertMetrics(new double[] {0.7058823529411765, 0.5454545454545454, 0.7021276595744681, 0.7096774193548387,
            3.5999999999999996, 1.360212925634235, 0.47487452435783223}, got.get(37), "M5 37");
        assertMetrics(new double[] {0.8050314465408805, 0.6736842105263158, 0.8275862068965517, 0.7836734693877551,
            2.4000000000000004, 1.2661694049081373, 0.23222670845428234}, got.get(71), "M5 71");
    }

    private static Volume slice(Volume v, int z) {
        float[] d = new float[v.nx() * v.ny()];
        System.arraycopy(v.data(), z * d.length, d, 0, d.length);
        return new Volume(v.nx(), v.ny(), 1, d, Affine.scaling(0.8, 1.2, 1));
    }

    @Test
    void emptyMasksFollowTheDocumentedConvention() {
        Volume empty = Volume.zeros(4, 4, 4, null);
        Volume one = Volume.zeros(4, 4, 4, null);
        one.set(1, 2, 3, 1);
        LabelMetrics both = SegmentationMetrics.compute(empty, empty, 1).get(1);
        assertEquals(new LabelMetrics(1, 1, 1, 1, 0, 0, 0), both);
        for (LabelMetrics m : new LabelMetrics[] {
            SegmentationMetrics.compute(empty, one, 1).get(1), SegmentationMetrics.compute(one, empty, 1).get(1)}) {
            assertEquals(0, m.dice());
            assertEquals(0, m.iou());
            assertEquals(0, m.precision());
            assertEquals(0, m.recall());
            assertTrue(Double.isNaN(m.hd95()) && Double.isNaN(m.assd()) && Double.isNaN(m.bavd()));
        }
    }

    @Test
    void identicalMasksArePerfectAndDisjointCubesHaveKnownDistances() {
        // Two 3×3×3 cubes in a 12×5×5 grid, x ranges [1,3] and [7,9]: every surface voxel of one is
        // at least 4 voxels from the other; spacing 0.5 along x.
        Volume a = Volume.zeros(12, 5, 5, Affine.scaling(0.5, 1, 1));
        Volume b = Volume.zeros(12, 5, 5, Affine.scaling(0.5, 1, 1));
        for (int z = 1; z <= 3; z++) {
            for (int y = 1; y <= 3; y++) {
                for (int x = 1; x <= 3; x++) {
                    a.set(x, y, z, 3);
                    b.set(x + 6, y, z, 3);
                }
            }
        }
        LabelMetrics same = SegmentationMetrics.compute(a, a, 3).get(3);
        assertEquals(new LabelMetrics(1, 1, 1, 1, 0, 0, 0), same);
        LabelMetrics apart = SegmentationMetrics.compute(b, a, 3).get(3);
        assertEquals(0, apart.dice());
        // The cube's centre voxel is its only interior voxel; 26 surface voxels each side.
        // Distances from cube a's x = 1, 2, 3 layers to b's nearest surface voxel (x = 7) in the same
        // (y, z): 3, 2.5, 2 mm (9 + 8 + 9 voxels: the centre is interior), symmetric for b.
        double assd = (9 * 3 + 8 * 2.5 + 9 * 2) / 26.0;
        assertEquals(assd, apart.assd(), 1e-12);
        // Sorted 26 distances: 9×2, 8×2.5, 9×3 → P95 at rank 23.75 is 3.
        assertEquals(3, apart.hd95(), 1e-12);
        // bAVD over all 27 voxels of each cube: the centre also counts (2.5 mm to b's x = 7 layer).
        double bavd = 0.5 * 2 * (9 * 3 + 9 * 2.5 + 9 * 2) / 27.0;
        assertEquals(bavd, apart.bavd(), 1e-12);
        // The binary-mask entry point gives the same numbers.
        assertEquals(apart, SegmentationMetrics.compute(SharedMasks.mask(b), SharedMasks.mask(a), 12, 5, 5, new double[] {0.5, 1, 1}));
    }

    @Test
    void shapesMustAgree() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SegmentationMetrics.compute(Volume.zeros(3, 3, 3, null), Volume.zeros(3, 3, 4, null), 1));
        assertTrue(e.getMessage().contains("[3, 3, 3]") && e.getMessage().contains("[3, 3, 4]"), e.getMessage());
    }

    @Test
    void surfaceEqualsMaskMinusErosion() {
        // A filled 5×5 square with one corner removed, 2D: interior = the 3×3 centre.
        boolean[] m = new boolean[7 * 7];
        for (int y = 1; y <= 5; y++) {
            for (int x = 1; x <= 5; x++) {
                m[x + 7 * y] = !(x == 5 && y == 5);
            }
        }
        boolean[] s = Surface.of(m, 7, 7, 1, false);
        int count = 0;
        for (boolean b : s) {
            count += b ? 1 : 0;
        }
        // 24 voxels minus the 9 centre ones: (4,4) touches the missing corner only diagonally,
        // which the 4-neighbourhood ignores, so it stays interior.
        assertEquals(24 - 9, count);
        assertTrue(!s[3 + 7 * 3] && !s[4 + 7 * 4] && s[5 + 7 * 4]);
        // On the image edge every mask voxel is surface (border_value = 0).
        boolean[] full = new boolean[9];
        java.util.Arrays.fill(full, true);
        boolean[] fs = Surface.of(full, 3, 3, 1, false);
        assertEquals(true, fs[0]);
        assertEquals(false, fs[4]);
    }
}
