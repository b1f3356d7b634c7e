package dev.vela.runtime.store;

import dev.vela.spi.admission.TrustStore;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Optional;

/**
 * Whether the store requires a model to carry a signature by a trusted model authority, and the check itself: the
 * signature must verify under a key of the trust store and its payload must name exactly the model being installed
 * (name, version, file hash and size, self-test hash), so a tampered file or a signature moved to another model is
 * refused with the reason.
 *
 * @param trust the model authorities' public keys
 * @param required whether an unsigned model is refused
 */
public record SignaturePolicy(TrustStore trust, boolean required) {

    /** Accepts unsigned models; checks a signature if one comes along, against nobody (so it fails). */
    public static final SignaturePolicy NONE = new SignaturePolicy(TrustStore.empty(), false);

    /**
     * @param trust trusted model authorities
     * @return a policy that refuses unsigned models
     */
    public static SignaturePolicy require(TrustStore trust) {
        return new SignaturePolicy(trust, true);
    }

    /**
     * Checks a model about to be installed.
     *
     * @param name model name
     * @param version model version
     * @param sha256 the file's actual SHA-256
     * @param size the file's actual size
     * @param selfTestSha256 the shipped self-test's actual SHA-256, or empty
     * @param signature its signature, if any
     * @return the signing key id, or empty when unsigned and not required
     * @throws ModelStoreException saying why the model is refused
     */
    public Optional<String> check(
            String name,
            ModelVersion version,
            String sha256,
            long size,
            String selfTestSha256,
            Optional<ModelSignature> signature) {
        String id = name + "@" + version;
        if (signature.isEmpty()) {
            if (required) {
                throw new ModelStoreException(id + " refused: unsigned, and this store requires a signature by a"
                        + " trusted model authority (trusted keys: " + trust.keyIds() + ")");
            }
            return Optional.empty();
        }
        ModelSignature sig = signature.get();
        PublicKey key = trust.key(sig.keyId())
                .orElseThrow(() -> new ModelStoreException(id + " refused: signed by"
                        + " key " + sig.keyId() + ", which is not a trusted model authority (trusted: " + trust.keyIds()
                        + ")"));
        try {
            Signature v = Signature.getInstance(ModelSignature.ALGORITHM);
            v.initVerify(key);
            v.update(sig.signedBytes());
            if (!v.verify(Base64.getDecoder().decode(sig.valueBase64()))) {
                throw new ModelStoreException(id + " refused: the signature does not verify under key " + sig.keyId()
                        + " (the signature document was altered)");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ModelStoreException(id + " refused: unreadable signature (" + e.getMessage() + ")", e);
        }
        mustMatch(id, "name", sig.name(), name);
        mustMatch(id, "version", sig.version(), version.text());
        mustMatch(id, "file SHA-256 (the model file was altered after signing)", sig.sha256(), sha256);
        mustMatch(id, "size", Long.toString(sig.size()), Long.toString(size));
        mustMatch(
                id,
                "self-test SHA-256 (the self-test was altered after signing)",
                sig.selfTestSha256(),
                selfTestSha256 == null ? "" : selfTestSha256);
        return Optional.of(sig.keyId());
    }

    private static void mustMatch(String id, String what, String signed, String actual) {
        if (!signed.equals(actual)) {
            throw new ModelStoreException(
                    id + " refused: signed " + what + " is '" + signed + "' but the model's is '" + actual + "'");
        }
    }
}
