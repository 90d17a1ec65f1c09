package org.segforge.nn.wgan;

import java.util.List;
import java.util.Locale;
import org.segforge.core.DataException;
import org.segforge.nn.train.Json;

/**
 * Everything that defines an M1 WGAN run (METHODS.md M1, after Subramaniam et al., Medical Image
 * Analysis 2022): the patch size (2 or 3 values, which makes the run 2D or 3D), the two networks'
 * widths, the critic variant, the WGAN-GP hyper-parameters, the training data's voxel size and the
 * seed. JSON round trip through {@link #toJson()} / {@link #fromJson(String)}; named presets
 * {@link #paper}, {@link #cpu} and {@link #cpu2d}.
 *
 * <p>One training step (see {@link WganStep}) is {@code criticSteps} critic updates followed by one
 * generator update; {@code steps} counts these generator steps.
 *
 * @param size             patch size in voxels, {x, y} (2D) or {x, y, z} (3D); every value a multiple
 *                         of 16 (the generator doubles a grid four times) and of 2^criticBlocks
 * @param latent           length of the noise vector z ~ N(0, I) (128 in the paper)
 * @param generatorWidth   filters of the generator's last block; earlier blocks have 2×, 4× and
 *                         the initial grid 8× as many
 * @param criticWidth      filters of the critic's first strided conv, doubling per block (before the
 *                         variant's width factor)
 * @param criticBlocks     strided (k4 s2) convolutions of the critic
 * @param variant          critic variant
 * @param batch            pairs per critic update and per generator update
 * @param criticSteps      critic updates per generator update (n_critic). The paper preset keeps
 *                         WGAN-GP's 5 (Gulrajani et al. 2017, with the same Adam β = (0, 0.9)): the
 *                         Wasserstein estimate is only meaningful near the critic's optimum. The
 *                         cpu presets use 2: the two time-scale rule (critic lr 2× the generator's,
 *                         Heusel et al. 2017) already keeps the critic ahead, and a generator step
 *                         costs 2 instead of 5 critic updates — each ≈ 3× a plain critic update
 *                         with the first-order penalty — which is what a run of minutes on 2 cores
 *                         can afford
 * @param lambda           gradient-penalty weight (10)
 * @param gpRoute          how the penalty's gradient is computed (first-order by default)
 * @param gpEpsilon        step of the first-order route's central difference (1e-3, see
 *                         {@link GradientPenalty})
 * @param criticLr         critic's Adam learning rate (4e-4)
 * @param generatorLr      generator's Adam learning rate (2e-4)
 * @param beta1            Adam β₁ of both players (0)
 * @param beta2            Adam β₂ of both players (0.9)
 * @param steps            generator updates of the run
 * @param voxelMm          isotropic voxel size (mm) the training volumes are resampled to before
 *                         patches are cut
 * @param foregroundFraction share of training patches centred on a label voxel
 * @param labelThreshold   the generated label channel, mapped to [0, 1], is foreground above this
 *                         (METHODS.md: 0.3–0.4)
 * @param seed             initial weights, every step's draws
 */
