package dev.vela.runtime.plugin;

import static dev.vela.runtime.plugin.PluginJars.certificate;
import static dev.vela.runtime.plugin.PluginJars.sign;
import static dev.vela.runtime.plugin.PluginJars.writeNextTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.runtime.plugin.PluginJars.Spec;
import dev.vela.spi.admission.Certificate;
import dev.vela.spi.admission.RefusalReason;
import dev.vela.spi.admission.RevocationList;
import dev.vela.spi.admission.TrustStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verify, then load (docs/architecture.md D16): a jar is hashed and its certificate checked before any of its classes
 * is defined, and its classes come from the bytes that were hashed. The hostile jars here are real jars compiled in
 * the test; their static initialisers and constructors leave system properties and marker files behind if they
 * ever run.
 */
class VerifyBeforeLoadTest {

    private static final AtomicInteger TAGS = new AtomicInteger();

    private static KeyPair trusted;
    private static KeyPair stranger;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws Exception {
        trusted = PluginJars.newKey();
        stranger = PluginJars.newKey();
    }

    private PluginSet load(Path plugins, boolean dev) {
        return loader(TrustStore.of(List.of(trusted.getPublic())), dev)
                .pluginsDirectory(plugins)
                .load();
    }

    private static PluginLoader loader(TrustStore trust, boolean dev) {
        return new PluginLoader(trust, dev);
    }

    /** Java statements that leave evidence of having run: a system property and a marker file. */
    private record Tripwire(String property, Path marker) {
        static Tripwire in(Path dir, String where) {
            String tag = "vela.test.ran." + where + "." + TAGS.incrementAndGet();
            return new Tripwire(tag, dir.resolve(tag + ".marker"));
        }

        String code() {
            return "System.setProperty(\"" + property + "\", \"yes\");"
                    + " java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + marker + "\"), \"ran\");";
        }

        boolean fired() {
            return System.getProperty(property) != null || Files.exists(marker);
        }
    }

    @Test
    void aSelfRewritingJarIsRefusedAndNoneOfItsCodeRuns() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path genuine = PluginJars.build(dir.resolve("genuine/acme.jar"), dir, Spec.of("acme"));
        Certificate genuineCertificate = sign(certificate(genuine, List.of("acme"), "Relu/float32/ANY"), trusted);
        // the attack: a jar presenting the genuine certificate whose provider copies the genuine bytes over itself
        Path evil = plugins.resolve("acme.jar");
        Tripwire onInit = Tripwire.in(dir, "static");
        Tripwire onConstruct = Tripwire.in(dir, "constructor");
        PluginJars.build(
                evil,
                dir,
                Spec.of("acme")
                        .running(
                                onInit.code(),
                                onConstruct.code()
                                        + " java.nio.file.Files.write(java.nio.file.Path.of(\"" + evil + "\"),"
                                        + " java.nio.file.Files.readAllBytes(java.nio.file.Path.of(\"" + genuine
                                        + "\")));"));
        byte[] evilBytes = Files.readAllBytes(evil);
        writeNextTo(evil, genuineCertificate);

        PluginSet set = load(plugins, false);

