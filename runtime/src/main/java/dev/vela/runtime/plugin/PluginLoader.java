package dev.vela.runtime.plugin;

import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.OperatorProvider;
import dev.vela.spi.SpiVersion;
import dev.vela.spi.VelaException;
import dev.vela.spi.admission.AdmissionCheck;
import dev.vela.spi.admission.AdmissionResult;
import dev.vela.spi.admission.Certificate;
import dev.vela.spi.admission.CertificateFormatException;
import dev.vela.spi.admission.JarImage;
import dev.vela.spi.admission.RefusalReason;
import dev.vela.spi.admission.TrustStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Loads operator providers from the class path and from a plugins directory, and admits only what certificates
 * allow (docs/architecture.md D6, D7, D16). A jar of the directory is read once into memory and checked by
 * {@link AdmissionCheck} (revocation, signature by a trusted key, SHA-256, expiry, SPI range) before any of its
 * classes is defined; an admitted jar's classes then come from those verified bytes, in its own class loader
 * ({@link PluginClassLoader}), so no code of a refused jar runs and rewriting the file afterwards changes nothing.
 * Plugins share the SPI classes with the runtime, and see their own classes (and shaded dependencies) first, never
 * each other's. A jar's certificate sits next to it as
 * {@code <name>.vela-cert.json} (or {@code <name>.jar.vela-cert.json}); a class-path provider's as the resource
 * {@code META-INF/vela/<provider-id>.vela-cert.json} or as {@code <provider-id>.vela-cert.json} in the plugins
 * directory. The reference provider is always admitted. In development mode uncertified providers are admitted with
 * a warning; an SPI mismatch is refused even then, since such a provider cannot work.
 */
public final class PluginLoader {

    /** The suffix of certificate files. */
    public static final String CERTIFICATE_SUFFIX = ".vela-cert.json";
    /** The origin reported for class-path providers. */
    public static final String CLASS_PATH = "class path";

    private final boolean developmentMode;
    private AdmissionCheck check;
    private boolean requireCertified;
    private Path pluginsDirectory;
    private ClassLoader runtimeLoader = PluginLoader.class.getClassLoader();

    /**
     * @param trust the keys whose certificates are accepted
     * @param developmentMode whether to admit uncertified providers (with a warning)
     */
    public PluginLoader(TrustStore trust, boolean developmentMode) {
        this.developmentMode = developmentMode;
        this.check = new AdmissionCheck(trust, SpiVersion.CURRENT);
    }

    /**
     * Strict admission: {@link #load()} fails when a plugins directory was given and anything of it is refused (a
     * jar, a provider or a claim), or none of its providers is admitted, instead of running those nodes elsewhere.
     * Not combinable with development mode.
     *
     * @param value whether to fail rather than fall back
     * @return this loader
     */
    public PluginLoader requireCertified(boolean value) {
        if (value && developmentMode) {
            throw new IllegalArgumentException(
                    "requiring certified plugins contradicts development mode, which admits " + "uncertified ones");
        }
        this.requireCertified = value;
        return this;
    }

    /**
     * @param value the largest plugin jar accepted, in bytes (default {@link JarImage#DEFAULT_MAX_BYTES}); each
     *     admitted jar is held in memory
     * @return this loader
     */
    public PluginLoader maxJarBytes(long value) {
        this.check = check.maxJarBytes(value);
        return this;
    }

    /**
     * @param clock the clock certificate expiry is judged by
     * @return this loader
     */
    public PluginLoader clock(java.time.Clock clock) {
        this.check = check.clock(clock);
        return this;
    }

    /**
     * @param dir a directory of plugin jars and their certificates, or null for none
     * @return this loader
     */
    public PluginLoader pluginsDirectory(Path dir) {
        this.pluginsDirectory = dir;
        return this;
    }

    /**
     * @param loader the loader of the runtime and the class-path providers (parent of every plugin loader)
     * @return this loader
     */
    public PluginLoader runtimeLoader(ClassLoader loader) {
        this.runtimeLoader = loader;
        return this;
    }

    /**
     * Loads and admits.
     *
     * @return the admitted providers, refusals and warnings
     * @throws VelaException when the plugins directory cannot be read or the reference provider is missing
     */
    public PluginSet load() {
        Admission admission = new Admission();
        loadClassPath(admission);
        if (pluginsDirectory != null) {
            for (Path jar : jars()) {
                loadJar(jar, admission);
            }
        }
        if (admission.admitted.stream().noneMatch(AdmittedProvider::isReference)) {
            throw new VelaException("the reference provider (op-reference) is not on the class path");
        }
        PluginSet set = new PluginSet(admission.admitted, admission.refusals, admission.warnings, developmentMode);
        if (requireCertified && pluginsDirectory != null) {
            StrictAdmission.check(set, pluginsDirectory);
        }
        return set;
    }

