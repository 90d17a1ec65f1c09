package org.segforge.core.image;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.segforge.core.DataException;

/**
 * Operations on label maps: volumes whose voxels hold integer label values (0 = background).
 *
 * <p>A value is <em>integral</em> when it is finite, has no fraction and lies in the int range.
 * Functions that read label values ({@link #values}, {@link #counts}, {@link #remap},
 * {@link #groups}, {@link #oneHot}) throw {@link IllegalArgumentException} naming the first voxel
 * that is not; validate user files where they are read with {@link #requireIntegral} or
 * {@link #requireClasses}, which throw the checked {@link DataException} naming the source.
 * Every function reads all frames unless it says otherwise.
 */
public final class Labels {
    /** What {@link #remap} does with a value that has no entry in the map. */
    public enum Unmapped {
        /** Becomes background (0): the map lists every value to keep. */
        ZERO,
        /** Stays as it is: the map lists only the values to change. */
        KEEP
    }

    /** float32 holds every integer up to 2^24 exactly; label values beyond would be rounded. */
    private static final int MAX_EXACT = 1 << 24;
    /** Value ranges up to this wide are looked up in a table instead of a hash map. */
    private static final long TABLE_LIMIT = 1 << 22;

    private Labels() {}

    /** True when every voxel is integral (finite, no fraction, in the int range). */
    public static boolean isIntegral(Volume v) {
        return firstNonIntegral(v.data()) < 0;
    }

    /** Throws a {@link DataException} "SOURCE: voxel (x, y, z) is 0.5; labels must be integers" if one is not integral. */
    public static void requireIntegral(Volume v, String source) throws DataException {
        int i = firstNonIntegral(v.data());
        if (i >= 0) {
            throw new DataException(source + ": voxel " + Intensity.position(v, i) + " is " + v.data()[i] + "; labels must be integers");
        }
    }

    /** Throws a {@link DataException} naming the source unless every voxel is a class index in 0..classes−1. */
    public static void requireClasses(Volume v, int classes, String source) throws DataException {
        requireIntegral(v, source);
        float[] d = v.data();
        for (int i = 0; i < d.length; i++) {
            if (d[i] < 0 || d[i] >= classes) {
                throw new DataException(source + ": voxel " + Intensity.position(v, i) + " has label " + (int) d[i]
                    + ", not a class index in 0.." + (classes - 1));
            }
        }
    }

    /** The distinct label values, sorted ascending. */
    public static int[] values(Volume v) {
        return counts(v).keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    /** Voxel count of every label value present, in ascending order of value. */
    public static NavigableMap<Integer, Long> counts(Volume v) {
        float[] d = v.data();
        int[] range = integralRange(v);
        TreeMap<Integer, Long> out = new TreeMap<>();
        if (range == null) {
            return Collections.unmodifiableNavigableMap(out);
        }
        long width = (long) range[1] - range[0] + 1;
        if (width <= TABLE_LIMIT) {
            int lo = range[0];
            int[] c = new int[(int) width];
            for (float x : d) {
                c[(int) x - lo]++;
            }
            for (int k = 0; k < c.length; k++) {
                if (c[k] > 0) {
                    out.put(k + lo, (long) c[k]);
                }
            }
        } else {
            HashMap<Integer, Long> c = new HashMap<>();
            for (float x : d) {
                c.merge((int) x, 1L, Long::sum);
            }
            out.putAll(c);
        }
        return Collections.unmodifiableNavigableMap(out);
    }

    /** 1 where the voxel equals {@code value}, else 0. */
    public static Volume binary(Volume v, int value) {
        float[] d = v.data();
        float[] out = new float[d.length];
        float f = value;
        for (int i = 0; i < d.length; i++) {
            out[i] = d[i] == f ? 1f : 0f;
        }
        return v.withData(out);
    }

    /** 1 where the voxel is one of {@code values}, else 0 (non-integral voxels are never members). */
    public static Volume binary(Volume v, Set<Integer> values) {
        float[] d = v.data();
        float[] out = new float[d.length];
        if (values.isEmpty()) {
            return v.withData(out);
        }
        int lo = Collections.min(values), hi = Collections.max(values);
        boolean[] member = null;
        if ((long) hi - lo < TABLE_LIMIT) {
            member = new boolean[hi - lo + 1];
            for (int k : values) {
                member[k - lo] = true;
            }
        }
        for (int i = 0; i < d.length; i++) {
            float x = d[i];
            if (x >= lo && x <= hi && x == (int) x) {
                out[i] = (member != null ? member[(int) x - lo] : values.contains((int) x)) ? 1f : 0f;
            }
        }
        return v.withData(out);
    }

    /** 1 where the voxel is not 0 (NaN counts as not 0), else 0: e.g. the brain mask of a skull-stripped image. */
    public static Volume nonzero(Volume v) {
        float[] d = v.data();
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = d[i] != 0 ? 1f : 0f;
        }
        return v.withData(out);
    }

