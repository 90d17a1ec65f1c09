package org.segforge.core.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random transforms drawn and applied in order. Each step draws from its own split of the
 * generator, so a step's draw does not depend on how many numbers the steps before it consumed;
 * steps that drew the identity are left out of the returned {@link Compose}.
 */
public record RandomCompose(List<RandomTransform> steps) implements RandomTransform {
    public RandomCompose {
        steps = List.copyOf(steps);
    }

    public static RandomCompose of(RandomTransform... steps) {
        return new RandomCompose(List.of(steps));
    }

    @Override
    public Transform draw(SplittableRandom rng) {
        List<Transform> drawn = new ArrayList<>();
        for (RandomTransform step : steps) {
            Transform t = step.draw(rng.split());
            if (!(t instanceof Identity)) {
                drawn.add(t);
            }
        }
        return drawn.isEmpty() ? Identity.INSTANCE : drawn.size() == 1 ? drawn.get(0) : new Compose(drawn);
    }
}
