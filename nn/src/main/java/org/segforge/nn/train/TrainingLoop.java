package org.segforge.nn.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.segforge.core.DataException;
import org.segforge.nn.data.BatchSource;
import org.segforge.nn.data.BatchStream;
import org.segforge.nn.data.StepSeeds;

/**
 * The one training loop of every method: for each step, open a scope, take the step's batch,
 * reseed the engine from (seed, step), run the method's {@link TrainStep}, close the scope; log
 * the step's metrics, validate and checkpoint on schedule, and tell the listeners.
 *
 * <p>Memory: everything a step creates — batch, activations, gradient wrappers — lives in a
 * sub-manager and an {@link NDScope} closed when the step ends, so native memory stays flat over
 * any number of steps. Blocks must therefore be initialised before the loop runs.
 *
 * <p>Resume: {@link #resumeFrom(Path)} restores parameters and optimiser state and continues at
 * the checkpoint's step; because batches and all randomness are functions of (seed, step), the
 * continued run computes the same steps as an uninterrupted one.
 */
public final class TrainingLoop {
    private final TrainStep step;
    private final List<Player> players;
    private final BatchSource data;
    private final LoopConfig config;
    private final List<TrainingListener> listeners;
    private final Validator validator;
    private final Provenance provenance;
    private final Checkpoints checkpoints;
    private long firstStep;
    private boolean resumed;

    private TrainingLoop(Builder b) {
        step = b.step;
        players = List.copyOf(b.players);
        data = b.data;
        config = b.config;
        listeners = List.copyOf(b.listeners);
        validator = b.validator;
        provenance = b.provenance;
        checkpoints = new Checkpoints(outputDir().resolve("checkpoints"), config.keepCheckpoints());
    }

    public static Builder builder() {
        return new Builder();
    }

    public Path outputDir() {
        return Path.of(config.outputDir());
    }

    public Checkpoints checkpoints() {
        return checkpoints;
    }

    /** The step the next {@link #run()} starts at. */
    public long firstStep() {
        return firstStep;
    }

    /** Restores players from a checkpoint folder; the next {@link #run()} continues after it. */
    public TrainingLoop resumeFrom(Path checkpoint) throws DataException {
        Checkpoints.Meta meta = Checkpoints.meta(checkpoint);
        if (meta.loop() != null && meta.loop().seed() != config.seed()) {
            // another seed would draw other batches and noise: not a continuation of that run
            throw new DataException(checkpoint, "checkpoint was trained with seed " + meta.loop().seed()
                + ", this run has seed " + config.seed());
        }
        long s = Checkpoints.load(checkpoint, players);
        if (s > config.steps()) {
            throw new DataException(checkpoint, "checkpoint is at step " + s + ", beyond the run's " + config.steps() + " steps");
        }
        firstStep = s;
        resumed = true;
        return this;
    }

    /** Resumes from the newest checkpoint in the output folder, if there is one. */
    public TrainingLoop resumeLatest() throws DataException {
        Optional<Path> latest = checkpoints.latest();
        if (latest.isPresent()) {
            resumeFrom(latest.get());
        }
        return this;
    }

