package org.segforge.core.metric;

/**
 * A two-sided t-test.
 *
 * @param test "paired" or "welch"
 * @param t the t statistic (first sample minus second)
 * @param df degrees of freedom (n − 1 paired; Welch–Satterthwaite for Welch)
 * @param pValue two-sided p-value
 * @param n1 valid values of the first sample (pairs, for the paired test)
 * @param n2 valid values of the second sample (pairs, for the paired test)
 * @param reason empty when the test was computed; otherwise why t, df and p are NaN
 */
public record TTestResult(String test, double t, double df, double pValue, int n1, int n2, String reason) {

    /** True when t, df and p are defined. */
    public boolean valid() {
        return reason.isEmpty();
    }

    static TTestResult undefined(String test, int n1, int n2, String reason) {
        return new TTestResult(test, Double.NaN, Double.NaN, Double.NaN, n1, n2, reason);
    }
}
