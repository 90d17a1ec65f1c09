package org.segforge.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Seeded, leak-free splits.
 * <ul>
 * <li>By subject: subjects are sorted, shuffled with the seed and cut into parts, so no subject's
 *     slices are in two parts, and the result depends only on the set of ids and the seed.</li>
 * <li>By slice ranges, for a single subject: each fixed-size part is a contiguous run of slices;
 *     between runs at least {@code gap} slice indices are left out, and "the rest" part takes every
 *     remaining slice farther than {@code gap} from all other parts. So any two slices in different
 *     parts are more than {@code gap} slices apart, and neighbouring, nearly identical slices never
 *     straddle a split. The seed chooses the order of the runs and where they sit.</li>
 * </ul>
 */
public final class Splits {
    private static final String[] PART = {"train", "val", "test"};

    private Splits() {}

    /** Splits subject ids (duplicates are ignored) into train/val/test. */
    public static Fold bySubject(List<String> subjectIds, SplitSizes sizes, long seed) {
        List<String> ids = new ArrayList<>(new TreeSet<>(subjectIds));
        shuffle(ids, new SplittableRandom(seed));
        int n = ids.size();
        int[] counts = new int[3];
        int rest = -1, fixed = 0;
        for (int p = 0; p < 3; p++) {
            counts[p] = sizes.get(p).resolve(n);
            if (counts[p] < 0) {
                rest = p;
            } else {
                fixed += counts[p];
            }
        }
        if (fixed > n) {
            throw new IllegalArgumentException("split asks for " + fixed + " subjects but there are " + n);
        }
        if (rest >= 0) {
            counts[rest] = n - fixed;
        }
        List<List<String>> parts = new ArrayList<>();
        int from = 0;
        for (int p = 0; p < 3; p++) {
            parts.add(ids.subList(from, from + counts[p]));
            from += counts[p];
        }
        return new Fold(parts.get(0), parts.get(1), parts.get(2));
    }

    /** The subjects of a task, split as {@link #bySubject(List, SplitSizes, long)}; ids are subject ids. */
    public static Fold bySubject(Task task, SplitSizes sizes, long seed) {
        return bySubject(task.subjects(), sizes, seed);
    }

    /**
     * k-fold cross-validation by subject, as nnU-Net's five folds: subjects shuffled with the seed,
     * fold i validates on the i-th chunk and trains on the others; no test part.
     */
    public static List<Fold> kFold(List<String> subjectIds, int k, long seed) {
        List<String> ids = new ArrayList<>(new TreeSet<>(subjectIds));
        if (k < 2 || k > ids.size()) {
            throw new IllegalArgumentException("k-fold needs 2 ≤ k ≤ subjects (" + ids.size() + "), got k = " + k);
        }
        shuffle(ids, new SplittableRandom(seed));
        List<Fold> folds = new ArrayList<>();
        int n = ids.size();
        for (int i = 0; i < k; i++) {
            int from = (int) ((long) n * i / k), to = (int) ((long) n * (i + 1) / k);
            List<String> val = ids.subList(from, to);
            List<String> train = new ArrayList<>(ids.subList(0, from));
            train.addAll(ids.subList(to, n));
            folds.add(new Fold(train, val, List.of()));
        }
        return folds;
    }

    /**
     * Splits the samples of a single-subject task by slice ranges; ids are sample ids
     * ({@link TaskSample#id()}).
     */
    public static Fold bySliceRanges(Task task, SplitSizes sizes, int gap, long seed) {
        List<String> subjects = task.subjects();
        if (subjects.size() != 1) {
            throw new IllegalArgumentException("slice-range splits are for one subject; task " + task.name()
                + " has " + subjects.size() + " (split by subject instead)");
        }
        int[] idx = task.samples().stream().mapToInt(TaskSample::sliceIndex).toArray();
        Fold f = bySliceRanges(idx, sizes, gap, seed);
        String s = subjects.get(0);
        return new Fold(prefix(s, f.train()), prefix(s, f.val()), prefix(s, f.test()));
    }

