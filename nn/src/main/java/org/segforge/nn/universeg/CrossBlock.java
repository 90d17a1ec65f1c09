package org.segforge.nn.universeg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.SplittableRandom;

/**
 * CrossBlock(u, V) = (u′, V′) of the spec: zᵢ = A(CrossConv(u, vᵢ)); u′ = A(Conv(meanᵢ zᵢ)) (the
 * reference design's conv on the query path); vᵢ′ = A(Conv(zᵢ)); A = LeakyReLU(0.01), convs 3×3.
 * The mean over the support entries makes u′ invariant to their order, and V′ follows any
 * permutation of V.
 *
 * <p>Inputs u (B, Cu, H, W), V (B, n, Cv, H, W); outputs u′ (B, F, H, W), V′ (B, n, F, H, W)
 * (V′ omitted when built without support output).
 */
public final class CrossBlock extends AbstractBlock {
    private final int features;
    private final CrossConv cross;
    private final ConvOp query;
    private final ConvOp support; // null when the block's V′ is not used

    /** A block computing both u′ and V′. */
    public CrossBlock(int queryChannels, int supportChannels, int crossFeatures, int features) {
        this(queryChannels, supportChannels, crossFeatures, features, true);
    }

    /**
     * @param queryChannels   Cu
     * @param supportChannels Cv
     * @param crossFeatures   channels of zᵢ
     * @param features        channels of u′ and vᵢ′
     * @param supportOutput   false for the network's last block, whose V′ nothing reads: its
     *                        support conv is then neither built nor run (the reference builds and
     *                        runs it, then drops the result)
     */
    public CrossBlock(int queryChannels, int supportChannels, int crossFeatures, int features, boolean supportOutput) {
        this.features = features;
        cross = addChildBlock("cross", new CrossConv(queryChannels, supportChannels, crossFeatures));
        query = addChildBlock("query", new ConvOp(crossFeatures, features, 3, true));
        support = supportOutput ? addChildBlock("support", new ConvOp(crossFeatures, features, 3, true)) : null;
    }

    public int features() {
        return features;
    }

    public CrossConv cross() {
        return cross;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray zPre = cross.forward(ps, inputs, training, params).singletonOrThrow();
        NDArray z = ConvOp.LeakyRelu.apply(zPre);
        if (!training) {
            zPre.close();
        }
        Shape zs = z.getShape();
        long b = zs.get(0), n = zs.get(1), c = zs.get(2), h = zs.get(3), w = zs.get(4);
        NDArray mean = z.mean(new int[] {1});
        NDArray u2 = query.forward(ps, new NDList(mean), training, params).singletonOrThrow();
        if (!training) {
            mean.close();
        }
        if (support == null) {
            if (!training) {
                z.close();
            }
            return new NDList(u2);
        }
        NDArray v2 = support.forward(ps, new NDList(z.reshape(b * n, c, h, w)), training, params).singletonOrThrow();
        if (!training) {
            z.close();
        }
        return new NDList(u2, v2.reshape(b, n, features, h, w));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // every child has fixed parameter shapes; the input shapes only fix the (variable) batch
        cross.initialize(manager, dataType, inputShapes);
        query.initialize(manager, dataType, new Shape(1, 1, 1, 1));
        if (support != null) {
            support.initialize(manager, dataType, new Shape(1, 1, 1, 1));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape u = inputShapes[0], v = inputShapes[1];
        Shape u2 = new Shape(u.get(0), features, u.get(2), u.get(3));
        return support == null ? new Shape[] {u2}
                : new Shape[] {u2, new Shape(v.get(0), v.get(1), features, v.get(3), v.get(4))};
    }

    void initialise(SplittableRandom rng) {
        cross.initialise(rng);
        query.initialise(rng);
        if (support != null) {
            support.initialise(rng);
        }
    }

    ConvOp queryConv() {
        return query;
    }

    ConvOp supportConv() {
        return support;
    }
}
