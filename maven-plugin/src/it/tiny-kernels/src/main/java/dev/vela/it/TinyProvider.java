package dev.vela.it;

import dev.vela.spi.DataType;
import dev.vela.spi.DeviceKind;
import dev.vela.spi.Invocation;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.OperatorProvider;
import dev.vela.spi.ProviderInfo;
import dev.vela.spi.Support;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Set;

/**
 * A tiny provider for the gate's integration tests: Relu on float32, written independently of the reference.
 *
 * <p>As it stands it is correct (the {@code good} IT certifies it). Each IT plugin that tests a failure
 * subclasses it and overrides one hook: {@link #relu(float)} to compute a wrong value, or
 * {@link #onLargeInput()} to crash, exit, hang or exhaust memory inside a kernel call.
 */
public class TinyProvider implements OperatorProvider {

    private static final OpId RELU = OpId.of("Relu");

    @Override
    public ProviderInfo info() {
        return ProviderInfo.of("tiny-it", "Vela IT", "1.0", DeviceKind.CPU);
    }

    @Override
    public List<KernelFactory> factories() {
        return List.of(new ReluFactory(this));
    }

    /**
     * Called by the kernel before it computes an input of more than three elements. Small inputs never
     * reach it, so a misbehaving plugin fails part-way through the run, at a numbered vendor call the
     * gate must name. Does nothing here.
     */
    protected void onLargeInput() {
    }

    /** One output element. NaN stays NaN (x > 0 is false for NaN, so it must be tested explicitly). */
    protected float relu(float x) {
        return Float.isNaN(x) ? x : Math.max(x, 0f);
    }

    private static final class ReluFactory implements KernelFactory {
        /** The provider whose hooks the kernels call. */
        private final TinyProvider hooks;

        ReluFactory(TinyProvider hooks) {
            this.hooks = hooks;
        }

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

        private static String problem(Node node) {
            if (node.inputCount() != 1 || !node.hasInput(0)) {
                return "Relu takes exactly one input";
            }
            if (node.outputCount() != 1) {
                return "Relu has exactly one output";
            }
            TensorType t = node.inputType(0);
            if (t.dataType() != DataType.FLOAT32 || t.isQuantized()) {
                return "only float32";
            }
            return null;
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
                    return List.of(type);
                }

                @Override
                public void invoke(Invocation inv) {
                    Tensor in = inv.input(0);
                    Tensor out = inv.output(0);
                    FloatBuffer src = in.floats();
                    FloatBuffer dst = out.floats();
                    int n = in.elementCount();
                    if (n > 3) {
                        hooks.onLargeInput();
                    }
                    for (int i = 0; i < n; i++) {
                        dst.put(i, hooks.relu(src.get(i)));
                    }
                }
            };
        }
    }
}
