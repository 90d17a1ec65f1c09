package org.segforge.nn.seg;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.segforge.core.data.Case;
import org.segforge.core.metric.CaseMetrics;
import org.segforge.core.metric.LabelMetrics;
import org.segforge.core.metric.SegmentationMetrics;

/**
 * A model's segmentations of labelled cases scored against their labels with the core metrics
 * (Dice, HD95, … per foreground class), by sliding-window inference at the training patch size.
 */
public final class SegEvaluation {
    private SegEvaluation() {}

    /**
     * Metrics of every foreground class (1..classes−1) of every case, in case order.
     *
     * @param manager arrays of the inference live in sub-managers of it, closed per batch
     */
    public static List<CaseMetrics> evaluate(SegModel model, List<Case> cases, boolean mirror, double overlap, NDManager manager) {
        SlidingWindowPredictor.Options o = SlidingWindowPredictor.Options.of(model.config().patch()).withMirror(mirror).withOverlap(overlap);
        SlidingWindowPredictor p = new SlidingWindowPredictor(model.segmentationModel(), manager, o);
        int[] labels = IntStream.range(1, model.config().net().classes()).toArray();
        List<CaseMetrics> out = new ArrayList<>(cases.size());
        for (Case c : cases) {
            if (!c.isLabelled()) {
                throw new IllegalArgumentException("case " + c.id() + " has no label to evaluate against");
            }
            Prediction pred = p.predict(SegTrainer.image(c));
            out.add(new CaseMetrics(c.id(), SegmentationMetrics.compute(pred.labels(), c.label(), labels)));
        }
        return out;
    }

    /** {@link #evaluate} in a scope of the model's own manager. */
    public static List<CaseMetrics> evaluate(SegModel model, List<Case> cases, boolean mirror, double overlap) {
        try (NDManager scope = model.manager().newSubManager()) {
            return evaluate(model, cases, mirror, overlap, scope);
        }
    }

    /** Per case, the Dice averaged over its foreground classes. */
    public static double[] caseDice(List<CaseMetrics> metrics) {
        return metrics.stream().mapToDouble(m -> m.labels().values().stream().mapToDouble(LabelMetrics::dice).average().orElse(Double.NaN)).toArray();
    }

    /** The mean over cases of {@link #caseDice}. */
    public static double meanDice(List<CaseMetrics> metrics) {
        double[] d = caseDice(metrics);
        double s = 0;
        for (double v : d) {
            s += v;
        }
        return d.length == 0 ? Double.NaN : s / d.length;
    }

    /** Per case, the HD95 (mm) averaged over its foreground classes (NaN when a class is missing on one side). */
    public static double[] caseHd95(List<CaseMetrics> metrics) {
        return metrics.stream().mapToDouble(m -> m.labels().values().stream().mapToDouble(LabelMetrics::hd95).average().orElse(Double.NaN)).toArray();
    }
}
