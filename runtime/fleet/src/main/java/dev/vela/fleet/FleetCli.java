package dev.vela.fleet;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code vela-fleet}: run a device agent, list devices, send commands, run staged rollouts. */
@Command(
        name = "vela-fleet",
        mixinStandardHelpOptions = true,
        version = "vela-fleet 0.1.0",
        description = "Model management for a fleet of devices over MQTT 5: the device agent and the controller.",
        subcommands = {AgentCommand.class, DevicesCommand.class, SendCommand.class, RolloutCommand.class})
public final class FleetCli implements Runnable {

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
        CommandLine cli = new CommandLine(new FleetCli());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr()
                    .println("vela-fleet: "
                            + (e instanceof dev.vela.spi.VelaException || e instanceof IllegalArgumentException
                                    ? e.getMessage()
                                    : e.toString()));
            line.getErr().flush();
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
