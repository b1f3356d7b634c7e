package dev.vela.spi;

import java.util.Objects;

/**
 * One thing a kernel factory claims to implement and asks to be certified for: an operator, the
 * element type of its activations (for quantized operators the integer type, e.g. {@code int8};
 * {@code int16} means 16-bit activations with 8-bit weights) and a layout ({@link Layout#ANY} for
 * operators that do not depend on one).
 *
 * @param op the operator
 * @param dataType the activation element type
 * @param layout the layout
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "1.0")
public record KernelClaim(OpId op, DataType dataType, Layout layout) implements Comparable<KernelClaim> {

    /**
     * @param op the operator
     * @param dataType the activation element type
     * @param layout the layout
     */
    public KernelClaim {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(dataType, "dataType");
        Objects.requireNonNull(layout, "layout");
    }

    /**
     * @param op the operator
     * @param dataType the activation element type
     * @return a layout-independent claim
     */
    public static KernelClaim of(OpId op, DataType dataType) {
        return new KernelClaim(op, dataType, Layout.ANY);
    }

    /**
     * Parses the {@link #toString()} form {@code op/dtype/layout}.
     *
     * @param text e.g. {@code Conv/int8/NHWC}
     * @return the claim
     */
    public static KernelClaim parse(String text) {
        String[] parts = text.split("/");
        if (parts.length != 3) {
            throw new IllegalArgumentException("claim must be 'op/dtype/layout', got '" + text + "'");
        }
        return new KernelClaim(OpId.parse(parts[0]), DataType.fromLabel(parts[1]), Layout.valueOf(parts[2]));
    }

    @Override
    public int compareTo(KernelClaim o) {
        int c = op.compareTo(o.op);
        if (c == 0) {
            c = dataType.compareTo(o.dataType);
        }
        return c != 0 ? c : layout.compareTo(o.layout);
    }

    /** @return e.g. {@code Conv/int8/NHWC} */
    @Override
    public String toString() {
        return op + "/" + dataType.label() + "/" + layout;
    }
}
