package org.segforge.cli.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.segforge.cli.report.ContactSheet;
import org.segforge.cli.report.Overlay;
import org.segforge.cli.report.Report;
import org.segforge.core.DataException;
import org.segforge.core.data.Case;
import org.segforge.core.data.Fold;
import org.segforge.core.data.ForegroundThreshold;
import org.segforge.core.data.LabelGrouping;
import org.segforge.core.data.SplitSizes;
import org.segforge.core.data.Splits;
import org.segforge.core.data.Task;
import org.segforge.core.data.TaskBuilder;
import org.segforge.core.data.TaskCatalog;
import org.segforge.core.data.TaskSample;
import org.segforge.core.data.TaskSummary;
import org.segforge.core.image.Axis;

/**
 * The tasks the data gives: every AAL region and Brodmann area on every axis, the brain mask, and
 * a leak-free split of one task, shown as a table and pictures.
 */
public final class TasksSection implements DemoSection {
    /** Slices with fewer label pixels than this are too small to learn from or to judge by eye. */
    static final ForegroundThreshold MIN_FOREGROUND = ForegroundThreshold.voxels(20);

    @Override
    public String name() {
        return "tasks";
    }

    @Override
    public void run(DemoContext ctx, Report report) throws DataException {
        DemoData d = ctx.data();
        Set<Axis> axes = EnumSet.allOf(Axis.class);
        List<TaskSummary> aal = TaskCatalog.of("aal", d.aal()).listPerValue(d.aalNames(), axes, MIN_FOREGROUND);
        List<TaskSummary> brodmann = TaskCatalog.of("brodmann", d.brodmann()).listPerValue(Map.of(), axes, MIN_FOREGROUND);
        List<TaskSummary> brain = TaskCatalog.of("colin27", d.brainMask())
            .list(List.of(LabelGrouping.binary("brain", Set.of(1))), axes, MIN_FOREGROUND);

        report.heading("Tasks");
        report.paragraph(String.format(Locale.ROOT,
            "A task is a 2D segmentation problem: the slices along one axis whose label has at least %s, with their labels. "
                + "The embedded data gives %d AAL tasks, %d Brodmann tasks and %d brain-mask tasks (one per axis). "
                + "`segforge tasks` lists them for any labelled volume and exports them as nnU-Net datasets.",
            MIN_FOREGROUND, count(aal), count(brodmann), count(brain)));
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("task", "slices", "label pixels", "slice range"));
        List<TaskSummary> shown = new ArrayList<>(brain);
        aal.stream().filter(t -> t.slices() > 0).sorted(Comparator.comparingLong(TaskSummary::foregroundVoxels).reversed())
            .limit(5).forEach(shown::add);
        for (TaskSummary t : shown) {
            rows.add(List.of(t.name(), Integer.toString(t.slices()), Long.toString(t.foregroundVoxels()), t.firstSlice() + "–" + t.lastSlice()));
        }
        report.table(rows);

        // One task in full, with a split that keeps neighbouring slices apart.
        TaskBuilder builder = new TaskBuilder("colin27", List.of(Case.of("colin27", d.t1(), d.brainMask()))).minForeground(MIN_FOREGROUND);
        Task task = builder.build(LabelGrouping.binary("brain", Set.of(1)), Axis.AXIAL);
        int gap = 5;
        Fold fold = Splits.bySliceRanges(task, SplitSizes.counts(10, 10, task.size() - 20 - 2 * gap), gap, ctx.seed());
        report.paragraph(String.format(Locale.ROOT,
            "Task %s: %d slices, split by slice ranges with a gap of %d slices (seed %d): %d train, %d validation, %d test; "
                + "the closest slices of different splits are %d slices apart, so neighbouring slices never straddle a split.",
            task.name(), task.size(), gap, ctx.seed(), fold.train().size(), fold.val().size(), fold.test().size(), Splits.minSliceDistance(fold)));
        ContactSheet sheet = new ContactSheet(6, 160);
        float[] window = DataSection.window(d.t1());
        List<TaskSample> samples = task.samples();
        for (int k = 0; k < 6; k++) {
            TaskSample s = samples.get(k * (samples.size() - 1) / 5);
            String split = fold.train().contains(s.id()) ? "train" : fold.val().contains(s.id()) ? "val" : fold.test().contains(s.id()) ? "test" : "gap";
            sheet.add(Overlay.render(s.image(), s.label(), window[0], window[1]), "z=" + s.sliceIndex() + " (" + split + ")");
        }
        report.picture("tasks-brain-axial.png", sheet.render(), "Slices of the task " + task.name() + " with their labels and splits");
    }

    private static long count(List<TaskSummary> tasks) {
        return tasks.stream().filter(t -> t.slices() > 0).count();
    }
}
