package dev.vela.fleet;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vela-fleet rollout}: a staged rollout of a model version with automatic halt and rollback. */
@Command(
        name = "rollout",
        description = "Roll a model version out in stages (download, self-tested hot reload); halt and roll back the"
                + " updated devices when a stage fails too often. Prints every device's outcome; exit 1 if halted.")
final class RolloutCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "show this help and exit")
    private boolean help;

    @Mixin
    private BrokerOptions broker;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private SendCommand.Targeting targeting;

    @Option(names = "--id", description = "rollout id (default: model-version)")
    private String id;

    @Option(names = "--model", required = true, description = "the model")
    private String model;

    @Option(names = "--version", required = true, description = "the version to roll out")
    private String version;

    @Option(names = "--url", required = true, description = "where devices download it (http/https)")
    private String url;

    @Option(names = "--sha256", required = true, description = "its SHA-256")
    private String sha256;

    @Option(names = "--max-bytes", defaultValue = "268435456", description = "size limit (default: ${DEFAULT-VALUE})")
    private long maxBytes;

    @Option(names = "--self-test-url", description = "where its self-test vectors are")
    private String selfTestUrl;

    @Option(names = "--signature-url", description = "where its signature is")
    private String signatureUrl;

    @Option(
            names = "--stages",
            split = ",",
            defaultValue = "10,50,100",
            description = "cumulative percentages per stage (default: ${DEFAULT-VALUE})")
    private List<Integer> stages;

    @Option(
            names = "--max-failure-rate",
            defaultValue = "0.1",
            description = "largest failing fraction of a stage before halting (default: ${DEFAULT-VALUE})")
    private double maxFailureRate;

    @Option(
            names = "--timeout",
            defaultValue = "120",
            description = "seconds to wait per command (default: ${DEFAULT-VALUE})")
    private int timeout;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Target target = targeting == null || targeting.all
                ? Target.all()
                : targeting.devices != null
                        ? Target.devices(targeting.devices.toArray(String[]::new))
                        : Target.group(targeting.group);
        RolloutPlan plan = new RolloutPlan(
                id == null ? model + "-" + version : id,
                model,
                version,
                url,
                sha256,
                maxBytes,
                selfTestUrl,
                signatureUrl,
                target,
                stages,
                maxFailureRate,
                Duration.ofSeconds(timeout));
        try (FleetController c = FleetController.connect(
                "vela-fleet-rollout-" + ProcessHandle.current().pid(), broker.topics(), broker.settings())) {
            Thread.sleep(1500); // collect the retained device states
            RolloutReport report = c.rollout(plan);
            out.print(report.toText());
            out.flush();
            return report.halted() == null ? 0 : 1;
        }
    }
}
