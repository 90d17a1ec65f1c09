package org.segforge.core.metric;

import java.util.Locale;

/**
 * Mean and sample standard deviation (ddof = 1) of the valid values.
 *
 * @param mean NaN when n = 0
 * @param std NaN when n &lt; 2
 * @param n number of non-NaN values used
 */
public record MeanStd(double mean, double std, int n) {

    /** E.g. "0.814 ± 0.079" with the given number of decimals. */
    public String format(int decimals) {
        String f = "%." + decimals + "f";
        return String.format(Locale.ROOT, f + " ± " + f, mean, std);
    }
}
