package org.segforge.core.metric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.segforge.core.DataException;
import org.segforge.core.image.Volume;

/**
 * Collects per-case metrics and summarises them per label and metric, in the manner of MONAI's
 * cumulative metrics ({@code update} / {@code aggregate} / {@code reset}): {@link #add} computes
 * one case with {@link SegmentationMetrics}, {@link #aggregate} returns every case plus a
 * {@link MetricSummary} per label and metric. Safe to call {@link #add} from several threads.
 */
public final class MetricAccumulator {
    /** Relative difference of voxel spacing above which prediction and reference disagree. */
    private static final double SPACING_TOLERANCE = 1e-4;

    private final List<CaseMetrics> cases = new ArrayList<>();

    /**
     * Computes and records the metrics of one case.
     *
     * @param caseName unique name of the case (a file stem, say)
     * @param prediction predicted label map
     * @param reference reference label map, same shape and spacing; its spacing is used
     * @param labels label values to evaluate (each reported even when absent from both volumes)
     * @throws DataException if the shapes or spacings differ, the volumes are 4D, or the name is
     *     already used; the message names the case and both shapes
     */
    public CaseMetrics add(String caseName, Volume prediction, Volume reference, int... labels) throws DataException {
        if (caseName == null || caseName.isEmpty()) {
            throw new IllegalArgumentException("a case needs a name");
        }
        if (labels.length == 0) {
            throw new IllegalArgumentException(caseName + ": no labels to evaluate");
        }
        if (!prediction.sameShape(reference)) {
            throw new DataException(caseName + ": prediction shape " + Arrays.toString(prediction.shape())
                    + " differs from reference shape " + Arrays.toString(reference.shape()));
        }
        if (reference.nt() > 1) {
            throw new DataException(caseName + ": label maps must be 3D, got shape " + Arrays.toString(reference.shape()));
        }
        double[] ps = prediction.spacing(), rs = reference.spacing();
        for (int a = 0; a < (reference.is2d() ? 2 : 3); a++) {
            if (Math.abs(ps[a] - rs[a]) > SPACING_TOLERANCE * rs[a]) {
                throw new DataException(caseName + ": prediction spacing " + Arrays.toString(ps)
                        + " differs from reference spacing " + Arrays.toString(rs));
            }
        }
        for (int l : labels) {
            if (l < 0) {
                throw new IllegalArgumentException(caseName + ": label values are not negative, got " + l);
            }
        }
        synchronized (cases) {
            if (hasCase(caseName)) {
                throw new DataException(caseName + ": a case of that name was already added");
            }
        }
        CaseMetrics c = new CaseMetrics(caseName, SegmentationMetrics.compute(prediction, reference, labels));
        add(c);
        return c;
    }

    /** Records metrics computed elsewhere (e.g. by another worker). */
    public void add(CaseMetrics c) throws DataException {
        synchronized (cases) {
            if (hasCase(c.name())) {
                throw new DataException(c.name() + ": a case of that name was already added");
            }
            cases.add(c);
        }
    }

    private boolean hasCase(String name) {
        return cases.stream().anyMatch(c -> c.name().equals(name));
    }

    /** The cases so far, in the order added. */
    public List<CaseMetrics> cases() {
        synchronized (cases) {
            return List.copyOf(cases);
        }
    }

    /**
     * All cases and, for every label seen in any case, a summary of each metric over the cases
     * that evaluated that label.
     */
    public MetricReport aggregate() {
        List<CaseMetrics> all = cases();
        Map<Integer, List<LabelMetrics>> byLabel = new TreeMap<>();
        for (CaseMetrics c : all) {
            c.labels().forEach((label, m) -> byLabel.computeIfAbsent(label, k -> new ArrayList<>()).add(m));
        }
        Map<Integer, Map<Metric, MetricSummary>> summary = new TreeMap<>();
        byLabel.forEach((label, list) -> {
            Map<Metric, MetricSummary> perMetric = new LinkedHashMap<>();
            for (Metric metric : Metric.values()) {
                perMetric.put(metric, MetricSummary.of(list.stream().mapToDouble(m -> m.get(metric)).toArray()));
            }
            summary.put(label, perMetric);
        });
        return new MetricReport(all, summary);
    }

    /** Forgets every case. */
    public void reset() {
        synchronized (cases) {
            cases.clear();
        }
    }
}
