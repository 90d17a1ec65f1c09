package org.segforge.nn.universeg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;

/**
 * UniverSeg (M5): f(x, S) → logits of a binary segmentation of the query x from a support set
 * S = {(xᵢ, yᵢ)} of any size n ≥ 1, built from a {@link UniverSegConfig}.
 *
 * <p>Inputs: query (B, 1, H, W), support images (B, n, 1, H, W), support labels (B, n, 1, H, W),
 * all in [0, 1], H and W multiples of 2^(levels−1). Output: logits (B, 1, H, W); the prediction is
 * sigmoid > 0.5. The support path starts from the two channels [xᵢ ‖ yᵢ].
 *
 * <p>Encoder: per level a {@link CrossBlock}, then 2×2 max-pooling of u and every vᵢ (not after
 * the last level). Decoder: nearest ×2 up-sampling of u and every vᵢ, concatenation with the
 * encoder's skip on both paths, a CrossBlock. The last decoder block's support output is not
 * computed (nothing reads it). Head: 1×1 conv on the query path.
 *
 * <p>Differences from the released reference, each deliberate: nearest rather than bilinear
 * up-sampling; a LeakyReLU after the cross convolution as the spec writes it; the reference's
 * unused last support conv (36 928 parameters at the paper size) is left out.
 */
public final class UniverSeg extends AbstractBlock {
    private final UniverSegConfig config;
    private final List<CrossBlock> encoder = new ArrayList<>();
    private final List<CrossBlock> decoder = new ArrayList<>();
    private final ConvOp head;

    public UniverSeg(UniverSegConfig config) {
        this.config = config;
        int levels = config.levels();
        int cu = 1, cv = 2;
        int[] skip = new int[levels];
        for (int l = 0; l < levels; l++) {
            int f = config.encoder().get(l);
            boolean last = levels == 1;
            encoder.add(addChildBlock("enc" + l, new CrossBlock(cu, cv, f, f, !last)));
            cu = f;
            cv = f;
            skip[l] = f;
        }
        for (int j = 0; j < levels - 1; j++) {
            int l = levels - 2 - j;
            int f = config.decoder().get(j);
            boolean last = j == levels - 2;
            decoder.add(addChildBlock("dec" + l, new CrossBlock(cu + skip[l], cv + skip[l], f, f, !last)));
            cu = f;
            cv = f;
        }
        head = addChildBlock("head", new ConvOp(cu, 1, 1, false));
    }

    public UniverSegConfig config() {
        return config;
    }

    /** Logits (B, 1, H, W) of the queries given their support sets. */
    public NDArray predictLogits(ParameterStore ps, NDArray query, NDArray supportImages, NDArray supportLabels, boolean training) {
        return forward(ps, new NDList(query, supportImages, supportLabels), training).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (inputs.size() != 3) {
            throw new IllegalArgumentException("UniverSeg takes (query, support images, support labels), got " + inputs.size() + " arrays");
        }
        NDArray x = inputs.get(0), si = inputs.get(1), sl = inputs.get(2);
        check(x.getShape(), si.getShape(), sl.getShape());
        NDArray u = x;
        NDArray v = si.concat(sl, 2);
        Deque<NDArray[]> skips = new ArrayDeque<>();
        int levels = config.levels();
        for (int l = 0; l < levels; l++) {
            NDList out = encoder.get(l).forward(ps, new NDList(u, v), training, params);
            release(training, l > 0 ? u : null, v);
            u = out.get(0);
            v = out.size() > 1 ? out.get(1) : null;
            if (l == levels - 1) {
                break;
            }
            skips.push(new NDArray[] {u, v});
            u = pool(u);
            v = pool(v);
        }
        for (CrossBlock block : decoder) {
            NDArray[] skip = skips.pop();
            NDArray uUp = up(u), vUp = up(v);
            release(training, u, v);
            NDArray uCat = uUp.concat(skip[0], 1);
            NDArray vCat = vUp.concat(skip[1], 2);
            release(training, uUp, vUp, skip[0], skip[1]);
            NDList out = block.forward(ps, new NDList(uCat, vCat), training, params);
            release(training, uCat, vCat);
            u = out.get(0);
            v = out.size() > 1 ? out.get(1) : null;
        }
        NDList logits = head.forward(ps, new NDList(u), training, params);
        release(training, u, v);
        return logits;
    }

