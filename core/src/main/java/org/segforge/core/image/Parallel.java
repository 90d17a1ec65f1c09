package org.segforge.core.image;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Runs a loop body over {@code 0..n-1} on the common fork-join pool when the total work is large
 * enough to pay for the hand-off, and inline otherwise. Small 2D images (a 128×128 slice) are
 * resized thousands of times per epoch; forking for each would cost more than the arithmetic.
 */
final class Parallel {
    /** Below this many elementary operations the loop runs on the calling thread. */
    static final long MIN_PARALLEL_WORK = 1L << 16;

    private Parallel() {}

    /** Calls {@code body} for every item; {@code workPerItem} estimates the cost of one item. */
    static void forEach(int n, long workPerItem, IntConsumer body) {
        if (n > 1 && n * Math.max(1, workPerItem) >= MIN_PARALLEL_WORK) {
            IntStream.range(0, n).parallel().forEach(body);
        } else {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
        }
    }
}
