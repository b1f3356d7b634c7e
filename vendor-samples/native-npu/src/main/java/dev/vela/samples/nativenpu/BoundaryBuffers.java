package dev.vela.samples.nativenpu;

import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToLongFunction;

/**
 * The direct buffers a kernel hands C++ for its inputs and outputs, kept from one call to the next. The runtime
 * hands a session's kernel the same tensors (views on its arena) on every run, so after the first call each buffer
 * is found by the tensor's identity (a tensor's type and memory never change) and a call allocates nothing. A heap
 * tensor (never one of the runtime's arenas) goes through a direct staging buffer, allocated once and copied on
 * every call. One caller at a time: a kernel that allows concurrent calls {@link #claim()}s the buffers and gives a
 * caller that finds them taken a set of its own.
 *
 * <p>Each buffer's native address (at its position) is resolved when the buffer is put in place, not per call, so
 * the native run functions take plain numbers: a JNI call with object arguments costs a local reference per
 * argument and a field read per address and position in C++, which on a model of a few microseconds is a
 * measurable share. The kept buffers stay referenced here, so their memory outlives every call that uses the
 * addresses.
 *
 * <p>native-npu and native-fp32 each carry this same class on purpose: each sample is one vendor's stand-alone
 * plugin jar, and a plugin's class loader shares nothing with other plugins but the SPI, so code two plugins have
 * in common ships inside each (a vendor with several plugins would shade one helper library into each jar).
 */
final class BoundaryBuffers {

    /** The buffers of the current call, in C++'s order. */
    final ByteBuffer[] inputs;

    final ByteBuffer[] outputs;
    /** The native addresses of {@link #inputs} and {@link #outputs}, at their positions. */
    final long[] inputAddresses;

    final long[] outputAddresses;
    private final ToLongFunction<ByteBuffer> address;
    private final List<TensorType> inputTypes;
    private final List<TensorType> outputTypes;
    /** Per position, the tensor whose (direct) buffer is in place; null when it must be looked at again. */
    private final Tensor[] inputTensors;

    private final Tensor[] outputTensors;
    private final ByteBuffer[] inputStaging;
    private final ByteBuffer[] outputStaging;
    private final long[] inputStagingAddresses;
    private final long[] outputStagingAddresses;
    /** Per output, the caller's non-direct (or read-only) buffer the staging buffer is copied to after the call. */
    private final ByteBuffer[] copyTargets;

    /** The scratch buffer of the last call, its position then, and its address there. */
    private ByteBuffer scratch;

    private int scratchPosition;
    private long scratchAddress;

    private final String inputLabel;
    private final String writer;
    private final AtomicBoolean busy = new AtomicBoolean();

    /**
     * @param inputTypes the prepared input types, checked whenever a tensor is new, so C++ never reads past a buffer
     * @param outputTypes the output types
     * @param inputLabel how messages name an input ("input", "boundary input")
     * @param writer how messages name the kernel ("kernel", "the partition")
     * @param address the native address of a direct buffer at its position, or null for a kernel that hands C++
     *     the buffers themselves (the addresses then stay 0)
     */
    BoundaryBuffers(
            List<TensorType> inputTypes,
            List<TensorType> outputTypes,
            String inputLabel,
            String writer,
            ToLongFunction<ByteBuffer> address) {
        this.address = address == null ? b -> 0 : address;
        this.inputTypes = inputTypes;
        this.outputTypes = outputTypes;
        this.inputs = new ByteBuffer[inputTypes.size()];
        this.outputs = new ByteBuffer[outputTypes.size()];
        this.inputAddresses = new long[inputs.length];
        this.outputAddresses = new long[outputs.length];
        this.inputTensors = new Tensor[inputs.length];
        this.outputTensors = new Tensor[outputs.length];
        this.inputStaging = new ByteBuffer[inputs.length];
        this.outputStaging = new ByteBuffer[outputs.length];
        this.inputStagingAddresses = new long[inputs.length];
        this.outputStagingAddresses = new long[outputs.length];
        this.copyTargets = new ByteBuffer[outputs.length];
        this.inputLabel = inputLabel;
        this.writer = writer;
    }

