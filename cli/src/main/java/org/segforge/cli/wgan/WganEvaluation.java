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
     * Scores {@code synthetic} against {@code real}.
     *
     * @param features the feature-network folder (e.g. {@link #DEFAULT_FEATURES} under the home)
     * @param useLabels feed labels to the features when both sets have them; false for image-only
     */
    public static GenerativeEvaluation run(SampleSet real, SampleSet synthetic, Path features, boolean useLabels, PrdConfig prd)
            throws DataException {
        boolean withLabels = useLabels && real.labels() != null && synthetic.labels() != null;
        try (FeatureNetwork n3 = FeatureNetwork.load(features, 3); FeatureNetwork n2 = FeatureNetwork.load(features, 2)) {
            return GenerativeEvaluator.evaluate(real, synthetic, n3, n2, withLabels, prd);
        }
    }

    /** Writes the evaluation as JSON (curves included), atomically. */
    public static void writeJson(GenerativeEvaluation e, Path file) throws DataException {
        AtomicFiles.writeString(file, Json.write(e) + "\n");
    }

    /** A grid of the first {@code count} samples of a set: middle axial slices with the label overlaid. */
    public static void writeGrid(SampleSet set, int count, Path png) throws DataException {
        List<SampleGrid.Sample> samples = new ArrayList<>();
        for (int i = 0; i < Math.min(count, set.size()); i++) {
            samples.add(new SampleGrid.Sample(set.images().get(i), set.labels() == null ? null : set.labels().get(i), set.name() + " " + i));
        }
        SampleGrid.write(png, samples, org.segforge.core.image.Axis.AXIAL, (int) Math.ceil(Math.sqrt(samples.size())), 128);
    }
}
