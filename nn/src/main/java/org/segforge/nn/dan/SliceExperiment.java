package org.segforge.nn.dan;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.segforge.core.DataException;
import org.segforge.core.data.Fold;
import org.segforge.core.data.SplitSize;
import org.segforge.core.data.SplitSizes;
import org.segforge.core.data.Splits;
import org.segforge.core.image.Volume;
import org.segforge.core.metric.LabelMetrics;
import org.segforge.core.metric.SegmentationMetrics;
import org.segforge.nn.seg.IntensityNormalisation;
import org.segforge.nn.seg.SegmentationModel;
import org.segforge.nn.seg.SlidingWindowPredictor;

/**
 * M4's experiment on one labelled volume: SN alone against DAN (EN input stack and product) when
 * only k axial slices are annotated.
 *
 * <p>Leak-free split: the axial slices holding foreground are cut by
 * {@link Splits#bySliceRanges(int[], SplitSizes, int, long)} (seed 0) into a training range and a
 * test range with more than {@code gap} slices between them. For each k and seed, k annotated
 * slices are drawn from the training range; the other training-range slices are the unannotated
 * pool; test slices are never seen in training. Score: Dice over the stacked test slices (3D),
 * averaged over the foreground classes.
 *
 * <p>Fair comparison: SN alone runs pretrain + adversarial steps of cross-entropy only; DAN runs
 * the same pre-training and then the adversarial steps. With the same seed both start from the
 * same weights and see the same batches, so the first pretrain steps are identical and the pair
 * differs only by what DAN adds.
 *
 * @see #run
 */
public final class SliceExperiment {
    /** Methods compared. */
    public static final List<String> METHODS = List.of("SN", "DAN-stack", "DAN-product");

    /**
     * @param annotatedCounts k values (annotated slices)
     * @param seeds           seeds 0..seeds−1 per k
     * @param trainFraction   share of the foreground slices in the training range
     * @param gap             slices left out between the training and test ranges
     * @param base            DAN config (steps, sizes); method and seed are set per run
     */
    public record Settings(int[] annotatedCounts, int seeds, double trainFraction, int gap, DanConfig base) {}

    /** One trained and scored model. */
    public record Run(int annotated, long seed, String method, double dice, List<Integer> annotatedSlices, double seconds) {}

    private SliceExperiment() {}

