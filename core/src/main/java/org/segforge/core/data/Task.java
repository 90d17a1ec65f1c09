package org.segforge.core.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.segforge.core.image.Axis;

/**
 * A named 2D segmentation problem: slices along one axis of one or more subjects, with labels
 * remapped to the task's classes (0 = background, then the classes of its
 * {@link LabelGrouping}). Images are raw (not normalised): callers normalise as their method
 * requires.
 *
 * @param name       unique name, e.g. "colin27-aal/Precentral_L/axial"
 * @param classNames class index → name, element 0 is "background"; two names = a binary task
 * @param axis       the axis the slices were cut along
 * @param source     where the volumes came from, in words (e.g. "colin27 ch2 + AAL atlas")
 * @param samples    the slices, ordered by subject then slice index
 * @param metadata   free-form facts worth keeping (label values, threshold, …)
 */
public record Task(String name, List<String> classNames, Axis axis, String source,
                   List<TaskSample> samples, Map<String, String> metadata) {
    public Task {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a task needs a name");
        }
        if (classNames == null || classNames.size() < 2) {
            throw new IllegalArgumentException("task " + name + " needs background and at least one class");
        }
        classNames = List.copyOf(classNames);
        samples = List.copyOf(samples);
        // keep the builder's order: metadata is printed in listings
        metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata == null ? Map.of() : metadata));
        source = source == null ? "" : source;
        Set<String> ids = new HashSet<>();
        for (TaskSample s : samples) {
            if (!ids.add(s.id())) {
                throw new IllegalArgumentException("task " + name + ": sample " + s.id() + " appears twice");
            }
        }
    }

    public boolean isBinary() {
        return classNames.size() == 2;
    }

    public int numClasses() {
        return classNames.size();
    }

    public int size() {
        return samples.size();
    }

    /** The distinct subjects, in sample order. */
    public List<String> subjects() {
        Set<String> s = new LinkedHashSet<>();
        for (TaskSample t : samples) {
            s.add(t.subjectId());
        }
        return List.copyOf(s);
    }

    /** The samples of the given subjects, in task order. */
    public List<TaskSample> samplesOfSubjects(Collection<String> subjectIds) {
        Set<String> want = new HashSet<>(subjectIds);
        List<TaskSample> out = new ArrayList<>();
        for (TaskSample t : samples) {
            if (want.contains(t.subjectId())) {
                out.add(t);
            }
        }
        return out;
    }

    /** The samples whose {@link TaskSample#id()} is listed, in task order. */
    public List<TaskSample> samplesWithIds(Collection<String> sampleIds) {
        Set<String> want = new HashSet<>(sampleIds);
        List<TaskSample> out = new ArrayList<>();
        for (TaskSample t : samples) {
            if (want.contains(t.id())) {
                out.add(t);
            }
        }
        return out;
    }
}