    /** @return a fresh set for the same kernel, for a concurrent caller */
    BoundaryBuffers another() {
        return new BoundaryBuffers(inputTypes, outputTypes, inputLabel, writer, address);
    }

    /** @return whether this caller got the buffers; then it calls {@link #release()} when done */
    boolean claim() {
        return busy.compareAndSet(false, true);
    }

    void release() {
        // a release store is all a lock's release needs; a volatile store would add a full fence per call
        busy.setRelease(false);
    }

    /**
     * Puts input {@code i}'s buffer in {@link #inputs}.
     *
     * @throws IllegalArgumentException if the tensor is not of the prepared type
     */
    void input(int i, Tensor t) {
        if (t == inputTensors[i]) {
            return;
        }
        TensorType expected = inputTypes.get(i);
        if (!t.type().shape().equals(expected.shape()) || t.dataType() != expected.dataType()) {
            throw new IllegalArgumentException(
                    inputLabel + " " + i + " is " + t.type() + ", " + writer + " was prepared for " + expected);
        }
        ByteBuffer b = t.bytes();
        if (b.remaining() < expected.byteSize()) {
            throw new IllegalArgumentException(inputLabel + " " + i + " holds " + b.remaining() + " bytes, " + expected
                    + " needs " + expected.byteSize());
        }
        if (b.isDirect()) {
            inputs[i] = b;
            inputAddresses[i] = address.applyAsLong(b);
            inputTensors[i] = t;
            return;
        }
        inputTensors[i] = null; // its contents change from call to call: copied every time
        ByteBuffer s = staging(inputStaging, inputStagingAddresses, i, b.remaining());
        s.put(b).flip();
        inputs[i] = s;
        inputAddresses[i] = inputStagingAddresses[i];
    }

    /**
     * Puts output {@code k}'s buffer in {@link #outputs}: the caller's own when it is direct and writable, else a
     * staging buffer {@link #copyBack()} copies from.
     *
     * @throws IllegalArgumentException if the tensor is too small
     */
    void output(int k, Tensor t) {
        if (t == outputTensors[k]) {
            return;
        }
        ByteBuffer target = t.bytes();
        int bytes = outputTypes.get(k).byteSize();
        if (target.remaining() < bytes) {
            throw new IllegalArgumentException(
                    "output " + k + " holds " + target.remaining() + " bytes, " + writer + " writes " + bytes);
        }
        if (target.isDirect() && !target.isReadOnly()) {
            outputs[k] = target;
            outputAddresses[k] = address.applyAsLong(target);
            outputTensors[k] = t;
            copyTargets[k] = null;
            return;
        }
        outputTensors[k] = null;
        copyTargets[k] = target;
        outputs[k] = staging(outputStaging, outputStagingAddresses, k, bytes);
        outputAddresses[k] = outputStagingAddresses[k];
    }

    /**
     * @param s the call's scratch buffer (direct), or null
     * @return its address at its position (0 for null), resolved again only when the buffer or position changed
     */
    long scratchAddress(ByteBuffer s) {
        if (s == null) {
            return 0;
        }
        if (s != scratch || s.position() != scratchPosition) {
            scratchAddress = address.applyAsLong(s);
            scratchPosition = s.position();
            scratch = s;
        }
        return scratchAddress;
    }

    /** Copies staged outputs to the caller's buffers. */
    void copyBack() {
        for (int k = 0; k < copyTargets.length; k++) {
            if (copyTargets[k] != null) {
                copyTargets[k].duplicate().put(outputs[k].duplicate().clear());
            }
        }
    }

    /** @return the kept staging buffer {@code i} of that size, cleared; its address (position 0) in addresses[i] */
    private ByteBuffer staging(ByteBuffer[] kept, long[] addresses, int i, int bytes) {
        ByteBuffer s = kept[i];
        if (s == null || s.capacity() != bytes) {
            s = ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN);
            kept[i] = s;
            addresses[i] = address.applyAsLong(s);
        }
        s.clear();
        return s;
    }
}
