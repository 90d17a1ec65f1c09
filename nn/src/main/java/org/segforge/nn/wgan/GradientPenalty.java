package org.segforge.nn.wgan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;

/**
 * The WGAN-GP penalty λ·E[(‖∇ₓD(x̂)‖ − 1)²] on interpolates x̂ = α·x_real + (1 − α)·x_fake, α ~ U(0, 1)
 * per sample (Gulrajani et al. 2017). Its parameter gradient needs ∂/∂θ of an input gradient, a
 * double backward, which the engine reaches only through {@code backward(createGraph = true)} — and
 * that leaks: each parameter's gradient then keeps a graph, the engine can only zero it in place
 * (the graph stays) and the next accumulation chains onto it (ARCHITECTURE.md, "The engine"). So
 * two routes:
 *
 * <ul>
 * <li><b>first-order</b> (the default, {@link #direction} + {@link #firstOrder}): g = ∇ₓD(x̂) by an
 *     ordinary backward, û = g/‖g‖ per sample, detached; h = (D(x̂ + εû) − D(x̂ − εû)) / 2ε, which
 *     is ‖g‖ up to O(ε²); penalty λ·mean((h − 1)²). Because û is the maximiser of ûᵀg, the
 *     θ-gradient of ûᵀ∇ₓD with û held fixed equals the θ-gradient of ‖∇ₓD‖ (envelope argument), so
 *     the parameter gradient matches the exact one up to O(ε²) and float32 rounding. Only ordinary
 *     backward passes: memory flat. Cost: one extra forward + backward for g and two extra forwards
 *     in the loss.</li>
 * <li><b>exact</b> ({@link #exact}): the double backward. Exact, but leaks memory every call; used
 *     by the tests as the reference.</li>
 * </ul>
 * ε = 1e-3 is where the first-order error is smallest in float32: larger steps cross LeakyReLU kinks,
 * smaller ones lose to rounding (measured in PyTorch, ARCHITECTURE.md; in this engine by
 * GradientPenaltyTest).
 */
public final class GradientPenalty {
    /** Guard against a zero input gradient when normalising it. */
    static final float NORM_EPS = 1e-12f;

    private GradientPenalty() {}

    /** The detached unit direction û (same shape as x̂) and ‖∇ₓD(x̂)‖ per sample (N). */
    public record Direction(NDArray unit, NDArray norm) {}

    /**
     * x̂ = α·real + (1 − α)·fake with one α per sample, shape (N) in [0, 1); detached from
     * both.
     */
    public static NDArray interpolate(NDArray real, NDArray fake, NDArray alpha) {
        Shape s = real.getShape();
        long[] b = new long[s.dimension()];
        java.util.Arrays.fill(b, 1);
        b[0] = s.get(0);
        NDArray a = alpha.reshape(new Shape(b));
        return real.stopGradient().mul(a).add(fake.stopGradient().mul(a.neg().add(1f))).stopGradient();
    }

    /**
     * ∇ₓD(x̂) by an ordinary backward in a collector of its own (call it before opening the step's
     * collector), and its direction. The backward also writes ∂D/∂θ into the critic's parameter
     * gradients: {@code clearParameterGradients} runs right after it so that nothing reaches the
     * critic's update.
     */
    public static Direction direction(CriticFunction critic, NDArray xhat, Runnable clearParameterGradients) {
        NDArray x = xhat.stopGradient().duplicate();
        x.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(critic.scores(x, false).sum());
        }
        clearParameterGradients.run();
        NDArray g = x.getGradient().stopGradient();
        NDArray norm = perSampleNorm(g);
        NDArray unit = g.div(broadcastable(norm.maximum(NORM_EPS), g.getShape())).stopGradient();
        return new Direction(unit, norm.stopGradient());
    }

    /**
     * The first-order penalty λ·mean((h − 1)²) with h = (D(x̂ + εû) − D(x̂ − εû)) / 2ε; call inside
     * the step's collector. Returns a scalar carrying the critic's parameter gradient.
     */
    public static NDArray firstOrder(CriticFunction critic, NDArray xhat, Direction d, double lambda, double eps) {
        NDArray step = d.unit().mul((float) eps);
        NDArray plus = critic.scores(xhat.add(step), false);
        NDArray minus = critic.scores(xhat.sub(step), false);
        NDArray h = plus.sub(minus).div((float) (2 * eps)).reshape(-1);
        return h.sub(1f).square().mean().mul((float) lambda);
    }

    /** h of the first-order route per sample (N), without gradient: the estimated ‖∇ₓD(x̂)‖. */
    public static NDArray centralDifference(CriticFunction critic, NDArray xhat, Direction d, double eps) {
        NDArray step = d.unit().mul((float) eps);
        NDArray plus = critic.scores(xhat.add(step), false);
        NDArray minus = critic.scores(xhat.sub(step), false);
        return plus.sub(minus).div((float) (2 * eps)).reshape(-1).stopGradient();
    }

    /**
     * The exact penalty λ·mean((‖∇ₓD(x̂)‖ − 1)²) through the engine's double backward; call inside a
     * collector, then backward the result. The inner backward leaves ∂D/∂θ (with a graph) in the
     * parameter gradients: {@code clearParameterGradients} zeroes them before returning, so that
     * the caller's backward adds exactly the penalty's gradient. <b>Leaks native memory on every
     * call</b> (see the class comment): for tests and reference values only.
     */
    public static NDArray exact(CriticFunction critic, NDArray xhat, double lambda, Runnable clearParameterGradients) {
        NDArray x = xhat.stopGradient().duplicate();
        x.setRequiresGradient(true);
        NDArray d = critic.scores(x, false).sum();
        JniUtils.backward((PtNDArray) d, (PtNDArray) d.onesLike(), true, true);
        clearParameterGradients.run();
        NDArray g = x.getGradient();
        return perSampleNorm(g).sub(1f).square().mean().mul((float) lambda);
    }

    /** The L2 norm of each sample of (N, …): shape (N). */
    static NDArray perSampleNorm(NDArray g) {
        int[] axes = new int[g.getShape().dimension() - 1];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i + 1;
        }
        return g.square().sum(axes).sqrt();
    }

    private static NDArray broadcastable(NDArray perSample, Shape like) {
        long[] b = new long[like.dimension()];
        java.util.Arrays.fill(b, 1);
        b[0] = like.get(0);
        return perSample.reshape(new Shape(b));
    }
}
