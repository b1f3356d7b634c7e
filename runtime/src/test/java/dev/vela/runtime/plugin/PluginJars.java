package dev.vela.runtime.plugin;

import dev.vela.spi.KernelClaim;
import dev.vela.spi.OperatorProvider;
import dev.vela.spi.SpiVersion;
import dev.vela.spi.admission.Certificate;
import dev.vela.spi.admission.CertificateSignature;
import dev.vela.spi.admission.CertificateVerifier;
import dev.vela.spi.admission.CertifiedEntry;
import dev.vela.spi.admission.PublicKeys;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds real plugin jars at test time: provider sources compiled with the system Java compiler against the SPI,
 * packaged with their service declaration, and certificates signed with a generated Ed25519 key.
 */
public final class PluginJars {

    /** The system property the test kernels count their invocations in: {@code vela.test.<provider-id>}. */
    public static final String COUNTER_PREFIX = "vela.test.";

    private PluginJars() {}

    /**
     * A test provider with one Relu (float32) factory, optionally more claims; its kernel throws on the value 42.
     *
     * @param id provider id
     * @param deviceKind e.g. {@code CPU}
     * @param spi the SPI version it declares
     * @param priority its priority
     * @param supportsNo if not null, supports() says no with this reason
     * @param extraClaims more claims of the Relu factory, as {@code DataType} constant names
     */
    public record Spec(
            String id,
            String deviceKind,
            SpiVersion spi,
            int priority,
            String supportsNo,
            List<String> extraClaims,
            String staticInit,
            String constructorBody) {

        /** @return a CPU provider of SPI {@link SpiVersion#CURRENT}, priority 10, supporting every node */
        public static Spec of(String id) {
            return new Spec(id, "CPU", SpiVersion.CURRENT, 10, null, List.of(), "", "");
        }

        /**
         * @param onClassInit Java statements the provider class's static initialiser runs
         * @param onConstruction Java statements its constructor runs
         * @return this running them
         */
        public Spec running(String onClassInit, String onConstruction) {
            return new Spec(id, deviceKind, spi, priority, supportsNo, extraClaims, onClassInit, onConstruction);
        }

        /** @return this with another device kind and priority */
        public Spec on(String kind, int prio) {
            return new Spec(id, kind, spi, prio, supportsNo, extraClaims, staticInit, constructorBody);
        }

        /** @return this declaring another SPI version */
        public Spec spi(SpiVersion version) {
            return new Spec(id, deviceKind, version, priority, supportsNo, extraClaims, staticInit, constructorBody);
        }

        /** @return this refusing every node in supports() */
        public Spec refusing(String reason) {
            return new Spec(id, deviceKind, spi, priority, reason, extraClaims, staticInit, constructorBody);
        }

        /** @return this also claiming Relu for these data types */
        public Spec alsoClaiming(String... types) {
            return new Spec(id, deviceKind, spi, priority, supportsNo, List.of(types), staticInit, constructorBody);
        }

        String packageName() {
            return "testplugin." + id.replaceAll("[^A-Za-z0-9]", "_");
        }

        String className() {
            return packageName() + ".Provider";
        }

        String source() {
            StringBuilder claims = new StringBuilder("KernelClaim.of(op(), DataType.FLOAT32)");
            for (String t : extraClaims) {
                claims.append(", KernelClaim.of(op(), DataType.").append(t).append(")");
            }
            String supports = supportsNo == null ? "Support.yes()" : "Support.no(\"" + supportsNo + "\")";
            return """
                    package %s;

                    import dev.vela.spi.*;
                    import java.nio.FloatBuffer;
                    import java.util.List;
                    import java.util.Set;

                    public final class Provider implements OperatorProvider {
                        static {
                            try {
                                %s
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }

                        public Provider() throws Exception {
                            %s
                        }

                        public ProviderInfo info() {
                            return new ProviderInfo("%s", "Test", "1.0", DeviceKind.%s, SpiVersion.of(%d, %d), %d);
                        }

                        public List<KernelFactory> factories() {
                            return List.of(new ReluFactory());
                        }

                        static final class ReluFactory implements KernelFactory {
                            public OpId op() { return OpId.of("Relu"); }
                            public Set<KernelClaim> claims() { return Set.of(%s); }
                            public Support supports(Node node) { return %s; }
                            public Kernel prepare(Node node) {
                                TensorType type = node.inputType(0);
                                return new Kernel() {
                                    public List<TensorType> outputTypes() { return List.of(type); }
                                    public void invoke(Invocation inv) {
                                        synchronized (System.class) {
                                            String key = "%s";
                                            System.setProperty(key, String.valueOf(Integer.getInteger(key, 0) + 1));
                                        }
                                        FloatBuffer in = inv.input(0).floats();
                                        FloatBuffer out = inv.output(0).floats();
                                        for (int i = 0; i < in.limit(); i++) {
                                            float v = in.get(i);
                                            if (v == 42f) {
                                                throw new IllegalStateException("test kernel refuses 42");
                                            }
                                            out.put(i, v < 0 ? 0f : v);
                                        }
                                    }
                                };
                            }
                        }
                    }
                    """.formatted(
                            packageName(),
                            staticInit,
                            constructorBody,
                            id,
                            deviceKind,
                            spi.major(),
                            spi.minor(),
                            priority,
                            claims,
                            supports,
                            COUNTER_PREFIX + id);
        }
    }

