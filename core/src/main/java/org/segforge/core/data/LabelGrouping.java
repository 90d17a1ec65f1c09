package org.segforge.core.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How label-map values become the classes of a task: one class (a binary task: background vs the
 * class) or several disjoint classes (a multi-class task; class i+1 is {@code classes.get(i)}).
 * Values of the label map that no class lists become background.
 *
 * @param name    the grouping's name, used in task names (e.g. "Precentral_L", "lobes")
 * @param classes the foreground classes in class-index order, pairwise disjoint
 */
public record LabelGrouping(String name, List<LabelClass> classes) {
    public LabelGrouping {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a label grouping needs a name");
        }
        if (classes == null || classes.isEmpty()) {
            throw new IllegalArgumentException("label grouping " + name + " has no class");
        }
        classes = List.copyOf(classes);
        Set<Integer> seen = new HashSet<>();
        for (LabelClass c : classes) {
            for (int v : c.values()) {
                if (!seen.add(v)) {
                    throw new IllegalArgumentException("label grouping " + name + ": value " + v + " is in two classes");
                }
            }
        }
    }

    /** A binary grouping: the values together are the one foreground class, named like the grouping. */
    public static LabelGrouping binary(String name, Set<Integer> values) {
        return new LabelGrouping(name, List.of(new LabelClass(name, values)));
    }

    /** A multi-class grouping: class name → the values it covers, in class order. */
    public static LabelGrouping multiClass(String name, Map<String, Set<Integer>> classes) {
        List<LabelClass> list = new ArrayList<>();
        classes.forEach((n, v) -> list.add(new LabelClass(n, v)));
        return new LabelGrouping(name, list);
    }

    /** One binary grouping per name → values entry (e.g. regions grouped into lobes). */
    public static List<LabelGrouping> binaryGroups(Map<String, Set<Integer>> groups) {
        List<LabelGrouping> list = new ArrayList<>();
        groups.forEach((n, v) -> list.add(binary(n, v)));
        return list;
    }

    /**
     * One binary grouping per foreground value, named from {@code names} (value → name) or
     * "label_V" when the value has no name; value 0 is skipped.
     */
    public static List<LabelGrouping> perValue(Collection<Integer> values, Map<Integer, String> names) {
        List<LabelGrouping> list = new ArrayList<>();
        for (int v : new TreeSet<>(values)) {
            if (v == 0) {
                continue;
            }
            String n = names == null ? null : names.get(v);
            list.add(binary(n == null || n.isBlank() ? "label_" + v : n, Set.of(v)));
        }
        return list;
    }

    public boolean isBinary() {
        return classes.size() == 1;
    }

    /** "background" followed by the class names: the name of class index i is element i. */
    public List<String> classNames() {
        List<String> names = new ArrayList<>();
        names.add("background");
        for (LabelClass c : classes) {
            names.add(c.name());
        }
        return names;
    }

    /** Every value that is foreground in this grouping. */
    public Set<Integer> foregroundValues() {
        Set<Integer> all = new TreeSet<>();
        for (LabelClass c : classes) {
            all.addAll(c.values());
        }
        return all;
    }
}
