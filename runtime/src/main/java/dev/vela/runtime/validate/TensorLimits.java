package dev.vela.runtime.validate;

import dev.vela.runtime.error.InvalidModelException;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.spi.DataType;

/**
 * Declared shapes against what a tensor can be: every dimension non-negative (or unknown), and, when all are known,
 * at most 2^31-1 elements and 2^31-1 bytes (tensors are views on one {@code ByteBuffer}). Products are computed so
 * that they cannot overflow: any product above the limit stops the count.
 */
public final class TensorLimits {

    /** The largest element count and byte size of one tensor. */
    public static final long MAX = Integer.MAX_VALUE;

    private TensorLimits() {}

    /**
     * @param source the file, for the message
     * @param what what the value is, e.g. {@code graph input 'x'}
     * @param spec its declaration
     * @throws InvalidModelException when a dimension is negative or the tensor is too large
     */
    public static void check(String source, String what, ValueSpec spec) {
        if (!spec.hasShape()) {
            return;
        }
        long[] dims = spec.dims();
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0 && dims[i] != ValueSpec.UNKNOWN) {
                throw new InvalidModelException(source + ": " + what + " has negative dimension " + dims[i]
                        + " at axis " + i + " (shape " + spec.shapeText() + ")");
            }
        }
        check(source, what, spec.dataType(), dims, spec.shapeText());
    }

    /**
     * @param source the file, for the message
     * @param what what the tensor is
     * @param type its element type (null: counted as one byte per element)
     * @param dims its dimensions; unknown ones ({@code < 0}) skip the check
     * @param shapeText the shape as written, for the message
     * @throws InvalidModelException when it has more than 2^31-1 elements or bytes
     */
    public static void check(String source, String what, DataType type, long[] dims, String shapeText) {
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] > MAX) {
                throw new InvalidModelException(source + ": " + what + " has dimension " + dims[i] + " at axis " + i
                        + " (shape " + shapeText + "), more than 2^31-1");
            }
        }
        long elements = elements(dims);
        if (elements < 0) {
            return;
        }
        if (elements > MAX) {
            throw new InvalidModelException(
                    source + ": " + what + " has shape " + shapeText + ", more than 2^31-1 elements");
        }
        long bytes = type == null ? elements : type.storageBytes(elements);
        if (bytes > MAX) {
            throw new InvalidModelException(source + ": " + what + " has shape " + shapeText + " of " + type.label()
                    + ": " + bytes + " bytes, more than the 2^31-1 bytes a tensor can hold");
        }
    }

    /**
     * @param dims dimensions, negative for unknown ones
     * @return the element count, capped at {@code MAX + 1}; -1 when a dimension is unknown
     */
    public static long elements(long[] dims) {
        long n = 1;
        boolean unknown = false;
        for (long d : dims) {
            if (d < 0) {
                unknown = true;
                continue;
            }
            n = d != 0 && n > (MAX + 1) / d ? MAX + 1 : Math.min(n * d, MAX + 1);
        }
        if (n == 0) {
            return 0; // a zero dimension makes the tensor empty whatever the others are
        }
        return unknown ? -1 : n;
    }
}
