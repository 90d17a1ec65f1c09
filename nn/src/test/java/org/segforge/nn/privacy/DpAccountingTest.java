package org.segforge.nn.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.segforge.core.privacy.RdpAccountant;
import org.segforge.nn.OneTorchThread;
import org.segforge.nn.data.Batcher;
import org.segforge.nn.data.HostArray;
import org.segforge.nn.data.HostBatch;
import org.segforge.nn.train.Json;
import org.segforge.nn.train.LoopConfig;
import org.segforge.nn.train.MetricsLog;
import org.segforge.nn.train.Player;
import org.segforge.nn.train.StepRecord;
import org.segforge.nn.train.TrainStep;
import org.segforge.nn.train.TrainingLoop;
import org.segforge.nn.train.TrainingResult;

/** ε reported while training, and DP-SGD inside the shared training loop (log, determinism, resume). */
@ExtendWith(OneTorchThread.class)
class DpAccountingTest {
    @TempDir
    Path tmp;

    static final DpConfig CONFIG = DpConfig.of(1.0, 1.1, 3, 12, 1e-5); // q = 0.25

    @Test
    void epsilonIsTheAccountantsAndGrowsWithUpdates() {
        DpAccounting acc = new DpAccounting(CONFIG.withTargetEpsilon(5));
        RdpAccountant direct = new RdpAccountant(0.25, 1.1);
        double previous = -1;
        for (long t : new long[] {0, 1, 10, 100}) {
            double e = acc.metrics(t).get("epsilon");
            assertThat(e).isEqualTo(direct.budget(t, 1e-5).epsilon()).isGreaterThan(previous);
            previous = e;
        }
        assertThat(acc.metrics(0).get("epsilon")).isZero();
        assertThat(acc.metrics(10).get("delta")).isEqualTo(1e-5);
        assertThat(acc.withinTarget(1)).isTrue();
        assertThat(acc.withinTarget(100_000)).isFalse();
    }

    @Test
    void calibratedNoiseMeetsTheTarget() {
        DpConfig c = CONFIG.withTargetEpsilon(100).calibrated(1000);
        assertThat(new DpAccounting(c).after(1000).epsilon()).isLessThanOrEqualTo(100).isGreaterThan(99);
        assertThatThrownBy(() -> CONFIG.calibrated(10)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("target");
    }

    @Test
    void configRoundTripsThroughJsonAndChecksItsValues() {
        DpConfig c = CONFIG.withTargetEpsilon(1000);
        assertThat(Json.read(Json.write(c), DpConfig.class)).isEqualTo(c);
        assertThat(c.expectedBatch()).isEqualTo(3.0);
        assertThatThrownBy(() -> new DpConfig(0, 1, 0.1, 10, 1e-5, 0)).hasMessageContaining("clipping norm");
        assertThatThrownBy(() -> new DpConfig(1, 1, 1.5, 10, 1e-5, 0)).hasMessageContaining("sampling rate");
        assertThatThrownBy(() -> DpConfig.of(1, 1, 20, 10, 1e-5)).hasMessageContaining("expected batch");
    }

    /** The whole private dataset every step: 12 examples of 5 features and a target, fixed. */
    static Batcher wholeDataset(long seed) {
        SplittableRandom r = new SplittableRandom(99);
        float[] x = new float[12 * DpSgdTest.FEATURES];
        float[] y = new float[12];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) r.nextDouble(-1, 1);
        }
        return new Batcher((step, rnd) -> new HostBatch(step, List.of(
            new HostArray("x", x, new long[] {12, DpSgdTest.FEATURES}), new HostArray("y", y, new long[] {12, 1}))), seed, 0);
    }

    static TrainStep dpStep(DpAccounting acc) {
        DpSgd dp = new DpSgd(acc.config());
        TrainStep inner = (ctx, batch) -> {
            Player p = ctx.player("critic");
            DpStepResult r = dp.step(p, ctx, batch, PerSampleGradient.ofLoss(e -> DpSgdTest.loss(p, e)));
            Map<String, Double> m = new LinkedHashMap<>(r.metrics());
            m.put("loss", r.meanLoss());
            return m;
        };
        return acc.reporting(inner, 1);
    }

    private TrainingResult run(NDManager m, Player p, LoopConfig cfg, boolean resume) throws Exception {
        DpAccounting acc = new DpAccounting(CONFIG);
        TrainingLoop loop = TrainingLoop.builder().setStep(dpStep(acc)).setPlayers(p).setData(wholeDataset(cfg.seed()))
            .setConfig(cfg).build();
        if (resume) {
            loop.resumeLatest();
        }
        return loop.run();
    }

    @Test
    void trainsInTheSharedLoopLogsEpsilonAndResumesExactly() throws Exception {
        DpAccounting acc = new DpAccounting(CONFIG);
        float[] straight;
        try (NDManager m = NDManager.newBaseManager(); Player p = DpSgdTest.player(m, 21)) {
            TrainingResult r = run(m, p, LoopConfig.of(6, 4, tmp.resolve("a").toString()), false);
            straight = DpSgdTest.parameters(p);
            List<StepRecord> logged = MetricsLog.readSteps(tmp.resolve("a").resolve(MetricsLog.JSONL));
            assertThat(logged).hasSize(6);
            for (StepRecord s : logged) {
                assertThat(s.metrics().get("epsilon")).isEqualTo(acc.after(s.step() + 1).epsilon());
                assertThat(s.metrics()).containsKeys("dpBatch", "dpGradNorm", "dpClipped", "delta");
            }
            assertThat(r.steps().get(5).metrics().get("epsilon")).isGreaterThan(r.steps().get(0).metrics().get("epsilon"));
        }
        // three steps, stop, resume into fresh (differently initialised) players: the same parameters
        try (NDManager m = NDManager.newBaseManager(); Player p = DpSgdTest.player(m, 21)) {
            run(m, p, LoopConfig.of(3, 4, tmp.resolve("b").toString()), false);
        }
        try (NDManager m = NDManager.newBaseManager(); Player p = DpSgdTest.player(m, 23)) {
            run(m, p, LoopConfig.of(6, 4, tmp.resolve("b").toString()), true);
            assertThat(Arrays.equals(DpSgdTest.parameters(p), straight)).isTrue();
        }
        // and another seed trains differently
        try (NDManager m = NDManager.newBaseManager(); Player p = DpSgdTest.player(m, 21)) {
            run(m, p, LoopConfig.of(6, 5, tmp.resolve("c").toString()), false);
            assertThat(Arrays.mismatch(DpSgdTest.parameters(p), straight)).isNotNegative();
        }
    }

    @Test
    void reportingNeedsAStepAndAPositiveCount() {
        DpAccounting acc = new DpAccounting(CONFIG);
        assertThatThrownBy(() -> acc.reporting((ctx, b) -> Map.of(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> acc.reporting(null, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
