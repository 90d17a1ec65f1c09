package org.segforge.nn.wgan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.segforge.nn.layers.KaimingInit;

/**
 * The M1 generator (METHODS.md): z (N, latent) → linear → reshape to the initial grid (the patch
 * size / 16) with 8·width channels → BatchNorm → ReLU → three blocks of (nearest ×2 → conv k3 →
 * BatchNorm → ReLU) with 4·, 2·, 1·width channels → nearest ×2 → conv k3 to 2 channels → tanh.
 * Output (N, 2, [D,] H, W) in (−1, 1): channel 0 the image, channel 1 the label.
 *
 * <p>The ReLU after the first BatchNorm is not in METHODS.md's sketch; it is the usual DCGAN-style
 * choice and keeps the first block's input non-negative like every later block's. Nearest
 * up-sampling is a repeat along each spatial axis (the engine has no transposed convolution and its
 * trilinear interpolation fails); BatchNorm's running statistics are non-trainable block parameters,
 * so checkpoints and saved models carry them.
 */
public final class Generator extends AbstractBlock {
    private final WganConfig config;
    private final Linear project;
    private final BatchNorm norm0;
    private final List<Convolution> convs = new ArrayList<>();
    private final List<BatchNorm> norms = new ArrayList<>();
    private final Convolution out;
    private final long[] grid; // (gz,) gy, gx

    public Generator(WganConfig config) {
        this.config = config;
        int dims = config.dims();
        grid = new long[dims];
        for (int a = 0; a < dims; a++) {
            // size is {x, y[, z]}; the tensor's spatial axes are ([z,] y, x)
            grid[a] = config.size().get(dims - 1 - a) >> WganConfig.UPSAMPLINGS;
        }
        long cells = 1;
        for (long g : grid) {
            cells *= g;
        }
        project = addChildBlock("project", Linear.builder().setUnits(config.generatorFilters(0) * cells).build());
        norm0 = addChildBlock("norm0", BatchNorm.builder().build());
        for (int level = 1; level <= 3; level++) {
            convs.add(addChildBlock("conv" + level, conv(dims, config.generatorFilters(level), true)));
            norms.add(addChildBlock("norm" + level, BatchNorm.builder().build()));
        }
        out = addChildBlock("out", conv(dims, WganConfig.CHANNELS, true));
    }

    private static Convolution conv(int dims, int filters, boolean bias) {
        return dims == 2
                ? Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(filters).optBias(bias).build()
                : Conv3d.builder().setKernelShape(new Shape(3, 3, 3)).optPadding(new Shape(1, 1, 1)).setFilters(filters).optBias(bias).build();
    }

    public WganConfig config() {
        return config;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray z = inputs.singletonOrThrow();
        if (z.getShape().dimension() != 2 || z.getShape().get(1) != config.latent()) {
            throw new IllegalArgumentException("generator expects (N, " + config.latent() + "), got " + z.getShape());
        }
        NDArray h = project.forward(ps, new NDList(z), training, params).singletonOrThrow();
        h = h.reshape(initialShape(z.getShape().get(0)));
        h = Activation.relu(norm0.forward(ps, new NDList(h), training, params).singletonOrThrow());
        for (int i = 0; i < convs.size(); i++) {
            h = convs.get(i).forward(ps, new NDList(upsample(h)), training, params).singletonOrThrow();
            h = Activation.relu(norms.get(i).forward(ps, new NDList(h), training, params).singletonOrThrow());
        }
        return new NDList(out.forward(ps, new NDList(upsample(h)), training, params).singletonOrThrow().tanh());
    }

    /** Nearest-neighbour ×2 on every spatial axis, as a repeat. */
    static NDArray upsample(NDArray x) {
        NDArray up = x;
        for (int a = 2; a < x.getShape().dimension(); a++) {
            up = up.repeat(a, 2);
        }
        return up;
    }

    private Shape initialShape(long n) {
        long[] s = new long[2 + grid.length];
        s[0] = n;
        s[1] = config.generatorFilters(0);
        System.arraycopy(grid, 0, s, 2, grid.length);
        return new Shape(s);
    }

    private static Shape doubled(Shape s, long channels) {
        long[] d = s.getShape().clone();
        d[1] = channels;
        for (int a = 2; a < d.length; a++) {
            d[a] *= 2;
        }
        return new Shape(d);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long n = inputShapes[0].get(0);
        project.initialize(manager, dataType, inputShapes[0]);
        Shape s = initialShape(n);
        norm0.initialize(manager, dataType, s);
        for (int i = 0; i < convs.size(); i++) {
            Shape up = doubled(s, s.get(1));
            convs.get(i).initialize(manager, dataType, up);
            s = convs.get(i).getOutputShapes(new Shape[] {up})[0];
            norms.get(i).initialize(manager, dataType, s);
        }
        out.initialize(manager, dataType, doubled(s, s.get(1)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long[] sample = config.sampleShape();
        long[] s = new long[sample.length + 1];
        s[0] = inputShapes[0].get(0);
        System.arraycopy(sample, 0, s, 1, sample.length);
        return new Shape[] {new Shape(s)};
    }

    /** Creates the parameters and draws the weights from {@code seed} (Kaiming normal, zero biases). */
    public void initialize(NDManager manager, long seed) {
        initialize(manager, DataType.FLOAT32, new Shape(1, config.latent()));
        SplittableRandom rng = new SplittableRandom(seed);
        Parameter pw = project.getParameters().get("weight");
        KaimingInit.normal(pw, config.latent(), rng);
        KaimingInit.constant(project.getParameters().get("bias"), 0f);
        List<Convolution> all = new ArrayList<>(convs);
        all.add(out);
        for (Convolution c : all) {
            Parameter w = c.getParameters().get("weight");
            KaimingInit.normal(w, KaimingInit.convFanIn(w), rng);
            KaimingInit.constant(c.getParameters().get("bias"), 0f);
        }
    }
}
