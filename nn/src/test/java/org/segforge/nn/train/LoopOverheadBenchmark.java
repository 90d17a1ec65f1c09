package org.segforge.nn.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.segforge.nn.data.Batcher;
import org.segforge.nn.data.HostBatch;

/**
 * Time per step of {@link TrainingLoop} against a hand-written loop doing the same work (same
 * network, same batches, same optimiser) without scopes, reseeding, logging or prefetching.
 * A benchmark, not a test: run with
 * {@code ./mvnw -o -q -pl nn -am package -Dtest=LoopOverheadBenchmark -Dsegforge.bench=true -Dsurefire.failIfNoSpecifiedTests=false}
 */
@EnabledIfSystemProperty(named = "segforge.bench", matches = "true")
class LoopOverheadBenchmark {
    private static final int STEPS = Integer.getInteger("segforge.bench.steps", 300);

    @TempDir
    Path tmp;

    @Test
    void loopVersusBareLoop() throws Exception {
        int filters = Integer.getInteger("segforge.bench.filters", 4);
        double[] loop = new double[STEPS];
        double[] bare = new double[STEPS];
        for (int round = 0; round < 2; round++) { // round 0 warms up
            try (NDManager m = NDManager.newBaseManager(); Player p = player(m, filters)) {
                Batcher data = new Batcher(TinyTask.maker(), 1, 0);
                long last = System.nanoTime();
                for (int s = 0; s < STEPS; s++) {
                    HostBatch hb = data.make(s);
                    if (Boolean.getBoolean("segforge.bench.reseed")) {
                        Engine.getInstance().setRandomSeed(s);
                    }
                    try (NDManager scope = m.newSubManager(); ai.djl.ndarray.NDScope sc = Boolean.getBoolean("segforge.bench.scope") ? new ai.djl.ndarray.NDScope() : null) {
                        NDList batch = hb.toNDList(scope);
                        NDArray loss;
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDArray out = p.forward(new NDList(batch.get(0)), true).singletonOrThrow();
                            loss = out.sub(batch.get(1)).square().mean();
                            gc.backward(loss);
                        }
                        p.update(s);
                        p.zeroGradients();
                        loss.getFloat();
                    }
                    long now = System.nanoTime();
                    bare[s] = (now - last) * 1e-6;
                    last = now;
                }
            }
            try (NDManager m = NDManager.newBaseManager(); Player p = player(m, filters)) {
                long[] last = {System.nanoTime()};
                TrainingLoop.builder().setStep(TinyTask.supervised()).setPlayers(p)
                    .setData(new Batcher(TinyTask.maker(), 1, 0))
                    .setConfig(LoopConfig.of(STEPS, 1, tmp.resolve("r" + round).toString()).withLogEvery(Integer.getInteger("segforge.bench.logEvery", 1)))
                    .optListener(new TrainingListener() {
                        @Override
                        public void onStep(StepRecord r) {
                            long now = System.nanoTime();
                            loop[(int) r.step()] = (now - last[0]) * 1e-6;
                            last[0] = now;
                        }
                    }).build().run();
            }
        }
        double mb = median(bare);
        double ml = median(loop);
        System.err.printf("filters=%d steps=%d: bare loop median %.3f ms/step, TrainingLoop median %.3f ms/step, ratio %.3f%n",
            filters, STEPS, mb, ml, ml / mb);
    }

    private static Player player(NDManager m, int filters) {
        ai.djl.nn.Block b = TinyTask.convNet(filters);
        Engine.getInstance().setRandomSeed(3);
        b.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new ai.djl.ndarray.types.Shape(TinyTask.N, 1, TinyTask.SIDE, TinyTask.SIDE));
        return new Player("net", b, TinyTask.adam(), m);
    }

    private static double median(double[] a) {
        double[] c = a.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
