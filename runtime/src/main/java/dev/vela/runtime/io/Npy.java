package dev.vela.runtime.io;

import dev.vela.spi.DataType;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0) holding little-endian, C-ordered
 * arrays of the numeric dtypes Vela supports. Big-endian data, Fortran order and other dtypes are refused with an
 * {@link NpyFormatException} naming the file.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([^'\"]*)['\"]");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /**
     * Reads a .npy file.
     *
     * @param file the file
     * @return the array as a tensor
     * @throws NpyFormatException when the file is malformed or unsupported
     */
    public static Tensor read(Path file) throws IOException {
        return decode(file.toString(), Files.readAllBytes(file));
    }

    /**
     * Writes a tensor as a .npy file (version 1.0, or 2.0 when the header needs it).
     *
     * @param file the file
     * @param tensor the tensor
     */
    public static void write(Path file, Tensor tensor) throws IOException {
        Files.write(file, encode(tensor));
    }

    /**
     * Decodes .npy bytes.
     *
     * @param source the name used in messages
     * @param data the file content
     * @return the tensor
     */
    public static Tensor decode(String source, byte[] data) {
        if (data.length < 10) {
            throw new NpyFormatException(source + ": too short for a .npy file (" + data.length + " bytes)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (data[i] != MAGIC[i]) {
                throw new NpyFormatException(source + ": not a .npy file (bad magic)");
            }
        }
        int major = data[6] & 0xff;
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int headerStart;
        switch (major) {
            case 1 -> {
                headerLength = b.getShort(8) & 0xffff;
                headerStart = 10;
            }
            case 2, 3 -> {
                if (data.length < 12) {
                    throw new NpyFormatException(source + ": truncated .npy header");
                }
                headerLength = b.getInt(8) & 0xffffffffL;
                headerStart = 12;
            }
            default ->
                throw new NpyFormatException(
                        source + ": unsupported .npy format version " + major + "." + (data[7] & 0xff));
        }
        if (headerStart + headerLength > data.length) {
            throw new NpyFormatException(
                    source + ": header of " + headerLength + " bytes runs past the end of the file");
        }
        String header = new String(
                data,
                headerStart,
                (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        DataType type = dtype(source, field(source, header, DESCR, "descr"));
        if (field(source, header, FORTRAN, "fortran_order").equals("True")) {
            throw new NpyFormatException(source + ": Fortran-ordered arrays are not supported; save with C order");
        }
        Shape shape = shape(source, field(source, header, SHAPE, "shape"));
        int offset = (int) (headerStart + headerLength);
        long bytes = (long) shape.elementCount() * type.byteSize();
        if (data.length - offset < bytes) {
            throw new NpyFormatException(source + ": " + type.label() + shape + " needs " + bytes
                    + " bytes of data but the file holds " + (data.length - offset));
        }
        Tensor t = Tensor.allocate(TensorType.of(type, shape));
        t.bytes().put(data, offset, (int) bytes);
        return t;
    }

    private static String field(String source, String header, Pattern p, String name) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new NpyFormatException(source + ": the .npy header has no valid '" + name + "': " + header.trim());
        }
        return m.group(1);
    }

    private static DataType dtype(String source, String descr) {
        if (descr.length() < 2) {
            throw new NpyFormatException(source + ": unsupported dtype '" + descr + "'");
        }
        char order = descr.charAt(0);
        String code = "<>=|".indexOf(order) >= 0 ? descr.substring(1) : descr;
        DataType type = switch (code) {
            case "f4" -> DataType.FLOAT32;
            case "f8" -> DataType.FLOAT64;
            case "f2" -> DataType.FLOAT16;
            case "i1" -> DataType.INT8;
            case "u1" -> DataType.UINT8;
            case "b1" -> DataType.BOOL;
            case "i2" -> DataType.INT16;
            case "u2" -> DataType.UINT16;
            case "i4" -> DataType.INT32;
            case "u4" -> DataType.UINT32;
            case "i8" -> DataType.INT64;
            case "u8" -> DataType.UINT64;
            default -> throw new NpyFormatException(source + ": unsupported dtype '" + descr + "'");
        };
        if (type.byteSize() > 1) {
            boolean little = order == '<' || order == '=' && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
            if (order == '>' || order == '=' && !little) {
                throw new NpyFormatException(source + ": big-endian data ('" + descr + "') is not supported;"
                        + " convert with astype('<" + code + "')");
            }
            if (!little) {
                throw new NpyFormatException(source + ": dtype '" + descr + "' has no byte order");
            }
        }
        return type;
    }

    private static Shape shape(String source, String tuple) {
        List<Integer> dims = new ArrayList<>();
        for (String part : tuple.split(",")) {
            String s = part.trim();
            if (s.endsWith("L")) {
                s = s.substring(0, s.length() - 1); // Python 2 longs
            }
            if (s.isEmpty()) {
                continue;
            }
            try {
                dims.add(Integer.parseInt(s));
            } catch (NumberFormatException e) {
                throw new NpyFormatException(source + ": invalid shape (" + tuple + ")");
            }
        }
        try {
            return Shape.of(dims);
        } catch (IllegalArgumentException e) {
            throw new NpyFormatException(source + ": invalid shape (" + tuple + "): " + e.getMessage());
        }
    }

    /**
     * Encodes a tensor as .npy bytes.
     *
     * @param tensor the tensor
     * @return the file content
     */
    public static byte[] encode(Tensor tensor) {
        String descr = descr(tensor.dataType());
        int[] dims = tensor.shape().dims();
        StringBuilder shape = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            shape.append(i > 0 ? ", " : "").append(dims[i]);
        }
        if (dims.length == 1) {
            shape.append(',');
        }
        shape.append(')');
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int prefix = 10;
        int major = 1;
        int total = prefix + dict.length() + 1;
        if (total + (64 - total % 64) % 64 - prefix > 0xffff) {
            major = 2;
            prefix = 12;
            total = prefix + dict.length() + 1;
        }
        int padded = total + (64 - total % 64) % 64;
        int headerLength = padded - prefix;
        byte[] data = tensor.toByteArray();
        ByteBuffer out = ByteBuffer.allocate(padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            out.putShort((short) headerLength);
        } else {
            out.putInt(headerLength);
        }
        out.put(dict.getBytes(StandardCharsets.ISO_8859_1));
        while (out.position() < padded - 1) {
            out.put((byte) ' ');
        }
        out.put((byte) '\n');
        out.put(data);
        return out.array();
    }

    private static String descr(DataType type) {
        return switch (type) {
            case FLOAT32 -> "<f4";
            case FLOAT64 -> "<f8";
            case FLOAT16 -> "<f2";
            case INT8 -> "|i1";
            case UINT8 -> "|u1";
            case BOOL -> "|b1";
            case INT16 -> "<i2";
            case UINT16 -> "<u2";
            case INT32 -> "<i4";
            case UINT32 -> "<u4";
            case INT64 -> "<i8";
            case UINT64 -> "<u8";
            case BFLOAT16 -> throw new NpyFormatException("bfloat16 has no .npy dtype; cast to float32 first");
            case INT4, UINT4 ->
                throw new NpyFormatException(type.label() + " has no .npy dtype (numpy stores no "
                        + "packed 4-bit type); dequantize or cast to int8 first");
        };
    }

    /** @return a file-system-safe file name for a tensor name (letters, digits, '.', '_', '-') */
    public static String safeFileName(String tensorName) {
        String s = tensorName.replaceAll("[^A-Za-z0-9._-]", "_");
        if (s.isEmpty() || s.chars().allMatch(c -> c == '.')) {
            s = "_" + s;
        }
        if (s.length() > 200) {
            s = s.substring(0, 200);
        }
        return s;
    }
}
