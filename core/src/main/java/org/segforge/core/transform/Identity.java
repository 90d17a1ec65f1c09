package org.segforge.core.transform;

import java.util.SplittableRandom;

/** Leaves the sample as it is; also the "random" transform that always draws itself. */
public record Identity() implements Transform, RandomTransform {
    public static final Identity INSTANCE = new Identity();

    @Override
    public Sample apply(Sample sample) {
        return sample;
    }

    @Override
    public Transform draw(SplittableRandom rng) {
        return this;
    }
}
