package org.segforge.nn.privacy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import java.util.function.Function;

/**
 * The gradient of one example's loss with respect to the private player's parameters.
 *
 * <p>{@link DpSgd} zeroes the player's gradients, calls {@link #backward} with one example (every
 * array of the batch sliced to its first dimension = 1), and takes whatever the player's gradient
 * arrays hold when it returns as that example's gradient. The implementation may run several backward
 * passes and zero the gradients in between — e.g. WGAN-GP's first-order penalty first needs
 * ∇ₓD(x̂) by an ordinary backward pass, whose parameter gradients it must discard before the final
 * backward of the example's loss. It runs inside an {@link ai.djl.ndarray.NDScope} closed after the
 * example, so it must not keep arrays it creates.
 */
@FunctionalInterface
public interface PerSampleGradient {
    /**
     * Leaves ∇θ loss(example) in the player's parameter gradients.
     *
     * @return the example's loss value, for logging
     */
    double backward(NDList example);

    /**
     * The usual case: a scalar loss of one example, recorded in a fresh {@link GradientCollector}
     * (so the function must run the player with {@code training = true}) and backpropagated once.
     */
    static PerSampleGradient ofLoss(Function<NDList, NDArray> loss) {
        return example -> {
            NDArray value;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                value = loss.apply(example);
                if (value.getShape().size() != 1) {
                    throw new IllegalArgumentException("per-sample loss must be a scalar, got shape " + value.getShape());
                }
                gc.backward(value);
            }
            return value.getFloat();
        };
    }
}
