package org.segforge.core.metric;

import java.util.Arrays;
import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.stat.inference.TTest;

/**
 * Statistics for comparing methods over cases: two-sided paired and Welch t-tests, mean ± std and
 * the t confidence interval of a mean. Statistics and p-values come from Hipparchus 3.1
 * ({@link TTest}, {@link TDistribution}); they agree with scipy's {@code ttest_rel},
 * {@code ttest_ind(equal_var=False)} and {@code t.interval}.
 *
 * <p>NaN values (undefined metrics) are left out — for the paired test the whole pair — as scipy
 * does with {@code nan_policy='omit'}. Where a test cannot be computed (fewer than two values, or
 * zero variance) the result holds NaN and a reason instead of throwing. {@link MetricComparison}
 * applies the paired test to two whole evaluations.
 */
public final class Statistics {
    private Statistics() {}

    /** Two-sided paired t-test of a − b. The arrays must have the same length (pairs). */
    public static TTestResult pairedTTest(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("a paired test needs samples of equal length, got " + a.length + " and " + b.length);
        }
        int n = 0;
        double[] x = new double[a.length], y = new double[b.length];
        for (int i = 0; i < a.length; i++) {
            if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
                x[n] = a[i];
                y[n] = b[i];
                n++;
            }
        }
        x = Arrays.copyOf(x, n);
        y = Arrays.copyOf(y, n);
        if (n < 2) {
            return TTestResult.undefined("paired", n, n, "a paired t-test needs at least 2 valid pairs, got " + n);
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = x[i] - y[i];
        }
        if (variance(d) == 0) {
            return TTestResult.undefined("paired", n, n, "the paired differences have zero variance");
        }
        TTest test = new TTest();
        return new TTestResult("paired", test.pairedT(x, y), n - 1, test.pairedTTest(x, y), n, n, "");
    }

    /** Two-sided Welch t-test (unequal variances) of mean(a) − mean(b). */
    public static TTestResult welchTTest(double[] a, double[] b) {
        double[] x = valid(a), y = valid(b);
        if (x.length < 2 || y.length < 2) {
            return TTestResult.undefined("welch", x.length, y.length,
                    "a Welch t-test needs at least 2 valid values per sample, got " + x.length + " and " + y.length);
        }
        double vx = variance(x) / x.length, vy = variance(y) / y.length;
        if (vx + vy == 0) {
            return TTestResult.undefined("welch", x.length, y.length, "both samples have zero variance");
        }
        // Welch–Satterthwaite degrees of freedom (Hipparchus computes the same internally but
        // does not expose it).
        double df = (vx + vy) * (vx + vy) / (vx * vx / (x.length - 1) + vy * vy / (y.length - 1));
        TTest test = new TTest();
        return new TTestResult("welch", test.t(x, y), df, test.tTest(x, y), x.length, y.length, "");
    }

    /** Mean and sample standard deviation of the non-NaN values. */
    public static MeanStd meanStd(double[] values) {
        double[] v = valid(values);
        return new MeanStd(v.length == 0 ? Double.NaN : mean(v), v.length < 2 ? Double.NaN : Math.sqrt(variance(v)), v.length);
    }

    /** The 95 % confidence interval of the mean of the non-NaN values. */
    public static ConfidenceInterval confidenceInterval95(double[] values) {
        return confidenceInterval(values, 0.95);
    }

    /** The two-sided confidence interval of the mean at the given level (0 &lt; level &lt; 1). */
    public static ConfidenceInterval confidenceInterval(double[] values, double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), got " + level);
        }
        double[] v = valid(values);
        int n = v.length;
        double mean = n == 0 ? Double.NaN : mean(v);
        if (n < 2) {
            return new ConfidenceInterval(mean, Double.NaN, Double.NaN, level, n,
                    "a confidence interval needs at least 2 valid values, got " + n);
        }
        double half = new TDistribution(n - 1).inverseCumulativeProbability(0.5 + level / 2) * Math.sqrt(variance(v) / n);
        return new ConfidenceInterval(mean, mean - half, mean + half, level, n, "");
    }

    private static double[] valid(double[] v) {
        return Arrays.stream(v).filter(x -> !Double.isNaN(x)).toArray();
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** Sample variance, ddof = 1 (two-pass). */
    private static double variance(double[] v) {
        double m = mean(v), ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return ss / (v.length - 1);
    }
}
