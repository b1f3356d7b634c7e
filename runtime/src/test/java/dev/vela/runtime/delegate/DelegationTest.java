package dev.vela.runtime.delegate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.reference.ReferenceProvider;
import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.error.FallbackPolicyException;
import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.partition.NodePlacement;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.plugin.AdmittedProvider;
import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.runtime.plugin.PluginSet;
import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.Delegate;
import dev.vela.spi.DelegateLimits;
import dev.vela.spi.DelegateProposal;
import dev.vela.spi.DeviceKind;
import dev.vela.spi.GraphView;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.OperatorProvider;
import dev.vela.spi.ProviderInfo;
import dev.vela.spi.Shape;
import dev.vela.spi.SpiVersion;
import dev.vela.spi.Support;
import dev.vela.spi.Tensor;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Delegates in the runtime (D13): a well-behaved delegate's partitions run bit-exact with the reference, and every
 * kind of misbehaviour (a non-convex set, a node it does not claim, an exception in propose or compile, sets beyond
 * its limits) is named and falls back to the reference without a crash.
 */
class DelegationTest {

    private static final float[] X = {-2f, -0.5f, 0.25f, 3f};

    /**
     * x → relu0 → a → add1(a, c) → b → sig2 → s; mul3(b, s) → m; add4(m, a) → y. Sigmoid is not claimed, so the
     * claimed nodes form two convex runs, {relu0, add1} and {mul3, add4}; {relu0, add1, mul3, add4} is not convex
     * (add1 → sig2 → mul3 leaves it through sig2).
     */
    static Graph graph() {
        Map<String, Tensor> constants = Map.of("c", Tensor.ofFloats(Shape.of(1, 4), 1f, -1f, 0.5f, 2f));
        Map<String, ValueSpec> info = new LinkedHashMap<>();
        for (String v : List.of("a", "b", "s", "m")) {
            info.put(v, spec(v));
        }
        List<GraphNode> nodes = List.of(
                node("relu0", "Relu", List.of("x"), "a"),
                node("add1", "Add", List.of("a", "c"), "b"),
                node("sig2", "Sigmoid", List.of("b"), "s"),
                node("mul3", "Mul", List.of("b", "s"), "m"),
                node("add4", "Add", List.of("m", "a"), "y"));
        return new Graph("toy", List.of(spec("x")), List.of(spec("y")), constants, info, nodes);
    }

    private static ValueSpec spec(String name) {
        return new ValueSpec(name, DataType.FLOAT32, new long[] {1, 4}, null);
    }

    private static GraphNode node(String name, String op, List<String> inputs, String output) {
        return new GraphNode(name, OpId.of(op), 13, Attributes.empty(), inputs, List.of(output));
    }

    /** @return the toy graph with the delegate of a provider admitted in development mode (also for vela-cli's tests) */
    static Model model(Delegate delegate) {
        return model(delegate, null);
    }

    /** @param delegateScope the claims the certificate lists for the delegate; null: development mode (all) */
    private static Model model(Delegate delegate, Set<KernelClaim> delegateScope) {
        ReferenceProvider reference = new ReferenceProvider();
        Set<KernelClaim> referenceClaims = claimsOf(reference);
        OperatorProvider npu = delegateOnly(delegate);
        PluginSet set = new PluginSet(
                List.of(
                        new AdmittedProvider(reference, "built-in", referenceClaims, false),
                        delegateScope == null
                                ? new AdmittedProvider(npu, "test", Set.of(), false)
                                : new AdmittedProvider(npu, "test", Set.of(), true, Set.of(), null, delegateScope)),
                List.of(),
                List.of(),
                delegateScope == null);
        return Model.of("toy", graph(), Partitioner.of(set, List.of(DeviceKind.NPU)));
    }

    /** @return a provider "test-npu" with no per-node kernels, only the delegate */
    private static OperatorProvider delegateOnly(Delegate delegate) {
        return new OperatorProvider() {
            @Override
            public ProviderInfo info() {
                return ProviderInfo.of("test-npu", "acme", "1", DeviceKind.NPU);
            }

            @Override
            public List<KernelFactory> factories() {
                return List.of();
            }

            @Override
            public Optional<Delegate> delegate() {
                return Optional.of(delegate);
            }
        };
    }

