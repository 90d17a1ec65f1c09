package org.segforge.core.data;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One split of item ids (subject ids or sample ids) into train, validation and test. The parts are
 * disjoint: an id in two parts is refused. Stored as JSON the way nnU-Net's splits_final.json
 * stores a fold ({"train": [...], "val": [...]}), with "test" added.
 */
public record Fold(List<String> train, List<String> val, List<String> test) {
    public Fold {
        train = train == null ? List.of() : List.copyOf(train);
        val = val == null ? List.of() : List.copyOf(val);
        test = test == null ? List.of() : List.copyOf(test);
        Set<String> seen = new HashSet<>();
        for (List<String> part : List.of(train, val, test)) {
            Set<String> inPart = new HashSet<>();
            for (String id : part) {
                if (!inPart.add(id)) {
                    throw new IllegalArgumentException("id '" + id + "' is listed twice in one part of a fold");
                }
                if (!seen.add(id)) {
                    throw new IllegalArgumentException("id '" + id + "' is in two parts of a fold (leakage)");
                }
            }
        }
    }

    public int size() {
        return train.size() + val.size() + test.size();
    }
}
