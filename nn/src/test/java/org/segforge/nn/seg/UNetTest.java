package org.segforge.nn.seg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.extension.ExtendWith;
import org.segforge.nn.OneTorchThread;
import org.junit.jupiter.api.Test;
import org.segforge.core.DataException;
import org.segforge.nn.layers.Upsample;

@ExtendWith(OneTorchThread.class)
class UNetTest {
    @Test
    void configRoundTripsThroughJsonAndRejectsBadFields() throws Exception {
        UNetConfig c = UNetConfig.paper(3, 2, 4).withDown(UNetConfig.Down.MAX_POOL);
        assertThat(UNetConfig.fromJson(c.toJson())).isEqualTo(c);
        assertThat(UNetConfig.preset("CPU", 2, 1, 2)).isEqualTo(UNetConfig.cpu(2, 1, 2));
        String bad = c.toJson().replace("\"classes\":4", "\"classes\":1");
        assertThatThrownBy(() -> UNetConfig.fromJson(bad)).isInstanceOf(DataException.class).hasMessageContaining("classes");
        assertThatThrownBy(() -> UNetConfig.fromJson("{\"dims\":2}")).isInstanceOf(DataException.class);
        assertThat(UNetConfig.paper(3, 1, 2).width(4)).isEqualTo(320);
        assertThat(UNetConfig.paper(2, 1, 2).width(5)).isEqualTo(512);
    }

    @Test
    void cpuPresetHasAboutHalfAMillionParametersAndInitIsSeeded() {
        try (NDManager m = NDManager.newBaseManager()) {
            UNet a = new UNet(UNetConfig.cpu(2, 1, 2));
            a.initialize(m, 42);
            // Counted by hand: encoder 292 752 + decoder 188 160 conv weights, plus biases, γ, β and the head.
            assertThat(a.parameterCount()).isBetween(480_000L, 490_000L);
            UNet b = new UNet(UNetConfig.cpu(2, 1, 2));
            b.initialize(m, 42);
            UNet other = new UNet(UNetConfig.cpu(2, 1, 2));
            other.initialize(m, 43);
            NDArray x = m.randomUniform(0, 1, new Shape(1, 1, 16, 16));
            ParameterStore ps = new ParameterStore(m, false);
            float[] ya = a.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
            assertThat(b.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray()).containsExactly(ya);
            assertThat(other.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray()).isNotEqualTo(ya);
        }
    }

    @Test
    void unet3dForwardAndBackwardShapes() {
        for (UNetConfig.Down down : UNetConfig.Down.values()) {
            for (Upsample.Mode up : Upsample.Mode.values()) {
                UNetConfig c = new UNetConfig(3, 2, 3, 4, 3, 16, down, up);
                try (NDManager m = NDManager.newBaseManager()) {
                    UNet net = new UNet(c);
                    net.initialize(m, 1);
                    NDArray x = m.randomNormal(new Shape(2, 2, 8, 12, 4));
                    NDArray target = m.randomInteger(0, 3, new Shape(2, 8, 12, 4), ai.djl.ndarray.types.DataType.INT32);
                    NDArray logits;
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        logits = net.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
                        gc.backward(SegLoss.loss(logits, target));
                    }
                    assertThat(logits.getShape()).isEqualTo(new Shape(2, 3, 8, 12, 4));
                    for (var p : net.getParameters()) {
                        NDArray g = p.getValue().getArray().getGradient();
                        assertThat(g.getShape()).as(p.getKey()).isEqualTo(p.getValue().getArray().getShape());
                        // (a conv bias before instance norm has a zero gradient by construction, so only weights)
                        if (p.getKey().endsWith("weight")) {
                            assertThat(g.abs().sum().getFloat()).as(p.getKey() + " gradient").isGreaterThan(0f);
                        }
                    }
                }
            }
        }
    }

    @Test
    void rejectsSizesThatDoNotHalveCleanly() {
        try (NDManager m = NDManager.newBaseManager()) {
            UNet net = new UNet(UNetConfig.cpu(2, 1, 2));
            net.initialize(m, 1);
            NDArray x = m.zeros(new Shape(1, 1, 20, 16));
            assertThatThrownBy(() -> net.forward(new ParameterStore(m, false), new NDList(x), false))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiples of 8");
        }
    }
}
