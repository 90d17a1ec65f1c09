package org.segforge.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.SplittableRandom;

/**
 * ×2 up-sampling of every spatial axis with learned weights, without a transposed convolution
 * (the engine's {@code Conv2dTranspose} throws).
 *
 * <ul>
 *   <li>{@link Mode#TRANSPOSED} (default): a bias-free 1×1 conv to C·2^d channels, a pixel shuffle
 *       (reshape + transpose) and one bias per output channel. This is exactly a transposed conv with
 *       kernel 2 and stride 2: out[o, 2h+i, 2w+j] = Σ_c x[c, h, w]·W[c, o, i, j] + b[o], with the 1×1
 *       weight row o·4 + i·2 + j (2D; o·8 + i·4 + j·2 + k in 3D) holding W[·, o, i, j].</li>
 *   <li>{@link Mode#NEAREST}: nearest-neighbour ×2 then a 3×3(×3) conv with bias.</li>
 * </ul>
 * Input (N, Cin, spatial…), output (N, filters, 2·spatial…).
 */
public final class Upsample extends AbstractBlock {
    /** How the learned up-sampling is done. */
    public enum Mode { TRANSPOSED, NEAREST }

    private final int dims;
    private final int filters;
    private final Mode mode;
    private final Convolution conv;
    private final Parameter bias; // TRANSPOSED only

    public Upsample(int dims, int filters) {
        this(dims, filters, Mode.TRANSPOSED);
    }

    public Upsample(int dims, int filters, Mode mode) {
        Dims.check(dims);
        if (filters < 1) {
            throw new IllegalArgumentException("filters must be positive, got " + filters);
        }
        this.dims = dims;
        this.filters = filters;
        this.mode = mode;
        if (mode == Mode.TRANSPOSED) {
            conv = addChildBlock("conv", Dims.conv(dims, filters << dims, 1, 1, false));
            bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                    .optShape(new Shape(filters)).optInitializer(Initializer.ZEROS).build());
        } else {
            conv = addChildBlock("conv", Dims.conv(dims, filters, 3, 1, true));
            bias = null;
        }
    }

    public Mode mode() {
        return mode;
    }

    /** The 1×1 (TRANSPOSED) or 3×3 (NEAREST) convolution, e.g. to copy weights into it. */
    public Convolution conv() {
        return conv;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (mode == Mode.NEAREST) {
            NDArray up = x;
            for (int a = 2; a < 2 + dims; a++) {
                up = up.repeat(a, 2);
            }
            return conv.forward(ps, new NDList(up), training, params);
        }
        NDArray y = conv.forward(ps, inputs, training, params).singletonOrThrow();
        NDArray b = ps.getValue(bias, x.getDevice(), training);
        NDArray br = dims == 2 ? b.reshape(1, filters, 1, 1) : b.reshape(1, filters, 1, 1, 1);
        br.attach(x.getManager());
        return new NDList(pixelShuffle(y, dims, filters).add(br));
    }

    /**
     * (N, C·2^d, s₁…s_d) → (N, C, 2s₁…2s_d): the sub-pixel offsets stored along channels are moved
     * next to their spatial axis.
     */
    public static NDArray pixelShuffle(NDArray y, int dims, int channels) {
        Shape s = y.getShape();
        long n = s.get(0);
        if (s.get(1) != (long) channels << dims) {
            throw new IllegalArgumentException("pixel shuffle of " + s + " to " + channels + " channels");
        }
        if (dims == 2) {
            long h = s.get(2), w = s.get(3);
            return y.reshape(n, channels, 2, 2, h, w).transpose(0, 1, 4, 2, 5, 3).reshape(n, channels, 2 * h, 2 * w);
        }
        long d = s.get(2), h = s.get(3), w = s.get(4);
        return y.reshape(new Shape(n, channels, 2, 2, 2, d, h, w))
                .transpose(0, 1, 5, 2, 6, 3, 7, 4)
                .reshape(n, channels, 2 * d, 2 * h, 2 * w);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        conv.initialize(manager, dataType, mode == Mode.NEAREST ? new Shape[] {upShape(in, in.get(1))} : inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {upShape(inputShapes[0], filters)};
    }

    private Shape upShape(Shape in, long channels) {
        long[] s = in.getShape().clone();
        s[1] = channels;
        for (int a = 2; a < s.length; a++) {
            s[a] *= 2;
        }
        return new Shape(s);
    }

    /**
     * Kaiming-normal weights drawn from {@code rng}, zero bias. In TRANSPOSED mode the fan-in is that
     * torch computes for the equivalent ConvTranspose weight (Cin, C, 2…): C·2^d.
     */
    public void initialise(SplittableRandom rng) {
        Parameter w = conv.getParameters().get("weight");
        long fanIn = mode == Mode.TRANSPOSED ? (long) filters << dims : KaimingInit.convFanIn(w);
        KaimingInit.normal(w, fanIn, rng);
        KaimingInit.constant(mode == Mode.TRANSPOSED ? bias : conv.getParameters().get("bias"), 0f);
    }

    @Override
    public String toString() {
        return "Upsample(" + dims + "D, " + filters + ", " + mode + ")";
    }
}
