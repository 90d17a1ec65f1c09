package org.segforge.nn.universeg;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.segforge.core.DataException;
import org.segforge.nn.data.Batcher;
import org.segforge.nn.data.HostBatch;
import org.segforge.nn.train.LoopConfig;
import org.segforge.nn.train.OptimizerConfig;
import org.segforge.nn.train.Player;
import org.segforge.nn.train.Provenance;
import org.segforge.nn.train.Schedule;
import org.segforge.nn.train.TrainStep;
import org.segforge.nn.train.TrainingListener;
import org.segforge.nn.train.TrainingLoop;
import org.segforge.nn.train.Validator;

/**
 * Episodic training of UniverSeg on the shared engine: one {@link TrainStep} (forward over the
 * step's episodes, soft Dice loss, Adam update), episodes from an {@link EpisodeMaker}, and the
 * {@link TrainingLoop} for logs, checkpoints and resume.
 */
public final class UniverSegTraining {
    /** The player's name, also the checkpoint's parameter file name. */
    public static final String PLAYER = "universeg";

    private UniverSegTraining() {}

    /**
     * Soft Dice loss of binary logits: 1 − mean over the batch of
     * (2·Σ p·y + 1) / (Σ p + Σ y + 1), p = sigmoid(logits), sums over each query's pixels.
     */
    public static NDArray softDiceLoss(NDArray logits, NDArray target) {
        long b = logits.getShape().get(0);
        NDArray p = ai.djl.nn.Activation.sigmoid(logits).reshape(b, -1);
        NDArray y = target.reshape(b, -1);
        NDArray inter = p.mul(y).sum(new int[] {1});
        NDArray dice = inter.mul(2).add(1).div(p.sum(new int[] {1}).add(y.sum(new int[] {1})).add(1));
        return dice.mean().neg().add(1);
    }

    /** Mean binary cross-entropy of logits x against 0/1 targets y: relu(x) − x·y + log(1 + e^−|x|). */
    public static NDArray bce(NDArray logits, NDArray target) {
        NDArray x = logits.reshape(-1), y = target.reshape(-1);
        return x.maximum(0f).sub(x.mul(y)).add(x.abs().neg().exp().add(1f).log()).mean();
    }

    /** The pure soft Dice step of the spec. */
    public static TrainStep step() {
        return step(0);
    }

