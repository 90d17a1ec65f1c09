package org.segforge.nn.seg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.segforge.nn.TorchReference.array;
import static org.segforge.nn.TorchReference.caseNamed;
import static org.segforge.nn.TorchReference.maxAbsDiff;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.extension.ExtendWith;
import org.segforge.nn.OneTorchThread;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Dice + CE against PyTorch: the reference values and gradients were computed by
 * {@code src/test/resources/reference/make_layer_refs.py} (function seg_loss_case: F.cross_entropy
 * and nnU-Net's MemoryEfficientSoftDiceLoss formula, batch dice, no background, smooth 1e-5).
 */
@ExtendWith(OneTorchThread.class)
class SegLossTest {
    @ParameterizedTest
    @ValueSource(strings = {"seg_loss_2d", "seg_loss_3d"})
    void matchesTorchValuesAndGradient(String name) {
        JsonNode c = caseNamed(name);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = array(m, c, "logits");
            NDArray target = array(m, c, "target");
            assertThat(SegLoss.crossEntropy(logits, target).getFloat()).isCloseTo((float) c.get("ce").asDouble(), within(1e-5f));
            assertThat(SegLoss.softDice(logits, target).getFloat()).isCloseTo((float) c.get("dice").asDouble(), within(1e-5f));
            logits.setRequiresGradient(true);
            NDArray loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                loss = SegLoss.loss(logits, target);
                gc.backward(loss);
            }
            assertThat(loss.getFloat()).isCloseTo((float) c.get("loss").asDouble(), within(1e-5f));
            assertThat(maxAbsDiff(logits.getGradient(), c.get("dlogits"))).isLessThan(1e-6);
        }
    }

    @Test
    void perfectPredictionHasNearZeroLossAndBadTargetsAreRejected() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray target = m.create(new int[] {0, 1, 2, 1, 0, 2}, new ai.djl.ndarray.types.Shape(1, 2, 3));
            NDArray logits = target.oneHot(3).transpose(0, 3, 1, 2).mul(40f); // (1, 3, 2, 3)
            assertThat(SegLoss.loss(logits, target).getFloat()).isLessThan(1e-4f);
            NDArray bad = m.create(new int[] {0, 1, 3, 1, 0, 2}, new ai.djl.ndarray.types.Shape(1, 2, 3));
            assertThatThrownBy(() -> SegLoss.loss(logits, bad)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..2");
        }
    }
}
