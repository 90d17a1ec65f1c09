package org.segforge.nn.universeg;

import java.util.Set;
import java.util.SplittableRandom;
import org.segforge.core.image.Axis;
import org.segforge.core.image.Intensity;
import org.segforge.core.image.Resize;
import org.segforge.core.image.Slices;
import org.segforge.core.image.Volume;

/**
 * A task over the slices of one 3D image along one axis: the foreground is the set of label
 * values {@code values}; only slices holding at least a minimum of foreground are drawn. Slices
 * are cut and resized on demand (nothing is kept per slice), so a collection of hundreds of tasks
 * costs only the shared volumes' memory.
 *
 * <p>If {@code paint} is set (lesion tasks, whose masks come without their patients' images), the
 * image is the shared anatomy with the foreground's intensity multiplied by a contrast factor drawn
 * once per episode, in [0.35, 0.7] or [1.4, 2]: a synthetic lesion, not a real one.
 */
public record SliceTask(String name, String family, Volume image, Volume labels, Set<Integer> values, Axis axis,
                        int[] slices, boolean paint) implements EpisodeTask {
    public SliceTask {
        if (slices.length == 0) {
            throw new IllegalArgumentException(name + ": no slice holds the task's foreground");
        }
        values = Set.copyOf(values);
    }

    @Override
    public Sampler episode(SplittableRandom rng, int size) {
        double contrast = drawContrast(rng, paint);
        return r -> pair(slices[r.nextInt(slices.length)], size, contrast);
    }

    /** The episode's lesion contrast (see the class comment), or 1 when not painting; consumes the same draws either way. */
    static double drawContrast(SplittableRandom rng, boolean paint) {
        double contrast = rng.nextBoolean() ? 0.35 + 0.35 * rng.nextDouble() : 1.4 + 0.6 * rng.nextDouble();
        return paint ? contrast : 1.0;
    }

    /** Slice {@code index} as a pair of {@code size}²: area-resized image (min-max), area-resized mask > 0.5. */
    public Pair2d pair(int index, int size, double contrast) {
        Volume img = Slices.extract(image, axis, index);
        Volume lab = Slices.extract(labels, axis, index);
        float[] l = lab.data();
        float[] mask = new float[l.length];
        for (int i = 0; i < l.length; i++) {
            mask[i] = values.contains(Math.round(l[i])) ? 1f : 0f;
        }
        if (contrast != 1.0) {
            float[] v = img.data().clone();
            for (int i = 0; i < v.length; i++) {
                if (mask[i] > 0) {
                    v[i] *= (float) contrast;
                }
            }
            img = img.withData(v);
        }
        float[] im = Intensity.minMax(Resize.image(img, size, size, Resize.Mode.AREA)).data();
        float[] m = Resize.image(lab.withData(mask), size, size, Resize.Mode.AREA).data();
        for (int i = 0; i < m.length; i++) {
            m[i] = m[i] > 0.5f ? 1f : 0f;
        }
        return new Pair2d(size, im.clone(), m);
    }
}
