package org.segforge.cli.commands;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.segforge.cli.Home;
import org.segforge.core.DataException;
import org.segforge.core.image.Axis;
import org.segforge.core.image.Volume;
import org.segforge.core.io.DataType;
import org.segforge.core.io.ImageFiles;
import org.segforge.nn.universeg.Segmenter;
import org.segforge.nn.universeg.UniverSegModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "segment", mixinStandardHelpOptions = true,
    description = {
        "Segments new images from a few labelled examples with UniverSeg, without training.",
        "2D: --support DIR holds DIR/images/NAME and DIR/labels/NAME pairs (PNG or 2D NIfTI, any size);",
        "each --query image (or every image of a query folder) gets a label map of its own name and size",
        "in --out. 3D: --volume IMG --annotated LABELS segments the slices of IMG that LABELS leaves empty",
        "from its labelled slices (nearest first) and writes a NIfTI with the volume's affine.",
        "Multi-label: one pass per label value; a pixel takes the most confident value above 0.5."},
    footer = {"", "Examples:",
        "  segforge segment --support support/ --query new.png --out seg/",
        "  segforge segment --volume ch2.nii.gz --annotated some_slices.nii.gz --labels 1,2 --out seg/"})
public final class SegmentCommand implements Callable<Integer> {
    @Option(names = "--support", paramLabel = "DIR", description = "Support pairs: DIR/images/NAME and DIR/labels/NAME.")
    Path support;

    @Option(names = "--query", paramLabel = "IMG_OR_DIR", description = "A query image or a folder of them.")
    Path query;

    @Option(names = "--volume", paramLabel = "IMG", description = "3D mode: the volume to segment.")
    Path volume;

    @Option(names = "--annotated", paramLabel = "LABELS", description = "3D mode: a label volume on the same grid with some slices labelled.")
    Path annotated;

    @Option(names = "--axis", defaultValue = "axial", description = "3D mode: slicing axis (axial, coronal, sagittal). Default: ${DEFAULT-VALUE}.")
    String axis;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--model", paramLabel = "DIR", description = "Model folder (default: the shipped models/universeg-cpu).")
    Path model;

    @Option(names = "--ensemble", defaultValue = "1", paramLabel = "K", description = "Average over K random support subsets. Default: ${DEFAULT-VALUE}.")
    int ensemble;

    @Option(names = "--nearest", paramLabel = "K",
        description = "2D mode: use only the K support examples whose images are most similar to each query. Default: the K the "
            + "model was trained for (1 for the shipped model: 0.74 instead of 0.59 Dice with all 8 examples on held-out tasks, "
            + "docs/RESULTS.md, M5), else all; a K above the number of examples uses all.")
    Integer nearest;

    @Option(names = "--max-support", paramLabel = "N",
        description = "Support examples per pass (default: the model's; in 3D, the K nearest annotated slices of a model trained for K).")
    Integer maxSupport;

