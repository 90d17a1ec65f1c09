package org.segforge.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.SplittableRandom;

/**
 * Deterministic weight initialisation from an explicit random stream, independent of the engine's
 * global seed: He/Kaiming normal for weights (as nnU-Net's {@code InitWeights_He(1e-2)}, i.e.
 * {@code kaiming_normal_(w, a=0.01)} with fan-in), zeros for biases.
 */
public final class KaimingInit {
    /** The LeakyReLU slope nnU-Net initialises for. */
    public static final double NEGATIVE_SLOPE = 0.01;

    private KaimingInit() {}

    /** Fills {@code weight} with N(0, gain²/fanIn), gain = √(2/(1+a²)), a = {@link #NEGATIVE_SLOPE}. */
    public static void normal(Parameter weight, long fanIn, SplittableRandom rng) {
        if (fanIn < 1) {
            throw new IllegalArgumentException("fan-in must be positive, got " + fanIn);
        }
        NDArray a = weight.getArray();
        double std = Math.sqrt(2.0 / (1 + NEGATIVE_SLOPE * NEGATIVE_SLOPE)) / Math.sqrt(fanIn);
        float[] v = new float[Math.toIntExact(a.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (rng.nextGaussian() * std);
        }
        a.set(v);
    }

    /** Sets every value of an initialised parameter to {@code value}. */
    public static void constant(Parameter p, float value) {
        NDArray a = p.getArray();
        float[] v = new float[Math.toIntExact(a.size())];
        java.util.Arrays.fill(v, value);
        a.set(v);
    }

    /** Fan-in of a convolution weight (out, in, k…): in × Πk. */
    public static long convFanIn(Parameter weight) {
        long[] s = weight.getArray().getShape().getShape();
        long f = 1;
        for (int i = 1; i < s.length; i++) {
            f *= s[i];
        }
        return f;
    }
}
