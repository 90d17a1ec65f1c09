package org.segforge.nn.seg;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.segforge.core.DataException;
import org.segforge.core.data.Case;
import org.segforge.core.data.Fingerprints;
import org.segforge.core.data.TaskSample;
import org.segforge.core.data.patch.LabelIndex;
import org.segforge.core.data.patch.Patch;
import org.segforge.core.data.patch.PatchSampler;
import org.segforge.core.image.Volume;
import org.segforge.core.metric.CaseMetrics;
import org.segforge.core.transform.AugmentPolicy;
import org.segforge.core.transform.Identity;
import org.segforge.core.transform.RandomTransform;
import org.segforge.core.transform.Sample;
import org.segforge.nn.data.BatchMaker;
import org.segforge.nn.data.Batcher;
import org.segforge.nn.data.HostArray;
import org.segforge.nn.data.HostBatch;
import org.segforge.nn.train.LoopConfig;
import org.segforge.nn.train.Player;
import org.segforge.nn.train.Provenance;
import org.segforge.nn.train.TrainStep;
import org.segforge.nn.train.TrainingListener;
import org.segforge.nn.train.TrainingLoop;
import org.segforge.nn.train.TrainingResult;
import org.segforge.nn.train.Validator;

/**
 * Supervised segmentation training (M0) on the shared engine: patches with foreground
 * oversampling and augmentation built on the {@link Batcher}'s background thread (a function of
 * (seed, step), so a resumed run sees the same batches), a U-Net trained on Dice + cross-entropy
 * ({@link SegLoss}) by one {@link Player}, mean foreground Dice on the validation cases by
 * sliding-window inference, checkpoints, and the model saved into the run folder at the end.
 *
 * <p>2D and 3D share one path: a 2D case is a volume with nz = 1. Augmentation is applied to the
 * whole 2D slice before the patch is cut (so rotations do not bring padding into the patch's
 * corners), and to the patch in 3D (augmenting a whole volume per patch would cost seconds).
 *
 * <p>The run folder receives provenance.json (config, seed, data fingerprint, code version),
 * log.jsonl / log.csv, validation.jsonl, checkpoints/, and finally {@link SegModel#WEIGHTS} and
 * {@link SegModel#CONFIG}.
 */
public final class SegTrainer {
    /** The one player's name, in checkpoints. */
    public static final String PLAYER = "unet";

    private final SegTrainingConfig config;
    private final List<TrainingListener> listeners = new ArrayList<>();

    public SegTrainer(SegTrainingConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        this.config = config;
    }

    /** Adds a listener (progress bar, plots) to the runs of this trainer. */
    public SegTrainer withListener(TrainingListener l) {
        listeners.add(l);
        return this;
    }

    public SegTrainingConfig config() {
        return config;
    }

    /** A trained model (close it) and what its training did. */
    public record Run(SegModel model, TrainingResult result) implements AutoCloseable {
        @Override
        public void close() {
            model.close();
        }
    }

    /** The slices of a task as cases (one channel per frame of the sample's image). */
    public static List<Case> cases(List<TaskSample> samples) {
        List<Case> out = new ArrayList<>(samples.size());
        for (TaskSample s : samples) {
            List<Volume> channels = new ArrayList<>();
            for (int t = 0; t < s.image().nt(); t++) {
                channels.add(s.image().frame(t));
            }
            out.add(new Case(s.id(), channels, s.label()));
        }
        return out;
    }

    /** A case's channels as one image with one frame per channel. */
    public static Volume image(Case c) {
        List<Volume> ch = c.channels();
        if (ch.size() == 1) {
            return ch.get(0);
        }
        Volume first = ch.get(0);
        int n = first.frameSize();
        float[] data = new float[n * ch.size()];
        for (int t = 0; t < ch.size(); t++) {
            System.arraycopy(ch.get(t).data(), 0, data, t * n, n);
        }
        return new Volume(first.nx(), first.ny(), first.nz(), ch.size(), data, first.affine());
    }

    /** A training case ready for the batch maker: normalised image, label, foreground index. */
    private record Prepared(Volume image, Volume label, LabelIndex index) {}

    private List<Prepared> prepare(List<Case> cases, String role) throws DataException {
        UNetConfig net = config.net();
        List<Prepared> out = new ArrayList<>(cases.size());
        for (Case c : cases) {
            check(c, role);
            Volume img = image(c);
            float[] data = new float[img.data().length];
            int n = img.frameSize();
            for (int t = 0; t < img.nt(); t++) {
                System.arraycopy(config.normalisation().apply(img.frame(t).data()), 0, data, t * n, n);
            }
            Volume normalised = img.withData(data);
            out.add(new Prepared(normalised, c.label(), LabelIndex.of(c.label())));
        }
        if (net.dims() == 2 && out.isEmpty()) {
            throw new DataException("no " + role + " cases");
        }
        return out;
    }

    private void check(Case c, String role) throws DataException {
        UNetConfig net = config.net();
        if (!c.isLabelled()) {
            throw new DataException(role + " case " + c.id() + " has no label");
        }
        if (c.numChannels() != net.inChannels()) {
            throw new DataException(role + " case " + c.id() + " has " + c.numChannels() + " channel(s), the network expects " + net.inChannels());
        }
        if (net.dims() == 2 && c.label().nz() != 1) {
            throw new DataException(role + " case " + c.id() + " is 3D (nz = " + c.label().nz() + "), the config trains a 2D U-Net");
        }
        for (float v : c.label().data()) {
            if (v < 0 || v > net.classes() - 1 || v != Math.rint(v)) {
                throw new DataException(role + " case " + c.id() + ": label value " + v + " is not a class index 0.." + (net.classes() - 1));
            }
        }
    }

