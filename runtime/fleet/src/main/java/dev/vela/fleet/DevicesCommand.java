package dev.vela.fleet;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vela-fleet devices}: the devices' retained state: online, groups, what each app runs. */
@Command(
        name = "devices",
        mixinStandardHelpOptions = true,
        description = "List the fleet's devices from their retained state: online, groups, versions per app.")
final class DevicesCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private BrokerOptions broker;

    @Option(names = "--model", description = "show the versions of this model (default: every binding)")
    private String model;

    @Option(
            names = "--wait",
            defaultValue = "2",
            description = "seconds to collect retained states (default: ${DEFAULT-VALUE})")
    private int waitSeconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (FleetController c = FleetController.connect(
                "vela-fleet-devices-" + ProcessHandle.current().pid(), broker.topics(), broker.settings())) {
            Thread.sleep(Duration.ofSeconds(waitSeconds).toMillis());
            out.printf("%-20s %-7s %-20s %s%n", "device", "online", "groups", "apps");
            for (String d : c.devices()) {
                DeviceView v = c.device(d).orElseThrow();
                out.printf(
                        "%-20s %-7s %-20s %s%n",
                        d,
                        v.online() ? "yes" : "no",
                        String.join(",", v.groups()),
                        model == null
                                ? v.state()
                                        .object("store")
                                        .map(s -> s.objects("apps").stream()
                                                .map(b -> b.string("app") + "=" + b.string("model") + "@"
                                                        + b.string("version"))
                                                .toList()
                                                .toString())
                                        .orElse("-")
                                : v.versionsOf(model));
            }
        }
        out.flush();
        return 0;
    }
}
