package org.segforge.nn.universeg;

import java.util.List;

/**
 * UniverSeg with support selection: of the n labelled examples, only the k whose images are most
 * similar to the query ({@link SupportRanking}) go through the network. On one subject's slices the
 * most similar examples are the neighbouring slices, whose labels are nearly the query's; the
 * network then adapts them to the query instead of copying one (the copy baseline).
 *
 * @param model the network (not closed here)
 * @param k     how many of the most similar examples to use, ≥ 1 (all of them when n ≤ k)
 */
public record UniverSegNearest(UniverSegModel model, int k) implements FewShotMethod {
    public UniverSegNearest {
        if (model == null || k < 1) {
            throw new IllegalArgumentException("need a model and k ≥ 1, got " + k);
        }
    }

    @Override
    public String name() {
        return "UniverSeg, " + k + " most similar";
    }

    @Override
    public float[] segment(float[] query, List<Pair2d> support, long seed) {
        return model.predict(query, SupportRanking.mostSimilar(query, support, k));
    }
}
