package org.segforge.cli.wgan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.segforge.cli.report.SampleGrid;
import org.segforge.core.DataException;
import org.segforge.core.data.Case;
import org.segforge.core.data.CaseSource;
import org.segforge.core.data.Dataset;
import org.segforge.core.image.Volume;
import org.segforge.core.io.AtomicFiles;
import org.segforge.core.io.dataset.NnUnetDataset;
import org.segforge.core.metric.generative.PrdConfig;
import org.segforge.nn.features.FeatureNetwork;
import org.segforge.nn.features.GenerativeEvaluation;
import org.segforge.nn.features.GenerativeEvaluator;
import org.segforge.nn.features.SampleSet;
import org.segforge.nn.train.Json;

/**
 * The service behind {@code segforge wgan evaluate}: reads a real and a synthetic dataset of
 * patches in the nnU-Net layout ({@code imagesTr/}, {@code labelsTr/}, {@code dataset.json}),
 * scores the synthetic set with {@link GenerativeEvaluator} (FID and PRD on the shipped feature
 * network) and writes the JSON, the PRD curve and a grid of samples on request.
 */
public final class WganEvaluation {
    /** The shipped feature network, relative to the SegForge home. */
    public static final String DEFAULT_FEATURES = "models/fid-features-v1";

    private WganEvaluation() {}

    /**
     * The training cases of an nnU-Net-layout dataset as a sample set: channel 0 of each image and
     * its label when every case has one (else no labels).
     */
    public static SampleSet readSamples(Path folder, String name) throws DataException {
        Dataset d = NnUnetDataset.read(folder);
        List<Volume> images = new ArrayList<>();
        List<Volume> labels = new ArrayList<>();
        boolean allLabelled = true;
        int[] first = null;
        for (CaseSource source : d.training()) {
            Case c = source.load();
            Volume img = c.channels().get(0);
            int[] shape = {img.nx(), img.ny(), img.nz()};
            if (first == null) {
                first = shape;
            } else if (first[0] != shape[0] || first[1] != shape[1] || first[2] != shape[2]) {
                throw new DataException(folder, "case " + c.id() + " is " + shape[0] + "×" + shape[1] + "×" + shape[2] + ", the first case "
                        + first[0] + "×" + first[1] + "×" + first[2] + ": a sample set needs one patch size");
            }
            images.add(img);
            if (c.label() == null) {
                allLabelled = false;
            } else {
                labels.add(c.label());
            }
        }
        if (images.size() < 2) {
            throw new DataException(folder, "holds " + images.size() + " training case(s); FID needs at least 2");
        }
        return new SampleSet(name, images, allLabelled ? labels : null);
    }

    /**
     * Refuses, naming the folder, a synthetic set that cannot be scored against the real one: a
     * different patch size (features are only comparable for one size) or too few samples for
     * PRD's clusters (PRD uses as many samples from each set as the smaller one has).
     */
    public static void checkComparable(Path realFolder, SampleSet real, Path folder, SampleSet synthetic, PrdConfig prd)
            throws DataException {
        int[] r = real.shape(), s = synthetic.shape();
        if (r[0] != s[0] || r[1] != s[1] || r[2] != s[2]) {
            throw new DataException(folder, "patches are " + s[0] + "×" + s[1] + "×" + s[2] + ", the real ones (" + realFolder + ") "
                    + r[0] + "×" + r[1] + "×" + r[2] + "; features are only comparable for one patch size");
        }
        int n = 2 * Math.min(real.size(), synthetic.size());
        if (n < prd.clusters()) {
            throw new DataException(folder, "PRD pools " + Math.min(real.size(), synthetic.size()) + " samples from each set, "
                    + n + " in all, fewer than its " + prd.clusters() + " clusters; provide more samples or fewer --clusters");
        }
    }

    /**
     * What {@code wgan evaluate} writes as JSON: the folders compared and one evaluation per
     * synthetic set, in the order given.
     *
     * @param realFolder the real dataset
     * @param syntheticFolders the synthetic datasets
     * @param evaluations one per synthetic dataset
     */
    public record Report(String realFolder, List<String> syntheticFolders, List<GenerativeEvaluation> evaluations) {}

    /**
     * Scores each synthetic set against {@code real}.
     *
     * @param features the feature-network folder (e.g. {@link #DEFAULT_FEATURES} under the home)
     * @param useLabels feed labels to the features when every set has them; false for image-only
     */
    public static List<GenerativeEvaluation> run(SampleSet real, List<SampleSet> synthetics, Path features, boolean useLabels,
            PrdConfig prd) throws DataException {
        boolean withLabels = useLabels && real.labels() != null && synthetics.stream().allMatch(s -> s.labels() != null);
        try (FeatureNetwork n3 = FeatureNetwork.load(features, 3); FeatureNetwork n2 = FeatureNetwork.load(features, 2)) {
            return GenerativeEvaluator.evaluate(real, synthetics, n3, n2, withLabels, prd);
        }
    }

    /** Writes the report as JSON (curves included), atomically. */
    public static void writeJson(Report report, Path file) throws DataException {
        AtomicFiles.writeString(file, Json.write(report) + "\n");
    }

    /**
     * A grid with one row per set (e.g. real first, then each synthetic set) of its first
     * {@code perSet} samples: middle axial slices with the label overlaid.
     */
    public static void writeGrid(List<SampleSet> sets, int perSet, Path png) throws DataException {
        if (perSet < 1) {
            throw new IllegalArgumentException("at least one sample per set is needed, got " + perSet);
        }
        List<SampleGrid.Sample> samples = new ArrayList<>();
        for (SampleSet set : sets) {
            for (int i = 0; i < perSet; i++) {
                if (i < set.size()) {
                    samples.add(new SampleGrid.Sample(set.images().get(i), set.labels() == null ? null : set.labels().get(i),
                            set.name() + " " + i));
                } else { // keep the rows aligned when a set is short
                    samples.add(new SampleGrid.Sample(Volume.image2d(1, 1, new float[1]), null, ""));
                }
            }
        }
        SampleGrid.write(png, samples, org.segforge.core.image.Axis.AXIAL, perSet, 128);
    }
}
