package org.segforge.cli.dan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.segforge.cli.Home;
import org.segforge.core.DataException;
import org.segforge.core.data.Case;
import org.segforge.core.image.Resize;
import org.segforge.core.image.Volume;
import org.segforge.core.io.AtomicFiles;
import org.segforge.core.io.ImageFiles;
import org.segforge.core.metric.MeanStd;
import org.segforge.core.metric.Statistics;
import org.segforge.core.metric.TTestResult;
import org.segforge.nn.dan.DanConfig;
import org.segforge.nn.dan.PartialAnnotation;
import org.segforge.nn.dan.SliceExperiment;
import org.segforge.nn.seg.UNetConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "experiment", mixinStandardHelpOptions = true,
    description = {
        "M4's experiment: SN alone vs DAN (EN input stack and product) when only k axial slices of a volume",
        "are annotated. The foreground slices are split into a training range and a test range with a gap",
        "(leak-free); k annotated slices are drawn from the training range per seed, the rest of the range is",
        "unannotated; Dice on the test slices, paired t-tests of DAN − SN over seeds.",
        "Defaults: the demo's Colin27 ch2 and brain mask, downsampled by 3 (60×72×60) so that a crop holds a",
        "whole slice. Writes results.csv and results.md to --out."},
    footer = {"", "Example (about 20 min on a busy 2-core machine):",
        "  segforge dan experiment --annotated 1,3,10 --seeds 3 --out runs/dan-experiment"})
public final class DanExperimentCommand implements Callable<Integer> {
    @Option(names = "--image", paramLabel = "IMG", description = "Image volume (default: the demo's colin27/ch2.nii.gz).")
    Path image;

    @Option(names = "--labels", paramLabel = "LABELS", description = "Class-index labels on its grid (default: the demo's colin27/brainmask.nii.gz).")
    Path labels;

    @Option(names = "--downsample", paramLabel = "F", defaultValue = "3",
        description = "Shrink every axis by this factor first (area for the image, nearest for labels). Default: ${DEFAULT-VALUE}.")
    int downsample;

