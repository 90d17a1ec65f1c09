package org.segforge.cli.demo;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.segforge.cli.experiment.FewSliceTraining;
import org.segforge.cli.report.ContactSheet;
import org.segforge.cli.report.LossCurvePlot;
import org.segforge.cli.report.Overlay;
import org.segforge.cli.report.Report;
import org.segforge.core.DataException;
import org.segforge.core.data.Case;
import org.segforge.core.data.Fold;
import org.segforge.core.data.LabelGrouping;
import org.segforge.core.data.Splits;
import org.segforge.core.data.Task;
import org.segforge.core.data.TaskBuilder;
import org.segforge.core.data.TaskSample;
import org.segforge.core.image.Axis;
import org.segforge.core.metric.MeanStd;
import org.segforge.core.metric.Statistics;
import org.segforge.nn.seg.Prediction;
import org.segforge.nn.seg.SegEvaluation;
import org.segforge.nn.seg.SegTrainingConfig;

/**
 * M0's supervised baseline: a U-Net (cpu preset) trained on 10 labelled axial slices of the
 * Colin27 brain mask, scored on held-out slices beyond a gap, with the loss curve and predictions.
 */
public final class BaselineSection implements DemoSection {
    static final int LABELLED = 10;
    static final int GAP = 5;
    /** Full run: ~2 min on 2 idle cores (≈0.3 s/step at 128×128, batch 8). */
    static final int STEPS = 300;
    static final int QUICK_STEPS = 3;

    @Override
    public String name() {
        return "baseline";
    }

    @Override
    public void run(DemoContext ctx, Report report) throws DataException {
        DemoData d = ctx.data();
        Task task = new TaskBuilder("colin27", List.of(Case.of("colin27", d.t1(), d.brainMask()))).minForeground(TasksSection.MIN_FOREGROUND)
            .build(LabelGrouping.binary("brain", Set.of(1)), Axis.AXIAL);
        Fold fold = FewSliceTraining.split(task, LABELLED, GAP, ctx.seed());
        SegTrainingConfig cfg = SegTrainingConfig.cpu(2, 1, 2).withSteps(ctx.quick() ? QUICK_STEPS : STEPS).withSeed(ctx.seed());
        if (ctx.quick()) {
            cfg = cfg.withPatch(cfg.patchSize(), 2); // the quick run only shows that the section works
        }
        int stride = ctx.quick() ? 40 : 4;
        try (FewSliceTraining r = FewSliceTraining.run(task, fold, cfg, stride, null)) {
            double[] dice = SegEvaluation.caseDice(r.metrics());
            double[] hd = SegEvaluation.caseHd95(r.metrics());
            MeanStd ds = Statistics.meanStd(dice);
            MeanStd hs = Statistics.meanStd(finite(hd));
            report.heading("Supervised baseline (M0)");
            report.paragraph(String.format(Locale.ROOT,
                "A 2D U-Net (preset %s: width %d, depth %d, %,d parameters) trained for %d steps (batch %d of %d×%d patches, %s lr %.0e, poly decay, "
                    + "Dice + cross-entropy, no augmentation) on %d labelled axial slices of the brain mask (z %s), seed %d. "
                    + "Test: %d held-out slices (every %d-th of the %d beyond a gap of %d slices; nearest train/test slices %d apart, leak-free: %s). "
                    + "Training took %.0f s.",
                cfg.preset(), cfg.net().baseWidth(), cfg.net().depth(), r.run().model().net().parameterCount(), cfg.steps(), cfg.batchSize(),
                cfg.patch()[0], cfg.patch()[1], cfg.optimizer(), cfg.learningRate(), fold.train().size(), range(task, fold), ctx.seed(),
                r.test().size(), stride, fold.test().size(), GAP, Splits.minSliceDistance(fold), r.leakFree(), r.run().result().seconds()));
            report.table(List.of(
                List.of("metric (test slices)", "mean ± std", "n"),
                List.of("Dice", ds.format(3), Integer.toString(ds.n())),
                List.of("HD95 (mm)", hs.format(2), Integer.toString(hs.n()))));
            report.picture("baseline-loss.png", LossCurvePlot.render(r.run().result().steps(), r.run().result().validations(), "dice", 640, 360),
                "Training loss per step and its moving average");
            ContactSheet sheet = new ContactSheet(6, 160);
            float[] window = DataSection.window(d.t1());
            int shown = Math.min(ctx.quick() ? 2 : 6, r.test().size());
            for (int k = 0; k < shown; k++) {
                int i = shown == 1 ? 0 : k * (r.test().size() - 1) / (shown - 1);
                TaskSample s = r.test().get(i);
                Prediction p = r.run().model().predict(s.image(), false, 0.5);
                sheet.add(Overlay.render(s.image(), p.labels(), window[0], window[1]),
                    String.format(Locale.ROOT, "z=%d Dice %.3f", s.sliceIndex(), dice[i]));
            }
            report.picture("baseline-predictions.png", sheet.render(), "Predicted brain mask on held-out slices (Dice against the reference)");
        }
    }

    private static String range(Task task, Fold fold) {
        int[] z = task.samplesWithIds(fold.train()).stream().mapToInt(TaskSample::sliceIndex).sorted().toArray();
        return z[0] + "–" + z[z.length - 1];
    }

    private static double[] finite(double[] v) {
        return java.util.Arrays.stream(v).filter(Double::isFinite).toArray();
    }
}
