package org.segforge.nn.universeg;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Support pairs ordered by how similar their image is to the query: smallest sum of squared pixel
 * differences first, ties in the given order. The copy baseline takes the first; UniverSeg with
 * support selection takes the first k.
 */
public final class SupportRanking {
    private SupportRanking() {}

    /** The support pairs, most similar to {@code query} first. */
    public static List<Pair2d> byDistance(float[] query, List<Pair2d> support) {
        List<float[]> images = new ArrayList<>(support.size());
        for (Pair2d p : support) {
            images.add(p.image());
        }
        List<Pair2d> out = new ArrayList<>(support.size());
        for (int k : order(query, images)) {
            out.add(support.get(k));
        }
        return out;
    }

    /** The {@code k} support pairs most similar to {@code query}, most similar first (all of them when there are at most k). */
    public static List<Pair2d> mostSimilar(float[] query, List<Pair2d> support, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be ≥ 1, got " + k);
        }
        List<Pair2d> ranked = byDistance(query, support);
        return ranked.subList(0, Math.min(k, ranked.size()));
    }

    /** Indices of {@code images}, the one most similar to {@code query} first. */
    public static List<Integer> order(float[] query, List<float[]> images) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("the support set is empty");
        }
        double[] d = new double[images.size()];
        List<Integer> order = new ArrayList<>(images.size());
        for (int k = 0; k < images.size(); k++) {
            float[] img = images.get(k);
            if (img.length != query.length) {
                throw new IllegalArgumentException("support image of " + img.length + " pixels, query of " + query.length);
            }
            double s = 0;
            for (int i = 0; i < query.length; i++) {
                double x = img[i] - query[i];
                s += x * x;
            }
            d[k] = s;
            order.add(k);
        }
        order.sort(Comparator.comparingDouble(k -> d[k])); // stable: ties keep the given order
        return order;
    }
}
