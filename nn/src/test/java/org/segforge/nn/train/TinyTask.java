package org.segforge.nn.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Map;
import org.segforge.nn.data.BatchMaker;
import org.segforge.nn.data.HostArray;
import org.segforge.nn.data.HostBatch;

/** A tiny seeded segmentation-like task for engine tests: 3×3 conv → ReLU → 1×1 conv, MSE. */
final class TinyTask {
    static final int N = 4;
    static final int SIDE = 8;

    static {
        // One intra-op thread: on a shared 2-core machine, libtorch's 2-thread OpenMP regions wait
        // for a descheduled partner and tiny steps take ~90 ms instead of ~1 ms (measured with
        // LoopOverheadBenchmark under load 20). Also pins the thread count, which bit-exact
        // resume across JVMs relies on (the forked KillableTraining runs this too).
        ai.djl.engine.Engine.getInstance();
        ai.djl.pytorch.jni.JniUtils.setNumThreads(1);
    }

    private TinyTask() {}

    static Block convNet(int filters) {
        return new SequentialBlock()
            .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(filters).build())
            .add(Activation.reluBlock())
            .add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(1).build());
    }

    /** A player whose initial weights depend on {@code initSeed}. */
    static Player player(String name, NDManager m, int initSeed, OptimizerConfig cfg) {
        Block b = convNet(4);
        Engine.getInstance().setRandomSeed(initSeed);
        b.initialize(m, DataType.FLOAT32, new Shape(N, 1, SIDE, SIDE));
        return new Player(name, b, cfg, m);
    }

    static OptimizerConfig adam() {
        return OptimizerConfig.adam(Schedule.cosine(0.01, 1000, 0).withWarmup(5), 0.9, 0.999).withClipNorm(5);
    }

    /** x ~ N(0,1); the target marks where x > 0.3, a thresholding the network can learn. */
    static BatchMaker maker() {
        return (step, rnd) -> {
            float[] x = new float[N * SIDE * SIDE];
            float[] y = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) nextGaussian(rnd);
                y[i] = x[i] > 0.3f ? 1f : 0f;
            }
            long[] shape = {N, 1, SIDE, SIDE};
            return new HostBatch(step, List.of(new HostArray("image", x, shape), new HostArray("label", y, shape)));
        };
    }

    private static double nextGaussian(java.util.SplittableRandom r) {
        // Box–Muller: SplittableRandom has no nextGaussian in Java 17
        double u = 1 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** The supervised step of M0's shape: one player, forward, loss, backward, update. */
    static TrainStep supervised() {
        return (ctx, batch) -> {
            Player p = ctx.players().get(0);
            NDArray loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray out = p.forward(new NDList(batch.get(0)), true).singletonOrThrow();
                loss = out.sub(batch.get(1)).square().mean();
                gc.backward(loss);
            }
            double norm = p.update(ctx.step());
            p.zeroGradients();
            return Map.of("loss", (double) loss.getFloat(), "gradNorm", norm);
        };
    }

    /**
     * A two-player step of a GAN's shape: the critic learns to score labels above predictions,
     * then the generator (segmenter) is updated on supervised loss minus the critic's score of
     * its output. Gradients are cleared between the players, as the engine does not.
     */
    static TrainStep adversarial() {
        return (ctx, batch) -> {
            Player gen = ctx.player("generator");
            Player critic = ctx.player("critic");
            NDArray x = batch.get(0);
            NDArray y = batch.get(1);
            NDArray criticLoss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray fake = gen.forward(new NDList(x), true).singletonOrThrow().stopGradient();
                NDArray real = critic.forward(new NDList(y), true).singletonOrThrow().mean();
                NDArray scoreFake = critic.forward(new NDList(fake), true).singletonOrThrow().mean();
                criticLoss = scoreFake.sub(real);
                gc.backward(criticLoss);
            }
            critic.update(ctx.step());
            critic.zeroGradients();
            gen.zeroGradients();
            NDArray genLoss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray out = gen.forward(new NDList(x), true).singletonOrThrow();
                NDArray adv = critic.forward(new NDList(out), true).singletonOrThrow().mean();
                genLoss = out.sub(y).square().mean().sub(adv.mul(0.01f));
                gc.backward(genLoss);
            }
            gen.update(ctx.step());
            gen.zeroGradients();
            critic.zeroGradients();
            return Map.of("loss", (double) genLoss.getFloat(), "critic", (double) criticLoss.getFloat());
        };
    }
}
