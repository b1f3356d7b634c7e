package dev.vela.maven;

import dev.vela.spi.admission.Certificate;
import dev.vela.spi.admission.CertificateSignature;
import dev.vela.spi.admission.PublicKeys;
import dev.vela.spi.admission.SeedDerivation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Signs certificates with an Ed25519 private key held in a PKCS#8 PEM file
 * ({@code -----BEGIN PRIVATE KEY-----}), and makes development key pairs. Verification is not here:
 * it is {@link dev.vela.spi.admission.CertificateVerifier}'s, shared with the runtime.
 */
public final class CertificateSigner {

    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private CertificateSigner(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /**
     * @param pemFile a PKCS#8 PEM Ed25519 private key
     * @return a signer for it
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it is not an Ed25519 private key in PKCS#8 PEM
     */
    public static CertificateSigner read(Path pemFile) throws IOException {
        String pem = Files.readString(pemFile, StandardCharsets.US_ASCII);
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(
                    pemFile + ": not a PKCS#8 PEM private key (no '" + BEGIN + "' ... '" + END + "' block)");
        }
        try {
            byte[] der = Base64.getDecoder()
                    .decode(pem.substring(begin + BEGIN.length(), end).replaceAll("\\s", ""));
            PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
            return new CertificateSigner(key, publicKeyOf(key));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException(pemFile + ": not an Ed25519 private key (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Writes a fresh development key pair: {@code <name>.key.pem} (private, PKCS#8) and
     * {@code <name>.pub.pem} (public, X.509).
     *
     * @param directory created if missing
     * @param name base file name
     * @return the private key file
     * @throws IOException if a file exists already or cannot be written
     */
    public static Path generate(Path directory, String name) throws IOException {
        Files.createDirectories(directory);
        Path priv = directory.resolve(name + ".key.pem");
        Path pub = directory.resolve(name + ".pub.pem");
        if (Files.exists(priv) || Files.exists(pub)) {
            throw new IOException("refusing to overwrite an existing key: " + (Files.exists(priv) ? priv : pub));
        }
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is built into every JDK 15+", e);
        }
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPrivate().getEncoded());
        Files.writeString(priv, BEGIN + "\n" + b64 + "\n" + END + "\n", StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(priv, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the file keeps the directory's default permissions.
        }
        Files.writeString(pub, PublicKeys.toPem(pair.getPublic()), StandardCharsets.US_ASCII);
        return priv;
    }

    /** @return the public key matching the private key */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** @return {@link PublicKeys#keyId} of the signing key */
    public String keyId() {
        return PublicKeys.keyId(publicKey);
    }

    /**
     * @param certificate an unsigned certificate
     * @return it signed over {@link Certificate#signedPayload()}
     */
    public Certificate sign(Certificate certificate) {
        try {
            Signature s = Signature.getInstance(CertificateSignature.ED25519);
            s.initSign(privateKey);
            s.update(certificate.signedPayload());
            String value = Base64.getEncoder().encodeToString(s.sign());
            return certificate.withSignature(new CertificateSignature(CertificateSignature.ED25519, keyId(), value));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /**
     * The seed of a certifying run, derived as {@link SeedDerivation} defines: this key's Ed25519 signature of the
     * jar's hash and the profile's name. Deterministic, and unpredictable without the private key.
     *
     * @param jarSha256 the jar's SHA-256, hex
     * @param profile the certification profile's name
     * @return the derivation to record in the certificate; its seed is {@link RunSeed#seed()} of a derived run
     */
    public SeedDerivation deriveSeed(String jarSha256, String profile) {
        try {
            Signature s = Signature.getInstance(CertificateSignature.ED25519);
            s.initSign(privateKey);
            s.update(SeedDerivation.message(jarSha256, profile));
            return new SeedDerivation(SeedDerivation.SCHEME, Base64.getEncoder().encodeToString(s.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /**
     * Derives the public key from the private one. The JDK has no direct call for it and its PKCS#8
     * form carries no public key, so the key pair is regenerated from the private key's seed.
     */
    private static PublicKey publicKeyOf(PrivateKey key) throws GeneralSecurityException {
        if (!(key instanceof EdECPrivateKey ed) || ed.getBytes().isEmpty()) {
            throw new GeneralSecurityException("not an Ed25519 private key");
        }
        byte[] seed = ed.getBytes().get();
        KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
        g.initialize(NamedParameterSpec.ED25519, new FixedSecureRandom(seed));
        KeyPair pair = g.generateKeyPair();
        EdECPoint point = ((java.security.interfaces.EdECPublicKey) pair.getPublic()).getPoint();
        return KeyFactory.getInstance("Ed25519")
                .generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
    }

    /** Returns the given bytes as its only randomness, so the generator rebuilds the key pair of a known seed. */
    private static final class FixedSecureRandom extends java.security.SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        FixedSecureRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }
}
