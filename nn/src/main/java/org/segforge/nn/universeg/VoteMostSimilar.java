package org.segforge.nn.universeg;

import java.util.List;

/**
 * The copy baseline with label fusion: the mean of the labels of the m support examples most
 * similar to the query ({@link SupportRanking}), foreground where more than half of them agree
 * (m = 1 is {@link CopyMostSimilar}). The peer of {@link UniverSegFusion} without a network: it
 * tells how much of that method's gain comes from fusing alone.
 *
 * @param m how many of the most similar examples vote, ≥ 1 (all of them when n ≤ m)
 */
public record VoteMostSimilar(int m) implements FewShotMethod {
    public VoteMostSimilar {
        if (m < 1) {
            throw new IllegalArgumentException("need m ≥ 1, got " + m);
        }
    }

    @Override
    public String name() {
        return "vote of " + m + " most similar";
    }

    @Override
    public float[] segment(float[] query, List<Pair2d> support, long seed) {
        return UniverSegFusion.fuse(query, support, m, Pair2d::label);
    }
}
