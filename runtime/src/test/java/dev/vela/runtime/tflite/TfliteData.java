package dev.vela.runtime.tflite;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The external TFLite models ({@code <vela.data>/tflite}) and their index. Tests call
 * {@link #require()} which skips them with one clear message when the data is absent.
 */
final class TfliteData {

    private TfliteData() {}

    /** The tflite data folder; skips the calling test when it is absent. */
    static Path require() {
        String data = System.getProperty("vela.data");
        Path dir = data == null ? null : Path.of(data, "tflite");
        assumeTrue(
                dir != null && Files.isRegularFile(dir.resolve("index.csv")),
                "external TFLite models not found: set -Dvela.data=<shared data folder> (see the data README)");
        return dir;
    }

    /** Rows of index.csv as column name to value. */
    static List<Map<String, String>> index(Path dir) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("index.csv"));
            List<String> header = splitCsv(lines.get(0));
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                List<String> cells = splitCsv(line);
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), i < cells.size() ? cells.get(i) : "");
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One CSV line split into cells: the index's few quoted cells may hold commas and doubled quotes. */
    private static List<String> splitCsv(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    /** The model file of an index row (its {@code file} column is relative to the data folder). */
    static Path modelFile(Path dir, Map<String, String> row) {
        return dir.getParent().resolve(row.get("file"));
    }
}