    /** The step: forward the episodes, soft Dice loss (+ bceWeight · BCE), backward, update. */
    public static TrainStep step(double bceWeight) {
        return (ctx, batch) -> {
            Player p = ctx.players().get(0);
            NDArray loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = p.forward(new NDList(batch.get(0), batch.get(1), batch.get(2)), true).singletonOrThrow();
                loss = softDiceLoss(logits, batch.get(3));
                if (bceWeight > 0) {
                    loss = loss.add(bce(logits, batch.get(3)).mul((float) bceWeight));
                }
                gc.backward(loss);
            }
            double norm = p.update(ctx.step());
            p.zeroGradients();
            return Map.of("loss", (double) loss.getFloat(), "gradNorm", norm, "support", (double) batch.get(1).getShape().get(1));
        };
    }

    /** Adam with warm-up then cosine decay to a tenth, gradient norm clipped at 5. */
    public static OptimizerConfig optimizer(UniverSegTrainConfig c) {
        return OptimizerConfig.adam(Schedule.cosine(c.lr(), c.steps(), c.lr() / 10).withWarmup(c.warmup()), 0.9, 0.999)
                .withClipNorm(5);
    }

    /**
     * Mean hard Dice (sigmoid > 0.5) over fixed episodes of {@code tasks} with {@code support}
     * examples, no augmentation: "dice" in the validation log.
     */
    public static Validator validator(UniverSeg net, List<EpisodeTask> tasks, int support, int episodes, long seed) {
        EpisodeMaker maker = new EpisodeMaker(tasks, net.config().size(), episodes, support, false);
        // support drawn as exactly `support`: maxSupport = support and a generator whose first draw we fix
        HostBatch fixed = fixedSupport(maker, support, seed);
        return (done, scope) -> {
            NDList b = fixed.toNDList(scope);
            NDArray logits = net.forward(new ParameterStore(scope, false), new NDList(b.get(0), b.get(1), b.get(2)), false)
                    .singletonOrThrow();
            return Map.of("dice", meanDice(logits, b.get(3)));
        };
    }

    /** A batch of episodes with exactly {@code support} examples each. */
    static HostBatch fixedSupport(EpisodeMaker maker, int support, long seed) {
        for (long s = seed; ; s++) {
            SplittableRandom probe = new SplittableRandom(s);
            if (1 + probe.nextInt(maker.maxSupport()) == support) {
                return maker.make(0, new SplittableRandom(s));
            }
        }
    }

    /** Mean over the batch of the hard Dice of sigmoid(logits) > 0.5 (1 when both are empty). */
    public static double meanDice(NDArray logits, NDArray target) {
        float[] l = logits.toFloatArray(), t = target.toFloatArray();
        int b = (int) logits.getShape().get(0);
        int px = l.length / b;
        double sum = 0;
        for (int i = 0; i < b; i++) {
            sum += BinaryDice.of(l, 0f, t, i * px, (i + 1) * px);
        }
        return sum / b;
    }

    /**
     * Loads the weights of model folder {@code folder} into {@code player}'s network, which must
     * have the feature widths of {@code expected} (its input size may differ); returns the folder's provenance.
     */
    static Provenance loadWeights(Player player, UniverSegConfig expected, Path folder) throws DataException {
        Provenance prov;
        try (UniverSegModel m = UniverSegModel.load(folder)) {
            // the weights do not depend on the input size (the network is fully convolutional), only on the widths
            if (!m.config().encoder().equals(expected.encoder()) || !m.config().decoder().equals(expected.decoder())) {
                throw new DataException(folder, "network " + m.config() + " differs from the run's " + expected);
            }
            prov = m.provenance();
        }
        Path params = folder.resolve(UniverSegModel.PARAMS);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(params)))) {
            player.loadParameters(in);
        } catch (IOException e) {
            throw new DataException(params, "cannot read the weights: " + e.getMessage(), e);
        }
        return prov;
    }

    /** The parts of a run, built and initialised; close the manager after the loop ends. */
    public record Run(UniverSeg net, Player player, TrainingLoop loop) {}

    /**
     * Builds the network (initialised from the config's seed), its player and the loop over
     * episodes of {@code train}; validates every {@code validateEvery} steps on {@code validation}
     * (8 support examples, 16 episodes) if that is not empty.
     */
    public static Run build(UniverSegTrainConfig c, List<EpisodeTask> train, List<EpisodeTask> validation,
                            String dataFingerprint, Path out, int checkpointEvery, int validateEvery,
                            List<TrainingListener> listeners, NDManager manager) {
        try {
            return build(c, train, validation, dataFingerprint, out, checkpointEvery, validateEvery, listeners, manager, null);
        } catch (DataException e) {
            throw new IllegalStateException("unreachable without an initial model", e);
        }
    }

    /**
     * As {@link #build(UniverSegTrainConfig, List, List, String, Path, int, int, List, NDManager)},
     * but if {@code init} is not null the network starts from the weights of that model folder
     * (same network shape required; the optimiser and schedule start afresh) instead of random
     * ones; the folder and its provenance are recorded under "initialisedFrom". A checkpoint found
     * in {@code out} by {@code resumeLatest} still replaces those weights.
     *
     * @throws DataException if {@code init} is not a model folder of the same network shape
     */
    public static Run build(UniverSegTrainConfig c, List<EpisodeTask> train, List<EpisodeTask> validation,
                            String dataFingerprint, Path out, int checkpointEvery, int validateEvery,
                            List<TrainingListener> listeners, NDManager manager, Path init) throws DataException {
        UniverSeg net = new UniverSeg(c.model());
        net.initialize(manager, c.seed());
        Player player = new Player(PLAYER, net, optimizer(c), manager);
        Provenance initProvenance = init == null ? null : loadWeights(player, c.model(), init);
        EpisodeMaker maker = new EpisodeMaker(train, c.model().size(), c.batch(), c.maxSupport(), c.augment(), c.inTask(), c.supportGap(),
                c.familyWeights(), c.selectNearest());
        LoopConfig loop = LoopConfig.of(c.steps(), c.seed(), out.toString()).withLogEvery(10)
                .withCheckpointEvery(checkpointEvery, 2).withValidateEvery(validateEvery);
        Map<String, Object> provConfig = new LinkedHashMap<>();
        provConfig.put("training", c);
        provConfig.put("trainTasks", train.size());
        provConfig.put("validationTasks", validation.size());
        if (init != null) {
            Map<String, Object> from = new LinkedHashMap<>();
            from.put("folder", init.toString());
            from.put("provenance", initProvenance);
            provConfig.put("initialisedFrom", from);
        }
        TrainingLoop.Builder b = TrainingLoop.builder().setStep(step(c.bceWeight())).setPlayers(player)
                .setData(new Batcher(maker, c.seed(), 2)).setConfig(loop)
                .optProvenance(Provenance.capture(provConfig, c.seed(), dataFingerprint));
        listeners.forEach(b::optListener);
        if (!validation.isEmpty()) {
            b.optValidator(validator(net, validation, 8, 16, c.seed() + 1));
        }
        return new Run(net, player, b.build());
    }
}
