package dev.vela.runtime.graph;

import dev.vela.spi.DataType;
import dev.vela.spi.Quantization;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The declared type of a graph value: element type (null when not declared) and shape, where each dimension is
 * either a fixed size or unknown ({@code -1}, e.g. a symbolic {@code dim_param} whose name is kept), and the whole
 * shape may be unknown (no rank declared). Quantized models (TFLite) also declare the quantization of integer values;
 * kernels see it through {@code Node.outputQuantization}.
 */
public final class ValueSpec {

    /** Marks a dimension whose size is not fixed by the model. */
    public static final long UNKNOWN = -1;

    private final String name;
    private final DataType dataType;
    private final long[] dims;
    private final String[] dimNames;
    private final Quantization quantization;

    /**
     * @param name the value's name
     * @param dataType element type, or null when undeclared
     * @param dims sizes with {@link #UNKNOWN} for symbolic dimensions, or null when the rank is unknown
     * @param dimNames the symbolic names per dimension (null entries for fixed or anonymous ones), or null
     */
    public ValueSpec(String name, DataType dataType, long[] dims, String[] dimNames) {
        this(name, dataType, dims, dimNames, null);
    }

    /**
     * @param name the value's name
     * @param dataType element type, or null when undeclared
     * @param dims sizes with {@link #UNKNOWN} for symbolic dimensions, or null when the rank is unknown
     * @param dimNames the symbolic names per dimension (null entries for fixed or anonymous ones), or null
     * @param quantization the declared quantization of an integer value, or null when it has none
     */
    public ValueSpec(String name, DataType dataType, long[] dims, String[] dimNames, Quantization quantization) {
        this.name = Objects.requireNonNull(name, "name");
        this.dataType = dataType;
        this.dims = dims == null ? null : dims.clone();
        this.dimNames = dims == null ? null : dimNames == null ? new String[dims.length] : dimNames.clone();
        this.quantization = quantization;
    }

    /** @return a spec with nothing declared but the name */
    public static ValueSpec unknown(String name) {
        return new ValueSpec(name, null, null, null);
    }

    /** @return the value's name */
    public String name() {
        return name;
    }

    /** @return the element type, or null when the model does not declare it */
    public DataType dataType() {
        return dataType;
    }

    /** @return the declared quantization, empty for float and plain integer values */
    public Optional<Quantization> quantization() {
        return Optional.ofNullable(quantization);
    }

    /** @return whether the rank is declared */
    public boolean hasShape() {
        return dims != null;
    }

    /** @return the rank; only valid when {@link #hasShape()} */
    public int rank() {
        return dims.length;
    }

    /** @return the size of a dimension, or {@link #UNKNOWN} */
    public long dim(int axis) {
        return dims[axis];
    }

    /** @return the symbolic name of a dimension, or null */
    public String dimName(int axis) {
        return dimNames[axis];
    }

    /** @return a copy of the dimensions, or null when the rank is unknown */
    public long[] dims() {
        return dims == null ? null : dims.clone();
    }

    /** @return this spec under another name */
    public ValueSpec withName(String newName) {
        return new ValueSpec(newName, dataType, dims, dimNames, quantization);
    }

    /** @return the shape as text, e.g. {@code [N,3,224,224]}, or {@code ?} when unknown */
    public String shapeText() {
        if (dims == null) {
            return "?";
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(dims[i] >= 0 ? Long.toString(dims[i]) : dimNames[i] != null ? dimNames[i] : "?");
        }
        return sb.append(']').toString();
    }

    @Override
    public String toString() {
        return name + ": " + (dataType == null ? "?" : dataType.label()) + shapeText()
                + (quantization == null ? "" : " " + quantization);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValueSpec v
                && v.name.equals(name)
                && v.dataType == dataType
                && Arrays.equals(v.dims, dims)
                && Arrays.equals(v.dimNames, dimNames)
                && Objects.equals(v.quantization, quantization);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dataType, Arrays.hashCode(dims));
    }
}
