package dev.vela.reference;

import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Prepares and runs one reference kernel on given inputs, as the runtime would. */
public final class ReferenceTesting {

    private ReferenceTesting() {}

    /**
     * @param factory the factory under test
     * @param node the node (its input types must match {@code inputs}; {@code null} inputs are absent)
     * @param inputs the input values
     * @return the outputs, allocated from the kernel's inferred types
     */
    public static List<Tensor> run(KernelFactory factory, Node node, Tensor... inputs) {
        try (Kernel kernel = factory.prepare(node)) {
            List<Tensor> outputs = new ArrayList<>();
            for (TensorType t : kernel.outputTypes()) {
                outputs.add(Tensor.allocate(t));
            }
            ByteBuffer scratch =
                    ByteBuffer.allocateDirect(kernel.scratchBytes()).order(ByteOrder.LITTLE_ENDIAN);
            kernel.invoke(Invocation.of(Arrays.asList(inputs), outputs, scratch));
            return outputs;
        }
    }
}
