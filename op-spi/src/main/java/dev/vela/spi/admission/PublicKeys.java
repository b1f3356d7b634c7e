package dev.vela.spi.admission;

import dev.vela.spi.API;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Ed25519 public keys in PEM ({@code -----BEGIN PUBLIC KEY-----}, X.509 SubjectPublicKeyInfo) and
 * their short ids.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "1.0")
public final class PublicKeys {

    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";

    private PublicKeys() {}

    /**
     * @param key a public key
     * @return the first 16 hex digits of the SHA-256 of its encoded form
     */
    public static String keyId(PublicKey key) {
        return HexFormat.of().formatHex(sha256(key.getEncoded()), 0, 8);
    }

    /**
     * @param key a public key
     * @return its PEM text
     */
    public static String toPem(PublicKey key) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded());
        return BEGIN + "\n" + b64 + "\n" + END + "\n";
    }

    /**
     * @param pem text holding one or more PEM public keys
     * @param source names the origin in errors
     * @return the Ed25519 keys, in order
     * @throws CertificateFormatException if there is no key or one is not an Ed25519 key
     */
    public static List<PublicKey> parsePem(String pem, String source) {
        List<PublicKey> keys = new ArrayList<>();
        int from = 0;
        while (true) {
            int begin = pem.indexOf(BEGIN, from);
            if (begin < 0) {
                break;
            }
            int end = pem.indexOf(END, begin);
            if (end < 0) {
                throw new CertificateFormatException(source + ": PEM block without " + END);
            }
            String body = pem.substring(begin + BEGIN.length(), end).replaceAll("\\s", "");
            try {
                byte[] der = Base64.getDecoder().decode(body);
                keys.add(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)));
            } catch (IllegalArgumentException | GeneralSecurityException e) {
                throw new CertificateFormatException(
                        source + ": not an Ed25519 public key (" + e.getMessage() + ")", e);
            }
            from = end + END.length();
        }
        if (keys.isEmpty()) {
            throw new CertificateFormatException(source + ": no '" + BEGIN + "' block found");
        }
        return keys;
    }

    /**
     * @param file a PEM file
     * @return its keys
     * @throws IOException if it cannot be read
     */
    public static List<PublicKey> read(Path file) throws IOException {
        return parsePem(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
