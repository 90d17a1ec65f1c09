package org.segforge.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CropPadTest {
    static float[] iota(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    static float[] pad1d(int n, int before, int after, CropPad.PadMode mode) {
        Volume v = new Volume(n, 1, 1, iota(n), null);
        return CropPad.padAt(v, n + before + after, 1, 1, before, 0, 0, mode, -1f).data();
    }

    @Test
    void padModesMatchNumpy() {
        // numpy 1.24: np.pad(np.arange(3), 5, 'reflect').tolist()
        assertArrayEquals(new float[] {1, 0, 1, 2, 1, 0, 1, 2, 1, 0, 1, 2, 1}, pad1d(3, 5, 5, CropPad.PadMode.REFLECT));
        // np.pad(np.arange(3), (2, 4), 'edge').tolist()
        assertArrayEquals(new float[] {0, 0, 0, 1, 2, 2, 2, 2, 2}, pad1d(3, 2, 4, CropPad.PadMode.EDGE));
        // np.pad(np.arange(1), 2, 'reflect').tolist()
        assertArrayEquals(new float[] {0, 0, 0, 0, 0}, pad1d(1, 2, 2, CropPad.PadMode.REFLECT));
        assertArrayEquals(new float[] {-1, -1, 0, 1, 2, -1}, pad1d(3, 2, 1, CropPad.PadMode.CONSTANT));
        // a = np.arange(12).reshape(3, 4)  (ny = 3, nx = 4, x fastest)
        // np.pad(a, ((1, 2), (3, 1)), 'reflect').ravel().tolist()
        float[] expected = {7, 6, 5, 4, 5, 6, 7, 6, 3, 2, 1, 0, 1, 2, 3, 2, 7, 6, 5, 4, 5, 6, 7, 6, 11, 10, 9, 8, 9, 10, 11, 10,
            7, 6, 5, 4, 5, 6, 7, 6, 3, 2, 1, 0, 1, 2, 3, 2};
        Volume v = Volume.image2d(4, 3, iota(12));
        assertArrayEquals(expected, CropPad.padAt(v, 8, 6, 1, 3, 1, 0, CropPad.PadMode.REFLECT, 0).data());
    }

    @Test
    void cropKeepsWorldPositions() {
        Affine a = Affine.of(0, 0, 2, -10, -1.5, 0, 0, 20, 0, 1, 0, 5, 0, 0, 0, 1);
        Volume v = new Volume(6, 5, 4, iota(120), a);
        Box b = new Box(1, 2, 1, 4, 5, 3);
        Volume c = CropPad.crop(v, b);
        assertArrayEquals(new int[] {3, 3, 2}, c.shape());
        for (int z = 0; z < 2; z++) {
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 3; x++) {
                    assertEquals(v.get(x + 1, y + 2, z + 1), c.get(x, y, z));
                    assertArrayEquals(a.apply(x + 1, y + 2, z + 1), c.affine().apply(x, y, z), 1e-12);
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> CropPad.crop(v, new Box(0, 0, 0, 7, 1, 1)));
        assertThrows(IllegalArgumentException.class, () -> CropPad.crop(v, new Box(1, 1, 1, 1, 2, 2)));
    }

    @Test
    void centredPadPutsTheOddVoxelAfterAndCropUndoesIt() {
        Volume v = new Volume(3, 2, 1, 2, iota(12), Affine.scaling(2, 3, 1));
        Volume p = CropPad.pad(v, 6, 5, 1, 0f);
        // x: 3 → 6 pads 1 before, 2 after; y: 2 → 5 pads 1 before, 2 after
        assertEquals(0f, p.get(0, 1, 0, 0));
        assertEquals(v.get(0, 0, 0, 1), p.get(1, 1, 0, 1));
        assertEquals(v.get(2, 1, 0, 1), p.get(3, 2, 0, 1));
        assertEquals(0f, p.get(4, 2, 0, 1));
        assertArrayEquals(new double[] {-2, -3, 0}, p.affine().origin(), 1e-12);
        Volume back = CropPad.cropOrPad(p, 3, 2, 1, 0f);
        assertArrayEquals(v.data(), back.data());
        assertTrue(back.affine().approxEquals(v.affine(), 1e-12));
        // crop 6 → 3 starts at 1: the inverse of the pad above
        assertEquals(new Box(1, 1, 0, 4, 3, 1), CropPad.centredBox(p, 3, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> CropPad.pad(v, 2, 5, 1, 0f));
    }

    @Test
    void cropOrPadMixesPerAxisAndUncropRestores() {
        Volume v = new Volume(7, 3, 2, iota(42), null);
        Box box = CropPad.centredBox(v, 4, 6, 2);
        assertEquals(new Box(1, -1, 0, 5, 5, 2), box);
        Volume r = CropPad.cropOrPad(v, 4, 6, 2, -5f);
        assertEquals(-5f, r.get(0, 0, 0));
        assertEquals(v.get(1, 0, 1), r.get(0, 1, 1));
        assertEquals(-5f, r.get(3, 4, 1));
        Volume full = CropPad.uncrop(r, box, 7, 3, 2, 0f);
        for (int z = 0; z < 2; z++) {
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 7; x++) {
                    assertEquals(x >= 1 && x < 5 ? v.get(x, y, z) : 0f, full.get(x, y, z));
                }
            }
        }
        assertTrue(full.affine().approxEquals(v.affine(), 1e-12));
    }

    @Test
    void nonzeroBoxWithMarginIsClipped() {
        Volume v = Volume.zeros(10, 8, 6, null);
        assertEquals(Optional.empty(), CropPad.nonzeroBox(v, 3));
        v.set(2, 3, 4, 1f);
        v.set(5, 1, 2, -2f);
        assertEquals(Optional.of(new Box(2, 1, 2, 6, 4, 5)), CropPad.nonzeroBox(v, 0));
        assertEquals(Optional.of(new Box(0, 0, 0, 8, 6, 6)), CropPad.nonzeroBox(v, 2));
        v.set(9, 7, 0, Float.NaN);
        assertEquals(Optional.of(new Box(2, 1, 0, 10, 8, 5)), CropPad.nonzeroBox(v, 0));
        // a voxel that is nonzero only in a later frame counts
        Volume two = new Volume(4, 4, 1, 2, new float[32], null);
        two.data()[16 + 3 + 4 * 2] = 1;
        assertEquals(Optional.of(new Box(3, 2, 0, 4, 3, 1)), CropPad.nonzeroBox(two, 0));
    }

    @Test
    void boxArithmetic() {
        Box b = Box.ofSize(-2, 0, 1, 4, 3, 2);
        assertEquals(new Box(-2, 0, 1, 2, 3, 3), b);
        assertEquals(24, b.voxels());
        assertFalse(b.within(Volume.zeros(5, 5, 5, null)));
        assertEquals(new Box(0, 0, 1, 2, 3, 3), b.clip(Volume.zeros(5, 5, 5, null)));
        assertTrue(b.contains(-2, 2, 2));
        assertFalse(b.contains(2, 2, 2));
        assertTrue(b.grow(-5).isEmpty());
        assertTrue(new Box(0, 0, 0, 1, 1, 1).intersect(new Box(3, 3, 3, 4, 4, 4)).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new Box(1, 0, 0, 0, 1, 1));
    }
}
