package dev.vela.fleet;

import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.runtime.store.InstallRequest;
import dev.vela.runtime.store.ModelDownloader;
import dev.vela.runtime.store.ModelManager;
import dev.vela.runtime.store.ModelStore;
import dev.vela.runtime.store.SelfTest;
import dev.vela.runtime.store.SignaturePolicy;
import dev.vela.runtime.store.VersionConstraint;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Models and devices for the fleet tests: {@code y = x + c}, so an inference tells which version ran it. */
final class FleetFixtures {

    static final String MODEL = "detector";
    static final String APP = "camera";

    private FleetFixtures() {}

    /** @return ONNX bytes of y = x + c, x and y float[1,3] (hand-encoded protobuf, field numbers of onnx.proto) */
    static byte[] addModel(float c) {
        ByteBuffer raw = ByteBuffer.allocate(12)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putFloat(c)
                .putFloat(c)
                .putFloat(c);
        byte[] tensor = concat(varintField(1, 3), varintField(2, 1), str(8, "c"), bytes(9, raw.array()));
        byte[] node = concat(str(1, "x"), str(1, "c"), str(2, "y"), str(3, "add"), str(4, "Add"));
        byte[] graph = concat(
                bytes(1, node), str(2, "g"), bytes(5, tensor), bytes(11, valueInfo("x")), bytes(12, valueInfo("y")));
        byte[] opset = concat(str(1, ""), varintField(2, 17));
        return concat(varintField(1, 8), bytes(8, opset), bytes(7, graph));
    }

    private static byte[] valueInfo(String name) {
        byte[] shape = concat(bytes(1, varintField(1, 1)), bytes(1, varintField(1, 3)));
        byte[] tensorType = concat(varintField(1, 1), bytes(2, shape));
        return concat(str(1, name), bytes(2, bytes(1, tensorType)));
    }

    private static byte[] varint(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
        return out.toByteArray();
    }

    private static byte[] varintField(int field, long v) {
        return concat(varint((long) field << 3), varint(v));
    }

    private static byte[] bytes(int field, byte[] b) {
        return concat(varint(((long) field << 3) | 2), varint(b.length), b);
    }

    private static byte[] str(int field, String s) {
        return bytes(field, s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static Tensor input() {
        return Tensor.ofFloats(Shape.of(1, 3), 1, 2, 3);
    }

    /** @return self-test vectors expecting x + c */
    static String selfTest(float c) {
        Tensor y = Tensor.ofFloats(Shape.of(1, 3), 1 + c, 2 + c, 3 + c);
        return new SelfTest(List.of(new SelfTest.Case(Map.of("x", input()), Map.of("y", y))), 1e-6, 0).toJson();
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    /** A device's store with detector 1.0 as factory version and the app camera running it. */
    static ModelManager device(Path dir, String deviceId) throws Exception {
        Files.createDirectories(dir);
        ModelStore store = ModelStore.open(
                dir.resolve("store"), 1 << 20, SignaturePolicy.NONE, Partitioner.of(KernelRegistry.reference()));
        ModelManager m =
                ModelManager.open(store, new ModelDownloader("vela-agent/" + deviceId, Duration.ofSeconds(30)));
        if (store.versions(MODEL).isEmpty()) {
            Path v1 = dir.resolve("v1.onnx");
            Files.write(v1, addModel(1));
            m.install(InstallRequest.of(MODEL, "1.0", v1));
            m.declareApp(APP, Map.of(MODEL, VersionConstraint.ANY));
        }
        return m;
    }

    /** @return the c of the version the device's app runs now, read from a real inference */
    static float serving(ModelManager m) {
        return m.run(APP, MODEL, Map.of("x", input())).outputs().get("y").toFloatArray()[0] - 1;
    }
}