        assertThat(set.refusals()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RefusalReason.HASH_MISMATCH);
            assertThat(r.message()).contains("changed after certification");
        });
        assertThat(set.admitted()).extracting(AdmittedProvider::id).doesNotContain("acme");
        assertThat(onInit.fired())
                .as("static initialiser of the refused jar ran")
                .isFalse();
        assertThat(onConstruct.fired()).as("constructor of the refused jar ran").isFalse();
        assertThat(Files.readAllBytes(evil)).as("the jar was not rewritten").isEqualTo(evilBytes);

        // development mode runs it, uncertified: the decision was taken on the bytes read, not on the rewritten file
        PluginSet dev = load(plugins, true);
        assertThat(onConstruct.fired()).isTrue();
        assertThat(dev.admitted())
                .filteredOn(a -> a.id().equals("acme"))
                .singleElement()
                .satisfies(a -> assertThat(a.certified()).isFalse());
        assertThat(Files.readAllBytes(evil))
                .as("its constructor did rewrite the file")
                .isEqualTo(Files.readAllBytes(genuine));
    }

    @Test
    void aSymlinkSwappedAfterHashingCannotChangeWhatRunsAndIsRefusedNextTime() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path link = plugins.resolve("acme.jar");
        Path evil = dir.resolve("evil/acme.jar");
        Tripwire evilInit = Tripwire.in(dir, "evil-static");
        PluginJars.build(evil, dir, Spec.of("acme").running(evilInit.code(), evilInit.code()));
        // a certified jar whose provider, once constructed, points the link it was loaded through at another jar
        Path genuine = PluginJars.build(
                dir.resolve("genuine/acme.jar"),
                dir,
                Spec.of("acme")
                        .running(
                                "",
                                "java.nio.file.Files.delete(java.nio.file.Path.of(\"" + link + "\"));"
                                        + " java.nio.file.Files.createSymbolicLink(java.nio.file.Path.of(\"" + link
                                        + "\"),"
                                        + " java.nio.file.Path.of(\"" + evil + "\"));"));
        Files.createSymbolicLink(link, genuine);
        writeNextTo(link, sign(certificate(genuine, List.of("acme"), "Relu/float32/ANY"), trusted));

        PluginSet set = load(plugins, false);

        assertThat(Files.readSymbolicLink(link))
                .as("the link was swapped while loading")
                .isEqualTo(evil);
        AdmittedProvider acme = set.admitted().stream()
                .filter(a -> a.id().equals("acme"))
                .findFirst()
                .orElseThrow();
        assertThat(acme.certified()).isTrue();
        // classes defined after the swap (the factory, its kernel) still come from the genuine, hashed bytes
        var factory = acme.provider().factories().get(0);
        assertThat(factory.getClass().getClassLoader())
                .isSameAs(acme.provider().getClass().getClassLoader());
        assertThat(factory.getClass()
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toString())
                .contains(dev.vela.spi.admission.CertificateVerifier.sha256Hex(genuine));
        assertThat(evilInit.fired()).as("code of the jar swapped in ran").isFalse();

        // the next load reads what the link points at now, and refuses it
        PluginSet next = load(plugins, false);
        assertThat(next.refusals())
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(RefusalReason.HASH_MISMATCH));
        assertThat(evilInit.fired()).isFalse();
    }

    @Test
    void noProviderCodeRunsForAJarRefusedForAnyReason() throws Exception {
        Map<RefusalReason, Tripwire> wires = new LinkedHashMap<>();
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        for (RefusalReason reason : List.of(
                RefusalReason.NO_CERTIFICATE,
                RefusalReason.MALFORMED_CERTIFICATE,
                RefusalReason.UNSIGNED,
                RefusalReason.UNTRUSTED_KEY,
                RefusalReason.BAD_SIGNATURE,
                RefusalReason.HASH_MISMATCH,
                RefusalReason.EXPIRED,
                RefusalReason.REVOKED,
                RefusalReason.SPI_TOO_NEW)) {
            Tripwire wire = Tripwire.in(dir, reason.name());
            wires.put(reason, wire);
            String id = "p-" + reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            Path jar = PluginJars.build(
                    plugins.resolve(id + ".jar"), dir, Spec.of(id).running(wire.code(), wire.code()));
            Certificate c = certificate(jar, List.of(id), "Relu/float32/ANY");
            switch (reason) {
                case NO_CERTIFICATE -> {}
                case MALFORMED_CERTIFICATE -> Files.writeString(plugins.resolve(id + ".vela-cert.json"), "{");
                case UNSIGNED -> writeNextTo(jar, c);
                case UNTRUSTED_KEY -> writeNextTo(jar, sign(c, stranger));
                case BAD_SIGNATURE -> {
                    Path file = writeNextTo(jar, sign(c, trusted));
                    Files.writeString(file, Files.readString(file).replace("test machine", "other machine"));
                }
                case HASH_MISMATCH ->
                    writeNextTo(
                            jar,
                            sign(
                                    certificate(
                                            PluginJars.build(dir.resolve("other/" + id + ".jar"), dir, Spec.of(id)),
                                            List.of(id),
                                            "Relu/float32/ANY"),
                                    trusted));
                case EXPIRED ->
                    writeNextTo(
                            jar,
                            sign(
                                    Certificate.parse(
                                            c.toJson().replace("2126-01-01T00:00:00Z", "2026-02-01T00:00:00Z")),
                                    trusted));
                case REVOKED -> writeNextTo(jar, sign(c, trusted));
                case SPI_TOO_NEW ->
                    writeNextTo(
                            jar,
                            sign(
                                    Certificate.parse(c.toJson()
                                            .replace(
                                                    "\"spiVersion\":\"" + c.spiVersion() + "\"",
                                                    "\"spiVersion\":\"1.99\"")),
                                    trusted));
                default -> throw new IllegalStateException(reason.name());
            }
            if (reason == RefusalReason.REVOKED) {
                Files.writeString(
                        dir.resolve("revoked.txt"),
                        "certificate " + sign(c, trusted).sha256() + " kernel bug found after release\n");
            }
        }
        TrustStore trust = TrustStore.of(List.of(trusted.getPublic()))
                .withRevocations(RevocationList.read(dir.resolve("revoked.txt")));

        PluginSet set = loader(trust, false).pluginsDirectory(plugins).load();

        assertThat(set.admitted())
                .extracting(AdmittedProvider::id)
                .containsExactly(dev.vela.reference.ReferenceProvider.ID);
        assertThat(set.refusals()).extracting(Refusal::reason).containsExactlyInAnyOrderElementsOf(wires.keySet());
        assertThat(set.refusals()).allSatisfy(r -> assertThat(r.providerId()).isNull());
        wires.forEach((reason, wire) -> assertThat(wire.fired())
                .as("code of the jar refused as " + reason + " ran")
                .isFalse());
        assertThat(set.refusals())
                .filteredOn(r -> r.reason() == RefusalReason.EXPIRED)
                .singleElement()
                .satisfies(r -> assertThat(r.message()).contains("expired on 2026-02-01T00:00:00Z"));
        assertThat(set.refusals())
                .filteredOn(r -> r.reason() == RefusalReason.REVOKED)
                .singleElement()
                .satisfies(r -> assertThat(r.message()).contains("kernel bug found after release", "revoked.txt:1"));
    }

    @Test
    void aRevokedJarIsRefusedEvenInDevelopmentMode() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Tripwire wire = Tripwire.in(dir, "revoked-dev");
        Path jar =
                PluginJars.build(plugins.resolve("bad.jar"), dir, Spec.of("bad").running(wire.code(), ""));
        TrustStore trust = TrustStore.of(List.of(trusted.getPublic()))
                .withRevocations(RevocationList.parse(
                        "jar " + dev.vela.spi.admission.CertificateVerifier.sha256Hex(jar) + " ships a key logger\n",
                        "list"));

        PluginSet set = loader(trust, true).pluginsDirectory(plugins).load();

        assertThat(set.refusals()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RefusalReason.REVOKED);
            assertThat(r.message()).contains("ships a key logger");
        });
        assertThat(wire.fired()).isFalse();
    }

    @Test
    void aCertificateWithoutExpiryIsAcceptedWithAWarningThatItNeverExpires() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path jar = PluginJars.build(plugins.resolve("old.jar"), dir, Spec.of("old"));
        Certificate legacy = Certificate.parse(certificate(jar, List.of("old"), "Relu/float32/ANY")
                .toJson()
                .replace(",\"expires\":\"2126-01-01T00:00:00Z\"", "")
                .replace(Certificate.FORMAT_2, Certificate.FORMAT));
        assertThat(legacy.expires()).isEmpty();
        writeNextTo(jar, sign(legacy, trusted));

        PluginSet set = load(plugins, false);

        assertThat(set.refusals()).isEmpty();
        assertThat(set.admitted()).extracting(AdmittedProvider::id).contains("old");
        assertThat(set.warnings()).singleElement().asString().contains("no expiry", "never expires");
    }

    @Test
    void expiryIsJudgedByTheLoadersClock() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path jar = PluginJars.build(plugins.resolve("acme.jar"), dir, Spec.of("acme"));
        writeNextTo(jar, sign(certificate(jar, List.of("acme"), "Relu/float32/ANY"), trusted));
        PluginLoader loader =
                loader(TrustStore.of(List.of(trusted.getPublic())), false).pluginsDirectory(plugins);

        loader.clock(java.time.Clock.fixed(Instant.parse("2125-12-31T23:59:59Z"), java.time.ZoneOffset.UTC));
        assertThat(loader.load().refusals()).isEmpty();
        loader.clock(java.time.Clock.fixed(Instant.parse("2126-01-01T00:00:00Z"), java.time.ZoneOffset.UTC));
        assertThat(loader.load().refusals()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RefusalReason.EXPIRED);
            assertThat(r.message()).contains("expired on 2126-01-01T00:00:00Z");
        });
    }

    @Test
    void aJarOverTheSizeLimitIsRefusedWithoutBeingRead() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path jar = PluginJars.build(plugins.resolve("acme.jar"), dir, Spec.of("acme"));
        writeNextTo(jar, sign(certificate(jar, List.of("acme"), "Relu/float32/ANY"), trusted));

        PluginSet set = loader(TrustStore.of(List.of(trusted.getPublic())), true)
                .maxJarBytes(100)
                .pluginsDirectory(plugins)
                .load();

        assertThat(set.refusals()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RefusalReason.JAR_TOO_LARGE);
            assertThat(r.message()).contains("acme.jar", "over the limit of 100 bytes");
        });
    }

    @Test
    void aDamagedJarIsRefusedNamingTheJar() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.write(plugins.resolve("junk.jar"), new byte[] {'P', 'K', 3, 4, 1, 2, 3});

        PluginSet set = load(plugins, true);

        assertThat(set.refusals()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RefusalReason.JAR_UNREADABLE);
            assertThat(r.message()).contains("junk.jar", "not a well-formed jar");
        });
    }
}
