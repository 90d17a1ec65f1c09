package org.segforge.cli.dan;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.segforge.core.DataException;
import org.segforge.core.data.Case;
import org.segforge.core.image.Volume;
import org.segforge.core.io.DataType;
import org.segforge.core.io.ImageFiles;
import org.segforge.nn.dan.DanConfig;
import org.segforge.nn.dan.DanData;
import org.segforge.nn.dan.DanTrainer;
import org.segforge.nn.dan.PartialAnnotation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "volume", mixinStandardHelpOptions = true,
    description = {
        "DAN's partial-annotation mode: segments a 3D volume of which only a few axial slices are annotated.",
        "The annotated slices are the labelled pool, the other axial slices (or those within --neighbourhood",
        "of an annotated one) the unlabelled pool; 2D SN and EN train over them, then SN segments every slice.",
        "Annotated slices: those listed by --annotated-slices, else every axial slice of PARTIAL_LABELS that",
        "is not all 0 (so an annotated slice must contain some foreground). Label values may be any integers;",
        "they are numbered 0..K internally and written back with their own values.",
        "OUT is written atomically on the image's grid and affine (uint8 when the values fit, else int16);",
        "annotated slices keep their given labels. The run (logs, checkpoints, losses.png) goes to --run-dir."},
    footer = {"", "Example (the paper's setting: 1 annotated slice, 10 unannotated around it):",
        "  segforge dan volume --image ch2.nii.gz --labels partial.nii.gz --annotated-slices 90 --neighbourhood 5 --out seg.nii.gz"})
public final class DanVolumeCommand implements Callable<Integer> {
    @Option(names = "--image", required = true, paramLabel = "IMG", description = "The 3D image (one channel).")
    Path image;

    @Option(names = "--labels", required = true, paramLabel = "PARTIAL_LABELS",
        description = "Label volume on the image's grid; only the annotated slices are read.")
    Path labels;

    @Option(names = "--annotated-slices", paramLabel = "Z1,Z2,…", split = ",",
        description = "Axial slice indices (0-based) that are annotated (default: the non-empty slices of PARTIAL_LABELS).")
    List<Integer> annotatedSlices;

    @Option(names = "--neighbourhood", paramLabel = "N", defaultValue = "0",
        description = "Unannotated slices within N slices of an annotated one are the unlabelled pool; 0 = all. Default: ${DEFAULT-VALUE}.")
    int neighbourhood;

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "Segmentation to write (e.g. .nii.gz).")
    Path out;

    @Option(names = "--run-dir", paramLabel = "DIR", description = "Run folder (default: OUT's name + '.run' beside it).")
    Path runDir;

    @Mixin
    DanOptions options;

    @Override
    public Integer call() throws Exception {
        Volume img = ImageFiles.readVolume(image);
        Volume lab = ImageFiles.readVolume(labels);
        if (img.nt() != 1 || img.nz() < 2) {
            throw new DataException(image, "needs a one-channel 3D volume, got " + img);
        }
        String mismatch = Case.geometryMismatch(img, lab);
        if (mismatch != null) {
            throw new DataException(labels, "not on the grid of " + image.getFileName() + ": " + mismatch);
        }
        SortedSet<Integer> annotated = annotatedSlices == null ? PartialAnnotation.nonEmptySlices(lab) : new TreeSet<>(annotatedSlices);
        if (annotated.isEmpty()) {
            throw new DataException(labels, "no annotated slice (all slices are 0; name them with --annotated-slices)");
        }
        if (annotated.first() < 0 || annotated.last() >= img.nz()) {
            throw new DataException(labels, "annotated slices " + annotated + " outside 0.." + (img.nz() - 1));
        }
        // number the values found in the annotated slices 0..K (background 0 stays 0)
        int plane = img.nx() * img.ny();
        TreeMap<Float, Integer> index = new TreeMap<>();
        index.put(0f, 0);
        for (int z : annotated) {
            for (int i = z * plane; i < (z + 1) * plane; i++) {
                float v = lab.data()[i];
                if (v != Math.rint(v) || v < 0) {
                    throw new DataException(labels, "label value " + v + " in slice " + z + " is not a non-negative integer");
                }
                index.putIfAbsent(v, 0);
            }
        }
        float[] values = new float[index.size()];
        int k = 0;
        for (var e : index.entrySet()) {
            e.setValue(k);
            values[k++] = e.getKey();
        }
        int classes = Math.max(2, index.size());
        float[] mapped = new float[lab.frameSize()];
        for (int z : annotated) {
            for (int i = z * plane; i < (z + 1) * plane; i++) {
                mapped[i] = index.get(lab.data()[i]);
            }
        }
        Volume classLabels = lab.withData(mapped);
        DanData data = PartialAnnotation.pools(img, classLabels, annotated, neighbourhood, classes);
        DanConfig cfg = options.config(classes);
        Path run = runDir != null ? runDir : out.resolveSibling(out.getFileName().toString().replaceAll("\\.nii(\\.gz)?$", "") + ".run");
        System.out.printf(Locale.ROOT, "DAN volume: %d annotated slice(s) %s, %d unannotated, %d classes, EN input %s, %d + %d steps%n",
            annotated.size(), annotated, data.unlabelled().size(), classes, cfg.enInput().name().toLowerCase(Locale.ROOT),
            cfg.pretrainSteps(), cfg.adversarialSteps());
        try (NDManager m = DanRun.manager(); DanTrainer t = new DanTrainer(cfg, m)) {
            DanTrainCommand.print(DanRun.train(t, data, run, "volume " + org.segforge.core.data.Fingerprints.ofVolume(img)
                + ", labels " + org.segforge.core.data.Fingerprints.ofVolume(classLabels), options.checkpointEvery, "DAN volume"));
            Volume seg = PartialAnnotation.segment(t.model(), m, img, cfg.patchWidth(), cfg.patchHeight(), classLabels, annotated);
            float[] d = seg.data();
            for (int i = 0; i < d.length; i++) {
                d[i] = values[(int) d[i]];
            }
            ImageFiles.write(seg, out, values[values.length - 1] <= 255 ? DataType.UINT8 : DataType.INT16);
        }
        System.out.println("wrote " + out + " (run in " + run + ")");
        return 0;
    }
}
