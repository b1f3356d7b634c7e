package dev.vela.samples.nativefp32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.conformance.delegate.DelegateCertifier;
import dev.vela.conformance.delegate.DelegateVerdict;
import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.Delegate;
import dev.vela.spi.DelegateProposal;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Shape;
import dev.vela.spi.Subgraph;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.ViewNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The fully connected chain delegate: which nodes it proposes (consecutive Gemm layers each reading the one before,
 * a link nothing else reads), that a compiled chain gives exactly the per-node kernels' bits (the same GEMM on the
 * same rows, layer by layer), that it refuses a subgraph that is no chain with the reason, and the kit's subgraph
 * certification of it.
 */
class Fp32DelegateTest {

    private static final int[] WIDTHS = {64, 32, 8, 32, 64}; // AD's shape: wide, narrow bottleneck, wide again

    /** A view node. */
    record TestNode(
            int index,
            String name,
            OpId op,
            int opsetVersion,
            Attributes attributes,
            List<String> inputs,
            List<String> outputs)
            implements ViewNode {}

    /** A graph or subgraph over x [rows, 64]. */
    record TestGraph(
            List<ViewNode> nodes,
            Map<String, Tensor> constants,
            List<String> outputs,
            Map<String, TensorType> types,
            List<String> graphOutputs)
            implements Subgraph {
        @Override
        public Optional<TensorType> valueType(String value) {
            return Optional.ofNullable(types.get(value));
        }

        @Override
        public Optional<Tensor> constant(String value) {
            return Optional.ofNullable(constants.get(value)).map(Tensor::asReadOnly);
        }

        @Override
        public boolean isGraphOutput(String value) {
            return graphOutputs.contains(value);
        }

        @Override
        public String name() {
            return "native-fp32#0";
        }

        @Override
        public List<String> inputs() {
            return List.of("x");
        }

        @Override
        public List<TensorType> inputTypes() {
            return List.of(types.get("x"));
        }
    }

    private static final Delegate DELEGATE = new NativeFp32Provider().delegate().orElseThrow();

    /** Four Gemm layers x -> v1 -> v2 -> v3 -> y; a Relu node goes after layer {@code reluAfter} when >= 0. */
    private static TestGraph chain(int rows, int reluAfter, Random r) {
        Map<String, Tensor> constants = new HashMap<>();
        Map<String, TensorType> types = new HashMap<>();
        List<ViewNode> nodes = new ArrayList<>();
        types.put("x", TensorType.of(DataType.FLOAT32, rows, WIDTHS[0]));
        String in = "x";
        for (int l = 0; l < WIDTHS.length - 1; l++) {
            int k = WIDTHS[l];
            int n = WIDTHS[l + 1];
            constants.put("w" + l, Tensor.ofFloats(Shape.of(n, k), random(r, n * k, 0.2f)));
            constants.put("b" + l, Tensor.ofFloats(Shape.of(n), random(r, n, 0.5f)));
            String out = l == WIDTHS.length - 2 ? "y" : "v" + (l + 1);
            Attributes.Builder a = Attributes.builder().put("transB", 1L);
            if (l % 2 == 0) {
                a.put("activation", "Relu");
            }
            nodes.add(new TestNode(
                    nodes.size(),
                    "gemm" + l,
                    OpId.of("Gemm"),
                    13,
                    a.build(),
                    List.of(in, "w" + l, "b" + l),
                    List.of(l == reluAfter ? out + "_pre" : out)));
            types.put(l == reluAfter ? out + "_pre" : out, TensorType.of(DataType.FLOAT32, rows, n));
            if (l == reluAfter) {
                nodes.add(new TestNode(
                        nodes.size(),
                        "relu",
                        OpId.of("Relu"),
                        14,
                        Attributes.empty(),
                        List.of(out + "_pre"),
                        List.of(out)));
                types.put(out, TensorType.of(DataType.FLOAT32, rows, n));
            }
            in = out;
        }
        return new TestGraph(nodes, constants, List.of("y"), types, List.of("y"));
    }

