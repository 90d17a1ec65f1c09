package org.segforge.nn.wgan;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import org.segforge.nn.train.Player;
import org.segforge.nn.train.StepContext;

/**
 * One critic update of a WGAN step, the hook where the critic's training rule is chosen: {@link
 * GpCriticUpdate} (WGAN loss + gradient penalty, Adam) for the variants GP, SN, SN-MP, C-SN-MP; a DP
 * implementation (per-sample clipped, noised gradients on Poisson-sampled batches, from the privacy
 * package) replaces it for the DP variant.
 *
 * <p>Contract: on entry the critic's and generator's gradients may hold anything; on return the
 * critic has been updated (or not) and both players' gradients are zero. {@code real} and {@code
 * fake} are detached batches (N, 2, spatial…); randomness must come from {@code ctx.random()} or the
 * engine generator, which the loop reseeds per step. An update that draws its own real batch (DP-SGD's
 * Poisson sampling) may ignore {@code real} and draw from {@link PatchPairs#pairs} with
 * {@code ctx.random()}, and fakes of the matching size with {@code generator} and {@link
 * WganStep#noise}.
 */
@FunctionalInterface
public interface CriticUpdate {
    /**
     * @param index which of the step's critic updates this is (0 … criticSteps − 1)
     * @return metrics of this update, at least "loss" (the critic's loss) and "wasserstein"
     *         (mean D(real) − mean D(fake))
     */
    Map<String, Double> update(StepContext ctx, int index, Player critic, Player generator, NDArray real, NDArray fake);
}
