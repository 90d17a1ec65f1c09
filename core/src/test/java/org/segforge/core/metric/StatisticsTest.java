package org.segforge.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.segforge.core.DataException;

/**
 * Reference values: lines "S1"–"S3" of src/test/resources/reference/metrics_reference.py
 * (scipy 1.10.1 {@code stats.ttest_rel}, {@code stats.ttest_ind(equal_var=False)},
 * {@code stats.t.interval(0.95, n-1, loc=mean, scale=sem)}), Debian's /usr/bin/python3.
 */
class StatisticsTest {
    private static final double[] A = {0.81, 0.77, 0.92, 0.68, 0.85, 0.79, 0.88};
    private static final double[] B = {0.78, 0.74, 0.90, 0.70, 0.80, 0.75, 0.86};
    private static final double[] C = {0.62, 0.71, 0.69, 0.75, 0.58};

    @Test
    void pairedTTestEqualsScipy() {
        TTestResult r = Statistics.pairedTTest(A, B);
        assertTrue(r.valid());
        assertEquals(2.8873064370687263, r.t(), 1e-9);
        assertEquals(0.027791147214975588, r.pValue(), 1e-9);
        assertEquals(6, r.df());
        assertEquals(7, r.n1());
    }

    @Test
    void welchTTestEqualsScipy() {
        TTestResult r = Statistics.welchTTest(A, C);
        assertTrue(r.valid());
        assertEquals(3.363864613191891, r.t(), 1e-9);
        assertEquals(0.007765532019419176, r.pValue(), 1e-9);
        assertEquals(9.465960989077786, r.df(), 1e-9);
    }

    @Test
    void meanStdAndConfidenceIntervalEqualScipy() {
        MeanStd ms = Statistics.meanStd(A);
        assertEquals(0.8142857142857143, ms.mean(), 1e-12);
        assertEquals(0.07892129895390361, ms.std(), 1e-12);
        assertEquals("0.814 ± 0.079", ms.format(3));
        ConfidenceInterval ci = Statistics.confidenceInterval95(A);
        assertEquals(0.7412956865666568, ci.lower(), 1e-9);
        assertEquals(0.8872757420047718, ci.upper(), 1e-9);
    }

    @Test
    void nanValuesAreLeftOut() {
        double[] a = {0.81, Double.NaN, 0.77, 0.92, 0.68, 0.85, 0.79, 0.88};
        double[] b = {0.78, 0.5, 0.74, 0.90, 0.70, 0.80, 0.75, 0.86};
        TTestResult r = Statistics.pairedTTest(a, b);
        assertEquals(2.8873064370687263, r.t(), 1e-9);
        assertEquals(7, r.n1());
        assertEquals(0.8142857142857143, Statistics.meanStd(a).mean(), 1e-12);
        assertEquals(7, Statistics.confidenceInterval95(a).n());
    }

    @Test
    void reportsArePairedByCaseName() throws DataException {
        // Method A and B as reports with the cases in opposite orders: MetricComparison pairs them
        // by name and must reproduce ttest_rel(A, B) (S1); an unmatched case is refused.
        MetricAccumulator ra = new MetricAccumulator(), rb = new MetricAccumulator();
        for (int i = 0; i < A.length; i++) {
            ra.add(new CaseMetrics("case" + i, Map.of(1, new LabelMetrics(A[i], 0, 0, 0, 0, 0, 0))));
        }
        for (int i = B.length - 1; i >= 0; i--) {
            rb.add(new CaseMetrics("case" + i, Map.of(1, new LabelMetrics(B[i], 0, 0, 0, 0, 0, 0))));
        }
        MetricComparison dice = MetricComparison.compare(ra.aggregate(), rb.aggregate()).stream()
                .filter(c -> c.label() == 1 && c.metric() == Metric.DICE).findFirst().orElseThrow();
        assertEquals(7, dice.n());
        assertEquals(2.8873064370687263, dice.test().t(), 1e-9);
        assertEquals(0.027791147214975588, dice.test().pValue(), 1e-9);
        rb.add(new CaseMetrics("only-in-b", Map.of(1, new LabelMetrics(0.1, 0, 0, 0, 0, 0, 0))));
        assertThrows(IllegalArgumentException.class, () -> MetricComparison.compare(ra.aggregate(), rb.aggregate()));
    }

    @Test
    void tooFewValuesGiveNaNWithAReason() {
        TTestResult r = Statistics.pairedTTest(new double[] {1}, new double[] {2});
        assertFalse(r.valid());
        assertTrue(Double.isNaN(r.t()) && Double.isNaN(r.pValue()));
        assertTrue(r.reason().contains("at least 2"), r.reason());
        TTestResult w = Statistics.welchTTest(new double[] {1, 2, 3}, new double[] {Double.NaN, 4});
        assertFalse(w.valid());
        assertTrue(w.reason().contains("3 and 1"), w.reason());
        assertFalse(Statistics.pairedTTest(new double[] {1, 2, 3}, new double[] {0, 1, 2}).valid()); // constant difference
        ConfidenceInterval ci = Statistics.confidenceInterval95(new double[] {0.5});
        assertFalse(ci.valid());
        assertEquals(0.5, ci.mean());
        assertTrue(Double.isNaN(ci.lower()));
        assertTrue(Double.isNaN(Statistics.meanStd(new double[] {0.5}).std()));
        assertThrows(IllegalArgumentException.class, () -> Statistics.pairedTTest(new double[2], new double[3]));
    }
}
