package dev.vela.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Describes the certifying machine for the certificate, so measured latencies can be read in
 * context: operating system, architecture, processor model, cores, memory and JVM. Nothing that
 * identifies a person or a host name.
 */
final class MachineFingerprint {

    private MachineFingerprint() {}

    /** @return e.g. {@code Linux 6.1 amd64; Intel(R) Xeon(R) ...; 2 cores; Java 17.0.15 (Debian)} */
    static String describe() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch")
                + "; " + cpuModel().orElse("unknown processor") + "; "
                + Runtime.getRuntime().availableProcessors()
                + " cores; Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")";
    }

    private static Optional<String> cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return Optional.empty();
        }
        try {
            return Files.readAllLines(cpuinfo).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
