package dev.vela.fleet;

import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.runtime.store.ModelDownloader;
import dev.vela.runtime.store.ModelManager;
import dev.vela.runtime.store.ModelStore;
import dev.vela.runtime.store.SignaturePolicy;
import dev.vela.spi.admission.TrustStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vela-fleet agent}: runs a device agent over a model store until stopped. */
@Command(
        name = "agent",
        mixinStandardHelpOptions = true,
        description = "Run the device agent: answer the fleet's commands on the model store until stopped.")
final class AgentCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private BrokerOptions broker;

    @Option(names = "--device", required = true, description = "this device's id")
    private String device;

    @Option(names = "--group", description = "a group this device belongs to (repeatable)")
    private List<String> groups = new ArrayList<>();

    @Option(names = "--store", required = true, paramLabel = "DIR", description = "the model store directory")
    private Path store;

    @Option(
            names = "--quota",
            defaultValue = "1073741824",
            description = "store quota in bytes (default: ${DEFAULT-VALUE})")
    private long quota;

    @Option(names = "--require-signature", description = "refuse models without a trusted signature")
    private boolean requireSignature;

    @Option(names = "--model-trust", paramLabel = "KEYFILE", description = "trusted model authorities' public keys")
    private Path modelTrust;

    @Override
    public Integer call() throws Exception {
        TrustStore trust = modelTrust == null ? TrustStore.empty() : TrustStore.load(modelTrust);
        ModelStore s = ModelStore.open(
                store, quota, new SignaturePolicy(trust, requireSignature), Partitioner.of(KernelRegistry.reference()));
        ModelManager manager =
                ModelManager.open(s, new ModelDownloader("vela-agent/" + device, Duration.ofMinutes(10)));
        CountDownLatch stopped = new CountDownLatch(1);
        try (DeviceAgent agent = new DeviceAgent(
                device, groups, manager, store.resolve("fleet-journal.json"), broker.topics(), broker.settings())) {
            agent.start();
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            spec.commandLine()
                    .getOut()
                    .println("agent " + device + " connected to " + broker.brokers + "; commands on "
                            + broker.topics().commands(device));
            spec.commandLine().getOut().flush();
            stopped.await();
        }
        return 0;
    }
}
