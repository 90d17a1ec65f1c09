package org.segforge.nn.train;

import java.util.Map;
import java.util.TreeMap;

/** Validation metrics after {@code completedSteps} steps. */
public record ValidationRecord(long completedSteps, Map<String, Double> metrics) {
    public ValidationRecord {
        metrics = java.util.Collections.unmodifiableMap(new TreeMap<>(metrics));
    }
}
