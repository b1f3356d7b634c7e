package dev.vela.spi;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A type variable of an {@link OperatorDefinition}, as ONNX operator schemas have them: a name
 * such as {@code T} and the element types it may stand for. Every input and output names one;
 * inputs and outputs that name the same variable must have the same element type in a node.
 *
 * @since 1.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "1.1")
public final class TypeConstraint {

    private final String name;
    private final Set<DataType> allowed;
    private final String doc;

    private TypeConstraint(String name, Set<DataType> allowed, String doc) {
        this.name = Objects.requireNonNull(name, "name");
        this.doc = Objects.requireNonNull(doc, "doc");
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("type variable name must be an identifier, got '" + name + "'");
        }
        if (allowed.isEmpty()) {
            throw new IllegalArgumentException("type variable '" + name + "' allows no element type");
        }
        this.allowed = Collections.unmodifiableSet(EnumSet.copyOf(allowed));
    }

    /**
     * @param name the variable, e.g. {@code T}
     * @param allowed the element types it may stand for, at least one
     * @param doc what it stands for
     * @return the constraint
     */
    public static TypeConstraint of(String name, Set<DataType> allowed, String doc) {
        return new TypeConstraint(name, Objects.requireNonNull(allowed, "allowed"), doc);
    }

    /**
     * @param name the variable
     * @param type the one element type it stands for (a fixed type, as ONNX's {@code tensor(int64)})
     * @return the constraint
     */
    public static TypeConstraint fixed(String name, DataType type) {
        return new TypeConstraint(name, EnumSet.of(type), "always " + type.label());
    }

    /** @return the variable's name */
    public String name() {
        return name;
    }

    /** @return the element types it may stand for, in enum order */
    public Set<DataType> allowed() {
        return allowed;
    }

    /** @return documentation */
    public String doc() {
        return doc;
    }

    /**
     * @param type an element type
     * @return whether the variable may stand for it
     */
    public boolean allows(DataType type) {
        return allowed.contains(type);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TypeConstraint t && t.name.equals(name) && t.allowed.equals(allowed) && t.doc.equals(doc);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, allowed, doc);
    }

    /** @return e.g. {@code T: int8|int16} */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(name).append(':');
        String sep = " ";
        for (DataType t : allowed) {
            s.append(sep).append(t.label());
            sep = "|";
        }
        return s.toString();
    }
}
