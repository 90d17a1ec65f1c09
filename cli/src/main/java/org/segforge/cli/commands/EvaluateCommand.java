package org.segforge.cli.commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.segforge.cli.progress.FileProgress;
import org.segforge.core.DataException;
import org.segforge.core.image.Labels;
import org.segforge.core.image.Volume;
import org.segforge.core.io.ImageFiles;
import org.segforge.core.io.dataset.ImageNames;
import org.segforge.core.metric.Metric;
import org.segforge.core.metric.MetricAccumulator;
import org.segforge.core.metric.MetricReport;
import org.segforge.core.metric.MetricSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "evaluate",
    header = "Scores predicted label maps against references (Dice, HD95, ASSD, bAVD...).", mixinStandardHelpOptions = true,
    description = {
        "Scores predicted label maps against reference label maps, paired by file name (endings ignored);",
        "every prediction needs a reference, references without a prediction are left out (unless --strict).",
        "Per case and label value: Dice, IoU, precision, recall, HD95, ASSD and bAVD. Distances are in mm",
        "from the voxel spacing, on the exact Euclidean distance transform; surfaces are the mask voxels with a",
        "face-neighbour outside the mask; HD95 is the larger of the two directed 95th-percentile surface distances",
        "(as MONAI and medpy); ASSD pools both directions. Both masks empty: overlap scores 1, distances 0;",
        "one empty: overlap scores 0, distances undefined (null in JSON)."},
    footer = {"", "Examples:",
        "  segforge evaluate --pred predictions/ --ref dataset/labelsTr/ --json eval.json --csv eval.csv",
        "  segforge evaluate --pred case1_pred.nii.gz --ref case1.nii.gz --labels 1,2"})
public final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--pred", required = true, paramLabel = "DIR_OR_FILE", description = "Predicted label maps (a file or a folder).")
    Path pred;

    @Option(names = "--ref", required = true, paramLabel = "DIR_OR_FILE", description = "Reference label maps (a file or a folder).")
    Path ref;

    @Option(names = "--labels", split = ",", paramLabel = "L", description = "Label values to score (default: every nonzero value in the references).")
    List<Integer> labels;

    @Option(names = "--strict", description = "Fail when a reference has no prediction (default: such references are left out, with a note).")
    boolean strict;

    @Option(names = "--json", paramLabel = "FILE", description = "Write per-case results and the summary as JSON.")
    Path json;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write one row per case and label as CSV.")
    Path csv;

    @Override
    public Integer call() throws Exception {
        Map<String, Path> preds = files(pred);
        Map<String, Path> refs = files(ref);
        if (Files.isRegularFile(pred) && Files.isRegularFile(ref)) {
            // two single files are paired whatever their names
            preds = Map.of(ImageNames.stem(ref.getFileName().toString()), pred);
        }
        TreeSet<String> missing = new TreeSet<>(refs.keySet());
        missing.removeAll(preds.keySet());
        TreeSet<String> extra = new TreeSet<>(preds.keySet());
        extra.removeAll(refs.keySet());
        if (!extra.isEmpty() || (strict && !missing.isEmpty())) {
            throw new DataException(pred, "predictions and references do not pair up by name: "
                + (extra.isEmpty() ? "" : "no reference for " + shortList(extra) + (missing.isEmpty() || !strict ? "" : "; "))
                + (strict && !missing.isEmpty() ? "no prediction for " + shortList(missing) : ""));
        }
        if (!missing.isEmpty()) {
            // scoring a subset (e.g. the test cases of a split) against a full reference folder is normal
            System.err.println("segforge evaluate: " + missing.size() + " reference(s) without a prediction left out: " + shortList(missing));
            refs.keySet().removeAll(missing);
        }
        MetricAccumulator acc = new MetricAccumulator();
        try (FileProgress bar = FileProgress.start("evaluate", refs.size())) {
            for (var e : refs.entrySet()) {
                Volume r = ImageFiles.readVolume(e.getValue());
                Volume p = ImageFiles.readVolume(preds.get(e.getKey()));
                Labels.requireIntegral(r, e.getValue().toString());
                Labels.requireIntegral(p, preds.get(e.getKey()).toString());
                int[] values = labels != null ? labels.stream().mapToInt(Integer::intValue).toArray() : nonzero(r);
                if (values.length == 0) {
                    throw new DataException(e.getValue(), "the reference has no nonzero label; say which labels to score with --labels");
                }
                acc.add(e.getKey(), p, r, values);
                bar.step();
            }
        }
        MetricReport report = acc.aggregate();
        if (json != null) {
            report.writeJson(json);
        }
        if (csv != null) {
            report.writeCsv(csv);
        }
        print(report);
        return 0;
    }

    /** The first names of a long list, so that a one-line error stays readable. */
    static String shortList(java.util.SortedSet<String> names) {
        List<String> first = names.stream().limit(8).toList();
        return first + (names.size() > first.size() ? " and " + (names.size() - first.size()) + " more" : "");
    }

    private static int[] nonzero(Volume v) {
        return java.util.Arrays.stream(Labels.values(v)).filter(x -> x != 0).toArray();
    }

    private static void print(MetricReport report) {
        System.out.printf(Locale.ROOT, "%d cases%n%-6s", report.cases().size(), "label");
        for (Metric m : Metric.values()) {
            System.out.printf(Locale.ROOT, " %17s", m.key() + (m.isDistance() ? " (mm)" : ""));
        }
        System.out.println();
        report.summary().forEach((label, perMetric) -> {
            System.out.printf(Locale.ROOT, "%-6d", label);
            for (Metric m : Metric.values()) {
                MetricSummary s = perMetric.get(m);
                String cell = s == null || Double.isNaN(s.mean()) ? "undefined"
                    : String.format(Locale.ROOT, "%.3f ± %.3f", s.mean(), Double.isNaN(s.std()) ? 0.0 : s.std());
                System.out.printf(Locale.ROOT, " %17s", cell + (s != null && s.nanCount() > 0 ? "*" : ""));
            }
            System.out.println();
        });
        System.out.println("mean ± std over cases; * some cases undefined (an empty mask) and left out of that mean");
    }

    /** Label maps by name: a file gives itself; a folder every readable image file in it. */
    static Map<String, Path> files(Path p) throws DataException {
        Map<String, Path> out = new TreeMap<>();
        if (!Files.exists(p)) {
            throw new DataException(p, "no such file or folder");
        }
        if (Files.isRegularFile(p)) {
            out.put(ImageNames.stem(p.getFileName().toString()), p);
            return out;
        }
        List<Path> list = new ArrayList<>();
        try (Stream<Path> s = Files.list(p)) {
            s.filter(Files::isRegularFile).filter(f -> !ImageNames.hidden(f)).sorted().forEach(list::add);
        } catch (IOException e) {
            throw new DataException(p, "cannot list the folder: " + e.getMessage(), e);
        }
        for (Path f : list) {
            if (ImageNames.ending(f.getFileName().toString()) != null) {
                if (out.put(ImageNames.stem(f.getFileName().toString()), f) != null) {
                    throw new DataException(f, "two files in " + p + " have the name " + ImageNames.stem(f.getFileName().toString()));
                }
            }
        }
        if (out.isEmpty()) {
            throw new DataException(p, "no label maps in this folder");
        }
        return out;
    }
}
