package org.segforge.core.io;

import java.nio.file.Path;
import org.segforge.core.DataException;

/**
 * Refuses, before allocating, images whose header asks for more voxels than we allow, so that a
 * corrupt or hostile header ends in a clear error instead of an OutOfMemoryError. The limit is
 * the smaller of {@code -Dsegforge.maxVoxels} (default 2^30) and what the heap can still hold.
 */
public final class ReadLimits {
    public static final String PROPERTY = "segforge.maxVoxels";
    private static final long DEFAULT_MAX_VOXELS = 1L << 30;

    private ReadLimits() {}

    public static long maxVoxels() {
        long configured = Long.getLong(PROPERTY, DEFAULT_MAX_VOXELS);
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        // float32 in memory, plus about as much again for the raw bytes while decoding
        long byHeap = Math.max(0, free / 8);
        return Math.min(Math.min(configured, byHeap), Integer.MAX_VALUE - 8);
    }

    /** Throws unless {@code dims} (all must be ≥ 1) multiply to an allowed voxel count. */
    public static long checkVoxels(Path file, long... dims) throws DataException {
        long n = 1;
        for (long d : dims) {
            if (d < 1) {
                throw new DataException(file, "dimension " + d + " is not positive");
            }
            if (n > Long.MAX_VALUE / d) {
                throw new DataException(file, "dimensions overflow a 64-bit voxel count");
            }
            n *= d;
        }
        long max = maxVoxels();
        if (n > max) {
            throw new DataException(file, "image has " + n + " voxels, more than the limit of " + max
                + " (raise -D" + PROPERTY + " or the heap with -Xmx if the file is genuine)");
        }
        return n;
    }
}
