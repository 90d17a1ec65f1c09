package org.segforge.cli.commands;

import java.io.PrintWriter;
import java.nio.file.Path;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.segforge.cli.Home;
import org.segforge.cli.report.DiceSupportPlot;
import org.segforge.core.io.AtomicFiles;
import org.segforge.nn.train.Json;
import org.segforge.nn.universeg.Colin27Tasks;
import org.segforge.nn.universeg.CopyMostSimilar;
import org.segforge.nn.universeg.EpisodeProtocol;
import org.segforge.nn.universeg.EpisodeTask;
import org.segforge.nn.universeg.HeldOutEvaluation;
import org.segforge.nn.universeg.SupervisedUNet;
import org.segforge.nn.universeg.UniverSegMethod;
import org.segforge.nn.universeg.UniverSegModel;
import org.segforge.nn.universeg.FewShotMethod;
import org.segforge.nn.universeg.UniverSegFusion;
import org.segforge.nn.universeg.UniverSegNearest;
import org.segforge.nn.universeg.VoteMostSimilar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "universeg-eval",
    header = "Scores UniverSeg on held-out tasks against a supervised U-Net and a copy baseline.", mixinStandardHelpOptions = true,
    description = {"Dice against support size on the held-out Colin27 Brodmann-area tasks (never used in training) for",
        "UniverSeg, a U-Net trained on the same support pairs, and the baseline that copies the label of the",
        "most similar support image; all on one shared draw of episodes (task, query, nested supports).",
        "--gaps keeps support slices at least g slices from the query (0 = the original draw, with",
        "replacement); tasks without enough slices for the largest size under every gap are skipped.",
        "Prints Markdown tables (Dice, and seconds per query); optional JSON and PNG plot."},
    footer = {"", "Example:", "  segforge universeg-eval --gaps 0,5 --episodes 100 --unet-episodes 30 --plot dice.png --json dice.json"})
