package dev.vela.reference.tensor;

import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.DataType;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.Arrays;

/**
 * ONNX EyeLike: a 2-D tensor of the input's shape with ones on the diagonal shifted by {@code k}
 * (positive: above) and zeros elsewhere, of type {@code dtype} (default: the input's).
 */
public final class EyeLike extends ReferenceKernelFactory {

    /** Creates the factory. */
    public EyeLike() {
        super("EyeLike", DataTypes.ALL);
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 1, 1);
        TensorType in = NodeChecks.rank(node, 0, 2);
        DataType type = node.attributes().has("dtype")
                ? DataTypes.fromOnnx(node, node.attributes().getLong("dtype"))
                : in.dataType();
        long k = node.attributes().getLong("k", 0);
        int rows = in.shape().dim(0);
        int cols = in.shape().dim(1);
        return FunctionKernel.of(TensorType.of(type, in.shape()), inv -> {
            Tensor out = inv.output(0);
            java.nio.ByteBuffer b = out.bytes();
            byte[] zeros = new byte[b.capacity()];
            Arrays.fill(zeros, (byte) 0);
            b.put(0, zeros);
            for (int i = 0; i < rows; i++) {
                long j = i + k;
                if (j >= 0 && j < cols) {
                    Constants.setOne(out, i * cols + (int) j);
                }
            }
        });
    }
}
