package org.segforge.core.metric;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The metrics of one case (one prediction against its reference), per label value.
 *
 * @param name the case name (unique within a {@link MetricAccumulator})
 * @param labels label value → its metrics, in ascending label order (an unmodifiable copy)
 */
public record CaseMetrics(String name, Map<Integer, LabelMetrics> labels) {
    public CaseMetrics {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a case needs a name");
        }
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    }
}
