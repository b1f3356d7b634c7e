package dev.vela.samples.nativefp32;

import java.nio.ByteBuffer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.annotation.Platform;

/**
 * The JNI binding of the C++ kernels in {@code src/main/cpp} (entry header {@code fp32_kernels.h}). The JavaCPP
 * Maven plugin reads this class at {@code process-classes}, generates the JNI glue and compiles it with the
 * headers into {@code libjniFp32Native.so} next to this class; {@link Loader#load()} extracts and loads it on
 * first use (also from a plugin jar held in memory, as the runtime loads certified plugins).
 *
 * <p>Plans are opaque native handles made by the {@code *_create} functions and released with
 * {@link #fp32_plan_free(long)}. The {@code *_run} functions take the addresses of direct little-endian float
 * buffers (the caller checks), resolved once per buffer with {@link #fp32_buffer_address}: a call with primitive
 * arguments only reads no Java object (no local references, no field reads), which matters on layers of a few
 * hundred nanoseconds.
 */
@Platform(include = "fp32_kernels.h", compiler = "cpp17")
final class Fp32Native {

    static {
        Loader.load();
    }

    private Fp32Native() {}

    /** Forces the class (and so the native library) to load. */
    static void ensureLoaded() {
        // the static initialiser did the work
    }

    /** @return the best code path this CPU runs: 0 portable, 1 AVX2, 2 AVX-512 */
    static native int fp32_best_isa();

    /**
     * @param requested a code path
     * @return the code clamped to [portable, best]
     */
    static native int fp32_clamp_isa(int requested);

    /**
     * @param isa requested code path (clamped to what the CPU runs)
     * @param geom 17 geometry ints, see fp32_kernels.h
     * @param weights OHWI weights for NHWC, OIHW for NCHW ([c][kh][kw][1] for depthwise)
     * @param bias one per output channel, or null
     * @param lo fused clamp's lower bound
     * @param hi fused clamp's upper bound
     * @return the plan handle, 0 if native memory ran out
     */
    static native long fp32_conv_create(int isa, int[] geom, float[] weights, float[] bias, float lo, float hi);

    /**
     * A hybrid (dynamic-range) convolution: int8 weights, float activations, group 1.
     *
     * @param isa requested code path (clamped to what the CPU runs)
     * @param geom 17 geometry ints, see fp32_kernels.h (depthwise 0)
     * @param weights OHWI (NHWC) or OIHW (NCHW) weights holding the int8 values
     * @param bias one per output channel, or null
     * @param scales the weight scales, one per output channel (all equal when per tensor)
     * @param perChannel 1 when the scales differ (TFLite's per-channel path with asymmetric image quantization)
     * @param lo fused clamp's lower bound
     * @param hi fused clamp's upper bound
     * @return the plan handle, 0 if native memory ran out
     */
    static native long fp32_conv_hybrid_create(
            int isa, int[] geom, float[] weights, float[] bias, float[] scales, int perChannel, float lo, float hi);

    /**
     * @param plan a conv plan
     * @param x the input's address ({@link #fp32_buffer_address})
     * @param y the output's address
     * @param scratch the address of at least {@link #fp32_plan_scratch(long)} bytes (0 when 0)
     * @param from first work unit (output pixel, or output row for depthwise)
     * @param to one past the last work unit
     */
    static native void fp32_conv_run(long plan, long x, long y, long scratch, long from, long to);

    /**
     * @param isa requested code path
     * @param k inner dimension
     * @param n output columns
     * @param b [k][n], or [n][k] when transB is 1
     * @param transB 1 when b is stored [n][k]
     * @param bias [n] or null
     * @param alpha scale of the product
     * @param beta scale of the bias
     * @param lo fused clamp's lower bound
     * @param hi fused clamp's upper bound
     * @return the plan handle, 0 if native memory ran out
     */
    static native long fp32_fc_create(
            int isa, int k, int n, float[] b, int transB, float[] bias, float alpha, float beta, float lo, float hi);

    /**
     * @param plan a fully connected plan
     * @param a the address of [rows][k]
     * @param y the address of [rows][n]
     * @param from first row
     * @param to one past the last row
     */
    static native void fp32_fc_run(long plan, long a, long y, long from, long to);

    /**
     * @param plans fully connected plans, each layer's inner dimension the previous layer's output columns; borrowed
     *     (they must outlive the chain)
     * @param count how many
     * @param rows rows of A of every layer
     * @return the chain plan, or 0 if the layers do not chain or native memory ran out
     */
    static native long fp32_chain_create(long[] plans, int count, int rows);

    /**
     * Runs every layer of a chain, the intermediates in the scratch.
     *
     * @param plan a chain plan
     * @param x the address of the first layer's A
     * @param y the address of the last layer's output
     * @param scratch the address of at least {@link #fp32_plan_scratch(long)} bytes
     */
    static native void fp32_chain_run(long plan, long x, long y, long scratch);

    /**
     * @param isa requested code path
     * @param geom 19 geometry ints, see fp32_kernels.h
     * @return the plan handle
     */
    static native long fp32_pool_create(int isa, int[] geom);

    /**
     * @param plan a pool plan
     * @param x the input's address
     * @param y the output's address
     */
    static native void fp32_pool_run(long plan, long x, long y);

    /**
     * @param isa requested code path
     * @param dims six output dimensions
     * @param strideA six element strides of A (0 where it broadcasts)
     * @param strideB six element strides of B
     * @param mul 1 for Mul, 0 for Add
     * @param lo fused clamp's lower bound
     * @param hi fused clamp's upper bound
     * @return the plan handle
     */
    static native long fp32_binary_create(
            int isa, int[] dims, int[] strideA, int[] strideB, int mul, float lo, float hi);

    /**
     * @param plan a binary plan
     * @param a input A's address
     * @param b input B's address
     * @param y the output's address
     */
    static native void fp32_binary_run(long plan, long a, long b, long y);

    /**
     * @param isa requested code path
     * @param count elements
     * @param lo lower bound
     * @param hi upper bound
     * @return the plan handle
     */
    static native long fp32_clamp_create(int isa, long count, float lo, float hi);

    /**
     * @param plan a clamp plan
     * @param x the input's address
     * @param y the output's address (may be x)
     */
    static native void fp32_clamp_run(long plan, long x, long y);

    /**
     * Resolved once per buffer, so JavaCPP's own buffer glue (address plus position) is fine here.
     *
     * @param buffer a direct buffer, or null
     * @return the address of its byte at its position (0 for null), valid while the buffer is reachable
     */
    static native long fp32_buffer_address(ByteBuffer buffer);

    /**
     * @param plan any plan
     * @return scratch bytes one invocation needs
     */
    static native long fp32_plan_scratch(long plan);

    /**
     * @param plan any plan
     * @return the code path it runs
     */
    static native int fp32_plan_isa(long plan);

    /** @param plan any plan, freed */
    static native void fp32_plan_free(long plan);
}
