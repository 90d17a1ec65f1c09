package org.segforge.nn.seg;

import java.util.List;
import java.util.Locale;
import org.segforge.core.DataException;
import org.segforge.core.data.patch.PatchSampler;
import org.segforge.core.transform.AugmentPolicy;
import org.segforge.nn.train.Json;
import org.segforge.nn.train.OptimizerConfig;
import org.segforge.nn.train.Schedule;

/**
 * Everything that defines a supervised segmentation run (M0), written as config.json next to the
 * model so that the run can be replayed.
 *
 * <p><b>Image size.</b> Training always works on patches of {@code patchSize} drawn by
 * {@link PatchSampler} (foreground-centred with probability {@code foregroundFraction}). For 2D
 * this means slices are <em>cropped or zero-padded</em> to the patch, never resized: resizing
 * would change the pixel spacing between training and inference, whereas sliding-window inference
 * covers an image of any size with patches of exactly the training size and spacing.
 *
 * @param preset             the preset the config started from ("cpu", "paper" or "custom"), for humans
 * @param net                the U-Net (its dims decide 2D or 3D training)
 * @param patchSize          {x, y} for 2D, {x, y, z} for 3D; multiples of the U-Net's size divisor
 * @param batchSize          patches per step
 * @param steps              optimisation steps of the run
 * @param optimizer          "sgd" (nnU-Net: Nesterov momentum 0.99, weight decay 3e-5, clip 12) or "adam"
 * @param learningRate       initial learning rate, decayed by nnU-Net's poly schedule (power 0.9) over the run
 * @param augment            augmentation policy name for {@link AugmentPolicy#parse} ("none", "stacked", …)
 * @param foregroundFraction share of patches centred on foreground (nnU-Net: 1/3)
 * @param normalisation      intensity normalisation per image, repeated at inference
 * @param seed               every random choice (initial weights, batches, augmentation) derives from it
 * @param validateEvery      validate every this many steps (0 = only at the end, when there is validation data)
 * @param checkpointEvery    write a checkpoint every this many steps (0 = only at the end)
 */
