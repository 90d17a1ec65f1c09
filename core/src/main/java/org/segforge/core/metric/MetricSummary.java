package org.segforge.core.metric;

/**
 * One metric of one label summarised over the cases. NaN values (undefined metrics, e.g. a
 * distance when one mask is empty) are left out of the statistics and counted in nanCount, the way
 * MONAI's aggregate reports "not nans".
 *
 * @param mean mean of the n valid values (NaN when n = 0)
 * @param std sample standard deviation, ddof = 1 (NaN when n &lt; 2)
 * @param median median of the valid values (mean of the two middle ones when n is even)
 * @param n number of valid (non-NaN) values
 * @param nanCount number of NaN values left out
 */
public record MetricSummary(double mean, double std, double median, int n, int nanCount) {

    /** Summarises values; NaN entries are counted and skipped. */
    public static MetricSummary of(double[] values) {
        double[] v = java.util.Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
        int n = v.length;
        int nan = values.length - n;
        if (n == 0) {
            return new MetricSummary(Double.NaN, Double.NaN, Double.NaN, 0, nan);
        }
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= n;
        double std = Double.NaN;
        if (n >= 2) {
            double ss = 0;
            for (double x : v) {
                ss += (x - mean) * (x - mean);
            }
            std = Math.sqrt(ss / (n - 1));
        }
        double median = n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
        return new MetricSummary(mean, std, median, n, nan);
    }
}
