package dev.vela.runtime.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vela} command line: run, benchmark and inspect models, verify plugins, run the ONNX node suite. */
@Command(
        name = "vela",
        mixinStandardHelpOptions = true,
        version = "vela 0.1.0",
        description = "Vela runtime: run and inspect models, verify plugins, measure the ONNX node suite.",
        subcommands = {
            RunCommand.class,
            BenchCommand.class,
            InspectCommand.class,
            VerifyCommand.class,
            ConvertCommand.class,
            OnnxSuiteCommand.class,
            LayersCommand.class,
            DiffCommand.class,
            ModelsCommand.class,
            AudioCommand.class,
            PackPipelineCommand.class
        })
public final class VelaCli implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * Entry point.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs the CLI without exiting (for tests).
     *
     * @param args command-line arguments
     * @return the exit code
     */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new VelaCli());
        // a Vela error is a user-facing message, not a stack trace
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("vela: " + describe(e));
            line.getErr().flush();
            return 1;
        });
        return cli.execute(args);
    }

    private static String describe(Exception e) {
        if (e instanceof dev.vela.spi.VelaException) {
            return e.getMessage();
        }
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return "no such file: " + n.getFile();
        }
        if (e instanceof java.io.IOException) {
            return "I/O error: " + e.getMessage();
        }
        return e.toString();
    }

    /** {@code vela} alone is a usage error: the usage goes to stderr and the exit code is picocli's usage code, 2. */
    @Override
    public Integer call() {
        CommandLine cli = spec.commandLine();
        cli.getErr().println("vela: a command is required");
        cli.usage(cli.getErr());
        cli.getErr().flush();
        return CommandLine.ExitCode.USAGE;
    }
}
