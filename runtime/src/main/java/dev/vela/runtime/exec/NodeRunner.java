package dev.vela.runtime.exec;

import dev.vela.runtime.NodeExecutionException;
import dev.vela.runtime.UnsupportedOperatorException;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one graph node within one session: gathers its inputs, prepares (and caches) a kernel for the input types
 * and value inputs of this run, allocates the outputs and invokes the kernel. Failures are reported naming the node.
 */
final class NodeRunner implements AutoCloseable {

    /** The prepared kernel is valid for these input types and these run-time input values. */
    private record CacheKey(List<TensorType> types, List<ByteArray> values) {
    }

    /** A byte array with value equality, for cache keys. */
    private record ByteArray(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ByteArray b && Arrays.equals(b.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    private final GraphNode node;
    private final KernelFactory factory;
    private final Attributes attributes;
    private final Tensor[] constants;
    private final Map<CacheKey, Kernel> kernels = new HashMap<>();

    NodeRunner(GraphNode node, KernelFactory factory, Map<String, Tensor> initializers) {
        this.node = node;
        this.factory = factory;
        this.attributes = node.attributes().withOwner(node.describe());
        this.constants = new Tensor[node.inputs().size()];
        for (int i = 0; i < constants.length; i++) {
            Tensor c = initializers.get(node.inputs().get(i));
            constants[i] = c == null ? null : c.asReadOnly();
        }
    }

    /** Runs the node, reading its inputs from and writing its outputs to {@code values}. */
    void run(Map<String, Tensor> values) {
        int n = node.inputs().size();
        Tensor[] inputs = new Tensor[n];
        TensorType[] types = new TensorType[n];
        for (int i = 0; i < n; i++) {
            String name = node.inputs().get(i);
            if (!name.isEmpty()) {
                inputs[i] = values.get(name);
                if (inputs[i] == null) {
                    throw new NodeExecutionException(node.describe() + ": input tensor '" + name + "' has no value");
                }
                types[i] = inputs[i].type();
            }
        }
        checkClaims(types);
        Kernel kernel = kernelFor(inputs, types);
        List<TensorType> outputTypes = kernel.outputTypes();
        if (outputTypes.size() != node.outputs().size()) {
            throw new NodeExecutionException(node.describe() + ": the kernel produces " + outputTypes.size()
                    + " outputs but the node declares " + node.outputs().size());
        }
        List<Tensor> outputs = new ArrayList<>(outputTypes.size());
        for (TensorType t : outputTypes) {
            outputs.add(Tensor.allocate(t));
        }
        ByteBuffer scratch = kernel.scratchBytes() > 0
                ? ByteBuffer.allocateDirect(kernel.scratchBytes()).order(ByteOrder.LITTLE_ENDIAN) : null;
        try {
            kernel.invoke(Invocation.of(Arrays.asList(inputs), outputs, scratch));
        } catch (RuntimeException | StackOverflowError e) {
            throw new NodeExecutionException(node.describe() + " failed: " + reason(e), e);
        }
        for (int i = 0; i < outputs.size(); i++) {
            String name = node.outputs().get(i);
            if (!name.isEmpty()) {
                values.put(name, outputs.get(i));
            }
        }
    }

    private void checkClaims(TensorType[] types) {
        if (types.length == 0 || types[0] == null) {
            return;
        }
        DataType t = types[0].dataType();
        Set<KernelClaim> claims = factory.claims();
        for (KernelClaim c : claims) {
            if (c.dataType() == t) {
                return;
            }
        }
        throw new UnsupportedOperatorException(node.describe() + ": no reference kernel for input type "
                + t.label() + " (claimed: " + claimedTypes(claims) + ")");
    }

    private static String claimedTypes(Set<KernelClaim> claims) {
        return claims.stream().map(c -> c.dataType().label()).distinct().sorted().toList().toString();
    }

    private Kernel kernelFor(Tensor[] inputs, TensorType[] types) {
        Tensor[] visible = constants.clone();
        RunNode preliminary = new RunNode(node, attributes, types, visible);
        Set<Integer> valueInputs;
        try {
            valueInputs = factory.valueInputs(preliminary);
        } catch (RuntimeException e) {
            throw new NodeExecutionException(node.describe() + ": cannot tell its value inputs: " + e, e);
        }
        List<ByteArray> keyValues = new ArrayList<>();
        for (int i : valueInputs.stream().sorted().toList()) {
            if (i >= 0 && i < inputs.length && inputs[i] != null && visible[i] == null) {
                visible[i] = inputs[i].asReadOnly();
                keyValues.add(new ByteArray(inputs[i].toByteArray()));
            }
        }
        CacheKey key = new CacheKey(Arrays.asList(types.clone()), keyValues);
        Kernel kernel = kernels.get(key);
        if (kernel == null) {
            try {
                kernel = factory.prepare(new RunNode(node, attributes, types, visible));
            } catch (RuntimeException | StackOverflowError e) {
                throw new NodeExecutionException(node.describe() + " cannot be prepared: " + reason(e), e);
            }
            if (kernel == null) {
                throw new NodeExecutionException(node.describe() + ": the factory returned no kernel");
            }
            kernels.put(key, kernel);
        }
        return kernel;
    }

    /** The exception's message without a repeated node description; the class name too when it is not ours. */
    private String reason(Throwable e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        String prefix = node.describe() + ": ";
        if (m.startsWith(prefix)) {
            m = m.substring(prefix.length());
        }
        return e instanceof dev.vela.spi.VelaException ? m : e.getClass().getName() + (m.isEmpty() ? "" : ": " + m);
    }

    @Override
    public void close() {
        for (Kernel k : kernels.values()) {
            k.close();
        }
        kernels.clear();
    }
}
