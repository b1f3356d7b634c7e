package dev.vela.spi;

import java.util.Objects;

/**
 * The identity of an operator: a domain and a name (docs/architecture.md D1). The default domain, the
 * empty string, follows ONNX operator names and semantics ({@code Conv}, {@code Gemm}, ...).
 * Written {@code name} in the default domain and {@code domain:name} otherwise.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "1.0")
public final class OpId implements Comparable<OpId> {

    /** The default (ONNX) domain. */
    public static final String DEFAULT_DOMAIN = "";

    private final String domain;
    private final String name;

    private OpId(String domain, String name) {
        this.domain = Objects.requireNonNull(domain, "domain");
        this.name = Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("operator name must not be empty");
        }
    }

    /**
     * @param name an operator of the default domain
     * @return its identity
     */
    public static OpId of(String name) {
        return new OpId(DEFAULT_DOMAIN, name);
    }

    /**
     * @param domain the domain; {@code ai.onnx} is the same as the default domain
     * @param name the operator name
     * @return its identity
     */
    public static OpId of(String domain, String name) {
        return new OpId("ai.onnx".equals(domain) ? DEFAULT_DOMAIN : domain, name);
    }

    /**
     * Parses {@code name} or {@code domain:name}.
     *
     * @param text the text
     * @return the identity
     */
    public static OpId parse(String text) {
        int colon = text.lastIndexOf(':');
        return colon < 0 ? of(text) : of(text.substring(0, colon), text.substring(colon + 1));
    }

    /** @return the domain, empty for the default one */
    public String domain() {
        return domain;
    }

    /** @return the operator name */
    public String name() {
        return name;
    }

    @Override
    public int compareTo(OpId o) {
        int c = domain.compareTo(o.domain);
        return c != 0 ? c : name.compareTo(o.name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpId id && id.domain.equals(domain) && id.name.equals(name);
    }

    @Override
    public int hashCode() {
        return domain.hashCode() * 31 + name.hashCode();
    }

    @Override
    public String toString() {
        return domain.isEmpty() ? name : domain + ":" + name;
    }
}
