package dev.vela.runtime.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A strict little JSON reader for asserting on reports: objects, arrays, strings, numbers, true/false/null. */
public final class MiniJson {

    private final String text;
    private int pos;

    private MiniJson(String text) {
        this.text = text;
    }

    /**
     * @param text one JSON value, optionally surrounded by whitespace
     * @return Map, List, String, Double, Boolean or null
     */
    public static Object parse(String text) {
        MiniJson p = new MiniJson(text);
        Object v = p.value();
        p.skip();
        if (p.pos != text.length()) {
            throw new IllegalArgumentException("trailing text at " + p.pos);
        }
        return v;
    }

    private Object value() {
        skip();
        char c = text.charAt(pos);
        switch (c) {
            case '{' -> {
                pos++;
                Map<String, Object> m = new LinkedHashMap<>();
                skip();
                if (text.charAt(pos) == '}') {
                    pos++;
                    return m;
                }
                do {
                    skip();
                    String k = string();
                    skip();
                    expect(':');
                    if (m.put(k, value()) != null) {
                        throw new IllegalArgumentException("duplicate key " + k);
                    }
                    skip();
                } while (text.charAt(pos++) == ',');
                if (text.charAt(pos - 1) != '}') {
                    throw new IllegalArgumentException("expected } at " + (pos - 1));
                }
                return m;
            }
            case '[' -> {
                pos++;
                List<Object> l = new ArrayList<>();
                skip();
                if (text.charAt(pos) == ']') {
                    pos++;
                    return l;
                }
                do {
                    l.add(value());
                    skip();
                } while (text.charAt(pos++) == ',');
                if (text.charAt(pos - 1) != ']') {
                    throw new IllegalArgumentException("expected ] at " + (pos - 1));
                }
                return l;
            }
            case '"' -> {
                return string();
            }
            default -> {
                for (String word : new String[] {"true", "false", "null"}) {
                    if (text.startsWith(word, pos)) {
                        pos += word.length();
                        return word.equals("null") ? null : Boolean.valueOf(word);
                    }
                }
                int start = pos;
                while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
                    pos++;
                }
                return Double.valueOf(text.substring(start, pos));
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return b.toString();
            }
            if (c < 0x20) {
                throw new IllegalArgumentException("unescaped control character at " + (pos - 1));
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    b.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> b.append(e);
            }
        }
    }

    private void expect(char c) {
        if (text.charAt(pos) != c) {
            throw new IllegalArgumentException("expected " + c + " at " + pos);
        }
        pos++;
    }

    private void skip() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }
}
