package dev.vela.runtime.plugin;

import static dev.vela.runtime.plugin.PluginJars.certificate;
import static dev.vela.runtime.plugin.PluginJars.sign;
import static dev.vela.runtime.plugin.PluginJars.writeNextTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.runtime.plugin.PluginJars.Spec;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.SpiVersion;
import dev.vela.spi.VelaException;
import dev.vela.spi.admission.Certificate;
import dev.vela.spi.admission.RefusalReason;
import dev.vela.spi.admission.TrustStore;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLoaderTest {

    private static KeyPair trusted;
    private static KeyPair stranger;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws Exception {
        trusted = PluginJars.newKey();
        stranger = PluginJars.newKey();
    }

    private Path plugins() throws Exception {
        return Files.createDirectories(dir.resolve("plugins"));
    }

    private PluginSet load(Path plugins, boolean dev) {
        return new PluginLoader(TrustStore.of(List.of(trusted.getPublic())), dev)
                .pluginsDirectory(plugins)
                .load();
    }

    private static Refusal onlyRefusal(PluginSet set) {
        assertThat(set.refusals()).hasSize(1);
        return set.refusals().get(0);
    }

    private static List<String> admittedIds(PluginSet set) {
        return set.admitted().stream().map(AdmittedProvider::id).toList();
    }

    @Test
    void certifiedPluginIsAdmittedWithItsCertifiedClaims() throws Exception {
        Path jar = PluginJars.build(plugins().resolve("acme-1.0.jar"), dir, Spec.of("acme"));
        writeNextTo(jar, sign(certificate(jar, List.of("acme"), "Relu/float32/ANY"), trusted));
        PluginSet set = load(jar.getParent(), false);
        assertThat(set.refusals()).isEmpty();
        assertThat(set.warnings()).isEmpty();
        assertThat(admittedIds(set)).containsExactly(dev.vela.reference.ReferenceProvider.ID, "acme");
        AdmittedProvider acme = set.admitted().get(1);
        assertThat(acme.certified()).isTrue();
        assertThat(acme.origin()).endsWith("acme-1.0.jar");
        assertThat(acme.claims()).containsExactly(KernelClaim.parse("Relu/float32/ANY"));
        // its own class loader, whose parent shares the SPI with the runtime
        ClassLoader loader = acme.provider().getClass().getClassLoader();
        assertThat(loader).isInstanceOf(PluginClassLoader.class).isNotSameAs(PluginLoader.class.getClassLoader());
        assertThat(loader.getParent()).isSameAs(PluginLoader.class.getClassLoader());
    }

    @Test
    void certificateNamedAfterTheWholeJarNameIsAccepted() throws Exception {
        Path jar = PluginJars.build(plugins().resolve("acme.jar"), dir, Spec.of("acme"));
        Files.writeString(
                jar.resolveSibling("acme.jar.vela-cert.json"),
                sign(certificate(jar, List.of("acme"), "Relu/float32/ANY"), trusted)
                        .toJson());
        assertThat(admittedIds(load(jar.getParent(), false))).contains("acme");
    }

    @Test
    void certificateUnderMavensClassifierNameIsAccepted() throws Exception {
        Path jar = PluginJars.build(plugins().resolve("acme-1.0.jar"), dir, Spec.of("acme"));
        Files.writeString(
                jar.resolveSibling("acme-1.0-vela-cert.json"),
                sign(certificate(jar, List.of("acme"), "Relu/float32/ANY"), trusted)
                        .toJson());
        assertThat(admittedIds(load(jar.getParent(), false))).contains("acme");
    }

    @Test
    void eachJarHasItsOwnClassLoader() throws Exception {
        Path a = PluginJars.build(plugins().resolve("a.jar"), dir, Spec.of("a"));
        Path b = PluginJars.build(plugins().resolve("b.jar"), dir, Spec.of("b"));
        writeNextTo(a, sign(certificate(a, List.of("a"), "Relu/float32/ANY"), trusted));
        writeNextTo(b, sign(certificate(b, List.of("b"), "Relu/float32/ANY"), trusted));
        PluginSet set = load(a.getParent(), false);
        assertThat(admittedIds(set)).containsExactly(dev.vela.reference.ReferenceProvider.ID, "a", "b");
        assertThat(set.admitted().get(1).provider().getClass().getClassLoader())
                .isNotSameAs(set.admitted().get(2).provider().getClass().getClassLoader());
    }

    @Test
    void jarWithoutCertificateIsRefused() throws Exception {
        Path jar = PluginJars.build(plugins().resolve("acme.jar"), dir, Spec.of("acme"));
        PluginSet set = load(jar.getParent(), false);
        Refusal r = onlyRefusal(set);
        assertThat(r.reason()).isEqualTo(RefusalReason.NO_CERTIFICATE);
        assertThat(r.providerId())
                .as("refused before any class of the jar is loaded")
                .isNull();
        assertThat(r.origin()).endsWith("acme.jar");
        assertThat(r.message()).contains("acme.vela-cert.json");
        assertThat(admittedIds(set)).containsExactly(dev.vela.reference.ReferenceProvider.ID);
    }

    @Test
    void unsignedCertificateIsRefused() throws Exception {
        Path jar = PluginJars.build(plugins().resolve("acme.jar"), dir, Spec.of("acme"));
        writeNextTo(jar, certificate(jar, List.of("acme"), "Relu/float32/ANY"));
        Refusal r = onlyRefusal(load(jar.getParent(), false));
        assertThat(r.reason()).isEqualTo(RefusalReason.UNSIGNED);
        assertThat(r.toString()).contains("acme", "UNSIGNED");
    }

    @Test
    void certificateSignedByAnUntrustedKeyIsRefused() throws Exception {
        Path jar = PluginJars.build(plugins().resolve("acme.jar"), dir, Spec.of("acme"));
        writeNextTo(jar, sign(certificate(jar, List.of("acme"), "Relu/float32/ANY"), stranger));
        Refusal r = onlyRefusal(load(jar.getParent(), false));
        assertThat(r.reason()).isEqualTo(RefusalReason.UNTRUSTED_KEY);
        assertThat(r.message()).contains("not in the trust store");
    }

    @Test
    void jarChangedAfterCertificationIsRefused() throws Exception {
        Path jar = PluginJars.build(plugins().resolve("acme.jar"), dir, Spec.of("acme"));
        writeNextTo(jar, sign(certificate(jar, List.of("acme"), "Relu/float32/ANY"), trusted));
        PluginJars.build(jar, dir, Spec.of("acme").on("CPU", 11)); // rebuilt: another hash
        Refusal r = onlyRefusal(load(jar.getParent(), false));
        assertThat(r.reason()).isEqualTo(RefusalReason.HASH_MISMATCH);
        assertThat(r.message()).contains("changed after certification");
    }

    @Test
    void certificateEditedAfterSigningIsRefused() throws Exception {
        Path jar = PluginJars.build(plugins().resolve("acme.jar"), dir, Spec.of("acme"));
        Path cert = writeNextTo(jar, sign(certificate(jar, List.of("acme"), "Relu/float32/ANY"), trusted));
        Files.writeString(cert, Files.readString(cert).replace("test machine", "other machine"));
        assertThat(onlyRefusal(load(jar.getParent(), false)).reason()).isEqualTo(RefusalReason.BAD_SIGNATURE);
    }

    @Test
    void certificateWhoseSeedWasChosenNotDerivedIsRefused() throws Exception {
        Path jar = PluginJars.build(plugins().resolve("acme.jar"), dir, Spec.of("acme"));
        Certificate plain = certificate(jar, List.of("acme"), "Relu/float32/ANY"); // seed 7
        java.security.Signature s = java.security.Signature.getInstance("Ed25519");
        s.initSign(trusted.getPrivate());
        s.update(dev.vela.spi.admission.SeedDerivation.message(plain.jarSha256(), plain.profile()));
        String derivation = "\"seedDerivation\":{\"scheme\":\"vela-seed-v1\",\"signature\":\""
                + java.util.Base64.getEncoder().encodeToString(s.sign()) + "\"},";
        Certificate chosen = Certificate.parse(plain.toJson().replace("\"seed\":7,", "\"seed\":7," + derivation));
        assertThat(chosen.seedDerivation()).isPresent();
        writeNextTo(jar, sign(chosen, trusted));
        Refusal r = onlyRefusal(load(jar.getParent(), false));
        assertThat(r.reason()).isEqualTo(RefusalReason.SEED_NOT_DERIVED);
        assertThat(r.message()).contains("seed 7 is not the derived seed");
    }

    @Test
    void malformedCertificateIsRefused() throws Exception {
        Path jar = PluginJars.build(plugins().resolve("acme.jar"), dir, Spec.of("acme"));
        Files.writeString(jar.resolveSibling("acme.vela-cert.json"), "{\"format\": 3}");
        assertThat(onlyRefusal(load(jar.getParent(), false)).reason()).isEqualTo(RefusalReason.MALFORMED_CERTIFICATE);
    }

    @Test
    void providerOfAnotherSpiMajorIsRefusedEvenInDevelopmentMode() throws Exception {
        Path jar = PluginJars.build(
                plugins().resolve("acme.jar"), dir, Spec.of("acme").spi(SpiVersion.of(2, 0)));
        writeNextTo(jar, sign(certificate(jar, List.of("acme"), "Relu/float32/ANY"), trusted));
        for (boolean dev : new boolean[] {false, true}) {
            PluginSet set = load(jar.getParent(), dev);
            Refusal r = onlyRefusal(set);
            assertThat(r.reason()).isEqualTo(RefusalReason.SPI_MAJOR_DIFFERS);
            assertThat(r.message()).contains("2.0", "major versions differ");
            assertThat(admittedIds(set)).doesNotContain("acme");
        }
    }

    @Test
    void providerOfANewerSpiMinorIsRefused() throws Exception {
        SpiVersion newer = SpiVersion.of(SpiVersion.CURRENT.major(), SpiVersion.CURRENT.minor() + 1);
        Path jar = PluginJars.build(
                plugins().resolve("acme.jar"), dir, Spec.of("acme").spi(newer));
        writeNextTo(jar, sign(certificate(jar, List.of("acme"), "Relu/float32/ANY"), trusted));
        assertThat(onlyRefusal(load(jar.getParent(), false)).reason()).isEqualTo(RefusalReason.SPI_TOO_NEW);
    }

    @Test
    void certificateOfAnotherSpiMajorIsRefused() throws Exception {
        Path jar = PluginJars.build(plugins().resolve("acme.jar"), dir, Spec.of("acme"));
        Certificate c = Certificate.parse(certificate(jar, List.of("acme"), "Relu/float32/ANY")
                .toJson()
                .replace("\"spiVersion\":\"" + SpiVersion.CURRENT + "\"", "\"spiVersion\":\"9.0\""));
        assertThat(c.spiVersion()).isEqualTo(SpiVersion.of(9, 0));
        writeNextTo(jar, sign(c, trusted));
        Refusal r = onlyRefusal(load(jar.getParent(), false));
        assertThat(r.reason()).isEqualTo(RefusalReason.SPI_MAJOR_DIFFERS);
    }

    @Test
    void providerMissingFromTheCertificateIsRefused() throws Exception {
        Path jar = PluginJars.build(plugins().resolve("two.jar"), dir, Spec.of("first"), Spec.of("second"));
        writeNextTo(jar, sign(certificate(jar, List.of("first"), "Relu/float32/ANY"), trusted));
        PluginSet set = load(jar.getParent(), false);
        Refusal r = onlyRefusal(set);
        assertThat(r.reason()).isEqualTo(RefusalReason.PROVIDER_NOT_CERTIFIED);
        assertThat(r.providerId()).isEqualTo("second");
        assertThat(r.message()).contains("[first]");
        assertThat(admittedIds(set)).containsExactly(dev.vela.reference.ReferenceProvider.ID, "first");
    }

    @Test
    void uncertifiedClaimsAreNotAdmitted() throws Exception {
        Path jar = PluginJars.build(
                plugins().resolve("acme.jar"), dir, Spec.of("acme").alsoClaiming("INT8"));
        writeNextTo(jar, sign(certificate(jar, List.of("acme"), "Relu/float32/ANY"), trusted));
        PluginSet set = load(jar.getParent(), false);
        Refusal r = onlyRefusal(set);
        assertThat(r.reason()).isEqualTo(RefusalReason.CLAIM_NOT_CERTIFIED);
        assertThat(r.message()).contains("Relu/int8/ANY").doesNotContain("float32");
        assertThat(set.admitted().get(1).claims()).containsExactly(KernelClaim.parse("Relu/float32/ANY"));
    }

    @Test
    void developmentModeAdmitsUncertifiedPluginsWithAWarning() throws Exception {
        Path jar = PluginJars.build(
                plugins().resolve("acme.jar"), dir, Spec.of("acme").alsoClaiming("INT8"));
        PluginSet set = load(jar.getParent(), true);
        assertThat(set.refusals()).isEmpty();
        assertThat(set.developmentMode()).isTrue();
        assertThat(set.warnings()).singleElement().asString().contains("UNCERTIFIED", "acme", "NO_CERTIFICATE");
        AdmittedProvider acme = set.admitted().get(1);
        assertThat(acme.certified()).isFalse();
        assertThat(acme.claims())
                .containsExactlyInAnyOrder(KernelClaim.parse("Relu/float32/ANY"), KernelClaim.parse("Relu/int8/ANY"));
    }

    @Test
    void jarWithoutProvidersIsReported() throws Exception {
        Path jar = plugins().resolve("empty.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.jar.JarEntry("readme.txt"));
        }
        // uncertified, it is refused before it is opened; in development mode it is opened and found empty
        assertThat(onlyRefusal(load(jar.getParent(), false)).reason()).isEqualTo(RefusalReason.NO_CERTIFICATE);
        Refusal r = onlyRefusal(load(jar.getParent(), true));
        assertThat(r.reason()).isEqualTo(RefusalReason.LOAD_FAILED);
        assertThat(r.message()).contains("declares no");
    }

    @Test
    void missingPluginsDirectoryIsAnError() {
        assertThatThrownBy(() -> load(dir.resolve("absent"), false))
                .isInstanceOf(VelaException.class)
                .hasMessageContaining("absent")
                .hasMessageContaining("does not exist");
    }

    @Test
    void classPathProvidersNeedACertificateToo() throws Exception {
        Path jar = PluginJars.build(dir.resolve("lib/acme.jar"), dir, Spec.of("acme"));
        try (URLClassLoader runtime =
                new URLClassLoader(new URL[] {jar.toUri().toURL()}, PluginLoader.class.getClassLoader())) {
            PluginSet set = new PluginLoader(TrustStore.of(List.of(trusted.getPublic())), false)
                    .runtimeLoader(runtime)
                    .load();
            Refusal r = onlyRefusal(set);
            assertThat(r.origin()).isEqualTo(PluginLoader.CLASS_PATH);
            assertThat(r.reason()).isEqualTo(RefusalReason.NO_CERTIFICATE);
            assertThat(r.message()).contains("META-INF/vela/acme.vela-cert.json");
        }
        // the certificate as a class-path resource admits it
        Path resources = Files.createDirectories(dir.resolve("res/META-INF/vela"));
        Files.writeString(
                resources.resolve("acme.vela-cert.json"),
                sign(certificate(jar, List.of("acme"), "Relu/float32/ANY"), trusted)
                        .toJson());
        try (URLClassLoader runtime = new URLClassLoader(
                new URL[] {jar.toUri().toURL(), dir.resolve("res").toUri().toURL()},
                PluginLoader.class.getClassLoader())) {
            PluginSet set = new PluginLoader(TrustStore.of(List.of(trusted.getPublic())), false)
                    .runtimeLoader(runtime)
                    .load();
            assertThat(set.refusals()).isEmpty();
            assertThat(admittedIds(set)).containsExactly(dev.vela.reference.ReferenceProvider.ID, "acme");
            assertThat(set.admitted().get(1).origin()).isEqualTo(PluginLoader.CLASS_PATH);
        }
    }

    @Test
    void classPathProviderCertificateMayLieInThePluginsDirectory() throws Exception {
        Path jar = PluginJars.build(dir.resolve("lib/acme.jar"), dir, Spec.of("acme"));
        Path plugins = plugins();
        Files.writeString(plugins.resolve("acme.vela-cert.json"), "not json");
        try (URLClassLoader runtime =
                new URLClassLoader(new URL[] {jar.toUri().toURL()}, PluginLoader.class.getClassLoader())) {
            PluginLoader loader = new PluginLoader(TrustStore.of(List.of(trusted.getPublic())), false)
                    .runtimeLoader(runtime)
                    .pluginsDirectory(plugins);
            Refusal r = onlyRefusal(loader.load());
            assertThat(r.reason()).isEqualTo(RefusalReason.MALFORMED_CERTIFICATE);
            assertThat(r.message()).contains("acme.vela-cert.json");
            Files.writeString(
                    plugins.resolve("acme.vela-cert.json"),
                    sign(certificate(jar, List.of("acme"), "Relu/float32/ANY"), trusted)
                            .toJson());
            PluginSet set = loader.load();
            assertThat(set.refusals()).isEmpty();
            assertThat(admittedIds(set)).containsExactly(dev.vela.reference.ReferenceProvider.ID, "acme");
        }
    }
}
