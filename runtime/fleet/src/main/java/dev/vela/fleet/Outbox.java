package dev.vela.fleet;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * What a fleet client published and the broker has not acknowledged yet: messages it could not send (queued, in
 * order) and messages it sent that no PUBACK has confirmed. Queued messages go out when the client can send: after a
 * (re)connect, when an acknowledgement frees an in-flight slot, and on every watchdog tick while any are left, so none
 * is stranded. After every (re)connect the unconfirmed ones are sent again, ahead of the queued ones: at least once,
 * even across a replaced client.
 *
 * <p>Why not Paho's own offline buffer: Paho 1.2.5 flushes it on a separate thread that stops as soon as it sees the
 * buffer empty, while a publish made during the flush is appended to the buffer whenever the buffer was not empty a
 * moment before. A publish that lands between the flush's last send and its last emptiness check stays in the buffer,
 * and so does every later publish and subscription of that client (the buffer is not empty, so they queue behind it),
 * until the next reconnect: a device then acknowledges commands it never answers (seen in the fleet rollout test
 * after a broker restart). Why re-send unconfirmed messages: Paho re-sends its in-flight messages after a reconnect
 * with the previous connection's topic alias and no topic, which the broker refuses as a protocol error, and a
 * replaced client (see {@link MqttLink}) forgets them. Every send here happens under one lock. Duplicates are
 * harmless: the fleet protocol is idempotent (a repeated command is answered from the journal, results are keyed by
 * command id, the state is retained).
 *
 * <p>Bounded: past {@link #CAPACITY} messages the oldest is dropped (the fleet protocol does not depend on any single
 * message: controllers re-send unanswered commands, agents answer a repeated command from their journal and publish
 * their state on every connect).
 */
final class Outbox {

    static final int CAPACITY = 10_000;

    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());

    private record Message(String topic, byte[] payload, int qos, boolean retained) {}

    private final String clientId;
    private final Deque<Message> pending = new ArrayDeque<>();
    /** Sent with QoS 1 and not yet acknowledged, in sending order (tokens compare by identity). */
    private final Map<IMqttToken, Message> unacknowledged = new LinkedHashMap<>();

    Outbox(String clientId) {
        this.clientId = clientId;
    }

    /**
     * Sends the message now when the client is connected and nothing is waiting before it, else queues it.
     *
     * @return whether it was handed to the client now (false: queued)
     */
    synchronized boolean publish(MqttAsyncClient client, String topic, byte[] payload, int qos, boolean retained) {
        Message m = new Message(topic, payload.clone(), qos, retained);
        if (pending.isEmpty() && client.isConnected() && send(client, m)) {
            return true;
        }
        pending.addLast(m);
        trim();
        return false;
    }

    /** The broker confirmed a message (or, at QoS 0, it was written). */
    synchronized void acknowledged(IMqttToken token) {
        unacknowledged.remove(token);
    }

    /** After a (re)connect: what was sent and not confirmed goes out again, ahead of what is queued. */
    synchronized void resendUnacknowledged(MqttAsyncClient client) {
        List<Message> again = new ArrayList<>(unacknowledged.values());
        unacknowledged.clear();
        for (int i = again.size() - 1; i >= 0; i--) {
            pending.addFirst(again.get(i));
        }
        trim();
        drain(client);
    }

    private void trim() {
        while (pending.size() > CAPACITY) {
            Message dropped = pending.removeFirst();
            LOG.warning(() -> clientId + ": outbox full; dropping the oldest message (to " + dropped.topic + ")");
        }
    }

    /** Sends what is queued, in order, until the queue is empty or the client cannot take more now. */
    synchronized void drain(MqttAsyncClient client) {
        while (!pending.isEmpty() && client.isConnected()) {
            if (!send(client, pending.peekFirst())) {
                return;
            }
            pending.removeFirst();
        }
    }

    /** @return how many messages wait to be sent (not counting those sent and not yet confirmed) */
    synchronized int size() {
        return pending.size();
    }

    /** @return how many sent messages the broker has not confirmed yet */
    synchronized int unconfirmed() {
        return unacknowledged.size();
    }

    /**
     * @return false when the client cannot take the message now (disconnected, too many in flight: retry later);
     *     true when it was taken, or refused for good (logged and dropped, so it cannot block those behind it)
     */
    private boolean send(MqttAsyncClient client, Message m) {
        try {
            IMqttToken token = client.publish(m.topic, m.payload, m.qos, m.retained);
            if (m.qos > 0 && !token.isComplete()) {
                unacknowledged.put(token, m);
            }
            return true;
        } catch (MqttException e) {
            if (transientFailure(e)) {
                LOG.fine(() -> clientId + ": publish to " + m.topic + " deferred (" + e.getMessage() + ")");
                return false;
            }
            LOG.log(Level.WARNING, clientId + ": publish to " + m.topic + " refused (" + e.getMessage() + ")");
            return true;
        }
    }

    private static boolean transientFailure(MqttException e) {
        int code = e.getReasonCode();
        return code == MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED
                || code == MqttClientException.REASON_CODE_MAX_INFLIGHT
                || code == MqttClientException.REASON_CODE_CONNECT_IN_PROGRESS
                || code == MqttClientException.REASON_CODE_CLIENT_DISCONNECTING;
    }
}
