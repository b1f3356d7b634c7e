package dev.vela.reference.quantized;

import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.NumericsFlavour;
import dev.vela.spi.Quantization;
import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.ActivationRange;

/**
 * TFLite FULLY_CONNECTED on quantized tensors, as ONNX {@code Gemm} (A [M, K], B [N, K] with
 * {@code transB=1} or [K, N], optional bias C [N]) or {@code MatMul} (A [..., M, K], B [K, N]),
 * bit-exact with {@code reference_integer_ops::FullyConnected}: int8 (per-tensor or per-channel
 * symmetric weights), 16x8 (int32 bias: 32-bit accumulator; int64 bias or none: 64-bit) and uint8
 * (weights with a zero point). Per-tensor multipliers multiply the scales in float first
 * ({@code GetQuantizedConvolutionMultipler}); per-channel ones in double. That is the {@code tflm} numerics
 * flavour; with {@link NumericsFlavour#TFLITE} a node (int8, uint8 and 16x8 alike) requantizes as TFLite 2.20's
 * reference kernel does, in double with one rounding ({@link DoubleRequantization}).
 */
public final class QuantizedFullyConnected extends ReferenceKernelFactory {

    private final boolean gemm;

    /**
     * @param opName "Gemm" or "MatMul"
     */
    public QuantizedFullyConnected(String opName) {
        super(opName, QuantizedTensors.ACTIVATION_TYPES);
        this.gemm = opName.equals("Gemm");
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 2, gemm ? 3 : 2);
        TensorType a = QuantizedTensors.activation(node, 0, QuantizedTensors.ACTIVATION_TYPES);
        DataType at = a.dataType();
        TensorType b = node.inputType(1);
        DataType expectedW = at == DataType.UINT8 ? DataType.UINT8 : DataType.INT8;
        if (b.dataType() != expectedW) {
            throw new InvalidNodeException(
                    node,
                    "weights (input 1) must be " + expectedW.label() + " for " + at.label() + " activations, got "
                            + b.dataType().label());
        }
        boolean transB = false;
        if (gemm) {
            if (node.attributes().getLong("transA", 0) != 0) {
                throw new InvalidNodeException(node, "quantized Gemm does not support transA=1");
            }
            if (node.attributes().getFloat("alpha", 1f) != 1f
                    || node.attributes().getFloat("beta", 1f) != 1f) {
                throw new InvalidNodeException(node, "quantized Gemm needs alpha = beta = 1");
            }
            transB = node.attributes().getLong("transB", 0) != 0;
            NodeChecks.rank(node, 0, 2);
        }
        if (b.shape().rank() != 2) {
            throw new InvalidNodeException(node, "weights (input 1) must be 2-D, got " + b.shape());
        }
        MatMulCore core = MatMulCore.of(node, a.shape(), b.shape(), transB);
        ChannelQuantization wq = ChannelQuantization.ofWeights(node, 1, core.cols, transB ? 0 : 1);
        boolean perChannel = b.quantization().orElseThrow().count() > 1;
        Quantization xq = QuantizedTensors.perTensor(node, 0);
        TensorType out = QuantizedTensors.output(node, at, core.outputShape);
        Quantization yq = out.quantization().orElseThrow();
        if (out.dataType() != at) {
            throw new InvalidNodeException(
                    node, "output type " + out.dataType().label() + " must match the input type " + at.label());
        }
        if (at != DataType.UINT8) {
            wq.requireSymmetric(node, 1);
        } else if (perChannel) {
            throw new InvalidNodeException(node, "uint8 fully-connected needs per-tensor weight quantization");
        }
        if (at == DataType.INT16 && (xq.zeroPoint() != 0 || yq.zeroPoint() != 0)) {
            throw new InvalidNodeException(node, "int16 activations need zero point 0");
        }
        QuantizedTensors.checkZeroPoint(node, "input", xq.zeroPoint(), at);
        QuantizedTensors.checkZeroPoint(node, "output", yq.zeroPoint(), out.dataType());
        boolean hasBias = gemm && node.inputCount() > 2 && node.hasInput(2);
        boolean wide = at == DataType.INT16;
        if (hasBias) {
            DataType bt = node.inputType(2).dataType();
            if (!(bt == DataType.INT32 || at == DataType.INT16 && bt == DataType.INT64)) {
                throw new InvalidNodeException(
                        node,
                        "bias (input 2) must be int32" + (at == DataType.INT16 ? " or int64" : "") + ", got "
                                + bt.label());
            }
            wq.checkBias(node, 2, xq.scale());
            wide = at == DataType.INT16 && bt == DataType.INT64;
        }
        FixedPoint.Multiplier[] mult = Requantize.convMultipliers(xq.scale(), wq.scales(), yq.scale(), !perChannel);
        ActivationRange range = QuantizedTensors.activationRange(node, out);
        int[] xZero = new int[core.rows];
        java.util.Arrays.fill(xZero, (int) xq.zeroPoint());
        int yZero = (int) yq.zeroPoint();
        int[] wZero = wq.zeroPoints();
        boolean wideAcc = wide;
        if (NumericsFlavour.of(node) == NumericsFlavour.TFLITE) {
            DoubleRequantization requant = new DoubleRequantization(xq.scale(), wq.scales(), yq.scale());
            return FunctionKernel.of(
                    out, inv -> invokeTflite(inv, core, xZero, wZero, hasBias, requant, yZero, range, wideAcc));
        }
        return FunctionKernel.of(out, inv -> invoke(inv, core, xZero, wZero, hasBias, mult, yZero, range, wideAcc));
    }

    private static void invoke(
            Invocation inv,
            MatMulCore core,
            int[] xZero,
            int[] wZero,
            boolean hasBias,
            FixedPoint.Multiplier[] mult,
            int yZero,
            ActivationRange range,
            boolean wide) {
        long[] acc = core.accumulate(IntArrays.read(inv.input(0)), xZero, IntArrays.read(inv.input(1)), wZero);
        long[] bias = hasBias ? IntArrays.readLongs(inv.input(2)) : null;
        int[] y = new int[acc.length];
        for (int i = 0; i < acc.length; i++) {
            int c = core.columnOf(i);
            FixedPoint.Multiplier m = mult[c];
            int scaled;
            if (wide) {
                scaled = FixedPoint.multiplyByQuantizedMultiplier(
                        acc[i] + (bias != null ? bias[c] : 0), m.multiplier(), m.shift());
            } else {
                scaled = FixedPoint.multiplyByQuantizedMultiplier(
                        (int) acc[i] + (bias != null ? (int) bias[c] : 0), m.multiplier(), m.shift());
            }
            y[i] = range.clamp(scaled + yZero);
        }
        IntArrays.write(inv.output(0), y);
    }

    /** The {@code tflite} flavour: the same accumulator, requantized in double. */
    private static void invokeTflite(
            Invocation inv,
            MatMulCore core,
            int[] xZero,
            int[] wZero,
            boolean hasBias,
            DoubleRequantization requant,
            int yZero,
            ActivationRange range,
            boolean wide) {
        long[] acc = core.accumulate(IntArrays.read(inv.input(0)), xZero, IntArrays.read(inv.input(1)), wZero);
        long[] bias = hasBias ? IntArrays.readLongs(inv.input(2)) : null;
        int[] y = new int[acc.length];
        for (int i = 0; i < acc.length; i++) {
            int c = core.columnOf(i);
            // a 32-bit accumulator wraps as TFLite's does; a 64-bit one (int16x8) keeps the sum in int64
            long total = wide
                    ? acc[i] + (bias != null ? bias[c] : 0)
                    : (long) ((int) acc[i] + (bias != null ? (int) bias[c] : 0));
            y[i] = range.clamp(requant.apply(total, c) + yZero);
        }
        IntArrays.write(inv.output(0), y);
    }
}
