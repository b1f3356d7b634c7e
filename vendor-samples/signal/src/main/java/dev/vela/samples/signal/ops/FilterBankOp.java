package dev.vela.samples.signal.ops;

import static dev.vela.samples.signal.ops.TensorArrays.ints;
import static dev.vela.samples.signal.ops.TensorArrays.put;
import static dev.vela.samples.signal.ops.TensorArrays.shorts;

import dev.vela.samples.signal.dsp.FilterBank;
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
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.TypeConstraint;
import java.util.List;
import java.util.random.RandomGenerator;

/** {@code tflite:SignalFilterBank}: {@link FilterBank}. */
public class FilterBankOp extends SignalOp {
    private static final String[] TABLES = {
        "weights", "unweights", "channel_frequency_starts", "channel_weight_starts", "channel_widths"
    };

    public FilterBankOp() {
        super("SignalFilterBank", DataType.UINT32);
    }

    @Override
    protected void describe(OperatorDefinition.Builder d) {
        d.doc("Accumulates a uint32 energy spectrum into num_channels mel channels with triangular int16 weights, "
                        + "in uint64. TFLite Micro signal/src/filter_bank.cc.")
                .typeConstraint(TypeConstraint.fixed("U", DataType.UINT32))
                .typeConstraint(TypeConstraint.fixed("W", DataType.INT16))
                .typeConstraint(TypeConstraint.fixed("O", DataType.UINT64))
                .input(ParameterDefinition.required("energy", "U", "energy per spectrum bin, rank 1"))
                .input(ParameterDefinition.required("weights", "W", "triangular weights, rank 1"))
                .input(ParameterDefinition.required("unweights", "W", "1 - weights, rank 1"))
                .input(ParameterDefinition.required("channel_frequency_starts", "W", "num_channels + 1 bins"))
                .input(ParameterDefinition.required("channel_weight_starts", "W", "num_channels + 1 indices"))
                .input(ParameterDefinition.required("channel_widths", "W", "num_channels + 1 widths"))
                .output(ParameterDefinition.required("output", "O", "one value per channel"))
                .attribute(AttributeDefinition.required("num_channels", AttributeType.INT, "channels, at least 1"));
    }

    @Override
    protected List<TensorType> infer(Node node) {
        int channels = intAttribute(node, "num_channels", 1, 1 << 16);
        shapeOfRank(node, 0, "energy", 1);
        int weights = shapeOfRank(node, 1, "weights", 1).dim(0);
        if (shapeOfRank(node, 2, "unweights", 1).dim(0) != weights) {
            throw new InvalidNodeException(node, "weights and unweights must have the same length");
        }
        for (int i = 3; i < 6; i++) {
            int n = shapeOfRank(node, i, TABLES[i - 1], 1).dim(0);
            if (n != channels + 1) {
                throw new InvalidNodeException(
                        node,
                        "input " + i + " '" + TABLES[i - 1] + "' must hold num_channels" + " + 1 = " + (channels + 1)
                                + " values, got " + n);
            }
        }
        return List.of(TensorType.of(DataType.UINT64, channels));
    }

    @Override
    protected Kernel kernel(Node node, List<TensorType> outputTypes) {
        int channels = node.attributes().getInt("num_channels");
        return new SignalKernel(node, outputTypes) {
            @Override
            void run(Invocation inv) {
                long[] out = new long[channels];
                FilterBank.apply(
                        ints(inv.input(0)),
                        shorts(inv.input(1)),
                        shorts(inv.input(2)),
                        shorts(inv.input(3)),
                        shorts(inv.input(4)),
                        shorts(inv.input(5)),
                        channels,
                        out);
                put(inv.output(0), out);
            }
        };
    }

    @Override
    protected GeneratedCase generate(RandomGenerator r, int size) {
        int channels = Random.count(size, 40);
        short[] widths = new short[channels + 1];
        short[] frequencyStarts = new short[channels + 1];
        short[] weightStarts = new short[channels + 1];
        int bin = r.nextInt(0, 4);
        int weight = 0;
        for (int c = 0; c <= channels; c++) {
            widths[c] = (short) r.nextInt(1, 5);
            frequencyStarts[c] = (short) bin;
            weightStarts[c] = (short) weight;
            bin += widths[c];
            weight += widths[c];
        }
        Tensor energy = Random.uint32(r, r.nextInt(1, 33), bin + r.nextInt(0, 4));
        Tensor weights = Random.int16(r, weight);
        Tensor unweights = Random.int16(r, weight);
        Node node = Node.builder(op())
                .name("filter_bank")
                .input(energy.type())
                .input(weights.type())
                .input(unweights.type())
                .input(table(frequencyStarts).type())
                .input(table(weightStarts).type())
                .input(table(widths).type())
                .attr("num_channels", channels)
                .build();
        return GeneratedCase.of(
                node, List.of(energy, weights, unweights, table(frequencyStarts), table(weightStarts), table(widths)));
    }

    private static Tensor table(short[] values) {
        Tensor t = Tensor.allocate(TensorType.of(DataType.INT16, values.length));
        t.shorts().put(values);
        return t;
    }
}
