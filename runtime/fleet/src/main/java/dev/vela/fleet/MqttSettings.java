package dev.vela.fleet;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * How fleet clients connect: a persistent session (clean start off, a long session expiry) so the broker queues QoS 1
 * commands while a device is away, and automatic reconnection. What a client publishes while disconnected waits in its
 * {@link Outbox}; Paho's own offline buffer is not used (it can strand messages, see {@link Outbox}). Several server URIs may be given (a broker cluster); the client tries them in order.
 *
 * @param serverUris the brokers, e.g. {@code tcp://127.0.0.1:1883}
 * @param sessionExpirySeconds how long the broker keeps a disconnected client's session
 */
public record MqttSettings(String[] serverUris, long sessionExpirySeconds) {

    /**
     * @param serverUri one broker
     * @return settings with a one-day session
     */
    public static MqttSettings of(String serverUri) {
        return new MqttSettings(new String[] {serverUri}, 86_400);
    }

    MqttAsyncClient client(String clientId) throws MqttException {
        return new MqttAsyncClient(serverUris[0], clientId, new MemoryPersistence());
    }

    MqttConnectionOptions options() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setServerURIs(serverUris);
        o.setCleanStart(false);
        o.setSessionExpiryInterval(sessionExpirySeconds);
        o.setAutomaticReconnect(true);
        o.setAutomaticReconnectDelay(1, 4);
        o.setKeepAliveInterval(15);
        o.setConnectionTimeout(10);
        return o;
    }
}
