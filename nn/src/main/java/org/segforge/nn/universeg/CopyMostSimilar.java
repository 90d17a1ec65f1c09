package org.segforge.nn.universeg;

import java.util.List;

/**
 * The trivial baseline: the label of the support image closest to the query (smallest sum of
 * squared pixel differences; the first one on ties).
 */
public record CopyMostSimilar() implements FewShotMethod {
    @Override
    public String name() {
        return "copy most similar";
    }

    @Override
    public float[] segment(float[] query, List<Pair2d> support, long seed) {
        return mostSimilar(query, support).label().clone();
    }

    /** The support pair whose image is closest to {@code query}. */
    public static Pair2d mostSimilar(float[] query, List<Pair2d> support) {
        return SupportRanking.byDistance(query, support).get(0);
    }
}
