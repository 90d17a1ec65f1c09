package org.segforge.nn.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.segforge.nn.OneTorchThread;
import org.segforge.nn.data.Batcher;
import org.segforge.nn.data.HostArray;
import org.segforge.nn.data.HostBatch;
import org.segforge.nn.train.Player;
import org.segforge.nn.train.StepContext;

/** Poisson-sampled batches through the shared batcher: rate, replay by step, empty batches, DP steps on them. */
@ExtendWith(OneTorchThread.class)
class PoissonBatchesTest {
    static final DpConfig CONFIG = new DpConfig(1.0, 1.0, 0.1, 50, 1e-5, 0);

    /** Example i is the row (i, i, i, i, i) with target i/50: the batch tells which were loaded. */
    static HostBatch load(long step, int[] idx) {
        float[] x = new float[idx.length * DpSgdTest.FEATURES];
        float[] y = new float[idx.length];
        for (int k = 0; k < idx.length; k++) {
            for (int f = 0; f < DpSgdTest.FEATURES; f++) {
                x[k * DpSgdTest.FEATURES + f] = idx[k];
            }
            y[k] = idx[k] / 50f;
        }
        return new HostBatch(step, List.of(new HostArray("x", x, new long[] {idx.length, DpSgdTest.FEATURES}),
            new HostArray("y", y, new long[] {idx.length, 1})));
    }

    @Test
    void batchesAreReplayableFromTheirStepAndSampleAtRateQ() {
        Batcher batcher = new Batcher(new PoissonBatches(CONFIG, PoissonBatchesTest::load), 7, 0);
        long total = 0;
        int steps = 400;
        for (int s = 0; s < steps; s++) {
            HostBatch b = batcher.make(s);
            total += b.arrays().get(0).shape()[0];
        }
        // mean q·N = 5 per step; sd of the mean over 400 steps √(50·0.1·0.9/400) = 0.106
        assertThat(total / (double) steps).isCloseTo(5, within(4 * 0.106));
        assertThat(batcher.make(123).arrays().get(0).data()).isEqualTo(batcher.make(123).arrays().get(0).data());
    }

    @Test
    void dpStepsRunOnVariableAndEmptyBatches() throws Exception {
        PoissonBatches maker = new PoissonBatches(new DpConfig(1.0, 1.0, 0.02, 50, 1e-5, 0), PoissonBatchesTest::load);
        try (NDManager m = NDManager.newBaseManager(); Player p = DpSgdTest.player(m, 3)) {
            DpSgd dp = new DpSgd(new DpConfig(1.0, 1.0, 0.02, 50, 1e-5, 0));
            int empty = 0;
            for (int s = 0; s < 30; s++) {
                try (NDManager scope = m.newSubManager()) {
                    NDList batch = maker.make(s, new SplittableRandom(s)).toNDList(scope);
                    StepContext ctx = new StepContext(s, scope, new SplittableRandom(100 + s), List.of(p));
                    DpStepResult r = dp.stepOnSampled(p, ctx, batch, PerSampleGradient.ofLoss(e -> DpSgdTest.loss(p, e)));
                    assertThat(r.batchSize()).isEqualTo(batch.get(0).getShape().get(0));
                    empty += r.batchSize() == 0 ? 1 : 0;
                }
            }
            // P(empty) = 0.98^50 = 36 %: some of the 30 steps had nobody, and all ran
            assertThat(empty).isPositive();
            for (float v : DpSgdTest.parameters(p)) {
                assertThat(Float.isFinite(v)).isTrue();
            }
        }
    }
}
