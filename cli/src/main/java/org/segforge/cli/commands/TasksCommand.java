package org.segforge.cli.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.segforge.core.DataException;
import org.segforge.core.data.Case;
import org.segforge.core.data.Dataset;
import org.segforge.core.data.ForegroundThreshold;
import org.segforge.core.data.LabelGrouping;
import org.segforge.core.data.Task;
import org.segforge.core.data.TaskBuilder;
import org.segforge.core.data.TaskCatalog;
import org.segforge.core.data.TaskSample;
import org.segforge.core.data.TaskSummary;
import org.segforge.core.image.Axis;
import org.segforge.core.image.Volume;
import org.segforge.core.io.ImageFiles;
import org.segforge.core.io.dataset.ImageNames;
import org.segforge.core.io.dataset.LabelTableFile;
import org.segforge.core.io.dataset.NnUnetDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "tasks",
    header = "Lists (and exports) the 2D segmentation tasks of a labelled volume.", mixinStandardHelpOptions = true,
    description = {
        "Lists the 2D segmentation tasks a labelled volume gives: one binary task per label value (or per",
        "--group) and axis, made of the slices whose label is non-empty (at least --min-foreground).",
        "With --out, writes each task as an nnU-Net v2 / MSD dataset of 2D slices (NIfTI with one slice)."},
    footer = {"", "Examples:",
        "  segforge tasks --image data/demo/colin27/ch2.nii.gz --labels data/demo/colin27/aal.nii.gz --names data/demo/colin27/aal.nii.txt",
        "  segforge tasks --image ch2.nii.gz --labels aal.nii.gz --group frontal=3,4,5,6 --axis axial --out tasks/"})
public final class TasksCommand implements Callable<Integer> {
    @Option(names = "--image", required = true, paramLabel = "IMG", description = "The image volume.")
    Path image;

    @Option(names = "--labels", required = true, paramLabel = "LABELS", description = "Its label map, on the same grid.")
    Path labels;

    @Option(names = "--names", paramLabel = "TABLE", description = "Text table 'VALUE NAME' naming the label values (e.g. aal.nii.txt).")
    Path names;

    @Option(names = "--axis", paramLabel = "AXIS", split = ",", defaultValue = "axial,coronal,sagittal",
        description = "Axes to slice along (comma list of axial, coronal, sagittal). Default: ${DEFAULT-VALUE}.")
    List<String> axes;

    @Option(names = "--group", paramLabel = "NAME=V1,V2,…",
        description = "A task made of several label values (repeatable); without it, one task per value.")
    Map<String, String> groups;

    @Option(names = "--min-foreground", paramLabel = "N", defaultValue = "1",
        description = "Keep slices with at least N label pixels (an integer) or that fraction of the slice (e.g. 0.01). Default: ${DEFAULT-VALUE}.")
    String minForeground;

    @Option(names = "--out", paramLabel = "DIR", description = "Write every listed task as a dataset DIR/TASK_NAME/.")
    Path out;

    @Option(names = "--json", description = "Print the list as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Volume img = ImageFiles.readVolume(image);
        Volume lab = ImageFiles.readVolume(labels);
        String mismatch = Case.geometryMismatch(img, lab);
        if (mismatch != null) {
            throw new DataException(labels, "not on the grid of " + image.getFileName() + ": " + mismatch);
        }
        Map<Integer, String> valueNames = names == null ? Map.of() : LabelTableFile.read(names);
        List<Axis> axisList = axes.stream().map(Axis::parse).toList();
        ForegroundThreshold min = parseThreshold(minForeground);
        String source = stem(labels);
        TaskCatalog catalog = TaskCatalog.of(source, lab);
        List<TaskSummary> tasks = groups == null || groups.isEmpty()
            ? catalog.listPerValue(valueNames, axisList, min)
            : catalog.list(parseGroups(groups), axisList, min);
        tasks = tasks.stream().filter(t -> t.slices() > 0).toList();
        print(tasks);
        if (out != null) {
            export(tasks, img, lab, source, min);
        }
        return 0;
    }

    private void print(List<TaskSummary> tasks) throws Exception {
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (TaskSummary t : tasks) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("name", t.name());
                r.put("axis", t.axis().label());
                r.put("values", t.grouping().foregroundValues());
                r.put("slices", t.slices());
                r.put("foregroundVoxels", t.foregroundVoxels());
                r.put("firstSlice", t.firstSlice());
                r.put("lastSlice", t.lastSlice());
                rows.add(r);
            }
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
            return;
        }
        System.out.printf(Locale.ROOT, "%-44s %-9s %7s %12s  %s%n", "task", "axis", "slices", "fg voxels", "slice range");
        for (TaskSummary t : tasks) {
            System.out.printf(Locale.ROOT, "%-44s %-9s %7d %12d  %d–%d%n", t.name(), t.axis().label(), t.slices(),
                t.foregroundVoxels(), t.firstSlice(), t.lastSlice());
        }
        System.out.println(tasks.size() + " tasks");
    }

    private void export(List<TaskSummary> tasks, Volume img, Volume lab, String source, ForegroundThreshold min) throws DataException {
        TaskBuilder builder = new TaskBuilder(source, List.of(Case.of(stem(image), img, lab))).minForeground(min);
        for (TaskSummary s : tasks) {
            Task task = builder.build(s.grouping(), s.axis());
            List<Case> cases = new ArrayList<>();
            for (TaskSample sample : task.samples()) {
                // file-system-safe case ids (the sample id holds a colon): SUBJECT_z083 for axial slice 83
                String id = String.format(Locale.ROOT, "%s_%s%03d", sample.subjectId(), "xyz".charAt(task.axis().index()), sample.sliceIndex());
                cases.add(Case.of(id, sample.image(), sample.label()));
            }
            Map<Integer, String> classes = new TreeMap<>();
            for (int c = 0; c < task.classNames().size(); c++) {
                classes.put(c, task.classNames().get(c));
            }
            Path dir = out.resolve(task.name());
            NnUnetDataset.write(Dataset.inMemory(task.name(), List.of("image"), classes, cases, List.of()), dir, true);
        }
        System.out.println("wrote " + tasks.size() + " task datasets under " + out);
    }

    static ForegroundThreshold parseThreshold(String s) {
        try {
            if (s.contains(".")) {
                return ForegroundThreshold.fractionOfSlice(Double.parseDouble(s));
            }
            return ForegroundThreshold.voxels(Long.parseLong(s));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--min-foreground must be a pixel count (e.g. 20) or a fraction (e.g. 0.01), not '" + s + "'");
        }
    }

    static List<LabelGrouping> parseGroups(Map<String, String> groups) {
        Map<String, Set<Integer>> parsed = new LinkedHashMap<>();
        for (var e : groups.entrySet()) {
            Set<Integer> values = new LinkedHashSet<>();
            for (String v : e.getValue().split(",")) {
                try {
                    values.add(Integer.parseInt(v.strip()));
                } catch (NumberFormatException ex) {
                    throw new IllegalArgumentException("--group " + e.getKey() + ": '" + v + "' is not a label value");
                }
            }
            parsed.put(e.getKey(), values);
        }
        return LabelGrouping.binaryGroups(parsed);
    }

    private static String stem(Path p) {
        return ImageNames.stem(p.getFileName().toString());
    }
}
