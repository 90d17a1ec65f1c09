package org.segforge.nn.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segforge.nn.data.Batcher;

/**
 * A real kill: a forked JVM ({@link KillableTraining}) is killed with SIGKILL mid-run, then the
 * run is resumed here from its newest checkpoint. Losses must equal an uninterrupted run's
 * bit for bit — same libtorch, same thread count (OMP_NUM_THREADS=2 from surefire, inherited by
 * the child), and every random draw a function of (seed, step).
 */
class KillResumeTest {
    private static final long STEPS = 40;

    @TempDir
    Path tmp;

    private static double[] train(Path out, int initSeed, boolean resume) throws Exception {
        try (NDManager m = NDManager.newBaseManager(); Player p = TinyTask.player("net", m, initSeed, TinyTask.adam())) {
            TrainingLoop loop = TrainingLoop.builder().setStep(TinyTask.supervised()).setPlayers(p)
                .setData(new Batcher(TinyTask.maker(), 11, 2))
                .setConfig(LoopConfig.of(STEPS, 11, out.toString()).withCheckpointEvery(5, 2)).build();
            if (resume) {
                loop.resumeLatest();
            }
            return loop.run().losses();
        }
    }

    @Test
    void killedJvmResumesToBitIdenticalLosses() throws Exception {
        double[] straight = train(tmp.resolve("straight"), 7, false);

        Path out = tmp.resolve("killed");
        List<String> cmd = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path")));
        for (String prop : List.of("ai.djl.offline", "DJL_CACHE_DIR")) {
            if (System.getProperty(prop) != null) {
                cmd.add("-D" + prop + "=" + System.getProperty(prop));
            }
        }
        cmd.addAll(List.of(KillableTraining.class.getName(), out.toString(), Long.toString(STEPS), "40"));
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true)
            .redirectOutput(tmp.resolve("child.log").toFile()).start();
        Path log = out.resolve("log.jsonl");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (rows(log) < 17 && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(child.isAlive()).as("child still training (log: %s)", Files.exists(tmp.resolve("child.log"))
            ? Files.readString(tmp.resolve("child.log")) : "").isTrue();
        child.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no finally blocks
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(137);
        int killedAt = rows(log);
        assertThat(killedAt).isBetween(17, (int) STEPS - 1);

        Checkpoints cps = new Checkpoints(out.resolve("checkpoints"), 2);
        long resumeStep = Checkpoints.meta(cps.latest().orElseThrow()).completedSteps();
        assertThat(resumeStep).isBetween(15L, (long) killedAt);
        double[] resumed = train(out, 1234, true);
        assertThat(resumed).hasSize((int) (STEPS - resumeStep));
        for (int i = 0; i < resumed.length; i++) {
            assertThat(resumed[i]).as("loss of step %d", resumeStep + i).isEqualTo(straight[(int) resumeStep + i]);
        }
        // the child's own steps, computed in another JVM, match too
        List<StepRecord> all = MetricsLog.readSteps(log);
        assertThat(all).hasSize((int) STEPS);
        assertThat(all.stream().mapToDouble(StepRecord::loss).toArray()).containsExactly(straight);
    }

    private static int rows(Path log) throws Exception {
        if (!Files.exists(log)) {
            return 0;
        }
        return (int) Files.readAllLines(log).stream().filter(l -> l.endsWith("}")).count();
    }
}
