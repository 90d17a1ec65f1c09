package org.segforge.cli.wgan;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.segforge.cli.experiment.SyntheticDownstream;
import org.segforge.core.CodeVersion;
import org.segforge.core.data.Case;
import org.segforge.core.io.AtomicFiles;
import org.segforge.nn.seg.SegTrainingConfig;
import org.segforge.nn.train.Json;
import org.segforge.nn.wgan.WganConfig;
import org.segforge.nn.wgan.WganModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "downstream", header = "Train U-Nets on real, synthetic and both; score them on held-out real patches.",
    mixinStandardHelpOptions = true,
    description = {
        "The M1 downstream test. From the run's data.json: REAL pairs are cut from the slices the generator",
        "was trained on, TEST pairs from the held-out slices above them (never seen by the generator or the",
        "segmenters). SYNTHETIC pairs come from the generator. The M0 U-Net (cpu preset, Adam) is trained on",
        "real only, synthetic only, and both, once per seed; each test pair's Dice and bAVD are averaged over",
        "seeds, and synthetic and both are compared with real by paired t-tests over the test pairs."},
    footer = {"", "Example:", "  segforge wgan downstream --model runs/wgan-gp --synthetic 200 --real 200 --test 40 --json downstream.json"})
public final class WganDownstreamCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "RUN_DIR", description = "Run folder of 'segforge wgan train'.")
    Path model;

    @Option(names = "--synthetic", paramLabel = "N", defaultValue = "200", description = "Generated training pairs (default: ${DEFAULT-VALUE}).")
    int synthetic;

    @Option(names = "--real", paramLabel = "N", defaultValue = "200", description = "Real training pairs (default: ${DEFAULT-VALUE}).")
    int real;

    @Option(names = "--test", paramLabel = "N", defaultValue = "40", description = "Held-out real test pairs (default: ${DEFAULT-VALUE}).")
    int test;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "300", description = "U-Net training steps (default: ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--seg-batch", paramLabel = "N", defaultValue = "4", description = "U-Net batch (default: ${DEFAULT-VALUE}).")
    int segBatch;

    @Option(names = "--seeds", split = ",", paramLabel = "S", defaultValue = "1,2,3", description = "U-Net seeds (default: ${DEFAULT-VALUE}).")
    long[] seeds;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the drawn pairs (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the result, with its settings, as JSON.")
    Path json;

    @Override
    public Integer call() throws Exception {
        if (synthetic < 1 || real < 1 || test < 2) {
            throw new IllegalArgumentException("need --synthetic ≥ 1, --real ≥ 1 and --test ≥ 2");
        }
        WganData data = WganData.read(model);
        List<Case> synth, realCases, testCases;
        WganConfig cfg;
        try (WganModel m = WganModel.load(model)) {
            cfg = m.config();
            synth = WganData.cases(m.sample(synthetic, seed));
        }
        SplittableRandom r = new SplittableRandom(seed);
        WganData.Parts parts = data.parts(cfg);
        realCases = WganData.cases(parts.training().pairs("real", real, r.split()), cfg, "real");
        testCases = WganData.cases(parts.heldOut().pairs("test", test, r.split()), cfg, "test");
        SegTrainingConfig seg = SegTrainingConfig.cpu(cfg.dims(), 1, 2).withPatch(cfg.size(), segBatch).withSteps(steps);
        System.out.printf(Locale.ROOT, "downstream: %d real, %d synthetic training pairs, %d held-out real test pairs, U-Net %d steps × %d seed(s)%n",
            real, synthetic, test, steps, seeds.length);
        SyntheticDownstream d = SyntheticDownstream.run(realCases, synth, testCases, seg, seeds, model.resolve("downstream-work"));
        System.out.println("| trained on | pairs | Dice (mean ± sd) | bAVD mm (mean ± sd) |");
        System.out.println("|---|---:|---:|---:|");
        for (SyntheticDownstream.Condition c : d.conditions()) {
            System.out.printf(Locale.ROOT, "| %s | %d | %s | %s |%n", c.name(), c.trainingCases(), c.dice().format(3), c.bavd().format(2));
        }
        for (SyntheticDownstream.Comparison c : d.versusReal()) {
            System.out.printf(Locale.ROOT, "%s vs real, %s: difference %+.4f, paired t-test p = %.3g%n", c.condition(),
                c.metric().name().toLowerCase(Locale.ROOT), c.meanDiff(), c.test().pValue());
        }
        if (json != null) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("model", model.toAbsolutePath().normalize().toString());
            out.put("data", data);
            out.put("segmenter", Json.tree(seg));
            out.put("seeds", seeds);
            out.put("seed", seed);
            out.put("code", CodeVersion.current().toString());
            out.put("result", d);
            AtomicFiles.writeString(json, Json.write(out) + "\n");
            System.out.println("wrote " + json);
        }
        return 0;
    }
}
