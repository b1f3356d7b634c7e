package dev.vela.spi.admission;

import dev.vela.spi.API;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The canonical JSON that certificates are signed in, for the SDK's other signed documents (model signatures, model
 * metadata, fleet commands): parsing yields {@code Map} (insertion ordered), {@code List}, {@code String},
 * {@code Boolean}, {@code null}, and numbers as their verbatim text ({@code String}); writing is canonical (keys in
 * insertion order, no insignificant white space, fixed escaping), so the same document always yields the same bytes.
 *
 * @since 1.1
 */
@API(status = API.Status.INTERNAL, since = "1.1")
public final class Json {

    private Json() {}

    /**
     * Parses a document.
     *
     * @param text the JSON text
     * @return the value: objects as {@code Map<String, Object>}, arrays as {@code List}, numbers as their text
     * @throws IllegalArgumentException naming the offset when the text is not JSON (or nested deeper than 32)
     */
    public static Object parse(String text) {
        return CanonicalJson.parse(text);
    }

    /**
     * Writes a value canonically.
     *
     * @param value a {@code Map} with {@code String} keys, {@code List}, {@code String}, {@code Boolean}, {@code null},
     *     or a finite {@code Integer}, {@code Long}, {@code Double} or {@code Float}
     * @return the JSON text
     * @throws IllegalArgumentException for any other value or a non-finite number
     */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        CanonicalJson.write(sb, toCanonical(value));
        return sb.toString();
    }

    private static Object toCanonical(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return CanonicalJson.Num.of(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            return CanonicalJson.Num.of(((Number) value).doubleValue());
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("JSON object keys must be strings, got " + e.getKey());
                }
                copy.put(key, toCanonical(e.getValue()));
            }
            return copy;
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            l.forEach(v -> copy.add(toCanonical(v)));
            return copy;
        }
        return value;
    }
}
