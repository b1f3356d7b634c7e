package dev.vela.fleet;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A private Mosquitto broker for a test: its own port on 127.0.0.1, its own config and persistence directory (so a
 * restart keeps retained messages and persistent sessions, as a production broker would). When mosquitto is not
 * installed the test is skipped with one message, except on CI ({@code CI=true}), where that is a failure.
 */
final class Mosquitto implements AutoCloseable {

    private final Path binary;
    private final Path dir;
    private final int port;
    private Process process;

    private Mosquitto(Path binary, Path dir, int port) {
        this.binary = binary;
        this.dir = dir;
        this.port = port;
    }

    static Mosquitto start(Path dir) throws Exception {
        Path binary = find();
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(
                dir.resolve("mosquitto.conf"),
                String.join(
                        "\n",
                        "listener " + port + " 127.0.0.1",
                        "allow_anonymous true",
                        // started as root, mosquitto would switch to user 'mosquitto', which cannot write this test's
                        // directory: its persistence (and so the broker-restart test) would silently not work
                        "user " + System.getProperty("user.name"),
                        "persistence true",
                        "persistence_location " + dir.resolve("data") + "/",
                        "autosave_interval 1",
                        "max_queued_messages 100000",
                        "log_dest file " + dir.resolve("mosquitto.log"),
                        "log_type all",
                        ""));
        Mosquitto m = new Mosquitto(binary, dir, port);
        m.launch();
        return m;
    }

    private static Path find() {
        for (String d : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin").split(":")) {
            Path p = Path.of(d.isEmpty() ? "." : d, "mosquitto");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        String msg = "mosquitto is not installed (Debian: apt-get install -y mosquitto); the fleet tests need a real"
                + " MQTT 5 broker";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(msg + " and CI=true, so this is a failure");
        }
        Assumptions.abort(msg + ": skipped");
        throw new IllegalStateException("unreachable");
    }

    private void launch() throws Exception {
        process = new ProcessBuilder(
                        binary.toString(), "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mosquitto exited with " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("stdout.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("mosquitto did not listen on port " + port + " within 10 s");
    }

    /** @return the broker's log, for failure messages */
    String log() {
        try {
            return Files.readString(dir.resolve("mosquitto.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Stops the broker (SIGTERM: it saves its persistence) and starts it again on the same port. */
    void restart(long downMillis) throws Exception {
        stop();
        Thread.sleep(downMillis);
        launch();
    }

    private void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
