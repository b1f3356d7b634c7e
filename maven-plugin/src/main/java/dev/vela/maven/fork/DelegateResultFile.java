package dev.vela.maven.fork;

import dev.vela.spi.DelegateLimits;
import dev.vela.spi.KernelClaim;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The forked run's verdicts on the providers' delegates, beside the result file (tab-separated, escaped like it): one
 * {@code delegate} line per provider offering a delegate and one {@code finding} line per shrunk failure, with the
 * replay line that reproduces it. The gate lists the certified ones in the certificate.
 */
public final class DelegateResultFile {

    /** What the kit concluded about one provider's delegate. */
    public enum Status {
        /** certified for {@link Verdict#claims()} */
        CERTIFIED,
        /** the kit found failures: not certified */
        FAILED,
        /** none of its claims is in the profile, or the kit generates no subgraph of them: not certified */
        NOT_EXERCISED,
        /** a replay run: nothing is certified */
        REPLAYED
    }

    /**
     * @param providerId the provider
     * @param status the outcome
     * @param subgraphs how many generated subgraphs were checked
     * @param claims the claims the subgraphs exercised
     * @param maxPartitions the limit the delegate declared
     * @param minNodes the limit the delegate declared
     * @param cuts how many subgraphs cut from real models were checked
     */
    public record Verdict(
            String providerId,
            Status status,
            int subgraphs,
            Set<KernelClaim> claims,
            int maxPartitions,
            int minNodes,
            int cuts) {

        /** Copies the claims. */
        public Verdict {
            claims = Set.copyOf(claims);
        }

        /** A verdict without subgraphs cut from real models (a replay, or a delegate the kit did not run). */
        public Verdict(
                String providerId,
                Status status,
                int subgraphs,
                Set<KernelClaim> claims,
                int maxPartitions,
                int minNodes) {
            this(providerId, status, subgraphs, claims, maxPartitions, minNodes, 0);
        }

        /** @return the declared limits */
        public DelegateLimits limits() {
            return maxPartitions == Integer.MAX_VALUE && minNodes == 1
                    ? DelegateLimits.none()
                    : DelegateLimits.of(maxPartitions, minNodes);
        }
    }

    /**
     * @param providerId the provider
     * @param check the failing check
     * @param message what went wrong
     * @param replayLine the line that reproduces it ({@code replay: seed=... dims=... steps=...}, or {@code replay:
     *     seed=... cut=... nodes=A..B} for a subgraph cut from a real model)
     * @param steps how many steps the minimal failing subgraph has (nodes, for a cut)
     */
    public record Finding(String providerId, String check, String message, String replayLine, int steps) {}

    /**
     * @param verdicts one per provider offering a delegate
     * @param findings the failures
     */
    public record Content(List<Verdict> verdicts, List<Finding> findings) {}

    private DelegateResultFile() {}

    /**
     * @param resultFile the fork's result file
     * @return the delegate file beside it
     */
    public static Path of(Path resultFile) {
        return resultFile.resolveSibling(resultFile.getFileName() + ".delegates.tsv");
    }

    /**
     * @param file where to write
     * @param content what
     * @throws IOException if writing fails
     */
    public static void write(Path file, Content content) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Verdict v : content.verdicts()) {
            List<String> claims = new ArrayList<>();
            new TreeSet<>(v.claims()).forEach(c -> claims.add(c.toString()));
            lines.add(line(
                    "delegate",
                    v.providerId(),
                    v.status().name(),
                    Integer.toString(v.subgraphs()),
                    String.join(",", claims),
                    Integer.toString(v.maxPartitions()),
                    Integer.toString(v.minNodes()),
                    Integer.toString(v.cuts())));
        }
        for (Finding f : content.findings()) {
            lines.add(line(
                    "finding", f.providerId(), f.check(), f.message(), f.replayLine(), Integer.toString(f.steps())));
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    /**
     * @param file the file the fork wrote
     * @return its content; empty when the fork wrote none (no provider offers a delegate)
     * @throws IOException if it cannot be read or is malformed
     */
    public static Content read(Path file) throws IOException {
        List<Verdict> verdicts = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return new Content(verdicts, findings);
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            for (int i = 0; i < f.length; i++) {
                f[i] = ResultFile.unescape(f[i]);
            }
            try {
                switch (f[0]) {
                    case "delegate" -> {
                        Set<KernelClaim> claims = new TreeSet<>();
                        for (String c : f[4].split(",")) {
                            if (!c.isEmpty()) {
                                claims.add(KernelClaim.parse(c));
                            }
                        }
                        verdicts.add(new Verdict(
                                f[1],
                                Status.valueOf(f[2]),
                                Integer.parseInt(f[3]),
                                claims,
                                Integer.parseInt(f[5]),
                                Integer.parseInt(f[6]),
                                f.length > 7 ? Integer.parseInt(f[7]) : 0));
                    }
                    case "finding" -> findings.add(new Finding(f[1], f[2], f[3], f[4], Integer.parseInt(f[5])));
                    default -> throw new IOException("unknown line kind '" + f[0] + "'");
                }
            } catch (RuntimeException e) {
                throw new IOException(file + ": malformed line '" + line + "': " + e, e);
            }
        }
        return new Content(verdicts, findings);
    }

    private static String line(String... fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append('\t');
            }
            sb.append(ResultFile.escape(fields[i]));
        }
        return sb.toString();
    }
}
