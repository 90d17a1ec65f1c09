package org.segforge.cli.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.segforge.core.DataException;
import org.segforge.core.data.Case;
import org.segforge.core.io.AtomicFiles;
import org.segforge.core.metric.CaseMetrics;
import org.segforge.core.metric.MeanStd;
import org.segforge.core.metric.Metric;
import org.segforge.core.metric.Statistics;
import org.segforge.core.metric.TTestResult;
import org.segforge.nn.seg.SegEvaluation;
import org.segforge.nn.seg.SegTrainer;
import org.segforge.nn.seg.SegTrainingConfig;

/**
 * M1's downstream test: does a segmenter trained on generated image–label pairs work on real
 * scans? The same U-Net configuration is trained on real pairs only, on synthetic pairs only and on
 * both, once per seed, and every model is scored (Dice and bAVD of label 1) on the same held-out
 * real cases. Per test case the scores are averaged over seeds, and the synthetic and combined
 * conditions are compared with the real-only one by paired t-tests over the test cases.
 *
 * @param conditions every condition's summary, in the order real, synthetic, both
 * @param versusReal paired comparisons of synthetic and both against real, per metric
 */
public record SyntheticDownstream(List<Condition> conditions, List<Comparison> versusReal) {
    public static final String REAL = "real";
    public static final String SYNTHETIC = "synthetic";
    public static final String BOTH = "both";
    private static final List<Metric> METRICS = List.of(Metric.DICE, Metric.BAVD);

    /**
     * One training condition.
     *
     * @param name          real, synthetic or both
     * @param trainingCases how many pairs it trained on
     * @param dice          Dice over the test cases (each averaged over seeds)
     * @param bavd          bAVD in mm, likewise
     * @param perCaseDice   the per-case values behind {@code dice}
     * @param perCaseBavd   the per-case values behind {@code bavd}
     * @param trainSeconds  training time summed over seeds
     */
    public record Condition(String name, int trainingCases, MeanStd dice, MeanStd bavd, double[] perCaseDice, double[] perCaseBavd,
                            double trainSeconds) {
    }

    /** {@code condition} against real-only on one metric: mean difference (condition − real) and the paired test. */
    public record Comparison(String condition, Metric metric, double meanDiff, TTestResult test) {
    }

    /**
     * Runs the three conditions.
     *
     * @param realTraining real labelled cases (the pool the generator was trained on, or a subset)
     * @param synthetic    generated cases, label values 0/1
     * @param test         held-out real cases, never seen by the generator or the segmenters
     * @param config       the segmenter's training config; its seed is replaced by each of {@code seeds}
     * @param seeds        one model per seed and condition
     * @param workDir      where the runs are written (a temporary folder below it, deleted afterwards)
     */
    public static SyntheticDownstream run(List<Case> realTraining, List<Case> synthetic, List<Case> test, SegTrainingConfig config,
                                          long[] seeds, Path workDir) throws DataException {
        if (realTraining.isEmpty() || synthetic.isEmpty() || test.isEmpty() || seeds.length == 0) {
            throw new IllegalArgumentException("need real training cases, synthetic cases, test cases and at least one seed");
        }
        List<Case> both = new ArrayList<>(realTraining);
        both.addAll(synthetic);
        Map<String, List<Case>> training = new LinkedHashMap<>();
        training.put(REAL, realTraining);
        training.put(SYNTHETIC, synthetic);
        training.put(BOTH, both);
        Path dir;
        try {
            Files.createDirectories(workDir);
            dir = Files.createTempDirectory(workDir, "downstream-");
        } catch (IOException e) {
            throw new DataException(workDir, "cannot create a work folder: " + e.getMessage());
        }
        try {
            List<Condition> conditions = new ArrayList<>();
            for (Map.Entry<String, List<Case>> e : training.entrySet()) {
                conditions.add(condition(e.getKey(), e.getValue(), test, config, seeds, dir));
            }
            Condition real = conditions.get(0);
            List<Comparison> comparisons = new ArrayList<>();
            for (Condition c : conditions.subList(1, conditions.size())) {
                comparisons.add(compare(c, real, Metric.DICE, c.perCaseDice(), real.perCaseDice()));
                comparisons.add(compare(c, real, Metric.BAVD, c.perCaseBavd(), real.perCaseBavd()));
            }
            return new SyntheticDownstream(conditions, comparisons);
        } finally {
            AtomicFiles.deleteTreeQuietly(dir);
        }
    }

    private static Condition condition(String name, List<Case> training, List<Case> test, SegTrainingConfig config, long[] seeds,
                                       Path dir) throws DataException {
        double[][] sums = new double[METRICS.size()][test.size()];
        double seconds = 0;
        for (long seed : seeds) {
            SegTrainingConfig cfg = config.withSeed(seed);
            try (SegTrainer.Run r = new SegTrainer(cfg).train(training, List.of(), dir.resolve(name + "-seed" + seed), false)) {
                List<CaseMetrics> metrics = SegEvaluation.evaluate(r.model(), test, false, 0.5);
                for (int i = 0; i < test.size(); i++) {
                    for (int m = 0; m < METRICS.size(); m++) {
                        sums[m][i] += metrics.get(i).labels().get(1).get(METRICS.get(m)) / seeds.length;
                    }
                }
                seconds += r.result().seconds();
            }
        }
        return new Condition(name, training.size(), Statistics.meanStd(sums[0]), Statistics.meanStd(sums[1]), sums[0], sums[1],
            seconds);
    }

    private static Comparison compare(Condition c, Condition real, Metric metric, double[] a, double[] b) {
        return new Comparison(c.name(), metric, Statistics.meanStd(a).mean() - Statistics.meanStd(b).mean(),
            Statistics.pairedTTest(a, b));
    }
}