    /**
     * Every label value replaced through {@code map}; values without an entry become 0 or are kept,
     * as {@code unmapped} says. Target values must be exactly representable (|value| ≤ 2^24).
     */
    public static Volume remap(Volume v, Map<Integer, Integer> map, Unmapped unmapped) {
        if (unmapped == null) {
            throw new IllegalArgumentException("say what happens to unmapped values (Unmapped.ZERO or KEEP)");
        }
        for (Map.Entry<Integer, Integer> e : map.entrySet()) {
            if (Math.abs((long) e.getValue()) > MAX_EXACT) {
                throw new IllegalArgumentException("label " + e.getKey() + " → " + e.getValue() + ": values beyond ±2^24 are not exact in float32");
            }
        }
        float[] d = v.data();
        float[] out = new float[d.length];
        int[] range = integralRange(v);
        if (range == null) {
            return v.withData(out);
        }
        long width = (long) range[1] - range[0] + 1;
        if (width <= TABLE_LIMIT) {
            int lo = range[0];
            float[] table = new float[(int) width];
            for (int k = 0; k < table.length; k++) {
                Integer to = map.get(k + lo);
                table[k] = to != null ? to : (unmapped == Unmapped.KEEP ? k + lo : 0);
            }
            for (int i = 0; i < d.length; i++) {
                out[i] = table[(int) d[i] - lo];
            }
        } else {
            for (int i = 0; i < d.length; i++) {
                Integer to = map.get((int) d[i]);
                out[i] = to != null ? to : (unmapped == Unmapped.KEEP ? d[i] : 0f);
            }
        }
        return v.withData(out);
    }

    /**
     * Regions grouped into classes, e.g. AAL regions into lobes: source value → class index
     * (≥ 0; 0 sends a region to background). Values without an entry become background.
     */
    public static Volume groups(Volume v, Map<Integer, Integer> valueToClass) {
        for (Map.Entry<Integer, Integer> e : valueToClass.entrySet()) {
            if (e.getValue() < 0) {
                throw new IllegalArgumentException("label " + e.getKey() + " is grouped into the negative class " + e.getValue());
            }
        }
        return remap(v, valueToClass, Unmapped.ZERO);
    }

    /**
     * The value → class map of {@link #groups} from a listing class → its source values
     * (classes ≥ 1); a value listed under two classes is an error.
     */
    public static Map<Integer, Integer> groupMap(Map<Integer, ? extends Collection<Integer>> classToValues) {
        Map<Integer, Integer> out = new LinkedHashMap<>();
        for (Map.Entry<Integer, ? extends Collection<Integer>> e : classToValues.entrySet()) {
            int cls = e.getKey();
            if (cls < 1) {
                throw new IllegalArgumentException("group classes start at 1 (0 is background), got " + cls);
            }
            for (int value : e.getValue()) {
                Integer before = out.put(value, cls);
                if (before != null && before != cls) {
                    throw new IllegalArgumentException("label " + value + " is in both class " + before + " and class " + cls);
                }
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * One frame per class: frame c is 1 where the label is c, else 0. The input has one frame and
     * every voxel must be a class index in 0..classes−1.
     */
    public static Volume oneHot(Volume v, int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("one-hot needs at least one class, got " + classes);
        }
        if (v.nt() != 1) {
            throw new IllegalArgumentException("one-hot takes a one-frame label map, got " + v.nt() + " frames");
        }
        int n = v.frameSize();
        if ((long) n * classes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(classes + " classes of " + n + " voxels do not fit one array");
        }
        float[] d = v.data();
        float[] out = new float[n * classes];
        for (int i = 0; i < n; i++) {
            float x = d[i];
            if (!(x >= 0 && x < classes && x == (int) x)) {
                throw new IllegalArgumentException("voxel " + Intensity.position(v, i) + " has label " + x + ", not a class index in 0.." + (classes - 1));
            }
            out[(int) x * n + i] = 1f;
        }
        return new Volume(v.nx(), v.ny(), v.nz(), classes, out, v.affine());
    }

    /**
     * The index of the largest frame at every voxel, as a one-frame label map: the inverse of
     * {@link #oneHot} and the hard labels of a partial-volume or probability map. Ties go to the
     * lowest index; a NaN counts as the largest value (as numpy.argmax and torch.argmax do).
     */
    public static Volume argmax(Volume v) {
        int n = v.frameSize(), nt = v.nt();
        float[] d = v.data();
        float[] out = new float[n];
        Parallel.forEach(v.nz(), (long) v.nx() * v.ny() * nt, z -> {
            int from = z * v.nx() * v.ny(), to = from + v.nx() * v.ny();
            for (int i = from; i < to; i++) {
                int best = 0;
                float bv = d[i];
                if (!Float.isNaN(bv)) {
                    for (int t = 1; t < nt; t++) {
                        float x = d[i + t * n];
                        if (x > bv || Float.isNaN(x)) {
                            best = t;
                            bv = x;
                            if (Float.isNaN(x)) {
                                break;
                            }
                        }
                    }
                }
                out[i] = best;
            }
        });
        return new Volume(v.nx(), v.ny(), v.nz(), 1, out, v.affine());
    }

    /** {min, max} of the values, which must all be integral; null for no voxels. */
    private static int[] integralRange(Volume v) {
        float[] d = v.data();
        int i = firstNonIntegral(d);
        if (i >= 0) {
            throw new IllegalArgumentException("voxel " + Intensity.position(v, i) + " is " + d[i]
                + "; label values must be integers (check inputs with Labels.requireIntegral)");
        }
        if (d.length == 0) {
            return null;
        }
        float lo = d[0], hi = d[0];
        for (float x : d) {
            if (x < lo) lo = x;
            if (x > hi) hi = x;
        }
        return new int[] {(int) lo, (int) hi};
    }

    private static int firstNonIntegral(float[] d) {
        for (int i = 0; i < d.length; i++) {
            float x = d[i];
            // NaN and ±∞ fail the range test; the range is that of int (2^31 is a float, 2^31−1 is not)
            if (!(x >= -0x1p31f && x < 0x1p31f) || x != (float) (int) x) {
                return i;
            }
        }
        return -1;
    }
}
