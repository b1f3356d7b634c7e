package dev.vela.fleet;

import static dev.vela.fleet.FleetFixtures.MODEL;
import static dev.vela.fleet.FleetFixtures.addModel;
import static dev.vela.fleet.FleetFixtures.serving;
import static dev.vela.fleet.FleetFixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vela.runtime.store.ModelManager;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceAgentTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Mosquitto broker;
    private HttpServer http;
    private final AtomicInteger downloads = new AtomicInteger();
    private final FleetTopics topics = new FleetTopics("test/fleet");
    private byte[] v2;

    @BeforeEach
    void start() throws Exception {
        broker = Mosquitto.start(dir.resolve("broker"));
        v2 = addModel(2);
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/v2.onnx", ex -> {
            downloads.incrementAndGet();
            ex.sendResponseHeaders(200, v2.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(v2);
            }
        });
        http.start();
    }

    @AfterEach
    void stop() throws Exception {
        http.stop(0);
        broker.close();
    }

    private String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/v2.onnx";
    }

    private DeviceAgent agent(ModelManager m) throws Exception {
        DeviceAgent a = new DeviceAgent(
                "dev-1", List.of("lab"), m, dir.resolve("dev-1/journal.json"), topics, MqttSettings.of(broker.uri()));
        a.start();
        return a;
    }

    private CommandResult one(FleetController c, FleetCommand cmd) throws Exception {
        Map<String, CommandResult> r = c.sendAndAwait(Map.of("dev-1", cmd), WAIT);
        assertThat(r).as("answer to %s", cmd).containsKey("dev-1");
        return r.get("dev-1");
    }

    @Test
    void commandsAreIdempotentOrderedAndBadOnesAreAnsweredWithTheReason() throws Exception {
        ModelManager m = FleetFixtures.device(dir.resolve("dev-1"), "dev-1");
        try (DeviceAgent a = agent(m);
                FleetController c = FleetController.connect("ctl", topics, MqttSettings.of(broker.uri()))) {
            assertThat(c.awaitDevices(1, WAIT)).isTrue();
            assertThat(c.select(Target.group("lab"))).containsExactly("dev-1");
            assertThat(c.device("dev-1").orElseThrow().versionsOf(MODEL)).containsEntry("camera", "1.0");

            FleetCommand download = new FleetCommand(
                    "dl-1", 1, CommandType.DOWNLOAD, MODEL, "2.0", null, url(), sha256(v2), 1 << 20, null, null);
            assertThat(one(c, download).ok()).isTrue();
            // the same command again (a retry, or the broker delivering twice): same answer, nothing fetched again
            c.send("dev-1", download);
            assertThat(one(c, download).message()).contains("installed detector@2.0");
            assertThat(downloads.get()).isEqualTo(1);

            // reordered: the newer reload arrives first, the older one must not undo it
            FleetCommand newer = FleetCommand.of("rl-new", 20, CommandType.RELOAD, MODEL, "2.0");
            FleetCommand older = FleetCommand.of("rl-old", 10, CommandType.RELOAD, MODEL, "1.0");
            assertThat(one(c, newer).ok()).isTrue();
            CommandResult stale = one(c, older);
            assertThat(stale.status()).isEqualTo(CommandResult.Status.REJECTED);
            assertThat(stale.message())
                    .contains("superseded: command rl-old (seq 10) is older than a change already"
                            + " applied to detector (seq 20)");
            assertThat(serving(m)).isEqualTo(2);

            // malformed messages: answered with the reason, nothing changes, the model keeps serving
            c.sendRaw("dev-1", "{\"id\":\"bad-1\",\"type\":".getBytes(StandardCharsets.UTF_8)); // names no id
            c.sendRaw("dev-1", "{\"id\":\"bad-2\",\"type\":\"explode\"}".getBytes(StandardCharsets.UTF_8));
            c.sendRaw("dev-1", "{\"id\":\"bad-3\",\"seq\":30,\"type\":\"reload\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(awaitResult(c, "unknown").message())
                    .contains("malformed command")
                    .contains("End of input at line 1 column 22 path $.type");
            assertThat(awaitResult(c, "bad-2").message()).contains("unknown type 'explode'");
            assertThat(awaitResult(c, "bad-3").message()).contains("command bad-3 (RELOAD): missing 'model'");
            assertThat(awaitResult(c, "bad-3").status()).isEqualTo(CommandResult.Status.REJECTED);

            // a command that fails says why, and the device keeps serving
            CommandResult unknown = one(c, FleetCommand.of("rl-x", 40, CommandType.RELOAD, "ghost", "1"));
            assertThat(unknown.status()).isEqualTo(CommandResult.Status.FAILED);
            assertThat(unknown.message()).contains("unknown model 'ghost'");
            assertThat(serving(m)).isEqualTo(2);

            CommandResult query = one(c, FleetCommand.of("q-1", 0, CommandType.QUERY, null, null));
            assertThat(query.message()).contains("\"app\":\"camera\"").contains("\"version\":\"2.0\"");
        }
    }

    @Test
    void anAgentThatWasAwayCatchesUpOnCommandsSentMeanwhileEvenAcrossABrokerRestart() throws Exception {
        Path home = dir.resolve("dev-1");
        try (FleetController c = FleetController.connect("ctl", topics, MqttSettings.of(broker.uri()))) {
            try (DeviceAgent a = agent(FleetFixtures.device(home, "dev-1"))) {
                assertThat(c.awaitDevices(1, WAIT)).isTrue();
                assertThat(one(
                                        c,
                                        new FleetCommand(
                                                "dl-1",
                                                1,
                                                CommandType.DOWNLOAD,
                                                MODEL,
                                                "2.0",
                                                null,
                                                url(),
                                                sha256(v2),
                                                1 << 20,
                                                null,
                                                null))
                                .ok())
                        .isTrue();
            }
            // the device is off; the broker queues the command in its persistent session, and restarts meanwhile
            FleetCommand reload = FleetCommand.of("rl-1", 5, CommandType.RELOAD, MODEL, "2.0");
            c.send("dev-1", reload);
            Thread.sleep(500);
            broker.restart(300);
            ModelManager again = FleetFixtures.device(home, "dev-1");
            assertThat(serving(again)).isEqualTo(1);
            try (DeviceAgent a = agent(again)) {
                CommandResult r = awaitResult(c, "rl-1");
                assertThat(r.ok()).as("%s", r).isTrue();
                assertThat(serving(again)).isEqualTo(2);
            }
        }
    }

    private CommandResult awaitResult(FleetController c, String id) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            var r = c.result("dev-1", id);
            if (r.isPresent()) {
                return r.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no result for " + id + " within " + WAIT + "; broker log:\n" + broker.log());
    }
}
