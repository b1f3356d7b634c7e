package dev.vela.runtime.quantize;

import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.OpId;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.FusedActivation;
import dev.vela.spi.semantics.SpatialWindow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites a calibrated float graph into the TFLite int8 form the quantized reference kernels (and int8 plugins)
 * run: Conv (incl. depthwise), Gemm and MatMul with symmetric per-channel int8 weights and int32 bias, Add, Sub
 * and Mul, AveragePool/MaxPool and Reshape (which keep their input's parameters), Softmax and Sigmoid (fixed output
 * 1/256, -128), Tanh (1/128, 0), Relu/Clip (requantizing), with a Relu/Clip that follows a Conv, Gemm or Add fused
 * into {@code activation}/{@code activation_params}. Activations are asymmetric int8 from
 * the calibrated ranges. Every other operator stays float: QuantizeLinear / DequantizeLinear are inserted where a
 * value crosses between the two, and at the graph's inputs and outputs, so the model keeps float I/O.
 *
 * <p>Naming: a float value keeps its name; its int8 version is {@code <name>_int8}. A graph output produced in int8
 * is dequantized back under its own name.
 */
public final class StaticQuantizer {

    private static final String INT8 = "_int8";
    private static final int DOMAIN_OPSET = 13;

    private final Graph graph;
    private final Map<String, double[]> ranges;
    private final Map<String, Integer> consumers = new HashMap<>();
    private final Set<String> graphOutputs = new HashSet<>();
    private final Map<String, GraphNode> singleConsumer = new HashMap<>();

    private final List<GraphNode> nodes = new ArrayList<>();
    private final Map<String, Tensor> initializers = new LinkedHashMap<>();
    private final Map<String, ValueSpec> valueInfo = new LinkedHashMap<>();
    private final Set<String> floatAvailable = new HashSet<>();
    private final Map<String, Quantization> int8Available = new HashMap<>();
    private final Set<String> fusedAway = new HashSet<>();
    private final List<String> keptFloat = new ArrayList<>();

    private StaticQuantizer(Graph graph, Map<String, double[]> ranges) {
        this.graph = graph;
        this.ranges = ranges;
    }

    /**
     * @param graph the float graph, with declared value types (run {@code infer-shapes} first)
     * @param ranges the calibrated range per float value
     * @return the quantized graph and the operators kept float
     */
    public static Result quantize(Graph graph, Map<String, double[]> ranges) {
        return new StaticQuantizer(graph, ranges).run();
    }

    /**
     * @param graph the rewritten graph
     * @param keptFloat descriptions of the nodes that stay float (no quantized kernel or an unsupported form)
     */
    public record Result(Graph graph, List<String> keptFloat) {}

    private Result run() {
        for (GraphNode n : graph.nodes()) {
            for (String in : n.inputs()) {
                consumers.merge(in, 1, Integer::sum);
                singleConsumer.put(in, n);
            }
        }
        for (ValueSpec out : graph.outputs()) {
            graphOutputs.add(out.name());
        }
        initializers.putAll(graph.initializers());
        floatAvailable.addAll(graph.initializers().keySet());
        for (ValueSpec in : graph.inputs()) {
            floatAvailable.add(in.name());
        }
        valueInfo.putAll(graph.valueInfo());
        for (GraphNode n : graph.nodes()) {
            if (fusedAway.contains(n.name())) {
                continue;
            }
            if (!quantizeNode(n)) {
                keepFloat(n);
            }
        }
        List<ValueSpec> outputs = new ArrayList<>();
        for (ValueSpec out : graph.outputs()) {
            real(out.name());
            outputs.add(out);
        }
        Graph g = new Graph(graph.name(), graph.inputs(), outputs, initializers, valueInfo, nodes);
        return new Result(g, List.copyOf(keptFloat));
    }

