package dev.vela.samples.broken;

import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * BUG: to save a buffer it computes {@code exp(-x)} into its input when the input is writable, then
 * finishes into the output: the results are right, but the caller's input tensor is destroyed (the
 * graph may still need it, e.g. a residual connection).
 */
final class SigmoidInPlace extends FloatFactory {

    SigmoidInPlace() {
        super("Sigmoid", Layout.ANY);
    }

    @Override
    String problem(Node node) {
        return node.inputCount() != 1 ? "Sigmoid takes one input" : floatInputs(node, 1);
    }

    @Override
    Kernel build(Node node) {
        TensorType type = node.inputType(0);
        return new Kernel() {
            @Override
            public List<TensorType> outputTypes() {
                return List.of(type);
            }

            @Override
            public void invoke(Invocation inv) {
                Tensor in = inv.input(0);
                FloatBuffer x = in.floats();
                FloatBuffer y = inv.output(0).floats();
                int n = type.elementCount();
                if (in.isReadOnly()) {
                    for (int i = 0; i < n; i++) {
                        y.put(i, (float) (1.0 / (1.0 + Math.exp(-x.get(i)))));
                    }
                    return;
                }
                for (int i = 0; i < n; i++) {
                    x.put(i, (float) Math.exp(-x.get(i)));
                }
                for (int i = 0; i < n; i++) {
                    y.put(i, (float) (1.0 / (1.0 + x.get(i))));
                }
            }
        };
    }
}
