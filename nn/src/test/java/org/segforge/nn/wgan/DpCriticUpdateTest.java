package org.segforge.nn.wgan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.segforge.core.SharedData;
import org.segforge.nn.OneTorchThread;
import org.segforge.nn.data.HostArray;
import org.segforge.nn.privacy.DpConfig;
import org.segforge.nn.train.StepRecord;
import org.segforge.nn.train.TrainingResult;

/** The DP variant trains on real Colin27 slices through DP-SGD and reports the privacy it spends. */
@ExtendWith(OneTorchThread.class)
class DpCriticUpdateTest {
    static final WganConfig CONFIG = WganConfig.cpu2d(CriticVariant.DP).withShape(List.of(32, 32), 16, 4, 4, 2, 6.0)
            .withBatch(4, 2).withSteps(4).withSeed(3);

    @TempDir
    Path tmp;

    @Test
    void trainsWithClippedNoisyCriticGradientsAndGrowingEpsilon() throws Exception {
        PatchPairs data = PatchPairs.colin27BrainMask(SharedData.file("colin27"), CONFIG);
        HostArray privatePairs = data.pairs("private", 32, new SplittableRandom(11));
        DpConfig dp = DpConfig.of(1.0, 1.0, 4, 32, 1e-3);
        TrainingResult r;
        try (NDManager m = NDManager.newBaseManager(); WganTrainer t = new WganTrainer(CONFIG, m)) {
            r = t.loop(data, tmp, 0, List.of(), new DpCriticUpdate(CONFIG, dp, privatePairs)).run();
        }
        assertThat(r.steps()).hasSize(4);
        double previous = 0;
        for (StepRecord s : r.steps()) {
            for (String k : List.of("loss", "wasserstein", "genLoss", "dpUpdateNorm", "epsilon")) {
                assertThat(s.metrics().get(k)).as("%s at step %d", k, s.step()).isFinite();
            }
            assertThat(s.metrics().get("dpClipped")).as("C = 1 clips the critic's per-pair gradients").isGreaterThan(0);
            assertThat(s.metrics().get("epsilon")).as("ε grows with every private update").isGreaterThan(previous);
            previous = s.metrics().get("epsilon");
        }
        assertThat(r.steps().get(3).metrics().get("delta")).isEqualTo(1e-3);
        // after 4 steps of 2 critic updates: 8 private updates, as the accountant computes them
        assertThat(r.steps().get(3).metrics().get("epsilon"))
                .isEqualTo(new org.segforge.nn.privacy.DpAccounting(dp).after(8).epsilon());
    }

    @Test
    void refusesPrivateDataOfAnotherSize() {
        assertThatThrownBy(() -> new DpCriticUpdate(CONFIG, DpConfig.of(1, 1, 4, 32, 1e-3),
                new HostArray("p", new float[16 * 2 * 32 * 32], new long[] {16, 2, 32, 32})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 private pairs");
    }
}