    private boolean quantizeNode(GraphNode n) {
        if (!n.op().domain().isEmpty()
                || n.outputs().size() != 1
                || !isFloat(n.inputs().get(0))) {
            return false;
        }
        return switch (n.op().name()) {
            case "Conv" -> weighted(n, n.inputs().size() >= 2 ? n.inputs().get(1) : "", 4, 0);
            case "Gemm" ->
                n.attributes().getLong("transA", 0) == 0
                        && n.attributes().getFloat("alpha", 1f) == 1f
                        && n.attributes().getFloat("beta", 1f) == 1f
                        && weighted(n, n.inputs().get(1), 2, n.attributes().getLong("transB", 0) == 1 ? 0 : 1);
            case "MatMul" -> n.inputs().size() == 2 && weighted(n, n.inputs().get(1), 2, 1);
            case "Add", "Sub", "Mul" -> add(n);
            case "Relu", "Clip" -> clamp(n);
            case "Sigmoid" -> fixedOutput(n, Quantization.perTensor(1f / 256f, -128));
            case "Tanh" -> fixedOutput(n, Quantization.perTensor(1f / 128f, 0));
            case "AveragePool", "MaxPool" ->
                n.attributes().getLong(SpatialWindow.CEIL_MODE, 0) == 0
                        && n.attributes().getLong("count_include_pad", 0) == 0
                        && sameParameters(n);
            case "Reshape" -> sameParameters(n);
            case "Softmax" -> softmax(n);
            default -> false;
        };
    }

    /**
     * Conv, Gemm or MatMul with constant float weights (and bias), a following Relu/Clip fused. The weights are
     * quantized per output channel: axis 0 for Conv and Gemm transB=1 ([out, in]), axis 1 for MatMul and Gemm
     * transB=0 ([in, out]).
     */
    private boolean weighted(GraphNode n, String weightName, int weightRank, int channelAxis) {
        Tensor w = graph.initializers().get(weightName);
        if (w == null || w.dataType() != DataType.FLOAT32 || w.shape().rank() != weightRank) {
            return false;
        }
        String biasName = n.inputs().size() > 2 ? n.inputs().get(2) : "";
        Tensor b = biasName.isEmpty() ? null : graph.initializers().get(biasName);
        if (!biasName.isEmpty() && (b == null || b.elementCount() != w.shape().dim(channelAxis))) {
            return false;
        }
        Fusion f = fusion(n);
        if (!hasRange(n.inputs().get(0)) || !hasRange(f.output())) {
            return false;
        }
        String x = int8(n.inputs().get(0));
        Quantization xq = int8Available.get(n.inputs().get(0));
        Tensor wq = QuantizationMath.symmetricPerChannel(w, channelAxis);
        String wName = constant(weightName + (channelAxis == 0 ? INT8 : "_int8_axis" + channelAxis), wq);
        List<String> inputs = new ArrayList<>(List.of(x, wName));
        if (b != null) {
            float[] ws = wq.type().quantization().orElseThrow().scales();
            inputs.add(constant(biasName + "_int32_" + n.name(), QuantizationMath.bias(b, xq.scale(), ws)));
        }
        Attributes.Builder attrs = Attributes.builder().putAll(n.attributes());
        f.apply(attrs);
        emit(n, attrs.build(), inputs, f.output(), fromRange(f.output()));
        return true;
    }

    private boolean add(GraphNode n) {
        if (n.inputs().size() != 2 || !isFloat(n.inputs().get(1))) {
            return false;
        }
        Fusion f = fusion(n);
        if (!hasRange(n.inputs().get(0)) || !hasRange(n.inputs().get(1)) || !hasRange(f.output())) {
            return false;
        }
        List<String> inputs = List.of(int8(n.inputs().get(0)), int8(n.inputs().get(1)));
        Attributes.Builder attrs = Attributes.builder().putAll(n.attributes());
        f.apply(attrs);
        emit(n, attrs.build(), inputs, f.output(), fromRange(f.output()));
        return true;
    }

    /** Pools and Reshape: the output keeps the input's parameters (TFLite requires it). */
    private boolean sameParameters(GraphNode n) {
        String x = n.inputs().get(0);
        if (!hasRange(x) || graph.initializers().containsKey(x)) {
            return false;
        }
        List<String> inputs = new ArrayList<>(n.inputs());
        inputs.set(0, int8(x));
        emit(n, n.attributes(), inputs, n.outputs().get(0), int8Available.get(x));
        return true;
    }

