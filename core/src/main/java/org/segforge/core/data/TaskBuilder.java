package org.segforge.core.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.segforge.core.image.Axis;
import org.segforge.core.image.Slices;
import org.segforge.core.image.Volume;

/**
 * Cuts 2D segmentation tasks out of labelled volumes: for a {@link LabelGrouping} and an axis,
 * every slice of every subject whose remapped label has at least the configured foreground
 * becomes a {@link TaskSample}. Images stay raw (no normalisation). Slices are chosen from
 * {@link SliceCounts}, so only kept slices are cut; an image slice cut once is shared by every
 * task built in the same call (treat sample images as read-only). A builder caches per-subject
 * counts and is not thread-safe; use one per thread.
 *
 * <pre>{@code
 * List<Task> tasks = new TaskBuilder("colin27-aal", List.of(Case.of("colin27", ch2, aal)))
 *     .minForeground(ForegroundThreshold.voxels(20))
 *     .buildPerValue(aalNames, List.of(Axis.AXIAL));
 * }</pre>
 */
public final class TaskBuilder {
    private final String source;
    private final List<Case> subjects;
    private final Map<String, SliceCounts> countsBySubject = new HashMap<>();
    private final Map<String, String> extraMetadata = new LinkedHashMap<>();
    private ForegroundThreshold minForeground = ForegroundThreshold.anyForeground();

    /**
     * @param source   task-name prefix and provenance, e.g. "colin27-aal"
     * @param subjects labelled cases (each id is the subject id of its samples)
     */
    public TaskBuilder(String source, List<Case> subjects) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("a task builder needs a source name");
        }
        if (subjects == null || subjects.isEmpty()) {
            throw new IllegalArgumentException("a task builder needs at least one labelled subject");
        }
        for (Case c : subjects) {
            if (!c.isLabelled()) {
                throw new IllegalArgumentException("subject " + c.id() + " has no label map");
            }
        }
        if (subjects.stream().map(Case::id).distinct().count() != subjects.size()) {
            throw new IllegalArgumentException("subject ids must be unique: " + subjects.stream().map(Case::id).toList());
        }
        this.source = source;
        this.subjects = List.copyOf(subjects);
    }

    /** Slices with less foreground than this are skipped; default: at least one voxel. */
    public TaskBuilder minForeground(ForegroundThreshold t) {
        this.minForeground = t;
        return this;
    }

    /** Adds an entry to every built task's metadata (e.g. "image" → "ch2.nii.gz"). */
    public TaskBuilder metadata(String key, String value) {
        extraMetadata.put(key, value);
        return this;
    }

    /** The per-slice counts of a subject's label map (computed once per subject). */
    public SliceCounts counts(Case subject) {
        return countsBySubject.computeIfAbsent(subject.id(), id -> SliceCounts.of(subject.label()));
    }

    /** One task. */
    public Task build(LabelGrouping grouping, Axis axis) {
        return build(List.of(grouping), List.of(axis)).get(0);
    }

    /** Every grouping × axis (groupings outer, axes in axis order), sharing image slices. */
    public List<Task> build(List<LabelGrouping> groupings, Collection<Axis> axes) {
        Map<String, Volume> imageSlices = new HashMap<>();
        List<Task> tasks = new ArrayList<>();
        for (LabelGrouping g : groupings) {
            for (Axis axis : new TreeSet<>(axes)) {
                tasks.add(buildOne(g, axis, imageSlices));
            }
        }
        return tasks;
    }

    /** One binary task per named group of values (e.g. regions → lobes), × axis. */
    public List<Task> buildGroups(Map<String, java.util.Set<Integer>> groups, Collection<Axis> axes) {
        return build(LabelGrouping.binaryGroups(groups), axes);
    }

    /**
     * One binary task per foreground value present in any subject, × axis. Every kept slice is
     * cut (the 116 AAL regions × 3 axes of Colin27 are 13,383 label slices, about 2 GB as float32):
     * list with {@link TaskCatalog} first and build the tasks you need.
     */
    public List<Task> buildPerValue(Map<Integer, String> names, Collection<Axis> axes) {
        TreeSet<Integer> values = new TreeSet<>();
        for (Case c : subjects) {
            for (int v : counts(c).values()) {
                values.add(v);
            }
        }
        return build(LabelGrouping.perValue(values, names), axes);
    }

    private Task buildOne(LabelGrouping g, Axis axis, Map<String, Volume> imageSlices) {
        int[] lut = lookup(g);
        List<TaskSample> samples = new ArrayList<>();
        for (Case c : subjects) {
            SliceCounts counts = counts(c);
            int[] per = counts.perSlice(axis, g.foregroundValues());
            long area = counts.sliceArea(axis);
            for (int s = 0; s < per.length; s++) {
                if (!minForeground.keeps(per[s], area)) {
                    continue;
                }
                final int index = s;
                Volume image = imageSlices.computeIfAbsent(c.id() + "\u0000" + axis + "\u0000" + s, k -> imageSlice(c, axis, index));
                samples.add(new TaskSample(image, labelSlice(c.label(), axis, s, lut), c.id(), s));
            }
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("grouping", g.name());
        meta.put("classes", g.classes().stream().map(k -> k.name() + "=" + k.values()).collect(Collectors.joining("; ")));
        meta.put("minForeground", minForeground.toString());
        meta.put("subjects", String.valueOf(subjects.size()));
        meta.putAll(extraMetadata);
        return new Task(TaskCatalog.taskName(source, g.name(), axis), g.classNames(), axis, source, samples, meta);
    }

    /** value → class index (0 for values no class lists). */
    private static int[] lookup(LabelGrouping g) {
        int max = g.foregroundValues().stream().mapToInt(Integer::intValue).max().orElse(0);
        int[] lut = new int[max + 1];
        for (int k = 0; k < g.classes().size(); k++) {
            for (int v : g.classes().get(k).values()) {
                lut[v] = k + 1;
            }
        }
        return lut;
    }

    private static Volume labelSlice(Volume label, Axis axis, int s, int[] lut) {
        Volume raw = Slices.extract(label, axis, s);
        float[] d = raw.data(); // a fresh array from extract, safe to remap in place
        for (int i = 0; i < d.length; i++) {
            int v = (int) d[i];
            d[i] = v > 0 && v < lut.length ? lut[v] : 0;
        }
        return raw;
    }

    /** The slice of every channel, stacked as frames (nt = channels). */
    private static Volume imageSlice(Case c, Axis axis, int s) {
        if (c.numChannels() == 1) {
            return Slices.extract(c.channels().get(0), axis, s);
        }
        List<Volume> parts = new ArrayList<>();
        for (Volume ch : c.channels()) {
            parts.add(Slices.extract(ch, axis, s));
        }
        Volume first = parts.get(0);
        int n = first.frameSize();
        float[] all = new float[n * parts.size()];
        for (int k = 0; k < parts.size(); k++) {
            System.arraycopy(parts.get(k).data(), 0, all, k * n, n);
        }
        return new Volume(first.nx(), first.ny(), 1, parts.size(), all, first.affine());
    }
}
