package dev.vela.runtime.passes;

import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.spi.DataType;
import dev.vela.spi.Layout;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.semantics.FusedActivation;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds an inference-mode BatchNormalization into the Conv that feeds it: with
 * {@code f = scale / sqrt(var + epsilon)} per output channel, {@code W' = W * f} and {@code B' = (B - mean) * f + bias}.
 * Applies when the Conv is float32, channels-first (output channel = weight axis 0 = BatchNormalization axis 1), has
 * constant weight and bias, no fused activation, and its output feeds only the BatchNormalization, whose parameters
 * are constants and whose only output is {@code Y}. New constants get fresh names, since the old ones may be shared.
 * Arithmetic is in double and rounded once, so results match the unfolded graph within the float32 policy.
 */
public final class ConvBatchNormFolding implements Pass {

    @Override
    public String name() {
        return "fold-batchnorm";
    }

    @Override
    public Graph apply(Graph graph) {
        GraphEditor editor = new GraphEditor(graph);
        Set<String> outputs = editor.outputNames();
        for (GraphNode bn : graph.nodes()) {
            if (!isDefault(bn, "BatchNormalization")
                    || bn.inputs().size() != 5
                    || bn.attributes().getLong("training_mode", 0) != 0
                    || !onlyFirstOutput(bn)) {
                continue;
            }
            GraphNode conv = editor.producers().get(bn.inputs().get(0));
            if (conv == null
                    || !isDefault(conv, "Conv")
                    || !foldableConv(conv, editor.initializers)
                    || outputs.contains(conv.outputs().get(0))
                    || editor.useCounts().getOrDefault(conv.outputs().get(0), 0) != 1) {
                continue;
            }
            fold(editor, conv, bn);
        }
        return editor.build();
    }

    private static boolean isDefault(GraphNode n, String op) {
        return n.op().domain().isEmpty() && n.op().name().equals(op);
    }

    private static boolean onlyFirstOutput(GraphNode bn) {
        for (int i = 1; i < bn.outputs().size(); i++) {
            if (!bn.outputs().get(i).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static boolean foldableConv(GraphNode conv, Map<String, Tensor> constants) {
        if (FusedActivation.isPresent(conv.attributes())
                || conv.outputs().size() != 1
                || !"NCHW".equals(conv.attributes().getString(Layout.ATTRIBUTE, "NCHW"))
                || conv.inputs().size() < 2) {
            return false;
        }
        Tensor w = constants.get(conv.inputs().get(1));
        if (w == null || w.dataType() != DataType.FLOAT32 || w.shape().rank() < 1) {
            return false;
        }
        return conv.inputs().size() < 3
                || conv.inputs().get(2).isEmpty()
                || constants.containsKey(conv.inputs().get(2));
    }

    private static void fold(GraphEditor editor, GraphNode conv, GraphNode bn) {
        Map<String, Tensor> c = editor.initializers;
        Tensor w = c.get(conv.inputs().get(1));
        int channels = w.shape().dim(0);
        Tensor scale = c.get(bn.inputs().get(1));
        Tensor bias = c.get(bn.inputs().get(2));
        Tensor mean = c.get(bn.inputs().get(3));
        Tensor var = c.get(bn.inputs().get(4));
        for (Tensor t : new Tensor[] {scale, bias, mean, var}) {
            if (t == null || t.dataType() != DataType.FLOAT32 || t.elementCount() != channels) {
                return;
            }
        }
        Tensor convBias = conv.inputs().size() > 2 && !conv.inputs().get(2).isEmpty()
                ? c.get(conv.inputs().get(2))
                : null;
        if (convBias != null && (convBias.dataType() != DataType.FLOAT32 || convBias.elementCount() != channels)) {
            return;
        }
        double epsilon = bn.attributes().getFloat("epsilon", 1e-5f);
        float[] weights = w.toFloatArray();
        float[] newBias = new float[channels];
        int perChannel = channels == 0 ? 0 : weights.length / channels;
        for (int m = 0; m < channels; m++) {
            double f = scale.getDouble(m) / Math.sqrt(var.getDouble(m) + epsilon);
            for (int k = m * perChannel; k < (m + 1) * perChannel; k++) {
                weights[k] = (float) (weights[k] * f);
            }
            double b = convBias == null ? 0 : convBias.getDouble(m);
            newBias[m] = (float) ((b - mean.getDouble(m)) * f + bias.getDouble(m));
        }
        String wName = editor.freshName(conv.inputs().get(1) + "_bn");
        editor.putInitializer(wName, Tensor.ofFloats(w.shape(), weights));
        String bName = editor.freshName(conv.name() + "_bias_bn");
        editor.putInitializer(bName, Tensor.ofFloats(Shape.of(channels), newBias));
        String x = conv.inputs().get(0);
        GraphNode current = editor.current(conv.name());
        editor.replace(
                current,
                GraphEditor.copy(
                        current,
                        current.attributes(),
                        List.of(x, wName, bName),
                        List.of(bn.outputs().get(0))));
        editor.remove(editor.current(bn.name()));
    }
}
