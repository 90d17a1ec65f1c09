package org.segforge.core.data;

/**
 * The least foreground a slice must have to become a task sample: an absolute number of voxels,
 * or a fraction of the slice's area. Slices below it are skipped (an empty or nearly empty slice
 * teaches a segmenter little and makes Dice undefined).
 */
public record ForegroundThreshold(double amount, boolean fraction) {
    public ForegroundThreshold {
        if (!Double.isFinite(amount) || amount < 0) {
            throw new IllegalArgumentException("foreground threshold must be ≥ 0, got " + amount);
        }
        if (fraction && amount > 1) {
            throw new IllegalArgumentException("foreground fraction must be in [0, 1], got " + amount);
        }
    }

    /** At least {@code n} foreground voxels (n = 0 keeps every slice). */
    public static ForegroundThreshold voxels(long n) {
        return new ForegroundThreshold(n, false);
    }

    /** At least this fraction of the slice's pixels are foreground. */
    public static ForegroundThreshold fractionOfSlice(double f) {
        return new ForegroundThreshold(f, true);
    }

    /** The default: any slice with at least one foreground voxel. */
    public static ForegroundThreshold anyForeground() {
        return voxels(1);
    }

    /** Whether a slice of {@code sliceArea} pixels with {@code foreground} foreground pixels is kept. */
    public boolean keeps(long foreground, long sliceArea) {
        return fraction ? foreground >= amount * sliceArea : foreground >= amount;
    }

    @Override
    public String toString() {
        return fraction ? amount + " of the slice" : (long) amount + " voxels";
    }
}
