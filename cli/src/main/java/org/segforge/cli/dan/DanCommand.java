package org.segforge.cli.dan;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code segforge dan …}: the adversarial semi-supervised method M4. */
@Command(name = "dan",
    header = "DAN (M4): learns from unannotated images through an adversarial evaluation network.", mixinStandardHelpOptions = true,
    description = {"DAN (M4, after Zhang et al., MICCAI 2017): segmentation that also learns from unannotated",
        "images through an adversarial evaluation network."},
    subcommands = {DanTrainCommand.class, DanVolumeCommand.class, DanExperimentCommand.class})
public final class DanCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: train, volume or experiment");
    }
}
