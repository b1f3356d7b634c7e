package dev.vela.reference.tensor;

import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * ONNX Dropout at inference: the output is the input and the optional mask is all true (bool from
 * opset 10, the input's type before). From opset 12 a {@code training_mode} input that is true
 * with a {@code ratio} of 0 behaves the same; with a positive ratio the outputs would be random,
 * which a reference cannot define, so the node is refused. Before opset 7 {@code is_test} is
 * ignored, as inference engines do.
 */
public final class Dropout extends ReferenceKernelFactory {

    /** Creates the factory. */
    public Dropout() {
        super("Dropout", DataTypes.ALL);
    }

    @Override
    public Set<Integer> valueInputs(Node node) {
        Set<Integer> inputs = new HashSet<>();
        if (node.opsetVersion() >= 12 && node.hasInput(2)) {
            inputs.add(2);
            if (node.hasInput(1)) {
                inputs.add(1);
            }
        }
        return inputs;
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 1, node.opsetVersion() >= 12 ? 3 : 1);
        TensorType in = node.inputType(0);
        if (node.opsetVersion() >= 12 && node.hasInput(2) && trainingMode(node)) {
            double ratio = node.hasInput(1) ? NodeChecks.constant(node, 1).getDouble(0) : 0.5;
            if (ratio != 0) {
                throw new InvalidNodeException(
                        node,
                        "training_mode is true with ratio " + ratio
                                + ": the outputs would be random, which the reference does not compute");
            }
        }
        if (node.outputCount() < 1 || node.outputCount() > 2) {
            throw new InvalidNodeException(node, "expects 1 or 2 outputs, got " + node.outputCount());
        }
        List<TensorType> outs = new ArrayList<>();
        outs.add(in);
        if (node.outputCount() == 2) {
            outs.add(node.opsetVersion() >= 10 ? TensorType.of(DataType.BOOL, in.shape()) : in);
        }
        return FunctionKernel.of(outs, inv -> {
            inv.output(0).copyFrom(inv.input(0));
            if (inv.outputCount() == 2) {
                Constants.fillOne(inv.output(1));
            }
        });
    }

    private static boolean trainingMode(Node node) {
        Tensor t = NodeChecks.constant(node, 2);
        return t.dataType() == DataType.BOOL ? t.getLong(0) != 0 : t.getDouble(0) != 0;
    }
}
