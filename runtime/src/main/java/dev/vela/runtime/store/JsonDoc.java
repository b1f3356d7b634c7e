package dev.vela.runtime.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed reads from a JSON object (parsed with Gson) whose failures name the document and
 * the field, for the store's metadata, signatures and self-tests and the fleet's command messages.
 *
 * @param source the document's name in messages (a file or topic)
 * @param fields the object's fields
 */
public record JsonDoc(String source, Map<String, Object> fields) {

    /**
     * @param source the document's name in messages
     * @param text JSON text holding one object
     * @return the object
     * @throws ModelStoreException naming the source when the text is not a JSON object
     */
    public static JsonDoc parse(String source, String text) {
        Object value;
        try {
            value = StoreJson.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ModelStoreException(source + ": " + e.getMessage(), e);
        }
        return of(source, value, "document");
    }

    @SuppressWarnings("unchecked")
    private static JsonDoc of(String source, Object value, String what) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new ModelStoreException(source + ": " + what + " is not a JSON object");
        }
        return new JsonDoc(source, (Map<String, Object>) map);
    }

    /**
     * @param key field name
     * @return whether it is present and not null
     */
    public boolean has(String key) {
        return fields.get(key) != null;
    }

    /**
     * @param key field name
     * @return the string value
     * @throws ModelStoreException when missing or not a string
     */
    public String string(String key) {
        return optString(key).orElseThrow(() -> new ModelStoreException(source + ": missing field '" + key + "'"));
    }

    /**
     * @param key field name
     * @return the string value, if present
     * @throws ModelStoreException when present but not a string
     */
    public Optional<String> optString(String key) {
        Object v = fields.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String s)) {
            throw new ModelStoreException(source + ": field '" + key + "' must be a string, got " + v);
        }
        return Optional.of(s);
    }

    /**
     * @param key field name
     * @param fallback returned when absent
     * @return the integer value
     * @throws ModelStoreException when present but not an integer
     */
    public long longValue(String key, long fallback) {
        Object v = fields.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(String.valueOf(v));
        } catch (NumberFormatException e) {
            throw new ModelStoreException(source + ": field '" + key + "' must be an integer, got " + v);
        }
    }

    /**
     * @param key field name
     * @param fallback returned when absent
     * @return the number value
     * @throws ModelStoreException when present but not a number
     */
    public double doubleValue(String key, double fallback) {
        Object v = fields.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(String.valueOf(v));
        } catch (NumberFormatException e) {
            throw new ModelStoreException(source + ": field '" + key + "' must be a number, got " + v);
        }
    }

    /**
     * @param key field name
     * @return the strings of an array field (empty when absent)
     * @throws ModelStoreException when present but not an array of strings
     */
    public List<String> strings(String key) {
        Object v = fields.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new ModelStoreException(source + ": field '" + key + "' must be an array, got " + v);
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s)) {
                throw new ModelStoreException(source + ": field '" + key + "' must hold strings, got " + o);
            }
            out.add(s);
        }
        return out;
    }

    /**
     * @param key field name
     * @return the object field, if present
     * @throws ModelStoreException when present but not an object
     */
    public Optional<JsonDoc> object(String key) {
        Object v = fields.get(key);
        return v == null ? Optional.empty() : Optional.of(of(source, v, "field '" + key + "'"));
    }

    /**
     * @param key field name
     * @return the objects of an array field (empty when absent)
     * @throws ModelStoreException when present but not an array of objects
     */
    public List<JsonDoc> objects(String key) {
        Object v = fields.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new ModelStoreException(source + ": field '" + key + "' must be an array, got " + v);
        }
        List<JsonDoc> out = new ArrayList<>();
        for (Object o : list) {
            out.add(of(source, o, "an element of '" + key + "'"));
        }
        return out;
    }
}