public record SegTrainingConfig(String preset, UNetConfig net, List<Integer> patchSize, int batchSize, long steps,
                                String optimizer, double learningRate, String augment, double foregroundFraction,
                                IntensityNormalisation normalisation, long seed, int validateEvery, int checkpointEvery) {
    public SegTrainingConfig {
        if (net == null || patchSize == null || optimizer == null || augment == null || normalisation == null) {
            throw new IllegalArgumentException("net, patchSize, optimizer, augment and normalisation are required");
        }
        preset = preset == null ? "custom" : preset;
        patchSize = List.copyOf(patchSize);
        if (patchSize.size() != net.dims()) {
            throw new IllegalArgumentException("a " + net.dims() + "D U-Net needs " + net.dims() + " patch sizes, got " + patchSize);
        }
        for (int p : patchSize) {
            if (p < 1 || p % net.sizeDivisor() != 0) {
                throw new IllegalArgumentException("patch sizes must be positive multiples of " + net.sizeDivisor()
                    + " (2^(depth-1)), got " + patchSize);
            }
        }
        if (batchSize < 1 || steps < 1) {
            throw new IllegalArgumentException("batch size and steps must be >= 1, got " + batchSize + ", " + steps);
        }
        optimizer = optimizer.toLowerCase(Locale.ROOT);
        if (!optimizer.equals("sgd") && !optimizer.equals("adam")) {
            throw new IllegalArgumentException("optimizer must be sgd or adam, got '" + optimizer + "'");
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        }
        AugmentPolicy.parse(augment); // fails early, naming the valid policies
        if (!(foregroundFraction >= 0 && foregroundFraction <= 1)) {
            throw new IllegalArgumentException("foreground fraction must be in [0, 1], got " + foregroundFraction);
        }
        if (validateEvery < 0 || checkpointEvery < 0) {
            throw new IllegalArgumentException("validateEvery and checkpointEvery must be >= 0");
        }
    }

    /**
     * Trains in minutes on 2 cores. 2D: cpu U-Net (width 16, depth 4), 128×128 patches, batch 8,
     * 300 steps, Adam 2e-3 — with so few steps Adam gets much further than nnU-Net's SGD, whose
     * momentum 0.99 needs thousands of steps to pay off. 3D: cpu U-Net (width 8, depth 3), 48³
     * patches, batch 2, 200 steps. No augmentation, z-score normalisation, a third foreground.
     */
    public static SegTrainingConfig cpu(int dims, int inChannels, int classes) {
        UNetConfig net = UNetConfig.cpu(dims, inChannels, classes);
        return dims == 2
            ? new SegTrainingConfig("cpu", net, List.of(128, 128), 8, 300, "adam", 2e-3, "none",
                PatchSampler.DEFAULT_FOREGROUND_FRACTION, IntensityNormalisation.Z_SCORE, 42, 0, 100)
            : new SegTrainingConfig("cpu", net, List.of(48, 48, 48), 2, 200, "adam", 2e-3, "none",
                PatchSampler.DEFAULT_FOREGROUND_FRACTION, IntensityNormalisation.Z_SCORE, 42, 0, 100);
    }

    /**
     * nnU-Net's defaults: paper U-Net, 2D 256×256 batch 12 / 3D 128³ batch 2, 1000 epochs of 250
     * steps, SGD Nesterov 0.99 lr 0.01 poly, the stacked augmentation.
     */
    public static SegTrainingConfig paper(int dims, int inChannels, int classes) {
        UNetConfig net = UNetConfig.paper(dims, inChannels, classes);
        List<Integer> patch = dims == 2 ? List.of(256, 256) : List.of(128, 128, 128);
        return new SegTrainingConfig("paper", net, patch, dims == 2 ? 12 : 2, 250_000, "sgd", 0.01, "stacked",
            PatchSampler.DEFAULT_FOREGROUND_FRACTION, IntensityNormalisation.Z_SCORE, 42, 5000, 5000);
    }

    /** A named preset, "cpu" or "paper". */
    public static SegTrainingConfig preset(String name, int dims, int inChannels, int classes) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "cpu" -> cpu(dims, inChannels, classes);
            case "paper" -> paper(dims, inChannels, classes);
            default -> throw new IllegalArgumentException("unknown training preset '" + name + "'; use cpu or paper");
        };
    }

    public int dims() {
        return net.dims();
    }

    /** The patch size as {x, y} or {x, y, z}. */
    public int[] patch() {
        return patchSize.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The optimiser over the whole run, with the poly schedule. */
    public OptimizerConfig optimizerConfig() {
        Schedule poly = Schedule.poly(learningRate, steps);
        return optimizer.equals("sgd")
            ? OptimizerConfig.sgd(poly, 0.99, true, 3e-5).withClipNorm(12)
            : OptimizerConfig.adam(poly, 0.9, 0.999).withClipNorm(12);
    }

    public SegTrainingConfig withSteps(long n) {
        return new SegTrainingConfig(preset, net, patchSize, batchSize, n, optimizer, learningRate, augment,
            foregroundFraction, normalisation, seed, validateEvery, checkpointEvery);
    }

    public SegTrainingConfig withSeed(long s) {
        return new SegTrainingConfig(preset, net, patchSize, batchSize, steps, optimizer, learningRate, augment,
            foregroundFraction, normalisation, s, validateEvery, checkpointEvery);
    }

    public SegTrainingConfig withAugment(String policy) {
        return new SegTrainingConfig(preset, net, patchSize, batchSize, steps, optimizer, learningRate, policy,
            foregroundFraction, normalisation, seed, validateEvery, checkpointEvery);
    }

    public SegTrainingConfig withNet(UNetConfig n) {
        return new SegTrainingConfig(preset, n, patchSize, batchSize, steps, optimizer, learningRate, augment,
            foregroundFraction, normalisation, seed, validateEvery, checkpointEvery);
    }

    public SegTrainingConfig withPatch(List<Integer> p, int batch) {
        return new SegTrainingConfig(preset, net, p, batch, steps, optimizer, learningRate, augment,
            foregroundFraction, normalisation, seed, validateEvery, checkpointEvery);
    }

    public SegTrainingConfig withOptimizer(String kind, double lr) {
        return new SegTrainingConfig(preset, net, patchSize, batchSize, steps, kind, lr, augment,
            foregroundFraction, normalisation, seed, validateEvery, checkpointEvery);
    }

    public SegTrainingConfig withIntervals(int validate, int checkpoint) {
        return new SegTrainingConfig(preset, net, patchSize, batchSize, steps, optimizer, learningRate, augment,
            foregroundFraction, normalisation, seed, validate, checkpoint);
    }

    public String toJson() {
        return Json.write(this);
    }

    /** Parses {@link #toJson()}'s form; a missing, unknown or invalid field is a {@link DataException}. */
    public static SegTrainingConfig fromJson(String json) throws DataException {
        try {
            return Json.read(json, SegTrainingConfig.class);
        } catch (IllegalArgumentException e) {
            throw new DataException(null, "invalid training config: " + e.getMessage(), e);
        }
    }
}
