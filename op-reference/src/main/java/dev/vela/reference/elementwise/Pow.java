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
import dev.vela.spi.TensorType;
import dev.vela.spi.VelaException;
import java.util.Set;

/**
 * ONNX Pow: {@code Z = X ^ Y} with broadcasting. Base and exponent may have different types; the
 * output has the base's type (ONNX reference: {@code np.power(x, y).astype(x.dtype)}):
 * <ul>
 *   <li>floating base: computed in double with C {@code pow} special cases, rounded once;</li>
 *   <li>integer base, integer exponent: exact integer power, wrapped to the base's width; a
 *       negative exponent gives the truncated real result ({@code 1}, {@code ±1} for base -1,
 *       {@code 0} otherwise) and zero to a negative power fails naming the node;</li>
 *   <li>integer base, floating exponent: computed in double and truncated toward zero.</li>
 * </ul>
 */
public final class Pow extends ReferenceKernelFactory {

    private static final Set<DataType> BASES =
            ElementTypes.union(ElementTypes.FLOATS, ElementTypes.of(DataType.INT32, DataType.INT64));

    /** Creates the factory. */
    public Pow() {
        super("Pow", BASES);
    }

    @Override
    public Kernel prepare(Node node) {
        Unquantized.require(node);
        NodeChecks.inputCount(node, 2, 2);
        TensorType x = NodeChecks.dataType(node, 0, BASES);
        TensorType y = NodeChecks.dataType(node, 1, ElementTypes.NUMBERS);
        Shape yShape = LegacyBroadcast.secondOperand(node, x.shape(), y.shape());
        Shape outShape = Broadcast.shape(node, x.shape(), yShape);
        int[] xIndex = Broadcast.sourceIndices(x.shape(), outShape);
        int[] yIndex = Broadcast.sourceIndices(yShape, outShape);
        TensorType out = TensorType.of(x.dataType(), outShape);
        if (x.dataType().isFloatingPoint() || y.dataType().isFloatingPoint()) {
            boolean integerBase = !x.dataType().isFloatingPoint();
            return FunctionKernel.of(out, inv -> invokeReal(inv, xIndex, yIndex, integerBase));
        }
        boolean signedExponent = y.dataType().isSigned();
        String name = node.describe();
        return FunctionKernel.of(out, inv -> invokeInteger(inv, xIndex, yIndex, signedExponent, name));
    }

    private static void invokeReal(Invocation inv, int[] xIndex, int[] yIndex, boolean integerBase) {
        double[] x = Elements.doubles(inv.input(0));
        double[] y = Elements.doubles(inv.input(1));
        double[] z = new double[xIndex.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = pow(x[xIndex[i]], y[yIndex[i]]);
        }
        if (!integerBase) {
            FloatingWriter.put(inv.output(0), z);
            return;
        }
        long[] truncated = new long[z.length];
        for (int i = 0; i < z.length; i++) {
            truncated[i] = (long) z[i];
        }
        Elements.putLongs(inv.output(0), truncated);
    }

    private static void invokeInteger(Invocation inv, int[] xIndex, int[] yIndex, boolean signedExponent, String node) {
        long[] x = Elements.longs(inv.input(0));
        long[] y = Elements.longs(inv.input(1));
        long[] z = new long[xIndex.length];
        for (int i = 0; i < z.length; i++) {
            long base = x[xIndex[i]];
            long exponent = y[yIndex[i]];
            if (signedExponent && exponent < 0) {
                if (base == 0) {
                    throw new VelaException(node + ": integer zero raised to the negative power " + exponent);
                }
                z[i] = base == 1 ? 1 : base == -1 ? ((exponent & 1) == 0 ? 1 : -1) : 0;
            } else {
                z[i] = integerPower(base, exponent);
            }
        }
        Elements.putLongs(inv.output(0), z);
    }

    /** Square and multiply; the exponent's bits are read unsigned, products wrap modulo 2^64. */
    static long integerPower(long base, long exponent) {
        long result = 1;
        long b = base;
        for (long e = exponent; e != 0; e >>>= 1) {
            if ((e & 1) != 0) {
                result *= b;
            }
            b *= b;
        }
        return result;
    }

    /** C99 {@code pow}: like {@link Math#pow} except that 1^y and (-1)^±Inf are 1 even for NaN y. */
    static double pow(double x, double y) {
        if (x == 1.0 || (x == -1.0 && Double.isInfinite(y))) {
            return 1.0;
        }
        return Math.pow(x, y);
    }
}
