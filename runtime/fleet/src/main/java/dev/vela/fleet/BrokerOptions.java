package dev.vela.fleet;

import java.util.List;
import picocli.CommandLine.Option;

/** Where the fleet's broker is and which topics the fleet uses. */
final class BrokerOptions {

    @Option(
            names = "--broker",
            required = true,
            split = ",",
            paramLabel = "URI",
            description = "MQTT 5 broker(s), e.g. tcp://broker:1883 or ssl://broker:8883 (a cluster: several, comma"
                    + " separated)")
    List<String> brokers;

    @Option(names = "--prefix", defaultValue = "vela/fleet", description = "topic prefix (default: ${DEFAULT-VALUE})")
    String prefix;

    MqttSettings settings() {
        return new MqttSettings(brokers.toArray(String[]::new), 86_400);
    }

    FleetTopics topics() {
        return new FleetTopics(prefix);
    }
}
