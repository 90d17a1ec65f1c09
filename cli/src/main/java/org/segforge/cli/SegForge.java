package org.segforge.cli;

import java.io.PrintWriter;
import org.segforge.cli.commands.CompareCommand;
import org.segforge.cli.commands.ConvertCommand;
import org.segforge.cli.commands.DemoCommand;
import org.segforge.cli.commands.EvaluateCommand;
import org.segforge.cli.commands.InfoCommand;
import org.segforge.cli.commands.SegmentCommand;
import org.segforge.cli.commands.TasksCommand;
import org.segforge.cli.commands.TrainCommand;
import org.segforge.cli.commands.PredictCommand;
import org.segforge.cli.commands.ExperimentCommand;
import org.segforge.cli.dan.DanCommand;
import org.segforge.cli.wgan.WganCommand;
import org.segforge.cli.commands.UniverSegEvalCommand;
import org.segforge.cli.commands.UniverSegTrainCommand;
import org.segforge.core.CodeVersion;
import org.segforge.core.DataException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code segforge} command. Exit codes: 0 success, 1 a data error (bad file, wrong shape,
 * missing label: one line naming the file and the problem), 2 a usage error.
 */
@Command(name = "segforge",
    mixinStandardHelpOptions = true,
    versionProvider = SegForge.Version.class,
    description = {
        "Medical image segmentation when labels are scarce.",
        "Reads NIfTI (.nii, .nii.gz), DICOM (files and series folders), MetaImage (.mhd, .mha) and PNG/JPEG.",
        "",
        "Start with:  segforge demo"},
    subcommands = {
        DemoCommand.class,
        InfoCommand.class,
        ConvertCommand.class,
        TasksCommand.class,
        TrainCommand.class,
        PredictCommand.class,
        EvaluateCommand.class,
        CompareCommand.class,
        ExperimentCommand.class,
        DanCommand.class,
        WganCommand.class,
        SegmentCommand.class,
        UniverSegTrainCommand.class,
        UniverSegEvalCommand.class,
        CommandLine.HelpCommand.class},
    footer = {"", "Exit codes: 0 success, 1 data error (the message names the file), 2 usage error.",
        "Run 'segforge COMMAND --help' for a command's options."})
public final class SegForge implements Runnable {
    public static final int EXIT_DATA_ERROR = 1;
    public static final int EXIT_USAGE = 2;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
        description = "Print stack traces with errors.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (try 'segforge demo' or 'segforge --help')");
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit code (for tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        SegForge root = new SegForge();
        CommandLine cl = new CommandLine(root);
        // descriptions are written as lines of up to ~115 characters; a narrower width would re-wrap them raggedly
        cl.setUsageHelpWidth(120);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("segforge: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable cause = ex;
            if (cause instanceof DataException || cause.getCause() instanceof DataException) {
                DataException de = cause instanceof DataException d ? d : (DataException) cause.getCause();
                err.println("segforge: " + de.getMessage());
            } else if (cause instanceof IllegalArgumentException) {
                err.println("segforge: " + cause.getMessage());
                if (root.verbose) {
                    cause.printStackTrace(err);
                }
                return EXIT_USAGE;
            } else {
                err.println("segforge: internal error: " + cause + (root.verbose ? "" : " (run with --verbose for details)"));
            }
            if (root.verbose) {
                cause.printStackTrace(err);
            }
            return EXIT_DATA_ERROR;
        });
        return cl.execute(args);
    }

    /** Version and commit from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"SegForge " + CodeVersion.current(),
                "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
        }
    }
}