    @Option(names = "--annotated", paramLabel = "K1,K2,…", split = ",", defaultValue = "1,3,10",
        description = "Numbers of annotated slices. Default: ${DEFAULT-VALUE}.")
    int[] annotated;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "3", description = "Seeds per setting. Default: ${DEFAULT-VALUE}.")
    int seeds;

    @Option(names = "--pretrain-steps", paramLabel = "N", defaultValue = "60", description = "Pre-training steps. Default: ${DEFAULT-VALUE}.")
    int pretrainSteps;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "60", description = "Adversarial steps (SN alone: as many more CE steps). Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--width", paramLabel = "N", defaultValue = "8", description = "SN base width (cpu U-Net, depth 4). Default: ${DEFAULT-VALUE}.")
    int width;

    @Option(names = "--gap", paramLabel = "N", defaultValue = "5", description = "Slices between training and test ranges. Default: ${DEFAULT-VALUE}.")
    int gap;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/dan-experiment", description = "Output folder. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path img = image != null ? image : Home.demoData().resolve("colin27/ch2.nii.gz");
        Path lab = labels != null ? labels : Home.demoData().resolve("colin27/brainmask.nii.gz");
        Volume v = ImageFiles.readVolume(img);
        Volume l = ImageFiles.readVolume(lab);
        String mismatch = Case.geometryMismatch(v, l);
        if (mismatch != null) {
            throw new DataException(lab, "not on the grid of " + img.getFileName() + ": " + mismatch);
        }
        if (downsample < 1) {
            throw new IllegalArgumentException("--downsample must be ≥ 1");
        }
        if (downsample > 1) {
            int nx = v.nx() / downsample, ny = v.ny() / downsample, nz = v.nz() / downsample;
            v = Resize.to(v, nx, ny, nz, Resize.Mode.AREA);
            l = Resize.to(l, nx, ny, nz, Resize.Mode.NEAREST);
        }
        int classes = PartialAnnotation.classesOf(l);
        int pw = roundUp(v.nx(), 16), ph = roundUp(v.ny(), 16);
        DanConfig base = DanConfig.cpu(classes).withSn(UNetConfig.cpu(2, 1, classes).withWidth(width, 8 * width))
            .withPatch(pw, ph).withSteps(pretrainSteps, steps);
        SliceExperiment.Settings s = new SliceExperiment.Settings(annotated, seeds, 0.5, gap, base);
        System.out.printf(Locale.ROOT, "volume %d×%d×%d, %d classes, crops %d×%d, %d + %d steps, %d seeds, k = %s%n",
            v.nx(), v.ny(), v.nz(), classes, pw, ph, pretrainSteps, steps, seeds, java.util.Arrays.toString(annotated));
        long t0 = System.nanoTime();
        List<SliceExperiment.Run> runs = SliceExperiment.run(v, l, s, out.resolve("runs"), System.out::println);
        double minutes = (System.nanoTime() - t0) * 1e-9 / 60;
        StringBuilder csv = new StringBuilder("annotated,seed,method,dice,seconds,annotated_slices\n");
        for (SliceExperiment.Run r : runs) {
            csv.append(String.format(Locale.ROOT, "%d,%d,%s,%.6f,%.1f,\"%s\"%n", r.annotated(), r.seed(), r.method(), r.dice(), r.seconds(),
                r.annotatedSlices().toString().replace(" ", "")));
        }
        AtomicFiles.writeString(out.resolve("results.csv"), csv.toString());
        String md = table(runs) + String.format(Locale.ROOT, "%nSettings: %s, %s downsampled ×%d to %d×%d×%d, crops %d×%d, SN width %d depth 4,"
            + " EN %s, %d pre-training + %d adversarial steps (SN alone: %d CE steps), λ %s, batches %d+%d, gap %d, %d seeds; %.1f min.%n",
            img.getFileName(), lab.getFileName(), downsample, v.nx(), v.ny(), v.nz(), pw, ph, width, base.en(), pretrainSteps, steps,
            pretrainSteps + steps, base.lambda(), base.labelledBatch(), base.unlabelledBatch(), gap, seeds, minutes);
        AtomicFiles.writeString(out.resolve("results.md"), md);
        System.out.print(md);
        return 0;
    }

    static int roundUp(int n, int m) {
        return (n + m - 1) / m * m;
    }

    /** Markdown: per k, mean ± std Dice of each method and paired t-tests of DAN − SN. */
    static String table(List<SliceExperiment.Run> runs) {
        StringBuilder b = new StringBuilder();
        b.append("| annotated slices | SN alone | DAN stack | DAN product | stack − SN (p) | product − SN (p) |\n");
        b.append("|---|---|---|---|---|---|\n");
        List<Integer> ks = new ArrayList<>(runs.stream().map(SliceExperiment.Run::annotated).distinct().toList());
        for (int k : ks) {
            Map<String, double[]> d = SliceExperiment.diceByMethod(runs, k);
            b.append("| ").append(k);
            for (String m : SliceExperiment.METHODS) {
                MeanStd ms = Statistics.meanStd(d.get(m));
                b.append(String.format(Locale.ROOT, " | %.4f ± %.4f", ms.mean(), ms.std()));
            }
            for (String m : List.of("DAN-stack", "DAN-product")) {
                double diff = Statistics.meanStd(d.get(m)).mean() - Statistics.meanStd(d.get("SN")).mean();
                TTestResult t = Statistics.pairedTTest(d.get(m), d.get("SN"));
                b.append(String.format(Locale.ROOT, " | %+.4f (%s)", diff, t.valid() ? String.format(Locale.ROOT, "%.3f", t.pValue()) : "n/a"));
            }
            b.append(" |\n");
        }
        return b.toString();
    }
}