    @Test
    void proposesChainsOfGemmLayersAndDeclinesTheRestWithAReason() {
        DelegateProposal whole = DELEGATE.propose(chain(1, -1, new Random(1)));
        assertThat(whole.nodeSets()).containsExactly(Set.of(0, 1, 2, 3));
        assertThat(whole.declined()).isEmpty();

        DelegateProposal cut = DELEGATE.propose(chain(1, 1, new Random(1)));
        assertThat(cut.nodeSets()).containsExactly(Set.of(0, 1), Set.of(3, 4));
        assertThat(cut.declined()).containsOnlyKeys(2);
        assertThat(cut.declined().get(2)).contains("Relu");
    }

    @Test
    void aLinkReadOutsideTheChainEndsIt() {
        TestGraph g = chain(1, -1, new Random(1));
        TestGraph v2Published = new TestGraph(g.nodes(), g.constants(), g.outputs(), g.types(), List.of("y", "v2"));
        assertThat(DELEGATE.propose(v2Published).nodeSets()).containsExactly(Set.of(0, 1), Set.of(2, 3));
    }

    @Test
    void aCompiledChainGivesThePerNodeKernelsBits() {
        for (int rows : new int[] {1, 3}) {
            Random r = new Random(7 + rows);
            TestGraph g = chain(rows, -1, r);
            Tensor x = Tensor.ofFloats(Shape.of(rows, WIDTHS[0]), random(r, rows * WIDTHS[0], 1f));
            try (Kernel chain = DELEGATE.compile(g)) {
                assertThat(chain).isInstanceOf(FcChainKernel.class);
                assertThat(((FcChainKernel) chain).layers()).isEqualTo(4);
                Tensor y = Tensor.allocate(chain.outputTypes().get(0));
                ByteBuffer scratch =
                        ByteBuffer.allocateDirect(chain.scratchBytes()).order(ByteOrder.LITTLE_ENDIAN);
                Invocation call = Invocation.of(List.of(x), List.of(y), scratch, 1);
                chain.invoke(call);
                assertThat(floats(y)).containsExactly(floats(perNode(g, x)));
                // the same tensors again with new contents (the runtime's steady state)
                x.floats().put(random(r, rows * WIDTHS[0], 2f));
                chain.invoke(call);
                assertThat(floats(y)).containsExactly(floats(perNode(g, x)));
            }
        }
    }

    @Test
    void refusesASubgraphThatIsNoChain() {
        TestGraph g = chain(1, 1, new Random(3));
        assertThatThrownBy(() -> DELEGATE.compile(g))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("node 'relu' (Relu) does not read the layer before it");
    }

    @Test
    void theKitCertifiesTheDelegateOnGeneratedSubgraphs() {
        DelegateVerdict v = new DelegateCertifier(DELEGATE).certify(20261207, 30);
        assertThat(v.findings()).isEmpty();
        assertThat(v.certified()).isTrue();
        assertThat(v.exercised()).extracting(Object::toString).containsExactly("Gemm/float32/ANY");
    }

    /** The layers on the per-node kernels, one after another. */
    private static Tensor perNode(TestGraph g, Tensor x) {
        Tensor v = x;
        for (ViewNode n : g.nodes()) {
            Node node = g.asNode(n, Map.of(n.inputs().get(0), v.type()));
            try (Kernel k = ReferenceComparisonTest.factory(new NativeFp32Provider(), "Gemm")
                    .prepare(node)) {
                Tensor out = Tensor.allocate(k.outputTypes().get(0));
                k.invoke(Invocation.of(List.of(v), List.of(out), ByteBuffer.allocateDirect(k.scratchBytes()), 1));
                v = out;
            }
        }
        return v;
    }

    private static float[] floats(Tensor t) {
        float[] f = new float[t.type().shape().elementCount()];
        t.floats().get(f);
        return f;
    }

    private static float[] random(Random r, int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * (2 * r.nextFloat() - 1);
        }
        return v;
    }
}
