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
        if (support.isEmpty()) {
            throw new IllegalArgumentException("the support set is empty");
        }
        Pair2d best = null;
        double bestD = Double.POSITIVE_INFINITY;
        for (Pair2d p : support) {
            if (p.image().length != query.length) {
                throw new IllegalArgumentException("support image of " + p.image().length + " pixels, query of " + query.length);
            }
            double d = 0;
            for (int i = 0; i < query.length; i++) {
                double x = p.image()[i] - query[i];
                d += x * x;
            }
            if (d < bestD) {
                bestD = d;
                best = p;
            }
        }
        return best;
    }
}
