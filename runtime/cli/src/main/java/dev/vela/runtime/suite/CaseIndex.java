package dev.vela.runtime.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The op type of each case, from the suite's {@code node-index.csv} (columns {@code case} and {@code op_type}). */
public final class CaseIndex {

    private final Map<String, String> opByCase;

    private CaseIndex(Map<String, String> opByCase) {
        this.opByCase = opByCase;
    }

    /** @return an index with no entries */
    public static CaseIndex empty() {
        return new CaseIndex(Map.of());
    }

    /**
     * Reads an index file.
     *
     * @param csv the file
     * @return the index
     */
    public static CaseIndex read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        Map<String, String> ops = new HashMap<>();
        if (lines.isEmpty()) {
            return new CaseIndex(ops);
        }
        List<String> header = splitCsv(lines.get(0));
        int caseCol = header.indexOf("case");
        int opCol = header.indexOf("op_type");
        if (caseCol < 0 || opCol < 0) {
            throw new IOException(csv + ": expected columns 'case' and 'op_type' in the header");
        }
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = splitCsv(line);
            if (cells.size() > Math.max(caseCol, opCol) && !cells.get(opCol).isEmpty()) {
                ops.put(cells.get(caseCol), cells.get(opCol));
            }
        }
        return new CaseIndex(ops);
    }

    /** @return the op type of a case, or null */
    public String op(String caseName) {
        return opByCase.get(caseName);
    }

    /**
     * Splits one CSV line, honouring double quotes (the data folder's index files).
     *
     * @param line the line
     * @return its cells
     */
    public static List<String> splitCsv(String line) {
        List<String> cells = new java.util.ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
