package dev.vela.runtime.exec;

import dev.vela.runtime.error.MemoryLimitException;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Supplier;

/**
 * Every buffer a run allocates goes through here, so that a size that cannot be held (over 2^31-1 bytes) or cannot be
 * reserved (the JVM's direct-memory limit) fails as a {@link MemoryLimitException} naming the tensor, not as an
 * {@code ArithmeticException: integer overflow} or an {@code OutOfMemoryError}. A failed direct-buffer reservation
 * throws before anything is allocated, so turning it into an exception leaves the JVM healthy.
 */
public final class Allocation {

    private Allocation() {}

    /**
     * @param type the tensor type (its shape already holds at most 2^31-1 elements)
     * @return its size in bytes, computed without overflow
     */
    public static long bytes(TensorType type) {
        return type.dataType().storageBytes(type.elementCount());
    }

    /**
     * @param type the tensor's type
     * @param what the tensor, e.g. {@code node 'conv' (Conv) output 'y'}
     * @return a zeroed tensor of that type
     * @throws MemoryLimitException when it cannot be allocated
     */
    public static Tensor tensor(TensorType type, Supplier<String> what) {
        long bytes = bytes(type);
        check(bytes, what);
        try {
            return Tensor.allocate(type);
        } catch (OutOfMemoryError e) {
            throw tooMuch(bytes, what, e);
        }
    }

    /**
     * A copy target for a graph output handed to the caller: on the heap, since the caller owns it and no native
     * kernel writes it (a heap buffer costs a bump of the thread's allocation buffer; a direct one a native
     * allocation, its zeroing and a cleaner).
     *
     * @param type the output's type
     * @param output the output's name, for the message
     * @return a zeroed little-endian tensor of that type
     * @throws MemoryLimitException when it cannot be allocated
     */
    public static Tensor heapTensor(TensorType type, String output) {
        long bytes = bytes(type);
        if (bytes > Integer.MAX_VALUE) {
            check(bytes, () -> "graph output '" + output + "'");
        }
        try {
            return Tensor.wrap(type, ByteBuffer.allocate((int) bytes));
        } catch (OutOfMemoryError e) {
            throw tooMuch(bytes, () -> "graph output '" + output + "'", e);
        }
    }

    /**
     * @param bytes the size
     * @param what the buffer, for the message
     * @return a little-endian direct buffer
     * @throws MemoryLimitException when it cannot be allocated
     */
    public static ByteBuffer direct(long bytes, Supplier<String> what) {
        check(bytes, what);
        try {
            return ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
        } catch (OutOfMemoryError e) {
            throw tooMuch(bytes, what, e);
        }
    }

    /** @throws MemoryLimitException when {@code bytes} exceeds what one buffer can hold */
    static void check(long bytes, Supplier<String> what) {
        if (bytes > Integer.MAX_VALUE) {
            throw new MemoryLimitException(
                    what.get() + " needs " + bytes + " bytes, more than the 2^31-1 bytes one " + "buffer can hold");
        }
    }

    private static MemoryLimitException tooMuch(long bytes, Supplier<String> what, OutOfMemoryError e) {
        return new MemoryLimitException(what.get() + " needs " + bytes + " bytes, more memory than the JVM can "
                + "reserve (" + e.getMessage() + ")");
    }
}
