package org.segforge.core.image;

import java.util.Arrays;

/**
 * Order statistics without a full sort.
 *
 * <p>{@link #values} first counts the values into 65,536 buckets by the top 16 bits of their
 * order-preserving integer key (sign, exponent and 7 mantissa bits, so each integer up to 255 —
 * all of 8-bit MRI — has a bucket of its own), then gathers only the buckets that hold a requested
 * rank and selects within them. A bucket holding a single distinct value answers from the count
 * alone, so 8-bit data needs one streaming pass; other data two, instead of repeated partitioning
 * of the whole array.
 *
 * <p>{@link #select} is the in-place multi-target introselect used within buckets: after it each
 * requested position k holds the value a sorted copy would hold there. A three-way partition keeps
 * it linear on data with many equal values; a depth limit falls back to sorting the remaining
 * range, so adversarial inputs stay O(n log n).
 */
final class Selection {
    private static final int SMALL = 24;
    /** Up to this many values {@link #values} selects on a copy without the radix pass. */
    static final int RADIX_MIN = 4096;

    private Selection() {}

    /**
     * The k-th smallest of {@code a[0..n)} for every k in {@code ks} (any order, repeats allowed),
     * in the order of {@code ks}. The values must not be NaN; {@code a} is not modified.
     */
    static float[] values(float[] a, int n, int[] ks) {
        for (int k : ks) {
            if (k < 0 || k >= n) {
                throw new IllegalArgumentException("order statistic " + k + " of " + n + " values");
            }
        }
        if (n <= RADIX_MIN) {
            // the bucket tables would cost more than selecting on a copy
            float[] c = Arrays.copyOf(a, n);
            select(c, ks);
            float[] out = new float[ks.length];
            for (int j = 0; j < ks.length; j++) {
                out[j] = c[ks[j]];
            }
            return out;
        }
        int[] hist = new int[1 << 16];
        // A bucket that holds a single distinct value ("pure": every bucket of 8-bit data) answers
        // its ranks from the histogram alone, with no gathering or selection.
        float[] first = new float[1 << 16];
        boolean[] mixed = new boolean[1 << 16];
        for (int i = 0; i < n; i++) {
            float x = a[i];
            int b = bucket(x);
            if (hist[b]++ == 0) {
                first[b] = x;
            } else if (first[b] != x) {
                mixed[b] = true;
            }
        }
        // below[b] = number of values in buckets before b; mark the buckets holding a rank
        int[] below = new int[1 << 16];
        int run = 0;
        for (int b = 0; b < hist.length; b++) {
            below[b] = run;
            run += hist[b];
        }
        int[] bucketOf = new int[ks.length];
        boolean[] wanted = new boolean[1 << 16];
        boolean anyMixed = false;
        for (int j = 0; j < ks.length; j++) {
            int b = upperBucket(below, ks[j]);
            bucketOf[j] = b;
            wanted[b] = mixed[b];
            anyMixed |= mixed[b];
        }
        float[] out = new float[ks.length];
        if (!anyMixed) {
            for (int j = 0; j < ks.length; j++) {
                out[j] = first[bucketOf[j]];
            }
            return out;
        }
        // gather the wanted buckets one after another, bucket order kept, into one buffer
        int[] offset = new int[1 << 16];
        int size = 0;
        for (int b = 0; b < hist.length; b++) {
            if (wanted[b]) {
                offset[b] = size;
                size += hist[b];
            }
        }
        float[] buf = new float[size];
        int[] fill = offset.clone();
        for (int i = 0; i < n; i++) {
            int b = bucket(a[i]);
            if (wanted[b]) {
                buf[fill[b]++] = a[i];
            }
        }
        // ranks translate into positions of the buffer; selecting there is exact because every
        // value of a bucket sorts between the values of the buckets before and after it
        int[] pos = new int[ks.length];
        int wantedRanks = 0;
        for (int j = 0; j < ks.length; j++) {
            if (mixed[bucketOf[j]]) {
                pos[wantedRanks++] = offset[bucketOf[j]] + ks[j] - below[bucketOf[j]];
            }
        }
        select(buf, Arrays.copyOf(pos, wantedRanks));
        for (int j = 0, w = 0; j < ks.length; j++) {
            out[j] = mixed[bucketOf[j]] ? buf[pos[w++]] : first[bucketOf[j]];
        }
        return out;
    }

    /** Top 16 bits of the key that orders floats as integers (negative values have their magnitude bits flipped). */
    private static int bucket(float x) {
        int bits = Float.floatToRawIntBits(x);
        int key = bits ^ ((bits >> 31) & 0x7fffffff);
        return (key >>> 16) ^ 0x8000;
    }

    /** The last bucket b with below[b] ≤ k (it holds rank k, since ranks below it end before k). */
    private static int upperBucket(int[] below, int k) {
        int lo = 0, hi = below.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (below[mid] <= k) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

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
