package org.segforge.nn.seg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.segforge.nn.layers.ConvNormAct;
import org.segforge.nn.layers.KaimingInit;
import org.segforge.nn.layers.Upsample;

/**
 * The M0 U-Net as a DJL block, built from a {@link UNetConfig}: input (N, inChannels, spatial…)
 * → logits (N, classes, spatial…), spatial sizes multiples of {@link UNetConfig#sizeDivisor()}.
 *
 * <p>Encoder level l: [down] → ConvNormAct → ConvNormAct; decoder level l: Upsample to width(l) →
 * concatenate [up, skip] along channels (nnU-Net's order) → ConvNormAct → ConvNormAct; head: 1×1
 * conv with bias. No deep supervision.
 *
 * <p>Initialise with {@link #initialize(NDManager, long)}, which draws every weight from the given
 * seed (Kaiming normal as nnU-Net), so two networks built from the same config and seed are equal
 * without touching the engine's global random state.
 */
public final class UNet extends AbstractBlock {
    private final UNetConfig config;
    private final List<ConvNormAct[]> encoder = new ArrayList<>();
    private final List<Upsample> ups = new ArrayList<>();
    private final List<ConvNormAct[]> decoder = new ArrayList<>();
    private final Convolution head;

    public UNet(UNetConfig config) {
        this.config = config;
        int d = config.dims();
        boolean strided = config.down() == UNetConfig.Down.STRIDED_CONV;
        for (int l = 0; l < config.depth(); l++) {
            int w = config.width(l);
            ConvNormAct first = new ConvNormAct(d, w, 3, l > 0 && strided ? 2 : 1);
            encoder.add(new ConvNormAct[] {addChildBlock("enc" + l + "a", first), addChildBlock("enc" + l + "b", ConvNormAct.of(d, w))});
        }
        for (int l = config.depth() - 2; l >= 0; l--) {
            int w = config.width(l);
            ups.add(addChildBlock("up" + l, new Upsample(d, w, config.up())));
            decoder.add(new ConvNormAct[] {addChildBlock("dec" + l + "a", ConvNormAct.of(d, w)), addChildBlock("dec" + l + "b", ConvNormAct.of(d, w))});
        }
        Shape one = d == 2 ? new Shape(1, 1) : new Shape(1, 1, 1);
        head = addChildBlock("head", d == 2
                ? Conv2d.builder().setKernelShape(one).setFilters(config.classes()).build()
                : Conv3d.builder().setKernelShape(one).setFilters(config.classes()).build());
    }

    public UNetConfig config() {
        return config;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        checkInput(x.getShape());
        List<NDArray> skips = new ArrayList<>();
        NDArray h = x;
        for (int l = 0; l < config.depth(); l++) {
            if (l > 0 && config.down() == UNetConfig.Down.MAX_POOL) {
                h = config.dims() == 2
                        ? Pool.maxPool2d(h, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false)
                        : Pool.maxPool3d(h, new Shape(2, 2, 2), new Shape(2, 2, 2), new Shape(0, 0, 0), false);
            }
            for (ConvNormAct c : encoder.get(l)) {
                h = c.forward(ps, new NDList(h), training, params).singletonOrThrow();
            }
            skips.add(h);
        }
        for (int i = 0; i < ups.size(); i++) {
            int l = config.depth() - 2 - i;
            h = ups.get(i).forward(ps, new NDList(h), training, params).singletonOrThrow();
            h = h.concat(skips.get(l), 1);
            for (ConvNormAct c : decoder.get(i)) {
                h = c.forward(ps, new NDList(h), training, params).singletonOrThrow();
            }
        }
        return head.forward(ps, new NDList(h), training, params);
    }

    private void checkInput(Shape s) {
        int div = config.sizeDivisor();
        boolean ok = s.dimension() == config.dims() + 2 && s.get(1) == config.inChannels();
        for (int a = 2; ok && a < s.dimension(); a++) {
            ok = s.get(a) % div == 0 && s.get(a) > 0;
        }
        if (!ok) {
            throw new IllegalArgumentException("U-Net " + config.dims() + "D with " + config.inChannels()
                    + " input channels needs (N, " + config.inChannels() + ", spatial…) with spatial sizes multiples of "
                    + div + ", got " + s);
        }
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        checkInput(inputShapes[0]);
        Shape[] s = inputShapes;
        List<Shape[]> skipShapes = new ArrayList<>();
        for (int l = 0; l < config.depth(); l++) {
            if (l > 0 && config.down() == UNetConfig.Down.MAX_POOL) {
                s = new Shape[] {halved(s[0])};
            }
            for (ConvNormAct c : encoder.get(l)) {
                c.initialize(manager, dataType, s);
                s = c.getOutputShapes(s);
            }
            skipShapes.add(s);
        }
        for (int i = 0; i < ups.size(); i++) {
            int l = config.depth() - 2 - i;
            ups.get(i).initialize(manager, dataType, s);
            Shape u = ups.get(i).getOutputShapes(s)[0];
            Shape skip = skipShapes.get(l)[0];
            long[] cat = u.getShape().clone();
            cat[1] += skip.get(1);
            s = new Shape[] {new Shape(cat)};
            for (ConvNormAct c : decoder.get(i)) {
                c.initialize(manager, dataType, s);
                s = c.getOutputShapes(s);
            }
        }
        head.initialize(manager, dataType, s);
    }

    private static Shape halved(Shape s) {
        long[] v = s.getShape().clone();
        for (int a = 2; a < v.length; a++) {
            v[a] /= 2;
        }
        return new Shape(v);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long[] v = inputShapes[0].getShape().clone();
        v[1] = config.classes();
        return new Shape[] {new Shape(v)};
    }

    /**
     * Creates the parameters (for the smallest valid input) and fills them deterministically from
     * {@code seed}: Kaiming-normal weights (negative slope 0.01), zero biases, γ = 1, β = 0.
     */
    public void initialize(NDManager manager, long seed) {
        long[] shape = new long[config.dims() + 2];
        shape[0] = 1;
        shape[1] = config.inChannels();
        for (int a = 2; a < shape.length; a++) {
            shape[a] = config.sizeDivisor();
        }
        initialize(manager, DataType.FLOAT32, new Shape(shape));
        reinitialise(seed);
    }

    /** Redraws every parameter of an initialised network from {@code seed}. */
    public void reinitialise(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (ConvNormAct[] level : encoder) {
            for (ConvNormAct c : level) {
                c.initialise(rng);
            }
        }
        for (int i = 0; i < ups.size(); i++) {
            ups.get(i).initialise(rng);
            for (ConvNormAct c : decoder.get(i)) {
                c.initialise(rng);
            }
        }
        Parameter w = head.getParameters().get("weight");
        KaimingInit.normal(w, KaimingInit.convFanIn(w), rng);
        KaimingInit.constant(head.getParameters().get("bias"), 0f);
    }

    /** Number of trainable values. */
    public long parameterCount() {
        long n = 0;
        for (var p : getParameters()) {
            n += p.getValue().getArray().size();
        }
        return n;
    }
}
