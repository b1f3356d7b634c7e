package dev.vela.conformance.delegate;

import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Boundary buffers with a guard of a known pattern on each side, so that the delegate certifier sees a write outside
 * a tensor (a compiled subgraph writing past its output, or into its input's neighbourhood) as changed guard bytes.
 */
final class GuardedBuffers {

    /** Bytes of guard around every boundary buffer: a write outside a tensor lands in them. */
    static final int GUARD_BYTES = 64;

    private static final byte GUARD = (byte) 0xC3;

    private GuardedBuffers() {}

    /** The outputs' guarded buffers after an invocation, the outputs, and their bytes. */
    record Result(List<ByteBuffer> buffers, List<Tensor> outputs, List<byte[]> bytes) {}

    /**
     * Invokes a kernel on fresh guarded outputs pre-filled with {@code fill}, so that two invocations with different
     * fills show an element the kernel never writes.
     */
    static Result invoke(Kernel kernel, List<Tensor> in, List<TensorType> types, byte fill) {
        List<ByteBuffer> buffers = new ArrayList<>();
        List<Tensor> outs = new ArrayList<>();
        for (TensorType type : types) {
            ByteBuffer b = allocate(type.byteSize());
            Tensor out = Tensor.wrap(type, b.duplicate().position(GUARD_BYTES));
            byte[] pattern = new byte[type.byteSize()];
            Arrays.fill(pattern, fill);
            out.bytes().put(0, pattern);
            buffers.add(b);
            outs.add(out);
        }
        kernel.invoke(Invocation.of(in, outs, ByteBuffer.allocateDirect(kernel.scratchBytes())));
        return new Result(buffers, outs, outs.stream().map(Tensor::toByteArray).toList());
    }

    /** @return a direct buffer of {@code bytes} plus a guard on each side, every byte the guard pattern */
    static ByteBuffer allocate(int bytes) {
        ByteBuffer b = ByteBuffer.allocateDirect(bytes + 2 * GUARD_BYTES);
        for (int i = 0; i < b.capacity(); i++) {
            b.put(i, GUARD);
        }
        return b;
    }

    /** @return the offset of the first changed guard byte relative to the tensor's start, or MIN_VALUE if none */
    static int damage(ByteBuffer b, int bytes) {
        for (int i = 0; i < GUARD_BYTES; i++) {
            if (b.get(i) != GUARD) {
                return i - GUARD_BYTES;
            }
            if (b.get(GUARD_BYTES + bytes + i) != GUARD) {
                return bytes + i;
            }
        }
        return Integer.MIN_VALUE;
    }

    /** @return where a changed guard byte lies, e.g. {@code 3 after its end} */
    static String describe(int offset, int bytes) {
        return offset < 0 ? (-offset) + " before its start" : (offset - bytes + 1) + " after its end";
    }
}
