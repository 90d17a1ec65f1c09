package org.segforge.nn.universeg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.SplittableRandom;
import org.segforge.nn.layers.KaimingInit;

/**
 * CrossConv(u, V) = {Conv(u ‖ vᵢ)}ᵢ: one 3×3 convolution with shared weights over the channel
 * concatenation of the query features u with each support entry vᵢ (UniverSeg, Butoi et al. 2023).
 *
 * <p>The weight W (out, Cu + Cv, 3, 3) is that of the reference's single convolution, but the
 * forward pass never builds the concatenation: a convolution is linear in its input channels, so
 * Conv(u ‖ vᵢ) = Conv_{W[:, :Cu]}(u) + Conv_{W[:, Cu:]}(vᵢ) + b. The query term is computed
 * <em>once</em> per query instead of once per support entry, the support term as one batched
 * convolution over all B·n entries, and the two are broadcast-added. That saves the Cu/(Cu+Cv)
 * share of the cross convolution's work and the n-fold copy of u.
 *
 * <p>Inputs: u (B, Cu, H, W), V (B, n, Cv, H, W). Output (B, n, out, H, W), no activation. The
 * result is independent of the order of V's entries (each entry is treated alike, with the same
 * weights), so functions of it that reduce over n symmetrically are permutation invariant.
 */
public final class CrossConv extends AbstractBlock {
    private final int queryChannels;
    private final int supportChannels;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;

    public CrossConv(int queryChannels, int supportChannels, int out) {
        if (queryChannels < 1 || supportChannels < 1 || out < 1) {
            throw new IllegalArgumentException("channels must be positive, got " + queryChannels + ", "
                    + supportChannels + ", " + out);
        }
        this.queryChannels = queryChannels;
        this.supportChannels = supportChannels;
        this.out = out;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(out, queryChannels + supportChannels, 3, 3)).optInitializer(Initializer.ZEROS).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(out)).optInitializer(Initializer.ZEROS).build());
    }

    public int out() {
        return out;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray u = inputs.get(0);
        NDArray v = inputs.get(1);
        Shape us = u.getShape();
        Shape vs = v.getShape();
        if (us.dimension() != 4 || vs.dimension() != 5 || us.get(1) != queryChannels || vs.get(2) != supportChannels
                || us.get(0) != vs.get(0) || us.get(2) != vs.get(3) || us.get(3) != vs.get(4)) {
            throw new IllegalArgumentException("CrossConv(" + queryChannels + ", " + supportChannels
                    + ") needs u (B, " + queryChannels + ", H, W) and V (B, n, " + supportChannels + ", H, W), got " + us + " and " + vs);
        }
        long b = vs.get(0), n = vs.get(1), h = vs.get(3), w = vs.get(4);
        NDArray wAll = ps.getValue(weight, u.getDevice(), training);
        NDArray bias0 = ps.getValue(bias, u.getDevice(), training);
        NDArray wu = wAll.get(":, :" + queryChannels);
        NDArray wv = wAll.get(":, " + queryChannels + ":");
        Shape one = new Shape(1, 1);
        // query term once per query, bias folded in here (added once per output)
        NDArray qu = Conv2d.conv2d(u, wu, bias0, one, one).singletonOrThrow();
        // support term batched over all B·n entries, no bias
        NDArray sv = Conv2d.conv2d(v.reshape(b * n, supportChannels, h, w), wv, null, one, one).singletonOrThrow();
        NDArray z = sv.reshape(b, n, out, h, w).add(qu.expandDims(1));
        if (!training) {
            qu.close();
            sv.close();
        }
        return new NDList(z);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape v = inputShapes[1];
        return new Shape[] {new Shape(v.get(0), v.get(1), out, v.get(3), v.get(4))};
    }

    /** Kaiming-normal weight with the fan-in of the concatenated convolution, zero bias. */
    public void initialise(SplittableRandom rng) {
        KaimingInit.normal(weight, (long) (queryChannels + supportChannels) * 9, rng);
        KaimingInit.constant(bias, 0f);
    }

    /** The weight (out, Cu + Cv, 3, 3) of the equivalent concatenated convolution. */
    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    @Override
    public String toString() {
        return "CrossConv(" + queryChannels + " ‖ " + supportChannels + " → " + out + ")";
    }
}
