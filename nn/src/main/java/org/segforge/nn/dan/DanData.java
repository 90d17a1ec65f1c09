package org.segforge.nn.dan;

import java.util.List;
import java.util.SplittableRandom;
import org.segforge.nn.data.BatchMaker;
import org.segforge.nn.data.HostArray;
import org.segforge.nn.data.HostBatch;

/**
 * The two pools DAN learns from — annotated pairs and unannotated images — and the batches drawn
 * from them: every step takes {@code labelledBatch} annotated and {@code unlabelledBatch}
 * unannotated slices uniformly (with replacement) and a random crop of patchWidth × patchHeight
 * of each (zero-padded, centred, where a slice is smaller). The batch holds "image" (B, 1, H, W),
 * "label" (B, 1, H, W) class indices and "unlabelled" (U, 1, H, W).
 *
 * @param labelled   annotated slices (label present)
 * @param unlabelled unannotated slices (labels, if any, are ignored)
 * @param classes    number of classes; every label value must be in 0..classes−1
 */
public record DanData(List<Slice2d> labelled, List<Slice2d> unlabelled, int classes) {
    public DanData {
        labelled = List.copyOf(labelled);
        unlabelled = List.copyOf(unlabelled);
        if (labelled.isEmpty()) {
            throw new IllegalArgumentException("DAN needs at least one annotated slice");
        }
        if (unlabelled.isEmpty()) {
            throw new IllegalArgumentException("DAN needs at least one unannotated image");
        }
        if (classes < 2) {
            throw new IllegalArgumentException("need ≥ 2 classes, got " + classes);
        }
        for (Slice2d s : labelled) {
            if (!s.isAnnotated()) {
                throw new IllegalArgumentException("slice " + s.id() + " is in the annotated pool without a label");
            }
            for (float v : s.label()) {
                if (v < 0 || v >= classes || v != Math.rint(v)) {
                    throw new IllegalArgumentException("slice " + s.id() + ": label value " + v + " is not a class index 0.." + (classes - 1));
                }
            }
        }
    }

    /** The batch maker of a config (crop size and batch sizes). */
    public BatchMaker maker(DanConfig config) {
        int w = config.patchWidth(), h = config.patchHeight();
        int nl = config.labelledBatch(), nu = config.unlabelledBatch();
        return (step, rnd) -> {
            float[] img = new float[nl * w * h];
            float[] lab = new float[nl * w * h];
            for (int b = 0; b < nl; b++) {
                Slice2d s = labelled.get(rnd.nextInt(labelled.size()));
                crop(s, w, h, rnd, img, lab, b * w * h);
            }
            float[] un = new float[nu * w * h];
            for (int b = 0; b < nu; b++) {
                crop(unlabelled.get(rnd.nextInt(unlabelled.size())), w, h, rnd, un, null, b * w * h);
            }
            return new HostBatch(step, List.of(new HostArray("image", img, new long[] {nl, 1, h, w}),
                    new HostArray("label", lab, new long[] {nl, 1, h, w}),
                    new HostArray("unlabelled", un, new long[] {nu, 1, h, w})));
        };
    }

    /** A random w×h window of the slice (centred zero padding along axes where the slice is smaller). */
    static void crop(Slice2d s, int w, int h, SplittableRandom rnd, float[] img, float[] lab, int offset) {
        int ox = offset(s.width(), w, rnd), oy = offset(s.height(), h, rnd);
        for (int y = 0; y < h; y++) {
            int sy = y + oy;
            if (sy < 0 || sy >= s.height()) {
                continue;
            }
            for (int x = 0; x < w; x++) {
                int sx = x + ox;
                if (sx < 0 || sx >= s.width()) {
                    continue;
                }
                img[offset + x + w * y] = s.image()[sx + s.width() * sy];
                if (lab != null) {
                    lab[offset + x + w * y] = s.label()[sx + s.width() * sy];
                }
            }
        }
    }

    /** Source start of the window: random when the slice is larger, negative (centred padding) when smaller. */
    private static int offset(int n, int p, SplittableRandom rnd) {
        return n >= p ? rnd.nextInt(n - p + 1) : -((p - n) / 2);
    }
}
