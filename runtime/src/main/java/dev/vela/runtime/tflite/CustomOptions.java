package dev.vela.runtime.tflite;

import com.google.flatbuffers.FlexBuffers;
import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a TFLite custom operator's {@code custom_options} into typed node attributes. TFLite writes them as a
 * FlexBuffers map (its schema's only {@code CustomOptionsFormat}); each entry becomes an attribute of the same name:
 * integers and booleans INT (a boolean is 0 or 1), floats FLOAT, strings STRING, vectors of integers or booleans
 * INTS, of floats FLOATS, of strings STRINGS, a blob a uint8 TENSOR. Nested maps, nulls and mixed vectors have no
 * attribute type and are refused, as are bytes that are not a FlexBuffers map, naming the operator.
 */
final class CustomOptions {

    private CustomOptions() {}

    /**
     * @param where the operator, for messages, e.g. {@code m.tflite: operator 3 (CUSTOM:SignalWindow)}
     * @param bytes the custom_options bytes, or null
     * @return the attributes (empty without options)
     * @throws TfliteFormatException when the bytes are not a FlexBuffers map of attribute-typed values
     */
    static Attributes decode(String where, ByteBuffer bytes) {
        if (bytes == null || !bytes.hasRemaining()) {
            return Attributes.empty();
        }
        ByteBuffer copy = ByteBuffer.allocate(bytes.remaining());
        copy.put(bytes.duplicate()).flip();
        Attributes.Builder attributes = Attributes.builder();
        try {
            FlexBuffers.Reference root = FlexBuffers.getRoot(copy);
            if (!root.isMap()) {
                throw malformed(where, "the root is " + typeName(root.getType()) + ", not a map");
            }
            FlexBuffers.Map map = root.asMap();
            int size = map.size();
            if (size < 0 || size > copy.capacity()) {
                throw malformed(where, "the map claims " + size + " entries in " + copy.capacity() + " bytes");
            }
            FlexBuffers.KeyVector keys = map.keys();
            for (int i = 0; i < size; i++) {
                String key = keys.get(i).toString();
                if (key.isEmpty()) {
                    throw malformed(where, "entry " + i + " has an empty key");
                }
                put(where, attributes, key, map.get(i), copy.capacity());
            }
        } catch (TfliteFormatException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new TfliteFormatException(
                    where + ": custom_options are not a valid FlexBuffers map ("
                            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                            + ")",
                    e);
        }
        return attributes.build();
    }

    private static void put(
            String where, Attributes.Builder attributes, String key, FlexBuffers.Reference value, int limit) {
        int type = value.getType();
        if (value.isBoolean()) {
            attributes.put(key, value.asBoolean() ? 1L : 0L);
        } else if (value.isIntOrUInt()) {
            attributes.put(key, value.isUInt() ? value.asUInt() : value.asLong());
        } else if (value.isFloat()) {
            attributes.put(key, (float) value.asFloat());
        } else if (value.isString() || value.isKey()) {
            attributes.put(key, value.isKey() ? value.asKey().toString() : value.asString());
        } else if (value.isBlob()) {
            byte[] blob = value.asBlob().getBytes();
            attributes.put(key, Tensor.ofBytes(TensorType.of(DataType.UINT8, Shape.of(blob.length)), blob));
        } else if ((value.isVector() || value.isTypedVector()) && !value.isMap()) {
            putVector(where, attributes, key, value.asVector(), limit);
        } else {
            throw malformed(where, "option '" + key + "' is " + typeName(type) + ", which no attribute type holds");
        }
    }

    private static void putVector(
            String where, Attributes.Builder attributes, String key, FlexBuffers.Vector v, int limit) {
        int n = v.size();
        if (n < 0 || n > limit) {
            throw malformed(where, "option '" + key + "' claims " + n + " elements in " + limit + " bytes");
        }
        List<FlexBuffers.Reference> items = new ArrayList<>(n);
        boolean ints = true;
        boolean floats = true;
        boolean strings = true;
        for (int i = 0; i < n; i++) {
            FlexBuffers.Reference r = v.get(i);
            items.add(r);
            ints &= r.isIntOrUInt() || r.isBoolean();
            floats &= r.isFloat();
            strings &= r.isString() || r.isKey();
        }
        if (ints) {
            long[] values = new long[n];
            for (int i = 0; i < n; i++) {
                FlexBuffers.Reference r = items.get(i);
                values[i] = r.isBoolean() ? (r.asBoolean() ? 1 : 0) : r.isUInt() ? r.asUInt() : r.asLong();
            }
            attributes.put(key, values);
        } else if (floats) {
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                values[i] = (float) items.get(i).asFloat();
            }
            attributes.put(key, values);
        } else if (strings) {
            List<String> values = new ArrayList<>(n);
            for (FlexBuffers.Reference r : items) {
                values.add(r.isKey() ? r.asKey().toString() : r.asString());
            }
            attributes.put(key, values);
        } else {
            throw malformed(
                    where, "option '" + key + "' is a vector mixing element types, which no attribute type" + " holds");
        }
    }

    private static TfliteFormatException malformed(String where, String problem) {
        return new TfliteFormatException(where + ": custom_options: " + problem);
    }

    private static String typeName(int type) {
        return switch (type) {
            case FlexBuffers.FBT_NULL -> "null";
            case FlexBuffers.FBT_MAP -> "a map";
            case FlexBuffers.FBT_INT, FlexBuffers.FBT_INDIRECT_INT -> "an int";
            case FlexBuffers.FBT_UINT, FlexBuffers.FBT_INDIRECT_UINT -> "a uint";
            case FlexBuffers.FBT_FLOAT, FlexBuffers.FBT_INDIRECT_FLOAT -> "a float";
            case FlexBuffers.FBT_STRING -> "a string";
            case FlexBuffers.FBT_BLOB -> "a blob";
            case FlexBuffers.FBT_BOOL -> "a bool";
            default -> "FlexBuffers type " + type;
        };
    }
}
