package org.segforge.nn.universeg;

import java.util.SplittableRandom;

/**
 * A binary segmentation task that episodes are drawn from. {@link #episode} fixes whatever the
 * episode shares (e.g. a synthetic task's textures, a lesion's painted contrast) and returns a
 * generator of pairs from it; every pair of one episode belongs to the same task.
 */
public interface EpisodeTask {
    /** Identifies the task, e.g. "colin27/aal:Precentral_L/axial". */
    String name();

    /** The family the task belongs to (e.g. "aal", "brodmann"), the unit held out from training. */
    String family();

    /** Fixes the episode's shared parameters; the returned sampler draws pairs of {@code size}². */
    Sampler episode(SplittableRandom rng, int size);

    /** Draws the pairs of one episode. */
    @FunctionalInterface
    interface Sampler {
        Pair2d next(SplittableRandom rng);
    }
}
