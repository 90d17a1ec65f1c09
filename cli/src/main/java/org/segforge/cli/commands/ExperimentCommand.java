package org.segforge.cli.commands;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.segforge.cli.Home;
import org.segforge.cli.experiment.M0Experiment;
import org.segforge.cli.experiment.M0VolumeExperiment;
import org.segforge.cli.experiment.PeakMemory;
import org.segforge.cli.demo.DemoData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "experiment",
    header = "Runs a method's experiment on the embedded data (JSON + Markdown).", mixinStandardHelpOptions = true,
    description = {
        "Runs a method's experiment on the embedded Colin27 data and writes its results as JSON and a Markdown table.",
        "m0: a 2D U-Net (cpu preset) trained on 5, 10 and 20 labelled axial slices (contiguous, with a gap to the test",
        "slices) of the brain mask ('brain') and of AAL regions grouped into four lobes ('lobes'), without and with each",
        "classic augmentation; Dice per held-out slice, paired t-tests against no augmentation.",
        "m0-3d: a 3D U-Net (cpu preset) trained on patches of the lower Colin27 volume (z < 90) with its brain mask,",
        "segmenting the held-out upper slab (z >= 100) by sliding windows; Dice, HD95 and peak RSS."},
    footer = {"", "Example (a reduced run):",
        "  segforge experiment m0 --out results/m0 --steps 60 --seeds 1 --patch 64 --batch 4 --width 8 --test-stride 6"})
public final class ExperimentCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "The experiment: m0 or m0-3d.")
    String name;

    @Option(names = "--out", defaultValue = "segforge-out/experiments", paramLabel = "DIR",
        description = "Folder for m0-results.json and m0-results.md. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--data", paramLabel = "DIR", description = "Folder laid out like data/demo (default: the embedded data).")
    Path data;

    @Option(names = "--steps", defaultValue = "300", paramLabel = "N", description = "Training steps per run. Default: ${DEFAULT-VALUE}.")
    long steps;

    @Option(names = "--batch", defaultValue = "8", paramLabel = "N", description = "Patches per step. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--patch", defaultValue = "128", paramLabel = "P", description = "Square patch side (multiple of 8). Default: ${DEFAULT-VALUE}.")
    int patch;

    @Option(names = "--width", defaultValue = "16", paramLabel = "W", description = "U-Net base width (cpu preset: 16). Default: ${DEFAULT-VALUE}.")
    int width;

    @Option(names = "--patch3d", defaultValue = "48", paramLabel = "P", description = "m0-3d: cubic patch side (multiple of 4). Default: ${DEFAULT-VALUE}.")
    int patch3d;

    @Option(names = "--batch3d", defaultValue = "2", paramLabel = "N", description = "m0-3d: patches per step. Default: ${DEFAULT-VALUE}.")
    int batch3d;

    @Option(names = "--seeds", split = ",", defaultValue = "1,2,3", paramLabel = "S,…",
        description = "Seeds (each gives its own split and initialisation). Default: ${DEFAULT-VALUE}.")
    List<Long> seeds;

    @Option(names = "--labelled", split = ",", defaultValue = "5,10,20", paramLabel = "N,…",
        description = "Numbers of labelled training slices. Default: ${DEFAULT-VALUE}.")
    List<Integer> labelled;

    @Option(names = "--augment", split = ",", defaultValue = "none,contrast,noise,rotation,scaling,stacked", paramLabel = "P,…",
        description = "Augmentation policies to compare ('none' is the baseline). Default: ${DEFAULT-VALUE}.")
    List<String> augments;

    @Option(names = "--tasks", split = ",", defaultValue = "brain,lobes", paramLabel = "T,…",
        description = "Tasks: brain (binary brain mask), lobes (4 AAL lobe groups). Default: ${DEFAULT-VALUE}.")
    List<String> tasks;

    @Option(names = "--test-stride", defaultValue = "1", paramLabel = "K",
        description = "Evaluate every K-th held-out slice (1 = all). Default: ${DEFAULT-VALUE}.")
    int testStride;

    @Option(names = "--gap", defaultValue = "5", paramLabel = "G",
        description = "Unused slices between training and test slices. Default: ${DEFAULT-VALUE}.")
    int gap;

    @Override
    public Integer call() throws Exception {
        if (name.equals("m0-3d")) {
            Files.createDirectories(out);
            DemoData d = DemoData.load(data != null ? data : Home.demoData());
            M0VolumeExperiment r = M0VolumeExperiment.run(d, steps, patch3d, batch3d, seeds.get(0), 90, 100);
            String json = new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(
                java.util.Map.of("steps", steps, "patch", patch3d, "batch", batch3d, "seed", seeds.get(0), "trainSlices", "z < 90",
                    "testSlab", "z >= 100", "result", r));
            org.segforge.core.io.AtomicFiles.writeString(out.resolve("m0-3d-results.json"), json + "\n");
            System.out.println(json);
            return 0;
        }
        if (!name.equals("m0")) {
            throw new IllegalArgumentException("unknown experiment '" + name + "'; available: m0, m0-3d");
        }
        for (String t : tasks) {
            if (!t.equals("brain") && !t.equals("lobes")) {
                throw new IllegalArgumentException("unknown task '" + t + "'; use brain or lobes");
            }
        }
        if (!augments.contains("none")) {
            throw new IllegalArgumentException("--augment must include 'none', the baseline the tests compare against");
        }
        Files.createDirectories(out);
        DemoData d = DemoData.load(data != null ? data : Home.demoData());
        M0Experiment.Settings s = new M0Experiment.Settings(tasks, labelled, augments, seeds, steps, batch, patch, width, testStride, gap);
        long t0 = System.nanoTime();
        new M0Experiment(d, s, out, System.err).run();
        System.out.printf(Locale.ROOT, "m0 finished in %.0f s (peak RSS %.0f MiB): %s%n", (System.nanoTime() - t0) / 1e9,
            PeakMemory.peakRssMiB(), out.resolve("m0-results.md"));
        return 0;
    }
}
