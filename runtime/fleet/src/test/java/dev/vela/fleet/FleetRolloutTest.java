package dev.vela.fleet;

import static dev.vela.fleet.FleetFixtures.MODEL;
import static dev.vela.fleet.FleetFixtures.addModel;
import static dev.vela.fleet.FleetFixtures.serving;
import static dev.vela.fleet.FleetFixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vela.fleet.RolloutReport.Status;
import dev.vela.runtime.store.ModelManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fifty simulated devices in one JVM, each with its own store, model manager and MQTT session, go through three
 * staged rollouts with faults: corrupt downloads on some devices and a broker restart in the middle of a stage, a
 * version that fails its self-test, and a rollout that halts in its second stage and is rolled back. Every device's
 * final version is asserted by running an inference on it.
 */
class FleetRolloutTest {

    private static final int DEVICES = 50;
    private static final FleetTopics TOPICS = new FleetTopics("acme/fleet");

    @TempDir
    Path dir;

    /** Per path, the devices (by User-Agent) that receive a corrupted file. */
    private final Map<String, Set<String>> corruptFor = new ConcurrentHashMap<>();

    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final AtomicInteger modelRequests = new AtomicInteger();
    private volatile CountDownLatch restartWhenDownloadsReach = new CountDownLatch(1);
    private volatile int restartAt = Integer.MAX_VALUE;

