package org.segforge.nn.privacy;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Poisson sampling, the batch selection the RDP analysis assumes: every example joins independently
 * with probability q, so the batch size is Binomial(N, q) — it varies from step to step and may be 0.
 * Fixed-size or shuffled batches would need another accountant.
 */
public final class PoissonSampling {
    private PoissonSampling() {}

    /** The indices in [0, n), ascending, each included with probability q, drawn from {@code random}. */
    public static int[] draw(SplittableRandom random, int n, double q) {
        if (random == null || n < 0 || !(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("need a generator, n >= 0 and q in [0, 1]; got n = " + n + ", q = " + q);
        }
        int[] picked = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            // one draw per example whatever the outcome, so the stream does not depend on the data
            if (random.nextDouble() < q) {
                picked[k++] = i;
            }
        }
        return Arrays.copyOf(picked, k);
    }
}
