package dev.vela.runtime.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vela} command line: runs models and the ONNX backend node suite. */
@Command(name = "vela", mixinStandardHelpOptions = true, version = "vela 0.1.0",
        description = "Vela runtime: run models and measure the ONNX node suite.",
        subcommands = {RunCommand.class, OnnxSuiteCommand.class})
public final class VelaCli implements Runnable {

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
        return new CommandLine(new VelaCli()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
