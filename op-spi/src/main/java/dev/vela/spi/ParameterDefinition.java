package dev.vela.spi;

import java.util.Objects;

/**
 * One input or output position of an {@link OperatorDefinition}: a name, the type variable its
 * element type must satisfy, and whether it must be present.
 *
 * @since 1.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "1.1")
public final class ParameterDefinition {

    /**
     * Whether a position must be present.
     *
     * @since 1.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "1.1")
    public enum Presence {
        /** Always present. */
        REQUIRED,
        /** May be omitted; optional positions follow the required ones. */
        OPTIONAL,
        /** Zero or more positions of the same type variable; only the last parameter may be variadic. */
        VARIADIC
    }

    private final String name;
    private final String typeVariable;
    private final Presence presence;
    private final String doc;

    private ParameterDefinition(String name, String typeVariable, Presence presence, String doc) {
        this.name = Objects.requireNonNull(name, "name");
        this.typeVariable = Objects.requireNonNull(typeVariable, "typeVariable");
        this.presence = Objects.requireNonNull(presence, "presence");
        this.doc = Objects.requireNonNull(doc, "doc");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("parameter name must not be empty");
        }
    }

    /**
     * @param name the parameter name, e.g. {@code input}
     * @param typeVariable the {@link TypeConstraint} its element type must satisfy
     * @param doc what it holds
     * @return a required parameter
     */
    public static ParameterDefinition required(String name, String typeVariable, String doc) {
        return new ParameterDefinition(name, typeVariable, Presence.REQUIRED, doc);
    }

    /**
     * @param name the parameter name
     * @param typeVariable the type variable
     * @param doc what it holds
     * @return an optional parameter
     */
    public static ParameterDefinition optional(String name, String typeVariable, String doc) {
        return new ParameterDefinition(name, typeVariable, Presence.OPTIONAL, doc);
    }

    /**
     * @param name the parameter name
     * @param typeVariable the type variable
     * @param doc what each position holds
     * @return a variadic parameter
     */
    public static ParameterDefinition variadic(String name, String typeVariable, String doc) {
        return new ParameterDefinition(name, typeVariable, Presence.VARIADIC, doc);
    }

    /** @return the name */
    public String name() {
        return name;
    }

    /** @return the type variable */
    public String typeVariable() {
        return typeVariable;
    }

    /** @return whether it must be present */
    public Presence presence() {
        return presence;
    }

    /** @return documentation */
    public String doc() {
        return doc;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterDefinition p
                && p.name.equals(name)
                && p.typeVariable.equals(typeVariable)
                && p.presence == presence
                && p.doc.equals(doc);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, typeVariable, presence, doc);
    }

    /** @return e.g. {@code input: T} or {@code bias: T (optional)} */
    @Override
    public String toString() {
        return name + ": " + typeVariable
                + (presence == Presence.REQUIRED
                        ? ""
                        : " (" + presence.name().toLowerCase(java.util.Locale.ROOT) + ")");
    }
}
