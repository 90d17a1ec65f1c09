package org.segforge.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.segforge.core.DataException;

class LabelsTest {
    static Volume labels(float... v) {
        return new Volume(v.length, 1, 1, v, Affine.scaling(2, 2, 2));
    }

    @Test
    void valuesAndCountsAreSorted() {
        Volume v = labels(3, 0, 2001, 3, 0, 0, -1, 2001);
        assertArrayEquals(new int[] {-1, 0, 3, 2001}, Labels.values(v));
        assertEquals(Map.of(-1, 1L, 0, 3L, 3, 2L, 2001, 2L), Labels.counts(v));
        assertEquals(List.of(-1, 0, 3, 2001), List.copyOf(Labels.counts(v).keySet()));
        // a range too wide for a table goes through the hash path and gives the same answer
        Volume wide = labels(5_000_000, 0, -5_000_000, 5_000_000);
        assertEquals(Map.of(-5_000_000, 1L, 0, 1L, 5_000_000, 2L), Labels.counts(wide));
    }

    @Test
    void integralityIsCheckedAndNamed() throws DataException {
        assertTrue(Labels.isIntegral(labels(0, 1, -7, 16_777_216)));
        assertFalse(Labels.isIntegral(labels(0, 0.5f)));
        assertFalse(Labels.isIntegral(labels(Float.NaN)));
        assertFalse(Labels.isIntegral(labels(Float.POSITIVE_INFINITY)));
        assertFalse(Labels.isIntegral(labels(3e9f)));
        assertThrows(IllegalArgumentException.class, () -> Labels.counts(labels(1, 1.5f)));
        DataException e = assertThrows(DataException.class, () -> Labels.requireIntegral(labels(1, 1.5f), "seg.nii.gz"));
        assertEquals("seg.nii.gz: voxel (1, 0, 0) is 1.5; labels must be integers", e.getMessage());
        Labels.requireClasses(labels(0, 1, 2), 3, "seg.nii.gz");
        DataException c = assertThrows(DataException.class, () -> Labels.requireClasses(labels(0, 3, 1), 3, "seg.nii.gz"));
        assertEquals("seg.nii.gz: voxel (1, 0, 0) has label 3, not a class index in 0..2", c.getMessage());
    }

    @Test
    void binaryMasks() {
        Volume v = labels(0, 4, 5, 4, 7, 4.5f);
        assertArrayEquals(new float[] {0, 1, 0, 1, 0, 0}, Labels.binary(v, 4).data());
        assertArrayEquals(new float[] {0, 1, 1, 1, 0, 0}, Labels.binary(v, Set.of(4, 5)).data());
        assertArrayEquals(new float[] {0, 1, 0, 1, 1, 0}, Labels.binary(v, Set.of(4, 7, 1_000_000_000)).data());
        assertArrayEquals(new float[6], Labels.binary(v, Set.of()).data());
        assertArrayEquals(new float[] {0, 1, 1, 1, 1, 1}, Labels.nonzero(v).data());
        assertEquals(v.affine(), Labels.binary(v, 4).affine());
    }

    @Test
    void remapZeroesOrKeepsUnmappedValues() {
        Volume v = labels(0, 1, 2, 3, 2);
        Map<Integer, Integer> m = Map.of(2, 20, 3, 1);
        assertArrayEquals(new float[] {0, 0, 20, 1, 20}, Labels.remap(v, m, Labels.Unmapped.ZERO).data());
        assertArrayEquals(new float[] {0, 1, 20, 1, 20}, Labels.remap(v, m, Labels.Unmapped.KEEP).data());
        Volume wide = labels(-9_000_000, 9_000_000, 5);
        assertArrayEquals(new float[] {-9_000_000, 1, 5}, Labels.remap(wide, Map.of(9_000_000, 1), Labels.Unmapped.KEEP).data());
        assertThrows(IllegalArgumentException.class, () -> Labels.remap(v, Map.of(1, 1 << 25), Labels.Unmapped.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Labels.remap(v, m, null));
    }

    @Test
    void groupsMergeRegionsIntoClasses() {
        // e.g. AAL: precentral L/R (2001, 2002) → class 1, frontal sup L/R (2101, 2102) → class 2
        Map<Integer, Integer> g = Labels.groupMap(Map.of(1, List.of(2001, 2002), 2, List.of(2101, 2102)));
        Volume v = labels(0, 2001, 2102, 2002, 4001, 2101);
        assertArrayEquals(new float[] {0, 1, 2, 1, 0, 2}, Labels.groups(v, g).data());
        assertThrows(IllegalArgumentException.class, () -> Labels.groupMap(Map.of(1, List.of(5), 2, List.of(5))));
        assertThrows(IllegalArgumentException.class, () -> Labels.groupMap(Map.of(0, List.of(5))));
        assertThrows(IllegalArgumentException.class, () -> Labels.groups(v, Map.of(2001, -1)));
    }

    @Test
    void oneHotAndArgmaxAreInverse() {
        Volume v = new Volume(3, 2, 1, new float[] {0, 2, 1, 1, 0, 2}, Affine.scaling(1, 2, 3));
        Volume h = Labels.oneHot(v, 3);
        assertEquals(3, h.nt());
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1}, h.data());
        assertEquals(v.affine(), h.affine());
        Volume back = Labels.argmax(h);
        assertArrayEquals(v.data(), back.data());
        assertEquals(1, back.nt());
        assertThrows(IllegalArgumentException.class, () -> Labels.oneHot(v, 2));
        assertThrows(IllegalArgumentException.class, () -> Labels.oneHot(labels(0, -1), 2));
        assertThrows(IllegalArgumentException.class, () -> Labels.oneHot(h, 3));
    }

    @Test
    void argmaxBreaksTiesLowAndLetsNaNWin() {
        // voxel 0: tie 0.4/0.4/0.2 → 0; voxel 1: tie between frames 1 and 2 → 1; voxel 2: NaN in frame 2;
        // voxel 3: NaN in frame 0 → 0 (numpy.argmax([nan, 1, 2]) = 0)
        float nan = Float.NaN;
        float[] p = {0.4f, 0.1f, 0.5f, nan, /* frame 1 */ 0.4f, 0.45f, 0.9f, 1, /* frame 2 */ 0.2f, 0.45f, nan, 2};
        Volume v = new Volume(4, 1, 1, 3, p, null);
        assertArrayEquals(new float[] {0, 1, 2, 0}, Labels.argmax(v).data());
    }
}
