package org.segforge.nn.train;

import ai.djl.ndarray.NDList;
import java.util.Map;

/**
 * One optimisation step of a method, over one or more {@link Player}s: forward, backward and
 * updates (a GAN step updates the critic, clears gradients, then updates the generator). The
 * loop around it — scoping, logging, validation, checkpoints, resume — is the same for every
 * method.
 *
 * <p>Return the step's scalar metrics; "loss" is the one progress bars and curves show. All
 * randomness must come from {@link StepContext#random()} or the engine generator (which the loop
 * reseeds from (seed, step) before every step).
 */
@FunctionalInterface
public interface TrainStep {
    Map<String, Double> run(StepContext context, NDList batch);
}
