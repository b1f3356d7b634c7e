package dev.vela.spi.admission;

import dev.vela.spi.API;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The public keys whose certificates a runtime accepts, by key id, and (since 1.1) the
 * {@link RevocationList} of certificates, jars and keys the authority has withdrawn.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "1.0")
public final class TrustStore {

    private final Map<String, PublicKey> keys;
    private final RevocationList revocations;

    private TrustStore(Map<String, PublicKey> keys) {
        this(keys, RevocationList.empty());
    }

    private TrustStore(Map<String, PublicKey> keys, RevocationList revocations) {
        this.keys = Map.copyOf(keys);
        this.revocations = revocations;
    }

    /**
     * @param trusted the keys
     * @return a store of exactly those keys
     */
    public static TrustStore of(Collection<PublicKey> trusted) {
        Map<String, PublicKey> m = new LinkedHashMap<>();
        trusted.forEach(k -> m.put(PublicKeys.keyId(k), k));
        return new TrustStore(m);
    }

    /** @return a store that trusts nobody */
    public static TrustStore empty() {
        return new TrustStore(Map.of());
    }

    /**
     * Loads every key of a PEM file, or of every {@code *.pem} / {@code *.pub} file in a directory; a
     * directory's {@code *.revocations} files (see {@link RevocationList}) are its revocation list.
     *
     * @param path a file or directory
     * @return the store
     * @throws IOException if it cannot be read
     */
    public static TrustStore load(Path path) throws IOException {
        Map<String, PublicKey> m = new LinkedHashMap<>();
        RevocationList revoked = RevocationList.empty();
        if (Files.isDirectory(path)) {
            try (Stream<Path> files = Files.list(path)) {
                for (Path f : files.sorted().toList()) {
                    String name = f.getFileName().toString();
                    if (name.endsWith(".pem") || name.endsWith(".pub")) {
                        PublicKeys.read(f).forEach(k -> m.put(PublicKeys.keyId(k), k));
                    } else if (name.endsWith(RevocationList.SUFFIX)) {
                        revoked = revoked.and(RevocationList.read(f));
                    }
                }
            }
        } else {
            PublicKeys.read(path).forEach(k -> m.put(PublicKeys.keyId(k), k));
        }
        return new TrustStore(m, revoked);
    }

    /**
     * @param list certificates, jars and keys to refuse
     * @return a store of the same keys with this list added to its revocations
     * @since 1.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "1.1")
    public TrustStore withRevocations(RevocationList list) {
        return new TrustStore(keys, revocations.and(list));
    }

    /**
     * @return the revocation list (empty unless loaded from a directory with {@code *.revocations} files or
     *     added with {@link #withRevocations})
     * @since 1.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "1.1")
    public RevocationList revocations() {
        return revocations;
    }

    /**
     * @param keyId a key id
     * @return the trusted key with that id
     */
    public Optional<PublicKey> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    /** @return the trusted key ids */
    public List<String> keyIds() {
        return List.copyOf(keys.keySet());
    }
}
