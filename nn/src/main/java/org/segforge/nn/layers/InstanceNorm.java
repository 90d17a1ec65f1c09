package org.segforge.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * Instance normalisation with a learned per-channel affine, as {@code torch.nn.InstanceNorm2d/3d(C,
 * affine=True)} in training mode (no running statistics, biased variance, eps inside the root).
 *
 * <p>DJL has no instance-norm block, so it is written from array ops that carry gradients:
 * y = γ·(x − μ)/√(σ² + ε) + β with μ, σ² the mean and biased variance of each sample's channel
 * (see {@link #instanceNormComposed} for the op-by-op definition, and {@link #instanceNorm} for the
 * faster route through the batch-norm kernel). Works for 4D (NCHW) and 5D (NCDHW) input.
 */
public final class InstanceNorm extends AbstractBlock {
    /** torch's default. */
    public static final float DEFAULT_EPS = 1e-5f;

    private final int channels;
    private final float eps;
    private final Parameter gamma;
    private final Parameter beta;

    /** Instance norm over {@code channels} channels with eps 1e-5. */
    public InstanceNorm(int channels) {
        this(channels, DEFAULT_EPS);
    }

    public InstanceNorm(int channels, float eps) {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be positive, got " + channels);
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException("eps must be positive, got " + eps);
        }
        this.channels = channels;
        this.eps = eps;
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA)
                .optShape(new Shape(channels)).optInitializer(Initializer.ONES).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA)
                .optShape(new Shape(channels)).optInitializer(Initializer.ZEROS).build());
    }

    public int channels() {
        return channels;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray g = ps.getValue(gamma, x.getDevice(), training);
        NDArray b = ps.getValue(beta, x.getDevice(), training);
        return new NDList(instanceNorm(x, g, b, eps));
    }

    /**
     * The functional form: {@code x} of shape (N, C, spatial…), {@code gamma}/{@code beta} of shape
     * (C). Every intermediate lives in {@code x}'s manager, so closing the caller's scope frees them.
     *
     * <p>Computed with the engine's batch-norm kernel on x viewed as one sample of N·C channels
     * (training mode, so each channel is normalised by its own statistics, and the throw-away running
     * statistics are never read), with γ and β tiled N times: the same numbers as
     * {@link #instanceNormComposed}, about twice as fast forward + backward on (8, 16, 128, 128).
     */
    public static NDArray instanceNorm(NDArray x, NDArray gamma, NDArray beta, float eps) {
        Shape s = check(x, gamma, beta);
        long n = s.get(0), c = s.get(1);
        NDManager scope = x.getManager();
        NDArray g = gamma.tile(n);
        NDArray b = beta.tile(n);
        g.attach(scope);
        b.attach(scope);
        NDArray runningMean = scope.zeros(new Shape(n * c));
        NDArray runningVar = scope.ones(new Shape(n * c));
        NDArray y = BatchNorm.batchNorm(x.reshape(1, n * c, -1), runningMean, runningVar, g, b, 1, 0.9f, eps, true)
                .singletonOrThrow();
        return y.reshape(s);
    }

    /**
     * The same normalisation spelled out in elementary ops (mean and biased variance over the
     * flattened spatial axis, then the affine); kept as the readable definition and cross-checked
     * against {@link #instanceNorm} in the tests.
     */
    public static NDArray instanceNormComposed(NDArray x, NDArray gamma, NDArray beta, float eps) {
        Shape s = check(x, gamma, beta);
        long n = s.get(0), c = s.get(1);
        NDArray flat = x.reshape(n, c, -1);
        NDArray mean = flat.mean(new int[] {2}, true);
        NDArray centred = flat.sub(mean);
        NDArray var = centred.square().mean(new int[] {2}, true);
        NDArray normed = centred.div(var.add(eps).sqrt());
        // γ and β live with the parameters; views of them are moved to x's scope so that they are
        // freed with the step, not kept until the model closes.
        NDArray g = gamma.reshape(1, c, 1);
        NDArray b = beta.reshape(1, c, 1);
        g.attach(x.getManager());
        b.attach(x.getManager());
        return normed.mul(g).add(b).reshape(s);
    }

    private static Shape check(NDArray x, NDArray gamma, NDArray beta) {
        Shape s = x.getShape();
        if (s.dimension() < 3) {
            throw new IllegalArgumentException("instance norm needs (N, C, spatial...), got " + s);
        }
        long c = s.get(1);
        if (gamma.getShape().size() != c || beta.getShape().size() != c) {
            throw new IllegalArgumentException("gamma/beta need " + c + " values, got " + gamma.getShape() + "/" + beta.getShape());
        }
        return s;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public String toString() {
        return "InstanceNorm(" + channels + ", eps=" + eps + ")";
    }
}
