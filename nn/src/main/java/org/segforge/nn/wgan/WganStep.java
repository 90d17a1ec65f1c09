package org.segforge.nn.wgan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.segforge.nn.train.Player;
import org.segforge.nn.train.StepContext;
import org.segforge.nn.train.TrainStep;

/**
 * One M1 training step over the players "critic" and "generator": {@code criticSteps} critic
 * updates through the {@link CriticUpdate} hook, each on its own slice of real pairs and a fresh
 * batch of fakes, then one generator update on −mean D(G(z)) with the critic fixed. Gradients of
 * both players are cleared around every update, as the engine clears none by itself.
 *
 * <p>Batch: one array "real" (criticSteps·batch, 2, [D,] H, W) in [−1, 1] ({@link PatchPairs}).
 * Noise z ~ N(0, I) is drawn on the host from the step's generator, so a step is a function of
 * (seed, step). The generator runs in training mode throughout (batch statistics, running
 * statistics updated), as in the reference WGAN-GP code.
 *
 * <p>Metrics: the critic's "loss", "wasserstein", "gp", "inputGradNorm", "criticGradNorm" averaged
 * over the step's critic updates, "genLoss", "genGradNorm" of the generator update, and
 * "mixedPrecision" (1 only if the critic really ran with it, see {@link Precision}).
 */
public final class WganStep implements TrainStep {
    public static final String CRITIC = "critic";
    public static final String GENERATOR = "generator";

    private final WganConfig config;
    private final CriticUpdate criticUpdate;
    private final Precision precision;

    /** The default step: WGAN-GP critic updates ({@link GpCriticUpdate}). */
    public WganStep(WganConfig config, Precision precision) {
        this(config, new GpCriticUpdate(config), precision);
    }

    /** A step with another critic rule, e.g. DP-SGD for {@link CriticVariant#DP}. */
    public WganStep(WganConfig config, CriticUpdate criticUpdate, Precision precision) {
        if (config == null || criticUpdate == null || precision == null) {
            throw new IllegalArgumentException("config, critic update and precision must be given");
        }
        this.config = config;
        this.criticUpdate = criticUpdate;
        this.precision = precision;
    }

    @Override
    public Map<String, Double> run(StepContext ctx, NDList batch) {
        Player critic = ctx.player(CRITIC);
        Player generator = ctx.player(GENERATOR);
        NDArray real = batch.get(0);
        long b = config.batch();
        if (real.getShape().get(0) != b * config.criticSteps()) {
            throw new IllegalArgumentException("batch has " + real.getShape().get(0) + " real pairs, the step needs "
                    + config.criticSteps() + " × " + b);
        }
        Map<String, Double> sums = new LinkedHashMap<>();
        for (int k = 0; k < config.criticSteps(); k++) {
            NDArray slice = real.get(k * b + ":" + (k + 1) * b);
            NDArray fake = generator.forward(new NDList(noise(ctx.manager(), ctx.random(), b, config.latent())), true)
                    .singletonOrThrow().stopGradient();
            Map<String, Double> m = criticUpdate.update(ctx, k, critic, generator, slice, fake);
            m.forEach((key, v) -> sums.merge(key, v, Double::sum));
        }
        Map<String, Double> out = new LinkedHashMap<>();
        sums.forEach((key, v) -> out.put(key, v / config.criticSteps()));
        out.putAll(generatorUpdate(ctx, critic, generator));
        out.put("mixedPrecision", precision.active() ? 1.0 : 0.0);
        return out;
    }

    /** One generator update on −mean D(G(z)); the critic's gradients are discarded. */
    Map<String, Double> generatorUpdate(StepContext ctx, Player critic, Player generator) {
        NDArray z = noise(ctx.manager(), ctx.random(), config.batch(), config.latent());
        critic.zeroGradients();
        generator.zeroGradients();
        NDArray loss;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray fake = generator.forward(new NDList(z), true).singletonOrThrow();
            loss = critic.forward(new NDList(fake), false).singletonOrThrow().mean().neg();
            gc.backward(loss);
        }
        double norm = generator.update(ctx.step());
        critic.zeroGradients();
        generator.zeroGradients();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("genLoss", (double) loss.getFloat());
        m.put("genGradNorm", norm);
        return m;
    }

    /** z ~ N(0, I) of shape (n, latent), drawn from {@code random}. */
    public static NDArray noise(NDManager manager, SplittableRandom random, long n, int latent) {
        float[] z = new float[Math.toIntExact(n * latent)];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) random.nextGaussian();
        }
        return manager.create(z, new Shape(n, latent));
    }
}
