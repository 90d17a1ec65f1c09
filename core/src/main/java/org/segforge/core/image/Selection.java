package org.segforge.core.image;

import java.util.Arrays;

/**
 * Order statistics without a full sort: a multi-target introselect. After {@link #select} each
 * requested position k holds the value a sorted copy would hold there. A three-way partition keeps
 * it linear on data with many equal values (8-bit MRI has only 256 distinct values); a depth limit
 * falls back to sorting the remaining range, so adversarial inputs stay O(n log n).
 */
final class Selection {
    private static final int SMALL = 24;

    private Selection() {}

    /**
     * Partially orders {@code a} so that {@code a[k]} is the k-th smallest value for every k in
     * {@code ks}. The values must not be NaN.
     */
    static void select(float[] a, int[] ks) {
        int[] sorted = Arrays.stream(ks).sorted().distinct().toArray();
        for (int k : sorted) {
            if (k < 0 || k >= a.length) {
                throw new IllegalArgumentException("order statistic " + k + " of " + a.length + " values");
            }
        }
        int depth = 2 * (32 - Integer.numberOfLeadingZeros(Math.max(1, a.length))) + 8;
        select(a, 0, a.length, sorted, 0, sorted.length, depth);
    }

    private static void select(float[] a, int lo, int hi, int[] ks, int kFrom, int kTo, int depth) {
        while (kFrom < kTo) {
            if (hi - lo <= SMALL || depth-- <= 0) {
                Arrays.sort(a, lo, hi);
                return;
            }
            float p = pivot(a, lo, hi);
            // Dijkstra's three-way partition: [lo, lt) < p, [lt, gt) == p, [gt, hi) > p.
            int lt = lo, i = lo, gt = hi;
            while (i < gt) {
                float x = a[i];
                if (x < p) {
                    a[i++] = a[lt];
                    a[lt++] = x;
                } else if (x > p) {
                    a[i] = a[--gt];
                    a[gt] = x;
                } else {
                    i++;
                }
            }
            int m1 = kFrom;
            while (m1 < kTo && ks[m1] < lt) {
                m1++;
            }
            int m2 = m1;
            while (m2 < kTo && ks[m2] < gt) {
                m2++; // positions inside the run of pivots are final
            }
            select(a, lo, lt, ks, kFrom, m1, depth);
            lo = gt;
            kFrom = m2;
        }
    }

    /** Median of three, or Tukey's ninther on large ranges. */
    private static float pivot(float[] a, int lo, int hi) {
        int n = hi - lo;
        int mid = lo + n / 2;
        if (n > 1000) {
            int s = n / 8;
            return median(median(a[lo], a[lo + s], a[lo + 2 * s]),
                median(a[mid - s], a[mid], a[mid + s]),
                median(a[hi - 1 - 2 * s], a[hi - 1 - s], a[hi - 1]));
        }
        return median(a[lo], a[mid], a[hi - 1]);
    }

    private static float median(float x, float y, float z) {
        return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    }
}
