package org.segforge.nn.privacy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.segforge.nn.train.Player;
import org.segforge.nn.train.StepContext;

/**
 * DP-SGD (Abadi et al. 2016) for one player, e.g. the WGAN critic: from a Poisson-sampled batch,
 * every example's gradient g_i over all the player's parameters is clipped to L2 norm C
 * (g_i·min(1, C/(‖g_i‖ + 10⁻⁶)), the guard Opacus uses), the clipped gradients are summed, Gaussian
 * noise N(0, σ²C²) is added to every coordinate, and the result is divided by the expected batch
 * size q·N. That private gradient replaces the player's gradients, and the player's own optimiser
 * (Adam, SGD …) takes its normal step — post-processing, which costs no privacy.
 *
 * <p>Per-example gradients are computed exactly, one backward pass per example ({@link
 * PerSampleGradient}); the cost is one batch-1 forward and backward per picked example instead of one
 * batched pass (measured in DpSgdTest's benchmark). The player must therefore not mix examples in
 * its forward pass: no batch normalisation (instance norm, spectral norm and plain convolutions are
 * fine) — otherwise one example's gradient depends on the others and clipping bounds nothing.
 *
 * <p>Randomness: the batch and the noise come from two generators split off the step's
 * {@link StepContext#random()}, so a step is a function of (seed, step) and a resumed run repeats it.
 * Noise is drawn on the host (java.util's Gaussian, in parallel chunks with their own split
 * generators), independent of the engine's generator and of the number of threads.
 *
 * <p>An empty batch still updates the player, with noise only: skipping it would reveal that nobody
 * was sampled. Not to be called inside a {@code GradientCollector}.
 */
public final class DpSgd {
    /** Added to the norm before dividing, as Opacus does, so a zero gradient is not divided by 0. */
    static final double NORM_GUARD = 1e-6;

    private final DpConfig config;

