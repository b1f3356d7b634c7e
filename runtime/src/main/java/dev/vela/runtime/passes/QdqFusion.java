package dev.vela.runtime.passes;

import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.OpId;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.semantics.FusedActivation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fuses ONNX QDQ patterns into quantized operators: {@code DequantizeLinear -> Conv -> QuantizeLinear} (weights a
 * constant DequantizeLinear, per tensor or per output channel on axis 0; bias optional, float or dequantized int32)
 * becomes QLinearConv, and {@code DequantizeLinear x2 -> MatMul -> QuantizeLinear} (per-tensor parameters) becomes
 * QLinearMatMul. Scales and zero points must be constants and every zero point explicit; the float operator's output
 * must feed only the QuantizeLinear. The bias is requantized to int32 at scale {@code x_scale * w_scale[m]}, zero
 * point 0, rounding half to even. The DequantizeLinear nodes stay for other readers; dead-code elimination removes
 * the rest.
 *
 * <p>Numerics: the QDQ graph computes in float and rounds once at the QuantizeLinear; the fused operator accumulates
 * in integers and requantizes with a float multiplier, so an output may differ by one quantization step where the
 * float result lies near a rounding boundary (what ONNX Runtime's fusion does too); and the reference QLinear*
 * kernels return plain int8/uint8 types where QuantizeLinear annotated its output with its constant parameters.
 * Hence opt-in, not in {@link Passes#defaults()}.
 */
public final class QdqFusion implements Pass {

    @Override
    public String name() {
        return "fuse-qdq";
    }

    @Override
    public Graph apply(Graph graph) {
        GraphEditor editor = new GraphEditor(graph);
        Set<String> outputs = editor.outputNames();
        for (GraphNode q : graph.nodes()) {
            if (!is(q, "QuantizeLinear")
                    || q.inputs().size() != 3
                    || q.attributes().has("block_size")
                    || !perTensor(q.inputs().get(1), q.inputs().get(2), editor.initializers)) {
                continue;
            }
            GraphNode op = editor.producers().get(q.inputs().get(0));
            if (op == null
                    || op.outputs().size() != 1
                    || outputs.contains(op.outputs().get(0))
                    || editor.useCounts().getOrDefault(op.outputs().get(0), 0) != 1
                    || FusedActivation.isPresent(op.attributes())) {
                continue;
            }
            GraphNode fused = null;
            if (is(op, "Conv")) {
                fused = conv(editor, op, q);
            } else if (is(op, "MatMul")) {
                fused = matMul(editor, op, q);
            }
            if (fused != null) {
                editor.remove(editor.current(q.name()));
                editor.replace(editor.current(op.name()), fused);
            }
        }
        return editor.build();
    }

    private static boolean is(GraphNode n, String op) {
        return n.op().domain().isEmpty() && n.op().name().equals(op);
    }

    private static boolean perTensor(String scale, String zeroPoint, Map<String, Tensor> c) {
        Tensor s = c.get(scale);
        Tensor z = c.get(zeroPoint);
        return s != null
                && z != null
                && s.elementCount() == 1
                && z.elementCount() == 1
                && s.dataType() == DataType.FLOAT32
                && isQuantType(z.dataType());
    }

    private static boolean isQuantType(DataType t) {
        return t == DataType.INT8 || t == DataType.UINT8;
    }

    /** The DequantizeLinear producing a value, if it has explicit constant scale and zero point. */
    private static GraphNode dequantizer(GraphEditor editor, String value) {
        GraphNode dq = editor.producers().get(value);
        if (dq == null
                || !is(dq, "DequantizeLinear")
                || dq.inputs().size() != 3
                || dq.attributes().has("block_size")
                || !editor.initializers.containsKey(dq.inputs().get(1))
                || !editor.initializers.containsKey(dq.inputs().get(2))) {
            return null;
        }
        return dq;
    }

    private static GraphNode conv(GraphEditor editor, GraphNode conv, GraphNode q) {
        Map<String, Tensor> c = editor.initializers;
        if (conv.inputs().size() < 2) {
            return null;
        }
        GraphNode dqx = dequantizer(editor, conv.inputs().get(0));
        GraphNode dqw = dequantizer(editor, conv.inputs().get(1));
        if (dqx == null
                || dqw == null
                || !perTensor(dqx.inputs().get(1), dqx.inputs().get(2), c)) {
            return null;
        }
        Tensor w = c.get(dqw.inputs().get(0));
        Tensor ws = c.get(dqw.inputs().get(1));
        Tensor wz = c.get(dqw.inputs().get(2));
        if (w == null || !isQuantType(w.dataType()) || w.shape().rank() < 1 || ws.dataType() != DataType.FLOAT32) {
            return null;
        }
        int m = w.shape().dim(0);
        boolean perChannel = ws.elementCount() != 1;
        if (perChannel
                && (ws.elementCount() != m
                        || wz.elementCount() != m
                        || dqw.attributes().getLong("axis", 1) != 0)) {
            return null;
        }
        float xScale = (float) c.get(dqx.inputs().get(1)).getDouble(0);
        String bias = "";
        if (conv.inputs().size() > 2 && !conv.inputs().get(2).isEmpty()) {
            double[] realBias = realBias(editor, conv.inputs().get(2), m);
            if (realBias == null) {
                return null;
            }
            int[] qb = new int[m];
            for (int k = 0; k < m; k++) {
                double scale = (double) xScale * ws.getDouble(perChannel ? k : 0);
                double v = Math.rint(realBias[k] / scale);
                if (scale == 0 || Math.abs(v) > Integer.MAX_VALUE) {
                    return null;
                }
                qb[k] = (int) v;
            }
            bias = editor.freshName(conv.name() + "_bias_int32");
            editor.putInitializer(bias, Tensor.ofInts(Shape.of(m), qb));
        }
        List<String> in = new ArrayList<>(List.of(
                dqx.inputs().get(0),
                dqx.inputs().get(1),
                dqx.inputs().get(2),
                dqw.inputs().get(0),
                dqw.inputs().get(1),
                dqw.inputs().get(2),
                q.inputs().get(1),
                q.inputs().get(2)));
        if (!bias.isEmpty()) {
            in.add(bias);
        }
        return new GraphNode(
                conv.name(),
                OpId.of("QLinearConv"),
                conv.opsetVersion(),
                conv.attributes(),
                in,
                q.outputs(),
                q.declaredOutputs());
    }

    /** The bias's real values: a float constant, or a constant int32 dequantized with its constant parameters. */
    private static double[] realBias(GraphEditor editor, String value, int m) {
        Tensor b = editor.initializers.get(value);
        double[] real = new double[m];
        if (b != null) {
            if (b.dataType() != DataType.FLOAT32 || b.elementCount() != m) {
                return null;
            }
            for (int k = 0; k < m; k++) {
                real[k] = b.getDouble(k);
            }
            return real;
        }
        GraphNode dq = dequantizer(editor, value);
        if (dq == null) {
            return null;
        }
        Tensor q = editor.initializers.get(dq.inputs().get(0));
        Tensor s = editor.initializers.get(dq.inputs().get(1));
        Tensor z = editor.initializers.get(dq.inputs().get(2));
        if (q == null
                || q.elementCount() != m
                || s.elementCount() != 1 && s.elementCount() != m
                || z.elementCount() != s.elementCount()) {
            return null;
        }
        for (int k = 0; k < m; k++) {
            int p = s.elementCount() == 1 ? 0 : k;
            real[k] = s.getDouble(p) * (q.getDouble(k) - z.getDouble(p));
        }
        return real;
    }

    private static GraphNode matMul(GraphEditor editor, GraphNode mm, GraphNode q) {
        Map<String, Tensor> c = editor.initializers;
        if (mm.inputs().size() != 2) {
            return null;
        }
        GraphNode dqa = dequantizer(editor, mm.inputs().get(0));
        GraphNode dqb = dequantizer(editor, mm.inputs().get(1));
        if (dqa == null
                || dqb == null
                || !perTensor(dqa.inputs().get(1), dqa.inputs().get(2), c)
                || !perTensor(dqb.inputs().get(1), dqb.inputs().get(2), c)) {
            return null;
        }
        List<String> in = List.of(
                dqa.inputs().get(0),
                dqa.inputs().get(1),
                dqa.inputs().get(2),
                dqb.inputs().get(0),
                dqb.inputs().get(1),
                dqb.inputs().get(2),
                q.inputs().get(1),
                q.inputs().get(2));
        return new GraphNode(
                mm.name(),
                OpId.of("QLinearMatMul"),
                mm.opsetVersion(),
                Attributes.empty(),
                in,
                q.outputs(),
                q.declaredOutputs());
    }
}
