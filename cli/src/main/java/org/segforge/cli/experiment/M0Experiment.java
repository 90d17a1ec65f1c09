package org.segforge.cli.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.segforge.cli.demo.DemoData;
import org.segforge.core.DataException;
import org.segforge.core.data.Case;
import org.segforge.core.data.Fold;
import org.segforge.core.data.ForegroundThreshold;
import org.segforge.core.data.LabelGrouping;
import org.segforge.core.data.Splits;
import org.segforge.core.data.Task;
import org.segforge.core.data.TaskBuilder;
import org.segforge.core.image.Axis;
import org.segforge.core.io.AtomicFiles;
import org.segforge.core.metric.MeanStd;
import org.segforge.core.metric.Statistics;
import org.segforge.core.metric.TTestResult;
import org.segforge.nn.seg.SegEvaluation;
import org.segforge.nn.seg.SegTrainingConfig;

/**
 * M0's experiment: how far a supervised U-Net gets from 5, 10 or 20 labelled slices of one
 * subject, and what each classic augmentation adds. For every task × labelled count × seed, one
 * leak-free slice-range split (the same for every augmentation, so results pair up) and one run
 * per augmentation; per test slice Dice, mean ± std, and a two-sided paired t-test of each
 * augmentation against no augmentation over the (seed, test slice) pairs. Results are rewritten
 * after every run (m0-results.json, m0-results.md), so a stopped experiment keeps what it did.
 *
 * <p>Caveat written into the table: neighbouring test slices are correlated, so the effective
 * sample size is smaller than n and the p-values are optimistic.
 */
public final class M0Experiment {
    /** What to run. */
    public record Settings(List<String> tasks, List<Integer> labelled, List<String> augments, List<Long> seeds, long steps,
                           int batchSize, int patch, int baseWidth, int testStride, int gap) {}

    /** One run's outcome. */
    public record RunResult(String task, int labelled, String augment, long seed, long steps, double seconds, double meanDice,
                            List<String> testIds, double[] dice, double[] hd95) {}

    private final DemoData data;
    private final Settings settings;
    private final Path out;
    private final PrintStream log;
    private final List<RunResult> results = new ArrayList<>();

    public M0Experiment(DemoData data, Settings settings, Path out, PrintStream log) {
        this.data = data;
        this.settings = settings;
        this.out = out;
        this.log = log;
    }

    /** The Colin27 tasks by name: "brain" (binary brain mask) and "lobes" (AAL regions grouped into 4 lobes). */
    public static Task task(DemoData d, String name) {
        ForegroundThreshold min = ForegroundThreshold.voxels(20);
        return switch (name) {
            case "brain" -> new TaskBuilder("colin27", List.of(Case.of("colin27", d.t1(), d.brainMask()))).minForeground(min)
                .build(LabelGrouping.binary("brain", Set.of(1)), Axis.AXIAL);
            case "lobes" -> new TaskBuilder("aal", List.of(Case.of("colin27", d.t1(), d.aal()))).minForeground(min)
                .build(lobes(d.aalNames()), Axis.AXIAL);
            default -> throw new IllegalArgumentException("unknown M0 task '" + name + "'; use brain or lobes");
        };
    }

    /**
     * AAL regions grouped into four cortical lobes by name (insula, cingulum, deep grey matter and
     * cerebellum are left as background): frontal (precentral, frontal, rolandic operculum, SMA,
     * olfactory, rectus, paracentral lobule), parietal (postcentral, parietal, supramarginal,
     * angular, precuneus), temporal (temporal, Heschl, hippocampus, parahippocampal, amygdala,
     * fusiform), occipital (calcarine, cuneus, lingual, occipital).
     */
    public static LabelGrouping lobes(Map<Integer, String> names) {
        Map<String, List<String>> prefixes = new LinkedHashMap<>();
        prefixes.put("frontal", List.of("Precentral", "Frontal", "Rolandic", "Supp_Motor", "Olfactory", "Rectus", "Paracentral"));
        prefixes.put("parietal", List.of("Postcentral", "Parietal", "SupraMarginal", "Angular", "Precuneus"));
        prefixes.put("temporal", List.of("Temporal", "Heschl", "Hippocampus", "ParaHippocampal", "Amygdala", "Fusiform"));
        prefixes.put("occipital", List.of("Calcarine", "Cuneus", "Lingual", "Occipital"));
        Map<String, Set<Integer>> groups = new LinkedHashMap<>();
        prefixes.forEach((lobe, ps) -> {
            Set<Integer> values = new LinkedHashSet<>();
            names.forEach((v, n) -> {
                if (ps.stream().anyMatch(n::startsWith)) {
                    values.add(v);
                }
            });
            groups.put(lobe, values);
        });
        return LabelGrouping.multiClass("lobes", groups);
    }

