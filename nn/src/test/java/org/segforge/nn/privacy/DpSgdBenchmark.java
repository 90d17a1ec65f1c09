package org.segforge.nn.privacy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.segforge.nn.OneTorchThread;
import org.segforge.nn.train.OptimizerConfig;
import org.segforge.nn.train.Player;
import org.segforge.nn.train.Schedule;
import org.segforge.nn.train.StepContext;

/**
 * The cost of a DP-SGD critic update against the ordinary batched update, on critics shaped like
 * M1's (k4 s2 p1 strided convolutions + LeakyReLU 0.2, then a linear score): the "cpu" preset's 3D
 * critic (3 blocks of 16, 32, 64 filters, batch 8 of 2×16×32×32) and the "cpu2d" one (batch 16 of
 * 2×64×64). Two losses: the plain WGAN loss D(fake) − D(real), and WGAN-GP with the first-order
 * penalty (direction pass + central difference, ε = 1e-3). Both sides end with the same Adam step;
 * the DP side runs the per-example loop ({@link DpSgd#stepOnSampled}) on a batch of the same size.
 * A benchmark, not a test (one libtorch thread):
 * {@code ./mvnw -o -q -pl nn -am package -Dtest=DpSgdBenchmark -Dsegforge.bench=true -Dsurefire.failIfNoSpecifiedTests=false}
 */
@EnabledIfSystemProperty(named = "segforge.bench", matches = "true")
@ExtendWith(OneTorchThread.class)
class DpSgdBenchmark {
    private static final int WARMUP = 3;
    private static final int STEPS = Integer.getInteger("segforge.bench.steps", 10);

    static Block critic(boolean threeD) {
        SequentialBlock b = new SequentialBlock();
        for (int f : new int[] {16, 32, 64}) {
            b.add(threeD
                ? Conv3d.builder().setKernelShape(new Shape(4, 4, 4)).optStride(new Shape(2, 2, 2)).optPadding(new Shape(1, 1, 1)).setFilters(f).build()
                : Conv2d.builder().setKernelShape(new Shape(4, 4)).optStride(new Shape(2, 2)).optPadding(new Shape(1, 1)).setFilters(f).build());
            b.add(x -> new NDList(Activation.leakyRelu(x.singletonOrThrow(), 0.2f)));
        }
        return b.add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(1).build());
    }

    static NDArray d(Player p, NDArray x) {
        return p.forward(new NDList(x), true).singletonOrThrow();
    }

    static NDArray unit(Player p, NDArray xhat) {
        NDArray x = xhat.duplicate();
        x.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(p.forward(new NDList(x), false).singletonOrThrow().sum());
        }
        p.zeroGradients();
        NDArray g = x.getGradient().stopGradient();
        int[] axes = new int[g.getShape().dimension() - 1];
        Arrays.setAll(axes, i -> i + 1);
        return g.div(g.square().sum(axes, true).sqrt().maximum(1e-12f)).stopGradient();
    }

    /** Σ over rows of D(fake) − D(real) [+ 10·(h − 1)², h the first-order input-gradient norm]. */
    static NDArray loss(Player p, NDArray real, NDArray fake, NDArray xhat, NDArray u) {
        NDArray w = d(p, fake).sub(d(p, real)).sum();
        if (xhat == null) {
            return w;
        }
        float eps = 1e-3f;
        NDArray h = p.forward(new NDList(xhat.add(u.mul(eps))), false).singletonOrThrow()
            .sub(p.forward(new NDList(xhat.sub(u.mul(eps))), false).singletonOrThrow()).div(2 * eps);
        return w.add(h.sub(1f).square().mul(10f).sum());
    }

    static NDArray xhat(NDArray real, NDArray fake) {
        return real.mul(0.3f).add(fake.mul(0.7f)).stopGradient();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    void compare(String name, boolean threeD, int batch, long[] sample, boolean gp) {
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = critic(threeD);
            Engine.getInstance().setRandomSeed(1);
            long[] full = new long[sample.length + 1];
            full[0] = batch;
            System.arraycopy(sample, 0, full, 1, sample.length);
            b.initialize(m, DataType.FLOAT32, new Shape(full));
            OptimizerConfig adam = OptimizerConfig.adam(Schedule.constant(4e-4), 0, 0.9);
            try (Player p = new Player("critic", b, adam, m)) {
                NDArray real = m.randomUniform(-1, 1, new Shape(full));
                NDArray fake = m.randomUniform(-1, 1, new Shape(full));
                double[] plain = new double[STEPS];
                double[] dp = new double[STEPS];
                DpSgd dpSgd = new DpSgd(new DpConfig(1.0, 1.0, batch / 1000.0, 1000, 1e-5, 0));
                for (int s = 0; s < WARMUP + STEPS; s++) {
                    long t0 = System.nanoTime();
                    try (NDManager scope = m.newSubManager()) {
                        p.zeroGradients();
                        NDArray xh = gp ? xhat(real, fake) : null;
                        NDArray u = gp ? unit(p, xh) : null;
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            gc.backward(loss(p, real, fake, xh, u).div(batch));
                        }
                        p.update(s);
                        p.zeroGradients();
                    }
                    long t1 = System.nanoTime();
                    try (NDManager scope = m.newSubManager()) {
                        StepContext ctx = new StepContext(s, scope, new SplittableRandom(s), List.of(p));
                        dpSgd.stepOnSampled(p, ctx, new NDList(real, fake), ex -> {
                            NDArray xh = gp ? xhat(ex.get(0), ex.get(1)) : null;
                            NDArray u = gp ? unit(p, xh) : null;
                            NDArray l;
                            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                                l = loss(p, ex.get(0), ex.get(1), xh, u);
                                gc.backward(l);
                            }
                            return l.getFloat();
                        });
                    }
                    long t2 = System.nanoTime();
                    if (s >= WARMUP) {
                        plain[s - WARMUP] = (t1 - t0) * 1e-6;
                        dp[s - WARMUP] = (t2 - t1) * 1e-6;
                    }
                }
                long params = b.getParameters().stream().mapToLong(e -> e.getValue().getArray().size()).sum();
                System.out.printf(Locale.ROOT, "%-22s params %7d  batch %2d  plain %8.1f ms  DP %8.1f ms  ratio %5.2f%n",
                    name + (gp ? " WGAN-GP" : " WGAN"), params, batch, median(plain), median(dp), median(dp) / median(plain));
            }
        }
    }

    @Test
    void dpStepVersusPlainStep() {
        for (boolean gp : new boolean[] {false, true}) {
            compare("cpu 3D 2x16x32x32", true, 8, new long[] {2, 16, 32, 32}, gp);
            compare("cpu2d 2x64x64", false, 16, new long[] {2, 64, 64}, gp);
        }
    }
}
