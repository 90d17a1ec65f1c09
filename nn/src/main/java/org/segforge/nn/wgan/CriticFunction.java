package org.segforge.nn.wgan;

import ai.djl.ndarray.NDArray;

/**
 * The critic as a function of its input: scores (N, 1) of a batch (N, C, spatial…). {@code
 * training} advances the spectral-norm power iteration; the gradient penalty always calls with
 * false, so u moves once per critic update.
 */
@FunctionalInterface
public interface CriticFunction {
    NDArray scores(NDArray x, boolean training);
}
