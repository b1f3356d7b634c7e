package dev.vela.samples.broken;

import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.TensorType;
import java.nio.FloatBuffer;
import java.util.List;

/** BUG: {@code x > 0 ? x : 0} is false for NaN, so NaN comes out as 0 instead of NaN. */
final class ReluSwallowingNan extends FloatFactory {

    ReluSwallowingNan() {
        super("Relu", Layout.ANY);
    }

    @Override
    String problem(Node node) {
        return node.inputCount() != 1 ? "Relu takes one input" : floatInputs(node, 1);
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
                FloatBuffer x = inv.input(0).floats();
                FloatBuffer y = inv.output(0).floats();
                for (int i = 0, n = type.elementCount(); i < n; i++) {
                    float v = x.get(i);
                    y.put(i, v > 0 ? v : 0f);
                }
            }
        };
    }
}
