package org.segforge.nn.universeg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.segforge.core.metric.MeanStd;
import org.segforge.core.metric.Statistics;

/**
 * Dice on held-out tasks against support size, for several {@link FewShotMethod}s on one shared
 * draw of episodes ({@link EpisodeProtocol}): for each gap and episode, one task, one query and
 * one support draw of the largest size; every method and every support size n sees the same
 * query and the first n supports (nested prefixes). Expensive methods can be limited to the
 * first episodes ({@link Method#episodes}), which are the same episodes the others see first.
 *
 * <p>Only the candidate tasks that qualify under every gap for the largest size are used (see
 * {@link EpisodeProtocol#qualifying}), so all gaps are measured on the same tasks and, episode by
 * episode, the same queries. Each call's wall time is recorded too: for UniverSeg the inference
 * time per query, for the U-Net its training plus prediction.
 */
public final class HeldOutEvaluation {
    private HeldOutEvaluation() {}

    /** A method and how many episodes (the first ones) it is evaluated on. */
    public record Method(FewShotMethod method, int episodes) {
        public Method {
            if (method == null || episodes < 1) {
                throw new IllegalArgumentException("need a method and episodes ≥ 1, got " + episodes);
            }
        }
    }

    /**
     * One method at one gap and support size.
     *
     * @param method        the method's name
     * @param gap           the protocol's gap
     * @param support       n
     * @param mean          mean Dice over the episodes
     * @param sd            its standard deviation
     * @param medianSeconds median wall time of one call (segment one query from n supports)
     * @param dice          Dice per episode, in episode order
     * @param seconds       wall time per episode
     */
    public record Row(String method, int gap, int support, double mean, double sd, double medianSeconds, double[] dice,
                      double[] seconds) {
        public int episodes() {
            return dice.length;
        }

        /** Mean Dice over the first {@code k} episodes (to compare with a method run on fewer). */
        public double meanOfFirst(int k) {
            return Statistics.meanStd(Arrays.copyOf(dice, Math.min(k, dice.length))).mean();
        }
    }

    /**
     * @param tasks          tasks used (qualifying under every gap)
     * @param candidateTasks tasks offered; candidateTasks − tasks were skipped as too short
     * @param size           side of the pairs
     * @param seed           the episodes' seed
     * @param rows           by gap, method, support size
     */
    public record Result(int tasks, int candidateTasks, int size, long seed, List<Row> rows) {
        /**
         * This result and {@code other}'s rows together: runs of different methods or gaps on the
         * same tasks, seed and size (e.g. an expensive method run in another process).
         *
         * @throws IllegalArgumentException if tasks, size or seed differ, or a row is in both
         */
        public Result merge(Result other) {
            if (other.tasks != tasks || other.candidateTasks != candidateTasks || other.size != size || other.seed != seed) {
                throw new IllegalArgumentException("cannot merge results of different draws: " + tasks + "/" + candidateTasks
                        + " tasks, size " + size + ", seed " + seed + " vs " + other.tasks + "/" + other.candidateTasks + ", "
                        + other.size + ", " + other.seed);
            }
            List<Row> all = new ArrayList<>(rows);
            for (Row r : other.rows) {
                if (all.stream().anyMatch(a -> a.method().equals(r.method()) && a.gap() == r.gap() && a.support() == r.support())) {
                    throw new IllegalArgumentException("both results hold " + r.method() + ", gap " + r.gap() + ", n " + r.support());
                }
                all.add(r);
            }
            return new Result(tasks, candidateTasks, size, seed, List.copyOf(all));
        }

        public Row row(String method, int gap, int support) {
            return rows.stream().filter(r -> r.method().equals(method) && r.gap() == gap && r.support() == support).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no row " + method + ", gap " + gap + ", n " + support));
        }
    }

