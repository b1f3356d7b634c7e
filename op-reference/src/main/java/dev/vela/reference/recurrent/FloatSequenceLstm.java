package dev.vela.reference.recurrent;

import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.RecurrentState;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.FusedActivation;
import java.nio.FloatBuffer;
import java.util.EnumSet;

/**
 * TFLite UNIDIRECTIONAL_SEQUENCE_LSTM in float32 (TFLite's {@code lstm_eval} float path without
 * peepholes, projection or layer norm). Per time step, with {@code act} the node's activation:
 * <pre>
 *   i = sigmoid(Wi x + Ri h + bi)     (CIFG, no input gate weights: i = 1 - f)
 *   f = sigmoid(Wf x + Rf h + bf)
 *   g = act(Wc x + Rc h + bc)
 *   o = sigmoid(Wo x + Ro h + bo)
 *   c = clip(f * c + i * g, cell_clip)   h = o * act(c)
 * </pre>
 * Inputs in TFLite order: 0 input [B, T, I] (or [T, B, I] with {@code time_major}=1), 1-4 input
 * weights [S, I] (input, forget, cell, output gate), 5-8 recurrent weights [S, S], 12-15 biases [S],
 * 18 hidden state [B, S], 19 cell state [B, S] (their initial values; the kernel does not write them
 * back). Attributes: {@code activation} ("Tanh" default, "Relu", "Sigmoid", or "Clip" with
 * {@code activation_params} [min, max]), {@code cell_clip} (0 = none). Output [B, T, S].
 */
public final class FloatSequenceLstm extends ReferenceKernelFactory {

    private static final int INPUT = 0;
    private static final int HIDDEN = 18;
    private static final int CELL = 19;

    /** Creates the factory. */
    public FloatSequenceLstm() {
        super("tflite:UnidirectionalSequenceLSTM", EnumSet.of(DataType.FLOAT32));
    }

    private record Dims(int batch, int steps, int input, int state, boolean timeMajor, boolean cifg) {}

    @Override
    public Kernel prepare(Node node) {
        if (node.inputCount() < 20 || node.inputCount() > 24) {
            throw new InvalidNodeException(node, "expects 20..24 inputs in TFLite order, got " + node.inputCount());
        }
        TensorType x = node.inputType(INPUT);
        if (x.dataType() != DataType.FLOAT32 || x.isQuantized()) {
            throw new InvalidNodeException(node, "input 0 must be plain float32, got " + x);
        }
        for (int i : new int[] {9, 10, 11, 16, 17, 20, 21, 22, 23}) {
            if (node.inputCount() > i && node.hasInput(i)) {
                throw new InvalidNodeException(
                        node, "input " + i + " (peephole, projection or layer norm) is not " + "supported");
            }
        }
        boolean cifg = !node.hasInput(1);
        for (int i : new int[] {2, 3, 4, 6, 7, 8, 13, 14, 15, HIDDEN, CELL}) {
            if (!node.hasInput(i)) {
                throw new InvalidNodeException(node, "required input " + i + " is missing");
            }
        }
        if (cifg && (node.hasInput(5) || node.hasInput(12))) {
            throw new InvalidNodeException(
                    node, "input gate weights are absent (CIFG) but its recurrent weights or " + "bias are present");
        }
        Shape xs = x.shape();
        if (xs.rank() != 3) {
            throw new InvalidNodeException(node, "input must be rank 3, got " + xs);
        }
        boolean timeMajor = node.attributes().getLong("time_major", 0) != 0;
        int batch = timeMajor ? xs.dim(1) : xs.dim(0);
        int steps = timeMajor ? xs.dim(0) : xs.dim(1);
        int state = node.inputType(2).shape().rank() == 2
                ? node.inputType(2).shape().dim(0)
                : -1;
        Dims d = new Dims(batch, steps, xs.dim(2), state, timeMajor, cifg);
        for (int g = cifg ? 1 : 0; g < 4; g++) {
            checkFloat(node, 1 + g, d.state, d.input);
            checkFloat(node, 5 + g, d.state, d.state);
            checkFloat(node, 12 + g, d.state);
        }
        checkFloat(node, HIDDEN, d.batch, d.state);
        checkFloat(node, CELL, d.batch, d.state);
        // the cell activation: Tanh unless the node names another
        FusedActivation act =
                FusedActivation.isPresent(node.attributes()) ? FusedActivation.of(node) : FusedActivation.TANH;
        float cellClip = node.attributes().getFloat("cell_clip", 0f);
        Shape outShape = timeMajor ? Shape.of(steps, batch, state) : Shape.of(batch, steps, state);
        return FunctionKernel.stateful(
                TensorType.of(DataType.FLOAT32, outShape),
                RecurrentState.fromConstantInputs(node, java.util.List.of("output_state", "cell_state"), HIDDEN, CELL),
                inv -> invoke(inv, d, act, cellClip));
    }

