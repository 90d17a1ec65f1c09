package org.segforge.nn.universeg;

import java.util.List;
import java.util.SplittableRandom;
import org.segforge.core.image.Volume;
import org.segforge.core.transform.RandomTransform;
import org.segforge.core.transform.Sample;
import org.segforge.nn.data.BatchMaker;
import org.segforge.nn.data.HostArray;
import org.segforge.nn.data.HostBatch;

/**
 * Builds the episodes of one training step: {@code batch} episodes, each a task drawn from
 * {@code tasks}, a query and a support set of n pairs (n drawn per step, uniform in
 * 1..maxSupport, the same for the whole batch so that it stacks).
 *
 * <p>In-task augmentation, drawn independently per image ({@link InTaskAugmentation}: rotation,
 * scaling, gamma contrast, Gaussian noise). Task augmentation, drawn once per episode and applied
 * to every image and label of it ({@link TaskAugmentation}): flips, intensity inversion, label → its boundary.
 *
 * <p>With {@code supportGap} &gt; 0, slice tasks draw their supports away from the query (see
 * {@link GapSampler}); 0 keeps the plain with-replacement draw.
 *
 * <p>With {@code selectNearest} K &gt; 0, an episode's n drawn pairs are only candidates: per step
 * a k uniform in 1..K is drawn and every episode keeps the min(k, n) candidates whose images are
 * most similar to its query ({@link SupportRanking}, on the augmented images). This trains the
 * network for inference with support selection ({@link UniverSegNearest}, {@code segment
 * --nearest}): on one subject the chosen examples are the nearby slices, and the network learns to
 * adapt their labels to the query instead of averaging many dissimilar ones. The shipped model was
 * trained with K = 1.
 *
 * <p>Arrays: "query" (B, 1, S, S), "supportImages" and "supportLabels" (B, n, 1, S, S),
 * "queryLabel" (B, 1, S, S).
 */