    /**
     * Trains a fresh model, or continues the run's newest checkpoint when {@code resume} is set.
     *
     * @param training   labelled cases (2D: nz = 1), label values 0..classes−1
     * @param validation labelled cases for the Dice monitor, may be empty
     * @param runDir     the run folder (logs, checkpoints, provenance, model)
     * @throws DataException when a case does not fit the config, the folder already holds another
     *                       run (without resume), or files cannot be written
     */
    public Run train(List<Case> training, List<Case> validation, Path runDir, boolean resume) throws DataException {
        if (training.isEmpty()) {
            throw new DataException(runDir, "no training cases");
        }
        List<Prepared> train = prepare(training, "training");
        List<Case> val = List.copyOf(validation);
        for (Case c : val) {
            check(c, "validation");
        }
        String fingerprint = Fingerprints.ofCases(training);
        SegModel model = SegModel.initialise(config);
        boolean ok = false;
        try (Player player = new Player(PLAYER, model.net(), config.optimizerConfig(), model.manager())) {
            LoopConfig loop = new LoopConfig(config.steps(), config.seed(), 1, config.validateEvery(), config.checkpointEvery(), 2,
                runDir.toString());
            TrainingLoop.Builder b = TrainingLoop.builder()
                .setStep(step())
                .setPlayers(player)
                .setData(new Batcher(batchMaker(train), config.seed(), 2))
                .setConfig(loop)
                .optProvenance(Provenance.capture(config, config.seed(), fingerprint));
            if (!val.isEmpty()) {
                b.optValidator(validator(model, val));
            }
            listeners.forEach(b::optListener);
            TrainingLoop tl = b.build();
            if (resume) {
                tl.resumeLatest();
            }
            TrainingResult result = tl.run();
            model.save(runDir);
            ok = true;
            return new Run(model, result);
        } finally {
            if (!ok) {
                model.close();
            }
        }
    }

    /** Forward, Dice + CE, backward, one update; reports loss, gradient norm and learning rate. */
    private TrainStep step() {
        return (ctx, batch) -> {
            Player p = ctx.player(PLAYER);
            NDArray loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = p.forward(new NDList(batch.get(0)), true).singletonOrThrow();
                loss = SegLoss.loss(logits, batch.get(1));
                gc.backward(loss);
            }
            double norm = p.update(ctx.step());
            p.zeroGradients();
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("loss", (double) loss.getFloat());
            m.put("gradNorm", norm);
            m.put("lr", config.optimizerConfig().schedule().lr(ctx.step()));
            return m;
        };
    }

    /**
     * The batch of one step: {@code batchSize} patches, each from a case drawn uniformly, cut with
     * foreground oversampling and augmented; image (B, C, [z,] y, x) and label (B, [z,] y, x).
     */
    BatchMaker batchMaker(List<Prepared> cases) {
        int[] patch = config.patch();
        PatchSampler sampler = new PatchSampler(patch, config.foregroundFraction(), 0f);
        RandomTransform policy = AugmentPolicy.parse(config.augment());
        boolean augment = !(policy instanceof Identity);
        int channels = config.net().inChannels();
        int batch = config.batchSize();
        int voxels = 1;
        for (int p : patch) {
            voxels *= p;
        }
        final int size = voxels;
        long[] imageShape = new long[patch.length + 2];
        long[] labelShape = new long[patch.length + 1];
        imageShape[0] = batch;
        imageShape[1] = channels;
        labelShape[0] = batch;
        for (int a = 0; a < patch.length; a++) {
            // tensor axes run (…, z, y, x): x fastest, as a Volume's data
            imageShape[imageShape.length - 1 - a] = patch[a];
            labelShape[labelShape.length - 1 - a] = patch[a];
        }
        boolean twoD = config.dims() == 2;
        return (step, rng) -> {
            float[] x = new float[batch * channels * size];
            float[] y = new float[batch * size];
            for (int b = 0; b < batch; b++) {
                Prepared c = cases.get(rng.nextInt(cases.size()));
                Volume img, lab;
                if (twoD && augment) {
                    Sample s = policy.draw(rng).apply(Sample.of(c.image(), c.label()));
                    Patch p = sampler.sample(s.image(), s.label(), LabelIndex.of(s.label()), rng);
                    img = p.image();
                    lab = p.label();
                } else {
                    Patch p = sampler.sample(c.image(), c.label(), c.index(), rng);
                    Sample s = augment ? policy.draw(rng).apply(Sample.of(p.image(), p.label())) : Sample.of(p.image(), p.label());
                    img = s.image();
                    lab = s.label();
                }
                System.arraycopy(img.data(), 0, x, b * channels * size, channels * size);
                float[] l = lab.data();
                for (int i = 0; i < size; i++) {
                    // spatial transforms resample labels by nearest neighbour; rounding only guards float noise
                    y[b * size + i] = Math.round(l[i]);
                }
            }
            return new HostBatch(step, List.of(new HostArray("image", x, imageShape), new HostArray("label", y, labelShape)));
        };
    }

    /** Mean foreground Dice over the validation cases, by sliding windows with overlap 0.5. */
    private Validator validator(SegModel model, List<Case> val) {
        return (step, manager) -> {
            List<CaseMetrics> metrics = SegEvaluation.evaluate(model, val, false, 0.5, manager);
            return Map.of("dice", SegEvaluation.meanDice(metrics));
        };
    }

    /** Builds the batch of one step exactly as training would (for tests and inspection). */
    public HostBatch batch(List<Case> training, long step) throws DataException {
        return new Batcher(batchMaker(prepare(training, "training")), config.seed(), 0).make(step);
    }
}