    private static void checkFloat(Node node, int index, int... dims) {
        TensorType t = node.inputType(index);
        boolean ok = t.dataType() == DataType.FLOAT32
                && !t.isQuantized()
                && (t.shape().rank() == dims.length || index >= HIDDEN && t.elementCount() == dims[0] * dims[1]);
        for (int i = 0; ok && t.shape().rank() == dims.length && i < dims.length; i++) {
            ok = t.shape().dim(i) == dims[i];
        }
        if (!ok) {
            throw new InvalidNodeException(
                    node, "input " + index + " must be float32 " + java.util.Arrays.toString(dims) + ", got " + t);
        }
    }

    private static void invoke(Invocation inv, Dims d, FusedActivation act, float cellClip) {
        int s = d.state;
        float[][] w = new float[4][];
        float[][] r = new float[4][];
        float[][] b = new float[4][];
        for (int g = d.cifg ? 1 : 0; g < 4; g++) {
            w[g] = inv.input(1 + g).toFloatArray();
            r[g] = inv.input(5 + g).toFloatArray();
            b[g] = inv.input(12 + g).toFloatArray();
        }
        float[] h = RecurrentState.current(inv, 0, HIDDEN).toFloatArray();
        float[] c = RecurrentState.current(inv, 1, CELL).toFloatArray();
        FloatBuffer x = inv.input(INPUT).floats();
        FloatBuffer y = inv.output(0).floats();
        float[] gates = new float[4 * s];
        float[] xt = new float[d.input];
        float[] hPrev = new float[s];
        for (int t = 0; t < d.steps; t++) {
            for (int n = 0; n < d.batch; n++) {
                int row = d.timeMajor ? t * d.batch + n : n * d.steps + t;
                x.get(row * d.input, xt);
                System.arraycopy(h, n * s, hPrev, 0, s);
                for (int g = d.cifg ? 1 : 0; g < 4; g++) {
                    for (int u = 0; u < s; u++) {
                        float acc = b[g][u];
                        acc += dot(w[g], u * d.input, xt, d.input);
                        acc += dot(r[g], u * s, hPrev, s);
                        gates[g * s + u] = acc;
                    }
                }
                for (int u = 0; u < s; u++) {
                    float f = FusedActivation.SIGMOID.apply(gates[s + u]);
                    float i = d.cifg ? 1f - f : FusedActivation.SIGMOID.apply(gates[u]);
                    float g = act.apply(gates[2 * s + u]);
                    float o = FusedActivation.SIGMOID.apply(gates[3 * s + u]);
                    float cell = f * c[n * s + u] + i * g;
                    if (cellClip > 0) {
                        cell = Math.max(-cellClip, Math.min(cellClip, cell));
                    }
                    c[n * s + u] = cell;
                    float hidden = o * act.apply(cell);
                    h[n * s + u] = hidden;
                    y.put(row * s + u, hidden);
                }
            }
        }
        RecurrentState.update(inv, 0, h);
        RecurrentState.update(inv, 1, c);
    }

    private static float dot(float[] m, int offset, float[] v, int n) {
        float acc = 0f;
        for (int k = 0; k < n; k++) {
            acc += m[offset + k] * v[k];
        }
        return acc;
    }
}
