package dev.vela.conformance.custom;

import dev.vela.spi.DataType;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads NumPy {@code .npy} files (format 1.0 to 3.0, C order, little-endian or byte-sized element types) into
 * tensors, for admission cases. Sizes are checked against the file before anything is allocated.
 */
final class NpyReader {

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyReader() {}

    /**
     * @param name the file, for messages
     * @param bytes its content
     * @return the tensor
     * @throws IllegalArgumentException naming what is wrong
     */
    static Tensor read(String name, byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10
                || (bytes[0] & 0xff) != 0x93
                || !new String(bytes, 1, 5, StandardCharsets.ISO_8859_1).equals("NUMPY")) {
            throw new IllegalArgumentException(name + ": not a .npy file (no \\x93NUMPY magic)");
        }
        int major = bytes[6];
        long headerLength;
        int start;
        if (major == 1) {
            headerLength = b.getShort(8) & 0xffff;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new IllegalArgumentException(name + ": truncated .npy header");
            }
            headerLength = b.getInt(8) & 0xffffffffL;
            start = 12;
        } else {
            throw new IllegalArgumentException(name + ": .npy format version " + major + " is not supported");
        }
        if (start + headerLength > bytes.length) {
            throw new IllegalArgumentException(name + ": the .npy header runs past the end of the file");
        }
        String header = new String(bytes, start, (int) headerLength, StandardCharsets.ISO_8859_1);
        DataType type = dataType(name, group(name, DESCR, header, "descr"));
        if (group(name, FORTRAN, header, "fortran_order").equals("True")) {
            throw new IllegalArgumentException(name + ": Fortran-order arrays are not supported");
        }
        List<Integer> dims = new ArrayList<>();
        for (String d : group(name, SHAPE, header, "shape").split(",")) {
            if (!d.isBlank()) {
                try {
                    dims.add(Integer.parseInt(d.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + ": bad dimension '" + d.trim() + "' in the .npy shape");
                }
            }
        }
        Shape shape;
        try {
            shape = Shape.of(dims);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + ": bad .npy shape " + dims + ": " + e.getMessage());
        }
        long expected = (long) shape.elementCount() * type.byteSize();
        long available = bytes.length - start - headerLength;
        if (available != expected) {
            throw new IllegalArgumentException(name + ": the .npy data holds " + available + " bytes, the shape "
                    + shape + " of " + type.label() + " needs " + expected);
        }
        Tensor t = Tensor.allocate(TensorType.of(type, shape));
        t.bytes().put(0, bytes, (int) (start + headerLength), (int) expected);
        return t;
    }

    private static String group(String name, Pattern p, String header, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IllegalArgumentException(name + ": the .npy header has no '" + key + "'");
        }
        return m.group(1);
    }

    private static DataType dataType(String name, String descr) {
        return switch (descr) {
            case "<f4" -> DataType.FLOAT32;
            case "<f2" -> DataType.FLOAT16;
            case "<f8" -> DataType.FLOAT64;
            case "|i1", "<i1" -> DataType.INT8;
            case "|u1", "<u1" -> DataType.UINT8;
            case "<i2" -> DataType.INT16;
            case "<u2" -> DataType.UINT16;
            case "<i4" -> DataType.INT32;
            case "<u4" -> DataType.UINT32;
            case "<i8" -> DataType.INT64;
            case "<u8" -> DataType.UINT64;
            case "|b1" -> DataType.BOOL;
            default ->
                throw new IllegalArgumentException(name + ": .npy element type '" + descr + "' is not supported");
        };
    }
}
