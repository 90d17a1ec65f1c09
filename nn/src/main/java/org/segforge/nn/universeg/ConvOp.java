package org.segforge.nn.universeg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.SplittableRandom;
import org.segforge.nn.layers.KaimingInit;

/**
 * A k×k convolution with bias and "same" padding, optionally followed by LeakyReLU(0.01): the
 * reference design's {@code ConvOp}. Its parameter shapes are fixed at construction (input
 * channels known), so it needs no input shape to initialise — the support size of UniverSeg
 * varies from call to call.
 *
 * <p>Input (N, in, H, W) → output (N, out, H, W).
 */
final class ConvOp extends AbstractBlock {
    private final int in;
    private final int out;
    private final int kernel;
    private final boolean activation;
    private final Parameter weight;
    private final Parameter bias;

    ConvOp(int in, int out, int kernel, boolean activation) {
        if (in < 1 || out < 1 || kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("need in, out ≥ 1 and an odd kernel, got " + in + ", " + out + ", " + kernel);
        }
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.activation = activation;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(out, in, kernel, kernel)).optInitializer(Initializer.ZEROS).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(out)).optInitializer(Initializer.ZEROS).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        NDArray b = ps.getValue(bias, x.getDevice(), training);
        int p = kernel / 2;
        NDArray y = Conv2d.conv2d(x, w, b, new Shape(1, 1), new Shape(p, p)).singletonOrThrow();
        if (activation) {
            NDArray a = LeakyRelu.apply(y);
            if (!training) {
                y.close();
            }
            y = a;
        }
        return new NDList(y);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), out, s.get(2), s.get(3))};
    }

    /** Kaiming-normal weight (fan-in in·k²), zero bias. */
    void initialise(SplittableRandom rng) {
        KaimingInit.normal(weight, (long) in * kernel * kernel, rng);
        KaimingInit.constant(bias, 0f);
    }

    Parameter weight() {
        return weight;
    }

    Parameter bias() {
        return bias;
    }

    @Override
    public String toString() {
        return "ConvOp(" + in + "→" + out + ", k" + kernel + (activation ? ", LeakyReLU" : "") + ")";
    }

    /** The nonlinearity A of the spec. */
    static final class LeakyRelu {
        static final float SLOPE = 0.01f;

        private LeakyRelu() {}

        static NDArray apply(NDArray x) {
            return Activation.leakyRelu(x, SLOPE);
        }
    }
}
