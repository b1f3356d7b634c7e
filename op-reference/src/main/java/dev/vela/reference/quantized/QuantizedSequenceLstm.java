package dev.vela.reference.quantized;

import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.RecurrentState;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.NumericsFlavour;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.FusedActivation;
import java.util.EnumSet;

/**
 * TFLite UNIDIRECTIONAL_SEQUENCE_LSTM with integer activations (int8 or int16), int8 weights and
 * an int16 cell state, bit-exact with TFLite Micro's {@code lstm_eval}: each gate is two
 * fully-connected layers (input and recurrent) into Q3.12, a saturating int16 add, then the int16
 * sigmoid or tanh table; the cell is {@code f * c + i * g} with fixed-point multipliers (and the
 * optional clip), the hidden state {@code o * tanh(c)} requantized to the hidden state's type.
 *
 * <p>Inputs in TFLite order (24; 9-11 peepholes, 16-17 projection and 20-23 layer norm must be
 * absent; input 1/5/12, the input gate, must be present): 0 input [B, T, I] (or [T, B, I] with
 * {@code time_major}=1), 1-4 input weights, 5-8 recurrent weights, 12-15 gate biases, 18 hidden
 * state [B, S], 19 cell state [B, S]. When inputs 18 and 19 are constant (TFLite variable
 * tensors) they are the initial value of the kernel's declared state, which it updates after every
 * invocation as TFLite does; otherwise every invocation starts from their values.
 * Attributes: {@code cell_clip} (float, 0 = none), {@code time_major}, {@code activation}
 * ("Tanh", default, or "Sigmoid") for the cell gate. Output [B, T, S] with the hidden state's
 * quantization unless output attributes say otherwise. With the {@code tflite} numerics flavour
 * ({@link NumericsFlavour#of}) the gate and cell activations are gemmlowp's int16 fixed-point
 * logistic and tanh ({@link GemmlowpInt16}), as in TFLite's reference kernel.
 */
public final class QuantizedSequenceLstm extends ReferenceKernelFactory {

    private static final int INPUT = 0;
    private static final int HIDDEN = 18;
    private static final int CELL = 19;
    private static final java.util.List<String> STATE_NAMES = java.util.List.of("output_state", "cell_state");
    /** Q3.12, the scale of every gate pre-activation. */
    private static final float GATE_SCALE = 0.000244140625f;
    /** Q0.15, the scale of every gate activation. */
    private static final float ACTIVATION_SCALE = 0.000030517578125f;

    /** Creates the factory. */
    public QuantizedSequenceLstm() {
        super("tflite:UnidirectionalSequenceLSTM", EnumSet.of(DataType.INT8, DataType.INT16));
    }

    /** Fixed-point parameters of one gate: input and recurrent fully-connected multipliers. */
    private record Gate(
            int inputWeights,
            int recurrentWeights,
            int bias,
            FixedPoint.Multiplier inputMultiplier,
            FixedPoint.Multiplier recurrentMultiplier,
            boolean tanh) {}

