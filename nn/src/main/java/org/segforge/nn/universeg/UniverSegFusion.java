package org.segforge.nn.universeg;

import java.util.List;
import java.util.function.Function;

/**
 * Label fusion over UniverSeg's one-shot predictions: the m support examples most similar to the
 * query ({@link SupportRanking}) each segment the query alone, and their foreground probabilities
 * are averaged. This is multi-atlas label fusion with UniverSeg as the label propagator, the
 * alternative to one pass over the m examples, in which the network averages its support entries'
 * features. Measured on the held-out Brodmann tasks (docs/RESULTS.md, M5), neither beats the single
 * most similar example: on one subject's slices the second most similar example is usually far
 * enough away that its label disagrees with the query's.
 *
 * @param model the network (not closed here)
 * @param m     how many of the most similar examples to fuse, ≥ 1 (all of them when n ≤ m)
 */
public record UniverSegFusion(UniverSegModel model, int m) implements FewShotMethod {
    public UniverSegFusion {
        if (model == null || m < 1) {
            throw new IllegalArgumentException("need a model and m ≥ 1, got " + m);
        }
    }

    @Override
    public String name() {
        return "UniverSeg, fusion of " + m + " most similar";
    }

    @Override
    public float[] segment(float[] query, List<Pair2d> support, long seed) {
        return fuse(query, support, m, example -> model.predict(query, List.of(example)));
    }

    /**
     * The mean, pixel by pixel, of {@code perExample} over the {@code m} support examples most
     * similar to the query: the fusion step shared with {@link VoteMostSimilar}, whose per-example
     * map is the example's own label.
     */
    static float[] fuse(float[] query, List<Pair2d> support, int m, Function<Pair2d, float[]> perExample) {
        List<Pair2d> chosen = SupportRanking.mostSimilar(query, support, m);
        float[] mean = new float[query.length];
        for (Pair2d example : chosen) {
            float[] p = perExample.apply(example);
            for (int j = 0; j < mean.length; j++) {
                mean[j] += p[j] / chosen.size();
            }
        }
        return mean;
    }
}
