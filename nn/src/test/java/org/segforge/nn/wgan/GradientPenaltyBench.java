package org.segforge.nn.wgan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.segforge.nn.data.StepSeeds;
import org.segforge.nn.train.OptimizerConfig;
import org.segforge.nn.train.Player;
import org.segforge.nn.train.Schedule;
import org.segforge.nn.train.StepContext;

/**
 * Benchmark, not a test: critic updates on random pairs in one process, reporting every
 * {@code every} steps the median time per update and the resident memory outside the Java heap.
 * Modes: {@code fo} (WGAN loss + first-order penalty, the default route), {@code exact} (double
 * backward), {@code none} (WGAN loss without penalty), or {@code all}, which interleaves fo and
 * none in the same run (for the cost comparison; "exact" leaks and would distort the others).
 *
 * <p>Usage: {@code GradientPenaltyBench MODE STEPS EVERY SIZE} with SIZE {@code tiny} (2D 16×16,
 * SN critic of 2 blocks of 2 and 4 filters, batch 4) or {@code cpu} (the cpu preset's 3D GP critic,
 * batch 8).
 */
public final class GradientPenaltyBench {
    private GradientPenaltyBench() {}

    public static void main(String[] args) {
        String mode = args[0];
        int steps = Integer.parseInt(args[1]);
        int every = Integer.parseInt(args[2]);
        WganConfig c = args[3].equals("cpu") ? WganConfig.cpu(CriticVariant.GP)
                : TinyWgan.config2d(CriticVariant.SN).withShape(List.of(16, 16), 8, 2, 2, 2, 3.0).withBatch(4, 1);
        Engine.getInstance(); // loads libtorch
        System.out.printf("mode %s, critic %s %s, batch %d, torch threads %d%n", mode, c.variant().id(), c.size(), c.batch(),
                ai.djl.pytorch.jni.JniUtils.getNumThreads());
        try (NDManager m = NDManager.newBaseManager()) {
            Critic critic = new Critic(c);
            critic.initialize(m, 1);
            Generator generator = new Generator(c);
            generator.initialize(m, 2);
            try (Player cp = new Player(WganStep.CRITIC, critic, OptimizerConfig.adam(Schedule.constant(4e-4), 0, 0.9), m);
                 Player gp = new Player(WganStep.GENERATOR, generator, OptimizerConfig.adam(Schedule.constant(2e-4), 0, 0.9), m)) {
                GpCriticUpdate fo = new GpCriticUpdate(c);
                GpCriticUpdate exact = new GpCriticUpdate(c.withGpRoute(GpRoute.EXACT));
                List<Double> tFo = new ArrayList<>(), tNone = new ArrayList<>(), tExact = new ArrayList<>();
                long[] shape = TinyWgan.batchShape(c, c.batch());
                for (int s = 0; s < steps; s++) {
                    String run = mode.equals("all") ? (s % 2 == 0 ? "fo" : "none") : mode;
                    try (NDManager scope = m.newSubManager(); NDScope arrays = new NDScope()) {
                        arrays.suppressNotUsedWarning();
                        SplittableRandom rnd = StepSeeds.random(3, s, StepSeeds.STEP);
                        NDArray real = TinyWgan.uniform(scope, rnd, shape);
                        NDArray fake = TinyWgan.uniform(scope, rnd, shape);
                        StepContext ctx = new StepContext(s, scope, rnd, List.of(cp, gp));
                        long t0 = System.nanoTime();
                        switch (run) {
                            case "fo" -> fo.update(ctx, 0, cp, gp, real, fake);
                            case "exact" -> exact.update(ctx, 0, cp, gp, real, fake);
                            case "none" -> noPenalty(cp, s, real, fake);
                            default -> throw new IllegalArgumentException("mode " + run);
                        }
                        double ms = (System.nanoTime() - t0) * 1e-6;
                        (run.equals("fo") ? tFo : run.equals("none") ? tNone : tExact).add(ms);
                    }
                    if ((s + 1) % every == 0) {
                        System.gc();
                        long rss = GradientPenaltyMemoryTest.nativeRssKb();
                        System.out.printf("step %6d  RSS outside heap %7d kB  arrays %d  median ms: fo %s none %s exact %s%n", s + 1, rss,
                                m.getManagedArrays().size(), median(tFo), median(tNone), median(tExact));
                    }
                }
            }
        }
    }

    /** The critic update without penalty: loss = mean D(fake) − mean D(real). */
    static Map<String, Double> noPenalty(Player critic, long step, NDArray real, NDArray fake) {
        critic.zeroGradients();
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray scores = critic.forward(new NDList(real.concat(fake, 0)), true).singletonOrThrow().reshape(-1);
            long n = real.getShape().get(0);
            gc.backward(scores.get(n + ":").mean().sub(scores.get("0:" + n).mean()));
        }
        critic.update(step);
        critic.zeroGradients();
        return Map.of();
    }

    private static String median(List<Double> t) {
        if (t.isEmpty()) {
            return "-";
        }
        double[] a = t.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return String.format("%.2f", a[a.length / 2]);
    }
}
