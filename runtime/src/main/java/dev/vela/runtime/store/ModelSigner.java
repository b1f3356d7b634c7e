package dev.vela.runtime.store;

import dev.vela.spi.admission.PublicKeys;
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
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Signs models for a model authority with an Ed25519 private key in a PKCS#8 PEM file ({@code -----BEGIN PRIVATE
 * KEY-----}, the same key files the certification gate uses), and makes key pairs. Verification is
 * {@link SignaturePolicy}'s.
 */
public final class ModelSigner {

    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private final PrivateKey privateKey;
    private final String keyId;

    private ModelSigner(PrivateKey privateKey, String keyId) {
        this.privateKey = privateKey;
        this.keyId = keyId;
    }

    /**
     * @param pair an Ed25519 key pair
     * @return a signer with its private key
     */
    public static ModelSigner of(KeyPair pair) {
        return new ModelSigner(pair.getPrivate(), PublicKeys.keyId(pair.getPublic()));
    }

    /**
     * @param privateKeyPem a PKCS#8 PEM Ed25519 private key
     * @param publicKeyPem the matching public key (X.509 PEM), whose id the signature names
     * @return a signer
     * @throws IOException if a file cannot be read
     * @throws ModelStoreException naming the file when it is not such a key
     */
    public static ModelSigner read(Path privateKeyPem, Path publicKeyPem) throws IOException {
        String pem = Files.readString(privateKeyPem, StandardCharsets.US_ASCII);
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new ModelStoreException(privateKeyPem + ": not a PKCS#8 PEM private key (no '" + BEGIN + "' block)");
        }
        PrivateKey key;
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
            key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new ModelStoreException(privateKeyPem + ": not an Ed25519 private key (" + e.getMessage() + ")", e);
        }
        var publics = PublicKeys.read(publicKeyPem);
        if (publics.size() != 1) {
            throw new ModelStoreException(publicKeyPem + ": expected one public key, found " + publics.size());
        }
        ModelSigner signer = new ModelSigner(key, PublicKeys.keyId(publics.get(0)));
        signer.checkPair(publics.get(0), privateKeyPem, publicKeyPem);
        return signer;
    }

    /** A signature that the named public key cannot verify would be refused on every device: fail here instead. */
    private void checkPair(PublicKey pub, Path privFile, Path pubFile) {
        ModelSignature probe = sign("probe", "0", "0".repeat(64), 0, "");
        try {
            Signature v = Signature.getInstance(ModelSignature.ALGORITHM);
            v.initVerify(pub);
            v.update(probe.signedBytes());
            if (!v.verify(Base64.getDecoder().decode(probe.valueBase64()))) {
                throw new ModelStoreException(pubFile + " is not the public key of " + privFile);
            }
        } catch (GeneralSecurityException e) {
            throw new ModelStoreException(pubFile + ": cannot verify with it (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Writes a fresh key pair: {@code <name>.key.pem} (private, PKCS#8) and {@code <name>.pub.pem} (public).
     *
     * @param directory created if missing
     * @param name base file name
     * @return the private key file
     * @throws IOException if a key file exists already or cannot be written
     */
    public static Path generate(Path directory, String name) throws IOException {
        Files.createDirectories(directory);
        Path priv = directory.resolve(name + ".key.pem");
        Path pub = directory.resolve(name + ".pub.pem");
        if (Files.exists(priv) || Files.exists(pub)) {
            throw new ModelStoreException(
                    "refusing to overwrite an existing key: " + (Files.exists(priv) ? priv : pub));
        }
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks Ed25519", e);
        }
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(pair.getPrivate().getEncoded());
        Files.writeString(priv, BEGIN + "\n" + body + "\n" + END + "\n", StandardCharsets.US_ASCII);
        Files.writeString(pub, PublicKeys.toPem(pair.getPublic()), StandardCharsets.US_ASCII);
        return priv;
    }

    /** @return the id of the key that signs */
    public String keyId() {
        return keyId;
    }

    /**
     * @param name model name
     * @param version model version
     * @param sha256 the model file's SHA-256
     * @param size the model file's size
     * @param selfTestSha256 the shipped self-test's SHA-256, or empty
     * @return the signature
     */
    public ModelSignature sign(String name, String version, String sha256, long size, String selfTestSha256) {
        ModelSignature unsigned = new ModelSignature(name, version, sha256, size, selfTestSha256, keyId, "");
        try {
            Signature s = Signature.getInstance(ModelSignature.ALGORITHM);
            s.initSign(privateKey);
            s.update(unsigned.signedBytes());
            return new ModelSignature(
                    name,
                    version,
                    sha256,
                    size,
                    selfTestSha256,
                    keyId,
                    Base64.getEncoder().encodeToString(s.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }
}
