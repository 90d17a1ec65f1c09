package org.segforge.core.transform;

import java.util.List;

/** Deterministic transforms applied in order. */
public record Compose(List<Transform> steps) implements Transform {
    public Compose {
        steps = List.copyOf(steps);
    }

    @Override
    public Sample apply(Sample sample) {
        Sample s = sample;
        for (Transform t : steps) {
            s = t.apply(s);
        }
        return s;
    }
}
