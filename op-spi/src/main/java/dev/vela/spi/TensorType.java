package dev.vela.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * What a tensor holds: element type, shape and, for quantized tensors, quantization parameters.
 * Immutable.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "1.0")
public final class TensorType {

    private final DataType dataType;
    private final Shape shape;
    private final Quantization quantization;

    private TensorType(DataType dataType, Shape shape, Quantization quantization) {
        this.dataType = Objects.requireNonNull(dataType, "dataType");
        this.shape = Objects.requireNonNull(shape, "shape");
        this.quantization = quantization;
        if (quantization != null && quantization.isPerAxis()) {
            if (quantization.axis() >= shape.rank()) {
                throw new IllegalArgumentException(
                        "quantized axis " + quantization.axis() + " is out of range for shape " + shape);
            }
            int slices = shape.dim(quantization.axis());
            if (quantization.count() != slices) {
                throw new IllegalArgumentException(
                        "per-axis quantization has " + quantization.count() + " scales but axis " + quantization.axis()
                                + " of shape " + shape + " has " + slices + " slices");
            }
        }
    }

    /**
     * @param dataType the element type
     * @param shape the shape
     * @return an unquantized type
     */
    public static TensorType of(DataType dataType, Shape shape) {
        return new TensorType(dataType, shape, null);
    }

    /**
     * @param dataType the element type
     * @param dims the dimensions
     * @return an unquantized type
     */
    public static TensorType of(DataType dataType, int... dims) {
        return new TensorType(dataType, Shape.of(dims), null);
    }

    /**
     * @param dataType an integer element type
     * @param shape the shape
     * @param quantization the parameters; per-axis ones must match the size of their axis
     * @return a quantized type
     */
    public static TensorType quantized(DataType dataType, Shape shape, Quantization quantization) {
        return new TensorType(dataType, shape, Objects.requireNonNull(quantization, "quantization"));
    }

    /** @return the element type */
    public DataType dataType() {
        return dataType;
    }

    /** @return the shape */
    public Shape shape() {
        return shape;
    }

    /** @return the quantization parameters, if the tensor is quantized */
    public Optional<Quantization> quantization() {
        return Optional.ofNullable(quantization);
    }

    /** @return whether the tensor carries quantization parameters */
    public boolean isQuantized() {
        return quantization != null;
    }

    /** @return the number of elements */
    public int elementCount() {
        return shape.elementCount();
    }

    /** @return bytes needed to hold the elements (packed sub-byte types round up to whole bytes) */
    public int byteSize() {
        return Math.toIntExact(dataType.storageBytes(shape.elementCount()));
    }

    /**
     * @param newShape the shape
     * @return the same element type and quantization with another shape
     */
    public TensorType withShape(Shape newShape) {
        return new TensorType(dataType, newShape, quantization);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorType t
                && t.dataType == dataType
                && t.shape.equals(shape)
                && Objects.equals(t.quantization, quantization);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataType, shape, quantization);
    }

    /** @return e.g. {@code float32[1x3x224x224]} or {@code int8[1x10] q(scale=0.1, zp=-128)} */
    @Override
    public String toString() {
        return dataType.label() + shape + (quantization == null ? "" : " " + quantization);
    }
}
