package org.segforge.nn.universeg;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.segforge.core.metric.Statistics;

/**
 * Dice on held-out tasks against support size, for UniverSeg and for the trivial baseline that
 * copies the label of the support image most similar to the query (smallest mean squared
 * difference of the normalised images). Each episode draws a task, a query and n support pairs
 * (no augmentation) from a generator seeded by (seed, episode), so every support size and both
 * methods see the same tasks and queries, and the support sets are nested prefixes of one draw.
 *
 * @param supportSize n
 * @param episodes    number of episodes
 * @param universeg   mean Dice of UniverSeg (sigmoid > 0.5)
 * @param universegSd its standard deviation over episodes
 * @param baseline    mean Dice of the most-similar-support baseline
 * @param baselineSd  its standard deviation
 */
public record HeldOutEvaluation(int supportSize, int episodes, double universeg, double universegSd, double baseline,
                                double baselineSd) {
    /** Evaluates every support size in {@code sizes} on the same {@code episodes} episodes. */
    public static List<HeldOutEvaluation> run(UniverSegModel model, List<EpisodeTask> tasks, int[] sizes, int episodes, long seed) {
        int s = model.config().size();
        int maxN = 0;
        for (int n : sizes) {
            maxN = Math.max(maxN, n);
        }
        double[][] u = new double[sizes.length][episodes], b = new double[sizes.length][episodes];
        for (int e = 0; e < episodes; e++) {
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + e);
            EpisodeTask task = tasks.get(r.nextInt(tasks.size()));
            EpisodeTask.Sampler sampler = task.episode(r.split(), s);
            Pair2d query = sampler.next(r);
            List<Pair2d> support = new ArrayList<>();
            for (int i = 0; i < maxN; i++) {
                support.add(sampler.next(r));
            }
            for (int k = 0; k < sizes.length; k++) {
                List<Pair2d> sub = support.subList(0, sizes[k]);
                float[] p = model.predict(query.image(), sub);
                u[k][e] = dice(p, query.label());
                b[k][e] = dice(mostSimilar(query, sub).label(), query.label());
            }
        }
        List<HeldOutEvaluation> out = new ArrayList<>();
        for (int k = 0; k < sizes.length; k++) {
            out.add(new HeldOutEvaluation(sizes[k], episodes, Statistics.meanStd(u[k]).mean(), Statistics.meanStd(u[k]).std(), Statistics.meanStd(b[k]).mean(), Statistics.meanStd(b[k]).std()));
        }
        return out;
    }

    static Pair2d mostSimilar(Pair2d query, List<Pair2d> support) {
        Pair2d best = null;
        double bestD = Double.POSITIVE_INFINITY;
        for (Pair2d p : support) {
            double d = 0;
            for (int i = 0; i < p.image().length; i++) {
                double x = p.image()[i] - query.image()[i];
                d += x * x;
            }
            if (d < bestD) {
                bestD = d;
                best = p;
            }
        }
        return best;
    }

    /** Dice of (prediction > 0.5) against (label > 0.5); 1 when both are empty. */
    static double dice(float[] prediction, float[] label) {
        return BinaryDice.of(prediction, 0.5f, label, 0, label.length);
    }

}
