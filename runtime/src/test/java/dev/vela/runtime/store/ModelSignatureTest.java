package dev.vela.runtime.store;

import static dev.vela.runtime.store.StoreFixtures.writeModel;
import static dev.vela.runtime.store.StoreFixtures.writeSelfTest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.spi.admission.TrustStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSignatureTest {

    @TempDir
    Path dir;

    private ModelSigner authority;
    private ModelStore store;
    private Path model;

    @BeforeEach
    void setUp() throws Exception {
        Path priv = ModelSigner.generate(dir.resolve("keys"), "authority");
        Path pub = dir.resolve("keys/authority.pub.pem");
        authority = ModelSigner.read(priv, pub);
        store = ModelStore.open(
                dir.resolve("store"),
                1 << 20,
                SignaturePolicy.require(TrustStore.load(pub)),
                Partitioner.of(KernelRegistry.reference()));
        model = writeModel(dir, "m.onnx", 1);
    }

    private Path sign(String name, String version, Path file, String selfTestSha) throws Exception {
        ModelSignature sig = authority.sign(name, version, Hashing.sha256(file), Files.size(file), selfTestSha);
        Path p = dir.resolve(name + "-" + version + ".sig.json");
        Files.writeString(p, sig.toJson());
        return p;
    }

    @Test
    void aModelSignedByATrustedAuthorityInstalls() throws Exception {
        Path st = writeSelfTest(dir, "st.json", 1);
        ModelMetadata m = store.install(InstallRequest.of("m", "1", model)
                .withSelfTest(st)
                .withSignature(sign("m", "1", model, Hashing.sha256(st))));
        assertThat(store.signer(m)).contains(authority.keyId());
    }

    @Test
    void anUnsignedModelIsRefusedWhenSignaturesAreRequired() {
        assertThatThrownBy(() -> store.install(InstallRequest.of("m", "1", model)))
                .hasMessageContaining("m@1 refused: unsigned, and this store requires a signature");
        assertThat(dir.resolve("store/models/m")).doesNotExist();
    }

    @Test
    void aTamperedModelFileIsRefused() throws Exception {
        Path sig = sign("m", "1", model, "");
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length - 1] ^= 1;
        Files.write(model, bytes);
        assertThatThrownBy(
                        () -> store.install(InstallRequest.of("m", "1", model).withSignature(sig)))
                .hasMessageContaining("m@1 refused: signed file SHA-256 (the model file was altered after signing)");
    }

    @Test
    void aSignatureForAnotherVersionOrAnAlteredSelfTestIsRefused() throws Exception {
        Path sig = sign("m", "1", model, "");
        assertThatThrownBy(
                        () -> store.install(InstallRequest.of("m", "2", model).withSignature(sig)))
                .hasMessageContaining("m@2 refused: signed version is '1'");
        Path st = writeSelfTest(dir, "st.json", 1);
        assertThatThrownBy(() -> store.install(
                        InstallRequest.of("m", "1", model).withSelfTest(st).withSignature(sig)))
                .hasMessageContaining("self-test SHA-256 (the self-test was altered after signing)");
    }

    @Test
    void anUntrustedKeyOrAnAlteredSignatureDocumentIsRefused() throws Exception {
        ModelSigner stranger = ModelSigner.read(
                ModelSigner.generate(dir.resolve("other"), "stranger"), dir.resolve("other/stranger.pub.pem"));
        Path foreign = dir.resolve("foreign.sig.json");
        Files.writeString(
                foreign,
                stranger.sign("m", "1", Hashing.sha256(model), Files.size(model), "")
                        .toJson());
        assertThatThrownBy(
                        () -> store.install(InstallRequest.of("m", "1", model).withSignature(foreign)))
                .hasMessageContaining("signed by key " + stranger.keyId() + ", which is not a trusted model authority");
        Path sig = sign("m", "1", model, "");
        // claim a different size in the payload but keep the original signature bytes
        Files.writeString(sig, Files.readString(sig).replace("\"size\":" + Files.size(model), "\"size\":1"));
        assertThatThrownBy(
                        () -> store.install(InstallRequest.of("m", "1", model).withSignature(sig)))
                .hasMessageContaining("the signature does not verify under key " + authority.keyId());
        Files.writeString(sig, "{not json");
        assertThatThrownBy(
                        () -> store.install(InstallRequest.of("m", "1", model).withSignature(sig)))
                .hasMessageContaining("malformed JSON at line 1 column 3 path $.");
        assertThat(store.list()).isEmpty();
    }
}
