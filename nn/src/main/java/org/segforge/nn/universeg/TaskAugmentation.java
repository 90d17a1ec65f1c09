package org.segforge.nn.universeg;

import java.util.SplittableRandom;

/**
 * A task-changing transform, drawn once per episode and applied to every image and label of it,
 * which turns one task into a new one: horizontal / vertical flip, intensity inversion (x → 1 − x),
 * label → its inner boundary (foreground pixels with a 4-neighbour in the background).
 */
public record TaskAugmentation(boolean flipX, boolean flipY, boolean invert, boolean boundary) {
    public static final TaskAugmentation NONE = new TaskAugmentation(false, false, false, false);

    /** Flips ½ each, inversion 0.25, boundary 0.15. */
    public static TaskAugmentation draw(SplittableRandom r) {
        return new TaskAugmentation(r.nextDouble() < 0.5, r.nextDouble() < 0.5, r.nextDouble() < 0.25, r.nextDouble() < 0.15);
    }

    public Pair2d apply(Pair2d p) {
        int s = p.size();
        float[] im = p.image(), lab = p.label();
        if (flipX || flipY) {
            im = flip(im, s);
            lab = flip(lab, s);
        }
        if (invert) {
            im = im.clone();
            for (int i = 0; i < im.length; i++) {
                im[i] = 1f - im[i];
            }
        }
        if (boundary) {
            lab = boundary(lab, s);
        }
        return new Pair2d(s, im, lab);
    }

    private float[] flip(float[] a, int s) {
        float[] out = new float[a.length];
        for (int y = 0; y < s; y++) {
            int sy = flipY ? s - 1 - y : y;
            for (int x = 0; x < s; x++) {
                out[x + s * y] = a[(flipX ? s - 1 - x : x) + s * sy];
            }
        }
        return out;
    }

    static float[] boundary(float[] lab, int s) {
        float[] out = new float[lab.length];
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                int i = x + s * y;
                if (lab[i] > 0.5f && (x == 0 || y == 0 || x == s - 1 || y == s - 1 || lab[i - 1] < 0.5f
                        || lab[i + 1] < 0.5f || lab[i - s] < 0.5f || lab[i + s] < 0.5f)) {
                    out[i] = 1f;
                }
            }
        }
        return out;
    }
}
