package dev.vela.samples.signal.ops;

import static dev.vela.samples.signal.ops.TensorArrays.longs;
import static dev.vela.samples.signal.ops.TensorArrays.put;

import dev.vela.samples.signal.dsp.FilterBankSquareRoot;
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

/** {@code tflite:SignalFilterBankSquareRoot}: {@link FilterBankSquareRoot}. */
public class FilterBankSquareRootOp extends SignalOp {
    public FilterBankSquareRootOp() {
        super("SignalFilterBankSquareRoot", DataType.UINT64);
    }

    @Override
    protected void describe(OperatorDefinition.Builder d) {
        d.doc("Rounded integer square root of each uint64 channel, shifted right by scale_bits (only its low 5 bits "
                        + "count, as on x86). TFLite Micro signal/src/filter_bank_square_root.cc.")
                .typeConstraint(TypeConstraint.fixed("U", DataType.UINT64))
                .typeConstraint(TypeConstraint.fixed("S", DataType.INT32))
                .typeConstraint(TypeConstraint.fixed("O", DataType.UINT32))
                .input(ParameterDefinition.required("input", "U", "channels, rank 1"))
                .input(ParameterDefinition.required("scale_bits", "S", "a scalar: the FFT's auto-scale shift"))
                .output(ParameterDefinition.required("output", "O", "one value per channel"));
    }

    @Override
    protected List<TensorType> infer(Node node) {
        Shape input = shapeOfRank(node, 0, "input", 1);
        if (node.inputType(1).elementCount() != 1) {
            throw new InvalidNodeException(
                    node,
                    "input 1 'scale_bits' must be a single value, got "
                            + node.inputType(1).shape());
        }
        return List.of(TensorType.of(DataType.UINT32, input));
    }

    @Override
    protected Kernel kernel(Node node, List<TensorType> outputTypes) {
        return new SignalKernel(node, outputTypes) {
            @Override
            void run(Invocation inv) {
                long[] input = longs(inv.input(0));
                int[] out = new int[input.length];
                FilterBankSquareRoot.apply(input, inv.input(1).ints().get(0), out);
                put(inv.output(0), out);
            }
        };
    }

    @Override
    protected GeneratedCase generate(RandomGenerator r, int size) {
        Tensor input = Random.uint64(r, r.nextBoolean() ? 64 : r.nextInt(1, 40), Random.count(size, 40));
        Tensor bits = Random.int32Scalar(r.nextInt(0, 16));
        Node node = Node.builder(op())
                .name("sqrt")
                .input(input.type())
                .input(bits.type())
                .build();
        return GeneratedCase.of(node, List.of(input, bits));
    }
}
