package dev.vela.samples.signal.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Build step of the signal sample (run by the pom in generate-resources, never shipped): turns the admission cases'
 * test vectors, kept as text ({@code src/main/cases/<domain>/<op>/<case>/tensors.txt}), into the {@code .npy} files
 * the cases name, under {@code target/generated-resources/cases/META-INF/vela/cases/}, from where the jar carries
 * them. The files are written in numpy's format 1.0 layout byte for byte (header dictionary, padding to 64 bytes), so
 * the certificate's case-file hashes do not depend on the build.
 *
 * <p>{@code tensors.txt}: {@code #} comment lines, then per tensor a line {@code FILE TYPE [D1,D2,...]} (TYPE one of
 * int16, int32, uint32, uint64, float32) followed by one line of its values in C order, separated by blanks.
 */
public final class CaseTensorGenerator {

    private CaseTensorGenerator() {
    }

    /**
     * @param args the text root ({@code src/main/cases}) and the output root (the cases directory to write)
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: CaseTensorGenerator TEXT_ROOT OUTPUT_ROOT");
        }
        Path source = Path.of(args[0]);
        Path target = Path.of(args[1]);
        int[] written = {0};
        try (Stream<Path> files = Files.walk(source)) {
            for (Path text : files.filter(p -> p.getFileName().toString().equals("tensors.txt")).sorted().toList()) {
                Path dir = target.resolve(source.relativize(text.getParent()).toString());
                Files.createDirectories(dir);
                written[0] += generate(text, dir);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        System.out.println("admission-case tensors: " + written[0] + " .npy files written under " + target);
    }

    private static int generate(Path text, Path dir) throws IOException {
        List<String> lines = Files.readAllLines(text, StandardCharsets.UTF_8);
        int count = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = text + " line " + (i + 1);
            String[] head = line.split(" ");
            if (head.length != 3 || !head[0].endsWith(".npy") || head[0].contains("/")
                    || !head[2].startsWith("[") || !head[2].endsWith("]")) {
                throw new IllegalArgumentException(where + ": expected 'FILE.npy TYPE [D1,D2,...]', got '" + line + "'");
            }
            if (i + 1 >= lines.size()) {
                throw new IllegalArgumentException(where + ": the values line of " + head[0] + " is missing");
            }
            String body = head[2].substring(1, head[2].length() - 1);
            long[] shape = body.isEmpty() ? new long[0]
                    : Stream.of(body.split(",")).mapToLong(Long::parseLong).toArray();
            String values = lines.get(++i).strip();
            Files.write(dir.resolve(head[0]), npy(where, head[1], shape, values.isEmpty() ? new String[0]
                    : values.split(" ")));
            count++;
        }
        return count;
    }

    private static byte[] npy(String where, String type, long[] shape, String[] values) {
        long elements = 1;
        for (long d : shape) {
            elements *= d;
        }
        if (elements != values.length) {
            throw new IllegalArgumentException(where + ": shape " + java.util.Arrays.toString(shape) + " holds "
                    + elements + " values, the next line has " + values.length);
        }
        String descr;
        int size;
        switch (type) {
            case "int16" -> { descr = "<i2"; size = 2; }
            case "int32" -> { descr = "<i4"; size = 4; }
            case "uint32" -> { descr = "<u4"; size = 4; }
            case "uint64" -> { descr = "<u8"; size = 8; }
            case "float32" -> { descr = "<f4"; size = 4; }
            default -> throw new IllegalArgumentException(where + ": unknown type '" + type + "'");
        }
        StringBuilder dims = new StringBuilder("(");
        for (int k = 0; k < shape.length; k++) {
            dims.append(k > 0 ? ", " : "").append(shape[k]);
        }
        dims.append(shape.length == 1 ? ",)" : ")");
        StringBuilder header = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': "
                + dims + ", }");
        // numpy pads magic, version, length, dictionary and newline to a multiple of 64 (always at least one blank)
        int padding = 64 - (10 + header.length() + 1) % 64;
        header.append(" ".repeat(padding)).append('\n');
        byte[] dict = header.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(10 + dict.length + values.length * size).order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) dict.length).put(dict);
        for (int k = 0; k < values.length; k++) {
            try {
                switch (type) {
                    case "int16" -> out.putShort(Short.parseShort(values[k]));
                    case "int32" -> out.putInt(Integer.parseInt(values[k]));
                    case "uint32" -> out.putInt(Integer.parseUnsignedInt(values[k]));
                    case "uint64" -> out.putLong(Long.parseUnsignedLong(values[k]));
                    default -> out.putFloat(Float.parseFloat(values[k]));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": value " + k + " '" + values[k] + "' is not a " + type);
            }
        }
        return out.array();
    }
}