    /** At inference, intermediate arrays are closed as soon as they are read: at n = 64 each is ~0.3 GB. */
    private static void release(boolean training, NDArray... arrays) {
        if (training) {
            return;
        }
        for (NDArray a : arrays) {
            if (a != null) {
                a.close();
            }
        }
    }

    private static NDArray pool(NDArray a) {
        Shape s = a.getShape();
        Shape two = new Shape(2, 2);
        if (s.dimension() == 4) {
            return Pool.maxPool2d(a, two, two, new Shape(0, 0), false);
        }
        long b = s.get(0), n = s.get(1), c = s.get(2), h = s.get(3), w = s.get(4);
        return Pool.maxPool2d(a.reshape(b * n, c, h, w), two, two, new Shape(0, 0), false).reshape(b, n, c, h / 2, w / 2);
    }

    private static NDArray up(NDArray a) {
        int d = a.getShape().dimension();
        return a.repeat(d - 2, 2).repeat(d - 1, 2);
    }

    private void check(Shape x, Shape si, Shape sl) {
        int div = 1 << (config.levels() - 1);
        boolean ok = x.dimension() == 4 && x.get(1) == 1 && si.dimension() == 5 && si.get(2) == 1 && si.equals(sl)
                && si.get(0) == x.get(0) && si.get(1) >= 1 && si.get(3) == x.get(2) && si.get(4) == x.get(3)
                && x.get(2) % div == 0 && x.get(3) % div == 0 && x.get(2) > 0 && x.get(3) > 0;
        if (!ok) {
            throw new IllegalArgumentException("UniverSeg needs query (B, 1, H, W), support images and labels (B, n, 1, H, W)"
                    + " with n ≥ 1 and H, W multiples of " + div + "; got " + x + ", " + si + ", " + sl);
        }
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape u = new Shape(1, 1, 1, 1);
        Shape v = new Shape(1, 1, 2, 1, 1);
        int levels = config.levels();
        int[] skip = new int[levels];
        for (int l = 0; l < levels; l++) {
            encoder.get(l).initialize(manager, dataType, u, v);
            int f = config.encoder().get(l);
            u = new Shape(1, f, 1, 1);
            v = new Shape(1, 1, f, 1, 1);
            skip[l] = f;
        }
        for (int j = 0; j < decoder.size(); j++) {
            int l = levels - 2 - j;
            decoder.get(j).initialize(manager, dataType, new Shape(1, u.get(1) + skip[l], 1, 1),
                    new Shape(1, 1, v.get(2) + skip[l], 1, 1));
            int f = config.decoder().get(j);
            u = new Shape(1, f, 1, 1);
            v = new Shape(1, 1, f, 1, 1);
        }
        head.initialize(manager, dataType, u);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {new Shape(x.get(0), 1, x.get(2), x.get(3))};
    }

    /** Creates the parameters and draws them from {@code seed} (Kaiming normal, zero biases). */
    public void initialize(NDManager manager, long seed) {
        int s = config.size();
        initialize(manager, DataType.FLOAT32, new Shape(1, 1, s, s), new Shape(1, 1, 1, s, s), new Shape(1, 1, 1, s, s));
        reinitialise(seed);
    }

    /** Redraws every parameter of an initialised network from {@code seed}. */
    public void reinitialise(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (CrossBlock b : encoder) {
            b.initialise(rng);
        }
        for (CrossBlock b : decoder) {
            b.initialise(rng);
        }
        head.initialise(rng);
    }

    /** Number of trainable values. */
    public long parameterCount() {
        long n = 0;
        for (var p : getParameters()) {
            n += p.getValue().getArray().size();
        }
        return n;
    }

    List<CrossBlock> encoderBlocks() {
        return encoder;
    }

    List<CrossBlock> decoderBlocks() {
        return decoder;
    }
}
