package dev.vela.conformance.custom;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an admission case file with Gson's strict streaming reader into plain values: objects become {@code Map<String,
 * Object>} in file order, arrays {@code List<Object>}, integers {@code Long} and other numbers {@code Double}, plus
 * {@code String}, {@code Boolean} and {@code null}. The case reader checks fields on these values, so its messages
 * name a field rather than a Gson type. Nesting is limited so that a hostile file cannot exhaust the stack, and a
 * key given twice is an error rather than a silent choice of one value.
 */
final class CaseJson {

    private static final int MAX_DEPTH = 32;

    private CaseJson() {}

    /**
     * @param text the JSON text
     * @return the value
     * @throws IllegalArgumentException naming the line, column and path of the first error
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
            // Gson reports malformed text as MalformedJsonException, a premature end as EOFException and a wrong token
            // as IllegalStateException; each message names the line, column and path
            throw new IllegalArgumentException(message(e), e);
        }
    }

    /**
     * Gson's message without its advice to the programmer (switch the reader to lenient, see a troubleshooting page),
     * which a vendor fixing a case file cannot act on: what is wrong and where.
     */
    private static String message(Exception e) {
        String m = String.valueOf(e.getMessage());
        int newline = m.indexOf('\n');
        if (newline >= 0) {
            m = m.substring(0, newline);
        }
        return m.replaceFirst(
                "^Use JsonReader\\.setStrictness\\(Strictness\\.LENIENT\\) to accept malformed JSON", "malformed JSON");
    }

    private static Object value(JsonReader in) throws IOException {
        return switch (in.peek()) {
            case BEGIN_OBJECT -> object(in);
            case BEGIN_ARRAY -> array(in);
            case STRING -> in.nextString();
            case NUMBER -> number(in);
            case BOOLEAN -> in.nextBoolean();
            case NULL -> {
                in.nextNull();
                yield null;
            }
            default -> throw new IllegalArgumentException("expected a value at path " + in.getPath());
        };
    }

    private static Map<String, Object> object(JsonReader in) throws IOException {
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
        return map;
    }

    private static List<Object> array(JsonReader in) throws IOException {
        List<Object> list = new ArrayList<>();
        in.beginArray();
        while (in.hasNext()) {
            list.add(value(in));
        }
        in.endArray();
        return list;
    }

    private static Object number(JsonReader in) throws IOException {
        // the number's own text decides its kind: a zero point "3" stays an integer, a scale "0.5" or "1e-3" a double
        String n = in.nextString();
        try {
            if (n.contains(".") || n.contains("e") || n.contains("E")) {
                return Double.parseDouble(n);
            }
            return Long.parseLong(n);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("number '" + n + "' out of range at path " + in.getPath(), e);
        }
    }
}
