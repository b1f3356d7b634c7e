package dev.vela.spi.admission;

import dev.vela.spi.API;
import dev.vela.spi.DelegateLimits;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.NumericsFlavour;
import dev.vela.spi.OpId;
import dev.vela.spi.SpiVersion;
import dev.vela.spi.admission.CanonicalJson.Num;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Signed evidence that a plugin jar passed certification (docs/architecture.md D7): the plugin's
 * coordinates and jar hash, the SPI and kit versions, the profile and tolerance policy, the seed,
 * the certified entries with their measured latencies, the machine and time. Its JSON form
 * ({@link #toJson()}) is canonical; {@link #signedPayload()} is exactly what the Ed25519
 * signature covers: the JSON without the signature.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "1.0")
public final class Certificate {

    /** The format tag of certificates without an expiry (SPI 1.0; they never expire). */
    public static final String FORMAT = "vela-certificate/1";

    /**
     * The format tag of certificates with an expiry ({@link #expires()}, signed). A 1.0 runtime reads only
     * {@link #FORMAT}, so it refuses these by name instead of admitting them without checking the expiry.
     *
     * @since 1.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "1.1")
    public static final String FORMAT_2 = "vela-certificate/2";

    private final String groupId;
    private final String artifactId;
    private final String version;
    private final String jarSha256;
    private final List<String> providerIds;
    private final SpiVersion spiVersion;
    private final String kitVersion;
    private final String profile;
    private final String tolerancePolicy;
    private final long seed;
    private final SeedDerivation seedDerivation;
    private final List<CertifiedEntry> entries;
    private final String machine;
    private final Instant issuedAt;
    private final Instant expires;
    private final CertificateSignature signature;
    private final List<CertifiedDefinition> definitions;
    private final List<CertifiedDelegate> delegates;
    private final NumericsFlavour numerics;

    private Certificate(Builder b, CertificateSignature signature) {
        this.groupId = require(b.groupId, "groupId");
        this.artifactId = require(b.artifactId, "artifactId");
        this.version = require(b.version, "version");
        this.jarSha256 = require(b.jarSha256, "jarSha256").toLowerCase(java.util.Locale.ROOT);
        if (!jarSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("jarSha256 must be 64 hex digits, got '" + b.jarSha256 + "'");
        }
        this.providerIds = List.copyOf(b.providerIds);
        this.spiVersion = Objects.requireNonNull(b.spiVersion, "spiVersion");
        this.kitVersion = require(b.kitVersion, "kitVersion");
        this.profile = require(b.profile, "profile");
        this.tolerancePolicy = require(b.tolerancePolicy, "tolerancePolicy");
        this.seed = b.seed;
        this.seedDerivation = b.seedDerivation;
        this.entries = List.copyOf(b.entries);
        this.machine = require(b.machine, "machine");
        this.issuedAt = Objects.requireNonNull(b.issuedAt, "issuedAt");
        this.expires = b.expires;
        if (expires != null && !expires.isAfter(issuedAt)) {
            throw new IllegalArgumentException("expires (" + expires + ") must be after issuedAt (" + issuedAt + ")");
        }
        this.signature = signature;
        this.definitions = List.copyOf(b.definitions);
        this.delegates = List.copyOf(b.delegates);
        Set<String> delegateProviders = new java.util.HashSet<>();
        for (CertifiedDelegate d : delegates) {
            if (!delegateProviders.add(d.providerId())) {
                throw new IllegalArgumentException(
                        "the certificate lists two delegates of provider '" + d.providerId() + "'");
            }
        }
        this.numerics = Objects.requireNonNull(b.numerics, "numerics");
    }

    private static String require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("certificate field '" + name + "' is missing");
        }
        return value;
    }

    /** @return a builder for an unsigned certificate */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the plugin's Maven groupId */
    public String groupId() {
        return groupId;
    }

    /** @return the plugin's Maven artifactId */
    public String artifactId() {
        return artifactId;
    }

    /** @return the plugin's version */
    public String version() {
        return version;
    }

    /** @return SHA-256 of the certified jar, lower-case hex */
    public String jarSha256() {
        return jarSha256;
    }

    /** @return ids of the providers certified in the jar */
    public List<String> providerIds() {
        return providerIds;
    }

    /** @return the SPI version the plugin was certified against */
    public SpiVersion spiVersion() {
        return spiVersion;
    }

    /** @return the conformance kit version that certified it */
    public String kitVersion() {
        return kitVersion;
    }

    /** @return the certification profile */
    public String profile() {
        return profile;
    }

    /** @return the tolerance policy version applied */
    public String tolerancePolicy() {
        return tolerancePolicy;
    }

    /** @return the seed of the generated cases (replays the run) */
    public long seed() {
        return seed;
    }

    /**
     * @return how the seed was derived from the jar, the profile and the signing key, empty for a certificate
     *     whose seed was not derived (one issued before 1.1)
     * @since 1.1
     */
    public Optional<SeedDerivation> seedDerivation() {
        return Optional.ofNullable(seedDerivation);
    }

    /** @return the certified entries with their evidence */
    public List<CertifiedEntry> entries() {
        return entries;
    }

    /** @return the certified claims */
    public Set<KernelClaim> claims() {
        Set<KernelClaim> claims = new TreeSet<>();
        entries.forEach(e -> claims.add(e.claim()));
        return claims;
    }

    /** @return a description of the certifying machine */
    public String machine() {
        return machine;
    }

    /** @return when it was issued */
    public Instant issuedAt() {
        return issuedAt;
    }

    /**
     * @return the end of the certificate's validity; empty for {@link #FORMAT} certificates, which never expire
     * @since 1.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "1.1")
    public Optional<Instant> expires() {
        return Optional.ofNullable(expires);
    }

    /**
     * @return SHA-256 of {@link #signedPayload()}, lower-case hex: the certificate's identity in a
     *     {@link RevocationList}, independent of how the file is formatted
     * @since 1.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "1.1")
    public String sha256() {
        return JarImage.sha256Hex(signedPayload());
    }

    /** @return the signature, absent before signing */
    public Optional<CertificateSignature> signature() {
        return Optional.ofNullable(signature);
    }

    /**
     * @param value the signature over {@link #signedPayload()}
     * @return a signed copy
     */
    public Certificate withSignature(CertificateSignature value) {
        return new Certificate(toBuilder(), Objects.requireNonNull(value));
    }

    private Builder toBuilder() {
        Builder b = new Builder()
                .plugin(groupId, artifactId, version)
                .jarSha256(jarSha256)
                .spiVersion(spiVersion)
                .kitVersion(kitVersion)
                .profile(profile)
                .tolerancePolicy(tolerancePolicy)
                .seed(seed)
                .machine(machine)
                .issuedAt(issuedAt)
                .expires(expires);
        providerIds.forEach(b::providerId);
        entries.forEach(b::entry);
        b.seedDerivation(seedDerivation);
        definitions.forEach(b::definition);
        delegates.forEach(b::delegate);
        b.numerics(numerics);
        return b;
    }

    /**
     * @return the delegates the certificate certifies, with their scope; empty when no provider's delegate was
     *     certified (a runtime then runs the plugin without its delegate)
     * @since 1.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "1.1")
    public List<CertifiedDelegate> delegates() {
        return delegates;
    }

    /**
     * @param providerId a provider's id
     * @return the certified scope of that provider's delegate, empty when the certificate lists none
     * @since 1.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "1.1")
    public Optional<CertifiedDelegate> delegateOf(String providerId) {
        return delegates.stream().filter(d -> d.providerId().equals(providerId)).findFirst();
    }

    /**
     * @return the custom operator definitions the certificate pins, empty when the plugin defines none
     * @since 1.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "1.1")
    public List<CertifiedDefinition> definitions() {
        return definitions;
    }

    /**
     * @return the integer numerics flavour the quantized entries were certified against (D15); {@code tflm} for
     *     certificates that do not say, which is every certificate issued before flavours existed
     * @since 1.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "1.1")
    public NumericsFlavour numerics() {
        return numerics;
    }

    /** @return the canonical bytes the signature covers (UTF-8 JSON without the signature) */
    public byte[] signedPayload() {
        StringBuilder sb = new StringBuilder();
        CanonicalJson.write(sb, payloadMap());
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, Object> payloadMap() {
        Map<String, Object> plugin = new LinkedHashMap<>();
        plugin.put("groupId", groupId);
        plugin.put("artifactId", artifactId);
        plugin.put("version", version);
        plugin.put("jarSha256", jarSha256);
        plugin.put("providers", new ArrayList<Object>(providerIds));
        List<Object> entryList = new ArrayList<>();
        for (CertifiedEntry e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("claim", e.claim().toString());
            m.put("cases", Num.of(e.cases()));
            m.put("medianMs", Num.of(e.medianMs()));
            m.put("p90Ms", Num.of(e.p90Ms()));
            m.put("budgetMs", e.budgetMs() == null ? null : Num.of(e.budgetMs()));
            entryList.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", expires == null ? FORMAT : FORMAT_2);
        root.put("plugin", plugin);
        root.put("spiVersion", spiVersion.toString());
        root.put("kitVersion", kitVersion);
        root.put("profile", profile);
        root.put("tolerancePolicy", tolerancePolicy);
        root.put("seed", Num.of(seed));
        if (seedDerivation != null) {
            // Only when present, so the payload of a certificate without one is byte for byte the 1.0 payload.
            Map<String, Object> derivation = new LinkedHashMap<>();
            derivation.put("scheme", seedDerivation.scheme());
            derivation.put("signature", seedDerivation.signatureBase64());
            root.put("seedDerivation", derivation);
        }
        root.put("entries", entryList);
        root.put("machine", machine);
        root.put("issuedAt", issuedAt.toString());
        if (expires != null) {
            root.put("expires", expires.toString());
        }
        if (numerics != NumericsFlavour.TFLM) {
            // only when not the default: a tflm certificate keeps the exact signed payload it had before flavours
            root.put("numerics", numerics.label());
        }
        if (!definitions.isEmpty()) {
            // only present when the plugin defines operators: 1.0 certificates keep their exact signed payload
            List<Object> defs = new ArrayList<>();
            for (CertifiedDefinition d : definitions) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("op", d.op().toString());
                m.put("version", Num.of(d.version()));
                m.put("schemaSha256", d.schemaHash());
                m.put("caseFiles", new LinkedHashMap<String, Object>(d.caseHashes()));
                defs.add(m);
            }
            root.put("definitions", defs);
        }
        if (!delegates.isEmpty()) {
            // only present when a delegate was certified: certificates without one keep their exact signed payload
            List<Object> list = new ArrayList<>();
            for (CertifiedDelegate d : delegates) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("provider", d.providerId());
                List<Object> claims = new ArrayList<>();
                d.claims().forEach(c -> claims.add(c.toString()));
                m.put("claims", claims);
                int max = d.limits().maxPartitions();
                m.put("maxPartitions", max == Integer.MAX_VALUE ? null : Num.of(max));
                m.put("minNodes", Num.of(d.limits().minNodes()));
                m.put("subgraphs", Num.of(d.subgraphs()));
                list.add(m);
            }
            root.put("delegates", list);
        }
        return root;
    }

    /** @return the canonical JSON, including the signature when signed */
    public String toJson() {
        Map<String, Object> root = payloadMap();
        if (signature != null) {
            Map<String, Object> sig = new LinkedHashMap<>();
            sig.put("algorithm", signature.algorithm());
            sig.put("keyId", signature.keyId());
            sig.put("value", signature.valueBase64());
            root.put("signature", sig);
        }
        StringBuilder sb = new StringBuilder();
        CanonicalJson.write(sb, root);
        return sb.append('\n').toString();
    }

    /**
     * Reads a certificate from its JSON form.
     *
     * @param json the text
     * @return the certificate
     * @throws CertificateFormatException naming the field when the text is not a well-formed certificate
     */
    public static Certificate parse(String json) {
        try {
            Object doc = CanonicalJson.parse(json);
            Map<String, Object> root = asMap(doc, "certificate");
            String format = str(root, "format");
            if (!FORMAT.equals(format) && !FORMAT_2.equals(format)) {
                throw new CertificateFormatException(
                        "unsupported certificate format '" + format + "', expected " + FORMAT + " or " + FORMAT_2);
            }
            boolean hasExpiry = root.containsKey("expires");
            if (hasExpiry != FORMAT_2.equals(format)) {
                throw new CertificateFormatException(
                        FORMAT_2.equals(format)
                                ? "a " + FORMAT_2 + " certificate must have the field 'expires'"
                                : "a " + FORMAT + " certificate has no 'expires'");
            }
            Map<String, Object> plugin = asMap(root.get("plugin"), "plugin");
            Builder b = builder()
                    .plugin(str(plugin, "groupId"), str(plugin, "artifactId"), str(plugin, "version"))
                    .jarSha256(str(plugin, "jarSha256"))
                    .spiVersion(SpiVersion.parse(str(root, "spiVersion")))
                    .kitVersion(str(root, "kitVersion"))
                    .profile(str(root, "profile"))
                    .tolerancePolicy(str(root, "tolerancePolicy"))
                    .seed(Long.parseLong(num(root, "seed")))
                    .machine(str(root, "machine"))
                    .issuedAt(Instant.parse(str(root, "issuedAt")))
                    .expires(hasExpiry ? Instant.parse(str(root, "expires")) : null);
            Object derivation = root.get("seedDerivation");
            if (derivation != null) {
                Map<String, Object> d = asMap(derivation, "seedDerivation");
                b.seedDerivation(new SeedDerivation(str(d, "scheme"), str(d, "signature")));
            }
            for (Object id : asList(plugin.get("providers"), "plugin.providers")) {
                if (!(id instanceof String s)) {
                    throw new CertificateFormatException("plugin.providers must hold strings");
                }
                b.providerId(s);
            }
            for (Object o : asList(root.get("entries"), "entries")) {
                Map<String, Object> e = asMap(o, "entry");
                Object budget = e.get("budgetMs");
                b.entry(new CertifiedEntry(
                        KernelClaim.parse(str(e, "claim")),
                        Long.parseLong(num(e, "cases")),
                        Double.parseDouble(num(e, "medianMs")),
                        Double.parseDouble(num(e, "p90Ms")),
                        budget == null ? null : Double.valueOf(num(e, "budgetMs"))));
            }
            if (root.get("definitions") != null) {
                for (Object o : asList(root.get("definitions"), "definitions")) {
                    Map<String, Object> d = asMap(o, "definition");
                    Map<String, String> files = new LinkedHashMap<>();
                    for (Map.Entry<String, Object> f :
                            asMap(d.get("caseFiles"), "definition.caseFiles").entrySet()) {
                        if (!(f.getValue() instanceof String h)) {
                            throw new CertificateFormatException("definition.caseFiles must map paths to hashes");
                        }
                        files.put(f.getKey(), h);
                    }
                    b.definition(CertifiedDefinition.of(
                            OpId.parse(str(d, "op")),
                            Integer.parseInt(num(d, "version")),
                            str(d, "schemaSha256"),
                            files));
                }
            }
            if (root.get("delegates") != null) {
                for (Object o : asList(root.get("delegates"), "delegates")) {
                    Map<String, Object> d = asMap(o, "delegate");
                    Set<KernelClaim> claims = new TreeSet<>();
                    for (Object c : asList(d.get("claims"), "delegate.claims")) {
                        if (!(c instanceof String text)) {
                            throw new CertificateFormatException("delegate.claims must hold strings");
                        }
                        claims.add(KernelClaim.parse(text));
                    }
                    int max = d.get("maxPartitions") == null
                            ? Integer.MAX_VALUE
                            : Integer.parseInt(num(d, "maxPartitions"));
                    int min = Integer.parseInt(num(d, "minNodes"));
                    DelegateLimits limits =
                            max == Integer.MAX_VALUE && min == 1 ? DelegateLimits.none() : DelegateLimits.of(max, min);
                    b.delegate(CertifiedDelegate.of(
                            str(d, "provider"), claims, limits, Long.parseLong(num(d, "subgraphs"))));
                }
            }
            Object numerics = root.get("numerics");
            if (numerics != null) {
                if (!(numerics instanceof String label)) {
                    throw new CertificateFormatException("field 'numerics' must be a string (tflm or tflite)");
                }
                try {
                    b.numerics(NumericsFlavour.parse(label));
                } catch (IllegalArgumentException e) {
                    throw new CertificateFormatException("field 'numerics': " + e.getMessage());
                }
            }
            Certificate unsigned = new Certificate(b, null);
            Object sigValue = root.get("signature");
            if (sigValue == null) {
                return unsigned;
            }
            Map<String, Object> sig = asMap(sigValue, "signature");
            return unsigned.withSignature(
                    new CertificateSignature(str(sig, "algorithm"), str(sig, "keyId"), str(sig, "value")));
        } catch (CertificateFormatException e) {
            throw e;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new CertificateFormatException("malformed certificate: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o, String what) {
        if (!(o instanceof Map)) {
            throw new CertificateFormatException("'" + what + "' must be a JSON object");
        }
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object o, String what) {
        if (!(o instanceof List)) {
            throw new CertificateFormatException("'" + what + "' must be a JSON array");
        }
        return (List<Object>) o;
    }

    private static String str(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof String s)) {
            throw new CertificateFormatException("field '" + key + "' is missing or not a string");
        }
        return s;
    }

    private static String num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof String s) || s.isEmpty() || !(Character.isDigit(s.charAt(0)) || s.charAt(0) == '-')) {
            throw new CertificateFormatException("field '" + key + "' is missing or not a number");
        }
        return s;
    }

    @Override
    public String toString() {
        return "Certificate(" + groupId + ":" + artifactId + ":" + version + ", " + entries.size() + " entries)";
    }

    /**
     * Builds an unsigned {@link Certificate}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private String groupId;
        private String artifactId;
        private String version;
        private String jarSha256;
        private final List<String> providerIds = new ArrayList<>();
        private SpiVersion spiVersion = SpiVersion.CURRENT;
        private String kitVersion;
        private String profile = "default";
        private String tolerancePolicy;
        private long seed;
        private SeedDerivation seedDerivation;
        private final List<CertifiedEntry> entries = new ArrayList<>();
        private final List<CertifiedDefinition> definitions = new ArrayList<>();
        private final List<CertifiedDelegate> delegates = new ArrayList<>();
        private NumericsFlavour numerics = NumericsFlavour.TFLM;
        private String machine;
        private Instant issuedAt;
        private Instant expires;

        private Builder() {}

        /**
         * @param group Maven groupId
         * @param artifact Maven artifactId
         * @param ver version
         * @return this builder
         */
        public Builder plugin(String group, String artifact, String ver) {
            groupId = group;
            artifactId = artifact;
            version = ver;
            return this;
        }

        /**
         * @param hex SHA-256 of the jar
         * @return this builder
         */
        public Builder jarSha256(String hex) {
            jarSha256 = hex;
            return this;
        }

        /**
         * @param id a certified provider's id
         * @return this builder
         */
        public Builder providerId(String id) {
            providerIds.add(Objects.requireNonNull(id));
            return this;
        }

        /**
         * @param value the SPI version
         * @return this builder
         */
        public Builder spiVersion(SpiVersion value) {
            spiVersion = value;
            return this;
        }

        /**
         * @param value the kit version
         * @return this builder
         */
        public Builder kitVersion(String value) {
            kitVersion = value;
            return this;
        }

        /**
         * @param value the profile name
         * @return this builder
         */
        public Builder profile(String value) {
            profile = value;
            return this;
        }

        /**
         * @param value the integer numerics flavour the quantized entries were certified against
         * @return this builder
         * @since 1.1
         */
        @API(status = API.Status.EXPERIMENTAL, since = "1.1")
        public Builder numerics(NumericsFlavour value) {
            numerics = Objects.requireNonNull(value, "numerics");
            return this;
        }

        /**
         * @param value the tolerance policy version
         * @return this builder
         */
        public Builder tolerancePolicy(String value) {
            tolerancePolicy = value;
            return this;
        }

        /**
         * @param value the run's seed
         * @return this builder
         */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /**
         * @param value how the seed was derived ({@link SeedDerivation}), or null for none
         * @return this builder
         * @since 1.1
         */
        public Builder seedDerivation(SeedDerivation value) {
            seedDerivation = value;
            return this;
        }

        /**
         * @param value a certified entry
         * @return this builder
         */
        public Builder entry(CertifiedEntry value) {
            entries.add(Objects.requireNonNull(value));
            return this;
        }

        /**
         * @param value a custom operator definition the certificate pins
         * @return this builder
         * @since 1.1
         */
        @API(status = API.Status.EXPERIMENTAL, since = "1.1")
        public Builder definition(CertifiedDefinition value) {
            definitions.add(Objects.requireNonNull(value));
            return this;
        }

        /**
         * @param value a provider's delegate and what it is certified for
         * @return this builder
         * @since 1.1
         */
        @API(status = API.Status.EXPERIMENTAL, since = "1.1")
        public Builder delegate(CertifiedDelegate value) {
            delegates.add(Objects.requireNonNull(value));
            return this;
        }

        /**
         * @param value machine fingerprint
         * @return this builder
         */
        public Builder machine(String value) {
            machine = value;
            return this;
        }

        /**
         * @param value issue time
         * @return this builder
         */
        public Builder issuedAt(Instant value) {
            issuedAt = value;
            return this;
        }

        /**
         * @param value the end of validity, or null for a certificate that never expires ({@link #FORMAT})
         * @return this builder
         * @since 1.1
         */
        @API(status = API.Status.EXPERIMENTAL, since = "1.1")
        public Builder expires(Instant value) {
            expires = value;
            return this;
        }

        /** @return the unsigned certificate */
        public Certificate build() {
            return new Certificate(this, null);
        }
    }
}
