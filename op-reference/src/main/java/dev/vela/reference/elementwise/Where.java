package dev.vela.reference.elementwise;

import dev.vela.reference.support.Broadcast;
import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.DataType;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;

/**
 * ONNX Where: {@code condition ? X : Y} element by element, the three inputs broadcast together;
 * X and Y share any element type, which the output has. Elements are copied as raw bytes.
 */
public final class Where extends ReferenceKernelFactory {

    /** Creates the factory. */
    public Where() {
        super("Where", ElementTypes.ALL);
    }

    @Override
    public Kernel prepare(Node node) {
        Unquantized.require(node);
        NodeChecks.inputCount(node, 3, 3);
        TensorType c = NodeChecks.dataType(node, 0, ElementTypes.BOOL);
        TensorType x = NodeChecks.dataType(node, 1, ElementTypes.ALL);
        NodeChecks.sameDataType(node, 1, 2);
        Shape yShape = node.inputType(2).shape();
        Shape outShape = Broadcast.shape(node, c.shape(), x.shape(), yShape);
        int[] cIndex = Broadcast.sourceIndices(c.shape(), outShape);
        int[] xIndex = Broadcast.sourceIndices(x.shape(), outShape);
        int[] yIndex = Broadcast.sourceIndices(yShape, outShape);
        DataType type = x.dataType();
        int size = type.byteSize();
        return FunctionKernel.of(TensorType.of(type, outShape), inv -> {
            ByteBuffer cond = inv.input(0).bytes();
            ByteBuffer xs = inv.input(1).bytes();
            ByteBuffer ys = inv.input(2).bytes();
            ByteBuffer out = inv.output(0).bytes();
            for (int i = 0; i < cIndex.length; i++) {
                boolean takeX = cond.get(cIndex[i]) != 0;
                ByteBuffer src = takeX ? xs : ys;
                int from = (takeX ? xIndex[i] : yIndex[i]) * size;
                for (int k = 0; k < size; k++) {
                    out.put(i * size + k, src.get(from + k));
                }
            }
        });
    }
}
