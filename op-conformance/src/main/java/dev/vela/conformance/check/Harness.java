package dev.vela.conformance.check;

import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.property.CaseDiscarded;
import dev.vela.conformance.tolerance.TolerancePolicy;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.Support;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs kernels the way the runtime does (prepare, allocate outputs from the inferred types,
 * invoke with read-only inputs and scratch), turning what a vendor kernel throws into a
 * {@link CheckFailure} and what the reference throws into a {@link KitError}.
 */
public final class Harness {

    private Harness() {
    }

    /**
     * Discards the case (label {@code declined by supports()}) when the vendor's factory says no.
     *
     * @param ctx the claim
     * @param node the node
     * @throws CheckFailure if {@code supports()} throws
     */
    public static void requireSupported(ClaimContext ctx, Node node) {
        Support s;
        try {
            s = ctx.vendor().supports(node);
        } catch (RuntimeException e) {
            throw new CheckFailure("supports() threw instead of answering: " + e, e);
        }
        CaseDiscarded.assume(s.isSupported(), "declined by supports()");
    }

    /**
     * @param ctx the claim
     * @param node a node the vendor's {@code supports()} accepted
     * @return the vendor's prepared kernel
     * @throws CheckFailure if prepare throws
     */
    public static Kernel prepareVendor(ClaimContext ctx, Node node) {
        try {
            return ctx.vendor().prepare(node);
        } catch (RuntimeException e) {
            throw new CheckFailure("prepare() threw on a node supports() accepted: " + e, e);
        }
    }

    /**
     * @param ctx the claim
     * @param node a valid node
     * @return the reference's prepared kernel
     * @throws KitError if the reference refuses the generated node
     */
    public static Kernel prepareReference(ClaimContext ctx, Node node) {
        try {
            return ctx.reference().prepare(node);
        } catch (RuntimeException e) {
            throw new KitError("the reference refuses a generated case (generator bug): " + e, e);
        }
    }

    /**
     * @param types the output types
     * @param fill the byte every output byte starts as
     * @return direct, little-endian tensors
     */
    public static List<Tensor> allocate(List<TensorType> types, byte fill) {
        List<Tensor> out = new ArrayList<>(types.size());
        for (TensorType t : types) {
            Tensor tensor = Tensor.allocate(t);
            fill(tensor.bytes(), fill);
            out.add(tensor);
        }
        return out;
    }

    /**
     * @param buffer a buffer
     * @param value the byte to write from its position to its limit
     */
    public static void fill(ByteBuffer buffer, byte value) {
        for (int i = buffer.position(); i < buffer.limit(); i++) {
            buffer.put(i, value);
        }
    }

    /**
     * Invokes a vendor kernel with read-only inputs and fresh scratch.
     *
     * @param kernel the kernel
     * @param inputs the inputs
     * @param outputs the outputs
     * @throws CheckFailure if the kernel throws
     */
    public static void invokeVendor(Kernel kernel, List<Tensor> inputs, List<Tensor> outputs) {
        invokeVendor(kernel, inputs, outputs, 1);
    }

    /**
     * Invokes a vendor kernel with read-only inputs, fresh scratch and leave to use several threads.
     *
     * @param kernel the kernel
     * @param inputs the inputs
     * @param outputs the outputs
     * @param threads {@link Invocation#threads()}, at least 1
     * @throws CheckFailure if the kernel throws
     */
    public static void invokeVendor(Kernel kernel, List<Tensor> inputs, List<Tensor> outputs, int threads) {
        try {
            kernel.invoke(Invocation.of(inputs, outputs, scratch(kernel), threads, freshState(kernel)));
        } catch (RuntimeException e) {
            throw new CheckFailure("invoke() threw on a supported node" + (threads > 1 ? " with " + threads + " threads" : "")
                    + ": " + e, e);
        }
    }

