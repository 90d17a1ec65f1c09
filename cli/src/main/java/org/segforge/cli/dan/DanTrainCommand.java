package org.segforge.cli.dan;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.segforge.nn.dan.DanConfig;
import org.segforge.nn.dan.DanData;
import org.segforge.nn.dan.DanTrainer;
import org.segforge.nn.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
    description = {
        "Trains DAN (M4): a 2D U-Net segmenter (SN) pre-trained on the labelled pairs, then alternately an",
        "evaluation network (EN) that tells labelled from unlabelled (image, segmentation) pairs and SN",
        "trained on cross-entropy plus λ·(fool EN on the unlabelled images).",
        "--labelled: an nnU-Net / Decathlon dataset (e.g. written by 'segforge tasks --out'); 3D cases give",
        "all their axial slices. --unlabelled: such a dataset (labels ignored) or a folder of images.",
        "RUN_DIR receives dan-config.json, log.jsonl/log.csv, checkpoints/, provenance.json, losses.png;",
        "an interrupted run resumes from its newest checkpoint."},
    footer = {"", "Example:",
        "  segforge tasks --image data/demo/colin27/ch2.nii.gz --labels data/demo/colin27/brainmask.nii.gz --axis axial --out tasks/",
        "  segforge dan train --labelled tasks/brainmask/1/axial --unlabelled data/demo/colin27 --out runs/dan --steps 100"})
public final class DanTrainCommand implements Callable<Integer> {
    @Option(names = "--labelled", required = true, paramLabel = "DIR", description = "Labelled dataset folder.")
    Path labelled;

    @Option(names = "--unlabelled", required = true, paramLabel = "DIR", description = "Unlabelled images: a dataset or a folder of images.")
    Path unlabelled;

    @Option(names = "--out", required = true, paramLabel = "RUN_DIR", description = "Run folder.")
    Path out;

    @Mixin
    DanOptions options;

    @Override
    public Integer call() throws Exception {
        DanSources.Pool lab = DanSources.labelled(labelled);
        DanSources.Pool un = DanSources.unlabelled(unlabelled);
        DanConfig cfg = options.config(lab.classes());
        DanData data = new DanData(lab.slices(), un.slices(), lab.classes());
        System.out.printf(Locale.ROOT, "DAN: %d labelled and %d unlabelled slices, %d classes, EN input %s, %d + %d steps%n",
            lab.slices().size(), un.slices().size(), lab.classes(), cfg.enInput().name().toLowerCase(Locale.ROOT),
            cfg.pretrainSteps(), cfg.adversarialSteps());
        try (NDManager m = DanRun.manager(); DanTrainer t = new DanTrainer(cfg, m)) {
            TrainingResult r = DanRun.train(t, data, out, "labelled " + lab.fingerprint() + ", unlabelled " + un.fingerprint(),
                options.checkpointEvery, "DAN");
            print(r);
        }
        System.out.println("wrote " + out);
        return 0;
    }

    static void print(TrainingResult r) {
        if (r.steps().isEmpty()) {
            System.out.println("nothing to do: the run is complete");
            return;
        }
        var last = r.steps().get(r.steps().size() - 1).metrics();
        System.out.printf(Locale.ROOT, "done in %.1f s; last step: SN loss %.4f, CE %.4f%s%n", r.seconds(), last.get("loss"), last.get("ce"),
            last.containsKey("en") ? String.format(Locale.ROOT, ", EN loss %.4f (accuracy %.2f), λ %.3g", last.get("en"), last.get("enAcc"), last.get("lambda")) : "");
    }
}
