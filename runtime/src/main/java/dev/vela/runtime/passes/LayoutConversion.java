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
import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.FusedActivation;
import dev.vela.spi.semantics.SpatialWindow;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;

/**
 * Converts spatial operators to one layout (D2), for providers that want it: each float32 Conv (constant weights),
 * MaxPool and AveragePool in the other layout gets its {@code data_format} changed, Transposes inserted on its
 * activation input and output, and Conv weights transposed as constants ([M, C, k...] and [M, k..., C]). Transposes
 * are then moved below single-reader unary element-wise operators (which commute with any permutation), so that
 * back-to-back pairs between converted operators meet and cancel ({@link TransposeCancellation}), and what became dead
 * is removed: a chain of converted operators keeps one Transpose at each end.
 */
public final class LayoutConversion implements Pass {

    private static final Set<String> UNARY = Set.of(
            "Relu",
            "Sigmoid",
            "Tanh",
            "Abs",
            "Neg",
            "Exp",
            "Log",
            "Sqrt",
            "LeakyRelu",
            "Elu",
            "Selu",
            "HardSigmoid",
            "HardSwish",
            "Softplus",
            "Erf",
            "Clip",
            "Identity");

    private final Layout target;

    /** @param target NHWC or NCHW */
    public LayoutConversion(Layout target) {
        if (target == Layout.ANY) {
            throw new IllegalArgumentException("a layout conversion needs NCHW or NHWC");
        }
        this.target = target;
    }

    @Override
    public String name() {
        return target == Layout.NHWC ? "layout-nhwc" : "layout-nchw";
    }

    @Override
    public Graph apply(Graph graph) {
        GraphEditor editor = new GraphEditor(graph);
        for (GraphNode n : graph.nodes()) {
            int spatial = spatialRank(n, editor);
            if (spatial > 0) {
                convert(editor, editor.current(n.name()), spatial);
            }
        }
        Graph converted = editor.build();
        if (converted == graph) {
            return graph;
        }
        Graph sunk = sinkTransposes(converted);
        return new DeadCodeElimination().apply(new IdentityRemoval().apply(new TransposeCancellation().apply(sunk)));
    }

    /** @return the number of spatial dimensions of a node to convert, or 0 when it stays */
    private int spatialRank(GraphNode n, GraphEditor editor) {
        if (!n.op().domain().isEmpty()
                || n.inputs().isEmpty()
                || FusedActivation.isPresent(n.attributes())
                || n.outputs().isEmpty()
                || n.outputs().stream().skip(1).anyMatch(o -> !o.isEmpty())) {
            return 0;
        }
        String current = n.attributes().getString(Layout.ATTRIBUTE, "NCHW");
        if (current.equals(target.name())) {
            return 0;
        }
        switch (n.op().name()) {
            case "Conv": {
                Tensor w = n.inputs().size() > 1
                        ? editor.initializers.get(n.inputs().get(1))
                        : null;
                return w != null
                                && w.dataType() == DataType.FLOAT32
                                && w.shape().rank() >= 3
                        ? w.shape().rank() - 2
                        : 0;
            }
            case "MaxPool":
            case "AveragePool":
                return n.attributes().getLongs(SpatialWindow.KERNEL_SHAPE, new long[0]).length;
            default:
                return 0;
        }
    }

    /** Permutation from the node's current layout to the target ([0, 2..r+1, 1] to NHWC, [0, r+1, 1..r] to NCHW). */
    private long[] toTarget(int spatial) {
        long[] p = new long[spatial + 2];
        if (target == Layout.NHWC) {
            for (int i = 1; i <= spatial; i++) {
                p[i] = i + 1;
            }
            p[spatial + 1] = 1;
        } else {
            p[1] = spatial + 1;
            for (int i = 2; i <= spatial + 1; i++) {
                p[i] = i - 1;
            }
        }
        return p;
    }

    private static long[] inverse(long[] perm) {
        long[] inv = new long[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inv[(int) perm[i]] = i;
        }
        return inv;
    }

    private void convert(GraphEditor editor, GraphNode n, int spatial) {
        long[] in = toTarget(spatial);
        String x = n.inputs().get(0);
        String y = n.outputs().get(0);
        String xT = editor.freshName(x + "_" + target.name().toLowerCase(java.util.Locale.ROOT));
        String yT = editor.freshName(y + "_" + target.name().toLowerCase(java.util.Locale.ROOT));
        List<String> inputs = new java.util.ArrayList<>(n.inputs());
        inputs.set(0, xT);
        if (n.op().name().equals("Conv")) {
            String w = editor.freshName(n.inputs().get(1) + "_" + target.name().toLowerCase(java.util.Locale.ROOT));
            editor.putInitializer(
                    w, transpose(editor.initializers.get(n.inputs().get(1)), in));
            inputs.set(1, w);
        }
        Attributes attrs = Attributes.builder()
                .putAll(n.attributes())
                .put(Layout.ATTRIBUTE, target.name())
                .build();
        List<String> outputs = new java.util.ArrayList<>(n.outputs());
        outputs.set(0, yT);
        editor.replace(
                n,
                new GraphNode(n.name(), n.op(), n.opsetVersion(), attrs, inputs, outputs, withoutShapes(n, outputs)));
        editor.nodes.add(transposeNode(editor, n.name() + "/to_" + target.name(), x, xT, in));
        editor.nodes.add(transposeNode(editor, n.name() + "/from_" + target.name(), yT, y, inverse(in)));
    }

