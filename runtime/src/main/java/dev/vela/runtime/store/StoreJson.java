package dev.vela.runtime.store;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The store's unsigned JSON files (metadata, self-tests, the apps file, query results) and the fleet's messages and
 * journal, read and written with Gson's streaming reader and writer. Values are plain: objects {@code Map<String, Object>} in file order, arrays
 * {@code List}, strings, booleans, null, and numbers read as their verbatim text so that {@link JsonDoc} decides
 * whether a field is an integer or a double. Signed documents (model signatures) stay in op-spi's canonical JSON,
 * whose bytes a signature covers.
 */
public final class StoreJson {

    private static final int MAX_DEPTH = 32;

    private StoreJson() {}

    /**
     * @param text JSON text
     * @return the value
     * @throws IllegalArgumentException naming line, column and path of the first error
     */
    static Object parse(String text) {
        try (JsonReader in = new JsonReader(new StringReader(text))) {
            in.setStrictness(Strictness.STRICT);
            in.setNestingLimit(MAX_DEPTH);
            Object value = value(in);
            if (in.peek() != JsonToken.END_DOCUMENT) {
                throw new IllegalArgumentException("unexpected text after the value at path " + in.getPath());
            }
            return value;
        } catch (IOException | IllegalStateException e) {
            throw new IllegalArgumentException(firstLine(e), e);
        }
    }

    /**
     * @param value a {@code Map} with string keys, {@code List}, {@code String}, {@code Boolean}, {@code null} or a
     *     finite {@code Number}
     * @return compact JSON text, object members in the map's order
     * @throws IllegalArgumentException for any other value or a non-finite number
     */
    public static String write(Object value) {
        StringWriter text = new StringWriter();
        try (JsonWriter out = new JsonWriter(text)) {
            out.setSerializeNulls(true);
            write(out, value);
        } catch (IOException e) {
            // a StringWriter does not fail
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static void write(JsonWriter out, Object value) throws IOException {
        if (value == null) {
            out.nullValue();
        } else if (value instanceof String s) {
            out.value(s);
        } else if (value instanceof Boolean b) {
            out.value(b);
        } else if (value instanceof Integer || value instanceof Long) {
            out.value(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("JSON has no literal for the number " + d);
            }
            out.value(d);
        } else if (value instanceof Map<?, ?> m) {
            out.beginObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("JSON object keys must be strings, got " + e.getKey());
                }
                out.name(key);
                write(out, e.getValue());
            }
            out.endObject();
        } else if (value instanceof List<?> l) {
            out.beginArray();
            for (Object o : l) {
                write(out, o);
            }
            out.endArray();
        } else {
            throw new IllegalArgumentException(
                    "no JSON form for a " + value.getClass().getName() + " (" + value + ")");
        }
    }

    private static Object value(JsonReader in) throws IOException {
        return switch (in.peek()) {
            case BEGIN_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                in.beginObject();
                while (in.hasNext()) {
                    String key = in.nextName();
                    if (map.containsKey(key)) {
                        throw new IllegalArgumentException("duplicate key '" + key + "' at path " + in.getPath());
                    }
                    map.put(key, value(in));
                }
                in.endObject();
                yield map;
            }
            case BEGIN_ARRAY -> {
                List<Object> list = new ArrayList<>();
                in.beginArray();
                while (in.hasNext()) {
                    list.add(value(in));
                }
                in.endArray();
                yield list;
            }
            // a number's verbatim text: JsonDoc parses it as the type the field needs
            case STRING, NUMBER -> in.nextString();
            case BOOLEAN -> in.nextBoolean();
            case NULL -> {
                in.nextNull();
                yield null;
            }
            default -> throw new IllegalArgumentException("expected a value at path " + in.getPath());
        };
    }

    /** Gson's message without its advice to programmers (switch to lenient, a troubleshooting page). */
    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int newline = m.indexOf('\n');
        return (newline >= 0 ? m.substring(0, newline) : m)
                .replaceFirst(
                        "^Use JsonReader\\.setStrictness\\(Strictness\\.LENIENT\\) to accept malformed JSON",
                        "malformed JSON");
    }
}
