package org.segforge.cli.wgan;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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
    footer = {"", "Example:", "  segforge wgan evaluate --real runs/real-patches --synthetic runs/wgan-gp/samples --json fid.json --prd-png prd.png"})
public final class WganEvaluateCommand implements Callable<Integer> {
    @Option(names = "--real", required = true, paramLabel = "DIR", description = "Real patches (nnU-Net layout).")
    Path real;

    @Option(names = "--synthetic", required = true, paramLabel = "DIR", description = "Synthetic patches (nnU-Net layout).")
    Path synthetic;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the full result (curves included) as JSON.")
    Path json;

    @Option(names = "--prd-png", paramLabel = "FILE", description = "Write the PRD curve as PNG.")
    Path prdPng;

    @Option(names = "--grid-png", paramLabel = "FILE", description = "Write a grid of synthetic samples (middle slices, label overlay) as PNG.")
    Path gridPng;

    @Option(names = "--grid-count", defaultValue = "16", paramLabel = "N", description = "Samples in the grid. Default: ${DEFAULT-VALUE}.")
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

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrdConfig paper = PrdConfig.paper(seed);
        PrdConfig prd = new PrdConfig(clusters, paper.angles(), runs, paper.starts(), paper.maxIterations(), seed, true);
        SampleSet r = WganEvaluation.readSamples(real, "real");
        SampleSet s = WganEvaluation.readSamples(synthetic, "synthetic");
        Path dir = features != null ? features : Home.root().resolve(WganEvaluation.DEFAULT_FEATURES);
        GenerativeEvaluation e = WganEvaluation.run(r, s, dir, !imageOnly, prd);
        out.printf(Locale.ROOT, "real %d, synthetic %d samples of %d×%d×%d; features %s (%dD, %s)%n", r.size(), s.size(),
                e.shape()[0], e.shape()[1], e.shape()[2], e.featureNetwork(), e.dims(), e.withLabels() ? "image + label" : "image only");
        out.printf(Locale.ROOT, "FID %.5f (mean term %.5f, covariance term %.5f)%s%n", e.fid().fid(), e.fid().meanTerm(),
                e.fid().covarianceTerm(), e.fid().rankDeficient() ? " — fewer samples than feature dimensions: compare only at equal n" : "");
        out.printf(Locale.ROOT, "PRD F8 %.4f  F1/8 %.4f  AUC %.4f  (%d vs %d samples, %d clusters, %d runs, seed %d)%n", e.prd().f8(),
                e.prd().f1over8(), e.prd().auc(), e.prd().realCount(), e.prd().syntheticCount(), clusters, runs, seed);
        if (json != null) {
            WganEvaluation.writeJson(e, json);
        }
        if (prdPng != null) {
            Map<String, PrdResult> curves = new LinkedHashMap<>();
            curves.put(synthetic.getFileName() == null ? "synthetic" : synthetic.getFileName().toString(), e.prd());
            PrdCurvePlot.write(prdPng, curves);
        }
        if (gridPng != null) {
            WganEvaluation.writeGrid(s, gridCount, gridPng);
        }
        return 0;
    }
}