public record WganConfig(List<Integer> size, int latent, int generatorWidth, int criticWidth, int criticBlocks,
                         CriticVariant variant, int batch, int criticSteps, double lambda, GpRoute gpRoute,
                         double gpEpsilon, double criticLr, double generatorLr, double beta1, double beta2, long steps,
                         double voxelMm, double foregroundFraction, double labelThreshold, long seed) {
    /** Image and label. */
    public static final int CHANNELS = 2;
    /** The generator doubles its initial grid this many times. */
    public static final int UPSAMPLINGS = 4;

    public WganConfig {
        if (size == null || size.size() != 2 && size.size() != 3) {
            throw new IllegalArgumentException("patch size needs 2 (2D) or 3 (3D) values, got " + size);
        }
        size = List.copyOf(size);
        int div = Math.max(1 << UPSAMPLINGS, 1 << Math.max(criticBlocks, 0));
        for (int s : size) {
            if (s < div || s % div != 0) {
                throw new IllegalArgumentException("patch size " + size + ": every value must be a positive multiple of " + div);
            }
        }
        if (latent < 1 || generatorWidth < 1 || criticWidth < 1 || criticBlocks < 1) {
            throw new IllegalArgumentException("latent, widths and critic blocks must be ≥ 1, got " + latent + ", "
                    + generatorWidth + ", " + criticWidth + ", " + criticBlocks);
        }
        if (variant == null || gpRoute == null) {
            throw new IllegalArgumentException("variant and gpRoute must be given");
        }
        if (batch < 1 || criticSteps < 1 || steps < 1) {
            throw new IllegalArgumentException("batch, criticSteps and steps must be ≥ 1, got " + batch + ", " + criticSteps + ", " + steps);
        }
        if (!(lambda >= 0) || !(gpEpsilon > 0) || !(criticLr > 0) || !(generatorLr > 0)) {
            throw new IllegalArgumentException("need lambda ≥ 0 and gpEpsilon, learning rates > 0");
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(voxelMm > 0) || !(foregroundFraction >= 0 && foregroundFraction <= 1) || !(labelThreshold > 0 && labelThreshold < 1)) {
            throw new IllegalArgumentException("need voxelMm > 0, foregroundFraction in [0, 1], labelThreshold in (0, 1)");
        }
    }

    /**
     * The paper's setting: 3D 128×128×64 patches at 1 mm, batch 4, generator 64…512 filters, critic
     * 4 blocks of 64…512, n_critic 5, 100 000 generator steps.
     */
    public static WganConfig paper(CriticVariant variant) {
        return new WganConfig(List.of(128, 128, 64), 128, 64, 64, 4, variant, 4, 5, 10, GpRoute.FIRST_ORDER, 1e-3,
                4e-4, 2e-4, 0, 0.9, 100_000, 1.0, 0.8, 0.35, 0);
    }

    /**
     * 3D on 2 cores: 32×32×16 patches of the volume resampled to 4 mm (so a patch spans
     * 128×128×64 mm, a recognisable piece of a brain), batch 8, generator 16…128 filters, critic 3
     * blocks of 16…64, n_critic 2, 3 000 generator steps.
     */
    public static WganConfig cpu(CriticVariant variant) {
        return new WganConfig(List.of(32, 32, 16), 128, 16, 16, 3, variant, 8, 2, 10, GpRoute.FIRST_ORDER, 1e-3,
                4e-4, 2e-4, 0, 0.9, 3000, 4.0, 0.8, 0.35, 0);
    }

    /**
     * 2D on 2 cores: 64×64 axial slices of the volume resampled to 3 mm (a whole slice), batch 16,
     * generator 16…128 filters, critic 3 blocks of 16…64, n_critic 2, 2 000 generator steps.
     */
    public static WganConfig cpu2d(CriticVariant variant) {
        return new WganConfig(List.of(64, 64), 128, 16, 16, 3, variant, 16, 2, 10, GpRoute.FIRST_ORDER, 1e-3,
                4e-4, 2e-4, 0, 0.9, 2000, 3.0, 0.8, 0.35, 0);
    }

    /** A named preset: paper, cpu or cpu2d. */
    public static WganConfig preset(String name, CriticVariant variant) {
        return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "paper" -> paper(variant);
            case "cpu" -> cpu(variant);
            case "cpu2d" -> cpu2d(variant);
            default -> throw new IllegalArgumentException("unknown WGAN preset '" + name + "'; use paper, cpu or cpu2d");
        };
    }

    /** 2 or 3. */
    public int dims() {
        return size.size();
    }

    /** The tensor shape of one sample without the batch axis: (C, [z,] y, x). */
    public long[] sampleShape() {
        return dims() == 2 ? new long[] {CHANNELS, size.get(1), size.get(0)}
                : new long[] {CHANNELS, size.get(2), size.get(1), size.get(0)};
    }

    /** Critic filters of block b, including the variant's width factor. */
    public int criticFilters(int b) {
        return criticWidth * variant.widthFactor() << b;
    }

    /** Generator filters at level 0 (the initial grid, 8× the width) … 3 (the last block, 1×). */
    public int generatorFilters(int level) {
        return generatorWidth << (3 - level);
    }

    public WganConfig withVariant(CriticVariant v) {
        return new WganConfig(size, latent, generatorWidth, criticWidth, criticBlocks, v, batch, criticSteps, lambda, gpRoute,
                gpEpsilon, criticLr, generatorLr, beta1, beta2, steps, voxelMm, foregroundFraction, labelThreshold, seed);
    }

    public WganConfig withSteps(long n) {
        return new WganConfig(size, latent, generatorWidth, criticWidth, criticBlocks, variant, batch, criticSteps, lambda, gpRoute,
                gpEpsilon, criticLr, generatorLr, beta1, beta2, n, voxelMm, foregroundFraction, labelThreshold, seed);
    }

    public WganConfig withSeed(long s) {
        return new WganConfig(size, latent, generatorWidth, criticWidth, criticBlocks, variant, batch, criticSteps, lambda, gpRoute,
                gpEpsilon, criticLr, generatorLr, beta1, beta2, steps, voxelMm, foregroundFraction, labelThreshold, s);
    }

    public WganConfig withBatch(int b, int nCritic) {
        return new WganConfig(size, latent, generatorWidth, criticWidth, criticBlocks, variant, b, nCritic, lambda, gpRoute,
                gpEpsilon, criticLr, generatorLr, beta1, beta2, steps, voxelMm, foregroundFraction, labelThreshold, seed);
    }

    /** The same run at another patch size, network widths and voxel size (e.g. a tiny test network). */
    public WganConfig withShape(List<Integer> newSize, int latentLength, int gWidth, int cWidth, int cBlocks, double mm) {
        return new WganConfig(newSize, latentLength, gWidth, cWidth, cBlocks, variant, batch, criticSteps, lambda, gpRoute,
                gpEpsilon, criticLr, generatorLr, beta1, beta2, steps, mm, foregroundFraction, labelThreshold, seed);
    }

    public WganConfig withGpRoute(GpRoute r) {
        return new WganConfig(size, latent, generatorWidth, criticWidth, criticBlocks, variant, batch, criticSteps, lambda, r,
                gpEpsilon, criticLr, generatorLr, beta1, beta2, steps, voxelMm, foregroundFraction, labelThreshold, seed);
    }

    public String toJson() {
        return Json.write(this);
    }

    /** Parses {@link #toJson()}'s form; anything missing or invalid is a {@link DataException}. */
    public static WganConfig fromJson(String json) throws DataException {
        try {
            return Json.read(json, WganConfig.class);
        } catch (IllegalArgumentException e) {
            throw new DataException(null, "invalid WGAN config: " + e.getMessage(), e);
        }
    }
}