    /**
     * Compiles the providers and packages them into one jar with their service declaration.
     *
     * @param jar the jar to write
     * @param work a scratch directory
     * @param specs the providers
     * @return the jar
     */
    public static Path build(Path jar, Path work, Spec... specs) throws IOException {
        Path src = Files.createTempDirectory(work, "src");
        Path classes = Files.createTempDirectory(work, "classes");
        List<String> args = new ArrayList<>(List.of(
                "-d", classes.toString(), "-classpath", spiClassPath(), "-proc:none", "--release", "17", "-nowarn"));
        for (Spec s : specs) {
            Path file = src.resolve(s.className().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, s.source());
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int rc = javac.run(null, null, err, args.toArray(String[]::new));
        if (rc != 0) {
            throw new IllegalStateException("test plugin does not compile: " + err);
        }
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/" + OperatorProvider.class.getName()));
            StringBuilder services = new StringBuilder();
            for (Spec s : specs) {
                services.append(s.className()).append('\n');
            }
            out.write(services.toString().getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    private static String spiClassPath() {
        try {
            return Path.of(OperatorProvider.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return a new Ed25519 key pair */
    public static KeyPair newKey() throws GeneralSecurityException {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    /**
     * @param jar the certified jar
     * @param providerIds the certified providers
     * @param claims the certified claims, e.g. {@code Relu/float32/ANY}
     * @return an unsigned certificate for the jar, valid until 2126
     */
    public static Certificate certificate(Path jar, List<String> providerIds, String... claims) throws IOException {
        Certificate.Builder b = Certificate.builder()
                .plugin("dev.vela.test", "test-plugin", "1.0")
                .jarSha256(CertificateVerifier.sha256Hex(jar))
                .spiVersion(SpiVersion.CURRENT)
                .kitVersion("0.1")
                .tolerancePolicy("1")
                .seed(7)
                .machine("test machine")
                .issuedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .expires(Instant.parse("2126-01-01T00:00:00Z"));
        providerIds.forEach(b::providerId);
        for (String c : claims) {
            b.entry(new CertifiedEntry(KernelClaim.parse(c), 12, 0.1, 0.2, null));
        }
        return b.build();
    }

    /**
     * @param certificate an unsigned certificate
     * @param key the signing key
     * @return the certificate signed with it
     */
    public static Certificate sign(Certificate certificate, KeyPair key) throws GeneralSecurityException {
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(key.getPrivate());
        signer.update(certificate.signedPayload());
        return certificate.withSignature(new CertificateSignature(
                CertificateSignature.ED25519,
                PublicKeys.keyId(key.getPublic()),
                Base64.getEncoder().encodeToString(signer.sign())));
    }

    /**
     * Writes a certificate where the loader looks for it: {@code <jar-name-without-.jar>.vela-cert.json}.
     *
     * @param jar the jar
     * @param certificate the certificate
     * @return the certificate file
     */
    public static Path writeNextTo(Path jar, Certificate certificate) throws IOException {
        String name = jar.getFileName().toString();
        Path file = jar.resolveSibling(name.substring(0, name.length() - 4) + PluginLoader.CERTIFICATE_SUFFIX);
        Files.writeString(file, certificate.toJson());
        return file;
    }

    /**
     * @param key a key pair
     * @param file where to write its public key in PEM
     * @return the file
     */
    public static Path writePublicKey(KeyPair key, Path file) throws IOException {
        Files.writeString(file, PublicKeys.toPem(key.getPublic()));
        return file;
    }

    /** @return how many times the test kernel of a provider ran */
    public static int invocations(String providerId) {
        return Integer.getInteger(COUNTER_PREFIX + providerId, 0);
    }
}
