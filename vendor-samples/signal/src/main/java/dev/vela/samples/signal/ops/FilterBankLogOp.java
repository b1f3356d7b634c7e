package dev.vela.samples.signal.ops;

import static dev.vela.samples.signal.ops.TensorArrays.ints;
import static dev.vela.samples.signal.ops.TensorArrays.put;

import dev.vela.samples.signal.dsp.FilterBankLog;
import dev.vela.spi.AttributeDefinition;
import dev.vela.spi.AttributeType;
import dev.vela.spi.DataType;
import dev.vela.spi.GeneratedCase;
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

/** {@code tflite:SignalFilterBankLog}: {@link FilterBankLog}. */
public class FilterBankLogOp extends SignalOp {
    public FilterBankLogOp() {
        super("SignalFilterBankLog", DataType.UINT32);
    }

    @Override
    protected void describe(OperatorDefinition.Builder d) {
        d.doc("output_scale * ln(input << input_correction_bits) in fixed point, saturated to int16; 0 for inputs "
                        + "that shift to 0 or 1. TFLite Micro signal/src/filter_bank_log.cc, signal/src/log.cc.")
                .typeConstraint(TypeConstraint.fixed("U", DataType.UINT32))
                .typeConstraint(TypeConstraint.fixed("O", DataType.INT16))
                .input(ParameterDefinition.required("input", "U", "channels, rank 1"))
                .output(ParameterDefinition.required("output", "O", "one value per channel"))
                .attribute(AttributeDefinition.required("input_correction_bits", AttributeType.INT, "0..31"))
                .attribute(AttributeDefinition.required(
                        "output_scale", AttributeType.INT, "scale of ln (uint32 arithmetic)"));
    }

    @Override
    protected List<TensorType> infer(Node node) {
        intAttribute(node, "input_correction_bits", 0, 31);
        intAttribute(node, "output_scale", 0, 0xFFFF_FFFFL);
        Shape input = shapeOfRank(node, 0, "input", 1);
        return List.of(TensorType.of(DataType.INT16, input));
    }

    @Override
    protected Kernel kernel(Node node, List<TensorType> outputTypes) {
        int correctionBits = node.attributes().getInt("input_correction_bits");
        int outputScale = (int) node.attributes().getLong("output_scale");
        return new SignalKernel(node, outputTypes) {
            @Override
            void run(Invocation inv) {
                int[] input = ints(inv.input(0));
                short[] out = new short[input.length];
                FilterBankLog.apply(input, outputScale, correctionBits, out);
                put(inv.output(0), out);
            }
        };
    }

    @Override
    protected GeneratedCase generate(RandomGenerator r, int size) {
        Tensor input = Random.uint32(r, r.nextInt(1, 33), Random.count(size, 40));
        Node node = Node.builder(op())
                .name("log")
                .input(input.type())
                .attr("input_correction_bits", r.nextInt(0, 9))
                .attr("output_scale", r.nextInt(1, 1 << 16))
                .build();
        return GeneratedCase.of(node, List.of(input));
    }
}
