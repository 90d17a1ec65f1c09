package org.segforge.core.data;

import java.util.Arrays;
import java.util.Collection;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.segforge.core.image.Axis;
import org.segforge.core.image.Volume;

/**
 * Foreground voxel counts of a label map per label value and per slice, along all three axes, from
 * one parallel pass over the voxels. This is what lets a catalog list hundreds of tasks (every
 * region × axis) and a builder pick the slices worth keeping without cutting a single slice.
 */
public final class SliceCounts {
    /** Label maps are class indices; a larger value means the volume is not a label map. */
    static final int MAX_LABEL_VALUE = 1 << 20;

    private final int[] dims;
    private final int[] values;      // distinct foreground values present, ascending
    private final long[] totals;     // voxels per value (same order as values)
    private final int[][] perSlice;  // [axis][valueIndex * dims[axis] + slice]

    private SliceCounts(int[] dims, int[] values, long[] totals, int[][] perSlice) {
        this.dims = dims;
        this.values = values;
        this.totals = totals;
        this.perSlice = perSlice;
    }

    /**
     * Counts the label map's foreground (non-zero) voxels.
     *
     * @throws IllegalArgumentException if a value is not a non-negative integer (≤ 2^20)
     */
    public static SliceCounts of(Volume labels) {
        if (labels.nt() != 1) {
            throw new IllegalArgumentException("a label map has one frame, got " + labels.nt());
        }
        int nx = labels.nx(), ny = labels.ny(), nz = labels.nz();
        float[] d = labels.data();
        int plane = nx * ny;
        // pass 1: check integrality and find which values occur
        int max = IntStream.range(0, nz).parallel().map(z -> {
            int m = 0;
            for (int i = z * plane, end = i + plane; i < end; i++) {
                float v = d[i];
                if (v != 0) {
                    if (!(v > 0) || v != Math.rint(v) || v > MAX_LABEL_VALUE) {
                        int x = i % nx, y = (i / nx) % ny;
                        throw new IllegalArgumentException("label map value " + v + " at voxel (" + x + ", " + y + ", " + z
                            + ") is not a class index (an integer 0.." + MAX_LABEL_VALUE + ")");
                    }
                    m = Math.max(m, (int) v);
                }
            }
            return m;
        }).max().orElse(0);
        boolean[] present = new boolean[max + 1];
        IntStream.range(0, nz).parallel().forEach(z -> {
            boolean[] local = new boolean[max + 1];
            for (int i = z * plane, end = i + plane; i < end; i++) {
                local[(int) d[i]] = true;
            }
            synchronized (present) {
                for (int v = 1; v <= max; v++) {
                    present[v] |= local[v];
                }
            }
        });
        int[] dense = new int[max + 1];
        Arrays.fill(dense, -1);
        int k = 0;
        for (int v = 1; v <= max; v++) {
            if (present[v]) {
                dense[v] = k++;
            }
        }
        int[] vals = new int[k];
        for (int v = 1; v <= max; v++) {
            if (dense[v] >= 0) {
                vals[dense[v]] = v;
            }
        }
        int nv = k;
        // pass 2: counts per value per slice, on z-chunks each with its own arrays, then summed
        int chunks = Math.min(nz, 2 * ForkJoinPool.commonPool().getParallelism() + 1);
        int[][] total = IntStream.range(0, chunks).parallel().mapToObj(c -> {
            int z0 = (int) ((long) nz * c / chunks), z1 = (int) ((long) nz * (c + 1) / chunks);
            int[] cx = new int[nv * nx], cy = new int[nv * ny], cz = new int[nv * nz];
            for (int z = z0; z < z1; z++) {
                for (int y = 0; y < ny; y++) {
                    int row = nx * (y + ny * z);
                    for (int x = 0; x < nx; x++) {
                        float v = d[row + x];
                        if (v != 0) {
                            int j = dense[(int) v];
                            cx[j * nx + x]++;
                            cy[j * ny + y]++;
                            cz[j * nz + z]++;
                        }
                    }
                }
            }
            return new int[][] {cx, cy, cz};
        }).reduce((a, b) -> {
            for (int axis = 0; axis < 3; axis++) {
                for (int i = 0; i < a[axis].length; i++) {
                    a[axis][i] += b[axis][i];
                }
            }
            return a;
        }).orElseGet(() -> new int[][] {new int[0], new int[0], new int[0]});
        long[] totals = new long[nv];
        for (int j = 0; j < nv; j++) {
            for (int z = 0; z < nz; z++) {
                totals[j] += total[2][j * nz + z];
            }
        }
        return new SliceCounts(new int[] {nx, ny, nz}, vals, totals, total);
    }

    /** The foreground values present, ascending. */
    public int[] values() {
        return values.clone();
    }

    /** Number of voxels with this value (0 when absent; value 0 is not counted). */
    public long voxels(int value) {
        int j = Arrays.binarySearch(values, value);
        return j < 0 ? 0 : totals[j];
    }

    public int numSlices(Axis axis) {
        return dims[axis.index()];
    }

    /** Pixels in one slice along {@code axis}. */
    public long sliceArea(Axis axis) {
        long a = 1;
        for (int i = 0; i < 3; i++) {
            if (i != axis.index()) {
                a *= dims[i];
            }
        }
        return a;
    }

    /** Per slice along {@code axis}, the number of voxels whose value is one of {@code valueSet}. */
    public int[] perSlice(Axis axis, Collection<Integer> valueSet) {
        int n = dims[axis.index()];
        int[] out = new int[n];
        int[] counts = perSlice[axis.index()];
        for (int v : valueSet) {
            int j = Arrays.binarySearch(values, v);
            if (j < 0) {
                continue;
            }
            for (int s = 0; s < n; s++) {
                out[s] += counts[j * n + s];
            }
        }
        return out;
    }
}
