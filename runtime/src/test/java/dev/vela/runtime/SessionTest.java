package dev.vela.runtime;

import static dev.vela.runtime.testing.Onnx.FLOAT;
import static dev.vela.runtime.testing.Onnx.addReluGraph;
import static dev.vela.runtime.testing.Onnx.model;
import static dev.vela.runtime.testing.Onnx.node;
import static dev.vela.runtime.testing.Onnx.valueInfo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.runtime.error.InvalidInputException;
import dev.vela.runtime.error.ModelFormatException;
import dev.vela.runtime.error.NodeExecutionException;
import dev.vela.runtime.error.UnsupportedOperatorException;
import dev.vela.runtime.graph.InvalidGraphException;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.runtime.testing.Proto;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Shape;
import dev.vela.spi.Support;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionTest {

    @TempDir
    Path dir;

    private Model addRelu() {
        return Model.fromBytes("add_relu.onnx", model(addReluGraph()), Partitioner.of(KernelRegistry.reference()));
    }

    @Test
    void runsAddReluWithSymbolicBatch() throws Exception {
        Path file = dir.resolve("add_relu.onnx");
        Files.write(file, model(addReluGraph()));
        Model m = Model.load(file);
        assertThat(m.inputs()).extracting(Object::toString).containsExactly("x: float32[N,3]");
        assertThat(m.outputs()).extracting(Object::toString).containsExactly("y: float32[N,3]");
        try (Session s = m.newSession()) {
            Map<String, Tensor> out = s.run(Map.of("x", Tensor.ofFloats(Shape.of(2, 3), 0, 0, 0, -2, 5, -4)));
            assertThat(out.get("y").shape()).isEqualTo(Shape.of(2, 3));
            assertThat(out.get("y").toFloatArray()).containsExactly(1, 0, 3, 0, 3, 0);
            // a second batch size prepares new kernels for the new shapes
            Map<String, Tensor> one = s.run(Map.of("x", Tensor.ofFloats(Shape.of(1, 3), 1, 1, 1)));
            assertThat(one.get("y").toFloatArray()).containsExactly(2, 0, 4);
        }
    }

    @Test
    void missingInputIsNamed() {
        assertThatThrownBy(() -> addRelu().newSession().run(Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("missing input 'x'");
    }

    @Test
    void unknownInputIsNamed() {
        Tensor x = Tensor.ofFloats(Shape.of(1, 3), 1, 2, 3);
        assertThatThrownBy(() -> addRelu().newSession().run(Map.of("x", x, "z", x)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("input 'z'");
        assertThatThrownBy(() -> addRelu().newSession().run(Map.of("x", x, "b", x)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'b' is a constant");
    }

    @Test
    void wrongDtypeIsNamed() {
        Tensor ints = Tensor.ofInts(Shape.of(1, 3), 1, 2, 3);
        assertThatThrownBy(() -> addRelu().newSession().run(Map.of("x", ints)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("input 'x' must be float32 but is int32");
    }

    @Test
    void wrongShapeIsNamed() {
        assertThatThrownBy(() -> addRelu().newSession().run(Map.of("x", Tensor.ofFloats(Shape.of(1, 2), 1, 2))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("input 'x' must have shape [N,3]")
                .hasMessageContaining("[1x2]");
        assertThatThrownBy(() -> addRelu().newSession().run(Map.of("x", Tensor.ofFloats(Shape.of(3), 1, 2, 3))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("[N,3]");
    }

    @Test
    void unknownOperatorIsNamedAtLoad() {
        Proto graph = Proto.message()
                .msg(1, node("weird", "Frobnicate", new String[] {"x"}, new String[] {"y"}))
                .msg(11, valueInfo("x", FLOAT, 2))
                .msg(12, valueInfo("y", FLOAT, 2));
        assertThatThrownBy(() -> Model.fromBytes("f.onnx", model(graph), Partitioner.of(KernelRegistry.reference())))
                .isInstanceOf(UnsupportedOperatorException.class)
                .hasMessageContaining("f.onnx")
                .hasMessageContaining("node 'weird' (Frobnicate)")
                .hasMessageContaining("Frobnicate");
    }

    @Test
    void unclaimedInputTypeIsUnsupportedNamingTheNode() {
        Proto graph = Proto.message()
                .msg(1, node("r", "Relu", new String[] {"x"}, new String[] {"y"}))
                .msg(11, valueInfo("x", 9, 2))
                .msg(12, valueInfo("y", 9, 2));
        Model m = Model.fromBytes("b.onnx", model(graph), Partitioner.of(KernelRegistry.reference()));
        Tensor bools = Tensor.ofBytes(TensorType.of(DataType.BOOL, 2), (byte) 1, (byte) 0);
        assertThatThrownBy(() -> m.newSession().run(Map.of("x", bools)))
                .isInstanceOf(UnsupportedOperatorException.class)
                .hasMessageContaining("node 'r' (Relu)")
                .hasMessageContaining("bool");
    }

    @Test
    void cycleInFileIsRefusedNamingTheNode() {
        Proto graph = Proto.message()
                .msg(1, node("n1", "Add", new String[] {"x", "b"}, new String[] {"a"}))
                .msg(1, node("n2", "Relu", new String[] {"a"}, new String[] {"b"}))
                .msg(11, valueInfo("x", FLOAT, 2))
                .msg(12, valueInfo("b", FLOAT, 2));
        assertThatThrownBy(() -> Model.fromBytes("c.onnx", model(graph), Partitioner.of(KernelRegistry.reference())))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessageContaining("cycle")
                .hasMessageContaining("node 'n");
    }

    @Test
    void missingTensorInFileIsRefused() {
        Proto graph = Proto.message()
                .msg(1, node("n1", "Add", new String[] {"x", "nope"}, new String[] {"y"}))
                .msg(11, valueInfo("x", FLOAT, 2))
                .msg(12, valueInfo("y", FLOAT, 2));
        assertThatThrownBy(() -> Model.fromBytes("m.onnx", model(graph), Partitioner.of(KernelRegistry.reference())))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessageContaining("node 'n1' (Add)")
                .hasMessageContaining("'nope'");
    }

    @Test
    void duplicateProducerInFileIsRefused() {
        Proto graph = Proto.message()
                .msg(1, node("r1", "Relu", new String[] {"x"}, new String[] {"y"}))
                .msg(1, node("r2", "Relu", new String[] {"x"}, new String[] {"y"}))
                .msg(11, valueInfo("x", FLOAT, 2))
                .msg(12, valueInfo("y", FLOAT, 2));
        assertThatThrownBy(() -> Model.fromBytes("m.onnx", model(graph), Partitioner.of(KernelRegistry.reference())))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessageContaining("node 'r2' (Relu)")
                .hasMessageContaining("'y'");
    }

    @Test
    void garbageFileIsAFormatErrorNamingTheFile() throws Exception {
        Path file = dir.resolve("junk.bin");
        Files.write(file, new byte[] {1, 2, 3, 4, 5});
        assertThatThrownBy(() -> Model.load(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("junk.bin");
        Path empty = dir.resolve("empty.onnx");
        Files.write(empty, new byte[0]);
        assertThatThrownBy(() -> Model.load(empty))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("empty.onnx");
        assertThatThrownBy(() -> Model.load(dir.resolve("absent.onnx")))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("absent.onnx");
    }

    @Test
    void truncatedTfliteFilesAreRefusedNamingFileAndOffset() {
        byte[] tflite = {0x1c, 0, 0, 0, 'T', 'F', 'L', '3', 0, 0, 0, 0};
        assertThatThrownBy(() -> Model.fromBytes("model.tflite", tflite, Partitioner.of(KernelRegistry.reference())))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("model.tflite")
                .hasMessageContaining("byte offset 28");
    }

    @Test
    void graphOutputThatIsAConstantIsReturnedAsACopy() {
        Proto graph = Proto.message()
                .msg(1, node("r", "Relu", new String[] {"x"}, new String[] {"y"}))
                .msg(5, dev.vela.runtime.testing.Onnx.floatTensor("k", new long[] {1}, 3f))
                .msg(11, valueInfo("x", FLOAT, 1))
                .msg(12, valueInfo("y", FLOAT, 1))
                .msg(12, valueInfo("k", FLOAT, 1));
        Model m = Model.fromBytes("k.onnx", model(graph), Partitioner.of(KernelRegistry.reference()));
        Map<String, Tensor> out = m.newSession().run(Map.of("x", Tensor.ofFloats(Shape.of(1), -1)));
        assertThat(out.keySet()).containsExactly("y", "k");
        assertThat(out.get("k").toFloatArray()).containsExactly(3f);
        out.get("k").setDouble(0, 9);
        assertThat(m.graph().initializers().get("k").toFloatArray()).containsExactly(3f);
    }

    // ---- fake kernels, to test the executor's contract checks ----

    /** A factory for op "Fake" whose kernel is built by a function of the node. */
    private static final class FakeFactory implements KernelFactory {
        final AtomicInteger prepared = new AtomicInteger();
        final List<Node> seen = new ArrayList<>();
        final Function<Node, Kernel> body;
        final Set<Integer> valueInputs;

        FakeFactory(Set<Integer> valueInputs, Function<Node, Kernel> body) {
            this.valueInputs = valueInputs;
            this.body = body;
        }

        @Override
        public OpId op() {
            return OpId.of("Fake");
        }

        @Override
        public Set<KernelClaim> claims() {
            return Set.of(KernelClaim.of(op(), DataType.FLOAT32));
        }

        @Override
        public Support supports(Node node) {
            return Support.yes();
        }

        @Override
        public Kernel prepare(Node node) {
            prepared.incrementAndGet();
            seen.add(node);
            return body.apply(node);
        }

        @Override
        public Set<Integer> valueInputs(Node node) {
            return valueInputs;
        }
    }

    private static Kernel copyKernel(List<TensorType> types) {
        return new Kernel() {
            @Override
            public List<TensorType> outputTypes() {
                return types;
            }

            @Override
            public void invoke(dev.vela.spi.Invocation inv) {
                for (int i = 0; i < inv.outputCount(); i++) {
                    inv.output(i).copyFrom(inv.input(0));
                }
            }
        };
    }

    private static Model fakeModel(FakeFactory f, int inputs, String... outputs) {
        String[] in = inputs == 1 ? new String[] {"x"} : new String[] {"x", "s"};
        Proto graph = Proto.message().msg(1, node("fake", "Fake", in, outputs)).msg(11, valueInfo("x", FLOAT, 2));
        if (inputs == 2) {
            graph.msg(11, valueInfo("s", FLOAT, 1));
        }
        graph.msg(12, valueInfo(outputs[0], FLOAT, 2));
        return Model.fromBytes("fake.onnx", model(graph), Partitioner.of(KernelRegistry.of("test", List.of(f))));
    }

    @Test
    void outputCountMismatchNamesTheNode() {
        FakeFactory f = new FakeFactory(Set.of(), n -> copyKernel(List.of(n.inputType(0), n.inputType(0))));
        Model m = fakeModel(f, 1, "y");
        assertThatThrownBy(() -> m.newSession().run(Map.of("x", Tensor.ofFloats(Shape.of(2), 1, 2))))
                .isInstanceOf(NodeExecutionException.class)
                .hasMessageStartingWith("fake.onnx: node 'fake' (Fake)")
                .hasMessageContaining("produces 2 outputs but the node declares 1");
    }

    @Test
    void kernelCrashNamesTheNodeAndKeepsTheCause() {
        FakeFactory f = new FakeFactory(Set.of(), n -> new Kernel() {
            @Override
            public List<TensorType> outputTypes() {
                return List.of(n.inputType(0));
            }

            @Override
            public void invoke(dev.vela.spi.Invocation inv) {
                throw new ArrayIndexOutOfBoundsException("boom");
            }
        });
        Model m = fakeModel(f, 1, "y");
        assertThatThrownBy(() -> m.newSession().run(Map.of("x", Tensor.ofFloats(Shape.of(2), 1, 2))))
                .isInstanceOf(NodeExecutionException.class)
                .hasMessageStartingWith("fake.onnx: ")
                .hasMessageContaining("node 'fake' (Fake)")
                .hasRootCauseInstanceOf(ArrayIndexOutOfBoundsException.class);
    }

    @Test
    void invalidNodeAtPrepareNamesTheNode() {
        FakeFactory f = new FakeFactory(Set.of(), n -> {
            throw new InvalidNodeException(n, "axis 7 is out of range");
        });
        Model m = fakeModel(f, 1, "y");
        assertThatThrownBy(() -> m.newSession().run(Map.of("x", Tensor.ofFloats(Shape.of(2), 1, 2))))
                .isInstanceOf(NodeExecutionException.class)
                .hasMessageStartingWith("fake.onnx: node 'fake' (Fake)")
                .hasMessageContaining("axis 7")
                .hasCauseInstanceOf(InvalidNodeException.class);
    }

    @Test
    void valueInputsAreVisibleAtPrepareAndKeyTheCache() {
        FakeFactory f = new FakeFactory(Set.of(1), n -> copyKernel(List.of(n.inputType(0))));
        Model m = fakeModel(f, 2, "y");
        try (Session s = m.newSession()) {
            Tensor x = Tensor.ofFloats(Shape.of(2), 1, 2);
            s.run(Map.of("x", x, "s", Tensor.ofFloats(Shape.of(1), 5)));
            s.run(Map.of("x", x, "s", Tensor.ofFloats(Shape.of(1), 5)));
            assertThat(f.prepared.get()).isEqualTo(1);
            Map<String, Tensor> out = s.run(Map.of("x", x, "s", Tensor.ofFloats(Shape.of(1), 6)));
            assertThat(f.prepared.get()).isEqualTo(2);
            assertThat(out.get("y").toFloatArray()).containsExactly(1, 2);
        }
        assertThat(f.seen.get(0).inputValue(1)).isPresent();
        assertThat(f.seen.get(0).inputValue(1).get().toFloatArray()).containsExactly(5);
        assertThat(f.seen.get(1).inputValue(1).get().toFloatArray()).containsExactly(6);
        assertThat(f.seen.get(0).inputValue(0)).isEmpty();
        assertThat(f.seen.get(0).inputType(0)).isEqualTo(TensorType.of(DataType.FLOAT32, 2));
    }

    @Test
    void steadyStateRunsReuseTheKernelAndHandOutFreshOutputs() {
        List<Boolean> readOnlyInputs = new ArrayList<>();
        FakeFactory f = new FakeFactory(Set.of(), n -> new Kernel() {
            @Override
            public List<TensorType> outputTypes() {
                return List.of(n.inputType(0));
            }

            @Override
            public void invoke(dev.vela.spi.Invocation inv) {
                readOnlyInputs.add(inv.input(0).isReadOnly());
                inv.output(0).copyFrom(inv.input(0));
            }
        });
        Model m = fakeModel(f, 1, "y");
        try (Session s = m.newSession()) {
            Tensor first =
                    s.run(Map.of("x", Tensor.ofFloats(Shape.of(2), 1, 2))).get("y");
            Tensor second =
                    s.run(Map.of("x", Tensor.ofFloats(Shape.of(2), 3, 4))).get("y");
            s.run(Map.of("x", Tensor.ofFloats(Shape.of(2), 5, 6)));
            assertThat(f.prepared.get()).isEqualTo(1);
            assertThat(first.toFloatArray()).containsExactly(1, 2);
            assertThat(second.toFloatArray()).containsExactly(3, 4);
        }
        assertThat(readOnlyInputs).hasSize(3).containsOnly(true);
    }

    @Test
    void arenaValuesOfOneRunDoNotLeakIntoTheResultsOfAnother() {
        try (Session s = addRelu().newSession()) {
            Map<String, Tensor> one = s.run(Map.of("x", Tensor.ofFloats(Shape.of(1, 3), 0, 0, 0)));
            Map<String, Tensor> two = s.run(Map.of("x", Tensor.ofFloats(Shape.of(1, 3), 5, 5, 5)));
            Map<String, Tensor> three = s.run(Map.of("x", Tensor.ofFloats(Shape.of(1, 3), 2, 2, 2)));
            assertThat(one.get("y").toFloatArray()).containsExactly(1, 0, 3);
            assertThat(two.get("y").toFloatArray()).containsExactly(6, 3, 8);
            assertThat(three.get("y").toFloatArray()).containsExactly(3, 0, 5);
            assertThat(s.arena()).isPresent();
        }
    }

    @Test
    void constantsAreVisibleWithoutAsking() {
        FakeFactory f = new FakeFactory(Set.of(), n -> copyKernel(List.of(n.inputType(0))));
        Proto graph = Proto.message()
                .msg(1, node("fake", "Fake", new String[] {"x", "w"}, new String[] {"y"}))
                .msg(5, dev.vela.runtime.testing.Onnx.floatTensor("w", new long[] {1}, 9f))
                .msg(11, valueInfo("x", FLOAT, 2))
                .msg(12, valueInfo("y", FLOAT, 2));
        Model m = Model.fromBytes("c.onnx", model(graph), Partitioner.of(KernelRegistry.of("test", List.of(f))));
        m.newSession().run(Map.of("x", Tensor.ofFloats(Shape.of(2), 1, 2)));
        assertThat(f.seen.get(0).inputValue(1).get().toFloatArray()).containsExactly(9f);
        assertThat(f.seen.get(0).name()).isEqualTo("fake");
        assertThat(f.seen.get(0).opsetVersion()).isEqualTo(17);
    }

    @Test
    void modelIsShareableAcrossSessions() throws Exception {
        Model m = addRelu();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < 4; t++) {
            final float v = t;
            Thread th = new Thread(() -> {
                try (Session s = m.newSession()) {
                    for (int i = 0; i < 50; i++) {
                        float[] y = s.run(Map.of("x", Tensor.ofFloats(Shape.of(1, 3), v, v, v)))
                                .get("y")
                                .toFloatArray();
                        assertThat(y).containsExactly(v + 1, Math.max(0, v - 2), v + 3);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        assertThat(failures).isEmpty();
    }
}
