package dev.vela.samples.nativenpu;

import java.nio.ByteBuffer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.annotation.Platform;
import org.bytedeco.javacpp.annotation.Raw;

/**
 * The JNI binding of the C++ kernels in {@code src/main/cpp} (entry header {@code npu_kernels.h}).
 * The JavaCPP Maven plugin reads this class at {@code process-classes}, generates the JNI glue and
 * compiles it with the header into {@code libjniNpuNative.so} next to this class; {@link
 * Loader#load()} extracts and loads it on first use.
 *
 * <p>Plans are opaque native handles ({@code long}) made by the {@code *_create} functions and
 * released with {@link #npu_plan_free(long)}. Buffers passed to the {@code *_run} functions must
 * be direct (the caller checks): they reach C++ as raw JNI references ({@link Raw}) and C++ reads
 * their address and position fields itself, without copying. JavaCPP's own buffer glue calls
 * {@code GetDirectBufferAddress}, whose instanceof check costs more than a small kernel.
 *
 * @since 0.1
 */
@Platform(include = "npu_kernels.h", compiler = "cpp17")
public final class NpuNative {

    static {
        Loader.load();
    }

    private NpuNative() {
    }

    /** Forces the class (and so the native library) to load. */
    static void ensureLoaded() {
        // the static initialiser did the work
    }

    /** @return the best instruction set this CPU runs: 0 portable, 1 AVX2, 2 AVX-512 VNNI */
    public static native int npu_best_isa();

    /**
     * @param requested an instruction set code
     * @return the code clamped to [portable, best]
     */
    public static native int npu_clamp_isa(int requested);

    /**
     * @param isa requested instruction set code (clamped to what the CPU runs)
     * @param geom 20 geometry and quantization ints, see npu_kernels.h
     * @param weights OHWI int8 weights
     * @param bias int32 bias per output channel, or null
     * @param mult quantized multiplier per output channel
     * @param shift multiplier shift per output channel
     * @return the plan handle, 0 if native memory ran out
     */
    public static native long npu_conv_create(int isa, int[] geom, byte[] weights, int[] bias, int[] mult, int[] shift);

    /**
     * @param plan a conv plan
     * @param x input, direct
     * @param y output, direct
     * @param scratch at least {@link #npu_plan_scratch(long)} bytes, direct (may be null when 0)
     */
    @Raw(withEnv = true)
    public static native void npu_conv_run(long plan, @Raw ByteBuffer x, @Raw ByteBuffer y, @Raw ByteBuffer scratch);

    /**
     * @param isa requested instruction set code (clamped to what the CPU runs)
     * @param dims six output dimensions
     * @param strideA six element strides of input A (0 where it broadcasts)
     * @param strideB six element strides of input B
     * @param params 12 offsets, multipliers and bounds, see npu_kernels.h
     * @return the plan handle
     */
    public static native long npu_add_create(int isa, int[] dims, int[] strideA, int[] strideB, int[] params);

    /**
     * @param plan an add plan
     * @param a input A, direct
     * @param b input B, direct
     * @param y output, direct
     */
    @Raw(withEnv = true)
    public static native void npu_add_run(long plan, @Raw ByteBuffer a, @Raw ByteBuffer b, @Raw ByteBuffer y);

    /**
     * @param geom 15 geometry ints, see npu_kernels.h
     * @return the plan handle
     */
    public static native long npu_pool_create(int[] geom);

    /**
     * @param plan a pool plan
     * @param x input, direct
     * @param y output, direct
     */
    @Raw(withEnv = true)
    public static native void npu_pool_run(long plan, @Raw ByteBuffer x, @Raw ByteBuffer y);

    /**
     * @param in six input dimensions (right-aligned, 1 in front)
     * @param out six output dimensions
     * @param begin six leading pads (negative: cropped)
     * @param value the fill byte
     * @return the plan handle
     */
    public static native long npu_pad_create(int[] in, int[] out, int[] begin, int value);

    /**
     * @param plan a pad plan
     * @param x input, direct
     * @param y output, direct
     */
    @Raw(withEnv = true)
    public static native void npu_pad_run(long plan, @Raw ByteBuffer x, @Raw ByteBuffer y);

    /**
     * @param rows rows of the softmax
     * @param depth length of the last axis
     * @param betaMult quantized input multiplier
     * @param betaLeftShift its left shift
     * @param diffMin smallest difference from the row maximum that still counts
     * @return the plan handle
     */
    public static native long npu_softmax_create(int rows, int depth, int betaMult, int betaLeftShift, int diffMin);

    /**
     * @param plan a softmax plan
     * @param x input, direct
     * @param y output, direct
     */
    @Raw(withEnv = true)
    public static native void npu_softmax_run(long plan, @Raw ByteBuffer x, @Raw ByteBuffer y);

    /**
     * @param plan any plan
     * @return the instruction set code a conv or add plan runs on (0 for the other plans)
     */
    public static native int npu_plan_isa(long plan);

    /**
     * @param plan any plan
     * @return scratch bytes one run needs
     */
    public static native long npu_plan_scratch(long plan);

    /** @param plan a plan, freed; the handle is invalid afterwards */
    public static native void npu_plan_free(long plan);
}
