package org.segforge.nn.wgan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.segforge.nn.train.Player;
import org.segforge.nn.train.StepContext;

/**
 * The WGAN-GP critic update: loss = mean D(fake) − mean D(real) + λ·penalty on interpolates
 * (α ~ U(0, 1) per sample, drawn from the step's generator), then one optimiser update. The penalty
 * takes the route of the config ({@link GradientPenalty}). Exactly one forward per update runs with
 * training = true — the direction pass of the first-order route, or the forward over real and fake
 * of the exact one — so spectral norm's u advances once per update, before any of the update's
 * scores.
 *
 * <p>Metrics: "loss", "wasserstein" (mean D(real) − mean D(fake)), "gp" (the penalty, λ included),
 * "inputGradNorm" (mean ‖∇ₓD(x̂)‖ from the direction pass; first-order route only), "criticGradNorm"
 * (global norm of the parameter gradient before the update).
 */
public final class GpCriticUpdate implements CriticUpdate {
    private final WganConfig config;

    public GpCriticUpdate(WganConfig config) {
        this.config = config;
    }

    @Override
    public Map<String, Double> update(StepContext ctx, int index, Player critic, Player generator, NDArray real, NDArray fake) {
        long n = real.getShape().get(0);
        NDArray alpha = uniform(ctx.manager(), ctx.random(), n);
        Runnable clear = () -> {
            critic.zeroGradients();
            generator.zeroGradients();
        };
        clear.run();
        Loss l = backward(critic, real, fake, alpha, config, clear);
        double gradNorm = critic.update(ctx.step());
        clear.run();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", (double) l.loss().getFloat());
        m.put("wasserstein", (double) l.wasserstein().getFloat());
        m.put("gp", (double) l.gp().getFloat());
        if (l.direction() != null) {
            m.put("inputGradNorm", (double) l.direction().norm().mean().getFloat());
        }
        m.put("criticGradNorm", gradNorm);
        return m;
    }

    /**
     * The terms of one critic loss: the loss itself, mean D(real) − mean D(fake), the penalty (λ
     * included) and, for the first-order route, the input-gradient direction (else null).
     */
    record Loss(NDArray loss, NDArray wasserstein, NDArray gp, GradientPenalty.Direction direction) {}

    /**
     * The WGAN-GP critic loss mean D(fake) − mean D(real) + λ·penalty on x̂ = α·real + (1 − α)·fake,
     * backpropagated into the critic's (cleared) gradients without updating it: the batch loss of
     * this update and, called with one pair, the per-pair loss of DP-SGD ({@link DpCriticUpdate}).
     */
    static Loss backward(Player critic, NDArray real, NDArray fake, NDArray alpha, WganConfig config, Runnable clear) {
        long n = real.getShape().get(0);
        NDArray xhat = GradientPenalty.interpolate(real, fake, alpha);
        CriticFunction d = (x, training) -> critic.forward(new NDList(x), training).singletonOrThrow();
        boolean firstOrder = config.gpRoute() == GpRoute.FIRST_ORDER;
        // Spectral norm's u advances in the first forward of the update — the direction pass of the
        // first-order route — so that û is the input-gradient direction of exactly the critic
        // (same σ) that the loss and the penalty then evaluate.
        CriticFunction advancing = (x, training) -> critic.forward(new NDList(x), true).singletonOrThrow();
        GradientPenalty.Direction dir = firstOrder ? GradientPenalty.direction(advancing, xhat, clear) : null;
        NDArray loss, gp, wasserstein;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            // real and fake in one forward: no batch statistics in the critic, so they do not mix
            NDArray scores = d.scores(real.stopGradient().concat(fake.stopGradient(), 0), !firstOrder).reshape(-1);
            wasserstein = scores.get("0:" + n).mean().sub(scores.get(n + ":").mean());
            gp = firstOrder ? GradientPenalty.firstOrder(d, xhat, dir, config.lambda(), config.gpEpsilon())
                    : GradientPenalty.exact(d, xhat, config.lambda(), clear);
            loss = wasserstein.neg().add(gp);
            gc.backward(loss);
        }
        return new Loss(loss, wasserstein, gp, dir);
    }

    /** n draws of U(0, 1) from the step's generator, as a (n) array. */
    static NDArray uniform(NDManager manager, SplittableRandom random, long n) {
        float[] a = new float[Math.toIntExact(n)];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextDouble();
        }
        return manager.create(a);
    }
}
