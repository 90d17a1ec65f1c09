package org.segforge.core.data;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * One foreground class of a task: a name and the label-map values that make it up (one value for
 * an atlas region, several for a group such as "left frontal lobe").
 */
public record LabelClass(String name, Set<Integer> values) {
    public LabelClass {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a label class needs a name");
        }
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("label class " + name + " has no label value");
        }
        for (int v : values) {
            if (v <= 0) {
                throw new IllegalArgumentException("label class " + name + ": value " + v + " is not a foreground value (> 0)");
            }
        }
        values = Collections.unmodifiableSet(new TreeSet<>(values));
    }

    public static LabelClass of(String name, int... values) {
        Set<Integer> s = new TreeSet<>();
        for (int v : values) {
            s.add(v);
        }
        return new LabelClass(name, s);
    }
}