    /**
     * Splits slice indices (distinct, any order) into runs with more than {@code gap} slices
     * between parts; ids in the returned fold are the indices as decimal strings.
     *
     * @throws IllegalArgumentException if the parts and gaps do not fit, or "the rest" ends up empty
     */
    public static Fold bySliceRanges(int[] sliceIndices, SplitSizes sizes, int gap, long seed) {
        if (gap < 0) {
            throw new IllegalArgumentException("gap must be ≥ 0, got " + gap);
        }
        int[] idx = Arrays.stream(sliceIndices).sorted().toArray();
        for (int i = 1; i < idx.length; i++) {
            if (idx[i] == idx[i - 1]) {
                throw new IllegalArgumentException("slice index " + idx[i] + " is listed twice");
            }
        }
        int n = idx.length;
        int[] counts = new int[3];
        int rest = -1;
        List<Integer> fixedParts = new ArrayList<>();
        int fixedTotal = 0;
        for (int p = 0; p < 3; p++) {
            counts[p] = sizes.get(p).resolve(n);
            if (counts[p] < 0) {
                rest = p;
            } else if (counts[p] > 0) {
                fixedParts.add(p);
                fixedTotal += counts[p];
            }
        }
        SplittableRandom rng = new SplittableRandom(seed);
        shuffle(fixedParts, rng);
        int k = fixedParts.size();
        // Between consecutive runs at most `gap` positions are skipped (indices strictly increase),
        // so reserving gap positions per boundary always fits; what is left is free slack.
        long slack = (long) n - fixedTotal - (long) gap * Math.max(0, k - 1);
        if (slack < 0) {
            throw new IllegalArgumentException("not enough slices: " + n + " slices cannot hold parts of " + fixedTotal
                + " slices with gaps of " + gap + " between " + k + " runs");
        }
        int[] bins = randomComposition((int) slack, k + 1, rng);
        int[] owner = new int[n];
        Arrays.fill(owner, -1);
        int pos = bins[0];
        for (int r = 0; r < k; r++) {
            int part = fixedParts.get(r);
            for (int j = 0; j < counts[part]; j++) {
                owner[pos++] = part;
            }
            if (r + 1 < k) {
                int last = idx[pos - 1];
                while (pos < n && idx[pos] - last <= gap) {
                    pos++;
                }
                pos += bins[r + 1];
            }
        }
        List<List<String>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < n; i++) {
            if (owner[i] >= 0) {
                parts.get(owner[i]).add(Integer.toString(idx[i]));
            } else if (rest >= 0 && farFromOthers(i, idx, owner, gap)) {
                parts.get(rest).add(Integer.toString(idx[i]));
            }
        }
        if (rest >= 0 && parts.get(rest).isEmpty()) {
            throw new IllegalArgumentException("no slice is left for " + PART[rest] + " after the other parts and gaps of " + gap
                + " (" + n + " slices)");
        }
        return new Fold(parts.get(0), parts.get(1), parts.get(2));
    }

    /** Smallest |a − b| over a in one part and b in another (Integer.MAX_VALUE when fewer than two parts). */
    public static int minSliceDistance(Fold fold) {
        List<List<String>> parts = List.of(fold.train(), fold.val(), fold.test());
        int best = Integer.MAX_VALUE;
        for (int p = 0; p < 3; p++) {
            for (int q = p + 1; q < 3; q++) {
                for (String a : parts.get(p)) {
                    for (String b : parts.get(q)) {
                        best = Math.min(best, Math.abs(sliceOf(a) - sliceOf(b)));
                    }
                }
            }
        }
        return best;
    }

    private static int sliceOf(String id) {
        return Integer.parseInt(id.substring(id.lastIndexOf(':') + 1));
    }

    private static boolean farFromOthers(int i, int[] idx, int[] owner, int gap) {
        for (int j = 0; j < idx.length; j++) {
            if (owner[j] >= 0 && Math.abs(idx[j] - idx[i]) <= gap) {
                return false;
            }
        }
        return true;
    }

    /** {@code total} split into {@code bins} non-negative parts at sorted random cut points. */
    private static int[] randomComposition(int total, int bins, SplittableRandom rng) {
        int[] cuts = new int[bins + 1];
        for (int i = 1; i < bins; i++) {
            cuts[i] = rng.nextInt(total + 1);
        }
        cuts[bins] = total;
        Arrays.sort(cuts, 1, bins);
        int[] out = new int[bins];
        for (int i = 0; i < bins; i++) {
            out[i] = cuts[i + 1] - cuts[i];
        }
        return out;
    }

    private static List<String> prefix(String subject, List<String> indices) {
        List<String> out = new ArrayList<>();
        for (String i : indices) {
            out.add(subject + ":" + i);
        }
        return out;
    }

    private static <T> void shuffle(List<T> list, SplittableRandom rng) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }
}
