package org.segforge.nn.universeg;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.segforge.core.image.Intensity;
import org.segforge.core.image.Resize;
import org.segforge.core.image.Volume;

/**
 * In-context segmentation of 2D images of any size with a {@link UniverSegModel}: images and
 * labels are resized to the model's size (area averaging; labels thresholded at ½ after it), the
 * images min-max normalised; probabilities are resized back to the query's size (linear).
 *
 * <p>Multi-label: one pass per label value, each a binary task (label == value); a pixel gets the
 * value whose probability is highest, if that probability exceeds ½, else 0. Support-set
 * ensembling: with {@code ensemble} = K > 1, each pass averages the probabilities of K support
 * subsets of {@code min(n, model max support)} pairs drawn without replacement from the seed; with
 * K = 1 and n ≤ max support the whole support set is used once.
 *
 * @param model    the network
 * @param ensemble K ≥ 1
 * @param maxSupport largest support set per forward pass
 * @param seed     draws the subsets
 */
public record Segmenter(UniverSegModel model, int ensemble, int maxSupport, long seed) {
    public Segmenter {
        if (ensemble < 1 || maxSupport < 1) {
            throw new IllegalArgumentException("ensemble and maxSupport must be ≥ 1, got " + ensemble + ", " + maxSupport);
        }
    }

    /** One support example: a 2D image and its label map (class values) of the same size. */
    public record Example(Volume image, Volume label) {
        public Example {
            if (image.nz() != 1 || label.nz() != 1 || image.nx() != label.nx() || image.ny() != label.ny()) {
                throw new IllegalArgumentException("a support example needs a 2D image and a label of the same size, got "
                        + image + " and " + label);
            }
        }
    }

    /** The query image resized to the model and normalised. */
    public float[] prepareImage(Volume image) {
        int s = model.config().size();
        return Intensity.minMax(Resize.image(image.frame(0), s, s, Resize.Mode.AREA)).data().clone();
    }

