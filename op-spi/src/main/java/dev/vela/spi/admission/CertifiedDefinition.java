package dev.vela.spi.admission;

import dev.vela.spi.API;
import dev.vela.spi.OpId;
import dev.vela.spi.OperatorDefinition;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A custom operator definition a certificate pins (docs/architecture.md decision D12): its identity and version, the
 * {@linkplain OperatorDefinition#schemaHash() schema hash} the kernels were certified against, and the SHA-256 of
 * every admission case file the plugin ships for it. A runtime refuses the plugin when the definition it loads has
 * another schema hash.
 *
 * @since 1.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "1.1")
public final class CertifiedDefinition {

    private final OpId op;
    private final int version;
    private final String schemaHash;
    private final Map<String, String> caseHashes;

    private CertifiedDefinition(OpId op, int version, String schemaHash, Map<String, String> caseHashes) {
        this.op = Objects.requireNonNull(op, "op");
        this.version = version;
        this.schemaHash = Objects.requireNonNull(schemaHash, "schemaHash").toLowerCase(java.util.Locale.ROOT);
        if (!this.schemaHash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("schema hash must be 64 hex digits, got '" + schemaHash + "'");
        }
        for (Map.Entry<String, String> e : caseHashes.entrySet()) {
            if (!e.getValue().matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("case file " + e.getKey() + ": hash must be 64 hex digits");
            }
        }
        this.caseHashes = Collections.unmodifiableMap(new TreeMap<>(caseHashes));
    }

    /**
     * @param op the operator
     * @param version the definition's version
     * @param schemaHash its schema hash (64 hex digits)
     * @param caseHashes SHA-256 of each admission case file, by path in the plugin jar
     * @return the pin
     */
    public static CertifiedDefinition of(OpId op, int version, String schemaHash, Map<String, String> caseHashes) {
        return new CertifiedDefinition(op, version, schemaHash, Objects.requireNonNull(caseHashes, "caseHashes"));
    }

    /** @return the operator */
    public OpId op() {
        return op;
    }

    /** @return the definition's version */
    public int version() {
        return version;
    }

    /** @return the schema hash */
    public String schemaHash() {
        return schemaHash;
    }

    /** @return SHA-256 of each admission case file, by path, sorted */
    public Map<String, String> caseHashes() {
        return caseHashes;
    }

    /**
     * @param definition a definition a provider contributes
     * @return whether it is the one this pin certifies (same operator, version and schema hash)
     */
    public boolean matches(OperatorDefinition definition) {
        return definition.op().equals(op)
                && definition.version() == version
                && definition.schemaHash().equals(schemaHash);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertifiedDefinition d
                && d.op.equals(op)
                && d.version == version
                && d.schemaHash.equals(schemaHash)
                && d.caseHashes.equals(caseHashes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(op, version, schemaHash, caseHashes);
    }

    /** @return e.g. {@code tflite:SignalWindow v1 schema 1a2b3c4d5e6f, 4 case files} */
    @Override
    public String toString() {
        return op + " v" + version + " schema " + schemaHash.substring(0, 12) + ", " + caseHashes.size()
                + " case files";
    }
}
