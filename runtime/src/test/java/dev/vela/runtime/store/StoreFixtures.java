package dev.vela.runtime.store;

import static dev.vela.runtime.testing.Onnx.FLOAT;
import static dev.vela.runtime.testing.Onnx.floatTensor;
import static dev.vela.runtime.testing.Onnx.model;
import static dev.vela.runtime.testing.Onnx.node;
import static dev.vela.runtime.testing.Onnx.valueInfo;

import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.runtime.testing.Proto;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Small real models for the store tests: {@code y = x + c} with x float[1,3], so an output names its version. */
final class StoreFixtures {

    private StoreFixtures() {}

    /** @return ONNX bytes of y = x + c */
    static byte[] addModel(float c) {
        Proto graph = Proto.message()
                .msg(1, node("add", "Add", new String[] {"x", "c"}, new String[] {"y"}))
                .str(2, "add_const")
                .msg(5, floatTensor("c", new long[] {3}, c, c, c))
                .msg(11, valueInfo("x", FLOAT, 1, 3))
                .msg(12, valueInfo("y", FLOAT, 1, 3));
        return model(graph);
    }

    static Path writeModel(Path dir, String file, float c) throws IOException {
        Files.createDirectories(dir);
        Path p = dir.resolve(file);
        Files.write(p, addModel(c));
        return p;
    }

    static Tensor input() {
        return Tensor.ofFloats(Shape.of(1, 3), 1, 2, 3);
    }

    /** @return self-test vectors expecting x + expectedC (a wrong expectedC makes a self-test that fails) */
    static Path writeSelfTest(Path dir, String file, float expectedC) throws IOException {
        Tensor x = input();
        Tensor y = Tensor.ofFloats(Shape.of(1, 3), 1 + expectedC, 2 + expectedC, 3 + expectedC);
        SelfTest t = new SelfTest(List.of(new SelfTest.Case(Map.of("x", x), Map.of("y", y))), 1e-6, 0);
        Path p = dir.resolve(file);
        Files.writeString(p, t.toJson());
        return p;
    }

    static ModelStore store(Path root, long quota) throws IOException {
        return ModelStore.open(root, quota, SignaturePolicy.NONE, Partitioner.of(KernelRegistry.reference()));
    }

    /** @return the c a model version added, read back from one inference */
    static float constantOf(Inference inf) {
        return inf.outputs().get("y").toFloatArray()[0] - 1;
    }
}
