package dev.vela.conformance.check;

import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.property.CaseDiscarded;
import dev.vela.conformance.tolerance.TolerancePolicy;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
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

    private Harness() {}

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
            throw new CheckFailure(
                    "invoke() threw on a supported node" + (threads > 1 ? " with " + threads + " threads" : "") + ": "
                            + e,
                    e);
        }
    }

    /**
     * Direct scratch of the size the kernel asked for, filled with garbage: scratch is undefined on entry to
     * every invocation (docs/architecture.md D14), and fresh zeroed memory would hide a kernel that accumulates into
     * scratch without clearing it (right on a fresh buffer, wrong on every later call in a real session). Each
     * call takes the next of a few patterns, each far from zero in every element type (all bits set: NaN as a
     * float, -1 as an integer; 0x7F: about 3.4e38 as float32, the largest int8; 0xC3: -391.5 as float32, -61 as
     * int8; 0x4B: about 1.3e7 as float32, 75 as int8), so consecutive invocations see different garbage.
     *
     * @param kernel a kernel
     * @return direct scratch of the size it asked for, poisoned
     */
    public static ByteBuffer scratch(Kernel kernel) {
        int bytes = kernel.scratchBytes();
        if (bytes < 0) {
            throw new CheckFailure("scratchBytes() is negative: " + bytes);
        }
        ByteBuffer b = ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int[] round = POISON_ROUND.get();
        fill(b, SCRATCH_POISON[Math.floorMod(round[0]++, SCRATCH_POISON.length)]);
        return b;
    }

    /** The garbage patterns scratch is filled with, one per invocation in turn. */
    static final byte[] SCRATCH_POISON = {(byte) 0xFF, (byte) 0x7F, (byte) 0xC3, (byte) 0x4B};

    /**
     * The next pattern, per thread: a check runs on a thread of its own, so the patterns its invocations see do not
     * depend on what other claims checked at the same time do ({@code ConformanceKit.withClaimThreads}).
     */
    private static final ThreadLocal<int[]> POISON_ROUND = ThreadLocal.withInitial(() -> new int[1]);

    /**
     * Other inputs for the same node: each non-constant input's elements rotated by {@code by} positions (the
     * same values, so they stay valid for the node, at other places).
     *
     * @param c a case
     * @param by positions to rotate by
     * @return the rotated inputs (constant, absent and empty inputs unchanged)
     */
    public static List<Tensor> rotated(OpCase c, int by) {
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < c.inputs().size(); i++) {
            Tensor t = c.inputs().get(i);
            if (t == null || c.node().inputValue(i).isPresent() || t.elementCount() == 0) {
                out.add(t);
                continue;
            }
            Tensor r = Tensor.allocate(t.type());
            int size = t.dataType().byteSize();
            int bytes = t.type().byteSize();
            ByteBuffer src = t.bytes();
            ByteBuffer dst = r.bytes();
            int shift = (by % t.elementCount()) * size;
            for (int b = 0; b < bytes; b++) {
                dst.put((b + shift) % bytes, src.get(b));
            }
            out.add(r);
        }
        return out;
    }

    /**
     * The magnitudes of the terms each output sums: the reference run on the case with every floating input
     * (constant ones too) replaced by its absolute value. Only meaningful for operators whose outputs are sums of
     * products or of inputs ({@link dev.vela.conformance.cases.CaseGenerator#sumsOfTerms}).
     *
     * @param ctx the claim
     * @param c a case
     * @return the reference outputs on the absolute inputs, or null if the reference refuses them
     */
    public static List<Tensor> magnitudes(ClaimContext ctx, OpCase c) {
        Node n = c.node();
        Node.Builder b =
                Node.builder(n.op()).name(n.name()).opset(n.opsetVersion()).outputs(n.outputCount());
        b.attributes().putAll(n.attributes());
        List<Tensor> inputs = new ArrayList<>();
        for (int i = 0; i < n.inputCount(); i++) {
            if (!n.hasInput(i)) {
                b.absentInput();
                inputs.add(null);
            } else if (n.inputValue(i).isPresent()) {
                Tensor abs = absolute(n.inputValue(i).get());
                b.constantInput(abs);
                inputs.add(abs);
            } else {
                b.input(n.inputType(i));
                inputs.add(
                        c.inputs().get(i) == null ? null : absolute(c.inputs().get(i)));
            }
        }
        for (int o = 0; o < n.outputCount(); o++) {
            int out = o;
            n.outputQuantization(o).ifPresent(q -> b.outputQuantization(out, q));
            n.outputDataType(o).ifPresent(t -> b.outputDataType(out, t));
        }
        try {
            return runReference(ctx, new OpCase(b.build(), inputs, c.labels()));
        } catch (KitError e) {
            return null;
        }
    }

    private static Tensor absolute(Tensor t) {
        if (!t.dataType().isFloatingPoint()) {
            return t;
        }
        Tensor abs = copy(t);
        for (int i = 0; i < abs.elementCount(); i++) {
            abs.setDouble(i, Math.abs(abs.getDouble(i)));
        }
        return abs;
    }

    /**
     * @param a inputs
     * @param b inputs of the same types
     * @return whether some input differs in a byte
     */
    public static boolean differ(List<Tensor> a, List<Tensor> b) {
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != null && b.get(i) != null && firstDifferentElement(a.get(i), b.get(i)) >= 0) {
                return true;
            }
        }
        return false;
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
        return coords + " = "
                + (t.dataType().isFloatingPoint()
                        ? Double.toString(t.getDouble(index))
                        : Long.toString(t.getLong(index)))
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
