package org.segforge.nn.wgan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.ParameterStore;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.segforge.core.DataException;
import org.segforge.core.image.Affine;
import org.segforge.core.image.Volume;
import org.segforge.nn.train.Checkpoints;
import org.segforge.nn.train.OptimizerConfig;
import org.segforge.nn.train.Player;
import org.segforge.nn.train.Provenance;
import org.segforge.nn.train.Schedule;

/**
 * A trained M1 generator as a sampler of labelled pairs. {@link #load(Path)} reads a run folder
 * written by {@link WganTrainer} (the config from its provenance.json, the generator's weights and
 * BatchNorm running statistics from its newest checkpoint); {@link #sample(int, long)} draws pairs
 * as core {@link Volume}s.
 *
 * <p>Sampling runs the generator in inference mode (BatchNorm with running statistics, so a pair
 * does not depend on the others in its batch) with z ~ N(0, I) drawn from {@code SplittableRandom(seed)}:
 * the same seed gives the same pairs. The image channel is mapped from [−1, 1] to [0, 1]; the label
 * channel is mapped to [0, 1] and thresholded at the config's {@code labelThreshold} (0.35). Volumes
 * have the config's voxel size as spacing and the patch size as shape (nz = 1 for 2D).
 */
public final class WganModel implements AutoCloseable {
    /** Pairs generated per forward pass. */
    static final int CHUNK = 16;

    private final Generator generator;
    private final WganConfig config;
    private final NDManager owned; // null when the generator belongs to a trainer

    private WganModel(Generator generator, WganConfig config, NDManager owned) {
        this.generator = generator;
        this.config = config;
        this.owned = owned;
    }

    /** Wraps a generator (e.g. a trainer's, while it trains); closing the model does not close it. */
    public static WganModel of(Generator generator, WganConfig config) {
        return new WganModel(generator, config, null);
    }

    /**
     * Loads the generator of a run folder (its newest checkpoint).
     *
     * @throws DataException if the folder holds no provenance.json, no checkpoint, or a checkpoint
     *                       that does not fit the config
     */
    public static WganModel load(Path runDir) throws DataException {
        Provenance p = Provenance.read(runDir.resolve(Provenance.FILE));
        WganConfig config;
        try {
            config = p.config(WganConfig.class);
        } catch (IllegalArgumentException e) {
            throw new DataException(runDir.resolve(Provenance.FILE), "not a WGAN run: " + e.getMessage(), e);
        }
        Path checkpoint = new Checkpoints(runDir.resolve("checkpoints"), 1).latest()
                .orElseThrow(() -> new DataException(runDir, "holds no checkpoint of a WGAN run"));
        Path params = checkpoint.resolve(WganStep.GENERATOR + ".params");
        NDManager m = NDManager.newBaseManager();
        try {
            Generator g = new Generator(config);
            g.initialize(m, config.seed());
            // a player only to reuse its parameter reader; its optimiser state is never used
            try (Player reader = new Player(WganStep.GENERATOR, g, OptimizerConfig.adam(Schedule.constant(1e-3), 0, 0.9), m);
                 DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(params)))) {
                reader.loadParameters(in);
            }
            return new WganModel(g, config, m);
        } catch (IOException e) {
            m.close();
            throw new DataException(params, "cannot read the generator: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    public WganConfig config() {
        return config;
    }

    /** {@code n} pairs from noise drawn with {@code seed}; deterministic. */
    public List<SyntheticPair> sample(int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be ≥ 0, got " + n);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<SyntheticPair> out = new ArrayList<>(n);
        List<Integer> size = config.size();
        int nx = size.get(0), ny = size.get(1), nz = config.dims() == 3 ? size.get(2) : 1;
        int per = nx * ny * nz;
        double mm = config.voxelMm();
        Affine affine = Affine.scaling(mm, mm, mm);
        float threshold = (float) config.labelThreshold();
        ParameterStore ps = new ParameterStore(generatorManager(), false);
        for (int done = 0; done < n; done += CHUNK) {
            int k = Math.min(CHUNK, n - done);
            float[] values;
            try (NDManager scope = generatorManager().newSubManager(); NDScope arrays = new NDScope()) {
                arrays.suppressNotUsedWarning();
                NDArray z = WganStep.noise(scope, random, k, config.latent());
                values = generator.forward(ps, new NDList(z), false).singletonOrThrow().toFloatArray();
            }
            for (int i = 0; i < k; i++) {
                float[] img = new float[per];
                float[] lab = new float[per];
                int o = 2 * i * per;
                for (int v = 0; v < per; v++) {
                    img[v] = Math.min(1f, Math.max(0f, (values[o + v] + 1) / 2));
                    lab[v] = (values[o + per + v] + 1) / 2 > threshold ? 1f : 0f;
                }
                out.add(new SyntheticPair(new Volume(nx, ny, nz, img, affine), new Volume(nx, ny, nz, lab, affine)));
            }
        }
        return out;
    }

    private NDManager generatorManager() {
        return generator.getParameters().get(0).getValue().getArray().getManager();
    }

    @Override
    public void close() {
        if (owned != null) {
            owned.close();
        }
    }
}