    public DpSgd(DpConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("DP-SGD needs a config");
        }
        this.config = config;
    }

    public DpConfig config() {
        return config;
    }

    /**
     * One private update of {@code player} with examples Poisson-sampled from {@code dataset}, which
     * holds the whole private dataset: every array's first dimension is {@link DpConfig#datasetSize()}.
     * This is the setting the accountant's guarantee is about. Then the player's optimiser steps with
     * the learning rate of {@code ctx.step()} and its gradients are zeroed.
     */
    public DpStepResult step(Player player, StepContext ctx, NDList dataset, PerSampleGradient gradient) {
        long n = rows(dataset);
        if (n != config.datasetSize()) {
            throw new IllegalArgumentException("the private dataset has " + n + " examples, the DP config says " + config.datasetSize());
        }
        SplittableRandom sampling = ctx.random().split();
        SplittableRandom noise = ctx.random().split();
        int[] picked = PoissonSampling.draw(sampling, config.datasetSize(), config.samplingRate());
        return update(player, ctx.step(), privateGradient(player, dataset, picked, gradient, noise));
    }

    /**
     * One private update from a batch the caller already Poisson-sampled with the config's rate (for
     * example a batch maker that draws indices with {@link PoissonSampling} and loads only those
     * examples); the first dimension of every array is the batch size, possibly 0.
     */
    public DpStepResult stepOnSampled(Player player, StepContext ctx, NDList sampled, PerSampleGradient gradient) {
        SplittableRandom noise = ctx.random().split();
        return update(player, ctx.step(), privateGradient(player, sampled, allRows(sampled), gradient, noise));
    }

    private static DpStepResult update(Player player, long step, DpStepResult r) {
        player.update(step);
        player.zeroGradients();
        return r;
    }

    /**
     * Writes the private gradient of the examples {@code rows} of {@code source} into the player's
     * parameter gradients, without updating: (Σ_i clip_C(g_i) + N(0, σ²C²·I)) / (q·N).
     *
     * @param source arrays whose first dimension indexes examples
     * @param rows   the picked examples
     * @param noise  the generator of the Gaussian noise
     */
    public DpStepResult privateGradient(Player player, NDList source, int[] rows, PerSampleGradient gradient,
                                        SplittableRandom noise) {
        if (player == null || source == null || rows == null || gradient == null || noise == null) {
            throw new IllegalArgumentException("DP-SGD needs a player, examples, rows, a per-sample gradient and a generator");
        }
        long available = rows(source);
        for (int r : rows) {
            if (r < 0 || r >= available) {
                throw new IllegalArgumentException("example " + r + " is outside the " + available + " given");
            }
        }
        List<NDArray> params = trainable(player);
        double clip = config.clipNorm();
        double[] norms = new double[rows.length];
        double lossSum = 0;
        int clipped = 0;
        double updateSq = 0;
        NDManager work = params.get(0).getManager().newSubManager();
        try (work) {
            NDArray[] sum = new NDArray[params.size()];
            for (int p = 0; p < sum.length; p++) {
                sum[p] = work.zeros(params.get(p).getShape(), DataType.FLOAT32, params.get(p).getDevice());
            }
            for (int k = 0; k < rows.length; k++) {
                // everything one example creates (its slice, activations, gradient views) dies here
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    player.zeroGradients();
                    lossSum += gradient.backward(example(source, rows[k]));
                    NDArray[] g = new NDArray[sum.length];
                    NDArray sq = null;
                    for (int p = 0; p < g.length; p++) {
                        g[p] = params.get(p).getGradient();
                        NDArray s = g[p].square().sum();
                        sq = sq == null ? s : sq.add(s);
                    }
                    double norm = Math.sqrt(sq.toType(DataType.FLOAT64, false).getDouble());
                    if (!Double.isFinite(norm)) {
                        throw new IllegalStateException("the gradient of example " + rows[k] + " is not finite (norm " + norm + ")");
                    }
                    norms[k] = norm;
                    double factor = Math.min(1, clip / (norm + NORM_GUARD));
                    if (factor < 1) {
                        clipped++;
                    }
                    for (int p = 0; p < g.length; p++) {
                        sum[p].addi(factor == 1 ? g[p] : g[p].mul((float) factor));
                    }
                }
            }
            defineGradients(params);
            player.zeroGradients();
            double std = config.noiseMultiplier() * clip;
            float scale = (float) (1 / config.expectedBatch());
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                for (int p = 0; p < sum.length; p++) {
                    if (std > 0) {
                        sum[p].addi(gaussian(work, sum[p], noise, std));
                    }
                    sum[p].muli(scale);
                    updateSq += sum[p].square().sum().toType(DataType.FLOAT64, false).getDouble();
                    params.get(p).getGradient().addi(sum[p]);
                }
            }
        }
        return new DpStepResult(rows.length, rows.length == 0 ? Double.NaN : lossSum / rows.length, norms,
            rows.length == 0 ? Double.NaN : clipped / (double) rows.length,
            config.noiseMultiplier() * clip, Math.sqrt(updateSq));
    }

    /**
     * Makes sure every parameter has a gradient tensor to write into. Until a backward pass has
     * reached a parameter, libtorch holds no gradient for it and the engine hands out a detached
     * zero array, so writing into it would be lost — the case for an empty batch, or for
     * parameters the loss does not use, which still must receive their noise. A backward pass of
     * Σ 0·θ creates them (zero) at the cost of one tiny pass.
     */
    private static void defineGradients(List<NDArray> params) {
        try (NDScope scope = new NDScope(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            scope.suppressNotUsedWarning();
            NDArray zero = null;
            for (NDArray p : params) {
                NDArray z = p.mul(0f).sum();
                zero = zero == null ? z : zero.add(z);
            }
            gc.backward(zero);
        }
    }

    /** Noise is drawn in chunks of this many values, each from its own split generator. */
    static final int NOISE_CHUNK = 1 << 16;

    /**
     * i.i.d. N(0, std²) in the shape of {@code like}, drawn on the host. A critic of the paper's size
     * has ~10⁷ parameters, so the draws run in parallel: the array is cut into chunks, each chunk
     * gets a generator split off {@code random} in order before any drawing starts, so the values do
     * not depend on the number of threads or their scheduling.
     */
    private static NDArray gaussian(NDManager manager, NDArray like, SplittableRandom random, double std) {
        float[] v = new float[Math.toIntExact(like.size())];
        int chunks = (v.length + NOISE_CHUNK - 1) / NOISE_CHUNK;
        SplittableRandom[] streams = new SplittableRandom[chunks];
        for (int c = 0; c < chunks; c++) {
            streams[c] = random.split();
        }
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int end = Math.min(v.length, (c + 1) * NOISE_CHUNK);
            for (int i = c * NOISE_CHUNK; i < end; i++) {
                v[i] = (float) (streams[c].nextGaussian() * std);
            }
        });
        return manager.create(v, like.getShape()).toDevice(like.getDevice(), false);
    }

    private static NDList example(NDList source, int row) {
        NDList one = new NDList(source.size());
        for (NDArray a : source) {
            one.add(a.get(new NDIndex("{}:{}", row, row + 1)));
        }
        return one;
    }

    private static List<NDArray> trainable(Player player) {
        List<NDArray> out = new ArrayList<>();
        for (Pair<String, Parameter> p : player.block().getParameters()) {
            if (p.getValue().requiresGradient()) {
                out.add(p.getValue().getArray());
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("player " + player.name() + " has no trainable parameters");
        }
        return out;
    }

    /** The shared first dimension of the arrays. */
    static long rows(NDList arrays) {
        if (arrays == null || arrays.isEmpty()) {
            throw new IllegalArgumentException("need at least one array of examples");
        }
        long n = -1;
        for (NDArray a : arrays) {
            if (a.getShape().dimension() == 0) {
                throw new IllegalArgumentException("example arrays need a first (example) dimension, got a scalar");
            }
            long r = a.getShape().get(0);
            if (n >= 0 && r != n) {
                throw new IllegalArgumentException("example arrays disagree on the number of examples: " + n + " vs " + r);
            }
            n = r;
        }
        return n;
    }

    private static int[] allRows(NDList arrays) {
        int n = Math.toIntExact(rows(arrays));
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return all;
    }
}
