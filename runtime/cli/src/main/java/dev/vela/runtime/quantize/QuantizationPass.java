package dev.vela.runtime.quantize;

import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.passes.DeadCodeElimination;
import dev.vela.runtime.passes.Pass;
import dev.vela.runtime.passes.ShapeInference;
import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.spi.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Post-training quantization as the last pass of a conversion: {@code quantize-int8} calibrates the float graph
 * on the samples and rewrites it with {@link StaticQuantizer}; {@code quantize-dynamic} stores int8 weights for
 * hybrid kernels with {@link DynamicQuantizer}; {@code quantize-int4} stores int4 weights with
 * {@link Int4WeightQuantizer}. Both drop what became dead (the float weights) afterwards. Shapes are inferred first
 * when the graph does not declare them, since the rewrite needs every value's type.
 */
public final class QuantizationPass implements Pass {

    /** Which quantization. */
    public enum Mode {
        /** Static int8: weights, activations and bias quantized, int8 compute. */
        INT8,
        /** Dynamic range: int8 weights, activations quantized on the fly (TFLite's hybrid kernels). */
        DYNAMIC,
        /** Weight-only int4: int4 weights (per channel or blockwise) dequantized in front of float compute. */
        INT4
    }

    private final Mode mode;
    private final List<Map<String, Tensor>> samples;
    private final CalibrationMethod method;
    private final double percentile;
    private final IntConsumer progress;
    private List<String> keptFloat = List.of();
    private List<String> customNodes = List.of();
    private boolean int8Io;
    private int blockSize;
    private Partitioner providers = Partitioner.of(KernelRegistry.reference());

    /**
     * @param mode static int8 or dynamic range
     * @param samples calibration inputs (unused for dynamic range)
     * @param method how calibrated ranges are chosen
     * @param percentile the share of values kept by the percentile method
     * @param progress told the number of calibration runs done after each one
     */
    public QuantizationPass(
            Mode mode,
            List<Map<String, Tensor>> samples,
            CalibrationMethod method,
            double percentile,
            IntConsumer progress) {
        this.mode = mode;
        this.samples = samples;
        this.method = method;
        this.percentile = percentile;
        this.progress = progress;
    }

    /**
     * @param enabled whether the static rewrite also makes the graph's inputs and outputs int8 ({@link Int8Io})
     * @return this pass
     */
    public QuantizationPass withInt8Io(boolean enabled) {
        this.int8Io = enabled;
        return this;
    }

    /**
     * @param size for {@link Mode#INT4}: 0 for one scale per output channel, else the block length along the
     *     reduction axis
     * @return this pass
     */
    public QuantizationPass withBlockSize(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("block size must be 0 (per channel) or positive, got " + size);
        }
        this.blockSize = size;
        return this;
    }

    /**
     * @param providers the providers calibration and shape inference run the graph on; a graph with custom operators
     *     needs the plugins that define them (default: the reference)
     * @return this pass
     */
    public QuantizationPass withProviders(Partitioner providers) {
        this.providers = providers;
        return this;
    }

    /**
     * @return after {@link #apply}, the custom-operator nodes (operators the reference does not define), which both
     *     modes leave as they are: their definitions say nothing the converter could quantize them by
     */
    public List<String> customNodes() {
        return customNodes;
    }

    @Override
    public String name() {
        return switch (mode) {
            case INT8 -> "quantize-int8";
            case DYNAMIC -> "quantize-dynamic";
            case INT4 -> "quantize-int4";
        };
    }

    /** @return the number of calibration runs this pass makes (0 for dynamic range and int4 weights) */
    public int calibrationRuns() {
        return mode != Mode.INT8 ? 0 : samples.size() * (method == CalibrationMethod.PERCENTILE ? 2 : 1);
    }

    /** @return after {@link #apply}, the nodes the static rewrite kept float */
    public List<String> keptFloat() {
        return keptFloat;
    }

    @Override
    public Graph apply(Graph graph) {
        customNodes = graph.nodes().stream()
                .filter(n -> !n.op().domain().isEmpty()
                        && KernelRegistry.reference().find(n.op()).isEmpty())
                .map(GraphNode::describe)
                .toList();
        Graph typed = new ShapeInference(providers).apply(graph);
        Graph rewritten;
        if (mode == Mode.DYNAMIC) {
            rewritten = DynamicQuantizer.quantize(typed);
        } else if (mode == Mode.INT4) {
            rewritten = Int4WeightQuantizer.quantize(typed, blockSize);
        } else {
            // a dynamic-range model's hybrid layers become float layers first, so their activations are quantized too
            Graph floats = HybridWeights.toFloat(typed);
            Map<String, double[]> ranges = Calibration.ranges(floats, samples, method, percentile, progress, providers);
            StaticQuantizer.Result r = StaticQuantizer.quantize(floats, ranges);
            keptFloat = r.keptFloat();
            rewritten = int8Io ? Int8Io.apply(r.graph()) : r.graph();
        }
        return new DeadCodeElimination().apply(rewritten);
    }
}
