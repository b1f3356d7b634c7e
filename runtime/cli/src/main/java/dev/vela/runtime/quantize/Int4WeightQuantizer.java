package dev.vela.runtime.quantize;

import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.OpId;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 4-bit weight-only quantization: the constant float weights of Conv, Gemm and MatMul become symmetric int4 constants
 * (packed two per byte, zero point 0, scale = max|w| / 7 per group, values rounded half away from zero and clamped to
 * [-8, 7]) and an ONNX DequantizeLinear (opset 21) in front of the layer restores float weights; activations and
 * compute stay float. Groups are either output channels ({@code blockSize} 0: one scale per output channel, the
 * DequantizeLinear's {@code axis}) or blocks of {@code blockSize} consecutive weights along the reduction axis (the
 * DequantizeLinear's {@code block_size}; Conv: the input-channel axis of OIHW or OHWI weights; a layer whose
 * reduction axis holds one weight, as depthwise weights do, stays per channel), which keeps outliers from coarsening
 * a whole channel. Weights shrink about eightfold against float per channel, less with small blocks (one float
 * scale per block).
 */
public final class Int4WeightQuantizer {

    /** ONNX's first opset with int4 and blocked DequantizeLinear. */
    private static final int OPSET = 21;

    private static final int INT4_MAX = 7;

    private Int4WeightQuantizer() {}

    /**
     * @param graph the float graph
     * @param blockSize 0 for per-channel scales, else the block length along the reduction axis
     * @return the graph with int4 weights dequantized in front of their layers
     */
    public static Graph quantize(Graph graph, int blockSize) {
        if (blockSize < 0) {
            throw new IllegalArgumentException("block size must be 0 (per channel) or positive, got " + blockSize);
        }
        Map<String, Tensor> initializers = new LinkedHashMap<>(graph.initializers());
        Map<String, String> dequantized = new LinkedHashMap<>();
        List<GraphNode> nodes = new ArrayList<>();
        for (GraphNode n : graph.nodes()) {
            int[] axes = axes(n);
            Tensor w = axes == null || n.inputs().size() < 2
                    ? null
                    : graph.initializers().get(n.inputs().get(1));
            if (w == null || w.dataType() != DataType.FLOAT32 || w.shape().rank() < 2) {
                nodes.add(n);
                continue;
            }
            String wName = n.inputs().get(1);
            String key = wName + "#" + axes[0] + "#" + axes[1];
            String real = dequantized.get(key);
            if (real == null) {
                // a reduction axis of one weight (depthwise convolutions) makes blocks of single weights: per channel
                boolean blocked = blockSize > 0 && w.shape().dim(axes[1]) > 1;
                int axis = blocked ? axes[1] : axes[0];
                Groups g = new Groups(w.shape(), axis, blocked ? blockSize : 0);
                float[] scales = g.scales(w);
                Tensor q = Tensor.allocate(TensorType.of(DataType.INT4, w.shape()));
                for (int i = 0; i < w.elementCount(); i++) {
                    q.setLong(
                            i, QuantizationMath.quantize(w.getDouble(i), scales[g.of(i)], 0, -INT4_MAX - 1, INT4_MAX));
                }
                String qName = wName + "_int4";
                initializers.put(qName, q);
                initializers.put(qName + "/scale", Tensor.ofFloats(g.scaleShape(), scales));
                Attributes.Builder attrs = Attributes.builder().put("axis", (long) axis);
                if (blocked) {
                    attrs.put("block_size", (long) blockSize);
                }
                real = wName + "_dequantized";
                nodes.add(new GraphNode(
                        wName + "/dequantize",
                        OpId.of("DequantizeLinear"),
                        OPSET,
                        attrs.build(),
                        List.of(qName, qName + "/scale"),
                        List.of(real)));
                dequantized.put(key, real);
            }
            List<String> inputs = new ArrayList<>(n.inputs());
            inputs.set(1, real);
            nodes.add(new GraphNode(
                    n.name(), n.op(), n.opsetVersion(), n.attributes(), inputs, n.outputs(), n.declaredOutputs()));
        }
        for (String replaced : graph.initializers().keySet()) {
            boolean quantized = dequantized.keySet().stream().anyMatch(k -> k.startsWith(replaced + "#"));
            boolean stillUsed = nodes.stream().anyMatch(n -> n.inputs().contains(replaced))
                    || graph.outputs().stream().anyMatch(v -> v.name().equals(replaced));
            if (quantized && !stillUsed) {
                initializers.remove(replaced);
            }
        }
        return new Graph(graph.name(), graph.inputs(), graph.outputs(), initializers, graph.valueInfo(), nodes);
    }

    /** {output-channel axis, reduction axis} of the weights (input 1), or null for other nodes. */
    private static int[] axes(GraphNode n) {
        if (!n.op().domain().isEmpty()) {
            return null;
        }
        return switch (n.op().name()) {
            // OIHW weights for NCHW nodes, OHWI for NHWC ones (the TFLite importer's): input channels on 1 or 3
            case "Conv" -> new int[] {0, "NHWC".equals(n.attributes().getString("data_format", "NCHW")) ? 3 : 1};
            case "Gemm" -> n.attributes().getLong("transB", 0) == 1 ? new int[] {0, 1} : new int[] {1, 0};
            case "MatMul" -> new int[] {1, 0};
            default -> null;
        };
    }

    /** Which scale each weight uses: per slice of one axis, or per block along it (ONNX's blocked layout). */
    private static final class Groups {
        private final Shape data;
        private final int axis;
        private final int blockSize;
        private final Shape scaleShape;

        Groups(Shape data, int axis, int blockSize) {
            this.data = data;
            this.axis = axis;
            this.blockSize = blockSize;
            if (blockSize == 0) {
                scaleShape = Shape.of(data.dim(axis));
            } else {
                int[] dims = data.dims();
                dims[axis] = (dims[axis] + blockSize - 1) / blockSize;
                scaleShape = Shape.of(dims);
            }
        }

        Shape scaleShape() {
            return scaleShape;
        }

        int of(int i) {
            int[] strides = data.strides();
            if (blockSize == 0) {
                return i / strides[axis] % data.dim(axis);
            }
            int[] scaleStrides = scaleShape.strides();
            int rest = i;
            int p = 0;
            for (int d = 0; d < data.rank(); d++) {
                int c = rest / strides[d];
                rest -= c * strides[d];
                p += (d == axis ? c / blockSize : c) * scaleStrides[d];
            }
            return p;
        }

        float[] scales(Tensor w) {
            float[] maxAbs = new float[scaleShape.elementCount()];
            for (int i = 0; i < w.elementCount(); i++) {
                int p = of(i);
                maxAbs[p] = Math.max(maxAbs[p], (float) Math.abs(w.getDouble(i)));
            }
            float[] scales = new float[maxAbs.length];
            for (int p = 0; p < scales.length; p++) {
                scales[p] = maxAbs[p] > 0 ? maxAbs[p] / INT4_MAX : 1f;
            }
            return scales;
        }
    }
}
