package dev.vela.reference.quantized;

import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.TensorType;
import java.util.Set;
import java.util.function.IntUnaryOperator;

/**
 * Base of the element-wise quantized activations. A subclass supplies the exact integer function
 * of one element (written after TFLite's reference kernel); prepare evaluates it once for every
 * value of the input type (256 or 65536 entries) and invoke looks results up, which is bit-exact
 * by construction and cheap.
 */
abstract class QuantizedUnary extends ReferenceKernelFactory {

    private final Set<DataType> types;

    QuantizedUnary(String op, Set<DataType> types) {
        super(op, types);
        this.types = types;
    }

    /** How many leading inputs the op takes (further optional inputs are checked by the subclass). */
    int maxInputs() {
        return 1;
    }

    /**
     * @param node the node
     * @param in the quantized input type
     * @param out the quantized output type
     * @return the function from a raw input value to a raw output value (already saturated)
     */
    abstract IntUnaryOperator function(Node node, TensorType in, TensorType out);

    /** @return the output type; by default from the output attributes, else the input's parameters */
    TensorType outputType(Node node, TensorType in) {
        return QuantizedTensors.outputOrSame(node, in, in.shape());
    }

    @Override
    public Kernel prepare(Node node) {
        if (node.inputCount() < 1 || !node.hasInput(0) || node.inputCount() > maxInputs()) {
            throw new InvalidNodeException(
                    node,
                    "expects " + (maxInputs() == 1 ? "1 input" : "1.." + maxInputs() + " inputs") + ", got "
                            + node.inputCount());
        }
        TensorType in = QuantizedTensors.activation(node, 0, types);
        QuantizedTensors.perTensor(node, 0);
        TensorType out = outputType(node, in);
        if (out.dataType() != in.dataType()) {
            throw new InvalidNodeException(
                    node,
                    "output type " + out.dataType().label() + " must match input type "
                            + in.dataType().label());
        }
        QuantizedTensors.checkZeroPoint(
                node, "input", in.quantization().orElseThrow().zeroPoint(), in.dataType());
        QuantizedTensors.checkZeroPoint(
                node, "output", out.quantization().orElseThrow().zeroPoint(), out.dataType());
        IntUnaryOperator f = function(node, in, out);
        int lo = QuantizedTensors.min(in.dataType());
        int hi = QuantizedTensors.max(in.dataType());
        int[] table = new int[hi - lo + 1];
        for (int v = lo; v <= hi; v++) {
            table[v - lo] = f.applyAsInt(v);
        }
        return FunctionKernel.of(out, inv -> {
            int[] x = IntArrays.read(inv.input(0));
            for (int i = 0; i < x.length; i++) {
                x[i] = table[x[i] - lo];
            }
            IntArrays.write(inv.output(0), x);
        });
    }

    /** Clamps into the range of a quantized type. */
    static int saturate(int v, DataType t) {
        return Math.max(QuantizedTensors.min(t), Math.min(QuantizedTensors.max(t), v));
    }
}
