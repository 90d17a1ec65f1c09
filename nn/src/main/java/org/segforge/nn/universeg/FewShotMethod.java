package org.segforge.nn.universeg;

import java.util.List;

/**
 * A way to segment a query from a labelled support set of the same task, compared by
 * {@link HeldOutEvaluation}: UniverSeg ({@link UniverSegMethod}), the copy-the-most-similar
 * baseline ({@link CopyMostSimilar}) and a U-Net trained on the support ({@link SupervisedUNet}).
 */
public interface FewShotMethod {
    /** A short label for tables and plots. */
    String name();

    /**
     * The foreground map of {@code query} (size², row-major, foreground where &gt; 0.5).
     *
     * @param query   the query image at the support's size, normalised like the support images
     * @param support one or more pairs of the same task
     * @param seed    for whatever the method draws (subsets, initial weights, batches)
     */
    float[] segment(float[] query, List<Pair2d> support, long seed);
}
