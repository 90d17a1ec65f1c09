package org.segforge.nn.features;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.segforge.core.image.Intensity;
import org.segforge.core.image.Volume;
import org.segforge.core.metric.generative.FidResult;
import org.segforge.core.metric.generative.FrechetDistance;
import org.segforge.core.metric.generative.PrdConfig;
import org.segforge.core.metric.generative.PrdResult;
import org.segforge.core.metric.generative.PrecisionRecallDistributions;

/**
 * Scores synthetic samples against real ones: each image min-max normalised to [0, 1] on its own
 * (as every SegForge method normalises its inputs), features from the shipped
 * {@link FeatureNetwork} (3D network for volumes, 2D for images), then FID on all samples and PRD
 * on a balanced subsample — PRD's clustering would favour the larger set otherwise, so the larger
 * set is subsampled to the smaller one's size without replacement, seeded by the PRD seed.
 */
public final class GenerativeEvaluator {
    private GenerativeEvaluator() {}

    /**
     * Scores one synthetic set against the real one.
     *
     * @param network3d the 3D feature network, used when the samples have nz &gt; 1
     * @param network2d the 2D feature network, used when the samples have nz = 1
     * @param withLabels feed the label channel (both sets need labels then)
     */
    public static GenerativeEvaluation evaluate(SampleSet real, SampleSet synthetic, FeatureNetwork network3d,
            FeatureNetwork network2d, boolean withLabels, PrdConfig prd) {
        return evaluate(real, List.of(synthetic), network3d, network2d, withLabels, prd).get(0);
    }

    /**
     * Scores several synthetic sets (e.g. one per WGAN variant) against one real set, whose
     * features are computed once. Every set is checked before any feature is computed.
     */
    public static List<GenerativeEvaluation> evaluate(SampleSet real, List<SampleSet> synthetics, FeatureNetwork network3d,
            FeatureNetwork network2d, boolean withLabels, PrdConfig prd) {
        if (synthetics.isEmpty()) {
            throw new IllegalArgumentException("no synthetic set to evaluate");
        }
        int[] rs = real.shape();
        for (SampleSet synthetic : synthetics) {
            int[] ss = synthetic.shape();
            if (rs[0] != ss[0] || rs[1] != ss[1] || rs[2] != ss[2]) {
                throw new IllegalArgumentException(real.name() + " samples are " + rs[0] + "×" + rs[1] + "×" + rs[2] + ", " + synthetic.name() + " "
                        + ss[0] + "×" + ss[1] + "×" + ss[2] + ": features are only comparable for one sample shape");
            }
            if (withLabels && (real.labels() == null || synthetic.labels() == null)) {
                throw new IllegalArgumentException("label features asked for but " + (real.labels() == null ? real.name() : synthetic.name())
                        + " has no labels");
            }
            if (real.size() < 2 || synthetic.size() < 2) {
                throw new IllegalArgumentException("FID needs at least 2 samples per set: " + real.name() + " has " + real.size()
                        + ", " + synthetic.name() + " " + synthetic.size());
            }
        }
        FeatureNetwork net = rs[2] > 1 ? network3d : network2d;
        if (net == null || net.config().dims() != (rs[2] > 1 ? 3 : 2)) {
            throw new IllegalArgumentException("a " + (rs[2] > 1 ? 3 : 2) + "D feature network is needed for " + rs[0] + "×" + rs[1] + "×" + rs[2] + " samples");
        }
        double[][] fr = features(net, real, withLabels);
        List<GenerativeEvaluation> out = new ArrayList<>();
        for (SampleSet synthetic : synthetics) {
            double[][] fs = features(net, synthetic, withLabels);
            FidResult fid = FrechetDistance.compute(fr, fs);
            int n = Math.min(fr.length, fs.length);
            // the same seed for every set: each is subsampled and clustered as it would be alone
            SplittableRandom rng = new SplittableRandom(prd.seed());
            PrdResult p = PrecisionRecallDistributions.compute(subsample(fr, n, rng.split()), subsample(fs, n, rng.split()), prd);
            out.add(new GenerativeEvaluation(net.version(), net.config().dims(), rs, withLabels, real.name(), synthetic.name(), fid, p));
        }
        return out;
    }

    /** Features of a set, each image normalised to [0, 1] first. */
    static double[][] features(FeatureNetwork net, SampleSet set, boolean withLabels) {
        List<Volume> images = new ArrayList<>(set.size());
        for (Volume v : set.images()) {
            images.add(Intensity.minMax(v.nt() > 1 ? v.frame(0) : v));
        }
        return net.embed(images, withLabels ? set.labels() : null);
    }

    /** {@code n} rows without replacement (a seeded partial Fisher–Yates shuffle), in drawn order. */
    static double[][] subsample(double[][] rows, int n, SplittableRandom rng) {
        if (n >= rows.length) {
            return rows;
        }
        int[] idx = new int[rows.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            int j = i + rng.nextInt(rows.length - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
            out[i] = rows[idx[i]];
        }
        return out;
    }
}
