package dev.vela.reference.elementwise;

import dev.vela.reference.support.Broadcast;
import dev.vela.reference.support.Elements;
import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.DataType;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.EnumSet;
import java.util.Set;

/**
 * Two inputs of one element type, broadcast together (ONNX multidirectional broadcasting), one
 * output of the same type. Floating types compute in double and round once to the element type;
 * integer types compute in long and wrap to the element width.
 */
abstract class BinaryElementwise extends ReferenceKernelFactory {

    static final Set<DataType> FLOATS = EnumSet.of(DataType.FLOAT32, DataType.FLOAT64, DataType.FLOAT16, DataType.BFLOAT16);
    static final Set<DataType> NUMBERS = EnumSet.of(DataType.FLOAT32, DataType.FLOAT64, DataType.FLOAT16,
            DataType.BFLOAT16, DataType.INT8, DataType.UINT8, DataType.INT16, DataType.UINT16, DataType.INT32,
            DataType.UINT32, DataType.INT64, DataType.UINT64);

    private final Set<DataType> types;

    BinaryElementwise(String op, Set<DataType> types) {
        super(op, types);
        this.types = types;
    }

    /** The operation on floating-point values. */
    abstract double apply(double a, double b);

    /**
     * The operation on integer values of type {@code type} (unsigned ones zero-extended); the
     * result is wrapped to the element width.
     */
    abstract long apply(long a, long b, DataType type);

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 2, 2);
        TensorType a = NodeChecks.dataType(node, 0, types);
        NodeChecks.sameDataType(node, 0, 1);
        Shape outShape = Broadcast.shape(node, a.shape(), node.inputType(1).shape());
        int[] aIndex = Broadcast.sourceIndices(a.shape(), outShape);
        int[] bIndex = Broadcast.sourceIndices(node.inputType(1).shape(), outShape);
        DataType type = a.dataType();
        TensorType out = TensorType.of(type, outShape);
        if (type == DataType.FLOAT32) {
            return FunctionKernel.of(out, inv -> invokeFloat32(inv, aIndex, bIndex));
        }
        if (type.isFloatingPoint()) {
            return FunctionKernel.of(out, inv -> invokeDouble(inv, aIndex, bIndex));
        }
        return FunctionKernel.of(out, inv -> invokeLong(inv, aIndex, bIndex, type));
    }

    private void invokeFloat32(Invocation inv, int[] aIndex, int[] bIndex) {
        float[] x = Elements.floats(inv.input(0));
        float[] y = Elements.floats(inv.input(1));
        float[] z = new float[aIndex.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) apply(x[aIndex[i]], y[bIndex[i]]);
        }
        Elements.put(inv.output(0), z);
    }

    private void invokeDouble(Invocation inv, int[] aIndex, int[] bIndex) {
        double[] x = Elements.doubles(inv.input(0));
        double[] y = Elements.doubles(inv.input(1));
        double[] z = new double[aIndex.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = apply(x[aIndex[i]], y[bIndex[i]]);
        }
        Elements.putDoubles(inv.output(0), z);
    }

    private void invokeLong(Invocation inv, int[] aIndex, int[] bIndex, DataType type) {
        Tensor out = inv.output(0);
        long[] x = Elements.longs(inv.input(0));
        long[] y = Elements.longs(inv.input(1));
        long[] z = new long[aIndex.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = apply(x[aIndex[i]], y[bIndex[i]], type);
        }
        Elements.putLongs(out, z);
    }
}
