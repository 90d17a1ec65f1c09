package org.segforge.nn.wgan;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.segforge.nn.OneTorchThread;
import org.segforge.nn.data.Batcher;
import org.segforge.nn.data.HostArray;
import org.segforge.nn.data.HostBatch;
import org.segforge.nn.train.LoopConfig;
import org.segforge.nn.train.OptimizerConfig;
import org.segforge.nn.train.Player;
import org.segforge.nn.train.Schedule;
import org.segforge.nn.train.StepRecord;
import org.segforge.nn.train.TrainingListener;
import org.segforge.nn.train.TrainingLoop;

/**
 * Issue #6: 2 000 critic updates with the (first-order) gradient penalty hold as much memory as
 * 200 — the native arrays exactly, the process's resident memory outside the Java heap within
 * {@link #MAX_GROWTH} (see there for what was measured, and why not tighter). Takes 20–50 s on the
 * shared 2-core machine: 2 000 steps is what the issue asks for.
 */
@ExtendWith(OneTorchThread.class)
class GradientPenaltyMemoryTest {
    @TempDir
    Path tmp;

    /**
     * Allowed growth of the resident memory outside the Java heap between steps 200–600 and steps
     * 1600–2000 (medians of the readings every 100 steps). Measured with
     * {@code GradientPenaltyBench} on this 2D critic (kB, every 200 steps from 200 to 1800/2000):
     * first-order route 206 448 → 211 224 (+2.3 %, flat from step 500); the same loop without any
     * penalty 211 996 → 235 240 (readings between 174 and 235 MB: resident memory is noisy by
     * ±15 % with no leak at all); the exact double backward 201 216 → 398 148, +110 kB per step,
     * i.e. +100 % over the window. This test itself, first run (GP critic, batch 2, with the loop's
     * batcher thread): 198 832 at step 100, 210 988 at 200, one step up to 238 712 at 700, then flat
     * (230 976–244 156) to 2000; medians +9.7 %. 15 % separates a leak of the exact route's kind
     * from that warm-up and noise; the exact check is the native array count.
     */
    static final double MAX_GROWTH = 0.15;

    @Test
    void memoryStaysFlatOverTwoThousandCriticStepsWithPenalty() throws Exception {
        WganConfig c = TinyWgan.config2d(CriticVariant.GP).withShape(List.of(16, 16), 8, 2, 2, 2, 3.0).withBatch(2, 1);
        long[] arraysAt = new long[2];
        long[] rss = new long[20];
        double[] gp = new double[2];
        try (NDManager m = NDManager.newBaseManager()) {
            Critic critic = new Critic(c);
            critic.initialize(m, 1);
            Generator generator = new Generator(c);
            generator.initialize(m, 2);
            NDArray probe = m.create(0f);
            probe.detach();
            NDManager system = probe.getManager();
            probe.close();
            try (Player cp = new Player(WganStep.CRITIC, critic, OptimizerConfig.adam(Schedule.constant(4e-4), 0, 0.9), m);
                 Player gp0 = new Player(WganStep.GENERATOR, generator, OptimizerConfig.adam(Schedule.constant(2e-4), 0, 0.9), m)) {
                GpCriticUpdate update = new GpCriticUpdate(c);
                long[] shape = TinyWgan.batchShape(c, c.batch());
                int size = (int) (shape[0] * shape[1] * shape[2] * shape[3]);
                TrainingLoop loop = TrainingLoop.builder()
                        .setStep((ctx, batch) -> update.update(ctx, 0, cp, gp0, batch.get(0), batch.get(1)))
                        .setPlayers(cp, gp0)
                        .setData(new Batcher((step, rnd) -> new HostBatch(step, List.of(
                                new HostArray("real", uniform(rnd, size), shape), new HostArray("fake", uniform(rnd, size), shape))), 3, 2))
                        .setConfig(LoopConfig.of(2000, 3, tmp.toString()).withLogEvery(500))
                        .optListener(new TrainingListener() {
                            @Override
                            public void onStep(StepRecord r) {
                                long done = r.step() + 1;
                                if (done % 100 == 0) {
                                    System.gc();
                                    // the Java heap grows lazily and is not what could leak: native memory only
                                    rss[(int) (done / 100) - 1] = nativeRssKb();
                                }
                                int i = done == 200 ? 0 : done == 2000 ? 1 : -1;
                                if (i >= 0) {
                                    arraysAt[i] = m.getManagedArrays().size() + system.getManagedArrays().size();
                                    gp[i] = r.metrics().get("gp");
                                }
                            }
                        }).build();
                loop.run();
            }
        }
        long early = median(java.util.Arrays.copyOfRange(rss, 1, 6)); // steps 200 … 600
        long late = median(java.util.Arrays.copyOfRange(rss, 15, 20)); // steps 1600 … 2000
        System.out.printf("GP memory: native arrays %d → %d; RSS outside the heap every 100 steps (kB) %s; median 200–600 %d, "
                + "1600–2000 %d (%+.1f %%); gp %.4f → %.4f%n", arraysAt[0], arraysAt[1], java.util.Arrays.toString(rss), early, late,
                100.0 * (late - early) / early, gp[0], gp[1]);
        assertThat(arraysAt[1]).as("native arrays after 2000 critic steps vs 200").isEqualTo(arraysAt[0]);
        assertThat((double) late).as("resident memory outside the heap, steps 1600–2000 vs 200–600, kB")
                .isLessThan(early * (1 + MAX_GROWTH));
        assertThat(gp[1]).isFinite();
    }

    private static long median(long[] a) {
        long[] s = a.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }

    private static float[] uniform(java.util.SplittableRandom rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return v;
    }

    static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("this test reads /proc/self/status (Linux)", e);
        }
        return 0;
    }

    /**
     * Resident memory outside the Java heap, kB: VmRSS minus the resident part of the heap. The
     * heap is one reservation of -Xmx bytes that G1 splits into several mappings as it commits and
     * uncommits regions, so it is found in /proc/self/smaps as the run of adjacent anonymous
     * mappings whose total size is closest to {@code Runtime.maxMemory()}. Subtracting
     * {@code Runtime.totalMemory()} instead was too noisy: G1 uncommits after System.gc, and the
     * difference jumped by ±130 MB between readings with no leak.
     */
    static long nativeRssKb() {
        try {
            long max = Runtime.getRuntime().maxMemory() / 1024;
            long bestDiff = Long.MAX_VALUE, bestRss = 0;
            long runEnd = -1, runSize = 0, runRss = 0;
            long start = 0, end = 0;
            boolean anonymous = false;
            for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
                String[] f = line.split("\\s+");
                if (f.length >= 5 && f[0].matches("[0-9a-f]+-[0-9a-f]+")) {
                    String[] r = f[0].split("-");
                    start = Long.parseUnsignedLong(r[0], 16);
                    end = Long.parseUnsignedLong(r[1], 16);
                    anonymous = f.length == 5;
                    if (!anonymous || start != runEnd) {
                        runSize = 0;
                        runRss = 0;
                    }
                } else if (line.startsWith("Rss:") && anonymous) {
                    runSize += (end - start) / 1024;
                    runRss += Long.parseLong(line.replaceAll("\\D", ""));
                    runEnd = end;
                    if (Math.abs(runSize - max) < bestDiff) {
                        bestDiff = Math.abs(runSize - max);
                        bestRss = runRss;
                    }
                }
            }
            return rssKb() - bestRss;
        } catch (IOException e) {
            throw new IllegalStateException("this test reads /proc/self/smaps (Linux)", e);
        }
    }
}
