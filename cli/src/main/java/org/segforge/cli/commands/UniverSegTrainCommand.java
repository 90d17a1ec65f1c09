package org.segforge.cli.commands;

import ai.djl.ndarray.NDManager;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.segforge.cli.Home;
import org.segforge.nn.train.StepRecord;
import org.segforge.nn.train.TrainingListener;
import org.segforge.nn.train.TrainingResult;
import org.segforge.nn.train.ValidationRecord;
import org.segforge.nn.universeg.Colin27Tasks;
import org.segforge.nn.universeg.EpisodeMaker;
import org.segforge.nn.universeg.EpisodeTask;
import org.segforge.nn.universeg.InTaskAugmentation;
import org.segforge.nn.universeg.SyntheticTask;
import org.segforge.nn.universeg.UniverSegConfig;
import org.segforge.nn.universeg.UniverSegTrainConfig;
import org.segforge.nn.universeg.UniverSegTraining;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "universeg-train",
    header = "Trains UniverSeg (M5) on episodes of the bundled Colin27 tasks.", mixinStandardHelpOptions = true,
    description = {
        "Trains UniverSeg (in-context segmentation) on episodes from the bundled Colin27 tasks (every AAL",
        "region, the brain mask, lesion shapes painted into ch2, each on three axes) and synthetic",
        "random-shape tasks. The Brodmann areas are held out (validation: Dice with 8 support examples).",
        "Checkpoints go to --out; rerun the same command to resume."},
    footer = {"", "Example:", "  segforge universeg-train --steps 3000 --out runs/universeg-cpu"})
public final class UniverSegTrainCommand implements Callable<Integer> {
    @Option(names = "--preset", defaultValue = "cpu", description = "Network preset, cpu or paper. Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--size", paramLabel = "S", description = "Input side, overriding the preset's (a multiple of 8 for 4 levels).")
    Integer size;

    @Option(names = "--encoder", split = ",", paramLabel = "F",
        description = "Features per encoder level, overriding the preset's (e.g. 32,32,32,32); needs --decoder with one fewer.")
    List<Integer> encoder;

    @Option(names = "--decoder", split = ",", paramLabel = "F", description = "Features per decoder level, overriding the preset's.")
    List<Integer> decoder;

    @Option(names = "--steps", defaultValue = "3000", description = "Training steps. Default: ${DEFAULT-VALUE}.")
    long steps;

    @Option(names = "--max-support", defaultValue = "8", description = "Largest support set drawn in training. Default: ${DEFAULT-VALUE}.")
    int maxSupport;

    @Option(names = "--batch", defaultValue = "2", description = "Episodes per step. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--bce", defaultValue = "1", description = "Weight of a BCE term added to soft Dice (0 = pure soft Dice). Default: ${DEFAULT-VALUE}.")
    double bce;

    @Option(names = "--lr", defaultValue = "3e-4", description = "Adam learning rate. Default: ${DEFAULT-VALUE}.")
    double lr;

    @Option(names = "--warmup", defaultValue = "-1", description = "Learning-rate warm-up steps (default: min(100, steps / 10)).")
    long warmup;

    @Option(names = "--rotation", defaultValue = "20", description = "In-task augmentation: largest rotation, degrees. Default: ${DEFAULT-VALUE}.")
    double rotation;

    @Option(names = "--scale-min", defaultValue = "0.85", description = "In-task augmentation: smallest scale factor. Default: ${DEFAULT-VALUE}.")
    double scaleMin;

    @Option(names = "--scale-max", defaultValue = "1.2", description = "In-task augmentation: largest scale factor. Default: ${DEFAULT-VALUE}.")
    double scaleMax;

    @Option(names = "--spatial-probability", defaultValue = "0.5",
        description = "In-task augmentation: probability of the rotation and of the scaling (each). Default: ${DEFAULT-VALUE}.")
    double spatialProbability;

    @Option(names = "--support-gap", defaultValue = "0",
        description = "Largest gap (slices) between query and supports, drawn per episode in 0..G (0: supports from any slice). Default: ${DEFAULT-VALUE}.")
    int supportGap;

