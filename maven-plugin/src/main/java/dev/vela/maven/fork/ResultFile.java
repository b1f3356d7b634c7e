package dev.vela.maven.fork;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The forked run's verdicts, handed back to the gate as tab-separated lines (the gate's JVM never
 * loads the plugin's classes, so it cannot receive objects): one {@code provider} line per provider
 * found in the jar, one {@code result} line per (provider, claim, check), and one {@code run} line.
 */
public final class ResultFile {

    /** The message of checks not run because the claim is outside the certification profile. */
    public static final String OUTSIDE_PROFILE = "outside the certification profile";

    private ResultFile() {}

    /**
     * A provider found in the jar.
     *
     * @param id its id
     * @param spiVersion the SPI version it was built against
     * @param className its class
     */
    public record Provider(String id, String spiVersion, String className) {}

    /**
     * One check on one claim.
     *
     * @param providerId the provider
     * @param claim {@code op/dtype/layout}
     * @param check the check id
     * @param status PASSED, FAILED, ERROR or SKIPPED
     * @param cases cases run
     * @param medianMs latency median, or -1
     * @param p90Ms latency p90, or -1
     * @param budgetMs latency budget, or -1
     * @param message the kit's one-line message
     */
    public record Result(
            String providerId,
            String claim,
            String check,
            String status,
            int cases,
            double medianMs,
            double p90Ms,
            double budgetMs,
            String message) {

        /** @return whether the check failed or errored */
        public boolean failed() {
            return "FAILED".equals(status) || "ERROR".equals(status);
        }
    }

    /**
     * The run-wide facts.
     *
     * @param seed the seed
     * @param tries cases per check
     * @param policyVersion the tolerance policy version
     * @param policyProfile the tolerance profile
     * @param durationMillis wall time of the kit
     */
    public record Run(long seed, int tries, String policyVersion, String policyProfile, long durationMillis) {}

    /**
     * Everything the fork reports.
     *
     * @param providers providers found
     * @param results check results
     * @param run run facts
     */
    public record Content(List<Provider> providers, List<Result> results, Run run) {}

    /**
     * @param file where to write
     * @param content what
     * @throws IOException if writing fails
     */
    public static void write(Path file, Content content) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Provider p : content.providers()) {
            line(sb, "provider", p.id(), p.spiVersion(), p.className());
        }
        for (Result r : content.results()) {
            line(
                    sb,
                    "result",
                    r.providerId(),
                    r.claim(),
                    r.check(),
                    r.status(),
                    Integer.toString(r.cases()),
                    Double.toString(r.medianMs()),
                    Double.toString(r.p90Ms()),
                    Double.toString(r.budgetMs()),
                    r.message());
        }
        Run run = content.run();
        line(
                sb,
                "run",
                Long.toString(run.seed()),
                Integer.toString(run.tries()),
                run.policyVersion(),
                run.policyProfile(),
                Long.toString(run.durationMillis()));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, sb, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * @param file the file the fork wrote
     * @return its content
     * @throws IOException if it cannot be read or is malformed
     */
    public static Content read(Path file) throws IOException {
        List<Provider> providers = new ArrayList<>();
        List<Result> results = new ArrayList<>();
        Run run = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            for (int i = 0; i < f.length; i++) {
                f[i] = unescape(f[i]);
            }
            try {
                switch (f[0]) {
                    case "provider" -> providers.add(new Provider(f[1], f[2], f[3]));
                    case "result" ->
                        results.add(new Result(
                                f[1],
                                f[2],
                                f[3],
                                f[4],
                                Integer.parseInt(f[5]),
                                Double.parseDouble(f[6]),
                                Double.parseDouble(f[7]),
                                Double.parseDouble(f[8]),
                                f[9]));
                    case "run" ->
                        run = new Run(Long.parseLong(f[1]), Integer.parseInt(f[2]), f[3], f[4], Long.parseLong(f[5]));
                    default -> throw new IOException("unknown line kind '" + f[0] + "'");
                }
            } catch (RuntimeException e) {
                throw new IOException(file + ": malformed line '" + line + "': " + e, e);
            }
        }
        if (run == null) {
            throw new IOException(file + ": no run line (the fork did not finish writing)");
        }
        return new Content(providers, results, run);
    }

    private static void line(StringBuilder sb, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append('\t');
            }
            sb.append(escape(fields[i]));
        }
        sb.append('\n');
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(
                        switch (n) {
                            case 't' -> '\t';
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            default -> n;
                        });
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
