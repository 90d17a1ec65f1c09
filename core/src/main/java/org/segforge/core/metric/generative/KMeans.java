package org.segforge.core.metric.generative;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Lloyd's k-means with k-means++ seeding (Arthur and Vassilvitskii 2007), the best of several
 * seeded starts by inertia. Full-batch rather than the mini-batch variant PRD's reference code
 * uses: the feature sets here are small enough (thousands of points) for exact iterations.
 *
 * <p>An empty cluster, which Lloyd's step can produce, is re-seeded with the point farthest from
 * its centre, as scikit-learn does; identical points are allowed (k-means++ then picks uniformly).
 */
public final class KMeans {
    private KMeans() {}

    /**
     * A clustering.
     *
     * @param labels cluster index per point, in [0, k)
     * @param centres k centres
     * @param inertia sum of squared distances from each point to its centre
     * @param iterations Lloyd iterations of the start that was kept
     */
    public record Clustering(int[] labels, double[][] centres, double inertia, int iterations) {}

    /**
     * Clusters {@code points} into {@code k} clusters; the best of {@code starts} k-means++ starts.
     *
     * @param maxIterations Lloyd iterations per start; a start stops earlier when no label changes
     */
    public static Clustering fit(double[][] points, int k, int starts, int maxIterations, SplittableRandom rng) {
        Features.check(points, "points");
        if (k < 1 || k > points.length) {
            throw new IllegalArgumentException("k must be in [1, " + points.length + "] (the number of points), got " + k);
        }
        if (starts < 1 || maxIterations < 1) {
            throw new IllegalArgumentException("starts and maxIterations must be positive, got " + starts + ", " + maxIterations);
        }
        Clustering best = null;
        for (int s = 0; s < starts; s++) {
            Clustering c = lloyd(points, seedPlusPlus(points, k, rng), maxIterations);
            if (best == null || c.inertia() < best.inertia()) {
                best = c;
            }
        }
        return best;
    }

    /** k-means++: the first centre uniformly, each next one with probability ∝ squared distance to the nearest chosen. */
    static double[][] seedPlusPlus(double[][] points, int k, SplittableRandom rng) {
        int n = points.length;
        double[][] centres = new double[k][];
        centres[0] = points[rng.nextInt(n)].clone();
        double[] d2 = new double[n];
        for (int i = 0; i < n; i++) {
            d2[i] = dist2(points[i], centres[0]);
        }
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (double v : d2) {
                total += v;
            }
            int pick;
            if (total <= 0) {
                pick = rng.nextInt(n); // every point coincides with a centre already
            } else {
                double r = rng.nextDouble() * total;
                pick = n - 1;
                for (int i = 0; i < n; i++) {
                    r -= d2[i];
                    if (r < 0) {
                        pick = i;
                        break;
                    }
                }
            }
            centres[c] = points[pick].clone();
            for (int i = 0; i < n; i++) {
                d2[i] = Math.min(d2[i], dist2(points[i], centres[c]));
            }
        }
        return centres;
    }

    private static Clustering lloyd(double[][] points, double[][] centres, int maxIterations) {
        int n = points.length, k = centres.length, d = points[0].length;
        int[] labels = new int[n];
        Arrays.fill(labels, -1);
        double[] dist = new double[n];
        int iter = 0;
        while (iter < maxIterations) {
            iter++;
            boolean changed = assign(points, centres, labels, dist);
            if (!changed && iter > 1) {
                break;
            }
            double[][] sums = new double[k][d];
            int[] counts = new int[k];
            for (int i = 0; i < n; i++) {
                counts[labels[i]]++;
                double[] s = sums[labels[i]];
                for (int j = 0; j < d; j++) {
                    s[j] += points[i][j];
                }
            }
            for (int c = 0; c < k; c++) {
                if (counts[c] == 0) {
                    int far = 0;
                    for (int i = 1; i < n; i++) {
                        if (dist[i] > dist[far]) {
                            far = i;
                        }
                    }
                    centres[c] = points[far].clone();
                    dist[far] = 0; // do not hand the same point to a second empty cluster
                } else {
                    for (int j = 0; j < d; j++) {
                        centres[c][j] = sums[c][j] / counts[c];
                    }
                }
            }
        }
        assign(points, centres, labels, dist);
        double inertia = 0;
        for (double v : dist) {
            inertia += v;
        }
        return new Clustering(labels, centres, inertia, iter);
    }

    /** Nearest centre per point (lowest index on ties); returns whether any label changed. */
    private static boolean assign(double[][] points, double[][] centres, int[] labels, double[] dist) {
        boolean changed = false;
        for (int i = 0; i < points.length; i++) {
            int best = 0;
            double bd = dist2(points[i], centres[0]);
            for (int c = 1; c < centres.length; c++) {
                double v = dist2(points[i], centres[c]);
                if (v < bd) {
                    bd = v;
                    best = c;
                }
            }
            dist[i] = bd;
            if (labels[i] != best) {
                labels[i] = best;
                changed = true;
            }
        }
        return changed;
    }

    private static double dist2(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double t = a[j] - b[j];
            s += t * t;
        }
        return s;
    }
}
