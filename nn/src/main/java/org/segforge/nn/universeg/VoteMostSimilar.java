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
        List<Pair2d> chosen = SupportRanking.mostSimilar(query, support, m);
        float[] mean = new float[query.length];
        for (Pair2d example : chosen) {
            float[] l = example.label();
            for (int j = 0; j < mean.length; j++) {
                mean[j] += l[j] / chosen.size();
            }
        }
        return mean;
    }
}
