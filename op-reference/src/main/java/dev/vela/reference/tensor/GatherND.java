package dev.vela.reference.tensor;

import dev.vela.reference.support.Elements;
import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;

/**
 * ONNX GatherND: each row of the last indices axis ({@code k} values, possibly negative) addresses
 * a slice of {@code data} below the first {@code batch_dims} axes, which data and indices share.
 * Output shape: {@code indices.shape[:-1] + data.shape[batch_dims + k:]}.
 */
public final class GatherND extends ReferenceKernelFactory {

    /** Creates the factory. */
    public GatherND() {
        super("GatherND", DataTypes.ALL);
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 2, 2);
        TensorType data = node.inputType(0);
        TensorType indices = NodeChecks.dataType(node, 1, java.util.Set.of(dev.vela.spi.DataType.INT64));
        NdIndexing nd = NdIndexing.of(
                node, data.shape(), indices.shape(), (int) node.attributes().getLong("batch_dims", 0));
        int[] idxDims = indices.shape().dims();
        int[] dataDims = data.shape().dims();
        int q = idxDims.length;
        int r = dataDims.length;
        int[] outDims = new int[q - 1 + r - nd.batchDims() - nd.depth()];
        System.arraycopy(idxDims, 0, outDims, 0, q - 1);
        System.arraycopy(dataDims, nd.batchDims() + nd.depth(), outDims, q - 1, r - nd.batchDims() - nd.depth());
        int size = data.dataType().byteSize();
        return FunctionKernel.of(QuantizedAxes.moved(node, data, Shape.of(outDims), -1), inv -> invoke(inv, nd, size));
    }

    private static void invoke(Invocation inv, NdIndexing nd, int size) {
        int[] offsets = nd.sliceOffsets(Elements.longs(inv.input(1)));
        ByteBuffer src = inv.input(0).bytes();
        ByteBuffer dst = inv.output(0).bytes();
        for (int i = 0; i < offsets.length; i++) {
            Blocks.copy(src, offsets[i], dst, i * nd.sliceSize(), nd.sliceSize(), size);
        }
    }
}
