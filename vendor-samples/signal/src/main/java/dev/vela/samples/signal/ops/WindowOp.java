package dev.vela.samples.signal.ops;

import static dev.vela.samples.signal.ops.TensorArrays.put;
import static dev.vela.samples.signal.ops.TensorArrays.shorts;

import dev.vela.samples.signal.dsp.Window;
import dev.vela.spi.AttributeDefinition;
import dev.vela.spi.AttributeType;
import dev.vela.spi.DataType;
import dev.vela.spi.GeneratedCase;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.OperatorDefinition;
import dev.vela.spi.ParameterDefinition;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.TypeConstraint;
import java.util.List;
import java.util.random.RandomGenerator;

/** {@code tflite:SignalWindow}: {@link Window} on every frame along the last axis. */
public class WindowOp extends SignalOp {
    public WindowOp() {
        super("SignalWindow", DataType.INT16);
    }

    @Override
    protected void describe(OperatorDefinition.Builder d) {
        d.doc("Multiplies each frame (the last axis) by a fixed-point window, shifts the 32-bit products right by "
                        + "'shift' and saturates to int16. TFLite Micro signal/src/window.cc.")
                .typeConstraint(TypeConstraint.fixed("T", DataType.INT16))
                .input(ParameterDefinition.required("input", "T", "frames, last axis = window length"))
                .input(ParameterDefinition.required("weights", "T", "the window, rank 1"))
                .output(ParameterDefinition.required("output", "T", "windowed frames, shape of input"))
                .attribute(AttributeDefinition.required("shift", AttributeType.INT, "right shift, 0..31"));
    }

    @Override
    protected List<TensorType> infer(Node node) {
        intAttribute(node, "shift", 0, 31);
        Shape input = node.inputType(0).shape();
        Shape weights = shapeOfRank(node, 1, "weights", 1);
        if (input.rank() < 1 || input.dim(input.rank() - 1) != weights.dim(0) || weights.dim(0) == 0) {
            throw new InvalidNodeException(
                    node,
                    "the last axis of input " + input + " must equal the window length " + weights.dim(0)
                            + " (and be non-zero)");
        }
        return List.of(TensorType.of(DataType.INT16, input));
    }

    @Override
    protected Kernel kernel(Node node, List<TensorType> outputTypes) {
        int shift = node.attributes().getInt("shift");
        return new SignalKernel(node, outputTypes) {
            @Override
            void run(Invocation inv) {
                short[] input = shorts(inv.input(0));
                short[] out = new short[input.length];
                Window.apply(input, shorts(inv.input(1)), shift, out);
                put(inv.output(0), out);
            }
        };
    }

    @Override
    protected GeneratedCase generate(RandomGenerator r, int size) {
        int frames = Random.count(size, 3);
        int length = Random.count(size, 64);
        Tensor input = Random.int16(r, frames, length);
        Tensor weights = Random.int16(r, length);
        Node node = Node.builder(op())
                .name("window")
                .input(input.type())
                .input(weights.type())
                .attr("shift", r.nextInt(0, 16))
                .build();
        return GeneratedCase.of(node, List.of(input, weights));
    }
}
