package dev.vela.fleet;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * One fleet client's connection to the broker: a Paho MQTT 5 client with a persistent session and automatic
 * reconnect, which subscribes again on every (re)connect, plus a watchdog that replaces the client when it cannot get
 * back on its feet.
 *
 * <p>Why the watchdog: Paho 1.2.5 uses MQTT 5 topic aliases when the broker allows them, and after a reconnect it
 * re-sends the messages that were in flight with the previous connection's alias and no topic; the broker then
 * closes the connection for a protocol error, again after every automatic reconnect, until the client stops trying
 * (seen with Mosquitto 2.0 after a broker restart). A client disconnected twice within 20 s, or for 6 s on end (its
 * own retries come every 1 to 4 s), is discarded and a fresh one
 * connects with the same client id and {@code cleanStart=false}, so the broker's session (subscriptions, queued QoS 1
 * commands) survives. What the discarded client had sent without a confirmation is sent again by the {@link Outbox}.
 *
 * <p>What the owner publishes goes through an {@link Outbox}, not Paho's offline buffer (see there why): sent at once
 * when it can be, else queued and sent after the next connect, when an acknowledgement frees an in-flight slot, or on
 * the next watchdog tick; sent again after a reconnect when the broker had not confirmed it.
 */
final class MqttLink implements AutoCloseable {

    /** What the owner does with the connection. */
    interface Handler {
        /** Called after every (re)connect and subscription; may publish (from another thread). */
        void connected();

        /** Called for every message, on the client's thread: hand work off, do not block. */
        void message(String topic, byte[] payload);
    }

    private static final Logger LOG = Logger.getLogger(MqttLink.class.getName());
    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final long DOWN_NANOS = TimeUnit.SECONDS.toNanos(6);

    private final String clientId;
    private final MqttSettings settings;
    private final MqttConnectionOptions options;
    private final String[] subscriptions;
    private final Handler handler;
    private final ScheduledExecutorService watchdog;
    private final Outbox outbox;
    private final Deque<Long> disconnects = new ArrayDeque<>();
    private volatile MqttAsyncClient client;
    private volatile boolean closed;
    private long downSince;

    MqttLink(
            String clientId,
            MqttSettings settings,
            MqttConnectionOptions options,
            String[] subscriptions,
            Handler handler) {
        this.clientId = clientId;
        this.settings = settings;
        this.options = options;
        this.subscriptions = subscriptions.clone();
        this.handler = handler;
        this.outbox = new Outbox(clientId);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vela-mqtt-watchdog-" + clientId);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Connects for the first time (waiting at most 15 s), then keeps the connection up.
     *
     * @throws MqttException when the broker cannot be reached
     */
    void start() throws MqttException {
        client = newClient();
        client.connect(options).waitForCompletion(15_000);
        watchdog.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
    }

    private MqttAsyncClient newClient() throws MqttException {
        MqttAsyncClient c = settings.client(clientId);
        c.setCallback(new Callback(c));
        return c;
    }

    /**
     * Publishes now, or, when the client cannot send now (disconnected, too many messages in flight), queues the
     * message and sends it as soon as it can, in order.
     *
     * @return whether it was handed to the client now (false: queued)
     */
    boolean publish(String topic, byte[] payload, int qos, boolean retained) {
        return outbox.publish(client, topic, payload, qos, retained);
    }

    /** @return how many published messages wait to be sent or for the broker's confirmation */
    int queued() {
        return outbox.size() + outbox.unconfirmed();
    }

    /** @return whether the current client is connected */
    boolean isConnected() {
        return client.isConnected();
    }

    /** @return the current client, for a last message before closing */
    MqttAsyncClient client() {
        return client;
    }

    private final class Callback implements MqttCallback {
        private final MqttAsyncClient owner;

        Callback(MqttAsyncClient owner) {
            this.owner = owner;
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (subscriptions.length > 0) { // a SUBSCRIBE without topics is a protocol error
                try {
                    int[] qos = new int[subscriptions.length];
                    java.util.Arrays.fill(qos, 1);
                    // subscribing again is harmless with a kept session and needed when the broker lost it
                    owner.subscribe(subscriptions, qos);
                } catch (MqttException e) {
                    LOG.log(Level.WARNING, clientId + ": cannot subscribe (" + e.getMessage() + ")");
                }
            }
            if (owner == client) {
                outbox.resendUnacknowledged(owner);
            }
            handler.connected();
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (owner == client) {
                handler.message(topic, message.getPayload());
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            synchronized (disconnects) {
                disconnects.addLast(System.nanoTime());
            }
            LOG.fine(() -> clientId + ": disconnected (" + response + ")");
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.log(Level.FINE, clientId + ": MQTT error", exception);
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            outbox.acknowledged(token);
            if (owner == client && outbox.size() > 0) {
                outbox.drain(owner); // an in-flight slot is free again
            }
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }

    private void check() {
        if (closed) {
            return;
        }
        long now = System.nanoTime();
        int recent;
        synchronized (disconnects) {
            while (!disconnects.isEmpty() && now - disconnects.peekFirst() > WINDOW_NANOS) {
                disconnects.removeFirst();
            }
            recent = disconnects.size();
        }
        boolean connected = client.isConnected();
        if (connected) {
            outbox.drain(client); // whatever could not be sent earlier (e.g. the in-flight window was full)
        }
        downSince = connected ? 0 : downSince == 0 ? now : downSince;
        if (recent >= 2 || !connected && now - downSince > DOWN_NANOS) {
            LOG.info(
                    () -> clientId + ": " + (recent >= 2 ? recent + " disconnects within 20 s" : "disconnected for 6 s")
                            + "; replacing the MQTT client (the broker session is kept)");
            replace();
        }
    }

    private void replace() {
        MqttAsyncClient old = client;
        synchronized (disconnects) {
            disconnects.clear();
        }
        downSince = 0;
        try {
            old.disconnectForcibly(0, 0, false);
        } catch (MqttException | RuntimeException e) {
            LOG.log(Level.FINE, clientId + ": closing the old client", e);
        }
        try {
            old.close(true);
        } catch (MqttException | RuntimeException e) {
            LOG.log(Level.FINE, clientId + ": closing the old client", e);
        }
        try {
            MqttAsyncClient fresh = newClient();
            client = fresh;
            fresh.connect(options).waitForCompletion(15_000);
        } catch (MqttException | RuntimeException e) {
            // the broker may still be down: the fresh client keeps retrying by itself, the watchdog watches it
            LOG.log(Level.FINE, clientId + ": connecting the fresh client", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        watchdog.shutdownNow();
        MqttAsyncClient c = client;
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.disconnect().waitForCompletion(2_000);
            }
        } catch (MqttException e) {
            LOG.log(Level.FINE, clientId + ": disconnect", e);
        }
        try {
            c.close(true);
        } catch (MqttException e) {
            LOG.log(Level.FINE, clientId + ": close", e);
        }
    }
}