    @Option(names = "--family-weights", split = ",", paramLabel = "FAMILY=W",
        description = "How often each task family is drawn, e.g. aal=8,synthetic=1 (families not named: 1). Default: aal=4,synthetic=3,lesion=2,brainmask=1.")
    java.util.Map<String, Double> familyWeights;

    @Option(names = "--select-nearest", defaultValue = "0", paramLabel = "K",
        description = {"Train for support selection (segment --nearest): of each episode's n drawn examples keep only",
            "the k most similar to the query, k uniform in 1..K per step (0: keep all). Default: ${DEFAULT-VALUE}."})
    int selectNearest;

    @Option(names = "--init", paramLabel = "DIR",
        description = "Start from the weights of this model folder (same feature widths; the size may differ) instead of random ones; ignored when resuming.")
    Path init;

    @Option(names = "--seed", defaultValue = "1", description = "Seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--synthetic", defaultValue = "40", description = "Number of synthetic tasks. Default: ${DEFAULT-VALUE}.")
    int synthetic;

    @Option(names = "--min-pixels", defaultValue = "150", description = "Slices need this much foreground (native pixels). Default: ${DEFAULT-VALUE}.")
    int minPixels;

    @Option(names = "--checkpoint-every", defaultValue = "100", description = "Default: ${DEFAULT-VALUE}.")
    int checkpointEvery;

    @Option(names = "--validate-every", defaultValue = "200", description = "Default: ${DEFAULT-VALUE}.")
    int validateEvery;

    @Option(names = "--data", paramLabel = "DIR", description = "The demo data folder (default: the bundled data/demo).")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (logs, checkpoints, provenance).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        UniverSegConfig model = UniverSegConfig.preset(preset);
        if (encoder != null || decoder != null || size != null) {
            model = new UniverSegConfig(size != null ? size : model.size(), encoder != null ? encoder : model.encoder(),
                    decoder != null ? decoder : model.decoder(), model.maxSupport());
        }
        UniverSegTrainConfig c = new UniverSegTrainConfig(model, batch, maxSupport, steps, lr,
                warmup >= 0 ? warmup : Math.min(100, steps / 10), seed, minPixels, true, bce,
                new InTaskAugmentation(rotation, scaleMin, scaleMax, spatialProbability), supportGap,
                familyWeights == null ? EpisodeMaker.FAMILY_WEIGHTS : familyWeights, selectNearest);
        Path demo = data != null ? data : Home.demoData();
        Colin27Tasks colin = Colin27Tasks.load(demo, c.minPixels());
        List<EpisodeTask> train = new java.util.ArrayList<>(colin.of(Set.of("aal", "brainmask", "lesion")));
        for (int i = 0; i < synthetic; i++) {
            train.add(new SyntheticTask("synthetic/" + i));
        }
        List<EpisodeTask> held = colin.of(Colin27Tasks.HELD_OUT);
        err.printf(Locale.ROOT, "universeg-train: %d training tasks, %d held-out (brodmann) tasks, data %s%n",
                train.size(), held.size(), colin.fingerprint());
        try (NDManager m = NDManager.newBaseManager()) {
            UniverSegTraining.Run run = UniverSegTraining.build(c, train, held, colin.fingerprint(), out,
                    checkpointEvery, validateEvery, List.of(new Printer(err)), m, init);
            run.loop().resumeLatest();
            TrainingResult r = run.loop().run();
            err.printf(Locale.ROOT, "universeg-train: done at step %d, last checkpoint %s%n",
                    r.completedSteps(), r.lastCheckpoint());
            run.player().close();
        }
        return 0;
    }

    /** One line per 10 steps (mean loss, seconds per step) and per validation. */
    private static final class Printer implements TrainingListener {
        private final PrintWriter err;
        private double loss;
        private double seconds;
        private int count;

        Printer(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void onStep(StepRecord r) {
            loss += r.loss();
            seconds += r.seconds();
            if (++count == 10) {
                err.printf(Locale.ROOT, "step %d  loss %.4f  %.2f s/step%n", r.step() + 1, loss / count, seconds / count);
                err.flush();
                loss = 0;
                seconds = 0;
                count = 0;
            }
        }

        @Override
        public void onValidation(ValidationRecord v) {
            err.printf(Locale.ROOT, "validation after %d steps: %s%n", v.completedSteps(), v.metrics());
            err.flush();
        }
    }
}
