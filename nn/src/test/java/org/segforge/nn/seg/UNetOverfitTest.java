package org.segforge.nn.seg;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.segforge.nn.train.Optimizer;
import org.segforge.nn.train.OptimizerConfig;
import org.segforge.nn.train.Schedule;
import org.segforge.core.SharedData;
import org.segforge.core.image.Volume;
import org.segforge.core.io.ImageFiles;

/**
 * A tiny 2D U-Net must be able to fit one real example: a 64×64 crop of the BrainWeb T1 slice with
 * the 4-class tissue map of the same slice (argmax of ITK's Bayesian memberships: background, CSF,
 * grey and white matter; the crop at x 24–87, y 8–71 holds ≥ 488 voxels of each class). The loss
 * must fall by more than half in 60 Adam steps.
 */
@ExtendWith(OneTorchThread.class)
class UNetOverfitTest {
    static final int X0 = 24, Y0 = 8, N = 64;

    /** {image in [0,1], labels 0..3} of the crop, row-major (x fastest). */
    static float[][] brainwebCrop() throws Exception {
        Volume t1 = ImageFiles.readVolume(SharedData.file("brainweb-2d/BrainT1Slice.png"));
        Volume memberships = ImageFiles.readVolume(SharedData.file("brainweb-2d/BayesianClassifierInitializerMemberships.mhd"));
        assertThat(memberships.nt()).isEqualTo(4);
        assertThat(memberships.nx()).isEqualTo(t1.nx());
        float[] img = new float[N * N], lab = new float[N * N];
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                img[x + N * y] = t1.get(X0 + x, Y0 + y, 0);
                int best = 0;
                for (int k = 1; k < 4; k++) {
                    if (memberships.get(X0 + x, Y0 + y, 0, k) > memberships.get(X0 + x, Y0 + y, 0, best)) {
                        best = k;
                    }
                }
                lab[x + N * y] = best;
            }
        }
        return new float[][] {IntensityNormalisation.MIN_MAX.apply(img), lab};
    }

    @Test
    void lossDropsByMoreThanHalfIn60StepsOnARealSlice() throws Exception {
        float[][] ex = brainwebCrop();
        float first = Float.NaN, last = Float.NaN;
        try (NDManager model = NDManager.newBaseManager()) {
            UNet net = new UNet(UNetConfig.cpu(2, 1, 4).withWidth(8, 64).withDepth(3));
            net.initialize(model, 11);
            Optimizer adam = new Optimizer(OptimizerConfig.adam(Schedule.constant(3e-3), 0.9, 0.999),
                net.getParameters().stream().toList(), model);
            ParameterStore ps = new ParameterStore(model, false);
            for (int step = 0; step < 60; step++) {
                try (NDManager s = model.newSubManager()) {
                    NDArray x = s.create(ex[0], new Shape(1, 1, N, N));
                    NDArray y = s.create(ex[1], new Shape(1, N, N));
                    NDArray loss;
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        loss = SegLoss.loss(net.forward(ps, new NDList(x), true).singletonOrThrow(), y);
                        gc.backward(loss);
                    }
                    adam.step(step);
                    adam.zeroGradients();
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
