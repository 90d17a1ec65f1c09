package org.segforge.nn.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segforge.nn.data.Batcher;

/**
 * A thousand steps must not grow the arrays any manager holds, nor the process's resident
 * memory: every step's batch, activations and gradient wrappers are closed with its scope.
 */
class LoopMemoryTest {
    @TempDir
    Path tmp;

    @Test
    void memoryStaysFlatOverAThousandSteps() throws Exception {
        long[] arraysAt = new long[2];
        long[] rssAt = new long[2];
        try (NDManager m = NDManager.newBaseManager(); Player p = TinyTask.player("net", m, 3, TinyTask.adam())) {
            long before = m.getManagedArrays().size();
            // a detached array belongs to the engine's system manager, which has no public getter
            ai.djl.ndarray.NDArray probe = m.create(0f);
            probe.detach();
            NDManager system = probe.getManager();
            probe.close();
            TrainingLoop loop = TrainingLoop.builder().setStep(TinyTask.supervised()).setPlayers(p)
                .setData(new Batcher(TinyTask.maker(), 1, 4))
                .setConfig(LoopConfig.of(1000, 1, tmp.toString()).withLogEvery(100))
                .optListener(new TrainingListener() {
                    @Override
                    public void onStep(StepRecord r) {
                        int i = r.step() == 199 ? 0 : r.step() == 999 ? 1 : -1;
                        if (i >= 0) {
                            arraysAt[i] = m.getManagedArrays().size() + system.getManagedArrays().size();
                            System.gc();
                            // RSS includes the Java heap, which G1 grows lazily: subtract what it has committed
                            rssAt[i] = rssKb() - Runtime.getRuntime().totalMemory() / 1024;
                        }
                    }
                }).build();
            TrainingResult r = loop.run();
            assertThat(r.steps()).hasSize(1000);
            assertThat(m.getManagedArrays().size()).isEqualTo(before);
        }
        assertThat(arraysAt[1]).as("arrays held after 1000 steps vs after 200").isEqualTo(arraysAt[0]);
        // A coarse check only: resident memory warms up for ~1500 steps before it plateaus (a
        // 4000-step probe of this loop read 210, 243, 274, 262, 262, 262, 275, 267 MB every 500
        // steps), so 200→1000 grows by 15–40 MB without any leak; leaking one step's activations
        // of a real network would add gigabytes. The array count above is the exact check.
        assertThat(rssAt[1] - rssAt[0]).as("resident memory growth outside the Java heap, kB").isLessThan(96_000);
        assertThat(Files.readAllLines(tmp.resolve("log.jsonl"))).hasSize(10);
    }

    private static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            // not Linux: the array count still checks the leak
        }
        return 0;
    }
}
