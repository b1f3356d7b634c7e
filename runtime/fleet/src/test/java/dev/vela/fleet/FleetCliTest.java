package dev.vela.fleet;

import static dev.vela.fleet.FleetFixtures.addModel;
import static dev.vela.fleet.FleetFixtures.serving;
import static dev.vela.fleet.FleetFixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vela.runtime.store.ModelManager;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetCliTest {

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {}

    private static Result cli(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return new Result(
                    FleetCli.execute(args), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void rolloutSendAndDevicesFromTheCommandLine() throws Exception {
        byte[] v2 = addModel(2);
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/v2.onnx", ex -> {
            ex.sendResponseHeaders(200, v2.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(v2);
            }
        });
        http.start();
        List<DeviceAgent> agents = new ArrayList<>();
        List<ModelManager> managers = new ArrayList<>();
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"))) {
            FleetTopics topics = new FleetTopics("cli/fleet");
            for (int i = 0; i < 4; i++) {
                String id = "dev-" + i;
                ModelManager m = FleetFixtures.device(dir.resolve(id), id);
                DeviceAgent a = new DeviceAgent(
                        id,
                        List.of(i < 2 ? "site-a" : "site-b"),
                        m,
                        dir.resolve(id + "/journal.json"),
                        topics,
                        MqttSettings.of(broker.uri()));
                a.start();
                agents.add(a);
                managers.add(m);
            }
            String[] common = {"--broker", broker.uri(), "--prefix", "cli/fleet"};
            Result r = cli(concat(
                    new String[] {"rollout"},
                    common,
                    "--group",
                    "site-a",
                    "--model",
                    "detector",
                    "--version",
                    "2.0",
                    "--url",
                    "http://127.0.0.1:" + http.getAddress().getPort() + "/v2.onnx",
                    "--sha256",
                    sha256(v2),
                    "--stages",
                    "50,100",
                    "--timeout",
                    "30"));
            assertThat(r.code()).as("%s%s", r.out(), r.err()).isZero();
            assertThat(r.out())
                    .contains("rollout detector-2.0: detector -> 2.0 on group site-a, stages [50, 100]%")
                    .contains("totals: UPDATED=2 FAILED=0");
            assertThat(serving(managers.get(0))).isEqualTo(2);
            assertThat(serving(managers.get(2))).isEqualTo(1);

            Result halted = cli(concat(
                    new String[] {"rollout"},
                    common,
                    "--device",
                    "dev-3",
                    "--model",
                    "detector",
                    "--version",
                    "2.0",
                    "--url",
                    "http://127.0.0.1:" + http.getAddress().getPort() + "/v2.onnx",
                    "--sha256",
                    "0".repeat(64),
                    "--stages",
                    "100",
                    "--max-failure-rate",
                    "0",
                    "--timeout",
                    "30"));
            assertThat(halted.code()).isEqualTo(1);
            assertThat(halted.out())
                    .contains("dev-3")
                    .contains("FAILED")
                    .contains("SHA-256 mismatch")
                    .contains("HALTED: stage 1 (100%): 1 of 1 devices failed");

            Result devices = cli(concat(new String[] {"devices"}, common, "--model", "detector"));
            assertThat(devices.out())
                    .containsPattern("dev-0\\s+yes\\s+site-a\\s+\\{camera=2.0\\}")
                    .containsPattern("dev-3\\s+yes\\s+site-b\\s+\\{camera=1.0\\}");

            Result bad = cli(concat(
                    new String[] {"send"},
                    common,
                    "--all",
                    "--type",
                    "reload",
                    "--model",
                    "detector",
                    "--version",
                    "9.9"));
            assertThat(bad.code()).isEqualTo(1);
            assertThat(bad.out()).contains("dev-3 FAILED: model detector has no version 9.9");

            Result reset = cli(concat(
                    new String[] {"send"},
                    common,
                    "--group",
                    "site-a",
                    "--percent",
                    "50",
                    "--type",
                    "reset",
                    "--model",
                    "detector"));
            assertThat(reset.code()).as("%s%s", reset.out(), reset.err()).isZero();
            assertThat(reset.out().lines().filter(l -> l.contains(" OK: "))).hasSize(1);
            assertThat(serving(managers.get(0)) + serving(managers.get(1))).isEqualTo(3); // one of the two reset
        } finally {
            agents.forEach(DeviceAgent::close);
            http.stop(0);
        }
    }

    private static String[] concat(String[] a, String[] b, String... c) {
        String[] r = new String[a.length + b.length + c.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        System.arraycopy(c, 0, r, a.length + b.length, c.length);
        return r;
    }
}
