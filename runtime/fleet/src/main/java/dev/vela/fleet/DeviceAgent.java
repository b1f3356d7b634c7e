package dev.vela.fleet;

import dev.vela.runtime.store.ModelManager;
import dev.vela.runtime.store.StoreJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * The device side of a fleet: subscribes to its command topic, runs each command on its {@link ModelManager} one at a
 * time, publishes a result per command and its state (retained). Commands are idempotent (a repeated id is answered
 * from the journal, not run again; an older serving change is superseded); the agent keeps a persistent session and
 * reconnects by itself, so commands sent while it or the broker was away arrive when it is back, and it republishes
 * its state on every reconnect.
 */
public final class DeviceAgent implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DeviceAgent.class.getName());
    private static final int RECENT = 16;

    private final String deviceId;
    private final List<String> groups;
    private final ModelManager manager;
    private final CommandExecutor executor;
    private final CommandJournal journal;
    private final FleetTopics topics;
    private final MqttSettings settings;
    private final ExecutorService worker;
    private MqttLink link;

    /**
     * @param deviceId this device's id (its topic level and MQTT client id)
     * @param groups the groups it belongs to (a controller can target a group)
     * @param manager its model manager
     * @param journalFile where it remembers handled commands
     * @param topics the fleet's topics
     * @param settings how to reach the broker
     * @throws IOException when the journal cannot be read
     */
    public DeviceAgent(
            String deviceId,
            List<String> groups,
            ModelManager manager,
            Path journalFile,
            FleetTopics topics,
            MqttSettings settings)
            throws IOException {
        this.deviceId = FleetTopics.checkDevice(deviceId);
        this.groups = List.copyOf(groups);
        this.manager = manager;
        this.executor = new CommandExecutor(manager);
        this.journal = CommandJournal.open(journalFile);
        this.topics = topics;
        this.settings = settings;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vela-agent-" + deviceId);
            t.setDaemon(true);
            return t;
        });
    }

    /** @return the device id */
    public String deviceId() {
        return deviceId;
    }

    /** @return the model manager it drives */
    public ModelManager manager() {
        return manager;
    }

    /**
     * Connects, subscribes and publishes the state; from then on it reconnects by itself.
     *
     * @throws MqttException when the first connection fails
     */
    public void start() throws MqttException {
        MqttConnectionOptions o = settings.options();
        MqttMessage will =
                new MqttMessage(StoreJson.write(offlineState()).getBytes(StandardCharsets.UTF_8), 1, true, null);
        o.setWill(topics.state(deviceId), will);
        link = new MqttLink(deviceId, settings, o, new String[] {topics.commands(deviceId)}, new MqttLink.Handler() {
            @Override
            public void connected() {
                worker.submit(DeviceAgent.this::publishState);
            }

            @Override
            public void message(String topic, byte[] payload) {
                worker.submit(() -> handle(topic, payload));
            }
        });
        link.start();
    }

    /** Runs on the worker thread: one command at a time, in arrival order. */
    void handle(String topic, byte[] payload) {
        CommandResult result;
        try {
            FleetCommand c;
            try {
                c = FleetCommand.parse(topic, payload);
            } catch (MalformedCommandException e) {
                result = new CommandResult(
                        FleetCommand.bestEffortId(payload), deviceId, CommandResult.Status.REJECTED, e.getMessage());
                journal.recordRejection(result);
                publishResult(result);
                return;
            }
            var earlier = journal.resultOf(c.id());
            if (earlier.isPresent()) {
                publishResult(earlier.get()); // a repeated command: same answer, nothing done twice
                publishState();
                return;
            }
            long last = journal.lastSeq(c.model());
            if (c.type().changesServing() && c.seq() <= last) {
                result = new CommandResult(
                        c.id(),
                        deviceId,
                        CommandResult.Status.REJECTED,
                        "superseded: command "
                                + c.id() + " (seq " + c.seq() + ") is older than a change already applied to "
                                + (c.model() == null ? "the models" : c.model()) + " (seq " + last + ")");
            } else {
                try {
                    result = new CommandResult(c.id(), deviceId, CommandResult.Status.OK, executor.execute(c));
                } catch (RuntimeException | IOException e) {
                    result = new CommandResult(
                            c.id(),
                            deviceId,
                            CommandResult.Status.FAILED,
                            String.valueOf(e.getMessage() == null ? e.toString() : e.getMessage()));
                }
            }
            journal.record(c, result);
            publishResult(result);
            publishState();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, deviceId + ": cannot handle a command", e);
        }
    }

    private void publishResult(CommandResult r) {
        publish(topics.results(deviceId), r.toJson(), false);
    }

    private void publishState() {
        try {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("device", deviceId);
            s.put("groups", groups);
            s.put("online", true);
            s.put("store", manager.query().toMap());
            List<Object> recent = new ArrayList<>();
            journal.recent(RECENT).forEach(r -> recent.add(r.toMap()));
            s.put("results", recent);
            publish(topics.state(deviceId), StoreJson.write(s), true);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, deviceId + ": cannot publish its state", e);
        }
    }

    private Map<String, Object> offlineState() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("device", deviceId);
        s.put("groups", groups);
        s.put("online", false);
        return s;
    }

    private void publish(String topic, String json, boolean retained) {
        // queued by the link while disconnected, sent after the reconnect
        link.publish(topic, json.getBytes(StandardCharsets.UTF_8), 1, retained);
    }

    /** Finishes the command in progress, says it is going offline, disconnects. */
    @Override
    public void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (link != null) {
            try {
                if (link.isConnected()) {
                    Map<String, Object> last = offlineState();
                    try {
                        last.put("store", manager.query().toMap()); // the controller still sees what it runs
                    } catch (IOException | RuntimeException e) {
                        LOG.log(Level.FINE, deviceId + ": no final state", e);
                    }
                    link.client()
                            .publish(
                                    topics.state(deviceId),
                                    StoreJson.write(last).getBytes(StandardCharsets.UTF_8),
                                    1,
                                    true)
                            .waitForCompletion(2_000);
                }
            } catch (MqttException e) {
                LOG.log(Level.FINE, deviceId + ": last state", e);
            }
            link.close();
        }
    }
}
