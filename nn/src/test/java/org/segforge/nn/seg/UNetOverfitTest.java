package org.segforge.nn.seg;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The tiny 2D U-Net must be able to fit one example: the loss falls by more than half in 60 steps. */
class UNetOverfitTest {
    /** Two discs (classes 1 and 2) of different brightness on a noisy background, 64×64. */
    static float[][] discs(long seed) {
        int n = 64;
        float[] img = new float[n * n], lab = new float[n * n];
        SplittableRandom r = new SplittableRandom(seed);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int i = x + n * y;
                double d1 = Math.hypot(x - 20, y - 22), d2 = Math.hypot(x - 44, y - 40);
                lab[i] = d1 < 10 ? 1 : d2 < 13 ? 2 : 0;
                img[i] = (lab[i] == 1 ? 0.8f : lab[i] == 2 ? 0.5f : 0.2f) + (float) (0.1 * r.nextGaussian());
            }
        }
        return new float[][] {img, lab};
    }

    @Test
    void lossDropsByMoreThanHalfIn60Steps() {
        float[][] ex = discs(3);
        float first = Float.NaN, last = Float.NaN;
        try (NDManager model = NDManager.newBaseManager()) {
            UNet net = new UNet(UNetConfig.cpu(2, 1, 3).withWidth(8, 64).withDepth(3));
            net.initialize(model, 11);
            TestAdam adam = new TestAdam(net, model, 3e-3f);
            ParameterStore ps = new ParameterStore(model, false);
            for (int step = 0; step < 60; step++) {
                try (NDManager s = model.newSubManager()) {
                    NDArray x = s.create(ex[0], new Shape(1, 1, 64, 64));
                    NDArray y = s.create(ex[1], new Shape(1, 64, 64));
                    NDArray loss;
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        loss = SegLoss.loss(net.forward(ps, new NDList(x), true).singletonOrThrow(), y);
                        gc.backward(loss);
                    }
                    adam.step(s);
                    float v = loss.getFloat();
                    if (step == 0) {
                        first = v;
                    }
                    last = v;
                }
            }
        }
        assertThat(last).as("loss %s → %s", first, last).isLessThan(0.5f * first);
    }
}
