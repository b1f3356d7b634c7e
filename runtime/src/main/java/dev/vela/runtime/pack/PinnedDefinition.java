package dev.vela.runtime.pack;

import dev.vela.spi.OpId;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A custom-operator definition a pipeline package was built against (docs/architecture.md D12): the operator, the
 * definition version its nodes follow, the SHA-256 of the definition's canonical schema, and the member model that
 * uses it. At load the package is refused unless an admitted provider defines exactly this (operator, version, schema).
 *
 * @param op the operator, e.g. {@code tflite:SignalWindow}
 * @param version the definition version
 * @param schemaSha256 hex SHA-256 of the definition's canonical schema
 * @param member the member model whose nodes use it
 */
public record PinnedDefinition(OpId op, int version, String schemaSha256, String member) {

    private static final Pattern TEXT = Pattern.compile("(\\S+:\\S+) v(\\d{1,9}) schema ([0-9a-f]{64}) in (\\S+)");

    /** Checks the fields. */
    public PinnedDefinition {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(member, "member");
        if (version < 0 || schemaSha256 == null || !schemaSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException(
                    "a pinned definition needs a version >= 0 and a 64-digit hex schema hash, " + "got v" + version
                            + " schema " + schemaSha256);
        }
    }

    /** @return the manifest form, e.g. {@code tflite:SignalWindow v1 schema 3f...e0 in features} */
    String manifestText() {
        return op + " v" + version + " schema " + schemaSha256 + " in " + member;
    }

    /**
     * @param text the manifest form
     * @return the pin
     * @throws IllegalArgumentException naming what is malformed
     */
    static PinnedDefinition parse(String text) {
        Matcher m = TEXT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not 'domain:name vN schema <64 hex digits> in <member>'");
        }
        return new PinnedDefinition(OpId.parse(m.group(1)), Integer.parseInt(m.group(2)), m.group(3), m.group(4));
    }

    /** @return e.g. {@code tflite:SignalWindow v1 (schema 3f1c2a9b0d4e)} */
    public String describe() {
        return op + " v" + version + " (schema " + schemaSha256.substring(0, 12) + ")";
    }
}