    @Override
    public Kernel prepare(Node node) {
        if (node.inputCount() < 20 || node.inputCount() > 24) {
            throw new InvalidNodeException(node, "expects 20..24 inputs in TFLite order, got " + node.inputCount());
        }
        TensorType x = QuantizedTensors.activation(node, INPUT, EnumSet.of(DataType.INT8, DataType.INT16));
        for (int i : new int[] {9, 10, 11, 16, 17, 20, 21, 22, 23}) {
            if (node.inputCount() > i && node.hasInput(i)) {
                throw new InvalidNodeException(
                        node, "input " + i + " (peephole, projection or layer norm) is not " + "supported");
            }
        }
        for (int i : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 12, 13, 14, 15, HIDDEN, CELL}) {
            if (!node.hasInput(i)) {
                throw new InvalidNodeException(node, "required input " + i + " is missing (CIFG is not supported)");
            }
        }
        boolean timeMajor = node.attributes().getLong("time_major", 0) != 0;
        Shape xs = x.shape();
        if (xs.rank() != 3) {
            throw new InvalidNodeException(node, "input must be rank 3, got " + xs);
        }
        int batch = timeMajor ? xs.dim(1) : xs.dim(0);
        int steps = timeMajor ? xs.dim(0) : xs.dim(1);
        int inputSize = xs.dim(2);
        TensorType hidden = node.inputType(HIDDEN);
        TensorType cell = node.inputType(CELL);
        if (hidden.dataType() != x.dataType() || cell.dataType() != DataType.INT16) {
            throw new InvalidNodeException(
                    node,
                    "hidden state must be " + x.dataType().label() + " and cell state int16, got "
                            + hidden.dataType().label() + " and "
                            + cell.dataType().label());
        }
        int state = hidden.shape().dim(hidden.shape().rank() - 1);
        if (hidden.elementCount() != batch * state || cell.elementCount() != batch * state) {
            throw new InvalidNodeException(
                    node, "states must hold batch x state = " + batch + " x " + state + " values");
        }
        Quantization qx = QuantizedTensors.perTensor(node, INPUT);
        Quantization qh = QuantizedTensors.perTensor(node, HIDDEN);
        Quantization qc = QuantizedTensors.perTensor(node, CELL);
        boolean wide = x.dataType() == DataType.INT16;
        FusedActivation cellActivation =
                FusedActivation.isPresent(node.attributes()) ? FusedActivation.of(node) : FusedActivation.TANH;
        if (cellActivation.kind() != FusedActivation.Kind.TANH
                && cellActivation.kind() != FusedActivation.Kind.SIGMOID) {
            throw new InvalidNodeException(node, "cell gate activation must be Tanh or Sigmoid, got " + cellActivation);
        }
        Gate[] gates = new Gate[4]; // input, forget, cell, output
        for (int g = 0; g < 4; g++) {
            int iw = 1 + g;
            int rw = 5 + g;
            int b = 12 + g;
            checkWeights(node, iw, state, inputSize);
            checkWeights(node, rw, state, state);
            DataType bt = node.inputType(b).dataType();
            if (bt != (wide ? DataType.INT64 : DataType.INT32)
                    || node.inputType(b).elementCount() != state) {
                throw new InvalidNodeException(
                        node,
                        "gate bias (input " + b + ") must be " + (wide ? "int64" : "int32") + "[" + state + "], got "
                                + node.inputType(b));
            }
            // TFLite GetQuantizedConvolutionMultipler: the scale product in float
            float sw = QuantizedTensors.perTensor(node, iw).scale();
            float sr = QuantizedTensors.perTensor(node, rw).scale();
            gates[g] = new Gate(
                    iw,
                    rw,
                    b,
                    FixedPoint.quantizeMultiplier((double) (qx.scale() * sw) / (double) GATE_SCALE),
                    FixedPoint.quantizeMultiplier((double) (qh.scale() * sr) / (double) GATE_SCALE),
                    g == 2 && cellActivation.kind() == FusedActivation.Kind.TANH);
        }
        Integer cellPower = checkedLog2(qc.scale());
        if (cellPower == null) {
            throw new InvalidNodeException(node, "cell state scale " + qc.scale() + " must be a power of two");
        }
        float cellClip = node.attributes().getFloat("cell_clip", 0f);
        int quantizedClip = (int) Math.min(Math.max((double) cellClip / (double) qc.scale(), -32768.0), 32767.0);
        FixedPoint.Multiplier forgetCell = mulMultiplier(ACTIVATION_SCALE, qc.scale(), qc.scale());
        FixedPoint.Multiplier inputCell = mulMultiplier(ACTIVATION_SCALE, ACTIVATION_SCALE, qc.scale());
        FixedPoint.Multiplier outputHidden = mulMultiplier(ACTIVATION_SCALE, ACTIVATION_SCALE, qh.scale());
        Shape outShape = timeMajor ? Shape.of(steps, batch, state) : Shape.of(batch, steps, state);
        TensorType out = QuantizedTensors.outputOrSame(node, hidden, outShape);
        Params p = new Params(
                batch,
                steps,
                inputSize,
                state,
                timeMajor,
                wide,
                gates,
                (int) -qx.zeroPoint(),
                (int) -qh.zeroPoint(),
                (int) qh.zeroPoint(),
                cellPower,
                cellClip > 0,
                quantizedClip,
                forgetCell,
                inputCell,
                outputHidden,
                QuantizedTensors.min(hidden.dataType()),
                QuantizedTensors.max(hidden.dataType()),
                NumericsFlavour.of(node) == NumericsFlavour.TFLITE);
        return FunctionKernel.stateful(
                out, RecurrentState.fromConstantInputs(node, STATE_NAMES, HIDDEN, CELL), inv -> invoke(inv, p));
    }

    private static void checkWeights(Node node, int index, int rows, int cols) {
        TensorType w = node.inputType(index);
        if (w.dataType() != DataType.INT8
                || w.shape().rank() != 2
                || w.shape().dim(0) != rows
                || w.shape().dim(1) != cols) {
            throw new InvalidNodeException(
                    node, "weights (input " + index + ") must be int8[" + rows + "x" + cols + "], got " + w);
        }
        QuantizedTensors.perTensor(node, index);
    }

    private static FixedPoint.Multiplier mulMultiplier(float s1, float s2, float out) {
        return FixedPoint.quantizeMultiplier((double) s1 * (double) s2 / (double) out);
    }

    private static Integer checkedLog2(float x) {
        float log2 = (float) Math.log(x) * (float) (1.0 / Math.log(2.0));
        float rounded = FixedPoint.round(log2);
        return Math.abs(log2 - rounded) < 1e-3f ? (int) rounded : null;
    }

    private record Params(
            int batch,
            int steps,
            int inputSize,
            int state,
            boolean timeMajor,
            boolean wide,
            Gate[] gates,
            int inputOffset,
            int hiddenOffset,
            int hiddenZero,
            int cellPower,
            boolean clip,
            int quantizedClip,
            FixedPoint.Multiplier forgetCell,
            FixedPoint.Multiplier inputCell,
            FixedPoint.Multiplier outputHidden,
            int hiddenMin,
            int hiddenMax,
            boolean gemmlowpActivations) {}

    /**
     * A gate's activation of its Q3.12 pre-activation: TFLite Micro's table-based int16 sigmoid/tanh, or with the
     * {@code tflite} flavour gemmlowp's fixed-point functions as TFLite's {@code ApplySigmoid}/{@code ApplyTanh(3)}.
     */
    private static int activation(Params p, boolean tanh, int q312, int integerBits) {
        if (p.gemmlowpActivations()) {
            return tanh ? GemmlowpInt16.tanh(q312, integerBits) : GemmlowpInt16.logistic(q312, integerBits);
        }
        // Q3.12 in: sigmoid with multiplier 3, tanh with cell_state_scale_power -12 (also 3, 0)
        return tanh ? QuantizedSigmoidTanh.tanhInt16(q312, 0, 0) : QuantizedSigmoidTanh.logisticInt16(q312, 0, 0);
    }

    private static void invoke(Invocation inv, Params p) {
        int[] x = IntArrays.read(inv.input(INPUT));
        int[] hidden = IntArrays.read(RecurrentState.current(inv, 0, HIDDEN));
        int[] cell = IntArrays.read(RecurrentState.current(inv, 1, CELL));
        int[][] weightsIn = new int[4][];
        int[][] weightsRec = new int[4][];
        long[][] bias = new long[4][];
        for (int g = 0; g < 4; g++) {
            weightsIn[g] = IntArrays.read(inv.input(p.gates[g].inputWeights()));
            weightsRec[g] = IntArrays.read(inv.input(p.gates[g].recurrentWeights()));
            bias[g] = IntArrays.readLongs(inv.input(p.gates[g].bias()));
        }
        int s = p.state;
        int[] out = new int[p.batch * p.steps * s];
        int[][] gate = new int[4][s];
        int[] tanhCell = new int[s];
        // batch-major: each batch row runs its own time loop, as TFLM does for time_major = 0
        for (int b = 0; b < p.batch; b++) {
            for (int t = 0; t < p.steps; t++) {
                int xBase = p.timeMajor ? (t * p.batch + b) * p.inputSize : (b * p.steps + t) * p.inputSize;
                int hBase = b * s;
                for (int g = 0; g < 4; g++) {
                    Gate gp = p.gates[g];
                    for (int j = 0; j < s; j++) {
                        int fromInput = fullyConnected(
                                x,
                                xBase,
                                p.inputSize,
                                p.inputOffset,
                                weightsIn[g],
                                j,
                                bias[g][j],
                                gp.inputMultiplier(),
                                p.wide);
                        int fromState = fullyConnected(
                                hidden,
                                hBase,
                                s,
                                p.hiddenOffset,
                                weightsRec[g],
                                j,
                                0,
                                gp.recurrentMultiplier(),
                                p.wide);
                        int sum = Math.max(-32768, Math.min(32767, fromInput + fromState));
                        // Q3.12 in: sigmoid with multiplier 3, tanh with cell_state_scale_power -12 (also 3, 0)
                        gate[g][j] = activation(p, gp.tanh(), sum, 3);
                    }
                    if (g == 2) {
                        updateCell(p, cell, hBase, gate);
                    }
                }
                int tanhShift = (15 + p.cellPower) - 3;
                int tanhMultiplier = 0;
                if (tanhShift < 0) {
                    tanhShift = -tanhShift;
                    tanhMultiplier = 3;
                }
                for (int j = 0; j < s; j++) {
                    tanhCell[j] = p.gemmlowpActivations()
                            ? GemmlowpInt16.tanh(cell[hBase + j], 15 + p.cellPower())
                            : QuantizedSigmoidTanh.tanhInt16(cell[hBase + j], tanhMultiplier, tanhShift);
                    int h = p.hiddenZero
                            + FixedPoint.multiplyByQuantizedMultiplier(
                                    tanhCell[j] * gate[3][j], p.outputHidden.multiplier(), p.outputHidden.shift());
                    hidden[hBase + j] = Math.max(p.hiddenMin, Math.min(p.hiddenMax, h));
                }
                int oBase = p.timeMajor ? (t * p.batch + b) * s : (b * p.steps + t) * s;
                System.arraycopy(hidden, hBase, out, oBase, s);
            }
        }
        IntArrays.write(inv.output(0), out);
        RecurrentState.update(inv, 0, hidden);
        RecurrentState.update(inv, 1, cell);
    }

    /** c = sat16(mul(f, c)) + mul(i, g), saturated, then clipped. */
    private static void updateCell(Params p, int[] cell, int base, int[][] gate) {
        for (int j = 0; j < p.state; j++) {
            int fc = FixedPoint.multiplyByQuantizedMultiplier(
                    gate[1][j] * cell[base + j], p.forgetCell.multiplier(), p.forgetCell.shift());
            fc = Math.max(-32768, Math.min(32767, fc));
            int ig = FixedPoint.multiplyByQuantizedMultiplier(
                    gate[0][j] * gate[2][j], p.inputCell.multiplier(), p.inputCell.shift());
            ig = Math.max(-32768, Math.min(32767, ig));
            int c = Math.max(-32768, Math.min(32767, fc + ig));
            if (p.clip) {
                c = Math.max(-p.quantizedClip, Math.min(p.quantizedClip, c));
            }
            cell[base + j] = c;
        }
    }

    /** One output of TFLite's integer FullyConnected into int16 (no activation). */
    private static int fullyConnected(
            int[] in,
            int base,
            int depth,
            int inputOffset,
            int[] w,
            int row,
            long bias,
            FixedPoint.Multiplier m,
            boolean wide) {
        int wBase = row * depth;
        if (wide) {
            long acc = 0;
            for (int k = 0; k < depth; k++) {
                acc += (long) w[wBase + k] * (in[base + k] + inputOffset);
            }
            acc += bias;
            return Math.max(
                    -32768, Math.min(32767, FixedPoint.multiplyByQuantizedMultiplier(acc, m.multiplier(), m.shift())));
        }
        int acc = 0;
        for (int k = 0; k < depth; k++) {
            acc += w[wBase + k] * (in[base + k] + inputOffset);
        }
        acc += (int) bias;
        return Math.max(
                -32768, Math.min(32767, FixedPoint.multiplyByQuantizedMultiplier(acc, m.multiplier(), m.shift())));
    }
}
