package dev.vela.spi.admission;

import dev.vela.spi.API;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Certificates, jars and signing keys an authority has withdrawn, each with the reason, part of a
 * {@link TrustStore}. The text form, one entry a line ({@code #} starts a comment):
 *
 * <pre>
 * # kind         value                                   reason (the rest of the line, required)
 * certificate    &lt;SHA-256 of the certificate, 64 hex&gt;   kernel bug CVE-2026-1234, re-certify with 1.0.3
 * jar            &lt;SHA-256 of the jar, 64 hex&gt;           leaked debug build
 * key            &lt;key id, 16 hex&gt;                      signing key compromised on 2026-11-30
 * </pre>
 *
 * The certificate hash is {@link Certificate#sha256()} (of the signed content, so it does not depend on how
 * the file is formatted); {@code vela verify} prints it. The key id is {@link PublicKeys#keyId}. The list
 * has the protection of the trust store it sits in: whoever can edit it can edit the trusted keys.
 *
 * @since 1.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "1.1")
public final class RevocationList {

    /** The file name suffix of revocation lists in a trust store directory. */
    public static final String SUFFIX = ".revocations";

    private static final long MAX_FILE_BYTES = 16L << 20;

    /** What an entry withdraws. */
    public enum Kind {
        /** A certificate, by {@link Certificate#sha256()}. */
        CERTIFICATE,
        /** A jar, by its SHA-256: refused whatever certificate comes with it, in development mode too. */
        JAR,
        /** A signing key, by key id: every certificate it signed. */
        KEY
    }

    /**
     * One withdrawn certificate, jar or key.
     *
     * @param kind what is withdrawn
     * @param value the hash or key id, lower-case hex
     * @param reason why, as the authority wrote it
     * @param source the file and line it came from
     */
    public record Revocation(Kind kind, String value, String reason, String source) {

        /** Checks the parts. */
        public Revocation {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(source, "source");
        }

        /** @return a sentence for refusals */
        public String describe() {
            return kind.name().toLowerCase(Locale.ROOT) + " " + value + " is revoked (" + source + "): " + reason;
        }
    }

    private static final RevocationList EMPTY = new RevocationList(List.of());

    private final List<Revocation> entries;

    private RevocationList(List<Revocation> entries) {
        this.entries = List.copyOf(entries);
    }

    /** @return a list that revokes nothing */
    public static RevocationList empty() {
        return EMPTY;
    }

    /**
     * @param text the text form
     * @param source names the origin in errors and refusals
     * @return the list
     * @throws CertificateFormatException naming the source and line of a malformed entry
     */
    public static RevocationList parse(String text, String source) {
        List<Revocation> entries = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (content.isEmpty()) {
                continue;
            }
            String where = source + ":" + (i + 1);
            String[] parts = content.split("\\s+", 3);
            if (parts.length < 3) {
                throw new CertificateFormatException(
                        where + ": expected '<certificate|jar|key> <hex> <reason>', got '" + content + "'");
            }
            Kind kind = switch (parts[0].toLowerCase(Locale.ROOT)) {
                case "certificate" -> Kind.CERTIFICATE;
                case "jar" -> Kind.JAR;
                case "key" -> Kind.KEY;
                default ->
                    throw new CertificateFormatException(
                            where + ": unknown kind '" + parts[0] + "', expected certificate, jar or key");
            };
            String value = parts[1].toLowerCase(Locale.ROOT);
            int digits = kind == Kind.KEY ? 16 : 64;
            if (!value.matches("[0-9a-f]{" + digits + "}")) {
                throw new CertificateFormatException(
                        where + ": a " + parts[0] + " entry needs " + digits + " hex digits, got '" + parts[1] + "'");
            }
            entries.add(new Revocation(kind, value, parts[2].strip(), where));
        }
        return new RevocationList(entries);
    }

    /**
     * @param file a revocation list file
     * @return its entries
     * @throws IOException if it cannot be read
     * @throws CertificateFormatException naming the line of a malformed entry
     */
    public static RevocationList read(Path file) throws IOException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new CertificateFormatException(
                    file + ": a revocation list may have at most " + MAX_FILE_BYTES + " bytes");
        }
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * @param more another list
     * @return the entries of both
     */
    public RevocationList and(RevocationList more) {
        List<Revocation> all = new ArrayList<>(entries);
        all.addAll(more.entries);
        return new RevocationList(all);
    }

    /** @return the entries, in file order */
    public List<Revocation> entries() {
        return entries;
    }

    /**
     * @param kind what to look for
     * @param value a hash or key id
     * @return the first entry withdrawing it
     */
    public Optional<Revocation> find(Kind kind, String value) {
        String v = value.toLowerCase(Locale.ROOT);
        return entries.stream()
                .filter(e -> e.kind() == kind && e.value().equals(v))
                .findFirst();
    }
}
