package org.segforge.core.data.patch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.segforge.core.image.Volume;

/**
 * Where each foreground class of a label map is: the voxel indices (x + nx·(y + ny·z)) per class,
 * so that foreground-centred patches can be drawn without scanning the volume each time. Built
 * once per case; immutable.
 *
 * @param classes the foreground classes present (label values > 0), ascending
 * @param voxels voxels[i] = indices of the voxels of class classes[i], ascending
 */
public record LabelIndex(int[] classes, int[][] voxels) {
    public LabelIndex {
        if (classes.length != voxels.length) {
            throw new IllegalArgumentException(classes.length + " classes but " + voxels.length + " voxel lists");
        }
    }

    /** Indexes the foreground of a label map (a 3D volume of class indices; fractions are truncated). */
    public static LabelIndex of(Volume label) {
        if (label.nt() != 1) {
            throw new IllegalArgumentException("a label map has one frame, got " + label.nt());
        }
        float[] d = label.data();
        int max = 0;
        for (float v : d) {
            if (v < 0 || Float.isNaN(v)) {
                throw new IllegalArgumentException("label values must be class indices ≥ 0, found " + v);
            }
            max = Math.max(max, (int) v);
        }
        int[] counts = new int[max + 1];
        for (float v : d) {
            counts[(int) v]++;
        }
        List<Integer> present = new ArrayList<>();
        for (int c = 1; c <= max; c++) {
            if (counts[c] > 0) {
                present.add(c);
            }
        }
        int[] classes = present.stream().mapToInt(Integer::intValue).toArray();
        int[] slot = new int[max + 1];
        Arrays.fill(slot, -1);
        int[][] voxels = new int[classes.length][];
        for (int i = 0; i < classes.length; i++) {
            slot[classes[i]] = i;
            voxels[i] = new int[counts[classes[i]]];
        }
        int[] fill = new int[classes.length];
        for (int i = 0; i < d.length; i++) {
            int s = slot[(int) d[i]];
            if (s >= 0) {
                voxels[s][fill[s]++] = i;
            }
        }
        return new LabelIndex(classes, voxels);
    }

    public boolean hasForeground() {
        return classes.length > 0;
    }
}
