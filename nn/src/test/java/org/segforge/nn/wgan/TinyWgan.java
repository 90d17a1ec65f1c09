package org.segforge.nn.wgan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.List;
import java.util.SplittableRandom;

/** Tiny configurations and helpers shared by the WGAN tests. */
final class TinyWgan {
    private TinyWgan() {}

    /** 2D 16×16 pairs, critic of 2 blocks (4, 8 filters), generator width 2, latent 8, batch 4. */
    static WganConfig config2d(CriticVariant v) {
        return WganConfig.cpu2d(v).withShape(List.of(16, 16), 8, 2, 4, 2, 3.0).withBatch(4, 1).withSteps(10);
    }

    /** 3D 16×16×16 pairs, critic of 2 blocks (4, 8 filters), generator width 2, latent 8, batch 2. */
    static WganConfig config3d(CriticVariant v) {
        return WganConfig.cpu(v).withShape(List.of(16, 16, 16), 8, 2, 4, 2, 4.0).withBatch(2, 1).withSteps(10);
    }

    /** Uniform values in [−1, 1) of the given shape, from {@code rng}. */
    static NDArray uniform(NDManager m, SplittableRandom rng, long... shape) {
        Shape s = new Shape(shape);
        float[] v = new float[Math.toIntExact(s.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return m.create(v, s);
    }

    /** (n, C, spatial…) for a config. */
    static long[] batchShape(WganConfig c, long n) {
        long[] s = c.sampleShape();
        long[] b = new long[s.length + 1];
        b[0] = n;
        System.arraycopy(s, 0, b, 1, s.length);
        return b;
    }

    /** Every trainable parameter's gradient, concatenated in block order. */
    static double[] gradients(Block block) {
        List<Pair<String, Parameter>> ps = block.getParameters().stream().filter(p -> p.getValue().requiresGradient()).toList();
        int n = 0;
        for (Pair<String, Parameter> p : ps) {
            n += (int) p.getValue().getArray().size();
        }
        double[] out = new double[n];
        int k = 0;
        for (Pair<String, Parameter> p : ps) {
            for (float f : p.getValue().getArray().getGradient().toFloatArray()) {
                out[k++] = f;
            }
        }
        return out;
    }

    static double norm(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    static double relativeError(double[] a, double[] reference) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - reference[i];
        }
        return norm(d) / norm(reference);
    }
}
