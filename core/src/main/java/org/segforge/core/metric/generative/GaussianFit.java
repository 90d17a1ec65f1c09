package org.segforge.core.metric.generative;

/**
 * A Gaussian fitted to a set of feature vectors: the sample mean and the unbiased sample
 * covariance (divisor n − 1, as {@code numpy.cov}).
 *
 * @param mean length d
 * @param covariance d × d, symmetric
 * @param count number of vectors it was fitted to (at least 2)
 */
public record GaussianFit(double[] mean, double[][] covariance, int count) {
    public GaussianFit {
        if (mean == null || covariance == null) {
            throw new IllegalArgumentException("mean and covariance are required");
        }
        if (covariance.length != mean.length) {
            throw new IllegalArgumentException("covariance has " + covariance.length + " rows for a mean of length " + mean.length);
        }
        for (double[] row : covariance) {
            if (row.length != mean.length) {
                throw new IllegalArgumentException("covariance is not square " + mean.length + " × " + mean.length);
            }
        }
        if (count < 2) {
            throw new IllegalArgumentException("a covariance needs at least 2 vectors, got " + count);
        }
    }

    /** Feature dimension d. */
    public int dimension() {
        return mean.length;
    }

    /**
     * Fits mean and unbiased covariance to {@code features} (n rows of d values), n ≥ 2.
     * Rows of the covariance are computed in parallel; the result does not depend on the thread count.
     */
    public static GaussianFit of(double[][] features) {
        Features.check(features, "features");
        int n = features.length, d = features[0].length;
        double[] mean = new double[d];
        for (double[] row : features) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        // Centre once (n × d), then each covariance row j is an independent sum over samples.
        double[][] c = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                c[i][j] = features[i][j] - mean[j];
            }
        }
        double[][] cov = new double[d][d];
        java.util.stream.IntStream.range(0, d).parallel().forEach(j -> {
            double[] out = cov[j];
            for (double[] row : c) {
                double v = row[j];
                for (int k = j; k < d; k++) {
                    out[k] += v * row[k];
                }
            }
            for (int k = j; k < d; k++) {
                out[k] /= n - 1;
            }
        });
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < j; k++) {
                cov[j][k] = cov[k][j];
            }
        }
        return new GaussianFit(mean, cov, n);
    }
}
