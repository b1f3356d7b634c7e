package com.acme.npu;

import dev.vela.spi.DataType;
import dev.vela.spi.Invocation;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Support;
import dev.vela.spi.TensorType;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Set;

/** One operator: Relu on float32 tensors of any shape and layout. */
final class ReluFactory implements KernelFactory {

    private static final OpId RELU = OpId.of("Relu");

    @Override
    public OpId op() {
        return RELU;
    }

    @Override
    public Set<KernelClaim> claims() {
        return Set.of(KernelClaim.of(RELU, DataType.FLOAT32));
    }

    @Override
    public Support supports(Node node) {
        String problem = problem(node);
        return problem == null ? Support.yes() : Support.no(problem);
    }

    @Override
    public Kernel prepare(Node node) {
        String problem = problem(node);
        if (problem != null) {
            throw new InvalidNodeException(node, problem);
        }
        TensorType type = node.inputType(0);
        return new Kernel() {
            @Override
            public List<TensorType> outputTypes() {
                return List.of(type); // shape inference: same type and shape as the input
            }

            @Override
            public void invoke(Invocation inv) {
                FloatBuffer in = inv.input(0).floats();
                FloatBuffer out = inv.output(0).floats();
                for (int i = 0, n = inv.input(0).elementCount(); i < n; i++) {
                    float x = in.get(i);
                    out.put(i, Float.isNaN(x) ? x : Math.max(x, 0f)); // NaN stays NaN
                }
            }
        };
    }

    /** Why this node cannot run here, or null: supports() and prepare() must agree. */
    private static String problem(Node node) {
        if (node.inputCount() != 1 || !node.hasInput(0) || node.outputCount() != 1) {
            return "Relu has exactly one input and one output";
        }
        TensorType t = node.inputType(0);
        return t.dataType() == DataType.FLOAT32 && !t.isQuantized() ? null : "only float32";
    }
}
