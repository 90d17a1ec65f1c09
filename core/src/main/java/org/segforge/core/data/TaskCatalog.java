package org.segforge.core.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.segforge.core.image.Axis;
import org.segforge.core.image.Volume;

/**
 * Every task a labelled volume offers, with its size, listed from per-slice counts (one pass over
 * the voxels, see {@link SliceCounts}) rather than by cutting slices: listing the 116 AAL regions ×
 * 3 axes of Colin27 takes a fraction of a second. {@link TaskBuilder} then materialises the tasks
 * chosen.
 */
public final class TaskCatalog {
    private final String source;
    private final SliceCounts counts;

    private TaskCatalog(String source, SliceCounts counts) {
        this.source = source;
        this.counts = counts;
    }

    /** Scans the label map once. {@code source} prefixes the task names (e.g. "colin27-aal"). */
    public static TaskCatalog of(String source, Volume labels) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("a task catalog needs a source name");
        }
        return new TaskCatalog(source, SliceCounts.of(labels));
    }

    /** The name a task gets: SOURCE/GROUPING/AXIS, e.g. "colin27-aal/Precentral_L/axial". */
    public static String taskName(String source, String grouping, Axis axis) {
        return source + "/" + grouping + "/" + axis.label();
    }

    public SliceCounts counts() {
        return counts;
    }

    /** Summaries of every grouping × axis, in that order (groupings outer). */
    public List<TaskSummary> list(List<LabelGrouping> groupings, Collection<Axis> axes, ForegroundThreshold min) {
        List<TaskSummary> out = new ArrayList<>();
        for (LabelGrouping g : groupings) {
            for (Axis axis : new TreeSet<>(axes)) {
                out.add(summarise(g, axis, min));
            }
        }
        return out;
    }

    /**
     * One binary task per label value present in the volume × axis; {@code names} (value → name,
     * may be null or partial) names them.
     */
    public List<TaskSummary> listPerValue(Map<Integer, String> names, Collection<Axis> axes, ForegroundThreshold min) {
        List<Integer> vals = new ArrayList<>();
        for (int v : counts.values()) {
            vals.add(v);
        }
        return list(LabelGrouping.perValue(vals, names), axes, min);
    }

    /** The summary of one grouping along one axis. */
    public TaskSummary summarise(LabelGrouping g, Axis axis, ForegroundThreshold min) {
        int[] per = counts.perSlice(axis, g.foregroundValues());
        long area = counts.sliceArea(axis);
        int kept = 0, largest = 0, first = -1, last = -1;
        long fg = 0;
        for (int s = 0; s < per.length; s++) {
            if (min.keeps(per[s], area)) {
                kept++;
                fg += per[s];
                largest = Math.max(largest, per[s]);
                if (first < 0) {
                    first = s;
                }
                last = s;
            }
        }
        return new TaskSummary(taskName(source, g.name(), axis), g, axis, kept, fg, largest, first, last);
    }
}
