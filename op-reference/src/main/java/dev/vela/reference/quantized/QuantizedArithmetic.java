package dev.vela.reference.quantized;

import dev.vela.reference.support.Broadcast;
import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.ActivationRange;
import java.util.EnumSet;
import java.util.Set;

/**
 * Add, Sub and Mul on quantized int8 / int16 tensors with broadcasting, bit-exact with TFLite
 * Micro's reference kernels: Add and Sub rescale both inputs to a common scale after a left shift
 * of 20 (int8) or 15 (int16) bits ({@code AddElementwise}); Mul multiplies the offset inputs and
 * requantizes once. Both inputs and the output share one element type; int16 Mul needs zero
 * points 0.
 */
public final class QuantizedArithmetic extends ReferenceKernelFactory {

    /** The three operations. */
    public enum Operation {
        /** TFLite ADD. */
        ADD("Add"),
        /** TFLite SUB. */
        SUB("Sub"),
        /** TFLite MUL. */
        MUL("Mul");

        final String opName;

        Operation(String opName) {
            this.opName = opName;
        }
    }

    private static final Set<DataType> TYPES = EnumSet.of(DataType.INT8, DataType.INT16);

    private final Operation operation;

    /** @param operation which operation the factory implements */
    public QuantizedArithmetic(Operation operation) {
        super(operation.opName, TYPES);
        this.operation = operation;
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 2, 2);
        TensorType a = QuantizedTensors.activation(node, 0, TYPES);
        TensorType b = QuantizedTensors.activation(node, 1, TYPES);
        NodeChecks.sameDataType(node, 0, 1);
        Quantization qa = QuantizedTensors.perTensor(node, 0);
        Quantization qb = QuantizedTensors.perTensor(node, 1);
        Shape shape = Broadcast.shape(node, a.shape(), b.shape());
        TensorType out = QuantizedTensors.output(node, a.dataType(), shape);
        if (out.dataType() != a.dataType()) {
            throw new InvalidNodeException(
                    node,
                    "output type " + out.dataType().label() + " must match the inputs' "
                            + a.dataType().label());
        }
        Quantization qy = out.quantization().orElseThrow();
        DataType t = a.dataType();
        QuantizedTensors.checkZeroPoint(node, "input 0", qa.zeroPoint(), t);
        QuantizedTensors.checkZeroPoint(node, "input 1", qb.zeroPoint(), t);
        QuantizedTensors.checkZeroPoint(node, "output", qy.zeroPoint(), t);
        ActivationRange range = QuantizedTensors.activationRange(node, out);
        int[] ia = Broadcast.sourceIndices(a.shape(), shape);
        int[] ib = Broadcast.sourceIndices(b.shape(), shape);
        ElementOp op = operation == Operation.MUL ? mul(node, qa, qb, qy, t) : addOrSub(qa, qb, qy, t);
        return FunctionKernel.of(out, inv -> invoke(inv, ia, ib, op, range));
    }

    /** One output element from two raw inputs, before the activation clamp. */
    @FunctionalInterface
    private interface ElementOp {
        int apply(int a, int b);
    }

    private ElementOp addOrSub(Quantization qa, Quantization qb, Quantization qy, DataType t) {
        int leftShift = t == DataType.INT16 ? 15 : 20;
        // TFLite's add.cc / sub.cc Prepare in double. (TFLM's current sub_common.cc divides in float,
        // but the seanet SUB goldens match the double computation, so both ops use it.)
        double twiceMax = 2 * (double) Math.max(qa.scale(), qb.scale());
        FixedPoint.Multiplier m1 = FixedPoint.quantizeMultiplierSmallerThanOneExp((double) qa.scale() / twiceMax);
        FixedPoint.Multiplier m2 = FixedPoint.quantizeMultiplierSmallerThanOneExp((double) qb.scale() / twiceMax);
        FixedPoint.Multiplier mo =
                FixedPoint.quantizeMultiplierSmallerThanOneExp(twiceMax / ((1 << leftShift) * (double) qy.scale()));
        int offA = (int) -qa.zeroPoint();
        int offB = (int) -qb.zeroPoint();
        int offY = (int) qy.zeroPoint();
        boolean subtract = operation == Operation.SUB;
        return (x, y) -> {
            int sa = FixedPoint.multiplyByQuantizedMultiplierSmallerThanOneExp(
                    (x + offA) * (1 << leftShift), m1.multiplier(), m1.shift());
            int sb = FixedPoint.multiplyByQuantizedMultiplierSmallerThanOneExp(
                    (y + offB) * (1 << leftShift), m2.multiplier(), m2.shift());
            int raw = subtract ? sa - sb : sa + sb;
            return FixedPoint.multiplyByQuantizedMultiplierSmallerThanOneExp(raw, mo.multiplier(), mo.shift()) + offY;
        };
    }

    private static ElementOp mul(Node node, Quantization qa, Quantization qb, Quantization qy, DataType t) {
        if (t == DataType.INT16 && (qa.zeroPoint() != 0 || qb.zeroPoint() != 0 || qy.zeroPoint() != 0)) {
            throw new InvalidNodeException(node, "int16 Mul needs zero point 0 on both inputs and the output");
        }
        FixedPoint.Multiplier m =
                FixedPoint.quantizeMultiplier((double) qa.scale() * (double) qb.scale() / (double) qy.scale());
        int offA = (int) -qa.zeroPoint();
        int offB = (int) -qb.zeroPoint();
        int offY = (int) qy.zeroPoint();
        return (x, y) ->
                offY + FixedPoint.multiplyByQuantizedMultiplier((x + offA) * (y + offB), m.multiplier(), m.shift());
    }

    private static void invoke(Invocation inv, int[] ia, int[] ib, ElementOp op, ActivationRange range) {
        int[] a = IntArrays.read(inv.input(0));
        int[] b = IntArrays.read(inv.input(1));
        int[] y = new int[ia.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = range.clamp(op.apply(a[ia[i]], b[ib[i]]));
        }
        IntArrays.write(inv.output(0), y);
    }
}