    /** A Relu or Clip (constant float bounds) not fused into its producer: requantizes to its calibrated range. */
    private boolean clamp(GraphNode n) {
        String x = n.inputs().get(0);
        for (int i = 1; i < n.inputs().size(); i++) {
            String bound = n.inputs().get(i);
            if (!bound.isEmpty() && !isFloatConstant(bound)) {
                return false;
            }
        }
        if (!hasRange(x)
                || !hasRange(n.outputs().get(0))
                || graph.initializers().containsKey(x)) {
            return false;
        }
        List<String> inputs = new ArrayList<>(n.inputs());
        inputs.set(0, int8(x));
        emit(
                n,
                n.attributes(),
                inputs,
                n.outputs().get(0),
                fromRange(n.outputs().get(0)));
        return true;
    }

    /** Sigmoid and Tanh: TFLite's fixed output parameters (their output range is known). */
    private boolean fixedOutput(GraphNode n, Quantization q) {
        String x = n.inputs().get(0);
        if (!hasRange(x) || graph.initializers().containsKey(x)) {
            return false;
        }
        emit(n, n.attributes(), List.of(int8(x)), n.outputs().get(0), q);
        return true;
    }

    private boolean softmax(GraphNode n) {
        String x = n.inputs().get(0);
        ValueSpec spec = valueInfo.get(x);
        long axis = n.attributes().getLong("axis", -1);
        boolean last = axis == -1 || spec != null && spec.hasShape() && axis == spec.rank() - 1;
        if (!last || !hasRange(x)) {
            return false;
        }
        emit(n, n.attributes(), List.of(int8(x)), n.outputs().get(0), Quantization.perTensor(1f / 256f, -128));
        return true;
    }

    /** A Relu or Clip (constant bounds) that is the only consumer of the node's output, fused into it. */
    private record Fusion(String output, FusedActivation activation) {
        void apply(Attributes.Builder attrs) {
            activation.writeTo(attrs);
        }
    }

    private Fusion fusion(GraphNode n) {
        String y = n.outputs().get(0);
        GraphNode next = singleConsumer.get(y);
        if (graphOutputs.contains(y)
                || consumers.getOrDefault(y, 0) != 1
                || next == null
                || !next.op().domain().isEmpty()
                || next.outputs().size() != 1) {
            return new Fusion(y, FusedActivation.NONE);
        }
        if (next.op().name().equals("Relu")) {
            fusedAway.add(next.name());
            return new Fusion(next.outputs().get(0), FusedActivation.RELU);
        }
        if (next.op().name().equals("Clip") && next.inputs().size() == 3) {
            Tensor lo = graph.initializers().get(next.inputs().get(1));
            Tensor hi = graph.initializers().get(next.inputs().get(2));
            if (lo != null
                    && hi != null
                    && lo.elementCount() == 1
                    && hi.elementCount() == 1
                    && lo.getDouble(0) <= hi.getDouble(0)) {
                fusedAway.add(next.name());
                return new Fusion(
                        next.outputs().get(0), FusedActivation.clip((float) lo.getDouble(0), (float) hi.getDouble(0)));
            }
        }
        return new Fusion(y, FusedActivation.NONE);
    }

    private void emit(GraphNode n, Attributes attrs, List<String> inputs, String output, Quantization q) {
        String name = output + INT8;
        ValueSpec spec = int8Spec(output, q);
        valueInfo.put(name, spec);
        int8Available.put(output, q);
        nodes.add(new GraphNode(n.name(), n.op(), n.opsetVersion(), attrs, inputs, List.of(name), List.of(spec)));
    }

    private void keepFloat(GraphNode n) {
        List<String> inputs = new ArrayList<>();
        for (String in : n.inputs()) {
            inputs.add(in.isEmpty() ? in : real(in));
        }
        nodes.add(new GraphNode(
                n.name(), n.op(), n.opsetVersion(), n.attributes(), inputs, n.outputs(), n.declaredOutputs()));
        floatAvailable.addAll(n.outputs());
        keptFloat.add(n.describe());
    }

