package dev.vela.maven.fork;

import dev.vela.conformance.custom.AdmissionCases;
import dev.vela.spi.OpId;
import dev.vela.spi.admission.CertifiedDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The custom operator definitions the forked run found, one per line ({@code provider TAB op TAB version TAB
 * schema-hash}), beside the result file: the certificate pins them with the hashes of their admission case files.
 */
public final class DefinitionsFile {

    private DefinitionsFile() {}

    /**
     * @param resultFile the fork's result file
     * @return the definitions file beside it
     */
    public static Path of(Path resultFile) {
        return resultFile.resolveSibling(resultFile.getFileName() + ".definitions.tsv");
    }

    /**
     * @param resultFile the fork's result file
     * @param jar the certified jar, whose case files are hashed
     * @return the pins, empty when the plugin defines no operators (or an older fork wrote no file)
     * @throws IOException when the file cannot be read
     */
    public static List<CertifiedDefinition> read(Path resultFile, Path jar) throws IOException {
        Path file = of(resultFile);
        List<CertifiedDefinition> pins = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return pins;
        }
        AdmissionCases cases = AdmissionCases.fromLocation(jar);
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length != 4) {
                throw new IOException(file + ": malformed line '" + line + "'");
            }
            OpId op = OpId.parse(f[1]);
            pins.add(CertifiedDefinition.of(op, Integer.parseInt(f[2]), f[3], cases.hashesFor(op)));
        }
        return pins;
    }
}
