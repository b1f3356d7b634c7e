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
import java.util.EnumSet;

/**
 * TFLite SVDF in float32 (TFLite's {@code EvalFloatSVDF}). The activation state [B, F * M] holds the
 * last M feature projections of each of the F filters; per run it shifts one step left, the newest
 * column becomes {@code weights_feature[f] . x[b]}, each row is filtered with {@code weights_time[f]},
 * the {@code rank} filters of each of the U = F / rank units are summed with the bias, and the
 * node's activation ({@code activation}: none, "Relu", "Tanh", "Sigmoid" or "Clip" with
 * {@code activation_params}) is applied.
 *
 * <p>Inputs: 0 input [B, I], 1 weights_feature [F, I], 2 weights_time [F, M], 3 bias [U] (optional),
 * 4 activation state [B, F * M] (its initial value; the kernel does not write it back). Output
 * [B, U].
 */
public final class FloatSvdf extends ReferenceKernelFactory {

    /** Creates the factory. */
    public FloatSvdf() {
        super("tflite:SVDF", EnumSet.of(DataType.FLOAT32));
    }

    private record Dims(int batch, int input, int filters, int memory, int rank, int units) {}

    @Override
    public Kernel prepare(Node node) {
        if (node.inputCount() != 5
                || !node.hasInput(0)
                || !node.hasInput(1)
                || !node.hasInput(2)
                || !node.hasInput(4)) {
            throw new InvalidNodeException(
                    node,
                    "expects input, weights_feature, weights_time, optional bias and " + "state (5 inputs), got "
                            + node.inputCount());
        }
        for (int i = 0; i < 5; i++) {
            if (node.hasInput(i)
                    && (node.inputType(i).dataType() != DataType.FLOAT32
                            || node.inputType(i).isQuantized())) {
                throw new InvalidNodeException(node, "input " + i + " must be plain float32, got " + node.inputType(i));
            }
        }
        Shape x = node.inputType(0).shape();
        Shape wf = node.inputType(1).shape();
        Shape wt = node.inputType(2).shape();
        if (x.rank() != 2 || wf.rank() != 2 || wt.rank() != 2 || wf.dim(1) != x.dim(1) || wt.dim(0) != wf.dim(0)) {
            throw new InvalidNodeException(
                    node, "shapes do not fit: input " + x + ", weights_feature " + wf + ", weights_time " + wt);
        }
        long rank = node.attributes().getLong("rank", 1);
        int filters = wf.dim(0);
        if (rank <= 0 || filters % rank != 0) {
            throw new InvalidNodeException(node, "rank " + rank + " does not divide the " + filters + " filters");
        }
        Dims d = new Dims(x.dim(0), x.dim(1), filters, wt.dim(1), (int) rank, filters / (int) rank);
        if (node.hasInput(3) && node.inputType(3).elementCount() != d.units) {
            throw new InvalidNodeException(node, "bias must hold " + d.units + " values, got " + node.inputType(3));
        }
        if (node.inputType(4).elementCount() != d.batch * d.filters * d.memory) {
            throw new InvalidNodeException(
                    node,
                    "state must hold batch x filters x memory = " + d.batch + " x " + d.filters + " x " + d.memory
                            + " values, got " + node.inputType(4));
        }
        FusedActivation act = FusedActivation.of(node);
        return FunctionKernel.stateful(
                TensorType.of(DataType.FLOAT32, Shape.of(d.batch, d.units)),
                RecurrentState.fromConstantInputs(node, java.util.List.of("activation_state"), 4),
                inv -> invoke(inv, d, act));
    }

    private static void invoke(Invocation inv, Dims d, FusedActivation act) {
        float[] x = inv.input(0).toFloatArray();
        float[] wf = inv.input(1).toFloatArray();
        float[] wt = inv.input(2).toFloatArray();
        float[] bias = inv.hasInput(3) ? inv.input(3).toFloatArray() : new float[d.units];
        float[] state = RecurrentState.current(inv, 0, 4).toFloatArray();
        int m = d.memory;
        for (int b = 0; b < d.batch; b++) {
            for (int f = 0; f < d.filters; f++) {
                int row = (b * d.filters + f) * m;
                System.arraycopy(state, row + 1, state, row, m - 1);
                float projection = 0f;
                for (int i = 0; i < d.input; i++) {
                    projection += wf[f * d.input + i] * x[b * d.input + i];
                }
                state[row + m - 1] = projection;
            }
            for (int u = 0; u < d.units; u++) {
                float sum = bias[u];
                for (int r = 0; r < d.rank; r++) {
                    int f = u * d.rank + r;
                    int row = (b * d.filters + f) * m;
                    for (int t = 0; t < m; t++) {
                        sum += state[row + t] * wt[f * m + t];
                    }
                }
                inv.output(0).setDouble(b * d.units + u, act.apply(sum));
            }
        }
        RecurrentState.update(inv, 0, state);
    }
}
