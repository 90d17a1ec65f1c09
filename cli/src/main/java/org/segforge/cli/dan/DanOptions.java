package org.segforge.cli.dan;

import org.segforge.nn.dan.DanConfig;
import org.segforge.nn.dan.EnInput;
import picocli.CommandLine.Option;

/** Options shared by the DAN commands: preset and what overrides it. */
final class DanOptions {
    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "cpu",
        description = "Configuration preset: cpu (minutes on 2 cores) or paper. Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--en-input", paramLabel = "MODE", defaultValue = "stack",
        description = "What the evaluation network sees: stack ([I, P]) or product (per class [I·P, (1−I)·P]). Default: ${DEFAULT-VALUE}.")
    String enInput;

    @Option(names = "--pretrain-steps", paramLabel = "N", description = "SN-only cross-entropy steps (default: the preset's).")
    Integer pretrainSteps;

    @Option(names = "--steps", paramLabel = "N", description = "Adversarial steps (EN update + SN update each) after pre-training (default: the preset's).")
    Integer steps;

    @Option(names = "--patch", paramLabel = "W[,H]", split = ",", description = "Training crop size in pixels (default: the preset's; multiples of 8 for cpu).")
    int[] patch;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "0", description = "Seed of weights and batches. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "0",
        description = "Also checkpoint every N steps (0 = only at the end). Default: ${DEFAULT-VALUE}.")
    int checkpointEvery;

    DanConfig config(int classes) {
        DanConfig c = DanConfig.preset(preset, classes).withEnInput(EnInput.parse(enInput)).withSeed(seed);
        c = c.withSteps(pretrainSteps == null ? c.pretrainSteps() : pretrainSteps, steps == null ? c.adversarialSteps() : steps);
        if (patch != null) {
            if (patch.length < 1 || patch.length > 2) {
                throw new IllegalArgumentException("--patch takes W or W,H");
            }
            c = c.withPatch(patch[0], patch.length == 2 ? patch[1] : patch[0]);
        }
        return c;
    }
}
