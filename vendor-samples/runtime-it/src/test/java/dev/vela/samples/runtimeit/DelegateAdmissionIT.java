package dev.vela.samples.runtimeit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.plugin.AdmittedProvider;
import dev.vela.runtime.plugin.PluginLoader;
import dev.vela.runtime.plugin.PluginSet;
import dev.vela.spi.admission.Certificate;
import dev.vela.spi.admission.CertificateSignature;
import dev.vela.spi.admission.PublicKeys;
import dev.vela.spi.admission.TrustStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime admits native-npu's delegate for exactly what the gate certified it for, and runs the jar without its
 * delegate, saying so, when the certificate lists none (a certificate like the gate's but re-signed without its
 * {@code delegates}, with the samples' development key).
 */
class DelegateAdmissionIT {

    private static final String NPU = "native-npu";

    @BeforeAll
    static void deploy() throws Exception {
        SamplePluginsInRuntimeIT.deployPlugins();
    }

    private static Path samples() {
        return Path.of(System.getProperty("samples.dir", ".."));
    }

    private static Path plugin(String suffix) {
        String version = System.getProperty("samples.version", "0.1.0-SNAPSHOT");
        return Path.of(System.getProperty("samples.plugins", "target/plugins"))
                .resolve("vela-sample-native-npu-" + version + suffix);
    }

    private static TrustStore trust() throws Exception {
        return TrustStore.load(samples().resolve("dev-keys").resolve("vela-samples-DEVELOPMENT-ONLY.pub.pem"));
    }

    private static AdmittedProvider npu(PluginSet set) {
        return set.admitted().stream()
                .filter(a -> a.id().equals(NPU))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theDelegateIsAdmittedForTheScopeItsCertificateLists() throws Exception {
        Certificate c = Certificate.parse(Files.readString(plugin("-vela-cert.json")));
        assertThat(c.delegateOf(NPU)).isPresent();
        AdmittedProvider npu = npu(SamplePluginsInRuntimeIT.admitted());
        assertThat(npu.delegateClaims()).isEqualTo(c.delegateOf(NPU).get().claims());
        assertThat(npu.delegateClaims())
                .extracting(Object::toString)
                .contains("Add/int8/ANY", "Conv/int8/NHWC", "Pad/int8/ANY");
        assertThat(Partitioner.of(SamplePluginsInRuntimeIT.admitted(), List.of())
                        .delegates())
                .extracting(d -> d.providerId())
                .containsExactly(NPU);
    }

    @Test
    void aJarWhoseCertificateListsNoDelegateRunsWithoutItSayingSo(@TempDir Path dir) throws Exception {
        Certificate gate = Certificate.parse(Files.readString(plugin("-vela-cert.json")));
        Certificate.Builder b = Certificate.builder()
                .plugin(gate.groupId(), gate.artifactId(), gate.version())
                .jarSha256(gate.jarSha256())
                .spiVersion(gate.spiVersion())
                .kitVersion(gate.kitVersion())
                .profile(gate.profile())
                .tolerancePolicy(gate.tolerancePolicy())
                .seed(gate.seed())
                .seedDerivation(gate.seedDerivation().orElse(null))
                .machine(gate.machine())
                .issuedAt(gate.issuedAt())
                .expires(gate.expires().orElse(null))
                .numerics(gate.numerics());
        gate.providerIds().forEach(b::providerId);
        gate.entries().forEach(b::entry);
        gate.definitions().forEach(b::definition);
        Certificate withoutDelegates = sign(b.build());
        assertThat(withoutDelegates.delegates()).isEmpty();
        Path jar = dir.resolve(plugin(".jar").getFileName());
        Files.copy(plugin(".jar"), jar);
        String base = jar.getFileName().toString().replace(".jar", "");
        Files.writeString(dir.resolve(base + "-vela-cert.json"), withoutDelegates.toJson(), StandardCharsets.UTF_8);

        PluginSet set = new PluginLoader(trust(), false).pluginsDirectory(dir).load();
        assertThat(set.refusals()).isEmpty();
        AdmittedProvider npu = npu(set);
        assertThat(npu.certified()).isTrue();
        assertThat(npu.delegateClaims()).isEmpty();
        assertThat(set.warnings())
                .anySatisfy(w -> assertThat(w)
                        .contains("the delegate of provider 'native-npu' is"
                                + " not certified (its certificate lists no delegate for provider 'native-npu'): the plugin runs"
                                + " without it, on its per-node kernels"));
        assertThat(Partitioner.of(set, List.of()).delegates()).isEmpty();
    }

    private static Certificate sign(Certificate c) throws Exception {
        String pem = Files.readString(samples().resolve("dev-keys").resolve("vela-samples-DEVELOPMENT-ONLY.key.pem"));
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        PublicKey pub = PublicKeys.read(samples().resolve("dev-keys").resolve("vela-samples-DEVELOPMENT-ONLY.pub.pem"))
                .get(0);
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(key);
        s.update(c.signedPayload());
        return c.withSignature(new CertificateSignature(
                "Ed25519", PublicKeys.keyId(pub), Base64.getEncoder().encodeToString(s.sign())));
    }
}