    private void serve(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        byte[] body = files.get(path);
        if (body == null) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        String agent = ex.getRequestHeaders().getFirst("User-Agent");
        if (corruptFor.getOrDefault(path, Set.of()).contains(agent.substring(agent.indexOf('/') + 1))) {
            body = body.clone();
            body[body.length - 2] ^= 0x55; // a bit flip in transit
        }
        if (path.endsWith(".onnx") && modelRequests.incrementAndGet() == restartAt) {
            restartWhenDownloadsReach.countDown();
        }
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    @Timeout(180)
    void fiftyDevicesThroughStagedRolloutsWithFaults() throws Exception {
        long started = System.nanoTime();
        Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", this::serve);
        http.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        http.start();
        String base = "http://127.0.0.1:" + http.getAddress().getPort();
        files.put("/v2.onnx", addModel(2));
        files.put("/v2.selftest.json", FleetFixtures.selfTest(2).getBytes(StandardCharsets.UTF_8));
        files.put("/v3.onnx", addModel(3));
        files.put("/v3.selftest.json", FleetFixtures.selfTest(33).getBytes(StandardCharsets.UTF_8)); // wrong
        files.put("/v4.onnx", addModel(4));

        Map<String, ModelManager> managers = new LinkedHashMap<>();
        List<DeviceAgent> agents = new ArrayList<>();
        Map<String, Float> expected = new LinkedHashMap<>();
        try (FleetController ctl = FleetController.connect("operator", TOPICS, MqttSettings.of(broker.uri()))) {
            ctl.resendEvery(Duration.ofSeconds(2));
            for (int i = 0; i < DEVICES; i++) {
                String id = String.format("cam-%02d", i);
                ModelManager m = FleetFixtures.device(dir.resolve(id), id);
                DeviceAgent a = new DeviceAgent(
                        id,
                        List.of(i % 2 == 0 ? "site-a" : "site-b"),
                        m,
                        dir.resolve(id).resolve("journal.json"),
                        TOPICS,
                        MqttSettings.of(broker.uri()));
                a.start();
                agents.add(a);
                managers.put(id, m);
                expected.put(id, 1f);
            }
            assertThat(ctl.awaitDevices(DEVICES, Duration.ofSeconds(30))).isTrue();

            // rollout A: 2.0 to everyone in three stages; three devices of the last stage get a corrupt download,
            // and the broker restarts while stage 2 downloads
            RolloutPlan a = plan(
                    "A",
                    "2.0",
                    base + "/v2.onnx",
                    files.get("/v2.onnx"),
                    base + "/v2.selftest.json",
                    Target.all(),
                    List.of(10, 50, 100),
                    0.25);
            List<String> orderA = ctl.rolloutOrder(a);
            Set<String> corruptA = Set.copyOf(orderA.subList(DEVICES - 3, DEVICES));
            corruptFor.put("/v2.onnx", corruptA);
            restartAt = 8; // stage 1 is five devices: the eighth download is in stage 2
            Thread restarter = new Thread(() -> {
                try {
                    restartWhenDownloadsReach.await();
                    broker.restart(500);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            restarter.start();
            RolloutReport ra = ctl.rollout(a);
            restarter.join();
            System.out.println(ra.toText());
            ra.outcomes().forEach((d, o) -> {
                if (o.status() == Status.UNREACHABLE) {
                    System.out.println("broker log for " + d + ":\n"
                            + broker.log().lines().filter(l -> l.contains(d)).reduce("", (x, y) -> x + y + "\n"));
                }
            });
            assertThat(ra.halted()).isNull();
            assertThat(ra.count(Status.UPDATED)).isEqualTo(DEVICES - 3);
            for (String d : corruptA) {
                assertThat(ra.outcomes().get(d).status()).isEqualTo(Status.FAILED);
                assertThat(ra.outcomes().get(d).reason()).contains("SHA-256 mismatch");
            }
            orderA.forEach(d -> expected.put(d, corruptA.contains(d) ? 1f : 2f));
            assertServing(managers, expected);

            // rollout B: 3.0 fails its self-test on the first stage's devices; the rollout halts, nothing changes
            RolloutPlan b = plan(
                    "B",
                    "3.0",
                    base + "/v3.onnx",
                    files.get("/v3.onnx"),
                    base + "/v3.selftest.json",
                    Target.all(),
                    List.of(10, 100),
                    0.0);
            RolloutReport rb = ctl.rollout(b);
            System.out.println(rb.toText());
            assertThat(rb.halted()).contains("stage 1 (10%): 5 of 5 devices failed");
            assertThat(rb.count(Status.FAILED)).isEqualTo(5);
            assertThat(rb.count(Status.NOT_TARGETED)).isEqualTo(DEVICES - 5);
            rb.outcomes().values().stream()
                    .filter(o -> o.status() == Status.FAILED)
                    .forEach(o -> assertThat(o.reason())
                            .contains("reload: reload of detector@3.0 rolled back")
                            .contains("self-test failed"));
            assertServing(managers, expected);

            // rollout C: 4.0 to site-a; stage 2 has four corrupt downloads, more than 10 %: halt and roll back the
            // devices stage 1 and 2 updated
            RolloutPlan c = plan(
                    "C",
                    "4.0",
                    base + "/v4.onnx",
                    files.get("/v4.onnx"),
                    null,
                    Target.group("site-a"),
                    List.of(20, 100),
                    0.10);
            List<String> orderC = ctl.rolloutOrder(c);
            assertThat(orderC).hasSize(DEVICES / 2);
            Set<String> corruptC = Set.copyOf(orderC.subList(orderC.size() - 4, orderC.size()));
            corruptFor.put("/v4.onnx", corruptC);
            RolloutReport rc = ctl.rollout(c);
            System.out.println(rc.toText());
            assertThat(rc.halted()).contains("stage 2 (100%): 4 of 20 devices failed");
            assertThat(rc.count(Status.ROLLED_BACK)).isEqualTo(orderC.size() - 4);
            assertThat(rc.count(Status.FAILED)).isEqualTo(4);
            assertServing(managers, expected); // every device back where it was

            // where every device ended up, as its state reports it
            StringBuilder table = new StringBuilder("final per-device state:\n");
            for (String d : expected.keySet()) {
                Map<String, String> v = awaitReported(ctl, d, expected.get(d));
                table.append(String.format(
                        "  %s %s %s%n", d, ctl.device(d).orElseThrow().groups(), v));
            }
            System.out.print(table);
        } finally {
            agents.forEach(DeviceAgent::close);
            managers.values().forEach(ModelManager::close);
            http.stop(0);
            broker.close();
        }
        System.out.printf(
                "fleet rollout test: %d devices, 3 rollouts, %.1f s%n", DEVICES, (System.nanoTime() - started) / 1e9);
    }

    private RolloutPlan plan(
            String id,
            String version,
            String url,
            byte[] model,
            String selfTestUrl,
            Target target,
            List<Integer> stages,
            double maxFailureRate)
            throws Exception {
        return new RolloutPlan(
                id,
                MODEL,
                version,
                url,
                sha256(model),
                1 << 20,
                selfTestUrl,
                null,
                target,
                stages,
                maxFailureRate,
                Duration.ofSeconds(30));
    }

    private static void assertServing(Map<String, ModelManager> managers, Map<String, Float> expected) {
        Map<String, Float> actual = new LinkedHashMap<>();
        managers.forEach((d, m) -> actual.put(d, serving(m)));
        assertThat(actual).isEqualTo(expected);
    }

    /** The retained state catches up asynchronously; wait until it reports what the device serves. */
    private static Map<String, String> awaitReported(FleetController ctl, String d, float c) throws Exception {
        String want = c == 1f ? "1.0" : c + "";
        long end = System.nanoTime() + 10_000_000_000L;
        while (true) {
            Map<String, String> v = ctl.device(d).orElseThrow().versionsOf(MODEL);
            if (want.equals(v.get(FleetFixtures.APP)) || System.nanoTime() > end) {
                assertThat(v).containsEntry(FleetFixtures.APP, want);
                return v;
            }
            Thread.sleep(20);
        }
    }
}