public final class UniverSegEvalCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "DIR", description = "Model folder (default: the shipped models/universeg-cpu).")
    Path model;

    @Option(names = {"--sizes", "--support-sizes"}, split = ",", defaultValue = "1,2,4,8,16,32,64",
        description = "Support sizes, ascending. Default: ${DEFAULT-VALUE}.")
    int[] sizes;

    @Option(names = "--episodes", defaultValue = "100", description = "Episodes for UniverSeg and the copy baseline. Default: ${DEFAULT-VALUE}.")
    int episodes;

    @Option(names = "--gaps", split = ",", defaultValue = "0,5", converter = GapConverter.class,
        description = {"Minimum |support slice − query slice| per run; 0 = original protocol; \"even\" = supports spread",
            "evenly over the task's slices and the query between them (how one annotates a volume for segment --volume).",
            "Default: ${DEFAULT-VALUE}."})
    int[] gaps;

    @Option(names = "--methods", split = ",", defaultValue = "universeg,copy,unet",
        description = "Any of universeg, universeg-nearestK (UniverSeg on the K examples most similar to the query), "
            + "universeg-fuseM (mean of UniverSeg's one-example predictions from the M most similar), copy, vote-M (majority of "
            + "the M most similar examples' labels), unet, "
            + "or none (only --merge). Default: ${DEFAULT-VALUE}.")
    List<String> methods;

    @Option(names = "--ensemble", defaultValue = "1",
        description = "UniverSeg support-set ensembling: K > 1 averages K random subsets of the model's max support. Default: ${DEFAULT-VALUE}.")
    int ensemble;

    @Option(names = "--unet-episodes", defaultValue = "30", description = "Episodes for the U-Net (the first ones). Default: ${DEFAULT-VALUE}.")
    int unetEpisodes;

    @Option(names = "--unet-steps", defaultValue = "150", description = "Training steps of each U-Net. Default: ${DEFAULT-VALUE}.")
    long unetSteps;

    @Option(names = "--timing-repeats", defaultValue = "5",
        description = "Repeats of the per-size UniverSeg timing on one episode (0 = skip). Default: ${DEFAULT-VALUE}.")
    int timingRepeats;

    @Option(names = "--min-pixels", defaultValue = "150", description = "Slices need this much foreground. Default: ${DEFAULT-VALUE}.")
    int minPixels;

    @Option(names = "--family", defaultValue = "brodmann", description = "Task family to evaluate on. Default: ${DEFAULT-VALUE}.")
    String family;

    @Option(names = "--seed", defaultValue = "7", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--data", paramLabel = "DIR", description = "The demo data folder (default: the bundled data/demo).")
    Path data;

    @Option(names = "--task-gap", defaultValue = "-1",
        description = "Use only tasks that also qualify under this gap (default: the largest of --gaps), so that runs of"
            + " different gaps or methods share tasks and episodes and can be merged.")
    int taskGap;

    @Option(names = "--task-support", defaultValue = "-1",
        description = "Use only tasks that also qualify for this support size under --task-gap (default: the largest of"
            + " --sizes), so that a run of fewer sizes draws the episodes of a run of more.")
    int taskSupport;

    @Option(names = "--merge", paramLabel = "JSON", split = ",",
        description = "JSON files of earlier runs (other methods or gaps, same tasks, seed and sizes) to add to the tables and plot.")
    List<Path> merge;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write every row (with per-episode Dice and seconds) as JSON.")
    Path json;

    @Option(names = "--plot", paramLabel = "PNG", description = "Also plot Dice ± sd against support size.")
    Path plot;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = model != null ? model : Home.root().resolve("models/universeg-cpu");
        Path demo = data != null ? data : Home.demoData();
        // an atlas family alone reads two volumes instead of every family's
        List<EpisodeTask> tasks = Set.of("aal", "brodmann", "brainmask").contains(family)
            ? Colin27Tasks.atlasFamily(demo, family, minPixels) : Colin27Tasks.load(demo, minPixels).of(Set.of(family));
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("no tasks in family " + family);
        }
        int tg = taskGap >= 0 ? taskGap : Arrays.stream(gaps).max().orElse(0);
        int maxN = sizes[sizes.length - 1];
        EpisodeProtocol also = new EpisodeProtocol(tg, Math.max(maxN, taskSupport));
        try (UniverSegModel m = UniverSegModel.load(dir)) {
            int size = m.config().size();
            UniverSegMethod useg = new UniverSegMethod(m, ensemble);
            List<HeldOutEvaluation.Method> list = new ArrayList<>();
            for (String raw : methods) {
                String name = raw.trim().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "universeg" -> list.add(new HeldOutEvaluation.Method(useg, episodes));
                    case "copy" -> list.add(new HeldOutEvaluation.Method(new CopyMostSimilar(), episodes));
                    case "unet" -> list.add(new HeldOutEvaluation.Method(new SupervisedUNet(SupervisedUNet.config(size, unetSteps)), unetEpisodes));
                    case "none" -> { }
                    default -> list.add(new HeldOutEvaluation.Method(parameterised(name, m), episodes));
                }
            }
            long t0 = System.nanoTime();
            HeldOutEvaluation.Result result = null;
            if (!list.isEmpty()) {
                long total = HeldOutEvaluation.calls(list, sizes, gaps);
                AtomicLong done = new AtomicLong();
                // a line every ~5 % on stderr: runs are long and usually in the background, without a terminal for a bar
                Runnable tick = () -> {
                    long d = done.incrementAndGet();
                    if (d % Math.max(1, total / 20) == 0 || d == total) {
                        System.err.printf(Locale.ROOT, "universeg-eval: %d/%d calls, %.0f s%n", d, total, (System.nanoTime() - t0) * 1e-9);
                    }
                };
                result = HeldOutEvaluation.run(tasks, list, sizes, gaps, also, size, seed, tick);
            }
            double seconds = (System.nanoTime() - t0) * 1e-9;
            double[] timing = null;
            if (timingRepeats > 0 && list.stream().anyMatch(x -> x.method() == useg)) {
                // the first episode of the first gap, on the tasks the evaluation used
                EpisodeProtocol.Episode ep = new EpisodeProtocol(gaps[0], maxN)
                    .draw(HeldOutEvaluation.tasks(tasks, maxN, gaps, also), seed, 0, size);
                timing = HeldOutEvaluation.timing(useg, ep, sizes, timingRepeats, seed);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "segforge universeg-eval " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
            doc.put("model", dir.toString());
            doc.put("modelCodeVersion", m.provenance() == null ? null : m.provenance().codeVersion());
            doc.put("family", family);
            doc.put("minPixels", minPixels);
            doc.put("taskGap", tg);
            doc.put("taskSupport", also.maxSupport());
            doc.put("unetConfig", list.stream().anyMatch(x -> x.method() instanceof SupervisedUNet) ? SupervisedUNet.config(size, unetSteps) : null);
            doc.put("timingRepeats", timingRepeats);
            doc.put("timingSeconds", timing);
            doc.put("seconds", seconds);
            doc.put("result", result);
            if (json != null && result != null) {
                AtomicFiles.writeString(json, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n");
            }
            for (Path p : merge == null ? List.<Path>of() : merge) {
                JsonNode other = Json.mapper().readTree(p.toFile());
                HeldOutEvaluation.Result r = Json.mapper().treeToValue(other.get("result"), HeldOutEvaluation.Result.class);
                result = result == null ? r : result.merge(r);
                if (timing == null && other.hasNonNull("timingSeconds")) {
                    timing = Json.mapper().treeToValue(other.get("timingSeconds"), double[].class);
                    timingRepeats = other.get("timingRepeats").asInt();
                }
            }
            if (result == null) {
                throw new IllegalArgumentException("nothing to report: --methods none and no --merge");
            }
            out.printf(Locale.ROOT, "%d of %d %s tasks qualify for support %d with gaps %s and task gap %d (the others skipped); seed %d;"
                + " model %s; %.0f s%n", result.tasks(), result.candidateTasks(), family, also.maxSupport(), Arrays.toString(gaps), tg, seed,
                dir, seconds);
            printDice(out, result);
            printTiming(out, result, timing);
            if (plot != null) {
                DiceSupportPlot.write(plot, result, "Held-out " + family + " tasks (" + result.tasks() + "): Dice vs support size");
            }
        }
        return 0;
    }

    /** Method names in row order, with their episode counts. */
    private static Map<String, Integer> methodsOf(HeldOutEvaluation.Result r) {
        Map<String, Integer> m = new LinkedHashMap<>();
        r.rows().forEach(row -> m.putIfAbsent(row.method(), row.episodes()));
        return m;
    }

    private void printDice(PrintWriter out, HeldOutEvaluation.Result r) {
        Map<String, Integer> all = methodsOf(r);
        List<Integer> gs = r.rows().stream().map(HeldOutEvaluation.Row::gap).distinct().toList();
        List<Integer> ns = r.rows().stream().map(HeldOutEvaluation.Row::support).distinct().sorted().toList();
        for (int g : gs) {
            // episodes per method at this gap (merged runs may differ per gap); methods absent here get "–"
            Map<String, Integer> ms = new LinkedHashMap<>();
            all.keySet().forEach(name -> ms.put(name, r.rows().stream().filter(x -> x.method().equals(name) && x.gap() == g)
                .mapToInt(HeldOutEvaluation.Row::episodes).findFirst().orElse(0)));
            int fewest = ms.values().stream().filter(e -> e > 0).mapToInt(Integer::intValue).min().orElseThrow();
            boolean subset = ms.values().stream().anyMatch(e -> e > 0 && e != fewest);
            String layout = EpisodeProtocol.describe(g);
            out.printf(Locale.ROOT, "%n%s — Dice, mean ± sd over episodes%s%n%n", Character.toUpperCase(layout.charAt(0)) + layout.substring(1),
                subset ? " [in brackets: mean over the first " + fewest + " episodes, those of every method]" : "");
            StringBuilder head = new StringBuilder("| support |"), rule = new StringBuilder("|---:|");
            ms.forEach((name, e) -> {
                head.append(' ').append(name).append(e > 0 ? " (" + e + " ep.)" : " (not run)").append(" |");
                rule.append("---:|");
            });
            out.println(head);
            out.println(rule);
            for (int n : ns) {
                StringBuilder row = new StringBuilder("| " + n + " |");
                ms.forEach((name, e) -> {
                    HeldOutEvaluation.Row cell = r.rows().stream()
                        .filter(x -> x.method().equals(name) && x.gap() == g && x.support() == n).findFirst().orElse(null);
                    if (cell == null) {
                        row.append(" – |");
                        return;
                    }
                    row.append(String.format(Locale.ROOT, " %.3f ± %.3f", cell.mean(), cell.sd()));
                    if (subset && e != fewest) {
                        row.append(String.format(Locale.ROOT, " [%.3f]", cell.meanOfFirst(fewest)));
                    }
                    row.append(" |");
                });
                out.println(row);
            }
        }
    }

    private void printTiming(PrintWriter out, HeldOutEvaluation.Result r, double[] timing) {
        Map<String, Integer> ms = methodsOf(r);
        List<Integer> ns = r.rows().stream().map(HeldOutEvaluation.Row::support).distinct().sorted().toList();
        out.printf(Locale.ROOT, "%nSeconds per call (segment one query from n supports; the U-Net trains first), median%n%n");
        StringBuilder head = new StringBuilder("| support |"), rule = new StringBuilder("|---:|");
        if (timing != null) {
            head.append(" UniverSeg, ").append(timingRepeats).append(" repeats on one episode |");
            rule.append("---:|");
        }
        ms.forEach((name, e) -> {
            head.append(' ').append(name).append(", over episodes and gaps |");
            rule.append("---:|");
        });
        out.println(head);
        out.println(rule);
        for (int k = 0; k < ns.size(); k++) {
            int n = ns.get(k);
            StringBuilder row = new StringBuilder("| " + n + " |");
            if (timing != null) {
                row.append(k < timing.length ? String.format(Locale.ROOT, " %.4f |", timing[k]) : " – |");
            }
            ms.forEach((name, e) -> {
                double[] all = r.rows().stream().filter(x -> x.method().equals(name) && x.support() == n)
                    .flatMapToDouble(x -> Arrays.stream(x.seconds())).toArray();
                row.append(all.length == 0 ? " – |" : String.format(Locale.ROOT, " %.4f |", median(all)));
            });
            out.println(row);
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** universeg-nearestK, universeg-fuseM or vote-M. */
    private static FewShotMethod parameterised(String name, UniverSegModel m) {
        java.util.regex.Matcher k = java.util.regex.Pattern.compile("(universeg-nearest|universeg-fuse|vote-)([1-9][0-9]*)").matcher(name);
        if (!k.matches()) {
            throw new IllegalArgumentException("unknown method '" + name + "'; use universeg, universeg-nearestK, universeg-fuseM, copy, vote-M, unet or none");
        }
        int n = Integer.parseInt(k.group(2));
        return switch (k.group(1)) {
            case "universeg-nearest" -> new UniverSegNearest(m, n);
            case "universeg-fuse" -> new UniverSegFusion(m, n);
            default -> new VoteMostSimilar(n);
        };
    }

    /** A gap: a number ≥ 0, or "even" ({@link EpisodeProtocol#EVEN}). */
    static final class GapConverter implements picocli.CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            if (value.trim().equalsIgnoreCase("even")) {
                return EpisodeProtocol.EVEN;
            }
            int g = Integer.parseInt(value.trim());
            if (g < 0) {
                throw new IllegalArgumentException("a gap is a number ≥ 0 or \"even\", got " + value);
            }
            return g;
        }
    }
}
