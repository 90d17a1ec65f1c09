package org.segforge.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.SplittableRandom;

/**
 * The U-Net's basic unit: convolution (k×k or k×k×k, "same" padding, with bias as in nnU-Net) →
 * {@link InstanceNorm} → LeakyReLU(0.01). A stride of 2 makes it nnU-Net's down-sampling conv.
 *
 * <p>Input (N, Cin, spatial…), output (N, filters, spatial/stride…); Cin is inferred at
 * initialisation.
 */
public final class ConvNormAct extends AbstractBlock {
    /** LeakyReLU slope used by nnU-Net. */
    public static final float NEGATIVE_SLOPE = 0.01f;

    private final int dims;
    private final int filters;
    private final int kernel;
    private final int stride;
    private final Convolution conv;
    private final InstanceNorm norm;

    /**
     * @param dims 2 or 3
     * @param filters output channels
     * @param kernel kernel size per axis (odd; 3 in the U-Net)
     * @param stride 1, or 2 to halve every spatial axis
     */
    public ConvNormAct(int dims, int filters, int kernel, int stride) {
        Dims.check(dims);
        if (filters < 1 || kernel < 1 || kernel % 2 == 0 || stride < 1) {
            throw new IllegalArgumentException("need filters ≥ 1, odd kernel ≥ 1, stride ≥ 1; got "
                    + filters + ", " + kernel + ", " + stride);
        }
        this.dims = dims;
        this.filters = filters;
        this.kernel = kernel;
        this.stride = stride;
        conv = addChildBlock("conv", Dims.conv(dims, filters, kernel, stride, true));
        norm = addChildBlock("norm", new InstanceNorm(filters));
    }

    /** A 3×3(×3) conv block with stride 1. */
    public static ConvNormAct of(int dims, int filters) {
        return new ConvNormAct(dims, filters, 3, 1);
    }

    public int filters() {
        return filters;
    }

    public int stride() {
        return stride;
    }

    /** The convolution (parameters "weight", "bias"). */
    public Convolution conv() {
        return conv;
    }

    /** The normalisation (parameters "gamma", "beta"). */
    public InstanceNorm norm() {
        return norm;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList y = conv.forward(ps, inputs, training, params);
        y = norm.forward(ps, y, training, params);
        NDArray a = Activation.leakyRelu(y.singletonOrThrow(), NEGATIVE_SLOPE);
        return new NDList(a);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv.initialize(manager, dataType, inputShapes);
        norm.initialize(manager, dataType, conv.getOutputShapes(inputShapes));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return conv.getOutputShapes(inputShapes);
    }

    /** Kaiming-normal conv weight, zero bias, γ = 1, β = 0, drawn from {@code rng}. */
    public void initialise(SplittableRandom rng) {
        Parameter w = conv.getParameters().get("weight");
        KaimingInit.normal(w, KaimingInit.convFanIn(w), rng);
        KaimingInit.constant(conv.getParameters().get("bias"), 0f);
        KaimingInit.constant(norm.getParameters().get("gamma"), 1f);
        KaimingInit.constant(norm.getParameters().get("beta"), 0f);
    }

    @Override
    public String toString() {
        return "ConvNormAct(" + dims + "D, " + filters + ", k" + kernel + ", s" + stride + ")";
    }
}