    /** @return every claim of the reference provider's factories */
    private static Set<KernelClaim> claimsOf(ReferenceProvider reference) {
        Set<KernelClaim> claims = new HashSet<>();
        for (KernelFactory f : reference.factories()) {
            claims.addAll(f.claims());
        }
        return claims;
    }

    static ElementwiseDelegate delegate(Function<GraphView, DelegateProposal> proposer) {
        return new ElementwiseDelegate(proposer, DelegateLimits.none(), false);
    }

    private static DelegateProposal taking(Integer... nodes) {
        return new DelegateProposal().take(Set.of(nodes));
    }

    private static float[] run(Model m) {
        try (Session s = m.newSession()) {
            return s.run(Map.of("x", Tensor.ofFloats(Shape.of(1, 4), X)))
                    .get("y")
                    .toFloatArray();
        }
    }

    private static float[] referenceRun() {
        return run(Model.of("toy", graph(), Partitioner.of(KernelRegistry.reference())));
    }

    @Test
    void convexRunsOfClaimedNodesBecomePartitionsAndMatchTheReferenceBitForBit() {
        ElementwiseDelegate d = delegate(ElementwiseDelegate::runsOfClaimed);
        Model m = model(d);
        DelegationPlan plan = m.delegation().orElseThrow();

        assertThat(plan.problems()).isEmpty();
        assertThat(plan.partitions())
                .extracting(PartitionReport::toLine)
                .containsExactly(
                        "partition test-npu#0 (test-npu): 2 nodes [relu0, add1]; inputs [x]; outputs [a, b]",
                        "partition test-npu#1 (test-npu): 2 nodes [mul3, add4]; inputs [b, s, a]; outputs [y]");
        assertThat(plan.leftOut())
                .containsExactly(Map.entry("sig2", List.of("test-npu: declined: Sigmoid is not" + " supported")));
        assertThat(plan.lines()).contains("left out: node 'sig2': test-npu: declined: Sigmoid is not supported");
        assertThat(m.executionGraph().nodes()).hasSize(3);
        assertThat(run(m)).isEqualTo(referenceRun());

        try (Session s = m.newSession()) {
            s.run(Map.of("x", Tensor.ofFloats(Shape.of(1, 4), X)));
            assertThat(s.placement().nodes())
                    .extracting(NodePlacement::node, NodePlacement::provider)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("partition test-npu#0", "test-npu"),
                            org.assertj.core.groups.Tuple.tuple(
                                    "node 'sig2' (Sigmoid)", dev.vela.reference.ReferenceProvider.ID),
                            org.assertj.core.groups.Tuple.tuple("partition test-npu#1", "test-npu"));
        }
        // load compiled both partitions; the first session took those kernels, the second compiled its own
        assertThat(d.compilations).isEqualTo(4);
    }

    @Test
    void withoutDelegatesEveryNodeRunsOnAPerNodeKernel() {
        ElementwiseDelegate d = delegate(ElementwiseDelegate::runsOfClaimed);
        Model m = model(d);
        Model perNode = Model.of("toy", graph(), m.partitioner().withoutDelegates());
        assertThat(perNode.delegation()).isEmpty();
        assertThat(perNode.executionGraph()).isSameAs(perNode.graph());
        assertThat(run(perNode)).isEqualTo(referenceRun());
    }

    @Test
    void theProfileTimesEachPartitionAsOneRow() {
        Model m = model(delegate(ElementwiseDelegate::runsOfClaimed));
        try (Session s = m.newSession().withProfiling(true)) {
            s.run(Map.of("x", Tensor.ofFloats(Shape.of(1, 4), X)));
            assertThat(s.lastProfile())
                    .extracting(t -> t.node() + " " + t.op() + " " + t.provider())
                    .containsExactly(
                            "test-npu#0 vela.delegate:test-npu#0 test-npu",
                            "sig2 Sigmoid vela-reference",
                            "test-npu#1 vela.delegate:test-npu#1 test-npu");
        }
    }

    @Test
    void aNonConvexSetIsNamedAndFallsBack() {
        Model m = model(delegate(g -> taking(0, 1, 3, 4).decline(2, "Sigmoid is not supported")));
        DelegationPlan plan = m.delegation().orElseThrow();

        assertThat(plan.partitions()).isEmpty();
        assertThat(plan.problems())
                .singleElement()
                .asString()
                .startsWith("test-npu: proposed partition [relu0, add1,"
                        + " mul3, add4] rejected: not convex: node 'sig2' lies outside it");
        assertThat(plan.leftOut().get("mul3"))
                .singleElement()
                .asString()
                .contains("its proposed partition was rejected: not convex");
        assertThat(m.executionGraph()).isSameAs(m.graph());
        assertThat(run(m)).isEqualTo(referenceRun());
    }

    @Test
    void aSetWithANodeItDoesNotClaimIsNamedAndFallsBack() {
        Model m = model(delegate(g -> taking(1, 2)));
        DelegationPlan plan = m.delegation().orElseThrow();

        assertThat(plan.partitions()).isEmpty();
        assertThat(plan.problems())
                .singleElement()
                .asString()
                .isEqualTo("test-npu: proposed partition [add1, sig2]"
                        + " rejected: node 'sig2' (Sigmoid, float32) is not among its claims");
        // the nodes it neither took nor declined are said to be declined without a reason
        assertThat(plan.leftOut().get("relu0")).containsExactly("test-npu: declined without giving a reason");
        assertThat(run(m)).isEqualTo(referenceRun());
    }

    @Test
    void aCompileThatThrowsIsNamedAndFallsBack() {
        ElementwiseDelegate d =
                new ElementwiseDelegate(ElementwiseDelegate::runsOfClaimed, DelegateLimits.none(), true);
        Model m = model(d);
        DelegationPlan plan = m.delegation().orElseThrow();

        assertThat(plan.partitions()).isEmpty();
        assertThat(plan.problems())
                .containsExactly(
                        "test-npu: compiling partition test-npu#0 [relu0, add1] failed: java.lang.IllegalStateException:"
                                + " out of command buffers",
                        "test-npu: compiling partition test-npu#0 [mul3, add4] failed: java.lang.IllegalStateException:"
                                + " out of command buffers");
        assertThat(plan.leftOut().get("add4"))
                .containsExactly("test-npu: compiling its partition failed: out of" + " command buffers");
        assertThat(run(m)).isEqualTo(referenceRun());
    }

    @Test
    void aProposeThatThrowsIsNamedAndEverythingFallsBack() {
        Model m = model(delegate(g -> {
            throw new IllegalStateException("driver not loaded");
        }));
        DelegationPlan plan = m.delegation().orElseThrow();

        assertThat(plan.problems())
                .containsExactly("test-npu: propose() failed, it takes no node:"
                        + " java.lang.IllegalStateException: driver not loaded");
        assertThat(plan.leftOut()).hasSize(5);
        assertThat(run(m)).isEqualTo(referenceRun());
    }

    @Test
    void nodeIndicesOutsideTheGraphAndOverlappingSetsAreRefused() {
        Model m = model(delegate(g -> taking(0, 9).take(Set.of(3, 4)).take(Set.of(4))));
        DelegationPlan plan = m.delegation().orElseThrow();

        assertThat(plan.problems())
                .containsExactly(
                        "test-npu: proposed partition [relu0, #9] rejected: node index 9 is not in the graph (it has 5 nodes)",
                        "test-npu: proposed partition [add4] rejected: node 'add4' is in two of its proposed partitions");
        assertThat(plan.partitions()).extracting(PartitionReport::nodes).containsExactly(List.of("mul3", "add4"));
        assertThat(run(m)).isEqualTo(referenceRun());
    }

    @Test
    void limitsKeepTheLargestPartitionsAndSayWhatTheyDropped() {
        Model one = model(new ElementwiseDelegate(g -> taking(0).take(Set.of(3, 4)), DelegateLimits.of(1, 1), false));
        assertThat(one.delegation().orElseThrow().partitions())
                .extracting(PartitionReport::nodes)
                .containsExactly(List.of("mul3", "add4"));
        assertThat(one.delegation().orElseThrow().leftOut().get("relu0"))
                .containsExactly("test-npu: beyond its maximum of 1 partitions");
        assertThat(run(one)).isEqualTo(referenceRun());

        Model big = model(new ElementwiseDelegate(ElementwiseDelegate::runsOfClaimed, DelegateLimits.of(4, 3), false));
        assertThat(big.delegation().orElseThrow().partitions()).isEmpty();
        assertThat(big.delegation().orElseThrow().leftOut().get("add1"))
                .containsExactly("test-npu: partition of 2 node(s) is below its minimum of 3");
    }

    @Test
    void theFallbackPolicyFailsARunThatFallsBackMoreThanAllowedNamingTheNodes() {
        Model m = model(delegate(ElementwiseDelegate::runsOfClaimed));
        Map<String, Tensor> feed = Map.of("x", Tensor.ofFloats(Shape.of(1, 4), X));
        try (Session s = m.newSession().withMaxFallbackShare(0.2)) {
            assertThat(s.run(feed).get("y").toFloatArray()).isEqualTo(referenceRun());
        }
        try (Session s = m.newSession().withMaxFallbackShare(0.1)) {
            assertThatThrownBy(() -> s.run(feed))
                    .isInstanceOf(FallbackPolicyException.class)
                    .hasMessage("toy: 1 of 5 nodes (20.0%) fell back to the reference, more than the allowed 10.0%:"
                            + " node 'sig2' (Sigmoid)");
        }
        Model refused = model(delegate(g -> taking(0, 1, 3, 4)));
        try (Session s = refused.newSession().withMaxFallbackShare(0.5)) {
            assertThatThrownBy(() -> s.run(feed))
                    .isInstanceOf(FallbackPolicyException.class)
                    .hasMessageContaining("5 of 5 nodes (100.0%)")
                    .hasMessageContaining("node 'relu0' (Relu)");
        }
        assertThatThrownBy(() -> m.newSession().withMaxFallbackShare(1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCertifiedDelegateTakesOnlyWhatItsCertificateListsAndNothingWhenItListsNone() {
        Set<KernelClaim> withoutMul = Set.of(
                KernelClaim.of(OpId.of("Relu"), DataType.FLOAT32), KernelClaim.of(OpId.of("Add"), DataType.FLOAT32));
        Model scoped = model(delegate(ElementwiseDelegate::runsOfClaimed), withoutMul);
        DelegationPlan plan = scoped.delegation().orElseThrow();
        assertThat(plan.partitions())
                .extracting(PartitionReport::toLine)
                .containsExactly("partition test-npu#0 (test-npu): 2 nodes [relu0, add1]; inputs [x]; outputs [a, b]");
        assertThat(plan.leftOut().get("mul3"))
                .singleElement()
                .asString()
                .contains("claim Mul/float32/ANY is not certified for its delegate");
        assertThat(run(scoped)).isEqualTo(referenceRun());

        Model none = model(delegate(ElementwiseDelegate::runsOfClaimed), Set.of());
        assertThat(none.delegation()).isEmpty();
        assertThat(run(none)).isEqualTo(referenceRun());
    }

    /**
     * A provider ranked above the delegate's keeps a node only if it has an admitted per-node kernel for the node's
     * operator and data type: an int8-only Relu kernel (as native-npu's int8 Gemm above native-fp32's float Gemm
     * delegate) leaves the float Relu to the delegate; a float Relu kernel keeps it.
     */
    @Test
    void aKernelRankedAboveKeepsANodeOnlyForItsOwnDataType() {
        Model int8Above = modelWithReluKernelAbove(DataType.INT8);
        assertThat(int8Above.delegation().orElseThrow().partitions())
                .extracting(PartitionReport::toLine)
                .contains("partition test-npu#0 (test-npu): 2 nodes [relu0, add1]; inputs [x]; outputs [a, b]");
        assertThat(run(int8Above)).isEqualTo(referenceRun());

        Model floatAbove = modelWithReluKernelAbove(DataType.FLOAT32);
        assertThat(floatAbove.delegation().orElseThrow().leftOut().get("relu0"))
                .singleElement()
                .asString()
                .contains("goes to provider test-cpu, ranked above test-npu");
    }

    /** The toy graph with a provider ranked above the delegate's whose only kernel is a Relu for one data type. */
    private static Model modelWithReluKernelAbove(DataType reluType) {
        KernelClaim relu = KernelClaim.of(OpId.of("Relu"), reluType);
        KernelFactory reluOnly = new KernelFactory() {
            @Override
            public OpId op() {
                return OpId.of("Relu");
            }

            @Override
            public Set<KernelClaim> claims() {
                return Set.of(relu);
            }

            @Override
            public Support supports(Node node) {
                return Support.no("this test kernel runs no node");
            }

            @Override
            public Kernel prepare(Node node) {
                throw new UnsupportedOperationException("never prepared: it supports no node");
            }
        };
        OperatorProvider above = new OperatorProvider() {
            @Override
            public ProviderInfo info() {
                return new ProviderInfo("test-cpu", "acme", "1", DeviceKind.NPU, SpiVersion.CURRENT, 10);
            }

            @Override
            public List<KernelFactory> factories() {
                return List.of(reluOnly);
            }
        };
        ElementwiseDelegate delegate = delegate(ElementwiseDelegate::runsOfClaimed);
        OperatorProvider npu = delegateOnly(delegate);
        ReferenceProvider reference = new ReferenceProvider();
        Set<KernelClaim> referenceClaims = claimsOf(reference);
        PluginSet set = new PluginSet(
                List.of(
                        new AdmittedProvider(reference, "built-in", referenceClaims, false),
                        new AdmittedProvider(above, "test", Set.of(relu), true),
                        new AdmittedProvider(npu, "test", Set.of(), false)),
                List.of(),
                List.of(),
                true);
        return Model.of("toy", graph(), Partitioner.of(set, List.of(DeviceKind.NPU)));
    }

    /** x → relu0 → a → matmul1(a, w) → m → add2(m, a) → y: the delegate takes relu0 and add2, MatMul falls back. */
    private static Model matMulModel() {
        float[] w = new float[16];
        for (int i = 0; i < 16; i++) {
            w[i] = (i % 5) - 2;
        }
        Map<String, ValueSpec> info = new LinkedHashMap<>();
        for (String v : List.of("a", "m")) {
            info.put(v, spec(v));
        }
        Graph g = new Graph(
                "mm",
                List.of(spec("x")),
                List.of(spec("y")),
                Map.of("w", Tensor.ofFloats(Shape.of(4, 4), w)),
                info,
                List.of(
                        node("relu0", "Relu", List.of("x"), "a"),
                        node("matmul1", "MatMul", List.of("a", "w"), "m"),
                        node("add2", "Add", List.of("m", "a"), "y")));
        ReferenceProvider reference = new ReferenceProvider();
        Set<KernelClaim> referenceClaims = claimsOf(reference);
        Delegate d = delegate(ElementwiseDelegate::runsOfClaimed);
        OperatorProvider npu = delegateOnly(d);
        PluginSet set = new PluginSet(
                List.of(
                        new AdmittedProvider(reference, "built-in", referenceClaims, false),
                        new AdmittedProvider(npu, "test", Set.of(), false)),
                List.of(),
                List.of(),
                true);
        return Model.of("mm", g, Partitioner.of(set, List.of(DeviceKind.NPU)));
    }

    @Test
    void theMacSharePolicyCountsWorkNotNodesNamingTheNodesWithTheirMacs() {
        Map<String, Tensor> feed = Map.of("x", Tensor.ofFloats(Shape.of(1, 4), X));
        Model mm = matMulModel();
        assertThat(mm.delegation().orElseThrow().partitions()).hasSize(2);
        // one node of three falls back (33%), but it holds all 16 MACs
        try (Session s = mm.newSession().withMaxFallbackShare(0.5)) {
            s.run(feed);
        }
        try (Session s = mm.newSession().withMaxFallbackMacShare(0.5)) {
            assertThatThrownBy(() -> s.run(feed))
                    .isInstanceOf(FallbackPolicyException.class)
                    .hasMessage("mm: 16 of 16 MACs (100.0%) fell back to the reference, more than the allowed 50.0%:"
                            + " node 'matmul1' (MatMul) 16 MACs");
        }
        // the toy model's one fallen-back node (Sigmoid) does no counted work: the MAC policy passes at 0
        Model toy = model(delegate(ElementwiseDelegate::runsOfClaimed));
        try (Session s = toy.newSession().withMaxFallbackMacShare(0)) {
            assertThat(s.run(feed).get("y").toFloatArray()).isEqualTo(referenceRun());
        }
        assertThatThrownBy(() -> toy.newSession().withMaxFallbackMacShare(-0.1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
