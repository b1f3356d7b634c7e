package dev.vela.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The link's publishing across broker outages: what a client publishes while the broker is away, or while it is
 * reconnecting and sending what was queued, all arrives afterwards, and nothing stays queued once the link is back.
 */
class MqttLinkTest {

    private static final String TOPIC = "acme/test/stream";

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void everyMessagePublishedAroundABrokerRestartArrivesInOrderAndNoneStaysQueued() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"))) {
            Set<String> received = ConcurrentHashMap.newKeySet();
            List<String> order = new CopyOnWriteArrayList<>();
            MqttSettings settings = MqttSettings.of(broker.uri());
            try (MqttLink subscriber = link("sub", settings, new String[] {TOPIC}, (t, p) -> {
                        String s = new String(p, StandardCharsets.UTF_8);
                        received.add(s);
                        order.add(s);
                    });
                    MqttLink publisher = link("pub", settings, new String[0], (t, p) -> {})) {
                subscriber.start();
                publisher.start();
                // a steady stream while the broker restarts: messages are published while it is down, while the
                // client reconnects, and while it sends what it queued (the moment Paho's own buffer could strand a
                // message and everything after it). One restart: two disconnects within 20 s would make the
                // watchdog replace the client, which may lose what was in flight (documented in MqttLink).
                Thread restarter = new Thread(() -> {
                    try {
                        Thread.sleep(150);
                        broker.restart(400);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                restarter.start();
                int total = 0;
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(3_000);
                while (System.nanoTime() < until) {
                    publisher.publish(TOPIC, ("m" + total++).getBytes(StandardCharsets.UTF_8), 1, false);
                    Thread.sleep(1);
                }
                restarter.join();
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while ((received.size() < total || publisher.queued() > 0) && System.nanoTime() < end) {
                    Thread.sleep(50);
                }
                assertThat(publisher.queued())
                        .as("messages unsent or unconfirmed")
                        .isZero();
                assertThat(received)
                        .as("distinct messages received of %d published", total)
                        .hasSize(total);
                // queued messages go out in the order they were published
                assertThat(firstIndices(order, total)).isSorted();
            }
        }
    }

    private static MqttLink link(String id, MqttSettings settings, String[] topics, Receiver receiver) {
        return new MqttLink(id, settings, settings.options(), topics, new MqttLink.Handler() {
            @Override
            public void connected() {}

            @Override
            public void message(String topic, byte[] payload) {
                receiver.accept(topic, payload);
            }
        });
    }

    /** The message numbers in the order of their first arrival (QoS 1 may deliver a message twice). */
    private static List<Integer> firstIndices(List<String> order, int total) {
        boolean[] seen = new boolean[total];
        return order.stream()
                .map(s -> Integer.parseInt(s.substring(1)))
                .filter(i -> !seen[i] && (seen[i] = true))
                .toList();
    }

    private interface Receiver {
        void accept(String topic, byte[] payload);
    }
}