    @Option(names = "--labels", split = ",", paramLabel = "V1,V2,…", description = "Label values to segment (default: every non-zero value of the support labels).")
    int[] labels;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the ensemble's subsets. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        boolean twoD = support != null || query != null;
        boolean threeD = volume != null || annotated != null;
        if (twoD == threeD || twoD && (support == null || query == null) || threeD && (volume == null || annotated == null)) {
            throw new IllegalArgumentException("give either --support and --query (2D) or --volume and --annotated (3D)");
        }
        if (nearest != null && (nearest < 1 || threeD)) {
            throw new IllegalArgumentException("--nearest needs K ≥ 1 and the 2D mode (--support, --query)");
        }
        Path modelDir = model != null ? model : Home.root().resolve("models/universeg-cpu");
        PrintWriter err = spec.commandLine().getErr();
        try (UniverSegModel m = UniverSegModel.load(modelDir)) {
            // a model trained for support selection sees only the K most similar examples (2D) or nearest slices (3D) by default
            int trainedFor = m.selectNearest();
            if (nearest == null && trainedFor > 0 && twoD) {
                nearest = trainedFor;
            }
            int perPass = maxSupport != null ? maxSupport : threeD && trainedFor > 0 ? trainedFor : m.config().maxSupport();
            Segmenter seg = new Segmenter(m, ensemble, perPass, seed);
            createOut();
            if (threeD) {
                return volume3d(seg, err);
            }
            return images2d(seg, err);
        }
    }

    private void createOut() throws DataException {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new DataException(out, "cannot create: " + e.getMessage(), e);
        }
    }

    private int images2d(Segmenter seg, PrintWriter err) throws DataException {
        List<Path> names = list(support.resolve("images"));
        List<Segmenter.Example> examples = new ArrayList<>();
        TreeSet<Integer> values = new TreeSet<>();
        for (Path img : names) {
            Path lab = support.resolve("labels").resolve(img.getFileName().toString());
            if (!Files.isRegularFile(lab)) {
                throw new DataException(lab, "missing: every support image needs a label of the same name");
            }
            Volume image = ImageFiles.readVolume(img), label = ImageFiles.readVolume(lab);
            if (image.nz() != 1 || label.nz() != 1 || image.nx() != label.nx() || image.ny() != label.ny()) {
                throw new DataException(lab, "a support pair must be 2D images of the same size, got "
                        + image.nx() + "×" + image.ny() + "×" + image.nz() + " and " + label.nx() + "×" + label.ny() + "×" + label.nz());
            }
            examples.add(new Segmenter.Example(image.frame(0), label));
            for (float v : label.data()) {
                if (v != 0) {
                    values.add(Math.round(v));
                }
            }
        }
        int[] wanted = labels != null ? labels : values.stream().mapToInt(Integer::intValue).toArray();
        if (wanted.length == 0) {
            throw new DataException(support.resolve("labels"), "no support label holds a non-zero value");
        }
        List<Path> queries = Files.isDirectory(query) ? list(query) : List.of(query);
        try (ProgressBar bar = bar("segment", queries.size())) {
            for (Path q : queries) {
                Volume image = ImageFiles.readVolume(q);
                if (image.nz() != 1) {
                    throw new DataException(q, "a query must be a 2D image (use --volume for 3D)");
                }
                List<Segmenter.Example> used = nearest == null ? examples : seg.mostSimilar(image.frame(0), examples, nearest);
                Volume result = seg.segment(image.frame(0), used, wanted);
                ImageFiles.write(result, out.resolve(q.getFileName().toString()), DataType.UINT8);
                bar.step();
            }
        }
        err.printf(Locale.ROOT, "segment: %d queries, %d support pairs%s, labels %s -> %s%n", queries.size(), examples.size(),
                nearest == null ? "" : " (the " + nearest + " most similar to each query)", java.util.Arrays.toString(wanted), out);
        return 0;
    }

    private int volume3d(Segmenter seg, PrintWriter err) throws DataException {
        Volume vol = ImageFiles.readVolume(volume);
        Volume ann = ImageFiles.readVolume(annotated);
        if (!vol.sameShape(ann)) {
            throw new DataException(annotated, "grid " + ann.nx() + "×" + ann.ny() + "×" + ann.nz() + " differs from the volume's "
                    + vol.nx() + "×" + vol.ny() + "×" + vol.nz());
        }
        Axis ax = Axis.valueOf(axis.toUpperCase(Locale.ROOT));
        TreeSet<Integer> values = new TreeSet<>();
        for (float v : ann.data()) {
            if (v != 0) {
                values.add(Math.round(v));
            }
        }
        int[] wanted = labels != null ? labels : values.stream().mapToInt(Integer::intValue).toArray();
        List<Integer> done = Segmenter.annotatedSlices(ann, ax);
        if (done.isEmpty()) {
            throw new DataException(annotated, "no slice along " + axis + " holds a label");
        }
        int todo = org.segforge.core.image.Slices.count(vol, ax) - done.size();
        Volume result;
        try (ProgressBar bar = bar("segment", todo)) {
            result = seg.segmentVolume(vol, ann, ax, wanted, k -> bar.stepTo(k));
        }
        String name = volume.getFileName().toString().replaceAll("\\.(nii\\.gz|nii|mha|mhd)$", "");
        Path file = out.resolve(name + "_seg.nii.gz");
        ImageFiles.write(result.withAffine(vol.affine()), file, DataType.UINT8);
        err.printf(Locale.ROOT, "segment: %d slices from %d annotated ones, labels %s -> %s%n", todo, done.size(),
                java.util.Arrays.toString(wanted), file);
        return 0;
    }

    private static ProgressBar bar(String task, long total) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).continuousUpdate().build();
    }

    private static List<Path> list(Path dir) throws DataException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
            if (files.isEmpty()) {
                throw new DataException(dir, "holds no images");
            }
            return files;
        } catch (IOException e) {
            throw new DataException(dir, "cannot list: " + e.getMessage(), e);
        }
    }
}