    /**
     * @param kernel a kernel
     * @return direct scratch of the size it asked for
     */
    public static ByteBuffer scratch(Kernel kernel) {
        int bytes = kernel.scratchBytes();
        if (bytes < 0) {
            throw new CheckFailure("scratchBytes() is negative: " + bytes);
        }
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Prepares and runs the vendor's kernel on a case.
     *
     * @param ctx the claim
     * @param c the case
     * @param fill the byte outputs start as
     * @return the outputs
     */
    public static List<Tensor> runVendor(ClaimContext ctx, OpCase c, byte fill) {
        try (Kernel k = prepareVendor(ctx, c.node())) {
            List<Tensor> outputs = allocate(outputTypes(k), fill);
            invokeVendor(k, c.inputs(), outputs);
            return outputs;
        }
    }

    /**
     * Prepares and runs the reference kernel on a case.
     *
     * @param ctx the claim
     * @param c the case
     * @return the reference outputs
     */
    public static List<Tensor> runReference(ClaimContext ctx, OpCase c) {
        try (Kernel k = prepareReference(ctx, c.node())) {
            List<Tensor> outputs = allocate(k.outputTypes(), (byte) 0);
            try {
                k.invoke(Invocation.of(c.inputs(), outputs, scratch(k), 1, freshState(k)));
            } catch (RuntimeException e) {
                throw new KitError("the reference kernel threw on a generated case: " + e, e);
            }
            return outputs;
        }
    }

    /**
     * @param k a vendor kernel
     * @return its output types
     * @throws CheckFailure if it has none or they cannot be read
     */
    public static List<TensorType> outputTypes(Kernel k) {
        List<TensorType> types;
        try {
            types = k.outputTypes();
        } catch (RuntimeException e) {
            throw new CheckFailure("outputTypes() threw: " + e, e);
        }
        if (types == null || types.isEmpty() || types.stream().anyMatch(java.util.Objects::isNull)) {
            throw new CheckFailure("outputTypes() must list one type per output, got " + types);
        }
        return types;
    }

    /**
     * @param t a tensor
     * @return a copy in a fresh, writable direct buffer
     */
    public static Tensor copy(Tensor t) {
        Tensor c = Tensor.allocate(t.type());
        c.copyFrom(t);
        return c;
    }

    /**
     * @param a a tensor
     * @param b a tensor of the same type
     * @return the first element whose bytes differ, or -1
     */
    public static int firstDifferentElement(Tensor a, Tensor b) {
        ByteBuffer x = a.bytes();
        ByteBuffer y = b.bytes();
        int size = a.dataType().byteSize();
        int n = Math.min(x.limit(), y.limit());
        for (int i = 0; i < n; i++) {
            if (x.get(i) != y.get(i)) {
                return i / size;
            }
        }
        return x.limit() == y.limit() ? -1 : n / size;
    }

    /**
     * @param t a tensor
     * @param index an element index
     * @return e.g. {@code [0, 2] = 1.5}
     */
    public static String element(Tensor t, int index) {
        String coords = Arrays.toString(TolerancePolicy.coordinates(index, t.shape()));
        if (index >= t.elementCount()) {
            return coords + " (out of range)";
        }
        return coords + " = " + (t.dataType().isFloatingPoint() ? Double.toString(t.getDouble(index)) : Long.toString(t.getLong(index)))
                + " (bits " + hex(t, index) + ")";
    }

    private static String hex(Tensor t, int index) {
        int size = t.dataType().byteSize();
        StringBuilder sb = new StringBuilder("0x");
        ByteBuffer b = t.bytes();
        for (int i = size - 1; i >= 0; i--) {
            sb.append(String.format("%02x", b.get(index * size + i) & 0xff));
        }
        return sb.toString();
    }

    /**
     * The state a kernel declared, at its initial value: each invocation of a single-case check starts from it, as
     * the first run of a session does (sequences of invocations are the state check's job).
     *
     * @param kernel a kernel
     * @return writable state tensors, empty for a stateless kernel
     */
    public static List<Tensor> freshState(Kernel kernel) {
        List<dev.vela.spi.KernelState> declared = kernel.state();
        if (declared == null) {
            throw new CheckFailure("state() returned null; a stateless kernel returns an empty list");
        }
        List<Tensor> state = new java.util.ArrayList<>(declared.size());
        for (dev.vela.spi.KernelState s : declared) {
            Tensor t = Tensor.allocate(s.type());
            t.copyFrom(s.initialValue());
            state.add(t);
        }
        return state;
    }
}
