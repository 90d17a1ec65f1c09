package org.segforge.cli.commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.segforge.cli.progress.TrainingProgress;
import org.segforge.cli.report.LossCurvePlot;
import org.segforge.core.DataException;
import org.segforge.core.data.Case;
import org.segforge.core.io.AtomicFiles;
import org.segforge.nn.seg.SegModel;
import org.segforge.nn.seg.SegTrainer;
import org.segforge.nn.seg.SegTrainingConfig;
import org.segforge.nn.train.MetricsLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train",
    header = "Trains a U-Net (M0, nnU-Net style) on a labelled dataset.", mixinStandardHelpOptions = true,
    description = {
        "Trains a U-Net segmentation model (nnU-Net style: Dice + cross-entropy, patches with a third centred",
        "on foreground, sliding-window validation) on a labelled dataset folder, and writes a run folder:",
        "model.params + config.json (the model, for 'segforge predict'), provenance.json (config, seed, data",
        "fingerprint, code version), log.jsonl/log.csv, checkpoints/ and loss-curve.png.",
        "DATA is an nnU-Net v2 / MSD folder (dataset.json, imagesTr/, labelsTr/) such as a task written by",
        "'segforge tasks --out', or a folder of image/label pairs (NAME + NAME_seg, or images/ + labels/).",
        "Single-slice cases (nz = 1) train a 2D U-Net on patches cropped or padded to the patch size (no",
        "resizing: inference covers any image size with patches of the training size); volumes train a 3D one."},
    footer = {"", "Examples:",
        "  segforge tasks --image ch2.nii.gz --labels brainmask.nii.gz --axis axial --out tasks/",
        "  segforge train --data tasks/brainmask/1/axial --out runs/brain --steps 300",
        "  segforge train --data tasks/brainmask/1/axial --out runs/brain --resume   (continue after a kill)",
        "  segforge predict --model runs/brain --in new-slices/ --out predictions/"})
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "DATASET", description = "Dataset folder (nnU-Net/MSD, task export or image/label pairs).")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "RUN_DIR", description = "Run folder to create (must be new or empty, unless --resume).")
    Path out;

    @Option(names = "--preset", defaultValue = "cpu", paramLabel = "cpu|paper",
        description = "Training preset: cpu (small U-Net, 128x128 or 48^3 patches, Adam, minutes on 2 cores) or paper "
            + "(nnU-Net sizes, SGD Nesterov 0.99 lr 0.01 poly, stacked augmentation). Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--config", paramLabel = "FILE.json", description = "A full training config (as config.json of a run); replaces --preset.")
    Path config;

    @Option(names = "--augment", paramLabel = "POLICY",
        description = "Augmentation: none, contrast, noise, rotation, scaling, flip, elastic, bias, blur, stacked, or a comma list. Default: the preset's.")
    String augment;

    @Option(names = "--steps", paramLabel = "N", description = "Optimisation steps. Default: the preset's (cpu: 300 in 2D).")
    Long steps;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of weights, batches and augmentation. Default: the preset's (42).")
    Long seed;

    @Option(names = "--val-cases", defaultValue = "0", paramLabel = "N",
        description = "Hold out the last N cases (by id) to report validation Dice during training. Default: ${DEFAULT-VALUE}.")
    int valCases;

    @Option(names = "--resume", description = "Continue the run in RUN_DIR from its newest checkpoint.")
    boolean resume;

    @Override
    public Integer call() throws Exception {
        TrainingData td = TrainingData.read(data);
        int channels = td.dataset().numChannels();
        SegTrainingConfig cfg = config != null ? readConfig(config) : SegTrainingConfig.preset(preset, td.dims(), channels, td.classNames().size());
        if (config == null && resume && Files.isRegularFile(out.resolve(SegModel.CONFIG))) {
            cfg = readConfig(out.resolve(SegModel.CONFIG));
        }
        if (augment != null) {
            cfg = cfg.withAugment(augment);
        }
        if (steps != null) {
            cfg = cfg.withSteps(steps);
        }
        if (seed != null) {
            cfg = cfg.withSeed(seed);
        }
        if (cfg.dims() != td.dims() || cfg.net().inChannels() != channels || cfg.net().classes() != td.classNames().size()) {
            throw new DataException(config != null ? config : data, String.format(Locale.ROOT,
                "the config trains a %dD U-Net with %d channel(s) and %d classes; the data needs %dD, %d channel(s), %d classes",
                cfg.dims(), cfg.net().inChannels(), cfg.net().classes(), td.dims(), channels, td.classNames().size()));
        }
        List<Case> all = new ArrayList<>(td.cases());
        all.sort(Comparator.comparing(Case::id));
        if (valCases < 0 || valCases >= all.size()) {
            throw new IllegalArgumentException("--val-cases must be in 0.." + (all.size() - 1) + " for " + all.size() + " cases, got " + valCases);
        }
        List<Case> val = all.subList(all.size() - valCases, all.size());
        List<Case> train = all.subList(0, all.size() - valCases);
        boolean fresh = !Files.exists(out);
        if (!resume && !fresh && !isEmptyDir(out)) {
            throw new DataException(out, "already exists and is not empty: choose a new folder, or --resume a run");
        }
        if (resume && fresh) {
            throw new DataException(out, "no run to resume (the folder does not exist)");
        }
        System.err.printf(Locale.ROOT, "segforge train: %d training / %d validation cases, %dD, classes %s, preset %s, %d steps, augment %s%n",
            train.size(), val.size(), cfg.dims(), td.classNames(), cfg.preset(), cfg.steps(), cfg.augment());
        Files.createDirectories(out);
        boolean ok = false;
        try {
            SegTrainer trainer = new SegTrainer(cfg).withListener(TrainingProgress.onConsole("train"));
            try (SegTrainer.Run run = trainer.train(train, val, out, resume)) {
                LossCurvePlot.write(out.resolve("loss-curve.png"), MetricsLog.readSteps(out.resolve(MetricsLog.JSONL)), run.result().validations(), "dice");
                System.out.printf(Locale.ROOT, "trained %d steps in %.1f s; final loss %.4f%s%nmodel: %s%n",
                    run.result().completedSteps() - run.result().firstStep(), run.result().seconds(),
                    run.result().steps().isEmpty() ? Double.NaN : run.result().steps().get(run.result().steps().size() - 1).loss(),
                    run.result().validations().isEmpty() ? "" : String.format(Locale.ROOT, "; validation Dice %.4f",
                        run.result().validations().get(run.result().validations().size() - 1).metrics().get("dice")),
                    out);
            }
            ok = true;
        } finally {
            if (!ok && fresh) {
                // a failed fresh run leaves nothing behind
                AtomicFiles.deleteTreeQuietly(out);
            }
        }
        return 0;
    }

    static SegTrainingConfig readConfig(Path file) throws DataException {
        try {
            return SegTrainingConfig.fromJson(Files.readString(file));
        } catch (IOException e) {
            throw new DataException(file, "cannot read: " + e.getMessage(), e);
        } catch (DataException e) {
            throw new DataException(file, e.getMessage(), e);
        }
    }

    private static boolean isEmptyDir(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        }
    }
}