    public List<RunResult> run() throws DataException {
        for (String taskName : settings.tasks()) {
            Task task = task(data, taskName);
            for (int n : settings.labelled()) {
                for (long seed : settings.seeds()) {
                    Fold fold = FewSliceTraining.split(task, n, settings.gap(), seed);
                    for (String aug : settings.augments()) {
                        SegTrainingConfig cfg = SegTrainingConfig.cpu(2, 1, task.numClasses()).withSteps(settings.steps()).withSeed(seed)
                            .withAugment(aug);
                        cfg = cfg.withNet(cfg.net().withWidth(settings.baseWidth(), Math.max(cfg.net().maxWidth(), settings.baseWidth())))
                            .withPatch(List.of(settings.patch(), settings.patch()), settings.batchSize());
                        long t0 = System.nanoTime();
                        try (FewSliceTraining r = FewSliceTraining.run(task, fold, cfg, settings.testStride(), null)) {
                            if (!r.leakFree() || Splits.minSliceDistance(fold) <= settings.gap()) {
                                throw new IllegalStateException("split leaks: " + fold);
                            }
                            double[] dice = SegEvaluation.caseDice(r.metrics());
                            RunResult rr = new RunResult(taskName, n, aug, seed, cfg.steps(), (System.nanoTime() - t0) / 1e9,
                                SegEvaluation.meanDice(r.metrics()), r.test().stream().map(s -> s.id()).toList(), dice,
                                SegEvaluation.caseHd95(r.metrics()));
                            results.add(rr);
                            log.printf(Locale.ROOT, "m0: %s, %d slices, seed %d, %s: Dice %.4f (%d test slices, %.0f s)%n",
                                taskName, n, seed, aug, rr.meanDice(), dice.length, rr.seconds());
                        }
                        write();
                    }
                }
            }
        }
        return List.copyOf(results);
    }

    /** Rewrites the JSON and the Markdown table from the results so far. */
    private void write() throws DataException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("settings", settings);
        json.put("peakRssMiB", PeakMemory.peakRssMiB());
        json.put("runs", results);
        try {
            AtomicFiles.writeString(out.resolve("m0-results.json"),
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json) + "\n");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        AtomicFiles.writeString(out.resolve("m0-results.md"), table());
    }

    /** Markdown: one row per task × labelled slices, one column per augmentation: Dice mean ± std, p vs none. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append("| task | labelled slices |");
        for (String a : settings.augments()) {
            sb.append(' ').append(a).append(" |");
        }
        sb.append("\n|---|---|");
        sb.append("---|".repeat(settings.augments().size()));
        sb.append('\n');
        for (String task : settings.tasks()) {
            for (int n : settings.labelled()) {
                double[] base = pooled(task, n, "none");
                if (base == null && settings.augments().stream().allMatch(a -> pooled(task, n, a) == null)) {
                    continue;
                }
                sb.append("| ").append(task).append(" | ").append(n).append(" |");
                for (String a : settings.augments()) {
                    double[] d = pooled(task, n, a);
                    if (d == null) {
                        sb.append(" – |");
                        continue;
                    }
                    MeanStd ms = Statistics.meanStd(d);
                    sb.append(' ').append(ms.format(3));
                    if (!a.equals("none") && base != null && base.length == d.length) {
                        TTestResult t = Statistics.pairedTTest(d, base);
                        sb.append(t.valid() ? String.format(Locale.ROOT, " (p=%.2g)", t.pValue()) : " (p n/a)");
                    }
                    sb.append(" |");
                }
                sb.append('\n');
            }
        }
        sb.append(String.format(Locale.ROOT, "%nDice per test slice (mean over foreground classes), mean ± std over %s seed(s) × test slices; "
            + "p: two-sided paired t-test against 'none' over the same (seed, slice) pairs. Neighbouring slices are correlated, "
            + "so p-values are optimistic. Settings: %s.%n", settings.seeds().size(), settings));
        return sb.toString();
    }

    /** Per-slice Dice of all seeds of one cell, in seed order, or null when a seed is missing. */
    private double[] pooled(String task, int n, String aug) {
        List<Double> all = new ArrayList<>();
        for (long seed : settings.seeds()) {
            RunResult r = results.stream().filter(x -> x.task().equals(task) && x.labelled() == n && x.augment().equals(aug) && x.seed() == seed)
                .findFirst().orElse(null);
            if (r == null) {
                return null;
            }
            for (double v : r.dice()) {
                all.add(v);
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
