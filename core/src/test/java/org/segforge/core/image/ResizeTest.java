package org.segforge.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResizeTest {
    /** The input pattern of resize_reference.py: float32((i*37) % 101) / float32(7). */
    static float[] pattern(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = ((i * 37) % 101) / 7f;
        }
        return a;
    }

    record Case(Resize.Mode mode, int[] in, int[] out, float[] expected) {}

    /**
     * Cases recorded from torch.nn.functional.interpolate (torch 1.13, align_corners=False,
     * 'nearest-exact' / 'bilinear' / 'trilinear' / 'area') by
     * src/test/resources/reference/resize_reference.py, whose output is resize_reference.txt.
     */
    static List<Case> torchCases() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream s = ResizeTest.class.getResourceAsStream("/reference/resize_reference.txt")) {
            String[] lines = new String(s.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i + 1 < lines.length; i += 2) {
                // e.g. "LINEAR (7, 5, 1) -> (4, 9, 1)"
                String[] head = lines[i].replaceAll("[(),>-]", " ").trim().split("\\s+");
                Resize.Mode mode = Resize.Mode.valueOf(head[0]);
                int[] in = {Integer.parseInt(head[1]), Integer.parseInt(head[2]), Integer.parseInt(head[3])};
                int[] out = {Integer.parseInt(head[4]), Integer.parseInt(head[5]), Integer.parseInt(head[6])};
                String[] vals = lines[i + 1].replaceAll("[{}f]", "").split(",");
                float[] e = new float[vals.length];
                for (int k = 0; k < vals.length; k++) {
                    e[k] = Float.parseFloat(vals[k].trim());
                }
                cases.add(new Case(mode, in, out, e));
            }
        }
        return cases;
    }

    @Test
    void matchesTorchInterpolateOn2dAnd3dCases() throws IOException {
        List<Case> cases = torchCases();
        assertEquals(9, cases.size());
        for (Case c : cases) {
            Volume v = new Volume(c.in[0], c.in[1], c.in[2], pattern(c.in[0] * c.in[1] * c.in[2]), null);
            Volume r = Resize.to(v, c.out[0], c.out[1], c.out[2], c.mode);
            assertArrayEquals(c.out, r.shape(), c.mode + " shape");
            float[] got = r.data();
            for (int i = 0; i < got.length; i++) {
                // Nearest copies voxels, so it must be exact; the others differ from torch only
                // by float32 summation order.
                float tol = c.mode == Resize.Mode.NEAREST ? 0f : 2e-6f * 15;
                assertEquals(c.expected[i], got[i], tol, c.mode + " " + java.util.Arrays.toString(c.in) + " voxel " + i);
            }
        }
    }

    @Test
    void nearestBreaksExactTiesLikeTorch() {
        // torch: F.interpolate(tensor([[[0., 1.]]]), size=41, mode='nearest-exact')[0,0,18:23]
        //        = [0, 0, 0, 1, 1]; the exact rational rule would give 1 at index 20.
        Volume v = new Volume(2, 1, 1, new float[] {0, 1}, null);
        float[] r = Resize.to(v, 41, 1, 1, Resize.Mode.NEAREST).data();
        assertArrayEquals(new float[] {0, 0, 0, 1, 1}, java.util.Arrays.copyOfRange(r, 18, 23));
    }

    @Test
    void nearestMatchesTorchOnEverySizeUpTo128() throws IOException {
        // nearest_ties_reference.txt lists "i o d torch_index" wherever torch's 'nearest-exact'
        // differs from the exact rational rule min(floor((2d+1)·i / (2o)), i−1), for i, o ≤ 128.
        java.util.Map<Integer, Integer> ties = new java.util.HashMap<>(); // key i·2^16 + o·2^8 + d
        try (InputStream s = ResizeTest.class.getResourceAsStream("/reference/nearest_ties_reference.txt")) {
            for (String line : new String(s.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.trim().split(" ");
                ties.put((Integer.parseInt(f[0]) << 16) + (Integer.parseInt(f[1]) << 8) + Integer.parseInt(f[2]), Integer.parseInt(f[3]));
            }
        }
        assertEquals(367, ties.size());
        int checked = 0;
        for (int i = 1; i <= 128; i++) {
            Volume v = new Volume(i, 1, 1, CropPadTest.iota(i), null);
            for (int o = 1; o <= 128; o++) {
                float[] r = Resize.to(v, o, 1, 1, Resize.Mode.NEAREST).data();
                for (int d = 0; d < o; d++) {
                    int exact = (int) Math.min((long) (2 * d + 1) * i / (2L * o), i - 1);
                    Integer tie = ties.get((i << 16) + (o << 8) + d);
                    int expected = tie != null ? tie : exact;
                    if (expected != (int) r[d]) {
                        fail("in " + i + " out " + o + " index " + d + ": expected source " + expected + ", got " + r[d]);
                    }
                    checked++;
                }
            }
        }
        assertEquals(128 * 128 * 129 / 2, checked);
    }

    @Test
    void areaHalvingIsTheMeanOfEachTwoByTwoBlock() {
        float[] p = pattern(8 * 6);
        Volume r = Resize.image(Volume.image2d(8, 6, p), 4, 3, Resize.Mode.AREA);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                float mean = (p[2 * x + 8 * 2 * y] + p[2 * x + 1 + 8 * 2 * y] + p[2 * x + 8 * (2 * y + 1)] + p[2 * x + 1 + 8 * (2 * y + 1)]) / 4;
                assertEquals(mean, r.get(x, y, 0), 1e-5f);
            }
        }
    }

    @Test
    void constantImagesStayConstantInEveryMode() {
        float[] c = new float[9 * 7 * 3];
        java.util.Arrays.fill(c, 3.25f);
        Volume v = new Volume(9, 7, 3, c, null);
        for (Resize.Mode m : Resize.Mode.values()) {
            for (float x : Resize.to(v, 4, 11, 5, m).data()) {
                assertEquals(3.25f, x, 1e-6f, m.name());
            }
        }
    }

    @Test
    void sameShapeIsACopyAndFramesAreResizedAlike() {
        Volume v = new Volume(3, 2, 1, 2, pattern(12), Affine.scaling(2, 2, 2));
        Volume same = Resize.to(v, 3, 2, 1, Resize.Mode.LINEAR);
        assertArrayEquals(v.data(), same.data());
        assertTrue(same.data() != v.data());
        assertEquals(v.affine(), same.affine());
        Volume both = Resize.to(v, 5, 4, 1, Resize.Mode.LINEAR);
        assertEquals(2, both.nt());
        for (int t = 0; t < 2; t++) {
            assertArrayEquals(Resize.to(v.frame(t), 5, 4, 1, Resize.Mode.LINEAR).data(), both.frame(t).data());
        }
    }

    @Test
    void affineCoversTheSamePhysicalExtent() {
        // 10 voxels of 1 mm starting at world -4.5 → 4 voxels of 2.5 mm; the outer edges
        // (-5 and +5 mm) are kept, so the first centre is at -5 + 1.25 = -3.75 mm.
        Affine a = Affine.of(1, 0, 0, -4.5, 0, 2, 0, 10, 0, 0, 3, 0, 0, 0, 0, 1);
        Volume v = new Volume(10, 6, 1, new float[60], a);
        Volume r = Resize.to(v, 4, 3, 1, Resize.Mode.LINEAR);
        assertArrayEquals(new double[] {2.5, 4, 3}, r.spacing(), 1e-12);
        assertArrayEquals(new double[] {-3.75, 11, 0}, r.affine().origin(), 1e-12);
        // the world edge of the last output voxel equals that of the last input voxel
        assertEquals(a.apply(9.5, 5.5, 0)[0], r.affine().apply(3.5, 2.5, 0)[0], 1e-12);
        assertEquals(a.apply(9.5, 5.5, 0)[1], r.affine().apply(3.5, 2.5, 0)[1], 1e-12);
    }

    @Test
    void toSpacingRoundsTheShapeLikeNnUnet() {
        // np.round([10 * 1 / 0.75, 6 * 2 / 3, 1 * 3 / 3]) = [13, 4, 1]
        Affine a = Affine.of(1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 3, 0, 0, 0, 0, 1);
        Volume r = Resize.toSpacing(new Volume(10, 6, 1, new float[60], a), 0.75, 3, 3, Resize.Mode.LINEAR);
        assertArrayEquals(new int[] {13, 4, 1}, r.shape());
        assertArrayEquals(new double[] {10.0 / 13, 3, 3}, r.spacing(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Resize.toSpacing(r, 0, 1, 1, Resize.Mode.LINEAR));
    }

    @Test
    void rejectsBadTargets() {
        Volume v = Volume.image2d(2, 2, new float[4]);
        assertThrows(IllegalArgumentException.class, () -> Resize.to(v, 0, 2, 1, Resize.Mode.AREA));
        assertThrows(IllegalArgumentException.class, () -> Resize.to(v, 2, 2, 1, null));
        assertThrows(IllegalArgumentException.class, () -> Resize.image(new Volume(2, 2, 2, new float[8], null), 3, 3, Resize.Mode.AREA));
        assertThrows(IllegalArgumentException.class, () -> Resize.to(v, 65536, 65536, 1, Resize.Mode.NEAREST));
    }
}
