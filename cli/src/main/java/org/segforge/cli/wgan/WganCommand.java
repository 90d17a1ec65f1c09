package org.segforge.cli.wgan;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code segforge wgan}: M1, the WGAN that generates image patches together with their labels. */
@Command(name = "wgan",
    header = "M1 WGAN: generate labelled image patches, evaluate them, and train segmenters on them.", mixinStandardHelpOptions = true,
    description = {"M1 (after Subramaniam et al., Medical Image Analysis 2022): a WGAN whose generator outputs an image",
        "patch and its label together, so a hospital can share a generator or a synthetic labelled dataset",
        "instead of patients. Critic variants gp, sn, sn-mp, c-sn-mp and the differentially private dp.",
        "Typical use: train, sample, evaluate (FID/PRD against real patches), downstream (does a U-Net",
        "trained on synthetic pairs segment held-out real scans?)."},
    subcommands = {WganTrainCommand.class, WganSampleCommand.class, WganEvaluateCommand.class, WganDownstreamCommand.class})
public final class WganCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: train, sample, evaluate or downstream");
    }
}
