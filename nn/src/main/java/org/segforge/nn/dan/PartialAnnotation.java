package org.segforge.nn.dan;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.segforge.core.image.Volume;
import org.segforge.nn.seg.Prediction;
import org.segforge.nn.seg.SegmentationModel;
import org.segforge.nn.seg.SlidingWindowPredictor;

/**
 * DAN's partial-annotation mode (METHODS.md M4): a 3D volume in which only some axial slices are
 * annotated. The annotated slices become the labelled pool, the other slices (all of them, or only
 * those within {@code neighbourhood} slices of an annotated one — the paper's example is 1
 * annotated slice with 10 unannotated around it) the unannotated pool; 2D SN/EN train over them;
 * SN then segments every slice of the volume.
 *
 * <p>Intensities are min–max normalised over the whole volume, as {@link SlidingWindowPredictor}
 * does at inference. Labels must be class indices 0..classes−1.
 */
public final class PartialAnnotation {
    private PartialAnnotation() {}

    /** Axial slices whose label is not all background: the annotated ones when unannotated slices are all 0. */
    public static SortedSet<Integer> nonEmptySlices(Volume labels) {
        SortedSet<Integer> out = new TreeSet<>();
        int plane = labels.nx() * labels.ny();
        float[] d = labels.data();
        for (int z = 0; z < labels.nz(); z++) {
            for (int i = z * plane; i < (z + 1) * plane; i++) {
                if (d[i] != 0) {
                    out.add(z);
                    break;
                }
            }
        }
        return out;
    }

    /** Number of classes of a label volume: its largest value + 1 (at least 2). */
    public static int classesOf(Volume labels) {
        float max = 0;
        for (float v : labels.data()) {
            if (v < 0 || v != Math.rint(v)) {
                throw new IllegalArgumentException("labels must be class indices ≥ 0, found " + v);
            }
            max = Math.max(max, v);
        }
        return Math.max(2, (int) max + 1);
    }

    /**
     * The two pools of a volume.
     *
     * @param image         one-channel volume
     * @param labels        class indices on the same grid (only the annotated slices are read)
     * @param annotated     axial indices of the annotated slices
     * @param neighbourhood unannotated slices within this distance of an annotated one join the
     *                      unannotated pool; 0 = every other slice of the volume
     * @param classes       number of classes
     */
    public static DanData pools(Volume image, Volume labels, SortedSet<Integer> annotated, int neighbourhood, int classes) {
        if (image.nt() != 1) {
            throw new IllegalArgumentException("partial-annotation mode takes a one-channel image, got " + image.nt() + " channels");
        }
        if (!image.sameShape(labels) || labels.nt() != 1) {
            throw new IllegalArgumentException("image " + image + " and labels " + labels + " are not on one grid");
        }
        if (annotated.isEmpty()) {
            throw new IllegalArgumentException("no annotated slice");
        }
        if (annotated.first() < 0 || annotated.last() >= image.nz()) {
            throw new IllegalArgumentException("annotated slices " + annotated + " outside 0.." + (image.nz() - 1));
        }
        if (neighbourhood < 0) {
            throw new IllegalArgumentException("neighbourhood must be ≥ 0, got " + neighbourhood);
        }
        SortedSet<Integer> pool = new TreeSet<>();
        for (int z = 0; z < image.nz(); z++) {
            if (!annotated.contains(z) && (neighbourhood == 0 || distance(annotated, z) <= neighbourhood)) {
                pool.add(z);
            }
        }
        return pools(image, labels, annotated, pool, classes);
    }

    /**
     * The two pools with the unannotated slices named explicitly (e.g. only those of a training
     * range, so that test slices are never seen, not even unannotated).
     */
    public static DanData pools(Volume image, Volume labels, SortedSet<Integer> annotated, SortedSet<Integer> unannotated, int classes) {
        if (!image.sameShape(labels) || labels.nt() != 1 || image.nt() != 1) {
            throw new IllegalArgumentException("image " + image + " and labels " + labels + " are not one-channel volumes on one grid");
        }
        for (int z : unannotated) {
            if (annotated.contains(z) || z < 0 || z >= image.nz()) {
                throw new IllegalArgumentException("unannotated slice " + z + " is annotated or outside the volume");
            }
        }
        int nx = image.nx(), ny = image.ny(), plane = nx * ny;
        float[] norm = DanTrainer.NORMALISATION.apply(image.data());
        List<Slice2d> lab = new ArrayList<>(), un = new ArrayList<>();
        for (int z = 0; z < image.nz(); z++) {
            float[] img = java.util.Arrays.copyOfRange(norm, z * plane, (z + 1) * plane);
            if (annotated.contains(z)) {
                lab.add(new Slice2d("z=" + z, nx, ny, img, java.util.Arrays.copyOfRange(labels.data(), z * plane, (z + 1) * plane)));
            } else if (unannotated.contains(z)) {
                un.add(new Slice2d("z=" + z, nx, ny, img, null));
            }
        }
        return new DanData(lab, un, classes);
    }

    private static int distance(SortedSet<Integer> set, int z) {
        int best = Integer.MAX_VALUE;
        for (int a : set) {
            best = Math.min(best, Math.abs(a - z));
        }
        return best;
    }

    /**
     * Segments every axial slice of {@code image} with a trained SN (sliding windows of the
     * training patch size, overlap 0.5). When {@code labels} is given, its annotated slices are
     * copied into the result unchanged (they are the reference there). The result has the
     * image's grid and affine.
     */
    public static Volume segment(SegmentationModel model, NDManager manager, Volume image, int patchWidth, int patchHeight,
                                 Volume labels, SortedSet<Integer> annotated) {
        Prediction p = new SlidingWindowPredictor(model, manager, SlidingWindowPredictor.Options.of(patchWidth, patchHeight))
                .predict(image);
        Volume out = p.labels();
        if (labels != null) {
            int plane = image.nx() * image.ny();
            for (int z : annotated) {
                System.arraycopy(labels.data(), z * plane, out.data(), z * plane, plane);
            }
        }
        return out;
    }
}
