package org.segforge.core.image;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Summary statistics of a set of voxels (all voxels of a volume, or those under a mask), as
 * computed by {@link Intensity#stats}. {@code std} is the population standard deviation (numpy's
 * default {@code ddof=0}); percentiles are numpy's default {@code 'linear'} method, keyed by the
 * requested rank in [0, 100] in the order asked. Everything is computed in double from the
 * float32 voxels, i.e. as numpy does on the voxels cast to float64. When no voxel is selected
 * ({@code count == 0}) every value is NaN.
 */
public record Stats(long count, double min, double max, double mean, double std, Map<Double, Double> percentiles) {
    public Stats {
        percentiles = Collections.unmodifiableMap(new LinkedHashMap<>(percentiles));
    }

    /** The percentile of rank {@code q} (one of those requested). */
    public double percentile(double q) {
        Double v = percentiles.get(q);
        if (v == null) {
            throw new IllegalArgumentException("percentile " + q + " was not computed; computed: " + percentiles.keySet());
        }
        return v;
    }
}
