package dev.vela.runtime.passes;

import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.Layout;
import dev.vela.spi.OpId;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.semantics.FusedActivation;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds an Add of a per-channel constant into the node that feeds it, as exporters leave it (ONNX Runtime's
 * ConvAddFusion and MatMulAddFusion do the same):
 * <ul>
 *   <li>{@code Conv -> Add(c)}: when {@code c} varies only along the output channel axis (axis 1 in NCHW, the last in
 *       NHWC), it becomes the Conv's bias ({@code B' = B + c}).</li>
 *   <li>{@code MatMul -> Add(c)} with a constant 2-D B, a rank-2 product and {@code c} varying only along its
 *       columns: one {@code Gemm(A, B, c)}.</li>
 * </ul>
 * Only float32, only when the intermediate value feeds nothing else and is not a graph output, and never into a node
 * with a fused activation. The sum is rounded once (double, then float32), so results agree with the unfused graph
 * within the float32 policy. New constants get fresh names, since the old ones may be shared.
 */
public final class BiasAddFusion implements Pass {

    @Override
    public String name() {
        return "fuse-bias-add";
    }

    @Override
    public Graph apply(Graph graph) {
        GraphEditor editor = new GraphEditor(graph);
        Set<String> outputs = editor.outputNames();
        for (GraphNode add : graph.nodes()) {
            if (!isDefault(add, "Add")
                    || add.inputs().size() != 2
                    || add.outputs().size() != 1) {
                continue;
            }
            Map<String, Tensor> constants = editor.initializers;
            int constantSide = constants.containsKey(add.inputs().get(1))
                    ? 1
                    : constants.containsKey(add.inputs().get(0)) ? 0 : -1;
            if (constantSide < 0) {
                continue;
            }
            Tensor addend = constants.get(add.inputs().get(constantSide));
            String value = add.inputs().get(1 - constantSide);
            GraphNode producer = editor.producers().get(value);
            if (addend.dataType() != DataType.FLOAT32
                    || producer == null
                    || outputs.contains(value)
                    || editor.useCounts().getOrDefault(value, 0) != 1
                    || producer.outputs().size() != 1
                    || FusedActivation.isPresent(producer.attributes())) {
                continue;
            }
            GraphNode current = editor.current(producer.name());
            if (isDefault(producer, "Conv")) {
                foldIntoConv(editor, current, add, addend);
            } else if (isDefault(producer, "MatMul")) {
                foldIntoGemm(editor, current, add, addend);
            }
        }
        return editor.build();
    }

    private static boolean isDefault(GraphNode n, String op) {
        return n.op().domain().isEmpty() && n.op().name().equals(op);
    }

    private static void foldIntoConv(GraphEditor editor, GraphNode conv, GraphNode add, Tensor addend) {
        Map<String, Tensor> c = editor.initializers;
        if (conv == null || conv.inputs().size() < 2) {
            return;
        }
        Tensor w = c.get(conv.inputs().get(1));
        if (w == null || w.dataType() != DataType.FLOAT32 || w.shape().rank() < 3) {
            return;
        }
        int channels = w.shape().dim(0);
        int rank = w.shape().rank();
        boolean nhwc = Layout.NHWC.name().equals(conv.attributes().getString(Layout.ATTRIBUTE, "NCHW"));
        float[] perChannel = perAxis(addend.shape(), addend.toFloatArray(), rank, nhwc ? rank - 1 : 1, channels);
        if (perChannel == null) {
            return;
        }
        boolean hasBias = conv.inputs().size() > 2 && !conv.inputs().get(2).isEmpty();
        Tensor bias = hasBias ? c.get(conv.inputs().get(2)) : null;
        if (hasBias && (bias == null || bias.dataType() != DataType.FLOAT32 || bias.elementCount() != channels)) {
            return;
        }
        String biasName = editor.freshName(conv.name() + "_bias_add");
        editor.putInitializer(biasName, Tensor.ofFloats(Shape.of(channels), sum(bias, perChannel)));
        editor.replace(
                conv,
                new GraphNode(
                        conv.name(),
                        conv.op(),
                        conv.opsetVersion(),
                        conv.attributes(),
                        List.of(conv.inputs().get(0), conv.inputs().get(1), biasName),
                        add.outputs(),
                        add.declaredOutputs()));
        editor.remove(editor.current(add.name()));
    }

    private static void foldIntoGemm(GraphEditor editor, GraphNode matMul, GraphNode add, Tensor addend) {
        if (matMul == null || matMul.inputs().size() != 2) {
            return;
        }
        Tensor b = editor.initializers.get(matMul.inputs().get(1));
        ValueSpec product = matMul.declaredOutput(0).orElse(null);
        // a rank-2 product of a 2-D B means A is rank 2 too: what Gemm takes
        if (b == null
                || b.dataType() != DataType.FLOAT32
                || b.shape().rank() != 2
                || product == null
                || !product.hasShape()
                || product.rank() != 2) {
            return;
        }
        int columns = b.shape().dim(1);
        float[] perColumn = perAxis(addend.shape(), addend.toFloatArray(), 2, 1, columns);
        if (perColumn == null) {
            return;
        }
        String cName = editor.freshName(matMul.name() + "_bias_add");
        editor.putInitializer(cName, Tensor.ofFloats(Shape.of(columns), sum(null, perColumn)));
        editor.replace(
                matMul,
                new GraphNode(
                        matMul.name(),
                        OpId.of("Gemm"),
                        Math.max(13, matMul.opsetVersion()),
                        Attributes.empty(),
                        List.of(matMul.inputs().get(0), matMul.inputs().get(1), cName),
                        add.outputs(),
                        add.declaredOutputs()));
        editor.remove(editor.current(add.name()));
    }

    /**
     * @return the addend's value for each index of {@code axis} of a rank-{@code rank} result, when it varies along
     *     that axis only (right-aligned broadcasting, every other dimension 1) and does not enlarge the result; null
     *     otherwise
     */
    static float[] perAxis(Shape shape, float[] values, int rank, int axis, int size) {
        int[] dims = shape.dims();
        if (dims.length > rank) {
            return null;
        }
        int along = 1;
        for (int i = 0; i < dims.length; i++) {
            int target = rank - dims.length + i;
            if (target == axis) {
                if (dims[i] != size && dims[i] != 1) {
                    return null;
                }
                along = dims[i];
            } else if (dims[i] != 1) {
                return null;
            }
        }
        float[] out = new float[size];
        for (int k = 0; k < size; k++) {
            out[k] = values[along == 1 ? 0 : k];
        }
        return out;
    }

    private static float[] sum(Tensor bias, float[] addend) {
        float[] out = new float[addend.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = (float) ((bias == null ? 0.0 : bias.getDouble(k)) + addend[k]);
        }
        return out;
    }
}
