package org.segforge.core.metric;

/**
 * A two-sided confidence interval of a mean from Student's t distribution with n − 1 degrees of
 * freedom: mean ± t_{(1+level)/2, n−1} · s / √n.
 *
 * @param mean sample mean
 * @param lower lower bound (NaN when undefined)
 * @param upper upper bound (NaN when undefined)
 * @param level confidence level, e.g. 0.95
 * @param n number of non-NaN values used
 * @param reason empty when defined; otherwise why the bounds are NaN
 */
public record ConfidenceInterval(double mean, double lower, double upper, double level, int n, String reason) {

    /** True when the bounds are defined. */
    public boolean valid() {
        return reason.isEmpty();
    }
}