    /**
     * Runs every method on every gap and support size.
     *
     * @param candidates episode tasks; the slice tasks among them that qualify are used
     * @param sizes      support sizes, ascending, ≥ 1
     * @param gaps       gaps ≥ 0
     * @param alsoQualify tasks must also qualify under this protocol, so that a run of some gaps or
     *                   sizes uses the tasks (and therefore the episodes) of a run of more; null adds
     *                   no condition. Episodes depend only on the tasks: support prefixes are the same
     *                   whatever the largest size drawn.
     * @param size       side of the pairs (the UniverSeg model's size)
     * @param tick       told after every call of a method (for progress), may be null
     * @throws IllegalArgumentException if no candidate qualifies
     */
    public static Result run(List<? extends EpisodeTask> candidates, List<Method> methods, int[] sizes, int[] gaps, EpisodeProtocol alsoQualify, int size,
                             long seed, Runnable tick) {
        int maxN = checkSizes(sizes);
        if (methods.isEmpty() || gaps.length == 0) {
            throw new IllegalArgumentException("need at least one method and one gap");
        }
        List<EpisodeProtocol> protocols = protocols(maxN, gaps);
        List<SliceTask> tasks = tasks(candidates, maxN, gaps, alsoQualify);
        int episodes = methods.stream().mapToInt(Method::episodes).max().orElseThrow();
        List<Row> rows = new ArrayList<>();
        for (EpisodeProtocol p : protocols) {
            double[][][] dice = new double[methods.size()][sizes.length][], secs = new double[methods.size()][sizes.length][];
            for (int m = 0; m < methods.size(); m++) {
                for (int k = 0; k < sizes.length; k++) {
                    dice[m][k] = new double[methods.get(m).episodes()];
                    secs[m][k] = new double[methods.get(m).episodes()];
                }
            }
            for (int e = 0; e < episodes; e++) {
                EpisodeProtocol.Episode ep = p.draw(tasks, seed, e, size);
                for (int m = 0; m < methods.size(); m++) {
                    if (e >= methods.get(m).episodes()) {
                        continue;
                    }
                    for (int k = 0; k < sizes.length; k++) {
                        long t0 = System.nanoTime();
                        float[] pred = methods.get(m).method().segment(ep.query().image(), ep.support(sizes[k]), seed * 1_000_003L + e);
                        secs[m][k][e] = (System.nanoTime() - t0) * 1e-9;
                        dice[m][k][e] = dice(pred, ep.query().label());
                        if (tick != null) {
                            tick.run();
                        }
                    }
                }
            }
            for (int m = 0; m < methods.size(); m++) {
                for (int k = 0; k < sizes.length; k++) {
                    MeanStd ms = Statistics.meanStd(dice[m][k]);
                    rows.add(new Row(methods.get(m).method().name(), p.gap(), sizes[k], ms.mean(), ms.std(), median(secs[m][k]),
                            dice[m][k], secs[m][k]));
                }
            }
        }
        return new Result(tasks.size(), candidates.size(), size, seed, rows);
    }

    /**
     * The tasks {@link #run} uses: the slice tasks among {@code candidates} that qualify for
     * {@code maxN} supports under every gap and under {@code alsoQualify} (null: no further condition).
     *
     * @throws IllegalArgumentException if none qualifies
     */
    public static List<SliceTask> tasks(List<? extends EpisodeTask> candidates, int maxN, int[] gaps, EpisodeProtocol alsoQualify) {
        List<EpisodeProtocol> conditions = protocols(maxN, gaps);
        if (alsoQualify != null) {
            conditions.add(alsoQualify);
        }
        List<SliceTask> tasks = EpisodeProtocol.qualifying(candidates, conditions);
        if (tasks.isEmpty()) {
            int need = conditions.stream().mapToInt(EpisodeProtocol::requiredSlices).max().orElse(0);
            throw new IllegalArgumentException("none of the " + candidates.size() + " tasks has the " + need
                    + " slices that support size " + maxN + " with gaps " + Arrays.toString(gaps) + " need");
        }
        return tasks;
    }

    private static List<EpisodeProtocol> protocols(int maxN, int[] gaps) {
        List<EpisodeProtocol> protocols = new ArrayList<>();
        for (int g : gaps) {
            protocols.add(new EpisodeProtocol(g, maxN));
        }
        return protocols;
    }

    /** Calls {@link #run} makes, for a progress bar. */
    public static long calls(List<Method> methods, int[] sizes, int[] gaps) {
        return (long) gaps.length * sizes.length * methods.stream().mapToLong(Method::episodes).sum();
    }

    /**
     * Median wall seconds of one call per support size, on one episode: each size is run once to
     * warm up, then {@code repeats} times.
     */
    public static double[] timing(FewShotMethod method, EpisodeProtocol.Episode episode, int[] sizes, int repeats, long seed) {
        checkSizes(sizes);
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be ≥ 1, got " + repeats);
        }
        double[] out = new double[sizes.length];
        for (int k = 0; k < sizes.length; k++) {
            List<Pair2d> support = episode.support(sizes[k]);
            method.segment(episode.query().image(), support, seed);
            double[] t = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                method.segment(episode.query().image(), support, seed);
                t[r] = (System.nanoTime() - t0) * 1e-9;
            }
            out[k] = median(t);
        }
        return out;
    }

    private static int checkSizes(int[] sizes) {
        if (sizes.length == 0) {
            throw new IllegalArgumentException("no support sizes");
        }
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] < 1 || (i > 0 && sizes[i] <= sizes[i - 1])) {
                throw new IllegalArgumentException("support sizes must be ascending and ≥ 1, got " + Arrays.toString(sizes));
            }
        }
        return sizes[sizes.length - 1];
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** Dice of (prediction > 0.5) against (label > 0.5); 1 when both are empty: the score of every row. */
    public static double dice(float[] prediction, float[] label) {
        return BinaryDice.of(prediction, 0.5f, label, 0, label.length);
    }
}
