package org.segforge.core.metric;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.segforge.core.image.Volume;

/**
 * Overlap and surface-distance metrics of a predicted label map against a reference, per label.
 * Pure functions; {@link MetricAccumulator} collects them over cases.
 *
 * <h2>Definitions</h2>
 * With P the predicted and R the reference voxels of one label (a voxel belongs to label L when
 * its value rounded to the nearest integer is L), TP = |P∩R|, FP = |P∖R|, FN = |R∖P|:
 * <ul>
 *   <li>Dice = 2·TP/(2·TP+FP+FN), IoU = TP/(TP+FP+FN), precision = TP/(TP+FP),
 *       recall = TP/(TP+FN).
 *   <li><b>Surface</b> ∂M of a mask M: the voxels of M that have a face neighbour (6-neighbourhood
 *       in 3D, 4-neighbourhood in 2D) outside M; voxels on the edge of the image count as having
 *       an outside neighbour. This is {@code M XOR binary_erosion(M)} with scipy's default
 *       border_value = 0, as medpy and MONAI compute it. A volume with nz = 1 is 2D.
 *   <li>d(x, A): Euclidean distance in mm (spacing from the volume's affine) from voxel centre x to
 *       the nearest voxel centre of A, from the exact {@link DistanceTransform}.
 *   <li><b>HD95</b> = max( P95{d(p, ∂R) : p ∈ ∂P}, P95{d(r, ∂P) : r ∈ ∂R} ): the larger of the two
 *       directed 95th percentiles, with numpy's default linear interpolation between order
 *       statistics. This is what MONAI's {@code compute_hausdorff_distance(percentile=95)} and
 *       medpy's {@code hd95} both do (not the percentile of the pooled distances).
 *   <li><b>ASSD</b> = (Σ_{p∈∂P} d(p, ∂R) + Σ_{r∈∂R} d(r, ∂P)) / (|∂P| + |∂R|): the mean over both
 *       directed distance sets pooled (Heimann et al., IEEE TMI 28(8), 2009; MONAI's
 *       {@code compute_average_surface_distance(symmetric=True)}). medpy's {@code assd} instead
 *       averages the two directed means; the two agree only when |∂P| = |∂R|.
 *   <li><b>bAVD</b>, balanced average Hausdorff distance (Aydin et al., "On the usage of average
 *       Hausdorff distance for segmentation performance assessment: hidden error when used for
 *       ranking", European Radiology Experimental 5:4, 2021, doi:10.1186/s41747-020-00200-2), over
 *       all foreground voxels with G = R (ground truth) and S = P (segmentation):
 *       bAVD = ½ · (Σ_{g∈G} d(g, S) + Σ_{s∈S} d(s, G)) / |G|. Both directed sums are divided by
 *       |G|, which is what makes it balanced: the plain average Hausdorff distance divides the
 *       second sum by |S|, so adding false positives can lower it.
 * </ul>
 *
 * <h2>Empty masks</h2>
 * Both P and R empty: the prediction is right, so Dice = IoU = precision = recall = 1 and all
 * distances are 0. Exactly one empty: Dice = IoU = 0 and precision = recall = 0 (the undefined
 * 0/0 of the empty side is scored as a failure, not left out, so that a missed or hallucinated
 * structure lowers the averages); the distances are NaN, since there is no surface to measure to
 * (MONAI also yields NaN/∞ there). Aggregates count NaN separately ({@link MetricSummary}); JSON
 * writes them as null. Metrics Reloaded (Maier-Hein et al., Nature Methods 2024) warns that
 * empty references need a stated convention rather than a silent drop; this is ours. The ½ in
 * bAVD follows the project's METHODS.md reading of Aydin et al. (it scales, never reorders).
 *
 * <h2>Speed</h2>
 * Each label is cropped to the bounding box of P ∪ R before its distance transforms. That is exact,
 * not an approximation: every feature and every query voxel lies in the box, and the separable
 * transform computes the true minimum over all features in its grid; voxels just outside the box
 * are outside both masks, as the image edge is for the surface rule. For bAVD, the nearest voxel
 * of S to a voxel outside S is always on ∂S (otherwise its neighbour toward the query would be in S
 * and nearer), so the two surface transforms serve all three distance metrics.
 */
public final class SegmentationMetrics {
    private SegmentationMetrics() {}

    /** Boxes of at least this many voxels get their two distance transforms on two threads. */
    private static final int PARALLEL_MIN_BOX = 1 << 15;

    /** The percentile of HD95. */
    public static final double HD_PERCENTILE = 95;

