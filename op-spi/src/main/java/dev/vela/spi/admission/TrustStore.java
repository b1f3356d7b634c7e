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
 * The public keys whose certificates a runtime accepts, by key id.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "1.0")
public final class TrustStore {

    private final Map<String, PublicKey> keys;

    private TrustStore(Map<String, PublicKey> keys) {
        this.keys = Map.copyOf(keys);
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
     * Loads every key of a PEM file, or of every {@code *.pem} / {@code *.pub} file in a directory.
     *
     * @param path a file or directory
     * @return the store
     * @throws IOException if it cannot be read
     */
    public static TrustStore load(Path path) throws IOException {
        Map<String, PublicKey> m = new LinkedHashMap<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> files = Files.list(path)) {
                for (Path f : files.sorted().toList()) {
                    String name = f.getFileName().toString();
                    if (name.endsWith(".pem") || name.endsWith(".pub")) {
                        PublicKeys.read(f).forEach(k -> m.put(PublicKeys.keyId(k), k));
                    }
                }
            }
        } else {
            PublicKeys.read(path).forEach(k -> m.put(PublicKeys.keyId(k), k));
        }
        return new TrustStore(m);
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
