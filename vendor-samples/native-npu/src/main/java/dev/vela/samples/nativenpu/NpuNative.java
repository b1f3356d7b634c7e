package dev.vela.samples.nativenpu;

import java.nio.ByteBuffer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.annotation.Platform;
import org.bytedeco.javacpp.annotation.Raw;

/**
 * The JNI binding of the C++ kernels in {@code src/main/cpp} (entry headers {@code npu_kernels.h} and, for the
 * delegate's partition plans, {@code npu_graph.h}).
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
@Platform(
        include = {"npu_kernels.h", "npu_graph.h"},
        compiler = "cpp17")
public final class NpuNative {

    static {
        Loader.load();
    }

    private NpuNative() {}

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
     * @param geom 16 ints (geometry, activation range, code path), see npu_kernels.h
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
     * @param rank the input's rank (at most 6)
     * @param dims the input's dimensions
     * @param reduced per dimension 1 if it is averaged, else 0
     * @param zpInTimesCount the input zero point times the reduced count (int32 wrap-around)
     * @param multiplier the output multiplier folded with 1/count
     * @param shift its shift (positive: left), within [-31, 31]
     * @param zpOut the output zero point
     * @return the plan handle, 0 on bad arguments or no memory
     */
    public static native long npu_mean_create(
            int rank, int[] dims, int[] reduced, int zpInTimesCount, int multiplier, int shift, int zpOut);

    /**
     * @param plan a mean plan
     * @param x input, direct
     * @param y output, direct
     * @param scratch at least {@link #npu_plan_scratch(long)} bytes, direct (the int32 sums)
     */
    @Raw(withEnv = true)
    public static native void npu_mean_run(long plan, @Raw ByteBuffer x, @Raw ByteBuffer y, @Raw ByteBuffer scratch);

    /**
     * @param rank the rank (at most 6)
     * @param outDims the output's dimensions
     * @param inStride per output dimension the input stride, in elements, of the axis it comes from
     * @return the plan handle, 0 on bad arguments or no memory
     */
    public static native long npu_transpose_create(int rank, int[] outDims, long[] inStride);

    /**
     * @param plan a transpose plan
     * @param x input, direct
     * @param y output, direct
     */
    @Raw(withEnv = true)
    public static native void npu_transpose_run(long plan, @Raw ByteBuffer x, @Raw ByteBuffer y);

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
     * Compiles a delegate partition into one native plan over borrowed per-node plans (see npu_graph.h).
     *
     * @param plans one per-node plan per step, in execution order (freed by their owners after the graph)
     * @param fused per step the residual Add plan fused into the step's conv, or 0
     * @param expands per step 0, or the expansion plan of an inverted-residual block whose projection is the step's
     *     conv (input 0 is then the expansion's input)
     * @param depthwises per step 0, or that block's depthwise plan
     * @param stepCount number of steps
     * @param steps five ints per step: slot of input 0, slot of input 1 or -1 (a fused step: the Add's other
     *     input), output slot, planted bump 0/1, fusion (0 none, 1 the conv's output is the Add's input A, 2 B)
     * @param slotCount number of slots
     * @param slotKinds per slot: 0 boundary input, 1 boundary output, 2 arena range, 3 constant
     * @param slotArgs per slot: the boundary index or the arena byte offset (64-byte aligned)
     * @param inputs boundary inputs
     * @param outputs boundary outputs
     * @param arenaBytes bytes of the intermediates' arena, a multiple of 64
     * @return the graph handle, 0 if an argument is inconsistent or native memory ran out
     */
    public static native long npu_graph_create(
            long[] plans,
            long[] fused,
            long[] expands,
            long[] depthwises,
            int stepCount,
            int[] steps,
            int slotCount,
            int[] slotKinds,
            long[] slotArgs,
            int inputs,
            int outputs,
            long arenaBytes);

    /**
     * @param graph a graph plan
     * @param slot a constant slot
     * @param data the constant's bytes, copied
     * @param bytes how many
     * @return 1, or 0 if the slot is no constant slot or native memory ran out
     */
    public static native int npu_graph_set_constant(long graph, int slot, byte[] data, int bytes);

    /**
     * Runs a whole partition: one JNI crossing, with primitive arguments only (the buffers' addresses were
     * resolved once with {@link #npu_buffer_address}), so the call reads no Java object.
     *
     * @param graph a graph plan
     * @param addresses the address of {@code inputs + outputs + 1} native 64-bit values: the boundary inputs' and
     *     outputs' addresses, then the scratch's (at least {@link #npu_plan_scratch(long)} bytes: the arena, then the
     *     steps' scratch)
     * @return -1, or the index of the step in which a worker thread failed (that run's outputs are incomplete; {@link
     *     #npu_graph_worker_error(long)} says how)
     */
    public static native int npu_graph_run(long graph, long addresses);

    /**
     * @param graph a graph plan
     * @return the message of the last worker failure {@link #npu_graph_run(long, long)} reported, or ""
     */
    public static native String npu_graph_worker_error(long graph);

    /**
     * Resolved once per buffer, so JavaCPP's own buffer glue (address plus position) is fine here.
     *
     * @param buffer a direct buffer
     * @return the address of its byte at its position, valid while the buffer is reachable
     */
    public static native long npu_buffer_address(ByteBuffer buffer);

    /**
     * Lets a graph split its large steps between the caller and worker threads (npu_threads.h): starts, replaces or
     * (for 1, or when no step is large enough to split) stops the graph's worker pool. Its workers are parked between
     * runs and joined when the graph is freed.
     *
     * @param graph a graph plan
     * @param threads threads the graph may use, the caller included (capped at the processor count)
     * @return a positive number, or 0 if a worker could not be started (the graph then runs on the caller)
     */
    public static native int npu_graph_set_threads(long graph, int threads);

    /**
     * Test hook: the next chunk of work a worker of the graph takes fails, as a failing worker would.
     *
     * @param graph a graph plan
     * @return 1, or 0 if the graph has no worker threads
     */
    public static native int npu_graph_fail_worker_for_test(long graph);

    /**
     * Test hook: the graph splits every conv of at least {@code macs} multiply-adds and every Add of at least {@code
     * elements} elements between its threads (0, 0: every step with more than one unit of work), on every run (no
     * measuring whether splitting pays).
     *
     * @param graph a graph plan
     * @param macs the smallest conv split
     * @param elements the smallest Add split
     */
    public static native void npu_graph_set_split_threshold_for_test(long graph, long macs, long elements);

    /**
     * @param graph a graph plan
     * @return how many times its runs with worker threads measured splitting against running whole and chose
     */
    public static native long npu_graph_split_decisions(long graph);

    /** @return native worker threads alive in this process, over all graphs */
    public static native int npu_live_workers();

    /**
     * Folds a spatial constant Pad into the conv plan that reads it (the conv then reads the Pad's input).
     *
     * @param conv a conv plan prepared for the padded input, owned by the caller's delegate alone
     * @param inH the Pad's input height
     * @param inW the Pad's input width
     * @param top rows padded above
     * @param left columns padded on the left
     * @param bottom rows padded below
     * @param right columns padded on the right
     * @param value the fill byte
     * @return 1 if folded; 0 if illegal (the fill is not the conv's input zero point, or sizes disagree)
     */
    public static native int npu_conv_fold_pad(
            long conv, int inH, int inW, int top, int left, int bottom, int right, int value);

    /**
     * Folds an NCHW to NHWC Transpose of a 1x3xHxW int8 image into the direct conv plan that alone reads its output
     * (the conv then reads the Transpose's input, interleaving the three planes in its padded row copy).
     *
     * @param conv a conv plan prepared for the NHWC image, owned by the caller's delegate alone
     * @param h the image height
     * @param w the image width
     * @return 1 if folded; 0 if the conv does not run direct over one 3-channel h x w image (the Transpose then
     *     stays a step)
     */
    public static native int npu_conv_fold_nchw_transpose(long conv, int h, int w);

    /**
     * @param conv a conv plan
     * @param add an add plan
     * @return 1 if the pair can run fused (a GEMM conv, an Add of two tensors of the conv's output size), else 0
     */
    public static native int npu_can_fuse_conv_add(long conv, long add);

    /**
     * @param expand a conv plan (the block's 1x1 expansion)
     * @param depthwise a conv plan (its depthwise, any Pad already folded)
     * @param project a conv plan (its 1x1 projection)
     * @return 1 if the three can run as one inverted-residual block, band by band (npu_block.h), else 0
     */
    public static native int npu_can_fuse_block(long expand, long depthwise, long project);

    /**
     * Test hook: the graph's block steps run bands of the given height (clamped to 1 and the height their scratch was
     * sized for).
     *
     * @param graph a graph plan
     * @param rows depthwise output rows per band
     * @return the number of block steps
     */
    public static native int npu_graph_set_band_rows_for_test(long graph, int rows);

    /** @return native entries into the run functions (per-node and graph) since the library loaded */
    public static native long npu_jni_run_calls();

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
