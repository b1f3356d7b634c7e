package dev.vela.fleet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * The operator side of a fleet: learns the devices from their retained state, sends commands to a device, a group
 * or a percentage of the fleet, collects the results, and runs staged rollouts that halt and roll back on failures.
 * Commands not answered are re-sent with the same id until the timeout (devices answer a repeated id once), so
 * broker restarts and reconnects delay a rollout but do not change its outcome.
 */
public final class FleetController implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FleetController.class.getName());

    private final FleetTopics topics;
    private MqttLink link;
    private final Map<String, DeviceView> devices = new ConcurrentHashMap<>();
    private final Map<String, CommandResult> results = new ConcurrentHashMap<>();
    private final AtomicLong seq;
    private final AtomicLong counter = new AtomicLong();
    private final String clientId;
    private Duration resendEvery = Duration.ofSeconds(3);

    private FleetController(String clientId, FleetTopics topics) {
        this.clientId = clientId;
        this.topics = topics;
        // sequence numbers keep increasing across controller restarts: start from the clock
        this.seq = new AtomicLong(System.currentTimeMillis() * 1000);
    }

    /**
     * Connects and subscribes to every device's state and results.
     *
     * @param clientId the controller's MQTT client id
     * @param topics the fleet's topics
     * @param settings how to reach the broker
     * @return the controller
     * @throws MqttException when it cannot connect
     */
    public static FleetController connect(String clientId, FleetTopics topics, MqttSettings settings)
            throws MqttException {
        FleetController c = new FleetController(clientId, topics);
        c.link = new MqttLink(
                clientId,
                settings,
                settings.options(),
                new String[] {topics.allStates(), topics.allResults()},
                new MqttLink.Handler() {
                    @Override
                    public void connected() {}

                    @Override
                    public void message(String topic, byte[] payload) {
                        c.received(topic, payload);
                    }
                });
        c.link.start();
        return c;
    }

    /**
     * @param interval how often an unanswered command is sent again
     * @return this
     */
    public FleetController resendEvery(Duration interval) {
        this.resendEvery = interval;
        return this;
    }

    private void received(String topic, byte[] payload) {
        String json = new String(payload, StandardCharsets.UTF_8);
        try {
            if (topic.endsWith("/state")) {
                DeviceView v = DeviceView.parse(topic, json);
                devices.put(v.deviceId(), v);
                v.recentResults().forEach(r -> results.putIfAbsent(r.commandId() + "@" + r.device(), r));
            } else if (topic.endsWith("/results")) {
                CommandResult r = CommandResult.fromJson(topic, json);
                results.put(r.commandId() + "@" + r.device(), r);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ignoring an unreadable message on " + topic + ": " + e.getMessage());
        }
    }

    /** @return the known devices, sorted */
    public List<String> devices() {
        return devices.keySet().stream().sorted().toList();
    }

    /**
     * @param deviceId a device
     * @return its last state
     */
    public Optional<DeviceView> device(String deviceId) {
        return Optional.ofNullable(devices.get(deviceId));
    }

    /**
     * Waits until at least n devices have published their state.
     *
     * @param n how many
     * @param timeout how long at most
     * @return whether they did
     */
    public boolean awaitDevices(int n, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (devices.size() < n && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        return devices.size() >= n;
    }

    /**
     * @param target which devices
     * @return the known devices it matches, sorted
     */
    public List<String> select(Target target) {
        return devices.values().stream()
                .filter(target::matches)
                .map(DeviceView::deviceId)
                .sorted()
                .toList();
    }

    /**
     * @param type the command
     * @param model the model or null
     * @param version the version or null
     * @return a command with a fresh id and the next sequence number
     */
    public FleetCommand command(CommandType type, String model, String version) {
        return FleetCommand.of(nextId(), seq.incrementAndGet(), type, model, version);
    }

    private String nextId() {
        return clientId + "-" + Long.toString(System.currentTimeMillis(), 36) + "-" + counter.incrementAndGet();
    }

    /**
     * Publishes a command to a device (QoS 1); while the controller is disconnected the command waits in its outbox
     * and goes out after the reconnect.
     *
     * @param deviceId the device
     * @param c the command
     */
    public void send(String deviceId, FleetCommand c) {
        link.publish(topics.commands(deviceId), c.toJson().getBytes(StandardCharsets.UTF_8), 1, false);
    }

    /**
     * Publishes raw bytes to a device's command topic (for tools and tests of malformed messages).
     *
     * @param deviceId the device
     * @param payload the message
     */
    public void sendRaw(String deviceId, byte[] payload) {
        link.publish(topics.commands(deviceId), payload, 1, false);
    }

    /**
     * @param deviceId the device
     * @param commandId the command
     * @return the device's answer, if it arrived
     */
    public Optional<CommandResult> result(String deviceId, String commandId) {
        return Optional.ofNullable(results.get(commandId + "@" + deviceId));
    }

    /**
     * Sends commands and waits for every answer, re-sending unanswered ones (same id) every {@link #resendEvery}.
     *
     * @param commands per device, its command
     * @param timeout how long to wait at most
     * @return per device its result; a device that did not answer gets none
     */
    public Map<String, CommandResult> sendAndAwait(Map<String, FleetCommand> commands, Duration timeout)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        Map<String, Long> lastSent = new LinkedHashMap<>();
        Map<String, CommandResult> got = new LinkedHashMap<>();
        while (true) {
            for (Map.Entry<String, FleetCommand> e : commands.entrySet()) {
                String device = e.getKey();
                if (got.containsKey(device)) {
                    continue;
                }
                Optional<CommandResult> r = result(device, e.getValue().id());
                if (r.isPresent()) {
                    got.put(device, r.get());
                    continue;
                }
                Long sent = lastSent.get(device);
                if (sent == null || System.nanoTime() - sent > resendEvery.toNanos()) {
                    send(device, e.getValue()); // queued while disconnected; re-sent anyway after resendEvery
                    lastSent.put(device, System.nanoTime());
                }
            }
            if (got.size() == commands.size() || System.nanoTime() > end) {
                return got;
            }
            Thread.sleep(25);
        }
    }

    /**
     * Runs a staged rollout (see {@link RolloutPlan}).
     *
     * @param plan the rollout
     * @return where every device ended up
     */
    public RolloutReport rollout(RolloutPlan plan) throws InterruptedException {
        List<String> order = rolloutOrder(plan);
        Map<String, RolloutReport.Outcome> outcomes = new LinkedHashMap<>();
        Map<String, Map<String, String>> previous = new LinkedHashMap<>();
        for (String d : order) {
            Map<String, String> versions =
                    device(d).map(v -> v.versionsOf(plan.model())).orElse(Map.of());
            previous.put(d, versions);
            outcomes.put(
                    d,
                    new RolloutReport.Outcome(
                            0,
                            RolloutReport.Status.NOT_TARGETED,
                            describe(versions),
                            "rollout halted before its stage"));
        }
        int done = 0;
        int stageNo = 0;
        String halted = null;
        for (int pct : plan.stagePercents()) {
            stageNo++;
            int upto = (int) Math.ceil(order.size() * pct / 100.0);
            List<String> stage = order.subList(done, Math.max(done, upto));
            done = Math.max(done, upto);
            if (stage.isEmpty()) {
                continue;
            }
            int failures = runStage(plan, stageNo, stage, previous, outcomes);
            double rate = failures / (double) stage.size();
            if (rate > plan.maxFailureRate()) {
                halted = "stage " + stageNo + " (" + pct + "%): " + failures + " of " + stage.size()
                        + " devices failed, more than the allowed " + Math.round(plan.maxFailureRate() * 100) + "%";
                rollBack(plan, previous, outcomes);
                break;
            }
        }
        if (halted == null) {
            outcomes.replaceAll((d, o) -> o.status() == RolloutReport.Status.NOT_TARGETED
                    ? new RolloutReport.Outcome(0, o.status(), o.version(), "not in any stage")
                    : o);
        }
        return new RolloutReport(plan, outcomes, halted);
    }

    /**
     * The order a rollout reaches the targeted devices: shuffled by a hash of the rollout id and device id, so stages
     * mix sites and models of hardware, and the same rollout always picks the same devices first.
     *
     * @param plan the rollout
     * @return the targeted devices, first stage first
     */
    public List<String> rolloutOrder(RolloutPlan plan) {
        List<String> order = new ArrayList<>(select(plan.target()));
        order.sort(Comparator.comparing((String d) -> rank(plan.rolloutId(), d)).thenComparing(d -> d));
        return order;
    }

    private int runStage(
            RolloutPlan plan,
            int stageNo,
            List<String> stage,
            Map<String, Map<String, String>> previous,
            Map<String, RolloutReport.Outcome> outcomes)
            throws InterruptedException {
        Map<String, FleetCommand> downloads = new LinkedHashMap<>();
        for (String d : stage) {
            downloads.put(
                    d,
                    new FleetCommand(
                            nextId(),
                            seq.incrementAndGet(),
                            CommandType.DOWNLOAD,
                            plan.model(),
                            plan.version(),
                            null,
                            plan.url(),
                            plan.sha256(),
                            plan.maxBytes(),
                            plan.selfTestUrl(),
                            plan.signatureUrl()));
        }
        Map<String, CommandResult> downloaded = sendAndAwait(downloads, plan.commandTimeout());
        Map<String, FleetCommand> reloads = new LinkedHashMap<>();
        int failures = 0;
        for (String d : stage) {
            CommandResult r = downloaded.get(d);
            String was = describe(previous.get(d));
            if (r == null) {
                outcomes.put(
                        d,
                        new RolloutReport.Outcome(
                                stageNo,
                                RolloutReport.Status.UNREACHABLE,
                                was,
                                "no answer to the download within "
                                        + plan.commandTimeout().toSeconds() + " s"));
                failures++;
            } else if (!r.ok()) {
                outcomes.put(
                        d,
                        new RolloutReport.Outcome(
                                stageNo, RolloutReport.Status.FAILED, was, "download: " + r.message()));
                failures++;
            } else {
                reloads.put(d, command(CommandType.RELOAD, plan.model(), plan.version()));
            }
        }
        Map<String, CommandResult> reloaded = sendAndAwait(reloads, plan.commandTimeout());
        for (String d : reloads.keySet()) {
            CommandResult r = reloaded.get(d);
            String was = describe(previous.get(d));
            if (r == null) {
                outcomes.put(
                        d,
                        new RolloutReport.Outcome(
                                stageNo,
                                RolloutReport.Status.UNREACHABLE,
                                was,
                                "no answer to the reload within "
                                        + plan.commandTimeout().toSeconds() + " s"));
                failures++;
            } else if (!r.ok()) {
                outcomes.put(
                        d,
                        new RolloutReport.Outcome(stageNo, RolloutReport.Status.FAILED, was, "reload: " + r.message()));
                failures++;
            } else {
                outcomes.put(
                        d,
                        new RolloutReport.Outcome(stageNo, RolloutReport.Status.UPDATED, plan.version(), r.message()));
            }
        }
        return failures;
    }

    /** Switches every device this rollout updated back to what each of its apps ran before. */
    private void rollBack(
            RolloutPlan plan, Map<String, Map<String, String>> previous, Map<String, RolloutReport.Outcome> outcomes)
            throws InterruptedException {
        // one reload per (device, app), sent in rounds so each device gets one command per round
        List<String> updated = outcomes.entrySet().stream()
                .filter(e -> e.getValue().status() == RolloutReport.Status.UPDATED)
                .map(Map.Entry::getKey)
                .toList();
        Map<String, List<String>> failures = new LinkedHashMap<>();
        int round = 0;
        while (true) {
            Map<String, FleetCommand> cmds = new LinkedHashMap<>();
            for (String d : updated) {
                List<Map.Entry<String, String>> apps =
                        new ArrayList<>(previous.get(d).entrySet());
                if (round < apps.size()) {
                    Map.Entry<String, String> app = apps.get(round);
                    cmds.put(
                            d,
                            new FleetCommand(
                                    nextId(),
                                    seq.incrementAndGet(),
                                    CommandType.RELOAD,
                                    plan.model(),
                                    app.getValue(),
                                    app.getKey(),
                                    null,
                                    null,
                                    0,
                                    null,
                                    null));
                }
            }
            if (cmds.isEmpty()) {
                break;
            }
            Map<String, CommandResult> got = sendAndAwait(cmds, plan.commandTimeout());
            for (String d : cmds.keySet()) {
                CommandResult r = got.get(d);
                if (r == null || !r.ok()) {
                    failures.computeIfAbsent(d, k -> new ArrayList<>()).add(r == null ? "no answer" : r.message());
                }
            }
            round++;
        }
        for (String d : updated) {
            RolloutReport.Outcome o = outcomes.get(d);
            List<String> f = failures.get(d);
            outcomes.put(
                    d,
                    new RolloutReport.Outcome(
                            o.stage(),
                            f == null ? RolloutReport.Status.ROLLED_BACK : RolloutReport.Status.FAILED,
                            f == null ? describe(previous.get(d)) : plan.version(),
                            f == null ? "switched back after the rollout halted" : "rollback failed: " + f));
        }
    }

    private static String describe(Map<String, String> versions) {
        if (versions == null || versions.isEmpty()) {
            return "-";
        }
        List<String> distinct = versions.values().stream().distinct().toList();
        return distinct.size() == 1 ? distinct.get(0) : versions.toString();
    }

    private static String rank(String seed, String device) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(d.digest((seed + "/" + device).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        link.close();
    }
}
