package dev.vela.reference.elementwise;

import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;

/** ONNX Not: logical negation of a bool tensor. */
public final class Not extends ReferenceKernelFactory {

    /** Creates the factory. */
    public Not() {
        super("Not", ElementTypes.BOOL);
    }

    @Override
    public Kernel prepare(Node node) {
        Unquantized.require(node);
        NodeChecks.inputCount(node, 1, 1);
        TensorType x = NodeChecks.dataType(node, 0, ElementTypes.BOOL);
        return FunctionKernel.of(x, inv -> {
            ByteBuffer in = inv.input(0).bytes();
            ByteBuffer out = inv.output(0).bytes();
            for (int i = 0; i < x.elementCount(); i++) {
                out.put(i, in.get(i) != 0 ? (byte) 0 : 1);
            }
        });
    }
}