public record EpisodeMaker(List<EpisodeTask> tasks, int size, int batch, int maxSupport, boolean augment,
                           InTaskAugmentation inTask, int supportGap, java.util.Map<String, Double> familyWeights,
                           int selectNearest)
        implements BatchMaker {
    public EpisodeMaker {
        if (tasks == null || tasks.isEmpty()) {
            throw new IllegalArgumentException("episodes need at least one task");
        }
        tasks = List.copyOf(tasks);
        if (size < 1 || batch < 1 || maxSupport < 1) {
            throw new IllegalArgumentException("need size, batch, maxSupport ≥ 1, got " + size + ", " + batch + ", " + maxSupport);
        }
        if (supportGap < 0 || selectNearest < 0) {
            throw new IllegalArgumentException("supportGap and selectNearest must be ≥ 0, got " + supportGap + ", " + selectNearest);
        }
        familyWeights = java.util.Map.copyOf(familyWeights == null ? FAMILY_WEIGHTS : familyWeights);
        double total = 0;
        for (java.util.Map.Entry<String, Double> e : familyWeights.entrySet()) {
            if (!(e.getValue() >= 0) || e.getValue().isInfinite()) {
                throw new IllegalArgumentException("family weight of " + e.getKey() + " must be finite and ≥ 0, got " + e.getValue());
            }
        }
        for (EpisodeTask t : tasks) {
            total = Math.max(total, familyWeights.getOrDefault(t.family(), 1.0));
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("every task family has weight 0: " + familyWeights);
        }
        if (inTask == null) {
            throw new IllegalArgumentException("in-task augmentation settings are required (augment = false turns it off)");
        }
    }

    /** With the {@link InTaskAugmentation#standard() standard} in-task augmentation. */
    public EpisodeMaker(List<EpisodeTask> tasks, int size, int batch, int maxSupport, boolean augment) {
        this(tasks, size, batch, maxSupport, augment, InTaskAugmentation.standard(), 0, FAMILY_WEIGHTS, 0);
    }

    /** With the default {@link #FAMILY_WEIGHTS}. */
    public EpisodeMaker(List<EpisodeTask> tasks, int size, int batch, int maxSupport, boolean augment,
                        InTaskAugmentation inTask, int supportGap) {
        this(tasks, size, batch, maxSupport, augment, inTask, supportGap, FAMILY_WEIGHTS, 0);
    }

    @Override
    public HostBatch make(long step, SplittableRandom random) {
        RandomTransform perImage = inTask.transform();
        int n = 1 + random.nextInt(maxSupport);
        int kept = selectNearest > 0 ? Math.min(n, 1 + random.nextInt(selectNearest)) : n;
        int px = size * size;
        float[] q = new float[batch * px], ql = new float[batch * px];
        float[] si = new float[batch * kept * px], sl = new float[batch * kept * px];
        for (int b = 0; b < batch; b++) {
            SplittableRandom r = random.split();
            EpisodeTask task = pick(r);
            EpisodeTask.Sampler sampler = supportGap > 0 && task instanceof SliceTask st
                    ? new GapSampler(st, size, r.nextInt(supportGap + 1), SliceTask.drawContrast(r.split(), st.paint()))
                    : task.episode(r.split(), size);
            TaskAugmentation ta = augment ? TaskAugmentation.draw(r.split()) : TaskAugmentation.NONE;
            Pair2d query = null;
            List<Pair2d> support = new java.util.ArrayList<>(n);
            for (int i = 0; i <= n; i++) {
                Pair2d p = sampler.next(r);
                if (augment) {
                    p = ta.apply(inTask(perImage, p, r.split()));
                }
                if (i == 0) {
                    query = p;
                } else {
                    support.add(p);
                }
            }
            if (kept < n) {
                support = SupportRanking.mostSimilar(query.image(), support, kept);
            }
            System.arraycopy(query.image(), 0, q, b * px, px);
            System.arraycopy(query.label(), 0, ql, b * px, px);
            for (int i = 0; i < kept; i++) {
                System.arraycopy(support.get(i).image(), 0, si, (b * kept + i) * px, px);
                System.arraycopy(support.get(i).label(), 0, sl, (b * kept + i) * px, px);
            }
        }
        return new HostBatch(step, List.of(
                new HostArray("query", q, new long[] {batch, 1, size, size}),
                new HostArray("supportImages", si, new long[] {batch, kept, 1, size, size}),
                new HostArray("supportLabels", sl, new long[] {batch, kept, 1, size, size}),
                new HostArray("queryLabel", ql, new long[] {batch, 1, size, size})));
    }

    /**
     * A task: first a family, each equally likely, except that the families of {@code familyWeights}
     * take their weight (0: never drawn); then a task of that family, uniformly. Without this the hundreds of small
     * AAL regions would drown the few brain-mask, lesion and synthetic tasks.
     */
    private EpisodeTask pick(SplittableRandom r) {
        java.util.Map<String, List<EpisodeTask>> byFamily = new java.util.TreeMap<>();
        for (EpisodeTask t : tasks) {
            byFamily.computeIfAbsent(t.family(), f -> new java.util.ArrayList<>()).add(t);
        }
        double total = 0;
        for (String f : byFamily.keySet()) {
            total += familyWeights.getOrDefault(f, 1.0);
        }
        double u = r.nextDouble() * total;
        List<EpisodeTask> chosen = null;
        for (var e : byFamily.entrySet()) {
            double w = familyWeights.getOrDefault(e.getKey(), 1.0);
            if (w > 0) {
                chosen = e.getValue();
                u -= w;
                if (u < 0) {
                    break;
                }
            }
        }
        return chosen.get(r.nextInt(chosen.size()));
    }

    /**
     * The pairs of one slice-task episode when {@code supportGap} is set: a gap g uniform in
     * 0..supportGap is drawn per episode; the first pair is the query, every later one a support
     * slice drawn with replacement among the task's slices at least g away from the query (all
     * slices when g = 0, as the plain sampler, or when none is that far). Why: on one subject a
     * support slice next to the query is nearly a copy of it; supports further away make the
     * network match structures rather than copy the closest label, as a new subject would need.
     */
    static final class GapSampler implements EpisodeTask.Sampler {
        private final SliceTask task;
        private final int size;
        private final int gap;
        private final double contrast;
        private int[] eligible;

        GapSampler(SliceTask task, int size, int gap, double contrast) {
            this.task = task;
            this.size = size;
            this.gap = gap;
            this.contrast = contrast;
        }

        @Override
        public Pair2d next(SplittableRandom r) {
            int[] slices = task.slices();
            if (eligible == null) {
                int q = slices[r.nextInt(slices.length)];
                int[] far = gap == 0 ? slices : java.util.Arrays.stream(slices).filter(s -> Math.abs(s - q) >= gap).toArray();
                eligible = far.length == 0 ? slices : far;
                return task.pair(q, size, contrast);
            }
            return task.pair(eligible[r.nextInt(eligible.length)], size, contrast);
        }
    }

    /** The first cpu model's relative weights of task families in training (others 1). */
    public static final java.util.Map<String, Double> FAMILY_WEIGHTS =
            java.util.Map.of("aal", 4.0, "synthetic", 3.0, "lesion", 2.0, "brainmask", 1.0);

    /** One independent draw of the in-task augmentation; the image is clipped back to [0, 1]. */
    static Pair2d inTask(RandomTransform perImage, Pair2d p, SplittableRandom rng) {
        int s = p.size();
        Sample out = perImage.draw(rng).apply(Sample.of(Volume.image2d(s, s, p.image()), Volume.image2d(s, s, p.label())));
        float[] im = out.image().data().clone();
        for (int i = 0; i < im.length; i++) {
            im[i] = Math.min(1f, Math.max(0f, im[i]));
        }
        float[] lab = out.label().data().clone();
        for (int i = 0; i < lab.length; i++) {
            lab[i] = lab[i] > 0.5f ? 1f : 0f;
        }
        return new Pair2d(s, im, lab);
    }
}
