package dev.vela.samples.signal.ops;

import static dev.vela.samples.signal.ops.TensorArrays.put;
import static dev.vela.samples.signal.ops.TensorArrays.shorts;

import dev.vela.samples.signal.dsp.Energy;
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

/** {@code tflite:SignalEnergy}: {@link Energy}. */
public class EnergyOp extends SignalOp {
    public EnergyOp() {
        super("SignalEnergy", DataType.INT16);
    }

    @Override
    protected void describe(OperatorDefinition.Builder d) {
        d.doc("Squared magnitude of the complex int16 bins [start_index, end_index) of a spectrum, as uint32; other "
                        + "bins are 0 (TFLite Micro leaves them unwritten). TFLite Micro signal/src/energy.cc.")
                .typeConstraint(TypeConstraint.fixed("T", DataType.INT16))
                .typeConstraint(TypeConstraint.fixed("U", DataType.UINT32))
                .input(ParameterDefinition.required("spectrum", "T", "interleaved (real, imaginary) pairs, rank 1"))
                .output(ParameterDefinition.required("energy", "U", "one value per bin"))
                .attribute(AttributeDefinition.required("start_index", AttributeType.INT, "first bin"))
                .attribute(AttributeDefinition.required("end_index", AttributeType.INT, "one past the last bin"));
    }

    @Override
    protected List<TensorType> infer(Node node) {
        Shape spectrum = shapeOfRank(node, 0, "spectrum", 1);
        if (spectrum.dim(0) % 2 != 0) {
            throw new InvalidNodeException(node, "spectrum " + spectrum + " must hold (real, imaginary) pairs");
        }
        int bins = spectrum.dim(0) / 2;
        int start = intAttribute(node, "start_index", 0, bins);
        intAttribute(node, "end_index", start, bins);
        return List.of(TensorType.of(DataType.UINT32, bins));
    }

    @Override
    protected Kernel kernel(Node node, List<TensorType> outputTypes) {
        int start = node.attributes().getInt("start_index");
        int end = node.attributes().getInt("end_index");
        return new SignalKernel(node, outputTypes) {
            @Override
            void run(Invocation inv) {
                int[] out = new int[inv.output(0).elementCount()];
                Energy.apply(shorts(inv.input(0)), start, end, out);
                put(inv.output(0), out);
            }
        };
    }

    @Override
    protected GeneratedCase generate(RandomGenerator r, int size) {
        int bins = Random.count(size, 257);
        Tensor spectrum = Random.int16(r, 2 * bins);
        int start = r.nextInt(0, bins + 1);
        int end = r.nextInt(start, bins + 1);
        Node node = Node.builder(op())
                .name("energy")
                .input(spectrum.type())
                .attr("start_index", start)
                .attr("end_index", end)
                .build();
        return GeneratedCase.of(node, List.of(spectrum));
    }
}
