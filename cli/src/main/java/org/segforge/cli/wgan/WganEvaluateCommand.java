package org.segforge.cli.wgan;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.segforge.cli.Home;
import org.segforge.cli.report.PrdCurvePlot;
import org.segforge.core.metric.generative.PrdConfig;
import org.segforge.core.metric.generative.PrdResult;
import org.segforge.nn.features.GenerativeEvaluation;
import org.segforge.nn.features.SampleSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code segforge wgan evaluate}: FID and PRD of a synthetic dataset against a real one. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    header = "Scores synthetic patches against real ones: FID and PRD (F8, F1/8, AUC) on the shipped feature network.",
    description = {"Both folders are datasets in the nnU-Net layout (imagesTr/, labelsTr/, dataset.json) of patches of one size,",
        "e.g. the output of 'segforge wgan sample' and real patches of the same size. Each image is min-max normalised to",
        "[0, 1]; features come from models/fid-features-v1 (3D network for volumes, 2D for images), with the label as a",
        "second channel when both sets have labels. FID uses every sample; PRD (Sajjadi et al. 2018: 20 clusters, 10 runs)",
        "a seeded subsample of the larger set to the smaller set's size. FID values are comparable only for one feature",
        "version and one patch size."},
    footer = {"", "Example:", "  segforge wgan evaluate --real runs/real-patches --synthetic runs/gp/samples runs/sn/samples --json eval.json --prd-png prd.png"})
public final class WganEvaluateCommand implements Callable<Integer> {
    @Option(names = "--real", required = true, paramLabel = "DIR", description = "Real patches (nnU-Net layout).")
    Path real;

    @Option(names = "--synthetic", required = true, arity = "1..*", paramLabel = "DIR",
        description = "Synthetic patches (nnU-Net layout); several folders (e.g. one per variant) are scored against the same real features.")
    List<Path> synthetic;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the full result (curves included) as JSON.")
    Path json;

    @Option(names = "--prd-png", paramLabel = "FILE", description = "Write the PRD curve as PNG.")
    Path prdPng;

    @Option(names = "--grid-png", paramLabel = "FILE",
        description = "Write a grid of samples as PNG: one row per set (real first), middle axial slices with the label overlaid.")
    Path gridPng;

    @Option(names = "--grid-count", defaultValue = "8", paramLabel = "N", description = "Samples per row of the grid. Default: ${DEFAULT-VALUE}.")
    int gridCount;

    @Option(names = "--features", paramLabel = "DIR", description = "Feature-network folder (default: the shipped " + WganEvaluation.DEFAULT_FEATURES + ").")
    Path features;

    @Option(names = "--image-only", description = "Leave the labels out of the features.")
    boolean imageOnly;

    @Option(names = "--clusters", defaultValue = "20", description = "PRD k-means clusters. Default: ${DEFAULT-VALUE}.")
    int clusters;

    @Option(names = "--runs", defaultValue = "10", description = "PRD clusterings averaged. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the PRD clustering and subsampling. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Spec
    CommandSpec spec;

    /**
     * Set names from the folder names; where two folders share a name (runs/gp/samples,
     * runs/sn/samples) the parent folder is prefixed (gp/samples), then a counter if needed.
     */
    static List<String> names(List<Path> folders) {
        List<String> base = new ArrayList<>();
        Map<String, Integer> count = new java.util.HashMap<>();
        for (Path p : folders) {
            String n = nameOf(p.toAbsolutePath().normalize());
            base.add(n);
            count.merge(n, 1, Integer::sum);
        }
        List<String> out = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (int i = 0; i < folders.size(); i++) {
            String name = base.get(i);
            Path parent = folders.get(i).toAbsolutePath().normalize().getParent();
            if (count.get(name) > 1 && parent != null) {
                name = nameOf(parent) + "/" + name;
            }
            String unique = name;
            for (int k = 2; !used.add(unique); k++) {
                unique = name + "-" + k;
            }
            out.add(unique);
        }
        return out;
    }

    private static String nameOf(Path p) {
        return p.getFileName() == null ? "synthetic" : p.getFileName().toString();
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrdConfig paper = PrdConfig.paper(seed);
        PrdConfig prd = new PrdConfig(clusters, paper.angles(), runs, paper.starts(), paper.maxIterations(), seed, true);
        SampleSet r = WganEvaluation.readSamples(real, "real");
        List<String> names = names(synthetic);
        List<SampleSet> sets = new ArrayList<>();
        for (int i = 0; i < synthetic.size(); i++) {
            SampleSet set = WganEvaluation.readSamples(synthetic.get(i), names.get(i));
            WganEvaluation.checkComparable(real, r, synthetic.get(i), set, prd);
            sets.add(set);
        }
        Path dir = features != null ? features : Home.root().resolve(WganEvaluation.DEFAULT_FEATURES);
        List<GenerativeEvaluation> results = WganEvaluation.run(r, sets, dir, !imageOnly, prd);
        GenerativeEvaluation first = results.get(0);
        out.printf(Locale.ROOT, "real: %d samples of %d×%d×%d; features %s (%dD, %s); PRD %d clusters, %d runs, seed %d%n", r.size(),
                first.shape()[0], first.shape()[1], first.shape()[2], first.featureNetwork(), first.dims(),
                first.withLabels() ? "image + label" : "image only", clusters, runs, seed);
        out.println();
        out.println("| synthetic set | samples | FID | F8 | F1/8 | PRD AUC |");
        out.println("|---|---:|---:|---:|---:|---:|");
        boolean deficient = false;
        for (int i = 0; i < results.size(); i++) {
            GenerativeEvaluation e = results.get(i);
            deficient |= e.fid().rankDeficient();
            out.printf(Locale.ROOT, "| %s | %d | %.5f | %.4f | %.4f | %.4f |%n", e.synthetic(), sets.get(i).size(), e.fid().fid(),
                    e.prd().f8(), e.prd().f1over8(), e.prd().auc());
        }
        if (deficient) {
            out.println();
            out.println("note: fewer samples than feature dimensions; FID carries a small-sample bias, compare values only at equal N");
        }
        if (json != null) {
            WganEvaluation.writeJson(new WganEvaluation.Report(real.toString(), synthetic.stream().map(Path::toString).toList(), results), json);
        }
        if (prdPng != null) {
            Map<String, PrdResult> curves = new LinkedHashMap<>();
            for (GenerativeEvaluation e : results) {
                curves.put(e.synthetic(), e.prd());
            }
            PrdCurvePlot.write(prdPng, curves);
        }
        if (gridPng != null) {
            List<SampleSet> rows = new ArrayList<>();
            rows.add(r);
            rows.addAll(sets);
            WganEvaluation.writeGrid(rows, gridCount, gridPng);
        }
        return 0;
    }
}
