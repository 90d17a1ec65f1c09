package org.segforge.nn.train;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one step reported. {@code step} is 0-based: the row of step s describes the update that
 * took the model from s to s + 1 completed steps.
 */
public record StepRecord(long step, double seconds, Map<String, Double> metrics) {
    public StepRecord {
        metrics = java.util.Collections.unmodifiableMap(new TreeMap<>(metrics));
    }

    /** The step's "loss" metric, or NaN if it reported none. */
    public double loss() {
        return metrics.getOrDefault("loss", Double.NaN);
    }
}
