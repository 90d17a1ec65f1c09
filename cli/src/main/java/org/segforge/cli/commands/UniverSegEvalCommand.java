package org.segforge.cli.commands;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.segforge.cli.Home;
import org.segforge.nn.universeg.Colin27Tasks;
import org.segforge.nn.universeg.EpisodeTask;
import org.segforge.nn.universeg.HeldOutEvaluation;
import org.segforge.nn.universeg.UniverSegModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "universeg-eval",
    header = "Scores UniverSeg on held-out Brodmann tasks against a copy-the-nearest baseline.", mixinStandardHelpOptions = true,
    description = {"Dice of UniverSeg on the held-out Colin27 Brodmann-area tasks (never used in training) against",
        "support size, next to the baseline that copies the label of the most similar support image.",
        "Prints a Markdown table."},
    footer = {"", "Example:", "  segforge universeg-eval --support-sizes 1,2,4,8,16 --episodes 200"})
public final class UniverSegEvalCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "DIR", description = "Model folder (default: the shipped models/universeg-cpu).")
    Path model;

    @Option(names = "--support-sizes", split = ",", defaultValue = "1,2,4,8,16", description = "Default: ${DEFAULT-VALUE}.")
    int[] sizes;

    @Option(names = "--episodes", defaultValue = "200", description = "Episodes (task, query, support draw). Default: ${DEFAULT-VALUE}.")
    int episodes;

    @Option(names = "--min-pixels", defaultValue = "150", description = "Slices need this much foreground. Default: ${DEFAULT-VALUE}.")
    int minPixels;

    @Option(names = "--family", defaultValue = "brodmann", description = "Task family to evaluate on. Default: ${DEFAULT-VALUE}.")
    String family;

    @Option(names = "--seed", defaultValue = "7", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--data", paramLabel = "DIR", description = "The demo data folder (default: the bundled data/demo).")
    Path data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = model != null ? model : Home.root().resolve("models/universeg-cpu");
        Colin27Tasks colin = Colin27Tasks.load(data != null ? data : Home.demoData(), minPixels);
        List<EpisodeTask> tasks = colin.of(java.util.Set.of(family));
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("no tasks in family " + family);
        }
        try (UniverSegModel m = UniverSegModel.load(dir)) {
            long t0 = System.nanoTime();
            List<HeldOutEvaluation> rows = HeldOutEvaluation.run(m, tasks, sizes, episodes, seed);
            out.printf(Locale.ROOT, "%d %s tasks, %d episodes, seed %d, model %s (%.0f s)%n%n", tasks.size(), family, episodes, seed,
                    dir, (System.nanoTime() - t0) * 1e-9);
            out.println("| support | UniverSeg Dice (mean ± sd) | most-similar-support baseline Dice |");
            out.println("|---:|---:|---:|");
            for (HeldOutEvaluation r : rows) {
                out.printf(Locale.ROOT, "| %d | %.3f ± %.3f | %.3f ± %.3f |%n", r.supportSize(), r.universeg(), r.universegSd(),
                        r.baseline(), r.baselineSd());
            }
        }
        return 0;
    }
}