    /**
     * Runs every k × seed × method.
     *
     * @param image   one-channel volume
     * @param labels  class indices 0..C−1 on its grid
     * @param workDir each run's logs and checkpoint go to workDir/k{K}-s{SEED}-{METHOD}
     * @param log     progress lines
     */
    public static List<Run> run(Volume image, Volume labels, Settings s, Path workDir, Consumer<String> log) throws DataException {
        int classes = PartialAnnotation.classesOf(labels);
        if (classes != s.base().classes()) {
            throw new IllegalArgumentException("labels have " + classes + " classes, the config " + s.base().classes());
        }
        // normalised once over the whole volume; the models then take it as it is
        Volume norm = image.withData(DanTrainer.NORMALISATION.apply(image.data()));
        int[] fg = PartialAnnotation.nonEmptySlices(labels).stream().mapToInt(Integer::intValue).toArray();
        Fold fold = Splits.bySliceRanges(fg, SplitSizes.of(SplitSize.fraction(s.trainFraction()), SplitSize.none(), SplitSize.rest()), s.gap(), 0);
        int[] train = fold.train().stream().mapToInt(Integer::parseInt).sorted().toArray();
        int[] test = fold.test().stream().mapToInt(Integer::parseInt).sorted().toArray();
        log.accept("split: " + train.length + " training slices " + train[0] + "…" + train[train.length - 1] + ", " + test.length
                + " test slices, at least " + Splits.minSliceDistance(fold) + " apart");
        Volume testImage = stack(norm, test), testLabels = stack(labels, test);
        List<Run> runs = new ArrayList<>();
        for (int k : s.annotatedCounts()) {
            for (long seed = 0; seed < s.seeds(); seed++) {
                SortedSet<Integer> annotated = draw(train, k, new SplittableRandom(seed * 7919 + k));
                SortedSet<Integer> pool = new TreeSet<>();
                for (int z : train) {
                    if (!annotated.contains(z)) {
                        pool.add(z);
                    }
                }
                DanData data = PartialAnnotation.pools(norm, labels, annotated, pool, classes);
                for (String method : METHODS) {
                    DanConfig cfg = s.base().withSeed(seed);
                    cfg = method.equals("SN") ? cfg.withSteps(cfg.pretrainSteps() + cfg.adversarialSteps(), 0)
                            : cfg.withEnInput(method.endsWith("product") ? EnInput.PRODUCT : EnInput.STACK);
                    long t0 = System.nanoTime();
                    double dice;
                    try (NDManager m = NDManager.newBaseManager(); DanTrainer t = new DanTrainer(cfg, m)) {
                        Path dir = workDir.resolve("k" + k + "-s" + seed + "-" + method);
                        t.loop(data, dir.toString(), "slices " + annotated + " of the experiment volume", 0, List.of()).run();
                        SegmentationModel model = new SegmentationModel(t.sn(), cfg.sn(), IntensityNormalisation.NONE);
                        Volume pred = new SlidingWindowPredictor(model, m, SlidingWindowPredictor.Options.of(cfg.patchWidth(), cfg.patchHeight()))
                                .predict(testImage).labels();
                        dice = meanDice(pred, testLabels, classes);
                    }
                    Run r = new Run(k, seed, method, dice, List.copyOf(annotated), (System.nanoTime() - t0) * 1e-9);
                    runs.add(r);
                    log.accept(String.format(java.util.Locale.ROOT, "k=%d seed=%d %-11s Dice %.4f (%.0f s)", k, seed, method, dice, r.seconds()));
                }
            }
        }
        return runs;
    }

    /** Mean Dice over classes 1..C−1. */
    static double meanDice(Volume pred, Volume ref, int classes) {
        int[] labels = new int[classes - 1];
        for (int c = 1; c < classes; c++) {
            labels[c - 1] = c;
        }
        Map<Integer, LabelMetrics> m = SegmentationMetrics.compute(pred, ref, labels);
        return m.values().stream().mapToDouble(LabelMetrics::dice).average().orElse(Double.NaN);
    }

    /** k distinct slices of {@code from}, drawn uniformly. */
    static SortedSet<Integer> draw(int[] from, int k, SplittableRandom rnd) {
        if (k < 1 || k > from.length) {
            throw new IllegalArgumentException("cannot annotate " + k + " of " + from.length + " training slices");
        }
        int[] a = from.clone();
        for (int i = 0; i < k; i++) {
            int j = i + rnd.nextInt(a.length - i);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
        SortedSet<Integer> out = new TreeSet<>();
        for (int i = 0; i < k; i++) {
            out.add(a[i]);
        }
        return out;
    }

    /** The given axial slices stacked into a volume (same in-plane geometry; z renumbered). */
    static Volume stack(Volume v, int[] slices) {
        int plane = v.nx() * v.ny();
        float[] d = new float[plane * slices.length];
        for (int i = 0; i < slices.length; i++) {
            System.arraycopy(v.data(), slices[i] * plane, d, i * plane, plane);
        }
        return new Volume(v.nx(), v.ny(), slices.length, 1, d, v.affine());
    }

    /** Dice per method for one k, in seed order. */
    public static Map<String, double[]> diceByMethod(List<Run> runs, int k) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String method : METHODS) {
            out.put(method, runs.stream().filter(r -> r.annotated() == k && r.method().equals(method))
                    .sorted((a, b) -> Long.compare(a.seed(), b.seed())).mapToDouble(Run::dice).toArray());
        }
        return out;
    }

    static String describe(int[] a) {
        return Arrays.toString(a);
    }
}
