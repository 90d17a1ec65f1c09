package org.segforge.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.segforge.core.DataException;
import org.segforge.core.SharedData;
import org.segforge.core.io.ImageFiles;

/**
 * The volume operations on real data, Colin27 (ch2 T1, its skull-stripped ch2bet, the AAL atlas),
 * against numpy / torch values recorded by src/test/resources/reference/colin27_reference.py in
 * colin27_reference.txt (nibabel 5.0, numpy 1.24, torch 1.13).
 */
class Colin27VolumeOpsTest {
    static final double[] Q = {0.5, 1, 25, 50, 75, 99, 99.5};
    static Volume ch2, bet, aal;
    static Map<String, String[]> ref = new HashMap<>();

    @BeforeAll
    static void load() throws DataException, IOException {
        ch2 = ImageFiles.readVolume(SharedData.file("colin27/ch2.nii.gz"));
        bet = ImageFiles.readVolume(SharedData.file("colin27/ch2bet.nii.gz"));
        aal = ImageFiles.readVolume(SharedData.file("colin27/aal.nii.gz"));
        try (InputStream s = Colin27VolumeOpsTest.class.getResourceAsStream("/reference/colin27_reference.txt")) {
            for (String line : new String(s.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.trim().split("\\s+");
                // key: "stats ch2_all", "slice90 ch2_linear", "aal_counts", …
                boolean named = f[0].equals("stats") || f[0].equals("slice90") || f[0].equals("volume");
                String key = named ? f[0] + " " + f[1] : f[0];
                ref.put(key, java.util.Arrays.copyOfRange(f, named ? 2 : 1, f.length));
            }
        }
    }

    static double num(String[] f, int i) {
        return Double.parseDouble(f[i]);
    }

    static void checkStats(String key, Stats s) {
        // recorded: count min max mean std, then the percentiles Q
        String[] f = ref.get("stats " + key);
        assertEquals((long) num(f, 0), s.count(), key + " count");
        assertEquals(num(f, 1), s.min(), 0, key + " min");
        assertEquals(num(f, 2), s.max(), 0, key + " max");
        assertEquals(num(f, 3), s.mean(), 1e-9, key + " mean");
        assertEquals(num(f, 4), s.std(), 1e-9, key + " std");
        for (int k = 0; k < Q.length; k++) {
            assertEquals(num(f, 5 + k), s.percentile(Q[k]), 1e-9, key + " percentile " + Q[k]);
        }
    }

    @Test
    void statsAndPercentilesOfCh2MatchNumpy() {
        assertArrayEquals(new int[] {181, 217, 181}, ch2.shape());
        checkStats("ch2_all", Intensity.stats(ch2, Q));
        // ch2 is uint8, so its nonzero voxels are the voxels > 0 of the reference
        checkStats("ch2_positive", Intensity.stats(ch2, Labels.nonzero(ch2), Q));
        checkStats("ch2_in_bet", Intensity.stats(ch2, Labels.nonzero(bet), Q));
    }

    @Test
    void aalLabelCountsMatchNumpyUnique() {
        String[] f = ref.get("aal_counts");
        NavigableMap<Integer, Long> counts = Labels.counts(aal);
        assertEquals(f.length, counts.size());
        assertEquals(117, counts.size()); // background and 116 regions
        int k = 0;
        for (Map.Entry<Integer, Long> e : counts.entrySet()) {
            assertEquals(f[k++], e.getKey() + ":" + e.getValue());
        }
        // one-hot and back on an axial slice (117 frames of the whole atlas would be 3.3 GB)
        Volume slice = Slices.extract(aal, Axis.AXIAL, 90);
        Volume h = Labels.oneHot(slice, 117);
        assertArrayEquals(slice.data(), Labels.argmax(h).data());
    }

    @Test
    void aalRegionsGroupIntoHemispheres() throws IOException {
        // aal.nii.txt lines are "value name code", e.g. "1 Precentral_L 2001"; _L → class 1,
        // _R → class 2, the vermis (neither) → background.
        Map<Integer, java.util.List<Integer>> byClass = new HashMap<>();
        for (String line : java.nio.file.Files.readAllLines(SharedData.file("colin27/aal.nii.txt"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && (f[1].endsWith("_L") || f[1].endsWith("_R"))) {
                byClass.computeIfAbsent(f[1].endsWith("_L") ? 1 : 2, c -> new java.util.ArrayList<>()).add(Integer.parseInt(f[0]));
            }
        }
        assertEquals(54, byClass.get(1).size());
        Volume hemi = Labels.groups(aal, Labels.groupMap(byClass));
        // expected voxel counts: sums of the numpy.unique counts of the regions of each side
        long[] expected = new long[3];
        for (String vc : ref.get("aal_counts")) {
            int value = Integer.parseInt(vc.split(":")[0]);
            long count = Long.parseLong(vc.split(":")[1]);
            int cls = byClass.get(1).contains(value) ? 1 : byClass.get(2).contains(value) ? 2 : 0;
            expected[cls] += count;
        }
        NavigableMap<Integer, Long> counts = Labels.counts(hemi);
        assertEquals(expected[1], counts.get(1));
        assertEquals(expected[2], counts.get(2));
        assertEquals(expected[0], counts.get(0));
        // RAS+: world x of the left hemisphere is negative, of the right positive
        double[] meanX = new double[3];
        for (int z = 0; z < hemi.nz(); z++) {
            for (int y = 0; y < hemi.ny(); y++) {
                for (int x = 0; x < hemi.nx(); x++) {
                    meanX[(int) hemi.get(x, y, z)] += hemi.affine().apply(x, y, z)[0];
                }
            }
        }
        assertEquals(true, meanX[1] / expected[1] < -10 && meanX[2] / expected[2] > 10,
            "left mean x " + meanX[1] / expected[1] + ", right " + meanX[2] / expected[2]);
    }

    @Test
    void brainBoundingBoxMatchesNumpyNonzero() {
        String[] f = ref.get("bet_box");
        Box expected = new Box((int) num(f, 0), (int) num(f, 1), (int) num(f, 2), (int) num(f, 3), (int) num(f, 4), (int) num(f, 5));
        assertEquals(Optional.of(expected), CropPad.nonzeroBox(bet, 0));
        Volume cropped = CropPad.crop(ch2, expected);
        // the crop keeps the world position of its first voxel
        assertArrayEquals(ch2.affine().apply(expected.x0(), expected.y0(), expected.z0()), cropped.affine().origin(), 1e-9);
        assertEquals(ch2.get(expected.x0() + 5, expected.y0() + 7, expected.z0() + 9), cropped.get(5, 7, 9));
    }

    @Test
    void axialSliceResizeMatchesTorch() {
        Volume s = Slices.extract(ch2, Axis.AXIAL, 90);
        Volume l = Slices.extract(aal, Axis.AXIAL, 90);
        checkSlice("ch2_linear", Resize.image(s, 128, 128, Resize.Mode.LINEAR), 2e-3);
        checkSlice("ch2_area", Resize.image(s, 128, 128, Resize.Mode.AREA), 2e-3);
        checkSlice("aal_nearest", Resize.image(l, 128, 128, Resize.Mode.NEAREST), 0);
        Volume r = Resize.image(s, 128, 128, Resize.Mode.LINEAR);
        // same physical extent: the outer corner of the last pixel is where it was
        assertArrayEquals(s.affine().apply(180.5, 216.5, 0), r.affine().apply(127.5, 127.5, 0), 1e-9);
    }

    static void checkSlice(String key, Volume r, double tol) {
        String[] f = ref.get("slice90 " + key);
        double sum = 0;
        for (float x : r.data()) {
            sum += x;
        }
        assertEquals(num(f, 0), sum, Math.abs(num(f, 0)) * 1e-6, key + " sum");
        int k = 1;
        for (int y = 0; y < 128; y += 8) {
            for (int x = 0; x < 128; x += 8) {
                assertEquals(num(f, k++), r.get(x, y, 0), tol, key + " at (" + x + ", " + y + ")");
            }
        }
    }

    @Test
    void volumeResizeIn3dMatchesTorch() {
        checkVolume("linear3d", Resize.Mode.LINEAR, 2e-3);
        checkVolume("area3d", Resize.Mode.AREA, 2e-3);
        checkVolume("nearest3d", Resize.Mode.NEAREST, 0);
    }

    static void checkVolume(String key, Resize.Mode mode, double tol) {
        // recorded: float64 sum of the 96×112×96 output, then the voxels at x, y, z in {10, 40, 70}
        String[] f = ref.get("volume " + key);
        Volume r = Resize.to(ch2, 96, 112, 96, mode);
        double sum = 0;
        for (float x : r.data()) {
            sum += x;
        }
        assertEquals(num(f, 0), sum, num(f, 0) * 1e-6, key + " sum");
        int k = 1;
        int[] at = {10, 40, 70};
        for (int z : at) {
            for (int y : at) {
                for (int x : at) {
                    assertEquals(num(f, k++), r.get(x, y, z), tol, key + " at (" + x + ", " + y + ", " + z + ")");
                }
            }
        }
    }

    @Test
    void allAxialSlicesInOneCallMatchTorch() {
        String[] f = ref.get("all_slices_linear_sum");
        Volume r = Resize.to(ch2, 128, 128, 181, Resize.Mode.LINEAR);
        double sum = 0, slice45 = 0;
        float[] d = r.data();
        for (int i = 0; i < d.length; i++) {
            sum += d[i];
            if (i / (128 * 128) == 45) {
                slice45 += d[i];
            }
        }
        assertEquals(num(f, 0), sum, num(f, 0) * 1e-6);
        assertEquals(num(f, 1), slice45, num(f, 1) * 1e-6);
        assertArrayEquals(Resize.image(Slices.extract(ch2, Axis.AXIAL, 45), 128, 128, Resize.Mode.LINEAR).data(),
            Slices.extract(r, Axis.AXIAL, 45).data());
    }
}
