package org.segforge.nn.wgan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The M1 critic: {@code criticBlocks} strided convolutions (k4 s2 p1), each followed by
 * LeakyReLU(0.2), then a linear layer to one unbounded score per sample. Input (N, 2, [D,] H, W) —
 * image and label channels in [−1, 1] — output (N, 1).
 *
 * <p>No normalisation layer: the gradient penalty constrains the gradient of each sample's score
 * with respect to that sample alone, which batch statistics would break. Variants with spectral
 * normalisation ({@link CriticVariant#spectralNorm()}) normalise every layer, the head included;
 * C-SN-MP has twice the filters ({@link WganConfig#criticFilters}).
 *
 * <p>The {@code training} flag of a forward only decides whether the spectral-norm power iteration
 * advances; the step runs exactly one such forward per critic update.
 */
public final class Critic extends AbstractBlock {
    /** LeakyReLU slope of the critic. */
    public static final double SLOPE = 0.2;

    private final WganConfig config;
    private final List<CriticLayer> convs = new ArrayList<>();
    private final CriticLayer head;

    public Critic(WganConfig config) {
        this.config = config;
        boolean sn = config.variant().spectralNorm();
        for (int b = 0; b < config.criticBlocks(); b++) {
            convs.add(addChildBlock("conv" + b, CriticLayer.conv(config.dims(), config.criticFilters(b), sn)));
        }
        head = addChildBlock("head", CriticLayer.linear(1, sn));
    }

    public WganConfig config() {
        return config;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = inputs.singletonOrThrow();
        for (CriticLayer c : convs) {
            h = Activation.leakyRelu(c.forward(ps, new NDList(h), training, params).singletonOrThrow(), (float) SLOPE);
        }
        return head.forward(ps, new NDList(h), training, params);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        for (CriticLayer c : convs) {
            c.initialize(manager, dataType, s);
            s = c.getOutputShapes(new Shape[] {s})[0];
        }
        head.initialize(manager, dataType, s);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 1)};
    }

    /** Creates the parameters for the config's patch size and draws them from {@code seed}. */
    public void initialize(NDManager manager, long seed) {
        long[] sample = config.sampleShape();
        long[] s = new long[sample.length + 1];
        s[0] = 1;
        System.arraycopy(sample, 0, s, 1, sample.length);
        initialize(manager, DataType.FLOAT32, new Shape(s));
        SplittableRandom rng = new SplittableRandom(seed);
        for (CriticLayer c : convs) {
            c.initialise(rng, SLOPE);
        }
        // the head is linear: gain 1
        head.initialise(rng, 1.0);
    }

    /** The layers in order (the convolutions, then the head), e.g. for tests of their weights. */
    List<CriticLayer> layers() {
        List<CriticLayer> all = new ArrayList<>(convs);
        all.add(head);
        return all;
    }
}