    private static GraphNode transposeNode(GraphEditor editor, String base, String in, String out, long[] perm) {
        String name = base;
        for (int i = 1; editor.current(name) != null; i++) {
            name = base + "_" + i;
        }
        return new GraphNode(
                name,
                OpId.of("Transpose"),
                13,
                Attributes.builder().put("perm", perm).build(),
                List.of(in),
                List.of(out));
    }

    /** A constant transposed: output axis i is input axis perm[i]. */
    static Tensor transpose(Tensor t, long[] perm) {
        int[] dims = t.shape().dims();
        int[] outDims = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            outDims[i] = dims[(int) perm[i]];
        }
        int[] inStrides = t.shape().strides();
        Shape outShape = Shape.of(outDims);
        TensorType type = t.type().quantization().isPresent()
                ? TensorType.quantized(
                        t.dataType(), outShape, t.type().quantization().get())
                : TensorType.of(t.dataType(), outShape);
        Tensor out = Tensor.allocate(type);
        int size = t.dataType().byteSize();
        ByteBuffer src = t.bytes();
        ByteBuffer dst = out.bytes();
        int[] index = new int[dims.length];
        for (int o = 0; o < out.elementCount(); o++) {
            int offset = 0;
            for (int i = 0; i < dims.length; i++) {
                offset += index[i] * inStrides[(int) perm[i]];
            }
            for (int b = 0; b < size; b++) {
                dst.put(o * size + b, src.get(offset * size + b));
            }
            for (int i = dims.length - 1; i >= 0 && ++index[i] == outDims[i]; i--) {
                index[i] = 0;
            }
        }
        return out;
    }

    /** Moves each Transpose read only by a unary element-wise node below it, until none moves. */
    private static Graph sinkTransposes(Graph graph) {
        Graph current = graph;
        for (boolean moved = true; moved; ) {
            moved = false;
            GraphEditor editor = new GraphEditor(current);
            Set<String> outputs = editor.outputNames();
            for (GraphNode t : current.nodes()) {
                if (!t.op().domain().isEmpty()
                        || !t.op().name().equals("Transpose")
                        || t.outputs().size() != 1
                        || outputs.contains(t.outputs().get(0))
                        || editor.useCounts().getOrDefault(t.outputs().get(0), 0) != 1) {
                    continue;
                }
                List<GraphNode> readers = editor.consumers(t.outputs().get(0));
                GraphNode u = readers.isEmpty() ? null : readers.get(0);
                if (u == null
                        || !u.op().domain().isEmpty()
                        || !UNARY.contains(u.op().name())
                        || u.outputs().size() != 1
                        || !u.inputs().get(0).equals(t.outputs().get(0))
                        || !scalarExtras(u, editor)) {
                    continue;
                }
                String moved1 = editor.freshName(u.outputs().get(0) + "_pre_transpose");
                List<String> uIn = new java.util.ArrayList<>(u.inputs());
                uIn.set(0, t.inputs().get(0));
                editor.replace(
                        u,
                        new GraphNode(
                                u.name(),
                                u.op(),
                                u.opsetVersion(),
                                u.attributes(),
                                uIn,
                                List.of(moved1),
                                withoutShapes(u, List.of(moved1))));
                editor.replace(
                        t,
                        new GraphNode(
                                t.name(),
                                t.op(),
                                t.opsetVersion(),
                                t.attributes(),
                                List.of(moved1),
                                u.outputs(),
                                u.declaredOutputs()));
                moved = true;
                break;
            }
            current = editor.build();
        }
        return current;
    }

    /**
     * The node's declared output element types and quantization under new output names, without shapes (the layout
     * changed them): quantized kernels need the declared quantization of their output.
     */
    private static List<ValueSpec> withoutShapes(GraphNode n, List<String> newOutputs) {
        if (n.declaredOutputs().isEmpty()) {
            return List.of();
        }
        List<ValueSpec> specs = new java.util.ArrayList<>(newOutputs.size());
        for (int i = 0; i < newOutputs.size(); i++) {
            ValueSpec old = n.declaredOutputs().get(i);
            specs.add(new ValueSpec(
                    newOutputs.get(i).isEmpty() ? "?" : newOutputs.get(i),
                    old.dataType(),
                    null,
                    null,
                    old.quantization().orElse(null)));
        }
        return specs;
    }

    private static boolean scalarExtras(GraphNode u, GraphEditor editor) {
        for (int i = 1; i < u.inputs().size(); i++) {
            String in = u.inputs().get(i);
            Tensor c = in.isEmpty() ? null : editor.initializers.get(in);
            if (!in.isEmpty() && (c == null || c.elementCount() != 1)) {
                return false;
            }
        }
        return true;
    }
}