    /**
     * Metrics for each requested label of a prediction against a reference of the same shape.
     * Spacing comes from the reference's affine.
     *
     * @throws IllegalArgumentException if the shapes differ, a volume is 4D, or a label is negative
     */
    public static Map<Integer, LabelMetrics> compute(Volume prediction, Volume reference, int... labels) {
        if (!prediction.sameShape(reference)) {
            throw new IllegalArgumentException("prediction shape " + Arrays.toString(prediction.shape())
                    + " differs from reference shape " + Arrays.toString(reference.shape()));
        }
        if (reference.nt() > 1) {
            throw new IllegalArgumentException("metrics need 3D label maps, got shape " + Arrays.toString(reference.shape()));
        }
        int[] labs = Arrays.stream(labels).distinct().toArray();
        for (int l : labs) {
            if (l < 0 || l > (1 << 24)) {
                throw new IllegalArgumentException("label values must be in [0, 2^24], got " + l);
            }
        }
        int nx = reference.nx(), ny = reference.ny(), nz = reference.nz();
        double[] spacing = reference.spacing();
        float[] p = prediction.data(), r = reference.data();
        Counts counts = Counts.of(p, r, nx, ny, nz, labs);
        LabelMetrics[] out = new LabelMetrics[labs.length];
        IntStream.range(0, labs.length).parallel().forEach(i -> out[i] = forLabel(p, r, nx, ny, nz, spacing, labs[i], counts, i));
        Map<Integer, LabelMetrics> map = new LinkedHashMap<>();
        for (int i = 0; i < labs.length; i++) {
            map.put(labs[i], out[i]);
        }
        return map;
    }

