package org.segforge.cli.wgan;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.segforge.core.CodeVersion;
import org.segforge.core.DataException;
import org.segforge.core.data.Case;
import org.segforge.core.data.Dataset;
import org.segforge.core.data.DatasetProvenance;
import org.segforge.core.data.Fingerprints;
import org.segforge.core.io.dataset.NnUnetDataset;
import org.segforge.nn.wgan.PatchPairs;
import org.segforge.nn.wgan.WganConfig;
import org.segforge.nn.wgan.WganModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sample", header = "Generate labelled pairs and write them as an nnU-Net dataset.", mixinStandardHelpOptions = true,
    description = {
        "Draws N image–label pairs from a trained generator (z ~ N(0, I) from --seed: the same seed gives the",
        "same pairs) and writes them in the nnU-Net v2 layout (imagesTr/NAME_0000.nii.gz, labelsTr/NAME.nii.gz,",
        "dataset.json), so nnU-Net, MONAI or 'segforge train' can train on them directly. Images are in [0, 1],",
        "labels 0/1 (the label channel thresholded at the config's threshold). dataset.json records the model,",
        "the seed and the code version. The folder is written whole or not at all.",
        "With --real training|held-out, real pairs are cut instead, the same way the generator's training pairs",
        "were (from the run's data.json): the reference set for 'segforge wgan evaluate'."},
    footer = {"", "Example:", "  segforge wgan sample --model runs/wgan-gp --n 200 --out synthetic/"})
public final class WganSampleCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "RUN_DIR", description = "Run folder of 'segforge wgan train'.")
    Path model;

    @Option(names = {"-n", "--n"}, required = true, paramLabel = "N", description = "Number of pairs.")
    int n;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Dataset folder to create.")
    Path out;

    @Option(names = "--real", paramLabel = "PART",
        description = "Cut real pairs instead: 'training' (the slices the generator saw) or 'held-out' (the slices above them).")
    String realPart;

    @Option(names = "--overwrite", description = "Replace an existing dataset folder.")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        if (n < 1) {
            throw new IllegalArgumentException("--n must be at least 1, got " + n);
        }
        List<Case> cases;
        double seconds;
        try (WganModel m = WganModel.load(model)) {
            long t0 = System.nanoTime(); // generation only, not loading the weights
            cases = realPart == null ? WganData.cases(m.sample(n, seed)) : real(m.config());
            seconds = (System.nanoTime() - t0) / 1e9;
        }
        String name = realPart == null ? "WGAN_synthetic" : "WGAN_real_" + realPart.replace('-', '_');
        String source = String.format(Locale.ROOT, "segforge wgan sample --model %s --n %d --seed %d%s (code %s)",
            model.toAbsolutePath().normalize(), n, seed, realPart == null ? "" : " --real " + realPart, CodeVersion.current());
        Dataset d = new Dataset(name, List.of("image"), Map.of(0, "background", 1, "foreground"), List.copyOf(cases), List.of(),
            new DatasetProvenance(name, source, Fingerprints.ofCases(cases), DatasetProvenance.VOXELS));
        NnUnetDataset.write(d, out, overwrite);
        System.out.printf(Locale.ROOT, "%s %d pairs in %.2f s (%.1f pairs/s); wrote %s%n", realPart == null ? "generated" : "cut", n, seconds,
            n / seconds, out);
        return 0;
    }

    private List<Case> real(WganConfig config) throws DataException {
        WganData data = WganData.read(model);
        PatchPairs pairs = switch (realPart) {
            case "training" -> data.training(config);
            case "held-out" -> data.heldOut(config);
            default -> throw new IllegalArgumentException("--real must be 'training' or 'held-out', got '" + realPart + "'");
        };
        return WganData.cases(pairs.pairs("real", n, new SplittableRandom(seed)), config, "real");
    }
}
