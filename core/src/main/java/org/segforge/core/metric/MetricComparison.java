package org.segforge.core.metric;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Two evaluations of the same cases compared metric by metric with a two-sided paired t-test:
 * e.g. a baseline against a model trained with augmentation. Cases are paired by name; a case in
 * one report only is an error, because an unpaired case would bias the comparison silently.
 * Pairs where either value is undefined (NaN, e.g. HD95 of an empty prediction) are left out of
 * that metric's test and counted.
 *
 * @param label    label value
 * @param metric   the metric
 * @param n        pairs with both values defined
 * @param left     mean ± std of the first report over those pairs
 * @param right    mean ± std of the second report over those pairs
 * @param meanDiff mean of (second − first)
 * @param test     the paired t-test
 */
public record MetricComparison(int label, Metric metric, int n, MeanStd left, MeanStd right, double meanDiff, TTestResult test) {

    public static List<MetricComparison> compare(MetricReport a, MetricReport b) {
        Map<String, CaseMetrics> left = byName(a);
        Map<String, CaseMetrics> right = byName(b);
        Set<String> onlyLeft = new TreeSet<>(left.keySet());
        onlyLeft.removeAll(right.keySet());
        Set<String> onlyRight = new TreeSet<>(right.keySet());
        onlyRight.removeAll(left.keySet());
        if (!onlyLeft.isEmpty() || !onlyRight.isEmpty()) {
            throw new IllegalArgumentException("the evaluations are not of the same cases: only in the first "
                + onlyLeft + ", only in the second " + onlyRight);
        }
        Set<Integer> labels = new TreeSet<>(a.summary().keySet());
        labels.retainAll(b.summary().keySet());
        List<MetricComparison> out = new ArrayList<>();
        for (int label : labels) {
            for (Metric metric : Metric.values()) {
                List<double[]> pairs = new ArrayList<>();
                for (var e : left.entrySet()) {
                    LabelMetrics l = e.getValue().labels().get(label);
                    LabelMetrics r = right.get(e.getKey()).labels().get(label);
                    if (l != null && r != null && Double.isFinite(l.get(metric)) && Double.isFinite(r.get(metric))) {
                        pairs.add(new double[] {l.get(metric), r.get(metric)});
                    }
                }
                double[] x = new double[pairs.size()];
                double[] y = new double[pairs.size()];
                double diff = 0;
                for (int i = 0; i < x.length; i++) {
                    x[i] = pairs.get(i)[0];
                    y[i] = pairs.get(i)[1];
                    diff += y[i] - x[i];
                }
                out.add(new MetricComparison(label, metric, x.length, Statistics.meanStd(x), Statistics.meanStd(y),
                    x.length == 0 ? Double.NaN : diff / x.length, Statistics.pairedTTest(x, y)));
            }
        }
        return out;
    }

    private static Map<String, CaseMetrics> byName(MetricReport r) {
        Map<String, CaseMetrics> m = new LinkedHashMap<>();
        for (CaseMetrics c : r.cases()) {
            if (m.put(c.name(), c) != null) {
                throw new IllegalArgumentException("case " + c.name() + " appears twice in one evaluation");
            }
        }
        return m;
    }
}
