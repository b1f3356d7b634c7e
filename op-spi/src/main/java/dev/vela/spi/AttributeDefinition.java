package dev.vela.spi;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One attribute of an {@link OperatorDefinition}: name, {@linkplain AttributeType type}, whether a
 * node must carry it, the default a kernel assumes when an optional one is absent, and what it
 * means. A definition's attributes are all its nodes may carry.
 *
 * @since 1.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "1.1")
public final class AttributeDefinition {

    private final String name;
    private final AttributeType type;
    private final boolean required;
    private final Object defaultValue;
    private final String doc;

    private AttributeDefinition(String name, AttributeType type, boolean required, Object defaultValue, String doc) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.doc = Objects.requireNonNull(doc, "doc");
        this.required = required;
        this.defaultValue = defaultValue;
        if (name.isEmpty()) {
            throw new IllegalArgumentException("attribute name must not be empty");
        }
    }

    /**
     * @param name the attribute name
     * @param type its type
     * @param doc what it means
     * @return an attribute every node must carry
     */
    public static AttributeDefinition required(String name, AttributeType type, String doc) {
        return new AttributeDefinition(name, type, true, null, doc);
    }

    /**
     * @param name the attribute name
     * @param type its type
     * @param doc what it means, including what its absence means
     * @return an optional attribute without a default
     */
    public static AttributeDefinition optional(String name, AttributeType type, String doc) {
        return new AttributeDefinition(name, type, false, null, doc);
    }

    /**
     * @param name the attribute name
     * @param defaultValue the INT value assumed when absent
     * @param doc what it means
     * @return an optional INT attribute
     */
    public static AttributeDefinition withDefault(String name, long defaultValue, String doc) {
        return new AttributeDefinition(name, AttributeType.INT, false, defaultValue, doc);
    }

    /**
     * @param name the attribute name
     * @param defaultValue the FLOAT value assumed when absent
     * @param doc what it means
     * @return an optional FLOAT attribute
     */
    public static AttributeDefinition withDefault(String name, float defaultValue, String doc) {
        return new AttributeDefinition(name, AttributeType.FLOAT, false, defaultValue, doc);
    }

    /**
     * @param name the attribute name
     * @param defaultValue the STRING value assumed when absent
     * @param doc what it means
     * @return an optional STRING attribute
     */
    public static AttributeDefinition withDefault(String name, String defaultValue, String doc) {
        return new AttributeDefinition(name, AttributeType.STRING, false, Objects.requireNonNull(defaultValue), doc);
    }

    /**
     * @param name the attribute name
     * @param defaultValue the INTS value assumed when absent
     * @param doc what it means
     * @return an optional INTS attribute
     */
    public static AttributeDefinition withDefault(String name, long[] defaultValue, String doc) {
        return new AttributeDefinition(name, AttributeType.INTS, false, defaultValue.clone(), doc);
    }

    /**
     * @param name the attribute name
     * @param defaultValue the FLOATS value assumed when absent
     * @param doc what it means
     * @return an optional FLOATS attribute
     */
    public static AttributeDefinition withDefault(String name, float[] defaultValue, String doc) {
        return new AttributeDefinition(name, AttributeType.FLOATS, false, defaultValue.clone(), doc);
    }

    /** @return the name */
    public String name() {
        return name;
    }

    /** @return the type */
    public AttributeType type() {
        return type;
    }

    /** @return whether every node must carry it */
    public boolean isRequired() {
        return required;
    }

    /**
     * The default as a value of its type: a {@code Long}, {@code Float}, {@code String}, {@code
     * long[]} or {@code float[]} (a copy).
     *
     * @return the default, empty for required attributes and optional ones without a default
     */
    public Optional<Object> defaultValue() {
        if (defaultValue instanceof long[] a) {
            return Optional.of(a.clone());
        }
        if (defaultValue instanceof float[] a) {
            return Optional.of(a.clone());
        }
        return Optional.ofNullable(defaultValue);
    }

    /** @return documentation */
    public String doc() {
        return doc;
    }

    /** The default in the canonical schema text: exact, so that the schema hash pins it. */
    String defaultText() {
        if (defaultValue == null) {
            return required ? "required" : "optional";
        }
        if (defaultValue instanceof Float f) {
            return "default=" + Integer.toHexString(Float.floatToRawIntBits(f));
        }
        if (defaultValue instanceof float[] a) {
            StringBuilder s = new StringBuilder("default=[");
            for (int i = 0; i < a.length; i++) {
                s.append(i == 0 ? "" : ",").append(Integer.toHexString(Float.floatToRawIntBits(a[i])));
            }
            return s.append(']').toString();
        }
        if (defaultValue instanceof long[] a) {
            return "default=" + Arrays.toString(a).replace(" ", "");
        }
        if (defaultValue instanceof String s) {
            return "default=\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
        }
        return "default=" + defaultValue;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttributeDefinition a
                && a.name.equals(name)
                && a.type == type
                && a.required == required
                && a.defaultText().equals(defaultText())
                && a.doc.equals(doc);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, required, defaultText());
    }

    /** @return e.g. {@code shift: INT default=0} */
    @Override
    public String toString() {
        return name + ": " + type + " " + defaultText();
    }
}
