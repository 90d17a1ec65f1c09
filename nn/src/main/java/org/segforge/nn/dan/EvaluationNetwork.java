package org.segforge.nn.dan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.segforge.nn.layers.KaimingInit;

/**
 * DAN's evaluation network (EN): a small CNN classifier over (image, segmentation) pairs built
 * by {@link EnInput}. Input (N, channels, H, W), output (N, 1) logits of "annotated".
 *
 * <p>No normalisation layers: with batch statistics EN could tell a batch of annotated pairs from
 * a batch of unannotated ones by the batch alone, which is not what it should learn.
 */
public final class EvaluationNetwork extends AbstractBlock {
    private final EnConfig config;
    private final int inChannels;
    private final List<Conv2d> convs = new ArrayList<>();
    private final Linear head;

    public EvaluationNetwork(EnConfig config, int inChannels) {
        if (inChannels < 1) {
            throw new IllegalArgumentException("EN needs ≥ 1 input channel, got " + inChannels);
        }
        this.config = config;
        this.inChannels = inChannels;
        for (int b = 0; b < config.blocks(); b++) {
            convs.add(addChildBlock("conv" + b, Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(2, 2))
                    .optPadding(new Shape(1, 1)).setFilters(config.width(b)).build()));
        }
        head = addChildBlock("head", Linear.builder().setUnits(1).build());
    }

    public EnConfig config() {
        return config;
    }

    public int inChannels() {
        return inChannels;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = inputs.singletonOrThrow();
        if (h.getShape().dimension() != 4 || h.getShape().get(1) != inChannels) {
            throw new IllegalArgumentException("EN expects (N, " + inChannels + ", H, W), got " + h.getShape());
        }
        for (Conv2d c : convs) {
            h = Activation.leakyRelu(c.forward(ps, new NDList(h), training, params).singletonOrThrow(), (float) config.slope());
        }
        // global average pooling: (N, C, h, w) → (N, C)
        // (the engine's mean takes one axis only; sum takes several)
        h = h.sum(new int[] {2, 3}).div(h.getShape().get(2) * h.getShape().get(3));
        return head.forward(ps, new NDList(h), training, params);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        for (Conv2d c : convs) {
            c.initialize(manager, dataType, s);
            s = c.getOutputShapes(new Shape[] {s})[0];
        }
        head.initialize(manager, dataType, new Shape(s.get(0), s.get(1)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 1)};
    }

    /** Creates the parameters and draws them from {@code seed} (Kaiming normal, zero biases). */
    public void initialize(NDManager manager, long seed) {
        long side = 1L << config.blocks();
        initialize(manager, DataType.FLOAT32, new Shape(1, inChannels, side, side));
        SplittableRandom rng = new SplittableRandom(seed);
        for (Conv2d c : convs) {
            Parameter w = c.getParameters().get("weight");
            KaimingInit.normal(w, KaimingInit.convFanIn(w), rng);
            KaimingInit.constant(c.getParameters().get("bias"), 0f);
        }
        Parameter w = head.getParameters().get("weight");
        KaimingInit.normal(w, w.getArray().getShape().get(1), rng);
        KaimingInit.constant(head.getParameters().get("bias"), 0f);
    }
}
