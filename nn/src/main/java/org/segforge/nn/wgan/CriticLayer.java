package org.segforge.nn.wgan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.SplittableRandom;

/**
 * One layer of the critic — a strided convolution (kernel 4, stride 2, padding 1, so every spatial
 * size halves) or the linear head — optionally spectrally normalised ({@link SpectralNorm}). Its
 * own weights rather than DJL's Conv/Linear blocks, so that the weight can be divided by σ before
 * use and u lives beside it as a non-trainable parameter.
 */
final class CriticLayer extends AbstractBlock {
    static final int KERNEL = 4;

    private final int dims; // 2 or 3 for a convolution, 0 for the linear head
    private final int outputs;
    private final boolean spectralNorm;
    private final Parameter weight;
    private final Parameter bias;
    private final Parameter u;

    private CriticLayer(int dims, int outputs, boolean spectralNorm) {
        this.dims = dims;
        this.outputs = outputs;
        this.spectralNorm = spectralNorm;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optInitializer(Initializer.ZEROS).build()); // shape set in prepare, values drawn in initialise
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(outputs)).optInitializer(Initializer.ZEROS).build());
        u = spectralNorm ? addParameter(SpectralNorm.uParameter(outputs)) : null;
    }

    /** A k4 s2 p1 convolution to {@code filters} channels, 2D or 3D. */
    static CriticLayer conv(int dims, int filters, boolean spectralNorm) {
        if (dims != 2 && dims != 3) {
            throw new IllegalArgumentException("dims must be 2 or 3, got " + dims);
        }
        return new CriticLayer(dims, filters, spectralNorm);
    }

    /** A linear layer to {@code units} outputs over the flattened input. */
    static CriticLayer linear(int units, boolean spectralNorm) {
        return new CriticLayer(0, units, spectralNorm);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        NDArray b = ps.getValue(bias, x.getDevice(), training);
        if (spectralNorm) {
            NDArray uv = ps.getValue(u, x.getDevice(), training);
            w = SpectralNorm.normalise(w, uv, training);
        }
        if (dims == 0) {
            return Linear.linear(x.reshape(x.getShape().get(0), -1), w, b);
        }
        Shape s = dims == 2 ? new Shape(2, 2) : new Shape(2, 2, 2);
        Shape p = dims == 2 ? new Shape(1, 1) : new Shape(1, 1, 1);
        return dims == 2 ? Conv2d.conv2d(x, w, b, s, p) : Conv3d.conv3d(x, w, b, s, p);
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        if (dims == 0) {
            weight.setShape(new Shape(outputs, in.size() / in.get(0)));
        } else {
            weight.setShape(dims == 2 ? new Shape(outputs, in.get(1), KERNEL, KERNEL) : new Shape(outputs, in.get(1), KERNEL, KERNEL, KERNEL));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        if (dims == 0) {
            return new Shape[] {new Shape(in.get(0), outputs)};
        }
        long[] s = in.getShape().clone();
        s[1] = outputs;
        for (int a = 2; a < s.length; a++) {
            s[a] /= 2;
        }
        return new Shape[] {new Shape(s)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // no children
    }

    /**
     * Kaiming-normal weights for LeakyReLU(slope) with fan-in, zero bias, random unit u; all from
     * {@code rng}.
     */
    void initialise(SplittableRandom rng, double slope) {
        NDArray w = weight.getArray();
        long fanIn = w.getShape().size() / w.getShape().get(0);
        double std = Math.sqrt(2.0 / (1 + slope * slope)) / Math.sqrt(fanIn);
        float[] v = new float[Math.toIntExact(w.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (rng.nextGaussian() * std);
        }
        w.set(v);
        bias.getArray().set(new float[outputs]);
        if (u != null) {
            SpectralNorm.initialise(u, rng);
        }
    }

    Parameter weightParameter() {
        return weight;
    }

    Parameter uParameter() {
        return u;
    }

    @Override
    public String toString() {
        return (dims == 0 ? "Linear(" : "Conv" + dims + "d(k4 s2, ") + outputs + (spectralNorm ? ", SN)" : ")");
    }
}
