package org.segforge.nn.universeg;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How an evaluation episode is drawn from a {@link SliceTask}: a query slice, then
 * {@code maxSupport} support slices of the same task (same axis) at least {@code gap} slices away
 * from the query. Support sets of smaller sizes are the prefixes of this one draw, so that every
 * size sees the same query and nested supports.
 *
 * <p>Why a gap: all Colin27 tasks come from one subject, so a support slice next to the query is
 * a near copy of it, and copying its label is an unrealistically strong baseline. Support slices
 * at least g slices away mimic a support set from another subject.
 *
 * <ul>
 *   <li>{@code gap = 0} is the original protocol, kept for comparison: support slices drawn
 *       uniformly <em>with replacement</em>, so the query slice itself may be among them and
 *       sizes above the task's slice count repeat slices. It needs no minimum number of slices.</li>
 *   <li>{@code gap ≥ 1}: distinct slices, none within {@code gap − 1} of the query (gap 1 = any
 *       slice but the query), drawn <em>without replacement</em>. Between 0 and 2·gap − 1 slices
 *       lie in the excluded window, so a task {@linkplain #qualifies qualifies} when it has at
 *       least {@code maxSupport + 2·gap − 1} slices: then every query slice has enough support
 *       slices. Tasks that do not qualify are skipped (not capped), so every support size is
 *       measured on the same tasks.</li>
 *   <li>{@code gap = }{@link #EVEN} (−1): how a user annotates a volume for the 3D mode of
 *       {@code segforge segment}: the {@code maxSupport} support slices are spread evenly over the
 *       task's slices (the i-th at position ⌊(i + u)·L / maxSupport⌋ of the L slices, u uniform in
 *       [0, 1) per episode) and the query is one of the other slices, so it usually lies between
 *       two supports. The supports are ordered so that the prefixes of 1, 2, 4, … are themselves
 *       spread evenly (bit-reversed order). A task qualifies with maxSupport + 1 slices.</li>
 * </ul>
 *
 * <p>The random draws are laid out so that the task and the query slice depend only on
 * (seed, episode) and the task list, not on the gap: the same episode index under different gaps
 * has the same query, only the supports differ.
 *
 * @param gap        minimum |support slice − query slice|, ≥ 0, or {@link #EVEN}
 * @param maxSupport support pairs drawn per episode, ≥ 1
 */
public record EpisodeProtocol(int gap, int maxSupport) {
    /** The "gap" of evenly spaced supports (see the class comment). */
    public static final int EVEN = -1;

    public EpisodeProtocol {
        if (gap < EVEN || maxSupport < 1) {
            throw new IllegalArgumentException("need gap ≥ 0 (or EVEN) and maxSupport ≥ 1, got " + gap + ", " + maxSupport);
        }
    }

    /** Slices a task needs to qualify: 1 for gap 0, maxSupport + 1 for {@link #EVEN}, else maxSupport + 2·gap − 1. */
    public int requiredSlices() {
        return gap == 0 ? 1 : gap == EVEN ? maxSupport + 1 : maxSupport + 2 * gap - 1;
    }

    /** "gap g", or "evenly spaced" for {@link #EVEN}: for tables and plots. */
    public static String describe(int gap) {
        return gap == EVEN ? "evenly spaced" : "gap " + gap;
    }

    /** True if every query slice of {@code task} has at least {@code maxSupport} support slices. */
    public boolean qualifies(SliceTask task) {
        return task.slices().length >= requiredSlices();
    }

    /**
     * The slice tasks among {@code tasks} that qualify under every protocol in {@code protocols},
     * in their order; tasks of other kinds (e.g. synthetic) are left out.
     */
    public static List<SliceTask> qualifying(List<? extends EpisodeTask> tasks, List<EpisodeProtocol> protocols) {
        List<SliceTask> out = new ArrayList<>();
        for (EpisodeTask t : tasks) {
            if (t instanceof SliceTask s && protocols.stream().allMatch(p -> p.qualifies(s))) {
                out.add(s);
            }
        }
        return out;
    }

    /** One drawn episode: the task, the query slice and the support slices (in draw order), as pairs of size². */
    public record Episode(String task, int querySlice, Pair2d query, int[] supportSlices, List<Pair2d> support) {
        public Episode {
            support = List.copyOf(support);
            supportSlices = supportSlices.clone();
        }

        /** The first n support pairs. */
        public List<Pair2d> support(int n) {
            if (n < 1 || n > support.size()) {
                throw new IllegalArgumentException("support size " + n + " outside 1.." + support.size());
            }
            return support.subList(0, n);
        }
    }

    /**
     * Episode {@code episode} of the evaluation seeded by {@code seed}: a task drawn uniformly from
     * {@code tasks}, then its query and supports, all pairs at {@code size}².
     *
     * @throws IllegalArgumentException if the drawn task does not {@linkplain #qualifies qualify}
     */
    public Episode draw(List<SliceTask> tasks, long seed, int episode, int size) {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("no task to draw an episode from");
        }
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + episode);
        SliceTask task = tasks.get(r.nextInt(tasks.size()));
        if (!qualifies(task)) {
            throw new IllegalArgumentException(task.name() + " has " + task.slices().length + " slices, gap " + gap
                    + " with " + maxSupport + " supports needs " + requiredSlices());
        }
        // the same consumption as SliceTask.episode + Sampler.next, so that gap 0 is exactly the original protocol
        double contrast = SliceTask.drawContrast(r.split(), task.paint());
        int[] slices = task.slices();
        if (gap == EVEN) {
            return spaced(task, slices, contrast, r, size);
        }
        int q = slices[r.nextInt(slices.length)];
        int[] chosen = new int[maxSupport];
        if (gap == 0) {
            for (int i = 0; i < maxSupport; i++) {
                chosen[i] = slices[r.nextInt(slices.length)];
            }
        } else {
            int[] eligible = java.util.Arrays.stream(slices).filter(s -> Math.abs(s - q) >= gap).toArray();
            // partial Fisher–Yates: the first maxSupport entries are a uniform draw without replacement
            for (int i = 0; i < maxSupport; i++) {
                int j = i + r.nextInt(eligible.length - i);
                int t = eligible[i];
                eligible[i] = eligible[j];
                eligible[j] = t;
                chosen[i] = eligible[i];
            }
        }
        List<Pair2d> support = new ArrayList<>(maxSupport);
        for (int s : chosen) {
            support.add(task.pair(s, size, contrast));
        }
        return new Episode(task.name(), q, task.pair(q, size, contrast), chosen, support);
    }

    private Episode spaced(SliceTask task, int[] slices, double contrast, SplittableRandom r, int size) {
        int n = slices.length;
        double u = r.nextDouble();
        boolean[] annotated = new boolean[n];
        int[] position = new int[maxSupport];
        for (int i = 0; i < maxSupport; i++) {
            // steps of n / maxSupport > 1 slice: the positions are distinct
            position[i] = (int) Math.floor((i + u) * n / maxSupport);
            annotated[position[i]] = true;
        }
        int k = r.nextInt(n - maxSupport);
        int q = -1;
        for (int i = 0; i < n && q < 0; i++) {
            if (!annotated[i] && k-- == 0) {
                q = slices[i];
            }
        }
        int[] chosen = new int[maxSupport];
        List<Pair2d> support = new ArrayList<>(maxSupport);
        int[] order = bitReversedOrder(maxSupport);
        for (int i = 0; i < maxSupport; i++) {
            chosen[i] = slices[position[order[i]]];
            support.add(task.pair(chosen[i], size, contrast));
        }
        return new Episode(task.name(), q, task.pair(q, size, contrast), chosen, support);
    }

    /** 0..n−1 ordered by their bit-reversed binary value: for n = 8, 0 4 2 6 1 5 3 7, whose prefixes spread evenly. */
    static int[] bitReversedOrder(int n) {
        int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, n - 1));
        return java.util.stream.IntStream.range(0, n).boxed()
                .sorted(java.util.Comparator.comparingInt(i -> Integer.reverse(i) >>> (32 - Math.max(1, bits))))
                .mapToInt(Integer::intValue).toArray();
    }
}
