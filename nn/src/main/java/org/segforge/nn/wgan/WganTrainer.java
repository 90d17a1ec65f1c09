package org.segforge.nn.wgan;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.segforge.core.DataException;
import org.segforge.core.io.AtomicFiles;
import org.segforge.nn.data.Batcher;
import org.segforge.nn.train.Json;
import org.segforge.nn.train.LoopConfig;
import org.segforge.nn.train.OptimizerConfig;
import org.segforge.nn.train.Player;
import org.segforge.nn.train.Provenance;
import org.segforge.nn.train.Schedule;
import org.segforge.nn.train.TrainingListener;
import org.segforge.nn.train.TrainingLoop;

/**
 * Builds an M1 run: the {@link Generator} (weights from the config's seed) and the {@link Critic}
 * (seed + 1), one Adam optimiser each with the config's betas and learning rates (two time-scale),
 * and the shared {@link TrainingLoop} around a {@link WganStep} — so logs (log.jsonl / log.csv),
 * checkpoints, resume and provenance.json work as for every method.
 *
 * <p>Typical use (what {@code segforge wgan train} does):
 * <pre>{@code
 * WganConfig config = WganConfig.preset("cpu", CriticVariant.parse("gp")).withSeed(seed);
 * PatchPairs data = PatchPairs.colin27BrainMask(Path.of("data/demo/colin27"), config);
 * try (NDManager m = NDManager.newBaseManager(); WganTrainer t = new WganTrainer(config, m)) {
 *     TrainingLoop loop = t.loop(data, runDir, 200, List.of(progress));
 *     loop.resumeLatest().run();      // continues an interrupted run in runDir, else starts
 * }
 * WganModel model = WganModel.load(runDir);   // then model.sample(n, seed)
 * }</pre>
 * The run folder holds provenance.json (the config as JSON), wgan.json (config + {@link Precision}),
 * log.jsonl / log.csv (one row per step, metrics of {@link WganStep}) and checkpoints/step-N/ (both
 * players' parameters — spectral-norm u and BatchNorm running statistics included — and optimiser
 * state).
 *
 * <p>The DP variant needs another critic update: pass it to {@link #loop(PatchPairs, Path, int,
 * List, CriticUpdate)}. The networks live in the given manager; close the trainer (optimiser
 * state), then the manager.
 */
public final class WganTrainer implements AutoCloseable {
    /** The run folder's record of config and precision. */
    public static final String RUN_FILE = "wgan.json";

    private final WganConfig config;
    private final Generator generator;
    private final Critic critic;
    private final Player generatorPlayer;
    private final Player criticPlayer;
    private final Precision precision;

    public WganTrainer(WganConfig config, NDManager manager) {
        this.config = config;
        generator = new Generator(config);
        generator.initialize(manager, config.seed());
        critic = new Critic(config);
        critic.initialize(manager, config.seed() + 1);
        precision = Precision.resolve(config.variant(), manager.getDevice());
        criticPlayer = new Player(WganStep.CRITIC, critic,
                OptimizerConfig.adam(Schedule.constant(config.criticLr()), config.beta1(), config.beta2()), manager);
        generatorPlayer = new Player(WganStep.GENERATOR, generator,
                OptimizerConfig.adam(Schedule.constant(config.generatorLr()), config.beta1(), config.beta2()), manager);
    }

    public WganConfig config() {
        return config;
    }

    public Generator generator() {
        return generator;
    }

    public Critic critic() {
        return critic;
    }

    public Player criticPlayer() {
        return criticPlayer;
    }

    public Player generatorPlayer() {
        return generatorPlayer;
    }

    /** The critic's arithmetic on this device (mixed precision requested / granted). */
    public Precision precision() {
        return precision;
    }

    /** The generator as a sampler, sharing this trainer's weights (valid while the trainer is open). */
    public WganModel model() {
        return WganModel.of(generator, config);
    }

    /**
     * The training loop with the default critic update ({@link GpCriticUpdate}).
     *
     * @param checkpointEvery write a checkpoint every this many steps (0 = at the end only)
     */
    public TrainingLoop loop(PatchPairs data, Path outputDir, int checkpointEvery, List<TrainingListener> listeners) throws DataException {
        if (config.variant() == CriticVariant.DP) {
            throw new IllegalArgumentException("the DP variant needs its DP-SGD critic update: use loop(..., CriticUpdate)");
        }
        return loop(data, outputDir, checkpointEvery, listeners, new GpCriticUpdate(config));
    }

    /** The training loop with {@code criticUpdate} as the critic's rule (e.g. DP-SGD). */
    public TrainingLoop loop(PatchPairs data, Path outputDir, int checkpointEvery, List<TrainingListener> listeners,
                             CriticUpdate criticUpdate) throws DataException {
        LoopConfig loop = LoopConfig.of(config.steps(), config.seed(), outputDir.toString()).withCheckpointEvery(checkpointEvery, 2);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("config", config);
        run.put("precision", precision);
        run.put("data", data.fingerprint());
        AtomicFiles.writeString(outputDir.resolve(RUN_FILE), Json.write(run) + "\n");
        TrainingLoop.Builder b = TrainingLoop.builder().setStep(new WganStep(config, criticUpdate, precision))
                .setPlayers(criticPlayer, generatorPlayer)
                .setData(new Batcher(data.maker(), config.seed(), 2)).setConfig(loop)
                .optProvenance(Provenance.capture(config, config.seed(), data.fingerprint()));
        listeners.forEach(b::optListener);
        return b.build();
    }

    @Override
    public void close() {
        criticPlayer.close();
        generatorPlayer.close();
    }
}