    /**
     * The int8 version of a float value, quantizing it where it is first needed: a constant once, now, with its own
     * range; a runtime value by a QuantizeLinear node with its calibrated range.
     */
    private String int8(String value) {
        if (!int8Available.containsKey(value) && isFloatConstant(value)) {
            Tensor c = graph.initializers().get(value);
            ValueRange r = new ValueRange();
            r.observe(c);
            Quantization q =
                    r.hasRange() ? QuantizationMath.asymmetric(r.min(), r.max()) : QuantizationMath.asymmetric(0, 0);
            Tensor t = Tensor.allocate(TensorType.quantized(DataType.INT8, c.shape(), q));
            for (int i = 0; i < c.elementCount(); i++) {
                t.setLong(
                        i,
                        QuantizationMath.quantize(
                                c.getDouble(i),
                                q.scale(),
                                q.zeroPoint(),
                                QuantizationMath.QMIN,
                                QuantizationMath.QMAX));
            }
            constant(value + INT8, t);
            int8Available.put(value, q);
        } else if (!int8Available.containsKey(value)) {
            Quantization q = fromRange(value);
            ValueSpec spec = int8Spec(value, q);
            String name = value + INT8;
            valueInfo.put(name, spec);
            nodes.add(new GraphNode(
                    value + "/quantize",
                    OpId.of("QuantizeLinear"),
                    DOMAIN_OPSET,
                    Attributes.empty(),
                    List.of(real(value)),
                    List.of(name),
                    List.of(spec)));
            int8Available.put(value, q);
        }
        return value + INT8;
    }

    /** The float version of a value, dequantizing its int8 version where a float consumer first needs it. */
    private String real(String value) {
        if (!floatAvailable.contains(value)) {
            Quantization q = int8Available.get(value);
            if (q == null) {
                throw new IllegalStateException("value '" + value + "' is neither float nor int8");
            }
            String scale = constant(value + "/dequantize_scale", Tensor.ofFloats(Shape.scalar(), q.scale()));
            Tensor zp = Tensor.allocate(TensorType.of(DataType.INT8, Shape.scalar()));
            zp.setLong(0, q.zeroPoint());
            String zero = constant(value + "/dequantize_zero_point", zp);
            nodes.add(new GraphNode(
                    value + "/dequantize",
                    OpId.of("DequantizeLinear"),
                    DOMAIN_OPSET,
                    Attributes.empty(),
                    List.of(value + INT8, scale, zero),
                    List.of(value)));
            floatAvailable.add(value);
        }
        return value;
    }

    private String constant(String name, Tensor t) {
        initializers.putIfAbsent(name, t);
        return name;
    }

    private ValueSpec int8Spec(String value, Quantization q) {
        ValueSpec original = valueInfo.get(value);
        if (original == null) {
            for (ValueSpec v : graph.inputs()) {
                if (v.name().equals(value)) {
                    original = v;
                }
            }
            for (ValueSpec v : graph.outputs()) {
                if (v.name().equals(value)) {
                    original = v;
                }
            }
        }
        long[] dims = original != null && original.hasShape() ? original.dims() : null;
        return new ValueSpec(value + INT8, DataType.INT8, dims, null, q);
    }

    private Quantization fromRange(String value) {
        double[] r = ranges.get(value);
        return QuantizationMath.asymmetric(r[0], r[1]);
    }

    private boolean hasRange(String value) {
        return int8Available.containsKey(value) || ranges.containsKey(value) || isFloatConstant(value);
    }

    /** Float values are those calibration saw (it records float values only) and float constants. */
    private boolean isFloat(String value) {
        return int8Available.containsKey(value) || ranges.containsKey(value) || isFloatConstant(value);
    }

    private boolean isFloatConstant(String value) {
        Tensor c = graph.initializers().get(value);
        return c != null && c.dataType() == DataType.FLOAT32;
    }
}
