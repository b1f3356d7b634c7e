package dev.vela.samples.signal.dsp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of the TFLite Micro kernel-test vectors shipped in the plugin jar as an admission case
 * ({@code META-INF/vela/cases/tflite/<op>/<case>/case.json} in the vela-admission-case/1 format, with
 * {@code input_N.npy, expected_N.npy} beside it), read here with a minimal .npy reader so the
 * algorithms are tested against exactly what the gate will check.
 */
public record TflmCase(String op, String name) {
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");
    private static final Pattern INT_ATTRIBUTE = Pattern.compile("\"(\\w+)\":\\s*\\{\\s*\"int\":\\s*(-?\\d+)");

    /** An array read from a .npy file: its numpy type string, shape and little-endian data. */
    public record Array(String descr, int[] shape, ByteBuffer data) {
        public short[] shorts() {
            short[] out = new short[data.remaining() / 2];
            data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
            return out;
        }

        public int[] ints() {
            int[] out = new int[data.remaining() / 4];
            data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
            return out;
        }

        public long[] longs() {
            long[] out = new long[data.remaining() / 8];
            data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
            return out;
        }

        public float[] floats() {
            float[] out = new float[data.remaining() / 4];
            data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            return out;
        }
    }

    public Array input(int index) {
        return read("input_" + index + ".npy");
    }

    public Array expected(int index) {
        return read("expected_" + index + ".npy");
    }

    /** The integer attributes of the case (booleans are stored as true/false and read with {@link #flag}). */
    public int attribute(String key) {
        Matcher m = INT_ATTRIBUTE.matcher(text("case.json"));
        while (m.find()) {
            if (m.group(1).equals(key)) {
                return Integer.parseInt(m.group(2));
            }
        }
        throw new IllegalArgumentException(op + "/" + name + " has no integer attribute " + key);
    }

    public boolean flag(String key) {
        return text("case.json").matches("(?s).*\"" + key + "\":\\s*true.*");
    }

    /** Every integer attribute of the case ({@code "name": {"int": n}} in the vela-admission-case/1 file). */
    public java.util.Map<String, Long> attributes() {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        Matcher m = INT_ATTRIBUTE.matcher(text("case.json"));
        while (m.find()) {
            out.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return out;
    }

    /** Whether the case is a stream: every array has a leading step axis and state carries from step to step. */
    public boolean isSequence() {
        return flag("sequence");
    }

    /** The number of expected outputs stored with the case. */
    public int expectedCount() {
        int n = 0;
        while (TflmCase.class.getResource(dir() + "expected_" + n + ".npy") != null) {
            n++;
        }
        return n;
    }

    /** The number of inputs stored with the case. */
    public int inputCount() {
        int n = 0;
        while (TflmCase.class.getResource(dir() + "input_" + n + ".npy") != null) {
            n++;
        }
        return n;
    }

    /** The tolerance the case allows (0: bit-exact). */
    public double tolerance() {
        Matcher m = Pattern.compile("\"atol\":\\s*([0-9.eE+-]+)").matcher(text("case.json"));
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private String dir() {
        return "/META-INF/vela/cases/tflite/" + op + "/" + name + "/";
    }

    private String text(String file) {
        return new String(bytes(file), StandardCharsets.UTF_8);
    }

    private Array read(String file) {
        byte[] all = bytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int major = all[6];
        int headerLength = major == 1 ? buffer.getShort(8) & 0xFFFF : buffer.getInt(8);
        int headerStart = major == 1 ? 10 : 12;
        String header = new String(all, headerStart, headerLength, StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        Matcher shape = SHAPE.matcher(header);
        if (!descr.find() || !shape.find()) {
            throw new IllegalStateException(op + "/" + name + "/" + file + ": unreadable header " + header);
        }
        int[] dims = Arrays.stream(shape.group(1).split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .mapToInt(Integer::parseInt)
                .toArray();
        ByteBuffer data = ByteBuffer.wrap(all, headerStart + headerLength, all.length - headerStart - headerLength)
                .slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        return new Array(descr.group(1), dims, data);
    }

    private byte[] bytes(String file) {
        String path = dir() + file;
        try (InputStream in = TflmCase.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