    /**
     * The {@code k} examples whose images, prepared at the model's size, are most similar to the
     * query's ({@link SupportRanking}), most similar first; all of them when there are at most k.
     */
    public List<Example> mostSimilar(Volume query, List<Example> support, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be ≥ 1, got " + k);
        }
        List<float[]> images = new ArrayList<>(support.size());
        for (Example e : support) {
            images.add(prepareImage(e.image()));
        }
        List<Example> out = new ArrayList<>();
        for (int i : SupportRanking.order(prepareImage(query), images)) {
            if (out.size() == k) {
                break;
            }
            out.add(support.get(i));
        }
        return out;
    }

    /** The binary mask (label == value) resized to the model. */
    public float[] prepareMask(Volume label, int value) {
        int s = model.config().size();
        float[] l = label.data();
        float[] m = new float[l.length];
        for (int i = 0; i < l.length; i++) {
            m[i] = Math.round(l[i]) == value ? 1f : 0f;
        }
        float[] r = Resize.image(label.withData(m), s, s, Resize.Mode.AREA).data().clone();
        for (int i = 0; i < r.length; i++) {
            r[i] = r[i] > 0.5f ? 1f : 0f;
        }
        return r;
    }

    /**
     * Foreground probabilities at the model's size for one label value: the mean over the
     * ensemble's support subsets.
     */
    public float[] probabilities(float[] query, List<float[]> supportImages, List<float[]> supportMasks) {
        int n = supportImages.size();
        int s = model.config().size();
        int k = Math.min(n, maxSupport);
        int passes = n <= maxSupport && ensemble == 1 ? 1 : ensemble;
        float[] sum = new float[s * s];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int e = 0; e < passes; e++) {
            int[] idx = subset(n, k, rng);
            List<Pair2d> support = new ArrayList<>(k);
            for (int i : idx) {
                support.add(new Pair2d(s, supportImages.get(i), supportMasks.get(i)));
            }
            float[] p = model.predict(query, support);
            for (int i = 0; i < p.length; i++) {
                sum[i] += p[i] / passes;
            }
        }
        return sum;
    }

    /** k of n indices without replacement (all n, in order, when k = n). */
    static int[] subset(int n, int k, SplittableRandom rng) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        if (k == n) {
            return all;
        }
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return java.util.Arrays.copyOf(all, k);
    }

    /**
     * The label map of {@code query} (its size and affine) for the given label values, from
     * support examples of any sizes.
     */
    public Volume segment(Volume query, List<Example> support, int[] labels) {
        if (support.isEmpty()) {
            throw new IllegalArgumentException("the support set is empty");
        }
        float[] q = prepareImage(query);
        List<float[]> images = new ArrayList<>();
        for (Example ex : support) {
            images.add(prepareImage(ex.image()));
        }
        int s = model.config().size();
        int px = query.nx() * query.ny();
        float[] best = new float[px];
        float[] out = new float[px];
        for (int value : labels) {
            List<float[]> masks = new ArrayList<>();
            for (Example ex : support) {
                masks.add(prepareMask(ex.label(), value));
            }
            float[] p = probabilities(q, images, masks);
            float[] back = Resize.image(Volume.image2d(s, s, p), query.nx(), query.ny(), Resize.Mode.LINEAR).data();
            for (int i = 0; i < px; i++) {
                if (back[i] > 0.5f && back[i] > best[i]) {
                    best[i] = back[i];
                    out[i] = value;
                }
            }
        }
        return new Volume(query.nx(), query.ny(), 1, 1, out, query.affine());
    }

    /**
     * 3D mode: the slices of {@code annotated} along {@code axis} that hold any label are the
     * support; every other slice of {@code volume} is segmented from the (at most maxSupport)
     * annotated slices nearest to it, and the annotated slices are kept as they are. The result has
     * the volume's grid and affine. {@code progress} is told after each segmented slice.
     *
     * @throws IllegalArgumentException if the grids differ or no slice is annotated
     */
    public Volume segmentVolume(Volume volume, Volume annotated, org.segforge.core.image.Axis axis, int[] labels,
                                java.util.function.IntConsumer progress) {
        if (!volume.sameShape(annotated)) {
            throw new IllegalArgumentException("the annotation's grid differs from the volume's");
        }
        List<Integer> done = annotatedSlices(annotated, axis);
        if (done.isEmpty()) {
            throw new IllegalArgumentException("no slice along " + axis.label() + " holds a label");
        }
        Volume out = annotated.copy();
        int n = org.segforge.core.image.Slices.count(volume, axis);
        List<Example> all = new ArrayList<>();
        for (int z : done) {
            all.add(new Example(org.segforge.core.image.Slices.extract(volume, axis, z),
                    org.segforge.core.image.Slices.extract(annotated, axis, z)));
        }
        int count = 0;
        for (int z = 0; z < n; z++) {
            if (done.contains(z)) {
                continue;
            }
            final int zz = z;
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < done.size(); i++) {
                order.add(i);
            }
            order.sort((a, b) -> Integer.compare(Math.abs(done.get(a) - zz), Math.abs(done.get(b) - zz)));
            List<Example> support = new ArrayList<>();
            for (int i = 0; i < Math.min(maxSupport * Math.max(1, ensemble), order.size()); i++) {
                support.add(all.get(order.get(i)));
            }
            Volume slice = org.segforge.core.image.Slices.extract(volume, axis, z);
            org.segforge.core.image.Slices.insert(out, axis, z, segment(slice, support, labels));
            progress.accept(++count);
        }
        return out;
    }

    /** Indices of the slices along {@code axis} holding any non-zero label. */
    public static List<Integer> annotatedSlices(Volume labels, org.segforge.core.image.Axis axis) {
        List<Integer> out = new ArrayList<>();
        int n = org.segforge.core.image.Slices.count(labels, axis);
        for (int z = 0; z < n; z++) {
            for (float v : org.segforge.core.image.Slices.extract(labels, axis, z).data()) {
                if (v != 0) {
                    out.add(z);
                    break;
                }
            }
        }
        return out;
    }
}
