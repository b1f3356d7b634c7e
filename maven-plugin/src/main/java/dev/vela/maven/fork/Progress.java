package dev.vela.maven.fork;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where the forked certification run is, written into a memory-mapped file before and after every
 * call into the plugin under test. The operating system keeps the page when the JVM dies (native
 * crash, {@code System.exit}, kill), so the gate can always name the operator, check and case that
 * was running; and a vendor call that has not returned for too long is how the gate detects a hang.
 *
 * <p>Format (UTF-8, NUL-terminated): {@code state}, {@code since} (epoch ms of the last change),
 * {@code check} ({@code <claim>#<check>}) and {@code call} lines of {@code key=value}.
 */
public final class Progress {

    /** Size of the mapped file. */
    static final int SIZE = 4096;

    private final MappedByteBuffer page;
    private String check = "starting";
    private String call = "";
    private long calls;
    private int active;

    private Progress(MappedByteBuffer page) {
        this.page = page;
    }

    /**
     * @param file the progress file, created or truncated
     * @return a writer mapped onto it
     * @throws IOException if it cannot be mapped
     */
    public static Progress open(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            Progress p = new Progress(ch.map(FileChannel.MapMode.READ_WRITE, 0, SIZE));
            p.publish();
            return p;
        }
    }

    /**
     * Marks the start of a check on a claim; the call counter restarts.
     *
     * @param claimAndCheck {@code <claim>#<check>}
     */
    public synchronized void check(String claimAndCheck) {
        check = claimAndCheck;
        calls = 0;
        call = "";
        publish();
    }

    /**
     * Marks entry into the plugin's code.
     *
     * @param what the call and the node, e.g. {@code invoke Add(float32[2,3], ...)}
     */
    public synchronized void enter(String what) {
        calls++;
        active++;
        call = "#" + calls + " " + what;
        publish();
    }

    /** Marks return from the plugin's code. */
    public synchronized void exit() {
        active = Math.max(0, active - 1);
        publish();
    }

    /** @return the current position as one line for a report */
    public synchronized String describe() {
        return check + (call.isEmpty() ? "" : ", vendor call " + call);
    }

    private void publish() {
        String text = "state=" + (active > 0 ? "call" : "idle") + "\nsince=" + System.currentTimeMillis() + "\ncheck="
                + check + "\ncall=" + call.replace('\n', ' ') + "\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(bytes.length, SIZE - 1);
        page.put(0, bytes, 0, n);
        page.put(n, (byte) 0);
    }

    /**
     * What the gate reads back.
     *
     * @param inCall whether a plugin call is running
     * @param sinceMillis epoch ms of the last change
     * @param check {@code <claim>#<check>}
     * @param call the latest plugin call, numbered within the check
     */
    public record Snapshot(boolean inCall, long sinceMillis, String check, String call) {

        /** @return where the run was, for a report: claim, check and the call in progress */
        public String where() {
            return check + (call.isEmpty() ? "" : ", vendor call " + call);
        }
    }

    /**
     * @param file the progress file
     * @return its content, empty if missing or caught half-written
     */
    public static Optional<Snapshot> read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            byte[] raw = Files.readAllBytes(file);
            int end = 0;
            while (end < raw.length && raw[end] != 0) {
                end++;
            }
            String text = new String(Arrays.copyOf(raw, end), StandardCharsets.UTF_8);
            String state = null;
            String check = null;
            String call = null;
            long since = -1;
            for (String line : text.split("\n")) {
                int eq = line.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String value = line.substring(eq + 1);
                switch (line.substring(0, eq)) {
                    case "state" -> state = value;
                    case "since" -> since = Long.parseLong(value);
                    case "check" -> check = value;
                    case "call" -> call = value;
                    default -> {}
                }
            }
            if (state == null || check == null || call == null || since < 0) {
                return Optional.empty();
            }
            return Optional.of(new Snapshot("call".equals(state), since, check, call));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