    /**
     * Runs from {@link #firstStep()} to the configured number of steps.
     *
     * @throws DataException if logs, checkpoints or provenance cannot be written, or a fresh run
     *                       would overwrite another run's checkpoints
     */
    public TrainingResult run() throws DataException {
        if (!resumed && checkpoints.latest().isPresent()) {
            throw new DataException(outputDir(), "already holds checkpoints of a run: resume from them or use an empty folder");
        }
        long t0 = System.nanoTime();
        List<StepRecord> records = new ArrayList<>();
        List<ValidationRecord> validations = new ArrayList<>();
        Path lastCheckpoint = null;
        if (provenance != null) {
            provenance.writeTo(outputDir());
        }
        for (TrainingListener l : listeners) {
            l.onStart(config, firstStep);
        }
        try (MetricsLog log = MetricsLog.open(outputDir(), firstStep);
             NDManager root = NDManager.newBaseManager();
             BatchStream batches = data.open(firstStep)) {
            for (long s = firstStep; s < config.steps(); s++) {
                long begin = System.nanoTime();
                Map<String, Double> metrics;
                // reseeding per step makes engine-side randomness (dropout, randn) a function of (seed, step)
                Engine.getInstance().setRandomSeed((int) StepSeeds.mix(config.seed() ^ StepSeeds.ENGINE, s));
                try (NDManager scope = root.newSubManager(); NDScope arrays = new NDScope()) {
                    arrays.suppressNotUsedWarning();
                    NDList batch = batches.next(scope);
                    StepContext ctx = new StepContext(s, scope, StepSeeds.random(config.seed(), s, StepSeeds.STEP), players);
                    metrics = step.run(ctx, batch);
                }
                StepRecord rec = new StepRecord(s, (System.nanoTime() - begin) * 1e-9, metrics);
                records.add(rec);
                long done = s + 1;
                if (done % config.logEvery() == 0 || done == config.steps()) {
                    log.step(rec);
                }
                for (TrainingListener l : listeners) {
                    l.onStep(rec);
                }
                if (validator != null && (done == config.steps() || config.validateEvery() > 0 && done % config.validateEvery() == 0)) {
                    ValidationRecord v = validate(root, done);
                    validations.add(v);
                    log.validation(v);
                    for (TrainingListener l : listeners) {
                        l.onValidation(v);
                    }
                }
                if (done == config.steps() || config.checkpointEvery() > 0 && done % config.checkpointEvery() == 0) {
                    log.flush(); // every row up to the checkpoint is on disk before it exists
                    lastCheckpoint = checkpoints.save(done, players, config, provenance);
                    for (TrainingListener l : listeners) {
                        l.onCheckpoint(done, lastCheckpoint);
                    }
                }
            }
        }
        long first = firstStep;
        firstStep = config.steps();
        resumed = true; // a second run() call continues (and does nothing more)
        TrainingResult result = new TrainingResult(first, config.steps(), records, validations, lastCheckpoint,
            (System.nanoTime() - t0) * 1e-9);
        for (TrainingListener l : listeners) {
            l.onEnd(result);
        }
        return result;
    }

    private ValidationRecord validate(NDManager root, long done) {
        try (NDManager scope = root.newSubManager(); NDScope arrays = new NDScope()) {
            arrays.suppressNotUsedWarning();
            return new ValidationRecord(done, validator.validate(done, scope));
        }
    }

    /** Builder: {@code setX} for what is required, {@code optX} for the rest; checked in build(). */
    public static final class Builder {
        private TrainStep step;
        private final List<Player> players = new ArrayList<>();
        private BatchSource data;
        private LoopConfig config;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private Validator validator;
        private Provenance provenance;

        public Builder setStep(TrainStep s) {
            step = s;
            return this;
        }

        public Builder setPlayers(Player... ps) {
            players.clear();
            players.addAll(List.of(ps));
            return this;
        }

        public Builder setData(BatchSource d) {
            data = d;
            return this;
        }

        public Builder setConfig(LoopConfig c) {
            config = c;
            return this;
        }

        public Builder optListener(TrainingListener l) {
            listeners.add(l);
            return this;
        }

        public Builder optValidator(Validator v) {
            validator = v;
            return this;
        }

        /** Written as provenance.json in the output folder and in every checkpoint. */
        public Builder optProvenance(Provenance p) {
            provenance = p;
            return this;
        }

        public TrainingLoop build() {
            if (step == null || data == null || config == null) {
                throw new IllegalArgumentException("a training loop needs a step, a batch source and a config");
            }
            if (players.isEmpty()) {
                throw new IllegalArgumentException("a training loop needs at least one player");
            }
            if (players.stream().map(Player::name).distinct().count() != players.size()) {
                throw new IllegalArgumentException("player names must be distinct");
            }
            return new TrainingLoop(this);
        }
    }
}
