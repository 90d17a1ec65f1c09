package org.segforge.nn.wgan;

import ai.djl.ndarray.NDArray;

/**
 * The critic as a function of its input: scores (N, 1) of a batch (N, C, spatial…). {@code
 * training} advances the spectral-norm power iteration; {@link GradientPenalty}'s own evaluations
 * pass false, and the caller decides which one forward of a critic update advances u.
 */
@FunctionalInterface
public interface CriticFunction {
    NDArray scores(NDArray x, boolean training);
}
