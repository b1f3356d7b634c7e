package dev.vela.maven.testplugin;

import dev.vela.spi.DataType;
import dev.vela.spi.DeviceKind;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.OperatorProvider;
import dev.vela.spi.ProviderInfo;
import dev.vela.spi.Support;
import dev.vela.spi.TensorType;
import java.util.List;
import java.util.Set;

/**
 * Relu on float32 for the fork runner's tests: correct, or misbehaving on inputs of more than three
 * elements as its subclass says (exit the JVM, never return).
 */
public class MisbehavingRelu implements OperatorProvider {

    private static final OpId RELU = OpId.of("Relu");

    /** Called before computing inputs of more than three elements. */
    protected void misbehave() {}

    @Override
    public ProviderInfo info() {
        return ProviderInfo.of("test-relu", "Vela tests", "1", DeviceKind.CPU);
    }

    @Override
    public List<KernelFactory> factories() {
        return List.of(new KernelFactory() {
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
                return ok(node) ? Support.yes() : Support.no("one float32 input and output only");
            }

            @Override
            public Kernel prepare(Node node) {
                if (!ok(node)) {
                    throw new InvalidNodeException(node, "one float32 input and output only");
                }
                TensorType type = node.inputType(0);
                return new Kernel() {
                    @Override
                    public List<TensorType> outputTypes() {
                        return List.of(type);
                    }

                    @Override
                    public void invoke(Invocation inv) {
                        int n = inv.input(0).elementCount();
                        if (n > 3) {
                            misbehave();
                        }
                        for (int i = 0; i < n; i++) {
                            float x = inv.input(0).floats().get(i);
                            inv.output(0).floats().put(i, Float.isNaN(x) ? x : Math.max(x, 0f));
                        }
                    }
                };
            }
        });
    }

    private static boolean ok(Node node) {
        return node.inputCount() == 1
                && node.hasInput(0)
                && node.outputCount() == 1
                && node.inputType(0).dataType() == DataType.FLOAT32
                && !node.inputType(0).isQuantized();
    }

    /** Ends the JVM from a kernel. */
    public static final class Exits extends MisbehavingRelu {
        @Override
        protected void misbehave() {
            System.exit(5);
        }
    }

    /** Never returns from a kernel. */
    public static final class Hangs extends MisbehavingRelu {
        @Override
        protected void misbehave() {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                misbehave();
            }
        }
    }
}
