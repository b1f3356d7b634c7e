package dev.vela.reference.quantized;

import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.RecurrentState;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.util.EnumSet;

/**
 * TFLite SVDF with int8 input and output, following TFLite Micro's
 * {@code EvalIntegerSvdfReference}: the activation state [B, F * M] (int16 or int8) shifts one
 * step left, the feature projection of the input (requantized with {@code s_in * s_wf / s_state})
 * fills its last column, the time weights [F, M] (int16 or int8) filter each row, the {@code rank}
 * filters of every unit sum with the int32 bias, and {@code s_state * s_wt / s_out} requantizes.
 * As TFLM, the fused activation is not applied on this path.
 *
 * <p>Inputs: 0 input [B, I], 1 weights_feature [F, I], 2 weights_time [F, M], 3 bias [U] (optional,
 * scale {@code s_state * s_wt}), 4 activation state. Attribute {@code rank}. The state's initial
 * value is read from input 4 and not written back (persisting it is the runtime's job).
 */
public final class QuantizedSvdf extends ReferenceKernelFactory {

    /** Creates the factory. */
    public QuantizedSvdf() {
        super("tflite:SVDF", EnumSet.of(DataType.INT8));
    }

    private record Params(
            int batch,
            int input,
            int filters,
            int units,
            int rank,
            int memory,
            int inputZero,
            int stateZero,
            int outputZero,
            FixedPoint.Multiplier scale1,
            FixedPoint.Multiplier scale2,
            int stateMin,
            int stateMax,
            boolean hasBias) {}

    @Override
    public Kernel prepare(Node node) {
        if (node.inputCount() != 5) {
            throw new InvalidNodeException(node, "expects 5 inputs (bias may be absent), got " + node.inputCount());
        }
        for (int i : new int[] {0, 1, 2, 4}) {
            if (!node.hasInput(i)) {
                throw new InvalidNodeException(node, "required input " + i + " is missing");
            }
        }
        TensorType x = QuantizedTensors.activation(node, 0, EnumSet.of(DataType.INT8));
        NodeChecks.rank(node, 0, 2);
        TensorType wf = node.inputType(1);
        TensorType wt = node.inputType(2);
        TensorType st = node.inputType(4);
        if (wf.dataType() != DataType.INT8 || wf.shape().rank() != 2) {
            throw new InvalidNodeException(node, "weights_feature (input 1) must be int8 2-D, got " + wf);
        }
        if (!EnumSet.of(DataType.INT8, DataType.INT16).contains(wt.dataType())
                || wt.shape().rank() != 2
                || !EnumSet.of(DataType.INT8, DataType.INT16).contains(st.dataType())) {
            throw new InvalidNodeException(
                    node, "weights_time and activation state must be int8 or int16, got " + wt + " and " + st);
        }
        int rank = node.attributes().getInt("rank", 1);
        int batch = x.shape().dim(0);
        int inputSize = x.shape().dim(1);
        int filters = wf.shape().dim(0);
        int memory = wt.shape().dim(1);
        if (rank < 1
                || filters % rank != 0
                || wf.shape().dim(1) != inputSize
                || wt.shape().dim(0) != filters
                || st.elementCount() != batch * filters * memory) {
            throw new InvalidNodeException(
                    node,
                    "inconsistent SVDF shapes: input " + x.shape() + ", weights_feature " + wf.shape()
                            + ", weights_time " + wt.shape() + ", state " + st.shape() + ", rank " + rank);
        }
        int units = filters / rank;
        Quantization qx = QuantizedTensors.perTensor(node, 0);
        Quantization qwf = QuantizedTensors.perTensor(node, 1);
        Quantization qwt = QuantizedTensors.perTensor(node, 2);
        Quantization qs = QuantizedTensors.perTensor(node, 4);
        boolean hasBias = node.hasInput(3);
        if (hasBias) {
            TensorType b = node.inputType(3);
            if (b.dataType() != DataType.INT32 || b.elementCount() != units) {
                throw new InvalidNodeException(node, "bias (input 3) must be int32[" + units + "], got " + b);
            }
            if (b.isQuantized()
                    && Math.abs((double) b.quantization().get().scale() - (double) (qs.scale() * qwt.scale()))
                            >= 1e-5) {
                throw new InvalidNodeException(
                        node,
                        "bias (input 3) scale " + b.quantization().get().scale()
                                + " differs from state scale * time weight scale " + qs.scale() * qwt.scale());
            }
        }
        TensorType out = QuantizedTensors.output(node, DataType.INT8, Shape.of(batch, units));
        if (out.dataType() != DataType.INT8) {
            throw new InvalidNodeException(node, "SVDF output must be int8");
        }
        Quantization qy = out.quantization().orElseThrow();
        // TFLM: the scale products and ratios in float, widened to double
        FixedPoint.Multiplier s1 = FixedPoint.quantizeMultiplier((double) (qx.scale() * qwf.scale() / qs.scale()));
        FixedPoint.Multiplier s2 = FixedPoint.quantizeMultiplier((double) (qs.scale() * qwt.scale() / qy.scale()));
        Params p = new Params(
                batch,
                inputSize,
                filters,
                units,
                rank,
                memory,
                (int) qx.zeroPoint(),
                (int) qs.zeroPoint(),
                (int) qy.zeroPoint(),
                s1,
                s2,
                QuantizedTensors.min(st.dataType()),
                QuantizedTensors.max(st.dataType()),
                hasBias);
        return FunctionKernel.stateful(
                out,
                RecurrentState.fromConstantInputs(node, java.util.List.of("activation_state"), 4),
                inv -> invoke(inv, p));
    }

    private static void invoke(Invocation inv, Params p) {
        int[] x = IntArrays.read(inv.input(0));
        int[] wf = IntArrays.read(inv.input(1));
        int[] wt = IntArrays.read(inv.input(2));
        int[] bias = p.hasBias ? IntArrays.read(inv.input(3)) : new int[p.units];
        int[] state = IntArrays.read(RecurrentState.current(inv, 0, 4));
        int m = p.memory;
        // shift the whole state buffer left by one element, as TFLM does
        System.arraycopy(state, 1, state, 0, state.length - 1);
        for (int b = 0; b < p.batch; b++) {
            for (int r = 0; r < p.filters; r++) {
                int dot = 0;
                for (int c = 0; c < p.input; c++) {
                    dot += wf[r * p.input + c] * (x[b * p.input + c] - p.inputZero);
                }
                dot = FixedPoint.multiplyByQuantizedMultiplier(dot, p.scale1.multiplier(), p.scale1.shift());
                dot = Math.min(Math.max(p.stateMin, dot), p.stateMax);
                state[(b * p.filters + r) * m + m - 1] = p.stateZero + dot;
            }
        }
        int[] y = new int[p.batch * p.units];
        for (int b = 0; b < p.batch; b++) {
            for (int u = 0; u < p.units; u++) {
                int acc = bias[u];
                for (int k = 0; k < p.rank; k++) {
                    int f = u * p.rank + k;
                    int s = 0;
                    for (int j = 0; j < m; j++) {
                        s += wt[f * m + j] * (state[(b * p.filters + f) * m + j] - p.stateZero);
                    }
                    acc += s;
                }
                int v = FixedPoint.multiplyByQuantizedMultiplier(acc, p.scale2.multiplier(), p.scale2.shift())
                        + p.outputZero;
                y[b * p.units + u] = Math.min(Math.max(-128, v), 127);
            }
        }
        IntArrays.write(inv.output(0), y);
        RecurrentState.update(inv, 0, state);
    }
}