    private List<Path> jars() {
        if (!Files.isDirectory(pluginsDirectory)) {
            throw new VelaException("plugins directory " + pluginsDirectory + " does not exist or is not a directory");
        }
        try (Stream<Path> files = Files.list(pluginsDirectory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list plugins directory " + pluginsDirectory, e);
        }
    }

    private void loadClassPath(Admission admission) {
        for (ServiceLoader.Provider<OperatorProvider> p : providers(runtimeLoader, CLASS_PATH, admission, false)) {
            OperatorProvider provider = instantiate(p, CLASS_PATH, admission);
            if (provider == null || !spiAccepted(provider, CLASS_PATH, admission)) {
                continue;
            }
            String id = provider.info().id();
            if (ReferenceProviders.isReference(provider)) {
                admission.admit(new AdmittedProvider(provider, CLASS_PATH, allClaims(provider), false));
                continue;
            }
            ClassPathCertificate found = classPathCertificate(id);
            if (found.certificate() == null) {
                refuseOrWarn(admission, provider, CLASS_PATH, found.problem(), found.message());
                continue;
            }
            Path jar = codeSourceJar(p.type());
            if (jar == null) {
                refuseOrWarn(
                        admission,
                        provider,
                        CLASS_PATH,
                        RefusalReason.JAR_UNREADABLE,
                        "its classes are not loaded from a jar, so the certified jar hash cannot be checked");
                continue;
            }
            AdmissionResult result;
            try {
                result = check.check(JarImage.read(jar, check.maxJarBytes()), found.certificate());
            } catch (IOException e) {
                refuseOrWarn(
                        admission,
                        provider,
                        CLASS_PATH,
                        RefusalReason.JAR_UNREADABLE,
                        "cannot read " + jar + ": " + e.getMessage());
                continue;
            }
            if (result.isAccepted()) {
                admission.warnings.addAll(result.warnings());
                admitCertified(
                        admission, provider, CLASS_PATH, result.certificate().orElseThrow());
            } else {
                refuseOrWarn(admission, provider, CLASS_PATH, result.refusal().orElseThrow(), result.message());
            }
        }
    }

    /** A class-path provider's certificate, or why there is none. */
    private record ClassPathCertificate(Certificate certificate, RefusalReason problem, String message) {}

    private ClassPathCertificate classPathCertificate(String id) {
        String resource = "META-INF/vela/" + id + CERTIFICATE_SUFFIX;
        Path file = pluginsDirectory == null ? null : pluginsDirectory.resolve(id + CERTIFICATE_SUFFIX);
        String text = null;
        String where = resource;
        try (InputStream in = runtimeLoader.getResourceAsStream(resource)) {
            if (in != null) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } else if (file != null && Files.isRegularFile(file)) {
                where = file.toString();
                text = Files.readString(file, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            return new ClassPathCertificate(
                    null, RefusalReason.MALFORMED_CERTIFICATE, "cannot read " + where + ": " + e);
        }
        if (text == null) {
            return new ClassPathCertificate(
                    null,
                    RefusalReason.NO_CERTIFICATE,
                    "no certificate: looked for resource " + resource + (file == null ? "" : " and " + file));
        }
        try {
            return new ClassPathCertificate(Certificate.parse(text), null, null);
        } catch (CertificateFormatException e) {
            return new ClassPathCertificate(null, RefusalReason.MALFORMED_CERTIFICATE, where + ": " + e.getMessage());
        }
    }

    private static Path codeSourceJar(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            Path path = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(path) ? path : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private void loadJar(Path jar, Admission admission) {
        String origin = jar.toString();
        AdmissionResult result = check.check(jar, certificateOf(jar).orElse(null));
        Optional<RefusalReason> refusal = result.refusal();
        String why = refusal.orElse(null) == RefusalReason.NO_CERTIFICATE
                ? "no certificate " + certificateNames(jar) + " next to the jar"
                : result.message();
        // a revoked jar is known to be bad, and an unreadable one cannot run: refused in development mode too
        boolean loadable = result.jar().isPresent() && refusal.orElse(null) != RefusalReason.REVOKED;
        if (refusal.isPresent() && (!developmentMode || !loadable)) {
            admission.refuse(new Refusal(origin, null, refusal.get(), why));
            return; // no class of the jar was defined: none of its code ran
        }
        admission.warnings.addAll(result.warnings());
        JarEntries entries;
        try {
            entries = JarEntries.of(result.jar().orElseThrow());
        } catch (IOException e) {
            admission.refuse(new Refusal(origin, null, RefusalReason.JAR_UNREADABLE, e.getMessage()));
            return;
        }
        PluginClassLoader loader = new PluginClassLoader("vela-plugin:" + jar.getFileName(), entries, runtimeLoader);
        List<OperatorProvider> providers = new ArrayList<>();
        for (ServiceLoader.Provider<OperatorProvider> p : providers(loader, origin, admission, true)) {
            OperatorProvider provider = instantiate(p, origin, admission);
            if (provider != null && spiAccepted(provider, origin, admission)) {
                providers.add(provider);
            }
        }
        if (providers.isEmpty()) {
            if (admission.refusals.stream().noneMatch(r -> r.origin().equals(origin))) {
                admission.refuse(new Refusal(
                        origin,
                        null,
                        RefusalReason.LOAD_FAILED,
                        "the jar declares no dev.vela.spi.OperatorProvider in META-INF/services"));
            }
            return;
        }
        for (OperatorProvider provider : providers) {
            if (refusal.isPresent()) {
                refuseOrWarn(admission, provider, origin, refusal.get(), why);
            } else {
                admitCertified(admission, provider, origin, result.certificate().orElseThrow());
            }
        }
    }

    /** @return the certificate file names looked for, for messages */
    private static String certificateNames(Path jar) {
        return String.join(" or ", certificateCandidates(jar));
    }

    /**
     * The names a jar's certificate may have beside it: {@code <name>.vela-cert.json}, {@code <name>.jar.vela-cert.json},
     * and {@code <name>-vela-cert.json}, the name Maven gives the gate's attached artifact (classifier
     * {@code vela-cert}, type {@code json}) when it is copied or deployed beside the jar.
     */
    private static List<String> certificateCandidates(Path jar) {
        String name = jar.getFileName().toString();
        String base = name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name;
        return List.of(base + CERTIFICATE_SUFFIX, name + CERTIFICATE_SUFFIX, base + "-vela-cert.json");
    }

    /**
     * @param jar a plugin jar
     * @return its certificate file, under one of the names {@link #certificateCandidates} lists
     */
    public static Optional<Path> certificateOf(Path jar) {
        for (String candidate : certificateCandidates(jar)) {
            Path file = jar.resolveSibling(candidate);
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    private void admitCertified(
            Admission admission, OperatorProvider provider, String origin, Certificate certificate) {
        String id = provider.info().id();
        if (!certificate.providerIds().contains(id)) {
            refuseOrWarn(
                    admission,
                    provider,
                    origin,
                    RefusalReason.PROVIDER_NOT_CERTIFIED,
                    "provider '" + id + "' is not in the certificate (it certifies " + certificate.providerIds() + ")");
            return;
        }
        java.util.Optional<String> definitionProblem = DefinitionPins.problem(provider, certificate);
        if (definitionProblem.isPresent()) {
            refuseOrWarn(admission, provider, origin, RefusalReason.DEFINITION_MISMATCH, definitionProblem.get());
            return;
        }
        Set<KernelClaim> claimed = allClaims(provider);
        Set<KernelClaim> certified = new TreeSet<>(claimed);
        certified.retainAll(certificate.claims());
        Set<KernelClaim> uncertified = new TreeSet<>(claimed);
        uncertified.removeAll(certified);
        Set<KernelClaim> admitted = certified;
        if (!uncertified.isEmpty()) {
            if (developmentMode) {
                admission.warnings.add(
                        "UNCERTIFIED claims of provider '" + id + "' admitted in development mode: " + uncertified);
                admitted = claimed;
            } else {
                admission.refuse(new Refusal(
                        origin,
                        id,
                        RefusalReason.CLAIM_NOT_CERTIFIED,
                        uncertified.size() + " claim(s) not certified, not admitted: " + uncertified));
            }
        }
        admission.admit(new AdmittedProvider(
                provider,
                origin,
                admitted,
                true,
                certified,
                certificate.numerics(),
                delegateScope(admission, provider, certificate)));
    }

    /**
     * What a certified provider's delegate may take: the claims its certificate lists for it, while it declares the
     * limits it was certified with. A delegate the certificate does not cover is left out, saying so, and the plugin
     * runs on its per-node kernels (development mode admits it with a warning instead).
     *
     * @return the delegate's admitted claims; empty when it is left out; null for all of them (development mode)
     */
    private Set<KernelClaim> delegateScope(Admission admission, OperatorProvider provider, Certificate certificate) {
        String id = provider.info().id();
        Optional<dev.vela.spi.Delegate> delegate;
        try {
            delegate = provider.delegate();
        } catch (RuntimeException e) {
            admission.warnings.add("the delegate of provider '" + id + "' is not used: delegate() threw " + e);
            return Set.of();
        }
        if (delegate.isEmpty()) {
            return Set.of();
        }
        Optional<dev.vela.spi.admission.CertifiedDelegate> scope = certificate.delegateOf(id);
        String problem = null;
        if (scope.isEmpty()) {
            problem = "its certificate lists no delegate for provider '" + id + "'";
        } else {
            dev.vela.spi.DelegateLimits declared;
            try {
                declared = delegate.get().limits();
            } catch (RuntimeException e) {
                declared = null;
            }
            if (!scope.get().limitsMatch(declared)) {
                problem = "it declares limits " + declared + " but was certified with "
                        + scope.get().limits();
            }
        }
        if (problem == null) {
            return scope.get().claims();
        }
        if (developmentMode) {
            admission.warnings.add(
                    "UNCERTIFIED delegate of provider '" + id + "' admitted in development mode (" + problem + ")");
            return null;
        }
        admission.warnings.add("the delegate of provider '" + id + "' is not certified (" + problem + "): the plugin"
                + " runs without it, on its per-node kernels");
        return Set.of();
    }

    private void refuseOrWarn(
            Admission admission, OperatorProvider provider, String origin, RefusalReason reason, String message) {
        if (developmentMode) {
            admission.warnings.add("UNCERTIFIED provider '" + provider.info().id() + "' from " + origin
                    + " admitted in development mode (" + reason + ": " + message + ")");
            admission.admit(new AdmittedProvider(provider, origin, allClaims(provider), false));
        } else {
            admission.refuse(new Refusal(origin, provider.info().id(), reason, message));
        }
    }

    private static boolean spiAccepted(OperatorProvider provider, String origin, Admission admission) {
        SpiVersion built = provider.info().spiVersion();
        Optional<String> why = SpiVersion.CURRENT.incompatibilityWith(built);
        if (why.isEmpty()) {
            return true;
        }
        RefusalReason reason = built.major() != SpiVersion.CURRENT.major()
                ? RefusalReason.SPI_MAJOR_DIFFERS
                : RefusalReason.SPI_TOO_NEW;
        admission.refuse(new Refusal(origin, provider.info().id(), reason, why.get()));
        return false;
    }

    private static Set<KernelClaim> allClaims(OperatorProvider provider) {
        Set<KernelClaim> claims = new HashSet<>();
        for (KernelFactory f : provider.factories()) {
            claims.addAll(f.claims());
        }
        return claims;
    }

    /** Service declarations of a loader; for a plugin jar only those whose class the jar itself defines. */
    private static List<ServiceLoader.Provider<OperatorProvider>> providers(
            ClassLoader loader, String origin, Admission admission, boolean ownClassesOnly) {
        try {
            return ServiceLoader.load(OperatorProvider.class, loader).stream()
                    .filter(p -> !ownClassesOnly || p.type().getClassLoader() == loader)
                    .toList();
        } catch (java.util.ServiceConfigurationError | LinkageError e) {
            admission.refuse(
                    new Refusal(origin, null, RefusalReason.LOAD_FAILED, "cannot load providers: " + e.getMessage()));
            return List.of();
        }
    }

    private static OperatorProvider instantiate(
            ServiceLoader.Provider<OperatorProvider> p, String origin, Admission admission) {
        try {
            OperatorProvider provider = p.get();
            provider.info(); // a provider whose info() throws is unusable
            return provider;
        } catch (RuntimeException | java.util.ServiceConfigurationError | LinkageError e) {
            admission.refuse(new Refusal(
                    origin,
                    null,
                    RefusalReason.LOAD_FAILED,
                    "cannot instantiate " + p.type().getName() + ": " + e));
            return null;
        }
    }

    /** The loader's running result. */
    private static final class Admission {
        final List<AdmittedProvider> admitted = new ArrayList<>();
        final List<Refusal> refusals = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();

        void admit(AdmittedProvider provider) {
            for (AdmittedProvider a : admitted) {
                if (a.id().equals(provider.id())) {
                    refusals.add(new Refusal(
                            provider.origin(),
                            provider.id(),
                            RefusalReason.DUPLICATE_PROVIDER,
                            "provider id already admitted from " + a.origin()));
                    return;
                }
            }
            admitted.add(provider);
        }

        void refuse(Refusal refusal) {
            refusals.add(refusal);
        }
    }
}
