package org.segforge.nn.data;

import java.util.SplittableRandom;

/**
 * Builds the host-side batch of one step (sampling cases, cropping, augmenting). It must depend on
 * nothing but {@code step} and the generator it is given, which the {@link Batcher} derives from
 * (seed, step), so that batches can be rebuilt from any step on resume. May run on a background
 * thread, so it must not touch NDArrays.
 */
@FunctionalInterface
public interface BatchMaker {
    HostBatch make(long step, SplittableRandom random) throws Exception;
}
