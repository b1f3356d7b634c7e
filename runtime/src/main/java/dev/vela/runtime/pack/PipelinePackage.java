package dev.vela.runtime.pack;

import dev.vela.runtime.error.UnsupportedOperatorException;
import dev.vela.runtime.partition.DefinedOperators;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code .vela} pipeline package: several models and the configuration that joins them (labels, window and stride,
 * which output feeds which input) in one versioned, checksummed file, the ACE seed's "graph, model and config in one
 * file". Each member is a complete single-model {@code .vela} package; the manifest is {@code key = value} text whose
 * keys the pipeline's kind defines (for {@code kind = speech} those of {@code SpeechPipelineSpec}, with member names
 * where the properties file has model paths). {@link PipelineWriter} documents the layout.
 *
 * @param source the file name used in messages
 * @param manifest the configuration, in file order, without the package's own bookkeeping keys
 * @param members the member models by name, in file order
 * @param definitions the custom-operator definitions the members were built against
 * @param formatMajor the format major version of the file
 * @param formatMinor the format minor version of the file
 */
public record PipelinePackage(
        String source,
        Map<String, String> manifest,
        Map<String, VelaPackage> members,
        List<PinnedDefinition> definitions,
        int formatMajor,
        int formatMinor) {

    /** First eight bytes of every pipeline package (a single-model package starts {@code 89 'V' 'E' 'L' 'A'}). */
    static final byte[] MAGIC = {(byte) 0x89, 'V', 'P', 'I', 'P', 0x0D, 0x0A, 0x1A};

    /** The format major version this runtime writes and the highest it reads. */
    public static final int FORMAT_MAJOR = 1;

    /** The format minor version this runtime writes. */
    public static final int FORMAT_MINOR = 0;

    /** The manifest's first key and its value for this format. */
    static final String FORMAT_KEY = "format";

    static final String FORMAT_VALUE = "vela-pipeline/1";

    /** Copies the collections, keeping their order. */
    public PipelinePackage {
        manifest = Collections.unmodifiableMap(new LinkedHashMap<>(manifest));
        members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        definitions = List.copyOf(definitions);
    }

    /**
     * @param file any file
     * @return whether it starts with the pipeline package magic (false when unreadable: the caller reports that)
     */
    public static boolean isPipeline(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(MAGIC.length);
            return java.util.Arrays.equals(head, MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * @param file a pipeline package
     * @return it, every member read and checked
     * @throws PackageFormatException naming the file (and the member, key or byte offset) when it is malformed
     * @throws IOException when it cannot be read
     */
    public static PipelinePackage read(Path file) throws IOException {
        return PipelineReader.read(file);
    }

    /**
     * @param name a member name
     * @return the member
     * @throws PackageFormatException when the package has no such member
     */
    public VelaPackage member(String name) {
        VelaPackage p = members.get(name);
        if (p == null) {
            throw new PackageFormatException(source + ": the manifest names model '" + name + "', which is not a member"
                    + " of the package (members: " + members.keySet() + ")");
        }
        return p;
    }

    /**
     * Refuses the package unless the admitted providers define every pinned definition at the same version and schema.
     *
     * @param defined what the admitted providers define
     * @throws UnsupportedOperatorException naming the operator, the member and what is needed
     */
    public void requireDefinitions(DefinedOperators defined) {
        List<String> problems = new ArrayList<>();
        for (PinnedDefinition pin : definitions) {
            Optional<DefinedOperators.Defined> same = defined.versions(pin.op()).stream()
                    .filter(d -> d.definition().version() == pin.version())
                    .findFirst();
            if (same.isEmpty()) {
                problems.add("custom operator " + pin.describe() + " (model '" + pin.member() + "') is defined by no "
                        + "admitted provider"
                        + (defined.defines(pin.op())
                                ? " at version " + pin.version()
                                        + " (admitted versions: "
                                        + defined.versions(pin.op()).stream()
                                                .map(d -> d.definition().version())
                                                .toList()
                                        + ")"
                                : "")
                        + ": load a plugin that defines it");
            } else if (!same.get().definition().schemaHash().equals(pin.schemaSha256())) {
                problems.add("custom operator " + pin.describe() + " (model '" + pin.member() + "'): the admitted "
                        + "definition " + same.get().describe() + " has another schema: the package was built for a "
                        + "different definition; pack it again with this plugin or load the plugin it was built with");
            }
        }
        if (!problems.isEmpty()) {
            throw new UnsupportedOperatorException(source + ": refused: " + String.join("; ", problems));
        }
    }
}