    /**
     * Metrics of two binary masks on an nx × ny × nz grid (nz = 1 for 2D).
     *
     * @param spacing voxel size along x, y (and z)
     */
    public static LabelMetrics compute(boolean[] prediction, boolean[] reference, int nx, int ny, int nz, double[] spacing) {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("grid dimensions must be positive: " + nx + "×" + ny + "×" + nz);
        }
        long n = (long) nx * ny * nz;
        if (prediction.length != n || reference.length != n) {
            throw new IllegalArgumentException("masks of " + prediction.length + " and " + reference.length
                    + " voxels do not fit the grid " + nx + "×" + ny + "×" + nz);
        }
        float[] p = new float[(int) n], r = new float[(int) n];
        for (int i = 0; i < n; i++) {
            p[i] = prediction[i] ? 1 : 0;
            r[i] = reference[i] ? 1 : 0;
        }
        int[] one = {1};
        return forLabel(p, r, nx, ny, nz, spacing, 1, Counts.of(p, r, nx, ny, nz, one), 0);
    }

    private static LabelMetrics forLabel(float[] p, float[] r, int nx, int ny, int nz, double[] spacing, int label, Counts c, int i) {
        long tp = c.tp[i], fp = c.predicted[i] - tp, fn = c.reference[i] - tp;
        if (c.predicted[i] == 0 && c.reference[i] == 0) {
            return new LabelMetrics(1, 1, 1, 1, 0, 0, 0);
        }
        if (c.predicted[i] == 0 || c.reference[i] == 0) {
            return new LabelMetrics(0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN);
        }
        double dice = 2.0 * tp / (2.0 * tp + fp + fn);
        double iou = (double) tp / (tp + fp + fn);
        double precision = (double) tp / (tp + fp);
        double recall = (double) tp / (tp + fn);

        // Crop both masks to the bounding box of their union (exact; see the class note).
        int[] box = c.box(i);
        int x0 = box[0], y0 = box[1], z0 = box[2];
        int bx = box[3] - x0 + 1, by = box[4] - y0 + 1, bz = box[5] - z0 + 1;
        int bn = bx * by * bz;
        boolean[] pm = new boolean[bn], rm = new boolean[bn];
        for (int z = 0; z < bz; z++) {
            for (int y = 0; y < by; y++) {
                int src = x0 + nx * ((y0 + y) + ny * (z0 + z));
                int dst = bx * (y + by * z);
                for (int x = 0; x < bx; x++) {
                    pm[dst + x] = (int) Math.rint(p[src + x]) == label;
                    rm[dst + x] = (int) Math.rint(r[src + x]) == label;
                }
            }
        }
        boolean threeD = nz > 1;
        boolean[] pb = Surface.of(pm, bx, by, bz, threeD);
        boolean[] rb = Surface.of(rm, bx, by, bz, threeD);
        // The two transforms are independent: run them side by side unless the box is tiny.
        double[][] to = new double[2][];
        IntStream both = IntStream.range(0, 2);
        (bn >= PARALLEL_MIN_BOX ? both.parallel() : both)
                .forEach(k -> to[k] = DistanceTransform.squaredDistances(k == 0 ? rb : pb, bx, by, bz, spacing));
        double[] toR = to[0], toP = to[1];

        int npb = 0, nrb = 0;
        for (int k = 0; k < bn; k++) {
            if (pb[k]) npb++;
            if (rb[k]) nrb++;
        }
        double[] dPR = new double[npb], dRP = new double[nrb];
        double sumGS = 0, sumSG = 0; // bAVD: G = reference, S = prediction
        int a = 0, b = 0;
        for (int k = 0; k < bn; k++) {
            if (pb[k]) dPR[a++] = Math.sqrt(toR[k]);
            if (rb[k]) dRP[b++] = Math.sqrt(toP[k]);
            if (rm[k] && !pm[k]) sumGS += Math.sqrt(toP[k]);
            if (pm[k] && !rm[k]) sumSG += Math.sqrt(toR[k]);
        }
        double hd95 = Math.max(percentile(dPR, HD_PERCENTILE), percentile(dRP, HD_PERCENTILE));
        double assd = (sum(dPR) + sum(dRP)) / (npb + nrb);
        double bavd = 0.5 * (sumGS + sumSG) / c.reference[i];
        return new LabelMetrics(dice, iou, precision, recall, hd95, assd, bavd);
    }

    /** numpy's default percentile: linear interpolation between the order statistics (sorts v). */
    static double percentile(double[] v, double q) {
        Arrays.sort(v);
        double h = (v.length - 1) * q / 100.0;
        int lo = (int) Math.floor(h);
        if (lo >= v.length - 1) {
            return v[v.length - 1];
        }
        return v[lo] + (h - lo) * (v[lo + 1] - v[lo]);
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    /** Voxel counts and bounding boxes of every requested label, from one parallel pass. */
    private static final class Counts {
        final long[] predicted, reference, tp;
        final int[] lo, hi; // per label: min x,y,z and max x,y,z of P ∪ R

        Counts(int n) {
            predicted = new long[n];
            reference = new long[n];
            tp = new long[n];
            lo = new int[3 * n];
            hi = new int[3 * n];
            Arrays.fill(lo, Integer.MAX_VALUE);
            Arrays.fill(hi, -1);
        }

        int[] box(int i) {
            return new int[] {lo[3 * i], lo[3 * i + 1], lo[3 * i + 2], hi[3 * i], hi[3 * i + 1], hi[3 * i + 2]};
        }

        static Counts of(float[] p, float[] r, int nx, int ny, int nz, int[] labels) {
            int max = Arrays.stream(labels).max().orElse(0);
            int[] lut = new int[max + 1];
            Arrays.fill(lut, -1);
            for (int i = 0; i < labels.length; i++) {
                lut[labels[i]] = i;
            }
            int n = labels.length;
            boolean zeroIsLabel = lut[0] >= 0;
            return IntStream.range(0, nz).parallel().mapToObj(z -> {
                Counts c = new Counts(n);
                for (int y = 0; y < ny; y++) {
                    int row = nx * (y + ny * z);
                    if (!zeroIsLabel && allZero(p, r, row, nx)) {
                        continue; // background in both: the common case, skipped cheaply
                    }
                    for (int x = 0; x < nx; x++) {
                        float pv = p[row + x], rv = r[row + x];
                        int pl = (int) Math.rint(pv), rl = (int) Math.rint(rv);
                        int ip = pl >= 0 && pl <= max ? lut[pl] : -1;
                        int ir = rl >= 0 && rl <= max ? lut[rl] : -1;
                        if (ip >= 0) {
                            c.predicted[ip]++;
                            c.grow(ip, x, y, z);
                            if (pl == rl) {
                                c.tp[ip]++;
                            }
                        }
                        if (ir >= 0) {
                            c.reference[ir]++;
                            c.grow(ir, x, y, z);
                        }
                    }
                }
                return c;
            }).reduce(new Counts(n), Counts::merge);
        }

        /** True when both rows hold only +0.0 (a branch-free loop the JIT can vectorise). */
        private static boolean allZero(float[] p, float[] r, int from, int n) {
            int bits = 0;
            for (int i = from; i < from + n; i++) {
                bits |= Float.floatToRawIntBits(p[i]) | Float.floatToRawIntBits(r[i]);
            }
            return bits == 0;
        }

        private void grow(int i, int x, int y, int z) {
            int j = 3 * i;
            if (x < lo[j]) lo[j] = x;
            if (x > hi[j]) hi[j] = x;
            if (y < lo[j + 1]) lo[j + 1] = y;
            if (y > hi[j + 1]) hi[j + 1] = y;
            if (z < lo[j + 2]) lo[j + 2] = z;
            if (z > hi[j + 2]) hi[j + 2] = z;
        }

        private static Counts merge(Counts a, Counts b) {
            Counts c = new Counts(a.tp.length);
            for (int i = 0; i < c.tp.length; i++) {
                c.predicted[i] = a.predicted[i] + b.predicted[i];
                c.reference[i] = a.reference[i] + b.reference[i];
                c.tp[i] = a.tp[i] + b.tp[i];
            }
            for (int j = 0; j < c.lo.length; j++) {
                c.lo[j] = Math.min(a.lo[j], b.lo[j]);
                c.hi[j] = Math.max(a.hi[j], b.hi[j]);
            }
            return c;
        }
    }
}
