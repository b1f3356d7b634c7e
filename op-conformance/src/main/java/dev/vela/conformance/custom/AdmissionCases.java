package dev.vela.conformance.custom;

import dev.vela.spi.OpId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The admission cases a plugin ships under {@value #ROOT}: every {@code .json} file there is a case (format
 * {@value AdmissionCaseReader#FORMAT}), its {@code .npy} files beside it. Cases are grouped by operator; files that
 * do not parse are kept as named errors, so the operator they belong to is not certified and the report says why.
 * Every file's SHA-256 is recorded for the certificate.
 */
public final class AdmissionCases {

    /** Where a plugin keeps its admission cases. */
    public static final String ROOT = "META-INF/vela/cases/";
    /** Larger case files are refused rather than read. */
    static final long MAX_FILE_BYTES = 64L << 20;

    private final Map<OpId, List<AdmissionCase>> byOp;
    private final Map<String, String> errors;
    private final Map<String, String> fileHashes;

    private AdmissionCases(
            Map<OpId, List<AdmissionCase>> byOp, Map<String, String> errors, Map<String, String> hashes) {
        this.byOp = byOp;
        this.errors = errors;
        this.fileHashes = hashes;
    }

    /** @return no cases */
    public static AdmissionCases none() {
        return of(Map.of());
    }

    /**
     * The cases inside the jar (or class directory) a provider class was loaded from.
     *
     * @param providerClass the provider's class
     * @return its cases
     */
    public static AdmissionCases of(Class<?> providerClass) {
        CodeSource source = providerClass.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return none();
        }
        URL location = source.getLocation();
        Path path;
        try {
            path = Path.of(location.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return none();
        }
        return fromLocation(path);
    }

    /**
     * @param location a plugin jar or a class directory
     * @return the cases under {@value #ROOT} in it
     */
    public static AdmissionCases fromLocation(Path location) {
        Map<String, byte[]> files = new TreeMap<>();
        try {
            if (Files.isDirectory(location)) {
                Path root = location.resolve(ROOT);
                if (Files.isDirectory(root)) {
                    try (Stream<Path> walk = Files.walk(root)) {
                        for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                            if (Files.size(p) > MAX_FILE_BYTES) {
                                throw new IllegalArgumentException(p + " is larger than " + MAX_FILE_BYTES + " bytes");
                            }
                            files.put(ROOT + root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                        }
                    }
                }
            } else if (Files.isRegularFile(location)) {
                try (ZipFile zip = new ZipFile(location.toFile())) {
                    for (ZipEntry e : Collections.list(zip.entries())) {
                        if (!e.isDirectory() && e.getName().startsWith(ROOT)) {
                            files.put(e.getName(), readLimited(zip, e));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the admission cases in " + location, e);
        }
        return of(files);
    }

    private static byte[] readLimited(ZipFile zip, ZipEntry e) throws IOException {
        try (InputStream in = zip.getInputStream(e)) {
            byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new IOException(e.getName() + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            return bytes;
        }
    }

    /**
     * @param files the files under {@value #ROOT} by path
     * @return the cases they hold
     */
    public static AdmissionCases of(Map<String, byte[]> files) {
        Map<OpId, List<AdmissionCase>> byOp = new TreeMap<>();
        Map<String, String> errors = new TreeMap<>();
        Map<String, String> hashes = new TreeMap<>();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            hashes.put(f.getKey(), sha256(f.getValue()));
            if (!f.getKey().endsWith(".json")) {
                continue;
            }
            try {
                AdmissionCase c = new AdmissionCaseReader(f.getKey(), files::get).read(f.getValue());
                byOp.computeIfAbsent(c.op(), k -> new ArrayList<>()).add(c);
            } catch (IllegalArgumentException | ArithmeticException e) {
                errors.put(f.getKey(), e.getMessage());
            }
        }
        return new AdmissionCases(byOp, errors, hashes);
    }

    /**
     * @param op an operator
     * @return its cases, in file order
     */
    public List<AdmissionCase> forOp(OpId op) {
        return byOp.getOrDefault(op, List.of());
    }

    /**
     * @param op an operator
     * @return the case files of that operator's folder ({@code <ROOT><domain>/<name>/}) that could not be read, with why
     */
    public Map<String, String> errorsFor(OpId op) {
        String folder = ROOT + (op.domain().isEmpty() ? "" : op.domain() + "/") + op.name() + "/";
        Map<String, String> out = new TreeMap<>();
        errors.forEach((file, why) -> {
            if (file.startsWith(folder)) {
                out.put(file, why);
            }
        });
        return out;
    }

    /** @return every case file that could not be read, with why */
    public Map<String, String> errors() {
        return Collections.unmodifiableMap(errors);
    }

    /**
     * @param op an operator
     * @return the SHA-256 of every file in its folder, by path
     */
    public Map<String, String> hashesFor(OpId op) {
        String folder = ROOT + (op.domain().isEmpty() ? "" : op.domain() + "/") + op.name() + "/";
        Map<String, String> out = new TreeMap<>();
        fileHashes.forEach((file, hash) -> {
            if (file.startsWith(folder)) {
                out.put(file, hash);
            }
        });
        return out;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
