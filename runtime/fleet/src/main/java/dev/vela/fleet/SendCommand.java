package dev.vela.fleet;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vela-fleet send}: one command to a device, a group or a percentage of the fleet; prints every answer. */
@Command(
        name = "send",
        description = "Send one command (query, reload, reset, remove) to devices and print each device's answer.")
final class SendCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "show this help and exit")
    private boolean help;

    @Mixin
    private BrokerOptions broker;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Targeting targeting;

    static final class Targeting {
        @Option(names = "--device", description = "a device (repeatable)")
        List<String> devices;

        @Option(names = "--group", description = "every device in a group")
        String group;

        @Option(names = "--all", description = "every known device")
        boolean all;
    }

    @Option(names = "--percent", defaultValue = "100", description = "only this percentage of the targeted devices")
    private int percent;

    @Option(names = "--type", required = true, description = "query, reload, reset or remove")
    private String type;

    @Option(names = "--model", description = "the model")
    private String model;

    @Option(names = "--version", description = "the version")
    private String version;

    @Option(names = "--app", description = "for reload: only this app")
    private String app;

    @Option(
            names = "--timeout",
            defaultValue = "60",
            description = "seconds to wait for answers (default: ${DEFAULT-VALUE})")
    private int timeout;

    @Override
    public Integer call() throws Exception {
        CommandType t = CommandType.valueOf(type.toUpperCase(Locale.ROOT));
        if (t == CommandType.DOWNLOAD) {
            throw new IllegalArgumentException("use 'vela-fleet rollout' to download models to devices");
        }
        if (percent < 1 || percent > 100) {
            throw new IllegalArgumentException("--percent must be within 1..100, got " + percent);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (FleetController c = FleetController.connect(
                "vela-fleet-send-" + ProcessHandle.current().pid(), broker.topics(), broker.settings())) {
            Thread.sleep(1500); // collect the retained device states
            Target target = targeting.devices != null
                    ? Target.devices(targeting.devices.toArray(String[]::new))
                    : targeting.group != null ? Target.group(targeting.group) : Target.all();
            RolloutPlan order = new RolloutPlan(
                    "send",
                    model,
                    version,
                    null,
                    null,
                    0,
                    null,
                    null,
                    target,
                    List.of(percent),
                    1.0,
                    Duration.ofSeconds(timeout));
            List<String> chosen = new ArrayList<>(c.rolloutOrder(order));
            chosen = chosen.subList(0, (int) Math.ceil(chosen.size() * percent / 100.0));
            Map<String, FleetCommand> cmds = new LinkedHashMap<>();
            for (String d : chosen) {
                FleetCommand base = c.command(t, model, version);
                cmds.put(d, new FleetCommand(base.id(), base.seq(), t, model, version, app, null, null, 0, null, null));
            }
            Map<String, CommandResult> got = c.sendAndAwait(cmds, Duration.ofSeconds(timeout));
            int failed = 0;
            for (String d : chosen) {
                CommandResult r = got.get(d);
                out.println(
                        r == null
                                ? d + " NO ANSWER within " + timeout + " s"
                                : d + " " + r.status() + ": " + r.message());
                failed += r == null || !r.ok() ? 1 : 0;
            }
            if (chosen.isEmpty()) {
                out.println("no device matches " + target);
            }
            out.flush();
            return failed == 0 ? 0 : 1;
        }
    }
}
