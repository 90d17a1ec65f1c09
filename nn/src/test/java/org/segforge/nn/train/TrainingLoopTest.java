package org.segforge.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segforge.core.DataException;
import org.segforge.nn.data.Batcher;

class TrainingLoopTest {
    @TempDir
    Path tmp;

    /** Thrown by a listener to stop a run abruptly, as a crash would. */
    static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private static TrainingLoop.Builder supervised(Player p, LoopConfig cfg) {
        return TrainingLoop.builder().setStep(TinyTask.supervised()).setPlayers(p)
            .setData(new Batcher(TinyTask.maker(), cfg.seed(), 2)).setConfig(cfg);
    }

    @Test
    void logsValidatesCheckpointsAndRecordsProvenance() throws Exception {
        LoopConfig cfg = LoopConfig.of(12, 3, tmp.toString()).withCheckpointEvery(4, 2).withValidateEvery(5);
        List<String> events = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager(); Player p = TinyTask.player("net", m, 1, TinyTask.adam())) {
            TrainingResult r = supervised(p, cfg)
                .optValidator((step, mgr) -> Map.of("score", (double) step))
                .optProvenance(Provenance.capture(cfg, cfg.seed(), "tiny-task-v1"))
                .optListener(new TrainingListener() {
                    @Override
                    public void onStart(LoopConfig c, long first) {
                        events.add("start " + first);
                    }

                    @Override
                    public void onCheckpoint(long done, Path folder) {
                        events.add("checkpoint " + done);
                    }

                    @Override
                    public void onEnd(TrainingResult result) {
                        events.add("end " + result.completedSteps());
                    }
                })
                .build().run();
            assertThat(r.steps()).hasSize(12);
            assertThat(java.util.Arrays.stream(r.losses()).allMatch(Double::isFinite)).isTrue();
            // the network learns: the last losses are below the first
            assertThat(r.losses()[11] + r.losses()[10]).isLessThan(r.losses()[0] + r.losses()[1]);
            assertThat(r.validations()).extracting(ValidationRecord::completedSteps).containsExactly(5L, 10L, 12L);
            assertThat(events).containsExactly("start 0", "checkpoint 4", "checkpoint 8", "checkpoint 12", "end 12");
            assertThat(r.lastCheckpoint().getFileName().toString()).isEqualTo("step-000000012");
        }
        assertThat(Files.readAllLines(tmp.resolve("log.jsonl"))).hasSize(12);
        List<String> csv = Files.readAllLines(tmp.resolve("log.csv"));
        assertThat(csv).hasSize(13);
        assertThat(csv.get(0)).isEqualTo("step,seconds,gradNorm,loss");
        assertThat(csv.get(12)).startsWith("11,");
        assertThat(Files.readAllLines(tmp.resolve("validation.jsonl"))).hasSize(3);
        Checkpoints cps = new Checkpoints(tmp.resolve("checkpoints"), 2);
        assertThat(cps.list()).extracting(c -> c.getFileName().toString()).containsExactly("step-000000008", "step-000000012");
        Provenance prov = Provenance.read(tmp.resolve("provenance.json"));
        assertThat(prov.dataFingerprint()).isEqualTo("tiny-task-v1");
        assertThat(prov.config(LoopConfig.class)).isEqualTo(cfg);
        assertThat(prov.engine()).startsWith("PyTorch");
        assertThat(Provenance.read(cps.latest().orElseThrow().resolve("provenance.json"))).isEqualTo(prov);
        assertThat(Checkpoints.meta(cps.latest().orElseThrow()).loop()).isEqualTo(cfg);
    }

    @Test
    void aFreshRunRefusesAFolderWithCheckpoints() throws Exception {
        LoopConfig cfg = LoopConfig.of(2, 3, tmp.toString());
        try (NDManager m = NDManager.newBaseManager(); Player p = TinyTask.player("net", m, 1, TinyTask.adam())) {
            supervised(p, cfg).build().run();
            assertThatThrownBy(() -> supervised(p, cfg).build().run())
                .isInstanceOf(DataException.class).hasMessageContaining("already holds checkpoints");
        }
    }

    @Test
    void resumingWithAnotherSeedIsRefused() throws Exception {
        try (NDManager m = NDManager.newBaseManager(); Player p = TinyTask.player("net", m, 1, TinyTask.adam())) {
            supervised(p, LoopConfig.of(2, 3, tmp.toString())).build().run();
            TrainingLoop other = supervised(p, LoopConfig.of(4, 4, tmp.toString())).build();
            assertThatThrownBy(other::resumeLatest).isInstanceOf(DataException.class).hasMessageContaining("seed 3");
        }
    }

    /** Runs to the end, or until {@code crashAfter} steps when ≥ 0, and returns the losses. */
    private double[] runTwoPlayers(Path out, long steps, int initSeed, long crashAfter, boolean resume) throws DataException {
        LoopConfig cfg = LoopConfig.of(steps, 5, out.toString()).withCheckpointEvery(4, 1);
        try (NDManager m = NDManager.newBaseManager();
             Player gen = TinyTask.player("generator", m, initSeed, TinyTask.adam());
             Player critic = TinyTask.player("critic", m, initSeed + 1,
                 OptimizerConfig.sgd(Schedule.poly(0.01, steps), 0.9, true, 1e-4))) {
            TrainingLoop loop = TrainingLoop.builder().setStep(TinyTask.adversarial()).setPlayers(gen, critic)
                .setData(new Batcher(TinyTask.maker(), cfg.seed(), 3)).setConfig(cfg)
                .optListener(new TrainingListener() {
                    @Override
                    public void onStep(StepRecord r) {
                        if (r.step() + 1 == crashAfter) {
                            throw new Crash();
                        }
                    }
                }).build();
            if (resume) {
                loop.resumeLatest();
            }
            return loop.run().losses();
        }
    }

    @Test
    void aCrashedTwoPlayerRunResumesToTheSameLosses() throws Exception {
        double[] straight = runTwoPlayers(tmp.resolve("straight"), 14, 21, -1, false);
        Path out = tmp.resolve("crashed");
        assertThatThrownBy(() -> runTwoPlayers(out, 14, 21, 10, false)).isInstanceOf(Crash.class);
        assertThat(new Checkpoints(out.resolve("checkpoints"), 1).latest().orElseThrow().getFileName().toString())
            .isEqualTo("step-000000008");
        // different initial weights prove the checkpoint, not the seed, supplies them
        double[] resumed = runTwoPlayers(out, 14, 99, -1, true);
        assertThat(resumed).hasSize(6);
        for (int i = 0; i < 6; i++) {
            assertThat(resumed[i]).as("loss of step %d", 8 + i).isEqualTo(straight[8 + i]);
        }
        // the log reads as one run: the rows of steps 8 and 9 written before the crash are gone
        List<StepRecord> log = MetricsLog.readSteps(out.resolve("log.jsonl"));
        assertThat(log).extracting(StepRecord::step).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L);
        assertThat(log.stream().mapToDouble(StepRecord::loss).toArray()).containsExactly(straight);
        assertThat(Files.readAllLines(out.resolve("log.csv")).stream().filter(l -> l.startsWith("step,"))).hasSize(1);
    }
}
